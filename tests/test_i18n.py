"""The window in Chinese and Japanese (issue 16, part 5): every string the window shows goes
through tr(), every source string in the .ts files is translated, the compiled .qm files are
up to date, and the real window shows translated text."""
from __future__ import annotations

import ast
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from desktop.ui import i18n  # noqa: E402

# calls that put their text argument(s) on screen: (name, index of the text argument(s))
VISIBLE_METHODS = {
    "setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setPlaceholderText": (0,),
    "setAccessibleName": (0,), "setAccessibleDescription": (0,), "setStatusTip": (0,),
    "showMessage": (0,), "setTitle": (0,), "setLabelText": (0,), "addAction": (0,),
    "addMenu": (0,), "setWhatsThis": (0,), "setInformativeText": (0,), "setDetailedText": (0,),
    "setHeaderLabels": (0,), "setHorizontalHeaderLabels": (0,), "addRow": (0,),
    "setSpecialValueText": (0,), "setSuffix": (0,), "setPrefix": (0,), "addTab": (1,),
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2),
    "getText": (1, 2), "getItem": (1, 2), "getOpenFileName": (1,), "getSaveFileName": (1,),
    "getExistingDirectory": (1,), "getOpenFileNames": (1,), "addButton": (0,),
    "addItem": (0,), "insertItem": (1,), "setItemText": (1,), "setFormat": (0,),
    # Ember's own: a notice above the chat, a line under a dialog's form
    "show_problem": (0,), "_store_failed": (1,), "_note": (0,), "_report": (1,),
}
VISIBLE_CLASSES = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
                   "QMenu", "QToolButton", "QCommandLinkButton", "QElidingLabel",
                   "QTableWidgetItem", "QListWidgetItem", "QTreeWidgetItem"}
# words that are the same in every language (names, formats, symbols)
SAME_EVERYWHERE = {"Ember", "JSON", "MCP", "Markdown", "GGUF", "OK", "URL", "API", "HTTPS"}


def _untranslated(path: Path) -> list[str]:
    """Lines of `path` where a literal text reaches the screen without tr()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []

    def literal(node) -> bool:
        if isinstance(node, ast.JoinedStr):  # words around the values (not a bare "{a}: {b}")
            return any(literal(v) for v in node.values if isinstance(v, ast.Constant))
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = re.sub(r"<[^<>]*>", "", node.value)   # HTML tags are not words
            return any(c.isalpha() for c in words) and node.value not in SAME_EVERYWHERE
        if isinstance(node, (ast.List, ast.Tuple)):
            return any(literal(e) for e in node.elts)
        if isinstance(node, ast.BinOp):   # "a" + x, "…%s" % x
            return literal(node.left) or literal(node.right)
        if isinstance(node, ast.IfExp):
            return literal(node.body) or literal(node.orelse)
        return False

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in VISIBLE_METHODS:
            idx = VISIBLE_METHODS[f.attr]
        elif isinstance(f, ast.Name) and f.id in VISIBLE_CLASSES:
            idx = (0,)
        else:
            continue
        for i in idx:
            if i < len(node.args) and literal(node.args[i]):
                bad.append(f"{path.name}:{node.lineno}: {ast.unparse(node.args[i])[:70]}")
        for kw in node.keywords:
            if kw.arg in ("text", "title", "toolTip") and literal(kw.value):
                bad.append(f"{path.name}:{node.lineno}: {ast.unparse(kw.value)[:70]}")
    return bad


@pytest.mark.parametrize("path", i18n.sources(), ids=lambda p: p.name)
def test_every_shown_string_goes_through_tr(path):
    bad = _untranslated(path)
    assert not bad, "shown without tr():\n" + "\n".join(bad)


def _error_classes() -> set[str]:
    """The names of EmberError and every subclass the core defines (its messages are shown)."""
    import importlib
    import pkgutil

    import desktop.core as core
    from desktop.core.errors import EmberError
    for m in pkgutil.walk_packages(core.__path__, "desktop.core."):
        importlib.import_module(m.name)
    names, todo = set(), [EmberError]
    while todo:
        c = todo.pop()
        names.add(c.__name__)
        todo.extend(c.__subclasses__())
    return names


def _untranslated_errors(path: Path, errors: set[str]) -> list[str]:
    """Lines of `path` that build an error the user reads from a literal or an f-string
    without tr() (core/texts.py's, which reads the window's .ts files)."""
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        a = node.args[0]
        if name in errors and (isinstance(a, ast.JoinedStr) or isinstance(a, ast.Constant)
                               and isinstance(a.value, str) and any(c.isalpha()
                                                                    for c in a.value)):
            bad.append(f"{path.name}:{node.lineno}: {ast.unparse(a)[:70]}")
    return bad


def test_the_cores_errors_go_through_tr():
    """Every EmberError (and subclass) the window can show is built from a tr() sentence in the
    core files lupdate scans, so it reaches the window in Chinese or Japanese."""
    errors = _error_classes()
    assert {"DocumentError", "PresetError", "HubError", "StoreError", "RemoteError",
            "ModelFileError"} <= errors
    bad = [line for p in i18n.CORE_SOURCES
           for line in _untranslated_errors(i18n.HERE.parent / p, errors)]
    assert not bad, "errors without tr():\n" + "\n".join(bad)
    # and the lint finds one (it is not a test that cannot fail)
    probe = i18n.HERE.parent / "core" / "_probe_for_the_lint.py"
    try:
        probe.write_text('def f(x):\n    raise PresetError(f"There is no {x}.")\n')
        assert _untranslated_errors(probe, errors) == [
            "_probe_for_the_lint.py:2: f'There is no {x}.'"]
    finally:
        probe.unlink()


def test_the_cores_errors_follow_the_language(monkeypatch, tmp_path):
    """The same error in English (the terminal, the API: unchanged), Chinese and Japanese."""
    from desktop.core.documents import extract
    from desktop.core.documents.model import DocumentError
    from desktop.core.errors import ContextOverflowError
    from desktop.core.presets import PresetError, Presets
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    said = {}
    for lang in ("en", "zh_CN", "ja"):
        monkeypatch.setenv("EMBER_LANGUAGE", lang)
        with pytest.raises(DocumentError) as e:
            extract.load_document(empty)
        with pytest.raises(PresetError) as p:
            Presets(tmp_path / "presets.json").delete("nope")
        said[lang] = (str(e.value), str(p.value), str(ContextOverflowError(5000, 4096)))
    assert said["en"] == ("empty.txt is empty.", "There is no preset called 'nope'.",
                          "The prompt is 5,000 tokens but the context holds 4,096: it is 905 "
                          "tokens too long (one position is kept for the answer). Shorten it, "
                          "start a new chat, or load the model with a larger context.")
    for lang, script in (("zh_CN", r"[\u4e00-\u9fff]"), ("ja", r"[\u3040-\u30ff]")):
        for text in said[lang]:
            assert re.search(script, text), (lang, text)
        assert "empty.txt" in said[lang][0] and "'nope'" in said[lang][1]
        assert "5,000" in said[lang][2] and "905" in said[lang][2]


def _messages(ts: Path):
    for msg in ET.parse(ts).getroot().iter("message"):
        yield msg.findtext("source"), msg.find("translation")


@pytest.mark.parametrize("lang", ["zh_CN", "ja"])
def test_every_source_string_is_translated(lang, tmp_path):
    """lupdate run now over the code (into a copy of the committed .ts) finds no string without
    a translation: a new tr() string without its Chinese and Japanese fails here."""
    committed = i18n.TRANSLATIONS / f"ember_{lang}.ts"
    assert committed.exists(), f"{committed} is missing: run python -m desktop.ui.i18n"
    shutil.copy(committed, tmp_path / committed.name)
    i18n.update(tmp_path, compile_qm=False)
    missing = [src for src, tr in _messages(tmp_path / committed.name)
               if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete")
               or not (tr.text or "").strip() and not len(tr)]
    assert not missing, f"{len(missing)} strings without a {lang} translation:\n" + \
        "\n".join(missing[:40])
    n = sum(1 for _ in _messages(tmp_path / committed.name))
    assert n > 80, f"only {n} strings found: is the window's code being scanned?"


@pytest.mark.parametrize("lang", ["zh_CN", "ja"])
def test_the_compiled_translations_are_up_to_date(lang, tmp_path):
    ts = i18n.TRANSLATIONS / f"ember_{lang}.ts"
    qm = tmp_path / "fresh.qm"
    import subprocess
    subprocess.run([i18n._tool("lrelease"), str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)
    assert qm.read_bytes() == ts.with_suffix(".qm").read_bytes(), \
        f"{ts.with_suffix('.qm')} is older than its .ts: run python -m desktop.ui.i18n"


def test_the_language_follows_the_system_or_the_setting():
    from PySide6.QtCore import QLocale
    assert i18n.resolve("system", QLocale("zh_CN")) == "zh_CN"
    assert i18n.resolve("system", QLocale("zh_TW")) == "zh_CN"
    assert i18n.resolve("system", QLocale("ja_JP")) == "ja"
    assert i18n.resolve("system", QLocale("de_DE")) == "en"
    assert i18n.resolve("ja", QLocale("zh_CN")) == "ja"
    assert i18n.resolve("en", QLocale("ja_JP")) == "en"


@pytest.mark.parametrize("lang", ["zh_CN", "ja"])
def test_translations_keep_every_placeholder(lang):
    """A translation that lost or renamed a {name} would raise KeyError in .format(); one that
    lost a file filter's pattern or Qt's %n / %p would break what shows it."""
    import re
    field = re.compile(r"\{([^{}]*)\}")
    bad = []
    for src, t in _messages(i18n.TRANSLATIONS / f"ember_{lang}.ts"):
        if t is not None and t.text:
            if sorted(field.findall(src)) != sorted(field.findall(t.text)):
                bad.append(f"{src!r} -> {t.text!r}")
            # a file dialog's filter: Qt reads the patterns only between ASCII parentheses
            for pattern in re.findall(r"\(\*[^)]*\)", src):
                if pattern not in t.text:
                    bad.append(f"{src!r} -> {t.text!r}: keep {pattern} as it is")
            # Qt's own markers: %n, and a progress bar's %p (percent), %v (value), %m (maximum)
            for marker in ("%n", "%p", "%v", "%m"):
                if marker in src and marker not in t.text:
                    bad.append(f"{src!r} -> {t.text!r}: keep {marker}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("lang,title,remove", [("zh_CN", "远程引擎", "移除"),
                                               ("ja", "リモートエンジン", "削除")])
def test_a_dialog_speaks_the_chosen_language(qapp, lang, title, remove):
    from desktop.ui.remotes import RemotesDialog
    try:
        assert i18n.install(qapp, lang) == lang
        dlg = RemotesDialog()
        assert dlg.windowTitle() == title and dlg.remove_btn.text() == remove
        dlg.deleteLater()
    finally:
        i18n.install(qapp, "en")
    dlg = RemotesDialog()
    assert dlg.windowTitle() == "Remote engines"
    dlg.deleteLater()


def test_the_cores_own_texts_are_translated_too():
    """Built-in presets (name and system prompt) and the example schemas' names come from the
    Qt-free core: the window shows them through i18n.core_text, which must know every one."""
    from desktop.core.json_schema import EXAMPLES
    from desktop.core.settings import DEFAULTS, PRESETS
    known = i18n._core_texts()
    for text in [*PRESETS, *PRESETS.values(), DEFAULTS["system_prompt"], *EXAMPLES]:
        assert text in known, f"{text!r}: add it to i18n._core_texts"


def test_a_builtin_preset_in_chinese(qapp, tmp_path):
    from desktop.core.settings import PRESETS, Settings
    from desktop.ui.settings import SettingsDialog
    try:
        i18n.install(qapp, "zh_CN")
        dlg = SettingsDialog(None, Settings(tmp_path / "settings.json"))
        shown = [dlg.preset.itemText(i) for i in range(dlg.preset.count())]
        assert "代码审查员" in shown and "Code reviewer" not in shown, shown
        dlg.preset.textActivated.emit("代码审查员")
        assert dlg.current_preset() == "Code reviewer"
        prompt = dlg.system.toPlainText()
        assert prompt != PRESETS["Code reviewer"] and "审查" in prompt
        dlg._match_preset()   # its translated prompt is still that preset, not Custom
        assert dlg.preset.currentText() == "代码审查员"
        dlg.deleteLater()
    finally:
        i18n.install(qapp, "en")


@pytest.mark.parametrize("lang,send,chat_menu,context", [
    ("zh_CN", "发送", "对话(&C)", "上下文"), ("ja", "送信", "チャット(&C)", "コンテキスト")])
def test_the_real_window_speaks_chinese_and_japanese(qtbot, qapp, gemma_path, lang, send,
                                                     chat_menu, context):
    """The "language" setting: the window, its menus and every visible text in that language
    (no visible label, button or box still shows an English source text that has a
    translation)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from desktop.core.settings import Settings
    from desktop.ui.app import create_window
    s = Settings()
    s.set("language", lang)
    s.save()
    translated = {src: t.text for src, t in _messages(i18n.TRANSLATIONS / f"ember_{lang}.ts")
                  if t is not None and t.text and t.text != src}
    try:
        _, w = create_window(first_run_dialog=False)
        w.show()
        qtbot.waitUntil(lambda: w.model_info is not None, timeout=120_000)
        assert w.send_btn.text() == send
        assert chat_menu in [a.text() for a in w.menuBar().actions()]
        # the planner's sentence, made in the engine process, arrives in the window's language
        assert context in w.plan_label.text() and " context, " not in w.plan_label.text()
        english = []
        for widget in [*w.findChildren(QLabel), *w.findChildren(QAbstractButton)]:
            if widget.isVisible() and widget.text() in translated:
                english.append(widget.text())
        assert not english, f"shown in English: {english}"
        w.close()
    finally:
        s.set("language", "system")
        s.save()
        i18n.install(qapp, "en")


@pytest.mark.parametrize("lang", ["zh_CN", "ja"])
def test_nothing_is_clipped_in_chinese_and_japanese(qtbot, qapp, gemma_path, lang, tmp_path):
    """The design test's clipping check (every visible label, button and check box fits its
    text), on the real window in each language, at 100% and 200% text."""
    from test_gui_design import _clipped, _scaled_text

    from desktop.core.settings import Settings
    from desktop.ui.app import create_window
    s = Settings()
    s.set("language", lang)
    s.save()
    try:
        _, w = create_window(first_run_dialog=False)
        w.show()
        qtbot.waitUntil(lambda: w.model_info is not None, timeout=120_000)
        try:
            for scale in (1.0, 2.0):
                w.resize(int(1180 * scale), int(780 * scale))
                _scaled_text(qapp, w, scale, "light")
                qtbot.wait(300)
                w.grab().save(str(tmp_path / f"{lang}-{int(scale * 100)}.png"))
                assert _clipped(w) == [], f"{lang} at {scale:.0%}"
        finally:
            _scaled_text(qapp, w, 1.0, "light")
            w.close()
    finally:
        s.set("language", "system")
        s.save()
        i18n.install(qapp, "en")


def test_the_cores_sentences_follow_the_language(monkeypatch):
    """core/texts.py: the planner's sentences in the language the window set (EMBER_LANGUAGE,
    inherited by the engine process), English otherwise; read from the same .ts, without Qt."""
    from desktop.core import hardware, plan, texts
    hw = hardware.probe()
    facts = plan.ModelFacts.from_catalog(__import__("desktop.core.catalog", fromlist=["x"])
                                         .load().get("qwen2.5-1.5b-instruct"))
    monkeypatch.setenv("EMBER_LANGUAGE", "en")
    english = plan.plan(facts, hw).sentence
    assert " context, " in english
    monkeypatch.setenv("EMBER_LANGUAGE", "ja")
    japanese = plan.plan(facts, hw).sentence
    assert "コンテキスト" in japanese and " context, " not in japanese
    monkeypatch.setenv("EMBER_LANGUAGE", "zh_CN")
    assert texts.tr("CPU only") == "仅 CPU"
    from desktop.core.hub.listing import HubError, parse_repo
    with pytest.raises(HubError, match="不是 Hugging Face"):   # "Add from Hugging Face"'s errors
        parse_repo("https://example.com/x/y")
    monkeypatch.setenv("EMBER_LANGUAGE", "de")   # not one of Ember's: English
    assert texts.tr("CPU only") == "CPU only"
    with pytest.raises(HubError, match="is not a Hugging Face address"):
        parse_repo("https://example.com/x/y")
