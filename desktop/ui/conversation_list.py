"""The window's room for the conversations (issue 26): the sidebar's list (by date, or search
results best first), opening one and showing its thread, a new chat, rename, pin, delete with
Undo, and the chat view's contents when the thread changes. The store is read directly (fast,
indexed queries) on the UI thread."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QWidget,
)

from ..core.store import StoreError
from .attachments import sources_note
from .checks import check_of
from .conversations import ToolSpec, date_group
from .endings import can_continue, ending_text
from .i18n import tr
from .runs import runs_of
from .sidebar import GROUP_ROLE, group_label


class ConversationList(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.w = win
        self._pending_delete = None
        self._undo_btn = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self.drop_undo)

    def refresh(self) -> None:
        w = self.w
        q = w.search.text().strip()
        try:
            convs = w.convs.list(q or None)
        except StoreError as e:  # locked for reading too (another program's exclusive lock)
            w.statusBar().showMessage(str(e), 8000)
            return
        w.conv_list.clear()
        last_group = None
        for c in convs:
            label = c.title or tr("New chat")
            if c.snippet:
                label += "\n" + c.snippet
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, c.id)
            item.setToolTip(c.title or "")
            if not q:   # by date (search results are best first: no groups)
                group = date_group(c.updated, c.pinned)
                if group != last_group:
                    item.setData(GROUP_ROLE, group_label(group))
                    last_group = group
            w.conv_list.addItem(item)
            if c.id == w.conv_id:
                item.setSelected(True)

    @Slot(QListWidgetItem)
    def on_clicked(self, item: QListWidgetItem) -> None:
        self.open(item.data(Qt.UserRole))
        self.show_match(self.w.search.text().strip())

    def show_match(self, query: str) -> None:
        """A search result opened: the view goes to the first message holding the query's
        words (after the layout has placed the messages)."""
        words = [x.lower() for x in query.split() if x]
        if not words:
            return
        chat = self.w.chat
        for m in chat.messages:
            low = m.text.lower()
            if all(x in low for x in words):
                QTimer.singleShot(0, lambda m=m: _show(chat, m))
                return

    def _stop_answer(self) -> None:
        """An answer or a check going on ends (what was written so far is saved)."""
        if self.w.answers.generating or self.w.checks.active:
            self.w.answers.stop()

    def open(self, conv_id) -> None:
        w = self.w
        if conv_id == w.conv_id:
            return
        self._stop_answer()
        w.conv_id = conv_id
        w.json_box.setChecked(bool(w.effective()["json_mode"]))
        self.render()
        w.tools.refresh()

    def step(self, delta: int) -> None:
        """The previous or next chat of the list (Ctrl+PgUp / PgDown)."""
        cl = self.w.conv_list
        n = cl.count()
        if not n:
            return
        row = cl.currentRow()
        row = (0 if delta > 0 else n - 1) if row < 0 else max(0, min(n - 1, row + delta))
        item = cl.item(row)
        cl.setCurrentItem(item)
        self.open(item.data(Qt.UserRole))

    def render(self) -> None:
        w = self.w
        if w.conv_id is None:
            w.chat.clear()
            return
        try:
            thread = w.convs.path(w.conv_id)
        except StoreError as e:  # keep what is shown
            w.statusBar().showMessage(str(e), 8000)
            return
        w.chat.clear()
        unsaved = w.answers.unsaved
        for m in thread:
            content = unsaved[m.id][0] if m.id in unsaved else m.content
            mw = w.chat.add_message(m.role, content, msg_id=m.id)
            mw.set_versions(m.version_index, m.version_count)
            mw.set_attached(m.attached)             # a question: the files it came with
            mw.set_sources(sources_note(m.sources))  # an answer: the parts it was sent
            if m.role == "assistant":   # its own TTFT and tokens/s, and how it ended
                mw.set_metrics(m.ttft, m.tps, m.completion_tokens)
                mw.set_meta(ending_text(m.finish_reason, m.interrupted, m.repetition))
                mw.set_can_continue(can_continue(m.finish_reason, m.interrupted))
                self._show_steps(mw, m.id)
        w.chat_metrics = _figures(thread)
        w.models.refresh_stats()

    def _show_steps(self, mw, mid) -> None:
        """An answer's tool steps, its code blocks' runs and its check line."""
        w = self.w
        try:
            steps = w.convs.steps(mid)
        except StoreError:
            steps = []
        mw.set_steps(steps)
        mw.set_runs(runs_of(steps, lambda block, mid=mid: w.runner.running(mid, block)))
        line = check_of(steps, w.checker.running(mid))
        if line is not None:
            mw.set_check(*line)

    @Slot()
    def new_chat(self) -> None:
        w = self.w
        self._stop_answer()
        w.conv_id = None
        w.chat_metrics = None
        w.models.refresh_stats()
        w.tools.new_chat_tools = ToolSpec()
        w.tools.new_chat_schema = None
        w.chat.clear()
        w.tools.refresh()
        w.composer.setFocus()
        self.refresh()

    def context_menu(self, pos) -> None:
        w = self.w
        item = w.conv_list.itemAt(pos)
        if item is None:
            return
        cid = item.data(Qt.UserRole)
        menu = QMenu(w)
        ren = menu.addAction(tr("Rename…"))
        pin = menu.addAction(tr("Unpin") if w.convs.is_pinned(cid) else tr("Pin"))
        dele = menu.addAction(tr("Delete"))
        exp = menu.addAction(tr("Export…"))
        chosen = menu.exec(w.conv_list.mapToGlobal(pos))
        if chosen is exp:
            w.transfer.export([cid])
        elif chosen is ren:
            self.rename(cid)
        elif chosen is pin:
            w.convs.set_pinned(cid, not w.convs.is_pinned(cid))
            self.refresh()
        elif chosen is dele:
            self.delete(cid)

    def rename(self, cid, title: str | None = None) -> None:
        w = self.w
        if title is None:
            title, ok = QInputDialog.getText(w, tr("Rename chat"), tr("Title:"),
                                             text=w.convs.title(cid))
            if not ok:
                return
        w.convs.rename(cid, title.strip() or "Untitled")
        self.refresh()

    def delete(self, cid) -> None:
        w = self.w
        if cid == w.conv_id:
            self._stop_answer()
        token = w.convs.delete(cid)
        self._pending_delete = token
        if cid == w.conv_id:
            self.new_chat()
        self.refresh()
        self.show_undo(token)

    def show_undo(self, token) -> None:
        """"Chat deleted." and an Undo button in the status bar for 10 s (one at a time): a label
        and the button side by side, as a permanent widget, so the message is never painted
        under the button (a temporary message was: "Undo .") nor hidden by a later one."""
        w = self.w
        sb = w.statusBar()
        self.drop_undo()
        box = QWidget()
        box.setObjectName("undo-box")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        label = QLabel(tr("Chat deleted."), box)
        label.setObjectName("undo-message")
        undo = QPushButton(tr("Undo"), box)
        undo.setObjectName("undo-delete")
        row.addWidget(label)
        row.addWidget(undo)
        self._undo_btn = box

        def do_undo():
            w.convs.undo_delete(token)
            self.drop_undo()
            self.refresh()

        undo.clicked.connect(do_undo)
        sb.clearMessage()
        sb.insertPermanentWidget(0, box)
        self._undo_timer.start(10000)

    @Slot()
    def drop_undo(self) -> None:
        undo, self._undo_btn = self._undo_btn, None
        if undo is not None:
            self.w.statusBar().removeWidget(undo)
            undo.deleteLater()


def _show(chat, message) -> None:
    """Lay the conversation out now, stop following its end, and bring `message` into view."""
    for _ in range(3):   # the messages' layouts, then the column's (each posts the next)
        QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    chat._follow = False       # the view stays on the match as the layout settles
    chat.verticalScrollBar().setValue(max(0, message.y() - 8))   # its start at the top


def _figures(thread):
    """The status bar's figures for a reopened chat: its last answer's TTFT, tokens/s and
    tokens (what it was sent and wrote: the chat's context); None without an answer."""
    from ..core.turns import TurnMetrics
    last = next((m for m in reversed(thread) if m.role == "assistant"), None)
    if last is None:
        return None
    return TurnMetrics(ttft_s=last.ttft, decode_tps=last.tps,
                       prompt_tokens=last.prompt_tokens or 0,
                       completion_tokens=last.completion_tokens or 0)
