"""Tool calls in a model's text: Qwen's / Hermes's `<tool_call>` blocks into OpenAI's `tool_calls`.

Qt-free and llama.cpp-free (a client of the engine may use it too). The engine's grammar
(engine/tools.py) keeps a call's JSON valid once the model starts one; this parser still treats
the text as untrusted: a block whose JSON does not parse, or that names a tool the request did
not offer, stays in the answer's text, so nothing the model wrote is lost or invented.

    p = ToolCallParser(tools)
    for piece in pieces:
        for kind, value in p.feed(piece): ...   # ("content", text) | ("call", ToolCall)
    for kind, value in p.finish(): ...
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Sequence

from .errors import EmberError

OPEN, CLOSE = "<tool_call>", "</tool_call>"


class ToolsUnsupportedError(EmberError):
    """The loaded model's chat template cannot take tools (the API answers 400)."""


def new_call_id() -> str:
    return "call_" + uuid.uuid4().hex[:24]


@dataclass
class ToolCall:
    name: str
    arguments: str                       # a JSON text, as OpenAI sends it
    id: str = field(default_factory=new_call_id)
    index: int = 0
    error: str | None = None             # the arguments do not follow the tool's schema

    def as_dict(self) -> dict:
        return {"id": self.id, "type": "function",
                "function": {"name": self.name, "arguments": self.arguments}}


def _partial_prefix(text: str, marker: str) -> int:
    """The length of the longest end of `text` that is a beginning of `marker` (held back)."""
    for n in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-n:]):
            return n
    return 0


def _inside_string(text: str) -> bool:
    """Whether JSON text ends inside a string (an odd count of unescaped quotes)."""
    inside = escaped = False
    for c in text:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = inside
        elif c == '"':
            inside = not inside
    return inside


class ToolCallParser:
    """Splits streamed text into content and tool calls.

    Content streams out at once, except a possible beginning of `<tool_call>` at its end and
    whitespace (held until more text shows what it is: whitespace around calls is not content).
    A call is held until `</tool_call>` closes it; at the end of the answer an unclosed call whose
    JSON is complete still counts (a model that ends right after the JSON)."""

    def __init__(self, tools: Sequence[dict] | None = None):
        self._tools = {t["function"]["name"]: t["function"] for t in (tools or [])}
        self._buf = ""
        self._in_call = False
        self._ws = ""  # whitespace right before an open call: dropped if the call parses
        self.calls: list[ToolCall] = []
        self._content: list[str] = []

    @property
    def content(self) -> str | None:
        """The text outside the calls (None when there are calls and nothing else)."""
        text = "".join(self._content)
        if self.calls:
            text = text.strip()
            return text or None
        return text

    def feed(self, text: str) -> list[tuple[str, object]]:
        self._buf += text
        out: list[tuple[str, object]] = []
        while True:
            if self._in_call:
                end = self._buf.find(CLOSE)
                while end >= 0 and _inside_string(self._buf[:end]):
                    # `</tool_call>` written inside a JSON string (the grammar allows it there):
                    # the block goes on
                    end = self._buf.find(CLOSE, end + 1)
                if end < 0:
                    return out
                body, self._buf = self._buf[:end], self._buf[end + len(CLOSE):]
                self._in_call = False
                out.extend(self._block(body, closed=True))
                continue
            start = self._buf.find(OPEN)
            if start >= 0:
                before = self._buf[:start]
                text = before.rstrip()
                self._ws = before[len(text):]
                out.extend(self._text(text))
                self._buf = self._buf[start + len(OPEN):]
                self._in_call = True
                continue
            keep = _partial_prefix(self._buf, OPEN)
            ready = self._buf[:len(self._buf) - keep]
            stripped = ready.rstrip()
            if not stripped:  # only whitespace so far: wait for what follows it
                return out
            out.extend(self._text(stripped))
            self._buf = self._buf[len(stripped):]
            return out

    def finish(self) -> list[tuple[str, object]]:
        out: list[tuple[str, object]] = []
        if self._in_call:
            body, self._buf, self._in_call = self._buf, "", False
            out.extend(self._block(body, closed=False))
        elif self._buf:
            rest, self._buf = self._buf, ""
            if not (self.calls and not rest.strip()):
                out.extend(self._text(rest))
        return out

    def _text(self, text: str) -> list[tuple[str, object]]:
        if not text:
            return []
        self._content.append(text)
        return [("content", text)]

    def _block(self, body: str, closed: bool) -> list[tuple[str, object]]:
        call = self.parse_call(body)
        ws, self._ws = self._ws, ""
        if call is None:  # not a call Ember can hand on: keep the text as the model wrote it
            raw = ws + OPEN + body + (CLOSE if closed else "")
            self._content.append(raw)
            return [("content", raw)]
        call.index = len(self.calls)
        self.calls.append(call)
        return [("call", call)]

    def parse_call(self, body: str) -> ToolCall | None:
        """A call from the JSON between the tags, or None when it is not one."""
        try:
            obj = json.loads(body.strip())
        except ValueError:
            return None
        if not isinstance(obj, dict) or not isinstance(obj.get("name"), str):
            return None
        name, args = obj["name"], obj.get("arguments", {})
        if isinstance(args, str):  # some models write the arguments as a JSON string
            try:
                args = json.loads(args)
            except ValueError:
                return None
        if not isinstance(args, dict):
            return None
        if self._tools and name not in self._tools:
            return None
        return ToolCall(name=name, arguments=json.dumps(args, ensure_ascii=False),
                        error=self._check(name, args))

    def _check(self, name: str, args: dict) -> str | None:
        """The grammar follows the schema; jsonschema checks what a grammar cannot (keywords
        llama.cpp's schema converter ignores). A failure is reported, the call still returned."""
        fn = self._tools.get(name)
        schema = fn.get("parameters") if fn else None
        if not schema:
            return None
        import jsonschema
        try:
            jsonschema.validate(args, schema)
        except jsonschema.ValidationError as e:
            return e.message
        except jsonschema.SchemaError:
            return None
        return None


def arguments_for_template(arguments) -> object:
    """An assistant call's arguments as the chat template wants them: Qwen's template writes
    `arguments | tojson`, so a JSON string becomes the object it holds (else it would be quoted
    twice); text that is not JSON stays text."""
    if isinstance(arguments, str):
        try:
            return json.loads(arguments)
        except ValueError:
            return arguments
    return arguments
