"""The model worker: one QThread owns the Engine; the UI talks to it only through signals.

Requests arrive as queued signal emissions (so they run in the worker's thread); results go
back as signals, delivered to @Slot methods of main-thread objects. `cancel()` is the one call
made directly from the UI thread: Engine.cancel() only sets a thread-safe flag.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.engine import Engine, SamplingSettings
from ..core.errors import EmberError


@dataclass
class LoadRequest:
    path: Path
    label: str
    ctx: int | None = None            # None: the planner's default
    gpu_layers: int | None = None
    kv_type: str | None = None
    flash_attn: str | None = None


@dataclass
class ChatRequest:
    messages: list[dict]
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    json_mode: bool = False
    tag: object = None                # whatever the UI needs to route the answer (message id)


class EngineWorker(QObject):
    loading = Signal(str)                 # label
    loaded = Signal(object, object)       # ModelInfo, Plan
    load_failed = Signal(str)
    notice = Signal(str)
    started = Signal(object)              # tag
    prefill = Signal(int, int)            # done, total
    pieces = Signal(object, str)          # tag, text (batched)
    finished = Signal(object, object, str)  # tag, TurnMetrics, full text
    failed = Signal(object, str)          # tag, message

    # requests (connected with queued connections to the slots below)
    request_load = Signal(object)
    request_chat = Signal(object)
    request_unload = Signal()

    EMIT_INTERVAL_S = 0.03                # batch pieces: at most ~33 deliveries a second

    def __init__(self) -> None:
        super().__init__()
        self.engine = Engine()
        self.request_load.connect(self._load)
        self.request_chat.connect(self._chat)
        self.request_unload.connect(self._unload)

    def cancel(self) -> None:  # any thread
        self.engine.cancel()

    @Slot(object)
    def _load(self, req: LoadRequest) -> None:
        from ..core import gguf_meta, hardware, plan
        self.loading.emit(req.label)
        try:
            facts = plan.ModelFacts.from_gguf(gguf_meta.inspect(req.path))
            wanted = req.ctx if req.ctx is not None else min(8192, facts.training_context)
            p = plan.plan(facts, hardware.probe(), wanted, kv_type=req.kv_type,
                          gpu_layers=req.gpu_layers)
            if p.fit == "no":
                raise EmberError(f"{facts.name} does not fit this machine: {p.sentence}")
            if req.flash_attn:
                p.overrides = {"flash_attn": req.flash_attn}
            info, p = plan.load_with_fallback(self.engine, req.path, p,
                                              on_retry=lambda m: self.notice.emit(m))
            try:
                plan.record_load(info, p)
            except OSError:
                pass
        except EmberError as e:
            self.load_failed.emit(str(e))
            return
        except Exception as e:  # an Ember bug: say it, keep the app alive
            self.load_failed.emit(f"Unexpected error while loading: {type(e).__name__}: {e}")
            return
        self.loaded.emit(info, p)

    @Slot()
    def _unload(self) -> None:
        self.engine.unload()

    @Slot(object)
    def _chat(self, req: ChatRequest) -> None:
        tag = req.tag
        self.started.emit(tag)
        buf: list[str] = []
        last = time.monotonic()
        try:
            turn = self.engine.chat(req.messages, req.sampling, json_mode=req.json_mode,
                                    on_prefill=lambda d, t: self.prefill.emit(d, t))
            for piece in turn:
                buf.append(piece)
                now = time.monotonic()
                if now - last >= self.EMIT_INTERVAL_S:
                    self.pieces.emit(tag, "".join(buf))
                    buf.clear()
                    last = now
            if buf:
                self.pieces.emit(tag, "".join(buf))
        except EmberError as e:
            self.failed.emit(tag, str(e))
            return
        except Exception as e:
            self.failed.emit(tag, f"Unexpected error while answering: {type(e).__name__}: {e}")
            return
        self.finished.emit(tag, turn.metrics, turn.text)


def start_worker() -> tuple[EngineWorker, QThread]:
    thread = QThread()
    thread.setObjectName("ember-model-worker")
    worker = EngineWorker()
    worker.moveToThread(thread)
    thread.start()
    return worker, thread
