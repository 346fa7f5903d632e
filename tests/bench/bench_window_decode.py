#!/usr/bin/env python3
"""Does the window slow the model down? Decode speed while the window renders, over decode
speed of the same engine alone, for the engine process (today) and for an in-process engine on
a QThread (the architecture before the engine process), measured side by side in one run.

The same embedded model and llama.cpp threads (default 1, leaving a core for the UI, as in the
measurement that started this: shared/DESIGN.md §7) and the same messages and sampling in all
four modes, interleaved round by round:

  engine process, alone          a bare client asks the engine process; the window is idle
  engine process, window         the real window asks the same engine and streams the answer
                                 into its chat view, while a long synthetic Markdown answer
                                 (prose, lists, code blocks) streams into a second view
  in-process, alone              an Engine in this process, on a QThread, no view
  in-process, window rendering   the same Engine feeding a chat view at ~33 Hz, plus the same
                                 synthetic Markdown stream

Decode speed is the engine's own figure (tokens/s between the first and the last token).

    QT_QPA_PLATFORM=offscreen python tests/bench/bench_window_decode.py [--runs 5] [--tokens 400]

Prints medians and ratios; asserts nothing.
"""
from __future__ import annotations

import argparse
import faulthandler
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEventLoop, QObject, QThread, QTimer, Signal, Slot  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

QUESTION = "Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,"


class RenderLoad:
    """A long Markdown answer streaming into a chat view at ~33 Hz (what the window does while
    a fast model answers), for as long as it runs."""

    def __init__(self, view, rate: float = 200.0):
        from bench_ui_stall import synthetic_answer
        self.view, self.pieces = view, synthetic_answer(20000)
        self.per_batch = max(1, round(rate * 0.03))
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._feed)
        self.i = 0

    def start(self):
        self.view.clear()
        self.view.start_stream(self.view.add_message("assistant"))
        self.i = 0
        self.timer.start()
        self._t0, self._cpu0 = time.perf_counter(), time.thread_time()

    @property
    def busy(self) -> float:
        """The UI thread's CPU time over the wall time since start() (this is the UI thread)."""
        return (time.thread_time() - self._cpu0) / max(1e-9, time.perf_counter() - self._t0)

    def _feed(self):
        if self.i >= len(self.pieces) or len(self.view.streaming.text) > 60000:
            self.view.stop_stream()
            self.view.clear()
            self.view.start_stream(self.view.add_message("assistant"))
            self.i = 0
        self.view.append("".join(self.pieces[self.i:self.i + self.per_batch]))
        self.i += self.per_batch

    def stop(self):
        self.timer.stop()
        self.view.stop_stream()


class OldWorker(QObject):
    """The architecture before the engine process: an Engine on a QThread of the window's
    process, pieces batched to the UI every 30 ms (desktop/ui/worker.py as it was)."""
    request = Signal(object)
    pieces = Signal(str)
    finished = Signal(object)

    def __init__(self, engine):
        super().__init__()
        self.engine = engine
        self.request.connect(self._chat)

    @Slot(object)
    def _chat(self, args) -> None:
        messages, sampling = args
        buf, last = [], time.monotonic()
        turn = self.engine.chat(messages, sampling)
        for piece in turn:
            buf.append(piece)
            now = time.monotonic()
            if now - last >= 0.03:
                self.pieces.emit("".join(buf))
                buf.clear()
                last = now
        if buf:
            self.pieces.emit("".join(buf))
        self.finished.emit(turn.metrics)


def wait(loop_until, timeout=120.0):
    app = QApplication.instance()
    deadline = time.monotonic() + timeout
    while not loop_until():
        if time.monotonic() > deadline:
            faulthandler.dump_traceback(all_threads=True)  # where it hangs, if it does
            raise TimeoutError
        app.processEvents(QEventLoop.WaitForMoreEvents, 50)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tokens", type=int, default=400)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    os.environ.setdefault("EMBER_HOME", tempfile.mkdtemp(prefix="ember-bench-window-"))
    _app = QApplication.instance() or QApplication([])  # kept alive while the window runs

    from desktop.core.client import EngineClient, EngineProcess
    from desktop.core.models import resolve
    from desktop.core.turns import SamplingSettings
    from desktop.ui.app import create_window
    from desktop.ui.chat_view import ChatView

    # the engine process of this data folder: the window finds it and loads the model in it
    proc = EngineProcess.start(threads=args.threads)
    _, win = create_window(first_run_dialog=False)
    win.settings.set("max_tokens", args.tokens)
    win.settings.set("temperature", 0.7)
    win.settings.set("min_tokens", args.tokens)   # every answer as long, on any CPU (issue 23)
    win.resize(1180, 780)
    win.show()
    wait(lambda: win.model_info is not None)
    assert win.engine_pid == proc.pid, "the window did not find the running engine"
    bare = EngineClient(proc)
    side = ChatView(theme="light")
    side.resize(700, 700)
    side.show()
    load = RenderLoad(side)

    # the in-process engine (the old architecture), same model and threads
    from desktop.core.engine import Engine, LoadSettings
    local = Engine()
    local.load(resolve("embedded").path, LoadSettings(n_ctx=win.model_info.n_ctx,
                                                      n_threads=args.threads))
    old, old_thread = OldWorker(local), QThread()
    old.moveToThread(old_thread)
    old_thread.start()
    old_view = ChatView(theme="light")
    old_view.resize(700, 700)
    old_view.show()
    state = {}
    old.finished.connect(lambda m: state.__setitem__("old", m))

    sampling = SamplingSettings(temperature=0.7, top_k=40, top_p=0.95, min_p=0.05,
                                max_tokens=args.tokens, min_tokens=args.tokens, seed=None)
    messages = None
    results: dict[str, list[float]] = {k: [] for k in (
        "engine process, alone", "engine process, window", "in-process, alone",
        "in-process, window rendering")}
    busy: dict[str, list[float]] = {k: [] for k in results}

    def window_turn():
        nonlocal messages
        win.new_chat()
        done = {}
        win.worker.finished.connect(lambda tag, m, text: done.setdefault("m", m))
        win.composer.setPlainText(QUESTION)
        load.start()
        win.send()
        messages = win.answers.last_request.turn.messages
        wait(lambda: "m" in done)
        busy["engine process, window"].append(load.busy)
        load.stop()
        return done["m"]

    def bare_turn():
        out = {}
        th = threading.Thread(target=lambda: out.setdefault(
            "m", (lambda t: (t.run(), t.metrics)[1])(bare.chat(messages, sampling))))
        th.start()
        wait(lambda: not th.is_alive())
        return out["m"]

    def old_turn(render: bool):
        state.pop("old", None)
        if render:
            old_view.clear()
            old_view.start_stream(old_view.add_message("assistant"))
            conn = old.pieces.connect(old_view.append)
            load.start()
        old.request.emit((messages, sampling))
        wait(lambda: "old" in state)
        if render:
            busy["in-process, window rendering"].append(load.busy)
            load.stop()
            old.pieces.disconnect(conn)
            old_view.stop_stream()
        return state["old"]

    window_turn()  # warm-up (and the window's messages, reused by every mode)
    bare_turn()
    old_turn(False)
    for r in range(args.runs):
        for name, fn in (("engine process, window", window_turn),
                         ("engine process, alone", bare_turn),
                         ("in-process, window rendering", lambda: old_turn(True)),
                         ("in-process, alone", lambda: old_turn(False))):
            m = fn()
            if m.decode_tps and m.completion_tokens > 50:
                results[name].append(m.decode_tps)
        print(f"round {r + 1}/{args.runs}: " + ", ".join(
            f"{k}: {v[-1]:.1f}" for k, v in results.items() if v), flush=True)

    med = {k: statistics.median(v) for k, v in results.items() if v}
    print(f"\n# bench_window_decode: {os.cpu_count()} logical CPUs, llama.cpp threads="
          f"{args.threads}, {args.runs} interleaved rounds of {args.tokens} tokens "
          "(temperature 0.7), embedded Gemma 3 270M, Qt offscreen")
    print("| mode | decode median (t/s) | runs | UI thread busy rendering |")
    print("|---|---|---|---|")
    for k, v in results.items():
        b = f"{100 * statistics.median(busy[k]):.0f}% of a core" if busy[k] else "idle"
        print(f"| {k} | {med.get(k, float('nan')):.1f} | {len(v)} | {b} |")
    if "engine process, window" in med and "engine process, alone" in med:
        print(f"\nengine process: window / alone = "
              f"{med['engine process, window'] / med['engine process, alone']:.3f}")
    if "in-process, window rendering" in med and "in-process, alone" in med:
        print(f"in-process (before): window / alone = "
              f"{med['in-process, window rendering'] / med['in-process, alone']:.3f}")
    old_thread.quit()
    old_thread.wait()
    local.unload()
    win.close()
    bare.close()
    proc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
