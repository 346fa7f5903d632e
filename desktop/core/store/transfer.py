"""Export (JSON, Markdown) and import of conversations.

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from sqlite_utils import Database

from ..texts import tr
from . import markdown_import
from .common import _Parts
from .records import (
    COMPLETE,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    INTERRUPTED,
    ROLES,
    STATUSES,
    STREAMING,
    ImportFormatError,
    ImportResult,
)
from .steps import Step


class _Transfer(_Parts):
    """Export (JSON, Markdown) and import of conversations."""

    steps: Callable[[int], list[Step]]   # steps.py (declared for the type check)

    # ------------------------------------------------------------------ export / import
    def export_data(self, conversation_ids: Iterable[int] | None = None) -> dict:
        """Conversations as plain data (all when None): every branch and version, metrics and
        attachments. Message ids are renumbered 1..n within a conversation, so exporting an
        imported conversation gives back the same data."""
        with self._read() as db:
            if conversation_ids is None:
                ids = [r[0] for r in db.conn.execute("SELECT id FROM conversations ORDER BY id")]
            else:
                ids = list(conversation_ids)
            return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
                    "conversations": [self._export_one(db, cid) for cid in ids]}

    def _export_one(self, db: Database, conversation_id: int) -> dict:
        conv = self.get_conversation(conversation_id)
        msgs = self.all_messages(conversation_id)
        local = {m.id: i for i, m in enumerate(msgs, 1)}
        out = {k: getattr(conv, k) for k in ("uid", "title", "title_source", "created", "updated",
                                             "model", "system_prompt", "settings", "pinned")}
        out["messages"] = [{
            "id": local[m.id], "parent": local.get(m.parent_id) if m.parent_id else None,
            "active": m.active, "role": m.role, "content": m.content, "status": m.status,
            "created": m.created, "updated": m.updated, "model": m.model,
            "prompt_tokens": m.prompt_tokens, "processed_tokens": m.processed_tokens,
            "completion_tokens": m.completion_tokens, "ttft_s": m.ttft_s,
            "decode_tps": m.decode_tps, "finish_reason": m.finish_reason, "metrics": m.metrics,
            **({"steps": [s.as_export() for s in steps]} if (steps := self.steps(m.id)) else {}),
        } for m in msgs]
        out["attachments"] = [{
            "message": local.get(a.message_id) if a.message_id else None, "name": a.name,
            "path": a.path, "mime": a.mime, "size": a.size, "sha256": a.sha256,
            "tokens": a.tokens, "text": a.text, "meta": a.meta, "created": a.created,
        } for a in self.attachments(conversation_id)]
        return out

    def export_json(self, conversation_ids: Iterable[int] | None = None) -> str:
        return json.dumps(self.export_data(conversation_ids), ensure_ascii=False, indent=1) + "\n"

    def export_markdown(self, conversation_ids: Iterable[int] | None = None) -> str:
        """The visible thread of each conversation as Markdown (other versions are counted)."""
        data_ids = list(conversation_ids) if conversation_ids is not None else [
            c.id for c in reversed(self.list_conversations())]
        return "\n---\n\n".join(self._markdown_one(cid) for cid in data_ids)

    def _markdown_one(self, conversation_id: int) -> str:
        conv = self.get_conversation(conversation_id)
        lines = [f"# {conv.title or 'Untitled conversation'}", ""]
        meta = [f"Conversation {conv.id}", f"created {_human_time(conv.created)}"]
        if conv.model:
            meta.append(f"model {conv.model}")
        lines += ["*" + " · ".join(meta) + "*", ""]
        if conv.system_prompt:
            lines += ["> **System:** " + conv.system_prompt.replace("\n", "\n> "), ""]
        for a in self.attachments(conversation_id):
            lines += [f"> **Attached:** {a.name}" + (f" ({a.tokens} tokens)" if a.tokens else ""),
                      ""]
        for m in self.path(conversation_id):
            head = {"user": "You", "assistant": "Assistant"}.get(m.role, m.role.capitalize())
            facts = []
            if m.role == "assistant":
                if m.model:
                    facts.append(m.model)
                if m.ttft_s is not None:
                    facts.append(f"{m.ttft_s * 1000:.0f} ms to first token")
                if m.decode_tps is not None:
                    facts.append(f"{m.decode_tps:.1f} tokens/s")
            if m.versions > 1:
                facts.append(f"version {m.version} of {m.versions}")
            lines += [f"## {head}" + (" · " + " · ".join(facts) if facts else ""), ""]
            for st in self.steps(m.id) if m.role == "assistant" else ():
                lines += _markdown_step(st)
            lines += [m.content.rstrip(), ""]
            if m.status == INTERRUPTED:
                lines += ["*(interrupted: Ember stopped before this answer was finished)*", ""]
            elif m.status == STREAMING:
                lines += ["*(still being written)*", ""]
            elif m.finish_reason == "cancelled":
                lines += ["*(stopped)*", ""]
            elif m.finish_reason == "length":
                lines += ["*(cut at the length limit)*", ""]
        return "\n".join(lines).rstrip() + "\n"

    def import_json(self, text: str) -> ImportResult:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ImportFormatError(tr("This is not JSON ({msg} at line {lineno}); Ember "
                                       "imports the JSON that `ember export --format json` "
                                       "writes.").format(msg=e.msg, lineno=e.lineno)) \
                from e
        return self.import_data(data)

    def import_markdown(self, text: str) -> ImportResult:
        """The chats of a Markdown export (the visible thread of each: markdown_import.py)."""
        return self.import_data(markdown_import.parse(text))

    def import_text(self, text: str, name: str = "") -> ImportResult:
        """A JSON export, or else Markdown (what export_json / export_markdown write). A file
        `name` ending in .json is read as JSON whatever it holds (its error says why not)."""
        if name.lower().endswith(".json") or markdown_import.looks_like_json(text):
            return self.import_json(text)
        return self.import_markdown(text)

    def import_data(self, data: Any, *, strict: bool = True) -> ImportResult:
        """Add exported conversations, all or none. A conversation whose uid is already here is
        skipped (importing a file twice changes nothing). `strict=False` (recovery) drops
        messages whose parent is missing instead of refusing the file."""
        convs = _validate_export(data, strict)
        result = ImportResult()
        with self.transaction() as db:
            for c in convs:
                existing = db.conn.execute("SELECT id FROM conversations WHERE uid = ?",
                                           (c["uid"],)).fetchone()
                if existing:
                    result.skipped.append((c["uid"], existing[0]))
                    continue
                cur = db.conn.execute(
                    "INSERT INTO conversations (uid, title, title_source, created, updated, model, "
                    "system_prompt, settings, pinned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (c["uid"], c.get("title") or "", c.get("title_source") or "",
                     c["created"], c["updated"], c.get("model"), c.get("system_prompt"),
                     json.dumps(c.get("settings") or {}, sort_keys=True),
                     int(bool(c.get("pinned")))))
                assert cur.lastrowid is not None  # an INSERT's row
                cid = int(cur.lastrowid)
                ids: dict[int, int] = {}
                groups: set[int | None] = set()
                for m in c["messages"]:
                    parent = ids[m["parent"]] if m.get("parent") is not None else None
                    status = m.get("status") or COMPLETE
                    if status == STREAMING:  # its writer is not here: it cannot go on
                        status = INTERRUPTED
                    metrics = m.get("metrics") or {}
                    cur = db.conn.execute(
                        "INSERT INTO messages (conversation_id, parent_id, active, role, content, "
                        "status, created, updated, model, prompt_tokens, processed_tokens, "
                        "completion_tokens, ttft_s, decode_tps, finish_reason, metrics) "
                        "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (cid, parent, m["role"], m.get("content") or "", status, m["created"],
                         m.get("updated") or m["created"], m.get("model"), m.get("prompt_tokens"),
                         m.get("processed_tokens"), m.get("completion_tokens"), m.get("ttft_s"),
                         m.get("decode_tps"), m.get("finish_reason"),
                         json.dumps(metrics, sort_keys=True) if metrics else None))
                    assert cur.lastrowid is not None  # an INSERT's row
                    ids[m["id"]] = int(cur.lastrowid)
                    groups.add(parent)
                    _insert_steps(db, ids[m["id"]], m)
                # one active version per parent: the file's choice, else the newest
                for m in c["messages"]:
                    if m.get("active"):
                        new = ids[m["id"]]
                        parent = ids[m["parent"]] if m.get("parent") is not None else None
                        db.conn.execute(
                            "UPDATE messages SET active = 1 WHERE id = ? AND NOT EXISTS "
                            "(SELECT 1 FROM messages WHERE conversation_id = ? AND "
                            "parent_id IS ? AND active)", (new, cid, parent))
                for parent in groups:
                    self._fix_active(db, cid, parent)
                for a in c.get("attachments") or []:
                    db.conn.execute(
                        "INSERT INTO attachments (conversation_id, message_id, name, path, mime, "
                        "size, sha256, tokens, text, meta, created) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (cid, ids.get(a["message"]) if a.get("message") is not None else None,
                         a["name"], a.get("path"), a.get("mime"), a.get("size"), a.get("sha256"),
                         a.get("tokens"), a.get("text"), json.dumps(a.get("meta") or {},
                                                                    sort_keys=True),
                         a.get("created") or c["created"]))
                result.imported.append(cid)
        return result


def _insert_steps(db, message_id: int, m: dict) -> None:
    """An imported message's tool steps; one that was running when exported is interrupted."""
    for st in m.get("steps") or []:
        status = st.get("status") or "interrupted"
        db.conn.execute(
            "INSERT INTO steps (message_id, seq, origin, round, call_id, name, arguments, "
            "text_before, status, result, data, seconds, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (message_id, int(st.get("seq") or 0),
             st.get("origin") if st.get("origin") in ("model", "user") else "model",
             int(st.get("round") or 0), st.get("call_id"), str(st["name"]),
             str(st.get("arguments") or "{}"), str(st.get("text_before") or ""),
             "interrupted" if status == "running" else status, str(st.get("result") or ""),
             json.dumps(st.get("data") or {}, ensure_ascii=False),
             st.get("seconds"), st.get("created") or m["created"],
             st.get("updated") or m["created"]))


def _markdown_step(st) -> list[str]:
    """A tool step (or a Run of a code block) in a Markdown export: what ran, how it ended."""
    out = []
    if st.text_before.strip():
        out += [st.text_before.rstrip(), ""]
    who = "Tool call" if st.origin == "model" else "Run"
    took = f", {st.seconds:.2f} s" if st.seconds is not None else ""
    out += [f"> **{who}:** `{st.name}` ({st.status}{took})", ""]
    args = st.arguments
    try:
        obj = json.loads(args)
        if st.name == "run_python" and isinstance(obj, dict) and "code" in obj:
            out += ["```python", str(obj["code"]).rstrip(), "```", ""]
        else:
            out += ["```json", json.dumps(obj, ensure_ascii=False, indent=1), "```", ""]
    except ValueError:
        out += ["```", args, "```", ""]
    if st.result:
        out += ["```text", st.result.rstrip().replace("```", "ˋˋˋ"), "```", ""]
    return out


def _human_time(iso: str) -> str:
    try:
        t = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
        return t.strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _bad_export(why: str) -> ImportFormatError:
    return ImportFormatError(tr("This file is not an Ember export that can be imported: "
                                "{why}.").format(why=why))


def _validate_export(data: Any, strict: bool) -> list[dict]:
    """The conversations of an export, checked; ImportFormatError names the first problem."""
    bad = _bad_export
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise bad(tr("expected a JSON object with \"format\": \"{EXPORT_FORMAT}\"").format(
                      EXPORT_FORMAT=EXPORT_FORMAT))
    if not isinstance(data.get("version"), int) or data["version"] > EXPORT_VERSION:
        raise bad(tr("export version {text!r} is newer than this Ember reads "
                     "({EXPORT_VERSION})").format(
                      text=data.get('version'), EXPORT_VERSION=EXPORT_VERSION))
    convs = data.get("conversations")
    if not isinstance(convs, list):
        raise bad(tr("\"conversations\" must be a list"))
    return [_valid_conversation(c, i, strict) for i, c in enumerate(convs, 1)]


def _valid_conversation(c: Any, i: int, strict: bool) -> dict:
    """Conversation `i` of an export, checked: its messages in order (a message answering one
    that does not come before it is dropped, or refused when `strict`), its attachments."""
    bad = _bad_export
    if not isinstance(c, dict):
        raise bad(tr("conversation {i} is not an object").format(i=i))
    for key in ("uid", "created", "updated"):
        if not isinstance(c.get(key), str) or not c[key]:
            raise bad(tr("conversation {i} has no \"{key}\"").format(i=i, key=key))
    msgs = c.get("messages")
    if not isinstance(msgs, list):
        raise bad(tr("conversation {i} has no \"messages\" list").format(i=i))
    seen: set[int] = set()
    kept = []
    for j, m in enumerate(msgs, 1):
        _check_message(m, i, j)
        parent = m.get("parent")
        if parent is not None and parent not in seen:
            if strict:
                raise bad(tr("message {j} of conversation {i} answers a message that "
                             "does not come before it").format(j=j, i=i))
            continue
        if m["id"] in seen:
            raise bad(tr("conversation {i} has two messages numbered {m_id}").format(
                          i=i, m_id=m['id']))
        seen.add(m["id"])
        kept.append(m)
    for a in c.get("attachments") or []:
        if not isinstance(a, dict) or not isinstance(a.get("name"), str):
            raise bad(tr("an attachment of conversation {i} has no name").format(i=i))
        if a.get("message") is not None and a["message"] not in seen:
            if strict:
                raise bad(tr("an attachment of conversation {i} refers to a missing "
                             "message").format(i=i))
            a["message"] = None
    return {**c, "messages": kept}


def _check_message(m: Any, i: int, j: int) -> None:
    """Message `j` of conversation `i` has an id, a known role and status, text and a time."""
    bad = _bad_export
    if not isinstance(m, dict) or not isinstance(m.get("id"), int):
        raise bad(tr("message {j} of conversation {i} has no id").format(j=j, i=i))
    if m.get("role") not in ROLES:
        raise bad(tr("message {j} of conversation {i} has an unknown role {text!r}").format(
                      j=j, i=i, text=m.get('role')))
    if not isinstance(m.get("content", ""), str) or not isinstance(m.get("created"), str):
        raise bad(tr("message {j} of conversation {i} lacks text or a creation time").format(
                      j=j, i=i))
    if m.get("status", COMPLETE) not in STATUSES:
        raise bad(tr("message {j} of conversation {i} has an unknown status").format(
                      j=j, i=i))


def _read_damaged(path: Path) -> dict:
    """Whatever rows of a damaged database can still be read, as export data. Each table is
    read forwards until the first unreadable page, then backwards from the end to it."""
    with open(path, "rb") as f:
        if f.read(16) != b"SQLite format 3\x00":  # nothing to read (and SQLite would drop its -wal)
            return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "conversations": []}
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row

    def rows(table: str) -> list[dict]:
        got: dict[int, dict] = {}
        for order in ("ASC", "DESC"):
            try:
                for r in conn.execute(f"SELECT * FROM {table} ORDER BY id {order}"):
                    if r["id"] in got:
                        break
                    got[r["id"]] = dict(r)
            except sqlite3.Error:
                pass
        return [got[k] for k in sorted(got)]

    try:
        convs = rows("conversations")
        msgs = rows("messages")
        atts = rows("attachments")
    finally:
        conn.close()
    by_conv: dict[int, list[dict]] = {}
    for m in msgs:
        by_conv.setdefault(m["conversation_id"], []).append(m)
    out = []
    for c in convs:
        if not c.get("uid"):
            continue
        try:
            settings = json.loads(c.get("settings") or "{}")
        except ValueError:
            settings = {}
        messages = []
        for m in by_conv.get(c["id"], []):
            try:
                metrics = json.loads(m.get("metrics") or "{}")
            except ValueError:
                metrics = {}
            messages.append({**{k: m.get(k) for k in (
                "id", "active", "role", "content", "status", "created", "updated", "model",
                "prompt_tokens", "processed_tokens", "completion_tokens", "ttft_s", "decode_tps",
                "finish_reason")}, "parent": m.get("parent_id"), "metrics": metrics,
                "active": bool(m.get("active"))})
        attachments: list[dict] = [
            {**{k: a.get(k) for k in ("name", "path", "mime", "size", "sha256", "tokens", "text",
                                      "created")},
             "message": a.get("message_id"), "meta": {}}
            for a in atts if a.get("conversation_id") == c["id"]]
        out.append({**{k: c.get(k) for k in ("uid", "title", "title_source", "created", "updated",
                                              "model", "system_prompt", "pinned")},
                    "settings": settings, "messages": messages, "attachments": attachments})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "conversations": out}
