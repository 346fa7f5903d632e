"""Memory figures for the status bar, read once a second on a thread of their own: psutil
(the window's and the engine's resident memory, free RAM) and NVML (VRAM). The UI thread only
sets labels from the `memory` signal."""
from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot


class MemoryPoller(QObject):
    memory = Signal(object)           # {"rss": bytes, "available": bytes, "vram": (used, total)}

    def __init__(self, interval_ms: int = 1000):
        super().__init__()
        self.engine_pid: int | None = None   # set from the UI thread (an int: atomic)
        self.interval_ms = interval_ms
        self._nvml: bool | None = None
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:          # in the poller's thread
        self._timer = QTimer(self)
        self._timer.setInterval(self.interval_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self.poll()

    @Slot()
    def poll(self) -> None:
        import psutil
        rss = psutil.Process().memory_info().rss
        pid = self.engine_pid
        if pid is not None:  # the model's memory is the engine's
            try:
                rss += psutil.Process(pid).memory_info().rss
            except psutil.Error:
                pass
        self.memory.emit({"rss": rss, "available": psutil.virtual_memory().available,
                          "vram": self._vram()})

    def _vram(self):
        if self._nvml is False:
            return None
        try:
            import pynvml
            if self._nvml is None:
                pynvml.nvmlInit()
            mem = pynvml.nvmlDeviceGetMemoryInfo(pynvml.nvmlDeviceGetHandleByIndex(0))
            self._nvml = True
            return (int(mem.used), int(mem.total))
        except Exception:  # noqa: BLE001 - no driver, no GPU: the label says "VRAM –"
            self._nvml = False
            return None

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()


def start_poller() -> tuple[MemoryPoller, QThread]:
    thread = QThread()
    thread.setObjectName("ember-memory-poller")
    poller = MemoryPoller()
    poller.moveToThread(thread)
    thread.started.connect(poller.start)
    thread.finished.connect(poller.stop)
    thread.start()
    return poller, thread
