"""KV snapshots: a conversation's KV cache on disk, so switching back to it does not re-read.

Qt-free. One `KVCache` per data folder (default `paths.data_dir()/"kv"`), used on the thread
that owns the Engine:

    cache = KVCache()
    cache.switch_to(engine, conv_id)     # before a turn: restores conv_id's snapshot if the engine
                                         # holds another conversation (no-op if it holds this one)
    turn = engine.chat(messages, ...)    # the prefix reuse sees the restored tokens
    ...
    cache.save(engine, conv_id)          # after the answer (skipped under `min_tokens`)

Each snapshot is two files named by a hash of the conversation id: `<key>.kvstate` (llama.cpp's
sequence-state file: the KV cells and the token list, written by llama.cpp straight to disk) and
`<key>.json` (what it was made with: the engine's kv_identity(), the token count and a hash of
the tokens, the file's size and CRC-32). Both are written to temporary names and renamed into
place, the metadata last. A snapshot is restored only when the identity matches (same model
file, context size, KV type, RoPE/YaRN, llama.cpp version), the size and CRC match, llama.cpp
accepts it and the restored tokens hash to the recorded value; otherwise it is ignored (a
damaged one is deleted) and the turn simply processes its prompt.

The folder is bounded: after a save, the least recently used snapshots (by the time they were
last saved or restored) are deleted until the total is under `max_bytes`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .texts import tr

if TYPE_CHECKING:
    from .engine import Engine

log = logging.getLogger("ember.kvcache")

FORMAT = 1
DEFAULT_MAX_BYTES = 8 << 30        # 8 GiB: two 128K-token Qwen2.5-7B snapshots (q8_0)
MIN_TOKENS = 1024                  # below this, re-processing is about as fast as restoring
DISK_RESERVE = 2 << 30             # never fill the disk below this much free space


@dataclass
class SnapshotInfo:
    conv_id: str
    key: str
    n_tokens: int
    bytes: int
    created: float
    used: float
    identity: dict


def _crc32(path: Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while True:
            b = f.read(8 << 20)
            if not b:
                return crc
            crc = zlib.crc32(b, crc)


def _tokens_hash(tokens) -> str:
    return hashlib.sha256(array("i", tokens).tobytes()).hexdigest()


class KVCache:
    """A bounded, least-recently-used folder of KV snapshots, keyed by conversation id."""

    def __init__(self, root: str | Path | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 min_tokens: int = MIN_TOKENS, verify: bool = True):
        if root is None:
            from . import paths
            root = paths.data_dir() / "kv"
        self.root = Path(root)
        self.max_bytes = int(max_bytes)
        self.min_tokens = int(min_tokens)
        self.verify = verify       # CRC-32 of the state file on restore (~4 GB/s here)
        self.last_error: str | None = None

    # ----------------------------------------------------------------------- names
    @staticmethod
    def key(conv_id: str) -> str:
        return hashlib.sha256(str(conv_id).encode("utf-8")).hexdigest()[:32]

    def _files(self, key: str) -> tuple[Path, Path]:
        return self.root / f"{key}.kvstate", self.root / f"{key}.json"

    def _read_meta(self, meta_path: Path) -> dict | None:
        try:
            d = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return d if isinstance(d, dict) and d.get("format") == FORMAT else None

    # ------------------------------------------------------------------------ save
    def save(self, engine: "Engine", conv_id: str, *, force: bool = False) -> SnapshotInfo | None:
        """Snapshot the engine's KV cache as `conv_id`'s. Returns None when skipped: fewer than
        min_tokens cached (unless force), already saved with these exact tokens, larger than the
        cache's limit, or too little disk space (then `last_error` says why)."""
        self.last_error = None
        tokens = engine.kv_token_list()
        if not tokens or (len(tokens) < self.min_tokens and not force):
            return None
        key = self.key(conv_id)
        state_path, meta_path = self._files(key)
        identity = engine.kv_identity()
        thash = _tokens_hash(tokens)
        old = self._read_meta(meta_path)
        if old and old.get("identity") == identity and old.get("tokens_sha256") == thash \
                and state_path.exists():
            self._touch(meta_path, old)  # unchanged since the last save: just mark it used
            engine.kv_owner = conv_id
            return self._info(old)
        size = engine.kv_state_size() + 4 * len(tokens) + 64
        if size > self.max_bytes:
            self.last_error = (tr("The conversation's cache ({size_1_20:,.0f} MB) is larger "
                                  "than the snapshot limit ({self_max_bytes_1_20:,.0f} MB).").format(
                                   size_1_20=size / (1 << 20),
                                   self_max_bytes_1_20=self.max_bytes / (1 << 20)))
            return None
        self.root.mkdir(parents=True, exist_ok=True)
        self._drop(key)  # the stale snapshot of this conversation is replaced
        self._evict(self.max_bytes - size)
        try:
            import shutil
            free = shutil.disk_usage(self.root).free
        except OSError:
            free = None
        if free is not None and free - size < DISK_RESERVE:
            self.last_error = tr("Not enough free disk space to keep the conversation's "
                                 "cache.")
            return None
        tmp_state = state_path.with_name(f"{state_path.name}.tmp-{os.getpid()}")
        tmp_meta = meta_path.with_name(f"{meta_path.name}.tmp-{os.getpid()}")
        try:
            written = engine.save_kv(tmp_state)
            crc = _crc32(tmp_state)
            nbytes = tmp_state.stat().st_size
            now = time.time()
            meta = {"format": FORMAT, "conv_id": str(conv_id), "key": key,
                    "identity": identity, "n_tokens": len(tokens), "tokens_sha256": thash,
                    "bytes": nbytes, "crc32": crc, "created": now, "used": now,
                    "written": written}
            os.replace(tmp_state, state_path)
            tmp_meta.write_text(json.dumps(meta), encoding="utf-8")
            os.replace(tmp_meta, meta_path)
        except Exception as e:
            for p in (tmp_state, tmp_meta):
                p.unlink(missing_ok=True)
            self.last_error = tr("The conversation's cache could not be saved ({e}).").format(
                                  e=e)
            log.warning("%s", self.last_error)
            return None
        engine.kv_owner = conv_id
        self._evict(self.max_bytes, keep=key)
        return self._info(meta)

    # --------------------------------------------------------------------- restore
    def restore(self, engine: "Engine", conv_id: str) -> int:
        """Load `conv_id`'s snapshot into the engine. Returns the tokens restored, or 0 when there
        is none or it is unusable (another model or context, damaged: `last_error` says which).
        Then the engine's KV cache is as it was (or empty, if llama.cpp rejected the file while
        loading it), and the next turn processes what its prompt does not share with it."""
        self.last_error = None
        key = self.key(conv_id)
        state_path, meta_path = self._files(key)
        meta = self._read_meta(meta_path)
        if meta is None:
            if state_path.exists() and not meta_path.exists():
                state_path.unlink(missing_ok=True)  # an orphan from an interrupted save
            return 0
        if meta.get("identity") != engine.kv_identity():
            # made with another model or context: keep it for when that one is loaded again
            self.last_error = tr("The saved cache was made with another model or context.")
            return 0
        try:
            st = state_path.stat()
        except OSError:
            self._drop(key)
            self.last_error = tr("The saved cache is missing.")
            return 0
        if st.st_size != meta.get("bytes") or (self.verify and _crc32(state_path) != meta.get("crc32")):
            self._drop(key)
            self.last_error = tr("The saved cache was damaged and has been deleted.")
            return 0
        n = engine.restore_kv(state_path)
        if n == 0 or n != meta.get("n_tokens") or \
                _tokens_hash(engine.kv_token_list()) != meta.get("tokens_sha256"):
            if n:
                engine.reset()
            self._drop(key)
            self.last_error = tr("The saved cache could not be restored and has been "
                                 "deleted.")
            return 0
        engine.kv_owner = conv_id
        self._touch(meta_path, meta)
        return n

    def switch_to(self, engine: "Engine", conv_id: str) -> int:
        """Before a turn of `conv_id`: if the engine's KV cache holds another conversation, restore
        this one's snapshot (or leave the cache for prefix reuse when there is none). Returns
        the tokens restored (0 when nothing was restored, including when it already held it)."""
        if engine.kv_owner == conv_id:
            return 0
        n = self.restore(engine, conv_id)
        engine.kv_owner = conv_id
        return n

    # ------------------------------------------------------------------ housekeeping
    def _touch(self, meta_path: Path, meta: dict) -> None:
        meta = dict(meta, used=time.time())
        tmp = meta_path.with_name(f"{meta_path.name}.tmp-{os.getpid()}")
        try:
            tmp.write_text(json.dumps(meta), encoding="utf-8")
            os.replace(tmp, meta_path)
        except OSError:
            tmp.unlink(missing_ok=True)

    def _drop(self, key: str) -> None:
        for p in self._files(key):
            p.unlink(missing_ok=True)

    def drop(self, conv_id: str) -> None:
        """Forget a conversation's snapshot (e.g. when the conversation is deleted)."""
        self._drop(self.key(conv_id))

    def clear(self) -> None:
        for e in self.entries():
            self._drop(e.key)

    @staticmethod
    def _info(meta: dict) -> SnapshotInfo:
        return SnapshotInfo(conv_id=meta.get("conv_id", ""), key=meta.get("key", ""),
                            n_tokens=int(meta.get("n_tokens", 0)), bytes=int(meta.get("bytes", 0)),
                            created=float(meta.get("created", 0)), used=float(meta.get("used", 0)),
                            identity=meta.get("identity") or {})

    def entries(self) -> list[SnapshotInfo]:
        """Snapshots on disk, least recently used first."""
        out: list[SnapshotInfo] = []
        if not self.root.is_dir():
            return out
        for meta_path in self.root.glob("*.json"):
            meta = self._read_meta(meta_path)
            if meta is None:
                continue
            info = self._info(meta)
            info.key = meta_path.stem
            out.append(info)
        out.sort(key=lambda e: e.used)
        return out

    def total_bytes(self) -> int:
        if not self.root.is_dir():
            return 0
        return sum(p.stat().st_size for p in self.root.glob("*.kvstate") if p.is_file())

    def has(self, conv_id: str) -> bool:
        state_path, meta_path = self._files(self.key(conv_id))
        return state_path.exists() and meta_path.exists()

    def _evict(self, limit: int, *, keep: str | None = None) -> None:
        """Delete least recently used snapshots until the folder holds at most `limit` bytes;
        also orphans (a state without metadata) and leftovers of interrupted saves."""
        if not self.root.is_dir():
            return
        now = time.time()
        for p in self.root.glob("*.tmp-*"):
            try:  # another process may be writing: only old leftovers
                if now - p.stat().st_mtime > 3600:
                    p.unlink()
            except OSError:
                pass
        metas = {p.stem for p in self.root.glob("*.json")}
        for p in self.root.glob("*.kvstate"):
            if p.stem not in metas and p.stem != keep:
                p.unlink(missing_ok=True)
        total = self.total_bytes()
        for e in self.entries():
            if total <= limit:
                break
            if e.key == keep:
                continue
            state_path, _ = self._files(e.key)
            try:
                total -= state_path.stat().st_size
            except OSError:
                pass
            self._drop(e.key)
