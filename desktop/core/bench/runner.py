"""The bench runner: speed, coding, JSON and long-document sections for each model.

Qt-free. `BenchRunner(models, config, progress).run()` works on the calling thread (which owns
the engine for the whole run) and returns a BenchResult; `cancel()` may be called from any
thread: the current token, prompt chunk, sandboxed test or llama-bench run stops, and run()
returns the partial result with `cancelled` set. progress(stage, done, total, message) is
called from the running thread; stages: model, load, speed, coding, json, long_doc,
humaneval, native, done.
"""
from __future__ import annotations

import logging
import statistics
import threading
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from ..errors import EmberError
from .humaneval import run_humaneval
from .machine import describe_machine
from .native import find_binary, run_llama_bench
from .prompts import long_doc_probe, speed_prompt
from .results import BenchResult, ModelRun, size_label
from .sandbox import CANCELLED, NOT_ISOLATED, SandboxLimits, isolation, run_solution
from .schema import parse_answer, validate
from .tasks import CLOSED_FENCE, code_done, coding_tasks, extract_code, json_tasks, select

if TYPE_CHECKING:
    from ..engine import Engine

log = logging.getLogger("ember.bench")

ProgressFn = Callable[[str, int, int, str], None]

FULL_SIZES = (512, 8192, 32768)
QUICK_SIZES = (512,)
MIN_SIZE_FRACTION = 0.9     # a size runs with fewer tokens only if 90% of them fit

# general.file_type -> the quantization's usual name
FILE_TYPES = {0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1",
              10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M",
              16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 30: "IQ4_XS", 32: "BF16"}


@dataclass
class BenchConfig:
    quick: bool = False
    sizes: tuple[int, ...] = FULL_SIZES       # speed prompts (tokens); capped by the context
    speed_runs: int = 3                       # repetitions of the smallest size (others: 1)
    response_tokens: int = 256                # generated per speed run ("full response")
    speed: bool = True
    coding: bool = True
    json: bool = True
    long_doc: bool = True
    coding_limit: int | None = None           # at most this many coding tasks
    coding_ids: tuple[str, ...] | None = None
    json_limit: int | None = None
    json_ids: tuple[str, ...] | None = None
    coding_max_tokens: int = 512
    # "check my code" (agent/check.py): after each coding answer, run its own tests and give a
    # failure back for up to this many repair rounds; its pass@1 is a column beside the plain
    # one, on the same tasks (0: not run)
    check_rounds: int = 2
    # HumanEval (`--suite humaneval`, humaneval.py): its 164 problems, or the first N of them;
    # answers up to coding_max_tokens, repaired up to check_rounds times
    humaneval: bool = False
    humaneval_limit: int | None = None
    json_max_tokens: int = 256
    long_doc_tokens: int | None = None        # None: the largest speed size that fits
    long_doc_depth: float = 0.75
    n_ctx: int | None = None                  # None: what the sections need (within training)
    n_threads: int | None = None
    n_gpu_layers: int | None = None           # None: the planner's choice
    flash_attn: str | None = None
    native: bool = True                       # compare with llama-bench when one is found
    llama_bench: str | None = None            # path; None: $LLAMA_BENCH
    native_runs: int = 3
    seed: int = 1234
    sandbox: SandboxLimits = field(default_factory=SandboxLimits)
    # run model-written code where the OS sandbox (bubblewrap) is not available: the CLI asks
    # first (or takes --allow-unisolated); such rows are marked "not isolated"
    allow_unisolated: bool = False

    @classmethod
    def quick_config(cls, **overrides) -> "BenchConfig":
        """`ember bench --quick`: 5 coding tasks, 4 JSON prompts, the 512-token speed row, a
        2K-token long-document probe; about a minute with the embedded model on a small CPU."""
        base = cls(quick=True, sizes=QUICK_SIZES, speed_runs=1, response_tokens=128,
                   coding_max_tokens=256, json_max_tokens=128, long_doc_tokens=2048,
                   native_runs=2, sandbox=SandboxLimits(timeout_s=5.0, cpu_s=5))
        return replace(base, **overrides) if overrides else base

    def as_dict(self) -> dict:
        d = asdict(self)
        d["sizes"] = list(self.sizes)
        return d


class _Cancelled(Exception):
    pass


# ----------------------------------------------------------------------------- helpers
def _json_fence_done(text: str) -> bool:
    """A fenced JSON answer is complete at its closing fence (parse_answer reads the fence)."""
    s = text.lstrip()
    return not s.startswith(("{", "[")) and CLOSED_FENCE.search(s) is not None


def _median(xs: list[float | None]) -> float | None:
    known = [x for x in xs if x is not None]
    return statistics.median(known) if known else None


# ------------------------------------------------------------------------------ runner
class BenchRunner:
    def __init__(self, models: Sequence, config: BenchConfig | None = None,
                 progress: ProgressFn | None = None,
                 checkpoint_dir: str | Path | None = None) -> None:
        """models: 'embedded', catalog ids, .gguf paths, or models.ModelRef objects.

        checkpoint_dir: while running, the results so far are kept (every ~10 s) in
        <checkpoint_dir>/<time>-partial.json, so that a killed process loses nothing; the file
        is removed when run() returns (the caller saves the final result)."""
        self.models = list(models)
        self.config = config or BenchConfig()
        self._progress = progress
        self._checkpoint_dir = Path(checkpoint_dir) if checkpoint_dir is not None else None
        self._checkpoint_path: Path | None = None
        self._checkpoint_t = 0.0
        self._current: ModelRun | None = None
        self._cancel = threading.Event()
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self.result: BenchResult | None = None

    # ---- control
    def cancel(self) -> None:
        """Stop as soon as possible; run() returns what was measured. Any thread."""
        self._cancel.set()
        with self._lock:
            eng = self._engine
        if eng is not None:
            eng.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _check(self) -> None:
        if self._cancel.is_set():
            raise _Cancelled()

    def _checkpoint(self, force: bool = False) -> None:
        """Keep the results so far on disk (at most every 10 s unless forced)."""
        if self._checkpoint_path is None or self.result is None:
            return
        now = time.monotonic()
        if not force and now - self._checkpoint_t < 10:
            return
        self._checkpoint_t = now
        res = self.result
        runs = list(res.runs) + ([self._current] if self._current is not None else [])
        partial = BenchResult(runs=runs, machine=res.machine, config=res.config,
                              created=res.created, cancelled=True, versions=res.versions)
        partial.config = {**res.config, "partial": True}
        try:
            self._checkpoint_path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_json(self._checkpoint_path)
        except (OSError, TypeError, ValueError):
            log.warning("could not write the bench checkpoint %s", self._checkpoint_path,
                        exc_info=True)

    def _say(self, stage: str, done: int, total: int, message: str) -> None:
        self._checkpoint()
        if self._progress is not None:
            try:
                self._progress(stage, done, total, message)
            except Exception:  # a broken progress callback must not end the bench
                log.exception("bench progress callback failed")

    # ---- the run
    def run(self) -> BenchResult:
        import llama_cpp

        from ... import __version__
        from .memory import MemorySampler
        cfg = self.config
        res = BenchResult(machine=describe_machine(), config=cfg.as_dict(),
                          versions={"ember": __version__, "llama_cpp": llama_cpp.__version__})
        self.result = res
        if self._checkpoint_dir is not None:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            self._checkpoint_path = self._checkpoint_dir / f"{stamp}-partial.json"
        sampler = MemorySampler().start()
        try:
            for i, spec in enumerate(self.models):
                if self._cancel.is_set():
                    break
                name = model_label(spec) if hasattr(spec, "path") else str(spec)
                self._say("model", i, len(self.models),
                          f"model {i + 1} of {len(self.models)}: {name}")
                run = self._run_model(spec, sampler)
                res.runs.append(run)
                self._current = None
        finally:
            sampler.stop()
            if self._checkpoint_path is not None:
                self._checkpoint_path.unlink(missing_ok=True)
        res.cancelled = self._cancel.is_set()
        self._say("done", len(res.runs), len(self.models),
                  "cancelled: partial results" if res.cancelled else "finished")
        return res

    def _run_model(self, spec, sampler) -> ModelRun:
        from ..engine import Engine
        from ..models import ModelRef, resolve
        t_start = time.perf_counter()
        run = ModelRun(label=model_label(spec) if hasattr(spec, "path") else str(spec),
                       started=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
        self._current = run
        engine = Engine()
        with self._lock:
            self._engine = engine
        t_native = None
        load_before = _load_avg()
        try:
            ref = spec if isinstance(spec, ModelRef) else resolve(str(spec) if spec else None)
            run.label = model_label(ref)
            self._load(engine, ref, run)
            cfg = self.config
            if cfg.speed:
                self._speed(engine, run, sampler)
            if cfg.coding:
                self._coding(engine, run)
            if cfg.json:
                self._json(engine, run)
            if cfg.long_doc:
                self._long_doc(engine, run)
            if cfg.humaneval:
                run_humaneval(self, engine, run)
            t_native = time.perf_counter()
            binary = find_binary(cfg.llama_bench) if cfg.native else None
            if binary:
                self._native(binary, engine, run)
            elif cfg.native and cfg.llama_bench:
                run.native = {"binary": cfg.llama_bench, "error": "llama-bench not found at "
                              f"{cfg.llama_bench}"}
        except _Cancelled:
            run.cancelled = True
        except EmberError as e:
            run.errors.append(str(e))
        finally:
            if self._cancel.is_set():
                run.cancelled = True
            # peaks up to the native run (llama-bench's own memory would count as ours on a
            # GPU measured by device delta)
            run.load["load_avg_before"] = load_before
            rss, vram = sampler.peak(t_start, t_native)
            run.memory = {"peak_rss": rss, "peak_vram": vram, "vram_method": sampler.vram_method}
            with self._lock:
                self._engine = None
            engine.unload()
            run.seconds = time.perf_counter() - t_start
        return run

    # ---- load
    def _load(self, engine, ref, run: ModelRun) -> None:
        from .. import gguf_meta
        from .. import plan as planner
        from ..hardware import probe
        cfg = self.config
        self._check()
        info = gguf_meta.inspect(ref.path)
        facts = planner.ModelFacts.from_gguf(info)
        ft = info.metadata.get("general.file_type")
        run.model = {"name": info.name, "path": str(ref.path), "architecture": info.architecture,
                     "size_bytes": facts.weights_bytes,
                     "quant": FILE_TYPES.get(int(ft)) if isinstance(ft, int) else None,
                     "n_ctx_train": facts.training_context}
        need = max(max(cfg.sizes or (0,)) + cfg.response_tokens + 64,
                   (cfg.long_doc_tokens or 0) + 64, 4096)
        wanted = cfg.n_ctx or min(need, facts.training_context)
        hw = probe()
        p = planner.plan(facts, hw, wanted, gpu_layers=cfg.n_gpu_layers)
        if p.fit == planner.NO and not cfg.n_ctx:
            q = planner.plan(facts, hw, None, gpu_layers=cfg.n_gpu_layers)
            if q.fit != planner.NO:
                run.notes.append(f"a {planner.ctx_text(wanted)} context does not fit this "
                                 f"machine ({p.sentence}); using the planner's "
                                 f"{planner.ctx_text(q.n_ctx)}")
                p = q
        if p.fit == planner.NO:
            raise EmberError(f"{facts.name} does not fit this machine: {p.sentence}")
        p.overrides = {k: v for k, v in (("n_threads", cfg.n_threads),
                                         ("flash_attn", cfg.flash_attn)) if v is not None}
        self._say("load", 0, 1, f"loading {run.label}: {p.sentence}")
        t0 = time.perf_counter()
        loaded, p = planner.load_with_fallback(
            engine, ref.path, p, on_retry=lambda msg: run.notes.append(msg),
            progress=lambda _f: not self._cancel.is_set())
        run.model["n_params"] = loaded.n_params
        run.load = {"n_ctx": loaded.n_ctx, "n_ctx_train": loaded.n_ctx_train,
                    "threads": loaded.threads[0], "n_layers": loaded.n_layers,
                    "n_gpu_layers": loaded.n_layers_offloaded or 0,
                    "flash_attn": loaded.flash_attn, "kv_type": loaded.kv_type,
                    "plan": p.sentence, "chat_format": loaded.chat_format,
                    "load_s": time.perf_counter() - t0, "n_batch": p.load_settings().n_batch}
        if loaded.notice:
            run.notes.append(loaded.notice)
        self._say("load", 1, 1, f"loaded {run.label}: context {loaded.n_ctx:,}, "
                  f"{loaded.threads[0]} threads")

    # ---- streaming with cancel and early stop
    def _stream(self, turn, stop_when: Callable[[str], bool] | None = None) -> tuple[str, str]:
        parts: list[str] = []
        finish = None
        try:
            for piece in turn:
                parts.append(piece)
                if self._cancel.is_set():
                    finish = "cancelled"
                    break
                if stop_when is not None and "`" in piece and stop_when("".join(parts)):
                    finish = "complete"
                    break
        finally:
            turn.close()
        if self._cancel.is_set():
            raise _Cancelled()
        return "".join(parts), finish or turn.metrics.finish_reason

    def _on_prefill(self, stage: str, label: str) -> Callable[[int, int], None]:
        def cb(done: int, total: int) -> None:
            if self._cancel.is_set() and self._engine is not None:
                self._engine.cancel()
            elif total >= 4096:
                self._say(stage, done, total, f"{label}: reading the prompt "
                          f"({done:,} of {total:,} tokens)")
        return cb

    # ---- speed
    def _speed(self, engine, run: ModelRun, sampler) -> None:
        from ..engine import SamplingSettings
        cfg = self.config
        n_ctx = engine.info.n_ctx
        resp = cfg.response_tokens
        room = n_ctx - resp - 8
        sizes = sorted(set(cfg.sizes))
        plan_rows = []
        for size in sizes:
            if size <= room:
                plan_rows.append((size, size))
            elif room >= MIN_SIZE_FRACTION * size:
                plan_rows.append((size, room))
                run.notes.append(f"{size_label(size)} row: {room:,} prompt tokens, the most the "
                                 f"{n_ctx:,}-token context holds with room for the {resp}-token "
                                 "answer")
            else:
                why = (f"the context is {n_ctx:,} tokens"
                       + (f" (the model was trained on {engine.info.n_ctx_train:,})"
                          if engine.info.n_ctx_train <= size else "")
                       + f": at most {max(0, room):,} prompt tokens fit with a {resp}-token answer")
                run.speed.append({"size": size, "skipped": why})
                run.notes.append(f"{size_label(size)} row skipped: {why}")
        total = sum(cfg.speed_runs if i == 0 else 1 for i in range(len(plan_rows)))
        done = 0
        # warm-up: page in the weights, build the compute graphs
        self._check()
        self._say("speed", 0, total, "warming up")
        engine.reset()
        self._stream(engine.generate(speed_prompt(engine, 32, cfg.seed),
                                     SamplingSettings(temperature=0.0, max_tokens=8)))
        for i, (size, n) in enumerate(plan_rows):
            runs = cfg.speed_runs if i == 0 else 1
            tokens = speed_prompt(engine, n, cfg.seed)
            ms = []
            t0 = time.perf_counter()
            cpu0 = _cpu_seconds()
            for k in range(runs):
                self._check()
                self._say("speed", done, total, f"{size_label(size)}-token prompt, run {k + 1} "
                          f"of {runs}")
                engine.reset()  # cold: the whole prompt is processed
                # exactly `resp` tokens, as llama-bench's tg runs: the figure does not depend on
                # where the model's words end its answer (they differ from CPU to CPU)
                turn = engine.generate(tokens, SamplingSettings(temperature=0.0, max_tokens=resp,
                                                                ignore_eos=True),
                                       on_prefill=self._on_prefill("speed", size_label(size)))
                self._stream(turn)
                ms.append(turn.metrics)
                done += 1
            t1 = time.perf_counter()
            rss, vram = sampler.peak(t0, t1)
            share = None
            if cpu0 is not None and not engine.info.n_layers_offloaded:
                # CPU inference: the CPU time Ember's threads got / what they asked for
                cpu1 = _cpu_seconds()
                if cpu1 is not None:
                    share = round(min(1.0, (cpu1 - cpu0) /
                                      max(1e-9, (t1 - t0) * engine.info.threads[0])), 3)
            run.speed.append({
                "size": size, "prompt_tokens": len(tokens), "runs": runs,
                "ttft_s": _median([m.ttft_s for m in ms]),
                "prefill_tps": _median([m.prefill_tps for m in ms]),
                "decode_tps": _median([m.decode_tps for m in ms]),
                "completion_tokens": min(m.completion_tokens for m in ms),
                "total_s": _median([m.total_s for m in ms]),
                "peak_rss": rss, "peak_vram": vram, "cpu_share": share, "skipped": None})
            if min(m.completion_tokens for m in ms) < resp:
                run.notes.append(f"{size_label(size)} row: the model ended its answer after "
                                 f"{min(m.completion_tokens for m in ms)} of {resp} tokens")
        run.speed.sort(key=lambda r: r["size"])
        shares = [r["cpu_share"] for r in run.speed if r.get("cpu_share") is not None]
        if shares and min(shares) < 0.8:
            run.notes.append(f"Ember's {engine.info.threads[0]} threads got as little as "
                             f"{100 * min(shares):.0f}% of the CPU time they asked for during "
                             "the speed rows: other programs were using the CPU, so these "
                             "speed figures are lower than on an idle machine")

    # ---- coding
    def _coding(self, engine, run: ModelRun) -> None:
        from ..engine import SamplingSettings
        cfg = self.config
        tasks = select(coding_tasks(), quick=cfg.quick, limit=cfg.coding_limit, ids=cfg.coding_ids)
        items: list[dict] = []
        iso = isolation()
        run.coding = {"max_tokens": cfg.coding_max_tokens, "items": items,
                      "check_rounds": cfg.check_rounds,
                      "isolated": iso.available, "isolation": iso.method,
                      "isolation_reason": iso.reason}
        if not iso.available and not cfg.allow_unisolated:
            run.notes.append(f"coding suite not run: model-written code would run without "
                             f"isolation here ({iso.reason}), and that was not allowed")
            self._summarize_coding(run.coding)
            return
        if not iso.available:
            run.notes.append(f"coding suite: NOT ISOLATED ({iso.reason}): the model's code ran "
                             "as a plain process with only a best-effort audit hook")
        s = SamplingSettings(temperature=0.0, max_tokens=cfg.coding_max_tokens)
        try:
            for i, task in enumerate(tasks):
                self._check()
                self._say("coding", i, len(tasks), f"{task.id} ({task.category}, {task.lang})")
                t0 = time.perf_counter()
                try:
                    turn = engine.chat(task.messages(), s)
                except EmberError as e:  # e.g. the prompt does not fit the context
                    items.append({"id": task.id, "category": task.category, "lang": task.lang,
                                  "status": "not_run", "detail": str(e)})
                    continue
                answer, finish = self._stream(turn, code_done(task.entry))
                gen_s = time.perf_counter() - t0
                code = extract_code(answer, task.entry)
                self._say("coding", i, len(tasks), f"{task.id}: testing")
                r = run_solution(code, task.tests, task.entry, cfg.sandbox, self._cancel,
                                 allow_unisolated=cfg.allow_unisolated)
                if r.status == CANCELLED:
                    raise _Cancelled()
                item = {"id": task.id, "category": task.category, "lang": task.lang,
                        "status": "not_run" if r.status == NOT_ISOLATED else r.status,
                        "detail": r.detail[:500], "isolated": r.isolated,
                        "violations": r.violations, "tokens": turn.metrics.completion_tokens,
                        "finish": finish, "generate_s": round(gen_s, 3),
                        "test_s": round(r.seconds, 3), "answer": answer}
                if cfg.check_rounds > 0 and item["status"] != "not_run" and iso.available:
                    self._say("coding", i, len(tasks), f"{task.id}: checking its own tests")
                    item.update(self._checked(engine, task, s, answer, r))
                items.append(item)
                self._summarize_coding(run.coding)
            self._say("coding", len(tasks), len(tasks), "coding suite done")
        finally:
            self._summarize_coding(run.coding)

    def _checked(self, engine, task, s, answer: str, plain) -> dict:
        """"Check my code" on one task: the answer's own tests in the sandbox, a failure given
        back for up to check_rounds repairs, then the final code against the hidden tests."""
        from ..agent.check import check_answer, repair_request
        cfg = self.config
        msgs = list(task.messages())
        first = None
        repairs = 0
        for _ in range(cfg.check_rounds):
            self._check()
            c = check_answer(answer, cancel=self._cancel)
            first = first or c.status
            if c.status != "failed":
                break
            msgs = msgs + [{"role": "assistant", "content": answer},
                           {"role": "user", "content": repair_request(c)}]
            try:
                turn = engine.chat(msgs, s)
            except EmberError:  # the repair no longer fits the context: the last answer stands
                break
            answer, _ = self._stream(turn, code_done(task.entry))
            repairs += 1
        if repairs == 0:
            status = plain.status
        else:
            r = run_solution(task.code_of(answer), task.tests, task.entry,
                             cfg.sandbox, self._cancel, allow_unisolated=cfg.allow_unisolated)
            if r.status == CANCELLED:
                raise _Cancelled()
            status = r.status
        return {"checked_status": status, "self_check": first, "repairs": repairs,
                **({"checked_answer": answer} if repairs else {})}

    @staticmethod
    def _summarize_coding(c: dict) -> None:
        items = [it for it in c["items"] if it["status"] != "not_run"]
        c["total"] = len(items)
        c["passed"] = sum(it["status"] == "passed" for it in items)
        by_cat: dict[str, list[int]] = {}
        by_lang: dict[str, list[int]] = {}
        statuses: dict[str, int] = {}
        for it in items:
            for d, k in ((by_cat, it["category"]), (by_lang, it["lang"])):
                d.setdefault(k, [0, 0])
                d[k][0] += it["status"] == "passed"
                d[k][1] += 1
            statuses[it["status"]] = statuses.get(it["status"], 0) + 1
        c["by_category"], c["by_lang"], c["statuses"] = by_cat, by_lang, statuses
        checked = [it for it in items if "checked_status" in it]
        if checked:
            c["checked_total"] = len(checked)
            c["checked_passed"] = sum(it["checked_status"] == "passed" for it in checked)
            c["repaired"] = sum(1 for it in checked if it.get("repairs"))
            c["self_checks"] = {}
            for it in checked:
                k = it.get("self_check") or "none"
                c["self_checks"][k] = c["self_checks"].get(k, 0) + 1
        c["not_run"] = sum(it["status"] == "not_run" for it in c["items"])

    # ---- JSON
    def _json(self, engine, run: ModelRun) -> None:
        from ..engine import SamplingSettings
        cfg = self.config
        tasks = select(json_tasks(), quick=cfg.quick, limit=cfg.json_limit, ids=cfg.json_ids)
        items: list[dict] = []
        run.json = {"max_tokens": cfg.json_max_tokens, "items": items, "modes": {}}
        s = SamplingSettings(temperature=0.0, max_tokens=cfg.json_max_tokens)
        total = 2 * len(tasks)
        try:
            n = 0
            for task in tasks:
                for mode in ("off", "on"):
                    self._check()
                    self._say("json", n, total, f"{task.id} ({task.lang}), JSON mode {mode}")
                    n += 1
                    t0 = time.perf_counter()
                    item = {"id": task.id, "lang": task.lang, "mode": mode}
                    try:
                        turn = engine.chat(task.messages(), s,
                                           json_schema=task.schema if mode == "on" else None)
                        answer, finish = self._stream(turn, _json_fence_done if mode == "off"
                                                      else None)
                    except EmberError as e:
                        item.update(parsed=False, valid=False, error=str(e), answer="")
                        items.append(item)
                        continue
                    value, err = parse_answer(answer)
                    errors = [err] if err else validate(value, task.schema)
                    item.update(parsed=err is None, valid=not errors,
                                error=errors[0][:300] if errors else None, answer=answer,
                                tokens=turn.metrics.completion_tokens, finish=finish,
                                seconds=round(time.perf_counter() - t0, 3))
                    items.append(item)
                    self._summarize_json(run.json)
            self._say("json", total, total, "JSON prompts done")
        finally:
            self._summarize_json(run.json)

    @staticmethod
    def _summarize_json(j: dict) -> None:
        modes = {}
        for mode in ("off", "on"):
            its = [it for it in j["items"] if it["mode"] == mode]
            if its:
                modes[mode] = {"total": len(its), "parsed": sum(bool(it["parsed"]) for it in its),
                               "valid": sum(bool(it["valid"]) for it in its)}
        j["modes"] = modes

    # ---- long document
    def _long_doc(self, engine, run: ModelRun) -> None:
        from ..engine import SamplingSettings
        cfg = self.config
        n_ctx = engine.info.n_ctx
        cap = n_ctx - 48
        target = cfg.long_doc_tokens or min(max(cfg.sizes or (2048,)), cap)
        if target > cap:
            run.notes.append(f"long document: {cap:,} tokens instead of {target:,} (the "
                             f"context is {n_ctx:,})")
            target = cap
        self._check()
        self._say("long_doc", 0, 1, f"building a {target:,}-token document")
        probe = long_doc_probe(engine, target, cfg.long_doc_depth, cfg.seed)
        engine.reset()
        self._say("long_doc", 0, 1, f"asking about a fact at {100 * probe.depth:.0f}% of "
                  f"{probe.prompt_tokens:,} tokens")
        turn = engine.chat(probe.messages, SamplingSettings(temperature=0.0, max_tokens=32),
                           on_prefill=self._on_prefill("long_doc", "long document"))
        answer, _finish = self._stream(turn)
        found, exact = probe.score(answer)
        run.long_doc = {"prompt_tokens": probe.prompt_tokens, "depth": round(probe.depth, 3),
                        "code": probe.code, "answer": answer.strip()[:200], "found": found,
                        "exact": exact, "ttft_s": turn.metrics.ttft_s,
                        "prefill_tps": turn.metrics.prefill_tps, "skipped": None}
        self._say("long_doc", 1, 1, "found" if found else "missed")

    # ---- native llama-bench
    def _native(self, binary: str, engine, run: ModelRun) -> None:
        cfg = self.config
        self._check()
        self._say("native", 0, 1, f"running llama-bench ({binary})")
        info = engine.info
        ngl = 0 if not info.n_layers_offloaded else (
            99 if info.n_layers_offloaded >= info.n_layers else info.n_layers_offloaded)
        fa = info.flash_attn if info.flash_attn in ("on", "off") else "auto"
        res = run_llama_bench(binary, info.path, threads=info.threads[0], n_gpu_layers=ngl,
                              flash_attn=fa, kv_type=info.kv_type,
                              n_batch=run.load.get("n_batch", 512),
                              repetitions=cfg.native_runs, cancel=self._cancel)
        row = run.speed_row(512) or {}
        if row and not row.get("skipped") and row.get("prompt_tokens") == 512:
            res.ember_pp512_tps = row.get("prefill_tps")
            res.ember_tg128_tps = row.get("decode_tps")
        else:
            res.error = res.error or "Ember's 512-token speed row was not measured"
        run.native = res.as_dict()
        self._check()
        self._say("native", 1, 1, "llama-bench done")


def _cpu_seconds() -> float | None:
    try:
        import psutil
        t = psutil.Process().cpu_times()
        return float(t.user + t.system)
    except Exception:
        return None


def _load_avg() -> float | None:
    try:
        import psutil
        return round(float(psutil.getloadavg()[0]), 2)
    except Exception:
        return None


def model_label(ref) -> str:
    if getattr(ref, "embedded", False):
        return "Gemma 3 270M (embedded)"
    label = str(getattr(ref, "label", "") or Path(ref.path).name)
    return label if len(label) <= 60 else Path(ref.path).name
