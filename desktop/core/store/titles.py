"""Conversation titles: the first line, or a model's cleaned-up answer.

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import re
from typing import Any, Callable, Mapping, Sequence

from .records import TITLE_MAX_CHARS


# ------------------------------------------------------------------------------- titles
def first_line_title(text: str, max_chars: int = TITLE_MAX_CHARS) -> str:
    """The first non-empty line, whitespace collapsed, cut at a word boundary with '…'."""
    line = next((ln for ln in (text or "").splitlines() if ln.strip()), "")
    line = " ".join(line.split())
    if len(line) <= max_chars:
        return line
    cut = line[:max_chars - 1]
    if " " in cut[max_chars // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + "…"


def clean_model_title(raw: str, max_chars: int = TITLE_MAX_CHARS) -> str | None:
    """Tidy a model-written title; None if nothing usable is left."""
    line = next((ln for ln in (raw or "").splitlines() if ln.strip()), "")
    line = re.sub(r"^\s*(#+|\*+|title\s*:)\s*", "", line, flags=re.IGNORECASE)
    line = " ".join(line.split()).strip(" \"'`*_“”‘’«»").rstrip(".")
    if not line or not any(ch.isalnum() for ch in line):
        return None
    if "\ufffd" in line or any(ord(ch) < 32 for ch in line):
        return None  # broken UTF-8 or control characters: not a title
    return first_line_title(line, max_chars)


def auto_title(question: str, generate: Callable[[str], str] | None = None) -> tuple[str, str]:
    """Title for a conversation that starts with `question`: (title, source).

    `generate(question) -> text` asks a loaded model for a title (source 'model'); without one,
    or when it fails or says nothing usable, the question's first line is the title ('line')."""
    if generate is not None:
        try:
            title = clean_model_title(generate(question))
        except Exception:
            title = None
        if title:
            return title, "model"
    return first_line_title(question), "line"


TITLE_REQUEST = ("Write a title of at most six words for this conversation. Reply with the title "
                 "only, no quotes.")


def engine_titler(engine: Any, context: Sequence[Mapping[str, str]] = ()) -> Callable[[str], str]:
    """A `generate` for auto_title() that asks an `Engine` (greedy, 16 tokens at most).

    Pass the conversation so far as `context`: the request is appended to it, so the engine's
    KV cache keeps the conversation and the next turn does not process it again."""
    def generate(question: str) -> str:
        from .turns import SamplingSettings
        msgs = [dict(m) for m in context] or [{"role": "user", "content": question}]
        msgs.append({"role": "user", "content": TITLE_REQUEST})
        return engine.chat(msgs, SamplingSettings(temperature=0, max_tokens=16)).run()
    return generate
