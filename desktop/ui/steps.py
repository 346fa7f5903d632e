"""Tool steps in the chat: each call of the model's tools as a collapsible line under its
answer (name, arguments, output, time; collapsed by default; "running…" while it runs), and the
dialog that asks before the model writes a file in the project folder.

Everything a tool returns is untrusted text: shown as plain text, never as HTML.
"""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# the terminal's neutralizer of model text (control characters shown as ^[, ^M...): a diff in
# the window shows the same, so what is hidden on one screen is hidden on neither
from ..core.visible import neutralize
from .i18n import tr


def status_word(status: str) -> str:
    """A step's state in words, in the window's language."""
    return {"ok": tr("done"), "error": tr("error"), "refused": tr("refused"),
            "declined": tr("declined by you"), "cancelled": tr("stopped"),
            "interrupted": tr("interrupted"), "running": tr("running…")}.get(status, status)
SHOWN_CHARS = 20_000


def step_headline(name: str, arguments: str, status: str, seconds: float | None) -> str:
    """"run_python  print(6*7)  —  done · 0.07 s" (plain text)."""
    preview = ""
    try:
        args = json.loads(arguments or "{}")
    except ValueError:
        args = None
    if isinstance(args, dict):
        v = args.get("code") if name == "run_python" else (args.get("path") or args.get("pattern"))
        if isinstance(v, str) and v.strip():
            preview = v.strip().splitlines()[0]
            preview = preview if len(preview) <= 60 else preview[:57] + "…"
    state = status_word(status)
    if status != "running" and seconds is not None:
        state = tr("{state} · {seconds:.2f} s").format(state=state, seconds=seconds)
    return f"{name}  {preview}  —  {state}" if preview else f"{name}  —  {state}"


def shown_arguments(name: str, arguments: str) -> str:
    try:
        args = json.loads(arguments or "{}")
    except ValueError:
        return arguments
    if name == "run_python" and isinstance(args, dict) and isinstance(args.get("code"), str):
        text = args["code"]
        if args.get("stdin"):
            text += f"\n\n# stdin:\n{args['stdin']}"
        return text
    return json.dumps(args, indent=2, ensure_ascii=False)


def _mono(w) -> None:
    w.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))


def _text_box(text: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setLineWrapMode(QPlainTextEdit.NoWrap)
    _mono(box)
    box.setPlainText(text)
    lines = min(12, max(1, text.count("\n") + 1))
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class StepWidget(QFrame):
    """One tool call: a header line that opens and closes its details."""

    def __init__(self, step_id, name: str, arguments: str, parent=None):
        super().__init__(parent)
        self.step_id, self.name, self.arguments = step_id, name, arguments
        self.status, self.result, self.seconds, self.data = "running", "", None, {}
        self.setObjectName("step")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.toggle = QToolButton()
        self.toggle.setObjectName("step-toggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toggle.setToolTip(tr("Show or hide what the tool was given and what it returned"))
        self.toggle.toggled.connect(self._expand)
        lay.addWidget(self.toggle)
        self.details = QWidget()
        self.details.setObjectName("step-details")
        dl = QVBoxLayout(self.details)
        dl.setContentsMargins(18, 0, 0, 4)
        dl.addWidget(QLabel(tr("Arguments")))
        self.args_view = _text_box(shown_arguments(name, arguments))
        dl.addWidget(self.args_view)
        dl.addWidget(QLabel(tr("Output")))
        self.out_view = _text_box("")
        dl.addWidget(self.out_view)
        self.details.setVisible(False)
        lay.addWidget(self.details)
        self._show()

    def set_result(self, status: str, result: str, seconds: float | None,
                   data: dict | None = None) -> None:
        self.status, self.result, self.seconds, self.data = status, result, seconds, data or {}
        self._show()

    def _show(self) -> None:
        self.toggle.setText(step_headline(self.name, self.arguments, self.status,
                                          self.seconds))
        text = self.result if self.status != "running" else "(running…)"
        if self.data.get("diff"):
            text += "\n\n" + self.data["diff"]
        if len(text) > SHOWN_CHARS:
            more = tr("[... {n:,} more characters]").format(n=len(text) - SHOWN_CHARS)
            text = text[:SHOWN_CHARS] + "\n" + more
        self.out_view.setPlainText(text)
        lines = min(12, max(1, text.count("\n") + 1))
        self.out_view.setFixedHeight(self.out_view.fontMetrics().lineSpacing() * lines + 14)

    def _expand(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.DownArrow if on else Qt.RightArrow)
        self.details.setVisible(on)


class DiffColours(QSyntaxHighlighter):
    """A unified diff's added and removed lines coloured in a plain-text view (no HTML: the
    diff's text is never markup)."""

    COLOURS = {"+": "#1a7f37", "-": "#b42318", "@": "#6e7781"}

    def highlightBlock(self, text: str) -> None:  # Qt's name
        if text.startswith(("+++", "---")) or text[:1] not in self.COLOURS:
            return
        if text[0] == "@" and not text.startswith("@@"):
            return
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(self.COLOURS[text[0]]))
        self.setFormat(0, len(text), fmt)


class WriteConfirmDialog(QDialog):
    """The model wants to write a file: the diff, and Write / Don't write. Opened with
    open() (window-modal, never a nested wait on the UI thread); `finished` carries the answer.
    The diff is plain text with its control characters made visible (cli/term.neutralize), and
    `warning` (a git hook, CI, a shell start-up file, invisible characters: agent/folder.py
    write_warning) is said above it."""

    def __init__(self, parent, path: str, diff: str, folder: str | None = None,
                 warning: str = ""):
        super().__init__(parent)
        self.setObjectName("write-confirm")
        self.setWindowTitle(tr("Write a file?"))
        self.setWindowModality(Qt.WindowModal)
        self.resize(720, 480)
        lay = QVBoxLayout(self)
        if folder:
            text = tr("The model wants to write {path} in the project folder {folder}. Nothing "
                      "is written unless you choose Write.").format(path=path, folder=folder)
        else:
            text = tr("The model wants to write {path}. Nothing is written unless you choose "
                      "Write.").format(path=path)
        msg = QLabel(neutralize(text))
        msg.setTextFormat(Qt.PlainText)
        msg.setWordWrap(True)
        lay.addWidget(msg)
        self.warning_label = QLabel(tr("Take care: {warning}").format(
            warning=neutralize(warning)))
        self.warning_label.setObjectName("write-warning")
        self.warning_label.setTextFormat(Qt.PlainText)
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("font-weight: bold;")
        self.warning_label.setVisible(bool(warning))
        lay.addWidget(self.warning_label)
        self.diff_view = QPlainTextEdit()
        self.diff_view.setReadOnly(True)
        self.diff_view.setLineWrapMode(QPlainTextEdit.NoWrap)
        _mono(self.diff_view)
        self.diff_view.setPlainText(neutralize(diff))
        self._colours = DiffColours(self.diff_view.document())
        lay.addWidget(self.diff_view, 1)
        bb = QDialogButtonBox()
        self.write_btn = bb.addButton(tr("Write"), QDialogButtonBox.AcceptRole)
        self.skip_btn = bb.addButton(tr("Don't write"), QDialogButtonBox.RejectRole)
        self.write_btn.setAutoDefault(False)
        self.skip_btn.setDefault(True)
        self.skip_btn.setFocus()
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        lay.addWidget(bb)
