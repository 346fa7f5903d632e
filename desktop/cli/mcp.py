"""`ember mcp add|list|remove`: stdio MCP servers whose tools a chat may use.

    ember mcp add files -- npx -y @modelcontextprotocol/server-filesystem ~/src
    ember mcp add gh --env GITHUB_TOKEN=... -- github-mcp-server stdio
    ember mcp list                 # starts each, lists its tools with their descriptions
    ember chat --mcp files         # a chat that may call them
    ember mcp remove files
"""
from __future__ import annotations

import sys

from .parsers import command


def register(sub) -> None:
    mp = sub.add_parser("mcp", help="MCP servers (stdio) whose tools a chat may use")
    ms = mp.add_subparsers(dest="mcp_command", required=True)
    a = ms.add_parser("add", help="add a server: ember mcp add NAME [--env K=V] -- COMMAND ...")
    a.add_argument("name")
    a.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                   help="an environment variable for the server (kept in mcp.json, mode 0600)")
    a.add_argument("--cwd", default=None, help="the folder it starts in")
    a.add_argument("command", nargs=argparse_remainder(), help="after --: the command")
    a.set_defaults(func=run_add)
    command(ms, "list", "the servers and their tools (each is started to ask)", run_list,
            ("--no-check", {"action": "store_true", "help": "do not start them"}))
    command(ms, "remove", "remove a server", run_remove, ("name", {}))


def argparse_remainder():
    import argparse
    return argparse.REMAINDER


def run_add(args) -> int:
    from ..core.agent import mcp
    from ..core.errors import EmberError
    cmd = list(args.command)
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    env = {}
    for kv in args.env:
        if "=" not in kv:
            raise EmberError(f"--env takes KEY=VALUE, not {kv!r}.")
        k, v = kv.split("=", 1)
        env[k] = v
    cfg = mcp.add(args.name, cmd, env=env, cwd=args.cwd)
    print(f"Added the MCP server {cfg.label}. `ember mcp list` starts it and shows its tools; "
          f"`ember chat --mcp {cfg.name}` offers them to the model.")
    return 0


def run_list(args) -> int:
    from ..core.agent import mcp
    items = mcp.servers()
    if not items:
        print("No MCP servers. Add one: ember mcp add NAME -- COMMAND ...")
        return 0
    for cfg in items:
        print(f"{cfg.name}  {' '.join(cfg.command)}")
        if args.no_check:
            continue
        conn = mcp.McpConnection(cfg, start_timeout=20).start()
        try:
            if conn.error:
                print(f"  {conn.error}")
            for t in conn.tools:
                desc = " ".join((t.description or "").split())
                print(f"  {t.name}: {desc[:200]}" if desc else f"  {t.name}")
            if not conn.error and not conn.tools:
                print("  (no tools)")
        finally:
            conn.close()
    sys.stdout.flush()
    return 0


def run_remove(args) -> int:
    from ..core.agent import mcp
    mcp.remove(args.name)
    print(f"Removed the MCP server {args.name}.")
    return 0
