"""The `ember` command: one module per subcommand in this package, each registering its own
parser and the function that runs it (`register(subparsers)` -> `set_defaults(func=...)`).

    gui      the window (`ember` alone, with a display)       gui.py
    chat     the terminal chat (`ember` with chat options,     chat.py (+ attach.py)
             or without a display)
    serve    the engine process and its API                    serve.py
    pull, models, rm                                           models.py
    plan, doctor                                               plan.py
    history, export, import                                    history.py
    bench                                                      bench.py
    remote add|list|remove (OpenAI-compatible servers elsewhere) remote.py
    keys create|list|revoke (API keys of `serve --host`)        keys.py
    mcp add|list|remove (stdio MCP servers' tools for chats)   mcp.py
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path

from .. import __version__

SUBCOMMANDS = ("gui", "chat", "serve", "models", "plan", "history", "bench", "remote", "keys", "mcp")


def build_parser() -> argparse.ArgumentParser:
    import importlib
    p = argparse.ArgumentParser(prog="ember", description="Ember: a private, offline coding assistant.")
    p.add_argument("--version", action="version", version=f"ember {__version__}")
    p.add_argument("--data-dir", help="where Ember keeps its data (default: EMBER_HOME or the "
                                      "user data folder)")
    p.add_argument("-v", "--verbose", action="store_true", help="show llama.cpp's log")
    p.add_argument("--self-test", action="store_true",
                   help="check this installation (window offscreen, embedded model, database) and "
                        "exit 0 or 1 with one line; never touches your data")
    sub = p.add_subparsers(dest="command")
    for name in SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    p.commands = set(sub.choices)
    return p


def _utf8_pipes() -> None:
    """On Windows a pipe or a file gets the ANSI code page (cp1252 in the West): an answer in
    Chinese or Japanese would raise UnicodeEncodeError, and "·" reached a reader as a byte
    that is not UTF-8 (found under Wine, issue 25). What Ember writes into a pipe or a file is
    UTF-8 there, as on Linux; a console keeps its own (Python writes it as UTF-16)."""
    if os.name != "nt":
        return
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _utf8_pipes()
    if "--self-test" in argv:  # before the gui/chat defaulting; it parses its own options
        from ..selftest import run_self_test
        return run_self_test(argv)
    parser = build_parser()
    commands = parser.commands
    # no subcommand: the window; options without a command (e.g. --model) mean the chat
    known = commands | {"-h", "--help", "--version"}
    options, rest = _split_global_options(argv)
    if not any(a in known for a in argv):
        argv = options + ["chat" if rest else "gui"] + rest
    args = parser.parse_args(argv)
    args.global_options = options
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(name)s: %(message)s", stream=sys.stderr)
    if not args.verbose:
        logging.getLogger("ember.llama_cpp").setLevel(logging.CRITICAL)

    from ..core import paths
    from ..core.errors import EmberError

    try:
        paths.set_data_dir(args.data_dir)
        func = getattr(args, "func", None)
        if func is None:
            parser.print_help()
            return 2
        return func(args)
    except EmberError as e:
        print(f"ember: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nember: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # an Ember bug: one line here, the traceback in the log file
        where = _write_crash_log()
        print(f"ember: unexpected error: {type(e).__name__}: {e}"
              + (f" (details in {where})" if where else ""), file=sys.stderr)
        return 1


def _split_global_options(argv: list[str]) -> tuple[list[str], list[str]]:
    """Split off the leading global options (--data-dir X, -v) from the rest."""
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--data-dir" and i + 1 < len(argv):
            i += 2
        elif a.startswith("--data-dir=") or a in ("-v", "--verbose"):
            i += 1
        else:
            break
    return argv[:i], argv[i:]


def _write_crash_log() -> Path | None:
    try:
        from ..core import paths
        f = paths.logs_dir() / "ember.log"
        with f.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc() + "\n")
        return f
    except Exception:
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
