"""The schema as numbered migrations, and helpers: times, writer tokens, SQLite errors, FTS queries.

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import os
import re
import sqlite3
from datetime import datetime, timezone
from typing import Callable

from sqlite_utils import Database

# ---------------------------------------------------------------------------- migrations
# Frozen history: never edit a step that has shipped; add a new one. Each runs in its own
# transaction together with `PRAGMA user_version = N`. Plain SQL keeps the schema readable and
# independent of how a future sqlite-utils would spell the same DDL.
_V1_CORE = """
CREATE TABLE conversations (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL DEFAULT '',
    title_source  TEXT NOT NULL DEFAULT '',
    created       TEXT NOT NULL,
    updated       TEXT NOT NULL,
    model         TEXT,
    system_prompt TEXT,
    settings      TEXT NOT NULL DEFAULT '{}',
    pinned        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_order ON conversations (pinned DESC, updated DESC);

CREATE TABLE messages (
    id                INTEGER PRIMARY KEY,
    conversation_id   INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id         INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    active            INTEGER NOT NULL DEFAULT 1,
    role              TEXT NOT NULL,
    content           TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'complete',
    created           TEXT NOT NULL,
    updated           TEXT NOT NULL,
    model             TEXT,
    prompt_tokens     INTEGER,
    processed_tokens  INTEGER,
    completion_tokens INTEGER,
    ttft_s            REAL,
    decode_tps        REAL,
    finish_reason     TEXT,
    metrics           TEXT,
    writer            TEXT     -- 'pid:start time' of the process streaming it
);
CREATE INDEX messages_children ON messages (conversation_id, parent_id);
CREATE INDEX messages_parent ON messages (parent_id);
-- exactly one active version among the children of a parent (roots: parent 0)
CREATE UNIQUE INDEX messages_one_active ON messages (conversation_id, ifnull(parent_id, 0))
    WHERE active;
CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';
"""

# External-content FTS5 tables (the text is stored once, in messages/conversations) kept in step
# by triggers. Porter stemming ("parsing" finds "parse"); prefix indexes of 2 and 3 characters
# make search-as-you-type prefixes (`fib*`) one index lookup instead of a merge of every word
# they start (measured: 95 ms -> 7 ms on 200,000 messages, for ~2x the index size).
# `UPDATE OF content` / `UPDATE OF title`: flipping `active` or bumping `updated`
# does not re-index anything. 'rebuild' indexes the rows an older database already holds.
def _fts_index(table: str, column: str) -> str:
    """An FTS5 index of `table`.`column`, kept in step by triggers, filled from what is there."""
    fts = f"{table}_fts"
    return f"""
CREATE VIRTUAL TABLE {fts} USING fts5(
    {column}, content='{table}', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO {fts} (rowid, {column}) VALUES (new.id, new.{column});
END;
CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {fts} ({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
END;
CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN
    INSERT INTO {fts} ({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
    INSERT INTO {fts} (rowid, {column}) VALUES (new.id, new.{column});
END;
INSERT INTO {fts} ({fts}) VALUES ('rebuild');
"""


_V2_SEARCH = _fts_index("messages", "content") + _fts_index("conversations", "title")

# Documents given to a conversation (issue 6): the extracted text is kept so that a conversation
# can be re-run or exported without the original file.
_V3_ATTACHMENTS = """
CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    message_id      INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    name            TEXT NOT NULL,
    path            TEXT,
    mime            TEXT,
    size            INTEGER,
    sha256          TEXT,
    tokens          INTEGER,
    text            TEXT,
    meta            TEXT NOT NULL DEFAULT '{}',
    created         TEXT NOT NULL
);
CREATE INDEX attachments_conversation ON attachments (conversation_id);
CREATE INDEX attachments_message ON attachments (message_id);
"""

# issue 15: the tool steps of an answer (the model's calls and their results) and the runs of
# its code blocks (the user's Run), kept with the message they belong to
_V4_STEPS = """
CREATE TABLE steps (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    origin      TEXT NOT NULL,            -- 'model' (a tool call) | 'user' (Run on a code block)
    round       INTEGER NOT NULL DEFAULT 0,
    call_id     TEXT,
    name        TEXT NOT NULL,
    arguments   TEXT NOT NULL DEFAULT '{}',
    text_before TEXT NOT NULL DEFAULT '',  -- the model's text before this round's calls
    status      TEXT NOT NULL,            -- running | ok | error | refused | declined | cancelled
    result      TEXT NOT NULL DEFAULT '', -- what the model read
    data        TEXT NOT NULL DEFAULT '{}',
    seconds     REAL,
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL
);
CREATE INDEX steps_message ON steps (message_id, seq);
"""

Migration = str | Callable[[Database], None]
MIGRATIONS: list[Migration] = [_V1_CORE, _V2_SEARCH, _V3_ATTACHMENTS, _V4_STEPS]
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------------------------- helpers
def now_iso() -> str:
    """UTC, milliseconds, 'Z': sorts as text and survives export/import unchanged."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _timestamp_for_file() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


_process_token_cache: tuple[int, str] | None = None


def _process_token() -> str:
    """'pid:start time' of this process (the start time tells a reused pid apart)."""
    global _process_token_cache
    pid = os.getpid()
    if _process_token_cache is None or _process_token_cache[0] != pid:
        try:
            import psutil
            start = psutil.Process(pid).create_time()
        except Exception:
            start = 0.0
        _process_token_cache = (pid, f"{pid}:{start:.2f}")
    return _process_token_cache[1]


def _writer_alive(token: str | None) -> bool:
    """Whether the process that wrote `token` still runs (a zombie does not)."""
    if not token:
        return False
    if token == _process_token():
        return True
    try:
        pid_s, start_s = token.split(":", 1)
        pid, start = int(pid_s), float(start_s)
    except ValueError:
        return False
    try:
        import psutil
        p = psutil.Process(pid)
        if p.status() == psutil.STATUS_ZOMBIE:
            return False
        return start == 0.0 or abs(p.create_time() - start) < 0.02
    except ImportError:  # pragma: no cover - psutil is a dependency
        return False
    except Exception:    # NoSuchProcess, AccessDenied on a pid that is not ours, ...
        return False


def _errcode(e: sqlite3.Error) -> int:
    return getattr(e, "sqlite_errorcode", 0) & 0xFF


def _is_locked(e: sqlite3.Error) -> bool:
    return _errcode(e) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(e)


def _is_write_error(e: sqlite3.Error) -> bool:
    """The disk is full (SQLITE_FULL), or a write failed (SQLITE_IOERR: e.g. EFBIG past
    RLIMIT_FSIZE, EIO)."""
    return (_errcode(e) in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR)
            or "disk is full" in str(e) or "disk I/O error" in str(e))


def _is_corrupt(e: sqlite3.Error) -> bool:
    return (_errcode(e) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
            or "malformed" in str(e) or "not a database" in str(e))


_QUERY_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_UNSEARCHABLE = re.compile("[\x00\ud800-\udfff]")


def fts_query(text: str) -> str | None:
    """A user's search text as a safe FTS5 query: every word (or "quoted phrase") becomes a
    quoted phrase, so AND/OR/NEAR, ':' or '(' have no special meaning and cannot raise syntax
    errors; all must match. A trailing * keeps prefix search (`pars*`). None if nothing is left."""
    if not isinstance(text, str) or _UNSEARCHABLE.search(text):
        # a NUL cuts SQLite's copy of the query ("unterminated string"), a lone surrogate cannot
        # be encoded for SQLite at all: such a search finds nothing rather than failing
        return None
    parts = []
    for m in _QUERY_TOKEN.finditer(text or ""):
        if m.group(1) is not None:
            phrase, prefix = m.group(1), False
        else:
            word = m.group(2)
            prefix = word.endswith("*")
            phrase = word.rstrip("*")
        phrase = " ".join(phrase.replace('"', " ").split())
        if not any(ch.isalnum() for ch in phrase):
            continue  # punctuation alone: the tokenizer would drop it anyway
        parts.append(f'"{phrase}"' + ("*" if prefix else ""))
    return " ".join(parts) or None
