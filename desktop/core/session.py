"""One conversation's logic, Qt-free: what the window and the terminal chat both drive.

A ChatSession holds the conversation (its thread in the store, the active branch), the system
prompt and per-chat settings, the attached documents, and the KV key; it turns a user action
(ask, regenerate, edit, continue) into a PreparedTurn: the messages to send, the reply row that
the answer streams into, and how to send it. `run_turn()` sends a PreparedTurn to an engine
(in-process Engine or the engine process's EngineClient): the documents' budget decision, the
streaming persistence (the text so far reaches the store about once a second, on the thread
that streams) and the final write.

    session = ChatSession(store, settings, model_name="Qwen2.5-7B-Instruct")
    turn = session.ask("Why does this loop never end?", docs=[(doc, tokens)])
    metrics = run_turn(engine, session, turn, on_piece=print)

Front ends differ only in how they show things and ask questions: a budget that needs a bigger
context raises NeedsReload (the window asks in a dialog, the terminal with y/n), one that cannot
fit raises EmberError with the sentence to show.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .errors import EmberError
from .store.records import FLUSH_INTERVAL_S
from .texts import tr
from .turns import SamplingSettings


def open_end(text: str) -> str:
    """A cut answer made ready to go on: the code fence Ember closed after the cut (the base
    models' code blocks) is opened again, so that the continuation stays inside the block."""
    stripped = text.rstrip("\n")
    if stripped.endswith("```") and text.count("```") % 2 == 0:
        return stripped[:-3]
    return text
SAVE_PARTIAL_WAIT_S = 0.05   # a streaming save waits this long for a lock, then skips


class NeedsReload(EmberError):
    """The documents fit this model only with a larger context: `budget.plan` says how."""

    def __init__(self, budget):
        super().__init__(budget.sentence)
        self.budget = budget


@dataclass
class PreparedTurn:
    """What to send and where the answer goes."""
    conversation_id: int
    reply_id: int
    messages: list[dict]              # system first (if any), the question (or continue) last
    sampling: SamplingSettings
    json_mode: bool = False
    json_schema: dict | None = None
    docs: list = field(default_factory=list)   # the conversation's documents (Document)
    prefix: str = ""                  # continue: the text the answer extends
    allow_reload: bool = True         # False: the user declined a bigger context: retrieve
    budget: Any = None                # the budget decision, once made (documents.Budget)
    kv_key: str | None = None         # the KV snapshot key (the conversation's uid)

    @property
    def conv_key(self) -> str:
        """The conversation's KV snapshot key in the engine: its uid (stable, never reused, so
        a deleted conversation's snapshot can never be restored into a new one with its id)."""
        return self.kv_key or str(self.conversation_id)


_FROM_SETTINGS = object()


class ChatSession:
    """One conversation at a time (new() / open() switch), over a conversation Store.

    settings: core.settings.Settings (None: the defaults), with the conversation's overrides on
    top. The terminal gives its options instead: `system` (even None) replaces the settings'
    system prompt, `sampling` fixes the sampling, `conversation_settings` is stored with each
    new conversation."""

    def __init__(self, store, settings=None, *, model_name: str = "", system=_FROM_SETTINGS,
                 sampling: SamplingSettings | None = None,
                 conversation_settings: dict | None = None):
        self.store = store
        self.settings = settings
        self.model_name = model_name
        self.system = system
        self.fixed_sampling = sampling
        self.conversation_settings = conversation_settings
        self.conversation_id: int | None = None
        # the loaded model's key (a catalog id, "embedded", a file path): its own defaults
        # (settings.model_defaults) lie between the global settings and the chat's overrides
        self.model_key: str | None = None
        # the chat offers tools (agent/): its history then carries earlier answers' tool calls
        self.tools_enabled = False

    # ------------------------------------------------------------------ conversation
    def new(self) -> None:
        self.conversation_id = None

    def open(self, conversation_id: int) -> None:
        self.store.get_conversation(conversation_id)  # raises for an unknown id
        self.conversation_id = conversation_id

    def overrides(self) -> dict:
        if self.conversation_id is None:
            return {}
        return dict(self.store.get_conversation(self.conversation_id).settings or {})

    def effective(self) -> dict:
        """The global settings, the loaded model's own defaults, this chat's overrides on top."""
        from .settings import DEFAULTS
        if self.settings is None:
            return {**DEFAULTS, **self.overrides()}
        return self.settings.effective(self.overrides(), model=self.model_key)

    def schema(self) -> dict | None:
        """The JSON schema kept with this chat (its settings' "schema", as `ember chat
        --schema` and the window's schema editor keep it): answers in JSON mode follow it."""
        schema = self.overrides().get("schema")
        return schema if isinstance(schema, dict) else None

    def sampling(self) -> SamplingSettings:
        if self.fixed_sampling is not None:
            return self.fixed_sampling
        s = self.effective()
        return SamplingSettings(temperature=s["temperature"], top_p=s["top_p"], top_k=s["top_k"],
                                min_p=s["min_p"], repeat_penalty=s["repeat_penalty"],
                                max_tokens=s["max_tokens"], min_tokens=s["min_tokens"])

    def system_prompt(self) -> str | None:
        if self.conversation_id is not None:
            conv = self.store.get_conversation(self.conversation_id)
            if conv.system_prompt is not None or self.system is not _FROM_SETTINGS:
                return conv.system_prompt or None
        if self.system is not _FROM_SETTINGS:
            return self.system or None
        return self.effective().get("system_prompt") or None

    def set_system(self, system: str | None) -> None:
        """A new system prompt for this conversation and the next ones."""
        self.system = system
        if self.conversation_id is not None:
            self.store.update_conversation(self.conversation_id, system_prompt=system)

    def documents(self) -> list:
        """The conversation's attached documents, as Documents."""
        if self.conversation_id is None:
            return []
        return documents_of(self.store, self.conversation_id)

    def history(self, upto: int | None = None, *, with_steps: bool = False) -> list[dict]:
        """The thread as messages for the model (system first), up to message `upto`.
        with_steps: answers that called tools come with their calls and results (for a model
        that is offered tools again: history_with_steps)."""
        sys_prompt = self.system_prompt()
        out = [{"role": "system", "content": sys_prompt}] if sys_prompt else []
        if self.conversation_id is None:
            return out
        for m in self.store.path(self.conversation_id):
            if with_steps and m.role == "assistant":
                out.extend(x for x in history_with_steps(self.store, m)
                           if x["content"] or x.get("tool_calls"))
            elif m.content:
                out.append({"role": m.role, "content": m.content})
            if m.id == upto:
                break
        return out

    # ---------------------------------------------------------------------- actions
    def ask(self, text: str, docs: Sequence = (), *, json_mode: bool | None = None,
            json_schema: dict | None = None) -> PreparedTurn:
        """A new question (with documents attached to the conversation): the conversation is
        created at its first question, titled from its first line."""
        text = text.strip()
        if not text:
            raise EmberError(tr("The message is empty."))
        st = self.store
        if self.conversation_id is None:
            system = (self.effective().get("system_prompt") if self.system is _FROM_SETTINGS
                      else self.system)
            kw = {"settings": self.conversation_settings} if self.conversation_settings else {}
            self.conversation_id = st.create_conversation(model=self.model_name,
                                                          system_prompt=system, **kw)
        thread = st.path(self.conversation_id)
        uid = st.add_message(self.conversation_id, "user", text,
                             parent_id=thread[-1].id if thread else None)
        for doc, tokens in docs:   # kept with the question they came with (its bubble names them)
            attach(st, self.conversation_id, doc, tokens, message_id=uid)
        if not st.get_conversation(self.conversation_id).title:
            st.auto_title(self.conversation_id)  # the first line; a model's title comes later
        return self._turn(uid, json_mode=json_mode, json_schema=json_schema)

    def regenerate(self, message_id: int, **kw) -> PreparedTurn:
        """A new version of an answer (the earlier ones are kept)."""
        return self._turn(self.store.get_message(message_id).parent_id, **kw)

    def edit(self, message_id: int, text: str, **kw) -> PreparedTurn:
        """An edited question: a new branch, answered."""
        return self._turn(self.store.edit_message(message_id, text.strip()), **kw)

    def continue_(self, message_id: int, **kw) -> PreparedTurn:
        """Continue an answer cut by the length limit, as a new version holding the old text
        and what follows (the cut one is kept too)."""
        prior = self.store.get_message(message_id)
        so_far = open_end(prior.content)
        msgs = self.history(upto=message_id)
        if msgs and msgs[-1]["role"] == "assistant":
            msgs[-1] = {"role": "assistant", "content": so_far}
        else:
            msgs.append({"role": "assistant", "content": so_far})
        # the cut answer goes last: the engine opens its turn and the model goes on from its
        # last word (engine.core.continues_final), instead of answering a request to continue
        return self._turn(prior.parent_id, messages=msgs, prefix=so_far, **kw)

    def _turn(self, parent_id: int, *, messages: list[dict] | None = None, prefix: str = "",
              json_mode: bool | None = None, json_schema: dict | None = None) -> PreparedTurn:
        if self.conversation_id is None:
            raise EmberError(tr("No conversation is open."))
        eff = self.effective()
        if messages is None:
            messages = self.history(upto=parent_id, with_steps=self.tools_enabled)
        rid = self.store.begin_reply(self.conversation_id, parent_id, model=self.model_name)
        json_mode = bool(eff.get("json_mode")) if json_mode is None else json_mode
        if json_schema is None and json_mode:   # the chat's own schema, when it keeps one
            json_schema = self.schema()
        return PreparedTurn(self.conversation_id, rid, messages, self.sampling(),
                            json_mode=json_mode, json_schema=json_schema, docs=self.documents(),
                            prefix=prefix,
                            kv_key=self.store.get_conversation(self.conversation_id).uid)

    # ------------------------------------------------------------------ persistence
    def save_partial(self, turn: PreparedTurn, text: str) -> None:
        """The text so far of a streaming answer (a no-op once it was finished). Never holds up
        the stream: a database locked by another program is waited for at most
        SAVE_PARTIAL_WAIT_S, and a write that fails (locked, disk full) is simply tried again
        at the next flush; the final write (finish / stop / fail) says what went wrong."""
        waiting = getattr(self.store, "waiting_at_most", None)
        try:
            if waiting is None:
                self.store.update_reply(turn.reply_id, turn.prefix + text)
            else:
                with waiting(SAVE_PARTIAL_WAIT_S):
                    self.store.update_reply(turn.reply_id, turn.prefix + text)
        except EmberError:
            pass  # locked or full now; or finished / stopped meanwhile (the window closed)

    def finish(self, turn: PreparedTurn, text: str, metrics) -> None:
        self.store.finish_reply(turn.reply_id, turn.prefix + text, metrics)

    def stop(self, turn: PreparedTurn, text: str) -> None:
        self.store.finish_reply(turn.reply_id, turn.prefix + text, {"finish_reason": "cancelled"})

    def fail(self, turn: PreparedTurn, text: str) -> None:
        """An answer cut by an error or a dead engine: kept, marked interrupted."""
        self.store.finish_reply(turn.reply_id, turn.prefix + text, None, status="interrupted")

    def forget(self, turn: PreparedTurn) -> None:
        """Nothing was answered (refused, or stopped before the first token): the empty reply
        goes, the question it answered too (when nothing else answers it), and the
        conversation when nothing is left in it."""
        st = self.store
        reply = st.get_message(turn.reply_id)
        if reply.content:
            return
        parent = reply.parent_id
        st.delete_message(turn.reply_id)
        if parent is not None:
            q = st.get_message(parent)
            answered = any(m.parent_id == parent for m in st.all_messages(turn.conversation_id))
            if q.role == "user" and not answered:
                st.delete_message(parent)
        if not st.all_messages(turn.conversation_id):
            st.delete_conversation(turn.conversation_id)
            if self.conversation_id == turn.conversation_id:
                self.conversation_id = None


def history_with_steps(store, message) -> list[dict]:
    """An answer with its tool steps as the model sent and read them: for each round, the
    assistant's text with its calls and the tool results; then the final text."""
    steps = [s for s in store.steps(message.id) if s.origin == "model"]
    if not steps:
        return [{"role": "assistant", "content": message.content}]
    out: list[dict] = []
    rounds: dict[int, list] = {}
    for s in steps:
        rounds.setdefault(s.round, []).append(s)
    for rnd in sorted(rounds):
        group = rounds[rnd]
        out.append({"role": "assistant", "content": group[0].text_before,
                    "tool_calls": [{"id": s.call_id, "type": "function",
                                    "function": {"name": s.name, "arguments": s.arguments}}
                                   for s in group]})
        for s in group:
            out.append({"role": "tool", "tool_call_id": s.call_id, "name": s.name,
                        "content": s.result or f"(no result: {s.status})"})
    if message.content:
        out.append({"role": "assistant", "content": message.content})
    return out


def attach(store, conversation_id: int, doc, tokens: int | None, *,
           message_id: int | None = None) -> None:
    """Keep a document with a conversation (its text and where its pages start), and with the
    question it came with (`message_id`)."""
    store.add_attachment(conversation_id, doc.name, message_id=message_id,
                         path=str(doc.path) if doc.path else None,
                         size=doc.size_bytes or None, tokens=tokens, text=doc.text,
                         meta={"kind": doc.kind, "pages": doc.pages,
                               "page_starts": doc.page_starts, "language": doc.language})


def documents_of(store, conversation_id: int) -> list:
    """A conversation's attached documents, as Documents again."""
    from . import documents
    out = []
    for a in store.attachments(conversation_id):
        doc = documents.from_text(a.name, a.text or "")
        meta = a.meta or {}
        if meta.get("kind"):
            doc.kind = meta["kind"]
            doc.pages = meta.get("pages")
            doc.page_starts = list(meta.get("page_starts") or [])
            doc.language = meta.get("language")
        out.append(doc)
    return out


def prepare_messages(engine, turn: PreparedTurn) -> list[dict]:
    """The messages to send: with documents, after the budget decision (raises NeedsReload or,
    when nothing can be sent, EmberError with the sentence). Stores the decision in turn.budget."""
    if not turn.docs:
        return turn.messages
    from . import documents
    msgs = list(turn.messages)
    system = msgs.pop(0)["content"] if msgs and msgs[0]["role"] == "system" else None
    question = msgs.pop()["content"] if msgs and msgs[-1]["role"] == "user" else ""
    b = documents.budget(engine, turn.docs, msgs, question,
                         reserve_for_answer=min(turn.sampling.max_tokens
                                                if turn.sampling.max_tokens > 0 else 4096, 4096),
                         system=system, allow_reload=turn.allow_reload)
    turn.budget = b
    if b.decision == "reload":
        raise NeedsReload(b)
    if b.decision == "too_long":
        raise EmberError(b.sentence)
    return b.messages(msgs, question, system)


def run_turn(engine, session: ChatSession | None, turn: PreparedTurn, *,
             on_pieces: Callable[[str], None] | None = None,
             on_prefill: Callable[[int, int], None] | None = None,
             messages: list[dict] | None = None, emit_interval: float = 0.03,
             flush_interval: float = FLUSH_INTERVAL_S):
    """Stream `turn` from `engine`: pieces are batched to on_pieces (at most every
    emit_interval), the text so far is saved through the session about every flush_interval.
    Returns the engine's turn (text and metrics). The final write (finish / stop / fail) is the
    caller's: it knows whether the answer was stopped, and on which thread to write."""
    send = messages if messages is not None else prepare_messages(engine, turn)
    kw = {"conversation": turn.conv_key} if engine.capabilities.conversations else {}
    t = engine.chat(send, turn.sampling, json_mode=turn.json_mode, json_schema=turn.json_schema,
                    on_prefill=on_prefill, **kw)
    buf: list[str] = []
    text: list[str] = []
    last = last_flush = time.monotonic()
    try:
        for piece in t:
            buf.append(piece)
            now = time.monotonic()
            if now - last >= emit_interval:
                chunk = "".join(buf)
                buf.clear()
                text.append(chunk)
                last = now
                if on_pieces is not None:
                    on_pieces(chunk)
                if session is not None and now - last_flush >= flush_interval:
                    last_flush = now
                    session.save_partial(turn, "".join(text))
    finally:  # also when the engine dies mid-answer: what arrived is part of the answer
        if buf and on_pieces is not None:
            on_pieces("".join(buf))
    b, metrics = turn.budget, getattr(t, "metrics", None)
    if b is not None and b.decision == "retrieve" and metrics is not None:
        metrics.sources = list(b.used)   # the answer's "from:" line, kept with it
    return t
