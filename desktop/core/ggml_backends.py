"""llama.cpp's backend modules: which build this is, and loading its modules (Qt-free).

Ember's CUDA build (installers/linux/build-cuda.sh), like llama.cpp's own releases, is built with
GGML_BACKEND_DL: each backend is a module loaded at run time, `libggml-cuda.so` and one
`libggml-cpu-<variant>.so` per x86-64 level. ggml looks for them beside the executable and in the
current folder: for Python that is /usr/bin, for the frozen Ember its top folder; never beside
libggml.so. So `load()` registers them from llama_cpp/lib (ggml picks the best CPU variant for this
CPU) before anything asks llama.cpp for a backend. The CPU-only wheel CI builds links its CPU
backend in: it has no module files and `load()` has nothing to do.

libggml-cuda.so needs the CUDA runtime (libcudart, libcublas, libcublasLt). The frozen Ember and
the .deb carry them beside it (RPATH $ORIGIN); in a venv they come from PyPI's
nvidia-cuda-runtime / nvidia-cublas wheels, which `load()` preloads. The NVIDIA driver (libcuda)
is never shipped: without it, or with one older than the runtime, the CUDA module fails to
initialise ("ggml_cuda_init: failed to initialize CUDA: ...") and llama.cpp runs on the CPU.

    state()  -> BuildState: dynamic?, CUDA module?, CUDA runtime version, the init failure
"""
from __future__ import annotations

import ctypes
import glob
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The oldest NVIDIA driver each CUDA major version runs on (NVIDIA's CUDA release notes, table 3:
# "minimum required driver version for CUDA minor version compatibility").
MIN_DRIVER = {12: {"Linux": "525.60.13", "Windows": "528.33"},
              13: {"Linux": "580.65.06", "Windows": "580.88"}}

_MOD_PREFIX = "ggml-" if sys.platform == "win32" else "libggml-"
_MOD_SUFFIX = ".dll" if sys.platform == "win32" else ".so"
_CUDA_LIBS = ("cudart", "cublasLt", "cublas")


@dataclass
class BuildState:
    dynamic: bool = False                 # backends are modules (GGML_BACKEND_DL)
    modules: list[str] = field(default_factory=list)   # module file names found
    cuda_module: bool = False             # a CUDA backend was built (module, or linked in)
    vulkan_module: bool = False           # libggml-vulkan (build-vulkan.sh / the Windows build)
    cuda_runtime: str | None = None       # the CUDA runtime it runs on, "13.0"
    cuda_runtime_from: str | None = None  # where that runtime was found
    cuda_init_error: str | None = None    # llama.cpp's line when CUDA failed to initialise
    loaded: bool = False
    error: str | None = None              # loading the modules failed (why)

    @property
    def cuda_major(self) -> int | None:
        try:
            return int((self.cuda_runtime or "").split(".")[0])
        except ValueError:
            return None

    def min_driver(self, os_name: str | None = None) -> str | None:
        """The oldest NVIDIA driver this build's CUDA runtime runs on, e.g. '580.65.06'."""
        import platform
        req = MIN_DRIVER.get(self.cuda_major or -1)
        return req.get(os_name or platform.system(), req.get("Linux")) if req else None

    def as_dict(self) -> dict:
        from dataclasses import asdict
        return asdict(self)


_STATE: BuildState | None = None


def lib_dir() -> Path | None:
    """Where llama-cpp-python loads libllama from: LLAMA_CPP_LIB_PATH (its override), else
    llama_cpp/lib (frozen or not)."""
    if os.environ.get("LLAMA_CPP_LIB_PATH"):
        return Path(os.environ["LLAMA_CPP_LIB_PATH"])
    try:
        import llama_cpp
    except Exception:  # noqa: BLE001 - no llama.cpp here: nothing to load
        return None
    return Path(os.path.abspath(os.path.dirname(llama_cpp.__file__))) / "lib"


def _modules(d: Path | None) -> list[Path]:
    """ggml's backend libraries in `d` (libggml-cpu*.so, libggml-cuda.so, ...; not -base)."""
    if d is None or not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if p.name.startswith(_MOD_PREFIX)
                  and _MOD_SUFFIX in p.name and not p.name.startswith(f"{_MOD_PREFIX}base"))


def _wheel_cuda_dirs() -> list[Path]:
    """PyPI's CUDA runtime wheels (nvidia/cu13/lib, nvidia/cuda_runtime/lib for CUDA 12)."""
    out = []
    for base in sys.path:
        for pattern in ("nvidia/cu1*/lib", "nvidia/cu1*/bin", "nvidia/cuda_runtime/lib",
                        "nvidia/cublas/lib"):
            out += [Path(p) for p in glob.glob(os.path.join(base, pattern))]
    return out


def _find_cuda_lib(name: str, dirs: list[Path]) -> Path | None:
    for d in dirs:
        hits = sorted(d.glob(f"lib{name}.so.*") if sys.platform != "win32"
                      else d.glob(f"{name}64_*.dll"))
        hits = [h for h in hits if "static" not in h.name]
        if hits:
            return hits[0]
    return None


def _runtime_version(cudart: Path) -> str | None:
    """cudaRuntimeGetVersion: answers without a driver (13000 -> '13.0')."""
    try:
        lib = ctypes.CDLL(str(cudart), mode=getattr(ctypes, "RTLD_GLOBAL", 0))
        v = ctypes.c_int(0)
        if lib.cudaRuntimeGetVersion(ctypes.byref(v)) != 0 or v.value <= 0:
            return None
        return f"{v.value // 1000}.{v.value % 1000 // 10}"
    except (OSError, AttributeError):
        return None


def _cuda_runtime(d: Path) -> tuple[str | None, str | None]:
    """(version, folder) of the CUDA runtime the CUDA module will use, preloading it (with
    cuBLAS) when it comes from the nvidia wheels rather than from beside the module."""
    dirs = [d] + _wheel_cuda_dirs()
    cudart = _find_cuda_lib("cudart", dirs)
    if cudart is None:
        return None, None
    if cudart.parent != d:  # not found through RPATH $ORIGIN: load it (and cuBLAS) first
        for name in _CUDA_LIBS[1:]:
            lib = _find_cuda_lib(name, dirs)
            if lib is not None:
                try:
                    ctypes.CDLL(str(lib), mode=getattr(ctypes, "RTLD_GLOBAL", 0))
                except OSError:
                    pass
    return _runtime_version(cudart), str(cudart.parent)


def load() -> BuildState:
    """Register the backend modules of a GGML_BACKEND_DL build (once; never raises)."""
    global _STATE
    if _STATE is not None:
        return _STATE
    st = BuildState()
    d = lib_dir()
    mods = _modules(d)
    st.modules = [m.name for m in mods]
    # a build with the backends linked in has libggml-cpu.so (and libggml-cuda.so) too, but
    # registers them by itself; a GGML_BACKEND_DL build has CPU variants and no registry yet
    st.dynamic = any(m.name.startswith(f"{_MOD_PREFIX}cpu-") for m in mods)
    st.cuda_module = any(m.name.startswith(f"{_MOD_PREFIX}cuda") for m in mods)
    vulkan = [m for m in mods if m.name.startswith(f"{_MOD_PREFIX}vulkan")]
    st.vulkan_module = bool(vulkan)
    if d is not None and st.cuda_module:
        st.cuda_runtime, st.cuda_runtime_from = _cuda_runtime(d)
    if st.dynamic and d is not None:
        try:
            from llama_cpp._ggml import libggml as g
            # pip does not keep symlinks: a wheel's libggml.so (what llama_cpp._ggml opens) and
            # libggml.so.0 (the SONAME libllama links) are two files, so two copies of ggml
            # with two backend registries live in the process. Found with the CUDA build:
            # backends registered in the first only, and llama.cpp said "no backends are
            # loaded". Register them in every copy there is.
            libs = [g]
            soname = d / "libggml.so.0"
            if soname.is_file() and not _same_file(soname, Path(getattr(g, "_name", "") or "")):
                libs.append(ctypes.CDLL(str(soname), mode=getattr(ctypes, "RTLD_GLOBAL", 0)))
            counts = []
            for lib in libs:
                lib.ggml_backend_reg_count.restype = ctypes.c_size_t
                lib.ggml_backend_reg_count.argtypes = []
                lib.ggml_backend_load_all_from_path.restype = None
                lib.ggml_backend_load_all_from_path.argtypes = [ctypes.c_char_p]
                if lib.ggml_backend_reg_count() == 0:
                    lib.ggml_backend_load_all_from_path(os.fsencode(d))
                counts.append(lib.ggml_backend_reg_count())
            st.loaded = all(n > 0 for n in counts)
            if not st.loaded:
                st.error = f"no backend module in {d} could be loaded"
        except Exception as e:  # noqa: BLE001 - reported, never raised
            st.error = f"{type(e).__name__}: {e}"
    elif vulkan and d is not None:
        # a build with the CPU backend linked in (pip's, the CPU .deb's) and the Vulkan module
        # of build-vulkan.sh beside it: ggml does not look for modules then, so register it
        # (in both copies of libggml, as above). Without a Vulkan loader it does not load,
        # and llama.cpp runs on the CPU.
        try:
            from llama_cpp._ggml import libggml as g
            libs = [g]
            soname = d / "libggml.so.0"
            if soname.is_file() and not _same_file(soname, Path(getattr(g, "_name", "") or "")):
                libs.append(ctypes.CDLL(str(soname), mode=getattr(ctypes, "RTLD_GLOBAL", 0)))
            for lib in libs:
                lib.ggml_backend_load.restype = ctypes.c_void_p
                lib.ggml_backend_load.argtypes = [ctypes.c_char_p]
                if not lib.ggml_backend_load(os.fsencode(vulkan[0])):
                    st.error = f"{vulkan[0].name} could not be loaded (no Vulkan loader?)"
                    break
            st.loaded = st.error is None
        except Exception as e:  # noqa: BLE001 - reported, never raised
            st.error = f"{type(e).__name__}: {e}"
    _STATE = st
    return st


def note_log(lines: list[str]) -> None:
    """Keep llama.cpp's line saying why CUDA failed to initialise (from the log of load())."""
    st = load()
    for line in lines:
        if "ggml_cuda_init" in line and ("fail" in line.lower() or "error" in line.lower()):
            st.cuda_init_error = line.strip()
            break


def state() -> BuildState:
    return load()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
