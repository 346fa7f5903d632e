"""The bench's progress as one figure (issue 28): the runner reports each section's own
done/total (speed 3/3, then coding 0/5: a bar fed that went 80% -> 12% between sections). This
maps the sections of every model onto one fraction that only grows, and estimates the time
left from what this run has measured so far; `measured_seconds` is what earlier runs of the
same kind took on this machine (the Quick box's "about N minutes here")."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

SECTIONS = ("speed", "coding", "json", "long_doc", "humaneval", "native")


class OverallProgress:
    def __init__(self, config, n_models: int = 1, clock=time.monotonic):
        self.sections = ["load"] + [s for s in SECTIONS if getattr(config, s, False)]
        self.n_models = max(1, n_models)
        self.model = 0
        self.fraction = 0.0
        self.clock = clock
        self.t0 = clock()

    def update(self, stage: str, done: int, total: int) -> float:
        """The whole run's fraction after this progress report (never less than before)."""
        if stage == "model":
            self.model = done
        elif stage == "done":
            self.fraction = 1.0
        elif stage in self.sections:
            part = min(1.0, done / total) if total else 0.0
            f = (self.model + (self.sections.index(stage) + part) / len(self.sections)) \
                / self.n_models
            self.fraction = max(self.fraction, min(f, 1.0))
        return self.fraction

    def seconds_left(self) -> float | None:
        """What is left at the pace measured so far (None before there is a pace)."""
        spent = self.clock() - self.t0
        if self.fraction < 0.05 or spent < 2:
            return None
        return spent * (1 - self.fraction) / self.fraction


def measured_seconds(quick: bool, folder: str | Path | None = None) -> float | None:
    """The median time of the last three finished runs of this kind (quick or full) on this
    machine, per model; None before there is one."""
    from .results import history
    times = [r.seconds for _, res in history(folder)
             if bool(res.config.get("quick")) == quick and not res.cancelled
             and not res.config.get("partial") and not res.config.get("humaneval")
             for r in res.runs if r.seconds > 0]
    return statistics.median(times[-3:]) if times else None


def minutes(seconds: float) -> str:
    return f"{max(1, round(seconds / 60))}"
