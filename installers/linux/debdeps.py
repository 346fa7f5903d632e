"""The .deb's Depends line, checked against what the frozen Ember actually links.

    python installers/linux/debdeps.py dist/pyinstaller/ember     # prints the Depends value

The frozen folder bundles Python, Qt and llama.cpp, but the desktop stack (X11/xcb, Wayland,
GL/EGL, fontconfig, freetype, glib, D-Bus) and the C/C++ runtimes come from the system
(ember.spec leaves them out). This script reads the DT_NEEDED entries of every ELF file in the
folder, and fails (exit 1, reasons on stderr) if a library that a required file needs is neither
in the folder nor provided by a package of DEPENDS below. Optional Qt plugins (eglfs, linuxfb,
the Wayland server-side buffer integrations, evdev input, ...) are reported but not depended on:
Qt skips a plugin whose libraries are missing.

Package names are Debian 12 / Ubuntu 22.04 ones; `a | b` alternatives cover the 64-bit time_t
renames of Ubuntu 24.04 and Debian 13 (libglib2.0-0t64). The minimum libc6 is the newest GLIBC_
symbol version any bundled file needs; libstdc++6's is the build machine's GCC major version.
"""
from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

# soname -> the package that ships it (Debian/Ubuntu names; alternatives with " | ")
KNOWN = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6", "librt.so.1": "libc6",
    "libpthread.so.0": "libc6", "libutil.so.1": "libc6", "ld-linux-x86-64.so.2": "libc6",
    "libresolv.so.2": "libc6",
    "libstdc++.so.6": "libstdc++6", "libgcc_s.so.1": "libgcc-s1",
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-glx.so.0": "libxcb-glx0",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libwayland-client.so.0": "libwayland-client0", "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libuuid.so.1": "libuuid1",
    "libdrm.so.2": "libdrm2", "libgbm.so.1": "libgbm1", "libudev.so.1": "libudev1",
    "libmtdev.so.1": "libmtdev1", "libinput.so.10": "libinput10", "libvulkan.so.1": "libvulkan1",
}

# what the .deb depends on (order kept in the control file); libc6 and libstdc++6 get versions
DEPENDS = [
    "libc6", "libstdc++6", "libgcc-s1",
    "libgl1", "libegl1", "libfontconfig1", "libfreetype6", "libglib2.0-0t64 | libglib2.0-0",
    "libdbus-1-3", "libx11-6", "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-icccm4",
    "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render0", "libxcb-render-util0",
    "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-util1", "libxcb-xfixes0",
    "libxcb-xkb1", "libxcb-glx0", "libxkbcommon0", "libxkbcommon-x11-0",
    "libwayland-client0", "libwayland-cursor0", "libwayland-egl1", "libuuid1",
    # not linked: run. Model-written code runs inside bubblewrap (desktop/core/sandbox.py)
    "bubblewrap",
]

# depended on only when a bundled file links it: the Vulkan loader, for llama.cpp's Vulkan
# module (build-vulkan.sh; a .deb without the module does not need it)
WHEN_LINKED = {"libvulkan.so.1": "libvulkan1"}

# files whose missing libraries are not a reason to depend on anything: plugins for embedded
# devices (eglfs, linuxfb, KMS, Vulkan display), evdev input, Wayland server-side buffers
OPTIONAL = re.compile(
    r"PySide6/Qt/(lib/libQt6EglFs|lib/libQt6EglFS|plugins/egldeviceintegrations/|"
    r"plugins/platforms/lib(qeglfs|qminimalegl|qlinuxfb|qvkkhrdisplay)\.so|"
    r"plugins/generic/libqevdev|"
    r"plugins/wayland-graphics-integration-client/lib(dmabuf-server|drm-egl-server|"
    r"vulkan-server|shm-emulation-server)\.so)")


def elf_needed(path: Path) -> list[str] | None:
    """DT_NEEDED names of a 64-bit little-endian ELF file; None if it is not one."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
                return None
            f.seek(0)
            data = f.read()
    except OSError:
        return None
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    out = []
    for _n, stype, _f, _a, off, size, link, _i, _al, entsize in sections:
        if stype != 6:  # SHT_DYNAMIC
            continue
        stroff = sections[link][4]
        for i in range(0, size, entsize or 16):
            tag, val = struct.unpack_from("<qQ", data, off + i)
            if tag == 0:
                break
            if tag == 1:
                end = data.index(b"\0", stroff + val)
                out.append(data[stroff + val:end].decode())
    return out


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


def system_package(soname: str) -> str | None:
    """The package that ships `soname` on this machine (ldconfig + dpkg -S), if any."""
    try:
        cache = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    except OSError:
        return None
    for line in cache.splitlines():
        parts = line.strip().split(" => ")
        if len(parts) == 2 and parts[0].split(" ")[0] == soname and "x86-64" in parts[0]:
            real = os.path.realpath(parts[1])
            for candidate in (parts[1], real, real.replace("/usr/lib/", "/lib/", 1),
                              real.replace("/lib/", "/usr/lib/", 1)):
                r = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
                if r.returncode == 0:
                    return r.stdout.split(":")[0].strip()
    return None


def host_gcc_major() -> str:
    try:
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libstdc++6"],
                           capture_output=True, text=True).stdout
        m = re.match(r"(\d+)", v)
        return m.group(1) if m else "12"
    except OSError:
        return "12"


def analyse(folder: Path) -> tuple[str, list[str], list[str]]:
    """-> (Depends value, errors, notes)."""
    names = {p.name for p in folder.rglob("*")}
    errors, notes = [], []
    glibc = "2.17"
    depends = set(DEPENDS)
    extra: set[str] = set()
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        needed = elf_needed(path)
        if needed is None:
            continue
        rel = path.relative_to(folder).as_posix()
        for v in re.findall(rb"GLIBC_(2\.[0-9]+)\b", path.read_bytes()):
            v = v.decode()
            if _version_key(v) > _version_key(glibc):
                glibc = v
        for soname in needed:
            if soname in names:
                continue
            pkg = KNOWN.get(soname) or system_package(soname)
            if soname in WHEN_LINKED and not OPTIONAL.search(rel):
                extra.add(WHEN_LINKED[soname])
                continue
            if OPTIONAL.search(rel):
                if pkg not in depends:
                    notes.append(f"optional: {rel} needs {soname} ({pkg or 'unknown package'})")
                continue
            if pkg is None:
                errors.append(f"{rel} needs {soname}: not bundled and no package known for it "
                              "(add it to KNOWN and DEPENDS in installers/linux/debdeps.py)")
            elif pkg not in depends:
                errors.append(f"{rel} needs {soname} from {pkg}, which is not in DEPENDS")
    versioned = {"libc6": f"libc6 (>= {glibc})", "libstdc++6": f"libstdc++6 (>= {host_gcc_major()})"}
    value = ", ".join(versioned.get(d, d) for d in DEPENDS + sorted(extra - depends))
    return value, sorted(set(errors)), sorted(set(notes))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    value, errors, notes = analyse(Path(argv[0]))
    for n in notes:
        print(f"debdeps: {n}", file=sys.stderr)
    for e in errors:
        print(f"debdeps: error: {e}", file=sys.stderr)
    if errors:
        return 1
    print(value)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
