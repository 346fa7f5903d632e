"""The message composer: Enter (or Ctrl+Enter) sends, Shift+Enter starts a new line, Esc stops
an answer (shortcuts.SHORTCUTS lists them)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit

from .i18n import tr


class Composer(QPlainTextEdit):
    send = Signal()
    stop = Signal()
    files_pasted = Signal(list)        # local paths
    text_pasted = Signal(str)          # a long text: attach it as a document

    LONG_PASTE = 4000                  # characters: longer pastes become an attachment

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAccessibleName(tr("Message"))
        self.setAccessibleDescription(tr("Enter sends, Shift+Enter starts a new line, Esc stops "
                                         "the answer"))
        self.setPlaceholderText(tr("Ask about code…  (Enter sends, Shift+Enter for a new line)"))
        self.setTabChangesFocus(True)
        self._fit_to_font()

    def _fit_to_font(self) -> None:
        """Two to six lines of text high, whatever the text's size (200% text included)."""
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * 2 + 20)
        self.setMaximumHeight(line * 6 + 20)

    def changeEvent(self, e):  # noqa: N802 (Qt API)
        super().changeEvent(e)
        if e.type() == QEvent.FontChange:
            self._fit_to_font()

    def keyPressEvent(self, e):  # noqa: N802 (Qt API)
        if e.key() in (Qt.Key_Return, Qt.Key_Enter):
            if e.modifiers() & Qt.ShiftModifier:
                self.insertPlainText("\n")
            elif not (e.modifiers() & Qt.AltModifier):   # Enter or Ctrl+Enter
                self.send.emit()
            return
        if e.key() == Qt.Key_Escape:
            self.stop.emit()
            return
        super().keyPressEvent(e)

    def insertFromMimeData(self, source):  # noqa: N802 (Qt API)
        if source.hasUrls() and all(u.isLocalFile() for u in source.urls()):
            self.files_pasted.emit([u.toLocalFile() for u in source.urls()])
            return
        if source.hasText() and len(source.text()) > self.LONG_PASTE:
            self.text_pasted.emit(source.text())
            return
        super().insertFromMimeData(source)
