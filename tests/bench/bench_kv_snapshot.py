#!/usr/bin/env python3
"""KV snapshots (issue 6): a follow-up after switching conversations, without re-reading.

A synthesized Qwen2-architecture model (gguf-py, random weights: llama.cpp does the same work as
for a trained one of this shape) reads a ~20K-token document with a large enough context. Each
round:
  1. cold: a fresh cache, the document and a question -> TTFT (the whole prompt is processed);
  2. the conversation's KV state is saved to the snapshot folder (desktop.core.kvcache);
  3. switch away: another conversation runs on the same engine (its KV replaces the document's);
  4. switch back: the snapshot is restored from disk and a follow-up question is asked ->
     follow-up TTFT, measured from the switch (restore + the new tokens + the first token);
  5. reference: the same follow-up with no snapshot (the engine re-reads the document).
Medians over the rounds are printed with the ratio follow-up / cold (goal: <= 10%).

    python tests/bench/bench_kv_snapshot.py [--runs 3] [--doc-tokens 20000] [--ctx 32768]
        [--n-embd 256] [--layers 4] [--threads N] [--no-reference]

Not a test: it prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import llama_cpp  # noqa: E402
import synth  # noqa: E402

from desktop.core import documents as D  # noqa: E402
from desktop.core.engine import Engine, LoadSettings, SamplingSettings  # noqa: E402
from desktop.core.kvcache import KVCache  # noqa: E402

WORDS = ("alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega river mountain "
         "valley forest stone cloud harbor signal vector matrix kernel buffer socket packet "
         "thread mutex queue ledger margin column window border anchor bridge tunnel").split()
ANSWER = SamplingSettings(temperature=0.0, max_tokens=16)


def document(engine: Engine, n_tokens: int) -> D.Document:
    """Lines of random words, as many as fit in n_tokens (the model's own count)."""
    rnd = random.Random(0)
    lines = [" ".join(rnd.choice(WORDS) for _ in range(12)) + "." for _ in range(n_tokens // 8 + 100)]

    def make(k: int) -> D.Document:
        doc = D.from_text("spec.md", "\n".join(lines[:k]) + "\n")
        D.count_tokens(engine, doc)
        return doc

    lo, hi = 1, len(lines)
    while lo < hi:  # the most lines within n_tokens
        mid = (lo + hi + 1) // 2
        if make(mid).tokens <= n_tokens:
            lo = mid
        else:
            hi = mid - 1
    return make(lo)


def cpu_name() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--doc-tokens", type=int, default=20000)
    ap.add_argument("--ctx", type=int, default=32768)
    ap.add_argument("--n-embd", type=int, default=256)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--no-reference", action="store_true",
                    help="skip the follow-up without a snapshot (saves one cold prefill a round)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ember-bench-kv-"))
    path = synth.write_qwen2(tmp / "model", name="bench-qwen2", n_embd=args.n_embd,
                             n_layer=args.layers, n_head=8, n_head_kv=2, n_ff=3 * args.n_embd,
                             shards=1, seed=0)
    engine = Engine()
    info = engine.load(path, LoadSettings(n_ctx=args.ctx, n_threads=args.threads))
    doc = document(engine, args.doc_tokens)
    cache = KVCache(tmp / "kv", max_bytes=4 << 30, min_tokens=1024)
    print(f"machine: {cpu_name()}, {info.threads[0]} threads; llama-cpp-python {llama_cpp.__version__}")
    print(f"model: synthesized qwen2, n_embd {args.n_embd}, {info.n_layers} layers, 8 heads "
          f"(2 KV), {info.n_params / 1e6:.1f}M parameters, f32; context {info.n_ctx:,}, "
          f"{info.kv_type} KV, flash attention {info.flash_attn}")
    print(f"document: {doc.describe()}")

    q1, q2 = "Summarize the part about the harbor.", "And what does it say about the bridge?"
    other = [{"role": "user", "content": "Write a haiku about winter."}]
    rows = []
    for r in range(args.runs):
        engine.reset()
        cache.clear()
        msgs1 = D.build_messages([doc], [], q1)
        t1 = engine.chat(msgs1, ANSWER)
        a1 = t1.run()
        cold = t1.metrics
        t = time.perf_counter()
        snap = cache.save(engine, "doc-conversation")
        save_s = time.perf_counter() - t

        cache.switch_to(engine, "other-conversation")       # nothing saved for it: prefix reuse
        engine.chat(other, ANSWER).run()                    # its KV replaces the document's

        msgs2 = D.build_messages([doc], [{"role": "user", "content": q1},
                                         {"role": "assistant", "content": a1}], q2)
        t0 = time.perf_counter()
        restored = cache.switch_to(engine, "doc-conversation")
        restore_s = time.perf_counter() - t0
        t2 = engine.chat(msgs2, ANSWER)
        t2.run()
        follow_ttft = restore_s + t2.metrics.ttft_s
        row = dict(cold_ttft=cold.ttft_s, cold_prefill=cold.prefill_s, prompt=cold.prompt_tokens,
                   save=save_s, bytes=snap.bytes if snap else 0, restore=restore_s,
                   restored=restored, follow=follow_ttft, follow_processed=t2.metrics.processed_tokens,
                   follow_prompt=t2.metrics.prompt_tokens)
        if not args.no_reference:
            engine.reset()
            t3 = engine.chat(msgs2, ANSWER)
            t3.run()
            row["reread"] = t3.metrics.ttft_s
        rows.append(row)
        print(f"round {r + 1}: cold TTFT {row['cold_ttft']:.2f} s ({row['prompt']:,} tokens), "
              f"save {row['save'] * 1000:.0f} ms, follow-up TTFT after switching back "
              f"{row['follow'] * 1000:.0f} ms (restore {row['restore'] * 1000:.0f} ms, "
              f"{row['follow_processed']} of {row['follow_prompt']:,} tokens processed)"
              + (f", follow-up without snapshot {row['reread']:.2f} s" if "reread" in row else ""),
              flush=True)

    med = {k: statistics.median(r[k] for r in rows) for k in rows[0] if isinstance(rows[0][k], (int, float))}
    print()
    print(f"medians over {len(rows)} rounds, {doc.tokens:,}-token document "
          f"({med['prompt']:,.0f}-token prompt), context {info.n_ctx:,}:")
    print(f"  cold prefill (TTFT, whole prompt processed):  {med['cold_ttft']:.2f} s "
          f"(prefill {med['cold_prefill']:.2f} s)")
    print(f"  follow-up TTFT after switching away and back: {med['follow'] * 1000:.0f} ms "
          f"(restore from disk {med['restore'] * 1000:.0f} ms, then "
          f"{med['follow_processed']:.0f} new tokens)")
    print(f"  ratio follow-up / cold:                       {med['follow'] / med['cold_ttft']:.1%} "
          "(goal <= 10%)")
    print(f"  snapshot: {med['bytes'] / (1 << 20):.1f} MB, saved in {med['save'] * 1000:.0f} ms")
    if "reread" in med:
        print(f"  follow-up without a snapshot (re-reads everything): {med['reread']:.2f} s")
    engine.unload()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
