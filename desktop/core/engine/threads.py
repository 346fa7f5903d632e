"""Fewer llama.cpp threads while other programs keep the cores busy (issue 24).

llama.cpp splits each token's graph across its threads, and every thread waits for the slowest
at each of the graph's barriers (a few hundred a token). When another program keeps a core busy,
one of the threads shares that core: it runs a time slice in two, and the others wait for it at
every barrier. On 2 cores beside one busy core, 2 threads decoded the embedded model at a third
of their idle speed and 1 thread at 0.6 of it (docs/DESIGN.md, "Decode beside a busy core").
So the engine looks, twice a second while it decodes, at how many cores the *other* processes
used (all CPU time the system reports, less this process's own), and decodes on the cores that
are left: `threads_for()`. It asks for its threads back once the others have stopped.

Niced processes are left out of the "others" when the engine runs at nice 0: the scheduler
gives them a sliver beside a nice-0 thread, so they take no core from it.

`EMBER_ADAPT_THREADS=0` turns this off (benchmarks that compare fixed thread counts).
"""
from __future__ import annotations

import os
import time

import llama_cpp
import psutil

INTERVAL_S = 0.5      # between looks while decoding (the first look of a turn: half of it)
MIN_LOOK_S = 0.2      # a shorter look is too coarse (the kernel counts CPU time in 10 ms ticks)
STALE_S = 1.0         # a turn starting later than this after the last look starts afresh


def adapt_enabled() -> bool:
    return os.environ.get("EMBER_ADAPT_THREADS", "1").strip().lower() not in ("0", "false", "no", "off")


def usable_cpus() -> int:
    """The logical CPUs this process may run on (its affinity), or all of them."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def threads_for(want: int, cpus: int, others: float) -> int:
    """Threads to decode on when other processes kept `others` cores busy: at most `want`, and
    no more than the cores left free, rounded to the nearest (0.6 of a core taken counts as a
    core; 0.4 does not), never fewer than 1."""
    free = cpus - max(0.0, others)
    return max(1, min(want, int(free + 0.5)))


class CpuWatch:
    """The cores that processes other than this one used between two looks."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self._count_nice = _own_nice() > 0   # a niced engine competes with niced programs
        self._cpus = _affinity_subset()
        self._last: tuple[float, float, float] | None = None

    def _now(self) -> tuple[float, float, float]:
        if self._cpus is None:
            rows = [psutil.cpu_times()]
        else:  # only the CPUs this process may run on: load elsewhere takes none of its cores
            per = psutil.cpu_times(percpu=True)
            rows = [per[i] for i in self._cpus if i < len(per)]
        busy = 0.0
        for t in rows:
            busy += t.user + t.system + getattr(t, "irq", 0.0) + getattr(t, "softirq", 0.0) \
                + getattr(t, "steal", 0.0)
            if self._count_nice:
                busy += getattr(t, "nice", 0.0)
        return self.clock(), busy, time.process_time()

    def reset(self) -> None:
        self._last = self._now()

    def age(self) -> float:
        return float("inf") if self._last is None else self.clock() - self._last[0]

    def look(self) -> float | None:
        """Cores the others used since the last look (None on the first look)."""
        now, last = self._now(), self._last
        self._last = now
        if last is None or now[0] - last[0] <= 0:
            return None
        others = (now[1] - last[1]) - (now[2] - last[2])
        return max(0.0, others / (now[0] - last[0]))


def _affinity_subset() -> list[int] | None:
    """The CPUs of this process's affinity when it is not all of them (else None: the total)."""
    try:
        mine = sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return None
    return None if len(mine) >= (os.cpu_count() or 0) else mine


def _own_nice() -> int:
    try:
        return os.getpriority(os.PRIO_PROCESS, 0)
    except (AttributeError, OSError):
        return 0


class ThreadGovernor:
    """Sets a llama.cpp context's decode threads from CpuWatch's looks. `tick()` is called once
    a decode step and costs one clock read unless a look is due (a look: ~10 us)."""

    def __init__(self, ctx, want: tuple[int, int], *, cpus: int | None = None,
                 enabled: bool | None = None, clock=time.monotonic):
        self.ctx = ctx
        self.want = want
        self.cpus = cpus or usable_cpus()
        self.enabled = adapt_enabled() if enabled is None else enabled
        self.clock = clock
        self.watch = CpuWatch(clock)
        self.current = want[0]
        self.others: float | None = None   # cores the others used at the last look
        self._next = 0.0
        self.turn_min = self.current   # the fewest threads of the turn so far

    def start_turn(self) -> None:
        """A turn begins. Right after another turn the last looks still hold: look again now.
        After a pause they describe the past (a build that has ended since): all the threads
        again, and a first look a quarter of a second in. Wrong either way for that quarter
        second, it costs least on the machine that is most common, an idle one."""
        if not self.enabled:
            return
        now = self.clock()
        if self.watch.age() > STALE_S:
            self.watch.reset()
            self.others = None
            self.restore()
        elif self.watch.age() >= MIN_LOOK_S:
            self._look(now)
        self.turn_min = self.current
        self._next = now + INTERVAL_S / 2

    def tick(self) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now < self._next:
            return
        self._look(now)
        self._next = now + INTERVAL_S

    def _look(self, now: float) -> None:
        others = self.watch.look()
        if others is None:
            return
        self.others = others
        n = threads_for(self.want[0], self.cpus, others)
        if n != self.current:
            self._set(n)
        self.turn_min = min(self.turn_min, n)

    def _set(self, n: int) -> None:
        self.current = n
        # the batch threads shrink with the decode threads (the same barriers at every
        # llama_decode; parallel streams and speculative drafts decode batches)
        nb = max(1, min(self.want[1], n + max(0, self.want[1] - self.want[0])))
        llama_cpp.llama_set_n_threads(self.ctx, n, nb)

    def restore(self) -> None:
        """All the threads again."""
        if self.current != self.want[0]:
            self.current = self.want[0]
            llama_cpp.llama_set_n_threads(self.ctx, *self.want)

    def report(self, m) -> None:
        """Into a TurnMetrics: the fewest threads of the turn, the threads set, and the cores
        the others used at the last look."""
        m.threads, m.threads_max = min(self.turn_min, self.current), self.want[0]
        m.cpu_others = None if self.others is None else round(self.others, 2)

    @property
    def reduced(self) -> bool:
        return self.current < self.want[0]
