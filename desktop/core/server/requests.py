"""The engine API's requests (issue 26: their own room): the bodies of /v1/chat/completions
and /v1/completions read and checked, parameter by parameter, into what the engine takes
(messages, sampling, stop strings, response format, tools); a bad one raises APIError 400 with
the parameter named."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from starlette.requests import Request

from ..turns import SamplingSettings
from .errors import APIError

MAX_TOKENS_LIMIT = 1 << 20         # max_tokens above this is refused (the context ends it anyway)


MAX_DEPTH = 64                     # JSON nesting of a body (a tool's schema included)
# a JSON schema or the tools of one request, as JSON: llama.cpp checks the whole grammar
# against the vocabulary at every token, so a 20,000-string enum held the engine for minutes
MAX_GRAMMAR_BYTES = 32 << 10


def _grammar_size(value, what: str, param: str) -> None:
    n = len(json.dumps(value))
    if n > MAX_GRAMMAR_BYTES:
        raise APIError(400, f"{what} is {n:,} bytes of JSON; at most {MAX_GRAMMAR_BYTES:,} are "
                            "taken (it becomes a grammar checked at every token).",
                       param=param, code="grammar_too_large")


async def _json_body(request: Request) -> dict:
    """The body as a JSON object, checked as a whole before any field is read: valid JSON, at
    most MAX_DEPTH levels deep, and no string (key or value) that is not Unicode text (a lone
    surrogate such as \\ud800 cannot be tokenized or written back as UTF-8)."""
    raw = await request.body()
    try:
        body = json.loads(raw)
    except RecursionError as e:
        raise APIError(400, f"The request body is nested too deeply (at most {MAX_DEPTH} "
                            "levels).", code="invalid_json") from e
    except (ValueError, UnicodeDecodeError) as e:
        raise APIError(400, f"The request body is not valid JSON: {e}", code="invalid_json") from e
    if not isinstance(body, dict):
        raise APIError(400, "The request body must be a JSON object.", code="invalid_json")
    _check_tree(body)
    return body


def _check_tree(body: dict) -> None:
    """Depth and text of every value, without recursion (a deep body cannot overflow it)."""
    stack: list[tuple[object, int, str]] = [(body, 1, "")]
    while stack:
        v, depth, where = stack.pop()
        if isinstance(v, str):
            _text(v, where)
            continue
        if not isinstance(v, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise APIError(400, f"The request body is nested too deeply at {where or 'the top'} "
                                f"(at most {MAX_DEPTH} levels).", code="invalid_json",
                           param=where.split(".")[0].split("[")[0] or None)
        if isinstance(v, dict):
            for k, x in v.items():
                _text(k, where)
                stack.append((x, depth + 1, f"{where}.{k}" if where else k))
        else:
            stack.extend((x, depth + 1, f"{where}[{i}]") for i, x in enumerate(v))


def _text(s: str, where: str) -> None:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError as e:
        raise APIError(400, f"'{where}' holds a lone surrogate ({s[e.start]!r} at character "
                            f"{e.start}): send text as valid UTF-8.",
                       param=where.split(".")[0].split("[")[0] or None,
                       code="invalid_text") from e


def _integral(v):
    """JSON has one number type: 16.0 is taken as the integer 16 (as OpenAI does)."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


Int = Annotated[int, BeforeValidator(_integral)]
Finite = Annotated[float, Field(allow_inf_nan=False)]


class StreamOptions(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow")
    include_usage: bool = False


class Body(BaseModel):
    """The typed fields of /v1/chat/completions and /v1/completions, one model for both:
    types, ranges and finiteness in one place (pydantic, strict: a string is no number, a
    number no boolean). What depends on several fields, the messages and the tools is checked
    by the functions below; unknown fields are let through, as OpenAI's SDKs send new ones."""
    model_config = ConfigDict(strict=True, extra="allow")
    model: str | None = None
    stream: bool = False
    stream_options: StreamOptions | None = None
    temperature: Finite | None = Field(None, ge=0, le=2)
    top_p: Finite | None = Field(None, ge=0, le=1)
    min_p: Finite | None = Field(None, ge=0, le=1)
    top_k: Int | None = Field(None, ge=0)
    repeat_penalty: Finite | None = Field(None, ge=0)
    presence_penalty: Finite | None = Field(None, ge=-2, le=2)
    frequency_penalty: Finite | None = Field(None, ge=-2, le=2)
    max_tokens: Int | None = Field(None, ge=1, le=MAX_TOKENS_LIMIT)
    max_completion_tokens: Int | None = Field(None, ge=1, le=MAX_TOKENS_LIMIT)
    min_tokens: Int = Field(0, ge=0, le=MAX_TOKENS_LIMIT)
    ignore_eos: bool = False
    seed: Int | None = None
    n: Int = Field(1, ge=1, le=1)
    cache_prompt: bool = True
    # {token id: bias}, OpenAI's: -100 bans a token, 100 all but forces it
    logit_bias: dict[str, Annotated[Finite, Field(ge=-100, le=100)]] | None = Field(
        None, max_length=1024)
    ember: dict | None = None

    @classmethod
    def read(cls, body: dict) -> "Body":
        try:
            return cls.model_validate({k: v for k, v in body.items() if v is not None})
        except ValidationError as e:
            raise _invalid(e) from e


_PHRASES = {"int_type": "an integer", "int_from_float": "an integer",
            "float_type": "a number", "finite_number": "a finite number (not NaN or infinity)",
            "bool_type": "true or false", "string_type": "a string",
            "dict_type": "an object", "model_type": "an object", "list_type": "a list"}


def _invalid(e: ValidationError) -> APIError:
    """The first of pydantic's errors in Ember's words, with OpenAI's `param`."""
    err = e.errors(include_url=False)[0]
    loc = [str(x) for x in err["loc"]]
    name = ".".join(loc)
    kind = err["type"]
    field = Body.model_fields.get(loc[0])
    if kind in _PHRASES:
        what = _PHRASES[kind]
    elif kind in ("greater_than_equal", "less_than_equal") and field is not None and len(loc) == 1:
        lo, hi = _bounds(field)
        what = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        what += f", not {err['input']}"
    else:
        what = err["msg"].lower().removeprefix("input should be ").rstrip(".")
    return APIError(400, f"'{name}' must be {what}.", param=loc[0], code="invalid_value")


def _bounds(field) -> tuple:
    lo = hi = None
    for m in field.metadata:
        lo = getattr(m, "ge", lo) if getattr(m, "ge", None) is not None else lo
        hi = getattr(m, "le", hi) if getattr(m, "le", None) is not None else hi
    return lo, hi


def _num(body: dict, name: str, kind, lo=None, hi=None, default=None):
    """One number of a body that has no model (/ember/load's ctx, gpu_layers, threads)."""
    v = body.get(name, default)
    if v is None:
        return default
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) \
            or (kind is int and not float(v).is_integer()):
        raise APIError(400, f"'{name}' must be a{'n integer' if kind is int else ' number'}.",
                       param=name, code="invalid_value")
    v = kind(v)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        rng = f"between {lo} and {hi}" if hi is not None else f"at least {lo}"
        raise APIError(400, f"'{name}' must be {rng}, not {v}.", param=name, code="invalid_value")
    return v


def _sampling(b: Body) -> SamplingSettings:
    d = SamplingSettings()
    max_tokens = b.max_completion_tokens if b.max_completion_tokens is not None else b.max_tokens
    name = "max_completion_tokens" if b.max_completion_tokens is not None else "max_tokens"
    # no end before min_tokens (vLLM's name), or never at an end-of-generation token
    # (llama-server's ignore_eos): the answer's length stops depending on the model's words
    if max_tokens is not None and b.min_tokens > max_tokens:
        raise APIError(400, f"'min_tokens' ({b.min_tokens}) must not be above '{name}' "
                            f"({max_tokens}).", param="min_tokens", code="invalid_value")
    return SamplingSettings(
        temperature=_or(b.temperature, d.temperature), top_p=_or(b.top_p, d.top_p),
        top_k=_or(b.top_k, d.top_k), min_p=_or(b.min_p, d.min_p),
        repeat_penalty=_or(b.repeat_penalty, d.repeat_penalty),
        max_tokens=max_tokens if max_tokens is not None else -1,
        seed=b.seed, min_tokens=b.min_tokens, ignore_eos=b.ignore_eos,
        logit_bias=_logit_bias(b.logit_bias))


def _or(v, default):
    return default if v is None else v


def _logit_bias(lb: dict[str, float] | None) -> dict[int, float] | None:
    """OpenAI's logit_bias, {"token id": bias}, as {id: bias}; -100 bans the token (-inf).
    The engine refuses an id outside the model's vocabulary."""
    if not lb:
        return None
    out = {}
    for k, v in lb.items():
        if not k.isdigit() or len(k) > 9:
            raise APIError(400, f"'logit_bias' keys are token ids (non-negative integers as "
                                f"strings), not {k!r}.", param="logit_bias", code="invalid_value")
        out[int(k)] = float("-inf") if v <= -100 else float(v)
    return out


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
    from ..agent.assemble import sandbox_error
    why = sandbox_error()
    if why:
        raise APIError(400, why, code="sandbox_unavailable")
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
        if isinstance(schema, dict):
            _grammar_size(schema, "The JSON schema", "response_format")
        return True, schema if isinstance(schema, dict) else None
    js = rf.get("json_schema")
    if not isinstance(js, dict) or not isinstance(js.get("schema"), dict):
        raise APIError(400, "'response_format.json_schema.schema' must be a JSON schema object.",
                       param="response_format")
    _grammar_size(js["schema"], "The JSON schema", "response_format")
    return True, js["schema"]


def _prompt(body: dict) -> str:
    """/v1/completions' prompt: a non-empty string (or a list of one)."""
    prompt = body.get("prompt")
    if isinstance(prompt, list) and len(prompt) == 1 and isinstance(prompt[0], str):
        prompt = prompt[0]
    if not isinstance(prompt, str) or not prompt:
        raise APIError(400, "'prompt' must be a non-empty string.", param="prompt")
    return prompt


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
        msg: dict[str, Any] = {"role": role, "content": content}
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
    _grammar_size(tools, "'tools'", "tools")
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
        except RecursionError as e:
            raise APIError(400, f"{where}.function.parameters is nested too deeply.",
                           param=f"{where}.function.parameters") from e
        except jsonschema.SchemaError as e:
            raise APIError(400, f"{where}.function.parameters is not a valid JSON schema: "
                                f"{e.message}", param=f"{where}.function.parameters") from e
    f: dict[str, Any] = {"name": name}
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


@dataclass
class Completion:
    """A /v1/chat/completions or /v1/completions request, read and checked in one call
    (`read_completion`): what the handler needs, nothing left to look up in the body."""
    chat: bool
    model: str | None
    messages: list[dict] | None         # a chat's
    prompt: str | None                  # a completion's
    sampling: SamplingSettings
    stop: list[str]
    json_mode: bool
    schema: object
    tools: ToolRequest
    own_tools: tuple[list[str], int] | None   # ember.tools: (names, max rounds)
    stream: bool
    include_usage: bool
    prefill_events: bool
    conversation: str | None
    request_id: str | None
    cache_prompt: bool

    @property
    def texts(self) -> list[str]:
        """What the model will read, as the client sent it (before the template)."""
        return [self.prompt] if self.prompt is not None else [
            m["content"] for m in self.messages or []]


def read_completion(body: dict, *, chat: bool, config) -> Completion:
    """The request's fields: the typed ones (Body), then what depends on several (messages and
    tool calls, the response format against tools and min_tokens, Ember's extensions)."""
    b = Body.read(body)
    messages = _messages(body) if chat else None
    prompt = None if chat else _prompt(body)
    sampling = _sampling(b)
    json_mode, schema = _response_format(body) if chat else (False, None)
    tools = _tools(body) if chat else ToolRequest([], "none", True)
    if tools.offered and json_mode:
        raise APIError(400, "'response_format' json_object / json_schema and 'tools' cannot be "
                            "combined (both are a grammar): send one of them, or tool_choice "
                            "'none'.", param="response_format")
    ext = b.ember or {}
    conversation = ext.get("conversation")
    if conversation is not None and not isinstance(conversation, str):
        raise APIError(400, "'ember.conversation' must be a string.", param="ember")
    own_tools = _own_tools(ext, config, chat, tools, json_mode)
    if (sampling.min_tokens or sampling.ignore_eos) and (json_mode or tools.offered or own_tools):
        # a grammar decides where a JSON answer or a tool call ends
        which = "min_tokens" if sampling.min_tokens else "ignore_eos"
        raise APIError(400, f"'{which}' cannot be combined with a JSON 'response_format' or "
                            "tools: their grammar decides where the answer ends.",
                       param=which, code="invalid_value")
    rid = ext.get("request_id")
    return Completion(
        chat=chat, model=b.model, messages=messages, prompt=prompt, sampling=sampling,
        stop=_stops(body), json_mode=json_mode, schema=schema, tools=tools,
        own_tools=(own_tools[0], own_tools[1]) if own_tools else None, stream=b.stream,
        include_usage=b.stream_options is not None and b.stream_options.include_usage,
        prefill_events=bool(ext.get("prefill_events")) and b.stream,
        conversation=conversation, request_id=rid if isinstance(rid, str) else None,
        cache_prompt=b.cache_prompt)
