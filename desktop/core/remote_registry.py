"""The remote engines the user added (issue 14; issue 26: a room of its own): the registry
`<data>/remotes.json` (name, base URL, an optional context size and read timeout, where the key
is; never the key), keys in the OS keyring or `EMBER_REMOTE_KEY_<NAME>`, model names
("REMOTE/MODEL"), token estimates where a server has no tokenizer, and the one-line errors.
The client itself is remote.py."""
from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import urlsplit, urlunsplit

from . import paths
from .errors import EmberError
from .texts import tr

KEYRING_SERVICE = "ember"
ENV_KEY_PREFIX = "EMBER_REMOTE_KEY_"
DEFAULT_TIMEOUT_S = 120.0      # the longest wait for the next bytes of an answer (read timeout)
CONNECT_TIMEOUT_S = 5.0
LIST_TIMEOUT_S = 8.0           # `ember remote list` and the window's model list
UNKNOWN_CTX = 4096             # assumed when a server does not say its context (and none is set)
EMBER_DEFAULT_CTX = 8192       # what another Ember loads a model with (server/app.py)
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
FILE_FORMAT = "ember-remotes"


# ------------------------------------------------------------------------------ errors
class RemoteError(EmberError):
    """A remote engine could not be used; the message says which and why, in one line."""


class RemoteUnreachable(RemoteError):
    """Connection refused, no route, a name that does not resolve, no connection in time."""


class RemoteKeyRefused(RemoteError):
    """The server answered 401 or 403."""


class RemoteTimeout(RemoteError):
    """The server accepted the connection but did not answer in time."""


class RemoteModelNotFound(RemoteError):
    """The server does not serve that model; `available` holds the ones it does."""

    def __init__(self, message: str, available: Sequence[str] = ()):
        super().__init__(message)
        self.available = list(available)


class RemoteUnsupported(RemoteError):
    """The server lacks something Ember needs (a route, streaming, a request field)."""


class KeyringUnavailable(RemoteError):
    """No OS keyring backend could store or read the key."""


def _one_line(text: object, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ------------------------------------------------------------------------------ tokens
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
_CJK_RE = re.compile(f"[{_CJK}]")                      # Han, kana, Hangul syllables
_WORD_RE = re.compile(f"[^\\W\\d_{_CJK}]+")            # runs of letters (any other script)
_DIGIT_RE = re.compile(r"\d")
_SYMBOL_RE = re.compile(f"[^\\w\\s{_CJK}]|_")          # punctuation, operators, symbols
_SPACES_RE = re.compile(r"[ \t]{2,}| (?=\d)|\t")      # indentation runs; a space before a digit


def estimate_tokens(text: str) -> int:
    """Tokens of `text` without the model's tokenizer, from its structure: a word of letters is
    one token per 6 letters begun, a digit, a CJK character (Han, kana, Hangul), a symbol and a
    line break one each, a run of indentation one; a single space joins the word after it.

    Why not characters / 3.5: measured against Gemma 3's tokenizer (Qwen's is alike: digits
    split, whitespace runs merged), code runs 2-2.5 characters a token and prose 5, so a
    character ratio is 30% low on code and 50% high on prose. This estimate was 1.04-1.23x the
    true count on Ember's own sources, docs and catalog, 1.0x on numbers, 1.3x on JSON, 1.7x on
    Chinese and Japanese: it leans high, so a budget that "fits" by estimate rarely overflows.
    Checked in tests/test_remote.py."""
    if not text:
        return 0
    words = sum(1 + (len(w) - 1) // 6 for w in _WORD_RE.findall(text))
    return (words + len(_CJK_RE.findall(text)) + len(_DIGIT_RE.findall(text))
            + len(_SYMBOL_RE.findall(text)) + text.count("\n") + len(_SPACES_RE.findall(text)))


PER_MESSAGE = 6   # <|im_start|>role\n ... <|im_end|>\n (as documents' _Counter estimates it)


def estimate_messages(messages: Sequence[dict]) -> int:
    if not messages:
        return 0
    return sum(estimate_tokens(m.get("content") or "") + PER_MESSAGE for m in messages) + 3


# ---------------------------------------------------------------------------- registry
@dataclass
class Remote:
    """One remote engine as the registry keeps it (never its key)."""
    name: str
    url: str                          # the OpenAI base URL, e.g. http://host:8000/v1
    context: int | None = None        # the server's context in tokens, when the user set it
    timeout_s: float | None = None    # read timeout (None: DEFAULT_TIMEOUT_S)
    key: str | None = None            # "keyring" when a key was stored there; None: no key
    ca_cert: str | None = None        # a PEM file of the CA (or self-signed certificate) an
                                      # https server's certificate is checked against

    @property
    def label(self) -> str:
        return f"{self.name} ({self.url})"

    @property
    def env_var(self) -> str:
        return env_var(self.name)

    @property
    def read_timeout(self) -> float:
        return float(self.timeout_s or DEFAULT_TIMEOUT_S)

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


def env_var(name: str) -> str:
    return ENV_KEY_PREFIX + re.sub(r"[^A-Z0-9]", "_", name.upper())


def remotes_path() -> Path:
    return paths.data_dir() / "remotes.json"


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not NAME_RE.fullmatch(name):
        raise RemoteError(tr("A remote engine's name is 1-64 letters, digits, '-', '_' or "
                             "'.', starting with a letter or digit (not {name!r}): it is "
                             "how you pick its models (NAME/MODEL).").format(name=name))
    if name.lower() == "embedded":
        raise RemoteError(tr("'embedded' is the embedded model's name: choose another name "
                             "for the remote engine."))
    return name


def normalize_url(url: str) -> str:
    """The OpenAI base URL as Ember keeps it: http(s)://host[:port]/path without a trailing '/';
    a bare host gets '/v1' (vLLM, llama-server, LM Studio, Ollama and Ember all serve there)."""
    raw = (url or "").strip()
    if "://" not in raw:
        raise RemoteError(tr("{raw!r} is not a URL: give the server's OpenAI base URL, e.g. "
                             "http://gpu-box:8000/v1.").format(raw=raw))
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as e:
        raise RemoteError(tr("{raw!r} is not a valid URL: {e}.").format(raw=raw, e=e)) from e
    if parts.scheme not in ("http", "https"):
        raise RemoteError(tr("{raw!r}: a remote engine's URL starts with http:// or "
                             "https://.").format(raw=raw))
    if not parts.hostname:
        raise RemoteError(tr("{raw!r} names no host.").format(raw=raw))
    if parts.username or parts.password:
        raise RemoteError(tr("Put the API key in --api-key (it goes to the OS keyring), not "
                             "in the URL: the URL is stored as plain text."))
    if parts.query or parts.fragment:
        raise RemoteError(tr("{raw!r}: the base URL takes no '?' or '#' part.").format(raw=raw))
    path = parts.path.rstrip("/")
    for suffix in ("/chat/completions", "/models"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    if not path:
        path = "/v1"
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{port}" if port is not None else "")
    return urlunsplit((parts.scheme, netloc, path, "", ""))


class _Registry:
    """remotes.json: read whole, written whole (a temporary file, then rename)."""

    def __init__(self, path: Path | None = None):
        self.path = path or remotes_path()

    def load(self) -> list[Remote]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as e:
            raise RemoteError(tr("The list of remote engines ({path}) could not be read: "
                                 "{error}. Fix or delete the file.").format(
                                  path=self.path, error=_one_line(e))) from e
        items = data.get("remotes") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise RemoteError(tr("The list of remote engines ({path}) is not Ember's: fix "
                                 "or delete the file.").format(path=self.path))
        out = []
        for d in items:
            try:
                ctx = d.get("context")
                tmo = d.get("timeout_s")
                out.append(Remote(name=check_name(d["name"]), url=normalize_url(d["url"]),
                                  context=int(ctx) if ctx else None,
                                  timeout_s=float(tmo) if tmo else None,
                                  key="keyring" if d.get("key") == "keyring" else None,
                                  ca_cert=str(d["ca_cert"]) if d.get("ca_cert") else None))
            except (KeyError, TypeError, ValueError, AttributeError, RemoteError) as e:
                raise RemoteError(tr("The list of remote engines ({path}) has a bad entry "
                                     "({one_line_e_120}): fix or delete the file.").format(
                                      path=self.path, one_line_e_120=_one_line(e, 120))) from e
        return out

    def save(self, remotes: Sequence[Remote]) -> None:
        body = {"format": FILE_FORMAT, "version": 1, "remotes": [r.as_dict() for r in remotes]}
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            tmp.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as e:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise RemoteError(tr("The list of remote engines could not be written to "
                                 "{path}: {error}.").format(
                                  path=self.path, error=_one_line(e))) from e


def _ssl_context(ca_cert: str):
    """Certificates checked against this CA file only (a team's own or self-signed one)."""
    import ssl
    try:
        return ssl.create_default_context(cafile=ca_cert)
    except (OSError, ssl.SSLError) as e:
        raise RemoteError(tr("The CA certificate {ca_cert} cannot be used: {error}.").format(
                              ca_cert=ca_cert, error=_one_line(e))) from e


def remotes() -> list[Remote]:
    """The remote engines, in the order added."""
    return _Registry().load()


def get(name: str) -> Remote:
    for r in remotes():
        if r.name.lower() == (name or "").lower():
            return r
    known = ", ".join(r.name for r in remotes()) or "none yet"
    raise RemoteError(tr("There is no remote engine named {name!r} (known: {known}); add "
                         "one with `ember remote add NAME URL`.").format(name=name, known=known))


def find(name: str) -> Remote | None:
    try:
        return get(name)
    except RemoteError:
        return None


def add(name: str, url: str, *, api_key: str | None = None, context: int | None = None,
        timeout_s: float | None = None, ca_cert: str | None = None) -> Remote:
    """Register a remote engine; its key (if any) goes to the OS keyring first, so a keyring
    that cannot take it leaves nothing behind."""
    name = check_name(name)
    url = normalize_url(url)
    if context is not None and not 256 <= int(context) <= (1 << 22):
        raise RemoteError(tr("--context is the server's context in tokens (256 to "
                             "4,194,304)."))
    if timeout_s is not None and not 1 <= float(timeout_s) <= 3600:
        raise RemoteError(tr("--timeout is in seconds (1 to 3600)."))
    if ca_cert is not None:
        ca_cert = str(Path(ca_cert).expanduser().resolve())
        _ssl_context(ca_cert)  # a file that is not a certificate is said now
        if not url.startswith("https://"):
            raise RemoteError(tr("--ca-cert is for an https:// server."))
    reg = _Registry()
    existing = reg.load()
    if any(r.name.lower() == name.lower() for r in existing):
        raise RemoteError(tr("A remote engine named {name!r} exists already: `ember remote "
                             "remove {name}` first to replace it.").format(name=name))
    if api_key is not None:
        api_key = check_key(api_key)
    r = Remote(name, url, int(context) if context else None,
               float(timeout_s) if timeout_s else None, "keyring" if api_key else None,
               ca_cert)
    if api_key:
        set_key(name, api_key)
    try:
        reg.save(existing + [r])
    except RemoteError:
        if api_key:
            with contextlib.suppress(RemoteError):
                delete_key(name)
        raise
    return r


def remove(name: str) -> list[str]:
    """Forget a remote engine and its key. Returns notes (a key that could not be deleted)."""
    r = get(name)
    reg = _Registry()
    reg.save([x for x in reg.load() if x.name != r.name])
    notes = []
    if r.key == "keyring":
        try:
            delete_key(r.name)
        except RemoteError as e:
            notes.append(str(e))
    return notes


# -------------------------------------------------------------------------------- keys
def check_key(key: str) -> str:
    key = (key or "").strip()
    if not key:
        raise RemoteError(tr("The API key is empty."))
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in key) or \
            not key.isascii():
        raise RemoteError(tr("An API key is one line of visible ASCII characters without "
                             "spaces."))
    return key


def _keyring():
    try:
        import keyring
        return keyring
    except ImportError as e:  # pragma: no cover - a dependency
        raise KeyringUnavailable(tr("The keyring package is not installed (pip install "
                                    "keyring).")) \
            from e


def _no_keyring(name: str, e: BaseException) -> KeyringUnavailable:
    return KeyringUnavailable(
        tr("no OS keyring available: {one_line_e_240}. Set {env_var_name} to the key "
           "instead (and add the remote without --api-key), or install a keyring backend (a "
           "Secret Service such as GNOME Keyring or KWallet).").format(
            one_line_e_240=_one_line(e, 240), env_var_name=env_var(name)))


def set_key(name: str, key: str) -> None:
    kr = _keyring()
    try:
        kr.set_password(KEYRING_SERVICE, name, key)
    except Exception as e:  # keyring.errors.KeyringError, D-Bus errors, a locked store
        raise _no_keyring(name, e) from e


def delete_key(name: str) -> None:
    kr = _keyring()
    try:
        kr.delete_password(KEYRING_SERVICE, name)
    except Exception as e:
        if type(e).__name__ == "PasswordDeleteError":
            return  # not there: nothing to delete
        raise _no_keyring(name, e) from e


def keyring_backend() -> str:
    """The keyring backend's name (for `ember remote add` to say where the key went)."""
    try:
        kr = _keyring().get_keyring()
        return f"{type(kr).__module__}.{type(kr).__name__}"
    except Exception:
        return "unknown"


def get_key(remote: Remote) -> str | None:
    """The remote's key: EMBER_REMOTE_KEY_<NAME> first, then the OS keyring."""
    env = os.environ.get(remote.env_var)
    if env:
        return env.strip()
    if remote.key != "keyring":
        return None
    kr = _keyring()
    try:
        key = kr.get_password(KEYRING_SERVICE, remote.name)
    except Exception as e:
        raise _no_keyring(remote.name, e) from e
    if not key:
        raise RemoteKeyRefused(tr("The API key of the remote engine {label} is no longer in "
                                  "the OS keyring: `ember remote remove {name}` and add it "
                                  "again with --api-key-stdin, or set {env_var}.").format(
                                   label=remote.label, name=remote.name,
                                   env_var=remote.env_var))
    return key


# ------------------------------------------------------------------------ model names
def parse_model_spec(spec: str | None) -> tuple[Remote, str | None] | None:
    """`NAME/MODEL_ID` (or `NAME` alone: the server's only model) when NAME is a registered
    remote engine and the text is not an existing file; None otherwise (a local model)."""
    if not spec or Path(spec).expanduser().exists():
        return None
    name, sep, model = spec.partition("/")
    try:
        r = find(name)
    except RemoteError:   # remotes.json cannot be read: say so when the spec could be a remote
        if sep and not Path(spec).suffix.lower() == ".gguf":
            raise
        return None
    if r is None:
        return None
    return r, (model or None) if sep else None


# ---------------------------------------------------------------------- what lists show
@dataclass
class Reachability:
    remote: Remote
    models: list[str]
    error: str | None = None
    key_refused: bool = False

    @property
    def short(self) -> str:
        """A few words for a model list: 'not reachable', 'key refused', ..."""
        if self.error is None:
            return "reachable"
        return self._short or "unavailable"

    _short: str = ""


@dataclass
class RemoteModel:
    """A remote engine's model, as model lists show it beside the local ones."""
    remote: str
    model: str
    path: None = None                 # no file here (local entries have one)

    @property
    def key(self) -> str:             # what `ember chat --model` takes
        return f"{self.remote}/{self.model}"

    @property
    def title(self) -> str:
        return f"{self.remote} · {self.model}"
