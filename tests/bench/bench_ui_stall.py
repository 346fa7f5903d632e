#!/usr/bin/env python3
"""Event-loop stalls while a long reply streams into the window (goal: p99 < 16 ms).

A 2 ms QTimer measures how late the event loop runs it; lateness = stall. Three runs in one
process, side by side:
  real      the embedded model streaming at full speed through the real worker thread
  synthetic a long markdown answer (prose, lists, many code blocks) streamed at --rate tokens/s
            (a 7B model on a fast GPU), through the same view
  naive     the same synthetic stream rendered the way many chat apps do: setMarkdown of the
            whole reply on every piece (for comparison)

    QT_QPA_PLATFORM=offscreen python tests/bench/bench_ui_stall.py [--tokens 600] [--rate 200]

Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 2


class StallMeter:
    def __init__(self):
        self.gaps: list[float] = []
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = None

    def start(self):
        self.gaps.clear()
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer.start()

    def _tick(self):
        now = self.clock.nsecsElapsed()
        self.gaps.append(max(0.0, (now - self.last) / 1e6 - TICK_MS))
        self.last = now

    def stop(self):
        self.timer.stop()

    def summary(self) -> str:
        g = sorted(self.gaps)
        if not g:
            return "no samples"
        p = lambda q: g[min(len(g) - 1, int(q * len(g)))]  # noqa: E731
        return (f"stall p50 {p(0.50):6.2f} ms  p99 {p(0.99):6.2f} ms  max {g[-1]:6.1f} ms  "
                f"({len(g)} samples)")


def synthetic_answer(n_tokens: int) -> list[str]:
    block = ("Here is a version that handles the edge cases:\n\n```python\n"
             "def merge_intervals(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:\n"
             "    out: list[tuple[int, int]] = []\n"
             "    for start, end in sorted(intervals):\n"
             "        if out and start <= out[-1][1]:\n"
             "            out[-1] = (out[-1][0], max(out[-1][1], end))\n"
             "        else:\n"
             "            out.append((start, end))\n"
             "    return out\n```\n\n"
             "- sorting costs **O(n log n)**\n- the merge is a single pass\n\n"
             "Then a quick test, `assert merge_intervals([(1, 3), (2, 4)]) == [(1, 4)]`.\n\n")
    words = []
    while len(words) < n_tokens:
        words += [w for w in block.replace("\n", "\n ").split(" ")]
    return [w + " " for w in words[:n_tokens]]


def run_synthetic(app, view, meter, pieces, rate, naive: bool) -> tuple[str, float]:
    view.clear()
    w = view.add_message("assistant")
    if not naive:
        view.start_stream(w)
    # pieces arrive like the worker's: batched every 30 ms, at `rate` tokens/s on average
    per_batch = max(1, round(rate * 0.03))
    batches = [pieces[i:i + per_batch] for i in range(0, len(pieces), per_batch)]
    loop = QEventLoop()
    state = {"i": 0, "text": ""}

    def feed():
        if state["i"] >= len(batches):
            feeder.stop()
            QTimer.singleShot(200, loop.quit)
            return
        chunk = "".join(batches[state["i"]])
        state["i"] += 1
        if naive:
            state["text"] += chunk
            w.body.setMarkdown(state["text"])
        else:
            view.append(chunk)

    feeder = QTimer()
    feeder.setInterval(int(1000 * per_batch / rate))
    feeder.timeout.connect(feed)
    meter.start()
    t0 = time.perf_counter()
    feeder.start()
    loop.exec()
    meter.stop()
    if not naive:
        view.stop_stream()
    return meter.summary(), len(pieces) / (time.perf_counter() - t0 - 0.2)


def run_real(app, win, meter, tokens) -> tuple[str, str]:
    win.settings.set("max_tokens", tokens)
    win.settings.set("temperature", 0.7)
    deadline = time.time() + 120
    while win.model_info is None and time.time() < deadline:
        app.processEvents()
        time.sleep(0.005)
    win.new_chat()
    win.composer.setPlainText("Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,")
    loop = QEventLoop()
    win.worker.finished.connect(lambda *_: QTimer.singleShot(100, loop.quit))
    win.send()
    meter.start()
    loop.exec()  # the event loop waits as in the app: no busy loop stealing the CPU
    meter.stop()
    m = win.last_metrics
    return meter.summary(), f"{m.completion_tokens} tokens at {m.decode_tps:.1f} tokens/s"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=600)
    ap.add_argument("--rate", type=float, default=200.0, help="synthetic tokens/s")
    args = ap.parse_args()
    os.environ.setdefault("EMBER_HOME", tempfile.mkdtemp(prefix="ember-stall-"))
    app = QApplication.instance() or QApplication([])
    from desktop.ui.app import create_window
    _, win = create_window(first_run_dialog=False)
    win.resize(1180, 780)
    win.show()
    meter = StallMeter()
    real, speed = run_real(app, win, meter, args.tokens)
    pieces = synthetic_answer(args.tokens * 4)
    synth, srate = run_synthetic(app, win.chat, meter, pieces, args.rate, naive=False)
    naive, nrate = run_synthetic(app, win.chat, meter, pieces, args.rate, naive=True)
    print(f"machine: {os.cpu_count()} CPUs, Qt platform {os.environ['QT_QPA_PLATFORM']}")
    print(f"real model stream ({speed}):")
    print(f"  Ember view                {real}")
    print(f"synthetic markdown stream ({len(pieces)} pieces at {args.rate:.0f}/s, code blocks):")
    print(f"  Ember view ({srate:5.0f}/s)     {synth}")
    print(f"  naive setMarkdown ({nrate:5.0f}/s) {naive}")
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
