#!/usr/bin/env python3
"""Decode speed: Ember's engine vs llama-cpp-python's plain streaming vs native llama-bench.

Same model (default: the embedded Gemma 3 270M), same prompt, same threads, same sampling.
Runs are interleaved round by round (Ember, llama-cpp-python, llama-bench, Ember, ...) so that
noise on a shared machine hits all three alike; medians are printed with their ratios.

    python tests/bench/bench_decode.py [--runs 7] [--tokens 128] [--threads N] [--model PATH]
    LLAMA_BENCH=/path/to/llama-bench python tests/bench/bench_decode.py

Not a test: it prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import llama_cpp  # noqa: E402

from desktop.core.engine import guard_llama_defaults  # noqa: E402

guard_llama_defaults()

from desktop.core.engine import Engine, LoadSettings, SamplingSettings  # noqa: E402
from desktop.core.hardware import physical_cores  # noqa: E402
from desktop.core.models import resolve  # noqa: E402

PROMPT = "Count from 1 to 200: 1, 2, 3, 4, 5, 6, 7, 8,"


def sampling(args) -> SamplingSettings:
    if args.greedy:
        return SamplingSettings(temperature=0.0, max_tokens=args.tokens, seed=1)
    return SamplingSettings(temperature=0.7, top_k=40, top_p=0.95, min_p=0.05,
                            max_tokens=args.tokens, seed=1)


def run_ember(engine: Engine, args) -> tuple[float, int]:
    engine.reset()
    if args.served:  # the served row is a chat turn (Ember's client speaks chat): so is this
        turn = engine.chat([{"role": "user", "content": args.prompt}], sampling(args))
    else:
        turn = engine.complete(args.prompt, sampling(args))
    turn.run()
    m = turn.metrics
    return m.decode_tps or 0.0, m.completion_tokens


def run_plain(llm: llama_cpp.Llama, args) -> tuple[float, int]:
    s = sampling(args)
    llm.reset()
    t_first = t_last = None
    n = 0
    for _chunk in llm.create_completion(args.prompt, max_tokens=s.max_tokens, stream=True,
                                        temperature=s.temperature, top_k=s.top_k, top_p=s.top_p,
                                        min_p=s.min_p, repeat_penalty=s.repeat_penalty, seed=s.seed):
        t_last = time.perf_counter()
        if t_first is None:
            t_first = t_last
        n += 1
    # one chunk per sampled token; decodes between the first and the last chunk: n - 1
    return ((n - 1) / (t_last - t_first) if n > 1 else 0.0), n


def run_served(remote, args) -> tuple[float, int]:
    """The same answer through the engine process (`ember serve`), as `ember chat` and the
    window get it: the engine's own decode figure, with the server's HTTP work beside it."""
    turn = remote.chat([{"role": "user", "content": args.prompt}], sampling(args))
    turn.run()
    m = turn.metrics
    return m.decode_tps or 0.0, m.completion_tokens


def run_native(binary: str, model: Path, args, fa: bool) -> float:
    cmd = [binary, "-m", str(model), "-p", "0", "-n", str(args.tokens), "-t", str(args.threads),
           "-r", "1", "-fa", "1" if fa else "0", "-o", "json"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rows = json.loads(out)
    return float(rows[0]["avg_ts"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="embedded")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--threads", type=int, default=physical_cores())
    ap.add_argument("--prompt", default=PROMPT)
    ap.add_argument("--greedy", action="store_true", help="greedy sampling instead of Ember's defaults")
    ap.add_argument("--no-flash-attn", dest="flash_attn", action="store_false")
    ap.add_argument("--no-plain", dest="plain", action="store_false",
                    help="skip llama-cpp-python's plain stream")
    ap.add_argument("--served", action="store_true",
                    help="also decode through the engine process (ember serve), as ember chat")
    ap.add_argument("--native-fa", choices=("same", "both"), default="same",
                    help="llama-bench with Ember's flash-attention setting, or with -fa 0 and "
                         "-fa 1 each round, the faster setting (by median) counting")
    args = ap.parse_args()
    if args.runs < 5:
        ap.error("use at least 5 runs")

    ref = resolve(args.model)
    n_ctx = 1024
    engine = Engine()
    engine.load(ref.path, LoadSettings(n_ctx=n_ctx, n_threads=args.threads,
                                       flash_attn="on" if args.flash_attn else "off"))
    llm = None
    if args.plain:
        llm = llama_cpp.Llama(model_path=str(ref.path), n_ctx=n_ctx, n_threads=args.threads,
                              n_threads_batch=args.threads, flash_attn=args.flash_attn, verbose=False)
    native = os.environ.get("LLAMA_BENCH")
    if native and not shutil.which(native) and not Path(native).exists():
        print(f"LLAMA_BENCH={native} not found; skipping the native comparison", file=sys.stderr)
        native = None

    proc = remote = None
    if args.served:
        from desktop.core.client import EngineClient, EngineProcess
        proc = EngineProcess.start(private=True, threads=args.threads)
        remote = EngineClient(proc)
        remote.load_planned(ref.path, ctx=n_ctx, threads=args.threads,
                            flash_attn="on" if args.flash_attn else "off")

    # warm-up (page in the weights, build the graphs)
    run_ember(engine, args)
    if llm:
        run_plain(llm, args)
    if remote:
        run_served(remote, args)

    fas = (False, True) if args.native_fa == "both" else (args.flash_attn,)
    ember, plain, served, nat, counts = [], [], [], [], []
    nat_fa: dict[bool, list[float]] = {fa: [] for fa in fas}
    for r in range(args.runs):
        tps, n = run_ember(engine, args)
        ember.append(tps)
        counts.append(n)
        if llm:
            plain.append(run_plain(llm, args)[0])
        if remote:
            served.append(run_served(remote, args)[0])
        if native:
            for fa in fas:
                nat_fa[fa].append(run_native(native, ref.path, args, fa))
        print(f"round {r + 1}: ember {tps:6.1f} t/s ({n} tokens)"
              + (f"  plain {plain[-1]:6.1f}" if plain else "")
              + (f"  served {served[-1]:6.1f}" if served else "")
              + "".join(f"  native fa{int(fa)} {v[-1]:6.1f}" for fa, v in nat_fa.items() if v),
              file=sys.stderr)

    med = statistics.median
    if native:  # the faster flash-attention setting (by its median): a max of two noisy runs
        best_fa = max(fas, key=lambda fa: med(nat_fa[fa]))  # each round would flatter llama.cpp
        nat = nat_fa[best_fa]
    print(f"model: {ref.path.name} · threads {args.threads} · {args.tokens} tokens · "
          f"{'greedy' if args.greedy else 'temp 0.7 top-k 40 top-p 0.95 min-p 0.05'} · "
          f"flash-attn {'on' if args.flash_attn else 'off'} · {args.runs} rounds · "
          f"{platform.processor() or platform.machine()} · llama-cpp-python {llama_cpp.__version__}")
    print(f"Ember engine decode:              median {med(ember):7.2f} tokens/s "
          f"(min {min(ember):.2f}, max {max(ember):.2f}; {min(counts)}-{max(counts)} tokens)")
    if plain:
        print(f"llama-cpp-python plain stream:    median {med(plain):7.2f} tokens/s "
              f"(min {min(plain):.2f}, max {max(plain):.2f})")
        print(f"ratio Ember / plain stream:       {med(ember) / med(plain):.3f}x")
    if served:
        print(f"Ember through ember serve:        median {med(served):7.2f} tokens/s "
              f"(min {min(served):.2f}, max {max(served):.2f})")
    if nat:
        for fa, v in nat_fa.items():
            if len(nat_fa) > 1:
                print(f"native llama-bench -fa {int(fa)}:        median {med(v):7.2f} tokens/s")
        which = f"-fa {int(best_fa)}, the faster setting" if len(nat_fa) > 1 else \
            f"-fa {int(fas[0])}"
        print(f"native llama-bench tg{args.tokens}:        median {med(nat):7.2f} tokens/s "
              f"(min {min(nat):.2f}, max {max(nat):.2f}; {which})")
        print(f"ratio Ember / native:             {med(ember) / med(nat):.3f}x")
        if served:
            print(f"ratio Ember served / native:      {med(served) / med(nat):.3f}x")
        if plain:
            print(f"ratio plain stream / native:      {med(plain) / med(nat):.3f}x")
    else:
        print("native llama-bench: not measured (set LLAMA_BENCH to a llama-bench binary; "
              "tests/bench/build_llama_bench.sh builds one)")
    engine.unload()
    if llm:
        llm.close()
    if remote:
        remote.close()
        proc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
