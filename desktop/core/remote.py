"""Remote engines: any OpenAI-compatible server elsewhere as a model source (issue 14).

vLLM, llama.cpp's llama-server, llama-cpp-python's server, LM Studio, Ollama's /v1 or another
Ember. Qt-free and llama.cpp-free, like client.py:

    add("gpu-box", "http://10.0.0.5:8000/v1", api_key="...")   # the key goes to the OS keyring
    eng = RemoteEngine(get("gpu-box"))
    info, plan = eng.load_planned("Qwen/Qwen2.5-7B-Instruct")  # checks the model is served
    for piece in eng.chat(messages, sampling): ...              # eng.last_metrics afterwards

* **The registry** is `<data>/remotes.json`: name, base URL, an optional context size and read
  timeout, and where the key is (`"keyring"` or nothing). Never the key itself.
* **Keys** live in the OS keyring (the `keyring` package: service "ember", user = the remote's
  name). `EMBER_REMOTE_KEY_<NAME>` (upper case, other characters as `_`) wins over the keyring
  and is the way where there is none (a headless Linux without a Secret Service).
* **RemoteEngine** is Engine-shaped (chat, count, info, cancel, kv_tokens): the window's worker
  and `ember chat` use it instead of the local engine process's client. TTFT and decode
  tokens/s are measured here, on the client side (the first content chunk, the chunks after
  it); token counts come from the server's `usage` when it sends one. Cancel closes the stream.
  Servers have no tokenizer endpoint in OpenAI's API: documents are budgeted with
  `estimate_tokens` (said in the budget sentence), except on another Ember serving the chosen
  model (its /ember/tokenize counts exactly). KV snapshots are skipped.
* **Errors** are one line each, RemoteError subclasses: not reachable, key refused, timed out,
  model not served (naming the models it has), a feature it lacks.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import EllipsisType, SimpleNamespace
from typing import Generator, Iterator, Sequence
from urllib.parse import urlsplit

import httpx2

from .client import openai_fields
from .engine_api import Capabilities, ClientState
from .remote_registry import (  # noqa: F401 - the registry's names, as remote.X for callers
    CONNECT_TIMEOUT_S,
    DEFAULT_TIMEOUT_S,
    EMBER_DEFAULT_CTX,
    KEYRING_SERVICE,
    LIST_TIMEOUT_S,
    UNKNOWN_CTX,
    KeyringUnavailable,
    Reachability,
    Remote,
    RemoteError,
    RemoteKeyRefused,
    RemoteModel,
    RemoteModelNotFound,
    RemoteTimeout,
    RemoteUnreachable,
    RemoteUnsupported,
    _one_line,
    _ssl_context,
    add,
    check_key,
    check_name,
    env_var,
    estimate_messages,
    estimate_tokens,
    find,
    get,
    get_key,
    keyring_backend,
    normalize_url,
    parse_model_spec,
    remotes,
    remotes_path,
    remove,
)
from .sse import SSE
from .texts import tr
from .turns import ModelInfo, SamplingSettings, Turn


# ------------------------------------------------------------------------- the client
def _reason(e: BaseException) -> str:
    text = str(e) or type(e).__name__
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", text)
    return _one_line(text[:1].lower() + text[1:], 160)


def _error_text(r) -> str:
    try:
        body = r.json()
    except Exception:
        try:
            return _one_line(r.text or f"HTTP {r.status_code}", 200)
        except Exception:
            return f"HTTP {r.status_code}"
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict) and err.get("message"):
            return _one_line(err["message"], 200)
        if isinstance(err, str):
            return _one_line(err, 200)
        for k in ("detail", "message"):
            if body.get(k):
                v = body[k]
                return _one_line(v if isinstance(v, str) else json.dumps(v), 200)
    return _one_line(json.dumps(body), 200)


def _error_code(r) -> str | None:
    with contextlib.suppress(Exception):
        err = r.json().get("error")
        if isinstance(err, dict) and isinstance(err.get("code"), str):
            return err["code"]
    return None


def _is_loopback(host: str | None) -> bool:
    return (host or "").strip("[]").lower() in ("localhost", "127.0.0.1", "::1")


# fields some servers refuse (a strict OpenAI API: "Unrecognized request argument"); sent, and
# dropped for good after a refusal that names one of them
_EXTRAS = ("stream_options", "top_k", "min_p", "repeat_penalty")
_LEAN_HINTS = _EXTRAS + ("unrecognized", "unknown", "extra", "not permitted", "unexpected",
                         "additional propert")


class RemoteEngine(ClientState):
    """An Engine-shaped client of an OpenAI-compatible server (the parts clients use)."""

    def __init__(self, remote: Remote, *,
                 api_key: str | None | EllipsisType = ...):   # ...: the keyring's
        self.remote = remote
        self.api_key = get_key(remote) if api_key is ... else api_key
        parts = urlsplit(remote.url)
        root = remote.url[: -3] if remote.url.endswith("/v1") else remote.url
        self.root = root.rstrip("/")
        self.http = self._client(parts.hostname)
        self._init_model_state()
        self.is_ember = False           # another Ember: exact counts through /ember/tokenize
        self.exact = False              # counts are exact now (the Ember serves this model)
        self.models_seen: list[str] = []
        self._lean = False              # the server refused the extra fields once
        self._current: RemoteTurn | None = None
        self._cancelled = threading.Event()

    def _client(self, host: str | None) -> httpx2.Client:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        t = self.remote.read_timeout
        timeout = httpx2.Timeout(connect=min(CONNECT_TIMEOUT_S, t), read=t, write=60.0,
                                 pool=10.0)
        # a server on this machine never goes through a proxy; one elsewhere follows the
        # user's proxy settings (HTTPS_PROXY, NO_PROXY)
        verify = _ssl_context(self.remote.ca_cert) if self.remote.ca_cert else True
        return httpx2.Client(base_url=self.remote.url + "/", headers=headers, timeout=timeout,
                             trust_env=not _is_loopback(host), follow_redirects=False,
                             verify=verify)

    @property
    def label(self) -> str:
        return self.remote.label

    @property
    def loaded(self) -> bool:
        return self.info is not None

    @property
    def capabilities(self) -> Capabilities:
        """Plain chats only (tools run with Ember's own engine); exact counts where the server
        is another Ember serving the chosen model, else estimates."""
        return Capabilities(tools=False, conversations=False, exact_counts=self.exact)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.http.close()

    # ---- plumbing
    def _transport_error(self, e: BaseException, during: str) -> RemoteError:
        r = self.remote
        if isinstance(e, httpx2.ConnectTimeout):
            return RemoteUnreachable(tr("The remote engine {label} is not reachable: no "
                                        "connection within {min_CONNECT_TIMEOUT_:g} s.").format(
                                         label=r.label,
                                         min_CONNECT_TIMEOUT_=min(CONNECT_TIMEOUT_S, r.read_timeout)))
        if isinstance(e, httpx2.ConnectError):
            return RemoteUnreachable(tr("The remote engine {label} is not reachable: "
                                        "{reason_e}.").format(
                                         label=r.label, reason_e=_reason(e)))
        if isinstance(e, httpx2.TimeoutException):
            return RemoteTimeout(tr("The remote engine {label} timed out after "
                                    "{read_timeout:g} s without an answer {during}.").format(
                                     label=r.label, read_timeout=r.read_timeout, during=during))
        return RemoteError(tr("The remote engine {label} broke off the connection {during}: "
                              "{reason_e}.").format(
                               label=r.label, during=during, reason_e=_reason(e)))

    def _status_error(self, resp, during: str, *, model: str | None = None) -> RemoteError:
        r, status = self.remote, resp.status_code
        msg = _error_text(resp)
        if status in (401, 403):
            if self.api_key:
                return RemoteKeyRefused(
                    tr("The remote engine {label} refused the API key ({status}: {msg}): "
                       "`ember remote remove {name}` and add it again with the right key, "
                       "or set {env_var}.").format(
                        label=r.label, status=status, msg=msg, name=r.name, env_var=r.env_var))
            return RemoteKeyRefused(
                tr("The remote engine {label} needs an API key ({status}: {msg}): `ember "
                   "remote remove {name}` and add it again with --api-key-stdin, or set "
                   "{env_var}.").format(
                    label=r.label, status=status, msg=msg, name=r.name, env_var=r.env_var))
        if status == 404 and model is not None:
            return self._no_model(model)
        if status == 404:
            return RemoteUnsupported(
                tr("The remote engine {label} has no {during} (404: {msg}): is {url} its "
                   "OpenAI base URL (usually ending in /v1)?").format(
                    label=r.label, during=during, msg=msg, url=r.url))
        if status == 413:
            return RemoteError(tr("The remote engine {label} refused a request this large "
                                  "(413: {msg}).").format(label=r.label, msg=msg))
        return RemoteError(tr("The remote engine {label} refused the request {during} "
                              "({status}: {msg}).").format(
                               label=r.label, during=during, status=status, msg=msg))

    def _no_model(self, model: str) -> RemoteModelNotFound:
        try:
            have = [m["id"] for m in self.list_models()]
        except RemoteError:
            have = list(self.models_seen)
        listed = ", ".join(have[:12]) + (f" and {len(have) - 12} more" if len(have) > 12 else "")
        return RemoteModelNotFound(
            tr("The remote engine {label} does not serve the model {model!r}; it has: "
               "{listed_or_no_models}.").format(
                label=self.remote.label, model=model,
                listed_or_no_models=listed or 'no models'), have)

    def _get(self, url: str, during: str, **kw):
        try:
            return self.http.get(url, **kw)
        except httpx2.HTTPError as e:
            raise self._transport_error(e, during) from e

    def _post(self, url: str, during: str, **kw):
        try:
            return self.http.post(url, **kw)
        except httpx2.HTTPError as e:
            raise self._transport_error(e, during) from e

    # ---- models
    def list_models(self, *, timeout: float | None = None) -> list[dict]:
        """GET /v1/models: the models the server offers (dicts with at least 'id')."""
        kw = {"timeout": httpx2.Timeout(connect=min(CONNECT_TIMEOUT_S, timeout), read=timeout,
                                        write=timeout, pool=timeout)} if timeout else {}
        resp = self._get("models", tr("while listing its models"), **kw)
        if resp.status_code != 200:
            raise self._status_error(resp, tr("model list (GET /v1/models)"))
        try:
            data = resp.json().get("data")
            models = [m for m in data if isinstance(m, dict) and isinstance(m.get("id"), str)]
        except (ValueError, AttributeError, TypeError) as e:
            raise RemoteUnsupported(tr("The remote engine {label} answered GET /v1/models "
                                       "with something that is not OpenAI's model list: is "
                                       "it an OpenAI-compatible server?").format(
                                        label=self.remote.label)) from e
        self.models_seen = [m["id"] for m in models]
        return models

    def load_planned(self, model: str | Path | None = None, *, on_notice=None, **_local) -> \
            tuple[ModelInfo, SimpleNamespace]:
        """'Load' a remote model: check the server answers and serves it, learn its context.
        The local engine's options (ctx, gpu_layers, ...) do not apply and are ignored."""
        models = self.list_models()
        ids = [m["id"] for m in models]
        r = self.remote
        if not model:
            if len(ids) != 1:
                raise RemoteModelNotFound(
                    tr("The remote engine {label} serves {n_ids} models: pick one as "
                       "{name}/MODEL ({join_ids_12_or_none}).").format(
                        label=r.label, n_ids=len(ids), name=r.name,
                        join_ids_12_or_none=', '.join(ids[:12]) or 'none'), ids)
            model = ids[0]
        model = str(model)
        if model not in ids:
            raise self._no_model(model)
        entry = models[ids.index(model)]
        ext = entry.get("ember")
        self.is_ember = entry.get("owned_by") == "ember" and isinstance(ext, dict)
        self.exact = bool(self.is_ember and isinstance(ext, dict) and ext.get("loaded"))
        n_ctx, source = self._context(entry, model)
        self.model_id = model
        self.kv_tokens = 0
        notice = None
        if source == "assumed":
            notice = (tr("{name} does not say the context size of {model}: Ember assumes "
                         "{n_ctx:,} tokens (remove the remote and add it again with "
                         "--context N to set it).").format(
                          name=r.name, model=model, n_ctx=n_ctx))
            if on_notice is not None:
                on_notice(notice)
        self.info = ModelInfo(
            path=Path("remote", r.name, model.replace("/", "_")), name=f"{r.name}/{model}",
            architecture="remote", n_ctx=n_ctx, n_ctx_train=n_ctx, n_layers=0,
            n_layers_offloaded=None, n_params=0, size_bytes=0, chat_format="template",
            notice=None, gpu_offload_supported=False, threads=(0, 0), flash_attn="",
            kv_type="")
        counts = (tr("exact token counts through its tokenizer") if self.is_ember
                  else tr("token counts for documents are estimated"))
        self.plan = SimpleNamespace(
            sentence=tr("{model} runs on the remote engine {label}: a {n_ctx:,}-token "
                        "context ({source}), {counts}.").format(
                         model=model, label=r.label, n_ctx=n_ctx, source=source, counts=counts), device="remote", n_ctx=n_ctx)
        return self.info, self.plan

    def _context(self, entry: dict, model: str) -> tuple[int, str]:
        """The server's context for `model` and where the figure comes from."""
        if self.remote.context:
            return int(self.remote.context), tr("as set for this remote")
        for k in ("max_model_len", "context_length", "max_context_length"):  # vLLM, others
            v = entry.get(k)
            if isinstance(v, int) and v > 0:
                return v, tr("as the server reports")
        if self.is_ember:
            with contextlib.suppress(RemoteError, ValueError, AttributeError, TypeError):
                resp = self._get(self.root + "/ember/status", tr("while asked its status"))
                if resp.status_code == 200:
                    st = resp.json()
                    if st.get("model") == model and st.get("info"):
                        return int(st["info"]["n_ctx"]), tr("as the server reports")
            return EMBER_DEFAULT_CTX, tr("Ember's default when it loads the model")
        with contextlib.suppress(RemoteError, ValueError, AttributeError, TypeError):
            # llama.cpp's llama-server says its context in /props
            resp = self._get(self.root + "/props", tr("while asked its properties"),
                             timeout=httpx2.Timeout(min(CONNECT_TIMEOUT_S, 5.0)))
            if resp.status_code == 200:
                p = resp.json()
                n = (p.get("default_generation_settings") or {}).get("n_ctx") or p.get("n_ctx")
                if isinstance(n, int) and n > 0:
                    return n, tr("as the server reports")
        return UNKNOWN_CTX, "assumed"

    def unload(self) -> None:
        """Nothing to unload on a remote engine: forget the model."""
        self.info = None

    def hardware_build(self) -> dict:
        return {}

    # ---- tokens
    def _ember_counts(self, body: dict) -> dict | None:
        """/ember/tokenize of another Ember serving this model; None: estimate instead."""
        if not self.exact:
            return None
        try:
            resp = self._post(self.root + "/ember/tokenize", tr("while counting tokens"), json=body)
        except RemoteError:
            return None
        if resp.status_code != 200:
            self.exact = False   # the model was unloaded or switched there meanwhile
            return None
        with contextlib.suppress(ValueError):
            return resp.json()
        return None

    def count_text(self, text: str) -> int:
        r = self._ember_counts({"texts": [text], "add_special": False, "parse_special": True})
        return int(r["counts"][0]) if r else estimate_tokens(text)

    def count_messages(self, messages: Sequence[dict]) -> int:
        r = self._ember_counts({"messages": list(messages)})
        return int(r["count"]) if r else estimate_messages(messages)

    def count(self, texts: Sequence[str]) -> list[int]:
        r = self._ember_counts({"texts": list(texts)})
        return [int(n) for n in r["counts"]] if r else [estimate_tokens(t) for t in texts]

    def tokenize(self, text: str, *, add_special: bool = False,
                 parse_special: bool = True) -> list[int]:
        r = self._ember_counts({"text": text, "add_special": add_special,
                                "parse_special": parse_special})
        if r is None:
            raise RemoteUnsupported(tr("The remote engine {label} has no tokenizer "
                                       "endpoint: Ember estimates its token counts.").format(
                                        label=self.remote.label))
        return list(r["tokens"])

    def chat_tokens(self, messages: Sequence[dict]) -> list[int]:
        r = self._ember_counts({"messages": list(messages)})
        if r is None:
            raise RemoteUnsupported(tr("The remote engine {label} has no tokenizer "
                                       "endpoint: Ember estimates its token counts.").format(
                                        label=self.remote.label))
        return list(r["tokens"])

    # ---- KV snapshots: not on a remote engine
    def kv(self, action: str, conversation: str, **kw) -> dict:
        return {"skipped": True}

    # ---- turns
    def chat(self, messages: Sequence[dict], sampling: SamplingSettings | None = None, *,
             json_mode: bool = False, json_schema: dict | None = None,
             stop: Sequence[str] = (), on_prefill=None, conversation: str | None = None,
             model: str | None = None) -> "RemoteTurn":
        """Stream an answer. Sends the request at once: a refusal raises here, before any
        piece. `conversation` (a KV snapshot key) and `on_prefill` do not apply remotely."""
        if self.info is None and model is None:
            raise RemoteError(tr("No model of the remote engine {label} is chosen.").format(
                                  label=self.remote.label))
        s = sampling or SamplingSettings()
        body: dict = {"model": model or self.model_id, "messages": list(messages),
                      "stream": True, "temperature": s.temperature, "top_p": s.top_p}
        body.update(openai_fields(s, stop=stop, json_mode=json_mode, json_schema=json_schema))
        if self.is_ember:  # its own cancel and metrics; no KV snapshot (no conversation key)
            body["ember"] = {"request_id": f"ember-remote-{os.getpid()}-{time.monotonic_ns()}"}
        extras = {"stream_options": {"include_usage": True}, "top_k": s.top_k, "min_p": s.min_p}
        if s.repeat_penalty != 1.0:
            extras["repeat_penalty"] = s.repeat_penalty
        self._cancelled.clear()
        turn = RemoteTurn(self, body, extras)
        self._current = turn
        turn.open()
        if self._cancelled.is_set():
            turn.abort()
        return turn

    def cancel(self) -> None:
        """Stop the current answer: its stream is closed (the server stops generating when the
        client goes). Safe from any thread; never waits."""
        self._cancelled.set()
        turn = self._current
        if turn is not None:
            turn.abort()


@dataclass
class _StreamState:
    """What a remote answer's stream has brought so far."""
    pieces: list = field(default_factory=list)
    chunks: int = 0
    usage: dict | None = None
    ember_metrics: dict | None = None
    finish: str = ""
    finished: bool = False
    t_first: float | None = None
    t_last: float | None = None
    cancelled: bool = False


class RemoteTurn(Turn):
    """One streamed answer from a remote engine; metrics measured here."""

    def __init__(self, engine: RemoteEngine, body: dict, extras: dict):
        self._engine = engine
        self._body = body
        self._extras = extras
        self._cm: contextlib.AbstractContextManager[httpx2.Response] | None = None
        self._resp: httpx2.Response | None = None
        self._aborted = threading.Event()
        self._t0 = time.monotonic()
        self.server_metrics: dict | None = None   # another Ember's own figures, if it sent them
        super().__init__(lambda _turn: self._run())  # _turn is self

    def _send(self, body: dict):
        eng = self._engine
        try:
            cm = eng.http.stream("POST", "chat/completions", json=body)
            resp = cm.__enter__()
        except httpx2.HTTPError as e:
            raise eng._transport_error(e, "while answering") from e
        if resp.status_code == 200:
            return cm, resp
        try:
            resp.read()
        except httpx2.HTTPError:
            pass
        with contextlib.suppress(Exception):
            cm.__exit__(None, None, None)
        return None, resp

    def open(self) -> "RemoteTurn":
        if self._resp is not None:
            return self
        eng = self._engine
        self._t0 = time.monotonic()
        body = self._body if eng._lean else {**self._body, **self._extras}
        cm, resp = self._send(body)
        if cm is None and not eng._lean and resp.status_code in (400, 422):
            text = _error_text(resp).lower()
            if any(h in text for h in _LEAN_HINTS):
                eng._lean = True   # this server takes OpenAI's fields only: from now on too
                self._t0 = time.monotonic()
                cm, resp = self._send(self._body)
        if cm is None:
            if resp.status_code == 404 or (resp.status_code == 400 and
                                           _error_code(resp) == "model_not_found"):
                raise eng._no_model(self._body["model"])
            raise eng._status_error(resp, "while answering")
        self._cm, self._resp = cm, resp
        return self

    def abort(self) -> None:
        """Any thread: end the stream now (a read blocked on the socket returns at once)."""
        self._aborted.set()
        resp = self._resp
        if resp is None:
            return
        with contextlib.suppress(Exception):
            sock = resp.extensions["network_stream"].get_extra_info("socket")
            socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def _run(self) -> Generator[str, None, None]:
        self.open()
        resp = self._resp
        assert resp is not None  # open() set it (or raised)
        eng = self._engine
        st = _StreamState()
        try:
            if self._aborted.is_set():
                st.cancelled = True
                return
            ctype = resp.headers.get("content-type", "")
            if "text/event-stream" not in ctype and "json" in ctype:
                # a server that does not stream: the whole answer at once
                obj = json.loads(resp.read())
                ch = (obj.get("choices") or [{}])[0]
                text = (ch.get("message") or {}).get("content") or ""
                st.t_first = st.t_last = time.monotonic()
                st.usage, st.finish, st.finished = obj.get("usage"), ch.get("finish_reason") or "", True
                if text:
                    st.chunks = 1
                    st.pieces.append(text)
                    yield text
                return
            stream = SSE(resp.iter_lines())
            for _event, data in stream:
                if self._aborted.is_set():
                    st.cancelled = True
                    break
                yield from self._event(data, st)
            st.finished = stream.done
            if self._aborted.is_set():
                st.cancelled = True
            if not st.finished and not st.finish and not st.cancelled:
                raise RemoteError(tr("The remote engine {label} ended the answer mid-stream "
                                     "(the connection closed).").format(label=eng.remote.label))
        except (httpx2.HTTPError, OSError) as e:
            if self._aborted.is_set():
                st.cancelled = True
            else:
                raise eng._transport_error(e, "while answering") from e
        except GeneratorExit:
            st.cancelled = True
            raise
        finally:
            self._close_http()
            self._settle(st, time.monotonic())

    def _event(self, data: str, st: "_StreamState") -> Iterator[str]:
        """One server-sent event's JSON: its pieces (yielded), usage, Ember's own metrics, the
        finish reason; an error event raises RemoteError."""
        label = self._engine.remote.label
        try:
            obj = json.loads(data)
        except ValueError as e:
            raise RemoteUnsupported(tr("The remote engine {label} sent an event "
                                       "that is not JSON: {one_line_data_80}").format(
                                        label=label, one_line_data_80=_one_line(data, 80))) from e
        if not isinstance(obj, dict):
            return
        if obj.get("error"):
            err = obj["error"]
            msg = err.get("message") if isinstance(err, dict) else str(err)
            raise RemoteError(tr("The remote engine {label} stopped with an error: "
                                 "{one_line_msg_200}").format(
                                  label=label, one_line_msg_200=_one_line(msg, 200)))
        if isinstance(obj.get("usage"), dict):
            st.usage = obj["usage"]
        ext = obj.get("ember")
        if isinstance(ext, dict) and isinstance(ext.get("metrics"), dict):
            st.ember_metrics = ext["metrics"]
        for ch in obj.get("choices") or ():
            piece = (ch.get("delta") or {}).get("content")
            if piece:
                now = time.monotonic()
                if st.t_first is None:
                    st.t_first = now
                st.t_last = now
                st.chunks += 1
                st.pieces.append(piece)
                yield piece
            if ch.get("finish_reason"):
                st.finish = ch["finish_reason"]

    def _settle(self, st: "_StreamState", end: float) -> None:
        """The turn's text and metrics once the stream ended, however it ended."""
        eng, m = self._engine, self.metrics
        self.text = "".join(st.pieces)
        self.server_metrics = st.ember_metrics
        if st.ember_metrics:  # another Ember's own counts (its times are not the client's)
            for k in ("prompt_tokens", "reused_tokens", "processed_tokens", "n_ctx"):
                if st.ember_metrics.get(k):
                    setattr(m, k, int(st.ember_metrics[k]))
        if st.usage:
            m.prompt_tokens = int(st.usage.get("prompt_tokens") or m.prompt_tokens or 0)
            m.completion_tokens = int(st.usage.get("completion_tokens") or 0)
        else:
            m.completion_tokens = st.chunks   # one token a chunk, as these servers stream
        if not m.processed_tokens:
            m.processed_tokens = m.prompt_tokens
        if st.t_first is not None:
            m.ttft_s = st.t_first - self._t0
            m.decode_s = (st.t_last or st.t_first) - st.t_first
            if m.completion_tokens > 1 and m.decode_s > 0:
                m.decode_tps = (m.completion_tokens - 1) / m.decode_s
        m.total_s = end - self._t0
        m.n_ctx = m.n_ctx or (eng.info.n_ctx if eng.info else 0)
        m.finish_reason = "cancelled" if st.cancelled else (
            "length" if st.finish == "length" else "stop")
        prompt = m.prompt_tokens or estimate_messages(self._body.get("messages") or [])
        eng.kv_tokens = prompt + m.completion_tokens
        eng.last_metrics = m
        if eng.is_ember:
            eng.exact = True   # the turn loaded the model there: its tokenizer counts now

    def _close_http(self) -> None:
        cm, self._cm = self._cm, None
        if cm is not None:
            with contextlib.suppress(Exception):
                cm.__exit__(None, None, None)


# --------------------------------------------------------------------------- listing
def probe(remote: Remote, *, timeout: float = LIST_TIMEOUT_S) -> Reachability:
    """Whether the remote engine answers, and its models (for lists)."""
    def failed(e: RemoteError) -> Reachability:
        short = {RemoteUnreachable: "not reachable", RemoteKeyRefused: "key refused",
                 RemoteTimeout: "timed out", KeyringUnavailable: "no keyring"}.get(type(e), "")
        return Reachability(remote, [], str(e), isinstance(e, RemoteKeyRefused), short)

    try:
        eng = RemoteEngine(remote)
    except RemoteError as e:
        return failed(e)
    try:
        return Reachability(remote, [m["id"] for m in eng.list_models(timeout=timeout)])
    except RemoteError as e:
        return failed(e)
    finally:
        eng.close()


def probe_all(*, timeout: float = LIST_TIMEOUT_S) -> list[Reachability]:
    """Every remote engine, asked at the same time (one slow server does not hold the rest)."""
    rs = remotes()
    if not rs:
        return []
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=min(8, len(rs)), thread_name_prefix="ember-remote") as ex:
        return list(ex.map(lambda r: probe(r, timeout=timeout), rs))


__all__ = [
    "DEFAULT_TIMEOUT_S", "KEYRING_SERVICE", "KeyringUnavailable", "Reachability", "Remote",
    "RemoteError", "RemoteKeyRefused", "RemoteModel", "RemoteModelNotFound", "RemoteTimeout",
    "RemoteUnreachable", "RemoteUnsupported", "RemoteEngine", "RemoteTurn", "add", "check_key",
    "env_var", "estimate_messages", "estimate_tokens", "find", "get", "get_key",
    "keyring_backend", "normalize_url", "parse_model_spec", "probe", "probe_all", "remotes",
    "remove",
]
