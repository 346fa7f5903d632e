"""Documents in the chat: text from files, token counts, the context budget, retrieval.

Qt-free. The window (chips, drop, progress) and the terminal chat (`ember chat --attach`) both
sit on this package:

    doc = load_document("report.pdf")            # DocumentError (an EmberError) says what's wrong
    n = count_tokens(engine, doc)                 # the loaded model's own tokenizer
    b = budget(engine, [doc], history, question)  # b.decision: fits | reload | retrieve | too_long
    print(b.sentence)                             # one sentence for the UI / CLI, before sending
    messages = b.messages(history, question, system)   # documents first, the question last

Never truncates: a document either goes whole, or Ember offers a reload with a larger context
(the planner's Plan), or retrieval sends the best-matching parts and says which.

Retrieval: the documents are cut into overlapping chunks on line boundaries (~`chunk_tokens`
each, `overlap_tokens` shared with the next), indexed in an in-memory SQLite FTS5 table and
ranked by BM25 against the question; the best chunks fill the room left in the context and go
into the prompt in document order, each labelled with its location ("report.pdf p. 12-13",
"main.py lines 200-260").
"""
from __future__ import annotations

from . import model
from .budget import (
    CTX_STEP,
    FITS,
    MIN_DOC_ROOM,
    RELOAD,
    RESERVE_FOR_ANSWER,
    RETRIEVE,
    SAFETY,
    TOO_LONG,
    Budget,
    budget,
)
from .extract import (
    decode_text,
    from_text,
    html_to_text,
    kind_of,
    load_document,
)
from .model import *  # noqa: F403  (the names in model.__all__)
from .prompt import (
    DOC_SYSTEM,
    RETRIEVAL_NOTE,
    Chunk,
    Part,
    Tokenizer,
    build_messages,
    count_tokens,
    neutralize,
    render_part,
)
from .retrieval import (
    CHUNK_TOKENS,
    OVERLAP_TOKENS,
    chunk_document,
    rank_chunks,
    search_terms,
)

__all__ = [
    "decode_text", "from_text", "html_to_text", "kind_of", "load_document", "Chunk", "DOC_SYSTEM",
    "Part", "RETRIEVAL_NOTE", "Tokenizer", "build_messages", "count_tokens", "neutralize",
    "render_part", "CHUNK_TOKENS", "OVERLAP_TOKENS", "chunk_document", "rank_chunks",
    "search_terms", "Budget", "CTX_STEP", "FITS", "MIN_DOC_ROOM", "RELOAD", "RESERVE_FOR_ANSWER",
    "RETRIEVE", "SAFETY", "TOO_LONG", "budget",
]
__all__ += model.__all__
