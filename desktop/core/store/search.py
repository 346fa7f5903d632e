"""Full-text search across every chat (FTS5, bm25, snippets).

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

from typing import Any

from .common import _Parts
from .records import MARK_END, MARK_START, RANK_WINDOW, TITLE_BOOST, SearchHit
from .schema import fts_query


class _Search(_Parts):
    """Full-text search across every chat (FTS5, bm25, snippets)."""

    # ------------------------------------------------------------------ search
    def search(self, query: str, *, limit: int = 50,
               conversation_id: int | None = None) -> list[SearchHit]:
        """Messages and titles matching every word of `query`, best first (bm25; a title match
        weighs TITLE_BOOST times more). Snippets mark matches with MARK_START/MARK_END.

        A word found in more than RANK_WINDOW messages (say "code" in a big history) is ranked
        among its newest RANK_WINDOW messages only: bm25 costs ~1.5 us per match, and ranking
        all 195,000 matches of such a word took 300 ms where the window takes 20."""
        q = fts_query(query)
        if q is None or limit <= 0:
            return []
        params: dict[str, Any] = {"q": q, "n": limit, "conv": conversation_id, "cut": 0}
        with self._read() as db:
            if conversation_id is not None:
                # one conversation: its few messages, filtered by rowid (no window needed)
                where = "AND rowid IN (SELECT id FROM messages WHERE conversation_id = :conv)"
            else:
                # the id of the RANK_WINDOW-th newest match, if there are that many: FTS5 walks
                # its doclist in rowid order and stops there (~1 ms)
                row = db.conn.execute(
                    "SELECT rowid FROM messages_fts WHERE messages_fts MATCH :q "
                    "ORDER BY rowid DESC LIMIT 1 OFFSET :w", {"q": q, "w": RANK_WINDOW - 1}
                ).fetchone()
                params["cut"] = row[0] if row else 0
                where = "AND rowid >= :cut"
            # FTS5's fast path (ORDER BY rank LIMIT n): snippets only for the n rows returned
            rows = list(db.query(
                f"""SELECT f.id, f.rank, f.marked, m.conversation_id, m.role, m.created, c.title
                FROM (SELECT rowid AS id, rank,
                             snippet(messages_fts, 0, char(2), char(3), '…', 16) AS marked
                        FROM messages_fts WHERE messages_fts MATCH :q {where}
                       ORDER BY rank LIMIT :n) f
                JOIN messages m ON m.id = f.id JOIN conversations c ON c.id = m.conversation_id""",
                params))
            titles = list(db.query(
                f"""SELECT f.id, f.rank, f.marked, c.created
                FROM (SELECT rowid AS id, rank,
                             highlight(conversations_fts, 0, char(2), char(3)) AS marked
                        FROM conversations_fts WHERE conversations_fts MATCH :q
                        {'AND rowid = :conv' if conversation_id is not None else ''}
                       ORDER BY rank LIMIT :n) f
                JOIN conversations c ON c.id = f.id""", params))
        hits = [SearchHit(r["conversation_id"], r["title"], r["id"], r["role"], r["created"],
                          r["rank"], r["marked"]) for r in rows]
        hits += [SearchHit(r["id"], r["marked"].replace(MARK_START, "").replace(MARK_END, ""),
                           None, None, r["created"], r["rank"] * TITLE_BOOST, r["marked"])
                 for r in titles]
        hits.sort(key=lambda h: (h.rank, -(h.message_id or 0)))
        return hits[:limit]
