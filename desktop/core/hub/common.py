"""The hub package's vocabulary: progress states, errors, formatting, where the cache is,
hashing and small JSON files (Qt-free)."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import filelock
from huggingface_hub import constants as hf_constants
from huggingface_hub.file_download import repo_folder_name

from ..errors import EmberError
from ..texts import QT_TRANSLATE_NOOP, tr

if TYPE_CHECKING:
    from ..catalog import CatalogModel

log = logging.getLogger("ember.hub")

# Progress states
CHECKING = "checking"
DOWNLOADING = "downloading"
RETRYING = "retrying"
VERIFYING = "verifying"
DONE = "done"
PAUSED = "paused"
CANCELLED = "cancelled"
FAILED = "failed"

IMPORT_HINT = QT_TRANSLATE_NOOP(
    "", "import a .gguf file you already have with `ember models add FILE.gguf`")

_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_SHA1_RE = re.compile(r"[0-9a-f]{40}")
# what may name a repo, a revision and a file: the hub's own rules (huggingface_hub's
# validate_repo_id; git ref names), narrowed to what is safe as a path on every platform
_REPO_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}")
_REVISION_RE = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")
_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|]')
_MAX_NAME = 255
_HASH_CHUNK = 8 * 1024 * 1024
_MAX_BACKOFF_S = 30.0
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
# the CDN answers these for an expired signed URL: a fresh HEAD gives a new one
_REFRESH_STATUS = {403, 404, 410}


# ----------------------------------------------------------------------------------------- errors

class HubError(EmberError):
    """Base of this module's errors; the message is for the user."""


class DownloadError(HubError):
    """A download failed (the hub refused, the retries ran out, the catalog is out of date...)."""


class OfflineError(DownloadError):
    """The hub cannot be reached (HF_HUB_OFFLINE, connection refused, DNS failure)."""


class DiskFullError(DownloadError):
    """Not enough free disk space for what is left to download."""


class ChecksumError(DownloadError):
    """A file's sha256 is not the one the hub (or Ember's catalog) gives: it was deleted."""


class DownloadCancelled(HubError):
    """cancel() stopped the download; the bytes already fetched are kept for a later resume."""


class DownloadPaused(DownloadCancelled):
    """pause() stopped the download; run() again resumes it."""


class ImportConflictError(HubError):
    """import_gguf would overwrite a different, already imported file of the same name."""


class UnsafeMetadataError(DownloadError):
    """A name or hash from the hub (or a catalog) is not in the form it must have, or would put
    a file outside the cache: refused before anything is written or deleted."""


# ---------------------------------------------------------------------------------------- helpers

def fmt_bytes(n: float | None) -> str:
    """1234567 -> '1.2 MB' (decimal units, like the Hub shows sizes)."""
    if n is None:
        return "? bytes"
    if n < 1000:
        return f"{int(n)} bytes"
    for unit in ("KB", "MB", "GB", "TB"):
        n /= 1000
        if n < 1000 or unit == "TB":
            return f"{n:.1f} {unit}"
    raise AssertionError("unreachable")


def fmt_duration(s: float | None) -> str:
    if s is None:
        return "--"
    s = int(s + 0.5)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def default_cache_dir() -> Path:
    """The HF cache, from the environment at call time (huggingface_hub reads it at import)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    return Path(hf_constants.HF_HUB_CACHE)


def default_endpoint() -> str:
    return (os.environ.get("HF_ENDPOINT") or hf_constants.ENDPOINT).rstrip("/")


def offline_mode() -> bool:
    """HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) as set now, not only at import time."""
    v = os.environ.get("HF_HUB_OFFLINE") or os.environ.get("TRANSFORMERS_OFFLINE") or ""
    return v.strip().upper() in {"1", "ON", "YES", "TRUE"} or hf_constants.is_offline_mode()


def _download_timeout() -> float:
    try:
        return float(os.environ.get("HF_HUB_DOWNLOAD_TIMEOUT") or hf_constants.HF_HUB_DOWNLOAD_TIMEOUT)
    except ValueError:
        return float(hf_constants.DEFAULT_DOWNLOAD_TIMEOUT)


# ------------------------------------------------------------------------------------ validation
# Every name and hash that reaches the file system from a hub (the commit, an LFS sha256, a git
# blob id, an etag) or from a catalog (a repo, a revision, a file name, a pin) passes through
# one of these first. A hostile endpoint could otherwise send "../../x" as a sha256 and make
# the cache's blob (or its deletion under --force) land anywhere the user can write.

def _shown(value: object) -> str:
    """A hostile value as it may appear in a message: short, printable."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_sha256(value: object, what: str) -> str:
    """An LFS sha256: exactly 64 hex digits (returned lower-case)."""
    if isinstance(value, str) and re.fullmatch(r"[0-9a-fA-F]{64}", value):
        return value.lower()
    raise UnsafeMetadataError(tr("{what} is not a sha256 (64 hex digits) but {shown_value}; "
                                 "Ember refused it and wrote nothing. Check HF_ENDPOINT.").format(
                                  what=what, shown_value=_shown(value)))


def check_git_sha(value: object, what: str) -> str:
    """A git object id (a commit, a blob id): exactly 40 hex digits (returned lower-case)."""
    if isinstance(value, str) and re.fullmatch(r"[0-9a-fA-F]{40}", value):
        return value.lower()
    raise UnsafeMetadataError(tr("{what} is not a git hash (40 hex digits) but "
                                 "{shown_value}; Ember refused it and wrote nothing. Check "
                                 "HF_ENDPOINT.").format(what=what, shown_value=_shown(value)))


def check_etag(value: object, what: str) -> str:
    """An HTTP ETag as the hub sends it for a file: the sha256 of an LFS file or the git blob
    id of another, maybe quoted and maybe weak (W/"..."). Returns the bare lower-case hex."""
    if isinstance(value, str):
        bare = value.strip()
        if bare.startswith("W/"):
            bare = bare[2:]
        if len(bare) >= 2 and bare[0] == bare[-1] == '"':
            bare = bare[1:-1]
        if re.fullmatch(r"[0-9a-fA-F]{64}|[0-9a-fA-F]{40}", bare):
            return bare.lower()
    raise UnsafeMetadataError(tr("{what} is not a sha256 or git hash but {shown_value}; "
                                 "Ember refused it and wrote nothing. Check HF_ENDPOINT.").format(
                                  what=what, shown_value=_shown(value)))


def check_repo_id(value: object, what: str = QT_TRANSLATE_NOOP("", "The repository name")) -> str:
    if isinstance(value, str) and _REPO_ID_RE.fullmatch(value) and ".." not in value:
        return value
    raise UnsafeMetadataError(tr("{what} {shown_value} is not a Hugging Face repository "
                                 "name (organisation/name); Ember's catalog entry is "
                                 "invalid.").format(what=tr(what), shown_value=_shown(value)))


def check_revision(value: object, what: str = "The revision") -> str:
    """A branch, tag or commit: it names refs/<revision> in the cache."""
    if (isinstance(value, str) and len(value) <= _MAX_NAME and _REVISION_RE.fullmatch(value)
            and not any(part in (".", "..") for part in value.split("/"))):
        return value
    raise UnsafeMetadataError(tr("{what} {shown_value} is not a valid revision (a branch, "
                                 "tag or commit); Ember's catalog entry is invalid.").format(
                                  what=what, shown_value=_shown(value)))


def check_repo_path(value: object, what: str = QT_TRANSLATE_NOOP("", "The file name")) -> str:
    """A file's path inside a repo ('model.gguf', 'Q4_K_M/model-00001-of-00002.gguf'): relative,
    '/'-separated, no '.' or '..' part, no empty part, no drive, no character Windows forbids."""
    if isinstance(value, str) and 0 < len(value) <= 1000:
        parts = value.split("/")
        if (not _UNSAFE_NAME_CHARS.search(value)
                and all(p not in ("", ".", "..") and len(p) <= _MAX_NAME
                        and p == p.strip(" ") and not p.endswith(".") for p in parts)):
            return value
    raise UnsafeMetadataError(tr("{what} {shown_value} is not a safe file name inside a "
                                 "repository (no '..', no absolute path); Ember refused it "
                                 "and wrote nothing.").format(
                                  what=tr(what), shown_value=_shown(value)))


def check_catalog_entry(m: "CatalogModel") -> None:
    """A catalog (Ember's, or a mirror's through EMBER_CATALOG) names the repo, the revision and
    the files, and may pin sha256s: each must be in its exact form before it names a path."""
    what = tr("Ember's catalog entry {id!r}").format(id=m.id)
    check_repo_id(m.repo, f"{what}: the repository")
    check_revision(m.revision, f"{what}: the revision")
    if not m.files:
        raise UnsafeMetadataError(tr("{what} names no file.").format(what=what))
    for f in m.files:
        check_repo_path(f.name, f"{what}: the file")
        if f.sha256 is not None:
            check_sha256(f.sha256, tr("{what}: the pinned sha256 of {name}").format(
                                       what=what, name=f.name))


def _within(path: Path, root: Path) -> bool:
    try:
        Path(path).relative_to(root)
    except ValueError:
        return False
    return True


def safe_join(root: Path, *parts: str) -> Path:
    """root/parts..., refused (UnsafeMetadataError) unless it stays inside root, both as written
    and once the folders on the way are resolved (a symlinked folder may not lead out). The last
    part itself is not resolved: it may be a snapshot's link to its blob."""
    root = Path(os.path.abspath(root))
    path = Path(os.path.abspath(root.joinpath(*parts)))
    if path == root or not _within(path, root):
        raise UnsafeMetadataError(tr("{text!r} would be outside {root}; Ember refused it "
                                     "and wrote nothing.").format(
                                      text='/'.join(parts), root=root))
    real_root = Path(os.path.realpath(root))
    real_parent = Path(os.path.realpath(path.parent))
    if not _within(real_parent, real_root):
        raise UnsafeMetadataError(tr("{path} leads outside {root} (through a symbolic "
                                     "link); Ember refused to write there.").format(
                                      path=path, root=root))
    return path


def _repo_dir(cache_dir: Path, repo: str) -> Path:
    return Path(cache_dir) / repo_folder_name(repo_id=check_repo_id(repo), repo_type="model")


def _existing_ancestor(p: Path) -> Path:
    p = Path(p).absolute()
    while not p.exists() and p.parent != p:
        p = p.parent
    return p


def _hash_file(path: Path, *, sha256: bool = True, git_sha1: bool = False,
               on_progress: Callable[[int], None] | None = None,
               check_stop: Callable[[], None] | None = None) -> dict[str, str]:
    """Hash a file in chunks: 'sha256' and/or 'git-sha1' (the git blob id of a non-LFS file)."""
    size = path.stat().st_size
    hashers = {}
    if sha256:
        hashers["sha256"] = hashlib.sha256()
    if git_sha1:
        hashers["git-sha1"] = hashlib.sha1(b"blob %d\0" % size)
    done = 0
    with open(path, "rb") as f:
        while chunk := f.read(_HASH_CHUNK):
            for h in hashers.values():
                h.update(chunk)
            done += len(chunk)
            if on_progress:
                on_progress(done)
            if check_stop:
                check_stop()
    return {k: h.hexdigest() for k, h in hashers.items()}


def atomic_write_json(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # a damaged registry only costs a re-verification: treat it as empty
        log.warning("ignoring unreadable %s", path)
        return {}
    return data if isinstance(data, dict) else {}


_JSON_LOCK = threading.Lock()


def _update_json(path: Path, change: Callable[[dict], None]) -> None:
    """Read-modify-write under a thread lock and a file lock (other Ember processes)."""
    with _JSON_LOCK, filelock.FileLock(str(path) + ".lock", timeout=30):
        data = read_json(path)
        change(data)
        atomic_write_json(path, data)


def _link(blob: Path, pointer: Path) -> None:
    """Point snapshots/<commit>/<file> at its blob the way huggingface_hub does (a relative
    symlink), falling back to a hard link or a copy where symlinks are not allowed (Windows
    without developer mode)."""
    pointer.parent.mkdir(parents=True, exist_ok=True)
    tmp = pointer.with_name(f".{pointer.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        try:
            os.symlink(os.path.relpath(blob, pointer.parent), tmp)
        except OSError:
            try:
                os.link(blob, tmp)
            except OSError:
                shutil.copyfile(blob, tmp)
        os.replace(tmp, pointer)
    finally:
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()


def _write_ref(repo_dir: Path, revision: str, commit: str) -> None:
    if revision == commit:
        return
    ref = safe_join(repo_dir, "refs", *check_revision(revision).split("/"))
    check_git_sha(commit, "The commit")
    ref.parent.mkdir(parents=True, exist_ok=True)
    try:
        if ref.read_text() == commit:
            return
    except OSError:
        pass
    tmp = ref.with_name(f"{ref.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(commit)
    os.replace(tmp, ref)


# ------------------------------------------------------------------------------------ progress

@dataclass(frozen=True)
class DownloadProgress:
    """What a progress bar needs. While verifying, file_done/file_total count hashed bytes;
    done/total always count bytes on disk over all shards."""
    model_id: str
    state: str                 # checking, downloading, retrying, verifying, done, paused, cancelled, failed
    file: str                  # current file ("" before the first one)
    file_index: int            # 1-based
    file_count: int
    file_done: int
    file_total: int | None
    done: int
    total: int | None
    speed: float               # bytes/s, smoothed
    eta_s: float | None
    message: str = ""

    @property
    def fraction(self) -> float | None:
        return self.done / self.total if self.total else None

    def line(self) -> str:
        """A one-line status for a terminal."""
        parts = []
        if self.file_index:
            parts.append(f"[{self.file_index}/{self.file_count}] {self.file}")
        if self.total:
            parts.append(f"{fmt_bytes(self.done)} / {fmt_bytes(self.total)} "
                         f"({100 * self.done / self.total:.0f}%)")
        if self.state == DOWNLOADING:
            parts.append(f"{fmt_bytes(self.speed)}/s, {fmt_duration(self.eta_s)} left")
        elif self.state == VERIFYING and self.file_total:
            parts.append(f"verifying {100 * self.file_done / self.file_total:.0f}%")
        else:
            parts.append(self.message or self.state)
        return "  ".join(parts)


@dataclass(frozen=True)
class RemoteFile:
    """A file as the hub describes it."""
    name: str
    size: int
    sha256: str | None     # LFS files (all GGUFs): the sha256, which is also their etag
    blob_id: str | None    # git object id

    @property
    def etag(self) -> str:
        """The file's blob name in the HF cache."""
        return self.sha256 or self.blob_id or ""

# what the package re-exports (its __init__ star-imports these)
__all__ = [
    "CANCELLED", "CHECKING", "DONE", "DOWNLOADING", "FAILED", "IMPORT_HINT", "PAUSED", "RETRYING",
    "VERIFYING", "ChecksumError", "DiskFullError", "DownloadCancelled", "DownloadError",
    "DownloadPaused", "HubError", "ImportConflictError", "OfflineError", "UnsafeMetadataError",
    "default_cache_dir", "default_endpoint", "fmt_bytes", "offline_mode",
]
