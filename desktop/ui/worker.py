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
    conv_key: str | None = None       # the conversation, for KV snapshots
    docs: list = field(default_factory=list)   # attached documents (documents.Document)
    allow_reload: bool = True         # False: the user declined a bigger context: retrieve


@dataclass
class BudgetNote:
    decision: str                     # fits | reload | retrieve | too_long
    sentence: str
    used: list[str] = field(default_factory=list)
    plan: object = None               # for reload: the configuration to reload with


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
    budget = Signal(object, object)       # tag, BudgetNote (before the answer, with documents)
    needs_reload = Signal(object, object) # tag, BudgetNote: ask the user, then resend
    docs_loaded = Signal(object, object)  # list[(Document, tokens)], list[error message]
    request_docs = Signal(object)         # list of paths or (name, text) pairs

    # requests (connected with queued connections to the slots below)
    request_load = Signal(object)
    request_chat = Signal(object)
    request_unload = Signal()

    EMIT_INTERVAL_S = 0.03                # batch pieces: at most ~33 deliveries a second

    def __init__(self) -> None:
        super().__init__()
        self.engine = Engine()
        self.kv = None                    # KVCache, created in the worker thread on first use
        self.request_load.connect(self._load)
        self.request_docs.connect(self._load_docs)
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
    def _load_docs(self, items) -> None:
        """Read dropped / attached / pasted documents and count their tokens (off the UI)."""
        from ..core import documents
        ok, errors = [], []
        for item in items:
            try:
                doc = (documents.from_text(*item) if isinstance(item, tuple)
                       else documents.load_document(Path(item)))
                tokens = documents.count_tokens(self.engine, doc) if self.engine.loaded else None
                ok.append((doc, tokens))
            except EmberError as e:
                errors.append(str(e))
            except Exception as e:
                errors.append(f"{item}: unexpected error {type(e).__name__}: {e}")
        self.docs_loaded.emit(ok, errors)

    def _kvcache(self):
        if self.kv is None:
            from ..core.kvcache import KVCache
            self.kv = KVCache()
        return self.kv

    def _prepare(self, req: ChatRequest) -> list[dict] | None:
        """The messages to send: with documents, after the budget decision (None: stop here)."""
        if req.conv_key is not None:
            try:
                self._kvcache().switch_to(self.engine, req.conv_key)
            except Exception:
                pass  # a snapshot is an optimisation: never a reason not to answer
        if not req.docs:
            return req.messages
        from ..core import documents
        msgs = list(req.messages)
        system = msgs.pop(0)["content"] if msgs and msgs[0]["role"] == "system" else None
        question = msgs.pop()["content"] if msgs and msgs[-1]["role"] == "user" else ""
        b = documents.budget(self.engine, req.docs, msgs, question,
                             reserve_for_answer=min(req.sampling.max_tokens or 1024, 4096),
                             system=system, allow_reload=req.allow_reload)
        note = BudgetNote(b.decision, b.sentence, list(b.used or []), b.plan)
        if b.decision == "reload":
            self.needs_reload.emit(req.tag, note)
            return None
        if b.decision == "too_long":
            self.failed.emit(req.tag, b.sentence)
            return None
        self.budget.emit(req.tag, note)
        return b.messages(msgs, question, system)

    @Slot(object)
    def _chat(self, req: ChatRequest) -> None:
        tag = req.tag
        try:
            messages = self._prepare(req)
        except EmberError as e:
            self.failed.emit(tag, str(e))
            return
        if messages is None:
            return
        self.started.emit(tag)
        buf: list[str] = []
        last = time.monotonic()
        try:
            turn = self.engine.chat(messages, req.sampling, json_mode=req.json_mode,
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
        if req.conv_key is not None and turn.metrics.finish_reason != "cancelled":
            try:  # after an answer over a long prompt: keep its KV state for switching back
                self._kvcache().save(self.engine, req.conv_key)
            except Exception:
                pass
        self.finished.emit(tag, turn.metrics, turn.text)


def start_worker() -> tuple[EngineWorker, QThread]:
    thread = QThread()
    thread.setObjectName("ember-model-worker")
    worker = EngineWorker()
    worker.moveToThread(thread)
    thread.start()
    return worker, thread
