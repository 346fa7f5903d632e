"""`ember chat`: streaming multi-turn chat in a terminal. Ctrl+C stops the answer, not Ember.

The model runs in an engine process of its own (`ember serve`, started for this chat and
ended with it); this process is its client, like the window (desktop/core/client.py).

Each conversation is saved (desktop/core/store.py) unless --no-save: the question when it is
asked, the answer while it streams (so a crash keeps all but the last moment of it)."""
from __future__ import annotations

import json
import signal
import sys
import threading
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from ..core.client import EngineProcess, RemoteEngine
from ..core.errors import EmberError
from ..core.turns import SamplingSettings
from ..core.models import resolve
from ..core.store import ReplyStream, Store, StoreError, engine_titler, first_line_title

HELP = """Commands: /new (start a new conversation)  /system TEXT  /json on|off  /history  /exit
End a line with \\ to continue on the next line. Ctrl+C stops an answer; Ctrl+D quits."""


def add_save_arguments(chat_parser) -> None:
    """`ember chat` options for the conversation store (register() below calls this)."""
    chat_parser.add_argument("--no-save", action="store_true",
                             help="do not save this chat in the history")
    chat_parser.add_argument("--resume", type=int, metavar="ID",
                             help="continue a saved conversation (see `ember history`)")


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@contextmanager
def _ctrl_c_cancels(engine: RemoteEngine):
    """While an answer streams, Ctrl+C cancels it instead of raising KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda *_: engine.cancel())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _load_schema(value: str | None):
    if not value:
        return None
    p = Path(value).expanduser()
    text = p.read_text(encoding="utf-8") if p.exists() else value
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise EmberError(f"--schema is neither a JSON file nor valid JSON: {e}") from e


def answer(engine: RemoteEngine, messages: list[dict], sampling: SamplingSettings, *, json_mode: bool,
           schema, out=None,
           begin_reply: Callable[[], ReplyStream | None] | None = None,
           attachments=None) -> tuple[str, object]:
    """Stream the answer to `out`. `begin_reply` (called once the prompt is known to fit)
    gives a ReplyStream that saves the answer as it streams. `attachments` (an
    attach.AttachSession) puts the documents first, within the context budget."""
    out = out or sys.stdout
    send = attachments.messages(engine, messages) if attachments is not None else messages
    extra = {}
    if attachments is not None and hasattr(engine, "process"):
        extra["conversation"] = attachments.conv_id  # the engine keeps its KV snapshot
    with _ctrl_c_cancels(engine):  # Ctrl+C also stops a long document being read
        turn = engine.chat(send, sampling, json_mode=json_mode, json_schema=schema,
                           on_prefill=attachments.progress if attachments is not None else None,
                           **extra)
    saved = begin_reply() if begin_reply is not None else None
    try:
        with _ctrl_c_cancels(engine):
            for piece in turn:
                out.write(piece)
                out.flush()
                if saved is not None:
                    saved.append(piece)
    except BaseException:
        if saved is not None:
            saved.interrupt()  # keeps what was said, marked interrupted
        raise
    m = turn.metrics
    if saved is not None:
        saved.finish(m, text=turn.text)
    if attachments is not None and m.finish_reason != "cancelled":
        attachments.after_answer(engine)
    if not turn.text.endswith("\n"):
        out.write("\n")
        out.flush()
    note = {"length": " · stopped at the length limit", "cancelled": " · stopped"}.get(m.finish_reason, "")
    if json_mode and m.finish_reason != "stop":
        note += " · the JSON is incomplete"
    ttft = f"{m.ttft_s * 1000:.0f} ms" if m.ttft_s is not None else "n/a"
    tps = f"{m.decode_tps:.1f} tokens/s" if m.decode_tps is not None else "n/a tokens/s"
    _err(f"[TTFT {ttft} · {tps} · {m.completion_tokens} tokens · prompt {m.prompt_tokens} "
         f"({m.processed_tokens} processed){note}]")
    return turn.text, m


def _check_args(args) -> None:
    if args.max_tokens == 0 or args.max_tokens < -1:
        raise EmberError("--max-tokens must be a positive number, or -1 for no limit.")
    if args.ctx is not None and args.ctx < 0:
        raise EmberError("--ctx must be 0 (the model's own context) or a number of tokens.")
    if args.threads is not None and args.threads < 1:
        raise EmberError("--threads must be at least 1.")
    if args.temperature < 0:
        raise EmberError("--temperature must be 0 (greedy) or more.")
    if not 0 <= args.top_p <= 1 or not 0 <= args.min_p <= 1:
        raise EmberError("--top-p and --min-p must be between 0 and 1.")
    if args.kv_type not in (None, "f16") and args.flash_attn == "off":
        raise EmberError(f"A {args.kv_type} KV cache needs flash attention: drop --flash-attn off.")


# a terminal chat needs less context than a document session: cap the planner's default here
CHAT_DEFAULT_CTX = 8192


def _load_planned(engine: RemoteEngine, path, args):
    """Load through the engine's offload planner; the user's explicit options win."""
    from ..core import gguf_meta
    gguf_meta.inspect(path)  # a missing / damaged / truncated file is said before any start
    return engine.load_planned(path, ctx=args.ctx, gpu_layers=args.gpu_layers,
                               kv_type=args.kv_type, flash_attn=args.flash_attn,
                               threads=args.threads, on_notice=lambda msg: _err(f"Note: {msg}"))


class _Saver:
    """Saves the terminal conversation: a conversation is created at its first question, each
    question when asked, each answer while it streams. A store error (disk full, locked) is
    said once and saving stops; the chat goes on."""

    def __init__(self, store: Store, model: str, settings: dict, system: str | None):
        self.store = store
        self.model = model
        self.settings = settings
        self.system = system
        self.conv: int | None = None
        self.last: int | None = None     # the newest message of the thread
        self.titled = False
        self.failed = False

    def _guard(self, fn, *a, **kw):
        if self.failed:
            return None
        try:
            return fn(*a, **kw)
        except StoreError as e:
            self.failed = True
            _err(f"ember: {e} This chat is no longer being saved.")
            return None

    def resume(self, conversation_id: int) -> list[dict]:
        conv = self.store.get_conversation(conversation_id)
        thread = self.store.path(conversation_id)
        self.conv, self.last, self.titled = conv.id, thread[-1].id if thread else None, True
        self.system = conv.system_prompt
        return self.store.chat_messages(conversation_id)

    def question(self, text: str) -> None:
        def add():
            if self.conv is None:
                self.conv = self.store.create_conversation(
                    first_line_title(text), title_source="line", model=self.model,
                    system_prompt=self.system, settings=self.settings)
                self.last, self.titled = None, False
            self.last = self.store.add_message(self.conv, "user", text, parent_id=self.last)
        self._guard(add)

    def begin_reply(self) -> "_SavedReply | None":
        if self.failed or self.conv is None:
            return None
        mid = self._guard(self.store.begin_reply, self.conv, self.last, model=self.model)
        if mid is None:
            return None
        self.last = mid
        return _SavedReply(self, ReplyStream(self.store, mid))

    def forget_turn(self, question_text: str) -> None:
        """The question got no answer (cancelled at once, or refused): drop it, as the chat
        does, and the conversation too if nothing else is in it."""
        def drop():
            if self.conv is None:
                return
            thread = self.store.path(self.conv)
            while thread and (thread[-1].role == "assistant" and not thread[-1].content):
                thread.pop()
            if thread and thread[-1].role == "user" and thread[-1].content == question_text:
                self.store.delete_message(thread[-1].id)
                thread.pop()
            if not thread and len(self.store.all_messages(self.conv)) == 0:
                self.store.delete_conversation(self.conv)
                self.conv = None
            self.last = thread[-1].id if thread else None
        self._guard(drop)

    def set_system(self, system: str | None) -> None:
        self.system = system
        if self.conv is not None:
            self._guard(self.store.update_conversation, self.conv, system_prompt=system)

    def new(self) -> None:
        self.conv, self.last, self.titled = None, None, False

    def title_from_model(self, engine: RemoteEngine, messages: list[dict]) -> None:
        """After the first answer: a title written by the model (chat models only; the first
        line of the question stays otherwise). The request follows the conversation, so the
        KV cache keeps it for the next turn."""
        if self.titled or self.conv is None or self.failed:
            return
        self.titled = True
        if engine.info is None or engine.info.chat_format != "template":
            return
        with _ctrl_c_cancels(engine):
            self._guard(self.store.auto_title, self.conv, engine_titler(engine, messages))


class _SavedReply:
    """A ReplyStream whose store errors stop saving instead of stopping the chat."""

    def __init__(self, saver: _Saver, stream: ReplyStream):
        self.saver, self.stream = saver, stream

    def append(self, piece: str) -> None:
        self.saver._guard(self.stream.append, piece)

    def interrupt(self) -> None:
        self.saver._guard(self.stream.interrupt)

    def finish(self, metrics, text: str | None = None) -> None:
        self.saver._guard(self.stream.finish, metrics, text)


def _no_save(args) -> bool:
    return bool(getattr(args, "no_save", False))


def _open_store(args) -> Store | None:
    if getattr(args, "no_save", False) and getattr(args, "resume", None) is None:
        return None
    try:
        store = Store()
    except StoreError as e:
        raise StoreError(f"{e} (`ember chat --no-save` chats without saving.)") from e
    for notice in store.notices:
        _err(f"Note: {notice}")
    return store


def run_chat(args) -> int:
    store = None
    try:
        store = _open_store(args)  # before the load: a locked or damaged history is said first
        return _run_chat(args, store)
    finally:
        if store is not None:
            store.close()


def _run_chat(args, store: Store | None) -> int:
    _check_args(args)
    ref = resolve(args.model)
    sampling = SamplingSettings(temperature=args.temperature, top_k=args.top_k, top_p=args.top_p,
                                min_p=args.min_p, repeat_penalty=args.repeat_penalty,
                                max_tokens=args.max_tokens, seed=args.seed)
    schema = _load_schema(args.schema)
    json_mode = bool(args.json or schema)
    interactive = args.prompt is None
    prompt = None
    if not interactive:  # read and check the prompt before spending time on a load
        prompt = sys.stdin.read() if args.prompt == "-" else args.prompt
        if not prompt.strip():
            raise EmberError("The prompt is empty.")
    resume = getattr(args, "resume", None)
    if resume is not None:
        if not interactive:
            raise EmberError("--resume continues a conversation in the interactive chat: drop "
                             "--prompt.")
        store.get_conversation(resume)  # an unknown id is said before the load
    from ..core import hardware
    hardware.use_engine_build()  # llama.cpp lives in the engine process, not here
    if interactive or ref.embedded:
        _err(f"Loading {ref.label}" if ref.embedded else f"Loading {ref.path} ...")
    from ..core import gguf_meta
    gguf_meta.inspect(ref.path)  # a bad file is said before an engine starts
    proc = EngineProcess.start(private=True, threads=args.threads)
    engine = RemoteEngine(proc)
    try:
        hardware.use_engine_build(engine.hardware_build())
        return _chat_with(args, store, engine, ref, sampling, schema, json_mode, interactive,
                          prompt, resume)
    finally:
        engine.close()
        proc.stop()


def _chat_with(args, store, engine, ref, sampling, schema, json_mode, interactive, prompt,
               resume) -> int:
    info, the_plan = _load_planned(engine, ref.path, args)
    if info.notice:
        _err(f"Note: {info.notice}")
    if interactive:
        where = (f"{info.n_layers_offloaded}/{info.n_layers} layers on the GPU"
                 if info.n_layers_offloaded else "on the CPU")
        saving = ("conversations are saved (`ember history`)" if not _no_save(args)
                  else "this chat is not saved")
        _err(f"{the_plan.sentence}\n{info.name}: {info.n_ctx} tokens of context, {where}, "
             f"{info.threads[0]} threads. Type /help for commands; {saving}.")

    attachments = None
    if getattr(args, "attach", None):
        from .attach import prepare_attachments
        attachments = prepare_attachments(args, engine)

    system = args.system
    messages: list[dict] = [{"role": "system", "content": system}] if system else []
    saver = None
    if store is not None and not _no_save(args):
        settings = {**asdict(sampling), "json_mode": json_mode}
        if schema is not None:
            settings["schema"] = schema
        saver = _Saver(store, info.name, settings, system)
    if resume is not None:
        if saver is not None:
            messages = saver.resume(resume)
            if args.system is not None:
                saver.set_system(args.system)
        else:
            messages = store.chat_messages(resume)
        if args.system is not None:
            messages = [m for m in messages if m["role"] != "system"]
            messages.insert(0, {"role": "system", "content": args.system})
        system = next((m["content"] for m in messages if m["role"] == "system"), None)
        conv = store.get_conversation(resume)
        _err(f"(continuing conversation {conv.id}: {conv.title or 'untitled'}, "
             f"{sum(1 for m in messages if m['role'] != 'system')} messages)")

    if not interactive:
        messages.append({"role": "user", "content": prompt})
        if saver is not None:
            saver.question(prompt)
        reply, m = answer(engine, messages, sampling, json_mode=json_mode, schema=schema,
                          begin_reply=saver.begin_reply if saver else None,
                          attachments=attachments)
        if saver is not None and m.finish_reason == "cancelled" and not reply:
            saver.forget_turn(prompt)
        return 130 if m.finish_reason == "cancelled" else 0

    armed_exit = False
    while True:
        try:
            line = input(">>> ")
            while line.endswith("\\"):
                line = line[:-1] + "\n" + input("... ")
        except EOFError:
            print()
            break
        except KeyboardInterrupt:
            if armed_exit:
                print()
                break
            armed_exit = True
            print("\n(Ctrl+C again or Ctrl+D to quit)")
            continue
        armed_exit = False
        text = line.strip()
        if not text:
            continue
        if text.startswith("/"):
            cmd, _, rest = text.partition(" ")
            if cmd in ("/exit", "/quit"):
                break
            if cmd == "/help":
                print(HELP)
            elif cmd == "/new":
                messages = [{"role": "system", "content": system}] if system else []
                if saver is not None:
                    saver.new()
                print("(new conversation)")
            elif cmd == "/system":
                system = rest.strip() or None
                messages = [m for m in messages if m["role"] != "system"]
                if system:
                    messages.insert(0, {"role": "system", "content": system})
                if saver is not None:
                    saver.set_system(system)
                print("(system prompt set)" if system else "(system prompt cleared)")
            elif cmd == "/history":
                if store is None:
                    print("(history is off: --no-save)")
                else:
                    from .history import _list
                    _list(store, 10)
            elif cmd == "/json":
                json_mode = rest.strip().lower() in ("on", "1", "true", "yes")
                print(f"(JSON mode {'on' if json_mode else 'off'})")
            else:
                print(f"Unknown command {cmd}. {HELP}")
            continue
        messages.append({"role": "user", "content": line})
        if saver is not None:
            saver.question(line)
        try:
            reply, m = answer(engine, messages, sampling, json_mode=json_mode, schema=schema,
                              begin_reply=saver.begin_reply if saver else None,
                          attachments=attachments)
        except EmberError as e:
            messages.pop()
            if saver is not None:
                saver.forget_turn(line)
            _err(f"ember: {e}")
            continue
        if m.finish_reason == "cancelled" and not reply:
            messages.pop()  # nothing was said: forget the question too
            if saver is not None:
                saver.forget_turn(line)
            continue
        messages.append({"role": "assistant", "content": reply})
        if saver is not None and m.finish_reason != "cancelled":
            saver.title_from_model(engine, messages)
    return 0


def register(sub) -> None:
    """`ember chat`."""
    c = sub.add_parser("chat", help="chat in the terminal (the default)")
    c.add_argument("--model", "-m", help="a .gguf path, an installed model's name, or 'embedded'")
    c.add_argument("--system", "-s", help="system prompt")
    c.add_argument("--prompt", "-p", help="one-shot: answer this prompt and exit ('-' reads stdin)")
    c.add_argument("--json", action="store_true", help="answer in valid JSON (grammar-constrained)")
    c.add_argument("--schema", help="JSON schema (a file or inline JSON) the answer must follow; "
                                    "implies --json")
    from ..core.settings import DEFAULTS as D  # one place for the defaults
    c.add_argument("--max-tokens", type=int, default=D["max_tokens"],
                   help="answer length limit (-1: no limit)")
    c.add_argument("--temperature", type=float, default=D["temperature"])
    c.add_argument("--top-k", type=int, default=D["top_k"])
    c.add_argument("--top-p", type=float, default=D["top_p"])
    c.add_argument("--min-p", type=float, default=D["min_p"])
    c.add_argument("--repeat-penalty", type=float, default=D["repeat_penalty"])
    c.add_argument("--seed", type=int, default=None)
    c.add_argument("--ctx", type=int, default=None,
                   help="context size in tokens (default: the planner's choice; 0: the model's)")
    c.add_argument("--gpu-layers", type=int, default=None,
                   help="layers to offload (default: the planner's choice; -1: all)")
    c.add_argument("--threads", type=int, default=None, help="threads (default: physical cores)")
    c.add_argument("--flash-attn", choices=["auto", "on", "off"], default=None,
                   help="default: the planner's choice")
    c.add_argument("--kv-type", choices=["f16", "q8_0", "q4_0"], default=None,
                   help="KV cache type (default: the planner's choice)")
    c.add_argument("--attach", nargs="+", metavar="FILE",
                   help="documents to ask about: text, Markdown, code, PDF, DOCX, HTML")
    add_save_arguments(c)
    c.set_defaults(func=run_chat)
