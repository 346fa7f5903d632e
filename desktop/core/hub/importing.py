"""Importing a .gguf the user already has into Ember's models folder (Qt-free)."""
from __future__ import annotations

import errno
import logging
import os
import shutil
import uuid
from pathlib import Path

from .. import gguf_meta, paths
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


def import_gguf(path: str | Path, *, copy: bool = True) -> Path:
    """Check a GGUF model (every shard of a split one) and put it into Ember's models folder
    (`models_dir()/imported/`): copied, or hard-linked when copy=False and the disk allows it.
    Returns the first shard there. Importing the same file twice is harmless."""
    src = Path(path).expanduser()
    info = gguf_meta.inspect(src)  # ModelFileError: missing, not a GGUF, truncated, shard missing
    dest_dir = imported_dir()
    pairs = [(s, dest_dir / s.name) for s in info.shards]
    for s, d in pairs:  # refuse any conflict before touching anything
        if (d.exists() or d.is_symlink()) and not _same_content(s, d):
            raise ImportConflictError(
                f"A different model file named {d.name} is already imported in {dest_dir}: "
                f"remove it first (`ember rm {d.stem}`) or rename your file.")
    for s, d in pairs:
        if d.exists():
            continue
        tmp = d.with_name(f".{d.name}.{uuid.uuid4().hex[:8]}.partial")
        try:
            linked = False
            if not copy:
                try:
                    os.link(s, tmp)
                    linked = True
                except OSError:
                    pass
            if not linked:
                shutil.copyfile(s, tmp)
            os.replace(tmp, d)
        except OSError as e:
            if e.errno == errno.ENOSPC:
                raise DiskFullError(f"There is not enough free disk space in {dest_dir} to import "
                                    f"{s.name} ({fmt_bytes(s.stat().st_size)}).") from e
            raise HubError(f"Ember could not copy {s} into {dest_dir} ({e.strerror or e}).") from e
        finally:
            tmp.unlink(missing_ok=True)
    gguf_meta.inspect(pairs[0][1])  # the copy is complete
    return pairs[0][1]
