"""JSON answers: parsing a model's reply and validating it against a JSON Schema subset.

The subset (what the bench's prompts use): type (one or a list; "integer" excludes floats and
booleans, "number" excludes booleans), enum, const, properties, required,
additionalProperties (false or a schema), items (one schema), minItems, maxItems, minLength,
maxLength, minimum, maximum, exclusiveMinimum, exclusiveMaximum, pattern (Python `re.search`),
anyOf. Unknown keywords raise SchemaError, so a task file cannot silently use a keyword that
is not checked.
"""
from __future__ import annotations

import json
import re
from typing import Any

KNOWN = {"type", "enum", "const", "properties", "required", "additionalProperties", "items",
         "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum",
         "exclusiveMinimum", "exclusiveMaximum", "pattern", "anyOf", "title", "description"}


class SchemaError(ValueError):
    """The schema uses something this validator does not check."""


def _type_ok(value: Any, t: str) -> bool:
    if t == "object":
        return isinstance(value, dict)
    if t == "array":
        return isinstance(value, list)
    if t == "string":
        return isinstance(value, str)
    if t == "boolean":
        return isinstance(value, bool)
    if t == "null":
        return value is None
    if t == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or \
            (isinstance(value, float) and value.is_integer())
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    raise SchemaError(f"unknown type {t!r}")


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but True != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def validate(value: Any, schema: dict, path: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (empty: valid)."""
    if not isinstance(schema, dict):
        raise SchemaError(f"{path}: a schema must be an object")
    unknown = set(schema) - KNOWN
    if unknown:
        raise SchemaError(f"{path}: unsupported keyword(s) {sorted(unknown)}")
    errors: list[str] = []
    if "anyOf" in schema:
        if not any(not validate(value, s, path) for s in schema["anyOf"]):
            errors.append(f"{path}: matches none of anyOf")
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(value, t) for t in types):
            return errors + [f"{path}: expected {' or '.join(types)}, got {type(value).__name__}"]
    if "const" in schema and not _same(value, schema["const"]):
        errors.append(f"{path}: must be {schema['const']!r}")
    if "enum" in schema and not any(_same(value, e) for e in schema["enum"]):
        errors.append(f"{path}: {value!r} is not one of {schema['enum']!r}")
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            errors.append(f"{path}: shorter than {schema['minLength']}")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errors.append(f"{path}: longer than {schema['maxLength']}")
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            errors.append(f"{path}: does not match {schema['pattern']!r}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: less than {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: more than {schema['maximum']}")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            errors.append(f"{path}: not more than {schema['exclusiveMinimum']}")
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            errors.append(f"{path}: not less than {schema['exclusiveMaximum']}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{path}: more than {schema['maxItems']} items")
        if "items" in schema:
            for i, v in enumerate(value):
                errors += validate(v, schema["items"], f"{path}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                errors.append(f"{path}: missing {k!r}")
        extra = schema.get("additionalProperties", True)
        for k, v in value.items():
            if k in props:
                errors += validate(v, props[k], f"{path}.{k}")
            elif extra is False:
                errors.append(f"{path}: unexpected key {k!r}")
            elif isinstance(extra, dict):
                errors += validate(v, extra, f"{path}.{k}")
    return errors


def check_schema(schema: dict) -> None:
    """Raise SchemaError if `schema` uses keywords this validator does not check."""
    def walk(s, path):
        validate(None, {k: v for k, v in s.items() if k not in ("type", "const", "enum", "anyOf")},
                 path)
        for k, sub in s.get("properties", {}).items():
            walk(sub, f"{path}.{k}")
        if isinstance(s.get("items"), dict):
            walk(s["items"], f"{path}[]")
        if isinstance(s.get("additionalProperties"), dict):
            walk(s["additionalProperties"], f"{path}.*")
        for sub in s.get("anyOf", []):
            walk(sub, path)
        for t in (s["type"] if isinstance(s.get("type"), list) else [s.get("type")]):
            if t is not None:
                _type_ok(None, t)
    walk(schema, "$")


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
