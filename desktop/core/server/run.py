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


def bind_tcp(port: int, address: str = "127.0.0.1") -> socket.socket:
    from ..errors import EmberError
    try:
        infos = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise EmberError(f"{address!r} is not an address of this machine ({e}).") from e
    family, _, _, _, sockaddr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(sockaddr)
    except OSError as e:
        sock.close()
        raise EmberError(f"Ember cannot listen on {address} port {port} ({e.strerror}): "
                         "choose another with --port, or another --host.") from e
    sock.listen(128)
    return sock


def is_loopback(address: str) -> bool:
    """Whether every address the name stands for is loopback (127.0.0.0/8, ::1)."""
    import ipaddress
    try:
        infos = socket.getaddrinfo(address, None, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False
    try:
        return all(ipaddress.ip_address(str(i[4][0]).split("%")[0]).is_loopback for i in infos)
    except ValueError:
        return False


def check_team_options(opts: "ServeOptions"):
    """`--host` (a team's engine): the keys it needs, the TLS files it was given. Returns the
    KeyStore; raises EmberError with what to do."""
    import ssl

    from ..errors import EmberError
    from .keys import KeyStore
    if opts.api_key:
        raise EmberError("With --host the engine takes the keys made with `ember keys create`, "
                         "not --api-key.")
    if opts.tls_key and not opts.tls_cert:
        raise EmberError("--tls-key needs --tls-cert.")
    store = KeyStore()
    if not store.active():
        raise EmberError(f"`ember serve --host {opts.host}` needs an API key for its clients, "
                         "and there is none: create one with `ember keys create NAME` (shown "
                         "once), then start the engine again.")
    if opts.tls_cert:
        try:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(opts.tls_cert, opts.tls_key or None)
        except (OSError, ssl.SSLError) as e:
            raise EmberError(f"The TLS certificate and key could not be used "
                             f"({opts.tls_cert}{', ' + str(opts.tls_key) if opts.tls_key else ''}"
                             f"): {e}") from e
    return store


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
    parallel: int | str = 1           # streams decoded together (engine/parallel.py); "auto"
    speculative: object = None        # engine/speculative.SpeculativeSettings (None: off)
    host: str | None = None           # a team's engine: the public port on this address, keys
    tls_cert: str | None = None       # HTTPS on the public port (with --host)
    tls_key: str | None = None
    load_wait_s: float = 120.0        # how long a request waits for a load in progress


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

    from .. import models
    from .app import create_app
    from .host import EngineHost

    # the decode thread takes the GIL back after every llama_decode: a short switch interval
    # keeps the HTTP thread's work from holding it for the default 5 ms (shared/DESIGN.md §7)
    sys.setswitchinterval(0.0005)

    info: dict = {"pid": os.getpid(), "started": time.time(), "version": _version()}
    store = check_team_options(opts) if opts.host else None
    sockets, token, public_sock = _bind(opts, info)
    host = EngineHost(parallel=opts.parallel, speculative=opts.speculative)
    private_cfg, public_cfg = _configs(opts, token, store)

    # the private channel and the public port are two servers in one event loop
    servers = _servers(opts, create_app(host, private_cfg), sockets,
                       create_app(host, public_cfg) if public_sock is not None else None,
                       public_sock)
    reason: dict[str, str | None] = {"why": None}

    def stop(why: str = "asked to stop") -> None:
        if reason["why"] is None:
            reason["why"] = why
            log.warning("engine stopping: %s", why)
        cur = host.current
        if cur is not None:
            host.cancel_job(cur)
        for server, _ in servers:
            server.should_exit = True

    private_cfg.on_shutdown = lambda: stop("shutdown requested by a client")
    # our own handlers: uvicorn's re-raise the signal after shutdown, which would skip the
    # cleanup below (socket, discovery file, unloading the model)
    for server, _ in servers:
        # a method replaced on purpose (uvicorn has no option for it)
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
    _announce(opts, info, store, public_cfg)
    if opts.model != "":
        _start_initial_load(host, opts, models)

    async def serve_all():
        await asyncio.gather(*(srv.serve(sockets=socks) for srv, socks in servers))

    try:
        asyncio.run(serve_all())
    finally:
        _remove_discovery()
        if info.get("socket"):
            with contextlib.suppress(OSError):
                os.unlink(info["socket"])
        host.close()
    return 0


def _servers(opts: ServeOptions, private_app, sockets, public_app, public_sock) -> list:
    """The uvicorn servers and their sockets: the private channel's, and the public port's
    (which alone speaks TLS when given a certificate). Connections get header and body
    deadlines; the public port caps them, and the open-file table keeps room for the private
    channel whatever the public port receives (connections.py)."""
    import uvicorn

    from .connections import protocol_class, raise_open_file_limit
    nofile = raise_open_file_limit()

    def config_for(app, max_connections=None, **tls):
        # asyncio accepts up to `backlog` connections in one go before any is looked at: a
        # small one on the public port keeps a burst within the open-file table
        backlog = 2048 if max_connections is None else max(16, min(128, max_connections // 4))
        return uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                              timeout_graceful_shutdown=3, ws="none", backlog=backlog,
                              http=protocol_class(max_connections), **tls)

    servers = [(uvicorn.Server(config_for(private_app)), sockets)]
    if public_app is not None:
        tls = {}
        if opts.host and opts.tls_cert:
            tls = {"ssl_certfile": opts.tls_cert, "ssl_keyfile": opts.tls_key or None}
        servers.append((uvicorn.Server(config_for(public_app,
                                                  max_connections=max(16, nofile // 2 - 64),
                                                  **tls)), [public_sock]))
    return servers


def _bind(opts: ServeOptions, info: dict) -> tuple[list[socket.socket], str | None,
                                                   socket.socket | None]:
    """The private channel's sockets (a Unix socket, or loopback TCP with a token), the token,
    and the public port's socket (None without --port/--host); `info` gets their addresses."""
    sockets: list[socket.socket] = []
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
    public_sock = None
    if opts.port is not None or opts.host:
        port = opts.port if opts.port is not None else 8080
        public_sock = bind_tcp(port, opts.host or "127.0.0.1")
        info["port"] = public_sock.getsockname()[1]
        if opts.host:
            info["host"] = opts.host
    return sockets, token, public_sock


def _configs(opts: ServeOptions, token: str | None, store):
    """The private channel's and the public port's ServerConfig (a team's keys, limits and
    access log on the public one with --host)."""
    from .guard import ServerConfig
    private_cfg = ServerConfig(token=token, allowed_origins=set(opts.allowed_origins),
                               private=True, threads=opts.threads, load_wait_s=opts.load_wait_s)
    public_cfg = ServerConfig(token=opts.api_key, allowed_origins=set(opts.allowed_origins),
                              private=False, threads=opts.threads, load_wait_s=opts.load_wait_s)
    if store is not None:
        from .guard import AccessLog
        from .keys import Limiter
        public_cfg.token = None
        public_cfg.keys, public_cfg.limiter = store, Limiter()
        public_cfg.any_host = True
        public_cfg.access_log = AccessLog(log_file().parent / "access.log")
    return private_cfg, public_cfg


def _announce(opts: ServeOptions, info: dict, store, public_cfg) -> None:
    """Where the engine listens, on stderr (and a team's keys and access log)."""
    where = info.get("socket") or f"127.0.0.1:{info.get('tcp_port')}"
    scheme = "https" if opts.host and opts.tls_cert else "http"
    public = opts.host or "127.0.0.1"
    public = f"[{public}]" if ":" in public else public
    public_port = info.get("port")
    print(f"ember serve: engine {os.getpid()} listening on {where}"
          + (f" and {scheme}://{public}:{public_port}/v1" if public_port else ""),
          file=sys.stderr, flush=True)
    if opts.host:
        n = len(store.active())
        print(f"ember serve: {n} API key{'s' if n != 1 else ''} can call it (`ember keys list`); "
              f"access log: {public_cfg.access_log.path}", file=sys.stderr, flush=True)
        if scheme == "http" and not is_loopback(opts.host):
            print("ember serve: warning: without --tls-cert, API keys and answers cross the "
                  "network in clear text.", file=sys.stderr, flush=True)


def _start_initial_load(host, opts: ServeOptions, models) -> None:
    """Load the model named on the command line (or the default) on the engine thread."""
    from .guard import DEFAULT_CHAT_CTX
    from .host import Job

    spec = opts.model or ""
    # /health says "loading" from the start: before the engine thread gets to the job
    pending = host.expect_load(Path(spec).stem if spec.endswith(".gguf") else spec or None)

    def work():
        try:
            ref = models.resolve(opts.model)
        except Exception as e:  # noqa: BLE001
            host.fail_load(pending, e)
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
