"""The engine worker: one QThread talks to the engine process (`ember serve`) for the window.

The model lives in the engine process (desktop/core/server); this thread holds only its client
(desktop/core/client.EngineClient), so nothing in the window's process imports llama.cpp and
no Python work in the window can slow decoding down. Requests arrive as queued signal emissions
(so they run in the worker's thread); results go back as signals, delivered to @Slot methods of
main-thread objects. `cancel()` is the one call made directly from the UI thread: it never waits
(the cancel request goes out on a short-lived thread).

If the engine dies (a llama.cpp abort, a CUDA error, kill -9), the worker says why with the last
lines of its log, starts a new engine and loads the model again (with fewer GPU layers when it
died out of memory).

A model of a remote engine (issue 14: core/remote.py) is "loaded" by connecting to its server:
`engine` is then a RemoteEngine instead of the local engine process's client (`_local`), and
the local model is unloaded meanwhile. The remote engines' model lists are fetched on a thread
of their own (`list_remotes`), so a slow server never holds up an answer or the window.

A chat with tools (ChatRequest.tools, issue 15) is answered with the tool loop
(core/agent/loop.run_tool_turn) on this thread: each call goes to the window as `step` when it
starts and when it ends; a write in the project folder asks the window (`confirm_write`) and
this thread waits for the answer on a threading.Event (the UI thread never waits: its dialog is
non-blocking); `cancel()` sets the turn's cancel event too, which stops a running tool and the
loop, and ends a pending question with "no".
"""
from __future__ import annotations

import dataclasses
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.client import EngineClient, EngineGone, EngineProcess, restart_settings
from ..core.errors import EmberError
from ..core.store.records import FLUSH_INTERVAL_S
from .conversations import ToolSpec
from .i18n import tr


@dataclass
class LoadRequest:
    path: Path
    label: str
    ctx: int | None = None            # None: the planner's default
    gpu_layers: int | None = None
    kv_type: str | None = None
    flash_attn: str | None = None
    model: str | None = None          # a name the engine resolves ("embedded": it assembles it)
    remote: str | None = None         # a remote engine's name: `model` is one of its models


@dataclass
class ConfirmAsk:
    """A question from the tool loop to the user (a write's diff); the worker thread waits on
    `done` for `answer`."""
    kind: str
    data: dict
    folder: str | None = None
    answer: bool = False
    done: threading.Event = field(default_factory=threading.Event)

    def reply(self, yes: bool) -> None:
        self.answer = bool(yes)
        self.done.set()


@dataclass
class ChatRequest:
    """A turn the session prepared (core/session.PreparedTurn) and the session that saves it."""
    turn: object                      # PreparedTurn
    session: object = None            # ChatSession: streaming persistence on this thread
    tools: ToolSpec | None = None     # answer with the tool loop (session.tools_enabled set)

    @property
    def tag(self):                    # the reply id routes the answer in the UI
        return self.turn.reply_id


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
    docs_progress = Signal(str, int, int)  # file name, pages read, pages (a PDF)
    request_docs = Signal(object)         # list of paths or (name, text) pairs
    engine_died = Signal(object, str)     # tag of the answer it cut (or None), what happened
    engine_ready = Signal(object)         # the EngineProcess (pid, port, started here or found)
    preview = Signal(int, str)            # serial, the budget sentence for pending documents
    request_preview = Signal(int, object)  # serial, (docs, history, reserve, earlier)
    remote_models = Signal(object)        # list[remote.Reachability] (list_remotes)
    step = Signal(object, object)         # tag, agent.loop.StepEvent (started, or with result)
    confirm_write = Signal(object, object)  # tag, ConfirmAsk: answer it with ask.reply(yes)

    # requests (connected with queued connections to the slots below)
    request_load = Signal(object)
    request_chat = Signal(object)
    request_unload = Signal()

    EMIT_INTERVAL_S = 0.03                # batch pieces: at most ~33 deliveries a second
    FLUSH_INTERVAL_S = FLUSH_INTERVAL_S   # a streaming reply reaches the database this often

    def __init__(self, *, port: int | None = None, keep_running: bool = False,
                 threads: int | None = None) -> None:
        super().__init__()
        from ..core import hardware
        hardware.use_engine_build()       # this process never imports llama.cpp
        self.engine = None                # the engine in use: _local, or a remote's RemoteEngine
        self._local: EngineClient | None = None   # the local engine process's client
        self.process: EngineProcess | None = None
        self.port, self.keep_running, self.threads = port, keep_running, threads
        self._last_load: LoadRequest | None = None
        # documents are read on a thread of their own, one at a time (pdfium is not thread-safe):
        # a 500-page PDF never holds up an answer on this thread
        self._docs_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ember-docs")
        self._docs_cancel = threading.Event()
        self._net_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ember-remotes")
        self._tool_cancel: threading.Event | None = None   # the tool turn answering now
        self.request_load.connect(self._load)
        self.request_docs.connect(self._load_docs)
        self.request_chat.connect(self._chat)
        self.request_unload.connect(self._unload)
        self.request_preview.connect(self._preview)

    def cancel(self) -> None:  # any thread; never waits
        ev = self._tool_cancel
        if ev is not None:
            ev.set()                      # a running tool, the loop, a pending question
        eng = self.engine
        if eng is not None:
            eng.cancel()

    # ---------------------------------------------------------------- the engine process
    def _use(self, eng) -> None:
        """Make `eng` the engine answers go to (a remote one left behind is closed)."""
        old, self.engine = self.engine, eng
        if old is not None and old is not eng and old is not self._local:
            old.close()

    def _ensure_engine(self) -> EngineClient:
        """The engine of this data folder: the one already running, or a new one."""
        if self._local is not None and self.process is not None and self.process.alive():
            self._use(self._local)
            return self._local
        from ..core import hardware
        proc = EngineProcess.find() if self.process is None else None
        if proc is None:
            proc = EngineProcess.start(port=self.port, keep_running=self.keep_running,
                                       threads=self.threads)
        old, self._local = self._local, EngineClient(proc)
        if old is not None:
            old.close()
        self._use(self._local)
        self.process = proc
        try:
            hardware.use_engine_build(self._local.hardware_build())
        except EmberError:
            pass
        self.engine_ready.emit(proc)
        return self._local

    def stop_engine(self) -> None:
        """Stop the engine if this window started it (and it is not kept for editors)."""
        proc = self.process
        if proc is not None and proc.started_here and not self.keep_running:
            proc.stop()
        for eng in (self._local, self.engine):
            if eng is not None:
                eng.close()
        self._net_pool.shutdown(wait=False, cancel_futures=True)

    def _restart_after(self, gone: EngineGone) -> None:
        """The engine died: start a new one and load the last model again."""
        req = self._last_load
        self.process = None
        if self._local is not None:
            self._local.close()
        if self.engine is self._local:
            self.engine = None
        self._local = None
        if req is None:
            return
        layers = req.gpu_layers
        if layers is None or layers < 0:
            layers = getattr(self, "_offloaded", None) or 0
        r = restart_settings(gone, gpu_layers=layers, n_layers=getattr(self, "_n_layers", None),
                             ctx=getattr(self, "_n_ctx", None) or req.ctx)
        if r.message:
            self.notice.emit(r.message)
        if r.gpu_layers is not None or r.ctx is not None:
            req = LoadRequest(req.path, req.label,
                              r.ctx if r.ctx is not None else req.ctx,
                              r.gpu_layers if r.gpu_layers is not None else req.gpu_layers,
                              req.kv_type, req.flash_attn, req.model)
        self._load(req, restarting=True)

    @Slot(object)
    def _load(self, req: LoadRequest, restarting: bool = False) -> None:
        self.loading.emit(req.label)
        if req.remote:
            self._load_remote(req)
            return
        self._last_load = req
        try:
            eng = self._ensure_engine()
            info, p = eng.load_planned(
                req.model or req.path, ctx=req.ctx, gpu_layers=req.gpu_layers, kv_type=req.kv_type,
                flash_attn=req.flash_attn, threads=self.threads,
                on_notice=lambda m: self.notice.emit(m))
            self._offloaded = info.n_layers_offloaded
            self._n_layers, self._n_ctx = info.n_layers, info.n_ctx
        except EngineGone as e:
            if not restarting:
                self.engine_died.emit(None, _gone_text(e))
                self._restart_after(e)
                return
            self.load_failed.emit(_gone_text(e))
            return
        except EmberError as e:
            self.load_failed.emit(str(e))
            return
        except Exception as e:  # an Ember bug: say it, keep the app alive
            self.load_failed.emit(tr("Unexpected error while loading: {error}").format(error=f"{type(e).__name__}: {e}"))
            return
        self.loaded.emit(info, p)

    def _load_remote(self, req: LoadRequest) -> None:
        """Connect to a remote engine's model: it answers from now on; the local engine's model
        is unloaded meanwhile (its memory is free for other programs)."""
        from ..core import remote
        try:
            eng = remote.RemoteEngine(remote.get(req.remote))
            try:
                info, p = eng.load_planned(req.model, on_notice=lambda m: self.notice.emit(m))
            except BaseException:
                eng.close()
                raise
        except EmberError as e:
            self.load_failed.emit(str(e))
            return
        except Exception as e:  # an Ember bug: say it, keep the app alive
            self.load_failed.emit(tr("Unexpected error while connecting: {error}").format(
                error=f"{type(e).__name__}: {e}"))
            return
        self._use(eng)
        self._last_load = None   # nothing to reload if the local engine dies meanwhile
        if self._local is not None and self._local.loaded:
            try:
                self._local.unload()
            except EmberError:
                pass
        self.loaded.emit(info, p)

    def list_remotes(self) -> None:
        """Any thread: ask every remote engine for its models, on the remotes' own thread;
        the answer comes as `remote_models` (a list of core.remote.Reachability)."""
        def run():
            from ..core import remote
            try:
                found = remote.probe_all()
            except EmberError as e:   # remotes.json cannot be read
                self.notice.emit(str(e))
                found = []
            self.remote_models.emit(found)
        try:
            self._net_pool.submit(run)
        except RuntimeError:  # shut down: the window is closing
            pass

    @Slot()
    def _unload(self) -> None:
        if self.engine is not None:
            try:
                self.engine.unload()
            except EmberError:
                pass

    @Slot(int, object)
    def _preview(self, serial: int, args) -> None:
        """Before sending: what Ember will do with the documents (counted by the engine's
        tokenizer, off the UI thread)."""
        from ..core import documents
        docs, history, reserve, *rest = args
        eng = self.engine
        if eng is None or not eng.loaded:
            return
        try:   # rest: how many of docs the chat already has (the sentence names the others)
            b = documents.budget(eng, docs, history, "", reserve_for_answer=reserve,
                                 earlier=rest[0] if rest else 0)
            self.preview.emit(serial, b.sentence)
        except Exception as e:  # noqa: BLE001 - a preview must never break the window
            self.preview.emit(serial, str(e))

    def cancel_docs(self) -> None:
        """Any thread: stop reading the documents being read (a PDF stops at its next page)."""
        self._docs_cancel.set()

    @Slot(object)
    def _load_docs(self, items) -> None:
        """Read dropped / attached / pasted documents and count their tokens: on the documents
        thread, so this thread goes on streaming answers meanwhile."""
        self._docs_cancel.clear()
        self._docs_pool.submit(self._read_docs, items)

    def _read_docs(self, items) -> None:
        from ..core import documents
        ok, errors = [], []
        cancel = self._docs_cancel
        for item in items:
            if cancel.is_set():
                what = item[0] if isinstance(item, tuple) else Path(str(item)).name
                errors.append(tr("Reading {name} was cancelled.").format(name=what))
                continue
            try:
                name = None if isinstance(item, tuple) else Path(item).name

                def progress(done: int, total: int, name=name) -> bool:
                    self.docs_progress.emit(name or "", done, total)
                    return not cancel.is_set()
                doc = (documents.from_text(*item) if isinstance(item, tuple)
                       else documents.load_document(Path(item), progress=progress))
                eng = self.engine
                tokens = documents.count_tokens(eng, doc) if eng is not None and eng.loaded \
                    else None
                ok.append((doc, tokens))
            except EmberError as e:
                errors.append(str(e))
            except Exception as e:
                errors.append(f"{item}: unexpected error {type(e).__name__}: {e}")
        self.docs_loaded.emit(ok, errors)

    @Slot(object)
    def _chat(self, req: ChatRequest) -> None:
        from ..core.session import NeedsReload, prepare_messages, run_turn
        turn, tag = req.turn, req.tag
        if self.engine is None or not self.engine.loaded:
            self.failed.emit(tag, tr("The model is not loaded (the engine is starting): try "
                                     "again in a moment."))
            return
        try:  # with documents: the budget decision, counted by the engine's tokenizer
            messages = prepare_messages(self.engine, turn)
        except NeedsReload as e:
            b = e.budget
            self.needs_reload.emit(tag, BudgetNote(b.decision, b.sentence, list(b.used or []),
                                                   b.plan))
            return
        except EmberError as e:
            self._answer_failed(tag, e)
            return
        if turn.budget is not None:
            b = turn.budget
            self.budget.emit(tag, BudgetNote(b.decision, b.sentence, list(b.used or []), b.plan))
        self.started.emit(tag)
        try:
            if req.tools:
                t = self._tool_turn(req, messages)
            else:
                t = run_turn(self.engine, req.session, turn, messages=messages,
                             on_pieces=lambda chunk: self.pieces.emit(tag, chunk),
                             on_prefill=lambda d, n: self.prefill.emit(d, n),
                             emit_interval=self.EMIT_INTERVAL_S,
                             flush_interval=self.FLUSH_INTERVAL_S)
        except Exception as e:
            self._answer_failed(tag, e)
            return
        self.finished.emit(tag, t.metrics, t.text)

    def _answer_failed(self, tag, e: Exception) -> None:
        """Tell the window why answer `tag` did not happen: the engine process died (and is
        started again), Ember's own clear error, or an unexpected one."""
        if isinstance(e, EngineGone):
            self.engine_died.emit(tag, _gone_text(e))
            self._restart_after(e)
        elif isinstance(e, EmberError):
            self.failed.emit(tag, str(e))
        else:
            self.failed.emit(tag, tr("Unexpected error while answering: {error}").format(
                error=f"{type(e).__name__}: {e}"))

    def _tool_turn(self, req: ChatRequest, messages: list[dict]):
        """The answer with tools: the model's text streams (batched as run_turn does, and saved
        about once a second: the current round's text), each call goes to the window as it
        starts and ends, writes are confirmed by the user. Returns the loop's result, its
        metrics' finish_reason "cancelled" when Stop ended it."""
        from ..core.agent.loop import run_tool_turn
        turn, tag, session = req.turn, req.tag, req.session
        if not self.engine.capabilities.tools:
            raise EmberError(tr("Tools run with Ember's own engine; this remote engine answers "
                                "plain chats (turn Tools and the project folder off)."))
        box = req.tools.toolbox()
        for note in box.notes:
            self.notice.emit(note)
        cancel = self._tool_cancel = threading.Event()
        pieces = _Batcher(lambda chunk: self.pieces.emit(tag, chunk),
                          (lambda text: session.save_partial(turn, text)) if session else None,
                          self.EMIT_INTERVAL_S, self.FLUSH_INTERVAL_S)

        def on_step(ev) -> None:
            pieces.new_round()            # what streamed before the call is its text_before
            self.step.emit(tag, dataclasses.replace(ev))

        def confirm(kind: str, data: dict) -> bool:
            pieces.flush()
            ask = ConfirmAsk(kind, dict(data), req.tools.folder)
            self.confirm_write.emit(tag, ask)
            while not ask.done.wait(0.1):
                if cancel.is_set():       # Stop (or the window closing) while it asks: no
                    return False
            return ask.answer and not cancel.is_set()

        try:
            r = run_tool_turn(self.engine, session, turn, box, on_pieces=pieces.add,
                              on_step=on_step, confirm=confirm, cancel=cancel,
                              messages=messages)
        finally:
            pieces.flush()
            self._tool_cancel = None
            for conn in getattr(box, "connections", ()):
                conn.close()
        if r.finish == "cancelled":
            r.metrics.finish_reason = "cancelled"
        return r


class _Batcher:
    """Pieces to the window at most every `emit_s`; the current round's text to the store about
    every `save_s` (a tool turn's streaming persistence, as run_turn's)."""

    def __init__(self, emit, save, emit_s: float, save_s: float):
        self.emit, self.save, self.emit_s, self.save_s = emit, save, emit_s, save_s
        self.buf: list[str] = []
        self.text: list[str] = []
        self.last = self.last_save = time.monotonic()

    def add(self, piece: str) -> None:
        if not piece:
            return
        self.buf.append(piece)
        self.text.append(piece)
        now = time.monotonic()
        if now - self.last >= self.emit_s:
            self.flush()
        if self.save is not None and now - self.last_save >= self.save_s:
            self.last_save = now
            self.save("".join(self.text))

    def flush(self) -> None:
        self.last = time.monotonic()
        if self.buf:
            chunk = "".join(self.buf)
            self.buf.clear()
            self.emit(chunk)

    def new_round(self) -> None:
        self.flush()
        self.text.clear()


def _gone_text(e: EngineGone) -> str:
    tail = "\n".join(line[:200] for line in e.log_tail[-8:])
    return f"{e}" + (f"\n\nThe last lines of its log:\n{tail}" if tail else "")


def start_worker(**kw) -> tuple[EngineWorker, QThread]:
    thread = QThread()
    thread.setObjectName("ember-engine-client")
    worker = EngineWorker(**kw)
    worker.moveToThread(thread)
    thread.start()
    return worker, thread
