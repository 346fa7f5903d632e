"""Errors and the rows the store returns (conversations, messages, attachments, hits), and its constants.

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from ..errors import EmberError

DB_NAME = "ember.db"
FLUSH_INTERVAL_S = 1.0          # a streaming reply reaches the disk this often (the one home
                                # of this pacing: ReplyStream, ChatSession's run_turn, the window)
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


class StoreWriteError(StoreError):
    """A write did not reach the disk (the disk is full, the file is at its size limit, an I/O
    error): that change was rolled back; everything committed before it is intact."""


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
    finish_reason: str | None = None   # stop | length | cancelled | interrupted | error
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

# what the package re-exports (its __init__ star-imports these)
__all__ = [
    "BUSY_TIMEOUT_S", "COMPLETE", "DB_NAME", "EXPORT_FORMAT", "EXPORT_VERSION",
    "FLUSH_INTERVAL_S", "INTERRUPTED", "MARK_END", "MARK_START", "QUICK_CHECK_MAX_BYTES",
    "RANK_WINDOW", "ROLES", "STATUSES", "STREAMING", "TITLE_BOOST", "TITLE_MAX_CHARS",
    "Attachment", "Conversation", "ConversationNotFoundError", "ImportFormatError",
    "ImportResult", "Message", "MessageNotFoundError", "SearchHit", "StoreCorruptError",
    "StoreError", "StoreLockedError", "StoreVersionError", "StoreWriteError",
]
