"""The message composer: Enter sends, Shift+Enter starts a new line, Esc stops an answer."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit


class Composer(QPlainTextEdit):
    send = Signal()
    stop = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("composer")
        self.setPlaceholderText("Ask about code…  (Enter sends, Shift+Enter for a new line)")
        self.setTabChangesFocus(True)
        self.setMaximumHeight(110)
        self.setMinimumHeight(56)

    def keyPressEvent(self, e):  # noqa: N802 (Qt API)
        if e.key() in (Qt.Key_Return, Qt.Key_Enter):
            if e.modifiers() & Qt.ShiftModifier:
                self.insertPlainText("\n")
            elif not (e.modifiers() & (Qt.ControlModifier | Qt.AltModifier)):
                self.send.emit()
            return
        if e.key() == Qt.Key_Escape:
            self.stop.emit()
            return
        super().keyPressEvent(e)
