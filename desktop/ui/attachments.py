"""The window's room for attachments (issue 26): files picked, dropped or pasted are read on the
worker's documents thread; they wait as chips above the message box, with the sentence saying
what Ember will do with them (counted by the engine's tokenizer, on the worker's thread), and
go with the next question."""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton

from .i18n import tr


def sources_note(used) -> str:
    """An answer's "from: spec.pdf p. 1-4, …" line (the parts retrieval sent), or ""."""
    if not used:
        return ""
    return tr("from: {names}").format(
        names=", ".join(used[:6]) + (" …" if len(used) > 6 else ""))


class Attachments(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.w = win
        self.pending: list = []   # [(Document, tokens)] for the next message
        self._preview_serial = 0

    def pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.w, tr("Attach files"), "",
                                                tr("All files (*)"))
        if paths:
            self.attach_files(paths)

    @Slot(list)
    def attach_files(self, paths: list) -> None:
        self.w.statusBar().showMessage(tr('Reading {len} file(s)…').format(len=len(paths)), 5000)
        self.w.worker.request_docs.emit(list(paths))

    @Slot(str)
    def attach_text(self, text: str) -> None:
        self.w.worker.request_docs.emit([(tr("Pasted text"), text)])

    @Slot(str, int, int)
    def on_progress(self, name: str, done: int, total: int) -> None:
        """A PDF being read on the documents thread: its page count in the status bar."""
        if done == total or done % 10 == 0:
            self.w.statusBar().showMessage(tr('Reading {name}: page {done:,} of {total:,}…').format(
                name=name, done=done, total=total), 5000)

    @Slot(object, object)
    def on_loaded(self, ok: list, errors: list) -> None:
        if ok:  # replaces "Reading ...: page n of n…"
            self.w.statusBar().showMessage(
                tr("Attached {names}.").format(names=", ".join(doc.name for doc, _t in ok)), 5000)
        self.pending += ok
        self.render_chips()
        if errors:  # one clear message per file; nothing else is lost
            QMessageBox.warning(self.w, tr("Some files could not be attached"), "\n".join(errors))
        self.preview_budget()

    def clear(self) -> None:
        self.pending = []
        self.render_chips()

    def render_chips(self) -> None:
        w = self.w
        while w.chips.count():
            item = w.chips.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, (doc, tokens) in enumerate(self.pending):
            chip = QToolButton()
            chip.setObjectName("chip")
            chip.setText(f"{doc.describe(tokens)}  ✕")
            chip.setToolTip(tr("Remove this attachment"))
            chip.clicked.connect(lambda _=False, k=i: self.remove(k))
            w.chips.addWidget(chip)
        w.attach_row.setVisible(bool(self.pending))
        if not self.pending:
            w.budget_label.setVisible(False)

    def remove(self, k: int) -> None:
        if 0 <= k < len(self.pending):
            del self.pending[k]
        self.render_chips()
        self.preview_budget()

    def preview_budget(self) -> None:
        """Before sending: what Ember will do with the documents (the sentence comes back to
        on_preview)."""
        w = self.w
        if not self.pending or w.model_info is None:
            return
        # the chat's documents go too, before these (the sentence names the chips' ones and
        # counts the others); the history holds the system prompt, a new chat's too
        earlier = w.convs.documents(w.conv_id) if w.conv_id is not None else []
        docs = earlier + [d for d, _ in self.pending]
        history = w.session.history()
        self._preview_serial += 1
        w.budget_label.setText(tr("Counting the documents' tokens…"))
        w.budget_label.setVisible(True)
        w.worker.request_preview.emit(
            self._preview_serial,
            (docs, history, min(w.effective()["max_tokens"], 4096), len(earlier)))

    @Slot(int, str)
    def on_preview(self, serial: int, sentence: str) -> None:
        if serial == self._preview_serial and self.pending:
            self.w.budget_label.setText(sentence)
            self.w.budget_label.setVisible(True)

    # the window's drag and drop (MainWindow.dragEnterEvent / dropEvent)
    @staticmethod
    def accepts(event) -> bool:
        return event.mimeData().hasUrls()

    def drop(self, event) -> bool:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.attach_files(paths)
        return bool(paths)
