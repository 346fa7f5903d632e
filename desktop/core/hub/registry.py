"""Verified downloads (`models_dir()/verified.json`), pending downloads, cache look-ups and
removal of a model's files from the HF cache (Qt-free)."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from huggingface_hub import try_to_load_from_cache
from huggingface_hub.file_download import repo_folder_name

from .. import paths
from ..catalog import CatalogModel
from .common import (
    _SHA1_RE,
    _SHA256_RE,
    HubError,
    _hash_file,
    _repo_dir,
    _update_json,
    _within,
    check_catalog_entry,
    default_cache_dir,
    read_json,
)

log = logging.getLogger("ember.hub")

# ---------------------------------------------------------------------------------- the registry

def registry_path() -> Path:
    return paths.models_dir() / "verified.json"


def _pending_path() -> Path:
    """Downloads started but not verified yet, so remove() can find their partial files."""
    return paths.models_dir() / "downloads.json"


@dataclass(frozen=True)
class _Verified:
    name: str
    path: Path
    sha256: str


def _register(model: CatalogModel, files: list[_Verified], commit: str | None) -> None:
    records = []
    for f in files:
        st = f.path.stat()  # follows the snapshot symlink to the blob
        records.append({"name": f.name, "path": str(f.path), "sha256": f.sha256,
                        "size": st.st_size, "mtime_ns": st.st_mtime_ns})
    entry = {"path": str(files[0].path), "repo": model.repo, "revision": model.revision,
             "commit": commit, "files": records,
             "verified_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}

    def change(data: dict) -> None:
        data["version"] = 1
        if not isinstance(data.get("models"), dict):
            data["models"] = {}
        data["models"][model.id] = entry
    _update_json(registry_path(), change)
    _drop_pending(model.id)


def _unregister(model_id: str) -> dict | None:
    removed: list[dict] = []

    def change(data: dict) -> None:
        models = data.get("models")
        e = models.pop(model_id, None) if isinstance(models, dict) else None
        if e:
            removed.append(e)
    if registry_path().exists():
        _update_json(registry_path(), change)
    return removed[0] if removed else None


def _set_pending(model: CatalogModel, cache_dir: Path, etags: list[str]) -> None:
    def change(data: dict) -> None:
        data[model.id] = {"repo": model.repo, "cache_dir": str(cache_dir), "blobs": etags}
    _update_json(_pending_path(), change)


def _drop_pending(model_id: str) -> dict | None:
    removed: list[dict] = []

    def change(data: dict) -> None:
        e = data.pop(model_id, None)
        if e:
            removed.append(e)
    if _pending_path().exists():
        _update_json(_pending_path(), change)
    return removed[0] if removed else None


def _registry_entries() -> dict[str, dict]:
    models = read_json(registry_path()).get("models")
    if not isinstance(models, dict):
        return {}
    return {k: v for k, v in models.items() if isinstance(v, dict)}


def _entry_valid(entry: dict) -> bool:
    """Every file still has the size and modification time it had when it was verified."""
    files = entry.get("files")
    if not isinstance(entry.get("path"), str) or not isinstance(files, list) or not files:
        return False
    for rec in files:
        try:
            st = os.stat(rec["path"])
        except (OSError, KeyError, TypeError):
            return False
        if st.st_size != rec.get("size") or st.st_mtime_ns != rec.get("mtime_ns"):
            return False
    return True


def verified_path(model: CatalogModel) -> Path | None:
    """The first shard of a download verified earlier, if every file is still as it was then
    (same size and modification time); None otherwise. No hashing, no network."""
    entry = _registry_entries().get(model.id)
    if entry is None or entry.get("repo") != model.repo or not _entry_valid(entry):
        return None
    files = entry["files"]
    if [r.get("name") for r in files] != [f.name for f in model.files]:
        return None  # the catalog entry changed since
    for cf, rec in zip(model.files, files, strict=True):
        if cf.sha256 and cf.sha256.lower() != rec.get("sha256"):
            return None
    return Path(entry["path"])


def verified_models() -> dict[str, Path]:
    """Model id -> first shard of every registry entry whose files are unchanged."""
    return {mid: Path(e["path"]) for mid, e in _registry_entries().items() if _entry_valid(e)}


# ------------------------------------------------------------------------------- cache look-ups

def _find_in_cache(model: CatalogModel, cache_dir: Path,
                   on_hash: Callable[[int, int, str, int], None] | None = None,
                   check_stop: Callable[[], None] | None = None) -> Path | None:
    if not model.downloadable:
        return None
    try:
        check_catalog_entry(model)
    except HubError as e:  # a bad entry is never looked up: its names could lead anywhere
        log.warning("%s", e)
        return None
    repo = model.repo
    assert repo is not None  # downloadable
    repo_dir = Path(os.path.abspath(_repo_dir(cache_dir, repo)))
    found: list[Path] = []
    for cf in model.files:
        p = try_to_load_from_cache(repo, cf.name, cache_dir=str(cache_dir),
                                   revision=model.revision)
        if not isinstance(p, str):
            return None
        if not _within(Path(os.path.abspath(p)), repo_dir / "snapshots"):
            return None
        found.append(Path(p))
    verified = []
    for i, (cf, p) in enumerate(zip(model.files, found, strict=True), 1):
        # in the HF cache a file's blob is named by its etag: the sha256 for an LFS file
        # (a git blob id for a small file kept in git itself)
        blob_name = Path(os.path.realpath(p)).name if p.is_symlink() else ""
        lfs_sha = blob_name if _SHA256_RE.fullmatch(blob_name) else None
        git_id = blob_name if _SHA1_RE.fullmatch(blob_name) else None
        pin = cf.sha256.lower() if cf.sha256 else None
        if lfs_sha and pin and lfs_sha != pin:
            log.info("%s in the cache is not the file the catalog pins", p)
            return None
        if not (lfs_sha or git_id or pin):
            return None  # nothing to check it against without the network
        size = p.stat().st_size
        cb = (lambda n, i=i, name=cf.name, size=size: on_hash(i, n, name, size)) if on_hash else None
        digests = _hash_file(p, git_sha1=git_id is not None, on_progress=cb, check_stop=check_stop)
        ok = (digests["sha256"] == (lfs_sha or pin or digests["sha256"])
              and (pin is None or digests["sha256"] == pin)
              and (git_id is None or digests["git-sha1"] == git_id))
        if not ok:
            log.warning("%s in the HF cache is corrupt (sha256 %s)", p, digests["sha256"])
            return None
        verified.append(_Verified(cf.name, p, digests["sha256"]))
    commit = found[0].parent.name
    _register(model, verified, commit)
    return found[0]


def find_in_cache(model: CatalogModel, cache_dir: str | Path | None = None) -> Path | None:
    """A model already complete in the HF cache (fetched by Ember or another tool), verified by
    sha256 against its blob names and the catalog, then registered. Offline: no network."""
    return _find_in_cache(model, Path(cache_dir) if cache_dir else default_cache_dir())



# ------------------------------------------------------------------------------ remove / import

def _repo_links(repo_dir: Path) -> Iterable[Path]:
    snaps = repo_dir / "snapshots"
    if snaps.is_dir():
        for p in snaps.rglob("*"):
            if p.is_symlink():
                yield p


def _is_hash(value: object) -> bool:
    return isinstance(value, str) and bool(_SHA256_RE.fullmatch(value) or _SHA1_RE.fullmatch(value))


def remove(model: CatalogModel, cache_dir: str | Path | None = None) -> int:
    """Delete the model's files from the HF cache (their snapshot links and blobs only, plus
    partial downloads) and its registry entry. Returns the bytes freed."""
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    entry = _unregister(model.id)
    pending = _drop_pending(model.id)
    if not model.repo:
        return 0
    check_catalog_entry(model)  # its names and pins are safe as paths (else UnsafeMetadataError)
    pointers, etags, repo_dirs = _what_to_remove(model, cache_dir, entry, pending)
    freed = 0
    linked_blobs: set[Path] = set()
    for p in pointers:
        if p.is_symlink():
            linked_blobs.add(Path(os.path.realpath(p)))
            p.unlink()
        elif p.is_file():  # a copy where symlinks are not allowed
            freed += p.stat().st_size
            p.unlink()
    for repo_dir in repo_dirs:
        freed += _clean_repo_dir(repo_dir, linked_blobs, etags)
    return freed


def _what_to_remove(model: CatalogModel, cache_dir: Path, entry: dict | None,
                    pending: dict | None) -> tuple[set[Path], set[str], set[Path]]:
    """The model's snapshot links (or copies), the blobs' hashes and the repo folders to
    clean. The registry files are Ember's own, but an old or edited one may hold anything:
    only hashes in their exact form name blobs, only paths inside this repo's cache folder
    count."""
    repo = model.repo
    assert repo is not None  # remove() returns for a model without one
    folder = repo_folder_name(repo_id=repo, repo_type="model")
    etags = {f.sha256.lower() for f in model.files if f.sha256}
    entry_pointers: list[Path] = []
    repo_dirs = {Path(os.path.abspath(_repo_dir(cache_dir, repo)))}
    files = entry.get("files") if entry else None
    for rec in files if isinstance(files, list) else []:
        if not isinstance(rec, dict) or not isinstance(rec.get("path"), str):
            continue
        p = Path(os.path.abspath(rec["path"]))
        entry_pointers.append(p)
        if _is_hash(rec.get("sha256")):
            etags.add(rec["sha256"])
        if p.parent.parent.name == "snapshots" and p.parent.parent.parent.name == folder:
            repo_dirs.add(p.parent.parent.parent)
    if pending:
        etags.update(e for e in pending.get("blobs", []) if _is_hash(e))
        if isinstance(pending.get("cache_dir"), str):
            repo_dirs.add(Path(os.path.abspath(_repo_dir(Path(pending["cache_dir"]),
                                                         repo))))
    pointers = {p for p in entry_pointers if any(_within(p, d / "snapshots") for d in repo_dirs)}
    names = {f.name for f in model.files}
    for repo_dir in repo_dirs:
        snaps = repo_dir / "snapshots"
        if snaps.is_dir():
            for snap in snaps.iterdir():
                pointers.update(snap / n for n in names
                                if (snap / n).is_symlink() or (snap / n).exists())
    return pointers, etags, repo_dirs


def _clean_repo_dir(repo_dir: Path, linked_blobs: set[Path], etags: set[str]) -> int:
    """The model's blobs (unless another file still links to the same content), its partial
    downloads and the snapshot folders left empty; the bytes freed."""
    freed = 0
    blob_dir = Path(os.path.realpath(repo_dir / "blobs"))
    if blob_dir.is_dir():
        candidates = {b for b in linked_blobs if b.parent == blob_dir}
        candidates.update(blob_dir / e for e in etags if e)
        still_used = {Path(os.path.realpath(link)) for link in _repo_links(repo_dir)}
        for b in candidates:
            if b.is_file() and b not in still_used:
                freed += b.stat().st_size
                b.unlink()
        for e in filter(None, etags):
            # partial downloads: ours (<sha>.incomplete) and huggingface_hub's (<sha>.<id>.incomplete)
            for part in blob_dir.glob(f"{e}*.incomplete"):
                freed += part.stat().st_size
                part.unlink()
    snaps = repo_dir / "snapshots"
    if blob_dir.is_dir() and snaps.is_dir():  # drop the folders left empty, deepest first
        for d in sorted(snaps.rglob("*"), key=lambda q: len(q.parts), reverse=True):
            if d.is_dir() and not d.is_symlink() and not any(d.iterdir()):
                d.rmdir()
    return freed
