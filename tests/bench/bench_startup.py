#!/usr/bin/env python3
"""How soon the window is visible after launch, and when its model is ready (the engine process
started and the model loaded in it), from the launch time the shell passes in (psutil's
process creation time is only accurate to a second); the first event-loop turn after show()
is "visible".

    BENCH_LAUNCH_TIME=$(date +%s.%N) QT_QPA_PLATFORM=offscreen python tests/bench/bench_startup.py

Prints the two figures; asserts nothing.
"""
import os
import sys
import time

LAUNCH = float(os.environ.get("BENCH_LAUNCH_TIME") or time.time())
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from PySide6.QtCore import QTimer  # noqa: E402

from desktop.ui.app import create_window  # noqa: E402

app, win = create_window(first_run_dialog=False)
win.show()


def shown():
    print(f"window visible {time.time() - LAUNCH:.2f} s after launch", flush=True)

    def ready():
        if win.model_info is None:
            QTimer.singleShot(20, ready)
            return
        print(f"model ready {time.time() - LAUNCH:.2f} s after launch "
              f"(engine pid {win.engine_pid}, {win.model_info.name})", flush=True)
        win.close()
        app.quit()
    ready()


QTimer.singleShot(0, shown)
sys.exit(app.exec())
