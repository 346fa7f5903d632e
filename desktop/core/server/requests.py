"""The engine API's requests (issue 26: their own room): the bodies of /v1/chat/completions
and /v1/completions read and checked, parameter by parameter, into what the engine takes
(messages, sampling, stop strings, response format, tools); a bad one raises APIError 400 with
the parameter named."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from starlette.requests import Request

from ..turns import SamplingSettings
from .errors import APIError

MAX_TOKENS_LIMIT = 1 << 20         # max_tokens above this is refused (the context ends it anyway)


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
