#!/usr/bin/env python3
"""Speculative decoding (issue 14, part 2): decode speed with and without drafts, side by side
in one run, on a "return this function with one change" task and on free text.

    python tests/bench/bench_speculative.py                      # the embedded Gemma 3 270M
    python tests/bench/bench_speculative.py --model M.gguf --chat --tokens 64 --reps 1
    python tests/bench/bench_speculative.py --model M.gguf --oracle   # every draft right

For each task: the plain decode speed (median of --reps), then prompt lookup with each draft
length: its speed, the ratio to plain, how many drafts were kept, tokens per llama_decode and
whether the answer equals the plain one. `--draft-model` adds a draft model. `--oracle` drafts
the plain answer's own next tokens (all kept): the ceiling of the verify loop on this machine
and model, whatever the drafter (a figure about the machine, not about prompt lookup).

Also printed: what one llama_decode of k tokens costs against one token (median of --reps):
where that grows like k, drafts cannot pay (compute-bound: small CPUs); where it stays near 1
(memory-bound: GPUs), every kept draft is nearly free.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import llama_cpp  # noqa: E402

from desktop.core import models  # noqa: E402
from desktop.core.engine import Engine, LoadSettings, SamplingSettings  # noqa: E402
from desktop.core.engine.speculative import SpeculativeSettings  # noqa: E402

FUNC = '''def parse_config(path, defaults=None):
    """Read a key=value config file into a dict, applying defaults."""
    result = dict(defaults or {})
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                raise ValueError(f"{path}:{lineno}: expected key=value")
            key, value = line.split("=", 1)
            result[key.strip()] = value.strip()
    return result
'''
TASKS = {
    # base model: the prompt opens the answer's code block; chat model: the same as a request
    "edit": (f"Here is a Python function:\n\n```python\n{FUNC}```\n\nThe same function, with "
             "the parameter `path` renamed to `filename`:\n\n```python\n",
             f"Return this function with the parameter `path` renamed to `filename`, and "
             f"nothing else:\n\n```python\n{FUNC}```"),
    "free": ("The history of the city of Lyon begins",
             "Tell me about the history of the city of Lyon."),
}


class Recorder:
    """Drafts nothing and keeps the answer's token ids (a plain run through the same loop)."""
    kind = "record"

    def __init__(self):
        self.tokens: list[int] = []

    def begin(self, tokens):
        self.tokens = []

    def push(self, tok):
        self.tokens.append(tok)

    def draft(self, n):
        return []


class Oracle:
    """Drafts the reference answer's next tokens while the answer follows it: every draft is
    right (unless the batched kernels round a near-tie the other way)."""
    kind = "oracle"

    def __init__(self, reference: list[int]):
        self.ref = reference
        self.hist: list[int] = []

    def begin(self, tokens):
        self.hist = []

    def push(self, tok):
        self.hist.append(tok)

    def draft(self, n):
        k = len(self.hist)
        if self.hist != self.ref[:k]:
            return []
        return self.ref[k:k + n]


def run(engine: Engine, task: tuple[str, str], chat: bool, s: SamplingSettings):
    engine.reset()
    if chat:
        turn = engine.chat([{"role": "user", "content": task[1]}], s)
    else:
        turn = engine.complete(task[0], s)
    pieces = list(turn)
    return "".join(pieces), turn.metrics


def batch_costs(engine: Engine, reps: int, ks=(1, 2, 3, 4, 5, 6, 7, 8)) -> dict[int, float]:
    toks = engine.tokenize("The history of the city of Lyon begins with", add_special=True)
    engine.reset()
    engine.eval_prefix(toks)
    mem = llama_cpp.llama_get_memory(engine._ctx)
    b = llama_cpp.llama_batch_init(max(ks), 0, 1)
    out = {}
    try:
        for k in ks:
            ts = []
            for _ in range(reps):
                p0 = len(toks)
                b.n_tokens = k
                for i in range(k):
                    b.token[i] = toks[i % len(toks)]
                    b.pos[i] = p0 + i
                    b.n_seq_id[i] = 1
                    b.seq_id[i][0] = 0
                    b.logits[i] = 1
                t = time.perf_counter()
                assert llama_cpp.llama_decode(engine._ctx, b) == 0
                ts.append(time.perf_counter() - t)
                llama_cpp.llama_memory_seq_rm(mem, 0, p0, -1)
            out[k] = statistics.median(ts)
    finally:
        llama_cpp.llama_batch_free(b)
        engine.reset()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="a .gguf (default: the embedded Gemma 3 270M)")
    ap.add_argument("--chat", action="store_true", help="ask through the chat template")
    ap.add_argument("--tokens", type=int, default=200)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--n-max", default="3,6", help="draft lengths to try (comma-separated)")
    ap.add_argument("--draft-model", default=None)
    ap.add_argument("--oracle", action="store_true")
    ap.add_argument("--repack", choices=["on", "off"], default="on",
                    help="llama.cpp's repacked CPU weights (off: the batch-invariant kernels)")
    ap.add_argument("--kv-type", default="f16")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--tasks", default="edit,free")
    a = ap.parse_args()

    path = a.model or str(models.embedded_path())
    e = Engine()
    info = e.load(path, LoadSettings(n_ctx=4096, repack=a.repack == "on", kv_type=a.kv_type,
                                     n_threads=a.threads))
    print(f"model {info.name} ({Path(path).name}), {info.threads[0]} threads, repack {a.repack}, "
          f"KV {a.kv_type}, flash attention {info.flash_attn}, GPU layers "
          f"{info.n_layers_offloaded or 0}")
    costs = batch_costs(e, max(3, a.reps))
    one = costs[1]
    print("one llama_decode of k tokens (all logits), median: " + "  ".join(
        f"k={k} {v * 1000:.1f} ms ({v / one:.2f}x)" for k, v in costs.items()))

    s = SamplingSettings(temperature=0, max_tokens=a.tokens, repeat_penalty=1.0)
    n_maxes = [int(x) for x in a.n_max.split(",") if x]
    for name in a.tasks.split(","):
        task = TASKS[name]
        e.set_speculative(None)
        plain = [run(e, task, a.chat, s) for _ in range(a.reps)]
        ref_text, ref_m = plain[0]
        p_tps = statistics.median(m.decode_tps or 0 for _, m in plain)
        print(f"\n[{name}] plain: {p_tps:.2f} tok/s (median of {a.reps}), "
              f"{ref_m.completion_tokens} tokens, prompt {ref_m.prompt_tokens}")
        configs = [("lookup", SpeculativeSettings(mode="lookup", n_max=n)) for n in n_maxes]
        if a.draft_model:
            configs += [("draft", SpeculativeSettings(mode="draft", n_max=n,
                                                      draft_path=a.draft_model))
                        for n in n_maxes]
        if a.oracle:
            rec = Recorder()
            e.set_speculative(SpeculativeSettings(mode="lookup"))
            e._drafter = lambda rec=rec: rec
            run(e, task, a.chat, s)
            del e._drafter
            ref_tokens = rec.tokens
            configs += [("oracle", SpeculativeSettings(mode="lookup", n_max=n))
                        for n in n_maxes]
        for label, spec in configs:
            e.set_speculative(spec)
            if label == "oracle":
                e._drafter = lambda: Oracle(ref_tokens)  # noqa: B023 - bench only
            runs = [run(e, task, a.chat, s) for _ in range(a.reps)]
            if label == "oracle":
                del e._drafter
            tps = statistics.median(m.decode_tps or 0 for _, m in runs)
            text, m = runs[0]
            steps = max(1, m.completion_tokens - m.draft_accepted)
            acc = m.draft_accepted / m.draft_tokens if m.draft_tokens else 0.0
            print(f"  {label:6s} n_max {spec.n_max}: {tps:.2f} tok/s = {tps / p_tps:.2f}x plain; "
                  f"kept {m.draft_accepted}/{m.draft_tokens} drafts ({acc:.0%}), "
                  f"{m.completion_tokens / steps:.2f} tokens per llama_decode; answer "
                  f"{'identical' if text == ref_text else 'differs'}")
    e.set_speculative(None)
    e.unload()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
