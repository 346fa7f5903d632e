"""JSON answers: parsing a model's reply and validating it against its JSON Schema.

Validation is the `jsonschema` package (Draft 2020-12): every keyword is checked, "integer"
admits 3.0 but not 3.5 or true, "pattern" is a regular-expression search. A schema that is not
itself valid raises SchemaError, so a task file cannot carry a schema that checks nothing.
"""
from __future__ import annotations

import json
import re
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema import exceptions as _jse


class SchemaError(ValueError):
    """The schema itself is not a valid JSON Schema."""


def check_schema(schema: dict) -> None:
    """Raise SchemaError if `schema` is not a valid JSON Schema (Draft 2020-12)."""
    try:
        Draft202012Validator.check_schema(schema)
    except _jse.SchemaError as e:
        where = "/".join(str(p) for p in e.path) or "$"
        raise SchemaError(f"{where}: {e.message}") from e


def validate(value: Any, schema: dict, path: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (empty: valid)."""
    check_schema(schema)
    errors = Draft202012Validator(schema).iter_errors(value)
    out = []
    for e in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        where = path + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                               for p in e.absolute_path)
        out.append(f"{where}: {e.message}")
    return out


_FENCE = re.compile(r"```[ \t]*(?:json|JSON)?[ \t]*\n(.*?)(?:\n[ \t]*```|\Z)", re.S)


def parse_answer(text: str) -> tuple[Any, str | None]:
    """The JSON in a model's answer: the whole answer, stripped, or the body of a ```json
    fence when the answer has one (a fenced answer with prose around it counts; prose around
    bare JSON does not). Returns (value, None) or (None, why it is not JSON)."""
    s = text.strip()
    m = _FENCE.search(s)
    if m and not s.startswith(("{", "[")):
        s = m.group(1).strip()
    if not s:
        return None, "empty answer"
    try:
        return json.loads(s), None
    except ValueError as e:
        return None, f"not JSON: {e}"
