#!/usr/bin/env bash
# The README's test command on a fresh clone, against a llama.cpp built for another instruction
# set than this machine's (issue 23): proves that no test takes its answer from the words a
# model picks, since those change with the SIMD kernels llama.cpp was compiled for.
#
#   tests/run_on_isa.sh [ISA] [pytest arguments...]
#
# ISA (default avx2):
#   native  llama.cpp's default build (GGML_NATIVE: every instruction this CPU has)
#   avx2    -DGGML_NATIVE=OFF -DGGML_AVX512=OFF: AVX2, FMA, F16C, BMI2, no AVX-512 nor AMX
#           (an AMD EPYC of the AVX2-only kind, or most laptops)
#   avx     -DGGML_NATIVE=OFF with AVX2, FMA, BMI2 and AVX-512 off: AVX and F16C only
#
# What it does:
#   1. clones this repository's HEAD (commit first: uncommitted changes are not in the clone)
#      into $EMBER_ISA_DIR (default: $TMPDIR/ember-isa-ISA), replacing an earlier clone;
#   2. runs there exactly the README's test command, with CMAKE_ARGS for the ISA and with pip's
#      cache in a folder of the ISA's own ($EMBER_ISA_CACHE, default ~/.cache/pip-ember-ISA), so
#      the wheel pip builds for one ISA is never taken for another (pip keys its wheel cache by
#      the source, not by CMAKE_ARGS). The first run compiles llama-cpp-python (10-15 minutes on
#      2 cores); later runs take the ISA's wheel from that cache;
#   3. checks, before the tests, that the llama.cpp in the clone's venv was built for that ISA
#      (llama_print_system_info) and prints it with this CPU's flags;
#   4. prints pytest's summary and exits with pytest's status. The whole log: $DIR/isa-run.log.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ISA="${1:-avx2}"
[ $# -gt 0 ] && shift
case "$ISA" in
  native) ARGS="" ;;
  avx2) ARGS="-DGGML_NATIVE=OFF -DGGML_AVX512=OFF" ;;
  avx) ARGS="-DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_BMI2=OFF" ;;
  *) echo "run_on_isa.sh: unknown ISA '$ISA' (native, avx2 or avx)" >&2; exit 2 ;;
esac
DIR="${EMBER_ISA_DIR:-${TMPDIR:-/tmp}/ember-isa-$ISA}"
CACHE="${EMBER_ISA_CACHE:-$HOME/.cache/pip-ember-$ISA}"
# pip's cache for the native build stays the default one (what the README's command uses)
[ "$ISA" = native ] && CACHE="${EMBER_ISA_CACHE:-${PIP_CACHE_DIR:-$HOME/.cache/pip}}"

flags="$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' \
         | grep -E '^(avx|avx2|fma|f16c|bmi2|avx512f|avx512bw|avx512_vnni|avx512_bf16|avx_vnni|amx_tile|amx_int8|amx_bf16)$' \
         | tr '\n' ' ')"
model="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "run_on_isa: $ISA build (CMAKE_ARGS='$ARGS') on $model, $(nproc) cores; CPU flags: $flags"

rm -rf "$DIR"
git clone --quiet --no-local "$ROOT" "$DIR"
cd "$DIR"
echo "run_on_isa: fresh clone of $(git rev-parse --short HEAD) in $DIR; pip cache $CACHE"
export PIP_CACHE_DIR="$CACHE"
unset SOURCE_DATE_EPOCH  # it would turn GGML_NATIVE's default off for the native build
# the README's test command, split at its last step so the build can be checked first
python3 -m venv .venv
CMAKE_ARGS="$ARGS" .venv/bin/pip install -e '.[test]' > isa-install.log 2>&1 \
  || { tail -40 isa-install.log; echo "run_on_isa: the install failed (log: $DIR/isa-install.log)" >&2; exit 1; }
sysinfo="$(.venv/bin/python -c 'import llama_cpp; print(llama_cpp.llama_print_system_info().decode())')"
echo "run_on_isa: llama.cpp built with: $sysinfo"
has() { [[ "$sysinfo" == *"$1 = 1"* ]]; }
case "$ISA" in
  avx2) has AVX2 && ! has AVX512 || { echo "run_on_isa: not an AVX2-only build" >&2; exit 1; } ;;
  avx) has AVX && ! has AVX2 && ! has AVX512 || { echo "run_on_isa: not an AVX-only build" >&2; exit 1; } ;;
esac
start=$(date +%s)
set +e
.venv/bin/python -m pytest "$@" 2>&1 | tee isa-run.log | grep -E '^(FAILED|ERROR)|passed|failed' | tail -40
rc=${PIPESTATUS[0]}
set -e
echo "run_on_isa: $ISA: pytest exited $rc after $(( ($(date +%s) - start) / 60 )) min (log: $DIR/isa-run.log)"
exit "$rc"
