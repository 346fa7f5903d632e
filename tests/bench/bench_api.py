#!/usr/bin/env python3
"""TTFT and decode speed through the engine process's API vs. the same Engine in-process.

Same model (the embedded Gemma 3 270M by default), same llama.cpp threads, same prompt and
sampling; rounds interleaved (in-process, API via Ember's client, API via the `openai` package,
...) so that noise on a shared machine hits all alike. Each round's prompt starts differently,
so nothing is reused from the KV cache and TTFT includes a real prefill. Figures are measured
where a client sees them: TTFT = request sent -> first piece of text received; decode =
(pieces after the first) / (last piece - first piece), and the engine's own decode tokens/s.

    python tests/bench/bench_api.py [--runs 9] [--tokens 256] [--threads 1]

Prints medians and ratios; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

FILLER = ("The quick brown fox jumps over the lazy dog near the river bank while the sun sets. "
          * 12)


def prompt(r: int) -> str:
    return f"Round {r}. {FILLER}\nNow count from 1 to 400: 1, 2, 3, 4, 5, 6, 7, 8,"


def timed(pieces_iter, t0: float):
    t_first = t_last = None
    n = 0
    for piece in pieces_iter:
        if not piece:
            continue
        now = time.perf_counter()
        if t_first is None:
            t_first = now
        t_last = now
        n += 1
    ttft = (t_first - t0) if t_first else float("nan")
    tps = (n - 1) / (t_last - t_first) if n > 1 and t_last > t_first else float("nan")
    return ttft, tps, n


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--tokens", type=int, default=256)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()

    home = tempfile.mkdtemp(prefix="ember-bench-api-")
    os.environ.setdefault("EMBER_HOME", home)
    from desktop.core.client import EngineClient, EngineProcess
    from desktop.core.engine import Engine, LoadSettings, SamplingSettings, guard_llama_defaults
    from desktop.core.models import resolve
    guard_llama_defaults()
    import openai

    path = resolve("embedded").path
    n_ctx = 2048
    local = Engine()
    local.load(path, LoadSettings(n_ctx=n_ctx, n_threads=args.threads))
    proc = EngineProcess.start(port=0, threads=args.threads)
    remote = EngineClient(proc)
    remote.load_planned(path, ctx=n_ctx, threads=args.threads)
    from desktop.core.server.run import read_discovery
    port = read_discovery()["port"]
    oai = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="x", max_retries=0)
    s = SamplingSettings(temperature=0.0, max_tokens=args.tokens)

    def in_process(r):
        t0 = time.perf_counter()
        turn = local.complete(prompt(r), s)
        ttft, tps, n = timed(turn, t0)
        return ttft, tps, n, turn.metrics.decode_tps

    def via_client(r):
        body = {"model": remote.model_id, "prompt": prompt(r), "max_tokens": args.tokens,
                "temperature": 0, "stream": True}
        import json
        t0 = time.perf_counter()
        engine_tps = None

        def pieces():
            nonlocal engine_tps
            with remote.http.stream("POST", "/v1/completions", json=body) as resp:
                for line in resp.iter_lines():
                    if not line.startswith("data:") or line.endswith("[DONE]"):
                        continue
                    obj = json.loads(line[5:])
                    if "ember" in obj:
                        engine_tps = obj["ember"]["metrics"]["decode_tps"]
                    for ch in obj.get("choices") or ():
                        yield ch.get("text") or ""
        ttft, tps, n = timed(pieces(), t0)
        return ttft, tps, n, engine_tps

    def via_openai(r):
        t0 = time.perf_counter()
        stream = oai.completions.create(model=remote.model_id, prompt=prompt(r),
                                        max_tokens=args.tokens, temperature=0, stream=True)
        last = {}

        def pieces():
            for ch in stream:
                extra = ch.model_extra or {}
                if "ember" in extra:
                    last["tps"] = extra["ember"]["metrics"]["decode_tps"]
                for c in ch.choices:
                    yield c.text
        ttft, tps, n = timed(pieces(), t0)
        return ttft, tps, n, last.get("tps")

    ways = {"in-process Engine": in_process, "API, Ember's client (UDS)": via_client,
            "API, openai package (TCP)": via_openai}
    res = {k: [] for k in ways}
    for i, w in enumerate(ways.values()):  # warm-up
        w(1000 + i)
    for r in range(args.runs):
        for i, (k, w) in enumerate(ways.items()):
            res[k].append(w(r * len(ways) + i))  # a prompt of its own: nothing reused
    proc.stop()
    local.unload()

    med = lambda xs: statistics.median([x for x in xs if x == x])  # noqa: E731
    base = res["in-process Engine"]
    b_ttft, b_tps = med([x[0] for x in base]), med([x[1] for x in base])
    print(f"# bench_api: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} logical CPUs, llama.cpp threads={args.threads}, "
          f"{args.runs} interleaved rounds, {args.tokens} tokens, greedy, embedded Gemma 3 270M")
    print("| path | TTFT median (ms) | client decode median (t/s) | engine decode median (t/s) "
          "| TTFT ratio (in-process/API) | decode ratio (API/in-process) |")
    print("|---|---|---|---|---|---|")
    for k, xs in res.items():
        ttft, tps = med([x[0] for x in xs]), med([x[1] for x in xs])
        etps = med([x[3] for x in xs if x[3]])
        print(f"| {k} | {ttft * 1000:.1f} | {tps:.1f} | {etps:.1f} | {b_ttft / ttft:.3f} | "
              f"{tps / b_tps:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
