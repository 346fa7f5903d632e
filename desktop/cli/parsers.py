"""One subcommand in one statement: its parser, its arguments and the function that runs it
(what `ember keys`, `ember mcp` and `ember remote` declare for list, remove and revoke)."""
from __future__ import annotations

import argparse
from typing import Callable


def command(subparsers, name: str, help: str, func: Callable[[argparse.Namespace], int],
            *arguments: tuple[str, dict]) -> argparse.ArgumentParser:
    p = subparsers.add_parser(name, help=help)
    for flag, kw in arguments:
        p.add_argument(flag, **kw)
    p.set_defaults(func=func)
    return p
