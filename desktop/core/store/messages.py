"""Messages as a tree (versions and branches), streaming replies, attachments.

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any, Mapping

from sqlite_utils import Database

from ..texts import tr
from .common import _metrics_dict, _Parts
from .records import (
    COMPLETE,
    FLUSH_INTERVAL_S,
    INTERRUPTED,
    ROLES,
    STREAMING,
    Attachment,
    Message,
    MessageNotFoundError,
    StoreError,
)
from .schema import _process_token, now_iso

if TYPE_CHECKING:
    from .stream import ReplyStream


class _Messages(_Parts):
    """Messages as a tree (versions and branches), streaming replies, attachments."""

    # ------------------------------------------------------------------ messages
    _MSG_COLUMNS = ("m.id, m.conversation_id, m.parent_id, m.role, m.content, m.status, m.active, "
                    "m.created, m.updated, m.model, m.prompt_tokens, m.processed_tokens, "
                    "m.completion_tokens, m.ttft_s, m.decode_tps, m.finish_reason, m.metrics")
    # position among its versions, and how many there are (siblings share the parent)
    _VERSION_COLUMNS = (
        "(SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id "
        "AND s.parent_id IS m.parent_id AND s.id <= m.id) AS version, "
        "(SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id "
        "AND s.parent_id IS m.parent_id) AS versions")

    @staticmethod
    def _message(row: Mapping) -> Message:
        return Message(
            id=row["id"], conversation_id=row["conversation_id"], parent_id=row["parent_id"],
            role=row["role"], content=row["content"], status=row["status"],
            active=bool(row["active"]), created=row["created"], updated=row["updated"],
            model=row["model"], prompt_tokens=row["prompt_tokens"],
            processed_tokens=row["processed_tokens"], completion_tokens=row["completion_tokens"],
            ttft_s=row["ttft_s"], decode_tps=row["decode_tps"],
            finish_reason=row["finish_reason"], metrics=json.loads(row["metrics"] or "{}"),
            version=row.get("version", 1) or 1, versions=row.get("versions", 1) or 1)

    def get_message(self, message_id: int) -> Message:
        with self._read() as db:
            rows = list(db.query(f"SELECT {self._MSG_COLUMNS}, {self._VERSION_COLUMNS} "
                                 "FROM messages m WHERE m.id = ?", [message_id]))
        if not rows:
            raise MessageNotFoundError(message_id)
        return self._message(rows[0])

    def path(self, conversation_id: int) -> list[Message]:
        """The visible thread: the active root, then the active child of each message."""
        with self._read() as db:
            self._require_conversation(db, conversation_id)
            return [self._message(r) for r in db.query(
                f"""WITH RECURSIVE p(id, depth) AS (
                    SELECT id, 0 FROM messages
                     WHERE conversation_id = :c AND parent_id IS NULL AND active
                    UNION ALL
                    SELECT m.id, p.depth + 1 FROM messages m JOIN p ON m.parent_id = p.id
                     WHERE m.active)
                SELECT {self._MSG_COLUMNS}, {self._VERSION_COLUMNS}
                  FROM p JOIN messages m ON m.id = p.id ORDER BY p.depth""",
                {"c": conversation_id})]

    def chat_messages(self, conversation_id: int) -> list[dict]:
        """The thread as the engine wants it: [{"role", "content"}], the system prompt first."""
        conv = self.get_conversation(conversation_id)
        out = [{"role": "system", "content": conv.system_prompt}] if conv.system_prompt else []
        return out + [{"role": m.role, "content": m.content} for m in self.path(conversation_id)]

    def all_messages(self, conversation_id: int) -> list[Message]:
        """Every message of every branch, oldest first."""
        with self._read() as db:
            self._require_conversation(db, conversation_id)
            return [self._message(r) for r in db.query(
                f"SELECT {self._MSG_COLUMNS}, {self._VERSION_COLUMNS} FROM messages m "
                "WHERE m.conversation_id = ? ORDER BY m.id", [conversation_id])]

    def _leaf_id(self, db: Database, conversation_id: int) -> int | None:
        row = db.conn.execute(
            """WITH RECURSIVE p(id, depth) AS (
                SELECT id, 0 FROM messages
                 WHERE conversation_id = ? AND parent_id IS NULL AND active
                UNION ALL
                SELECT m.id, p.depth + 1 FROM messages m JOIN p ON m.parent_id = p.id
                 WHERE m.active)
            SELECT id FROM p ORDER BY depth DESC LIMIT 1""", (conversation_id,)).fetchone()
        return row[0] if row else None

    def _message_row(self, db: Database, message_id: int) -> sqlite3.Row | tuple:
        row = db.conn.execute("SELECT conversation_id, parent_id, role, status FROM messages "
                              "WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise MessageNotFoundError(message_id)
        return row

    def _insert(self, db: Database, conversation_id: int, parent_id: int | None, role: str,
                content: str, *, status: str = COMPLETE, model: str | None = None,
                metrics: Any = None, created: str | None = None) -> int:
        """Insert as the active version under `parent_id` (its siblings become inactive)."""
        if role not in ROLES:
            raise StoreError(tr("Unknown message role {role!r}: use one of {text}.").format(
                                 role=role, text=', '.join(ROLES)))
        if parent_id is not None:
            pconv = self._message_row(db, parent_id)[0]
            if pconv != conversation_id:
                raise StoreError(tr("Message {parent_id} belongs to conversation {pconv}, "
                                    "not {conversation_id}.").format(
                                     parent_id=parent_id, pconv=pconv,
                                     conversation_id=conversation_id))
        db.conn.execute("UPDATE messages SET active = 0 WHERE conversation_id = ? "
                        "AND parent_id IS ? AND active", (conversation_id, parent_id))
        m = _metrics_dict(metrics)
        now = created or now_iso()
        cur = db.conn.execute(
            "INSERT INTO messages (conversation_id, parent_id, active, role, content, status, "
            "created, updated, model, prompt_tokens, processed_tokens, completion_tokens, ttft_s, "
            "decode_tps, finish_reason, metrics, writer) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (conversation_id, parent_id, role, content or "", status, now, now, model,
             m.get("prompt_tokens"), m.get("processed_tokens"), m.get("completion_tokens"),
             m.get("ttft_s"), m.get("decode_tps"), m.get("finish_reason") or None,
             json.dumps(m, sort_keys=True) if m else None,
             _process_token() if status == STREAMING else None))
        db.conn.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
        assert cur.lastrowid is not None  # an INSERT's row
        return int(cur.lastrowid)

    def add_message(self, conversation_id: int, role: str, content: str, *,
                    parent_id: int | None = None, model: str | None = None,
                    metrics: Any = None) -> int:
        """A complete message. `parent_id` None: after the last message of the visible thread."""
        with self.transaction() as db:
            self._require_conversation(db, conversation_id)
            if parent_id is None:
                parent_id = self._leaf_id(db, conversation_id)
            return self._insert(db, conversation_id, parent_id, role, content, model=model,
                                metrics=metrics)

    def begin_reply(self, conversation_id: int, parent_id: int | None = None, *,
                    model: str | None = None) -> int:
        """An empty assistant message with status 'streaming' (parent None: after the last
        message). Fill it with update_reply (or a ReplyStream), end it with finish_reply."""
        with self.transaction() as db:
            self._require_conversation(db, conversation_id)
            if parent_id is None:
                parent_id = self._leaf_id(db, conversation_id)
            return self._insert(db, conversation_id, parent_id, "assistant", "",
                                status=STREAMING, model=model)

    def update_reply(self, message_id: int, text: str) -> None:
        """The whole text so far of a streaming reply: one small transaction (call it at most a
        few times a second; ReplyStream does the pacing)."""
        with self.transaction() as db:
            cur = db.conn.execute(
                "UPDATE messages SET content = ?, updated = ? "
                "WHERE id = ? AND status = 'streaming'",
                (text, now_iso(), message_id))
            if cur.rowcount == 0:
                self._message_row(db, message_id)  # raises if it does not exist
                raise StoreError(tr("Message {message_id} is not streaming.").format(
                                     message_id=message_id))

    def finish_reply(self, message_id: int, text: str | None = None, metrics: Any = None, *,
                     status: str = COMPLETE) -> None:
        """The reply is final: its text (if given), metrics (TurnMetrics or a dict: tokens,
        TTFT, tokens/s, finish_reason) and status ('complete', or 'interrupted')."""
        if status not in (COMPLETE, INTERRUPTED):
            raise StoreError(tr("A finished reply is complete or interrupted, not "
                                "{status!r}.").format(status=status))
        m = _metrics_dict(metrics)
        now = now_iso()
        with self.transaction() as db:
            conv = self._message_row(db, message_id)[0]
            fields = ["status = ?", "updated = ?", "writer = NULL"]
            values: list[Any] = [status, now]
            if text is not None:
                fields.append("content = ?")
                values.append(text)
            if m:
                for key in ("prompt_tokens", "processed_tokens", "completion_tokens", "ttft_s",
                            "decode_tps"):
                    fields.append(f"{key} = ?")
                    values.append(m.get(key))
                fields.append("metrics = ?")
                values.append(json.dumps(m, sort_keys=True))
            reason = m.get("finish_reason") or (INTERRUPTED if status == INTERRUPTED else None)
            if reason:
                fields.append("finish_reason = ?")
                values.append(reason)
            db.conn.execute(f"UPDATE messages SET {', '.join(fields)} WHERE id = ?",
                            (*values, message_id))
            db.conn.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conv))

    def stream_reply(self, conversation_id: int, parent_id: int | None = None, *,
                     model: str | None = None,
                     interval: float = FLUSH_INTERVAL_S) -> "ReplyStream":
        """begin_reply + a ReplyStream that writes it as it grows."""
        from .stream import ReplyStream
        return ReplyStream(self, self.begin_reply(conversation_id, parent_id, model=model),
                           interval=interval)

    def regenerate(self, message_id: int, *, model: str | None = None) -> int:
        """A new streaming version of an assistant reply (a sibling under the same question);
        the earlier versions are kept. Returns the new reply's id."""
        with self.transaction() as db:
            conv, parent, role, _ = self._message_row(db, message_id)
            if role != "assistant":
                raise StoreError(tr("Message {message_id} is not an answer: only answers "
                                    "can be regenerated (edit a question instead).").format(
                                     message_id=message_id))
            return self._insert(db, conv, parent, "assistant", "", status=STREAMING, model=model)

    def edit_message(self, message_id: int, content: str) -> int:
        """A new version of a message (a sibling with the new text) that becomes the visible
        branch; what followed the old version stays on the old branch. Returns the new id."""
        with self.transaction() as db:
            conv, parent, role, _ = self._message_row(db, message_id)
            return self._insert(db, conv, parent, role, content)

    edit_user_message = edit_message

    def versions(self, message_id: int) -> list[Message]:
        """The message and its siblings (the versions under the same parent), oldest first."""
        with self._read() as db:
            conv, parent, _, _ = self._message_row(db, message_id)
            return [self._message(r) for r in db.query(
                f"SELECT {self._MSG_COLUMNS}, {self._VERSION_COLUMNS} FROM messages m "
                "WHERE m.conversation_id = ? AND m.parent_id IS ? ORDER BY m.id", [conv, parent])]

    def switch_version(self, message_id: int) -> None:
        """Make this version the visible one (with the branch below it as it was left)."""
        with self.transaction() as db:
            conv, parent, _, _ = self._message_row(db, message_id)
            db.conn.execute("UPDATE messages SET active = 0 WHERE conversation_id = ? "
                            "AND parent_id IS ? AND active AND id != ?", (conv, parent, message_id))
            db.conn.execute("UPDATE messages SET active = 1 WHERE id = ?", (message_id,))

    def delete_message(self, message_id: int) -> None:
        """Delete a message and everything below it; a sibling version becomes visible."""
        with self.transaction() as db:
            conv, parent, _, _ = self._message_row(db, message_id)
            db.conn.execute("DELETE FROM messages WHERE id = ?", (message_id,))
            self._fix_active(db, conv, parent)

    def _fix_active(self, db: Database, conversation_id: int, parent_id: int | None) -> None:
        """If no version under `parent_id` is active, make the newest one active."""
        if db.conn.execute("SELECT 1 FROM messages WHERE conversation_id = ? AND parent_id IS ? "
                           "AND active", (conversation_id, parent_id)).fetchone() is None:
            db.conn.execute("UPDATE messages SET active = 1 WHERE id = (SELECT max(id) FROM "
                            "messages WHERE conversation_id = ? AND parent_id IS ?)",
                            (conversation_id, parent_id))

    # ------------------------------------------------------------------ attachments
    def add_attachment(self, conversation_id: int, name: str, *, message_id: int | None = None,
                       path: str | None = None, mime: str | None = None, size: int | None = None,
                       sha256: str | None = None, tokens: int | None = None,
                       text: str | None = None, meta: Mapping | None = None) -> int:
        with self.transaction() as db:
            self._require_conversation(db, conversation_id)
            if message_id is not None:
                self._message_row(db, message_id)
            cur = db.conn.execute(
                "INSERT INTO attachments (conversation_id, message_id, name, path, mime, size, "
                "sha256, tokens, text, meta, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, message_id, name, path, mime, size, sha256, tokens, text,
                 json.dumps(dict(meta or {}), sort_keys=True), now_iso()))
            assert cur.lastrowid is not None  # an INSERT's row
            return int(cur.lastrowid)

    def attachments(self, conversation_id: int) -> list[Attachment]:
        with self._read() as db:
            return [Attachment(**{**r, "meta": json.loads(r["meta"] or "{}")}) for r in db.query(
                "SELECT id, conversation_id, message_id, name, path, mime, size, sha256, tokens, "
                "text, meta, created FROM attachments WHERE conversation_id = ? ORDER BY id",
                [conversation_id])]

    def delete_attachment(self, attachment_id: int) -> None:
        with self.transaction() as db:
            db.conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
