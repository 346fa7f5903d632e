"""What this machine has: cores and memory (psutil), NVIDIA GPUs (NVML), what llama.cpp can use.

`probe()` never raises: on a machine without an NVIDIA driver it returns `gpus == []` and says
why in `nvml_error` / `nvml_status`. With a Vulkan build of llama.cpp (the Windows installer,
issue 25) and no CUDA backend, `gpus` are the Vulkan devices ggml lists (NVIDIA, AMD, Intel),
with the memory `ggml_backend_dev_memory` reports. `PROFILES` holds typical machines for
planning and tests.
"""
from __future__ import annotations

import ctypes
import os
import platform
from dataclasses import asdict, dataclass, field, replace

import psutil

GiB = 1 << 30
MiB = 1 << 20


def physical_cores() -> int:
    """Physical cores (llama.cpp decodes fastest with one thread per physical core)."""
    n = psutil.cpu_count(logical=False)
    if not n:
        n = os.cpu_count() or 1
    return max(1, n)


def logical_cores() -> int:
    return max(1, psutil.cpu_count(logical=True) or os.cpu_count() or 1)


def total_ram() -> int:
    return psutil.virtual_memory().total


# --------------------------------------------------------------------------- data
@dataclass
class GPU:
    """One GPU: an NVIDIA GPU as NVML reports it (backend "CUDA"), or a Vulkan device as
    llama.cpp's ggml lists it (backend "Vulkan", `device` its ggml name, "Vulkan0")."""
    index: int
    name: str                         # e.g. "NVIDIA GeForce RTX 3060"
    vram_total: int                   # bytes
    vram_free: int                    # bytes, now (other programs' use already taken out)
    driver_version: str | None = None         # e.g. "552.22"
    cuda_driver_version: str | None = None    # the newest CUDA the driver supports, e.g. "12.4"
    compute_capability: tuple[int, int] | None = None
    backend: str = "CUDA"             # the llama.cpp backend that runs on it: CUDA | Vulkan
    device: str | None = None         # ggml's device name ("Vulkan0"); None for NVML's list

    @property
    def short_name(self) -> str:
        """'RTX 3060' for 'NVIDIA GeForce RTX 3060'."""
        s = self.name
        for prefix in ("NVIDIA ", "GeForce "):
            if s.startswith(prefix):
                s = s[len(prefix):]
        return s or self.name


@dataclass
class BackendDevice:
    """A device llama.cpp's ggml registry knows (what a load can actually use)."""
    name: str                         # e.g. "CUDA0", "CPU"
    description: str
    kind: str                         # cpu | gpu | igpu | accel | unknown
    memory_free: int | None = None
    memory_total: int | None = None


@dataclass
class Hardware:
    physical_cores: int
    logical_cores: int
    ram_total: int
    ram_available: int
    os: str
    gpus: list[GPU] = field(default_factory=list)
    # why `gpus` is empty (or NVML's trouble): None when NVML answered
    nvml_error: str | None = None
    # ok | no_gpu (NVML works, no device) | no_driver (NVML library missing) |
    # driver_not_loaded | no_pynvml | error
    nvml_status: str = "ok"
    driver_version: str | None = None
    cuda_driver_version: str | None = None
    build_can_offload: bool = False   # llama_cpp.llama_supports_gpu_offload()
    llama_cpp_version: str | None = None
    backends: list[str] = field(default_factory=list)          # ggml backend registry, e.g. CPU, CUDA
    devices: list[BackendDevice] = field(default_factory=list)  # only with probe(devices=True)
    label: str = "this machine"       # a profile's name, or "this machine"
    # the llama.cpp build (ggml_backends.BuildState as a dict): CUDA module, runtime, init error
    build: dict = field(default_factory=dict)

    @property
    def gpu(self) -> GPU | None:
        """The GPU the planner uses: the one with the most free VRAM (llama.cpp spreads layers
        over all GPUs by default, so planning for one alone is conservative)."""
        return max(self.gpus, key=lambda g: g.vram_free) if self.gpus else None

    @property
    def can_offload(self) -> bool:
        return bool(self.gpus) and self.build_can_offload

    @property
    def vulkan_build(self) -> bool:
        """llama.cpp here has the Vulkan backend and not CUDA's: its GPUs are Vulkan devices."""
        return "Vulkan" in self.backends and not ("CUDA" in self.backends
                                                  or (self.build or {}).get("cuda_module"))

    @property
    def no_gpu_reason(self) -> str:
        """Why no GPU is listed, short: 'no NVIDIA driver installed'."""
        from .texts import tr
        if self.vulkan_build:
            return tr("Vulkan lists no GPU: no graphics driver with Vulkan, or only a "
                      "software device")
        return {"no_driver": tr("no NVIDIA driver installed"),
                "no_gpu": tr("the NVIDIA driver sees no GPU"),
                "driver_not_loaded": tr("the NVIDIA driver is not loaded"),
                "no_pynvml": tr("nvidia-ml-py is not installed"),
                }.get(self.nvml_status, self.nvml_error or tr("NVML lists none"))

    def as_dict(self) -> dict:
        d = asdict(self)
        for g in d["gpus"]:
            if g["compute_capability"] is not None:
                g["compute_capability"] = list(g["compute_capability"])
        return d


# -------------------------------------------------------------------------- probes
def _nvml(hw: Hardware) -> None:
    """Fill hw.gpus, driver and CUDA versions from NVML; on trouble, hw.nvml_status/nvml_error."""
    try:
        import pynvml
    except Exception as e:  # nvidia-ml-py is a dependency, but never fail over it
        hw.nvml_status, hw.nvml_error = "no_pynvml", f"nvidia-ml-py is not installed ({e})"
        return
    try:
        pynvml.nvmlInit()
    except Exception as e:
        if isinstance(e, getattr(pynvml, "NVMLError_LibraryNotFound", ())):
            hw.nvml_status = "no_driver"
            hw.nvml_error = ("the NVIDIA driver is not installed (NVML, the driver's management "
                             "library, was not found)")
        elif isinstance(e, getattr(pynvml, "NVMLError_DriverNotLoaded", ())):
            hw.nvml_status = "driver_not_loaded"
            hw.nvml_error = ("the NVIDIA driver is installed but not loaded (no NVIDIA GPU, or "
                             "the driver failed to start: try rebooting)")
        elif isinstance(e, getattr(pynvml, "NVMLError_NoPermission", ())):
            hw.nvml_status = "error"
            hw.nvml_error = "NVML refused access to the GPUs (no permission)"
        else:
            hw.nvml_status, hw.nvml_error = "error", f"NVML failed to start: {e}"
        return
    try:
        def text(v) -> str:
            return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)

        try:
            hw.driver_version = text(pynvml.nvmlSystemGetDriverVersion())
        except Exception:
            pass
        try:
            v = int(pynvml.nvmlSystemGetCudaDriverVersion())
            hw.cuda_driver_version = f"{v // 1000}.{(v % 1000) // 10}"
        except Exception:
            pass
        n = pynvml.nvmlDeviceGetCount()
        for i in range(n):
            try:
                h = pynvml.nvmlDeviceGetHandleByIndex(i)
                name = text(pynvml.nvmlDeviceGetName(h))
                mem = pynvml.nvmlDeviceGetMemoryInfo(h)
                cc: tuple[int, int] | None
                try:
                    major, minor = pynvml.nvmlDeviceGetCudaComputeCapability(h)
                    cc = (int(major), int(minor))
                except Exception:
                    cc = None
                hw.gpus.append(GPU(i, name, int(mem.total), int(mem.free), hw.driver_version,
                                   hw.cuda_driver_version, cc))
            except Exception as e:  # one unreadable GPU (e.g. lost): keep the others
                hw.nvml_error = f"GPU {i} could not be read: {e}"
        if n == 0:
            hw.nvml_status = "no_gpu"
            hw.nvml_error = (f"the NVIDIA driver{' ' + hw.driver_version if hw.driver_version else ''}"
                             " is installed but sees no GPU")
    except Exception as e:
        hw.nvml_status, hw.nvml_error = "error", f"NVML failed: {e}"
    finally:
        try:
            pynvml.nvmlShutdown()
        except Exception:
            pass


_DEV_KINDS = {0: "cpu", 1: "gpu", 2: "igpu", 3: "accel"}


class _GgmlFunctions:
    """ggml's functions by name: the registry's are in ggml (libggml.so, ggml.dll), the
    backend and device accessors in ggml-base. Linux finds both through libggml.so (dlsym
    searches its dependencies); Windows' GetProcAddress only a DLL's own exports, so ask
    ggml-base.dll for what ggml.dll lacks (found under Wine: the registry read as empty)."""

    def __init__(self):
        from llama_cpp._ggml import libggml
        self._libs = [libggml]
        self._base_tried = False

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        while True:
            for lib in self._libs:
                try:
                    fn = getattr(lib, name)
                except AttributeError:
                    continue
                setattr(self, name, fn)
                return fn
            if self._base_tried:   # only where ggml lacks it (Windows): one copy of ggml-base
                raise AttributeError(name)
            self._base_tried = True
            try:
                import llama_cpp._ctypes_extensions as ext
                from llama_cpp._ggml import libggml_base_path
                self._libs.append(ext.load_shared_library("ggml-base", libggml_base_path))
            except Exception:  # noqa: BLE001 - a build with ggml in one library
                pass


def ggml_registry(with_devices: bool) -> tuple[list[str], list[BackendDevice]]:
    """ggml's backend registry (CPU, CUDA, ...) and, optionally, its devices with free memory.

    Enumerating devices of a CUDA build creates a CUDA context (a few hundred MiB of VRAM,
    a fraction of a second): only `ember doctor` asks for them."""
    try:
        g = _GgmlFunctions()
        g.ggml_backend_reg_count.restype = ctypes.c_size_t
        g.ggml_backend_reg_count.argtypes = []
        g.ggml_backend_reg_get.restype = ctypes.c_void_p
        g.ggml_backend_reg_get.argtypes = [ctypes.c_size_t]
        g.ggml_backend_reg_name.restype = ctypes.c_char_p
        g.ggml_backend_reg_name.argtypes = [ctypes.c_void_p]
        regs = []
        for i in range(g.ggml_backend_reg_count()):
            name = g.ggml_backend_reg_name(g.ggml_backend_reg_get(i))
            regs.append(name.decode("utf-8", "replace") if name else "?")
        devices: list[BackendDevice] = []
        if with_devices:
            g.ggml_backend_dev_count.restype = ctypes.c_size_t
            g.ggml_backend_dev_count.argtypes = []
            g.ggml_backend_dev_get.restype = ctypes.c_void_p
            g.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
            for fn in (g.ggml_backend_dev_name, g.ggml_backend_dev_description):
                fn.restype = ctypes.c_char_p
                fn.argtypes = [ctypes.c_void_p]
            g.ggml_backend_dev_type.restype = ctypes.c_int
            g.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
            g.ggml_backend_dev_memory.restype = None
            g.ggml_backend_dev_memory.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t),
                                                  ctypes.POINTER(ctypes.c_size_t)]
            for i in range(g.ggml_backend_dev_count()):
                d = g.ggml_backend_dev_get(i)
                free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
                g.ggml_backend_dev_memory(d, ctypes.byref(free), ctypes.byref(total))
                devices.append(BackendDevice(
                    (g.ggml_backend_dev_name(d) or b"?").decode("utf-8", "replace"),
                    (g.ggml_backend_dev_description(d) or b"").decode("utf-8", "replace"),
                    _DEV_KINDS.get(g.ggml_backend_dev_type(d), "unknown"),
                    int(free.value) or None, int(total.value) or None))
        return regs, devices
    except Exception:
        return [], []


def vulkan_gpus(devices: list[BackendDevice]) -> list[GPU]:
    """The Vulkan devices among ggml's (name "Vulkan<i>", a GPU or an integrated one) as GPUs,
    with the memory ggml_backend_dev_memory reported (a discrete card: its VRAM; an integrated
    one or Mesa's software lavapipe: the heap Vulkan gives it)."""
    out: list[GPU] = []
    for d in devices:
        if d.name.startswith("Vulkan") and d.kind in ("gpu", "igpu"):
            total = int(d.memory_total or 0)
            out.append(GPU(len(out), d.description or d.name, total,
                           int(d.memory_free if d.memory_free is not None else total),
                           backend="Vulkan", device=d.name))
    return out


def _use_vulkan(hw: Hardware, gpus: list[GPU]) -> None:
    """A Vulkan build plans on its Vulkan devices (NVML's list, when there is one, only lends
    the driver version of the card of the same name)."""
    if not hw.vulkan_build:
        return
    nvml = {g.name: g for g in hw.gpus}
    for g in gpus:
        if g.name in nvml:
            g.driver_version = nvml[g.name].driver_version
    hw.gpus = gpus


# In a client of the engine process (the window, `ember chat`) llama.cpp is not imported: what
# its build can do comes from the engine (GET /health -> "build"). None: ask llama_cpp here.
_ENGINE_BUILD: dict | None = None


def released(hw: Hardware, loaded_plan) -> Hardware:
    """`hw` as it will be once the model loaded with `loaded_plan` is unloaded: its VRAM (on the
    GPU it was planned on) counts as free again. RAM is left as read: the weights are mapped
    from the file, and page cache already counts as available. A reload of the same model with a
    larger context plans with this, not with what is free while the model still holds its
    memory (the planner would otherwise see a 12 GB card as ~5 GB free and plan too small).
    `loaded_plan`: a Plan or the engine's plan (attributes device, gpu_name, vram_bytes); None
    returns `hw` unchanged."""
    if loaded_plan is None:
        return hw
    from dataclasses import replace
    vram = int(getattr(loaded_plan, "vram_bytes", 0) or 0)
    gpus = list(hw.gpus)
    if vram and getattr(loaded_plan, "device", None) == "gpu" and gpus:
        name = getattr(loaded_plan, "gpu_name", None)
        i = next((k for k, g in enumerate(gpus) if g.name == name),
                 max(range(len(gpus)), key=lambda k: gpus[k].vram_free))
        g = gpus[i]
        gpus[i] = replace(g, vram_free=min(g.vram_total, g.vram_free + vram))
    return replace(hw, gpus=gpus)


def use_engine_build(build: dict | None = None) -> None:
    """Declare this process a client: probe() will not import llama_cpp, and takes what the
    engine's build can do from `build` (updated when an engine answers)."""
    global _ENGINE_BUILD
    _ENGINE_BUILD = dict(build or {})


def probe(*, devices: bool = False) -> Hardware:
    """This machine. Never raises. devices=True also lists llama.cpp's ggml devices."""
    try:
        vm = psutil.virtual_memory()
        ram_total, ram_avail = int(vm.total), int(vm.available)
    except Exception:
        ram_total = ram_avail = 0
    hw = Hardware(physical_cores=physical_cores(), logical_cores=logical_cores(),
                  ram_total=ram_total, ram_available=ram_avail,
                  os=f"{platform.system()} {platform.release()} ({platform.machine()})")
    _nvml(hw)
    if _ENGINE_BUILD is not None:
        hw.llama_cpp_version = _ENGINE_BUILD.get("llama_cpp_version")
        hw.build_can_offload = bool(_ENGINE_BUILD.get("build_can_offload"))
        hw.backends = list(_ENGINE_BUILD.get("backends") or [])
        hw.build = dict(_ENGINE_BUILD.get("ggml") or {})
        _use_vulkan(hw, [GPU(**g) for g in _ENGINE_BUILD.get("vulkan_gpus") or []])
        return hw
    try:
        import llama_cpp

        from . import ggml_backends
        hw.build = ggml_backends.load().as_dict()   # before llama.cpp looks for backends
        hw.llama_cpp_version = getattr(llama_cpp, "__version__", None)
        hw.build_can_offload = bool(llama_cpp.llama_supports_gpu_offload())
    except Exception:
        hw.build_can_offload = False
    hw.backends, hw.devices = ggml_registry(devices)
    if hw.vulkan_build:   # a Vulkan build lists its devices anyway: no CUDA context to fear
        if not hw.devices:
            hw.devices = ggml_registry(True)[1]
        _use_vulkan(hw, vulkan_gpus(hw.devices))
    return hw


# ------------------------------------------------------------------------- profiles
def _profile(label: str, gpu: GPU | None) -> Hardware:
    """A typical desktop: 8 physical / 16 logical cores, 32 GiB of RAM with 24 GiB available,
    a CUDA build of llama-cpp-python where there is a GPU. A GPU's free VRAM is its total less
    512 MiB for the desktop (compositor, browser)."""
    return Hardware(
        physical_cores=8, logical_cores=16, ram_total=32 * GiB, ram_available=24 * GiB,
        os="profile", gpus=[gpu] if gpu else [],
        nvml_error=None if gpu else "no NVIDIA GPU in this profile",
        nvml_status="ok" if gpu else "no_driver",
        driver_version=gpu.driver_version if gpu else None,
        cuda_driver_version=gpu.cuda_driver_version if gpu else None,
        build_can_offload=gpu is not None, llama_cpp_version=None,
        backends=["CUDA", "CPU"] if gpu else ["CPU"], label=label)


def _gpu(name: str, total: int, cc: tuple[int, int]) -> GPU:
    return GPU(0, name, total, total - 512 * MiB, "560.94", "12.6", cc)


PROFILES: dict[str, Hardware] = {
    "rtx3060-12gb": _profile("rtx3060-12gb", _gpu("NVIDIA GeForce RTX 3060", 12 * GiB, (8, 6))),
    "rtx4090-24gb": _profile("rtx4090-24gb", _gpu("NVIDIA GeForce RTX 4090", 24 * GiB, (8, 9))),
    "8gb": _profile("8gb", _gpu("NVIDIA GeForce RTX 4060", 8 * GiB, (8, 9))),
    "cpu-only": _profile("cpu-only", None),
}


def profile(name: str) -> Hardware:
    """A copy of a profile (safe to modify)."""
    hw = PROFILES[name]
    return replace(hw, gpus=[replace(g) for g in hw.gpus], backends=list(hw.backends))
