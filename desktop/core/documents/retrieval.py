"""Retrieval: documents cut into overlapping chunks, ranked by SQLite FTS5 BM25 for the question.

Part of desktop/core/documents (its __init__ tells the whole story)."""
from __future__ import annotations

import bisect
import re
import sqlite3
import unicodedata
from typing import Sequence

from ..errors import EmberError
from ..texts import tr
from .model import PDF, Document
from .prompt import Chunk, Tokenizer, _Counter, count_tokens, render_part

# ---------------------------------------------------------------------------- chunking
CHUNK_TOKENS = 512
OVERLAP_TOKENS = 64


def chunk_document(counter: Tokenizer | _Counter, doc: Document, doc_index: int = 0, *,
                   chunk_tokens: int = CHUNK_TOKENS, overlap_tokens: int = OVERLAP_TOKENS) -> list[Chunk]:
    """Overlapping chunks of ~chunk_tokens, cut at line ends (inside a very long line, at a space),
    each sharing ~overlap_tokens with the next. Token counts are exact (with the chunk header)."""
    c = counter if isinstance(counter, _Counter) else _Counter(counter)
    key = (c.key, chunk_tokens, overlap_tokens)
    cached = doc._chunk_cache.get(key)
    if cached is not None:
        return [Chunk(doc, doc_index, ch.start, ch.end, ch.tokens) for ch in cached]
    text = doc.text
    total = count_tokens(c, doc)
    cpt = max(1.0, len(text) / max(1, total))           # characters per token in this document
    size = max(64, int(chunk_tokens * cpt))
    overlap = min(size // 2, int(overlap_tokens * cpt))
    breaks = doc.line_starts
    if doc.kind == PDF:  # a page start is a good place to cut too
        breaks = sorted(set(breaks) | set(doc.page_starts))
    n = len(text)
    out: list[Chunk] = []
    start = 0
    while start < n:
        limit = start + size
        if limit >= n:
            end = n
        else:
            i = bisect.bisect_right(breaks, limit) - 1
            end = breaks[i] if i >= 0 and breaks[i] > start + size // 2 else _soft_cut(text, start, limit)
        out.append(Chunk(doc, doc_index, start, end, 0))
        if end >= n:
            break
        back = end - overlap
        j = bisect.bisect_left(breaks, back)
        nxt = breaks[j] if j < len(breaks) and breaks[j] < end else back
        if nxt <= start:
            nxt = end
        start = nxt
    for ch in out:
        ch.tokens = c.count(render_part(ch))
    doc._chunk_cache[key] = [Chunk(doc, doc_index, ch.start, ch.end, ch.tokens) for ch in out]
    return out


def _soft_cut(text: str, start: int, limit: int) -> int:
    """Inside a long line: cut after the last whitespace before `limit` (else at `limit`)."""
    window = text[max(start + 1, limit - 400):limit]
    k = max(window.rfind(" "), window.rfind("\t"))
    return limit - len(window) + k + 1 if k >= 0 else limit


# ---------------------------------------------------------------------------- retrieval
_STOP = set("""a an and are as at be but by can could did do does doing for from had has have how
i if in into is it its me my no not of on or our please shall should so some such tell than that
the their them then there these they this those to too us was we were what when where which while
who whom why will with would you your about explain describe show give find list say says said
document documents file files text""".split())


def search_terms(question: str) -> list[str]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", question or "").lower())
    seen: dict[str, None] = {}
    for w in words:
        if w in _STOP or (len(w) < 2 and not w.isdigit()):
            continue
        seen.setdefault(w, None)
    return list(seen)[:64]


def rank_chunks(chunks: Sequence[Chunk], question: str) -> list[Chunk]:
    """Chunks matching any term of the question, best first (SQLite FTS5, BM25). Sets .score and
    .rank on those returned; chunks matching no term are left out."""
    terms = search_terms(question)
    if not terms or not chunks:
        return []
    con = sqlite3.connect(":memory:")
    try:
        try:
            con.execute("CREATE VIRTUAL TABLE c USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
        except sqlite3.OperationalError as e:
            raise EmberError(tr("This Python's SQLite has no FTS5 full-text search, which "
                                "retrieval needs: install Ember's own build.")) from e
        con.executemany("INSERT INTO c(rowid, body) VALUES (?, ?)",
                        ((i, ch.text) for i, ch in enumerate(chunks)))
        query = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = con.execute("SELECT rowid, bm25(c) FROM c WHERE c MATCH ? ORDER BY bm25(c), rowid",
                           (query,)).fetchall()
    finally:
        con.close()
    ranked = []
    for r, (i, score) in enumerate(rows):
        ch = chunks[i]
        ch.score, ch.rank = float(score), r
        ranked.append(ch)
    return ranked


def _merge(chosen: list[Chunk], counter: _Counter) -> list[Chunk]:
    """Document order; overlapping or touching chunks of one document become one."""
    chosen = sorted(chosen, key=lambda ch: (ch.doc_index, ch.start))
    out: list[Chunk] = []
    for ch in chosen:
        if out and out[-1].doc is ch.doc and ch.start <= out[-1].end:
            prev = out[-1]
            merged = Chunk(ch.doc, ch.doc_index, prev.start, max(prev.end, ch.end), 0,
                           score=min(prev.score, ch.score), rank=min(prev.rank, ch.rank))
            out[-1] = merged
        else:
            out.append(Chunk(ch.doc, ch.doc_index, ch.start, ch.end, ch.tokens, ch.score, ch.rank))
    for ch in out:
        if ch.tokens == 0:
            ch.tokens = counter.count(render_part(ch))
    return out
