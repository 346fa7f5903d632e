"""`ember` / `ember gui`: the window; the terminal chat where there is no display."""
from __future__ import annotations

import os
import sys


def register(sub) -> None:
    g = sub.add_parser("gui", help="open the Ember window (the default)")
    g.set_defaults(func=run_gui)


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args) -> int:
    if not has_display():
        print("ember: no display found, so the window cannot open; starting the terminal "
              "chat instead (`ember chat`).", file=sys.stderr)
        from . import build_parser
        from .chat import run_chat
        return run_chat(build_parser().parse_args(args.global_options + ["chat"]))
    from ..ui.app import run_gui as open_window
    return open_window(args)
