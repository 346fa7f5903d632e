#!/usr/bin/env python3
"""Ember on an NVIDIA GPU, measured: the figures issue 12 asks for, printed as Markdown.

    python tests/bench/gpu_report.py MODEL.gguf --llama-bench PATH [--quick]

On the model given (the Qwen2.5-7B shape clone: tests/bench/synth_qwen7b.py), with every layer on
the GPU as the planner chooses:
  1. decode (tg128) and prefill (pp512) through Ember's engine against native llama-bench on the
     same model and GPU (the faster of flash attention off / on), medians of 3;
  2. time to first token at 512 / 8K / 32K prompt tokens;
  3. the peak VRAM NVML reports for this process against the planner's prediction, and llama.cpp's
     own buffers against the planner's parts (plan.compare_buffers);
  4. a 128K context with YaRN and a q8_0 KV cache: loaded, a 1K prompt answered, VRAM as above.
Run by tests/bench/gpu_check.sh on the device machine; on a CPU it runs too (for a dry run of the
script: the figures are then CPU figures and say so).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


class VramPeak:
    """Polls NVML every 20 ms: the most memory in use on GPU 0 (the whole device: this process is
    the only one using it on the check machine), less what was in use before."""

    def __init__(self):
        self.ok = False
        try:
            import pynvml
            pynvml.nvmlInit()
            self.nv = pynvml
            self.h = pynvml.nvmlDeviceGetHandleByIndex(0)
            self.base = pynvml.nvmlDeviceGetMemoryInfo(self.h).used
            self.ok = True
        except Exception:  # noqa: BLE001 - no GPU: the report says so
            self.base = 0
        self.peak = 0
        self._stop = threading.Event()
        self._t = None

    def __enter__(self):
        if self.ok:
            self.base = self.nv.nvmlDeviceGetMemoryInfo(self.h).used
            self.peak = 0
            self._stop.clear()
            self._t = threading.Thread(target=self._run, daemon=True)
            self._t.start()
        return self

    def _run(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.nv.nvmlDeviceGetMemoryInfo(self.h).used - self.base)

    def __exit__(self, *exc):
        if self._t is not None:
            self._stop.set()
            self._t.join()
            self.peak = max(self.peak, self.nv.nvmlDeviceGetMemoryInfo(self.h).used - self.base)


def gib(n: float) -> str:
    return f"{n / 2**30:.2f}"


def prompt_of(engine, n_tokens: int) -> list[dict]:
    """A user message of about n_tokens tokens (lines of words from a fixed list): measured on a
    few lines, scaled, then trimmed to at most n_tokens."""
    words = ("river lantern copper harbor signal meadow orbit kernel buffer ember quiet "
             "lattice mirror garden thunder").split()

    def lines(k: int) -> str:
        return "\n".join(" ".join(words[(i * 7 + j) % len(words)] for j in range(8)) + "."
                         for i in range(k))

    def count(k: int) -> int:
        return len(engine.chat_tokens([{"role": "user", "content": lines(k)}]))

    per_line = (count(20) - count(10)) / 10
    k = max(1, int((n_tokens - count(1)) / per_line) + 1)
    while k > 1 and count(k) > n_tokens:
        k -= 1
    return [{"role": "user", "content": lines(k)}]


def llama_bench(path: str, model: str, threads: int, ngl: int) -> dict:
    """llama-bench pp512 and tg128, flash attention off and on: the faster of each."""
    out = subprocess.run([path, "-m", model, "-p", "512", "-n", "128", "-ngl", str(ngl),
                          "-fa", "0,1", "-r", "3", "-t", str(threads), "-o", "json"],
                         capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    best = {"pp": 0.0, "tg": 0.0}
    for row in json.loads(out.stdout):
        key = "pp" if row.get("n_prompt") else "tg"
        best[key] = max(best[key], float(row["avg_ts"]))
    return best


def outside_decode(engine, msgs, sampling) -> tuple[tuple[float, float], float]:
    """((ms per token inside llama_decode, ms outside it), decode tokens/s) for one answer,
    the tokens after the first (see tests/bench/bench_token_overhead.py)."""
    import llama_cpp
    real = llama_cpp.llama_decode
    spent = [0.0]

    def timed(ctx, batch):
        t = time.perf_counter()
        rc = real(ctx, batch)
        spent[0] += time.perf_counter() - t
        return rc

    llama_cpp.llama_decode = timed  # before the turn starts: its loop binds the function
    try:
        turn = engine.chat(msgs, sampling)
        it = iter(turn)
        next(it, None)  # the prompt is processed before this
        spent[0] = 0.0
        t0 = time.perf_counter()
        for _ in it:
            pass
        wall = time.perf_counter() - t0
    finally:
        llama_cpp.llama_decode = real
    n = max(1, turn.metrics.completion_tokens - 1)
    return (spent[0] / n * 1e3, (wall - spent[0]) / n * 1e3), turn.metrics.decode_tps or 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--llama-bench", default=os.environ.get("LLAMA_BENCH"))
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--quick", action="store_true", help="short prompts (a dry run on a CPU)")
    args = ap.parse_args()

    from desktop.core import gguf_meta, hardware
    from desktop.core import plan as P
    from desktop.core.engine import Engine, SamplingSettings

    hw = hardware.probe(devices=True)
    gpu = hw.can_offload
    where = f"GPU: {hw.gpu.name}, driver {hw.driver_version}" if gpu else \
        "NO GPU: CPU figures (a dry run), not GPU figures"
    f = P.ModelFacts.from_gguf(gguf_meta.inspect(args.model))
    print(f"# Ember GPU check: {f.name}; {where}; llama-cpp-python {hw.llama_cpp_version}; "
          f"backends {', '.join(hw.backends)}")
    ctx_default = 4096 if args.quick else 32768
    p = P.plan(f, hw, ctx_default)
    print(f"\nPlan: {p.sentence}\n")
    if args.threads:
        p.overrides = {"n_threads": args.threads}

    # ---- 1 + 3: load, buffers, decode and prefill vs llama-bench
    peak = VramPeak()
    e = Engine()
    with peak:
        info = e.load(args.model, p.load_settings())
        greedy = SamplingSettings(temperature=0.0, max_tokens=128)
        msgs512 = prompt_of(e, 64 if args.quick else 512)
        dec, pre, n_prompt = [], [], 0
        for _ in range(3):
            e.reset()
            t = e.chat(msgs512, greedy)
            t.run()
            if t.metrics.decode_tps:
                dec.append(t.metrics.decode_tps)
            if t.metrics.prefill_tps:
                pre.append(t.metrics.prefill_tps)
            n_prompt = t.metrics.prompt_tokens
    layers = f"{info.n_layers_offloaded}/{info.n_layers} layers on the GPU" \
        if info.n_layers_offloaded else "CPU"
    print(f"Loaded: {info.n_ctx:,} context, {info.kv_type} KV, flash attention {info.flash_attn}, "
          f"{layers}\n")
    print("| part | planner GiB | llama.cpp GiB | ratio |\n|---|---:|---:|---:|")
    for part, pred, rep in P.compare_buffers(f, info.n_ctx, info.kv_type, p.n_gpu_layers,
                                             gpu=gpu, buffers=info.buffers):
        print(f"| {part} | {gib(pred)} | {gib(rep)} | {pred / rep:.3f} |" if rep else
              f"| {part} | {gib(pred)} | 0 | n/a |")
    if peak.ok:
        print(f"\nVRAM peak (NVML, load + 3 answers): {gib(peak.peak)} GiB; planner: "
              f"{gib(p.vram_bytes)} GiB; planner / NVML = {p.vram_bytes / max(1, peak.peak):.3f}")
    ember_tg = statistics.median(dec) if dec else 0.0
    ember_pp = statistics.median(pre) if pre else 0.0
    print(f"\nEmber: decode {ember_tg:.1f} tokens/s (median of {len(dec)}), prefill "
          f"{ember_pp:.0f} tokens/s ({n_prompt} prompt tokens)")
    if args.llama_bench:
        nb = llama_bench(args.llama_bench, args.model, info.threads[0],
                         99 if info.n_layers_offloaded else 0)
        print(f"llama-bench: tg128 {nb['tg']:.1f}, pp512 {nb['pp']:.0f} tokens/s (the faster "
              f"of -fa 0/1)\nEmber / llama-bench: decode {ember_tg / nb['tg']:.3f}, prefill "
              f"{ember_pp / nb['pp']:.3f} (goal >= 0.97)")

    # ---- 5: per-token time outside llama_decode, the chain on the host vs in the graph
    print("\n| sampling | where | decode tokens/s | llama_decode ms/token | outside ms/token |"
          "\n|---|---|---:|---:|---:|")
    sampled = SamplingSettings(temperature=0.7, top_k=40, top_p=0.95, min_p=0.05,
                               max_tokens=128, seed=1)
    for name, s in (("greedy", greedy), ("sampled", sampled)):
        for backend in (False, True):
            e.backend_sampling = backend
            e.reset()
            spent, tps = outside_decode(e, msgs512, s)
            print(f"| {name} | {'in the graph' if backend else 'host'} | {tps:.1f} | "
                  f"{spent[0]:.3f} | {spent[1]:.3f} |")
    e.backend_sampling = None

    # ---- 2: TTFT at 512 / 8K / 32K
    print("\n| prompt tokens | TTFT ms | prefill tokens/s |\n|---:|---:|---:|")
    one = SamplingSettings(temperature=0.0, max_tokens=1)
    for n in ((256, 1024) if args.quick else (512, 8192, 32000)):
        if n + 16 > info.n_ctx:
            continue
        msgs = prompt_of(e, n)
        e.reset()
        t = e.chat(msgs, one)
        t.run()
        print(f"| {t.metrics.prompt_tokens:,} | {t.metrics.ttft_s * 1000:.0f} | "
              f"{t.metrics.prefill_tps or 0:.0f} |")
    e.unload()

    # ---- 4: 128K with YaRN and a q8_0 KV cache
    big = 8192 if args.quick else 131072
    q = P.plan(f, hw, big, kv_type="q8_0")
    if args.threads:
        q.overrides = {"n_threads": args.threads}
    print(f"\n{big // 1024}K, q8_0 KV: {q.sentence}")
    e2 = Engine()
    with peak:
        try:
            info2 = e2.load(args.model, q.load_settings())
            t = e2.chat(prompt_of(e2, 1024), SamplingSettings(temperature=0.0, max_tokens=8))
            t.run()
            print(f"loaded: {info2.n_ctx:,} context, rope {q.rope_scaling or 'model'} "
                  f"(scale {q.rope_freq_scale}), {info2.kv_type} KV; a {t.metrics.prompt_tokens:,}"
                  f"-token prompt answered, TTFT {t.metrics.ttft_s * 1000:.0f} ms")
            for part, pred, rep in P.compare_buffers(f, info2.n_ctx, "q8_0", q.n_gpu_layers,
                                                     gpu=gpu, buffers=info2.buffers):
                if part.startswith("KV") and rep:
                    print(f"{part}: planner {gib(pred)} GiB, llama.cpp {gib(rep)} GiB")
        except Exception as ex:  # noqa: BLE001 - the report goes on
            print(f"FAILED: {ex}")
        finally:
            e2.unload()
    if peak.ok:
        print(f"VRAM peak: {gib(peak.peak)} GiB; planner: {gib(q.vram_bytes)} GiB; "
              f"planner / NVML = {q.vram_bytes / max(1, peak.peak):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
