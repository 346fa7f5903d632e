"""Issue 16, part 3, in the window (offscreen, the real engine with the embedded Gemma): export
and import of chats, the JSON-schema editor and a schema that constrains a real answer, user
presets in the settings dialog, a model's own defaults."""
from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer  # noqa: E402

LOAD_MS = 120_000
ANSWER_MS = 120_000


@pytest.fixture(scope="module")
def win(qapp, gemma_path):
    from desktop.ui.app import create_window
    _, w = create_window(first_run_dialog=False)
    w.settings.set("max_tokens", 24)
    w.settings.set("temperature", 0.0)
    w.show()
    # the embedded Gemma, whatever model earlier tests left as the default
    idx = next(i for i in range(w.model_combo.count())
               if getattr(w.model_combo.itemData(i), "key", None) == "embedded")
    w.model_combo.setCurrentIndex(idx)
    w.load_selected_model()
    yield w
    w.settings.set("min_tokens", 0)  # the session's settings file: later windows read it
    w.close()


def _wait_loaded(qtbot, w):
    qtbot.waitUntil(lambda: w.model_info is not None and "270m" in w.model_info.name.lower(),
                    timeout=LOAD_MS)


def _send(qtbot, w, text: str):
    w.composer.setPlainText(text)
    qtbot.keyClick(w.composer, Qt.Key_Return)
    qtbot.waitUntil(lambda: not w.generating, timeout=ANSWER_MS)


def _sidebar(w) -> list[tuple[int, str]]:
    return [(w.conv_list.item(i).data(Qt.UserRole), w.conv_list.item(i).text())
            for i in range(w.conv_list.count())]


def _transfer(qtbot, w, start) -> tuple[bool, str]:
    assert start() is True
    qtbot.waitUntil(lambda: not w.transfer.busy, timeout=20_000)
    return w.transfer.last_ok, w.transfer.last_message


# ----------------------------------------------------------------------- export / import
def test_export_then_import_in_the_window(qtbot, win, tmp_path):
    _wait_loaded(qtbot, win)
    win.new_chat()
    win.settings.set("min_tokens", 8)  # an answer to export on any CPU (it could be empty)
    try:
        _send(qtbot, win, "Name a prime number above 10.")
    finally:
        win.settings.set("min_tokens", 0)
    cid = win.conv_id
    msgs = [(m.role, m.content) for m in win.convs.path(cid)]
    assert [r for r, _ in msgs] == ["user", "assistant"] and msgs[1][1]
    title = win.convs.title(cid)

    ok, msg = _transfer(qtbot, win, lambda: win.transfer.export([cid], str(tmp_path / "one.json"),
                                                                "json"))
    assert ok and "Exported 1 chat" in msg and msg in win.statusBar().currentMessage()
    data = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert data["format"] == "ember-conversations" and len(data["conversations"]) == 1
    assert [m["content"] for m in data["conversations"][0]["messages"]] == [c for _, c in msgs]
    # Markdown: the format is chosen by the suffix when not given
    ok, _ = _transfer(qtbot, win, lambda: win.transfer.export([cid], str(tmp_path / "one.md")))
    with open(tmp_path / "one.md", encoding="utf-8", newline="") as f:
        md = f.read()
    assert ok and md.startswith(f"# {title}") and msgs[0][1] in md and msgs[1][1].strip() in md
    # all chats, JSON
    ok, _ = _transfer(qtbot, win, lambda: win.transfer.export(None, str(tmp_path / "all.json")))
    assert ok and len(json.loads((tmp_path / "all.json").read_text())["conversations"]) == \
        len(win.convs.list())

    # delete the chat, then import the file: it is back in the sidebar with its messages
    win.delete_conversation(cid)
    win.conversations.drop_undo()
    assert cid not in [c for c, _ in _sidebar(win)]
    ok, msg = _transfer(qtbot, win, lambda: win.transfer.import_file(str(tmp_path / "one.json")))
    assert ok and msg == "Imported 1 chat(s) from one.json.", msg
    new = [c for c, text in _sidebar(win) if title in text]
    assert len(new) == 1
    win.open_conversation(new[0])
    assert [(m.role, m.content) for m in win.convs.path(new[0])] == msgs
    assert [m.text for m in win.chat.messages] == [c for _, c in msgs]
    # the same file again: nothing new
    ok, msg = _transfer(qtbot, win, lambda: win.transfer.import_file(str(tmp_path / "one.json")))
    assert ok and "already here" in msg and len([c for c, t in _sidebar(win) if title in t]) == 1
    # the Markdown file: its visible thread comes back as a chat of its own
    ok, msg = _transfer(qtbot, win, lambda: win.transfer.import_file(str(tmp_path / "one.md")))
    assert ok and msg == "Imported 1 chat(s) from one.md.", msg
    from_md = [c for c, text in _sidebar(win) if title in text and c != new[0]]
    assert len(from_md) == 1
    assert [(m.role, m.content) for m in win.convs.path(from_md[0])] == \
        [(r, c.strip()) for r, c in msgs]   # Markdown does not keep the blank lines around


def _bad_files(tmp_path) -> list:
    good = {"uid": "u-good-1", "title": "Would be imported", "created": "2024-01-01T00:00:00Z",
            "updated": "2024-01-01T00:00:00Z", "messages": [
                {"id": 1, "parent": None, "role": "user", "content": "hi",
                 "created": "2024-01-01T00:00:00Z"}]}
    broken = {"uid": "u-bad-2", "title": "Broken", "created": "2024-01-01T00:00:00Z",
              "updated": "2024-01-01T00:00:00Z", "messages": [
                  {"id": 1, "parent": 7, "role": "user", "content": "orphan",
                   "created": "2024-01-01T00:00:00Z"}]}
    files = {
        "notes.md": ("# Notes\n\nJust a document, no chat in it.\n", "holds no chat"),
        "notes.json": ("# A chat\n\n## You\n\nhello\n", "not JSON"),
        "other.json": (json.dumps({"format": "something-else", "conversations": []}),
                       "not an Ember export"),
        "half.json": (json.dumps({"format": "ember-conversations", "version": 1,
                                  "conversations": [good, broken]}),
                      "does not come before it"),
        "binary.json": (b"\xff\xfe\x00garbage", "could not be read"),
    }
    out = []
    for name, (content, why) in files.items():
        p = tmp_path / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
        out.append((p, why))
    out.append((tmp_path / "missing.json", "no file"))
    return out


def test_a_bad_import_file_says_why_and_changes_nothing(qtbot, win, tmp_path):
    _wait_loaded(qtbot, win)
    before = sorted((c.id, c.title) for c in win.convs.list())
    sidebar = _sidebar(win)
    for path, why in _bad_files(tmp_path):
        ok, msg = _transfer(qtbot, win, lambda p=path: win.transfer.import_file(str(p)))
        assert not ok and msg.startswith("Nothing was imported"), (path.name, msg)
        assert why.lower() in msg.lower(), (path.name, msg)
        box = win.transfer._box   # said in a message box that does not block the window
        assert box is not None and box.isVisible() and box.text() == msg
        box.close()
        assert sorted((c.id, c.title) for c in win.convs.list()) == before
        assert _sidebar(win) == sidebar


def test_export_to_a_place_that_cannot_be_written_says_so(qtbot, win, tmp_path):
    _wait_loaded(qtbot, win)
    target = tmp_path / "no-such-dir" / "x.json"
    ok, msg = _transfer(qtbot, win, lambda: win.transfer.export(None, str(target), "json"))
    assert not ok and "could not be written" in msg and not target.exists()
    win.transfer._box.close()


# --------------------------------------------------------------------------- JSON schema
def test_the_schema_editor_refuses_what_is_not_a_schema(qtbot):
    from desktop.ui.schema_editor import SchemaEditor
    dlg = SchemaEditor(None)
    qtbot.addWidget(dlg)
    assert not dlg.ok_btn.isEnabled() and "empty" in dlg.status.text()
    for text, says in (('{\n  "type": "object",\n  "properties": {"a": }\n}',
                        "line 3, column 23"),
                       ("[1, 2, 3]", "must be a JSON object"),
                       ('{"type": "object", "required": "a"}', "not a valid JSON schema"),
                       ('{"type": "string", "pattern": "[a-z]+"}', "into a grammar")):
        dlg.editor.setPlainText(text)
        assert not dlg.ok_btn.isEnabled()   # at once, before the check runs
        qtbot.waitUntil(lambda s=says: s in dlg.status.text(), timeout=3000)
        assert not dlg.ok_btn.isEnabled()
        dlg.accept()                        # even called: an invalid schema is never taken
        assert dlg.result() == 0 and dlg.isVisible() is False and dlg.schema is None
    dlg.editor.setPlainText('{"type": "object", "properties": {"a": {"type": "integer"}}}')
    qtbot.waitUntil(dlg.ok_btn.isEnabled, timeout=3000)
    assert "valid" in dlg.status.text()
    for name in ("An object with required fields", "A choice among values (enum)",
                 "A list of items (array)"):
        dlg.insert_example(name)
        assert dlg.ok_btn.isEnabled(), name
    dlg.accept()
    assert dlg.result() == 1 and "items" in dlg.schema["properties"]   # the last example


SCHEMA = {"type": "object",
          "properties": {"language": {"enum": ["python", "rust", "go"]},
                         "typed": {"type": "boolean"}},
          "required": ["language", "typed"], "additionalProperties": False}


def test_a_schema_set_in_the_editor_constrains_a_real_answer(qtbot, win):
    import jsonschema
    _wait_loaded(qtbot, win)
    win.new_chat()
    win.json_box.setChecked(False)
    assert win.schema_btn.text() == "{ }"
    from PySide6.QtWidgets import QApplication

    def fill_the_editor():
        from desktop.ui.schema_editor import SchemaEditor
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, SchemaEditor):
            QTimer.singleShot(50, fill_the_editor)
            return
        dlg.editor.setPlainText("{ not json")
        dlg.check()
        assert not dlg.ok_btn.isEnabled()
        dlg.editor.setPlainText(json.dumps(SCHEMA))
        dlg.check()
        dlg.ok_btn.click()

    QTimer.singleShot(0, fill_the_editor)
    win.menus.actions_by_id["schema"].trigger()           # File > JSON schema for this chat… (modal)
    assert win.current_schema() == SCHEMA and win.json_box.isChecked()
    assert win.schema_btn.text().startswith("Schema: {language, typed")
    win.settings.set("max_tokens", 160)
    try:
        _send(qtbot, win, "Which language is Django written in? Is it statically typed?")
    finally:
        win.settings.set("max_tokens", 24)
    assert win.answers.last_request.turn.json_schema == SCHEMA
    answer = win.convs.path(win.conv_id)[-1].content
    jsonschema.validate(json.loads(answer), SCHEMA)
    # kept with the chat: shown again when it is opened, also after another chat
    cid = win.conv_id
    assert win.convs.schema(cid) == SCHEMA
    win.new_chat()
    assert win.schema_btn.text() == "{ }" and win.current_schema() is None
    win.json_box.setChecked(False)
    win.open_conversation(cid)         # a chat with a schema opens in JSON mode
    assert win.schema_btn.text().startswith("Schema:") and win.json_box.isChecked()
    # the chat's settings (the dialog) keep it; "No schema" removes it
    win.convs.set_overrides(cid, {"temperature": 0.0})
    assert win.convs.schema(cid) == SCHEMA and win.convs.get_overrides(cid) == {
        "temperature": 0.0}
    win.set_chat_schema(None)
    assert win.convs.schema(cid) is None and win.schema_btn.text() == "{ }"


# ------------------------------------------------------------------------------- presets
def test_settings_show_the_default_preset_not_custom(qtbot, win, tmp_path):
    from desktop.core.presets import Presets
    from desktop.core.settings import DEFAULTS
    from desktop.ui.settings import SettingsDialog
    assert win.settings.get("system_prompt") == DEFAULTS["system_prompt"]
    dlg = SettingsDialog(win, win.settings, presets=Presets(tmp_path / "presets.json"))
    qtbot.addWidget(dlg)
    assert dlg.preset.currentText() == "Ember (default)"
    assert not dlg.delete_preset_btn.isEnabled() and not dlg.rename_preset_btn.isEnabled()
    dlg.system.setPlainText("Something of my own.")
    assert dlg.preset.currentText() == "Custom"
    dlg.preset.setCurrentText("Code reviewer")
    dlg.preset.textActivated.emit("Code reviewer")   # as a choice in the list sends it
    assert dlg.system.toPlainText().startswith("You are a meticulous code reviewer")
    assert dlg.preset.currentText() == "Code reviewer"
    dlg.reject()


def test_presets_save_rename_delete_export_import(qtbot, win, tmp_path):
    from desktop.core.presets import Presets
    from desktop.ui.settings import SettingsDialog
    ps = Presets(tmp_path / "presets.json")
    dlg = SettingsDialog(win, win.settings, presets=ps)
    qtbot.addWidget(dlg)
    dlg.system.setPlainText("Answer in haiku.")
    dlg.temperature.setValue(1.3)
    dlg.max_tokens.setValue(99)
    assert dlg.save_preset("Poet") == "Poet"
    assert dlg.preset.currentText() == "Poet" and dlg.delete_preset_btn.isEnabled()
    assert Presets(tmp_path / "presets.json").get("Poet").values["temperature"] == 1.3
    assert dlg.save_preset("Code reviewer") is None and "built-in" in dlg.preset_note.text()
    assert dlg.rename_preset("Haiku") == "Haiku"
    assert dlg.preset.currentText() == "Haiku" and "Poet" not in Presets(
        tmp_path / "presets.json").names()
    # changing a value: Custom; choosing the preset: its values back
    dlg.temperature.setValue(0.2)
    assert dlg.preset.currentText() == "Custom"
    dlg.preset.setCurrentText("Haiku")
    dlg.preset.textActivated.emit("Haiku")
    assert (dlg.temperature.value(), dlg.max_tokens.value()) == (1.3, 99)
    assert dlg.export_presets(str(tmp_path / "mine.json")) is True
    # a built-in cannot be deleted
    dlg.preset.setCurrentText("Explainer")
    dlg._preset_buttons()
    assert not dlg.delete_preset_btn.isEnabled()
    assert dlg.delete_preset() is False and "Explainer" in ps.names()
    dlg.preset.setCurrentText("Haiku")
    assert dlg.delete_preset() is True and "Haiku" not in ps.names()
    assert [dlg.preset.itemText(i) for i in range(dlg.preset.count())].count("Haiku") == 0
    # import in another dialog (another data folder): back, and chosen when its values are
    other = SettingsDialog(win, win.settings, presets=Presets(tmp_path / "other.json"))
    qtbot.addWidget(other)
    (tmp_path / "bad.json").write_text('{"format": "ember-presets", "presets": 3}')
    assert other.import_presets(str(tmp_path / "bad.json")) == []
    assert "No preset was imported" in other.preset_note.text()
    assert other.import_presets(str(tmp_path / "mine.json")) == ["Haiku"]
    other.preset.setCurrentText("Haiku")
    other.preset.textActivated.emit("Haiku")
    assert other.system.toPlainText() == "Answer in haiku." and other.preset.currentText() == \
        "Haiku"
    dlg.reject()
    other.reject()


# ------------------------------------------------------------------- per-model defaults
def test_a_models_defaults_apply_when_it_is_loaded_under_a_chats_own(qtbot, win):
    from desktop.ui.settings import SettingsDialog
    _wait_loaded(qtbot, win)
    key = win.session.model_key
    assert key == "embedded"
    first_ctx = win.model_info.n_ctx
    want_ctx = 4096 if first_ctx != 4096 else 8192
    # Settings… from the window shows "Defaults for this model" for the loaded one
    from PySide6.QtWidgets import QApplication
    seen = {}

    def look():
        d = QApplication.activeModalWidget()
        if not isinstance(d, SettingsDialog):
            QTimer.singleShot(50, look)
            return
        seen.update(key=d.model_key, title=d.model_group.title(),
                    shown=d.model_group.isVisibleTo(d))
        d.reject()

    QTimer.singleShot(0, look)
    win.settings_btn.click()
    assert seen == {"key": "embedded", "title": "Defaults for this model (Gemma 3 270M "
                    "(embedded, tiny))", "shown": True}
    # "Defaults for this model" in the settings dialog
    dlg = SettingsDialog(win, win.settings, model_key=key, model_title="Gemma")
    qtbot.addWidget(dlg)
    assert dlg.model_group.isVisibleTo(dlg)
    for k, value in (("temperature", 0.35), ("max_tokens", 20), ("n_ctx", want_ctx),
                     ("system_prompt", "You are terse. Model default.")):
        box, w = dlg.md_widgets[k]
        box.setChecked(True)
        if k == "n_ctx":
            dlg._select(w, value)
        elif k == "system_prompt":
            w.setPlainText(value)
        else:
            w.setValue(value)
    try:
        dlg.accept()
        assert dlg.reload_needed
        assert win.settings.model_defaults(key) == {"temperature": 0.35, "max_tokens": 20,
                                                    "n_ctx": want_ctx, "system_prompt":
                                                    "You are terse. Model default."}
        assert win.settings.get("temperature") == 0.0   # the global value is untouched
        win.load_selected_model()
        qtbot.waitUntil(lambda: win.model_info is not None and win.model_info.n_ctx == want_ctx,
                        timeout=LOAD_MS)
        win.new_chat()
        _send(qtbot, win, "Say hi.")
        turn = win.answers.last_request.turn
        assert (turn.sampling.temperature, turn.sampling.max_tokens) == (0.35, 20)
        assert turn.messages[0] == {"role": "system",
                                    "content": "You are terse. Model default."}
        # a chat's own settings win over the model's
        win.convs.set_overrides(win.conv_id, {"temperature": 0.0, "max_tokens": 12})
        win.answers.message_action("regenerate", win.convs.path(win.conv_id)[-1].id)
        qtbot.waitUntil(lambda: not win.generating, timeout=ANSWER_MS)
        turn = win.answers.last_request.turn
        assert (turn.sampling.temperature, turn.sampling.max_tokens) == (0.0, 12)
    finally:
        win.settings.set_model_defaults(key, {})
    win.load_selected_model()
    qtbot.waitUntil(lambda: win.model_info is not None and win.model_info.n_ctx == first_ctx,
                    timeout=LOAD_MS)


def _wheel(widget, steps: int = 3) -> None:
    """A real mouse-wheel event on `widget` (as scrolling a page past it sends)."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    ev = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                     QPoint(0, 120 * steps), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase,
                     False)
    QApplication.sendEvent(widget, ev)


def test_the_wheel_scrolling_settings_changes_no_value(qtbot, win, tmp_path):
    """Issue 28 (7): scrolling the page with the wheel silently changed the temperature from
    0.70 to 0.40; a spin box or combo box now takes the wheel only once it has the focus."""
    from desktop.core.presets import Presets
    from desktop.ui.settings import SettingsDialog
    dlg = SettingsDialog(win, win.settings, presets=Presets(tmp_path / "presets.json"))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    before = dlg.temperature.value()
    kv_before = dlg.kv.currentIndex()
    dlg.preset.setFocus()
    _wheel(dlg.temperature.lineEdit() if dlg.temperature.lineEdit() else dlg.temperature)
    _wheel(dlg.temperature)
    _wheel(dlg.kv, 3)
    assert dlg.temperature.value() == before and dlg.kv.currentIndex() == kv_before
    dlg.temperature.setFocus()
    qtbot.waitUntil(dlg.temperature.hasFocus, timeout=2000)
    _wheel(dlg.temperature)
    assert dlg.temperature.value() != before        # focused: the wheel is the user's choice
    dlg.reject()


def test_changing_the_language_says_when_it_applies(qtbot, win, tmp_path):
    """Issue 28 (7): "at the next start" was said only in a tooltip."""
    from desktop.core.presets import Presets
    from desktop.ui.settings import SettingsDialog
    dlg = SettingsDialog(win, win.settings, presets=Presets(tmp_path / "presets.json"))
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.language_note.isVisible()
    dlg.language.setCurrentIndex((dlg.language.currentIndex() + 1) % dlg.language.count())
    assert dlg.language_note.isVisible()
    assert "next time Ember starts" in dlg.language_note.text()
    dlg.reject()
