"""This machine in words and as data: the bench table's caption (moved out of runner.py, which
had reached the house's size limit)."""
from __future__ import annotations

import platform


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def describe_machine(hw=None) -> dict:
    """This machine in words (for the table's caption) and as data."""
    from ..hardware import probe
    from ..plan import gb
    hw = hw if hw is not None else probe()
    cpu = _cpu_name()
    gpus = [f"{g.name} ({gb(g.vram_total, whole=True)} GB)" for g in hw.gpus]
    gpu_text = ", ".join(gpus) if gpus else f"no GPU ({hw.no_gpu_reason})"
    build = "CUDA build" if hw.build_can_offload else "CPU-only build"
    desc = (f"{cpu}, {hw.physical_cores} cores / {hw.logical_cores} threads, "
            f"{gb(hw.ram_total)} GB RAM; {gpu_text}; {hw.os}; llama-cpp-python "
            f"{hw.llama_cpp_version} ({build})")
    short = f"{cpu} · {gpus[0] if gpus else 'CPU only'}"
    return {"description": desc, "short": short, "cpu": cpu, "gpus": gpus,
            "physical_cores": hw.physical_cores, "logical_cores": hw.logical_cores,
            "ram_total": hw.ram_total, "os": hw.os, "llama_cpp": hw.llama_cpp_version,
            "gpu_offload_build": hw.build_can_offload, "driver": hw.driver_version}
