#!/usr/bin/env python3
"""The GPU-rate proxy (issue 29): how much of each token is Ember's own on the served path, at
the speed a GPU decodes a 7B.

A GPU decodes Qwen2.5-7B q4_K_M in 4-7 ms a token (an RTX 4090: 150-230 tokens/s); at that rate
every 0.1 ms Ember spends between two `llama_decode` calls is 1.5-2.5% of the speed. No GPU is
lent here, so the proxy is a model whose `llama_decode` takes about that long on this CPU and
whose per-token work around it is a 7B's: Qwen2.5's real 152,064-token vocabulary (the logits
Ember reads and samples every token) on 2 layers of 256 (`synth_qwen7b.py --tiny`).

`ember serve` runs it; the `openai`-shaped stream is read over HTTP as a client reads it. The
engine reports, for each answer, the time inside `llama_decode` (`llama_decode_s` in
`ember.metrics`) and its own first-to-last-token time (`decode_s`). Per token:

- engine: (decode_s - llama_decode_s) / tokens decoded: sampling, the piece, stop strings, the
  hand-over to the event loop, on the engine thread;
- client: the client's (last chunk - first chunk) / (tokens - 1), the speed it sees. On this
  2-core CPU the event loop's work (each SSE write) runs beside the decode's two threads and
  slows `llama_decode` itself, so the time inside it is given per token too. (The client's
  first chunk comes later after the engine's first token than its last after the last: the
  response's start is sent while the next tokens decode. So "client" can be below "in
  llama_decode"; it is not a difference to read as Ember's share.)

    python tests/bench/synth_qwen7b.py --tiny --out /tmp/q7tiny
    python tests/bench/bench_served_overhead.py /tmp/q7tiny/*.gguf [--tokens 256] [--runs 5]

Medians over the runs, greedy and sampled (T 0.7, top-k 40, top-p 0.95, min-p 0.05), warm (a
first request is not counted). Prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx2 as httpx  # noqa: E402
from bench_peers import Server, free_port  # noqa: E402

IGNORE_EOS = True
PROMPT = "def fibonacci(n):\n    \"\"\"Return the n-th Fibonacci number.\"\"\"\n"
MODES = {"greedy": {"temperature": 0.0},
         "sampled": {"temperature": 0.7, "top_k": 40, "top_p": 0.95, "min_p": 0.05}}


def one(client: httpx.Client, url: str, tokens: int, sampling: dict) -> dict:
    body = {"prompt": PROMPT, "max_tokens": tokens, "stream": True, "ignore_eos": IGNORE_EOS,
            "stream_options": {"include_usage": True}, "seed": 7, **sampling}
    first = last = None
    metrics = None
    with client.stream("POST", url + "/v1/completions", json=body) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            ev = json.loads(line[6:])
            if ev.get("usage"):
                metrics = ev["ember"]["metrics"]
            if any(c.get("text") for c in ev.get("choices") or ()):
                now = time.perf_counter()
                first = first if first is not None else now
                last = now
    assert metrics is not None and first is not None and last is not None
    n = metrics["completion_tokens"]
    n_dec = max(1, n - 1)   # the first token comes from the prompt's decode
    in_decode = metrics["llama_decode_s"] / n_dec
    return {"ms_token_client": (last - first) / n_dec * 1000,
            "ms_in_decode": in_decode * 1000,
            "ms_engine_outside": (metrics["decode_s"] - metrics["llama_decode_s"]) / n_dec * 1000,
            "tokens": n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--tokens", type=int, default=256)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ember-overhead-"))
    port = free_port()
    srv = Server("Ember", [sys.executable, "-m", "desktop", "--data-dir", str(work), "serve",
                           "--port", str(port), "--threads", str(args.threads), "--ctx", "4096",
                           "--model", args.model, "--socket", str(work / "e.sock")],
                 port, True, {"EMBER_HOME": str(work)})
    srv.start(work)
    try:
        rows = []
        with httpx.Client(trust_env=False, timeout=600) as c:
            for name, sampling in MODES.items():
                one(c, srv.url, 16, sampling)   # warm
                rs = [one(c, srv.url, args.tokens, sampling) for _ in range(args.runs)]
                med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
                rows.append((name, med))
                print(f"{name}: {json.dumps({k: round(v, 4) for k, v in med.items()})}",
                      file=sys.stderr)
    finally:
        srv.stop()
    print(f"Model `{Path(args.model).name}`, {args.threads} threads, {args.tokens} tokens, "
          f"medians of {args.runs} runs\n")
    print("| sampling | ms a token (client) | in llama_decode | outside llama_decode (engine) |")
    print("|---|---:|---:|---:|")
    for name, m in rows:
        print(f"| {name} | {m['ms_token_client']:.3f} | {m['ms_in_decode']:.3f} | "
              f"**{m['ms_engine_outside']:.3f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
