"""Peak memory while the bench runs: this process's RSS (psutil) and GPU memory (NVML).

A thread samples every `interval` seconds and keeps the samples, so the peak of any stretch
(one speed row, one model) is a lookup afterwards. VRAM: this process's own use when NVML lists
it (nvmlDeviceGetComputeRunningProcesses; not in every container, whose PIDs NVML cannot see),
else the growth of the GPUs' used memory since the sampler started (other programs' changes
count too: the method is recorded). No NVIDIA GPU or driver: None ("n/a").
"""
from __future__ import annotations

import os
import threading
import time

import psutil


class _NVML:
    def __init__(self) -> None:
        self.ok = False
        self.handles: list = []
        self.method = "n/a"
        self.baseline = 0
        try:
            import pynvml
            pynvml.nvmlInit()
            self.nv = pynvml
            self.handles = [pynvml.nvmlDeviceGetHandleByIndex(i)
                            for i in range(pynvml.nvmlDeviceGetCount())]
            self.ok = bool(self.handles)
        except Exception:
            self.ok = False
        if self.ok:
            self.baseline = self._device_used()

    def _device_used(self) -> int:
        return sum(int(self.nv.nvmlDeviceGetMemoryInfo(h).used) for h in self.handles)

    def used(self) -> int | None:
        if not self.ok:
            return None
        try:
            pid = os.getpid()
            mine = 0
            found = False
            for h in self.handles:
                for fn in ("nvmlDeviceGetComputeRunningProcesses",
                           "nvmlDeviceGetGraphicsRunningProcesses"):
                    try:
                        procs = getattr(self.nv, fn)(h)
                    except Exception:
                        continue
                    for p in procs:
                        if p.pid == pid and p.usedGpuMemory:
                            mine += int(p.usedGpuMemory)
                            found = True
            if found:
                self.method = "process"
                return mine
            self.method = "device delta" if self.method != "process" else self.method
            return max(0, self._device_used() - self.baseline)
        except Exception:
            return None

    def close(self) -> None:
        if self.ok:
            try:
                self.nv.nvmlShutdown()
            except Exception:
                pass


class MemorySampler:
    """Start, then ask `peak(t0, t1)` for any stretch; `stop()` at the end."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self._proc = psutil.Process()
        self._samples: list[tuple[float, int, int | None]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._nvml = _NVML()
        self._thread: threading.Thread | None = None

    @property
    def vram_method(self) -> str:
        return self._nvml.method if self._nvml.ok else "n/a (no NVIDIA GPU found by NVML)"

    def sample(self) -> None:
        try:
            rss = int(self._proc.memory_info().rss)
        except Exception:
            rss = 0
        vram = self._nvml.used()
        with self._lock:
            self._samples.append((time.perf_counter(), rss, vram))

    def start(self) -> "MemorySampler":
        self.sample()
        self._thread = threading.Thread(target=self._run, name="ember-bench-memory", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._nvml.close()

    def peak(self, t0: float | None = None, t1: float | None = None) -> tuple[int, int | None]:
        """(peak RSS bytes, peak VRAM bytes or None) of the samples taken between t0 and t1."""
        self.sample()
        with self._lock:
            rows = [s for s in self._samples
                    if (t0 is None or s[0] >= t0) and (t1 is None or s[0] <= t1)]
        if not rows:
            return 0, None
        rss = max(r[1] for r in rows)
        vrams = [r[2] for r in rows if r[2] is not None]
        return rss, (max(vrams) if vrams else None)
