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
import time

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QDesktopServices,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qthrottled

from . import markdown
from .i18n import same, tr
from .steps import StepWidget


def role_name(role: str) -> str:
    return {"user": tr("You"), "assistant": "Ember", "system": tr("System")}.get(role, role)


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never loads anything: no remote images, no navigation on its own."""

    copy_requested = Signal(int)
    run_requested = Signal(int)
    stop_requested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fit_to_text = False   # as wide as its text (a bubble), up to its maximum width
        self.grows = True          # as tall as its text (a message); False: it scrolls (a report)
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
        if not self.grows:
            return
        # setTextWidth re-lays out the whole document: only when the width really changed
        doc = self.document()
        width = self.viewport().width()
        if doc.textWidth() != width:
            doc.setTextWidth(width)
        h = int(doc.size().height()) + 4
        if self.height() != h:
            self.setFixedHeight(h)
        if self.fit_to_text:
            self.updateGeometry()

    def resizeEvent(self, e):  # noqa: N802
        super().resizeEvent(e)
        self._fit_height()

    def sizeHint(self) -> QSize:  # noqa: N802
        h = max(24, int(self.document().size().height()) + 4)
        if self.fit_to_text:
            doc = self.document().clone()
            doc.setTextWidth(-1)
            return QSize(int(doc.idealWidth()) + 8, h)
        return QSize(400, h)


def code_font(base: QFont) -> tuple[str, float]:
    """The code blocks' font family (the system's fixed-width font) and the width of one of
    its characters at the text's size, in pixels: a wrapped line indents by exactly that."""
    font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF())
    return font.family(), QFontMetricsF(font).horizontalAdvance(" ")


def metrics_text(ttft_s: float | None, tps: float | None) -> str:
    """An answer's own figures, for its header: time to first token and decoding speed."""
    if ttft_s and tps:
        return tr("TTFT {ms:.0f} ms · {tps:.1f} tokens/s").format(ms=ttft_s * 1000, tps=tps)
    if tps:
        return tr("{tps:.1f} tokens/s").format(tps=tps)
    if ttft_s:
        return tr("TTFT {ms:.0f} ms").format(ms=ttft_s * 1000)
    return ""


class MessageWidget(QFrame):
    """One message. The user's question is a tinted bubble on the right; an answer is full
    width under an avatar and a role line that carries its own TTFT and tokens/s. A reasoning
    model's <think>…</think> is folded away behind "Thought for N s" (also while it streams)."""

    copy_text = Signal(str)
    action = Signal(str, object)   # (regenerate|edit|delete|continue|prev|next, message id)
    run_code = Signal(object, int, str)   # message id, code block index, its code
    stop_code = Signal(object, int)       # message id, code block index

    BUBBLE_SHARE = 0.78   # the user's bubble is at most this share of the view's width

    def __init__(self, role: str, text: str = "", *, msg_id=None, theme: str = "light",
                 line_numbers: bool = False, parent=None):
        super().__init__(parent)
        self.role, self.msg_id, self.theme = role, msg_id, theme
        self.line_numbers = line_numbers
        self.setObjectName(f"msg-{role}")
        self.text = ""
        self._stable_len = 0          # chars of the answer rendered and frozen
        self._stable_pos = 0          # document position where the live tail starts
        self._answer_base = 0         # where the answer starts in `text` (after </think>)
        self._shown = ""              # the answer as rendered (bare code fenced)
        self._fence_cut = ("", "")    # a streaming answer's part fenced for good, and as shown
        self._code: list[str] = []
        self._stable_code = 0
        self.runs: dict[int, dict] = {}      # code block -> its last run (markdown.run_html)
        self.steps: dict[object, StepWidget] = {}   # the model's tool calls, by step id
        self.streaming = False
        self.thinking: str | None = None     # the reasoning, when the model wrote one
        self._think_open = False
        self._think_t0: float | None = None  # when the reasoning began streaming
        self.think_seconds: float | None = None
        self._metrics = ""
        self._note = ""

        outer = QVBoxLayout(self)
        outer.setSpacing(4)
        side = self._build_header(outer, role)
        self._build_parts(role)
        self._place_parts(outer, role, side)
        self.set_versions(0, 0)
        self.buttons["edit"].setVisible(role == "user")
        self.buttons["regenerate"].setVisible(role == "assistant")
        self.buttons["continue"].setVisible(False)
        if text:
            self.set_text(text)

    def _build_header(self, outer: QVBoxLayout, role: str) -> int:
        """The line above the message: avatar, role, figures, versions and buttons (right-aligned
        above a question's bubble); returns the avatar's side."""
        head = QHBoxLayout()
        head.setSpacing(6)
        self.avatar = QLabel(same("E") if role == "assistant" else "", self)
        self.avatar.setObjectName("avatar")
        self.avatar.setAccessibleName("Ember")
        side = int(self.fontMetrics().height() * 1.5)
        self.avatar.setFixedSize(side, side)
        self.avatar.setVisible(role == "assistant")
        self.role_label = QLabel(role_name(role), self)
        self.role_label.setObjectName("role")
        self.meta = QLabel("", self)
        self.meta.setObjectName("meta")
        self.meta.setToolTip(tr("Time to first token and decoding speed of this answer"))
        # figures, ending and sources wrap when narrow: never wider than the chat, never cut
        self.meta.setWordWrap(True)
        self.meta.setAlignment(Qt.AlignLeft | Qt.AlignTop)   # its first line beside the role's
        self.meta.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.meta.setMinimumWidth(self.fontMetrics().horizontalAdvance("TTFT 000 ms · "))
        self.versions = QLabel("", self)
        self.versions.setObjectName("versions")
        self.prev_btn = self._button("‹", tr("Earlier version"), "prev")
        self.next_btn = self._button("›", tr("Later version"), "next")
        self.buttons: dict[str, QPushButton] = {}
        for key, label, tip in (
                ("copy", tr("Copy"), tr("Copy this message")),
                ("edit", tr("Edit"), tr("Edit and resend (a new branch)")),
                ("regenerate", tr("Regenerate"), tr("Answer again (keeps this version)")),
                ("continue", tr("Continue"), tr("Continue this answer where it ended")),
                ("delete", tr("Delete"), tr("Delete this message"))):
            self.buttons[key] = self._button(label, tip, key)
        if role == "user":     # the header sits right, above the bubble
            outer.setContentsMargins(48, 4, 0, 4)
            head.addStretch(1)
            for w in (self.meta, self.prev_btn, self.versions, self.next_btn,
                      *self.buttons.values(), self.role_label):
                head.addWidget(w)
        else:
            outer.setContentsMargins(0, 4, 0, 4)
            head.addWidget(self.avatar, 0, Qt.AlignTop)
            head.addWidget(self.role_label, 0, Qt.AlignTop)
            head.addWidget(self.meta, 1)
            for w in (self.prev_btn, self.versions, self.next_btn, *self.buttons.values()):
                head.addWidget(w)
        outer.addLayout(head)
        self._head_spacing = head.spacing()
        return side

    def _build_parts(self, role: str) -> None:
        """The reasoning (folded), the tool steps, the text and the Check code line."""

        # the reasoning: folded away behind one line, opened on demand
        self.think_toggle = QToolButton(self)
        self.think_toggle.setObjectName("think-toggle")
        self.think_toggle.setCheckable(True)
        self.think_toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.think_toggle.setArrowType(Qt.RightArrow)
        self.think_toggle.setCursor(Qt.PointingHandCursor)
        self.think_toggle.setAccessibleName(tr("Show reasoning"))
        self.think_toggle.toggled.connect(self._show_thinking)
        self.think_toggle.setVisible(False)
        self.think_body = SafeBrowser(self)
        self.think_body.setObjectName("think-body")
        self.think_body.setAccessibleName(tr("The model's reasoning"))
        self.think_body.setVisible(False)

        # what the model wrote before each tool call, and the calls (an answer with tools)
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(2)
        self.body = SafeBrowser(self)
        self.body.setAccessibleName(tr("Your message") if role == "user" else tr("Answer"))
        self.body.copy_requested.connect(self._copy_code)
        self.body.run_requested.connect(self._run_code)
        self.body.stop_requested.connect(lambda i: self.stop_code.emit(self.msg_id, i))
        # "Check code": the outcome of running the answer against its own tests (ui/checks.py)
        self.check_label = QLabel("", self)
        self.check_label.setObjectName("check")
        self.check_label.setTextFormat(Qt.PlainText)
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.check_label.setVisible(False)

    def _place_parts(self, outer: QVBoxLayout, role: str, side: int) -> None:
        """A question in a tinted bubble as wide as its text, right-aligned; an answer's parts
        under its role line."""
        if role == "user":    # a tinted bubble, as wide as its text, right-aligned
            self.bubble = QFrame(self)
            self.bubble.setObjectName("bubble-user")
            bl = QVBoxLayout(self.bubble)
            bl.setContentsMargins(12, 8, 12, 8)
            self.files_label = QLabel("", self.bubble)   # the files that came with it
            self.files_label.setObjectName("attached")
            self.files_label.setTextFormat(Qt.PlainText)
            self.files_label.setWordWrap(True)
            self.files_label.setVisible(False)
            bl.addWidget(self.files_label)
            bl.addWidget(self.body)
            self.body.fit_to_text = True
            self.body.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.bubble)
            outer.addLayout(row)
        else:
            self.bubble = None
            body = QVBoxLayout()
            side_margin = side + self._head_spacing   # the answer lines up under the role line
            body.setContentsMargins(side_margin if role == "assistant" else 0, 0, 0, 0)
            body.addWidget(self.think_toggle)
            body.addWidget(self.think_body)
            body.addLayout(self.steps_box)
            body.addWidget(self.body)
            body.addWidget(self.check_label)
            outer.addLayout(body)

    def _button(self, label: str, tip: str, key: str) -> QPushButton:
        b = QPushButton(label, self)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.setFlat(True)
        b.setCursor(Qt.PointingHandCursor)
        b.setObjectName(f"btn-{key}")
        if key == "copy":
            b.clicked.connect(lambda: self.copy_text.emit(self.answer_text()))
        else:
            b.clicked.connect(lambda: self.action.emit(key, self.msg_id))
        return b

    def changeEvent(self, e):  # noqa: N802
        super().changeEvent(e)
        if e.type() == QEvent.FontChange:   # the avatar follows the text's size
            side = int(self.fontMetrics().height() * 1.5)
            self.avatar.setFixedSize(side, side)

    def resizeEvent(self, e):  # noqa: N802
        super().resizeEvent(e)
        if self.bubble is not None:
            self.bubble.setMaximumWidth(max(120, int(self.width() * self.BUBBLE_SHARE)))

    def answer_text(self) -> str:
        """The message without its reasoning (what Copy copies)."""
        return markdown.split_think(self.text).answer if self.role == "assistant" else self.text

    def set_versions(self, index: int, count: int) -> None:
        show = count > 1
        for w in (self.prev_btn, self.versions, self.next_btn):
            w.setVisible(show)
        if show:
            self.versions.setText(f"{index + 1}/{count}")
            self.prev_btn.setEnabled(index > 0)
            self.next_btn.setEnabled(index < count - 1)

    def set_attached(self, names) -> None:
        """A question's attached files, named in its bubble above the text."""
        if self.bubble is not None:
            self.files_label.setText("📎 " + ", ".join(names) if names else "")
            self.files_label.setVisible(bool(names))

    def set_meta(self, text: str) -> None:
        """A note beside the answer's figures (stopped, without tools, its sources…)."""
        self._note = text
        self._show_meta()

    def set_metrics(self, ttft_s: float | None, tps: float | None,
                    completion_tokens: int | None = None) -> None:
        """This answer's own TTFT and tokens/s (from its turn, or from the store). With the
        number of tokens, a stored answer's reasoning time is estimated from its share of
        the text (the store does not keep it)."""
        self._metrics = metrics_text(ttft_s, tps)
        if (self.thinking and self.think_seconds is None and tps and completion_tokens
                and self.text):
            share = len(self.thinking) / max(1, len(self.text))
            self.think_seconds = share * completion_tokens / tps
            self._update_think_toggle()
        self._show_meta()

    def set_sources(self, text: str) -> None:
        """The documents' parts the answer was sent ("from: spec.pdf p. 1-4"): kept after it ends."""
        self._sources = text
        self._show_meta()

    def _show_meta(self) -> None:
        self.meta.setText(" · ".join(x for x in (self._metrics, self._note,
                                                 getattr(self, "_sources", "")) if x))

    def set_can_continue(self, yes: bool) -> None:
        self.buttons["continue"].setVisible(yes)

    def set_line_numbers(self, on: bool) -> None:
        if on != self.line_numbers:
            self.line_numbers = on
            if not self.streaming and self.text:
                self.set_text(self.text)

    # ------------------------------------------------------------------- reasoning
    def _set_thinking(self, think: markdown.Think) -> None:
        if think.thinking is None:
            if self.thinking is not None:
                self.thinking = None
                self.think_toggle.setVisible(False)
                self.think_body.setVisible(False)
            return
        if self._think_t0 is None and self.streaming:
            self._think_t0 = time.monotonic()
        if self._think_open and not think.open and self._think_t0 is not None:
            self.think_seconds = time.monotonic() - self._think_t0
        self._think_open = think.open
        changed = think.thinking != self.thinking
        self.thinking = think.thinking
        self.think_toggle.setVisible(self.role == "assistant")
        if changed and self.think_body.isVisible():
            self.think_body.setPlainText(self.thinking)
        self._update_think_toggle()

    def _update_think_toggle(self) -> None:
        shown = self.think_toggle.isChecked()
        if self._think_open:
            n = round(time.monotonic() - self._think_t0) if self._think_t0 is not None else 0
            text = (tr("Thinking… {n} s · Hide reasoning") if shown
                    else tr("Thinking… {n} s · Show reasoning")).format(n=n)
        elif self.think_seconds is not None:
            n = max(1, round(self.think_seconds))
            text = (tr("Thought for {n} s · Hide reasoning") if shown
                    else tr("Thought for {n} s · Show reasoning")).format(n=n)
        else:
            text = tr("Thought · Hide reasoning") if shown else tr("Thought · Show reasoning")
        self.think_toggle.setText(text)
        self.think_toggle.setAccessibleName(tr("Hide reasoning") if shown else tr("Show reasoning"))

    @Slot(bool)
    def _show_thinking(self, on: bool) -> None:
        self.think_toggle.setArrowType(Qt.DownArrow if on else Qt.RightArrow)
        if on:
            self.think_body.setPlainText(self.thinking or "")
        self.think_body.setVisible(on)
        self._update_think_toggle()

    # -------------------------------------------------------------------- rendering
    def _render(self, text: str, first_index: int = 0, runs=None) -> markdown.Rendered:
        font = self.body.document().defaultFont()
        mono, char_px = code_font(font)
        return markdown.render(text, self.theme, first_index, run_links=self.role == "assistant",
                               runs=runs, line_numbers=self.line_numbers, char_px=char_px,
                               mono=mono, base_pt=font.pointSizeF())

    def set_text(self, text: str) -> None:
        """Render the whole message (a finished one)."""
        self.text = text
        self.streaming = False
        if self.role == "assistant":
            think = markdown.split_think(text)
            self._set_thinking(think)
            answer, self._answer_base = think.answer, think.answer_start
            answer = self._shown = markdown.fence_bare_code(answer)
        else:
            answer, self._answer_base = text, 0
        r = self._render(answer, runs=self.runs)
        self._code = r.code_blocks
        self.body.setHtml(r.html)
        self._stable_len = len(answer)
        self._stable_pos = self.body.document().characterCount() - 1
        self._stable_code = len(self._code)

    def begin_stream(self) -> None:
        self.streaming = True
        self.text = ""
        self._code = []
        self._stable_len = self._stable_pos = self._stable_code = self._answer_base = 0
        self._shown, self._fence_cut = "", ("", "")
        self._think_t0, self._think_open, self.think_seconds = None, False, None
        self._set_thinking(markdown.Think(None, ""))
        self.body.clear()

    def append(self, piece: str) -> None:
        """Cheap: keeps the text; refresh() renders it."""
        self.text += piece

    def _fenced(self, answer: str) -> str:
        """The streaming answer with its bare code fenced: only what follows the last point
        that later text cannot change is looked at again (markdown.fence_bare_code_at)."""
        raw, done = self._fence_cut
        if not answer.startswith(raw):
            raw, done = "", ""
        rest, a, b = markdown.fence_bare_code_at(answer[len(raw):], open_end=True)
        self._fence_cut = (answer[:len(raw) + a], done + rest[:b])
        return done + rest

    def refresh(self) -> None:
        """Re-render only the unfinished tail; freeze blocks that can no longer change."""
        if self.role == "assistant":
            think = markdown.split_think(self.text)
            self._set_thinking(think)
            # bare code (a base model's) in a code block; the frozen part changes when a
            # `def` line shows that the lines before it were code: rendered again then
            text = self._fenced(think.answer)
            if (think.answer_start != self._answer_base   # the reasoning ended, or began
                    or text[:self._stable_len] != self._shown[:self._stable_len]):
                self._answer_base = think.answer_start
                self._code = []
                self._stable_len = self._stable_pos = self._stable_code = 0
                self.body.clear()
            self._shown = text
        else:
            text = self.text
        stable = self._stable_len + markdown.stable_prefix(text[self._stable_len:])
        cur = QTextCursor(self.body.document())
        if stable > self._stable_len:
            # newly finished blocks: render them once, in place of the old live tail
            r = self._render(text[self._stable_len:stable], self._stable_code)
            cur.setPosition(self._stable_pos)
            cur.movePosition(QTextCursor.End, QTextCursor.KeepAnchor)
            cur.removeSelectedText()
            cur.insertHtml(r.html)
            self._code[self._stable_code:] = r.code_blocks
            self._stable_code = len(self._code)
            self._stable_len = stable
            self._stable_pos = self.body.document().characterCount() - 1
        tail = text[self._stable_len:]
        r = self._render(tail, self._stable_code)
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
        self.check_label.setToolTip("<pre>" + html.escape(detail[:4000]) + "</pre>" if detail else "")
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
        """What the model wrote before a call: rendered like the answer (Copy works); its
        reasoning, if any, is left out like an answer's."""
        text = markdown.split_think(text).answer
        view = SafeBrowser(self)
        mono, char_px = code_font(view.document().defaultFont())
        r = markdown.render(text, self.theme, line_numbers=self.line_numbers, char_px=char_px,
                            mono=mono)
        view.setHtml(r.html)
        view.copy_requested.connect(
            lambda i, code=r.code_blocks: self.copy_text.emit(code[i]) if 0 <= i < len(code)
            else None)
        view.setObjectName("step-before")
        self.steps_box.addWidget(view)

    def start_step(self, step_id, name: str, arguments: str, text_before: str = "") -> StepWidget:
        """A tool call starts: the text streamed so far moves above it, the answer's text
        goes on below it."""
        if markdown.split_think(text_before).answer.strip():
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

    def __init__(self, parent=None, theme: str = "light", line_numbers: bool = False):
        super().__init__(parent)
        self.theme = theme
        self.line_numbers = line_numbers
        self.setFrameShape(QFrame.NoFrame)
        self.setAccessibleName(tr("Conversation"))
        self.setWidgetResizable(True)
        self.inner = QWidget()
        self.inner.setObjectName("chat-inner")
        self.col = QVBoxLayout(self.inner)
        self.col.setContentsMargins(24, 16, 24, 16)
        self.col.setSpacing(14)
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
        w = MessageWidget(role, text, msg_id=msg_id, theme=self.theme,
                          line_numbers=self.line_numbers)
        w.copy_text.connect(self.copy_to_clipboard)
        w.action.connect(self.action)
        w.run_code.connect(self.run_code)
        w.stop_code.connect(self.stop_code)
        self.col.insertWidget(self.col.count() - 1, w)
        self.messages.append(w)
        self.placeholder.setVisible(False)
        self._follow = True
        return w

    def set_line_numbers(self, on: bool) -> None:
        """Line numbers in code blocks (View menu): finished messages are drawn again."""
        self.line_numbers = on
        for m in self.messages:
            m.set_line_numbers(on)

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
            self._sync_scroll()

    @Slot()
    def _tick(self) -> None:
        if self.streaming is not None:
            self.streaming.refresh()
            self._sync_scroll()

    def _sync_scroll(self) -> None:
        """The answer grew: lay it out now, so the scrollbar's range matches what is shown,
        and stay at the bottom if the user was there (issue 28)."""
        follow = self._follow
        for _ in range(3):   # the message's layout, then the column's (each posts the next)
            QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        if follow:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())
            self._follow = True

    def _on_range(self, _lo, hi) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(hi)

    def _on_scroll(self, value: int) -> None:
        # follow the stream unless the user scrolled up to read
        self._follow = value >= self.verticalScrollBar().maximum() - 40

    def copy_to_clipboard(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)
