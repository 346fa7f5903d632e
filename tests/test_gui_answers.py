"""Issue 28, items 1, 4 and 6 (offscreen): an answer's bare code shown as code and headings no
bigger than the text around them; the view follows a streaming answer; every ending of an
answer shown on it and kept with it. The texts are fed to the view or written to the store:
none depends on the model's greedy words."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextCursor  # noqa: E402

# what the embedded base model wrote for "Write a Python function that reverses a string"
BARE_CODE = ("def reverse_string(s):\n"
             "    # Reverse the string\n"
             "    return s[::-1]\n"
             "\n"
             "# Test the function\n"
             "print(reverse_string(\"hello\"))\n")


def _largest_heading_ratio(w) -> float:
    """The biggest font of the answer's text, as a share of its body font."""
    doc = w.body.document()
    base = doc.defaultFont().pointSizeF()
    biggest = base
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and frag.text().strip():
                size = frag.charFormat().font().pointSizeF()
                biggest = max(biggest, size if size > 0 else base)
            it += 1
        block = block.next()
    return biggest / base


# --------------------------------------------------------------- 1: code, headings
def test_bare_code_from_a_model_is_shown_as_a_code_block(qtbot):
    from desktop.ui.chat_view import MessageWidget
    once = MessageWidget("assistant", BARE_CODE)
    qtbot.addWidget(once)
    assert len(once._code) == 1 and "return s[::-1]" in once._code[0]
    assert "# Test the function" in once._code[0]
    lines = once.body.toPlainText().splitlines()
    assert "    return s[::-1]" in lines            # its lines kept, not joined as prose
    assert _largest_heading_ratio(once) <= 1.01      # no "# comment" became a heading
    # streamed piece by piece, the same code block
    w = MessageWidget("assistant")
    qtbot.addWidget(w)
    w.begin_stream()
    for i in range(0, len(BARE_CODE), 4):
        w.append(BARE_CODE[i:i + 4])
        w.refresh()
    assert w._code == once._code
    assert w.body.toPlainText().split() == once.body.toPlainText().split()
    # prose around code keeps being prose
    mixed = MessageWidget("assistant", "Here it is:\n\n" + BARE_CODE + "\nIt slices the string.")
    qtbot.addWidget(mixed)
    assert len(mixed._code) == 1 and "Here it is" not in mixed._code[0]
    assert "slices" not in mixed._code[0]
    prose = MessageWidget("assistant", "Paris is the capital of France.\n\nIt is big.")
    qtbot.addWidget(prose)
    assert prose._code == []


def test_a_heading_is_never_much_bigger_than_the_text(qtbot):
    from desktop.ui.chat_view import MessageWidget
    w = MessageWidget("assistant", "# Title\n\nSome text.\n\n## Part\n\nMore text.")
    qtbot.addWidget(w)
    assert "Title" in w.body.toPlainText()
    assert 1.0 < _largest_heading_ratio(w) <= 1.16


# --------------------------------------------------------------- 4: following the stream
def test_the_view_follows_a_streaming_answer_unless_scrolled_up(qtbot):
    from desktop.ui.chat_view import ChatView
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    view.add_message("user", "Count to a hundred, one number a line.")
    w = view.add_message("assistant")
    view.start_stream(w)
    qtbot.wait(50)   # the answer's widget is shown before its first piece comes
    bar = view.verticalScrollBar()

    def at_bottom_of_the_content() -> bool:
        # the range matches the content, and the view shows its end
        span = view.inner.height() - view.viewport().height()
        return bar.maximum() > 0 and bar.maximum() == span and bar.value() == bar.maximum()

    para = "word " * 20 + "\n\n"
    for i in range(12):
        # each render of the answer: the range and the position follow it at once, not at
        # some later turn of the event loop (the scrollbar matches what is shown)
        view.append(f"Paragraph {i}: {para}")
        view._refresh.cancel()
        view._tick()
        if bar.maximum() or w.body.height() > view.viewport().height():
            assert at_bottom_of_the_content(), (i, bar.value(), bar.maximum(),
                                                view.inner.height(), view.viewport().height())
    for i in range(60):
        view.append(f"{i}\n\n")
        qtbot.wait(5)
    qtbot.waitUntil(lambda: "59" in w.body.toPlainText(), timeout=3000)
    qtbot.wait(100)
    assert at_bottom_of_the_content(), (bar.value(), bar.maximum(), view.inner.height(),
                                        view.viewport().height())
    assert w.body.verticalScrollBar().value() == 0   # the answer never scrolls inside itself
    assert w.body.cursorRect(QTextCursor(w.body.document())) is not None
    # the user scrolls up to read: the view stays where the user put it
    bar.setValue(bar.maximum() // 3)
    kept = bar.value()
    for i in range(60, 90):
        view.append(f"{i}\n\n")
        qtbot.wait(5)
    qtbot.waitUntil(lambda: "89" in w.body.toPlainText(), timeout=3000)
    qtbot.wait(100)
    assert bar.value() == kept
    assert bar.maximum() == view.inner.height() - view.viewport().height()
    # back at the bottom, it follows again
    bar.setValue(bar.maximum())
    for i in range(90, 110):
        view.append(f"{i}\n\n")
        qtbot.wait(5)
    view.stop_stream()
    qtbot.wait(100)
    assert at_bottom_of_the_content()


# --------------------------------------------------------------- 6: how an answer ended
@pytest.fixture(scope="module")
def win(gui_window):
    return gui_window


def _chat_with(store, endings: list[tuple[dict | None, str]]) -> int:
    """A chat with one question and one answer version per (metrics, status), in order."""
    cid = store.create_conversation("Endings")
    q = store.add_message(cid, "user", "Tell me a story.")
    for n, (metrics, status) in enumerate(endings):
        rid = store.begin_reply(cid, q, model="test")
        store.finish_reply(rid, f"Once upon a time {n} x = (1 +", metrics, status=status)
    return cid


def test_every_ending_is_shown_on_the_answer_and_kept(qtbot, win):
    from desktop.core.turns import TurnMetrics
    from desktop.ui.i18n import tr
    store = win.convs.s
    endings = [({"finish_reason": "length"}, "complete"),
               ({"finish_reason": "cancelled"}, "complete"),
               ({"finish_reason": "stop", "repetition": True}, "complete"),
               (None, "interrupted"),
               ({"finish_reason": "error"}, "interrupted"),
               ({"finish_reason": "stop"}, "complete")]
    expected = [tr("hit the length limit"), tr("stopped"), tr("stopped: it was repeating itself"),
                tr("interrupted"), tr("ended by an error"), ""]
    cid = _chat_with(store, endings)
    win.open_conversation(cid)
    answer = win.chat.messages[-1]
    assert answer.versions.text() == f"{len(endings)}/{len(endings)}"
    # each version, reached with the ‹ button, says how it ended
    for i in reversed(range(len(endings))):
        answer = win.chat.messages[-1]
        assert answer.versions.text() == f"{i + 1}/{len(endings)}"
        assert answer._note == expected[i], (i, answer._note)
        can = answer.buttons["continue"].isVisibleTo(answer)
        assert can == (i in (0, 3)), i      # Continue: the length limit, an interruption
        if i:
            answer.prev_btn.click()
    # the live answer's ending, as the controller shows it, then as it is kept
    m = win.chat.messages[-1]
    metrics = TurnMetrics(finish_reason="stop", repetition=True)
    win.answers._show_ending(m, m.text, metrics)
    assert m._note == tr("stopped: it was repeating itself")


def test_closing_mid_answer_keeps_it_interrupted_with_continue(qtbot, win):
    """The window closes while an answer streams: reopened, it says "interrupted" and offers
    Continue (before: saved as stopped, without a word)."""
    store = win.convs.s
    cid = store.create_conversation("Closing")
    q = store.add_message(cid, "user", "Count.")
    rid = store.begin_reply(cid, q, model="test")
    a = win.answers
    a.generating, a.reply_id, a.reply_text, a.continue_prefix = True, rid, "1, 2, 3,", ""
    try:
        a.close()
    finally:
        a.generating, a.reply_id = False, None
    saved = store.get_message(rid)
    assert saved.interrupted and saved.content == "1, 2, 3,"
    win.open_conversation(cid)
    answer = win.chat.messages[-1]
    assert answer._note == "interrupted" or answer._note.startswith("interrupted")
    assert answer.buttons["continue"].isVisibleTo(answer)


def test_a_last_line_cut_inside_bare_code_stays_in_its_block():
    """Found in the walkthrough: the repetition guard cut an answer at "print", which was
    shown as prose under the code block."""
    from desktop.ui.markdown import fence_bare_code
    text = 'def reverse(s):\n    return s[::-1]\n\nprint(reverse("hello"))\nprint'
    out = fence_bare_code(text)
    assert out.rstrip().endswith("```"), out
    assert "print\n```" in out, out
