#!/usr/bin/env bash
# Ember's GPU check, for a machine with an NVIDIA GPU, CUDA's nvcc, CMake, ninja, Python 3.12 with
# numpy/jinja2/psutil/nvidia-ml-py/huggingface-hub, and no network (the device machine: one H200,
# nvcc 13.0, 16 cores). Time budget: under 10 minutes in all (measured parts print their seconds):
#   ~3-4 min  llama.cpp with CUDA for this GPU's architecture, and llama-bench, from the carried
#             trimmed sdist (the very sources of the pinned llama-cpp-python)
#   ~2 min    the Qwen2.5-7B shape clone (tests/bench/synth_qwen7b.py: f16 written, q4_K_M made)
#   ~2-3 min  tests/bench/gpu_report.py: Ember vs llama-bench decode and prefill, TTFT at 512 / 8K
#             / 32K, NVML's VRAM peak vs the planner, 128K YaRN with a q8_0 KV cache
#   ~1 min    tests/bench/bench_speculative.py: k-token verify cost and the drafts' ceiling
#   ~20 s     `ember chat` through a real engine process (`ember serve`) on the GPU: the headless
#             stand-in for `ember --self-test`, whose Qt (PySide6, ~100 MB) cannot be carried
# Prepare here first: tests/bench/prepare_gpu_check.sh (fills .gpu/ and .whl/, git-ignored).
# Run there: carry [".gpu", ".whl"], command "tests/bench/gpu_check.sh", timeout_s 600.
# Everything printed also lands in $OUT/gpu-check.log (OUT: the device tool's folder).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="${OUT:-/tmp/ember-gpu-out}"
mkdir -p "$OUT"
exec > >(tee "$OUT/gpu-check.log") 2>&1
T0=$(date +%s)
say() { echo "[$(( $(date +%s) - T0 )) s] $*"; }
JOBS="$(nproc)"
PY="${PYTHON:-python3}"
export PYTHONUNBUFFERED=1

say "GPU: $(nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader 2>&1)"
CC="$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d '.')"
ARCH="${EMBER_CUDA_ARCH:-${CC:-90}}"

# 1. Python packages (carried wheels) into /tmp/site
"$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .whl/*.whl || { say "wheels failed"; exit 1; }
export PYTHONPATH="/tmp/site:$ROOT"

# 2. llama.cpp with CUDA + llama-bench from the trimmed sdist; llama_cpp's Python package from
#    the same sdist, pointed at these libraries (LLAMA_CPP_LIB_PATH)
say "building llama.cpp (CUDA, sm_$ARCH) and llama-bench with $JOBS jobs"
rm -rf /tmp/lsrc && mkdir -p /tmp/lsrc && tar xJf .gpu/llama-src.tar.xz -C /tmp/lsrc
SRC="$(ls -d /tmp/lsrc/llama_cpp_python-*)"
cmake -S "$SRC/vendor/llama.cpp" -B /tmp/lbuild -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="$ARCH" -DBUILD_SHARED_LIBS=ON -DGGML_NATIVE=ON \
    -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF \
    -DLLAMA_BUILD_TOOLS=ON > "$OUT/cmake.log" 2>&1 || { tail -30 "$OUT/cmake.log"; exit 1; }
cmake --build /tmp/lbuild -j "$JOBS" --target llama llama-bench > "$OUT/build.log" 2>&1 \
    || { tail -40 "$OUT/build.log"; exit 1; }
export LLAMA_CPP_LIB_PATH=/tmp/lbuild/bin
export PYTHONPATH="/tmp/site:$SRC:$ROOT"
say "built: $(ls /tmp/lbuild/bin | tr '\n' ' ')"
"$PY" -c "import llama_cpp; print('llama_cpp', llama_cpp.__version__, 'offload:', llama_cpp.llama_supports_gpu_offload())"

# 3. the 7B shape clone
say "making the Qwen2.5-7B shape clone"
"$PY" tests/bench/synth_qwen7b.py --out /tmp/q7 --threads "$JOBS" 2>&1 | grep -v "^\[" | tail -3
MODEL="$(ls /tmp/q7/*q4_k_m.gguf)"

# 4. the figures
say "gpu_report.py"
"$PY" tests/bench/gpu_report.py "$MODEL" --llama-bench /tmp/lbuild/bin/llama-bench \
    2> "$OUT/report-stderr.log" || { say "gpu_report failed"; tail -30 "$OUT/report-stderr.log"; }

# 4b. speculative decoding on the GPU (issue 14): the batch-cost curve (is a k-token verify
#     about one decode here?) and the verify loop's ceiling with every draft right (the 7B
#     shapes' random weights make their own drafts meaningless: --oracle); ~1 min
say "bench_speculative.py (7B shapes, oracle drafts)"
timeout 150 "$PY" tests/bench/bench_speculative.py --model "$MODEL" --chat --oracle \
    --repack off --kv-type q8_0 --tokens 64 --reps 2 --tasks edit --n-max 3,6,12 2>&1 \
    | grep -v "^llama\|^load" | tail -12

# 5. the engine process and a client, as a user runs them (headless self-test)
say "ember chat through ember serve"
export EMBER_HOME=/tmp/ember-home
timeout 120 "$PY" -m desktop chat --model "$MODEL" --max-tokens 16 --temperature 0 \
    -p "def fibonacci(n):" < /dev/null 2>&1 | tail -6
"$PY" -m desktop doctor 2>&1 | tail -14
say "done"
