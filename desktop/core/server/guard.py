"""The engine API's middleware (issue 26: its own room): the Host and Origin checks, the token
or a team's API keys with their limits, bounded request bodies, and the access log."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import MAX_BODY_BYTES, APIError, _BodyTooLarge, _too_large

if TYPE_CHECKING:
    from .keys import KeyStore, Limiter

log = logging.getLogger("ember.server")

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "ember"}
DEFAULT_CHAT_CTX = 8192            # the context a model loads with when no one asks for more


@dataclass
class ServerConfig:
    """Who may talk to the engine, and what it allows."""
    token: str | None = None                 # required as a Bearer token when set
    allowed_origins: set[str] = field(default_factory=set)
    max_body: int = MAX_BODY_BYTES
    private: bool = True                     # the window's own channel: /ember/shutdown allowed
    default_ctx: int = DEFAULT_CHAT_CTX
    threads: int | None = None               # llama.cpp threads (None: physical cores)
    load_wait_s: float = 120.0               # a request waits this long for a load (loading.py)
    on_shutdown: object = None               # callable, set by run.py
    # a team's engine (`ember serve --host`, keys.py): API keys from the keys file instead of
    # `token`, their limits, any Host header (the address is not loopback), an access log
    keys: "KeyStore | None" = None
    limiter: "Limiter | None" = None
    any_host: bool = False
    access_log: "AccessLog | None" = None


class Guard:
    """Pure ASGI middleware: loopback Host only (DNS rebinding), no cross-origin browser
    requests unless allowed, a bearer token or API key when configured (with the key's limits),
    bounded request bodies, and one access-log line per request when configured."""

    def __init__(self, app, config: ServerConfig):
        self.app, self.config = app, config

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        seen_status = {"code": None}
        usage: dict = {}
        scope["ember.usage"] = usage

        async def logged_send(msg):
            if msg["type"] == "http.response.start":
                seen_status["code"] = msg["status"]
            await send(msg)

        key = None
        try:
            refusal, key = self._check(scope)
            scope["ember.key"] = key     # the API key that passed (None: not a team's port)
            if refusal is not None:
                return await refusal(scope, receive, logged_send)
            await self._forward(scope, receive, logged_send)
        finally:
            ended = usage.get("ended")
            if ended is not None and not ended.is_set():
                # the client left before its job ended: the job still runs until the engine
                # stops it, and the key is charged (and its slot held) for what it did
                asyncio.ensure_future(self._settle_later(ended, scope, seen_status, key, usage,
                                                         t0))
            else:
                self._settle(scope, seen_status, key, usage, t0)

    JOB_WAIT_S = 600.0   # the longest a request's slot waits for its job to end after a disconnect

    async def _settle_later(self, ended, scope, seen_status, key, usage, t0) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(ended.wait(), self.JOB_WAIT_S)
        self._settle(scope, seen_status, key, usage, t0)

    def _settle(self, scope, seen_status, key, usage: dict, t0: float) -> None:
        """The request's end: the key's slot freed and its tokens charged; the access log."""
        cfg = self.config
        if key is not None and cfg.limiter is not None:
            cfg.limiter.release(key, usage.get("prompt", 0) + usage.get("completion", 0))
        if cfg.access_log is not None:
            cfg.access_log.write(scope, seen_status["code"] or 499, key,
                                 time.perf_counter() - t0, usage)

    def _check(self, scope):
        """(the refusal response or None, the API key that passed or None)."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        cfg = self.config
        host = headers.get("host", "")
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        if not cfg.any_host and name.lower() not in LOOPBACK_HOSTS:
            return APIError(403, f"Host {host!r} is not a loopback name: Ember's engine "
                                 "answers only requests for localhost.",
                            type_="permission_error", code="host_refused").response(), None
        origin = headers.get("origin")
        if origin is not None and origin not in cfg.allowed_origins:
            return APIError(403, f"Requests from the web page {origin!r} are refused; allow "
                                 "the origin in Ember's settings to use it.",
                            type_="permission_error", code="origin_refused").response(), None
        auth = headers.get("authorization", "")
        if cfg.keys is not None and scope["path"] != "/health":
            if not auth:
                return APIError(401, "This engine needs an API key (Authorization: Bearer "
                                     "KEY); its owner creates one with `ember keys create`.",
                                type_="authentication_error", code="missing_api_key"
                                ).response(), None
            key = cfg.keys.verify(auth[7:] if auth.startswith("Bearer ") else None)
            if key is None:
                return APIError(401, "The API key is not valid (unknown or revoked).",
                                type_="authentication_error", code="invalid_api_key"
                                ).response(), None
            ok, why, retry = cfg.limiter.acquire(key)
            if not ok:
                r = APIError(429, why, type_="rate_limit_error",
                             code="rate_limit_exceeded").response()
                r.headers["Retry-After"] = str(max(1, int(retry + 0.999)))
                return r, None
            return None, key
        if cfg.token is not None and scope["path"] != "/health":
            if auth != f"Bearer {cfg.token}":
                return APIError(401, "A valid token is needed (Authorization: Bearer ...).",
                                type_="authentication_error", code="invalid_api_key"
                                ).response(), None
        return None, None

    async def _forward(self, scope, receive, send):
        cfg = self.config
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > cfg.max_body:
            return await _too_large(cfg.max_body).response()(scope, receive, send)
        seen = 0

        async def bounded_receive():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > cfg.max_body:
                    raise _BodyTooLarge(cfg.max_body)
            return msg

        await self.app(scope, bounded_receive, send)


class AccessLog:
    """One JSON line per request: when, from where, which key (its name), what route, the
    status, how long, and the tokens; never a message's contents. Rotated at 10 MB."""

    MAX_BYTES = 10 << 20

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, scope, status: int, key, seconds: float, usage: dict) -> None:
        client = scope.get("client") or ("", 0)
        line = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "client": client[0],
                "key": key.name if key is not None else None, "method": scope.get("method"),
                "path": scope.get("path"), "status": status, "ms": round(seconds * 1000, 1),
                "prompt_tokens": usage.get("prompt"), "completion_tokens": usage.get("completion")}
        try:
            if self.path.exists() and self.path.stat().st_size > self.MAX_BYTES:
                os.replace(self.path, self.path.with_suffix(self.path.suffix + ".1"))
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as f:
                f.write(json.dumps(line) + "\n")
        except OSError as e:  # a full disk must not fail the request
            log.warning("access log not written: %s", e)
