"""API keys for `ember serve --host`: a team's engine on the network (issue 14, part 5).

Qt-free. `ember keys create NAME` makes a key, shows it once, and keeps only its SHA-256 (with
its name, limits and dates) in `<data>/engine/keys.json` (mode 0600), as OpenAI and GitHub do:
the file lets no one call the engine. The engine re-reads the file when it changes, so a key
created or revoked while it runs counts at the next request.

Limits per key: `concurrent` requests at once, and `tokens_per_minute` (prompt and completion
tokens of the requests that ended in the last 60 seconds). Over a limit the engine answers 429
with Retry-After, like OpenAI's rate limits.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import EmberError

PREFIX = "ember-"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


def keys_file() -> Path:
    from .. import paths
    return paths.data_dir() / "engine" / "keys.json"   # beside engine.json (run.engine_dir)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class ApiKey:
    name: str
    sha256: str
    prefix: str                      # the key's first characters, to tell keys apart in lists
    created: float
    concurrent: int | None = None    # requests at once (None: no limit)
    tokens_per_minute: int | None = None
    revoked: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


class KeyStore:
    """The keys file: create, list, revoke (the CLI) and verify (the engine)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else keys_file()
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._keys: list[ApiKey] = []

    # ------------------------------------------------------------------- the file
    def load(self) -> list[ApiKey]:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._keys, self._mtime = [], None
            return self._keys
        if self._mtime == st.st_mtime_ns:
            return self._keys
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            keys = [ApiKey(**k) for k in data.get("keys", [])]
        except (OSError, ValueError, TypeError) as e:
            raise EmberError(f"The API keys file {self.path} is damaged ({e}). Move it away and "
                             "create the keys again with `ember keys create`.") from e
        self._keys, self._mtime = keys, st.st_mtime_ns
        return keys

    def _save(self, keys: list[ApiKey]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"version": 1, "keys": [asdict(k) for k in keys]}, f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        os.chmod(self.path, 0o600)
        self._mtime = None

    # -------------------------------------------------------------------- the CLI
    def create(self, name: str, *, concurrent: int | None = None,
               tokens_per_minute: int | None = None) -> str:
        """A new key (returned once; only its hash is kept)."""
        if not NAME_RE.match(name or ""):
            raise EmberError(f"A key's name is 1-64 letters, digits, '.', '_', '@' or '-', "
                             f"not {name!r}.")
        for v, what in ((concurrent, "concurrent requests"),
                        (tokens_per_minute, "tokens per minute")):
            if v is not None and v < 1:
                raise EmberError(f"The limit on {what} must be at least 1.")
        with self._lock:
            keys = list(self.load())
            if any(k.name == name and k.active for k in keys):
                raise EmberError(f"A key named {name!r} exists: revoke it first, or choose "
                                 "another name.")
            key = PREFIX + secrets.token_urlsafe(32)
            keys.append(ApiKey(name=name, sha256=digest(key), prefix=key[:10],
                               created=time.time(), concurrent=concurrent,
                               tokens_per_minute=tokens_per_minute))
            self._save(keys)
        return key

    def revoke(self, name: str) -> ApiKey:
        with self._lock:
            keys = list(self.load())
            hit = [k for k in keys if k.active and (k.name == name or k.prefix == name)]
            if not hit:
                raise EmberError(f"No active key named {name!r}: `ember keys list` shows them.")
            for k in hit:
                k.revoked = time.time()
            self._save(keys)
        return hit[0]

    def active(self) -> list[ApiKey]:
        return [k for k in self.load() if k.active]

    # ----------------------------------------------------------------- the engine
    def verify(self, key: str | None) -> ApiKey | None:
        """The active key whose hash matches, or None."""
        if not key:
            return None
        with self._lock:
            try:
                keys = self.load()
            except EmberError:
                return None
            d = digest(key)
            for k in keys:
                if k.active and hmac.compare_digest(k.sha256, d):
                    return k
        return None


@dataclass
class _Usage:
    in_flight: int = 0
    spent: deque = field(default_factory=deque)   # (time, tokens) of ended requests


class Limiter:
    """Per-key concurrent requests and tokens per minute, in the engine process."""

    WINDOW = 60.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._usage: dict[str, _Usage] = {}

    def acquire(self, key: ApiKey) -> tuple[bool, str, float]:
        """(allowed, why not, retry after seconds). An allowed request must be release()d."""
        now = time.monotonic()
        with self._lock:
            u = self._usage.setdefault(key.sha256, _Usage())
            while u.spent and u.spent[0][0] <= now - self.WINDOW:
                u.spent.popleft()
            if key.concurrent is not None and u.in_flight >= key.concurrent:
                return False, (f"The key {key.name!r} may run {key.concurrent} request"
                               f"{'s' if key.concurrent != 1 else ''} at once; wait for one to "
                               "end."), 1.0
            if key.tokens_per_minute is not None:
                used = sum(t for _, t in u.spent)
                if used >= key.tokens_per_minute:
                    # wait until enough of the window's tokens have aged out
                    need, retry = used - key.tokens_per_minute + 1, self.WINDOW
                    acc = 0
                    for t0, t in u.spent:
                        acc += t
                        if acc >= need:
                            retry = t0 + self.WINDOW - now
                            break
                    return False, (f"The key {key.name!r} used {used:,} of its "
                                   f"{key.tokens_per_minute:,} tokens per minute."), max(retry, 0.1)
            u.in_flight += 1
            return True, "", 0.0

    def release(self, key: ApiKey, tokens: int) -> None:
        with self._lock:
            u = self._usage.setdefault(key.sha256, _Usage())
            u.in_flight = max(0, u.in_flight - 1)
            if tokens > 0:
                u.spent.append((time.monotonic(), int(tokens)))
