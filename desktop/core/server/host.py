"""The engine's owner inside `ember serve`: one thread holds the llama.cpp model and runs every
job that touches it (load, unload, prefill, decode, KV snapshots), one at a time, in order.

Qt-free. The HTTP side (app.py, an asyncio event loop) never calls the Engine itself: it submits
jobs and awaits their results, or reads a stream of events that the engine thread pushes into an
asyncio queue. Tokenizing only reads the vocabulary (const in llama.cpp), so it runs on the
caller's thread under `model_lock`, which load and unload hold: a budget preview never waits for
an answer to finish.
"""
from __future__ import annotations

import asyncio
import collections
import itertools
import logging
import os
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..engine import NATIVE_LOG, Engine
from ..errors import EmberError
from ..turns import SamplingSettings, TurnMetrics

if TYPE_CHECKING:
    from ..engine import Scheduler
    from ..plan import Plan

log = logging.getLogger("ember.server")

class _Result:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


_STOP: Any = object()  # the engine thread's stop marker (it goes through the job queue)


@dataclass
class _Batched:
    """run_turn's answer in parallel mode: the prepared turn, for the Scheduler."""
    turn: Any


class JobCancelled(EmberError):
    """The job was cancelled before it ran."""


# how long the engine's events wait at most for others to go out with them (the loop looks
# once a frame while a stream is faster than that); EMBER_STREAM_FRAME_MS=0: every event at once
STREAM_FRAME_S = max(0.0, float(os.environ.get("EMBER_STREAM_FRAME_MS", "10") or 0)) / 1000


@dataclass
class Job:
    fn: Callable[["Job"], Any]
    id: str
    kind: str
    loop: asyncio.AbstractEventLoop | None = None
    events: asyncio.Queue | None = None      # for streaming jobs: what the job emits
    future: asyncio.Future | None = None     # for plain jobs: the result
    cancelled: threading.Event = field(default_factory=threading.Event)
    started: bool = False
    result: Any = None                       # a streaming job's return value, once it ended
    owner: str | None = None                 # a team's key ("key:<sha256>") or None, the owner
    usage: Any = None                        # the access log's count (app.py; guard.py)

    # events handed over but not yet in `events`, and whether the loop has been woken for them
    _handed: collections.deque = field(default_factory=collections.deque)
    _woken: bool = False

    def emit(self, item) -> None:
        """From the engine thread: hand one event to the awaiting request. The loop is woken
        once for however many events pile up before it looks (_take_handed)."""
        if self.events is not None and self.loop is not None and not self.loop.is_closed():
            self._handed.append(item)
            if not self._woken:
                self._woken = True
                self.loop.call_soon_threadsafe(self._take_handed)

    def _take_handed(self) -> None:
        """On the loop: what the engine thread handed over, into the request's queue; then a
        look again one frame later instead of a wake-up for each event. A stream slower than a
        frame a token gets each token at once (the look finds nothing, and the next token wakes
        the loop); a faster one gets its tokens at most a frame late, several in one chunk.
        On a busy CPU every wake-up (a system call, a turn of the loop, an SSE write) took time
        from the decode's threads (docs/benchmarks.md, issue 29)."""
        handed = self._handed
        if not handed:
            self._woken = False     # first: an event handed after this line wakes the loop
            if not handed:
                return
            self._woken = True      # one came meanwhile (its own wake-up finds nothing)
        put = self.events.put_nowait  # type: ignore[union-attr]
        while handed:
            put(handed.popleft())
        assert self.loop is not None
        self.loop.call_later(STREAM_FRAME_S, self._take_handed)


@dataclass
class LoadState:
    """A load in progress (EngineHost.loading), and how it ended: `error` is the message of a
    failed one (requests that waited for it get it; /health says it: loading.py)."""
    path: str | None = None
    label: str | None = None
    progress: float = 0.0
    started: float = 0.0
    pending: bool = False            # announced (`ember serve MODEL`), not started yet
    error: BaseException | None = None


def _test_load_delay(job: "Job") -> None:
    """EMBER_TEST_LOAD_DELAY_S (tests only: tests/test_serve_loading.py): every load takes
    this many seconds longer, so a test can talk to an engine while it loads."""
    try:
        delay = float(os.environ.get("EMBER_TEST_LOAD_DELAY_S") or 0)
    except ValueError:
        delay = 0.0
    end = time.monotonic() + delay
    while time.monotonic() < end and not job.cancelled.is_set():
        time.sleep(min(0.05, max(0.0, end - time.monotonic())))


class EngineHost:
    """Owns one Engine on one thread; everything else talks to it through jobs."""

    def __init__(self, engine: Engine | None = None, *, kv_root: Path | None = None,
                 parallel: int | str = 1, speculative=None):
        self.engine = engine or Engine()
        # speculative decoding (engine/speculative.py) for every model this host loads; a draft
        # model named by catalog id or path is resolved at each load
        from ..engine.speculative import SpeculativeSettings
        self.speculative = (speculative or SpeculativeSettings()).check()
        self.speculative_notice: str | None = None
        self.kv_root = kv_root
        # parallel streams (engine/parallel.py): above 1, chat and completion jobs are decoded
        # together by a Scheduler between the other jobs, which wait until it is idle
        # "auto": the planner chooses at each load (plan.parallel_streams)
        self.parallel_request = parallel if parallel == "auto" else max(1, int(parallel))
        self.parallel = 1 if parallel == "auto" else max(1, int(parallel))
        self.parallel_why: str | None = None
        self.scheduler: Scheduler | None = None
        self._kv = None
        self.model_lock = threading.RLock()     # held by load/unload; taken by tokenize
        self._queue: "queue.Queue[Job | None]" = queue.Queue()
        self._waiting: list = []                 # taken from the queue, not yet run (_take)
        self._served: dict[str | None, int] = {}  # owner -> when it was last served
        self._ids = itertools.count(1)
        self.current: Job | None = None
        self.plan: Plan | None = None            # the plan of the loaded model
        self.model_id: str | None = None         # the id clients name the loaded model by
        self.loading: LoadState | None = None
        self.load_failed: LoadState | None = None  # the last load, when it failed (no model)
        self.last_metrics: TurnMetrics | None = None
        self.jobs_by_id: dict[str, Job] = {}
        self._batched: dict[int, Job] = {}       # id(job) -> job whose turn the Scheduler decodes
        self._thread = threading.Thread(target=self._main, name="ember-engine", daemon=True)
        self._thread.start()

    # ---------------------------------------------------------------- engine thread
    BATCHED_KINDS = ("chat", "completion")

    def _main(self) -> None:
        held: collections.deque[Job] = collections.deque()  # waiting for the batch to drain
        stopping = False
        while True:
            sched = self.scheduler
            busy = sched is not None and sched.busy
            job = None
            if held and not busy:
                job = held.popleft()
            elif not stopping:
                try:  # while sequences decode, only look: the next step must not wait
                    job = self._take(block=not busy)
                except queue.Empty:
                    job = None
            if job is _STOP:
                stopping = True
                for j in list(self._batched.values()):
                    self.cancel_job(j)
                for j in held:
                    self._finish(j, exc=JobCancelled("the engine is stopping"))
                held.clear()
                job = None
            if job is not None:
                if job.cancelled.is_set():
                    self._finish(job, exc=JobCancelled("cancelled before it started"))
                    self.jobs_by_id.pop(job.id, None)
                elif busy and sched is not None and (held or job.kind not in self.BATCHED_KINDS
                                                     or sched.free_slots == 0):
                    held.append(job)  # in order: nothing overtakes a waiting job
                else:
                    self._run_job(job)
            sched = self.scheduler
            if sched is not None and sched.busy:
                try:
                    sched.step()
                except BaseException:  # noqa: BLE001 - a failed step ends the batch's jobs
                    log.exception("parallel decode step failed")
                    self._drop_scheduler()
            elif stopping:
                break
        self._drop_scheduler()
        with self.model_lock:
            self.engine.unload()

    def _take(self, block: bool):
        """The next job (raises queue.Empty when there is none and `block` is False): in order
        within one owner; between owners, the one served least recently goes first, so a
        team's keys take turns and one key's queue cannot hold another's request back. The
        owner's own jobs (None) are one more turn-taker; without keys this is plain FIFO."""
        if not self._waiting:
            self._waiting.append(self._queue.get(block=block))
        while True:   # what else has arrived, without waiting
            try:
                self._waiting.append(self._queue.get_nowait())
            except queue.Empty:
                break
        job = self._waiting.pop(pick_fair(self._waiting, self._served))
        if job is not _STOP:
            self._served[job.owner] = next(self._ids)
        return job

    def _run_job(self, job: Job) -> None:
        self.current = job
        job.started = True
        deferred = False
        try:
            result = job.fn(job)
        except BaseException as e:  # noqa: BLE001 - every failure goes back to its request
            self._finish(job, exc=e)
        else:
            if isinstance(result, _Batched):
                deferred = True   # the Scheduler finishes it
                self._admit(job, result)
            else:
                self._finish(job, result=result)
        finally:
            self.current = None
            if not deferred:
                self.jobs_by_id.pop(job.id, None)

    def _admit(self, job: Job, b: "_Batched") -> None:
        """A chat job's turn joins the batch; the job ends when its sequence does."""
        self._batched[id(job)] = job

        def done(metrics, text, error):
            self._batched.pop(id(job), None)
            self.jobs_by_id.pop(job.id, None)
            self.last_metrics = metrics
            if error is not None:
                self._finish(job, exc=error)
            else:
                self._finish(job, result=metrics)

        try:
            sched = self.scheduler
            assert sched is not None  # run_turn batches a turn only with one (_ensure_scheduler)
            sched.admit(b.turn, emit=lambda piece: job.emit(("piece", piece)),
                        done=done, cancelled=job.cancelled)
        except BaseException as e:  # noqa: BLE001
            self._batched.pop(id(job), None)
            self.jobs_by_id.pop(job.id, None)
            self._finish(job, exc=e)

    def _ensure_scheduler(self):
        """The Scheduler over the loaded engine, when it holds several sequences."""
        if self.scheduler is None and self.engine.loaded:
            import llama_cpp

            from ..engine import Scheduler
            if llama_cpp.llama_n_seq_max(self.engine._ctx) > 1:
                self.scheduler = Scheduler(self.engine)
        return self.scheduler

    def _finish(self, job: Job, *, result=None, exc: BaseException | None = None) -> None:
        loop = job.loop
        if job.usage is not None:
            _charge(job.usage, result, exc)
        if loop is None or loop.is_closed():
            return
        ended = job.usage.get("ended") if job.usage is not None else None
        if ended is not None:   # the limiter's and the access log's count is final (guard.py)
            loop.call_soon_threadsafe(ended.set)
        if job.future is not None:
            def settle():
                if job.future.done():
                    return
                if exc is not None:
                    job.future.set_exception(exc)
                else:
                    job.future.set_result(result)
            loop.call_soon_threadsafe(settle)
        if job.events is not None:   # after the events handed before it (Job.emit)
            job.emit(exc if exc is not None else _Result(result))

    # ---------------------------------------------------------------- the async side
    def _new(self, fn, kind: str, *, stream: bool, request_id: str | None = None,
             owner: str | None = None, usage: dict | None = None) -> Job:
        loop = asyncio.get_running_loop()
        job = Job(fn=fn, id=request_id or f"{kind}-{next(self._ids)}", kind=kind, loop=loop,
                  owner=owner, usage=usage)
        if usage is not None:
            usage["ended"] = asyncio.Event()
        if stream:
            job.events = asyncio.Queue()
        else:
            job.future = loop.create_future()
        self.jobs_by_id[job.id] = job
        self._queue.put(job)
        return job

    async def call(self, fn: Callable[[Engine], Any], kind: str = "call") -> Any:
        """Run fn(engine) on the engine thread; await its result."""
        job = self._new(lambda j: fn(self.engine), kind, stream=False)
        fut = job.future
        assert fut is not None  # a plain job has its future (_new)
        try:
            return await fut
        except asyncio.CancelledError:
            self.cancel_job(job)
            raise

    def stream(self, fn: Callable[[Job], Any], kind: str, request_id: str | None = None,
               owner: str | None = None, usage: dict | None = None) -> Job:
        """Start a streaming job: fn(job) runs on the engine thread and calls job.emit(event).
        `usage` (the request's count, guard.py) is charged when the job ends, however it ends:
        "ended" (an asyncio.Event) is set then."""
        job = self._new(fn, kind, stream=True, request_id=request_id, owner=owner, usage=usage)
        return job

    @staticmethod
    async def events(job: Job):
        """The events a streaming job emits, until it ends (its exception is raised here)."""
        events = job.events
        assert events is not None  # a streaming job has its queue (_new)
        held = None
        while True:
            item = held if held is not None else await events.get()
            held = None
            # pieces that piled up while the loop was busy go out as one (one SSE chunk, one
            # write): a client that reads slower than the engine writes costs less per token
            if type(item) is tuple and item[0] == "piece":
                while not events.empty():
                    nxt = events.get_nowait()
                    if type(nxt) is tuple and nxt[0] == "piece":
                        item = ("piece", item[1] + nxt[1])
                    else:
                        held = nxt
                        break
            if isinstance(item, _Result):
                job.result = item.value
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def cancel_job(self, job: Job) -> None:
        """Any thread: a queued job is skipped; the running one stops before its next token
        (a batched one at the next step)."""
        job.cancelled.set()
        if self.current is job and id(job) not in self._batched:
            self.engine.cancel()

    GENERATING = ("chat", "completion", "prefill", "tools")

    def cancel(self, request_id: str | None = None, *, owner: str | None = None) -> bool:
        """Cancel one request by id, or (None) whatever generation is running (every batched
        one too). With `owner` (a team's key), only that owner's requests: another's id is
        answered as unknown."""
        job: Job | None
        if request_id is None:
            hit = False
            for job in list(self._batched.values()):
                if owner is None or job.owner == owner:
                    self.cancel_job(job)
                    hit = True
            job = self.current
            if job is not None and job.kind in self.GENERATING \
                    and (owner is None or job.owner == owner):
                self.cancel_job(job)
                return True
            if owner is not None:   # its own queued ones too
                for job in list(self.jobs_by_id.values()):
                    if job.owner == owner and job.kind in self.GENERATING:
                        self.cancel_job(job)
                        hit = True
            return hit
        job = self.jobs_by_id.get(request_id)
        if job is None or (owner is not None and job.owner != owner):
            return False
        self.cancel_job(job)
        return True

    def close(self) -> None:
        cur = self.current
        if cur is not None:
            self.cancel_job(cur)
        for job in list(self._batched.values()):
            self.cancel_job(job)
        self._queue.put(_STOP)
        self._thread.join(timeout=30)

    # ------------------------------------------------------------------ KV snapshots
    def kvcache(self):
        if self._kv is None:
            from ..kvcache import KVCache
            self._kv = KVCache(self.kv_root)
        return self._kv

    # ------------------------------------------------------------------ jobs' bodies
    def run_load(self, job: Job, path: str, *, ctx: int | None, gpu_layers: int | None,
                 kv_type: str | None, flash_attn: str | None, threads: int | None,
                 default_ctx: int, model_id: str) -> dict:
        """On the engine thread: plan, load (with the out-of-memory fallback), record."""
        from .. import gguf_meta, hardware, plan
        st = self.loading if self.loading is not None and self.loading.pending else LoadState()
        st.path, st.label, st.started, st.pending = path, model_id, time.time(), False
        self.loading, self.load_failed = st, None
        try:
            _test_load_delay(job)
            facts = plan.ModelFacts.from_gguf(gguf_meta.inspect(path))
            wanted = ctx if ctx is not None else min(default_ctx, facts.training_context)
            # free VRAM is read with the current model gone, so a switch plans with all of it
            with self.model_lock:
                self._drop_scheduler()
                self.engine.unload()
                self.model_id = None
                self.plan = None
            p = plan.plan(facts, hardware.probe(), wanted, kv_type=kv_type, gpu_layers=gpu_layers)
            if p.fit == "no":
                raise EmberError(f"{facts.name} does not fit this machine: {p.sentence}")
            p.overrides = {k: v for k, v in (("n_threads", threads), ("flash_attn", flash_attn))
                           if v is not None}
            request = self.parallel_request
            if request == "auto" and self.speculative.mode != "off":
                request = 1  # speculative decoding runs one stream
            self.parallel, self.parallel_why = plan.parallel_streams(p, request)
            if self.parallel > 1:
                p.overrides["n_seq_max"] = self.parallel
                job.emit({"event": "notice", "message": self.parallel_why})
            job.emit({"event": "plan", "sentence": p.sentence})

            def progress(f: float):
                if self.loading is not None:
                    self.loading.progress = f
                job.emit({"event": "progress", "fraction": round(f, 4)})
                return not job.cancelled.is_set()

            with self.model_lock:
                info, p = plan.load_with_fallback(
                    self.engine, path, p, progress=progress,
                    on_retry=lambda m: job.emit({"event": "notice", "message": m}))
                self.plan, self.model_id = p, model_id
                self._apply_speculative(job)
            try:
                plan.record_load(info, p)
            except OSError:
                pass
            return {"info": info.as_dict(), "plan": plan_dict(p), "model": model_id}
        except BaseException as e:
            self.fail_load(st, e, cancelled=job.cancelled.is_set())
            raise
        finally:
            self.loading = None

    def expect_load(self, label: str | None) -> LoadState:
        """A load that is about to start (`ember serve MODEL`): /health says "loading" and
        requests wait for it from now, not from when the engine thread gets to it."""
        st = LoadState(label=label, started=time.time(), pending=True)
        self.loading = st
        return st

    def fail_load(self, st: LoadState, error: BaseException, *, cancelled: bool = False) -> None:
        """A load ended without a model: the requests that waited for it get `error`; /health
        says it until the next load or unload (not when its client cancelled it)."""
        if not cancelled:
            st.error, self.load_failed = error, st
        if self.loading is st:
            self.loading = None

    def _apply_speculative(self, job: Job) -> None:
        """Give the loaded engine this host's speculative settings. A draft model that is
        missing or does not pair with the model is said once (event and status), and turns
        decode without drafts: the answer is the same, only slower."""
        from dataclasses import replace

        from .. import models
        spec = self.speculative
        self.speculative_notice = None
        try:
            if spec.mode == "draft":
                name = spec.draft_path or _catalog_draft(self.model_id)
                ref = models.resolve(name)
                spec = replace(spec, draft_path=str(ref.path))
            self.engine.set_speculative(spec)
        except EmberError as e:
            self.speculative_notice = f"Speculative decoding is off for this model: {e}"
            log.warning("%s", self.speculative_notice)
            job.emit({"event": "notice", "message": self.speculative_notice})
            self.engine.set_speculative(None)

    def _drop_scheduler(self) -> None:
        if self.scheduler is not None:
            self.scheduler.close()
            self.scheduler = None

    def run_unload(self) -> None:
        self.load_failed = None
        with self.model_lock:
            self._drop_scheduler()
            self.engine.unload()
            self.model_id = None
            self.plan = None

    def run_turn(self, job: Job, *, messages: list[dict] | None, prompt: str | None,
                 sampling: SamplingSettings, json_mode: bool, schema, stop: list[str],
                 conversation: str | None, prefill_events: bool,
                 tools: list[dict] | None = None, tool_choice="auto",
                 parallel_tool_calls: bool = True,
                 cache_prompt: bool = True) -> TurnMetrics | _Batched:
        """On the engine thread: one chat or completion turn; emits ("piece", text) items,
        ("prefill", done, total) items when asked, and returns the metrics (or, in parallel
        mode, the turn for the Scheduler). cache_prompt=False reads the whole prompt again
        instead of reusing a cached prefix."""
        eng = self.engine
        t0 = time.perf_counter()
        sched = self._ensure_scheduler()
        if sched is not None:
            conversation = None  # parallel streams: each slot keeps its own prefix instead
        if conversation:
            try:  # switching back to a long conversation: restore its KV snapshot
                self.kvcache().switch_to(eng, conversation)
            except Exception:  # noqa: BLE001 - a snapshot is an optimisation, never a failure
                log.exception("KV snapshot restore failed")
        on_prefill = (lambda d, t: job.emit(("prefill", d, t))) if prefill_events else None
        if job.cancelled.is_set():
            m = TurnMetrics(finish_reason="cancelled")
            self.last_metrics = m
            return m
        if messages is not None:
            turn = eng.chat(messages, sampling, json_mode=json_mode, json_schema=schema,
                            stop=stop, on_prefill=on_prefill, tools=tools,
                            tool_choice=tool_choice, parallel_tool_calls=parallel_tool_calls)
        else:
            assert prompt is not None  # a completion: no messages, a prompt
            tokens = eng.tokenize(prompt, add_special=True, parse_special=False)
            turn = eng.generate(tokens, sampling, stop=stop, on_prefill=on_prefill, t0=t0)
        if sched is not None and getattr(turn, "request", None) is not None:
            turn.request.reuse = cache_prompt
            return _Batched(turn)
        if not cache_prompt and not conversation:
            eng.reset()
        if job.cancelled.is_set():  # cancelled while the turn was being set up
            eng.cancel()
        emit = job.emit
        for piece in turn:
            emit(("piece", piece))
        m = turn.metrics
        self.last_metrics = m
        if conversation and m.finish_reason != "cancelled":
            try:
                self.kvcache().save(eng, conversation)
            except Exception:  # noqa: BLE001
                log.exception("KV snapshot save failed")
        return m

    def run_tool_loop(self, job: Job, *, messages: list[dict], sampling: SamplingSettings,
                      tool_names: list[str], max_rounds: int, tool_choice="auto") -> TurnMetrics:
        """On the engine thread: the tool loop (agent/loop.py) with Ember's own tools, for an
        API client that asks for them (`ember.tools`): rounds of the model and the tools' runs
        in between; emits ("piece", text) and ("step", dict) items; returns the last round's
        metrics (completion tokens summed over the rounds)."""
        from types import SimpleNamespace

        from ..agent.assemble import assemble
        from ..agent.loop import run_tool_turn
        box = assemble(run_python="run_python" in tool_names)

        def on_step(ev) -> None:
            r = ev.result
            job.emit(("step", {"round": ev.round, "name": ev.name, "arguments": ev.arguments,
                               "status": "running" if r is None else r.status,
                               "result": None if r is None else r.text,
                               "seconds": None if r is None else round(r.seconds, 3)}))

        if job.cancelled.is_set():
            return TurnMetrics(finish_reason="cancelled")
        turn = SimpleNamespace(sampling=sampling, reply_id=None)

        def on_pieces(piece: str) -> None:
            if piece:
                job.emit(("piece", piece))

        r = run_tool_turn(self.engine, None, turn, box, messages=messages,
                          on_pieces=on_pieces,
                          on_step=on_step, cancel=job.cancelled, max_rounds=max_rounds,
                          tool_choice=tool_choice)
        m = r.metrics or TurnMetrics()
        m.completion_tokens = r.completion_tokens
        m.finish_reason = {"step_limit": "length"}.get(r.finish, r.finish)
        self.last_metrics = m
        return m

    def native_log_tail(self, n: int = 40) -> list[str]:
        return list(NATIVE_LOG.lines)[-n:]


def _catalog_draft(model_id: str | None) -> str:
    """The draft model the catalog pairs with the loaded one (EmberError when none)."""
    from .. import catalog
    try:
        entry = catalog.load().get(model_id or "")
    except EmberError:
        entry = None
    if entry is None or not entry.draft:
        raise EmberError(f"the catalog pairs no draft model with {model_id or 'this model'}: "
                         "name one with --draft-model")
    return entry.draft


def plan_dict(p) -> dict | None:
    if p is None:
        return None
    keys = ("model", "hardware", "device", "gpu_name", "n_layers", "n_gpu_layers", "n_ctx",
            "kv_type", "flash_attn", "rope_scaling", "rope_freq_scale", "yarn_orig_ctx",
            "vram_bytes", "vram_total", "vram_budget", "ram_bytes", "ram_budget", "fit",
            "sentence", "notes", "wanted_ctx")
    return {k: getattr(p, k) for k in keys}


def _charge(usage: dict, result, exc: BaseException | None) -> None:
    """What a request cost, from what the engine did: the turn's metrics when it ran (also
    when it was cancelled or its client went away: the tokens so far), the prompt a context
    overflow counted, else the estimate the request was given (`estimate`: its text / 4)."""
    m = result if isinstance(result, TurnMetrics) else getattr(exc, "metrics", None)
    if isinstance(m, TurnMetrics):
        usage["prompt"], usage["completion"] = m.prompt_tokens, m.completion_tokens
        return
    counted = getattr(exc, "prompt_tokens", None)
    usage.setdefault("prompt", counted if isinstance(counted, int) else usage.get("estimate", 0))
    usage.setdefault("completion", 0)


def pick_fair(waiting: list, served: dict) -> int:
    """Which of the waiting jobs runs next (its index): the first job of the owner served
    least recently (never: first of all); nothing passes the stop marker."""
    best = 0
    for i, j in enumerate(waiting):
        if j is _STOP:
            return best if i else 0
        if served.get(j.owner, -1) < served.get(waiting[best].owner, -1):
            best = i
    return best
