"""Run on a code block: the user runs a Python block of an answer in the sandbox.

The run happens on a thread of its own (never the UI thread, never the engine worker's: an
answer can stream meanwhile), through the same sandbox as the model's run_python tool
(core/agent/python.run_code). Each run is kept as a step of its message (origin "user", name
"run_python", arguments {"code", "block"}), written on that thread when it starts and when it
ends, so reopening the conversation shows it again; Stop sets the run's cancel event, which
kills the sandbox. The outcome comes back to the window as `finished` (a queued signal).
"""
from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from ..core.agent.python import describe, run_code, step_status
from ..core.errors import EmberError

RUN_STEP = "run_python"


class CodeRunner(QObject):
    finished = Signal(object, int, object)    # message id, block index, the run (a dict)

    def __init__(self, store, *, max_workers: int = 2):
        super().__init__()
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="ember-run")
        self._cancels: dict[tuple, threading.Event] = {}
        self._lock = threading.Lock()

    def running(self, message_id, block: int) -> bool:
        with self._lock:
            return (message_id, block) in self._cancels

    def run(self, message_id, block: int, code: str) -> bool:
        """Start a run (False: that block is running already)."""
        key = (message_id, block)
        with self._lock:
            if key in self._cancels:
                return False
            cancel = self._cancels[key] = threading.Event()
        try:
            self._pool.submit(self._run, key, code, cancel)
        except RuntimeError:          # shut down: the window is closing
            with self._lock:
                self._cancels.pop(key, None)
            return False
        return True

    def stop(self, message_id, block: int) -> None:
        with self._lock:
            ev = self._cancels.get((message_id, block))
        if ev is not None:
            ev.set()

    def shutdown(self) -> None:
        """Stop every run and wait for them (their steps are written as cancelled)."""
        with self._lock:
            for ev in self._cancels.values():
                ev.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, key: tuple, code: str, cancel: threading.Event) -> None:
        message_id, block = key
        step_id, unsaved = None, ""
        try:
            try:
                step_id = self.store.add_step(
                    message_id, origin="user", name=RUN_STEP,
                    arguments=json.dumps({"code": code, "block": block}, ensure_ascii=False))
            except EmberError as e:   # locked, full, or the message was deleted: run anyway
                unsaved = str(e)
            try:
                out = run_code(code, cancel=cancel)
            except Exception as e:  # noqa: BLE001 - the sandbox failed: say it under the block
                out = {"status": "unavailable", "exit": None, "signal": None, "stdout": "",
                       "stderr": "", "seconds": 0.0, "isolated": False,
                       "reason": f"{type(e).__name__}: {e}"}
            if step_id is not None:
                try:
                    self.store.finish_step(step_id, status=step_status(out["status"]),
                                           result=describe(out), data={"run": out},
                                           seconds=out["seconds"])
                except EmberError as e:
                    unsaved = str(e)
            if unsaved:
                out = {**out, "unsaved": unsaved}
        finally:
            with self._lock:
                self._cancels.pop(key, None)
        self.finished.emit(message_id, block, out)


def runs_of(steps, running=lambda block: False) -> dict[int, dict]:
    """The last run of each code block, from a message's stored steps: what the view shows
    under each block. A run still 'running' in the store that no runner of this window runs was
    cut by a closed (or killed) window."""
    out: dict[int, dict] = {}
    for s in steps:
        if s.origin != "user" or s.name != RUN_STEP:
            continue
        try:
            block = int(json.loads(s.arguments).get("block"))
        except (ValueError, TypeError, AttributeError):
            continue
        if s.status == "running":
            out[block] = {"status": "running" if running(block) else "interrupted"}
        else:
            out[block] = dict((s.data or {}).get("run") or {"status": s.status,
                                                            "stderr": s.result})
    return out
