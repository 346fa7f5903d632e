#!/usr/bin/env bash
# Prepares what tests/bench/gpu_check.sh needs on a GPU machine with no network, here (where the
# package registries answer), into two git-ignored folders of the repository:
#   .gpu/llama-src.tar.xz   llama-cpp-python's pinned sdist, trimmed (no model vocabularies,
#                           docs, tests or unused tools: the device carries 64 MiB at most)
#   .whl/*.whl              the pure-Python packages Ember needs that the device image lacks
# Then, on the device (the `run` tool):  carry [".gpu", ".whl"], command: tests/bench/gpu_check.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
VER="$(sed -n 's/.*"llama-cpp-python==\([0-9.]*\)".*/\1/p' pyproject.toml | head -1)"
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo '/.whl/' >> .git/info/exclude
mkdir -p .gpu .whl
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# 1. the trimmed llama.cpp source
"$PY" -m pip download -q --no-deps --no-binary :all: "llama-cpp-python==$VER" -d "$TMP"
tar xzf "$TMP/llama_cpp_python-$VER.tar.gz" -C "$TMP"
S="$TMP/llama_cpp_python-$VER"
L="$S/vendor/llama.cpp"
rm -rf "$L/models" "$L/docs" "$L/tests" "$L/examples" "$L/benches" "$L/scripts" \
       "$L/conversion" "$L/gguf-py" "$L/media" "$S/docs" "$S/examples" "$S/tests"
for t in "$L"/tools/*/; do
    case "$(basename "$t")" in llama-bench|mtmd) ;; *) rm -rf "$t" ;; esac
done
tar cJf .gpu/llama-src.tar.xz -C "$TMP" "llama_cpp_python-$VER"

# 2. wheels: Ember's pure-Python needs missing from the device image (its list: the device
#    tool's KINDS.md), with --no-deps (each dependency named)
"$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
    --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
    --platform manylinux2014_x86_64 -d .whl \
    diskcache starlette uvicorn httpx2 sqlite-utils sqlite-fts4 click-default-group \
    mistune platformdirs gguf python-docx charset-normalizer pypdfium2 \
    httpcore2 truststore
du -sh .gpu .whl
echo "ready: carry .gpu and .whl; run tests/bench/gpu_check.sh there"
