#!/usr/bin/env bash
# Build llama-cpp-python (the pinned version) with llama.cpp's CUDA backend, on a machine with
# no GPU, from package-registry parts only:
#
#     installers/linux/build-cuda.sh            # -> dist/cuda/llama_cpp_python-<v>-cp312-*.whl
#
# The CUDA toolkit comes from PyPI's CUDA 13.0 wheels (nvidia-cuda-nvcc ships a complete nvcc;
# nvidia-cuda-runtime, nvidia-cublas and nvidia-cuda-cccl give headers and libraries) in a venv of
# its own (build/cuda-toolkit). CUDA 13.0, not the newest 13.x: its PTX is what an r580 driver
# (the first with CUDA 13) can compile, so the PTX for newer GPUs runs on every driver >= 580.
#
# What is built (one package for every PC, as llama.cpp's own releases do):
#   GGML_BACKEND_DL=ON        every backend is a module loaded at run time (libggml-cuda.so,
#                             libggml-cpu-<variant>.so); Ember loads them from llama_cpp/lib
#   GGML_CPU_ALL_VARIANTS=ON  CPU modules for x86-64 levels (sse4.2 ... avx512, amx): the best
#                             one for the user's CPU is picked at run time (GGML_NATIVE must be off)
#   GGML_CUDA=ON, CMAKE_CUDA_ARCHITECTURES="86-real;89"
#                             machine code for sm_86 (RTX 30xx) and sm_89 (RTX 40xx), and sm_89
#                             PTX that newer GPUs (sm_90 and later) compile when first loaded
#   GGML_CUDA_NO_VMM=ON       libggml-cuda.so links only libcudart/libcublas (shipped), not the
#                             driver's libcuda: it loads on a PC without the NVIDIA driver, fails
#                             to initialise there, and llama.cpp goes on with the CPU module
# Users need the NVIDIA driver >= 580 (CUDA 13.0) and a GPU of compute capability >= 7.5.
#
# Slow: well over an hour on 2 cores (installers/README.md has the figures): not part of CI.
# EMBER_SLOW=1 tests use its result when it is there.
# Knobs: EMBER_CUDA_ARCHS (default "86-real;89"), EMBER_BUILD_JOBS (default: all cores),
#        EMBER_CUDA_TOOLKIT (default build/cuda-toolkit), EMBER_LLAMA_SDIST (a downloaded sdist
#        of the pinned version instead of fetching it from PyPI).
#
# With --venv (build/venv-cuda), it also makes the venv the CUDA .deb is frozen from: Ember with
# its build extra, this wheel, and the CUDA runtime wheels whose libraries the PyInstaller hook
# bundles. Then:  EMBER_VENV=build/venv-cuda installers/linux/build-deb.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
say() { printf 'build-cuda: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

PY="${EMBER_PYTHON:-python3}"
"$PY" -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null || die "$PY is not Python >= 3.12"
LLAMA_VERSION="$(sed -n 's/.*"llama-cpp-python==\([0-9.]*\)".*/\1/p' pyproject.toml | head -1)"
[ -n "$LLAMA_VERSION" ] || die "pyproject.toml pins no llama-cpp-python==X"
ARCHS="${EMBER_CUDA_ARCHS:-86-real;89}"
JOBS="${EMBER_BUILD_JOBS:-$(nproc)}"
TK="${EMBER_CUDA_TOOLKIT:-$ROOT/build/cuda-toolkit}"
OUT="$ROOT/dist/cuda"
# CUDA 13.0 from PyPI: each part pinned to the 13.0 release
CUDA_WHEELS=(nvidia-cuda-nvcc==13.0.88 nvidia-cuda-crt==13.0.88 nvidia-nvvm==13.0.88
             nvidia-cuda-runtime==13.0.96 nvidia-cublas==13.0.2.14 nvidia-cuda-cccl==13.0.85)
RUNTIME_WHEELS=(nvidia-cuda-runtime==13.0.96 nvidia-cublas==13.0.2.14)

# 1. the toolkit
if [ ! -x "$TK/bin/python" ]; then
    say "installing the CUDA 13.0 toolkit from PyPI into $TK (~1.1 GB)"
    "$PY" -m venv "$TK"
fi
"$TK/bin/pip" install -q "${CUDA_WHEELS[@]}" cmake ninja
CU="$("$TK/bin/python" -c 'import nvidia, os; print(os.path.join(list(nvidia.__path__)[0], "cu13"))')"
[ -x "$CU/bin/nvcc" ] || die "no nvcc in $CU/bin"
"$CU/bin/nvcc" --version | grep -q "release 13.0" || die "$CU/bin/nvcc is not CUDA 13.0"
# CMake's FindCUDAToolkit links the unversioned names; the wheels carry only .so.13
# nvcc links its compiler-check program from lib64; the wheels put libraries in lib
[ -e "$CU/lib64" ] || ln -s lib "$CU/lib64"
for lib in cudart cublas cublasLt; do
    [ -e "$CU/lib/lib$lib.so" ] || ln -s "lib$lib.so.13" "$CU/lib/lib$lib.so"
done

# 2. the wheel
say "building llama-cpp-python $LLAMA_VERSION with CUDA ($ARCHS) and the CPU variants, $JOBS jobs"
mkdir -p "$OUT" "$ROOT/build"
rm -f "$OUT"/llama_cpp_python-*.whl
LOG="$ROOT/build/cuda-build.log"
export PATH="$CU/bin:$TK/bin:$PATH"
export CUDACXX="$CU/bin/nvcc" CUDA_PATH="$CU" CMAKE_BUILD_PARALLEL_LEVEL="$JOBS"
export CMAKE_ARGS="-DGGML_CUDA=ON -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DGGML_NATIVE=OFF \
-DGGML_CUDA_NO_VMM=ON -DBUILD_SHARED_LIBS=ON -DCMAKE_CUDA_ARCHITECTURES=$ARCHS \
-DCUDAToolkit_ROOT=$CU -DCMAKE_CUDA_COMPILER=$CU/bin/nvcc -DLLAMA_BUILD_TESTS=OFF \
-DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF \
-DCMAKE_INSTALL_BINDIR=llama_cpp/lib -DCMAKE_INSTALL_LIBDIR=llama_cpp/lib \
-DCMAKE_INSTALL_INCLUDEDIR=llama_cpp/include -DCMAKE_INSTALL_RPATH=\$ORIGIN"
# ggml installs its backend modules into CMAKE_INSTALL_BINDIR, which llama-cpp-python's own
# install rules do not cover: pointed at llama_cpp/lib, they land beside libllama.so, where Ember
# loads them from. RPATH $ORIGIN: libggml-cuda.so finds the CUDA runtime bundled beside it.
# The source is unpacked once into build/llama-cpp-python-<v> and CMake builds in
# build/cuda-cmake: both outlive a run, so a build that was stopped (the CUDA objects take over an
# hour on 2 cores) goes on where it stopped when the script is run again.
SRC="$ROOT/build/llama-cpp-python-$LLAMA_VERSION"
if [ ! -f "$SRC/pyproject.toml" ]; then
    SDIST="${EMBER_LLAMA_SDIST:-}"
    if [ -z "$SDIST" ]; then
        "$PY" -m pip download -q --no-deps --no-binary llama-cpp-python -d "$ROOT/build/sdist" \
            "llama-cpp-python==$LLAMA_VERSION" || die "could not download the llama-cpp-python sdist"
        SDIST="$(ls "$ROOT/build/sdist"/llama_cpp_python-"$LLAMA_VERSION".tar.gz)"
    fi
    rm -rf "$SRC.part" && mkdir -p "$SRC.part"
    tar -xf "$SDIST" -C "$SRC.part" --strip-components=1 || die "cannot unpack $SDIST"
    mv "$SRC.part" "$SRC"
fi
START=$(date +%s)
if ! "$PY" -m pip wheel --no-deps --no-cache-dir -w "$OUT" \
        --config-settings=build-dir="$ROOT/build/cuda-cmake" "$SRC" > "$LOG" 2>&1; then
    tail -n 40 "$LOG" >&2
    die "the build failed (full log: $LOG)"
fi
WHEEL="$(ls "$OUT"/llama_cpp_python-*.whl)"
say "built $WHEEL in $(( ($(date +%s) - START) / 60 )) minutes"
"$PY" - "$WHEEL" <<'EOF' || die "the wheel lacks a CUDA or CPU backend module"
import sys, zipfile
names = [n.rsplit("/", 1)[-1] for n in zipfile.ZipFile(sys.argv[1]).namelist()]
cuda = [n for n in names if n.startswith("libggml-cuda")]
cpu = sorted(n for n in names if n.startswith("libggml-cpu-"))
print("build-cuda: backend modules:", ", ".join(cuda + cpu), file=sys.stderr)
sys.exit(0 if cuda and cpu else 1)
EOF

# 3. optionally, the venv the CUDA .deb is frozen from
if [ "${1:-}" = "--venv" ]; then
    V="$ROOT/build/venv-cuda"
    say "making $V (Ember + this wheel + the CUDA runtime wheels)"
    "$PY" -m venv "$V"
    "$V/bin/pip" install -q -e ".[build]"
    "$V/bin/pip" install -q --force-reinstall --no-deps "$WHEEL"
    "$V/bin/pip" install -q "${RUNTIME_WHEELS[@]}"
    say "now: EMBER_VENV=$V installers/linux/build-deb.sh"
fi
