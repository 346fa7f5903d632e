""""Check code" in the window: an answer is run against its own tests, a failure goes back to
the model for up to CHECK_ROUNDS repair rounds (the window's side of core/agent/check.py).

The check runs on a thread of its own (never the UI thread, never the engine worker's), through
the same sandbox as Run and run_python (check.check_answer). Each check is kept as a step of its
answer (origin "user", name "check_code", data {"check": status, "run": ..., "round": r,
"rounds": n}), written on that thread when it starts and when it ends, so reopening the
conversation shows its line again; a user step never reaches the model. Stop sets the check's
cancel event, which kills the sandbox. The outcome comes back to the window as `finished` (a
queued signal); `CheckController`, the window's room for Check code, decides whether to ask
for a repair.
"""
from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal, Slot

from ..core.agent.check import CHECK_ROUNDS, Check, check_answer, repair_request
from ..core.agent.python import describe
from ..core.errors import EmberError
from ..core.store import StoreError
from .i18n import tr
from .markdown import run_headline

CHECK_STEP = "check_code"
_STEP_STATUS = {"passed": "ok", "failed": "error", "no_tests": "ok", "refused": "refused",
                "cancelled": "cancelled"}


class CodeChecker(QObject):
    # message id, the Check, its token (the cancel event check() returned), the repair round
    finished = Signal(object, object, object, int)

    def __init__(self, store):
        super().__init__()
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ember-check")
        self._cancels: dict[object, threading.Event] = {}
        self._lock = threading.Lock()

    def running(self, message_id) -> bool:
        with self._lock:
            return message_id in self._cancels

    def check(self, message_id, answer: str, round_no: int = 0) -> threading.Event | None:
        """Start checking an answer; its token (the cancel event) comes back with the result,
        None when it could not start (the window is closing, or it is being checked)."""
        with self._lock:
            if message_id in self._cancels:
                return None
            cancel = self._cancels[message_id] = threading.Event()
        try:
            self._pool.submit(self._check, message_id, answer, round_no, cancel)
        except RuntimeError:          # shut down: the window is closing
            with self._lock:
                self._cancels.pop(message_id, None)
            return None
        return cancel

    def stop(self, message_id=None) -> None:
        """Stop the check of that answer (None: every check)."""
        with self._lock:
            evs = list(self._cancels.values()) if message_id is None else \
                [e for k, e in self._cancels.items() if k == message_id]
        for ev in evs:
            ev.set()

    def shutdown(self) -> None:
        """Stop every check and wait for them (their steps are written as cancelled)."""
        self.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _check(self, message_id, answer: str, round_no: int, cancel: threading.Event) -> None:
        step_id = None
        try:
            try:
                step_id = self.store.add_step(
                    message_id, origin="user", name=CHECK_STEP,
                    arguments=json.dumps({"round": round_no}))
            except EmberError:        # locked, full, or the message was deleted: check anyway
                pass
            try:
                c = check_answer(answer, cancel=cancel)
            except Exception as e:  # noqa: BLE001 - the sandbox failed: say it, no repair
                c = Check("refused", "", {"status": "unavailable", "exit": None,
                                          "signal": None, "stdout": "", "stderr": "",
                                          "seconds": 0.0, "isolated": False,
                                          "reason": f"{type(e).__name__}: {e}"})
            if cancel.is_set() and c.status == "failed":   # stopped as it ended: no repair
                c = Check("cancelled", c.program, {**c.out, "status": "cancelled"})
            if step_id is not None:
                try:
                    self.store.finish_step(
                        step_id, status=_STEP_STATUS.get(c.status, "error"),
                        result=describe(c.out) if c.out else c.summary,
                        data={"check": c.status, "run": c.out, "round": round_no,
                              "rounds": CHECK_ROUNDS},
                        seconds=c.out.get("seconds") if c.out else None)
                except EmberError:
                    pass
        finally:
            with self._lock:
                self._cancels.pop(message_id, None)
        self.finished.emit(message_id, c, cancel, round_no)


def failure_line(out: dict) -> str:
    """The line that says why a check failed: the exception (the last line of stderr), else
    the first line of the output."""
    for text, last in ((out.get("stderr") or "", True), (out.get("stdout") or "", False)):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if lines:
            ln = lines[-1] if last else lines[0]
            return ln if len(ln) <= 160 else ln[:157] + "…"
    return ""


def check_line(status: str, out: dict | None, round_no: int = 0,
               rounds: int = CHECK_ROUNDS) -> tuple[str, str]:
    """(the line under the answer, its state: ok | failed | muted) for a check's outcome.
    `round_no` is the repair round the answer came from (0: the user's question)."""
    out = out or {}
    if status == "running":
        return tr("Check: running the answer's own tests in the sandbox… (Stop ends it)"), "muted"
    if status == "interrupted":
        return tr("Check: not finished (the window that ran it was closed)"), "muted"
    if status == "no_tests":
        return tr("Check: no tests or examples in the answer: not checked"), "muted"
    if status == "refused":
        return tr("Check: not run: {reason}").format(
            reason=out.get("reason") or tr("no sandbox here")), "muted"
    if status == "cancelled":
        return tr("Check: stopped by you (no more repair rounds)"), "muted"
    head = run_headline(out).split(" · ")[0] if out else status
    secs = float(out.get("seconds") or 0) if out else None
    if status == "passed":
        if secs is None:
            return tr("Check: {head} (passed)").format(head=head), "ok"
        return tr("Check: {head} (passed) · {seconds:.2f} s").format(head=head, seconds=secs), "ok"
    why = failure_line(out)
    if secs is None:
        line = tr("Check: {head} (failed)").format(head=head)
    else:
        line = tr("Check: {head} (failed) · {seconds:.2f} s").format(head=head, seconds=secs)
    if why:
        line = f"{line}: {why}"
    if round_no < rounds:
        line = tr("{line} — asking for a repair ({n} of {rounds})").format(
            line=line, n=round_no + 1, rounds=rounds)
    else:
        line = (tr("{line} — still failing after 1 repair round") if rounds == 1 else
                tr("{line} — still failing after {rounds} repair rounds")).format(
                    line=line, rounds=rounds)
    return line, "failed"


def check_of(steps, running: bool = False) -> tuple[str, str] | None:
    """The line of an answer's last check, from its stored steps (None: never checked). A
    check still 'running' in the store that no checker of this window runs was cut."""
    last = None
    for s in steps:
        if s.origin == "user" and s.name == CHECK_STEP:
            last = s
    if last is None:
        return None
    if last.status == "running":
        return check_line("running" if running else "interrupted", None)
    d = last.data or {}
    return check_line(str(d.get("check") or last.status), d.get("run") or {},
                      int(d.get("round") or 0), int(d.get("rounds") or CHECK_ROUNDS))


class CheckController(QObject):
    """The window's room for Check code: an answer that ended normally, in a chat with Check
    code on, runs against its own tests on the checker's thread; a failure goes back to the
    model as the next question while repair rounds are left; Stop ends the rounds."""

    def __init__(self, win, checker: CodeChecker):
        super().__init__(win)
        self.w = win
        self.checker = checker
        self.checking = None   # (message id, token, round) of the check running now
        checker.finished.connect(self.on_checked)

    @property
    def active(self) -> bool:
        return self.checking is not None

    def check_after_answer(self, msg_id, text: str, round_no: int = 0) -> bool:
        """Run the answer against its own tests (the outcome comes to on_checked). `round_no`:
        the repair round it answers (0: the user's question). False: not checked."""
        w = self.w
        if not w.tools.current().check or self.checking is not None:
            return False
        token = self.checker.check(msg_id, text, round_no)
        if token is None:
            return False
        self.checking = (msg_id, token, round_no)
        m = w.chat.widget_for(msg_id)
        if m is not None:
            m.set_check(*check_line("running", None))
        w.statusBar().showMessage(tr("Checking the code against its own tests…"), 10000)
        w.answers.show_stop(True)
        return True

    def stop(self) -> None:
        """Stop: the sandbox is killed, no more rounds."""
        if self.checking is None:
            return
        _mid, token, _round = self.checking
        token.set()
        self.checking = None
        self._idle()
        self.w.statusBar().showMessage(tr("Check code stopped: no more repair rounds."), 8000)

    def _idle(self) -> None:
        if not self.w.answers.generating:
            self.w.answers.show_stop(False)

    @Slot(object, object, object, int)
    def on_checked(self, msg_id, c, token, round_no: int) -> None:
        """A check ended: its line under the answer and in the status bar; a failure asks the
        model for a repair while rounds are left (not after Stop)."""
        w = self.w
        cur = self.checking
        live = cur is not None and cur[1] is token
        if live:
            self.checking = None
            self._idle()
        status = c.status if live or c.status != "failed" else "cancelled"
        text, state = check_line(status, c.out, round_no)
        m = w.chat.widget_for(msg_id)
        if m is not None:
            m.set_check(text, state, describe(c.out) if c.out else "")
        if not live:
            return
        w.statusBar().showMessage(text, 15000)
        if c.status == "failed" and round_no < CHECK_ROUNDS:
            self.ask_repair(c, round_no + 1)

    def ask_repair(self, c, round_no: int) -> None:
        """The failed check goes back to the model as the next question (stored and shown like
        any question), answered like one."""
        w = self.w
        if w.answers.generating or w.conv_id is None:
            return
        if w.model_info is None:
            w.statusBar().showMessage(tr("The check failed, and the model is not loaded: no "
                                         "repair was asked."), 15000)
            return
        w.session.model_name = w.model_info.name
        tools = w.tools.turn_tools()
        try:
            with w.convs.waiting():
                turn = w.session.ask(repair_request(c),
                                     json_mode=w.json_box.isChecked() and not tools)
        except StoreError as e:
            w.store_failed(e, tr("The check failed, and the repair question was not sent"))
            return
        w.answers.start(turn, tools, repair_round=round_no)
        w.conversations.refresh()

    def close(self) -> None:
        self.checker.finished.disconnect(self.on_checked)
