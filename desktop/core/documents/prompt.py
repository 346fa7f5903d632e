"""Documents in the prompt: token counts by the model's tokenizer, parts, and the messages
(documents first, the question last).

Part of desktop/core/documents (its __init__ tells the whole story)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence, Union

from ..engine_api import TokenCounter
from .model import Document

# ------------------------------------------------------------------------------ tokens
# an engine (engine.Engine, client.EngineClient, remote.RemoteEngine: what counts tokens), or a
# callable text -> tokens or count
Tokenizer = Union[TokenCounter, Callable[[str], Union[int, Sequence[int]]]]

# text that the chat template would read as control tokens if a document contained it
_SPECIAL = re.compile(r"<\|(?=[^\s|<>]{1,40}\|>)|<(?=(?:start_of_turn|end_of_turn|bos|eos|/?s|pad)>)")


def neutralize(text: str) -> str:
    """Keep a document's literal "<|im_end|>" / "<end_of_turn>" from ending its turn: a zero-width
    space after the '<' (prompt text is tokenized with special tokens parsed)."""
    return _SPECIAL.sub(lambda m: m.group(0) + "\u200b", text)


class _Counter:
    """Counts tokens with an Engine (its tokenizer and chat template: exact) or a callable
    text -> tokens or count (template overhead estimated)."""

    PER_MESSAGE = 6   # <|im_start|>role\n ... <|im_end|>\n, for a callable tokenizer

    def __init__(self, source: Tokenizer):
        self.engine = source if isinstance(source, TokenCounter) else None
        self.fn = None if isinstance(source, TokenCounter) else source
        if self.engine is None and not callable(source):
            raise TypeError("budget needs an Engine or a callable tokenizer")
        self.key: tuple
        if self.engine is not None:
            info = getattr(self.engine, "info", None)
            self.key = ("engine", str(getattr(info, "path", "")), id(self.engine))
        else:
            self.key = ("fn", id(source))

    def count(self, text: str) -> int:
        if not text:
            return 0
        if self.engine is not None:
            return self.engine.count_text(text)
        fn = self.fn
        assert fn is not None  # no engine: a callable (checked in __init__)
        r = fn(text)
        return r if isinstance(r, int) else len(r)

    def prompt(self, messages: Sequence[dict]) -> int:
        if not messages:
            return 0
        if self.engine is not None:
            return self.engine.count_messages(messages)
        return sum(self.count(m.get("content") or "") + self.PER_MESSAGE for m in messages) + 3


def count_tokens(engine_or_tokenizer: Tokenizer | _Counter, doc: Document) -> int:
    """Tokens of the document as it goes into the prompt (with its header), by the loaded model's
    own tokenizer; cached on the document per tokenizer and stored in doc.tokens."""
    c = engine_or_tokenizer if isinstance(engine_or_tokenizer, _Counter) else _Counter(engine_or_tokenizer)
    n = doc._token_cache.get(c.key)
    if n is None:
        n = c.count(render_part(doc))
        doc._token_cache[c.key] = n
    doc.tokens = n
    return n


# --------------------------------------------------------------------------- the prompt
DOC_SYSTEM = ("You are Ember, a helpful coding assistant. The user attached the documents below. "
              "Answer from them, and say which document and which part (page or lines) you used.")
RETRIEVAL_NOTE = ("The documents were too long to send whole: only the parts that best match the "
                  "question are included, each labelled with its location.")


@dataclass
class Chunk:
    """A part of a document picked by retrieval."""
    doc: Document
    doc_index: int                    # the document's position among those attached
    start: int                        # char offsets into doc.text
    end: int
    tokens: int
    score: float = 0.0                # BM25 (lower is better, as SQLite reports it); 0 = unranked
    rank: int = -1                    # 0 = best match

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    @property
    def location(self) -> str:
        return self.doc.location(self.start, self.end)


Part = Union[Document, Chunk]


def _attr(v: str) -> str:
    return v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def render_part(part: Part) -> str:
    """One document (or chunk) as it appears in the prompt: a stable header, the text."""
    if isinstance(part, Chunk):
        d = part.doc
        head = f'<document name="{_attr(d.name)}" part="{_attr(d.location(part.start, part.end, with_name=False))}">'
        body = part.text
    else:
        d = part
        extra = f' pages="{d.pages}"' if d.pages else ""
        if d.language:
            extra += f' language="{_attr(d.language)}"'
        head = f'<document name="{_attr(d.name)}"{extra}>'
        body = d.text
    body = neutralize(body)
    if not body.endswith("\n"):
        body += "\n"
    return f"{head}\n{body}</document>"


def build_messages(parts: Iterable[Part], history: Sequence[dict], question: str | None,
                   system: str | None = None) -> list[dict]:
    """The chat to send: a system message holding the system prompt and then every document (in
    the order attached, in a stable form), the conversation so far, the question last.

    Follow-ups keep the same documents and history, so their prompt starts with the previous
    one and the engine reuses that KV prefix: only the new turn is processed. `history` may hold
    a system message of its own: its text is used as the system prompt (and `system` wins)."""
    parts = list(parts)
    hist = [dict(m) for m in history]
    if hist and hist[0].get("role") == "system":
        first = hist.pop(0)
        if system is None:
            system = first.get("content") or None
    msgs: list[dict] = []
    if parts:
        retrieved = any(isinstance(p, Chunk) for p in parts)
        head = (system.strip() if system and system.strip() else DOC_SYSTEM)
        if retrieved:
            head += "\n\n" + RETRIEVAL_NOTE
        body = "\n\n".join(render_part(p) for p in parts)
        msgs.append({"role": "system", "content": f"{head}\n\n{body}"})
    elif system:
        msgs.append({"role": "system", "content": system})
    msgs.extend(hist)
    if question is not None and question != "":
        msgs.append({"role": "user", "content": question})
    return msgs
