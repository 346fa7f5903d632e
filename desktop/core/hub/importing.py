"""Importing a .gguf the user already has into Ember's models folder (Qt-free)."""
from __future__ import annotations

import errno
import logging
import os
import shutil
import uuid
from pathlib import Path
from typing import Callable

from .. import gguf_meta, paths
from ..texts import tr
from .common import DiskFullError, HubError, ImportConflictError, _hash_file, fmt_bytes

log = logging.getLogger("ember.hub")


def imported_dir() -> Path:
    d = paths.models_dir() / "imported"
    d.mkdir(parents=True, exist_ok=True)
    return d


def _same_content(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
        if a.stat().st_size != b.stat().st_size:
            return False
    except OSError:
        return False
    return _hash_file(a) == _hash_file(b)


def import_gguf(path: str | Path, *, copy: bool = True, link: bool = False,
                on_progress: Callable[[int, int], None] | None = None) -> Path:
    """Check a GGUF model (every shard of a split one) and put it into Ember's models folder
    (`models_dir()/imported/`): copied, or hard-linked when copy=False and the disk allows it,
    or (link=True) a symbolic link to the file where it is, nothing copied: the model then
    needs the file to stay there (`broken_links()` finds the links whose file is gone).
    on_progress(done, total) counts the bytes copied over all shards (from the copying thread).
    Returns the first shard there. Importing the same file twice is harmless."""
    src = Path(path).expanduser().absolute()
    info = gguf_meta.inspect(src)  # ModelFileError: missing, not a GGUF, truncated, shard missing
    dest_dir = imported_dir()
    pairs = [(s, dest_dir / s.name) for s in info.shards]
    for s, d in pairs:  # refuse any conflict before touching anything
        # (a link in place whose file is gone is replaced: importing the file again mends it)
        if d.exists() and not _same_content(s, d):
            raise ImportConflictError(
                tr("A different model file named {name} is already imported in {dest_dir}: "
                   "remove it first (`ember rm {stem}`) or rename your file.").format(
                    name=d.name, dest_dir=dest_dir, stem=d.stem))
    total = sum(s.stat().st_size for s, _ in pairs)
    done = 0
    for s, d in pairs:
        if d.exists():
            done += s.stat().st_size
            continue
        tmp = d.with_name(f".{d.name}.{uuid.uuid4().hex[:8]}.partial")
        try:
            linked = False
            if link:
                os.symlink(s, tmp)
                linked = True
            elif not copy:
                try:
                    os.link(s, tmp)
                    linked = True
                except OSError:
                    pass
            if not linked:
                done = _copy(s, tmp, done, total, on_progress)
            else:
                done += s.stat().st_size
            os.replace(tmp, d)
        except OSError as e:
            if e.errno == errno.ENOSPC:
                raise DiskFullError(tr("There is not enough free disk space in {dest_dir} "
                                       "to import {name} ({fmt_bytes_s_stat_st_}).").format(
                                        dest_dir=dest_dir, name=s.name,
                                        fmt_bytes_s_stat_st_=fmt_bytes(s.stat().st_size))) from e
            raise HubError(tr("Ember could not copy {s} into {dest_dir} ({reason}).").format(
                               s=s, dest_dir=dest_dir, reason=e.strerror or e)) from e
        finally:
            tmp.unlink(missing_ok=True)
        if on_progress:
            on_progress(done, total)
    gguf_meta.inspect(pairs[0][1])  # the copy is complete
    return pairs[0][1]


def _copy(src: Path, dst: Path, done: int, total: int,
          on_progress: Callable[[int, int], None] | None) -> int:
    """shutil.copyfile in 8 MiB pieces, reporting the bytes copied so far."""
    if on_progress is None:
        shutil.copyfile(src, dst)
        return done + src.stat().st_size
    with open(src, "rb") as fi, open(dst, "wb") as fo:
        while chunk := fi.read(8 << 20):
            fo.write(chunk)
            done += len(chunk)
            on_progress(done, total)
    return done


def broken_links() -> list[tuple[Path, str]]:
    """Imported models linked in place (import_gguf(link=True)) whose file is gone: each link
    and the path it pointed to."""
    out = []
    for p in sorted(imported_dir().glob("*.gguf")):
        if p.is_symlink() and not p.exists():
            try:
                target = os.readlink(p)
            except OSError:
                target = "?"
            out.append((p, target))
    return out
