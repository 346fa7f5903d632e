"""`ember chat --attach FILE...`: documents in the terminal chat.

The terminal chat keeps its own `messages` list (system?, user, assistant, ..., the new user
question) exactly as without attachments; this module turns it into the messages to send:

    session = prepare_attachments(args, engine)        # after the model is loaded; None if no
                                                       # --attach; prints one line per file
    ...
    messages.append({"role": "user", "content": line})
    send = session.messages(engine, messages) if session else messages
    reply, m = answer(engine, send, ..., on_prefill=session.progress if session else None)
    if session:
        session.after_answer(engine)                   # KV snapshot for the next run

`session.messages` prints the budget sentence before sending; when the documents fit this model
only with a larger context it asks (y/n) and reloads; when they cannot fit it sends the parts
that best match the question and says which. It raises EmberError (one sentence) when nothing
can be sent (the conversation alone fills the context): drop the question and go on.
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
        if engine is not None and getattr(engine, "loaded", False):
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
class AttachSession:
    """The attached documents of one terminal chat."""

    def __init__(self, docs: list[D.Document], *, args=None, out: TextIO | None = None,
                 ask: Callable[..., bool] = ask_yes_no, hardware=None,
                 reserve: int | None = None, kv_cache=None):
        self.docs = docs
        self.args = args
        self.out = out or sys.stderr
        self.ask = ask
        self.hardware = hardware
        mt = getattr(args, "max_tokens", None)
        self.reserve = reserve if reserve is not None else \
            (mt if isinstance(mt, int) and 0 < mt <= 8192 else D.RESERVE_FOR_ANSWER)
        self.kv_cache = kv_cache        # a KVCache, or None: one in the data folder, False: none
        self.last: D.Budget | None = None
        self.declined_reload = False
        self.progress = PrefillProgress(self.out)
        h = hashlib.sha256()
        for d in docs:
            h.update(d.name.encode("utf-8", "replace") + b"\0" +
                     d.text.encode("utf-8", "replace") + b"\0")
        self.conv_id = "cli:" + h.hexdigest()[:24]
        self._restored = False

    def _cache(self):
        if self.kv_cache is False:
            return None
        if self.kv_cache is None:
            from ..core.kvcache import KVCache
            self.kv_cache = KVCache()
        return self.kv_cache

    def messages(self, engine, messages: Sequence[dict]) -> list[dict]:
        """The messages to send for `messages` (the chat so far, ending with the user's new
        question). Prints the budget sentence; may ask to reload the model (and reload it)."""
        self.progress.done()
        if not messages or messages[-1].get("role") != "user":
            raise EmberError("There is no question to send.")
        history, question = list(messages[:-1]), messages[-1].get("content") or ""
        if not self.docs:
            return list(messages)
        self._restore(engine)
        b = self._budget(engine, history, question)
        if b.decision == D.RELOAD:
            if self.declined_reload:
                b = b.without_reload()
            else:
                _say(self.out, b.sentence)
                if self.ask("Reload the model with the larger context now?", out=self.out):
                    if self._reload(engine, b):
                        b = self._budget(engine, history, question)
                    else:
                        b = b.without_reload()
                else:
                    self.declined_reload = True
                    b = b.without_reload()
        if b.decision == D.TOO_LONG:
            self.last = b
            raise EmberError(b.sentence)
        if self.last is None or b.decision != self.last.decision or b.decision == D.RETRIEVE:
            _say(self.out, b.sentence)
        self.last = b
        return b.messages(history, question)

    def _budget(self, engine, history, question) -> D.Budget:
        return D.budget(engine, self.docs, history, question,
                        reserve_for_answer=self.reserve, hardware=self.hardware)

    def _reload(self, engine, b: D.Budget) -> bool:
        if _remote(engine):
            return self._reload_remote(engine, b)
        from ..core import plan as planner
        path = engine.info.path
        before = engine._settings
        p = b.plan
        threads = getattr(self.args, "threads", None)
        if threads:
            p.overrides = {"n_threads": threads}
        _say(self.out, f"Reloading {engine.info.name}: {p.sentence}")
        try:
            info, p = planner.load_with_fallback(
                engine, path, p, on_retry=lambda msg: _say(self.out, f"Note: {msg}"))
        except EmberError as e:
            _say(self.out, f"The reload failed: {e}")
            try:
                engine.load(path, before)
            except EmberError as e2:
                raise EmberError(f"The model could not be loaded again after a failed reload: {e2}") from e2
            return False
        try:
            planner.record_load(info, p)
        except OSError:
            pass
        self._restored = False
        _say(self.out, f"Loaded with {info.n_ctx:,} tokens of context.")
        return True

    def _reload_remote(self, engine, b: D.Budget) -> bool:
        """The same through an engine process: its planner loads the planned configuration."""
        p = b.plan
        info = engine.info
        threads = getattr(self.args, "threads", None)
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
                raise EmberError(f"The model could not be loaded again after a failed reload: {e2}") from e2
            return False
        self._restored = False
        _say(self.out, f"Loaded with {engine.info.n_ctx:,} tokens of context.")
        return True

    def _restore(self, engine) -> None:
        """Once per load: a snapshot of an earlier run with these documents, if the cache is
        empty (the first question of `ember chat --attach` then skips re-reading them). An
        engine process restores and saves it itself, by the conversation key (conv_id)."""
        if self._restored or _remote(engine):
            return
        self._restored = True
        cache = self._cache()
        if cache is None or engine.kv_tokens:
            return
        n = cache.restore(engine, self.conv_id)
        if n:
            _say(self.out, f"(restored {n:,} tokens of this document session from the cache)")

    def after_answer(self, engine) -> None:
        """Save the KV snapshot (only for long prompts: KVCache.min_tokens)."""
        self.progress.done()
        if _remote(engine):
            return
        cache = self._cache()
        if cache is None or not self.docs or not getattr(engine, "loaded", False):
            return
        try:
            cache.save(engine, self.conv_id)
        except EmberError as e:
            _say(self.out, f"Note: {e}")


def _remote(engine) -> bool:
    """An engine process's client (core/client.RemoteEngine), not an in-process Engine."""
    return hasattr(engine, "process")


def prepare_attachments(args, engine, *, out: TextIO | None = None,
                        ask: Callable[..., bool] = ask_yes_no, hardware=None,
                        kv_cache=None) -> AttachSession | None:
    """For `ember chat --attach FILE...`: read `args.attach` (a list of paths; None/empty ->
    returns None), print a line per file with its token count (the engine must be loaded), and
    return the AttachSession that builds each turn's messages. Raises EmberError when files were
    given but none could be read. Uses args.max_tokens (answer reserve) and args.threads (kept
    on a reload) when present. kv_cache: None = snapshots in the data folder, False = none."""
    paths = list(getattr(args, "attach", None) or [])
    if not paths:
        return None
    out = out or sys.stderr
    _say(out, f"Attaching {len(paths)} file{'s' if len(paths) != 1 else ''}:")
    docs = load_attachments(paths, out=out, engine=engine)
    if not docs:
        raise EmberError("None of the attached files could be read.")
    s = AttachSession(docs, args=args, out=out, ask=ask, hardware=hardware, kv_cache=kv_cache)
    b = D.budget(engine, docs, [], "", reserve_for_answer=s.reserve, hardware=hardware)
    _say(out, b.sentence)
    return s
