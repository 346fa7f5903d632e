"""The `ember` command. With no arguments it opens the terminal chat (the window comes later)."""
from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from . import __version__


def _build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ember", description="Ember: a private, offline coding assistant.")
    p.add_argument("--version", action="version", version=f"ember {__version__}")
    p.add_argument("--data-dir", help="where Ember keeps its data (default: EMBER_HOME or the "
                                      "user data folder)")
    p.add_argument("-v", "--verbose", action="store_true", help="show llama.cpp's log")
    p.add_argument("--self-test", action="store_true",
                   help="check this installation (window offscreen, embedded model, database) and "
                        "exit 0 or 1 with one line; never touches your data")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("gui", help="open the Ember window (the default)")

    c = sub.add_parser("chat", help="chat in the terminal (the default)")
    c.add_argument("--model", "-m", help="a .gguf path, an installed model's name, or 'embedded'")
    c.add_argument("--system", "-s", help="system prompt")
    c.add_argument("--prompt", "-p", help="one-shot: answer this prompt and exit ('-' reads stdin)")
    c.add_argument("--json", action="store_true", help="answer in valid JSON (grammar-constrained)")
    c.add_argument("--schema", help="JSON schema (a file or inline JSON) the answer must follow; "
                                    "implies --json")
    from .core.settings import DEFAULTS as D  # one place for the defaults
    c.add_argument("--max-tokens", type=int, default=D["max_tokens"],
                   help="answer length limit (-1: no limit)")
    c.add_argument("--temperature", type=float, default=D["temperature"])
    c.add_argument("--top-k", type=int, default=D["top_k"])
    c.add_argument("--top-p", type=float, default=D["top_p"])
    c.add_argument("--min-p", type=float, default=D["min_p"])
    c.add_argument("--repeat-penalty", type=float, default=D["repeat_penalty"])
    c.add_argument("--seed", type=int, default=None)
    c.add_argument("--ctx", type=int, default=None,
                   help="context size in tokens (default: the planner's choice; 0: the model's)")
    c.add_argument("--gpu-layers", type=int, default=None,
                   help="layers to offload (default: the planner's choice; -1: all)")
    c.add_argument("--threads", type=int, default=None, help="threads (default: physical cores)")
    c.add_argument("--flash-attn", choices=["auto", "on", "off"], default=None,
                   help="default: the planner's choice")
    c.add_argument("--kv-type", choices=["f16", "q8_0", "q4_0"], default=None,
                   help="KV cache type (default: the planner's choice)")
    c.add_argument("--attach", nargs="+", metavar="FILE",
                   help="documents to ask about: text, Markdown, code, PDF, DOCX, HTML")
    from .chat_cli import add_save_arguments
    add_save_arguments(c)

    pl = sub.add_parser("pull", help="download a model from the catalog (resumable, verified)")
    pl.add_argument("name", help="catalog id, e.g. qwen2.5-7b-instruct (see `ember models`)")
    pl.add_argument("--endpoint", default=None,
                    help="Hugging Face endpoint or mirror (default: $HF_ENDPOINT or huggingface.co)")
    pl.add_argument("--force", action="store_true", help="download again even if installed")

    ms = sub.add_parser("models", help="list installed and catalog models; `models add PATH` imports")
    msub = ms.add_subparsers(dest="models_command")
    ma = msub.add_parser("add", help="import a GGUF file you already have")
    ma.add_argument("path", help="the .gguf file (the first shard of a split model)")
    ma.add_argument("--link", action="store_true", help="hard-link instead of copying when possible")

    from .plan_cli import add_doctor_arguments, add_plan_arguments
    add_plan_arguments(sub.add_parser(
        "plan", help="show how a model would run on this machine and on reference GPUs"))
    add_doctor_arguments(sub.add_parser("doctor", help="explain why Ember is or is not on the GPU"))

    from .history_cli import add_history_arguments
    add_history_arguments(sub)

    from .bench_cli import add_bench_arguments
    add_bench_arguments(sub.add_parser(
        "bench", help="measure installed models on this machine: speed, coding, JSON, long documents"))

    sv = sub.add_parser("serve", help="run the engine: an OpenAI-compatible API for the window, "
                                      "the terminal and your editor")
    sv.add_argument("--model", "-m", default=None,
                    help="the model to load at start (default: the default model; 'none': none)")
    sv.add_argument("--port", type=int, default=None,
                    help="also listen on this TCP port on 127.0.0.1 for editors and scripts")
    sv.add_argument("--api-key", default=None, help="require this bearer token on --port")
    sv.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                    help="a web page origin allowed to call the API (cross-origin requests are "
                         "refused otherwise)")
    sv.add_argument("--socket", default=None, help="the private Unix socket's path")
    sv.add_argument("--private-tcp", action="store_true",
                    help="private channel on loopback TCP with a random token (where there are "
                         "no Unix sockets)")
    sv.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)
    sv.add_argument("--private", action="store_true", help=argparse.SUPPRESS)
    sv.add_argument("--ctx", type=int, default=None)
    sv.add_argument("--gpu-layers", type=int, default=None)
    sv.add_argument("--threads", type=int, default=None)
    sv.add_argument("--kv-type", choices=["f16", "q8_0", "q4_0"], default=None)
    sv.add_argument("--flash-attn", choices=["auto", "on", "off"], default=None)

    rm = sub.add_parser("rm", help="delete a downloaded or imported model")
    rm.add_argument("name")
    rm.add_argument("-y", "--yes", action="store_true", help="do not ask")
    return p


COMMANDS = {"serve", "chat", "pull", "models", "rm", "plan", "doctor", "history", "export", "import",
            "bench"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--self-test" in argv:  # before the gui/chat defaulting; it parses its own options
        from .selftest import run_self_test
        return run_self_test(argv)
    parser = _build_parser()
    # no subcommand: the window; options without a command (e.g. --model) mean the chat
    known = COMMANDS | {"gui", "-h", "--help", "--version"}
    if not any(a in known for a in argv):
        options, rest = _split_global_options(argv)
        argv = options + ["chat" if rest else "gui"] + rest
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(name)s: %(message)s", stream=sys.stderr)
    if not args.verbose:
        logging.getLogger("ember.llama_cpp").setLevel(logging.CRITICAL)

    from .core import paths
    from .core.errors import EmberError

    try:
        paths.set_data_dir(args.data_dir)
        if args.command == "gui":
            if not _has_display():
                print("ember: no display found, so the window cannot open; starting the terminal "
                      "chat instead (`ember chat`).", file=sys.stderr)
                from .chat_cli import run_chat
                options, _ = _split_global_options(argv)
                return run_chat(parser.parse_args(options + ["chat"]))
            from .ui.app import run_gui
            return run_gui(args)
        if args.command == "serve":
            return _run_serve(args)
        if args.command == "chat":
            from .chat_cli import run_chat
            return run_chat(args)
        if args.command == "bench":
            from .bench_cli import run_bench
            return run_bench(args)
        if args.command in ("history", "export", "import"):
            from . import history_cli
            return {"history": history_cli.run_history, "export": history_cli.run_export,
                    "import": history_cli.run_import}[args.command](args)
        if args.command in ("plan", "doctor"):
            from . import plan_cli
            return plan_cli.run_plan(args) if args.command == "plan" else plan_cli.run_doctor(args)
        if args.command in ("pull", "models", "rm"):
            from . import models_cli
            if args.command == "pull":
                return models_cli.run_pull(args)
            if args.command == "rm":
                return models_cli.run_rm(args)
            if args.models_command == "add":
                return models_cli.run_models_add(args)
            return models_cli.run_models(args)
        parser.print_help()
        return 2
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


def _run_serve(args) -> int:
    from .core.errors import EmberError
    from .core.server.run import HAS_UNIX_SOCKETS, ServeOptions, serve
    if args.port is not None and not 0 <= args.port <= 65535:
        raise EmberError("--port must be between 0 and 65535.")
    logging.getLogger("ember").setLevel(logging.INFO)
    logging.getLogger("ember.llama_cpp").setLevel(logging.INFO)  # its log explains a crash
    model = "" if (args.model or "").lower() == "none" else args.model
    return serve(ServeOptions(
        model=model, socket_path=args.socket, private_tcp=args.private_tcp or not HAS_UNIX_SOCKETS,
        port=args.port, parent_pid=args.parent_pid, allowed_origins=tuple(args.allow_origin),
        ctx=args.ctx, gpu_layers=args.gpu_layers, threads=args.threads, kv_type=args.kv_type,
        flash_attn=args.flash_attn, api_key=args.api_key, private=args.private))


def _has_display() -> bool:
    import os
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


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
        from .core import paths
        f = paths.logs_dir() / "ember.log"
        with f.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc() + "\n")
        return f
    except Exception:
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
