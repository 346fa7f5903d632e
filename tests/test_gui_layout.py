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
def win(qapp, gemma_path):
    from desktop.ui.app import create_window
    _, w = create_window(first_run_dialog=False)
    w.show()
    yield w
    w.close()


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
    win.plan_details.click()
    qtbot.wait(50)
    if win.plan_label.fontMetrics().horizontalAdvance(full) > win.plan_label.width():
        assert win.plan_label.height() > 2 * line               # unfolded: every line
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
