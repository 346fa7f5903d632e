"""A project folder granted to a chat: the model may list, read and search it, and write to it
only when the user granted writing, each write shown as a diff and confirmed.

Part of desktop/core/agent (its __init__ tells the whole story).

Nothing outside the folder: a path must be relative, without `..`, and what it resolves to
(symlinks followed) must lie inside the folder's own resolved path; a symlink that points out
is refused like `../`. Reads are capped (`max_read_bytes`); binary files are refused.
"""
from __future__ import annotations

import difflib
import fnmatch
import os
import re
from pathlib import Path

from ..errors import EmberError
from .toolbox import CallContext, Tool, ToolResult

MAX_READ_BYTES = 256 * 1024
MAX_LIST = 500
MAX_MATCHES = 200
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox",
             ".mypy_cache", ".pytest_cache"}


class FolderError(EmberError):
    """A path the folder tools refuse (said to the model as the tool's result)."""


class Folder:
    def __init__(self, root: str | Path, *, write: bool = False,
                 max_read_bytes: int = MAX_READ_BYTES):
        root = Path(root).expanduser()
        if not root.is_dir():
            raise EmberError(f"{root} is not a folder.")
        self.root = Path(os.path.realpath(root))
        self.write = write
        self.max_read_bytes = max_read_bytes
        self.read_bytes = 0          # what the model read (a chat's budget shows it)

    # ------------------------------------------------------------------ confinement
    def resolve(self, rel: str, *, must_exist: bool = True) -> Path:
        if not isinstance(rel, str):
            raise FolderError("A path must be a string.")
        rel = rel.strip() or "."
        if rel.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", rel) \
                or os.path.isabs(rel):
            raise FolderError(f"{rel!r} is an absolute path: give a path inside the project "
                              "folder, relative to it.")
        parts = re.split(r"[\\/]+", rel)
        if ".." in parts:
            raise FolderError(f"{rel!r} goes up with '..': only the project folder is open.")
        target = Path(os.path.realpath(self.root.joinpath(*[p for p in parts if p not in ("", ".")])))
        if target != self.root and self.root not in target.parents:
            raise FolderError(f"{rel!r} leads outside the project folder (a symbolic link "
                              "points out of it).")
        if must_exist and not target.exists():
            raise FolderError(f"{rel!r} does not exist in the project folder.")
        return target

    def rel(self, p: Path) -> str:
        r = p.relative_to(self.root).as_posix()
        return r or "."

    # ------------------------------------------------------------------------ tools
    def list_files(self, path: str = ".", recursive: bool = False) -> str:
        d = self.resolve(path)
        if not d.is_dir():
            raise FolderError(f"{path!r} is a file, not a folder.")
        out: list[str] = []
        walker = os.walk(d) if recursive else [(str(d), *_split(d))]
        for base, dirs, files in walker:
            dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS)
            for name in dirs:
                out.append(self.rel(Path(base) / name) + "/")
            for name in sorted(files):
                p = Path(base) / name
                try:
                    size = p.stat().st_size
                except OSError:
                    size = None
                out.append(f"{self.rel(p)}  ({_size(size)})")
            if len(out) >= MAX_LIST:
                out = out[:MAX_LIST] + [f"[... more than {MAX_LIST} entries: list a "
                                        "subfolder ...]"]
                break
        return "\n".join(out) if out else "(empty folder)"

    def read_file(self, path: str) -> str:
        p = self.resolve(path)
        if p.is_dir():
            raise FolderError(f"{path!r} is a folder: list it with list_files.")
        size = p.stat().st_size
        if size > self.max_read_bytes:
            raise FolderError(f"{path!r} is {_size(size)}, more than the {_size(self.max_read_bytes)}"
                              " a read may take: search it with search_text instead.")
        data = p.read_bytes()
        if b"\0" in data[:8192]:
            raise FolderError(f"{path!r} is not a text file.")
        self.read_bytes += len(data)
        return data.decode("utf-8", errors="replace")

    def search_text(self, pattern: str, path: str = ".", glob: str | None = None,
                    regex: bool = False) -> str:
        if not isinstance(pattern, str) or not pattern:
            raise FolderError("'pattern' must be a non-empty string.")
        try:
            rx = re.compile(pattern if regex else re.escape(pattern), re.IGNORECASE)
        except re.error as e:
            raise FolderError(f"The pattern is not a regular expression: {e}") from e
        start = self.resolve(path)
        files = [start] if start.is_file() else []
        if start.is_dir():
            for base, dirs, names in os.walk(start):
                dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS)
                files.extend(Path(base) / n for n in sorted(names))
        hits: list[str] = []
        for f in files:
            if glob and not fnmatch.fnmatch(f.name, glob):
                continue
            try:
                real = Path(os.path.realpath(f))
                if real != self.root and self.root not in real.parents:
                    continue  # a link out of the folder: not searched
                if real.stat().st_size > self.max_read_bytes:
                    continue
                data = real.read_bytes()
            except OSError:
                continue
            if b"\0" in data[:8192]:
                continue
            for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
                if rx.search(line):
                    hits.append(f"{self.rel(f)}:{n}: {line.strip()[:200]}")
                    if len(hits) >= MAX_MATCHES:
                        return "\n".join(hits) + f"\n[... stopped at {MAX_MATCHES} matches ...]"
        return "\n".join(hits) if hits else f"No line matches {pattern!r}."

    def plan_write(self, path: str, content: str) -> tuple[Path, str]:
        """The target and the unified diff a write would make (nothing written)."""
        if not self.write:
            raise FolderError("Writing is not allowed in this project folder (the user did not "
                              "grant it).")
        if not isinstance(content, str):
            raise FolderError("'content' must be a string.")
        p = self.resolve(path, must_exist=False)
        if p.is_dir():
            raise FolderError(f"{path!r} is a folder.")
        if not p.parent.is_dir():
            raise FolderError(f"The folder of {path!r} does not exist.")
        old = p.read_text(encoding="utf-8", errors="replace") if p.exists() else ""
        diff = "".join(difflib.unified_diff(
            old.splitlines(keepends=True), content.splitlines(keepends=True),
            fromfile=f"a/{self.rel(p)}" if p.exists() else "/dev/null",
            tofile=f"b/{self.rel(p)}"))
        return p, diff

    def write_file(self, p: Path, content: str) -> None:
        tmp = p.with_name(f".{p.name}.ember-tmp")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, p)

    # ----------------------------------------------------------------- as tools
    def tools(self) -> list[Tool]:
        def wrap(fn):
            def run(args: dict, ctx: CallContext) -> ToolResult:
                try:
                    return ToolResult(fn(args, ctx))
                except FolderError as e:
                    return ToolResult(str(e), ok=False, status="refused")
            return run

        out = [
            Tool("list_files", "List the files and folders in the user's project folder (paths "
                 "relative to it).",
                 {"type": "object", "properties": {
                     "path": {"type": "string", "description": "a folder, default '.'"},
                     "recursive": {"type": "boolean"}}},
                 wrap(lambda a, c: self.list_files(a.get("path") or ".",
                                                   bool(a.get("recursive"))))),
            Tool("read_file", "Read a text file of the user's project folder.",
                 {"type": "object", "properties": {"path": {"type": "string"}},
                  "required": ["path"]},
                 wrap(lambda a, c: self.read_file(a.get("path")))),
            Tool("search_text", "Search the project folder's text files for a string (or a "
                 "regular expression); answers path:line: text.",
                 {"type": "object", "properties": {
                     "pattern": {"type": "string"}, "path": {"type": "string"},
                     "glob": {"type": "string", "description": "file names, e.g. *.py"},
                     "regex": {"type": "boolean"}}, "required": ["pattern"]},
                 wrap(lambda a, c: self.search_text(a.get("pattern"), a.get("path") or ".",
                                                    a.get("glob"), bool(a.get("regex"))))),
        ]
        if self.write:
            def write(args: dict, ctx: CallContext) -> ToolResult:
                try:
                    p, diff = self.plan_write(args.get("path"), args.get("content"))
                except FolderError as e:
                    return ToolResult(str(e), ok=False, status="refused")
                data = {"path": self.rel(p), "diff": diff}
                if not diff:
                    return ToolResult(f"{self.rel(p)} already has this content.", data=data)
                if ctx.confirm is None or not ctx.confirm("write_file", data):
                    return ToolResult(f"The user did not confirm the write to {self.rel(p)}; "
                                      "nothing was written.", ok=False, status="declined",
                                      data=data)
                self.write_file(p, args["content"])
                return ToolResult(f"Wrote {self.rel(p)} ({len(args['content']):,} characters).",
                                  data=data)
            out.append(Tool("write_file", "Write a text file in the project folder (the user "
                            "sees the diff and confirms it first).",
                            {"type": "object", "properties": {
                                "path": {"type": "string"}, "content": {"type": "string"}},
                             "required": ["path", "content"]}, write))
        return out


def _split(d: Path):
    dirs, files = [], []
    for e in os.scandir(d):
        (dirs if e.is_dir(follow_symlinks=False) else files).append(e.name)
    return dirs, files


def _size(n: int | None) -> str:
    if n is None:
        return "?"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
