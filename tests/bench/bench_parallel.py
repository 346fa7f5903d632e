#!/usr/bin/env python3
"""Parallel streams (issue 14, part 1): aggregate decode throughput and TTFT with 1, 2, 4 and 8
concurrent streaming clients of one `ember serve`, measured with the `openai` client over real
sockets.

Two engines, run side by side in one process tree and measured in interleaved rounds:
- `single`: `ember serve` as before (one sequence: requests wait their turn; CPU repack on);
- `parallel`: `ember serve --parallel 8` (continuous batching; micro-batches of 4; no repack).

Each client sends REQUESTS_PER_CLIENT requests one after the other (greedy, max_tokens tokens,
cache_prompt false so every request reads its prompt); aggregate tokens/s = completion tokens
of every request / wall time from the first request to the last answer. TTFT is measured by
the client (request sent -> first content chunk); p95 over every request of a configuration.

    python tests/bench/bench_parallel.py [--model PATH] [--rounds 3] [--clients 1,2,4,8]

Goal (issue 14): 4 clients >= 2x one client's aggregate throughput. Prints figures, asserts
nothing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import openai  # noqa: E402
from engine_proc import serve  # noqa: E402

QUESTIONS = ["Write a Python function that reverses a string.", "Count from 1 to 30.",
             "What is the capital of France? Explain its history.", "List ten fruits.",
             "Explain recursion to a child.", "Write a haiku about rain.", "def fib(n):",
             "Translate 'good morning' into five languages."]
REQUESTS_PER_CLIENT = 2


def one_request(client, model: str, q: str, max_tokens: int) -> tuple[int, float]:
    t0 = time.perf_counter()
    ttft = None
    tokens = 0
    for ch in client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": q}], max_tokens=max_tokens,
            temperature=0.0, stream=True, stream_options={"include_usage": True},
            extra_body={"cache_prompt": False}):
        if ttft is None and ch.choices and ch.choices[0].delta.content:
            ttft = time.perf_counter() - t0
        if ch.usage is not None:
            tokens = ch.usage.completion_tokens
    return tokens, (ttft if ttft is not None else time.perf_counter() - t0)


def measure(server, model: str, clients: int, max_tokens: int) -> tuple[float, list[float]]:
    ttfts: list[float] = []
    total = [0]
    lock = threading.Lock()

    def client_loop(i: int):
        c = openai.OpenAI(base_url=server.base_url, api_key="none", max_retries=0, timeout=900)
        for r in range(REQUESTS_PER_CLIENT):
            q = QUESTIONS[(i + r * clients) % len(QUESTIONS)]
            n, ttft = one_request(c, model, q, max_tokens)
            with lock:
                total[0] += n
                ttfts.append(ttft)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total[0] / (time.perf_counter() - t0), ttfts


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="GGUF (default: the embedded Gemma 3 270M)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--clients", default="1,2,4,8")
    ap.add_argument("--max-tokens", type=int, default=48)
    ap.add_argument("--ctx", type=int, default=8192)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    if args.model is None:
        from desktop.core.models import embedded_path
        args.model = str(embedded_path())
    counts = [int(x) for x in args.clients.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="ember-bench-parallel-"))
    servers = {
        "single": serve(tmp / "single", args.model, "--ctx", str(args.ctx),
                        "--threads", str(args.threads)),
        "parallel": serve(tmp / "parallel", args.model, "--ctx", str(args.ctx),
                          "--threads", str(args.threads), "--parallel", "8"),
    }
    try:
        models = {}
        for name, s in servers.items():
            with s.http() as h:
                models[name] = h.get("/ember/status").json()["model"]
        configs = [("single", 1)] + [("parallel", c) for c in counts]
        # warm-up: one request each
        for name, _ in configs[:2]:
            measure(servers[name], models[name], 1, 8)
        agg: dict = {c: [] for c in configs}
        ttft: dict = {c: [] for c in configs}
        for r in range(args.rounds):
            for name, c in configs:  # interleaved: every round measures every configuration
                tps, t = measure(servers[name], models[name], c, args.max_tokens)
                agg[(name, c)].append(tps)
                ttft[(name, c)].extend(t)
                print(f"round {r + 1}: {name:8s} {c} client(s): {tps:6.1f} tokens/s aggregate",
                      flush=True)
        print(f"\nmodel {Path(args.model).name}, {args.threads} threads, {args.rounds} rounds, "
              f"{REQUESTS_PER_CLIENT} requests a client, max_tokens {args.max_tokens}")
        base = statistics.median(agg[("parallel", 1)])
        single = statistics.median(agg[("single", 1)])
        print(f"{'engine':9s} {'clients':>7s} {'tokens/s (median)':>18s} {'x 1 client':>10s} "
              f"{'TTFT p50':>9s} {'TTFT p95':>9s}")
        for name, c in configs:
            m = statistics.median(agg[(name, c)])
            print(f"{name:9s} {c:7d} {m:18.1f} {m / base:10.2f} "
                  f"{statistics.median(ttft[(name, c)]):8.2f}s {p95(ttft[(name, c)]):8.2f}s")
        if ("parallel", 4) in agg:
            four = statistics.median(agg[("parallel", 4)])
            print(f"\n4 clients over 1 client (same engine): {four / base:.2f} (goal >= 2); "
                  f"over the single-stream engine's 1 client: {four / single:.2f}")
    finally:
        for s in servers.values():
            s.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
