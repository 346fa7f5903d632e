#!/usr/bin/env bash
# Build llama.cpp's Vulkan backend for Linux as one module, from the pinned llama-cpp-python
# sdist, for AMD and Intel GPUs (and NVIDIA ones without CUDA), on a machine with no GPU:
#
#     installers/linux/build-vulkan.sh          # -> dist/vulkan/libggml-vulkan.so
#
# The module is built with GGML_BACKEND_DL, so it links only libggml-base.so.0 (of the same
# llama.cpp: the pinned sdist) and libvulkan.so.1, and any build of that llama.cpp can load it:
# the CPU build the .deb freezes from .venv and the CUDA build of build-cuda.sh alike
# (desktop/core/ggml_backends.py registers it). build-deb.sh puts it beside libllama.so when it
# is here. At run time it needs only the Vulkan loader (libvulkan1) and a driver with Vulkan
# (Mesa's radv/anv, NVIDIA's): no SDK.
#
# Needs: a C++ compiler, cmake and ninja (pip's are fine), glslc, libvulkan-dev and spirv-headers
# (Debian 12: `apt install glslc libvulkan-dev spirv-headers`). Debian 12's Vulkan headers
# (1.3.239) are too old for ggml-vulkan (`vk::LayerSettingEXT`): the script takes Debian 13's headers (libvulkan-dev
# 1.4.309, sha256 pinned below) from deb.debian.org, headers only; the module still links
# the system's loader (its ABI is stable), so it runs where Debian 12's glibc runs.
# About 2 minutes on 2 cores. Knobs: EMBER_BUILD_JOBS, EMBER_LLAMA_SDIST (a downloaded sdist),
# EMBER_VULKAN_HEADERS_DEB (a downloaded libvulkan-dev .deb instead of fetching it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
say() { printf 'build-vulkan: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

PY="${EMBER_PYTHON:-python3}"
LLAMA_VERSION="$(sed -n 's/.*"llama-cpp-python==\([0-9.]*\)".*/\1/p' pyproject.toml | head -1)"
[ -n "$LLAMA_VERSION" ] || die "pyproject.toml pins no llama-cpp-python==X"
JOBS="${EMBER_BUILD_JOBS:-$(nproc)}"
HDR_DEB_NAME=libvulkan-dev_1.4.309.0-1_amd64.deb
HDR_DEB_URL="https://deb.debian.org/debian/pool/main/v/vulkan-loader/$HDR_DEB_NAME"
HDR_DEB_SHA256=8d329d465e16168afff58b1bd0dd6db46aac2cc3f56054a481b25a04e90b345a
OUT="$ROOT/dist/vulkan"
B="$ROOT/build"

command -v glslc >/dev/null || die "glslc is missing (Debian/Ubuntu: apt install glslc)"
[ -e /usr/include/vulkan/vulkan.h ] || ls /usr/lib/*/libvulkan.so >/dev/null 2>&1 \
    || die "the Vulkan loader's development files are missing (apt install libvulkan-dev)"
ls /usr/share/cmake/SPIRV-Headers/SPIRV-HeadersConfig.cmake >/dev/null 2>&1 \
    || ls /usr/lib/*/cmake/SPIRV-Headers/SPIRV-HeadersConfig.cmake >/dev/null 2>&1 \
    || die "SPIRV-Headers are missing (apt install spirv-headers)"
CMAKE="$(command -v cmake || true)"; NINJA="$(command -v ninja || true)"
if [ -z "$CMAKE" ] || [ -z "$NINJA" ]; then   # pip's, in a venv of their own
    [ -x "$B/vulkan-tools/bin/cmake" ] || { "$PY" -m venv "$B/vulkan-tools" &&
        "$B/vulkan-tools/bin/pip" install -q cmake ninja; } || die "cannot install cmake and ninja"
    CMAKE="$B/vulkan-tools/bin/cmake"; NINJA="$B/vulkan-tools/bin/ninja"
fi

# 1. Debian 13's Vulkan headers (headers only)
HDR="$B/vulkan-headers"
if [ ! -e "$HDR/usr/include/vulkan/vulkan.hpp" ]; then
    mkdir -p "$B/sdist"
    DEB="${EMBER_VULKAN_HEADERS_DEB:-$B/sdist/$HDR_DEB_NAME}"
    if [ ! -f "$DEB" ]; then
        say "fetching $HDR_DEB_URL"
        "$PY" - "$HDR_DEB_URL" "$DEB.part" <<'EOF' || die "could not download $HDR_DEB_URL"
import sys, urllib.request
urllib.request.urlretrieve(sys.argv[1], sys.argv[2])
EOF
        mv "$DEB.part" "$DEB"
    fi
    echo "$HDR_DEB_SHA256  $DEB" | sha256sum -c --quiet - || die "$DEB: wrong sha256"
    rm -rf "$HDR" && mkdir -p "$HDR" && dpkg-deb -x "$DEB" "$HDR"
    rm -rf "$HDR/usr/lib"   # the system's loader is linked, never this one
fi

# 2. the pinned sdist, unpacked once (shared with build-cuda.sh)
SRC="$B/llama-cpp-python-$LLAMA_VERSION"
if [ ! -f "$SRC/pyproject.toml" ]; then
    SDIST="${EMBER_LLAMA_SDIST:-}"
    if [ -z "$SDIST" ]; then
        "$PY" -m pip download -q --no-deps --no-binary llama-cpp-python -d "$B/sdist" \
            "llama-cpp-python==$LLAMA_VERSION" || die "could not download the llama-cpp-python sdist"
        SDIST="$(ls "$B/sdist"/llama_cpp_python-"$LLAMA_VERSION".tar.gz)"
    fi
    rm -rf "$SRC.part" && mkdir -p "$SRC.part"
    tar -xf "$SDIST" -C "$SRC.part" --strip-components=1 || die "cannot unpack $SDIST"
    mv "$SRC.part" "$SRC"
fi

# 3. the module
say "building ggml-vulkan from llama-cpp-python $LLAMA_VERSION's llama.cpp, $JOBS jobs"
START=$(date +%s)
LOG="$B/vulkan-build.log"
if ! { "$CMAKE" -S "$SRC/vendor/llama.cpp" -B "$B/vulkan-cmake" -G Ninja \
        -DCMAKE_MAKE_PROGRAM="$NINJA" -DCMAKE_BUILD_TYPE=Release \
        -DGGML_BACKEND_DL=ON -DGGML_VULKAN=ON -DGGML_NATIVE=OFF -DBUILD_SHARED_LIBS=ON \
        -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF \
        -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF \
        -DVulkan_INCLUDE_DIR="$HDR/usr/include" -DCMAKE_INSTALL_RPATH='$ORIGIN' \
        -DCMAKE_BUILD_WITH_INSTALL_RPATH=ON &&
      "$CMAKE" --build "$B/vulkan-cmake" --target ggml-vulkan -j "$JOBS"; } > "$LOG" 2>&1; then
    tail -n 40 "$LOG" >&2
    die "the build failed (full log: $LOG)"
fi
MOD="$(find "$B/vulkan-cmake" -name 'libggml-vulkan.so' -print -quit)"
[ -n "$MOD" ] || die "no libggml-vulkan.so in $B/vulkan-cmake"
mkdir -p "$OUT"
strip --strip-unneeded -o "$OUT/libggml-vulkan.so" "$MOD"
# what it links: the loader and ggml-base only (beside the C/C++ runtime)
need="$(objdump -p "$OUT/libggml-vulkan.so" | awk '/NEEDED/ {print $2}' | tr '\n' ' ')"
case "$need" in *libvulkan.so.1*) ;; *) die "it does not link libvulkan.so.1 ($need)";; esac
case "$need" in *libggml-base.so*) ;; *) die "it does not link libggml-base ($need)";; esac
say "built $OUT/libggml-vulkan.so ($(stat -c %s "$OUT/libggml-vulkan.so") bytes; links: $need) in $(( $(date +%s) - START )) s"
