"""`ember keys create|list|revoke`: the API keys of a team's engine (`ember serve --host`).

    ember keys create alice --concurrent 2 --tokens-per-minute 20000
    ember keys list
    ember keys revoke alice

A key is shown once, at creation; Ember keeps only its SHA-256 (desktop/core/server/keys.py).
A running engine sees a new or revoked key at its next request."""
from __future__ import annotations

import time

from .parsers import command


def register(sub) -> None:
    k = sub.add_parser("keys", help="API keys for `ember serve --host` (a team's engine)")
    ks = k.add_subparsers(dest="keys_command", required=True)
    c = ks.add_parser("create", help="create a key (shown once)")
    c.add_argument("name", help="who or what uses it, e.g. alice or ci")
    c.add_argument("--concurrent", type=int, default=None, metavar="N",
                   help="requests at once (default: no limit)")
    c.add_argument("--tokens-per-minute", type=int, default=None, metavar="N",
                   help="prompt and completion tokens a minute (default: no limit)")
    c.set_defaults(func=run_create)
    command(ks, "list", "the keys: name, start, limits, state", run_list,
            ("--all", {"action": "store_true", "help": "revoked keys too"}))
    command(ks, "revoke", "revoke a key by name (or its first characters)", run_revoke,
            ("name", {}))


def run_create(args) -> int:
    from ..core.server.keys import KeyStore
    store = KeyStore()
    key = store.create(args.name, concurrent=args.concurrent,
                       tokens_per_minute=args.tokens_per_minute)
    print(key)
    import sys
    print(f"Created the key {args.name!r}: copy it now, Ember keeps only its hash. Clients send "
          "it as 'Authorization: Bearer KEY' (the openai package: api_key=KEY).",
          file=sys.stderr)
    return 0


def _limit(v) -> str:
    return "-" if v is None else f"{v:,}"


def run_list(args) -> int:
    from ..core.server.keys import KeyStore
    keys = KeyStore().load()
    shown = [k for k in keys if args.all or k.active]
    if not shown:
        print("No API keys. `ember keys create NAME` makes one.")
        return 0
    print(f"{'NAME':20} {'KEY':14} {'CREATED':17} {'CONCURRENT':>10} {'TOKENS/MIN':>11}  STATE")
    for k in shown:
        state = "active" if k.active else "revoked " + time.strftime(
            "%Y-%m-%d %H:%M", time.localtime(k.revoked))
        print(f"{k.name:20} {k.prefix + '...':14} "
              f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(k.created)):17} "
              f"{_limit(k.concurrent):>10} {_limit(k.tokens_per_minute):>11}  {state}")
    return 0


def run_revoke(args) -> int:
    from ..core.server.keys import KeyStore
    k = KeyStore().revoke(args.name)
    print(f"Revoked the key {k.name!r} ({k.prefix}...): a running engine refuses it from its "
          "next request.")
    return 0
