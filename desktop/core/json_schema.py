"""JSON schemas for JSON mode: read and checked before they are used, Qt-free.

`check_text(text)` returns the schema, or raises SchemaProblem with a sentence that says what is
wrong and where: the JSON itself (line and column), the schema (jsonschema's own meta-schema
check, draft 2020-12), and whether Ember's grammar converter takes it (the engine turns a
schema into a grammar with llama.cpp's JSON-schema converter, engine/tools.py schema_gbnf).

The converter check runs the converter's pure-Python file (llama_cpp/llama_grammar.py, which
imports only the standard library) loaded on its own, under a private name: the window's
process never imports the llama_cpp package nor loads llama.cpp (tests/test_architecture.py).
Where that file cannot be loaded the check is skipped; the engine still refuses the schema
with a clear error when the answer is asked.
"""
from __future__ import annotations

import importlib.util
import json
import sys

from .errors import EmberError

# schemas to start from (the schema editor's "Insert example")
EXAMPLES: dict[str, dict] = {
    "An object with required fields": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "age": {"type": "integer", "minimum": 0},
            "email": {"type": "string"},
        },
        "required": ["name", "age"],
        "additionalProperties": False,
    },
    "A choice among values (enum)": {
        "type": "object",
        "properties": {"sentiment": {"enum": ["positive", "neutral", "negative"]}},
        "required": ["sentiment"],
        "additionalProperties": False,
    },
    "A list of items (array)": {
        "type": "object",
        "properties": {
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"title": {"type": "string"}, "done": {"type": "boolean"}},
                    "required": ["title", "done"],
                    "additionalProperties": False,
                },
                "minItems": 1,
                "maxItems": 5,
            },
        },
        "required": ["items"],
        "additionalProperties": False,
    },
}

_PRIVATE_NAME = "_ember_llama_grammar_converter"


class SchemaProblem(EmberError):
    """A schema that cannot be used: the message says why (and where, for bad JSON)."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line, self.column = line, column


def _converter_class():
    """llama.cpp's SchemaConverter class, from its file loaded on its own (None: not found)."""
    mod = sys.modules.get(_PRIVATE_NAME)
    if mod is None:
        try:
            spec = importlib.util.find_spec("llama_cpp")  # finds the package, imports nothing
            if spec is None or not spec.submodule_search_locations:
                return None
            from pathlib import Path
            path = Path(list(spec.submodule_search_locations)[0]) / "llama_grammar.py"
            fspec = importlib.util.spec_from_file_location(_PRIVATE_NAME, path)
            if fspec is None or fspec.loader is None:
                return None
            mod = importlib.util.module_from_spec(fspec)
            fspec.loader.exec_module(mod)
        except Exception:  # noqa: BLE001 - no converter here: the engine checks it later
            return None
        sys.modules[_PRIVATE_NAME] = mod
    return getattr(mod, "SchemaConverter", None)


def converter_problem(schema: dict) -> str | None:
    """Why the grammar converter refuses `schema` (None: it takes it, or it is not here)."""
    cls = _converter_class()
    if cls is None:
        return None
    try:
        conv = cls(prop_order={}, allow_fetch=False, dotall=False, raw_pattern=False)
        resolved = conv.resolve_refs(json.loads(json.dumps(schema)), "stdin")
        conv.visit(resolved, "")
        conv.format_grammar()
    except RecursionError:
        return "it refers to itself without end"
    except Exception as e:  # noqa: BLE001 - the converter raises assertions and ValueErrors
        return str(e).strip() or type(e).__name__
    return None


def parse_text(text: str):
    """The JSON in `text`, or SchemaProblem with the line and column of the first error."""
    if not text.strip():
        raise SchemaProblem("The schema is empty: write a JSON schema or insert an example.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise SchemaProblem(f"This is not valid JSON: {e.msg} at line {e.lineno}, column "
                            f"{e.colno}.", line=e.lineno, column=e.colno) from None


def check_schema(schema) -> dict:
    """`schema` if it is a JSON schema Ember can follow, else SchemaProblem."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
    if not isinstance(schema, dict):
        raise SchemaProblem("A JSON schema must be a JSON object ({ ... }), for example "
                            '{"type": "object"}.')
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as e:
        where = "/".join(str(p) for p in e.absolute_path)
        at = f" (at {where})" if where else ""
        raise SchemaProblem(f"This is not a valid JSON schema{at}: {e.message}.") from None
    why = converter_problem(schema)
    if why:
        raise SchemaProblem(f"Ember cannot turn this schema into a grammar: {why}.")
    return schema


def check_text(text: str) -> dict:
    """The schema written in `text`, checked (SchemaProblem says what is wrong)."""
    return check_schema(parse_text(text))


def summary(schema: dict) -> str:
    """A few words naming a schema (its title, else its kind and first properties)."""
    if isinstance(schema.get("title"), str) and schema["title"].strip():
        return schema["title"].strip()[:40]
    props = schema.get("properties")
    if isinstance(props, dict) and props:
        names = list(props)
        more = ", …" if len(names) > 3 else ""
        return "{" + ", ".join(names[:3]) + more + "}"
    kind = schema.get("type")
    return str(kind) if isinstance(kind, str) else "schema"
