"""The plain rows the window shows: a conversation in the sidebar, a message in the chat.

The window reads and writes conversations through store_conversations.StoreConversations (over
desktop/core/store); this module only holds the rows, so the two never import each other.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ConvSummary:
    id: int
    title: str
    pinned: bool
    updated: float
    snippet: str = ""


@dataclass
class Msg:
    id: int
    role: str
    content: str
    parent: int | None
    finish_reason: str | None = None
    interrupted: bool = False
    tps: float | None = None
    version_index: int = 0
    version_count: int = 1
