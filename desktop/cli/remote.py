"""`ember remote add|list|remove`: OpenAI-compatible servers elsewhere as model sources.

    ember remote add gpu-box http://10.0.0.5:8000/v1 --api-key-stdin
    ember remote list
    ember chat --model gpu-box/Qwen/Qwen2.5-7B-Instruct
    ember remote remove gpu-box

The key goes to the OS keyring (desktop/core/remote.py), never to Ember's files."""
from __future__ import annotations

import os
import sys

from .parsers import command


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _read_key(args) -> str | None:
    if args.api_key is not None and args.api_key_stdin:
        from ..core.errors import EmberError
        raise EmberError("Give the key once: --api-key KEY or --api-key-stdin.")
    if args.api_key_stdin:
        if sys.stdin.isatty():
            import getpass
            return getpass.getpass("API key: ")
        return sys.stdin.readline()
    return args.api_key


def run_add(args) -> int:
    from ..core import remote
    key = _read_key(args)
    r = remote.add(args.name, args.url, api_key=key, context=args.context, ca_cert=args.ca_cert,
                   timeout_s=args.timeout)
    where = f"; its key is in the OS keyring ({remote.keyring_backend()})" if key else ""
    if args.no_check:
        print(f"Added the remote engine {r.name} ({r.url}){where}.")
        return 0
    reach = remote.probe(r)
    if reach.key_refused:  # a wrong key is a mistake to fix now, not a remote to keep
        remote.remove(r.name)
        from ..core.errors import EmberError
        why = "refused the API key" if key else "needs an API key"
        raise EmberError(f"The remote engine {r.label} {why}, so it was not added: add it again "
                         f"with the right key (--api-key-stdin), or set {r.env_var}.")
    print(f"Added the remote engine {r.name} ({r.url}){where}.")
    if reach.error:
        _err(f"Note: {reach.error} (kept: `ember remote list` asks again).")
    else:
        shown = ", ".join(reach.models[:8]) + (" …" if len(reach.models) > 8 else "")
        print(f"{r.name} serves {len(reach.models)} model{'s' if len(reach.models) != 1 else ''}"
              f": {shown}. Chat with `ember chat --model {r.name}/MODEL`.")
    return 0


def run_list(args) -> int:
    from ..core import remote
    rs = remote.remotes()
    if not rs:
        print("No remote engines. Add one with `ember remote add NAME URL [--api-key-stdin]`.")
        return 0
    results = remote.probe_all() if not args.no_check else [remote.Reachability(r, [])
                                                             for r in rs]
    for x in results:
        r = x.remote
        key = ("key: " + r.env_var if os.environ.get(r.env_var)
               else "key: OS keyring" if r.key == "keyring" else "no key")
        if args.no_check:
            state = ""
        elif x.error:
            state = f" · {x.error}"
        else:
            n = len(x.models)
            state = f" · reachable, {n} model{'s' if n != 1 else ''}"
            if args.models or n <= 3:
                state += ": " + ", ".join(x.models)
        print(f"{r.name}  {r.url} · {key}{state}")
    return 0


def run_remove(args) -> int:
    from ..core import remote
    notes = remote.remove(args.name)
    print(f"Removed the remote engine {args.name}.")
    for n in notes:
        _err(f"Note: {n}")
    return 0


def register(sub) -> None:
    rp = sub.add_parser("remote", help="OpenAI-compatible servers elsewhere (vLLM, llama-server, "
                                       "LM Studio, Ollama, another Ember) as model sources")
    rs = rp.add_subparsers(dest="remote_command")
    a = rs.add_parser("add", help="add a remote engine")
    a.add_argument("name", help="its name: its models are NAME/MODEL (letters, digits, - _ .)")
    a.add_argument("url", help="its OpenAI base URL, e.g. http://gpu-box:8000/v1")
    a.add_argument("--api-key", default=None, metavar="KEY",
                   help="its API key (stored in the OS keyring; --api-key-stdin keeps it out of "
                        "your shell history)")
    a.add_argument("--api-key-stdin", action="store_true", help="read the API key from stdin")
    a.add_argument("--context", type=int, default=None, metavar="TOKENS",
                   help="the server's context size, when it does not say it")
    a.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="how long to wait for the next bytes of an answer (default 120)")
    a.add_argument("--ca-cert", default=None, metavar="PEM",
                   help="check an https server's certificate against this CA (or self-signed) "
                        "certificate, e.g. a team's `ember serve --host --tls-cert`")
    a.add_argument("--no-check", action="store_true", help="do not ask the server for its models")
    a.set_defaults(func=run_add)
    command(rs, "list", "the remote engines, whether they answer, their models", run_list,
            ("--models", {"action": "store_true", "help": "name every model"}),
            ("--no-check", {"action": "store_true", "help": "do not ask the servers"}))
    command(rs, "remove", "forget a remote engine and its key", run_remove, ("name", {}))
    rp.set_defaults(func=run_list, models=False, no_check=False)
