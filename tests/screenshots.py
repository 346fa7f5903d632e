#!/usr/bin/env python3
"""Regenerate the README's screenshots into docs/: the main window in its light and dark themes
(screenshot-light.png, screenshot-dark.png; screenshot-main.png is the light one), the model
manager, settings.

    QT_QPA_PLATFORM=offscreen python tests/screenshots.py

Uses a temporary data folder. The conversation shown is sample content written into the store
(the embedded 270M model's own answers are too rough to show what the window does with code,
and it does not reason): a question, and an answer with its reasoning folded away, a code block
and its figures. The other chats are dated back so the sidebar shows its groups. Everything else —
the model, the planner's sentence, the status bar figures — is live.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["EMBER_HOME"] = tempfile.mkdtemp(prefix="ember-shots-")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

QUESTION = "How do I merge overlapping intervals in Python? Keep it fast."
ANSWER = """<think>They want merging of overlapping intervals. Sorting by start makes every
overlap adjacent, so one pass is enough.</think>

Sort by start, then sweep once, extending the last interval while they overlap:

```python
def merge_intervals(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
```

- **O(n log n)** for the sort, then a single linear pass.
- Touching intervals such as `(1, 2)` and `(2, 3)` merge; use `<` instead of `<=` to keep them apart.

```python
assert merge_intervals([(1, 3), (2, 6), (8, 10)]) == [(1, 6), (8, 10)]
```"""


DAY = 86400.0


def seed() -> None:
    from datetime import datetime, timezone

    from desktop.core.store import Store
    s = Store()
    other = [("Explain Python's GIL in two sentences", "The GIL lets one thread run Python "
              "bytecode at a time…", 0.02), ("Regex for ISO dates",
                                             "`\\d{4}-\\d{2}-\\d{2}` …", 1.0),
             ("Rust: borrow checker error E0502", "You hold an immutable borrow while…", 3.0),
             ("Bash: rename files in a loop", "Use a `for` loop over a glob…", 12.0),
             ("SQL window functions", "`ROW_NUMBER() OVER (PARTITION BY …)` …", 45.0)]
    for q, a, days_ago in other:
        c = s.create_conversation(model="Qwen2.5-7B-Instruct")
        s.add_message(c, "user", q)
        s.add_message(c, "assistant", a)
        s.auto_title(c)
        when = datetime.fromtimestamp(time.time() - days_ago * DAY, timezone.utc)
        with s.transaction() as db:   # sample dates, so the sidebar shows its groups
            db.conn.execute("UPDATE conversations SET updated = ? WHERE id = ?",
                            (when.isoformat(timespec="milliseconds").replace("+00:00", "Z"), c))
    c = s.create_conversation(model="Qwen2.5-7B-Instruct")
    s.add_message(c, "user", QUESTION)
    s.add_message(c, "assistant", ANSWER, metrics={"decode_tps": 81.4, "ttft_s": 0.21,
                                                   "completion_tokens": 260,
                                                   "finish_reason": "stop"})
    s.auto_title(c)
    s.set_pinned(c, True)
    s.close()


def settle(app, seconds: float = 0.3) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    seed()
    app = QApplication.instance() or QApplication([])
    from desktop.ui.app import create_window
    _, win = create_window(first_run_dialog=False)
    win.resize(1180, 780)
    win.show()
    deadline = time.time() + 120
    while win.model_info is None and time.time() < deadline:
        settle(app, 0.1)
    win.refresh_conversations()
    win.open_conversation(win.conv_list.item(0).data(256))
    win.composer.setPlainText("Now make it work for a stream of intervals.")
    for theme in ("dark", "light"):
        win.set_theme(theme)
        settle(app, 0.5)
        win.grab().save(str(out / f"screenshot-{theme}.png"))
    win.grab().save(str(out / "screenshot-main.png"))

    from desktop.ui.model_manager import ModelManager
    mm = ModelManager(win, win.settings)
    mm.show()
    settle(app)
    mm.grab().save(str(out / "screenshot-models.png"))
    mm.close()

    from desktop.ui.settings import SettingsDialog
    sd = SettingsDialog(win, win.settings)
    sd.show()
    settle(app)
    sd.grab().save(str(out / "screenshot-settings.png"))
    sd.close()
    win.close()
    print("wrote", *(p.name for p in sorted(out.glob("screenshot-*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
