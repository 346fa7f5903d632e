"""Which case this machine is in, and what to do about it (Qt-free): `ember doctor`'s verdict,
also shown by the window when a model cannot use the GPU.

    case = build_case(hw)          # cuda-gpu | cuda-no-driver | cuda-old-driver | cuda-failed |
                                   # vulkan-gpu | vulkan-no-device | cpu-build
    verdict, fix_command = diagnose(hw, last_load)
"""
from __future__ import annotations

import os
import shlex
import sys

from .hardware import Hardware
from .texts import tr


def cuda_fix_command(version: str | None = None) -> str:
    """The command that reinstalls llama-cpp-python with CUDA, for this Python."""
    if version is None:  # from the installed metadata: llama_cpp itself is not imported
        import importlib.metadata
        try:
            version = importlib.metadata.version("llama-cpp-python")
        except importlib.metadata.PackageNotFoundError:
            version = "0.3.36"
    return (f'CMAKE_ARGS="-DGGML_CUDA=on" {shlex.quote(sys.executable)} -m pip install '
            f"--force-reinstall --no-cache-dir llama-cpp-python=={version}")


def powershell_fix(version: str) -> str:
    return (f'$env:CMAKE_ARGS="-DGGML_CUDA=on"; & "{sys.executable}" -m pip install '
            f"--force-reinstall --no-cache-dir llama-cpp-python=={version}")


CUDA_GPU, CUDA_NO_DRIVER, CUDA_OLD_DRIVER, CUDA_FAILED, CPU_BUILD = (
    "cuda-gpu", "cuda-no-driver", "cuda-old-driver", "cuda-failed", "cpu-build")
VULKAN_GPU, VULKAN_NO_DEVICE = "vulkan-gpu", "vulkan-no-device"   # the Windows installer's build


def _version_tuple(v: str | None) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in (v or "").split("."))
    except ValueError:
        return ()


def build_case(hw: Hardware) -> str:
    """Which of the four cases this machine is in (issue 12):
    cuda-gpu (a CUDA build, a GPU in use), cuda-no-driver (a CUDA build, no NVIDIA driver or
    GPU), cuda-old-driver (the driver predates the build's CUDA), cpu-build (no CUDA backend);
    and cuda-failed (a CUDA build that found a GPU and a recent driver, yet did not start).
    A Vulkan build without CUDA (issue 25): vulkan-gpu (Vulkan lists a GPU) or
    vulkan-no-device."""
    b = hw.build or {}
    if hw.vulkan_build:
        return VULKAN_GPU if hw.gpus and hw.build_can_offload else VULKAN_NO_DEVICE
    if not (b.get("cuda_module") or "CUDA" in hw.backends):
        return CPU_BUILD
    if not hw.gpus:
        return CUDA_NO_DRIVER
    need = _version_tuple(b.get("cuda_runtime"))
    have = _version_tuple(hw.cuda_driver_version)
    if need and have and have[:2] < need[:2]:
        return CUDA_OLD_DRIVER
    if not hw.build_can_offload or (hw.devices and not any(d.kind in ("gpu", "igpu")
                                                            for d in hw.devices)):
        return CUDA_FAILED
    return CUDA_GPU


def _driver_hint(min_driver: str | None) -> str:
    # whole sentences through texts.tr (the window shows them in its language)
    if os.name == "nt":
        if min_driver:
            return tr("install the NVIDIA driver {version} or newer from nvidia.com (or the "
                      "GeForce app)").format(version=min_driver.split(".")[0])
        return tr("install the NVIDIA driver from nvidia.com (or the GeForce app)")
    if min_driver:
        return tr("install the NVIDIA driver {version} or newer (Ubuntu: `sudo ubuntu-drivers "
                  "install`; Debian: `apt install nvidia-driver` from non-free) and "
                  "restart").format(version=min_driver.split(".")[0])
    return tr("install the NVIDIA driver (Ubuntu: `sudo ubuntu-drivers install`; Debian: "
              "`apt install nvidia-driver` from non-free) and restart")


def diagnose(hw: Hardware, last: dict | None) -> tuple[str, str | None]:
    """(the verdict in plain words, the fix command or None)."""
    from ..core.ggml_backends import BuildState
    cores = tr("{n} physical cores").format(n=hw.physical_cores)
    b = hw.build or {}
    rt = b.get("cuda_runtime")
    cuda = f"CUDA {rt}" if rt else "CUDA"
    min_driver = BuildState(cuda_runtime=rt).min_driver() if rt else None
    why = (tr(" (llama.cpp said: {error})").format(error=b["cuda_init_error"])
           if b.get("cuda_init_error") else "")
    case = build_case(hw)
    if case == VULKAN_NO_DEVICE:
        return (tr("This Ember has llama.cpp's Vulkan backend, but {why}, so it runs on the CPU "
                   "({cores}). Install or update the graphics driver of your GPU (NVIDIA, AMD "
                   "and Intel drivers bring Vulkan with them) and start Ember again.").format(
            why=hw.no_gpu_reason, cores=cores), None)
    if case == CPU_BUILD:
        if not hw.gpus:
            return (tr("No NVIDIA GPU was found ({why}), and this llama.cpp is a CPU-only build: "
                       "Ember runs on the CPU ({cores}). Small models (Qwen2.5-0.5B/1.5B, the "
                       "embedded Gemma) are quick on a CPU; 7B models answer at a few tokens a "
                       "second.").format(why=hw.no_gpu_reason, cores=cores), None)
        g = hw.gpu
        assert g is not None  # hw.gpus is not empty (above)
        if getattr(sys, "frozen", False):
            return (tr("Ember is NOT using the {gpu}: this Ember was built without CUDA (a "
                       "CPU-only build), so every layer runs on the CPU. Install Ember's CUDA "
                       "package (the .deb / setup.exe with the CUDA backend).").format(
                gpu=g.name), None)
        return (tr("Ember is NOT using the {gpu}: the installed llama-cpp-python {version} is a "
                   "CPU-only build (it was compiled without CUDA), so every layer runs on the "
                   "CPU. Reinstall it with CUDA (this compiles llama.cpp: it needs the CUDA "
                   "toolkit and a C/C++ compiler, and takes several minutes; "
                   "installers/linux/build-cuda.sh does it from PyPI's CUDA wheels):").format(
                gpu=g.name, version=hw.llama_cpp_version or ""),
                cuda_fix_command(hw.llama_cpp_version))
    if case == CUDA_NO_DRIVER:
        return (tr("This Ember has llama.cpp's CUDA backend ({cuda}), but {why}, so it runs on "
                   "the CPU ({cores}){error}. With an NVIDIA GPU (compute capability 7.5 or "
                   "newer), {hint}.").format(cuda=cuda, why=hw.no_gpu_reason, cores=cores,
                                            error=why, hint=_driver_hint(min_driver)), None)
    g = hw.gpu
    assert g is not None  # every case left has a GPU (build_case)
    if case == CUDA_OLD_DRIVER:
        return (tr("Ember is NOT using the {gpu}: its NVIDIA driver {driver} supports CUDA up to "
                   "{supported}, but this Ember's CUDA backend needs {cuda}: driver {needed} or "
                   "newer. Until then it runs on the CPU{error}. Fix: {hint}.").format(
            gpu=g.name, driver=hw.driver_version or "?", supported=hw.cuda_driver_version,
            cuda=cuda, needed=min_driver or tr("a newer one"), error=why,
            hint=_driver_hint(min_driver)), None)
    if case == CUDA_FAILED:
        return (tr("This llama.cpp has the CUDA backend ({cuda}) and NVML sees the {gpu} with "
                   "driver {driver} (CUDA {supported}), but llama.cpp found no GPU "
                   "device{error}. Update the NVIDIA driver; if it is current, run `ember "
                   "doctor --json` and report the output.").format(
            cuda=cuda, gpu=g.name, driver=hw.driver_version or "?",
            supported=hw.cuda_driver_version or "?", error=why), None)
    if case == VULKAN_GPU:
        verdict = tr("Ember can run on the {gpu} ({device}, Vulkan backend, {vram} GB).").format(
            gpu=g.name, device=g.device or "Vulkan", vram=f"{g.vram_total / 2**30:.1f}")
    else:
        verdict = tr("Ember can run on the {gpu} ({cuda} backend, driver {driver}).").format(
            gpu=g.name, cuda=cuda, driver=hw.driver_version or "?")
    if last:
        n, off = last.get("n_layers"), last.get("n_layers_offloaded")
        if isinstance(n, int) and isinstance(off, int):
            if off == 0:
                verdict += (tr(" But the last load put no layer on the GPU: {sentence}").format(
                    sentence=last["plan"]["sentence"]) if last.get("plan") else
                    tr(" But the last load put no layer on the GPU (was --gpu-layers 0 given?)."))
            elif off < n:
                verdict += tr(" The last load offloaded {off} of {n} layers (partial offload, "
                              "slower): the model and context did not fit in free VRAM; a "
                              "smaller context or a q8_0 KV cache may fit them all.").format(
                    off=off, n=n)
            else:
                verdict += tr(" The last load offloaded every layer.")
    return verdict, None


def headline(hw: Hardware) -> str:
    """One line for the window: the GPU when Ember can use it, else the doctor's first
    sentence (which case, and why Ember runs on the CPU)."""
    g = hw.gpu
    if build_case(hw) in (CUDA_GPU, VULKAN_GPU) and g is not None:
        return f"{g.name}, {g.vram_total / 2**30:.0f} GB VRAM"
    import re
    verdict = diagnose(hw, None)[0]
    if "。" in verdict.split(". ")[0]:        # Chinese or Japanese: the first sentence ends at 。
        cores = tr("{n} physical cores").format(n=hw.physical_cores)
        first = verdict.split("。")[0]
        for shown in (f"（{cores}）", f"({cores})", f" ({cores})"):
            first = first.replace(shown, "")   # the window says the cores
        return first + "。"
    first = verdict.split(". ")[0].rstrip(".:")
    return re.sub(r" \(\d+ physical cores\)", "", first) + "."   # the window says the cores


def sandbox_line() -> str:
    """`ember doctor`'s line on the sandbox (core/sandbox.py): how model-written code is
    isolated, and how one run's memory is held to one budget: "cgroup (memory.max 512 MB,
    pids.max 35)" or "per-process limits (4 processes x 128 MB)", with where or why; or why
    there is no sandbox."""
    from . import sandbox
    iso = sandbox.probe()
    if not iso.available:
        return f"not available: {iso.reason}"
    return f"{iso.method}; each run's memory budget: {sandbox.budget().detail()}"
