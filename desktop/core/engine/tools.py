"""Tool calls on the engine's side: does the chat template know tools, and the grammar that keeps
a call well formed.

Part of desktop/core/engine (its __init__ tells the whole story). The request's shapes are
checked in server/app.py and the model's output is parsed in core/toolcalls.py; this module
holds what needs the template or llama.cpp's grammar machinery.

The call format is Qwen's / Hermes's: `<tool_call>\\n{"name": ..., "arguments": {...}}\\n</tool_call>`,
one block per call, the blocks separated by a newline (how Qwen2.5's template writes an
assistant's calls back into the prompt)."""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Sequence

from llama_cpp.llama_grammar import LlamaGrammar, SchemaConverter

from ..toolcalls import CLOSE, OPEN

# llama.cpp's own JSON string character (json-schema-to-grammar.cpp): llama-cpp-python 0.3.36's
# converter writes `[^"\\]`, which lets control characters into strings, and json.loads (as
# every strict JSON parser) refuses those: found with a random model, 2 calls out of 3 broken
STRICT_CHAR_RULE = (r'[^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] '
                    r'[0-9a-fA-F] [0-9a-fA-F])')
_CHAR_LINE = re.compile(r"^char ::= .*$", re.M)


def strict_json_strings(gbnf: str) -> str:
    """A grammar from llama-cpp-python's schema converter, with strings that are valid JSON."""
    return _CHAR_LINE.sub(lambda _m: "char ::= " + STRICT_CHAR_RULE, gbnf)


_PROBE_NAME = "ember_probe_tool_5f2c9d"
_PROBE_TOOLS = [{"type": "function", "function": {
    "name": _PROBE_NAME, "description": "Probe.",
    "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}}}]


def template_tool_support(formatter) -> tuple[bool, str | None]:
    """Whether a chat formatter renders `tools` in a format Ember parses: (True, None), or
    (False, why). Rendered with a probe tool: its name must appear in the prompt (the template
    has a tools branch) and so must `<tool_call>` (the template asks for Qwen/Hermes calls)."""
    msgs = [{"role": "user", "content": "x"}]
    try:
        text = formatter(messages=msgs, tools=_PROBE_TOOLS, tool_choice="auto").prompt
    except Exception as e:  # noqa: BLE001 - a template that raises on tools has none
        return False, f"the chat template fails when given tools ({e})"
    if _PROBE_NAME not in text:
        return False, "the chat template has no tools support (it does not render tools)"
    if OPEN not in text:
        return False, ("the chat template renders tools but does not ask for <tool_call> blocks, "
                       "the only tool-call format Ember reads (Qwen, Hermes)")
    return True, None


@dataclass
class ToolGrammar:
    """A GBNF grammar for tool calls. lazy: inactive until the model writes `<tool_call>`
    (llama.cpp's lazy grammar with a trigger pattern): text before it is free."""
    gbnf: str
    lazy: bool
    root: str = "root"
    trigger_patterns: list[str] = field(default_factory=list)
    trigger_tokens: list[int] = field(default_factory=list)

    @property
    def _grammar(self) -> str:  # the attributes Engine._make_sampler reads from a LlamaGrammar
        return self.gbnf

    @property
    def _root(self) -> str:
        return self.root


# what a turn's grammar sampler is made from: llama-cpp-python's grammar (JSON mode, a JSON
# schema) or a tool-call grammar (Engine._make_sampler reads the same attributes of both)
Grammar = LlamaGrammar | ToolGrammar


_LITERAL_ESCAPES = {"\\": "\\\\", "\r": "\\r", "\n": "\\n", '"': '\\"'}
_LITERAL_RE = re.compile(r'[\\\r\n"]')


class _Converter(SchemaConverter):
    """llama-cpp-python's JSON-schema converter, with literals escaped for GBNF in full: its
    own leaves a backslash as it is, so an enum or const string holding a newline (JSON text
    `"a\\nb"`) became a GBNF `\\n`, i.e. a raw newline in the output, which is not JSON."""

    def _format_literal(self, literal):
        return '"' + _LITERAL_RE.sub(lambda m: _LITERAL_ESCAPES[m.group(0)], literal) + '"'


def schema_gbnf(schema: str | dict) -> str:
    """The GBNF of a JSON schema (json_schema_to_gbnf with the converter above), strings strict
    JSON (strict_json_strings)."""
    schema = json.loads(schema) if isinstance(schema, str) else schema
    conv = _Converter(prop_order={}, allow_fetch=False, dotall=False, raw_pattern=False)
    schema = conv.resolve_refs(schema, "stdin")
    conv.visit(schema, "")
    return strict_json_strings(conv.format_grammar())


def tool_grammar(tools: Sequence[dict], *, name: str | None = None, lazy: bool = False,
                 parallel: bool = True, open_token: int | None = None) -> ToolGrammar:
    """The grammar of one call (or, with `parallel`, one or more calls separated by newlines) to
    one of `tools` (OpenAI shape: {"type": "function", "function": {name, parameters}}), or to
    the tool called `name` only. The arguments follow each tool's JSON schema.

    lazy: the grammar waits for `<tool_call>`: the token `open_token` when the vocabulary has
    one (Qwen's 151657: a token id is checked per token, nothing more), else a regex over the
    text so far (std::regex over the whole answer at every token: slower on long answers)."""
    conv = _Converter(prop_order={"name": 0, "arguments": 1}, allow_fetch=False,
                      dotall=False, raw_pattern=False)
    alts = []
    for i, tool in enumerate(tools):
        fn = tool["function"]
        if name is not None and fn["name"] != name:
            continue
        params = copy.deepcopy(fn.get("parameters") or {"type": "object"})
        params = conv.resolve_refs(params, f"tool{i}")  # its "#/..." refs point into itself
        call = {"type": "object",
                "properties": {"name": {"const": fn["name"]}, "arguments": params},
                "required": ["name", "arguments"], "additionalProperties": False}
        alts.append(conv.visit(call, f"call{i}"))
    if not alts:
        raise ValueError(f"no tool named {name!r}")
    block = conv._add_rule(
        "tool-call-block",
        f'{conv._format_literal(OPEN + chr(10))} ( {" | ".join(alts)} ) '
        f'{conv._format_literal(chr(10) + CLOSE)}')
    root = f'{block} ( "\\n" {block} )*' if parallel else block
    conv._rules["root"] = root
    g = ToolGrammar(gbnf=strict_json_strings(conv.format_grammar()), lazy=lazy)
    if lazy and open_token is not None:
        g.trigger_tokens = [open_token]
    elif lazy:
        g.trigger_patterns = [_regex_escape(OPEN)]
    return g


def _regex_escape(s: str) -> str:
    """An ECMAScript regex matching `s` literally (llama.cpp's triggers use std::regex)."""
    return "".join("\\" + c if c in r"\^$.|?*+()[]{}/" else c for c in s)


def grammar_key(tools: Sequence[dict], name: str | None, lazy: bool, parallel: bool) -> str:
    return "tools:" + json.dumps([tools, name, lazy, parallel], sort_keys=True)
