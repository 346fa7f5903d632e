"""Ember's conversation store: SQLite through sqlite-utils. Qt-free.

What it promises (issue 4):
- Nothing is lost. WAL journal, `synchronous=FULL`, foreign keys on. A streaming reply is written
  while it streams (`ReplyStream` flushes at least every `FLUSH_INTERVAL_S`) with status
  'streaming'; if the process dies, the next `Store()` finds the writer gone and marks the reply
  'interrupted' (shown as such, never dropped). The schema changes only by the numbered steps in
  `MIGRATIONS` (`PRAGMA user_version`), each in its own transaction, after a backup copy of the
  old file. A damaged file is moved aside (with its -wal/-shm) before a new one is started, what
  can still be read is copied over, and `Store.notices` says where the backup is. A locked file
  raises `StoreLockedError`; a file from a newer Ember raises `StoreVersionError`; neither is
  ever replaced.
- Everything is found. FTS5 indexes every message and every title (external content tables
  kept in step by triggers); `search()` ranks with bm25 and returns marked snippets.

Messages form a tree: each has a `parent_id` (None for the first message), and among the
children of one parent (its "versions") exactly one is `active` (a partial unique index enforces
it). A conversation's visible thread, `path()`, starts at the active root and follows active
children. Regenerating an answer adds a sibling version under the same question; editing a
question adds a sibling under the same parent, i.e. a new branch; `switch_version()` flips the
active flag, and each branch remembers its own active descendants.

Threads: a `Store` may be shared by threads. Each thread gets its own SQLite connection; writes
are serialized by a lock and run in `BEGIN IMMEDIATE` transactions; with WAL, readers (the GUI's
UI thread) never wait for the writer (the worker thread streaming a reply), and see only
committed states. Other processes (`ember history` while the window streams) may use the same
file at the same time.
"""
from __future__ import annotations

import html
import json
import os
import re
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from sqlite_utils import Database

from . import paths
from .errors import EmberError

DB_NAME = "ember.db"
FLUSH_INTERVAL_S = 0.5          # a streaming reply reaches the disk at least this often
BUSY_TIMEOUT_S = 5.0            # how long a write waits for another process's write
TITLE_MAX_CHARS = 60
TITLE_BOOST = 2.0               # a title match counts this much more than a message match (bm25)
RANK_WINDOW = 10_000            # a query is ranked among at most this many newest matches
QUICK_CHECK_MAX_BYTES = 128 << 20  # PRAGMA quick_check on open up to this size (~1.2 ms/MB)
ROLES = ("user", "assistant", "system", "tool")

# message.status
STREAMING = "streaming"         # being written: a partial reply
COMPLETE = "complete"
INTERRUPTED = "interrupted"     # its writer died (crash, kill -9, power cut) while it streamed
STATUSES = (STREAMING, COMPLETE, INTERRUPTED)

# snippet markers: control characters that never occur in chat text, so the GUI can escape the
# text first and turn the markers into <mark> afterwards (SearchHit.html) without ambiguity
MARK_START, MARK_END = "\x02", "\x03"

EXPORT_FORMAT = "ember-conversations"
EXPORT_VERSION = 1


# ------------------------------------------------------------------------------------ errors
class StoreError(EmberError):
    """The conversation database cannot be used (see the message for what to do)."""


class StoreLockedError(StoreError):
    """Another program holds the database; nothing was changed."""


class StoreCorruptError(StoreError):
    """The database is damaged and could not be set aside automatically."""


class StoreVersionError(StoreError):
    """The database was written by a newer Ember."""


class ConversationNotFoundError(StoreError):
    def __init__(self, conversation_id: object):
        self.conversation_id = conversation_id
        super().__init__(f"There is no conversation {conversation_id} (`ember history` lists "
                         "them).")


class MessageNotFoundError(StoreError):
    def __init__(self, message_id: object):
        self.message_id = message_id
        super().__init__(f"There is no message {message_id}.")


class ImportFormatError(StoreError):
    """The file to import is not an Ember export."""


# ------------------------------------------------------------------------------- records
@dataclass
class Conversation:
    id: int
    uid: str                    # stable across export/import: a re-import is recognised
    title: str
    title_source: str           # '' (untitled) | 'line' | 'model' | 'user'
    created: str                # ISO 8601 UTC, milliseconds ("2025-01-31T12:00:00.000Z")
    updated: str
    model: str | None
    system_prompt: str | None
    settings: dict
    pinned: bool
    message_count: int = 0


@dataclass
class Message:
    id: int
    conversation_id: int
    parent_id: int | None
    role: str
    content: str
    status: str                 # streaming | complete | interrupted
    active: bool
    created: str
    updated: str
    model: str | None = None
    prompt_tokens: int | None = None
    processed_tokens: int | None = None
    completion_tokens: int | None = None
    ttft_s: float | None = None
    decode_tps: float | None = None
    finish_reason: str | None = None   # stop | length | cancelled | interrupted
    metrics: dict = field(default_factory=dict)  # the whole TurnMetrics, for the curious
    version: int = 1            # 1-based position among its versions (siblings)
    versions: int = 1           # how many versions its parent has

    @property
    def interrupted(self) -> bool:
        return self.status == INTERRUPTED

    @property
    def streaming(self) -> bool:
        return self.status == STREAMING


@dataclass
class Attachment:
    id: int
    conversation_id: int
    message_id: int | None
    name: str
    path: str | None
    mime: str | None
    size: int | None
    sha256: str | None
    tokens: int | None
    text: str | None
    meta: dict
    created: str


@dataclass
class SearchHit:
    conversation_id: int
    title: str
    message_id: int | None      # None: the conversation's title matched
    role: str | None
    created: str
    rank: float                 # bm25: lower is better
    marked: str                 # snippet with MARK_START / MARK_END around matches

    def snippet(self, start: str = "«", end: str = "»") -> str:
        return self.marked.replace(MARK_START, start).replace(MARK_END, end)

    def html(self) -> str:
        """The snippet as HTML: text escaped, matches in <mark>."""
        return (html.escape(self.marked).replace(MARK_START, "<mark>")
                .replace(MARK_END, "</mark>"))


@dataclass
class ImportResult:
    imported: list[int] = field(default_factory=list)          # new conversation ids
    skipped: list[tuple[str, int]] = field(default_factory=list)  # (uid, existing id)


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
_V2_SEARCH = """
CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, content='messages', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE conversations_fts USING fts5(
    title, content='conversations', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO conversations_fts (conversations_fts, rowid, title)
        VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
    INSERT INTO conversations_fts (conversations_fts, rowid, title)
        VALUES ('delete', old.id, old.title);
    INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);
END;
INSERT INTO conversations_fts (conversations_fts) VALUES ('rebuild');
"""

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

Migration = str | Callable[[Database], None]
MIGRATIONS: list[Migration] = [_V1_CORE, _V2_SEARCH, _V3_ATTACHMENTS]
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


def _is_corrupt(e: sqlite3.Error) -> bool:
    return (_errcode(e) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
            or "malformed" in str(e) or "not a database" in str(e))


_QUERY_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(text: str) -> str | None:
    """A user's search text as a safe FTS5 query: every word (or "quoted phrase") becomes a
    quoted phrase, so AND/OR/NEAR, ':' or '(' have no special meaning and cannot raise syntax
    errors; all must match. A trailing * keeps prefix search (`pars*`). None if nothing is left."""
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


# --------------------------------------------------------------------------------- store
_UNSET: Any = object()


def _metrics_dict(metrics: Any) -> dict:
    if metrics is None:
        return {}
    if hasattr(metrics, "as_dict"):
        return dict(metrics.as_dict())
    if hasattr(metrics, "__dataclass_fields__"):
        return asdict(metrics)
    return dict(metrics)


class Store:
    """The conversation database. `Store()` opens (creating, migrating or recovering)
    paths.data_dir()/ember.db; raises StoreLockedError / StoreVersionError / StoreError."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = BUSY_TIMEOUT_S,
                 recover: bool = True):
        self.db_path = Path(path) if path is not None else paths.data_dir() / DB_NAME
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self.notices: list[str] = []      # things the user must be told (a recovered file, ...)
        self.backup_path: Path | None = None  # where a damaged database was moved
        self._local = threading.local()
        self._conns: list[Database] = []
        self._conns_lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._closed = False
        self._open()
        if recover:
            self.mark_interrupted_on_startup()

    # ------------------------------------------------------------------ connections
    def _connect(self) -> Database:
        conn = sqlite3.connect(str(self.db_path), timeout=self.timeout, isolation_level=None,
                               check_same_thread=False)
        try:
            db = Database(conn, execute_plugins=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")     # WAL + FULL: a commit survives power loss
            conn.execute("PRAGMA cache_size = -16000")    # 16 MB: search stays in memory
        except BaseException:
            conn.close()
            raise
        with self._conns_lock:
            self._conns.append(db)
        return db

    def _db(self) -> Database:
        """This thread's connection."""
        if self._closed:
            raise StoreError("The conversation store is closed.")
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    @property
    def db(self) -> Database:
        """The sqlite-utils Database of the calling thread (for tools and benchmarks)."""
        return self._db()

    def close(self) -> None:
        """Close every connection (the last one checkpoints the WAL)."""
        with self._conns_lock:
            conns, self._conns = self._conns, []
        for db in conns:
            try:
                db.conn.close()
            except Exception:
                pass
        self._local = threading.local()
        self._closed = True

    def _drop_connections(self) -> None:
        self.close()
        self._closed = False

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction (BEGIN IMMEDIATE) on this thread's connection; nests."""
        db = self._db()
        with self._write_lock:
            if db.conn.in_transaction:
                yield db
                return
            try:
                db.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                raise self._translate(e) from e
            try:
                yield db
            except sqlite3.DatabaseError as e:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                if _is_locked(e) or _is_corrupt(e):
                    raise self._translate(e) from e
                raise
            except BaseException:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                raise
            try:
                db.conn.execute("COMMIT")
            except sqlite3.Error as e:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                raise self._translate(e) from e

    @contextmanager
    def _read(self) -> Iterator[Database]:
        """A read transaction: several SELECTs see one consistent state (WAL: never blocked by
        the writer). A locked or damaged file becomes a StoreError."""
        db = self._db()
        if db.conn.in_transaction:
            yield db
            return
        try:
            db.conn.execute("BEGIN")
            try:
                yield db
            finally:
                if db.conn.in_transaction:
                    db.conn.execute("COMMIT")
        except sqlite3.OperationalError as e:
            if _is_locked(e) or _is_corrupt(e):
                raise self._translate(e) from e
            raise
        except sqlite3.DatabaseError as e:
            if _is_corrupt(e):
                raise self._translate(e) from e
            raise

    def _translate(self, e: sqlite3.Error) -> Exception:
        if _is_locked(e):
            return StoreLockedError(
                f"The conversation database {self.db_path} is locked by another program (another "
                f"Ember still writing?); nothing was changed: close it and try again.")
        if _is_corrupt(e):
            try:  # the next start runs quick_check and recovers, whatever the file's size
                self._check_marker.touch()
            except OSError:
                pass
            return StoreCorruptError(
                f"The conversation database {self.db_path} is damaged ({e}); restart Ember: it "
                "keeps a backup and recovers what it can.")
        return StoreError(f"The conversation database {self.db_path} could not be used: {e}.")

    # ------------------------------------------------------------------ open / migrate / recover
    def _open(self) -> None:
        # A file that is not SQLite at all is set aside before SQLite opens it: closing a
        # connection to such a file deletes its -wal, which may hold the latest conversations.
        if not self._header_ok():
            reason = "the file is not a SQLite database"
            self._recover(reason)
            return
        try:
            db = self._db()
            self._check(db)
            self._migrate(db)
            return
        except sqlite3.Error as e:
            self._drop_connections()
            if not _is_corrupt(e):
                raise self._translate(e) from e
            reason = str(e)
        except StoreError:
            self._drop_connections()
            raise
        self._recover(reason)

    def _header_ok(self) -> bool:
        try:
            with open(self.db_path, "rb") as f:
                head = f.read(16)
        except FileNotFoundError:
            return True
        except OSError as e:
            raise StoreError(f"The conversation database {self.db_path} cannot be read: "
                             f"{e.strerror or e}.") from e
        return head in (b"", b"SQLite format 3\x00")

    def _recover(self, reason: str) -> None:
        """Damaged: keep it (never a silent fresh start), start a new one (once), copy over
        what can still be read, and say where the old one is."""
        backup = self._set_aside()
        try:
            db = self._db()
            self._migrate(db)
        except sqlite3.Error as e:
            self._drop_connections()
            raise StoreError(f"The damaged conversation database was kept as {backup}, but a new "
                             f"one could not be created at {self.db_path}: {e}.") from e
        salvaged = self._salvage(backup)
        msg = (f"The conversation database was damaged ({reason}); it was kept as {backup} and a "
               f"new one was started at {self.db_path}.")
        if salvaged[0]:
            msg += (f" {salvaged[0]} conversation{'s' if salvaged[0] != 1 else ''} "
                    f"({salvaged[1]} messages) could still be read and were copied into it.")
        self.notices.append(msg)

    @property
    def _check_marker(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".check-needed")

    def _check(self, db: Database) -> None:
        """Reads the header, then PRAGMA quick_check when the file is at most
        QUICK_CHECK_MAX_BYTES (~1.2 ms a MB) or damage was seen at run time (the marker file).
        A damaged file raises sqlite3.DatabaseError."""
        db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        try:
            size = self.db_path.stat().st_size
        except OSError:
            size = 0
        if size <= QUICK_CHECK_MAX_BYTES or self._check_marker.exists():
            self._quick_check(db)

    def _quick_check(self, db: Database) -> None:
        rows = db.conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise sqlite3.DatabaseError("database disk image is malformed: "
                                        + "; ".join(str(r[0]) for r in rows[:3]))
        self._check_marker.unlink(missing_ok=True)

    def verify(self) -> None:
        """PRAGMA quick_check now (the GUI may run it on a worker for a big file); raises
        StoreCorruptError, and the next start keeps a backup and recovers."""
        try:
            with self._read() as db:
                self._quick_check(db)
        except sqlite3.DatabaseError as e:
            raise self._translate(e) from e

    def _user_version(self, db: Database) -> int:
        return db.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self, db: Database) -> None:
        version = self._user_version(db)
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"The conversation database {self.db_path} was written by a newer Ember (schema "
                f"{version}; this one knows up to {SCHEMA_VERSION}); update Ember. Nothing was "
                "changed.")
        if version == SCHEMA_VERSION:
            if db.journal_mode != "wal":
                db.enable_wal()
            return
        if version == 0:
            tables = [t for t in db.table_names() if not t.startswith("sqlite_")]
            if tables:
                raise StoreError(f"{self.db_path} is a SQLite database but not Ember's (it holds "
                                 f"{', '.join(tables[:3])}); move it or choose another --data-dir.")
        else:
            self._backup_before_upgrade(db, version)
        db.enable_wal()
        for n in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                if self._user_version(db) >= n:  # another process migrated meanwhile
                    continue
                step = MIGRATIONS[n - 1]
                if isinstance(step, str):
                    db.executescript(step)
                else:
                    step(db)
                db.conn.execute(f"PRAGMA user_version = {n}")

    def _backup_before_upgrade(self, db: Database, version: int) -> Path:
        """A full copy before the schema changes (sqlite's online backup: consistent, with WAL)."""
        target = self.db_path.with_name(
            f"{self.db_path.name}.v{version}-backup-{_timestamp_for_file()}")
        dest = sqlite3.connect(str(target))
        try:
            db.conn.backup(dest)
        finally:
            dest.close()
        self.notices.append(f"The conversation database was upgraded from schema {version} to "
                            f"{SCHEMA_VERSION}; the old one was kept as {target}.")
        return target

    def _set_aside(self) -> Path:
        """Move the damaged file (and its -wal/-shm) to ember.db.corrupt-<time>."""
        stamp = _timestamp_for_file()
        backup = self.db_path.with_name(f"{self.db_path.name}.corrupt-{stamp}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.db_path.with_name(f"{self.db_path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.db_path, backup)
            for suffix in ("-wal", "-shm"):
                side = Path(str(self.db_path) + suffix)
                if side.exists():
                    os.replace(side, Path(str(backup) + suffix))
        except OSError as e:
            raise StoreCorruptError(
                f"The conversation database {self.db_path} is damaged and could not be moved aside "
                f"({e}); Ember did not replace it. Move it elsewhere yourself and start Ember "
                "again.") from e
        self.backup_path = backup
        return backup

    def _salvage(self, backup: Path) -> tuple[int, int]:
        """Copy what can still be read from a damaged file: (conversations, messages)."""
        try:
            data = _read_damaged(backup)
            if not data["conversations"]:
                return 0, 0
            result = self.import_data(data, strict=False)
        except Exception:
            return 0, 0
        n_msgs = sum(len(c["messages"]) for c in data["conversations"])
        return len(result.imported), n_msgs

    def mark_interrupted_on_startup(self) -> list[int]:
        """Replies left 'streaming' by a process that is gone become 'interrupted'. Returns
        their ids. Replies still streamed by a live process (another window) are left alone."""
        with self._read() as db:
            rows = db.conn.execute(
                "SELECT id, writer FROM messages WHERE status = 'streaming'").fetchall()
        dead = [mid for mid, writer in rows if not _writer_alive(writer)]
        if dead:
            with self.transaction() as db:
                db.conn.executemany(
                    "UPDATE messages SET status = 'interrupted', "
                    "finish_reason = ifnull(finish_reason, 'interrupted') "
                    "WHERE id = ? AND status = 'streaming'", [(i,) for i in dead])
        return dead

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
            raise StoreError("A title cannot be empty.")
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
        """Deletes it with its messages and attachments (and their search index entries)."""
        with self.transaction() as db:
            cur = db.conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            if cur.rowcount == 0:
                raise ConversationNotFoundError(conversation_id)

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
            raise StoreError(f"Unknown message role {role!r}: use one of {', '.join(ROLES)}.")
        if parent_id is not None:
            pconv = self._message_row(db, parent_id)[0]
            if pconv != conversation_id:
                raise StoreError(f"Message {parent_id} belongs to conversation {pconv}, "
                                 f"not {conversation_id}.")
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
                raise StoreError(f"Message {message_id} is not streaming.")

    def finish_reply(self, message_id: int, text: str | None = None, metrics: Any = None, *,
                     status: str = COMPLETE) -> None:
        """The reply is final: its text (if given), metrics (TurnMetrics or a dict: tokens,
        TTFT, tokens/s, finish_reason) and status ('complete', or 'interrupted')."""
        if status not in (COMPLETE, INTERRUPTED):
            raise StoreError(f"A finished reply is complete or interrupted, not {status!r}.")
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
        return ReplyStream(self, self.begin_reply(conversation_id, parent_id, model=model),
                           interval=interval)

    def regenerate(self, message_id: int, *, model: str | None = None) -> int:
        """A new streaming version of an assistant reply (a sibling under the same question);
        the earlier versions are kept. Returns the new reply's id."""
        with self.transaction() as db:
            conv, parent, role, _ = self._message_row(db, message_id)
            if role != "assistant":
                raise StoreError(f"Message {message_id} is not an answer: only answers can be "
                                 "regenerated (edit a question instead).")
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
            lines += [f"## {head}" + (" · " + " · ".join(facts) if facts else ""), "",
                      m.content.rstrip(), ""]
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
            raise ImportFormatError(f"This is not JSON ({e.msg} at line {e.lineno}); Ember "
                                    "imports the JSON that `ember export --format json` writes.") \
                from e
        return self.import_data(data)

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
                    ids[m["id"]] = int(cur.lastrowid)
                    groups.add(parent)
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


# ------------------------------------------------------------------------ streaming writer
class ReplyStream:
    """Writes a streaming reply as it grows: `append()` each piece; when `interval` seconds have
    passed since the last write, the text so far is written (one UPDATE, one commit). Pieces come
    several times a second, so a crash loses at most about `interval` seconds of text; call
    `flush()` from a timer if a model may pause mid-answer. Used as a context manager, an
    exception (or Ctrl+C) marks the reply 'interrupted' with the text so far; a normal exit
    finishes it.

    Belongs to one thread (the one that streams), like the Engine's turn it follows."""

    def __init__(self, store: Store, message_id: int, *, interval: float = FLUSH_INTERVAL_S):
        self.store = store
        self.message_id = message_id
        self.interval = interval
        self._parts: list[str] = []
        self._flushed_len = 0
        self._last_flush = time.monotonic()
        self.done = False

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def append(self, piece: str) -> None:
        if piece:
            self._parts.append(piece)
            if time.monotonic() - self._last_flush >= self.interval:
                self.flush()

    def flush(self) -> None:
        text = self.text
        if len(text) != self._flushed_len and not self.done:
            self.store.update_reply(self.message_id, text)
            self._flushed_len = len(text)
        self._last_flush = time.monotonic()

    def finish(self, metrics: Any = None, text: str | None = None) -> None:
        """Final text (default: what was appended) and metrics; status 'complete'."""
        if not self.done:
            self.store.finish_reply(self.message_id, self.text if text is None else text, metrics)
            self.done = True

    def interrupt(self) -> None:
        """Keep the text so far, marked 'interrupted'."""
        if not self.done:
            self.store.finish_reply(self.message_id, self.text, status=INTERRUPTED)
            self.done = True

    def __enter__(self) -> "ReplyStream":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.finish()
        else:
            try:
                self.interrupt()
            except Exception:
                pass  # the original error matters more; startup recovery marks it anyway


# ------------------------------------------------------------------------------ internals
def _human_time(iso: str) -> str:
    try:
        t = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
        return t.strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _validate_export(data: Any, strict: bool) -> list[dict]:
    """The conversations of an export, checked; ImportFormatError names the first problem."""
    def bad(why: str) -> ImportFormatError:
        return ImportFormatError(f"This file is not an Ember export that can be imported: {why}.")

    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise bad(f'expected a JSON object with "format": "{EXPORT_FORMAT}"')
    if not isinstance(data.get("version"), int) or data["version"] > EXPORT_VERSION:
        raise bad(f"export version {data.get('version')!r} is newer than this Ember reads "
                  f"({EXPORT_VERSION})")
    convs = data.get("conversations")
    if not isinstance(convs, list):
        raise bad('"conversations" must be a list')
    out = []
    for i, c in enumerate(convs, 1):
        if not isinstance(c, dict):
            raise bad(f"conversation {i} is not an object")
        for key in ("uid", "created", "updated"):
            if not isinstance(c.get(key), str) or not c[key]:
                raise bad(f'conversation {i} has no "{key}"')
        msgs = c.get("messages")
        if not isinstance(msgs, list):
            raise bad(f'conversation {i} has no "messages" list')
        seen: set[int] = set()
        kept = []
        for j, m in enumerate(msgs, 1):
            if not isinstance(m, dict) or not isinstance(m.get("id"), int):
                raise bad(f"message {j} of conversation {i} has no id")
            if m.get("role") not in ROLES:
                raise bad(f"message {j} of conversation {i} has an unknown role {m.get('role')!r}")
            if not isinstance(m.get("content", ""), str) or not isinstance(m.get("created"), str):
                raise bad(f"message {j} of conversation {i} lacks text or a creation time")
            if m.get("status", COMPLETE) not in STATUSES:
                raise bad(f"message {j} of conversation {i} has an unknown status")
            parent = m.get("parent")
            if parent is not None and parent not in seen:
                if strict:
                    raise bad(f"message {j} of conversation {i} answers a message that does not "
                              "come before it")
                continue
            if m["id"] in seen:
                raise bad(f"conversation {i} has two messages numbered {m['id']}")
            seen.add(m["id"])
            kept.append(m)
        for a in c.get("attachments") or []:
            if not isinstance(a, dict) or not isinstance(a.get("name"), str):
                raise bad(f"an attachment of conversation {i} has no name")
            if a.get("message") is not None and a["message"] not in seen:
                if strict:
                    raise bad(f"an attachment of conversation {i} refers to a missing message")
                a["message"] = None
        out.append({**c, "messages": kept})
    return out


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
        attachments = [{**{k: a.get(k) for k in ("name", "path", "mime", "size", "sha256",
                                                  "tokens", "text", "created")},
                        "message": a.get("message_id"), "meta": {}}
                       for a in atts if a.get("conversation_id") == c["id"]]
        out.append({**{k: c.get(k) for k in ("uid", "title", "title_source", "created", "updated",
                                              "model", "system_prompt", "pinned")},
                    "settings": settings, "messages": messages, "attachments": attachments})
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "conversations": out}
