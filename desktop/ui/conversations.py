"""What the window needs from the conversation store, in one small interface.

`Conversations.open_default()` opens the SQLite store (desktop/core/store.py). If it cannot be
opened (locked by another Ember, or corrupt: the store keeps a backup and says where), the window
still works with `MemoryConversations`, and the user is told their chats are not being saved.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field


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


class Conversations:
    """Interface (and the factory). Messages form a tree: versions are siblings."""

    @staticmethod
    def open_default():
        """(conversations, problem message or None)."""
        try:
            from .store_conversations import StoreConversations
            return StoreConversations.open(), None
        except Exception as e:  # noqa: BLE001 - any failure: keep the app usable, say why
            return MemoryConversations(), (f"{e}\n\nEmber keeps working, but this session's "
                                           "chats are not being saved.")


@dataclass
class _Conv:
    id: int
    title: str
    model: str
    system: str | None
    created: float
    updated: float
    pinned: bool = False
    messages: dict[int, Msg] = field(default_factory=dict)
    active: dict[int | None, int] = field(default_factory=dict)  # parent -> active child


class MemoryConversations(Conversations):
    """The same behaviour without a database (nothing survives a restart)."""

    def __init__(self):
        self.convs: dict[int, _Conv] = {}
        self.deleted: dict[int, _Conv] = {}
        self._ids = itertools.count(1)

    def close(self) -> None:
        pass

    # conversations
    def list(self, query: str | None = None) -> list[ConvSummary]:
        out = []
        for c in self.convs.values():
            snippet = ""
            if query:
                q = query.lower()
                hit = next((m.content for m in c.messages.values() if q in m.content.lower()), None)
                if q not in c.title.lower() and hit is None:
                    continue
                if hit:
                    i = hit.lower().index(q)
                    snippet = "…" + hit[max(0, i - 30):i + len(q) + 30] + "…"
            out.append(ConvSummary(c.id, c.title, c.pinned, c.updated, snippet))
        return sorted(out, key=lambda s: (not s.pinned, -s.updated))

    def create(self, model: str, system: str | None) -> int:
        cid = next(self._ids)
        now = time.time()
        self.convs[cid] = _Conv(cid, "New chat", model, system, now, now)
        return cid

    def title(self, cid) -> str:
        return self.convs[cid].title

    def rename(self, cid, title: str) -> None:
        self.convs[cid].title = title

    def is_pinned(self, cid) -> bool:
        return self.convs[cid].pinned

    def set_pinned(self, cid, pinned: bool) -> None:
        self.convs[cid].pinned = pinned

    def get_overrides(self, cid) -> dict:
        return dict(getattr(self.convs[cid], "overrides", {}) or {})

    def set_overrides(self, cid, overrides: dict) -> None:
        self.convs[cid].overrides = dict(overrides)
        self.convs[cid].system = overrides.get("system_prompt")

    def delete(self, cid):
        self.deleted[cid] = self.convs.pop(cid)
        return cid

    def undo_delete(self, token) -> None:
        if token in self.deleted:
            self.convs[token] = self.deleted.pop(token)

    # messages
    def _conv_of(self, mid) -> _Conv:
        return next(c for c in self.convs.values() if mid in c.messages)

    def _add(self, cid, role, content, parent) -> int:
        c = self.convs[cid]
        mid = next(self._ids)
        c.messages[mid] = Msg(mid, role, content, parent)
        c.active[parent] = mid
        c.updated = time.time()
        return mid

    def path(self, cid) -> list[Msg]:
        c = self.convs[cid]
        out, parent = [], None
        while parent in c.active:
            mid = c.active[parent]
            m = c.messages[mid]
            sib = sorted(k for k, v in c.messages.items() if v.parent == m.parent)
            m.version_index, m.version_count = sib.index(mid), len(sib)
            out.append(m)
            parent = mid
        return out

    def messages_for_model(self, cid, system: str | None, upto=None) -> list[dict]:
        """The active branch as chat messages, up to and including message `upto`."""
        c = self.convs[cid]
        msgs = []
        for m in self.path(cid):
            if m.content:
                msgs.append({"role": m.role, "content": m.content})
            if m.id == upto:
                break
        sys_prompt = c.system if c.system is not None else system
        return ([{"role": "system", "content": sys_prompt}] if sys_prompt else []) + msgs

    def add_user(self, cid, text: str) -> int:
        p = self.path(cid)
        mid = self._add(cid, "user", text, p[-1].id if p else None)
        c = self.convs[cid]
        if c.title == "New chat":
            c.title = text.strip().splitlines()[0][:60]
        return mid

    def begin_reply(self, cid, parent, model: str) -> int:
        return self._add(cid, "assistant", "", parent)

    def update_reply(self, mid, text: str) -> None:
        self._conv_of(mid).messages[mid].content = text

    def finish_reply(self, mid, text: str, metrics) -> None:
        m = self._conv_of(mid).messages[mid]
        m.content = text
        m.finish_reason = getattr(metrics, "finish_reason", None)
        m.tps = getattr(metrics, "decode_tps", None)

    def stop_reply(self, mid, text: str) -> None:
        m = self._conv_of(mid).messages[mid]
        m.content, m.finish_reason = text, "cancelled"

    def fail_reply(self, mid, text: str, error: str) -> None:
        m = self._conv_of(mid).messages[mid]
        m.content, m.interrupted = text, True

    def parent_of(self, mid):
        return self._conv_of(mid).messages[mid].parent

    def content(self, mid) -> str:
        return self._conv_of(mid).messages[mid].content

    def edit_user(self, mid, text: str) -> int:
        c = self._conv_of(mid)
        return self._add(c.id, "user", text, c.messages[mid].parent)

    def delete_message(self, mid) -> None:
        c = self._conv_of(mid)
        m = c.messages.pop(mid)
        for k, v in list(c.messages.items()):  # children move up to the parent
            if v.parent == mid:
                v.parent = m.parent
        if c.active.get(m.parent) == mid:
            if mid in c.active:
                c.active[m.parent] = c.active.pop(mid)
            else:
                sib = [k for k, v in c.messages.items() if v.parent == m.parent]
                if sib:
                    c.active[m.parent] = sib[-1]
                else:
                    c.active.pop(m.parent, None)

    def switch_version(self, mid, delta: int) -> None:
        c = self._conv_of(mid)
        m = c.messages[mid]
        sib = sorted(k for k, v in c.messages.items() if v.parent == m.parent)
        i = max(0, min(len(sib) - 1, sib.index(mid) + delta))
        c.active[m.parent] = sib[i]

    # -------------------------------------------------------------------- attachments
    def add_attachment(self, cid, doc, tokens) -> None:
        c = self.convs[cid]
        c.docs = getattr(c, "docs", []) + [doc]

    def documents(self, cid) -> list:
        return list(getattr(self.convs.get(cid), "docs", []) or [])
