"""Conversations: create, list, rename, title, pin, settings, delete.

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import json
import logging
import uuid
from typing import Any, Callable, Mapping

from sqlite_utils import Database

from ..texts import tr
from .common import _UNSET, _Parts
from .records import Conversation, ConversationNotFoundError, StoreError
from .schema import now_iso
from .titles import auto_title

log = logging.getLogger("ember.store")


class _Conversations(_Parts):
    """Conversations: create, list, rename, title, pin, settings, delete."""

    # ------------------------------------------------------------------ conversations
    def create_conversation(self, title: str = "", *, model: str | None = None,
                            system_prompt: str | None = None, settings: Mapping | None = None,
                            title_source: str | None = None) -> int:
        now = now_iso()
        with self.transaction() as db:
            cur = db.conn.execute(
                "INSERT INTO conversations (uid, title, title_source, created, updated, model, "
                "system_prompt, settings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (uuid.uuid4().hex, title or "", title_source if title_source is not None
                 else ("user" if title else ""), now, now, model, system_prompt,
                 json.dumps(dict(settings or {}), sort_keys=True)))
            assert cur.lastrowid is not None  # an INSERT's row
            return int(cur.lastrowid)

    _CONV_COLUMNS = ("c.id, c.uid, c.title, c.title_source, c.created, c.updated, c.model, "
                     "c.system_prompt, c.settings, c.pinned")

    @staticmethod
    def _conversation(row: Mapping) -> Conversation:
        return Conversation(
            id=row["id"], uid=row["uid"], title=row["title"], title_source=row["title_source"],
            created=row["created"], updated=row["updated"], model=row["model"],
            system_prompt=row["system_prompt"], settings=json.loads(row["settings"] or "{}"),
            pinned=bool(row["pinned"]), message_count=row.get("message_count") or 0)

    def get_conversation(self, conversation_id: int) -> Conversation:
        with self._read() as db:
            rows = list(db.query(
                f"SELECT {self._CONV_COLUMNS}, (SELECT count(*) FROM messages m "
                "WHERE m.conversation_id = c.id) AS message_count FROM conversations c "
                "WHERE c.id = ?", [conversation_id]))
        if not rows:
            raise ConversationNotFoundError(conversation_id)
        return self._conversation(rows[0])

    def list_conversations(self, limit: int | None = None, offset: int = 0) -> list[Conversation]:
        """Pinned first, then the most recently updated. message_count counts every version."""
        sql = (f"SELECT {self._CONV_COLUMNS}, (SELECT count(*) FROM messages m "
               "WHERE m.conversation_id = c.id) AS message_count FROM conversations c "
               "ORDER BY c.pinned DESC, c.updated DESC, c.id DESC LIMIT ? OFFSET ?")
        with self._read() as db:
            return [self._conversation(r)
                    for r in db.query(sql, [-1 if limit is None else limit, offset])]

    def count_conversations(self) -> int:
        with self._read() as db:
            return db.conn.execute("SELECT count(*) FROM conversations").fetchone()[0]

    def _require_conversation(self, db: Database, conversation_id: int) -> None:
        if db.conn.execute("SELECT 1 FROM conversations WHERE id = ?",
                           (conversation_id,)).fetchone() is None:
            raise ConversationNotFoundError(conversation_id)

    def _update_conversation(self, conversation_id: int, **values: Any) -> None:
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.transaction() as db:
            cur = db.conn.execute(f"UPDATE conversations SET {sets} WHERE id = ?",
                                  (*values.values(), conversation_id))
            if cur.rowcount == 0:
                raise ConversationNotFoundError(conversation_id)

    def rename(self, conversation_id: int, title: str) -> None:
        """A title the user chose: auto-titling never overwrites it."""
        title = " ".join((title or "").split())
        if not title:
            raise StoreError(tr("A title cannot be empty."))
        self._update_conversation(conversation_id, title=title, title_source="user",
                                  updated=now_iso())

    def set_title(self, conversation_id: int, title: str, source: str = "model") -> bool:
        """An automatic title; ignored (False) if the user has named the conversation."""
        with self.transaction() as db:
            cur = db.conn.execute(
                "UPDATE conversations SET title = ?, title_source = ? "
                "WHERE id = ? AND title_source != 'user'", (title, source, conversation_id))
            if cur.rowcount == 0:
                self._require_conversation(db, conversation_id)
            return cur.rowcount > 0

    def auto_title(self, conversation_id: int,
                   generate: Callable[[str], str] | None = None) -> str:
        """Title the conversation from its first question (see the module's auto_title)."""
        conv = self.get_conversation(conversation_id)
        if conv.title_source == "user":
            return conv.title
        first = next((m for m in self.path(conversation_id) if m.role == "user"), None)
        if first is None:
            return conv.title
        title, source = auto_title(first.content, generate)
        self.set_title(conversation_id, title, source)
        return title

    def set_pinned(self, conversation_id: int, pinned: bool = True) -> None:
        self._update_conversation(conversation_id, pinned=int(bool(pinned)))

    def update_conversation(self, conversation_id: int, *, model: str | None = _UNSET,
                            system_prompt: str | None = _UNSET,
                            settings: Mapping | None = _UNSET) -> None:
        values: dict[str, Any] = {}
        if model is not _UNSET:
            values["model"] = model
        if system_prompt is not _UNSET:
            values["system_prompt"] = system_prompt
        if settings is not _UNSET:
            values["settings"] = json.dumps(dict(settings or {}), sort_keys=True)
        if values:
            values["updated"] = now_iso()
            self._update_conversation(conversation_id, **values)

    def delete_conversation(self, conversation_id: int) -> None:
        """Deletes it with its messages and attachments (and their search index entries), and
        its KV snapshot: the snapshot holds the conversation's tokens, so it must not outlive
        it (nor be restored for a later conversation that gets the same id)."""
        with self.transaction() as db:
            row = db.conn.execute("SELECT uid FROM conversations WHERE id = ?",
                                  (conversation_id,)).fetchone()
            cur = db.conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            if cur.rowcount == 0:
                raise ConversationNotFoundError(conversation_id)
        self._drop_kv_snapshots(row[0], str(conversation_id))

    def _drop_kv_snapshots(self, *keys: str) -> None:
        """Delete the KV snapshots saved under these conversation keys: the uid (the key that
        is stable across export/import and never reused) and the id (what older callers used)."""
        from ..kvcache import KVCache
        cache = KVCache(self.kv_root)
        for key in keys:
            try:
                cache.drop(key)
            except OSError as e:  # the conversation is gone; a leftover is only disk space
                log.warning("could not delete the KV snapshot of %s: %s", key, e)
