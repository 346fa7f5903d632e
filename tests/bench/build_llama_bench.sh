#!/usr/bin/env bash
# Builds native llama.cpp `llama-bench` from the very sources llama-cpp-python was built from
# (its PyPI sdist vendors llama.cpp), with the same CMake defaults, so the two compare fairly.
# Usage: tests/bench/build_llama_bench.sh [OUTDIR]   then   LLAMA_BENCH=OUTDIR/bin/llama-bench
set -euo pipefail
out=${1:-${TMPDIR:-/tmp}/ember-llama-bench}
py=${PYTHON:-python3}
ver=$("$py" -c 'import llama_cpp; print(llama_cpp.__version__)')
mkdir -p "$out/src"
if [ ! -d "$out/src/llama_cpp_python-$ver" ]; then
  "$py" -m pip download --no-deps --no-binary :all: "llama-cpp-python==$ver" -d "$out/src"
  tar -xzf "$out/src/llama_cpp_python-$ver.tar.gz" -C "$out/src"
fi
cmake -S "$out/src/llama_cpp_python-$ver/vendor/llama.cpp" -B "$out/build" \
  -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DLLAMA_CURL=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF ${CMAKE_ARGS:-}
cmake --build "$out/build" --target llama-bench -j "$(nproc)"
mkdir -p "$out/bin"
ln -sf "$out/build/bin/llama-bench" "$out/bin/llama-bench"
echo "built: $out/bin/llama-bench"
