"""Read a GGUF file's header without llama.cpp: metadata, tensor layout, completeness.

Used to give clear errors before a load (not a GGUF, truncated, missing shards) and, later,
by the offload planner (layers, heads, sizes) without loading any weights.
"""
from __future__ import annotations

import mmap
import os
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ModelFileError
from .texts import tr

GGUF_MAGIC = b"GGUF"

# ggml type id -> (elements per block, bytes per block); the values of gguf-py's GGML_QUANT_SIZES.
GGML_TYPE_SIZES: dict[int, tuple[int, int]] = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34),
    9: (32, 40), 10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210),
    15: (256, 292), 16: (256, 66), 17: (256, 74), 18: (256, 98), 19: (256, 50), 20: (32, 18),
    21: (256, 110), 22: (256, 82), 23: (256, 136), 24: (1, 1), 25: (1, 2), 26: (1, 4),
    27: (1, 8), 28: (1, 8), 29: (256, 56), 30: (1, 2), 34: (256, 54), 35: (256, 66),
    39: (32, 17), 40: (64, 36), 41: (128, 18),
}

# GGUF metadata value types
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
            10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9
# arrays longer than this keep only their length (tokenizer vocabularies hold 100K+ strings)
_ARRAY_KEEP = 64
# arrays of arrays: llama.cpp's reader takes none; gguf-py writes a few levels. Deeper is a
# crafted header (Python's recursion would give out near 1000 levels, with a traceback).
_MAX_ARRAY_DEPTH = 8
# general.alignment: llama.cpp requires a power of two (its default 32); more than this is absurd
_MAX_ALIGNMENT = 1 << 20

SPLIT_RE = re.compile(r"^(?P<stem>.*)-(?P<idx>\d{5})-of-(?P<count>\d{5})\.gguf$", re.IGNORECASE)


@dataclass
class TensorInfo:
    name: str
    shape: tuple[int, ...]
    ggml_type: int
    offset: int

    @property
    def n_bytes(self) -> int | None:
        size = GGML_TYPE_SIZES.get(self.ggml_type)
        if size is None:
            return None
        n = 1
        for d in self.shape:
            n *= d
        block, nbytes = size
        return (n // block) * nbytes


@dataclass
class GGUFInfo:
    path: Path
    version: int
    metadata: dict[str, object]
    array_lengths: dict[str, int]
    tensors: list[TensorInfo]
    data_offset: int
    file_size: int
    expected_size: int | None  # None when a tensor type is unknown to us
    shards: list[Path] = field(default_factory=list)

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", "unknown"))

    def arch_value(self, key: str, default=None):
        return self.metadata.get(f"{self.architecture}.{key}", default)

    @property
    def chat_template(self) -> str | None:
        t = self.metadata.get("tokenizer.chat_template")
        return t if isinstance(t, str) and t.strip() else None

    @property
    def name(self) -> str:
        return str(self.metadata.get("general.name") or self.path.stem)

    @property
    def context_length(self) -> int | None:
        return _as_count(self.arch_value("context_length"))

    @property
    def n_layers(self) -> int | None:
        return _as_count(self.arch_value("block_count"))


def _as_count(v: Any) -> int | None:
    """A header number as an int; None when it is missing or not a number (a crafted header
    must not raise from a property the planner reads)."""
    if v is None or isinstance(v, (bool, str, list)):
        return None
    try:
        n = int(v)
    except (TypeError, ValueError, OverflowError):
        return None
    return n if n >= 0 else None


class _Reader:
    def __init__(self, buf, path: Path):
        self.buf = buf
        self.pos = 0
        self.path = path

    def _need(self, n: int) -> None:
        if self.pos + n > len(self.buf):
            raise ModelFileError(
                tr("{name} is truncated: its GGUF header ends early (the file is {n_buf:,} "
                   "bytes). The download is probably incomplete; download it again.").format(
                    name=self.path.name, n_buf=len(self.buf)), path=self.path, kind="truncated")

    def unpack(self, fmt: str):
        n = struct.calcsize(fmt)
        self._need(n)
        v = struct.unpack_from(fmt, self.buf, self.pos)[0]
        self.pos += n
        return v

    def string(self) -> str:
        n = self.unpack("<Q")
        if n > 1 << 30:
            raise ModelFileError(tr("{name} is not a valid GGUF file (a string of {n:,} "
                                    "bytes in its header).").format(name=self.path.name, n=n), path=self.path, kind="corrupt")
        self._need(n)
        s = bytes(self.buf[self.pos:self.pos + n]).decode("utf-8", errors="replace")
        self.pos += n
        return s

    def skip_string(self) -> None:
        n = self.unpack("<Q")
        self._need(n)
        self.pos += n

    def value(self, vtype: int, key: str, lengths: dict[str, int], depth: int = 0):
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string()
        if vtype == _ARRAY:
            if depth >= _MAX_ARRAY_DEPTH:
                raise ModelFileError(tr("{name} is not a valid GGUF file ('{key}' nests "
                                        "arrays more than {MAX_ARRAY_DEPTH} deep).").format(
                                         name=self.path.name, key=key[:80],
                                         MAX_ARRAY_DEPTH=_MAX_ARRAY_DEPTH),
                                     path=self.path, kind="corrupt")
            itype = self.unpack("<I")
            count = self.unpack("<Q")
            lengths[key] = count
            keep = count <= _ARRAY_KEEP
            items = []
            if itype in _SCALARS and not keep:
                n = struct.calcsize(_SCALARS[itype]) * count
                self._need(n)
                self.pos += n
                return None
            for _ in range(count):
                if itype == _STRING and not keep:
                    self.skip_string()
                else:
                    items.append(self.value(itype, key, lengths, depth + 1))
            return items if keep else None
        raise ModelFileError(tr("{name} is not a valid GGUF file (unknown metadata type "
                                "{vtype} for '{key}').").format(
                                 name=self.path.name, vtype=vtype, key=key), path=self.path, kind="corrupt")


def _open_map(path: Path):
    if not path.exists():
        raise ModelFileError(tr("Model file not found: {path}").format(path=path), path=path, kind="missing")
    if path.is_dir():
        raise ModelFileError(tr("{path} is a folder, not a GGUF model file.").format(path=path), path=path, kind="missing")
    size = path.stat().st_size
    if size == 0:
        raise ModelFileError(tr("{name} is empty (0 bytes): not a GGUF model.").format(
                                 name=path.name), path=path,
                             kind="not_gguf")
    with path.open("rb") as f:
        head = f.read(4)
        if head != GGUF_MAGIC:
            raise ModelFileError(
                tr("{name} is not a GGUF model file (it starts with {head!r}, not b'GGUF'). "
                   "Ember runs llama.cpp GGUF models, e.g. *-q4_k_m.gguf.").format(
                    name=path.name, head=head), path=path, kind="not_gguf")
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ), size


def read_single(path: Path) -> GGUFInfo:
    path = Path(path)
    mm, size = _open_map(path)
    try:
        r = _Reader(mm, path)
        r.pos = 4
        version = r.unpack("<I")
        if version not in (2, 3):
            raise ModelFileError(tr("{name} uses GGUF version {version}, which this Ember "
                                    "does not know (2 and 3 are supported).").format(
                                     name=path.name, version=version), path=path, kind="corrupt")
        n_tensors = r.unpack("<Q")
        n_kv = r.unpack("<Q")
        if n_tensors > 1 << 24 or n_kv > 1 << 24:
            raise ModelFileError(tr("{name} is not a valid GGUF file (header counts "
                                    "{n_tensors:,} tensors, {n_kv:,} keys).").format(
                                     name=path.name, n_tensors=n_tensors, n_kv=n_kv), path=path, kind="corrupt")
        meta: dict[str, object] = {}
        lengths: dict[str, int] = {}
        for _ in range(n_kv):
            key = r.string()
            vtype = r.unpack("<I")
            meta[key] = r.value(vtype, key, lengths)
        tensors = []
        for _ in range(n_tensors):
            name = r.string()
            n_dims = r.unpack("<I")
            if n_dims > 8:
                raise ModelFileError(tr("{name} is not a valid GGUF file (tensor {name2!r} "
                                        "has {n_dims} dimensions).").format(
                                         name=path.name, name2=name, n_dims=n_dims), path=path, kind="corrupt")
            shape = tuple(r.unpack("<Q") for _ in range(n_dims))
            ttype = r.unpack("<I")
            offset = r.unpack("<Q")
            tensors.append(TensorInfo(name, shape, ttype, offset))
        align = _alignment(meta, path)
        data_offset = (r.pos + align - 1) // align * align
    finally:
        mm.close()
    expected: int | None = data_offset
    for t in tensors:
        nb = t.n_bytes
        if nb is None:
            expected = None
            break
        assert expected is not None  # None only on the way out (above)
        expected = max(expected, data_offset + t.offset + nb)
    return GGUFInfo(path, version, meta, lengths, tensors, data_offset, size, expected)


def _alignment(meta: dict[str, object], path: Path) -> int:
    """general.alignment as llama.cpp takes it: absent means 32; else a power of two."""
    align = meta.get("general.alignment", 32)
    if (isinstance(align, int) and not isinstance(align, bool) and 0 < align <= _MAX_ALIGNMENT
            and align & (align - 1) == 0):
        return align
    shown = repr(align) if not isinstance(align, (str, list)) else repr(align)[:40]
    raise ModelFileError(tr("{name} is not a valid GGUF file (its general.alignment is "
                            "{shown}, not a power of two).").format(name=path.name, shown=shown), path=path, kind="corrupt")


def shard_paths(path: Path) -> list[Path]:
    """All shards of a split model named like `name-00001-of-00003.gguf`, or just [path]."""
    m = SPLIT_RE.match(path.name)
    if not m:
        return [path]
    count = int(m.group("count"))
    return [path.with_name(f"{m.group('stem')}-{i:05d}-of-{count:05d}.gguf") for i in range(1, count + 1)]


def check_complete(info: GGUFInfo) -> None:
    if info.expected_size is not None and info.file_size < info.expected_size:
        missing = info.expected_size - info.file_size
        raise ModelFileError(
            tr("{name} is truncated: it holds {file_size:,} bytes but its tensors need "
               "{expected_size:,} ({missing:,} missing). The download is probably "
               "incomplete; download it again.").format(
                name=info.path.name, file_size=info.file_size,
                expected_size=info.expected_size, missing=missing), path=info.path, kind="truncated")


def inspect(path: str | os.PathLike[str]) -> GGUFInfo:
    """Read and check a model file (and, for a split model, every shard).

    Raises ModelFileError with a sentence a user can act on."""
    path = Path(path).expanduser()
    m = SPLIT_RE.match(path.name)
    if m and int(m.group("idx")) != 1:
        first = shard_paths(path)[0]
        raise ModelFileError(tr("{name} is shard {shard} of a split model: open "
                                "the first shard, {name2}.").format(
                                 name=path.name, shard=int(m.group('idx')),
                                 name2=first.name), path=path, kind="not_first_shard")
    info = read_single(path)
    check_complete(info)
    shards = [path]
    n_split = info.metadata.get("split.count")
    if m or (isinstance(n_split, int) and n_split > 1):
        shards = shard_paths(path)
        missing = [p.name for p in shards if not p.exists()]
        if missing:
            text = (tr("{name} is the first of {n_shards} shards, but {missing} is missing from "
                       "{parent}. Download every shard.") if len(missing) == 1 else
                    tr("{name} is the first of {n_shards} shards, but {missing} are missing from "
                       "{parent}. Download every shard."))
            raise ModelFileError(text.format(name=path.name, n_shards=len(shards),
                                             missing=", ".join(missing), parent=path.parent),
                                 path=path, kind="missing")
        for p in shards[1:]:
            check_complete(read_single(p))
    info.shards = shards
    return info
