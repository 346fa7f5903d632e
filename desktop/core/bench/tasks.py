"""The bench's task data (TOML files shipped inside the package) and answer extraction."""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable

from .schema import check_schema

CATEGORIES = ("implement", "rewrite", "fix-bug", "api-json")
LANGS = ("en", "zh", "ja")

CODING_SYSTEM = ("You are an expert Python programmer. Answer with the complete Python code in "
                 "one ```python code block (imports included), then stop. Do not include "
                 "example usage or tests.")
JSON_SYSTEM = ("You answer with JSON only: one JSON value that follows the given schema, with "
               "no explanation and no code fence.")


@dataclass(frozen=True)
class CodingTask:
    id: str
    category: str
    lang: str
    entry: str
    prompt_template: str
    tests: str
    reference: str
    code: str | None = None      # fix-bug: the buggy code; rewrite: the original
    quick: bool = False

    @property
    def prompt(self) -> str:
        """What the model is asked (the code shown in a fence)."""
        text = self.prompt_template
        if self.code is not None:
            text = text.replace("{code}", "```python\n" + self.code.strip("\n") + "\n```")
        return text

    def messages(self) -> list[dict]:
        return [{"role": "system", "content": CODING_SYSTEM},
                {"role": "user", "content": self.prompt}]

    def code_of(self, answer: str) -> str:
        """The code an answer is tested with (HumanEval's problems build theirs otherwise)."""
        return extract_code(answer, self.entry)


@dataclass(frozen=True)
class JsonTask:
    id: str
    lang: str
    prompt_template: str
    schema: dict
    quick: bool = False

    @property
    def prompt(self) -> str:
        return (f"{self.prompt_template}\n\nAnswer with JSON that follows this JSON Schema:\n"
                f"{json.dumps(self.schema, ensure_ascii=False)}")

    def messages(self) -> list[dict]:
        return [{"role": "system", "content": JSON_SYSTEM},
                {"role": "user", "content": self.prompt}]


def _read(name: str) -> dict:
    text = resources.files("desktop.core.bench").joinpath("data", name).read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def coding_tasks() -> tuple[CodingTask, ...]:
    """All coding tasks, in file order. Checks the file's shape (raises ValueError)."""
    out = []
    seen = set()
    for t in _read("coding_tasks.toml")["task"]:
        task = CodingTask(id=t["id"], category=t["category"], lang=t["lang"], entry=t["entry"],
                          prompt_template=t["prompt"].strip(), tests=t["tests"].strip() + "\n",
                          reference=t["reference"].strip() + "\n",
                          code=(t["code"].strip("\n") + "\n") if "code" in t else None,
                          quick=bool(t.get("quick", False)))
        if task.id in seen or task.category not in CATEGORIES or task.lang not in LANGS:
            raise ValueError(f"coding task {task.id!r}: duplicate id, or unknown category/lang")
        if (task.code is None) != ("{code}" not in task.prompt_template):
            raise ValueError(f"coding task {task.id!r}: 'code' and '{{code}}' go together")
        seen.add(task.id)
        out.append(task)
    return tuple(out)


@lru_cache(maxsize=1)
def json_tasks() -> tuple[JsonTask, ...]:
    out = []
    for t in _read("json_tasks.toml")["task"]:
        schema = json.loads(t["schema"])
        check_schema(schema)
        out.append(JsonTask(id=t["id"], lang=t["lang"], prompt_template=t["prompt"].strip(),
                            schema=schema, quick=bool(t.get("quick", False))))
    return tuple(out)


def select(tasks, *, quick: bool, limit: int | None = None, ids=None):
    """The tasks a run uses: `ids` if given, else the quick subset (or all), then at most
    `limit` of them."""
    if ids:
        by_id = {t.id: t for t in tasks}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise ValueError(f"unknown task id(s): {', '.join(missing)}")
        chosen = [by_id[i] for i in ids]
    else:
        chosen = [t for t in tasks if t.quick] if quick else list(tasks)
    if limit is not None and limit >= 0:
        chosen = chosen[:limit]
    return chosen


# ----------------------------------------------------------------------------- extraction
_FENCE = re.compile(r"^[ \t]*```[ \t]*([A-Za-z0-9_+.-]*)[^\n]*\n(.*?)(?:^[ \t]*```|\Z)", re.S | re.M)
_PYTHON_TAGS = {"python", "py", "python3", "py3", ""}


def code_blocks(answer: str) -> list[tuple[str, str]]:
    """(language tag, body) of every fenced block, in order; an unclosed last fence (an answer
    cut at max_tokens) runs to the end of the answer."""
    return [(m.group(1).lower(), m.group(2)) for m in _FENCE.finditer(answer)]


def extract_code(answer: str, entry: str | None = None) -> str:
    """The code to test: the first Python block that defines `entry`; else the first Python
    (or untagged) block; else the first fenced block; else the whole answer."""
    blocks = code_blocks(answer)
    python = [b for tag, b in blocks if tag in _PYTHON_TAGS]
    if entry:
        pat = re.compile(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(entry)}\b", re.M)
        for b in python:
            if pat.search(b):
                return b
    if python:
        return python[0]
    if blocks:
        return blocks[0][1]
    return answer


# a fence closed on a line of its own (runner.py and humaneval.py stop answers at it)
CLOSED_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+.-]*)[^\n]*\n(.*?)\n[ \t]*```", re.S)


def code_done(entry: str) -> Callable[[str], bool]:
    """True once the answer holds a closed Python block that defines `entry` (what would be
    extracted and tested: generating past it changes nothing)."""
    pat = re.compile(rf"^\s*(?:async\s+)?(?:def|class)\s+{re.escape(entry)}\b", re.M)

    def done(text: str) -> bool:
        for m in CLOSED_FENCE.finditer(text):
            if m.group(1).lower() in ("python", "py", "python3", "py3", "") and pat.search(m.group(2)):
                return True
        return False
    return done
