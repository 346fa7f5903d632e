"""The JSON-schema editor: the schema a chat's answers follow in JSON mode.

A text editor checked as you type (core/json_schema.py: the JSON with the line and column of an
error, the schema against the 2020-12 meta-schema, and whether Ember's grammar converter takes
it); OK is enabled only while the schema is valid. Examples to insert, and "No schema" to go
back to any valid JSON. The check is a few milliseconds, run 200 ms after the last key.
"""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)
from superqt.utils import qdebounced

from ..core.json_schema import EXAMPLES, SchemaProblem, check_text
from . import i18n
from .i18n import same, tr


class SchemaEditor(QDialog):
    """exec() → Accepted with `schema` (a dict), or with `schema` None when "No schema" was
    chosen; Rejected changes nothing."""

    def __init__(self, parent=None, schema: dict | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("JSON schema for this chat"))
        self.setAccessibleName(tr("JSON schema editor"))
        self.resize(620, 520)
        self.schema: dict | None = schema
        self.problem: str | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(tr("In JSON mode, this chat's answers follow this JSON schema (draft "
                          "2020-12). The model can only write JSON that matches it."))
        intro.setWordWrap(True)
        lay.addWidget(intro)

        row = QHBoxLayout()
        self.examples = QComboBox()
        self.examples.setAccessibleName(tr("Example schemas"))
        for name in EXAMPLES:  # shown in the window's language, kept by their own name
            self.examples.addItem(i18n.core_text(name), name)
        row.addWidget(self.examples, 1)
        self.insert_btn = QPushButton(tr("Insert example"))
        self.insert_btn.setAccessibleName(tr("Insert the chosen example schema"))
        self.insert_btn.clicked.connect(lambda: self.insert_example(self.examples.currentData()))
        row.addWidget(self.insert_btn)
        lay.addLayout(row)

        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(tr("JSON schema"))
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(same('{"type": "object", "properties": {...}, "required": [...]}'))
        if schema is not None:
            self.editor.setPlainText(json.dumps(schema, indent=2, ensure_ascii=False))
        lay.addWidget(self.editor, 1)

        self.status = QLabel("")
        self.status.setObjectName("schema-status")
        self.status.setAccessibleName(tr("Schema check"))
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.PlainText)
        lay.addWidget(self.status)

        row = QHBoxLayout()
        self.clear_btn = QPushButton(tr("No schema"))
        self.clear_btn.setAccessibleName(tr("Use no schema in this chat"))
        self.clear_btn.setToolTip(tr("JSON mode then asks for any valid JSON"))
        self.clear_btn.clicked.connect(self.clear_schema)
        self.clear_btn.setEnabled(schema is not None)
        row.addWidget(self.clear_btn)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_btn = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_btn.setAccessibleName(tr("Use this schema"))
        self.ok_btn.setShortcut(QKeySequence("Ctrl+Return"))
        row.addWidget(self.buttons)
        lay.addLayout(row)

        self._check_later = qdebounced(self.check, timeout=200, parent=self)
        self.editor.textChanged.connect(lambda: (self.ok_btn.setEnabled(False),
                                                 self._check_later()))
        self.check()

    def insert_example(self, name: str) -> None:
        self.editor.setPlainText(json.dumps(EXAMPLES[name], indent=2, ensure_ascii=False))
        self.check()

    def check(self) -> bool:
        """Check the text now: the status line says what is wrong (OK disabled) or that the
        schema is ready."""
        try:
            schema = check_text(self.editor.toPlainText())
        except SchemaProblem as e:
            self.problem = str(e)
            self.status.setText(self.problem)
            self.status.setStyleSheet("color:#b3261e;")
            self.ok_btn.setEnabled(False)
            if e.line is not None:   # the cursor's place is left alone; the error is said
                self.editor.setToolTip(self.problem)
            return False
        self.problem = None
        self._checked = schema
        self.editor.setToolTip("")
        self.status.setText(tr("The schema is valid: answers in JSON mode will follow it."))
        self.status.setStyleSheet("color:#1e7e34;")
        self.ok_btn.setEnabled(True)
        return True

    def go_to_error(self) -> None:
        """Put the cursor where the JSON error is (when it is one)."""
        try:
            check_text(self.editor.toPlainText())
        except SchemaProblem as e:
            if e.line is None:
                return
            block = self.editor.document().findBlockByLineNumber(e.line - 1)
            cur = QTextCursor(block)
            cur.movePosition(QTextCursor.Right, n=max(0, (e.column or 1) - 1))
            self.editor.setTextCursor(cur)

    def clear_schema(self) -> None:
        self.schema = None
        super().accept()

    def accept(self) -> None:
        if not self.check():   # never an invalid schema, even when OK is reached some way
            self.go_to_error()
            return
        self.schema = self._checked
        super().accept()

