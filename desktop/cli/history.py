"""`ember history`, `ember history search TEXT`, `ember export`, `ember import`: saved
conversations in a terminal.

`register(subparsers)` wires these in (`add_history_arguments`) and dispatches to
`run_history`, `run_export` and `run_import` (each returns an exit code; user errors are
EmberError subclasses, printed as one line by cli.main). `python -m desktop.cli.history ...`
runs them on their own.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from ..core.errors import EmberError
from ..core.store import MARK_END, MARK_START, Store, StoreError
from .term import safe_for

COMMANDS = ("history", "export", "import")


def add_history_arguments(subparsers) -> None:
    """Adds the `history`, `export` and `import` subcommands to `ember`'s subparsers."""
    h = subparsers.add_parser(
        "history", help="saved conversations: list, search, show, rename, pin, delete",
        description="Without a subcommand: the most recent conversations, pinned first.")
    h.add_argument("-n", "--limit", type=int, default=20, help="how many to list (default 20; "
                                                                "0: all)")
    hs = h.add_subparsers(dest="history_command", metavar="{search,show,rename,pin,unpin,delete}")
    s = hs.add_parser("search", help="find words in every saved message and title")
    s.add_argument("text", nargs="+", help='words (all must match); "a phrase"; a prefix*')
    s.add_argument("-n", "--limit", type=int, default=20, help="at most this many matches")
    sh = hs.add_parser("show", help="print a conversation")
    sh.add_argument("id", type=int)
    rn = hs.add_parser("rename", help="give a conversation a title")
    rn.add_argument("id", type=int)
    rn.add_argument("title", nargs="+")
    for name, what in (("pin", "keep a conversation at the top"), ("unpin", "undo pin")):
        p = hs.add_parser(name, help=what)
        p.add_argument("id", type=int)
    d = hs.add_parser("delete", help="delete conversations")
    d.add_argument("ids", type=int, nargs="+", metavar="id")
    d.add_argument("-y", "--yes", action="store_true", help="do not ask")

    e = subparsers.add_parser("export", help="write conversations as Markdown or JSON")
    e.add_argument("id", nargs="?", type=int, help="the conversation (see `ember history`)")
    e.add_argument("--all", action="store_true", help="every conversation")
    e.add_argument("--format", "-f", choices=["md", "json"], default="md",
                   help="md: readable (the visible thread); json: everything, for `ember import`")
    e.add_argument("-o", "--output", help="file to write (default: standard output)")

    i = subparsers.add_parser("import", help="add conversations from an export: JSON (everything) or "
                               "Markdown (the visible thread)")
    i.add_argument("file", help="a file written by `ember export` ('-': stdin)")


# ---------------------------------------------------------------------------- output helpers
def _open_store() -> Store:
    store = Store()
    for notice in store.notices:
        print(f"ember: {notice}", file=sys.stderr)
    return store


def _color(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("NO_COLOR")


def _when(iso: str) -> str:
    """'14:02' today, 'Mar 3' this year, '2024-03-03' before."""
    try:
        t = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    now = datetime.now().astimezone()
    if t.date() == now.date():
        return t.strftime("%H:%M")
    if t.year == now.year:
        return t.strftime("%b %d").replace(" 0", " ")
    return t.strftime("%Y-%m-%d")


def _title(title: str) -> str:
    return title or "(untitled)"


# ------------------------------------------------------------------------------- commands
def run_history(args) -> int:
    cmd = getattr(args, "history_command", None)
    with _open_store() as store:
        if cmd == "search":
            return _search(store, " ".join(args.text), args.limit)
        if cmd == "show":
            sys.stdout.write(safe_for(sys.stdout, store.export_markdown([args.id])))
            return 0
        if cmd == "rename":
            store.rename(args.id, " ".join(args.title))
            title = store.get_conversation(args.id).title
            print(safe_for(sys.stdout, f"Conversation {args.id} is now titled {title!r}."))
            return 0
        if cmd in ("pin", "unpin"):
            store.set_pinned(args.id, cmd == "pin")
            print(f"Conversation {args.id} {'pinned' if cmd == 'pin' else 'unpinned'}.")
            return 0
        if cmd == "delete":
            return _delete(store, args.ids, args.yes)
        return _list(store, args.limit)


def _list(store: Store, limit: int) -> int:
    total = store.count_conversations()
    if not total:
        print("No saved conversations yet: `ember chat` saves each one.")
        return 0
    convs = store.list_conversations(limit=None if limit <= 0 else limit)
    width = max(len(str(c.id)) for c in convs)
    for c in convs:
        pin = "*" if c.pinned else " "
        model = f"  [{c.model}]" if c.model else ""
        print(safe_for(sys.stdout, f"{c.id:>{width}} {pin} {_when(c.updated):>10}  "
                                   f"{c.message_count:>3} msg  {_title(c.title)}{model}"))
    if len(convs) < total:
        print(f"({len(convs)} of {total}; `ember history -n 0` lists all, "
              "`ember history search TEXT` finds words)")
    return 0


def _search(store: Store, text: str, limit: int) -> int:
    if not text.strip():
        raise StoreError("Give some words to search for.")
    hits = store.search(text, limit=max(1, limit))
    if not hits:
        print(safe_for(sys.stdout, f"Nothing found for {text!r}."))
        return 1
    color = _color(sys.stdout)
    start, end = ("\x1b[1;33m", "\x1b[0m") if color else ("«", "»")

    def snippet(h) -> str:  # the model's text neutralized first, then the marks coloured
        marked = safe_for(sys.stdout, h.snippet(MARK_START, MARK_END), MARK_START + MARK_END)
        return marked.replace(MARK_START, start).replace(MARK_END, end)
    # grouped by conversation, in the order of each conversation's best match
    groups: dict[int, list] = {}
    for h in hits:
        groups.setdefault(h.conversation_id, []).append(h)
    for cid, group in groups.items():
        head = next((h for h in group if h.message_id is None), None)
        title = snippet(head) if head else safe_for(sys.stdout, _title(group[0].title))
        bold = ("\x1b[1m", "\x1b[0m") if color else ("", "")
        print(f"{bold[0]}#{cid}{bold[1]} {title}  ({_when(group[0].created)})")
        for h in group:
            if h.message_id is None:
                continue
            who = {"user": "you", "assistant": "assistant"}.get(h.role or "", h.role or "")
            print(f"    {who}: {' '.join(snippet(h).split())}")
    print(f"({len(hits)} match{'es' if len(hits) != 1 else ''} in {len(groups)} conversation"
          f"{'s' if len(groups) != 1 else ''}; `ember history show ID` prints one)")
    return 0


def _delete(store: Store, ids: list[int], yes: bool) -> int:
    convs = [store.get_conversation(i) for i in ids]  # all exist, or nothing is deleted
    if not yes:
        if not sys.stdin.isatty():
            raise StoreError("Deleting needs a confirmation: add -y to delete without asking.")
        names = ", ".join(f"{c.id} ({_title(c.title)})" for c in convs)
        if input(f"Delete {names}? [y/N] ").strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 1
    for c in convs:
        store.delete_conversation(c.id)
    print(f"Deleted {len(convs)} conversation{'s' if len(convs) != 1 else ''}.")
    return 0


def run_export(args) -> int:
    if args.all == (args.id is not None):
        raise EmberError("Give a conversation id (see `ember history`) or --all, not both.")
    with _open_store() as store:
        ids = None if args.all else [args.id]
        if ids:
            store.get_conversation(ids[0])  # a clear error for an unknown id
        elif not store.count_conversations():
            raise StoreError("There are no saved conversations to export.")
        text = store.export_json(ids) if args.format == "json" else store.export_markdown(ids)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.output).expanduser()
    try:
        tmp = out.with_name(out.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as e:
        raise EmberError(f"Could not write {out}: {e.strerror or e}.") from e
    print(f"Wrote {out}.", file=sys.stderr)
    return 0


def run_import(args) -> int:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.file).expanduser()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise EmberError(f"There is no file {path}.") from None
        except (OSError, UnicodeDecodeError) as e:
            raise EmberError(f"Could not read {path}: {getattr(e, 'strerror', None) or e}.") \
                from None
    with _open_store() as store:
        result = store.import_text(text, "" if args.file == "-" else args.file)
    n, k = len(result.imported), len(result.skipped)
    msg = f"Imported {n} conversation{'s' if n != 1 else ''}"
    if n:
        msg += " (" + ", ".join(str(i) for i in result.imported[:10]) + \
            (", ..." if n > 10 else "") + ")"
    if k:
        msg += (f"; {k} already here, skipped ("
                + ", ".join(str(i) for _, i in result.skipped[:10]) + (", ..." if k > 10 else "")
                + ")")
    print(msg + ".")
    return 0


# ------------------------------------------------------------------------- on its own
def main(argv: list[str] | None = None) -> int:
    """`python -m desktop.cli.history [--data-dir DIR] history|export|import ...`"""
    from ..core import paths
    p = argparse.ArgumentParser(prog="ember")
    p.add_argument("--data-dir")
    add_history_arguments(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(argv)
    try:
        paths.set_data_dir(args.data_dir)
        return {"history": run_history, "export": run_export, "import": run_import}[
            args.command](args)
    except EmberError as e:
        print(f"ember: {e}", file=sys.stderr)
        return 1



def register(sub) -> None:
    """`ember history`, `ember export`, `ember import`."""
    add_history_arguments(sub)
    for name, fn in (("history", run_history), ("export", run_export), ("import", run_import)):
        sub.choices[name].set_defaults(func=fn)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

