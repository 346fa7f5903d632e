#!/usr/bin/env python3
"""Ember's time per generated token outside `llama_decode` (sampling, detokenizing, stop strings,
the generator), greedy and sampled, at Qwen2.5's 152K vocabulary.

At GPU speeds (Qwen2.5-7B on an RTX 4090: 150-230 tokens/s, 4-7 ms a token) every 0.1 ms spent in
Python between two `llama_decode` calls is 1.5-2.5% of the speed. The goal (issue 12): <= 0.1 ms.

The engine's decode loop is run as the window and the API run it (Engine.chat, streamed); each
`llama_decode` call is timed by a thin wrapper, and the rest of the loop's time is divided by the
tokens generated. The model: the Qwen2.5-7B shape clone's tiny sibling (2 layers, the real
152,064-token vocabulary: `synth_qwen7b.py --tiny`), so the decode itself is short and the
per-token work around it shows; or any GGUF given.

    python tests/bench/synth_qwen7b.py --tiny --out /tmp/q7tiny
    python tests/bench/bench_token_overhead.py /tmp/q7tiny/*.gguf [--tokens 256] [--runs 5]

Not a test: it prints medians and asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import llama_cpp  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--tokens", type=int, default=256)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()

    from desktop.core.engine import Engine, LoadSettings, SamplingSettings
    e = Engine()
    info = e.load(args.model, LoadSettings(n_ctx=2048, n_threads=args.threads))
    n_vocab = llama_cpp.llama_vocab_n_tokens(llama_cpp.llama_model_get_vocab(e._model))
    print(f"# {info.name}: vocabulary {n_vocab:,}, {info.threads[0]} threads, "
          f"llama-cpp-python {llama_cpp.__version__}")

    real = llama_cpp.llama_decode
    spent = [0.0, 0]

    def timed(ctx, batch):
        t = time.perf_counter()
        rc = real(ctx, batch)
        spent[0] += time.perf_counter() - t
        spent[1] += 1
        return rc

    greedy = SamplingSettings(temperature=0.0, max_tokens=args.tokens)
    sampled = SamplingSettings(temperature=0.7, top_k=40, top_p=0.95, min_p=0.05,
                               max_tokens=args.tokens, seed=1)
    penalty = SamplingSettings(temperature=0.7, top_k=40, top_p=0.95, min_p=0.05,
                               repeat_penalty=1.1, max_tokens=args.tokens, seed=1)
    # (settings, backend sampling): False = on the host (numpy top-k + the C chain), True = the
    # chain in llama.cpp's graph (Engine's choice when the output layer is on a GPU)
    cases = {
        "greedy, host": (greedy, False),
        "greedy, in the graph": (greedy, True),
        "sampled (T 0.7, top-k 40, top-p 0.95, min-p 0.05), host": (sampled, False),
        "sampled, in the graph": (sampled, True),
        "sampled, repeat penalty 1.1, host": (penalty, False),
        "sampled, repeat penalty 1.1, in the graph": (penalty, True),
    }
    msgs = [{"role": "user", "content": "Write a long story about a lighthouse."}]
    print("| sampling | tokens | total ms/token | llama_decode ms/token | outside ms/token |")
    print("|---|---:|---:|---:|---:|")
    llama_cpp.llama_decode = timed
    try:
        for name, (s, backend) in cases.items():
            e.backend_sampling = backend
            outside, inside, total, n_tok = [], [], [], 0
            for _ in range(args.runs):
                e.reset()
                turn = e.chat(msgs, s)
                it = iter(turn)
                first = next(it, None)            # the prompt is processed before this
                spent[0], spent[1] = 0.0, 0
                t0 = time.perf_counter()
                n = 1 if first is not None else 0
                for _piece in it:
                    n += 1
                wall = time.perf_counter() - t0
                gen = turn.metrics.completion_tokens - 1   # tokens after the first
                if gen <= 0:
                    continue
                n_tok = gen
                total.append(wall / gen * 1e3)
                inside.append(spent[0] / gen * 1e3)
                outside.append((wall - spent[0]) / gen * 1e3)
            if total:
                print(f"| {name} | {n_tok} | {statistics.median(total):.3f} | "
                      f"{statistics.median(inside):.3f} | {statistics.median(outside):.3f} |")
    finally:
        llama_cpp.llama_decode = real
        e.unload()
    print("\noutside = the loop's wall time less the time inside llama_decode, per token after "
          "the first (medians of the runs); goal <= 0.1 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
