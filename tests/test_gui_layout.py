"""The window's layout at small sizes (issue 28, item 9): a minimum size under which widgets
would overlap, and the planner's sentence on one line with its details on demand. The real
window, offscreen, with the embedded model loaded."""
from __future__ import annotations

import itertools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QRect


@pytest.fixture(scope="module")
def win(gui_window):
    return gui_window


def _loaded(qtbot, w):
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=120_000)


def _rect(w, widget) -> QRect:
    return QRect(widget.mapTo(w, widget.rect().topLeft()), widget.size())


def test_the_window_has_a_minimum_size_where_nothing_overlaps(qtbot, win):
    """At 640x480 widgets overlapped: the window now stops at a size where they fit."""
    _loaded(qtbot, win)
    win.resize(640, 480)
    qtbot.wait(50)
    assert win.width() >= 760 and win.height() >= 540
    parts = [win.composer, win.send_btn, win.attach_btn, win.tools_row, win.chat,
             win.model_combo, win.plan_label]
    for a, b in itertools.combinations(parts, 2):
        if a.isVisible() and b.isVisible() and not a.isAncestorOf(b) and not b.isAncestorOf(a):
            assert not _rect(win, a).intersects(_rect(win, b)), (a.objectName(), b.objectName())
    win.resize(1180, 780)


def test_the_planner_sentence_is_one_line_with_details_on_demand(qtbot, win):
    """At 800x600 the planner's text took about 40% of the height."""
    _loaded(qtbot, win)
    win.resize(800, 600)
    qtbot.wait(50)
    line = win.plan_label.fontMetrics().height()
    full = win.plan_label.text()
    assert full and win.plan_label.toolTip() == full        # the whole sentence is there
    assert win.plan_label.height() <= 2 * line + 8, win.plan_label.height()
    # the line drawn is cut with "…" inside the label, not clipped mid-word at its edge
    from PySide6.QtWidgets import QLabel
    shown = QLabel.text(win.plan_label)
    room = win.plan_label.contentsRect().width()
    assert win.plan_label.fontMetrics().horizontalAdvance(shown) <= room, (shown, room)
    if win.plan_label.fontMetrics().horizontalAdvance(full) > room:
        assert shown.endswith("…") and shown != full, shown
    win.plan_details.click()
    qtbot.wait(50)
    if win.plan_label.fontMetrics().horizontalAdvance(full) > win.plan_label.width():
        assert win.plan_label.height() >= 2 * line              # unfolded: every line
    win.plan_details.click()
    qtbot.wait(50)
    assert win.plan_label.height() <= 2 * line + 8
    win.resize(1180, 780)


def test_sidebar_titles_stay_one_line_in_a_narrow_window(qtbot, win):
    """At 800x600 the sidebar's titles wrapped one word per line."""
    _loaded(qtbot, win)
    win.new_chat()
    win.resize(800, 600)
    qtbot.wait(50)
    em = win.fontMetrics().horizontalAdvance("M")
    assert win.sidebar.width() >= 12 * em
    assert not win.conv_list.wordWrap()
    win.resize(1180, 780)


# ------------------------------------------------------------------ Models… (issue 28, item 8)
def _models_dialog(qtbot, settings):
    from desktop.ui.model_manager import ModelManager
    dlg = ModelManager(None, settings)
    qtbot.addWidget(dlg)
    return dlg


def test_models_writes_sizes_one_way_and_recommends_what_the_welcome_does(qtbot, win, tmp_path):
    """Sizes were "491.0 MB" in one place and "0.49 GB" in another, and the catalog marked the
    7B "(default)" while the welcome panel recommended the 1.5B on this machine."""
    from desktop.core import hub
    from desktop.core.settings import Settings
    from desktop.ui.downloads import recommend
    dlg = _models_dialog(qtbot, Settings(tmp_path / "settings.json"))
    rec = recommend(dlg.catalog, dlg.hw)
    rows = {dlg.table.item(r, 0).text(): r for r in range(dlg.table.rowCount())}
    marked = [name for name in rows if "(recommended here)" in name or "(default)" in name]
    assert len(marked) == 1 and marked[0].startswith(rec.name), (marked, rec.name)
    for m in dlg.catalog:
        if m.size and m.id != "embedded":       # (its name is the window's own, translated)
            r = next(r for name, r in rows.items() if name.startswith(m.name))
            assert dlg.table.item(r, 1).text() == hub.fmt_bytes(m.size)


def test_models_says_the_speed_measured_here_beside_the_fit(qtbot, win, tmp_path):
    """Every model "fits", with no speed hint: the tokens/s estimated from this CPU's measured
    speed now stand beside the fit (CPU-only machines; after a first answer)."""
    from desktop.core.settings import Settings
    settings = Settings(tmp_path / "settings.json")
    dlg = _models_dialog(qtbot, settings)
    if dlg.hw.can_offload:
        pytest.skip("a GPU machine: the CPU's measured speed says nothing of it")
    fits = [dlg.table.item(r, 2).text() for r in range(dlg.table.rowCount())]
    assert not any("tokens/s" in f for f in fits)              # nothing measured yet
    settings.set("cpu_bytes_per_s", 10e9)
    dlg = _models_dialog(qtbot, settings)
    fits = [dlg.table.item(r, 2).text() for r in range(dlg.table.rowCount())]
    assert any("tokens/s here" in f for f in fits), fits


def test_an_answer_on_the_cpu_measures_its_speed(qtbot, win):
    _loaded(qtbot, win)
    if win.model_info.where != "CPU":
        pytest.skip("the model runs on a GPU here")
    from PySide6.QtCore import Qt
    win.settings.set("cpu_bytes_per_s", None)
    win.settings.set("max_tokens", 16)
    win.settings.set("min_tokens", 16)
    try:
        win.new_chat()
        win.composer.setPlainText("def add(a, b):")
        qtbot.keyClick(win.composer, Qt.Key_Return)
        qtbot.waitUntil(lambda: not win.generating, timeout=120_000)
    finally:
        win.settings.set("min_tokens", 0)
    assert win.settings.get("cpu_bytes_per_s") > 1e6


def test_in_chinese_the_builtin_prompt_and_the_embedded_model_follow_the_language(
        qtbot, win, qapp, tmp_path):
    """Issue 28 (10): a system prompt saved while in English stayed English in Chinese, and
    Models… said "(embedded)". A built-in prompt now follows the language unless edited (it is
    kept in English), and the embedded model's name is translated."""
    from desktop.core.presets import Presets
    from desktop.core.settings import DEFAULTS, Settings
    from desktop.ui import i18n
    from desktop.ui.settings import SettingsDialog
    settings = Settings(tmp_path / "settings.json")
    settings.set("system_prompt", DEFAULTS["system_prompt"])        # saved in English
    i18n.install(qapp, "zh_CN")
    try:
        dlg = SettingsDialog(None, settings, presets=Presets(tmp_path / "presets.json"))
        qtbot.addWidget(dlg)
        shown = dlg.system.toPlainText()
        assert shown != DEFAULTS["system_prompt"] and any("\u4e00" <= c <= "\u9fff" for c in shown)
        assert dlg.values()["system_prompt"] == DEFAULTS["system_prompt"]   # kept in English
        dlg.system.setPlainText("我自己的提示。")                              # edited: as written
        assert dlg.values()["system_prompt"] == "我自己的提示。"
        dlg.reject()
        mm = _models_dialog(qtbot, settings)
        names = [mm.table.item(r, 0).text() for r in range(mm.table.rowCount())]
        assert not any("(embedded" in n for n in names), names
    finally:
        i18n.install(qapp, "en")


def test_qts_own_file_dialog_speaks_the_windows_language(qtbot, qapp):
    """Issue 28 (10): the file dialog's "Look in:" and "Files of type:" stayed English: Qt's
    own translations (qtbase_<lang>.qm) are loaded with Ember's."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    from desktop.ui import i18n
    i18n.install(qapp, "zh_CN")
    try:
        dlg = QFileDialog(None, "x")
        dlg.setOption(QFileDialog.DontUseNativeDialog, True)
        qtbot.addWidget(dlg)
        texts = [lb.text() for lb in dlg.findChildren(QLabel)]
        assert not any("Look in" in t or "Files of" in t for t in texts), texts
        assert any(t.startswith("查找范围") for t in texts), texts
        assert any(t.startswith("文件类型") for t in texts), texts
    finally:
        i18n.install(qapp, "en")


def test_search_snippets_read_as_the_message_reads(qtbot, win):
    """Issue 28 (9): search snippets showed «guillemets» and raw newlines."""
    store = win.session.store
    cid = store.create_conversation("Zebra notes")
    store.add_message(cid, "user", "first line about quaggas\nsecond line\n\nthird")
    win.search.setText("quaggas")
    win.conversations.refresh()
    texts = [win.conv_list.item(i).text() for i in range(win.conv_list.count())]
    hit = next(t for t in texts if t.startswith("Zebra notes"))
    title, _, snippet = hit.partition("\n")
    assert "quaggas" in snippet and "«" not in snippet and "»" not in snippet
    assert "\n" not in snippet, hit
    win.search.setText("")
    win.conversations.refresh()


def test_the_edit_dialog_is_sized_for_a_message(qtbot, win):
    """Issue 28 (9): the Edit dialog was tiny (Qt's default multi-line input)."""
    dlg = win.answers.edit_dialog("def f():\n    return 1\n")
    qtbot.addWidget(dlg)
    fm = win.fontMetrics()
    assert dlg.width() >= 60 * fm.horizontalAdvance("M") and dlg.height() >= 14 * fm.height()
    assert dlg.textValue() == "def f():\n    return 1\n"


def test_opening_a_search_result_shows_the_match(qtbot, win):
    """Issue 28 (9): opening a search result did not scroll to the match."""
    store = win.session.store
    cid = store.create_conversation("Long chat")
    parent = None
    for i in range(14):
        words = "the okapi lives in the forest" if i == 7 else f"filler message number {i}"
        parent = store.add_message(cid, "user" if i % 2 == 0 else "assistant",
                                   (words + "\n\n") * 20, parent_id=parent)
    win.search.setText("okapi")
    win.conversations.refresh()
    item = next(win.conv_list.item(i) for i in range(win.conv_list.count())
                if win.conv_list.item(i).text().startswith("Long chat"))
    win.conversations.on_clicked(item)
    target = next(m for m in win.chat.messages if "okapi" in m.text)

    def shown() -> bool:
        vp = win.chat.viewport()
        top = target.mapTo(vp, target.rect().topLeft()).y()
        return 0 <= top < vp.height()
    qtbot.wait(400)                 # the layout settles (the view goes to the end first)
    assert shown()
    win.search.setText("")
    win.conversations.refresh()


def test_the_welcome_says_the_hardware_once(qtbot, win):
    """Issue 28 (9): the same hardware sentence appeared three times on first launch; the
    welcome's recommendation now says how the model runs, not the machine again."""
    from desktop.core import doctor, hardware
    from desktop.ui.model_manager import FirstRunDialog
    dlg = FirstRunDialog(win, win.settings)
    qtbot.addWidget(dlg)
    text = dlg.text.text()
    if dlg.rec is None:
        pytest.skip("no model to recommend in this catalog")
    from desktop.core import plan
    sentence = plan.plan(plan.ModelFacts.from_catalog(dlg.rec), hardware.probe()).sentence
    machine_clause = sentence.partition(": ")[0]          # "CPU only, no NVIDIA GPU found (…)"
    assert machine_clause and machine_clause not in text, (machine_clause, text)
    assert doctor.headline(hardware.probe()).rstrip(".")[:20] in text   # said once, here
    dlg.reject()


def test_an_answer_header_fits_the_smallest_window(qtbot, win):
    """At 800x600 an answer's line (figures, its ending, versions, Continue and the buttons) was
    wider than the chat: a horizontal scroll bar, and the question's buttons cut at the edge.
    The figures and the ending wrap under one another instead; every word stays visible."""
    _loaded(qtbot, win)
    win.new_chat()
    win.resize(800, 600)
    q = win.chat.add_message("user", "Write a Python function that reverses a string.")
    long_line = "x = [" + ", ".join(str(i) for i in range(120)) + "]"   # no break in it
    a = win.chat.add_message("assistant", "```python\ndef reverse(s):\n    return s[::-1]\n"
                             + long_line + "\n```\n")
    a.set_runs({0: {"status": "ok", "stdout": long_line * 3, "stderr": "", "seconds": 0.1}})
    a.set_metrics(0.074, 42.5)
    a.set_meta("stopped: it was repeating itself")
    a.set_sources("from: a-long-specification-file-name.pdf p. 1-4, 7, 9-12")
    a.set_versions(1, 3)
    a.set_can_continue(True)
    qtbot.wait(100)
    assert win.chat.horizontalScrollBar().maximum() == 0
    view = win.chat.viewport()
    for w in (a, q):
        for b in (*w.buttons.values(), w.role_label, w.next_btn):
            if b.isVisible():
                r = QRect(b.mapTo(view, b.rect().topLeft()), b.size())
                assert 0 <= r.left() and r.right() <= view.width(), (b.text(), r, view.rect())
    shown = a.meta.text()
    assert "repeating itself" in shown and "a-long-specification" in shown
    assert a.meta.width() >= a.meta.fontMetrics().horizontalAdvance("TTFT 74 ms")
    win.new_chat()
    win.resize(1180, 780)
