"""A project folder granted to a chat: the model may list, read and search it, and write to it
only when the user granted writing, each write shown as a diff and confirmed.

Part of desktop/core/agent (its __init__ tells the whole story).

Nothing outside the folder, checked where a file is used, not once before (issue 27). A path
must be relative, without `..`. The folder is opened once, when it is granted, and every path
is walked from that descriptor one part at a time: each folder opened relative to the one
before with O_DIRECTORY|O_NOFOLLOW, the last part with O_NOFOLLOW|O_NONBLOCK and checked with
fstat (a regular file; a folder is listed, never read). The system never follows a link for
Ember: a link is read and its target walked the same way, so a link that points out is refused
like `../`, and a file or folder that another program swaps for a link while Ember reads makes
the open fail instead of leading out. A FIFO or a device is refused without being waited on.
Reads are capped (`max_read_bytes`); binary files are refused. A search runs the `regex`
package with a timeout (SEARCH_SECONDS in all) and looks at Stop between its tries.

A write is planned (the diff, and a `warning` for git's files, hooks, CI and shell start-up
files: `write_warning`), confirmed by the user, then the path is walked again: a path that no
longer leads where the diff said (a folder replaced by a link), or a file changed since the
diff, is refused. The content goes to a temp file created exclusively (O_CREAT|O_EXCL|
O_NOFOLLOW, a random name) in the folder held open, renamed over the target relative to it.

Where the system has no directory descriptors (Windows), the same walk goes by paths, each
part looked at with lstat: the same rules, without the guarantee against a concurrent swap.
"""
from __future__ import annotations

import fnmatch
import os
import re
import stat
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import regex

from ..errors import EmberError
from .folder_fs import (  # noqa: F401  (FolderError, SKIP_DIRS: the folder's names too)
    _COMMON,
    _CREATE_FLAGS,
    _DIR_FLAGS,
    _FD,
    _NOFOLLOW,
    _READ_FLAGS,
    SKIP_DIRS,
    FolderError,
    Handle,
    SearchStopped,
    _changed,
    _close,
    _diff,
    _dup,
    _identity,
    _lstat,
    _lstat_part,
    _open_in,
    _read,
    _readlink,
    _subfolder,
    _tree,
    _write_new,
)
from .toolbox import CallContext, Tool, ToolResult

MAX_READ_BYTES = 256 * 1024
MAX_DIFF_BYTES = 4 * 1024 * 1024   # a file a write replaces is read whole for its diff
MAX_LIST = 500
MAX_MATCHES = 200
MAX_LINKS = 40                     # links followed in one path (the kernel's own limit)
SEARCH_SECONDS = 5.0               # a search's whole time, reading and matching
FIRST_TRY_SECONDS = 0.05           # a line's first match try; each next one twice as long


@dataclass
class _Spot:
    """Where a path leads: the folder that holds its last part (open: the caller closes it),
    that part's name ("." for the folder itself), the path as walked (links replaced by what
    they lead to), and the last part's lstat (None: it does not exist)."""
    parent: Handle
    name: str
    parts: list[str]
    st: os.stat_result | None
    asked: str                       # the path as the model gave it

    @property
    def rel(self) -> str:
        return "/".join(self.parts) or "."


@dataclass
class WritePlan:
    """A write as the user is asked to confirm it; `before` is the file's identity (device,
    inode, size, mtime) when the diff was made, None for a new file."""
    rel: str
    parts: list[str]
    content: str
    diff: str
    warning: str
    before: tuple[int, int, int, int] | None


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
        # the folder as granted, held open: every path is walked from here (closed with the
        # Folder, or by close())
        self._root: Handle = str(self.root)
        if _FD:
            fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | _COMMON)
            self._root = fd
            self._closer = weakref.finalize(self, os.close, fd)

    def close(self) -> None:
        if isinstance(self._root, int):
            self._closer()

    # ------------------------------------------------------------------ confinement
    def _parts(self, path: object) -> tuple[str, list[str]]:
        """The path as given (stripped) and its parts; absolute paths and `..` refused."""
        if not isinstance(path, str):  # a model's tool arguments may hold anything
            raise FolderError("A path must be a string.")
        rel = path.strip() or "."
        if rel.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", rel) \
                or os.path.isabs(rel):
            raise FolderError(f"{rel!r} is an absolute path: give a path inside the project "
                              "folder, relative to it.")
        if "\0" in rel:
            raise FolderError(f"{rel!r} holds a NUL character: no file is named so.")
        parts = re.split(r"[\\/]+", rel)
        if ".." in parts:
            raise FolderError(f"{rel!r} goes up with '..': only the project folder is open.")
        return rel, [p for p in parts if p not in ("", ".")]

    def _walk(self, path: object, *, follow_last: bool = True) -> _Spot:
        """Walk `path` from the folder's own descriptor, one part at a time, never letting the
        system follow a link: a folder on the way is opened with O_NOFOLLOW relative to the one
        before; a link (the last part's too, with follow_last) is read and its target walked
        the same way, and refused if it leads out. The caller closes the spot's parent."""
        asked, todo = self._parts(path)
        stack: list[Handle] = [_dup(self._root)]    # the open folders, the root first
        names: list[str] = []                       # their names below the root
        links = 0
        try:
            while todo:
                name = todo.pop(0)
                if name == "..":   # only in a link's target: back up, never above the root
                    if not names:
                        raise FolderError(_outside(asked))
                    _close(stack.pop())
                    names.pop()
                    continue
                st = _lstat_part(stack[-1], name, asked, last=not todo)
                if st is not None and stat.S_ISLNK(st.st_mode) and (todo or follow_last):
                    links += 1
                    if links > MAX_LINKS:
                        raise FolderError(f"{asked!r} goes through too many symbolic links.")
                    target, from_root = self._link_target(stack[-1], name, asked)
                    if from_root:
                        while len(stack) > 1:
                            _close(stack.pop())
                        names.clear()
                    todo[:0] = target
                    continue
                if not todo:
                    return _Spot(stack.pop(), name, names + [name], st, asked)
                assert st is not None
                if not stat.S_ISDIR(st.st_mode):
                    raise FolderError(f"{asked!r}: {'/'.join(names + [name])} is a file, not a "
                                      "folder.")
                stack.append(_subfolder(stack[-1], name, asked))
                names.append(name)
            st = _lstat(stack[-1], ".")
            return _Spot(stack.pop(), ".", names, st, asked)
        finally:
            for h in stack:
                _close(h)

    def _link_target(self, d: Handle, name: str, asked: str) -> tuple[list[str], bool]:
        """A link's target as parts to walk, and whether they start at the folder's root (an
        absolute target inside the folder); a target outside is refused."""
        target = _readlink(d, name, asked)
        if not os.path.isabs(target):
            return [p for p in re.split(r"[\\/]+" if os.sep == "\\" else "/", target)
                    if p not in ("", ".")], False
        # where an absolute target leads, as a candidate only: what it names is walked again
        # from the root, link by link, so a swap after this look cannot lead out
        try:
            inside = Path(os.path.realpath(target)).relative_to(self.root)
        except ValueError:
            raise FolderError(_outside(asked)) from None
        return [p for p in inside.parts if p != "."], True

    def _open_file(self, spot: _Spot) -> tuple[int, os.stat_result]:
        """The regular file `spot` names, opened without following a link and without waiting
        (a FIFO swapped in never blocks), checked again once open."""
        st = spot.st
        if st is None:
            raise FolderError(f"{spot.asked!r} does not exist in the project folder.")
        if not stat.S_ISREG(st.st_mode):
            raise FolderError(_not_regular(spot.asked, st.st_mode))
        try:
            fd = _open_in(spot.parent, spot.name, _READ_FLAGS)
        except FileNotFoundError:
            raise FolderError(f"{spot.asked!r} does not exist in the project folder.") from None
        except OSError as e:   # ELOOP: a link was put in its place since the look
            raise FolderError(_changed(spot.asked, e)) from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise FolderError(_not_regular(spot.asked, st.st_mode))
        return fd, st

    # ------------------------------------------------------------------------ tools
    def list_files(self, path: object = ".", recursive: bool = False) -> str:
        spot = self._walk(path)
        try:
            if spot.st is None:
                raise FolderError(f"{spot.asked!r} does not exist in the project folder.")
            if not stat.S_ISDIR(spot.st.st_mode):
                raise FolderError(f"{spot.asked!r} is a file, not a folder.")
            top = _subfolder(spot.parent, spot.name, spot.asked)
        finally:
            _close(spot.parent)
        out: list[str] = []
        walker = _tree(top, "" if not spot.parts else spot.rel + "/", recursive)
        try:
            for base, _h, dirs, files in walker:
                out.extend(base + name + "/" for name in dirs)
                out.extend(f"{base}{name}  ({_what(st)})" for name, st in files)
                if len(out) >= MAX_LIST:
                    out = out[:MAX_LIST] + [f"[... more than {MAX_LIST} entries: list a "
                                            "subfolder ...]"]
                    break
        finally:
            walker.close()
            _close(top)
        return "\n".join(out) if out else "(empty folder)"

    def read_file(self, path: object) -> str:
        spot = self._walk(path)
        try:
            if spot.st is not None and stat.S_ISDIR(spot.st.st_mode):
                raise FolderError(f"{spot.asked!r} is a folder: list it with list_files.")
            fd, st = self._open_file(spot)
        finally:
            _close(spot.parent)
        try:
            data = None if st.st_size > self.max_read_bytes else _read(fd, self.max_read_bytes)
        finally:
            os.close(fd)
        if data is None:   # too big, or it grew past the cap while it was read
            size = _size(max(st.st_size, self.max_read_bytes + 1))
            raise FolderError(f"{spot.asked!r} is {size}, more than the "
                              f"{_size(self.max_read_bytes)} a read may take: search it with "
                              "search_text instead.")
        if b"\0" in data[:8192]:
            raise FolderError(f"{spot.asked!r} is not a text file.")
        self.read_bytes += len(data)
        return data.decode("utf-8", errors="replace")

    def search_text(self, pattern: object, path: object = ".", glob: object = None,
                    is_regex: bool = False, cancel: threading.Event | None = None) -> str:
        """path:line: text for each line that matches, under a time limit (SEARCH_SECONDS,
        SearchStopped "error") that Stop (`cancel`: SearchStopped "cancelled") ends sooner."""
        if not isinstance(pattern, str) or not pattern:
            raise FolderError("'pattern' must be a non-empty string.")
        if glob is not None and not isinstance(glob, str):
            raise FolderError("'glob' must be a string, e.g. *.py.")
        try:
            rx = regex.compile(pattern if is_regex else regex.escape(pattern), regex.IGNORECASE)
        except (regex.error, ValueError, OverflowError, RecursionError) as e:
            raise FolderError(f"The pattern is not a regular expression: {e}") from e
        clock = _Clock(cancel)
        hits: list[str] = []
        spot = self._walk(path)
        try:
            if spot.st is None:
                raise FolderError(f"{spot.asked!r} does not exist in the project folder.")
            if not stat.S_ISDIR(spot.st.st_mode):   # one file
                self._search_file(spot.parent, spot.name, spot.rel, rx, hits, clock)
                return _hits(hits, pattern)
            top = _subfolder(spot.parent, spot.name, spot.asked)
        finally:
            _close(spot.parent)
        walker = _tree(top, "" if not spot.parts else spot.rel + "/", True)
        try:
            for base, h, _dirs, files in walker:
                for name, st in files:
                    clock.check()
                    if not stat.S_ISREG(st.st_mode) or st.st_size > self.max_read_bytes or \
                            (glob and not fnmatch.fnmatch(name, glob)):
                        continue   # links: what one points to inside is searched where it is
                    if self._search_file(h, name, base + name, rx, hits, clock):
                        break
                else:
                    continue
                break
        finally:
            walker.close()
            _close(top)
        return _hits(hits, pattern)

    def _search_file(self, d: Handle, name: str, rel: str, rx: regex.Pattern, hits: list[str],
                     clock: _Clock) -> bool:
        """Add the file's matching lines to `hits`; True when MAX_MATCHES is reached. What is
        not a regular text file under the read cap once open is skipped."""
        try:
            fd = _open_in(d, name, _READ_FLAGS)
        except OSError:
            return False
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > self.max_read_bytes:
                return False
            data = _read(fd, self.max_read_bytes)
        except OSError:
            return False
        finally:
            os.close(fd)
        if data is None or b"\0" in data[:8192]:
            return False
        for n, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
            if clock.search(rx, line, f"{rel}:{n}"):
                hits.append(f"{rel}:{n}: {line.strip()[:200]}")
                if len(hits) >= MAX_MATCHES:
                    return True
        return False

    def plan_write(self, path: object, content: object) -> WritePlan:
        """The write as the user is to see it: the unified diff, a warning where the path or
        the content deserves one, and the file's identity now (nothing written)."""
        if not self.write:
            raise FolderError("Writing is not allowed in this project folder (the user did not "
                              "grant it).")
        if not isinstance(content, str):
            raise FolderError("'content' must be a string.")
        spot = self._walk(path, follow_last=False)
        try:
            old, before = self._current(spot)
        finally:
            _close(spot.parent)
        diff = _diff(old, content, f"a/{spot.rel}" if before else "/dev/null", f"b/{spot.rel}")
        return WritePlan(spot.rel, spot.parts, content, diff, write_warning(spot.parts, content),
                         before)

    def _current(self, spot: _Spot) -> tuple[str, tuple[int, int, int, int] | None]:
        """The text a write to `spot` replaces, and the file's identity ("", None: none)."""
        st = spot.st
        if spot.name == "." or st is not None and stat.S_ISDIR(st.st_mode):
            raise FolderError(f"{spot.asked!r} is a folder.")
        if st is None:
            return "", None
        if stat.S_ISLNK(st.st_mode):
            raise FolderError(f"{spot.asked!r} is a symbolic link: write the file it points to, "
                              "by its own path in the project folder.")
        fd, st = self._open_file(spot)
        try:
            data = _read(fd, MAX_DIFF_BYTES)
        finally:
            os.close(fd)
        if data is None:
            raise FolderError(f"{spot.asked!r} is larger than {_size(MAX_DIFF_BYTES)}: too large "
                              "to show the diff of a write.")
        return data.decode("utf-8", errors="replace"), _identity(st)

    def write_file(self, plan: WritePlan) -> None:
        """Write a confirmed plan. The path is walked again now, from the folder's descriptor:
        refused if it leads elsewhere than when the diff was made (a folder on its way replaced
        by a link) or if the file changed since (edited, replaced, made a link). The content
        goes to a temp file created exclusively, with a random name, in the folder held open,
        then renamed over the target relative to that folder (a link there is replaced, never
        followed)."""
        spot = self._walk(plan.rel, follow_last=False)
        try:
            if spot.parts != plan.parts:
                raise FolderError(f"{plan.rel!r} now leads to {spot.rel!r}: a folder on its way "
                                  "was replaced by a link while the diff was shown.")
            st = spot.st
            if (None if st is None else _identity(st)) != plan.before:
                raise FolderError(f"{plan.rel!r} changed while the diff was shown (edited, "
                                  "replaced or made a link): read it again before writing it.")
            _write_new(spot.parent, spot.name, plan.content.encode("utf-8"),
                       None if st is None else stat.S_IMODE(st.st_mode))
        finally:
            _close(spot.parent)

    # ----------------------------------------------------------------- as tools
    def tools(self) -> list[Tool]:
        def wrap(fn):
            def run(args: dict, ctx: CallContext) -> ToolResult:
                try:
                    return ToolResult(fn(args, ctx))
                except FolderError as e:
                    return ToolResult(str(e), ok=False, status=e.status)
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
                                                    a.get("glob"), bool(a.get("regex")),
                                                    c.cancel))),
        ]
        if self.write:
            def write(args: dict, ctx: CallContext) -> ToolResult:
                try:
                    plan = self.plan_write(args.get("path"), args.get("content"))
                except FolderError as e:
                    return ToolResult(str(e), ok=False, status="refused")
                # `warning`: a plain sentence the confirmation shows above the diff ("": none)
                data = {"path": plan.rel, "diff": plan.diff, "warning": plan.warning}
                if not plan.diff:
                    return ToolResult(f"{plan.rel} already has this content.", data=data)
                if ctx.confirm is None or not ctx.confirm("write_file", data):
                    return ToolResult(f"The user did not confirm the write to {plan.rel}; "
                                      "nothing was written.", ok=False, status="declined",
                                      data=data)
                try:
                    self.write_file(plan)
                except FolderError as e:
                    return ToolResult(f"The write to {plan.rel} was refused when it was "
                                      f"confirmed: {e} Nothing was written.", ok=False,
                                      status="refused", data=data)
                return ToolResult(f"Wrote {plan.rel} ({len(plan.content):,} characters).",
                                  data=data)
            out.append(Tool("write_file", "Write a text file in the project folder (the user "
                            "sees the diff and confirms it first).",
                            {"type": "object", "properties": {
                                "path": {"type": "string"}, "content": {"type": "string"}},
                             "required": ["path", "content"]}, write))
        return out


# -------------------------------------------------------------- the write's warning
# Where a write can make something run, or change what runs: the confirmation says so plainly,
# above the diff. Names are compared in lower case (a case-insensitive file system takes
# .GIT/config for .git/config). Build files (Makefile, setup.py, package.json) are code like
# any other: the diff shows them, without a warning that would then be on every other write.
_VCS_DIRS = {".git", ".hg", ".svn"}
_SHELL = "a shell start-up file: its commands run in each new shell that reads it"
_EDITOR = ("an editor's project settings: tasks and settings there can run programs when the "
           "folder is opened")
_NAMED = {
    ".gitmodules": "git's submodule list: the URLs and paths there are fetched and checked out",
    ".gitattributes": "git's attributes: a filter or diff driver named there runs a program "
                      "on git commands",
    ".envrc": "direnv's start-up file: its commands run when a shell enters the folder",
    ".pre-commit-config.yaml": "pre-commit's configuration: the hooks it names run on each "
                               "commit",
    ".gitlab-ci.yml": "a CI configuration: its commands run on the next push",
    **dict.fromkeys((".bashrc", ".bash_profile", ".bash_login", ".profile", ".zshrc",
                     ".zshenv", ".zprofile", ".zlogin"), _SHELL),
}
_IN_FOLDERS = ((".github/workflows/", "a CI workflow: its commands run on the next push"),
               (".vscode/", _EDITOR), (".idea/", _EDITOR))
# characters that change how text reads without being seen: bidirectional overrides and
# isolates (Trojan Source), zero-width spaces, a BOM past the start, and control characters
_INVISIBLE = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
                        "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")   # a CR that overwrites


def write_warning(parts: Sequence[str], content: str = "") -> str:
    """A plain warning for the confirmation of a write to `parts` (the path in the folder), or
    "" when there is nothing to say: a file of version control's own folder (hooks, config),
    git's attributes and submodules, CI, pre-commit, direnv and shell start-up files, an
    editor's project settings; and content that holds invisible or control characters."""
    low = [p.lower() for p in parts]
    rel = "/".join(parts)
    said = []
    if any(p in _VCS_DIRS for p in low):
        said.append(f"{rel} is in version control's own folder (.git): a hook there runs on "
                    "git commands, and git's config can make git run any program.")
    else:
        joined = "/" + "/".join(low)
        what = _NAMED.get(low[-1]) if low else None
        what = what or next((w for d, w in _IN_FOLDERS if f"/{d}" in joined), None)
        if what:
            said.append(f"{rel} is {what}.")
    odd = sorted(set(_INVISIBLE.findall(content.removeprefix("\ufeff"))))
    if odd:
        said.append("The content holds characters that change how it shows without being "
                    f"seen ({', '.join(f'U+{ord(c):04X}' for c in odd[:8])}): the code may not "
                    "be what the diff seems to show.")
    return " ".join(said)


# ----------------------------------------------------------------------- searching
class _Clock:
    """A search's time: SEARCH_SECONDS in all, and Stop. A line is matched with a timeout that
    starts at FIRST_TRY_SECONDS and doubles up to what is left, Stop looked at between tries
    (a match cannot be interrupted; its timeout is the way out): a pattern that backtracks
    for ever is given up at the deadline, and Stop ends it within about the try that runs."""

    def __init__(self, cancel: threading.Event | None, seconds: float = SEARCH_SECONDS):
        self.cancel = cancel
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise SearchStopped("The search was stopped by the user.", "cancelled")
        if time.monotonic() >= self.deadline:
            raise SearchStopped(f"The search took too long (more than {self.seconds:g} s) and "
                                "was stopped: search a subfolder, or give a glob.", "error")

    def search(self, rx: regex.Pattern, line: str, where: str) -> bool:
        try_s = FIRST_TRY_SECONDS
        while True:
            self.check()
            left = self.deadline - time.monotonic()
            t = min(try_s, left)
            try:
                return rx.search(line, timeout=t, concurrent=True) is not None
            except TimeoutError:
                if t >= left:
                    raise SearchStopped(
                        f"The search took too long (more than {self.seconds:g} s) and was "
                        f"stopped at {where}: the pattern backtracks on that line. Use a "
                        "simpler pattern (no nested repeats such as (a+)+).", "error") from None
                try_s *= 2


def _hits(hits: list[str], pattern: str) -> str:
    if len(hits) >= MAX_MATCHES:
        return "\n".join(hits) + f"\n[... stopped at {MAX_MATCHES} matches ...]"
    return "\n".join(hits) if hits else f"No line matches {pattern!r}."


# ------------------------------------------------------------------------- words
def _outside(asked: str) -> str:
    return (f"{asked!r} leads outside the project folder (a symbolic link points out of "
            "it).")


def _not_regular(asked: str, mode: int) -> str:
    what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file")
    return f"{asked!r} is {what}, not a file the folder tools read."


def _what(st: os.stat_result) -> str:
    """An entry of a listing: a file's size, or what it is."""
    m = st.st_mode
    return (_size(st.st_size) if stat.S_ISREG(m) else "link" if stat.S_ISLNK(m)
            else "named pipe" if stat.S_ISFIFO(m) else "not a regular file")


def _size(n: float | None) -> str:
    if n is None:
        return "?"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
