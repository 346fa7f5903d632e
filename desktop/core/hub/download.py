"""One resumable, verified download of a catalog model from the Hugging Face Hub (Qt-free)."""
from __future__ import annotations

import errno
import logging
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import filelock
import httpx2
from huggingface_hub.errors import (
    GatedRepoError,
    HfHubHTTPError,
    OfflineModeIsEnabled,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.file_download import get_hf_file_metadata, hf_hub_url, repo_folder_name
from huggingface_hub.hf_api import HfApi
from huggingface_hub.utils import build_hf_headers, get_session

from ... import __version__
from ..catalog import CatalogModel
from ..texts import QT_TRANSLATE_NOOP, tr
from .common import (
    _MAX_BACKOFF_S,
    _REFRESH_STATUS,
    _RETRY_STATUS,
    _SHA1_RE,
    CANCELLED,
    CHECKING,
    DONE,
    DOWNLOADING,
    FAILED,
    IMPORT_HINT,
    PAUSED,
    RETRYING,
    VERIFYING,
    ChecksumError,
    DiskFullError,
    DownloadCancelled,
    DownloadError,
    DownloadPaused,
    DownloadProgress,
    HubError,
    OfflineError,
    RemoteFile,
    UnsafeMetadataError,
    _download_timeout,
    _existing_ancestor,
    _hash_file,
    _link,
    _repo_dir,
    _write_ref,
    check_catalog_entry,
    check_etag,
    check_git_sha,
    check_sha256,
    default_cache_dir,
    default_endpoint,
    fmt_bytes,
    offline_mode,
    safe_join,
)
from .registry import _find_in_cache, _register, _set_pending, _unregister, _Verified, verified_path

log = logging.getLogger("ember.hub")

class _ShortRead(Exception):
    """The server ended a response early without an error."""


class _BadStatus(Exception):
    def __init__(self, status: int, url: str):
        super().__init__(f"HTTP {status} from {urlsplit(url).netloc}")
        self.status = status


# ------------------------------------------------------------------------------------ download

class Download:
    """Download one catalog model into the HF cache, verified, resumable.

    run() blocks (call it from a worker thread in a GUI); on_progress is called from that thread.
    pause() and cancel() may be called from any thread: they take effect at the next received
    chunk (a stalled connection: within the read timeout). Both keep the bytes fetched so far in
    `<cache>/.../blobs/<sha256>.incomplete`, and run() again resumes from them with an HTTP Range
    request; remove() deletes them.
    """

    PROGRESS_INTERVAL_S = 0.1  # at most this often for byte counts; state changes always report

    def __init__(self, model: CatalogModel, *, endpoint: str | None = None,
                 cache_dir: str | Path | None = None,
                 on_progress: Callable[[DownloadProgress], None] | None = None,
                 max_retries: int = 5, backoff_s: float = 1.0, token: str | bool | None = None,
                 timeout_s: float | None = None):
        self.model = model
        self.endpoint = (endpoint or default_endpoint()).rstrip("/")
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
        self.on_progress = on_progress
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.token = token
        self.timeout_s = float(timeout_s) if timeout_s else _download_timeout()
        self.remote: list[RemoteFile] | None = None  # the hub's figures, after run() checked them
        self.commit: str | None = None
        self.notes: list[str] = []                    # unverified catalog figures the hub corrected
        self.progress: DownloadProgress | None = None  # the last one reported

        self._pause = threading.Event()
        self._cancel = threading.Event()
        self._wake = threading.Event()  # interrupts a backoff wait
        self._running = threading.Lock()
        self._reset_counters()

    # -- control (any thread)

    def pause(self) -> None:
        self._pause.set()
        self._wake.set()

    def cancel(self) -> None:
        self._cancel.set()
        self._wake.set()

    @property
    def state(self) -> str | None:
        return self.progress.state if self.progress else None

    # -- progress

    def _reset_counters(self) -> None:
        self._file, self._file_index, self._file_done = "", 0, 0
        self._file_total: int | None = None
        self._completed = 0      # bytes of the files already finished
        self._total: int | None = self.model.size
        self._transferred = 0    # bytes received over the network by this run (speed)
        self._speed = 0.0
        self._last_emit = 0.0
        self._speed_mark = (time.monotonic(), 0)

    def _done_for(self, state: str | None) -> int:
        """Bytes on disk over all shards (a file being verified is all there)."""
        if state == DONE:
            return self._total or self._completed
        if state == VERIFYING:
            return self._completed + (self._file_total or 0)
        return self._completed + self._file_done

    def _done(self) -> int:
        return self._done_for(self.state)

    def _emit(self, state: str, message: str = "", *, throttle: bool = False) -> None:
        now = time.monotonic()
        if throttle and state == self.state and now - self._last_emit < self.PROGRESS_INTERVAL_S:
            return
        self._last_emit = now
        t0, b0 = self._speed_mark
        if now - t0 >= 0.25:  # exponential smoothing over windows of a quarter second or more
            rate = (self._transferred - b0) / (now - t0)
            self._speed = rate if self._speed == 0 else 0.3 * rate + 0.7 * self._speed
            self._speed_mark = (now, self._transferred)
        speed = 0.0 if state in (DONE, PAUSED, CANCELLED, FAILED) else self._speed
        done = self._done_for(state)
        eta = max(0, self._total - done) / speed if speed > 0 and self._total else None
        self.progress = DownloadProgress(
            model_id=self.model.id, state=state, file=self._file, file_index=self._file_index,
            file_count=len(self.model.files), file_done=self._file_done,
            file_total=self._file_total, done=done, total=self._total, speed=speed, eta_s=eta,
            message=message)
        if self.on_progress:
            self.on_progress(self.progress)

    def _set_file(self, index: int, name: str, total: int | None, done: int = 0) -> None:
        self._file_index, self._file, self._file_total, self._file_done = index, name, total, done

    def _check_stop(self) -> None:
        if self._cancel.is_set():
            raise DownloadCancelled(
                tr("The download of {name} was cancelled; the {fmt_bytes_self__done} "
                   "already fetched are kept, so downloading it again resumes (`ember rm "
                   "{id}` deletes them).").format(
                    name=self.model.name, fmt_bytes_self__done=fmt_bytes(self._done()),
                    id=self.model.id))
        if self._pause.is_set():
            raise DownloadPaused(
                tr("The download of {name} is paused at {fmt_bytes_self__done} of "
                   "{fmt_bytes_self__tota}; resume it to continue where it stopped.").format(
                    name=self.model.name, fmt_bytes_self__done=fmt_bytes(self._done()),
                    fmt_bytes_self__tota=fmt_bytes(self._total)))

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._check_stop()

    # -- the run

    def run(self, *, force: bool = False) -> Path:
        """Download (or find) every file, verify it and return the first shard's path.

        force: download again even if a verified copy exists."""
        if not self._running.acquire(blocking=False):
            raise DownloadError(tr("The download of {name} is already running.").format(
                                    name=self.model.name))
        try:
            self._pause.clear()
            self._cancel.clear()
            self._wake.clear()
            self._reset_counters()
            try:
                return self._run(force)
            except OSError as e:  # writing to the cache failed
                raise self._os_error(e) from e
        except DownloadPaused as e:
            self._emit(PAUSED, str(e))
            raise
        except DownloadCancelled as e:
            self._emit(CANCELLED, str(e))
            raise
        except Exception as e:
            self._emit(FAILED, str(e))
            raise
        finally:
            self._running.release()

    @property
    def _repo(self) -> str:
        """The model's repository (run() refuses a model without one)."""
        repo = self.model.repo
        assert repo is not None
        return repo

    @property
    def _commit(self) -> str:
        """The commit being downloaded (set by _fetch_metadata, which raises without one)."""
        commit = self.commit
        assert commit is not None
        return commit

    def _os_error(self, e: OSError) -> HubError:
        if e.errno == errno.ENOSPC:
            return DiskFullError(
                tr("The disk holding {cache_dir} is full, so {name} could not be written: "
                   "free some space and download again (the {fmt_bytes_self__done} fetched "
                   "so far are kept).").format(
                    cache_dir=self.cache_dir, name=self.model.name,
                    fmt_bytes_self__done=fmt_bytes(self._done())))
        where = e.filename or self.cache_dir
        return DownloadError(tr("Ember could not use {where} ({reason}); check "
                                "that the Hugging Face cache folder {cache_dir} is writable.").format(
                                 where=where, reason=e.strerror or e,
                                 cache_dir=self.cache_dir))

    def _run(self, force: bool) -> Path:
        m = self.model
        if not m.downloadable:
            raise DownloadError(tr("{name} is not downloadable: it ships with Ember.").format(
                                    name=m.name))
        check_catalog_entry(m)
        self._emit(CHECKING, tr("Looking for a verified copy"))
        if not force:
            p = verified_path(m)
            if p is not None:
                self._emit(DONE, tr("{name} is already downloaded and verified.").format(
                                     name=m.name))
                return p
        if offline_mode():
            return self._offline(tr("HF_HUB_OFFLINE is set"), force, fix=tr("unset HF_HUB_OFFLINE"))
        self._emit(CHECKING, f"Asking {urlsplit(self.endpoint).netloc} about {m.repo}")
        try:
            remote = self._retry(self._fetch_metadata, metadata=True)
        except (httpx2.ConnectError, httpx2.ConnectTimeout, OfflineModeIsEnabled) as e:
            return self._offline(tr("{netloc} cannot be reached: {reason_e}").format(
                                     netloc=urlsplit(self.endpoint).netloc,
                                     reason_e=_reason(e)), force)
        self.remote = remote
        self._total = sum(f.size for f in remote)
        repo_dir = _repo_dir(self.cache_dir, self._repo)
        if force:
            self._discard(repo_dir, remote)
        self._check_disk(repo_dir, remote)
        _set_pending(m, self.cache_dir, [f.etag for f in remote])

        verified = []
        for i, rf in enumerate(remote, 1):
            self._set_file(i, rf.name, rf.size)
            verified.append(self._fetch_file(repo_dir, rf))
            self._completed += rf.size
        _write_ref(repo_dir, m.revision, self._commit)
        _register(m, verified, self.commit)
        self._set_file(len(remote), remote[-1].name, remote[-1].size, remote[-1].size)
        self._emit(DONE, tr("{name} is downloaded and verified.").format(name=m.name))
        return verified[0].path

    def _offline(self, why: str, force: bool,
                 fix: str = QT_TRANSLATE_NOOP("", "connect to the internet")) -> Path:
        """No hub: a complete copy in the cache will do, else OfflineError at once."""
        if not force:
            self._emit(CHECKING, tr("Offline: looking in the Hugging Face cache"))
            p = _find_in_cache(self.model, self.cache_dir, self._on_cache_hash, self._check_stop)
            if p is not None:
                self._emit(DONE, tr("{name} was found in the Hugging Face cache and "
                                    "verified.").format(name=self.model.name))
                return p
        raise OfflineError(
            tr("Ember is offline ({why}), so it cannot download {name}: {fix} and try "
               "again, or {IMPORT_HINT}.").format(
                why=why, name=self.model.name, fix=tr(fix), IMPORT_HINT=tr(IMPORT_HINT)))

    def _on_cache_hash(self, index: int, n: int, name: str, size: int) -> None:
        self._set_file(index, name, size, n)
        self._emit(VERIFYING, tr("Verifying {name} from the Hugging Face cache").format(
                                  name=name), throttle=True)

    # -- retries

    def _retry(self, op: Callable[[], object], *, metadata: bool = False):
        """Run op, retrying transient failures with exponential backoff. A retry that received
        bytes resets the count (a flaky but working connection keeps going)."""
        attempt = 0
        last: BaseException | None = None
        while True:
            self._check_stop()
            before = self._transferred
            try:
                return op()
            except HubError:
                raise
            except Exception as e:  # noqa: BLE001 - classified below, re-raised if not transient
                if metadata and isinstance(e, (httpx2.ConnectError, httpx2.ConnectTimeout,
                                               OfflineModeIsEnabled)):
                    raise  # no hub at all: fail at once (the caller falls back to the cache)
                fatal = self._fatal(e)
                if fatal is e:
                    raise
                if fatal is not None:
                    raise fatal from e
                last = e
            if self._transferred > before:
                attempt = 0
            attempt += 1
            if attempt > self.max_retries:
                raise self._gave_up(last) from last
            delay = min(self.backoff_s * 2 ** (attempt - 1), _MAX_BACKOFF_S)
            reason = _reason(last)
            self._emit(RETRYING, tr("{upper}{reason_1}; retrying in {delay:.3g} s (attempt "
                                    "{attempt} of {max_retries}).").format(
                                     upper=reason[:1].upper(), reason_1=reason[1:],
                                     delay=delay, attempt=attempt,
                                     max_retries=self.max_retries))
            log.info("%s: %s; retry %d in %.3gs", self.model.id, _reason(last), attempt, delay)
            self._sleep(delay)

    def _fatal(self, e: Exception) -> Exception | None:
        """The user-facing error for a failure not worth retrying, None for a transient one,
        e itself for an unexpected one (a bug: let it through)."""
        m, f = self.model, self._file
        if isinstance(e, OfflineModeIsEnabled):
            return OfflineError(tr("Ember is offline (HF_HUB_OFFLINE is set), so it cannot "
                                   "download {name}: unset it and try again, or "
                                   "{IMPORT_HINT}.").format(
                                    name=m.name, IMPORT_HINT=tr(IMPORT_HINT)))
        if isinstance(e, GatedRepoError):
            return DownloadError(tr("{repo} is gated: accept its licence on huggingface.co, "
                                    "log in (`hf auth login` or set HF_TOKEN) and download "
                                    "again.").format(repo=m.repo))
        if isinstance(e, RepositoryNotFoundError):
            return DownloadError(tr("The Hugging Face repository {repo} was not found (or "
                                    "needs a login): Ember's catalog entry for {name} may "
                                    "be out of date.").format(repo=m.repo, name=m.name))
        if isinstance(e, RevisionNotFoundError):
            return DownloadError(tr("{repo} has no revision {revision!r}: Ember's catalog "
                                    "entry for {name} is out of date.").format(
                                     repo=m.repo, revision=m.revision, name=m.name))
        if isinstance(e, RemoteEntryNotFoundError):
            return DownloadError(tr("{repo} has no file {file}: Ember's catalog "
                                    "entry for {name} is out of date.").format(
                                     repo=m.repo, file=f or '(unknown)', name=m.name))
        if isinstance(e, httpx2.ProxyError):
            return DownloadError(tr("The proxy refused the connection to the hub ({e}); "
                                    "check the HTTPS_PROXY setting.").format(e=e))
        status = _status_of(e)
        if status is not None:
            if status in _RETRY_STATUS or status >= 500:
                return None
            if isinstance(e, _BadStatus) and status in _REFRESH_STATUS:
                return None  # an expired CDN link: the retry asks the hub for a fresh one
            return DownloadError(tr("The hub refused to serve {file} (HTTP "
                                    "{status}); try again later.").format(
                                     file=f or m.repo, status=status))
        if isinstance(e, (httpx2.TransportError, _ShortRead)):
            return None
        if isinstance(e, ValueError) and "json" in type(e).__name__.lower():
            return DownloadError(tr("{netloc} did not answer like the Hugging Face Hub; "
                                    "check HF_ENDPOINT.").format(
                                     netloc=urlsplit(self.endpoint).netloc))
        return e

    def _gave_up(self, e: BaseException | None) -> HubError:
        kept = (tr(" (the {fmt_bytes_self__done} fetched so far are kept)").format(
                    fmt_bytes_self__done=fmt_bytes(self._done())) if self._done()
                else "")
        if isinstance(e, (httpx2.ConnectError, httpx2.ConnectTimeout)):
            return OfflineError(tr("Ember lost its connection to the hub while downloading "
                                   "{name} ({reason_e}): download again to resume{kept}, or "
                                   "{IMPORT_HINT}.").format(
                                    name=self.model.name, reason_e=_reason(e), kept=kept,
                                    IMPORT_HINT=tr(IMPORT_HINT)))
        n = self.max_retries
        text = (tr("Downloading {name} failed after {n} retry ({reason_e}): try again later to "
                   "resume{kept}.") if n == 1 else
                tr("Downloading {name} failed after {n} retries ({reason_e}): try again later "
                   "to resume{kept}."))
        return DownloadError(text.format(name=self.model.name, n=n, reason_e=_reason(e),
                                         kept=kept))

    # -- metadata

    def _fetch_metadata(self) -> list[RemoteFile]:
        m = self.model
        info = HfApi(endpoint=self.endpoint, library_name="ember",
                     library_version=__version__).model_info(
            self._repo, revision=m.revision, files_metadata=True, timeout=self.timeout_s,
            token=self.token)
        host = urlsplit(self.endpoint).netloc
        if info.sha is not None:
            self.commit = check_git_sha(info.sha, tr("The commit {host} gave for {repo}").format(
                                                      host=host, repo=m.repo))
        else:
            self.commit = m.revision if _SHA1_RE.fullmatch(m.revision) else None
        if not self.commit:
            raise DownloadError(tr("{host} did not say which commit {repo}@{revision} is; "
                                   "check HF_ENDPOINT.").format(
                                    host=host, repo=m.repo, revision=m.revision))
        # a hostile sibling name is never used: only the catalog's (checked) names are looked up
        siblings = {s.rfilename: s for s in (info.siblings or []) if isinstance(s.rfilename, str)}
        missing = [f.name for f in m.files if f.name not in siblings]
        if missing:
            raise DownloadError(
                tr("{repo} (revision {revision}) has no {text}: Ember's catalog entry for "
                   "{name} is out of date; update Ember or choose another model.").format(
                    repo=m.repo, revision=m.revision, text=', '.join(missing), name=m.name))
        remote = []
        self.notes = []
        for cf in m.files:
            s = siblings[cf.name]
            size = s.lfs.size if s.lfs else s.size
            sha = (check_sha256(s.lfs.sha256, tr("The sha256 {host} gave for {name}").format(
                                                  host=host, name=cf.name))
                   if s.lfs else None)
            blob_id = (check_git_sha(s.blob_id, tr("The blob id {host} gave for {name}").format(
                                                    host=host, name=cf.name))
                       if s.blob_id is not None else None)
            if size is None or not (sha or blob_id):
                raise DownloadError(tr("{host} did not give the size and checksum of "
                                       "{name}; check HF_ENDPOINT.").format(
                                        host=host, name=cf.name))
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                raise UnsafeMetadataError(tr("{host} gave {name} an impossible size "
                                             "({str_size_40!r}); check HF_ENDPOINT.").format(
                                              host=host, name=cf.name,
                                              str_size_40=str(size)[:40]))
            if cf.sha256 and sha is not None and sha != cf.sha256.lower():
                raise ChecksumError(
                    tr("{name} on the hub (sha256 {sha_12}…) is not the file Ember's "
                       "catalog pins (sha256 {cf_sha256_lower_12}…), so it changed upstream "
                       "and Ember will not download it: update Ember's catalog.").format(
                        name=cf.name, sha_12=sha[:12],
                        cf_sha256_lower_12=cf.sha256.lower()[:12]))
            if cf.size is not None and cf.size != size:
                if m.verified:
                    raise DownloadError(
                        tr("{name} on the hub is {size:,} bytes but Ember's catalog says "
                           "{size2:,}, so the file changed upstream: update Ember's catalog.").format(
                            name=cf.name, size=size, size2=cf.size))
                self.notes.append(tr("{name}: the catalog's unverified size {size:,} bytes "
                                     "is {size2:,} on the hub").format(
                                      name=cf.name, size=cf.size, size2=size))
            remote.append(RemoteFile(cf.name, size, sha, blob_id))
        for note in self.notes:
            log.info("%s: %s", m.id, note)
        return remote

    def _check_disk(self, repo_dir: Path, remote: list[RemoteFile]) -> None:
        needed = 0
        for rf in remote:
            blob, pointer = self._blob(repo_dir, rf), self._pointer(repo_dir, rf)
            if blob.exists() or pointer.exists():
                continue
            partial = _partial(blob)
            needed += rf.size - (partial.stat().st_size if partial.exists() else 0)
        free = shutil.disk_usage(_existing_ancestor(self.cache_dir)).free
        if needed > free:
            raise DiskFullError(
                tr("{name} needs {fmt_bytes_needed} more disk space but only "
                   "{fmt_bytes_free} is free on the disk holding {cache_dir}: free some "
                   "space (or point HF_HUB_CACHE at a larger disk) and try again.").format(
                    name=self.model.name, fmt_bytes_needed=fmt_bytes(needed),
                    fmt_bytes_free=fmt_bytes(free), cache_dir=self.cache_dir))

    def _discard(self, repo_dir: Path, remote: list[RemoteFile]) -> None:
        """--force: forget the verified copy and delete these files' blobs, links and partials."""
        _unregister(self.model.id)
        for rf in remote:
            blob = self._blob(repo_dir, rf)
            for p in [self._pointer(repo_dir, rf), blob, _partial(blob)]:
                if p.is_symlink() or p.exists():
                    p.unlink()

    def _blob(self, repo_dir: Path, rf: RemoteFile) -> Path:
        """blobs/<etag>, checked to stay inside the repo's cache folder."""
        return safe_join(repo_dir, "blobs", rf.etag)

    def _pointer(self, repo_dir: Path, rf: RemoteFile) -> Path:
        """snapshots/<commit>/<file>, checked to stay inside the repo's cache folder."""
        return safe_join(repo_dir, "snapshots", self._commit, *rf.name.split("/"))

    # -- one file

    def _fetch_file(self, repo_dir: Path, rf: RemoteFile) -> _Verified:
        (repo_dir / "blobs").mkdir(parents=True, exist_ok=True)
        blob = self._blob(repo_dir, rf)
        pointer = self._pointer(repo_dir, rf)
        partial = _partial(blob)
        lock_path = safe_join(self.cache_dir, ".locks",
                              repo_folder_name(repo_id=self._repo, repo_type="model"),
                              f"{rf.etag}.lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        # the lock huggingface_hub takes for the same blob: never two writers of one file
        lock = filelock.FileLock(str(lock_path), timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise DownloadError(tr("{name} is being downloaded by another program right now "
                                   "(it holds {lock_path}); wait for it to finish, then try "
                                   "again.").format(name=rf.name, lock_path=lock_path)) from None
        try:
            # a complete copy already there (another tool's, or a run stopped before its
            # registration): verify it rather than fetch it again
            existing = blob if blob.is_file() else (
                pointer if pointer.is_file() and not pointer.is_symlink() else None)
            if existing is not None:
                self._file_done = rf.size
                sha = self._verify(existing, rf, fresh=False)
                if sha is not None:
                    if existing == blob:
                        _link(blob, pointer)
                    return _Verified(rf.name, pointer, sha)
            if pointer.is_symlink() and not pointer.exists():
                pointer.unlink()  # dangling
            self._retry(lambda: self._download(rf, partial))
            sha = self._verify(partial, rf, fresh=True)
            assert sha is not None  # a fresh file that does not match raises
            os.replace(partial, blob)
            _link(blob, pointer)
            return _Verified(rf.name, pointer, sha)
        finally:
            lock.release()

    def _download(self, rf: RemoteFile, partial: Path) -> None:
        """One attempt: HEAD for a fresh CDN location, then GET from where the partial ends."""
        have = partial.stat().st_size if partial.exists() else 0
        if have > rf.size:
            partial.unlink()
            have = 0
        self._file_done = have
        if have == rf.size:
            return
        url = hf_hub_url(self._repo, rf.name, revision=self.commit, endpoint=self.endpoint)
        meta = get_hf_file_metadata(url, token=self.token, timeout=self.timeout_s,
                                    endpoint=self.endpoint, library_name="ember",
                                    library_version=__version__)
        etag = (check_etag(meta.etag, tr("The etag {netloc} gave for {name}").format(
                                          netloc=urlsplit(url).netloc, name=rf.name))
                if meta.etag else None)
        if etag and etag != rf.etag:
            raise DownloadError(tr("The hub gave two different checksums for {name} "
                                   "({etag_12}… and {rf_etag_12}…); try again later.").format(
                                    name=rf.name, etag_12=etag[:12], rf_etag_12=rf.etag[:12]))
        headers = build_hf_headers(token=self.token, library_name="ember",
                                   library_version=__version__)
        if _origin(meta.location) != _origin(url):
            headers.pop("authorization", None)  # never send the token to the CDN
        headers["Accept-Encoding"] = "identity"  # byte ranges of the file itself
        if have:
            headers["Range"] = f"bytes={have}-"
        self._emit(DOWNLOADING, f"Downloading {rf.name}" + (f" from {fmt_bytes(have)}" if have else ""))
        with get_session().stream("GET", meta.location, headers=headers, follow_redirects=True,
                                  timeout=httpx2.Timeout(self.timeout_s)) as r:
            if r.status_code == 416:  # the partial is not a prefix the server can continue
                partial.unlink(missing_ok=True)
                raise _ShortRead(tr("the server could not resume the file"))
            if r.status_code >= 400:
                raise _BadStatus(r.status_code, str(r.url))
            mode = "ab"
            if have and r.status_code != 206:  # Range ignored: the whole file comes again
                mode, have = "wb", 0
            elif have and not r.headers.get("Content-Range", "").startswith(f"bytes {have}-"):
                partial.unlink(missing_ok=True)
                raise _ShortRead(tr("the server resumed from the wrong offset"))
            self._file_done = have
            with open(partial, mode) as f:
                for chunk in r.iter_bytes():
                    f.write(chunk)
                    self._file_done += len(chunk)
                    self._transferred += len(chunk)
                    if self._file_done > rf.size:
                        f.close()
                        partial.unlink(missing_ok=True)
                        raise _ShortRead(tr("the server sent more bytes than the file has"))
                    self._emit(DOWNLOADING, f"Downloading {rf.name}", throttle=True)
                    self._check_stop()
        if self._file_done < rf.size:
            raise _ShortRead(tr("the connection ended {fmt_bytes_rf_size_se} early").format(
                                 fmt_bytes_rf_size_se=fmt_bytes(rf.size - self._file_done)))

    def _verify(self, path: Path, rf: RemoteFile, *, fresh: bool) -> str | None:
        """Hash a file; return its sha256 if it matches the hub (and the catalog's pin).
        A mismatch deletes it: a fresh download raises ChecksumError, an older cached copy
        returns None (to be downloaded again)."""
        self._file_done = 0
        self._emit(VERIFYING, f"Verifying {rf.name}")
        pin = next((f.sha256.lower() for f in self.model.files if f.name == rf.name and f.sha256), None)

        def progress(n: int) -> None:
            self._file_done = n
            self._emit(VERIFYING, f"Verifying {rf.name}", throttle=True)
        digests = _hash_file(path, git_sha1=rf.sha256 is None, on_progress=progress,
                             check_stop=self._check_stop)
        got = digests["sha256"]
        ok = (got == rf.sha256 if rf.sha256 else digests["git-sha1"] == rf.blob_id)
        ok = ok and (pin is None or got == pin) and path.stat().st_size == rf.size
        self._file_done = rf.size
        if ok:
            return got
        expected = rf.sha256 or pin or rf.blob_id or ""  # a RemoteFile has one of them
        path.unlink(missing_ok=True)
        pointer = self._pointer(_repo_dir(self.cache_dir, self._repo), rf)
        if pointer.is_symlink() or pointer.exists():
            pointer.unlink()
        if fresh:
            raise ChecksumError(
                tr("{name} arrived corrupted (sha256 {got_12}…, expected {expected_12}…) "
                   "and was deleted: download it again (if this keeps happening, your "
                   "network or disk is damaging data).").format(
                    name=rf.name, got_12=got[:12], expected_12=expected[:12]))
        log.warning("%s in the cache was corrupt (sha256 %s): downloading it again", path, got)
        self._emit(CHECKING, tr("The cached {name} was corrupt; downloading it again").format(
                                 name=rf.name))
        return None


def _partial(blob: Path) -> Path:
    # the name older huggingface_hub versions resumed from, too
    return blob.with_name(blob.name + ".incomplete")


def _origin(url: str) -> tuple[str, str]:
    u = urlsplit(url)
    return u.scheme, u.netloc.lower()


def _status_of(e: BaseException) -> int | None:
    if isinstance(e, _BadStatus):
        return e.status
    if isinstance(e, HfHubHTTPError) and e.response is not None:
        return e.response.status_code
    return None


def _reason(e: BaseException | None) -> str:
    """A short phrase for a transient failure."""
    if isinstance(e, httpx2.ConnectTimeout):
        return tr("the connection timed out")
    if isinstance(e, httpx2.ConnectError):
        text = str(e).lower()
        if "refused" in text:
            return "connection refused"
        if "name" in text or "resolve" in text or "nodename" in text:
            return tr("the host name could not be resolved")
        return tr("could not connect")
    if isinstance(e, httpx2.TimeoutException):
        return tr("the connection stalled (no data within the timeout)")
    if isinstance(e, (httpx2.RemoteProtocolError, httpx2.NetworkError)):
        return tr("the connection dropped")
    status = _status_of(e) if e is not None else None
    if status is not None:
        return tr("the server answered HTTP {status}").format(status=status)
    if isinstance(e, _ShortRead):
        return str(e)
    return str(e) if e else "unknown error"
