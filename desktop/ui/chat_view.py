"""The conversation: one MessageWidget per message in a scroll area.

A streaming reply is re-rendered by a timer at ~15 Hz, not per token, and only its unfinished
tail is re-rendered (markdown.stable_prefix): the cost of a refresh does not grow with the
length of the reply.

An answer's Python code blocks carry Run (steps run by the user, shown under their block) and
an answer that used tools shows each call as a collapsible step (ui/steps.py) between the text
written before it and the final text.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QTextBrowser, QVBoxLayout, QWidget)

from superqt.utils import qthrottled

from . import markdown
from .steps import StepWidget

ROLE_NAMES = {"user": "You", "assistant": "Ember", "system": "System"}


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never loads anything: no remote images, no navigation on its own."""

    copy_requested = Signal(int)
    run_requested = Signal(int)
    stop_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setTextInteractionFlags(Qt.TextBrowserInteraction)
        self.anchorClicked.connect(self._on_anchor)
        self.document().contentsChanged.connect(self._fit_height)

    def loadResource(self, _type, _name):  # noqa: N802 (Qt API)
        return None  # model output must not make Ember fetch anything

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("ember-copy", "ember-run", "ember-stop"):
            try:
                idx = int(url.path())
            except ValueError:
                return
            {"ember-copy": self.copy_requested, "ember-run": self.run_requested,
             "ember-stop": self.stop_requested}[url.scheme()].emit(idx)
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)  # only on a click, in the system browser

    def _fit_height(self) -> None:
        # setTextWidth re-lays out the whole document: only when the width really changed
        doc = self.document()
        width = self.viewport().width()
        if doc.textWidth() != width:
            doc.setTextWidth(width)
        h = int(doc.size().height()) + 4
        if self.height() != h:
            self.setFixedHeight(h)

    def resizeEvent(self, e):  # noqa: N802
        super().resizeEvent(e)
        self._fit_height()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, max(24, int(self.document().size().height()) + 4))


class MessageWidget(QFrame):
    copy_text = Signal(str)
    action = Signal(str, object)   # (regenerate|edit|delete|continue|prev|next, message id)
    run_code = Signal(object, int, str)   # message id, code block index, its code
    stop_code = Signal(object, int)       # message id, code block index

    def __init__(self, role: str, text: str = "", *, msg_id=None, theme: str = "light",
                 parent=None):
        super().__init__(parent)
        self.role, self.msg_id, self.theme = role, msg_id, theme
        self.setObjectName(f"msg-{role}")
        self.text = ""
        self._stable_len = 0          # chars of `text` rendered and frozen
        self._stable_pos = 0          # document position where the live tail starts
        self._code: list[str] = []
        self._stable_code = 0
        self.runs: dict[int, dict] = {}      # code block -> its last run (markdown.run_html)
        self.steps: dict[object, StepWidget] = {}   # the model's tool calls, by step id
        self.streaming = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        head = QHBoxLayout()
        self.role_label = QLabel(ROLE_NAMES.get(role, role))
        self.role_label.setObjectName("role")
        head.addWidget(self.role_label)
        self.meta = QLabel("")
        self.meta.setObjectName("meta")
        head.addWidget(self.meta)
        head.addStretch(1)
        self.versions = QLabel("")
        self.prev_btn = self._button("‹", "Earlier version", "prev")
        self.next_btn = self._button("›", "Later version", "next")
        head.addWidget(self.prev_btn)
        head.addWidget(self.versions)
        head.addWidget(self.next_btn)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, tip in (("copy", "Copy", "Copy this message"),
                                ("edit", "Edit", "Edit and resend (a new branch)"),
                                ("regenerate", "Regenerate", "Answer again (keeps this version)"),
                                ("continue", "Continue", "Continue an answer cut by the limit"),
                                ("delete", "Delete", "Delete this message")):
            b = self._button(label, tip, key)
            self.buttons[key] = b
            head.addWidget(b)
        lay.addLayout(head)
        # what the model wrote before each tool call, and the calls (an answer with tools)
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(2)
        lay.addLayout(self.steps_box)
        self.body = SafeBrowser(self)
        self.body.copy_requested.connect(self._copy_code)
        self.body.run_requested.connect(self._run_code)
        self.body.stop_requested.connect(lambda i: self.stop_code.emit(self.msg_id, i))
        lay.addWidget(self.body)
        # "Check code": the outcome of running the answer against its own tests (ui/checks.py)
        self.check_label = QLabel("")
        self.check_label.setObjectName("check")
        self.check_label.setTextFormat(Qt.PlainText)
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.check_label.setVisible(False)
        lay.addWidget(self.check_label)
        self.set_versions(0, 0)
        self.buttons["edit"].setVisible(role == "user")
        self.buttons["regenerate"].setVisible(role == "assistant")
        self.buttons["continue"].setVisible(False)
        if text:
            self.set_text(text)

    def _button(self, label: str, tip: str, key: str) -> QPushButton:
        b = QPushButton(label)
        b.setToolTip(tip)
        b.setFlat(True)
        b.setCursor(Qt.PointingHandCursor)
        b.setObjectName(f"btn-{key}")
        if key == "copy":
            b.clicked.connect(lambda: self.copy_text.emit(self.text))
        else:
            b.clicked.connect(lambda: self.action.emit(key, self.msg_id))
        return b

    def set_versions(self, index: int, count: int) -> None:
        show = count > 1
        for w in (self.prev_btn, self.versions, self.next_btn):
            w.setVisible(show)
        if show:
            self.versions.setText(f"{index + 1}/{count}")
            self.prev_btn.setEnabled(index > 0)
            self.next_btn.setEnabled(index < count - 1)

    def set_meta(self, text: str) -> None:
        self.meta.setText(text)

    def set_can_continue(self, yes: bool) -> None:
        self.buttons["continue"].setVisible(yes)

    # -------------------------------------------------------------------- rendering
    def set_text(self, text: str) -> None:
        """Render the whole message (a finished one)."""
        self.text = text
        self.streaming = False
        r = markdown.render(text, self.theme, run_links=self.role == "assistant",
                            runs=self.runs)
        self._code = r.code_blocks
        self.body.setHtml(r.html)
        self._stable_len = len(text)
        self._stable_pos = self.body.document().characterCount() - 1
        self._stable_code = len(self._code)

    def begin_stream(self) -> None:
        self.streaming = True
        self.text = ""
        self._code = []
        self._stable_len = self._stable_pos = self._stable_code = 0
        self.body.clear()

    def append(self, piece: str) -> None:
        """Cheap: keeps the text; refresh() renders it."""
        self.text += piece

    def refresh(self) -> None:
        """Re-render only the unfinished tail; freeze blocks that can no longer change."""
        text = self.text
        stable = self._stable_len + markdown.stable_prefix(text[self._stable_len:])
        cur = QTextCursor(self.body.document())
        if stable > self._stable_len:
            # newly finished blocks: render them once, in place of the old live tail
            r = markdown.render(text[self._stable_len:stable], self.theme, self._stable_code,
                                run_links=self.role == "assistant")
            cur.setPosition(self._stable_pos)
            cur.movePosition(QTextCursor.End, QTextCursor.KeepAnchor)
            cur.removeSelectedText()
            cur.insertHtml(r.html)
            self._code[self._stable_code:] = r.code_blocks
            self._stable_code = len(self._code)
            self._stable_len = stable
            self._stable_pos = self.body.document().characterCount() - 1
        tail = text[self._stable_len:]
        r = markdown.render(tail, self.theme, self._stable_code,
                            run_links=self.role == "assistant")
        cur.setPosition(self._stable_pos)
        cur.movePosition(QTextCursor.End, QTextCursor.KeepAnchor)
        cur.removeSelectedText()
        if tail:
            cur.insertHtml(r.html)
        self._code[self._stable_code:] = r.code_blocks

    @Slot(int)
    def _copy_code(self, idx: int) -> None:
        if 0 <= idx < len(self._code):
            self.copy_text.emit(self._code[idx])

    def set_check(self, text: str, state: str = "muted", detail: str = "") -> None:
        """The line under the answer that says how its check went (plain text; the run's
        whole outcome in its tooltip)."""
        colour = {"ok": "#1a7f37", "failed": "#b42318"}.get(state, "#888")
        self.check_label.setStyleSheet(f"color:{colour};")
        self.check_label.setText(text)
        # a tooltip would read model output as rich text: always escaped
        self.check_label.setToolTip(f"<pre>{html.escape(detail[:4000])}</pre>" if detail else "")
        self.check_label.setVisible(bool(text))

    # ------------------------------------------------------------- runs and steps
    @Slot(int)
    def _run_code(self, idx: int) -> None:
        if 0 <= idx < len(self._code):
            self.run_code.emit(self.msg_id, idx, self._code[idx])

    def set_runs(self, runs: dict[int, dict]) -> None:
        """The last run of each code block (from the store, or this window's runner)."""
        self.runs = dict(runs)
        if self.runs and not self.streaming:
            self.set_text(self.text)

    def set_run(self, idx: int, run: dict) -> None:
        self.runs[idx] = run
        if not self.streaming:
            self.set_text(self.text)  # a finished answer: one full render, with the output

    def _add_before(self, text: str) -> None:
        """What the model wrote before a call: rendered like the answer (Copy works)."""
        view = SafeBrowser(self)
        r = markdown.render(text, self.theme)
        view.setHtml(r.html)
        view.copy_requested.connect(
            lambda i, code=r.code_blocks: self.copy_text.emit(code[i]) if 0 <= i < len(code)
            else None)
        view.setObjectName("step-before")
        self.steps_box.addWidget(view)

    def start_step(self, step_id, name: str, arguments: str, text_before: str = "") -> StepWidget:
        """A tool call starts: the text streamed so far moves above it, the answer's text
        goes on below it."""
        if text_before.strip():
            self._add_before(text_before)
        w = StepWidget(step_id, name, arguments, self)
        self.steps[step_id] = w
        self.steps_box.addWidget(w)
        if self.streaming:
            self.begin_stream()
        return w

    def finish_step(self, step_id, status: str, result: str, seconds: float | None,
                    data: dict | None = None) -> None:
        w = self.steps.get(step_id)
        if w is not None:
            w.set_result(status, result, seconds, data)

    def set_steps(self, steps) -> None:
        """The model's stored calls (store.Step, origin "model"), round by round."""
        for s in steps:
            if s.origin != "model":
                continue
            w = self.start_step(s.id, s.name, s.arguments, s.text_before)
            w.set_result(s.status, s.result, s.seconds, s.data)


class ChatView(QScrollArea):
    copied = Signal(str)
    action = Signal(str, object)
    run_code = Signal(object, int, str)   # message id, code block index, its code
    stop_code = Signal(object, int)

    REFRESH_MS = 66  # ~15 Hz while streaming

    def __init__(self, parent=None, theme: str = "light"):
        super().__init__(parent)
        self.theme = theme
        self.setWidgetResizable(True)
        self.inner = QWidget()
        self.inner.setObjectName("chat-inner")
        self.col = QVBoxLayout(self.inner)
        self.col.setContentsMargins(16, 12, 16, 12)
        self.col.setSpacing(8)
        self.col.addStretch(1)
        self.setWidget(self.inner)
        self.messages: list[MessageWidget] = []
        self.streaming: MessageWidget | None = None
        self._follow = True
        # a streaming reply re-renders at most every REFRESH_MS, after pieces arrive (superqt's
        # throttle: the one helper the window uses for pacing, with qdebounced for search)
        self._refresh = qthrottled(self._tick, timeout=self.REFRESH_MS, leading=False,
                                   parent=self)
        self.verticalScrollBar().rangeChanged.connect(self._on_range)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setObjectName("placeholder")
        self.col.insertWidget(0, self.placeholder)

    def set_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.placeholder.setVisible(bool(text) and not self.messages)

    def clear(self) -> None:
        self.stop_stream()
        for m in self.messages:
            m.setParent(None)
            m.deleteLater()
        self.messages = []
        self.placeholder.setVisible(bool(self.placeholder.text()))

    def add_message(self, role: str, text: str = "", *, msg_id=None) -> MessageWidget:
        w = MessageWidget(role, text, msg_id=msg_id, theme=self.theme)
        w.copy_text.connect(self.copy_to_clipboard)
        w.action.connect(self.action)
        w.run_code.connect(self.run_code)
        w.stop_code.connect(self.stop_code)
        self.col.insertWidget(self.col.count() - 1, w)
        self.messages.append(w)
        self.placeholder.setVisible(False)
        self._follow = True
        return w

    def widget_for(self, msg_id) -> MessageWidget | None:
        for w in self.messages:
            if w.msg_id == msg_id:
                return w
        return None

    def start_stream(self, w: MessageWidget) -> None:
        self.streaming = w
        w.begin_stream()

    def append(self, text: str) -> None:
        if self.streaming is not None:
            self.streaming.append(text)
            self._refresh()

    def stop_stream(self) -> None:
        self._refresh.cancel()
        if self.streaming is not None:
            # render the last tail; no full re-render of a long reply (a final stall)
            self.streaming.refresh()
            self.streaming.streaming = False
            self.streaming = None

    @Slot()
    def _tick(self) -> None:
        if self.streaming is not None:
            self.streaming.refresh()

    def _on_range(self, _lo, hi) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(hi)

    def _on_scroll(self, value: int) -> None:
        # follow the stream unless the user scrolled up to read
        self._follow = value >= self.verticalScrollBar().maximum() - 40

    def copy_to_clipboard(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)
