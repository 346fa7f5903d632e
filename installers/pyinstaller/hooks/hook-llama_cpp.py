"""PyInstaller hook for llama-cpp-python: its native libraries (and, on Windows, their DLLs).

PyInstaller finds no import of llama_cpp/lib/*: llama_cpp loads libllama/libggml with ctypes from
the folder beside its own __file__ at run time, so they must be collected explicitly, into the
same llama_cpp/lib folder (DESIGN.md, section 4).

Windows: llama_cpp adds llama_cpp/lib to the DLL search path before it loads llama.dll, so the
DLLs llama.dll and ggml*.dll import are put there too:
  - the CUDA runtime (cudart64_*.dll, cublas64_*.dll, cublasLt64_*.dll) when the build is a CUDA
    build (a ggml-cuda.dll is present); found in EMBER_CUDA_BIN, else %CUDA_PATH%\\bin (and
    bin\\x64, CUDA 13's layout). A CUDA build without them fails here, not on the user's PC.
  - the Visual C++ runtime (vcomp140.dll: OpenMP, which ggml-cpu uses; msvcp140*.dll,
    vcruntime140*.dll), from the redistributable folder of the Visual Studio that built it
    (%VCToolsRedistDir%, set by vcvars) or else from System32. A mingw-w64 build (libgomp-1.dll
    in llama_cpp/lib: installers/windows/build-on-linux.sh) carries its own runtime there.
Linux: a CUDA build (libggml-cuda.so, from installers/linux/build-cuda.sh) gets the CUDA runtime it
links (libcudart.so.13, libcublas.so.13, libcublasLt.so.13) beside it, from EMBER_CUDA_LIB or else
PyPI's nvidia-cuda-runtime / nvidia-cublas wheels in the venv (nvidia/cu13/lib); libggml-cuda.so
finds them through its RPATH $ORIGIN. The driver's libcuda is never bundled.
The spec (ember.spec) drops the second copies PyInstaller's own dependency scan makes of these.
"""
import glob
import os
import sys
from pathlib import Path

from PyInstaller.utils.hooks import get_package_paths, logger

DEST = os.path.join("llama_cpp", "lib")
CUDA_DLLS = ("cudart64_*.dll", "cublas64_*.dll", "cublasLt64_*.dll")
VC_DLLS = ("vcomp140.dll", "msvcp140.dll", "msvcp140_1.dll", "msvcp140_2.dll",
           "vcruntime140.dll", "vcruntime140_1.dll")

_, _pkg_dir = get_package_paths("llama_cpp")
_lib_dir = Path(_pkg_dir) / "lib"
if not _lib_dir.is_dir():
    raise SystemExit(f"hook-llama_cpp: {_lib_dir} does not exist: is llama-cpp-python built?")

# every native file, versioned sonames included (libllama.so -> libllama.so.0 -> ...so.0.5.0):
# collect_dynamic_libs('llama_cpp') matches only lib*.so, *.dll and *.dylib names
binaries = []
for f in sorted(_lib_dir.iterdir()):
    name = f.name
    if f.is_file() and (name.endswith((".dll", ".dylib")) or ".so" in name):
        binaries.append((str(f), DEST))
if not any("llama" in Path(src).name for src, _ in binaries):
    raise SystemExit(f"hook-llama_cpp: no llama library in {_lib_dir}")


def _find(patterns, folders):
    found, missing = [], []
    for pattern in patterns:
        hits = []
        for d in folders:
            if d and os.path.isdir(d):
                hits = sorted(glob.glob(os.path.join(d, pattern)))
                if hits:
                    break
        (found if hits else missing).append(hits[-1] if hits else pattern)
    return found, missing


if sys.platform.startswith("linux") and any(_lib_dir.glob("libggml-cuda*.so*")):
    try:
        import nvidia  # noqa: E402  (PyPI's CUDA wheels: a namespace package)
        bases = list(getattr(nvidia, "__path__", []))
    except ImportError:
        bases = []
    folders = [os.environ.get("EMBER_CUDA_LIB", "")]
    for base in bases:
        folders += sorted(glob.glob(os.path.join(base, "cu1*", "lib")), reverse=True)
    found, missing = _find(("libcudart.so.1*", "libcublas.so.1*", "libcublasLt.so.1*"), folders)
    if missing:
        raise SystemExit(f"hook-llama_cpp: a CUDA build of llama.cpp, but {missing} are not in "
                         f"{[d for d in folders if d]}: pip install nvidia-cuda-runtime "
                         "nvidia-cublas, or set EMBER_CUDA_LIB")
    binaries += [(f, DEST) for f in found]
    logger.info("hook-llama_cpp: bundling the CUDA runtime %s", [os.path.basename(f) for f in found])

if sys.platform == "win32":
    if any(_lib_dir.glob("ggml-cuda*.dll")):
        cuda = os.environ.get("CUDA_PATH", "")
        folders = [os.environ.get("EMBER_CUDA_BIN", ""), os.path.join(cuda, "bin"),
                   os.path.join(cuda, "bin", "x64")]
        found, missing = _find(CUDA_DLLS, folders)
        if missing:
            raise SystemExit(f"hook-llama_cpp: a CUDA build of llama.dll, but {missing} are not in "
                             f"{[d for d in folders if d]}: set CUDA_PATH or EMBER_CUDA_BIN")
        binaries += [(f, DEST) for f in found]
        logger.info("hook-llama_cpp: bundling the CUDA runtime %s", [os.path.basename(f) for f in found])
    if any(_lib_dir.glob("libgomp-1.dll")):
        # a mingw-w64 build (installers/windows/build-on-linux.sh): its runtime (libstdc++,
        # libgcc, winpthreads, libgomp for OpenMP) lies in llama_cpp/lib already, collected above
        logger.info("hook-llama_cpp: a mingw-w64 build; its runtime DLLs come from %s", _lib_dir)
        VC_DLLS = ()
    redist = os.environ.get("VCToolsRedistDir", "")
    folders = sorted(glob.glob(os.path.join(redist, "x64", "Microsoft.VC14*.CRT"))) + \
        sorted(glob.glob(os.path.join(redist, "x64", "Microsoft.VC14*.OpenMP"))) + \
        [os.path.join(os.environ.get("SystemRoot", r"C:\Windows"), "System32")]
    found = []
    for name in VC_DLLS:
        hit, _missing = _find([name], folders)
        found += hit
    if VC_DLLS and not any(os.path.basename(f).lower() == "vcomp140.dll" for f in found):
        raise SystemExit("hook-llama_cpp: vcomp140.dll (the VC++ OpenMP runtime ggml needs) was "
                         "not found: run from a Visual Studio developer prompt")
    binaries += [(f, DEST) for f in found]
