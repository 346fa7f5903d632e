"""What the window needs from the conversation store (desktop/core/store), in one small
interface.

`open_default()` opens the SQLite store in the data folder. If it cannot be opened (locked by
another Ember, or damaged beyond what the store recovers), the window still works on a store in
a temporary folder, and the user is told this session's chats are not being saved.
"""
from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from ..core.store import Store

UI_WAIT_S = 0.25   # the window's writes wait at most this long for another program's lock
from .conversations import ConvSummary, Msg, ToolSpec

# a conversation's tool settings, kept in its settings beside the overrides (ember chat --tools
# writes "tools" too): the tool names offered, the project folder and whether it may be written,
# the MCP servers, and "check" (Check code: each answer run against its own tests)
TOOL_KEYS = ("tools", "folder", "folder_write", "mcp", "check")
FOLDER_TOOLS = ("list_files", "read_file", "search_text")
# kept in a conversation's settings beside the overrides too: the JSON schema its answers follow
# in JSON mode (the schema editor, `ember chat --schema`)
KEPT_KEYS = TOOL_KEYS + ("schema",)


def tool_settings_dict(spec) -> dict:
    """A ToolSpec as the conversation's settings keep it."""
    names = (["run_python"] if spec.run_python else []) + (
        list(FOLDER_TOOLS) + (["write_file"] if spec.write else []) if spec.folder else [])
    out: dict = {}
    if names:
        out["tools"] = sorted(names)
    if spec.folder:
        out["folder"] = str(spec.folder)
        out["folder_write"] = bool(spec.write)
    if spec.mcp:
        out["mcp"] = list(spec.mcp)
    if getattr(spec, "check", False):
        out["check"] = True
    return out


def _epoch(iso: str | None) -> float:
    """The store's time ("2025-01-31T12:00:00.000Z", UTC) as seconds since the epoch (0.0 when
    it is missing or unreadable)."""
    if not iso:
        return 0.0
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


def open_default() -> tuple["StoreConversations", str | None]:
    """(conversations, problem message or None)."""
    try:
        return StoreConversations.open(), None
    except Exception as e:  # noqa: BLE001 - any failure: keep the app usable, say why
        tmp = Path(tempfile.mkdtemp(prefix="ember-unsaved-"))
        return StoreConversations(Store(tmp / "ember.db")), (
            f"{e}\n\nEmber keeps working, but this session's chats are not being saved.")


class StoreConversations:
    def __init__(self, store: Store):
        self.s = store

    @classmethod
    def open(cls) -> "StoreConversations":
        return cls(Store())

    @property
    def notices(self) -> list[str]:
        return list(self.s.notices)

    def close(self) -> None:
        self.s.close()

    # ------------------------------------------------------------------ conversations
    def list(self, query: str | None = None) -> list[ConvSummary]:
        if not query:
            return [ConvSummary(c.id, c.title, c.pinned, _epoch(c.updated))
                    for c in self.s.list_conversations()]
        out, seen = [], set()
        for hit in self.s.search(query, limit=200):  # best first: one row per conversation
            if hit.conversation_id in seen:
                continue
            seen.add(hit.conversation_id)
            c = self.s.get_conversation(hit.conversation_id)
            # the snippet on one line, as the message reads (no «markers», no raw newlines)
            snippet = " ".join(hit.snippet("", "").split())
            out.append(ConvSummary(c.id, c.title, c.pinned, _epoch(c.updated), snippet))
        return out

    def create(self, model: str, system: str | None) -> int:
        return self.s.create_conversation(model=model, system_prompt=system)

    def title(self, cid) -> str:
        return self.s.get_conversation(cid).title

    def rename(self, cid, title: str) -> None:
        self.s.rename(cid, title)

    def is_pinned(self, cid) -> bool:
        return self.s.get_conversation(cid).pinned

    def set_pinned(self, cid, pinned: bool) -> None:
        self.s.set_pinned(cid, pinned)

    def get_overrides(self, cid) -> dict:
        """The settings this chat overrides (its tool settings are not among them)."""
        return {k: v for k, v in (self.s.get_conversation(cid).settings or {}).items()
                if k not in KEPT_KEYS}

    def set_overrides(self, cid, overrides: dict) -> None:
        kept = {k: v for k, v in (self.s.get_conversation(cid).settings or {}).items()
                if k in KEPT_KEYS}
        self.s.update_conversation(cid, settings={**overrides, **kept},
                                   system_prompt=overrides.get("system_prompt"))

    def tool_settings(self, cid):
        """The chat's Tools / Project folder / MCP / Check code settings, as a ToolSpec."""
        st = self.s.get_conversation(cid).settings or {}
        names = st.get("tools") if isinstance(st.get("tools"), list) else []
        folder = st.get("folder") if isinstance(st.get("folder"), str) and st["folder"] else None
        servers = tuple(x for x in st.get("mcp") or () if isinstance(x, str))
        return ToolSpec(run_python="run_python" in names, folder=folder,
                        write=bool(folder and st.get("folder_write") is True), mcp=servers,
                        check=st.get("check") is True)

    def set_tool_settings(self, cid, spec) -> None:
        settings = {k: v for k, v in (self.s.get_conversation(cid).settings or {}).items()
                    if k not in TOOL_KEYS}
        with self.waiting():
            self.s.update_conversation(cid, settings={**settings, **tool_settings_dict(spec)})

    def schema(self, cid) -> dict | None:
        """The JSON schema this chat's answers follow in JSON mode (None: any JSON)."""
        schema = (self.s.get_conversation(cid).settings or {}).get("schema")
        return schema if isinstance(schema, dict) else None

    def set_schema(self, cid, schema: dict | None) -> None:
        settings = {k: v for k, v in (self.s.get_conversation(cid).settings or {}).items()
                    if k != "schema"}
        if schema is not None:
            settings["schema"] = schema
        with self.waiting():
            self.s.update_conversation(cid, settings=settings)

    def delete(self, cid):
        """Deletes; returns what undo_delete needs (the conversation as exported data)."""
        data = self.s.export_data([cid])
        self.s.delete_conversation(cid)
        return data

    def undo_delete(self, token) -> None:
        self.s.import_data(token)

    # ----------------------------------------------------------------------- messages
    def path(self, cid) -> list[Msg]:
        thread = self.s.path(cid)
        # attached files by question (those kept before issue 28 without one: the first question)
        first = next((m.id for m in thread if m.role == "user"), None)
        files: dict = {}
        for a in self.s.attachments(cid):
            files.setdefault(a.message_id or first, []).append(a.name)
        return [Msg(m.id, m.role, m.content, m.parent_id, m.finish_reason, m.interrupted,
                    m.decode_tps, m.version - 1, m.versions, m.ttft_s, m.completion_tokens,
                    sources=tuple((m.metrics or {}).get("sources") or ()),
                    attached=tuple(files.get(m.id, ())),
                    repetition=bool((m.metrics or {}).get("repetition")),
                    prompt_tokens=(m.metrics or {}).get("prompt_tokens"))
                for m in thread]

    def add_user(self, cid, text: str) -> int:
        mid = self.s.add_message(cid, "user", text)
        if not self.s.get_conversation(cid).title:
            self.s.auto_title(cid)  # the first line; a model-written title needs the worker
        return mid

    def begin_reply(self, cid, parent, model: str) -> int:
        return self.s.begin_reply(cid, parent, model=model)

    def update_reply(self, mid, text: str) -> None:
        self.s.update_reply(mid, text)

    def waiting(self, seconds: float = UI_WAIT_S):
        """A context in which this thread's writes wait at most `seconds` for a lock held by
        another program (then StoreLockedError): the UI thread never waits long."""
        return self.s.waiting_at_most(seconds)

    def save_reply(self, mid, text: str, metrics=None, status: str = "complete", *,
                   wait_s: float = UI_WAIT_S) -> None:
        """The final write of an answer (complete; stopped: metrics finish_reason 'cancelled';
        interrupted). Raises StoreLockedError / StoreWriteError when it could not be written."""
        with self.s.waiting_at_most(wait_s):
            self.s.finish_reply(mid, text, metrics, status=status)

    def finish_reply(self, mid, text: str, metrics) -> None:
        self.save_reply(mid, text, metrics)

    def stop_reply(self, mid, text: str) -> None:
        self.save_reply(mid, text, {"finish_reason": "cancelled"})

    def fail_reply(self, mid, text: str, error: str) -> None:
        self.save_reply(mid, text, None, status="interrupted")

    def parent_of(self, mid):
        return self.s.get_message(mid).parent_id

    def content(self, mid) -> str:
        return self.s.get_message(mid).content

    def edit_user(self, mid, text: str) -> int:
        return self.s.edit_message(mid, text)

    def delete_message(self, mid) -> None:
        self.s.delete_message(mid)

    def switch_version(self, mid, delta: int) -> None:
        vs = self.s.versions(mid)
        ids = [v.id for v in vs]
        i = max(0, min(len(ids) - 1, ids.index(mid) + delta))
        self.s.switch_version(ids[i])

    def steps(self, mid) -> list:
        """A message's tool steps and code-block runs (store.Step), in order."""
        return self.s.steps(mid)

    # -------------------------------------------------------------------- attachments
    def documents(self, cid) -> list:
        from ..core.session import documents_of
        return documents_of(self.s, cid)
