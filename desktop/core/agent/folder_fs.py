"""The project folder's files opened by directory descriptor (issue 27): every open relative to
a folder Ember holds open, links never followed by the system, FIFOs and devices never waited
on, new files created exclusively under a random name and renamed by descriptor. agent/folder.py
walks paths and decides; this module does the system calls (and, without descriptors on
Windows, the same by path with lstat)."""
from __future__ import annotations

import contextlib
import difflib
import errno
import os
import secrets
import stat
from typing import Generator

from ..errors import EmberError

SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox",
             ".mypy_cache", ".pytest_cache"}

# directory descriptors (POSIX): every open is relative to a folder Ember holds open
_FD = (os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd
       and os.scandir in os.supports_fd and hasattr(os, "O_NOFOLLOW")
       and hasattr(os, "O_DIRECTORY"))
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_COMMON = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | os.O_NONBLOCK \
    if _FD else 0
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _COMMON
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _COMMON

Handle = int | str   # an open folder: its descriptor, or (without descriptors) its path


class FolderError(EmberError):
    """A path the folder tools refuse (said to the model as the tool's result)."""
    status = "refused"


class SearchStopped(FolderError):
    """A search that took too long (`error`) or that the user stopped (`cancelled`)."""

    def __init__(self, message: str, status: str):
        super().__init__(message)
        self.status = status


def _changed(asked: str, e: OSError) -> str:
    return (f"{asked!r} changed while it was opened (something on its way was replaced: "
            f"{e.strerror or e}); try again.")


# ------------------------------------------------------------- opening, by descriptor
def _dup(h: Handle) -> Handle:
    return os.dup(h) if isinstance(h, int) else h


def _close(h: Handle) -> None:
    if isinstance(h, int):
        os.close(h)


def _lstat(d: Handle, name: str) -> os.stat_result:
    if isinstance(d, int):
        return os.stat(name, dir_fd=d, follow_symlinks=False)
    return os.lstat(os.path.join(d, name))


def _lstat_part(d: Handle, name: str, asked: str, *, last: bool) -> os.stat_result | None:
    """The lstat of one part of a path; None for a last part that is not there (a new file)."""
    try:
        return _lstat(d, name)
    except FileNotFoundError:
        if last:
            return None
        raise FolderError(f"{asked!r} does not exist in the project folder (there is no "
                          f"{name!r} on its way).") from None
    except OSError as e:
        raise FolderError(_changed(asked, e)) from None


def _readlink(d: Handle, name: str, asked: str) -> str:
    try:
        if isinstance(d, int):
            return os.readlink(name, dir_fd=d)
        return os.readlink(os.path.join(d, name))
    except OSError as e:   # no longer a link
        raise FolderError(_changed(asked, e)) from None


def _open_dir(d: Handle, name: str) -> Handle:
    """A subfolder, opened relative to its folder without following a link (ELOOP for one,
    ENOTDIR for a file: a swap since the lstat fails here, never leads out)."""
    if isinstance(d, int):
        return os.open(name, _DIR_FLAGS, dir_fd=d)
    p = os.path.join(d, name)
    if not stat.S_ISDIR(os.lstat(p).st_mode):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), p)
    return p


def _subfolder(d: Handle, name: str, asked: str) -> Handle:
    try:
        return _open_dir(d, name)
    except OSError as e:
        raise FolderError(_changed(asked, e)) from None


def _open_in(d: Handle, name: str, flags: int, mode: int = 0o666) -> int:
    if isinstance(d, int):
        return os.open(name, flags, mode, dir_fd=d)
    return os.open(os.path.join(d, name), flags, mode)


def _read(fd: int, limit: int) -> bytes | None:
    """The file's bytes, read in chunks up to `limit`; None when it holds more (it grew)."""
    chunks: list[bytes] = []
    got = 0
    while got <= limit:
        b = os.read(fd, min(1 << 20, limit + 1 - got))
        if not b:
            return b"".join(chunks)
        chunks.append(b)
        got += len(b)
    return None


def _tree(top: Handle, prefix: str, recursive: bool) -> Generator[
        tuple[str, Handle, list[str], list[tuple[str, os.stat_result]]], None, None]:
    """os.walk through folder descriptors, top-down and sorted: for each folder its path in the
    project folder ("" or ending in "/"), its handle, its subfolders (SKIP_DIRS left out) and
    its other entries with their lstat. A link is an entry, never walked; a subfolder is
    opened without following links. Close the generator when stopping early."""
    dirs: list[str] = []
    files: list[tuple[str, os.stat_result]] = []
    with os.scandir(top) as it:
        entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        try:
            st = e.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode):
            files.append((e.name, st))
        elif e.name not in SKIP_DIRS:
            dirs.append(e.name)
    yield prefix, top, dirs, files
    if not recursive:
        return
    for name in dirs:
        try:
            sub = _open_dir(top, name)
        except OSError:
            continue
        try:
            yield from _tree(sub, f"{prefix}{name}/", True)
        finally:
            _close(sub)


def _diff(old: str, new: str, fromfile: str, tofile: str) -> str:
    """A unified diff with lines cut at \\n only (str.splitlines also cuts at CR, form feed,
    U+2028...: a CR in the content would make one diff line look like two), and git's marker
    after a last line without a newline."""
    def lines(text: str) -> list[str]:
        cut = text.split("\n")
        return [s + "\n" for s in cut[:-1]] + ([cut[-1]] if cut[-1] else [])

    return "".join(s if s.endswith("\n") else s + "\n\\ No newline at end of file\n"
                   for s in difflib.unified_diff(lines(old), lines(new), fromfile, tofile))


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _write_new(d: Handle, name: str, data: bytes, mode: int | None) -> None:
    """`data` into a new temp file beside `name` (created exclusively: a link or a file
    planted under its random name makes the create fail, never redirects it), then renamed
    over `name` relative to the same folder. `mode`: the replaced file's permissions."""
    mode = None if mode is None else mode & 0o777
    for _ in range(16):
        tmp = f".{name[:120]}.{secrets.token_hex(8)}.ember-tmp"
        try:
            fd = _open_in(d, tmp, _CREATE_FLAGS, 0o666 if mode is None else mode)
            break
        except FileExistsError:
            continue
    else:
        raise FolderError("No temporary file could be created beside it.")
    try:
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if isinstance(d, int):
            os.replace(tmp, name, src_dir_fd=d, dst_dir_fd=d)
        else:
            os.replace(os.path.join(d, tmp), os.path.join(d, name))
    except BaseException:
        with contextlib.suppress(OSError):
            if isinstance(d, int):
                os.unlink(tmp, dir_fd=d)
            else:
                os.unlink(os.path.join(d, tmp))
        raise
