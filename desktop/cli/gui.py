"""`ember` / `ember gui`: the window; the terminal chat where there is no display."""
from __future__ import annotations

import os
import sys


def register(sub) -> None:
    g = sub.add_parser("gui", help="open the Ember window (what `ember` alone runs where there "
                                   "is a display; without one, the terminal chat)")
    g.set_defaults(func=run_gui)


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def missing_qt_libraries(ldd_output: str | None = None) -> list[str]:
    """The system libraries Qt's X11 platform plugin (xcb) needs and does not find, as Debian
    and Ubuntu name their packages ("libxcb-cursor0"): found with ldd before any QApplication
    exists, because Qt aborts the process when the plugin cannot load. [] when all are there,
    on Wayland, or when it cannot be told (no ldd, another platform)."""
    if ldd_output is None:
        if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" \
                or (os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY")):
            return []
        import shutil
        import subprocess
        try:
            import PySide6
            plugin = os.path.join(os.path.dirname(PySide6.__file__), "Qt", "plugins",
                                  "platforms", "libqxcb.so")
            ldd = shutil.which("ldd")
            if ldd is None or not os.path.exists(plugin):
                return []
            ldd_output = subprocess.run([ldd, plugin], capture_output=True, text=True,
                                        timeout=20).stdout
        except (OSError, subprocess.SubprocessError, ImportError):
            return []
    missing = []
    for line in ldd_output.splitlines():
        name, _, where = line.strip().partition(" => ")
        if where.strip() == "not found" and name.startswith("lib"):
            missing.append(_debian_package(name))
    return sorted(set(missing))


def _debian_package(soname: str) -> str:
    """libxcb-cursor.so.0 -> libxcb-cursor0; libX11-xcb.so.1 -> libx11-xcb1; a name ending in
    a digit takes a dash (libfoo2.so.1 -> libfoo2-1), as Debian names library packages."""
    base, _, version = soname.partition(".so.")
    base, version = base.lower(), version.split(".")[0]
    return f"{base}-{version}" if base[-1:].isdigit() else f"{base}{version}"


def run_gui(args) -> int:
    missing = missing_qt_libraries() if has_display() else []
    if not has_display() or missing:
        if missing:
            print(f"ember: the window needs system libraries that are missing: "
                  f"{', '.join(missing)} (Debian, Ubuntu: sudo apt install {' '.join(missing)}); "
                  "starting the terminal chat instead (`ember chat`).", file=sys.stderr)
        else:
            print("ember: no display found, so the window cannot open; starting the terminal "
                  "chat instead (`ember chat`).", file=sys.stderr)
        from . import build_parser
        from .chat import run_chat
        return run_chat(build_parser().parse_args(args.global_options + ["chat"]))
    from ..ui.app import run_gui as open_window
    return open_window(args)
