"""A fake Hugging Face Hub on 127.0.0.1, for tests without a network.

It speaks what huggingface_hub and desktop.core.hub use:

- GET /api/models/{repo}[/revision/{rev}][?blobs=True]: the repo's info (`sha` = commit, and
  `siblings` with size, blobId and LFS sha256/size when blobs=True), as `HfApi.model_info`.
- HEAD|GET /{repo}/resolve/{rev}/{file}: a 302 to the CDN with X-Repo-Commit, X-Linked-Etag
  (the quoted sha256), X-Linked-Size and ETag (the git oid), as the real hub answers for LFS
  files. No X-Xet-* header, so huggingface_hub never takes its Xet path.
- Errors the way the hub flags them: X-Error-Code RepoNotFound (401), RevisionNotFound and
  EntryNotFound (404), so huggingface_hub raises its own typed errors.
- The CDN is a second server on another port (another origin, as cdn-lfs.hf.co is): HEAD|GET
  /repos/{org}/{name}/{sha256}?filename=... with Range support (206 + Content-Range, 416).

Fault injection on the CDN bytes (all thread-safe; `times=None` means every time):
drop_after (close the connection after N bytes of a response), stall_after (send N bytes,
then go silent for a while, then close), corrupt (flip bytes, advertised sha256 unchanged),
fail_next (the next K requests answer HTTP 500 or another status), throttle (bytes/s).
Every request is recorded (`requests`, `file_gets`, `bytes_sent`).

Hostile metadata (`tamper`): the repo info and the resolve headers can carry any commit sha,
LFS sha256, git blob id, ETag or file name, as a hostile HF_ENDPOINT would send them.

Run it by hand: `python tests/fakehub.py org/name DIR [--throttle BYTES_PER_S]` serves DIR's
files as org/name and prints the endpoint (for `HF_ENDPOINT=... ember pull`).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, quote, unquote, urlsplit


@dataclass
class ServedFile:
    repo: str
    name: str
    size: int
    sha256: str
    data: bytes | None = None
    path: Path | None = None

    def read(self, start: int, end: int) -> bytes:
        if self.data is not None:
            return self.data[start:end]
        with open(self.path, "rb") as f:
            f.seek(start)
            return f.read(end - start)

    @property
    def pointer(self) -> bytes:
        """The git-lfs pointer file that git stores instead of the bytes."""
        return (f"version https://git-lfs.github.com/spec/v1\noid sha256:{self.sha256}\n"
                f"size {self.size}\n").encode()

    @property
    def blob_id(self) -> str:
        p = self.pointer
        return hashlib.sha1(b"blob %d\0" % len(p) + p).hexdigest()


@dataclass
class Fault:
    kind: str                 # drop | stall | corrupt
    file: str | None          # None: any file
    nbytes: int = 0
    times: int | None = 1     # None: every time
    seconds: float = 0.0


@dataclass
class Tamper:
    """What a hostile hub says instead of the truth (None: the truth)."""
    commit: object = None                            # the repo info's `sha`
    sha256: dict[str, object] | None = None          # file -> its LFS sha256 in the repo info
    blob_id: dict[str, object] | None = None         # file -> its blobId in the repo info
    size: dict[str, object] | None = None            # file -> its size in the repo info
    no_lfs: set[str] | None = None                   # files shown as plain git files (no lfs)
    etag: dict[str, str] | None = None               # file -> X-Linked-Etag and ETag of resolve
    names: dict[str, str] | None = None              # file -> the rfilename it is listed as


@dataclass
class Request:
    server: str               # "hub" or "cdn"
    method: str
    path: str
    headers: dict[str, str]
    file: str | None = None   # the repo file a resolve/CDN request is about
    status: int | None = None
    sent: int = 0             # body bytes actually written
    range_start: int | None = None
    fault: str | None = None

    @property
    def range(self) -> str | None:
        return self.headers.get("range")


class FakeHub:
    def __init__(self, repos: dict[str, dict[str, bytes | str | Path]], *, chunk: int = 16 * 1024):
        self.files: dict[str, dict[str, ServedFile]] = {}
        self.commits: dict[str, str] = {}
        self.by_sha: dict[str, ServedFile] = {}
        for repo, files in repos.items():
            self.add_repo(repo, files)
        self.chunk = chunk
        self.requests: list[Request] = []
        self._faults: list[Fault] = []
        self._fail_next: list[tuple[int, str | None]] = []  # (status, server or None)
        self.bytes_per_s: float | None = None
        self.tampered = Tamper()
        self._lock = threading.Condition()
        self._stop = threading.Event()
        self._servers: list[ThreadingHTTPServer] = []
        self._ports: dict[str, int] = {}
        self._conns: set[socket.socket] = set()  # open client connections (keep-alive)

    def add_repo(self, repo: str, files: dict[str, bytes | str | Path]) -> None:
        served = {}
        for name, content in files.items():
            if isinstance(content, (str, Path)):
                path = Path(content)
                h = hashlib.sha256()
                with open(path, "rb") as f:
                    while b := f.read(1 << 20):
                        h.update(b)
                sf = ServedFile(repo, name, path.stat().st_size, h.hexdigest(), path=path)
            else:
                sf = ServedFile(repo, name, len(content), hashlib.sha256(content).hexdigest(),
                                data=bytes(content))
            served[name] = sf
            self.by_sha[sf.sha256] = sf
        self.files[repo] = served
        # a stable fake commit id from the repo's content
        self.commits[repo] = hashlib.sha1(json.dumps(
            [repo, sorted((n, f.sha256) for n, f in served.items())]).encode()).hexdigest()

    # -- lifecycle

    def start(self) -> "FakeHub":
        for kind in ("hub", "cdn"):
            srv = _Server(("127.0.0.1", 0), _Handler)
            srv.hub, srv.kind = self, kind
            threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                             daemon=True, name=f"fakehub-{kind}").start()
            self._servers.append(srv)
            self._ports[kind] = srv.server_address[1]
        return self

    def stop(self) -> None:
        """Stop listening and hang up every open connection (as a hub that went away)."""
        self._stop.set()  # wakes stalled and throttled responses
        for srv in self._servers:
            srv.shutdown()
            srv.server_close()
        self._servers.clear()
        with self._lock:
            conns = list(self._conns)
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> "FakeHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def endpoint(self) -> str:
        """The hub's URL (still valid after stop(): then nothing listens there)."""
        return f"http://127.0.0.1:{self._ports['hub']}"

    @property
    def cdn(self) -> str:
        return f"http://127.0.0.1:{self._ports['cdn']}"

    def sha256(self, repo: str, name: str) -> str:
        return self.files[repo][name].sha256

    # -- faults

    def drop_after(self, file: str | None, nbytes: int, *, times: int | None = 1) -> None:
        """Close the connection abruptly after sending nbytes of a CDN response body."""
        self._add(Fault("drop", file, nbytes, times))

    def stall_after(self, file: str | None, nbytes: int, *, seconds: float = 30.0,
                    times: int | None = 1) -> None:
        """Send nbytes of a response, then nothing for `seconds` (or until stop), then close."""
        self._add(Fault("stall", file, nbytes, times, seconds))

    def corrupt(self, file: str | None, *, times: int | None = None) -> None:
        """Serve the file with some bytes flipped; its advertised sha256 stays the true one."""
        self._add(Fault("corrupt", file, 0, times))

    def fail_next(self, k: int, *, status: int = 500, server: str | None = None) -> None:
        """The next k requests (to 'hub', 'cdn' or either) answer `status`."""
        with self._lock:
            self._fail_next.extend([(status, server)] * k)

    def throttle(self, bytes_per_s: float | None) -> None:
        self.bytes_per_s = bytes_per_s

    def tamper(self, **what) -> None:
        """Serve hostile metadata from now on (the fields of Tamper)."""
        self.tampered = Tamper(**what)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._fail_next.clear()
        self.bytes_per_s = None

    def _add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def _take_faults(self, file: str) -> list[Fault]:
        """The faults that apply to one response (each use spends one of its `times`)."""
        out = []
        with self._lock:
            for f in list(self._faults):
                if f.file not in (None, file):
                    continue
                out.append(f)
                if f.times is not None:
                    f.times -= 1
                    if f.times <= 0:
                        self._faults.remove(f)
        return out

    def _take_failure(self, server: str) -> int | None:
        with self._lock:
            for i, (status, where) in enumerate(self._fail_next):
                if where in (None, server):
                    del self._fail_next[i]
                    return status
        return None

    # -- records

    def _record(self, req: Request) -> None:
        with self._lock:
            self.requests.append(req)
            self._lock.notify_all()

    def _sent(self, req: Request, n: int) -> None:
        with self._lock:
            req.sent += n
            self._lock.notify_all()

    def file_gets(self, file: str) -> list[Request]:
        """The CDN GETs of a file, in order."""
        with self._lock:
            return [r for r in self.requests if r.server == "cdn" and r.method == "GET"
                    and r.file == file]

    def bytes_sent(self, file: str | None = None) -> int:
        """File bytes the CDN actually wrote (for one file, or all)."""
        with self._lock:
            return sum(r.sent for r in self.requests if r.server == "cdn" and r.method == "GET"
                       and (file is None or r.file == file))

    def wait_for(self, predicate: Callable[["FakeHub"], bool], timeout: float = 10.0) -> bool:
        """Wait until predicate(hub) is true (re-checked whenever a request progresses)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(min(left, 0.1))
        return True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    hub: FakeHub
    kind: str

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up mid-response is expected here


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # idle keep-alive connections close eventually
    server: _Server

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass

    @property
    def hub(self) -> FakeHub:
        return self.server.hub

    def setup(self) -> None:
        super().setup()
        with self.hub._lock:
            self.hub._conns.add(self.connection)

    def finish(self) -> None:
        with self.hub._lock:
            self.hub._conns.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_GET(self) -> None:
        self._handle("GET")

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        req = Request(self.server.kind, method, url.path,
                      {k.lower(): v for k, v in self.headers.items()})
        self.hub._record(req)
        try:
            status = self.hub._take_failure(self.server.kind)
            if status is not None:
                req.fault = f"fail {status}"
                return self._reply(req, status, b'{"error": "Internal Error (fake hub)"}',
                                   {"Content-Type": "application/json"})
            if self.server.kind == "hub":
                self._hub(req, url)
            else:
                self._cdn(req, url)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _reply(self, req: Request, status: int, body: bytes = b"",
               headers: dict[str, str] | None = None) -> None:
        req.status = status
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if req.method != "HEAD" and body:
            self.wfile.write(body)

    def _error(self, req: Request, status: int, code: str, message: str,
               extra: dict[str, str] | None = None) -> None:
        body = json.dumps({"error": message}).encode()
        self._reply(req, status, body, {"Content-Type": "application/json", "X-Error-Code": code,
                                        "X-Error-Message": message, **(extra or {})})

    # -- the hub

    def _hub(self, req: Request, url) -> None:
        parts = [unquote(p) for p in url.path.strip("/").split("/")]
        if len(parts) >= 4 and parts[:2] == ["api", "models"]:
            return self._model_info(req, parts[2:], parse_qs(url.query))
        if len(parts) >= 5 and parts[2] == "resolve":
            repo, rev, name = "/".join(parts[:2]), parts[3], "/".join(parts[4:])
            return self._resolve(req, repo, rev, name)
        self._error(req, 404, "NotFound", "Not found (fake hub)")

    def _repo_rev(self, req: Request, repo: str, rev: str) -> str | None:
        if repo not in self.hub.files:
            self._error(req, 401, "RepoNotFound", "Repository not found")
            return None
        commit = self.hub.commits[repo]
        if rev not in ("main", commit):
            self._error(req, 404, "RevisionNotFound", "Invalid rev id: " + rev)
            return None
        return commit

    def _model_info(self, req: Request, parts: list[str], query: dict) -> None:
        repo = "/".join(parts[:2])
        rev = parts[3] if len(parts) >= 4 and parts[2] == "revision" else "main"
        commit = self._repo_rev(req, repo, rev)
        if commit is None:
            return
        blobs = query.get("blobs", ["false"])[0].lower() == "true"
        t = self.hub.tampered
        siblings = []
        for f in self.hub.files[repo].values():
            s: dict = {"rfilename": (t.names or {}).get(f.name, f.name)}
            if blobs:
                size = (t.size or {}).get(f.name, f.size)
                s.update(size=size, blobId=(t.blob_id or {}).get(f.name, f.blob_id))
                if f.name not in (t.no_lfs or set()):
                    s["lfs"] = {"sha256": (t.sha256 or {}).get(f.name, f.sha256), "size": size,
                                "pointerSize": len(f.pointer)}
            siblings.append(s)
        info = {"_id": commit[:24], "id": repo, "modelId": repo, "author": repo.split("/")[0],
                "sha": commit if t.commit is None else t.commit, "private": False, "disabled": False, "gated": False,
                "downloads": 0, "likes": 0, "tags": ["gguf"], "library_name": "gguf",
                "lastModified": "2025-01-01T00:00:00.000Z",
                "createdAt": "2025-01-01T00:00:00.000Z", "siblings": siblings}
        self._reply(req, 200, json.dumps(info).encode(), {"Content-Type": "application/json"})

    def _resolve(self, req: Request, repo: str, rev: str, name: str) -> None:
        req.file = name
        commit = self._repo_rev(req, repo, rev)
        if commit is None:
            return
        f = self.hub.files[repo].get(name)
        if f is None:
            return self._error(req, 404, "EntryNotFound", f"{name} does not exist on \"{rev}\"",
                               {"X-Repo-Commit": commit})
        location = (f"{self.hub.cdn}/repos/{quote(repo)}/{f.sha256}"
                    f"?filename={quote(name)}&Expires=9999999999")
        etag = (self.hub.tampered.etag or {}).get(name)
        self._reply(req, 302, f"Found. Redirecting to {location}".encode(), {
            "Location": location, "X-Repo-Commit": commit,
            "X-Linked-Etag": etag if etag is not None else f'"{f.sha256}"',
            "X-Linked-Size": str(f.size), "ETag": etag if etag is not None else f'"{f.blob_id}"',
            "Accept-Ranges": "bytes",
            "Content-Type": "text/plain; charset=utf-8"})

    # -- the CDN

    def _cdn(self, req: Request, url) -> None:
        sha = url.path.rstrip("/").rsplit("/", 1)[-1]
        f = self.hub.by_sha.get(sha)
        if f is None:
            return self._reply(req, 404, b"NoSuchKey")
        req.file = f.name
        start, end = 0, f.size
        status = 200
        headers = {"Content-Type": "application/octet-stream", "Accept-Ranges": "bytes",
                   "ETag": f'"{f.sha256}"',
                   "Content-Disposition": f'attachment; filename="{Path(f.name).name}";'}
        rng = self.headers.get("Range")
        if rng:
            try:
                unit, spec = rng.split("=", 1)
                a, b = spec.split("-", 1)
                start = int(a)
                end = min(int(b) + 1, f.size) if b else f.size
                assert unit.strip() == "bytes"
            except (ValueError, AssertionError):
                return self._reply(req, 400, b"bad range")
            if start >= f.size or start >= end:
                return self._reply(req, 416, b"", {"Content-Range": f"bytes */{f.size}"})
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end - 1}/{f.size}"
        req.range_start = start
        req.status = status
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(end - start))
        self.end_headers()
        if req.method == "HEAD":
            return
        self._send_body(req, f, start, end)

    def _send_body(self, req: Request, f: ServedFile, start: int, end: int) -> None:
        hub = self.hub
        faults = hub._take_faults(f.name)
        cut = min((x for x in faults if x.kind in ("drop", "stall")), key=lambda x: x.nbytes,
                  default=None)
        corrupt = any(x.kind == "corrupt" for x in faults)
        bad_at = f.size // 2  # the corrupted stretch: 16 bytes from the middle of the file
        t0, pos, sent = time.monotonic(), start, 0
        while pos < end:
            n = min(hub.chunk, end - pos)
            if cut is not None:
                n = min(n, cut.nbytes - sent)
                if n <= 0:
                    req.fault = cut.kind
                    self.wfile.flush()
                    if cut.kind == "stall":
                        hub._stop.wait(cut.seconds)
                    return self._abort()
            data = f.read(pos, pos + n)
            if corrupt and pos < bad_at + 16 and pos + n > bad_at:
                buf = bytearray(data)
                for i in range(max(bad_at, pos), min(bad_at + 16, pos + n)):
                    buf[i - pos] ^= 0xFF
                data = bytes(buf)
                req.fault = "corrupt"
            rate = hub.bytes_per_s
            if rate:
                wait = t0 + sent / rate - time.monotonic()
                if wait > 0 and hub._stop.wait(wait):
                    return self._abort()
            hub._sent(req, n)  # counted first: a test may look as soon as the client has it
            try:
                self.wfile.write(data)
            except OSError:
                hub._sent(req, -n)
                raise
            pos += n
            sent += n

    def _abort(self) -> None:
        """Hang up without finishing the response (the client sees a short body)."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Serve a folder as a fake Hugging Face repo.")
    ap.add_argument("repo", help="org/name")
    ap.add_argument("folder")
    ap.add_argument("--throttle", type=float, default=None, help="bytes per second")
    args = ap.parse_args(argv)
    folder = Path(args.folder)
    files = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    hub = FakeHub({args.repo: files}).start()
    hub.throttle(args.throttle)
    print(f"HF_ENDPOINT={hub.endpoint}  ({len(files)} files as {args.repo}; Ctrl+C stops)",
          flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        hub.stop()


if __name__ == "__main__":
    main()
