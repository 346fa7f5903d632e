"""The engine's HTTP API: OpenAI-compatible routes under /v1 and Ember's own under /ember.

Built on Starlette (ASGI) and served by uvicorn (run.py). Every request that needs the model
becomes a job on the EngineHost's thread; streaming answers are Server-Sent Events read from the
job's event queue. A client that disconnects cancels its job: a queued one never starts, a
running one stops before its next token.

Errors have OpenAI's shape, {"error": {"message", "type", "param", "code"}}, with the status
OpenAI uses: 400 for a bad request (a prompt longer than the context included, with the
numbers), 401 for a missing token, 403 for a refused host or origin, 404 for an unknown model
or route, 413 for a body over the limit, 503 while no model can answer.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ..errors import ContextOverflowError, EmberError, ModelFileError, ModelLoadError, NoModelError
from ..toolcalls import ToolCallParser, ToolsUnsupportedError
from ..turns import SamplingSettings
from .host import EngineHost, JobCancelled, plan_dict

log = logging.getLogger("ember.server")

MAX_BODY_BYTES = 64 << 20          # a 128K-token document is well under this
MAX_TOKENS_LIMIT = 1 << 20         # max_tokens above this is refused (the context ends it anyway)
DEFAULT_CHAT_CTX = 8192            # the context a model loads with when no one asks for more
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "ember"}


@dataclass
class ServerConfig:
    """Who may talk to the engine, and what it allows."""
    token: str | None = None                 # required as a Bearer token when set
    allowed_origins: set[str] = field(default_factory=set)
    max_body: int = MAX_BODY_BYTES
    private: bool = True                     # the window's own channel: /ember/shutdown allowed
    default_ctx: int = DEFAULT_CHAT_CTX
    threads: int | None = None               # llama.cpp threads (None: physical cores)
    on_shutdown: object = None               # callable, set by run.py
    # a team's engine (`ember serve --host`, keys.py): API keys from the keys file instead of
    # `token`, their limits, any Host header (the address is not loopback), an access log
    keys: object = None                      # keys.KeyStore
    limiter: object = None                   # keys.Limiter
    any_host: bool = False
    access_log: object = None                # AccessLog


# ----------------------------------------------------------------------------- errors
class APIError(Exception):
    def __init__(self, status: int, message: str, *, type_: str = "invalid_request_error",
                 code: str | None = None, param: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.code, self.param = status, message, type_, code, param
        self.extra = extra or {}

    def body(self) -> dict:
        err = {"message": self.message, "type": self.type, "param": self.param, "code": self.code}
        err.update(self.extra)
        return {"error": err}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


def _overflow(e: ContextOverflowError) -> APIError:
    return APIError(
        400, f"This model's maximum context length is {e.n_ctx} tokens. However, your messages "
             f"resulted in {e.prompt_tokens} tokens ({e.over_by} too many; one position is kept "
             "for the answer). Shorten the prompt or load the model with a larger context.",
        code="context_length_exceeded", param="messages",
        extra={"prompt_tokens": e.prompt_tokens, "n_ctx": e.n_ctx, "over_by": e.over_by})


def _from_exception(e: BaseException) -> APIError:
    if isinstance(e, APIError):
        return e
    if isinstance(e, ContextOverflowError):
        return _overflow(e)
    if isinstance(e, NoModelError):
        return APIError(503, str(e), type_="server_error", code="model_not_loaded")
    if isinstance(e, ModelFileError):
        return APIError(404 if e.kind == "missing" else 400, str(e), code=f"model_file_{e.kind}")
    if isinstance(e, ModelLoadError):
        return APIError(500, str(e), type_="server_error", code=f"load_{e.reason}")
    if isinstance(e, ToolsUnsupportedError):
        return APIError(400, str(e), param="tools", code="tools_unsupported")
    if isinstance(e, JobCancelled):
        return APIError(499, "The request was cancelled.", code="cancelled")
    if isinstance(e, EmberError):
        return APIError(400, str(e))
    log.exception("unexpected error", exc_info=e)
    return APIError(500, f"Unexpected error in the engine: {type(e).__name__}: {e}",
                    type_="server_error")


# ------------------------------------------------------------------------ middleware
class Guard:
    """Pure ASGI middleware: loopback Host only (DNS rebinding), no cross-origin browser
    requests unless allowed, a bearer token or API key when configured (with the key's limits),
    bounded request bodies, and one access-log line per request when configured."""

    def __init__(self, app, config: ServerConfig):
        self.app, self.config = app, config

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        cfg = self.config
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
            if refusal is not None:
                return await refusal(scope, receive, logged_send)
            await self._forward(scope, receive, logged_send)
        finally:
            if key is not None:
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


def _too_large(limit: int) -> APIError:
    return APIError(413, f"The request body is larger than {limit // (1 << 20)} MiB.",
                    code="body_too_large")


class _BodyTooLarge(APIError):
    """Raised while a body without a Content-Length is read: the endpoint answers 413."""

    def __init__(self, limit: int = MAX_BODY_BYTES):
        e = _too_large(limit)
        super().__init__(e.status, e.message, code=e.code)


# ---------------------------------------------------------------------- parameters
async def _json_body(request: Request) -> dict:
    raw = await request.body()
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise APIError(400, f"The request body is not valid JSON: {e}", code="invalid_json") from e
    if not isinstance(body, dict):
        raise APIError(400, "The request body must be a JSON object.", code="invalid_json")
    return body


def _num(body: dict, name: str, kind, lo=None, hi=None, default=None):
    v = body.get(name, default)
    if v is None:
        return default
    if isinstance(v, bool) or not isinstance(v, (int, float)) or (kind is int and not float(v).is_integer()):
        raise APIError(400, f"'{name}' must be a{'n integer' if kind is int else ' number'}.",
                       param=name, code="invalid_value")
    v = kind(v)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        rng = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise APIError(400, f"'{name}' must be {rng}, not {v}.", param=name, code="invalid_value")
    return v


def _sampling(body: dict) -> SamplingSettings:
    d = SamplingSettings()
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    name = "max_completion_tokens" if "max_completion_tokens" in body else "max_tokens"
    if max_tokens is not None:
        max_tokens = _num({name: max_tokens}, name, int, 1, MAX_TOKENS_LIMIT)
    seed = body.get("seed")
    if seed is not None:
        seed = _num(body, "seed", int)
    _num(body, "n", int, 1, 1, 1)  # validated: one choice per request
    # no end before min_tokens (vLLM's name), or never at an end-of-generation token
    # (llama-server's ignore_eos): the answer's length stops depending on the model's words
    min_tokens = _num(body, "min_tokens", int, 0, MAX_TOKENS_LIMIT, 0)
    ignore_eos = body.get("ignore_eos", False)
    if not isinstance(ignore_eos, bool):
        raise APIError(400, "'ignore_eos' must be true or false.", param="ignore_eos",
                       code="invalid_value")
    if max_tokens is not None and min_tokens > max_tokens:
        raise APIError(400, f"'min_tokens' ({min_tokens}) must not be above '{name}' "
                            f"({max_tokens}).", param="min_tokens", code="invalid_value")
    return SamplingSettings(
        temperature=_num(body, "temperature", float, 0, 2, d.temperature),
        top_p=_num(body, "top_p", float, 0, 1, d.top_p),
        top_k=_num(body, "top_k", int, 0, None, d.top_k),
        min_p=_num(body, "min_p", float, 0, 1, d.min_p),
        repeat_penalty=_num(body, "repeat_penalty", float, 0, None, d.repeat_penalty),
        max_tokens=max_tokens if max_tokens is not None else -1,
        seed=seed, min_tokens=min_tokens, ignore_eos=ignore_eos)


OWN_TOOLS = ("run_python",)


def _own_tools(ext: dict, config, chat: bool, tools, json_mode: bool):
    """`ember.tools`: Ember's own tools, run by the engine between rounds (agent/loop.py), for
    clients that have none of their own. (names, max rounds), or None."""
    names = ext.get("tools")
    if names is None:
        return None
    if not chat:
        raise APIError(400, "ember.tools goes with /v1/chat/completions.", param="ember")
    if (not isinstance(names, list) or not names
            or not all(isinstance(n, str) and n in OWN_TOOLS for n in names)):
        raise APIError(400, f"ember.tools is a list of Ember's own tools: {', '.join(OWN_TOOLS)}.",
                       param="ember")
    if tools.offered or json_mode:
        raise APIError(400, "ember.tools cannot be combined with 'tools' (your own) or a JSON "
                            "response format.", param="ember")
    if config.keys is not None:
        raise APIError(403, "Ember's own tools run code on this machine: they are offered to "
                            "its own clients, not over the network.",
                       type_="permission_error", code="tools_refused")
    rounds = ext.get("max_rounds", 8)
    if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= 16:
        raise APIError(400, "ember.max_rounds must be an integer from 1 to 16.", param="ember")
    from .. import sandbox
    iso = sandbox.probe()
    if not iso.available:
        raise APIError(400, f"run_python needs the sandbox, which is not available here: "
                            f"{iso.reason}", code="sandbox_unavailable")
    return list(dict.fromkeys(names)), rounds


def _stops(body: dict) -> list[str]:
    stop = body.get("stop")
    if stop is None:
        return []
    if isinstance(stop, str):
        return [stop] if stop else []
    if isinstance(stop, list) and all(isinstance(s, str) for s in stop) and len(stop) <= 16:
        return [s for s in stop if s]
    raise APIError(400, "'stop' must be a string or a list of up to 16 strings.", param="stop")


def _response_format(body: dict) -> tuple[bool, object]:
    rf = body.get("response_format")
    if rf is None:
        return False, None
    if not isinstance(rf, dict) or rf.get("type") not in ("text", "json_object", "json_schema"):
        raise APIError(400, "'response_format.type' must be text, json_object or json_schema.",
                       param="response_format")
    if rf["type"] == "text":
        return False, None
    if rf["type"] == "json_object":
        schema = rf.get("schema")  # llama-cpp-python's extension: a schema on json_object
        return True, schema if isinstance(schema, dict) else None
    js = rf.get("json_schema")
    if not isinstance(js, dict) or not isinstance(js.get("schema"), dict):
        raise APIError(400, "'response_format.json_schema.schema' must be a JSON schema object.",
                       param="response_format")
    return True, js["schema"]


def _text_content(content, i: int) -> str:
    if isinstance(content, list):  # content parts: text only
        texts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text":
                raise APIError(400, f"messages[{i}]: only text content parts are supported.",
                               param=f"messages[{i}].content")
            texts.append(str(part.get("text", "")))
        return "".join(texts)
    if content is None:
        return ""
    if not isinstance(content, str):
        raise APIError(400, f"messages[{i}].content must be a string or a list of text parts.",
                       param=f"messages[{i}].content")
    return content


def _assistant_calls(calls, i: int) -> list[dict]:
    """An assistant message's tool_calls, checked: [{id, type: function, function: {name,
    arguments (a JSON string; an object is taken too)}}]."""
    where = f"messages[{i}].tool_calls"
    if not isinstance(calls, list):
        raise APIError(400, f"{where} must be a list.", param=where)
    out = []
    for k, c in enumerate(calls):
        fn = c.get("function") if isinstance(c, dict) else None
        if not isinstance(fn, dict) or not isinstance(c.get("id"), str) or not c["id"] \
                or c.get("type", "function") != "function" \
                or not isinstance(fn.get("name"), str) or not fn["name"] \
                or not isinstance(fn.get("arguments", ""), (str, dict)):
            raise APIError(400, f"{where}[{k}] must be {{id, type: 'function', function: "
                                "{name, arguments}}} with string id, name and arguments.",
                           param=f"{where}[{k}]", code="invalid_tool_call")
        args = fn.get("arguments", "")
        out.append({"id": c["id"], "type": "function",
                    "function": {"name": fn["name"],
                                 "arguments": args if isinstance(args, str) else json.dumps(args)}})
    return out


def _messages(body: dict) -> list[dict]:
    msgs = body.get("messages")
    if not isinstance(msgs, list) or not msgs:
        raise APIError(400, "'messages' must be a non-empty list.", param="messages")
    out = []
    call_ids: set[str] = set()   # the ids of the calls made so far: a tool result answers one
    for i, m in enumerate(msgs):
        if not isinstance(m, dict) or m.get("role") not in ("system", "developer", "user",
                                                             "assistant", "tool"):
            raise APIError(400, f"messages[{i}] needs a role: system, user, assistant or tool.",
                           param=f"messages[{i}]")
        content = _text_content(m.get("content"), i)
        role = "system" if m["role"] == "developer" else m["role"]
        msg = {"role": role, "content": content}
        if role == "assistant" and m.get("tool_calls"):
            msg["tool_calls"] = _assistant_calls(m["tool_calls"], i)
            call_ids.update(c["id"] for c in msg["tool_calls"])
        elif role == "tool":
            tid = m.get("tool_call_id")
            if not isinstance(tid, str) or not tid:
                raise APIError(400, f"messages[{i}] has role 'tool' but no 'tool_call_id': a "
                                    "tool result must name the call it answers.",
                               param=f"messages[{i}].tool_call_id", code="missing_tool_call_id")
            if tid not in call_ids:
                raise APIError(400, f"messages[{i}].tool_call_id {tid!r} answers no call: a "
                                    "message with role 'tool' must follow an assistant message "
                                    "whose 'tool_calls' has that id.",
                               param=f"messages[{i}].tool_call_id", code="invalid_tool_call_id")
            msg["tool_call_id"] = tid
            if isinstance(m.get("name"), str):
                msg["name"] = m["name"]
        out.append(msg)
    return out


MAX_TOOLS = 128
_TOOL_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass
class ToolRequest:
    tools: list[dict]            # the request's function tools (checked, OpenAI's shape)
    choice: object               # "none" | "auto" | "required" | {"type": "function", ...}
    parallel: bool

    @property
    def offered(self) -> bool:
        return bool(self.tools) and self.choice != "none"


def _tools(body: dict) -> ToolRequest:
    """`tools`, `tool_choice` and `parallel_tool_calls`, checked as OpenAI checks them."""
    for legacy in ("functions", "function_call"):
        if body.get(legacy) is not None:
            raise APIError(400, f"'{legacy}' is OpenAI's deprecated form: send 'tools' and "
                                "'tool_choice' instead.", param=legacy)
    tools = body.get("tools")
    if tools is None:
        tools = []
    if not isinstance(tools, list) or len(tools) > MAX_TOOLS:
        raise APIError(400, f"'tools' must be a list of at most {MAX_TOOLS} tools.",
                       param="tools")
    names: set[str] = set()
    checked = [_tool(t, f"tools[{i}]", names) for i, t in enumerate(tools)]
    choice = _tool_choice(body.get("tool_choice"), names, bool(checked))
    parallel = body.get("parallel_tool_calls", True)
    if parallel is None:
        parallel = True
    if not isinstance(parallel, bool):
        raise APIError(400, "'parallel_tool_calls' must be true or false.",
                       param="parallel_tool_calls")
    return ToolRequest(checked, choice, parallel)


def _tool(t, where: str, names: set[str]) -> dict:
    """One function tool, checked (its name added to `names`, each name once)."""
    if not isinstance(t, dict) or t.get("type") != "function":
        raise APIError(400, f"{where}: only function tools are supported "
                            "({\"type\": \"function\", \"function\": {...}}).", param=where)
    fn = t.get("function")
    if not isinstance(fn, dict):
        raise APIError(400, f"{where}.function must be an object.", param=f"{where}.function")
    name = fn.get("name")
    if not isinstance(name, str) or not _TOOL_NAME.match(name):
        raise APIError(400, f"{where}.function.name must be 1-64 letters, digits, '_' or "
                            "'-'.", param=f"{where}.function.name")
    if name in names:
        raise APIError(400, f"{where}: the tool name {name!r} is given twice.",
                       param=f"{where}.function.name")
    names.add(name)
    desc = fn.get("description")
    if desc is not None and not isinstance(desc, str):
        raise APIError(400, f"{where}.function.description must be a string.",
                       param=f"{where}.function.description")
    params = fn.get("parameters")
    if params is not None:
        if not isinstance(params, dict):
            raise APIError(400, f"{where}.function.parameters must be a JSON schema object.",
                           param=f"{where}.function.parameters")
        import jsonschema
        try:
            jsonschema.validators.validator_for(params).check_schema(params)
        except jsonschema.SchemaError as e:
            raise APIError(400, f"{where}.function.parameters is not a valid JSON schema: "
                                f"{e.message}", param=f"{where}.function.parameters") from e
    f = {"name": name}
    if desc is not None:
        f["description"] = desc
    if params is not None:
        f["parameters"] = params
    return {"type": "function", "function": f}


_CHOICE_FORMS = ("'tool_choice' must be none, auto, required or {\"type\": \"function\", "
                 "\"function\": {\"name\": ...}}.")


def _tool_choice(choice, names: set[str], has_tools: bool):
    """`tool_choice`: "none", "auto", "required" or one named tool of `names`."""
    if choice is None:
        choice = "auto" if has_tools else "none"
    if isinstance(choice, str):
        if choice not in ("none", "auto", "required"):
            raise APIError(400, _CHOICE_FORMS, param="tool_choice")
    elif isinstance(choice, dict) and choice.get("type") == "function" \
            and isinstance(choice.get("function"), dict) \
            and isinstance(choice["function"].get("name"), str):
        name = choice["function"]["name"]
        if name not in names:
            raise APIError(400, f"'tool_choice' names the tool {name!r}, which is not in "
                                "'tools'.", param="tool_choice", code="unknown_tool")
        choice = {"type": "function", "function": {"name": name}}
    else:
        raise APIError(400, _CHOICE_FORMS, param="tool_choice")
    if choice != "none" and choice != "auto" and not has_tools:
        raise APIError(400, "'tool_choice' asks for a tool call but 'tools' is empty.",
                       param="tool_choice")
    return choice


def _tools_unsupported(why: str) -> APIError:
    return APIError(400, f"This model's chat template has no tools support ({why}). Send the "
                         "request without 'tools' and tool messages, or load a model whose "
                         "template has tools (Qwen2.5-Instruct, Qwen3, Hermes).",
                    param="tools", code="tools_unsupported")


# --------------------------------------------------------------------------- the API
class EmberAPI:
    def __init__(self, host: EngineHost, config: ServerConfig):
        self.host, self.config = host, config
        self.started = time.time()
        self._load_lock = asyncio.Lock()

    # ---- models
    def _installed(self) -> list:
        from .. import models
        try:
            return models.available_models()
        except EmberError:
            return []

    @staticmethod
    def model_id(ref) -> str:
        from .. import models
        if ref.key == models.EMBEDDED:
            return models.EMBEDDED
        return Path(ref.key).stem if ("/" in ref.key or os.sep in ref.key) else ref.key

    async def _ensure_model(self, requested) -> str:
        """The loaded model's id; a request naming another installed model loads it first."""
        h = self.host
        if requested is not None and not isinstance(requested, str):
            raise APIError(400, "'model' must be a string.", param="model")
        if not requested or requested in ("ember", "default") or requested == h.model_id:
            if h.model_id is None:
                if h.loading is not None:
                    raise APIError(503, f"{h.loading.label} is still loading "
                                        f"({h.loading.progress:.0%}); try again shortly.",
                                   type_="server_error", code="model_loading")
                if requested in (None, "", "ember", "default"):
                    raise APIError(503, "No model is loaded: load one (POST /ember/load) or name "
                                        "an installed model.", type_="server_error",
                                   code="model_not_loaded")
            else:
                return h.model_id
        loaded_path = h.engine.info.path if h.engine.info is not None else None
        for ref in self._installed():
            mid = self.model_id(ref)
            if requested in (mid, ref.key, ref.title):
                if loaded_path is not None and _same_file(ref.path, loaded_path):
                    return h.model_id  # already loaded (under the name its loader gave)
                async with self._load_lock:
                    if h.model_id != mid:
                        job = h.stream(lambda j, ref=ref, mid=mid: h.run_load(
                            j, str(ref.path), ctx=None, gpu_layers=None, kv_type=None,
                            flash_attn=None, threads=self.config.threads,
                            default_ctx=self.config.default_ctx, model_id=mid), "load")
                        async for _ in h.events(job):
                            pass
                return mid
        raise APIError(404, f"The model '{requested}' does not exist here. GET /v1/models lists "
                            "the models this Ember can run.", code="model_not_found",
                       param="model")

    async def models(self, request: Request) -> Response:
        data, seen = [], set()
        h = self.host
        for ref in self._installed():
            mid = self.model_id(ref)
            if mid in seen:
                continue
            seen.add(mid)
            data.append({"id": mid, "object": "model", "created": int(self.started),
                         "owned_by": "ember", "ember": {"title": ref.title, "path": str(ref.path),
                                                        "loaded": mid == h.model_id}})
        if h.model_id is not None and h.model_id not in seen:
            data.insert(0, {"id": h.model_id, "object": "model", "created": int(self.started),
                            "owned_by": "ember", "ember": {"loaded": True}})
        return JSONResponse({"object": "list", "data": data})

    async def health(self, request: Request) -> Response:
        h = self.host
        info = h.engine.info
        return JSONResponse({
            "status": "ok", "pid": os.getpid(), "model": h.model_id,
            "model_name": info.name if info else None,
            "loading": None if h.loading is None else {"model": h.loading.label,
                                                      "progress": h.loading.progress},
            "busy": h.current is not None and h.current.kind in ("chat", "completion"),
            "version": _version(), "build": _build()})

    # ---- completions
    async def chat_completions(self, request: Request) -> Response:
        body = await _json_body(request)
        return await self._complete(request, body, chat=True)

    async def completions(self, request: Request) -> Response:
        body = await _json_body(request)
        return await self._complete(request, body, chat=False)

    async def _complete(self, request: Request, body: dict, *, chat: bool) -> Response:
        messages = _messages(body) if chat else None
        prompt = None
        if not chat:
            prompt = body.get("prompt")
            if isinstance(prompt, list) and len(prompt) == 1 and isinstance(prompt[0], str):
                prompt = prompt[0]
            if not isinstance(prompt, str) or not prompt:
                raise APIError(400, "'prompt' must be a non-empty string.", param="prompt")
        sampling = _sampling(body)
        stop = _stops(body)
        json_mode, schema = _response_format(body) if chat else (False, None)
        tools = _tools(body) if chat else ToolRequest([], "none", True)
        if tools.offered and json_mode:
            raise APIError(400, "'response_format' json_object / json_schema and 'tools' cannot "
                                "be combined (both are a grammar): send one of them, or "
                                "tool_choice 'none'.", param="response_format")
        stream = bool(body.get("stream", False))
        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        ext = body.get("ember") if isinstance(body.get("ember"), dict) else {}
        conversation = ext.get("conversation")
        if conversation is not None and not isinstance(conversation, str):
            raise APIError(400, "'ember.conversation' must be a string.", param="ember")
        prefill_events = bool(ext.get("prefill_events")) and stream
        model = await self._ensure_model(body.get("model"))
        h = self.host
        if chat and (tools.offered or any("tool_calls" in m or m["role"] == "tool"
                                          for m in messages)):
            ok, why = h.engine.tool_support
            if not ok:  # said before a stream starts (the engine checks again on its thread)
                raise _tools_unsupported(why)
        rid = ext.get("request_id") if isinstance(ext.get("request_id"), str) else None
        cid = ("chatcmpl-" if chat else "cmpl-") + uuid.uuid4().hex[:24]
        rid = rid or cid

        own_tools = _own_tools(ext, self.config, chat, tools, json_mode)
        if (sampling.min_tokens or sampling.ignore_eos) and (json_mode or tools.offered
                                                             or own_tools):
            # a grammar decides where a JSON answer or a tool call ends
            which = "min_tokens" if sampling.min_tokens else "ignore_eos"
            raise APIError(400, f"'{which}' cannot be combined with a JSON 'response_format' "
                                "or tools: their grammar decides where the answer ends.",
                           param=which, code="invalid_value")
        if own_tools and not h.engine.tool_support[0]:
            raise _tools_unsupported(h.engine.tool_support[1])
        cache_prompt = body.get("cache_prompt", True)  # llama-server's name and default
        if not isinstance(cache_prompt, bool):
            raise APIError(400, "cache_prompt must be true or false.", param="cache_prompt")

        def work(job):
            return h.run_turn(job, messages=messages, prompt=prompt, sampling=sampling,
                              json_mode=json_mode, schema=schema, stop=stop,
                              conversation=conversation, prefill_events=prefill_events,
                              tools=tools.tools or None, tool_choice=tools.choice,
                              parallel_tool_calls=tools.parallel, cache_prompt=cache_prompt)

        kind = "chat" if chat else "completion"
        if own_tools:  # Ember runs the tool loop itself (agent/loop.py), between rounds
            names, rounds = own_tools

            def work(job):  # noqa: F811 - this request's body
                return h.run_tool_loop(job, messages=messages, sampling=sampling,
                                       tool_names=names, max_rounds=rounds)
            kind = "tools"
        job = h.stream(work, kind, request_id=rid)
        job.usage = request.scope.get("ember.usage")  # the access log's and the limits' count
        created = int(time.time())
        if stream:
            return StreamingResponse(
                self._sse(job, cid, created, model, chat, include_usage, prefill_events,
                          tools if tools.offered else None),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Ember-Request-Id": rid})
        return await self._collect(request, job, cid, created, model, chat,
                                   tools if tools.offered else None)

    async def _collect(self, request, job, cid, created, model, chat,
                       tools: ToolRequest | None = None) -> Response:
        pieces: list[str] = []
        metrics_box = {}

        steps: list[dict] = []

        async def consume():
            async for ev in self._events_with_metrics(job, metrics_box):
                if ev[0] == "piece":
                    pieces.append(ev[1])
                elif ev[0] == "step" and ev[1]["status"] != "running":
                    steps.append(ev[1])

        async def disconnected():
            while True:
                msg = await request.receive()
                if msg["type"] == "http.disconnect":
                    return

        work = asyncio.ensure_future(consume())
        watch = asyncio.ensure_future(disconnected())
        try:
            done, _ = await asyncio.wait({work, watch}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            watch.cancel()
        if work not in done:  # the client went away: stop the generation
            self.host.cancel_job(job)
            work.cancel()
            return Response(status_code=499)
        work.result()  # raises the job's error
        m = metrics_box["metrics"]
        text = "".join(pieces)
        finish = _finish(m.finish_reason)
        usage = _usage(m)
        extra = {"metrics": m.as_dict()}
        if steps:
            extra["steps"] = steps
        if chat:
            message = {"role": "assistant", "content": text}
            if tools is not None:
                parser = ToolCallParser(tools.tools)
                parser.feed(text)
                parser.finish()
                if parser.calls:
                    message = {"role": "assistant", "content": parser.content,
                               "tool_calls": [c.as_dict() for c in parser.calls]}
                    finish = _finish(m.finish_reason, tool_calls=True)
                    extra.update(_call_errors(parser.calls))
            choice = {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
            obj = "chat.completion"
        else:
            choice = {"index": 0, "text": text, "finish_reason": finish, "logprobs": None}
            obj = "text_completion"
        return JSONResponse({"id": cid, "object": obj, "created": created, "model": model,
                             "choices": [choice], "usage": usage, "ember": extra})

    async def _events_with_metrics(self, job, box):
        """The job's events; its result (the metrics) goes into box['metrics']."""
        async for ev in self.host.events(job):
            yield ev
        box["metrics"] = m = job.result
        usage = getattr(job, "usage", None)
        if usage is not None and m is not None:
            usage["prompt"], usage["completion"] = m.prompt_tokens, m.completion_tokens

    async def _sse(self, job, cid, created, model, chat, include_usage, prefill_events,
                   tools: ToolRequest | None = None):
        obj = "chat.completion.chunk" if chat else "text_completion"
        parser = ToolCallParser(tools.tools) if tools is not None else None

        def deltas(events):
            """Content and tool-call deltas from the parser's events: a call is two chunks,
            its id, type and name with empty arguments, then its arguments (OpenAI's shape)."""
            for kind, value in events:
                if kind == "content":
                    yield chunk({"content": value})
                else:
                    yield chunk({"tool_calls": [{"index": value.index, "id": value.id,
                                                 "type": "function",
                                                 "function": {"name": value.name,
                                                              "arguments": ""}}]})
                    yield chunk({"tool_calls": [{"index": value.index,
                                                 "function": {"arguments": value.arguments}}]})

        def chunk(delta=None, finish=None, text=None, **extra):
            if chat:
                choice = {"index": 0, "delta": delta or {}, "finish_reason": finish,
                          "logprobs": None}
            else:
                choice = {"index": 0, "text": text or "", "finish_reason": finish,
                          "logprobs": None}
            d = {"id": cid, "object": obj, "created": created, "model": model,
                 "choices": [choice]}
            d.update(extra)
            return "data: " + json.dumps(d, ensure_ascii=False) + "\n\n"

        box = {}
        try:
            if chat:  # with tools, content may never come (OpenAI's first chunk then has null)
                yield chunk({"role": "assistant", "content": "" if parser is None else None})
            try:
                async for ev in self._events_with_metrics(job, box):
                    if ev[0] == "piece":
                        if parser is not None:
                            for c in deltas(parser.feed(ev[1])):
                                yield c
                        else:
                            yield chunk({"content": ev[1]}) if chat else chunk(text=ev[1])
                    elif ev[0] == "step":
                        yield ("event: ember.step\ndata: "
                               + json.dumps(ev[1], ensure_ascii=False) + "\n\n")
                    elif prefill_events:
                        yield ("event: ember.prefill\ndata: "
                               + json.dumps({"done": ev[1], "total": ev[2]}) + "\n\n")
            except BaseException as e:
                if isinstance(e, (asyncio.CancelledError, GeneratorExit)):
                    raise
                err = _from_exception(e)
                yield "data: " + json.dumps(err.body(), ensure_ascii=False) + "\n\n"
                return
            m = box["metrics"]
            extra = {"ember": {"metrics": m.as_dict()}}
            finish = _finish(m.finish_reason)
            if parser is not None:
                for c in deltas(parser.finish()):
                    yield c
                if parser.calls:
                    finish = _finish(m.finish_reason, tool_calls=True)
                    extra["ember"].update(_call_errors(parser.calls))
            if include_usage:
                yield chunk({}, finish) if chat else chunk(finish=finish)
                d = {"id": cid, "object": obj, "created": created, "model": model,
                     "choices": [], "usage": _usage(m), **extra}
                yield "data: " + json.dumps(d) + "\n\n"
            else:
                yield (chunk({}, finish, **extra) if chat else chunk(finish=finish, **extra))
            yield "data: [DONE]\n\n"
        finally:
            # the client went away (or the stream ended): a running generation stops at once
            self.host.cancel_job(job)

    # ---- Ember's own routes
    async def load(self, request: Request) -> Response:
        body = await _json_body(request)
        from .. import models
        spec = body.get("model") or body.get("path")
        if not isinstance(spec, str) or not spec:
            raise APIError(400, "'model' (an installed model's id, 'embedded' or a .gguf path) "
                                "is required.", param="model")
        p = Path(spec).expanduser()
        if p.suffix.lower() == ".gguf" or os.sep in spec or "/" in spec:
            # a file: as given (a split model's first shard may be a symlink in the HF cache
            # whose other shards lie beside the link, not beside its target)
            if not p.exists():
                raise APIError(404, f"Model file not found: {p}", code="model_file_missing",
                               param="model")
            ref = models.ModelRef(p.absolute(), p.name)
        else:
            try:
                ref = await asyncio.to_thread(models.resolve, spec)
            except EmberError as e:
                raise _from_exception(e) if isinstance(e, ModelFileError) else APIError(
                    404, str(e), code="model_not_found", param="model") from e
        opts = {}
        for name, kind in (("ctx", int), ("gpu_layers", int), ("threads", int)):
            opts[name] = _num(body, name, kind, -1 if name == "gpu_layers" else 0)
        for name, allowed in (("kv_type", ("f16", "q8_0", "q4_0")),
                              ("flash_attn", ("auto", "on", "off"))):
            v = body.get(name)
            if v is not None and v not in allowed:
                raise APIError(400, f"'{name}' must be one of {', '.join(allowed)}.", param=name)
            opts[name] = v
        mid = body.get("id") if isinstance(body.get("id"), str) else None
        if mid is None:
            for inst in await asyncio.to_thread(self._installed):
                if _same_file(inst.path, ref.path):
                    mid = self.model_id(inst)
                    break
        if mid is None:
            mid = (models.EMBEDDED if ref.embedded else
                   Path(spec).stem if Path(spec).suffix == ".gguf" else spec)
        h = self.host
        threads = opts["threads"] if opts["threads"] else self.config.threads
        job = h.stream(lambda j: h.run_load(
            j, str(ref.path), ctx=opts["ctx"], gpu_layers=opts["gpu_layers"],
            kv_type=opts["kv_type"], flash_attn=opts["flash_attn"], threads=threads,
            default_ctx=self.config.default_ctx, model_id=mid), "load")

        async def events():
            try:
                async for ev in h.events(job):
                    yield "data: " + json.dumps(ev) + "\n\n"
            except BaseException as e:
                if isinstance(e, (asyncio.CancelledError, GeneratorExit)):
                    h.cancel_job(job)
                    raise
                err = _from_exception(e)
                yield "data: " + json.dumps({"event": "error", **err.body()["error"],
                                             "status": err.status}) + "\n\n"
                return
            yield "data: " + json.dumps({"event": "loaded", **job.result}) + "\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    async def unload(self, request: Request) -> Response:
        await self.host.call(lambda e: self.host.run_unload(), "unload")
        return JSONResponse({"unloaded": True})

    async def status(self, request: Request) -> Response:
        h = self.host
        info = h.engine.info
        m = h.last_metrics
        return JSONResponse({
            "model": h.model_id, "info": info.as_dict() if info else None,
            "plan": plan_dict(h.plan), "kv_tokens": h.engine.kv_tokens if info else 0,
            "kv_owner": h.engine.kv_owner, "last_metrics": m.as_dict() if m else None,
            "pid": os.getpid(), "version": _version(),
            "parallel": {"streams": h.parallel, "active": len(h._batched),
                         "requested": h.parallel_request, "why": h.parallel_why},
            "speculative": {"mode": h.engine.speculative.mode,
                            "configured": h.speculative.mode,
                            "n_max": h.speculative.n_max,
                            "draft": h.speculative.draft_path,
                            "notice": h.speculative_notice},
            "loading": None if h.loading is None else {"model": h.loading.label,
                                                      "progress": h.loading.progress}})

    async def hardware(self, request: Request) -> Response:
        from .. import hardware
        hw = await asyncio.to_thread(hardware.probe)
        return JSONResponse(hw.as_dict())

    def _tokenize_sync(self, body: dict) -> dict:
        eng = self.host.engine
        with self.host.model_lock:
            if not eng.loaded:
                raise NoModelError("No model is loaded: load one first (POST /ember/load).")
            if "messages" in body:
                tools = _tools(body)
                offered = tools.tools if tools.offered else None
                msgs = _messages(body)
                if body.get("return_prompt"):  # the prompt as the template renders it
                    text = eng.format_chat(msgs, remember_stops=False, tools=offered)
                    toks = eng.chat_tokens(msgs, remember_stops=False, tools=offered)
                    return {"tokens": toks, "count": len(toks), "n_ctx": eng.info.n_ctx,
                            "prompt": text}
                toks = eng.chat_tokens(msgs, remember_stops=False, tools=offered)
                return {"tokens": toks, "count": len(toks), "n_ctx": eng.info.n_ctx}
            texts = body.get("texts")
            if isinstance(texts, list) and all(isinstance(t, str) for t in texts):
                add = bool(body.get("add_special", False))
                parse = bool(body.get("parse_special", True))
                counts = [len(eng.tokenize(t, add_special=add, parse_special=parse)) for t in texts]
                return {"counts": counts, "n_ctx": eng.info.n_ctx}
            text = body.get("text")
            if not isinstance(text, str):
                raise APIError(400, "Give 'text' (a string), 'texts' (a list of strings) or "
                                    "'messages'.", param="text")
            toks = eng.tokenize(text, add_special=bool(body.get("add_special", False)),
                                parse_special=bool(body.get("parse_special", True)))
            return {"tokens": toks, "count": len(toks), "n_ctx": eng.info.n_ctx}

    async def tokenize(self, request: Request) -> Response:
        body = await _json_body(request)
        return JSONResponse(await asyncio.to_thread(self._tokenize_sync, body))

    async def cancel(self, request: Request) -> Response:
        body = await _json_body(request) if int(request.headers.get("content-length") or 0) else {}
        rid = body.get("request_id")
        return JSONResponse({"cancelled": self.host.cancel(rid if isinstance(rid, str) else None)})

    async def kv(self, request: Request) -> Response:
        body = await _json_body(request)
        conv = body.get("conversation")
        if not isinstance(conv, str) or not conv:
            raise APIError(400, "'conversation' (a key string) is required.", param="conversation")
        action = request.path_params["action"]
        h = self.host

        def run(eng):
            cache = h.kvcache()
            if action == "save":
                info = cache.save(eng, conv, force=bool(body.get("force")))
                return {"saved": info is not None,
                        "tokens": info.n_tokens if info else 0,
                        "bytes": info.bytes if info else 0}
            if action == "restore":
                return {"restored_tokens": cache.restore(eng, conv)}
            if action == "drop":
                cache.drop(conv)
                return {"dropped": True}
            raise APIError(404, f"Unknown KV action {action!r}: save, restore or drop.")

        if action in ("save", "restore") and not h.engine.loaded:
            raise NoModelError("No model is loaded.")
        return JSONResponse(await h.call(run, f"kv-{action}"))

    async def shutdown(self, request: Request) -> Response:
        if not self.config.private:
            raise APIError(403, "Shutdown is allowed only on the private channel.",
                           type_="permission_error")
        if callable(self.config.on_shutdown):
            asyncio.get_running_loop().call_later(0.05, self.config.on_shutdown)
        return JSONResponse({"stopping": True})


def _same_file(a, b) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _finish(reason: str, tool_calls: bool = False) -> str:
    # OpenAI knows stop, length and tool_calls; a cancelled answer ended by request, so it is
    # a stop (an answer cut by max_tokens stays "length" even after a complete call)
    if reason == "length":
        return "length"
    return "tool_calls" if tool_calls else "stop"


def _call_errors(calls) -> dict:
    """Ember's note on calls whose arguments break their tool's schema (a keyword the grammar
    cannot hold, e.g. a length counted differently): the call is returned all the same."""
    bad = [{"index": c.index, "id": c.id, "error": c.error} for c in calls if c.error]
    return {"tool_call_errors": bad} if bad else {}


def _usage(m) -> dict:
    return {"prompt_tokens": m.prompt_tokens, "completion_tokens": m.completion_tokens,
            "total_tokens": m.prompt_tokens + m.completion_tokens,
            "prompt_tokens_details": {"cached_tokens": m.reused_tokens}}


def _build() -> dict:
    """What this engine's llama.cpp can do (clients plan with it without importing it)."""
    from dataclasses import asdict

    import llama_cpp

    from .. import ggml_backends
    from ..engine import native  # noqa: F401  (loads the backend modules, catching their log)
    from ..hardware import _ggml_backends, vulkan_gpus
    regs = _ggml_backends(False)[0]
    # listing a CUDA build's devices makes a CUDA context: only a Vulkan-only build's
    devices = _ggml_backends(True)[1] if "Vulkan" in regs and "CUDA" not in regs else []
    return {"llama_cpp_version": getattr(llama_cpp, "__version__", None),
            "build_can_offload": bool(llama_cpp.llama_supports_gpu_offload()),
            "backends": regs, "ggml": ggml_backends.state().as_dict(),
            # a Vulkan build's devices (the client cannot list them without llama.cpp)
            "vulkan_gpus": [asdict(g) for g in vulkan_gpus(devices)]}


def _version() -> str:
    from ... import __version__
    return __version__


def create_app(host: EngineHost, config: ServerConfig | None = None):
    config = config or ServerConfig()
    api = EmberAPI(host, config)

    def wrap(fn):
        async def endpoint(request: Request) -> Response:
            try:
                return await fn(request)
            except BaseException as e:
                if isinstance(e, (asyncio.CancelledError, KeyboardInterrupt, SystemExit)):
                    raise
                return _from_exception(e).response()
        return endpoint

    routes = [
        Route("/health", wrap(api.health), methods=["GET"]),
        Route("/v1/models", wrap(api.models), methods=["GET"]),
        Route("/v1/chat/completions", wrap(api.chat_completions), methods=["POST"]),
        Route("/v1/completions", wrap(api.completions), methods=["POST"]),
        Route("/ember/load", wrap(api.load), methods=["POST"]),
        Route("/ember/unload", wrap(api.unload), methods=["POST"]),
        Route("/ember/status", wrap(api.status), methods=["GET"]),
        Route("/ember/hardware", wrap(api.hardware), methods=["GET"]),
        Route("/ember/tokenize", wrap(api.tokenize), methods=["POST"]),
        Route("/ember/cancel", wrap(api.cancel), methods=["POST"]),
        Route("/ember/kv/{action}", wrap(api.kv), methods=["POST"]),
        Route("/ember/shutdown", wrap(api.shutdown), methods=["POST"]),
    ]

    async def not_found(request, exc):
        return APIError(404, f"No route {request.method} {request.url.path}.",
                        code="not_found").response()

    async def bad_method(request, exc):
        return APIError(405, f"{request.method} is not allowed on {request.url.path}.",
                        code="method_not_allowed").response()

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: bad_method})
    app.state.api = api
    return Guard(app, config)
