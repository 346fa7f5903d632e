"""Writing a streaming reply as it grows (ReplyStream).

Part of desktop/core/store (its __init__ tells the whole story)."""
from __future__ import annotations

import time
from typing import Any

from .records import FLUSH_INTERVAL_S, INTERRUPTED


# ------------------------------------------------------------------------ streaming writer
class ReplyStream:
    """Writes a streaming reply as it grows: `append()` each piece; when `interval` seconds have
    passed since the last write, the text so far is written (one UPDATE, one commit). Pieces come
    several times a second, so a crash loses at most about `interval` seconds of text; call
    `flush()` from a timer if a model may pause mid-answer. Used as a context manager, an
    exception (or Ctrl+C) marks the reply 'interrupted' with the text so far; a normal exit
    finishes it.

    Belongs to one thread (the one that streams), like the Engine's turn it follows."""

    def __init__(self, store: Any, message_id: int, *, interval: float = FLUSH_INTERVAL_S):
        # store: a Store (its update_reply and finish_reply)
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
