"""Issue 28, items 2 and 3, in the window (offscreen, the real engine with the embedded Gemma):
the documents' budget sentence says what will be sent and goes once it is sent; the question's
bubble names its files and the answer keeps its "from:" line, also when the chat is reopened;
"Chat deleted." is readable beside its Undo button."""
from __future__ import annotations

import os
import re

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

LOAD_MS = 120_000
ANSWER_MS = 180_000


@pytest.fixture(scope="module")
def win(qapp, gemma_path):
    from desktop.ui.app import create_window
    _, w = create_window(first_run_dialog=False)
    w.settings.set("max_tokens", 4)
    w.settings.set("temperature", 0.0)
    w.settings.set("n_ctx", 2048)   # retrieval sends about 1,500 tokens: a quick prefill
    w.show()
    idx = next(i for i in range(w.model_combo.count())
               if getattr(w.model_combo.itemData(i), "key", None) == "embedded")
    w.model_combo.setCurrentIndex(idx)
    w.load_selected_model()
    yield w
    w.settings.set("n_ctx", None)   # the session's settings file: later windows read it
    w.settings.set("max_tokens", 24)
    w.close()


def _wait_loaded(qtbot, w):
    qtbot.waitUntil(lambda: w.model_info is not None and "270m" in w.model_info.name.lower()
                    and w.model_info.n_ctx == 2048, timeout=LOAD_MS)


def _send(qtbot, w, text: str):
    w.composer.setPlainText(text)
    qtbot.keyClick(w.composer, Qt.Key_Return)
    qtbot.waitUntil(lambda: not w.generating, timeout=ANSWER_MS)


def _attach(qtbot, w, path, n: int = 1):
    w.attach_files([str(path)])
    qtbot.waitUntil(lambda: len(w.pending_docs) == n, timeout=60_000)
    qtbot.waitUntil(lambda: "…" not in w.budget_label.text() and path.name in
                    w.budget_label.text(), timeout=60_000)
    return w.budget_label.text()


def _words(n: int, seed: int) -> str:
    import random
    rnd = random.Random(seed)
    vocab = ["parser", "token", "buffer", "socket", "thread", "window", "cache", "record",
             "stream", "module", "schema", "vector", "kernel", "packet", "signal", "folder"]
    lines = [" ".join(rnd.choice(vocab) for _ in range(12)) for _ in range(n // 12)]
    return "\n".join(lines) + "\n"


def test_the_budget_sentence_counts_what_is_sent_and_goes_once_sent(qtbot, win, tmp_path):
    _wait_loaded(qtbot, win)
    win.new_chat()
    doc = tmp_path / "notes.txt"
    doc.write_text(_words(360, seed=1))
    sentence = _attach(qtbot, win, doc)
    said = re.search(r"it takes ([\d,]+) tokens before your question", sentence)
    assert said, sentence
    said_n = int(said[1].replace(",", ""))
    doc_tokens = win.pending_docs[0][1]
    assert doc_tokens < said_n, sentence
    _send(qtbot, win, "Why?")
    real = win.last_metrics.prompt_tokens
    assert said_n <= real <= said_n + 16, (sentence, real)
    # sent: the future-tense sentence is gone
    assert not win.budget_label.isVisible()
    # another file: the sentence names the chip's file and counts the chat's earlier one
    more = tmp_path / "more.txt"
    more.write_text(_words(60, seed=2))
    sentence = _attach(qtbot, win, more)
    assert "more.txt" in sentence and "2 documents" not in sentence, sentence
    assert "1 document already in this chat" in sentence, sentence
    win.attachments.clear()


def test_the_bubble_names_its_files_and_the_answer_keeps_its_sources(qtbot, win, tmp_path):
    _wait_loaded(qtbot, win)
    win.new_chat()
    big = tmp_path / "spec.txt"      # beyond the 32K tokens Gemma 3 270m reads: retrieval
    big.write_text(_words(36_000, seed=3) + "The secret word is marmalade.\n"
                   + _words(4_000, seed=4))
    sentence = _attach(qtbot, win, big)
    assert "best match" in sentence, sentence
    _send(qtbot, win, "What is the secret word?")
    cid = win.conv_id
    question, answer = win.chat.messages[0], win.chat.messages[-1]

    def check():
        assert question.role == "user" and answer.role == "assistant"
        assert question.files_label.isVisible() and "spec.txt" in question.files_label.text()
        assert "from: spec.txt" in answer.meta.text(), answer.meta.text()

    check()                            # the answer ended: the "from:" line stays
    assert not win.budget_label.isVisible()
    win.new_chat()
    win.open_conversation(cid)         # reopened: both come from the store
    qtbot.wait(100)                    # (new widgets are shown at the next event loop turn)
    question, answer = win.chat.messages[0], win.chat.messages[-1]
    check()


def test_chat_deleted_is_readable_beside_its_undo_button(qtbot, win):
    from PySide6.QtWidgets import QLabel, QPushButton
    _wait_loaded(qtbot, win)
    win.new_chat()
    _send(qtbot, win, "A chat to delete.")
    win.delete_conversation(win.conv_id)
    sb = win.statusBar()
    qtbot.wait(50)
    undo = sb.findChild(QPushButton, "undo-delete")
    assert undo is not None and undo.isVisible()
    text = "Chat deleted."

    def readable() -> None:
        labels = [lb for lb in sb.findChildren(QLabel) if lb.isVisible() and text in lb.text()]
        assert labels, f"{text!r} is no widget of its own (painted under the Undo button)"
        lb = labels[0]
        here = lb.geometry().translated(lb.parentWidget().mapTo(sb, lb.pos()) - lb.pos())
        there = undo.geometry().translated(undo.parentWidget().mapTo(sb, undo.pos())
                                           - undo.pos())
        assert not here.intersects(there), (here, there)
        assert lb.width() >= lb.fontMetrics().horizontalAdvance(lb.text())
        assert undo.isVisible()

    readable()
    sb.showMessage("Another message.", 2000)   # a later status message hides neither
    qtbot.wait(20)
    readable()
    undo.click()
    assert sb.findChild(QPushButton, "undo-delete") is None or not undo.isVisible()


def test_a_chat_is_deleted_from_the_chat_menu_and_with_the_delete_key(qtbot, win):
    """Found in the walkthrough: a chat could be deleted only from the list's right-click menu.
    The Chat menu has "Delete this chat" (Ctrl+Shift+Backspace), the Delete key deletes the
    chat selected in the list, and both offer Undo."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMenu, QPushButton

    def ids():   # by title: Undo imports the chat back, perhaps under a new id
        return {c.title for c in win.convs.list()}
    _wait_loaded(qtbot, win)
    win.new_chat()
    _send(qtbot, win, "A chat deleted from the menu.")
    first = win.convs.title(win.conv_id)
    chat_menu = [m for m in win.menuBar().findChildren(QMenu) if m.title() == "&Chat"][0]
    act = win.menus.actions_by_id["delete_chat"]
    assert act in chat_menu.actions() and act.shortcut().toString() == "Ctrl+Shift+Backspace"
    act.trigger()
    assert first not in ids() and win.conv_id is None
    def undo():
        [b for b in win.statusBar().findChildren(QPushButton, "undo-delete")
         if b.isVisible()][-1].click()
    qtbot.wait(20)
    undo()
    assert first in ids()
    win.new_chat()
    _send(qtbot, win, "A chat deleted with the Delete key.")
    second = win.convs.title(win.conv_id)
    win.conversations.refresh()
    row = next(i for i in range(win.conv_list.count())
               if win.convs.title(win.conv_list.item(i).data(Qt.UserRole)) == first)
    win.conv_list.setFocus()
    win.conv_list.setCurrentRow(row)
    qtbot.keyClick(win.conv_list, Qt.Key_Delete)
    assert first not in ids() and second in ids()
    qtbot.wait(20)
    undo()
    assert first in ids()


def test_the_status_bar_shows_the_open_chats_figures(qtbot, win):
    """Found in the walkthrough: a reopened chat showed "context 0" and another chat's TTFT and
    tokens/s. The status bar now shows the open chat's last answer: its TTFT, tokens/s and its
    tokens (what it was sent and wrote); a new chat shows none."""
    _wait_loaded(qtbot, win)
    L = win.stat_labels
    win.settings.set("max_tokens", 6)
    try:
        win.new_chat()
        _send(qtbot, win, "A short question.")
        first = win.conv_id
        m1 = win.chat_metrics
        ctx1 = f"{m1.prompt_tokens + m1.completion_tokens:,}"
        assert ctx1 in L["ctx"].text() and m1.prompt_tokens > 0
        win.new_chat()
        assert L["ttft"].text() == "TTFT –" and L["ctx"].text().startswith("context 0 ")
        long_q = "A much longer question, " + "with many more words in it, " * 12 + "end."
        _send(qtbot, win, long_q)
        second = win.conv_id
        m2 = win.chat_metrics
        assert m2.prompt_tokens > m1.prompt_tokens + 30
        ttft2 = L["ttft"].text()
        win.open_conversation(first)               # reopened: the figures it was answered with
        qtbot.wait(50)
        assert ctx1 in L["ctx"].text(), L["ctx"].text()
        assert L["ttft"].text() == f"TTFT {m1.ttft_s * 1000:.0f} ms", (L["ttft"].text(), ttft2)
        win.open_conversation(second)
        qtbot.wait(50)
        assert f"{m2.prompt_tokens + m2.completion_tokens:,}" in L["ctx"].text()
    finally:
        win.settings.set("max_tokens", 2048)
