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

from . import base, records, search, stream  # the parts whose globals tests patch
from .base import _Base
from .conversations import _Conversations
from .messages import _Messages
from .records import *  # noqa: F403  (the names in records.__all__)
from .schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    fts_query,
    now_iso,
)
from .search import _Search
from .steps import STEP_STATUSES, Step, _Steps
from .stream import (
    ReplyStream,
)
from .titles import (
    TITLE_REQUEST,
    auto_title,
    clean_model_title,
    engine_titler,
    first_line_title,
)
from .transfer import _Transfer


class Store(_Base, _Conversations, _Messages, _Search, _Transfer, _Steps):
    """The conversation database. `Store()` opens (creating, migrating or recovering)
    paths.data_dir()/ember.db; raises StoreLockedError / StoreVersionError / StoreError.
    Its parts: base.py (connections, transactions, open / migrate / recover),
    conversations.py, messages.py (the tree, streaming replies, attachments), search.py,
    transfer.py (export / import), markdown_import.py (a Markdown export read back)."""


__all__ = [
    "Store", "base", "search", "stream", "MIGRATIONS", "Migration", "SCHEMA_VERSION", "fts_query",
    "now_iso", "TITLE_REQUEST", "auto_title", "clean_model_title", "engine_titler",
    "first_line_title", "ReplyStream", "STEP_STATUSES", "Step",
]
__all__ += records.__all__
