#!/usr/bin/env bash
# Builds native llama.cpp `llama-bench` (and, with TARGETS, `llama-server`) from the very sources
# llama-cpp-python was built from (its PyPI sdist vendors llama.cpp), with the same CMake
# defaults, so the two compare fairly.
# Usage: tests/bench/build_llama_bench.sh [OUTDIR]   then   LLAMA_BENCH=OUTDIR/bin/llama-bench
#        TARGETS="llama-bench llama-server" tests/bench/build_llama_bench.sh [OUTDIR]
#        (tests/bench/bench_peers.py runs OUTDIR/bin/llama-server)
set -euo pipefail
out=${1:-${TMPDIR:-/tmp}/ember-llama-bench}
py=${PYTHON:-python3}
targets=${TARGETS:-llama-bench}
ver=$("$py" -c 'import llama_cpp; print(llama_cpp.__version__)')
mkdir -p "$out/src"
if [ ! -d "$out/src/llama_cpp_python-$ver" ]; then
  "$py" -m pip download --no-deps --no-binary :all: "llama-cpp-python==$ver" -d "$out/src"
  tar -xzf "$out/src/llama_cpp_python-$ver.tar.gz" -C "$out/src"
fi
# GGML_NATIVE compiles for this CPU: a build dir made on another CPU (these machines differ)
# would die with "Illegal instruction", so it is made again when the CPU's flags differ
cpu=$( (grep -m1 '^model name' /proc/cpuinfo; grep -m1 '^flags' /proc/cpuinfo) | cksum | cut -d' ' -f1)
if [ -d "$out/build" ] && [ "$(cat "$out/build/.ember-cpu" 2>/dev/null)" != "$cpu" ]; then
  echo "build dir made on another CPU: building again" >&2
  rm -rf "$out/build"
fi
server=OFF
case " $targets " in *" llama-server "*) server=ON ;; esac
cmake -S "$out/src/llama_cpp_python-$ver/vendor/llama.cpp" -B "$out/build" \
  -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DLLAMA_CURL=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=$server ${CMAKE_ARGS:-}
echo "$cpu" > "$out/build/.ember-cpu"
# shellcheck disable=SC2086
cmake --build "$out/build" --target $targets -j "$(nproc)"
mkdir -p "$out/bin"
for t in $targets; do
  ln -sf "$out/build/bin/$t" "$out/bin/$t"
  echo "built: $out/bin/$t"
done
