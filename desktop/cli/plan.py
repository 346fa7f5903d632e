"""`ember plan` (what the offload planner would choose, per hardware profile) and `ember doctor`
(why Ember is or is not on the GPU).

Each command is a pair: `add_arguments(subparser)` declares its options, `run_*(args)` takes the
parsed argparse Namespace and returns an exit code. `python -m desktop.cli.plan plan|doctor`
runs them on their own.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..core import hardware as hw_mod
from ..core import plan as planner
from ..core.doctor import build_case, diagnose, powershell_fix, sandbox_line
from ..core.errors import EmberError
from ..core.hardware import GiB, Hardware


# ------------------------------------------------------------------------------ ember plan
def add_plan_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--model", "-m", default=None,
                     help="a catalog id (default: the catalog's default model) or a .gguf path")
    sub.add_argument("--ctx", type=int, default=None,
                     help="the context wanted, in tokens (default: the model's training context, "
                          "at most 32K; 0: the training context)")
    sub.add_argument("--kv-type", choices=["f16", "q8_0", "q4_0"], default=None,
                     help="force the KV cache type (default: f16, q8_0 when f16 does not fit)")
    sub.add_argument("--gpu-layers", type=int, default=None,
                     help="force the number of GPU layers (-1: all)")
    sub.add_argument("--profile", action="append", choices=sorted(hw_mod.PROFILES),
                     help="plan only for this hardware profile (repeatable; default: all of "
                          "them and this machine)")
    sub.add_argument("--json", action="store_true", help="machine-readable output")


def model_facts(spec: str | None) -> planner.ModelFacts:
    """--model: a catalog id or name, or a .gguf path (a split model by its first shard)."""
    from ..core import catalog, gguf_meta
    if spec and (spec.lower().endswith(".gguf") or "/" in spec or os.sep in spec
                 or Path(spec).is_file()):
        return planner.ModelFacts.from_gguf(gguf_meta.inspect(spec))
    cat = catalog.load()
    mid = spec or cat.default
    if not mid:
        raise EmberError("The catalog names no default model: pass --model.")
    return planner.ModelFacts.from_catalog(cat.get(mid))


def _machines(profiles: list[str] | None) -> list[Hardware]:
    if profiles:
        return [hw_mod.profile(p) for p in profiles]
    return [hw_mod.profile(p) for p in hw_mod.PROFILES] + [hw_mod.probe()]


def _describe(f: planner.ModelFacts) -> str:
    ctx = planner.ctx_text(f.training_context)
    if f.yarn:
        ctx += f", {planner.ctx_text(f.max_context)} with YaRN"
    return (f"{f.name}: {planner.gb(f.weights_bytes)} GB of weights, {f.n_layers} layers, "
            f"KV {f.kv_bytes_per_token('f16') / 1024:.0f} KiB/token in f16 "
            f"({f.kv_bytes_per_token('q8_0') / 1024:.0f} in q8_0), context {ctx}"
            + (" (sizes estimated from the catalog)" if f.estimated else ""))


def run_plan(args: argparse.Namespace) -> int:
    f = model_facts(getattr(args, "model", None))
    wanted = getattr(args, "ctx", None)
    plans = [planner.plan(f, hw, wanted, kv_type=getattr(args, "kv_type", None),
                          gpu_layers=getattr(args, "gpu_layers", None))
             for hw in _machines(getattr(args, "profile", None))]
    if getattr(args, "json", False):
        out = {"model": {k: v for k, v in vars(f).items()}, "wanted_ctx": wanted,
               "plans": [p.as_dict() for p in plans]}
        print(json.dumps(out, indent=2))
        return 0
    print(_describe(f))
    print("Context wanted: " + (planner.ctx_text(wanted) if wanted else
                                "the default (training context, at most 32K)"))
    print()
    rows = [("hardware", "fit", "GPU layers", "context", "KV", "VRAM (GB)", "RAM (GB)")]
    for p in plans:
        vram = (f"{planner.gb(p.vram_bytes)}/{planner.gb(p.vram_total, whole=True)}"
                if p.device == "gpu" and p.vram_total else "-")
        rows.append((p.hardware, p.fit, f"{p.n_gpu_layers}/{p.n_layers}",
                     planner.ctx_text(p.n_ctx) + (" YaRN" if p.yarn else ""),
                     p.kv_type + (" FA" if p.flash_attn == "on" else ""), vram,
                     planner.gb(p.ram_bytes)))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    print()
    for p in plans:
        print(f"{p.hardware}: {p.sentence}")
    return 0


# ---------------------------------------------------------------------------- ember doctor
def add_doctor_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--json", action="store_true", help="machine-readable output")


def _last_load_text(last: dict | None) -> str:
    if not last:
        return "none recorded yet (load a model, then run ember doctor again)"
    n, off = last.get("n_layers"), last.get("n_layers_offloaded")
    if off is None:
        where = ("no layers on the GPU (this build cannot offload)"
                 if not last.get("gpu_offload_supported") else "layers offloaded: unknown")
    else:
        # llama.cpp counts the output head as a layer: 29/29 for a 28-layer model
        where = f"{min(off, n) if isinstance(n, int) else off} of {n} layers on the GPU"
        if isinstance(n, int) and off > n:
            where += " (and the output head)"
    text = (f"{last.get('model')} at {last.get('time')}: {where}, "
            f"{planner.ctx_text(int(last.get('n_ctx') or 0))} context, "
            f"{last.get('kv_type')} KV, flash attention {last.get('flash_attn')}")
    plan = last.get("plan")
    if plan and plan.get("sentence"):
        text += f"\n                 planned: {plan['sentence']}"
    return text


def run_doctor(args: argparse.Namespace) -> int:
    try:  # llama.cpp's log, loaded first, catches why a CUDA backend could not start
        from ..core.engine import native  # noqa: F401
    except Exception:  # noqa: BLE001 - the doctor reports a missing llama_cpp itself
        pass
    hw = hw_mod.probe(devices=True)
    last = planner.last_load()
    verdict, fix = diagnose(hw, last)
    if getattr(args, "json", False):
        print(json.dumps({"hardware": hw.as_dict(), "last_load": last, "case": build_case(hw),
                          "verdict": verdict, "fix_command": fix,
                          "sandbox": sandbox_line()}, indent=2))
        return 0

    def gbs(n: int | None) -> str:
        return "?" if n is None else f"{n / GiB:.1f}"

    print("Ember doctor")
    print(f"  llama-cpp-python {hw.llama_cpp_version or '(not importable)'}, ggml backends: "
          f"{', '.join(hw.backends) or 'unknown'}")
    b = hw.build or {}
    if b.get("cuda_module") or "CUDA" in hw.backends:
        rt = b.get("cuda_runtime")
        print(f"  llama.cpp:     CUDA build (CUDA {rt or '?'} runtime"
              + (f" from {b['cuda_runtime_from']}" if b.get("cuda_runtime_from") else "") + "); "
              + ("GPU offload available" if hw.build_can_offload else "no GPU usable now"))
    elif hw.vulkan_build:
        print("  llama.cpp:     Vulkan build (no CUDA backend); "
              + ("GPU offload available" if hw.can_offload else "no Vulkan GPU usable now"))
    else:
        print("  llama.cpp:     CPU-only build (no CUDA backend)")
    if b.get("dynamic"):
        print(f"  modules:       {', '.join(m for m in b.get('modules', []) if '.so.' not in m)}")
    if b.get("cuda_init_error"):
        print(f"  CUDA:          {b['cuda_init_error']}")
    devs = [f"{d.name} ({d.description}" + (f", {gbs(d.memory_free)} of {gbs(d.memory_total)} GB "
                                             "free" if d.kind != "cpu" and d.memory_total else "")
            + ")" for d in hw.devices]
    if devs:
        print(f"  llama.cpp devices: {'; '.join(devs)}")
    if hw.vulkan_build:
        for g in hw.gpus:
            print(f"  GPU {g.index}:         {g.name} ({g.device}, Vulkan): {gbs(g.vram_free)} of "
                  f"{gbs(g.vram_total)} GB free")
        if not hw.gpus:
            print(f"  Vulkan GPUs:   none found: {hw.no_gpu_reason}")
    elif hw.gpus:
        print(f"  NVIDIA driver: {hw.driver_version or '?'} (supports CUDA "
              f"{hw.cuda_driver_version or '?'})")
        for g in hw.gpus:
            cc = f", compute capability {g.compute_capability[0]}.{g.compute_capability[1]}" \
                if g.compute_capability else ""
            print(f"  GPU {g.index}:         {g.name}: {gbs(g.vram_free)} of {gbs(g.vram_total)} GB "
                  f"VRAM free{cc}")
        if hw.nvml_error:
            print(f"  NVML:          {hw.nvml_error}")
    else:
        print(f"  NVIDIA GPUs:   none found: {hw.nvml_error or hw.no_gpu_reason}")
    print(f"  CPU:           {hw.physical_cores} physical / {hw.logical_cores} logical cores")
    print(f"  RAM:           {gbs(hw.ram_available)} of {gbs(hw.ram_total)} GB available")
    print(f"  OS:            {hw.os}, Python {sys.version.split()[0]}")
    print(f"  Sandbox:       {sandbox_line()}")
    print(f"  Last load:     {_last_load_text(last)}")
    print()
    print(verdict)
    if fix:
        print(f"  {fix}")
        if os.name == "nt":
            print(f"  (PowerShell: {powershell_fix(hw.llama_cpp_version or '')})")
    return 0


# each command's option declarer, also reachable from the command: run_plan.add_arguments(sub)
run_plan.add_arguments = add_plan_arguments  # type: ignore[attr-defined]
run_doctor.add_arguments = add_doctor_arguments  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m desktop.cli.plan")
    sub = p.add_subparsers(dest="command", required=True)
    add_plan_arguments(sub.add_parser("plan", help="the offload planner's choices"))
    add_doctor_arguments(sub.add_parser("doctor", help="why Ember is or is not on the GPU"))
    args = p.parse_args(argv)
    try:
        return run_plan(args) if args.command == "plan" else run_doctor(args)
    except EmberError as e:
        print(f"ember: {e}", file=sys.stderr)
        return 1



def register(sub) -> None:
    """`ember plan`, `ember doctor`."""
    pl = sub.add_parser("plan", help="show how a model would run on this machine and on "
                                     "reference GPUs")
    add_plan_arguments(pl)
    pl.set_defaults(func=run_plan)
    d = sub.add_parser("doctor", help="explain why Ember is or is not on the GPU")
    add_doctor_arguments(d)
    d.set_defaults(func=run_doctor)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
