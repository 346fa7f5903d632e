"""Shared by the Store's parts: the unset marker, metrics as a dict, and what the parts use of
each other (_Parts, for the type check).

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable

from sqlite_utils import Database

from .records import Attachment, Conversation, Message

_UNSET: Any = object()


class _Parts:
    """What the Store's parts (conversations.py, messages.py, search.py, steps.py,
    transfer.py) use of _Base (base.py) and of each other, declared for the type check:
    annotations only, Store (its __init__) brings the real ones together."""

    # base.py
    db_path: Path
    kv_root: Path
    transaction: Callable[[], AbstractContextManager[Database]]
    _read: Callable[[], AbstractContextManager[Database]]
    # conversations.py
    get_conversation: Callable[[int], Conversation]
    list_conversations: Callable[..., list[Conversation]]
    _require_conversation: Callable[[Database, int], None]
    # messages.py
    path: Callable[[int], list[Message]]
    all_messages: Callable[[int], list[Message]]
    _message_row: Callable[[Database, int], sqlite3.Row | tuple]
    _fix_active: Callable[[Database, int, int | None], None]
    attachments: Callable[[int], list[Attachment]]


def _metrics_dict(metrics: Any) -> dict:
    if metrics is None:
        return {}
    if hasattr(metrics, "as_dict"):
        return dict(metrics.as_dict())
    if hasattr(metrics, "__dataclass_fields__"):
        return asdict(metrics)
    return dict(metrics)
