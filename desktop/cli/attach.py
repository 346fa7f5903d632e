"""`ember chat --attach FILE...`: documents in the terminal chat, over the core's ChatSession.

    docs = prepare_attachments(paths, engine)   # after the model is loaded: a line per file
    turn = session.ask(line, docs.to_attach(session))   # the files go with the conversation
    send = docs.messages(engine, turn)          # the budget decision, said; may ask y/n
    run_turn(engine, session, turn, messages=send, on_prefill=docs.progress)

When the documents fit this model only with a larger context it asks (y/n) and reloads the
engine; declined, or when they cannot fit, the parts that best match the question are sent and
named. EmberError (one sentence) when nothing can be sent (the conversation alone fills the
context): the question is dropped and the chat goes on.
"""
from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path
from typing import Callable, Sequence, TextIO

from ..core import documents as D
from ..core.errors import EmberError


def _say(out: TextIO, text: str) -> None:
    print(text, file=out, flush=True)


# ------------------------------------------------------------------------------- files
def load_attachments(paths: Sequence[str | Path], *, out: TextIO | None = None,
                     engine=None) -> list[D.Document]:
    """Read each file; print a line per file ('+ report.pdf · 300 pages · 91,234 tokens', or
    '! name: why'). A file that cannot be read is reported and skipped; the others stay."""
    out = out or sys.stderr
    docs: list[D.Document] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        key = str(p.resolve()) if p.exists() else str(p)
        if key in seen:
            continue
        seen.add(key)
        try:
            doc = D.load_document(p)
        except EmberError as e:
            _say(out, f"  ! {e}")
            continue
        if engine is not None and engine.loaded:
            D.count_tokens(engine, doc)
        _say(out, f"  + {doc.describe()}")
        for note in doc.notes:
            _say(out, f"    ({note})")
        docs.append(doc)
    return docs


def ask_yes_no(question: str, *, default: bool = False, out: TextIO | None = None,
               input_fn: Callable[[str], str] | None = None) -> bool:
    """Ask on the terminal; without one (piped input) the default is taken and said."""
    out = out or sys.stderr
    if input_fn is None:
        if not sys.stdin.isatty():
            _say(out, f"{question} {'yes' if default else 'no'} (no terminal to ask)")
            return default
        input_fn = input
    hint = "[Y/n]" if default else "[y/N]"
    try:
        ans = input_fn(f"{question} {hint} ").strip().lower()
    except (EOFError, KeyboardInterrupt):
        _say(out, "")
        return False
    if not ans:
        return default
    return ans in ("y", "yes", "o", "oui", "j", "ja", "s", "si", "sí")


class PrefillProgress:
    """An on_prefill(done, total) callback that draws 'Reading the prompt: 12,288 / 20,480 tokens
    (60%)' on one terminal line, only for prompts long enough to wait for; call .done() after."""

    def __init__(self, out: TextIO | None = None, *, min_tokens: int = 2048):
        self.out = out or sys.stderr
        self.min_tokens = min_tokens
        self.shown = False
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if total < self.min_tokens:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        pct = 100 * done // max(1, total)
        self.out.write(f"\rReading the prompt: {done:,} / {total:,} tokens ({pct}%)  ")
        self.out.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.out.write("\r" + " " * 64 + "\r")
            self.out.flush()
            self.shown = False


# ----------------------------------------------------------------------------- session
class TerminalDocuments:
    """What the terminal adds to a ChatSession for documents: it says things and asks.

    The documents belong to the conversation (ChatSession.ask attaches them to each new one, so
    `ember history` and the window see them); the budget decision is the session's
    (`prepare_messages`, the window's path too). This class prints the budget sentence when the
    decision changes, asks y/n when the documents need a larger context and reloads the engine
    through its planner, and keys the engine's KV snapshot by the documents' content so that a
    later `ember chat --attach` of the same files skips re-reading them."""

    def __init__(self, docs: Sequence[tuple[D.Document, int | None]] = (), *,
                 threads: int | None = None, out: TextIO | None = None,
                 ask: Callable[..., bool] = ask_yes_no):
        self.items = list(docs)
        self.threads = threads       # kept on a reload (--threads)
        self.out = out or sys.stderr
        self.ask = ask
        self.declined_reload = False
        self.last: D.Budget | None = None
        self.progress = PrefillProgress(self.out)
        self.kv_key: str | None = None
        if self.items:
            h = hashlib.sha256()
            for d, _ in self.items:
                h.update(d.name.encode("utf-8", "replace") + b"\0" +
                         d.text.encode("utf-8", "replace") + b"\0")
            self.kv_key = "cli:" + h.hexdigest()[:24]

    @property
    def docs(self) -> list[D.Document]:
        return [d for d, _ in self.items]

    def to_attach(self, session) -> list[tuple[D.Document, int | None]]:
        """The documents the next question attaches: those the conversation lacks (all of
        them for a new conversation, after /new, or for a resumed one without them)."""
        if not self.items:
            return []
        have = {(d.name, d.text) for d in session.documents()}
        return [(d, n) for d, n in self.items if (d.name, d.text) not in have]

    def messages(self, engine, turn) -> list[dict]:
        """The messages to send for `turn` (after the budget decision). Prints the budget
        sentence; may ask to reload the model with a larger context (and reload it). Raises
        EmberError (the sentence) when nothing can be sent."""
        from ..core.session import NeedsReload, prepare_messages
        self.progress.done()
        if self.kv_key and turn.docs:
            turn.kv_key = self.kv_key
        while True:
            turn.allow_reload = not self.declined_reload
            try:
                send = prepare_messages(engine, turn)
                break
            except NeedsReload as e:
                _say(self.out, e.budget.sentence)
                if not (self.ask("Reload the model with the larger context now?", out=self.out)
                        and self._reload(engine, e.budget.plan)):
                    self.declined_reload = True  # retrieval from now on, without asking again
        b = turn.budget
        if b is not None and (self.last is None or b.decision != self.last.decision
                              or b.decision == D.RETRIEVE):
            _say(self.out, b.sentence)
        self.last = b if b is not None else self.last
        return send

    def _reload(self, engine, p) -> bool:
        """Reload through the engine's planner with the plan's context; on failure, load the
        model as it was again. Returns whether the larger context is in place."""
        info = engine.info
        threads = self.threads
        _say(self.out, f"Reloading {info.name}: {p.sentence}")
        try:
            engine.load_planned(info.path, ctx=p.n_ctx, kv_type=p.kv_type,
                                flash_attn=p.flash_attn, threads=threads,
                                gpu_layers=None if p.all_layers else p.n_gpu_layers,
                                on_notice=lambda msg: _say(self.out, f"Note: {msg}"))
        except EmberError as e:
            _say(self.out, f"The reload failed: {e}")
            try:
                engine.load_planned(info.path, ctx=info.n_ctx, kv_type=info.kv_type,
                                    threads=threads)
            except EmberError as e2:
                raise EmberError("The model could not be loaded again after a failed reload: "
                                 f"{e2}") from e2
            return False
        _say(self.out, f"Loaded with {engine.info.n_ctx:,} tokens of context.")
        return True

    def after_answer(self) -> None:
        self.progress.done()


def prepare_attachments(paths: Sequence[str | Path], engine, *, threads: int | None = None,
                        max_tokens: int | None = None, out: TextIO | None = None,
                        ask: Callable[..., bool] = ask_yes_no,
                        system: str | None = None) -> TerminalDocuments:
    """For `ember chat`: read `paths` (maybe none), print a line per file with its token count
    (the engine must be loaded) and the budget sentence (the prompt before the question: the
    documents and the system prompt). Raises EmberError when files were given but none could be
    read. `threads` is kept on a reload; `max_tokens` is the room kept for the answer (at most
    4,096 tokens)."""
    paths = list(paths)
    out = out or sys.stderr
    if not paths:
        return TerminalDocuments(threads=threads, out=out, ask=ask)
    _say(out, f"Attaching {len(paths)} file{'s' if len(paths) != 1 else ''}:")
    docs = load_attachments(paths, out=out, engine=engine)
    if not docs:
        raise EmberError("None of the attached files could be read.")
    s = TerminalDocuments([(d, d.tokens) for d in docs], threads=threads, out=out, ask=ask)
    mt = max_tokens
    reserve = min(mt, 4096) if isinstance(mt, int) and mt > 0 else 4096
    _say(out, D.budget(engine, docs, [], "", reserve_for_answer=reserve, system=system).sentence)
    return s
