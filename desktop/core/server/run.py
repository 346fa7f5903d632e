"""Running the engine process: sockets, discovery, the parent watch, uvicorn.

The private channel (the window's, `ember chat`'s) is a Unix socket with mode 0600 in a folder
with mode 0700; where there are no Unix sockets it is loopback TCP on a random port with a random
per-start token. Its address is written to `<data>/engine/engine.json` (mode 0600), which is how
a window finds the engine already running for this user. The TCP port for editors is opt-in
(`--port N`): 127.0.0.1 only, no shutdown route; both refuse non-loopback Host headers and
cross-origin browser requests (app.Guard).
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import secrets
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("ember.server")

HAS_UNIX_SOCKETS = hasattr(socket, "AF_UNIX") and os.name == "posix"


def engine_dir() -> Path:
    from .. import paths
    d = paths.data_dir() / "engine"
    d.mkdir(parents=True, exist_ok=True)
    return d


def discovery_file() -> Path:
    return engine_dir() / "engine.json"


def log_file() -> Path:
    from .. import paths
    return paths.logs_dir() / "engine.log"


def default_socket_path() -> Path:
    """A short path (sun_path holds ~107 bytes) private to this user and data folder."""
    from .. import paths
    key = hashlib.sha256(str(paths.data_dir().resolve()).encode()).hexdigest()[:12]
    base = os.environ.get("XDG_RUNTIME_DIR")
    if not base or not os.path.isdir(base) or not os.access(base, os.W_OK):
        base = os.path.join(tempfile.gettempdir(), f"ember-{os.getuid()}")
    d = Path(base) / "ember" if os.environ.get("XDG_RUNTIME_DIR") == base else Path(base)
    _private_dir(d)
    return d / f"engine-{key}.sock"


def _private_dir(d: Path) -> None:
    d.mkdir(mode=0o700, parents=True, exist_ok=True)
    st = d.stat()
    if st.st_uid != os.getuid():
        raise OSError(f"{d} belongs to another user: Ember will not put its socket there.")
    if st.st_mode & 0o077:
        os.chmod(d, 0o700)


def bind_unix(path: Path) -> socket.socket:
    """A listening Unix socket that only this user can connect to (0600, created under a
    umask of 077 so there is no moment when it is open to others)."""
    with contextlib.suppress(FileNotFoundError):
        # a stale socket from an engine that died; a live one was found by the caller first
        os.unlink(path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o077)
    try:
        sock.bind(str(path))
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def bind_tcp(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as e:
        sock.close()
        from ..errors import EmberError
        raise EmberError(f"Port {port} on 127.0.0.1 is not free ({e.strerror}): choose another "
                         "with --port.") from e
    sock.listen(128)
    return sock


@dataclass
class ServeOptions:
    model: str | None = None          # load this at start (None: the default; "" : nothing)
    socket_path: Path | None = None   # private Unix socket (default: default_socket_path())
    private_tcp: bool = not HAS_UNIX_SOCKETS
    port: int | None = None           # public TCP port for editors (127.0.0.1)
    parent_pid: int | None = None     # exit when this process ends
    allowed_origins: tuple[str, ...] = ()
    ctx: int | None = None
    gpu_layers: int | None = None
    kv_type: str | None = None
    flash_attn: str | None = None
    threads: int | None = None
    api_key: str | None = None        # required on the public port when set
    private: bool = False             # a client's own engine: not written to engine.json
    parallel: int = 1                 # streams decoded together (engine/parallel.py)
    speculative: object = None        # engine/speculative.SpeculativeSettings (None: off)


def read_discovery(private_pid: int | None = None) -> dict | None:
    """The shared engine's address (or, with private_pid, that private engine's)."""
    f = discovery_file() if private_pid is None else engine_dir() / f"engine-{private_pid}.json"
    try:
        d = json.loads(f.read_text(encoding="utf-8"))
        return d if isinstance(d, dict) else None
    except (OSError, ValueError):
        return None


def _write_discovery(info: dict, f: Path | None = None) -> None:
    f = f or discovery_file()
    tmp = f.with_name(f"engine.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(info, fh)
    os.replace(tmp, f)


def _remove_discovery() -> None:
    d = read_discovery()
    if d and d.get("pid") == os.getpid():
        with contextlib.suppress(OSError):
            discovery_file().unlink()
    with contextlib.suppress(OSError):
        (engine_dir() / f"engine-{os.getpid()}.json").unlink()


def _watch_parent(pid: int, stop) -> None:
    import psutil
    try:
        parent = psutil.Process(pid)
        born = parent.create_time()
    except psutil.Error:
        stop("the process that started the engine is gone")
        return

    def loop():
        while True:
            time.sleep(0.5)
            try:
                alive = parent.is_running() and parent.create_time() == born and \
                    parent.status() != psutil.STATUS_ZOMBIE
            except psutil.Error:
                alive = False
            if not alive:
                stop("the process that started the engine is gone")
                return

    threading.Thread(target=loop, name="ember-parent-watch", daemon=True).start()


def serve(opts: ServeOptions) -> int:
    """Run the engine until shutdown (SIGTERM/SIGINT, POST /ember/shutdown, the parent's end)."""
    import uvicorn

    from .. import models
    from .app import ServerConfig, create_app
    from .host import EngineHost

    # the decode thread takes the GIL back after every llama_decode: a short switch interval
    # keeps the HTTP thread's work from holding it for the default 5 ms (shared/DESIGN.md §7)
    sys.setswitchinterval(0.0005)

    sockets: list[socket.socket] = []
    info: dict = {"pid": os.getpid(), "started": time.time(), "version": _version()}
    token = None
    if opts.private_tcp:
        token = secrets.token_urlsafe(24)
        s = bind_tcp(0)
        sockets.append(s)
        info.update(tcp_port=s.getsockname()[1], token=token)
    else:
        path = Path(opts.socket_path) if opts.socket_path else default_socket_path()
        sockets.append(bind_unix(path))
        info["socket"] = str(path)
    public_port = None
    if opts.port is not None:
        s = bind_tcp(opts.port)
        sockets.append(s)
        public_port = s.getsockname()[1]
        info["port"] = public_port

    host = EngineHost(parallel=opts.parallel, speculative=opts.speculative)
    private_cfg = ServerConfig(token=token, allowed_origins=set(opts.allowed_origins),
                               private=True, threads=opts.threads)
    public_cfg = ServerConfig(token=opts.api_key, allowed_origins=set(opts.allowed_origins),
                              private=False, threads=opts.threads)
    private_app = create_app(host, private_cfg)
    public_app = create_app(host, public_cfg)

    async def app(scope, receive, send):
        server = scope.get("server")
        if public_port is not None and server and len(server) > 1 and server[1] == public_port:
            return await public_app(scope, receive, send)
        return await private_app(scope, receive, send)

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=3, ws="none")
    server = uvicorn.Server(config)
    reason = {"why": None}

    def stop(why: str = "asked to stop") -> None:
        if reason["why"] is None:
            reason["why"] = why
            log.warning("engine stopping: %s", why)
        cur = host.current
        if cur is not None:
            host.cancel_job(cur)
        server.should_exit = True

    private_cfg.on_shutdown = lambda: stop("shutdown requested by a client")
    # our own handlers: uvicorn's re-raise the signal after shutdown, which would skip the
    # cleanup below (socket, discovery file, unloading the model)
    server.capture_signals = contextlib.nullcontext
    import signal as _signal
    for sig in (_signal.SIGTERM, _signal.SIGINT):
        with contextlib.suppress(ValueError, OSError):
            _signal.signal(sig, lambda n, _f: stop(f"signal {n}"))
    if opts.parent_pid:
        _watch_parent(opts.parent_pid, stop)

    if not opts.private:
        _write_discovery(info)
    elif opts.private_tcp:  # the client learns its port and token from a file of its own
        _write_discovery(info, engine_dir() / f"engine-{os.getpid()}.json")
    where = info.get("socket") or f"127.0.0.1:{info.get('tcp_port')}"
    print(f"ember serve: engine {os.getpid()} listening on {where}"
          + (f" and http://127.0.0.1:{public_port}/v1" if public_port else ""),
          file=sys.stderr, flush=True)

    if opts.model != "":
        _start_initial_load(host, opts, models)
    try:
        asyncio.run(server.serve(sockets=sockets))
    finally:
        _remove_discovery()
        if info.get("socket"):
            with contextlib.suppress(OSError):
                os.unlink(info["socket"])
        host.close()
    return 0


def _start_initial_load(host, opts: ServeOptions, models) -> None:
    """Load the model named on the command line (or the default) on the engine thread."""
    from .app import DEFAULT_CHAT_CTX
    from .host import Job

    def work():
        try:
            ref = models.resolve(opts.model)
        except Exception as e:  # noqa: BLE001
            log.error("ember serve: %s", e)
            print(f"ember serve: {e}", file=sys.stderr, flush=True)
            return
        mid = models.EMBEDDED if ref.embedded else (
            opts.model if opts.model and not opts.model.endswith(".gguf") else Path(ref.path).stem)
        job = Job(fn=None, id="initial-load", kind="load")
        try:
            res = host.run_load(job, str(ref.path), ctx=opts.ctx, gpu_layers=opts.gpu_layers,
                                kv_type=opts.kv_type, flash_attn=opts.flash_attn,
                                threads=opts.threads, default_ctx=DEFAULT_CHAT_CTX, model_id=mid)
            print(f"ember serve: {res['plan']['sentence'] if res.get('plan') else ''} "
                  f"Model '{mid}' ready.", file=sys.stderr, flush=True)
        except Exception as e:  # noqa: BLE001
            print(f"ember serve: could not load {ref.path.name}: {e}", file=sys.stderr, flush=True)

    host._queue.put(Job(fn=lambda j: work(), id="initial-load", kind="load"))


def _version() -> str:
    from ... import __version__
    return __version__
