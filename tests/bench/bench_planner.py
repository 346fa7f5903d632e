#!/usr/bin/env python3
"""The offload planner against what llama.cpp allocates, on the Qwen2.5-7B shape clone.

For each configuration (4K, 32K and 128K with YaRN; f16 and q8_0 KV, flash attention on), the
model is loaded for real and the planner's predicted model, KV and compute buffer sizes are
printed beside the buffer sizes llama.cpp logs. On a CPU-only machine the weights and the KV
cache are allocated in RAM with the same sizes they would have in VRAM; the compute buffer of a
CUDA device differs from the CPU's (printed for information: the goal is the model and the KV).

    python tests/bench/synth_qwen7b.py --out /tmp/q7            # once (~15 GB of scratch disk)
    python tests/bench/bench_planner.py /tmp/q7/qwen2.5-7b-shapes-q4_k_m.gguf [--gpu-layers N]

On a GPU machine, --gpu-layers -1 offloads everything and compares the GPU buffers (and NVML's
peak, when present) with the plan for that GPU.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

CONFIGS = [(4096, "f16"), (4096, "q8_0"), (32768, "f16"), (32768, "q8_0"),
           (131072, "f16"), (131072, "q8_0")]


def mib(n: int) -> str:
    return f"{n / (1 << 20):,.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", help="the GGUF (e.g. the Qwen2.5-7B shape clone)")
    ap.add_argument("--gpu-layers", type=int, default=0, help="layers to offload (-1: all)")
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--only", default=None, help="e.g. 32768:q8_0")
    args = ap.parse_args()

    from desktop.core import gguf_meta, hardware
    from desktop.core import plan as P
    from desktop.core.engine import Engine, LoadSettings

    f = P.ModelFacts.from_gguf(gguf_meta.inspect(args.model))
    hw = hardware.probe()
    gpu = args.gpu_layers != 0 and hw.can_offload
    layers = f.n_layers if args.gpu_layers < 0 else args.gpu_layers
    print(f"# {f.name}: {f.n_layers} layers, vocabulary {f.n_vocab:,}, weights "
          f"{mib(f.weights_bytes)} MiB; {'GPU ' + hw.gpu.name if gpu else 'CPU only'}; "
          f"llama-cpp-python {hw.llama_cpp_version}")
    print("| context | KV | part | planner MiB | llama.cpp MiB | planner / llama.cpp |")
    print("|---|---|---|---:|---:|---:|")
    worst = {"model": 0.0, "KV": 0.0}
    configs = CONFIGS
    if args.only:
        c, k = args.only.split(":")
        configs = [(int(c), k)]
    for n_ctx, kv in configs:
        yarn = n_ctx > f.training_context
        s = LoadSettings(n_ctx=n_ctx, kv_type=kv, flash_attn="on",
                         n_gpu_layers=-1 if args.gpu_layers < 0 else args.gpu_layers,
                         rope_scaling="yarn" if yarn else None,
                         rope_freq_scale=f.training_context / n_ctx if yarn else 0.0,
                         yarn_orig_ctx=f.training_context if yarn else 0)
        if args.threads:
            s.n_threads = args.threads
        e = Engine()
        t0 = time.perf_counter()
        try:
            info = e.load(args.model, s)
        except Exception as ex:  # noqa: BLE001 - a benchmark reports and goes on
            print(f"| {n_ctx // 1024}K | {kv} | load failed: {ex} | | | |")
            continue
        took = time.perf_counter() - t0
        rows = P.compare_buffers(f, n_ctx, kv, layers if gpu else 0, gpu=gpu,
                                 buffers=info.buffers)
        e.unload()
        for part, pred, rep in rows:
            ratio = f"{pred / rep:.3f}" if rep else "n/a"
            print(f"| {n_ctx // 1024}K{' YaRN' if yarn else ''} | {kv} | {part} | {mib(pred)} | "
                  f"{mib(rep)} | {ratio} |")
            for key in worst:
                if part.startswith(key):
                    worst[key] = max(worst[key], abs(pred / rep - 1) if rep else float("inf"))
        print(f"<!-- load {took:.1f} s -->")
    print(f"\nlargest error: model {worst['model'] * 100:.2f}%, KV {worst['KV'] * 100:.2f}% "
          "(goal: within 5%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
