"""`ember chat`: streaming multi-turn chat in a terminal. Ctrl+C stops the answer, not Ember.

The model runs in an engine process of its own (`ember serve`, started for this chat and
ended with it); this process is its client, like the window (desktop/core/client.py).

Each conversation is saved (desktop/core/store) unless --no-save: the question when it is
asked, the answer while it streams (so a crash keeps all but the last moment of it)."""
from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from ..core.client import EngineClient, EngineProcess
from ..core.errors import EmberError
from ..core.models import resolve
from ..core.store import Store, StoreError, engine_titler
from .chat_options import ChatOptions
from .term import ModelTextWriter, neutralize

HELP = """Commands: /new (start a new conversation)  /system TEXT  /json on|off  /history
/run [N] (run the last answer's Nth Python block in the sandbox)  /exit
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
def _ctrl_c_cancels(engine: EngineClient):
    """While an answer streams, Ctrl+C cancels it instead of raising KeyboardInterrupt (and
    sets the event it yields: a running tool stops too)."""
    cancel = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield cancel
        return
    previous = signal.getsignal(signal.SIGINT)

    def stop(*_):
        cancel.set()
        engine.cancel()
    signal.signal(signal.SIGINT, stop)
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


def answer(engine: EngineClient, chat: "_TerminalChat", text: str, *, out=None,
           documents=None) -> tuple[str, object]:
    """Ask `text` in the chat's session and stream the answer to `out` (saved as it streams).
    `documents` (an attach.TerminalDocuments) attaches the files to the conversation, says the
    budget decision and asks before reloading with a larger context. Raises EmberError (the
    question is then forgotten) when nothing could be sent."""
    from ..core.session import run_turn
    from .attach import TerminalDocuments
    out = out or sys.stdout
    documents = documents if documents is not None else TerminalDocuments()
    turn = chat.guard(chat.session.ask, text, documents.to_attach(chat.session),
                      json_mode=chat.json_mode, json_schema=chat.schema)
    printed: list[str] = []
    writer = ModelTextWriter(out)  # a terminal shows control sequences, never obeys them

    def show(piece: str) -> None:
        printed.append(piece)
        writer.write(piece)

    try:
        send = documents.messages(engine, turn)  # may ask y/n: Ctrl+C there is a plain "no"
        with _ctrl_c_cancels(engine) as cancel:  # Ctrl+C also stops a long document being read
            if chat.toolbox:
                t = _tool_turn(engine, chat, turn, send, show, writer, cancel)
            else:
                t = run_turn(engine, chat.session, turn, messages=send, on_pieces=show,
                             on_prefill=documents.progress, emit_interval=0.0)
    except BaseException:
        writer.close()
        documents.after_answer()
        if printed:
            chat.guard(chat.session.fail, turn, "".join(printed))  # kept, marked interrupted
        else:
            chat.guard(chat.session.forget, turn)
        raise
    writer.close()
    documents.after_answer()
    m = t.metrics
    if m.finish_reason == "cancelled" and not t.text:
        chat.guard(chat.session.forget, turn)  # nothing was said: forget the question too
    elif m.finish_reason == "cancelled":
        chat.guard(chat.session.stop, turn, t.text)
    else:
        chat.guard(chat.session.finish, turn, t.text, m)
    if not t.text.endswith("\n"):
        out.write("\n")
        out.flush()
    note = {"length": " · stopped at the length limit", "cancelled": " · stopped"}.get(m.finish_reason, "")
    if chat.json_mode and m.finish_reason != "stop":
        note += " · the JSON is incomplete"
    threads = m.threads_note()   # fewer threads beside busy cores (engine/threads.py)
    if threads:
        note += " · " + threads[0]
    ttft = f"{m.ttft_s * 1000:.0f} ms" if m.ttft_s is not None else "n/a"
    tps = f"{m.decode_tps:.1f} tokens/s" if m.decode_tps is not None else "n/a tokens/s"
    prompt = (f"prompt {m.prompt_tokens} ({m.processed_tokens} processed)" if m.prompt_tokens
              else "prompt n/a")  # a remote engine that sends no usage
    _err(f"[TTFT {ttft} · {tps} · {m.completion_tokens} tokens · {prompt}{note}]")
    return t.text, m


def _tool_turn(engine, chat, turn, send, show, writer, cancel):
    """The answer with tools (core/agent/loop.py): the model's text streams, each tool call is
    said on stderr as it starts and ends, a write asks y/n on the terminal."""
    from ..core.agent.loop import run_tool_turn
    if not engine.capabilities.tools:
        raise EmberError("Tools run with Ember's own engine; this remote engine is used for "
                         "plain chats (drop --tools and --folder).")

    # what a tool call carries (the model's arguments, a file's first line, a diff) is shown
    # with its control characters made visible, never obeyed (term.neutralize)
    def on_step(ev) -> None:
        writer.close()
        if ev.result is None:
            args = ev.arguments if len(ev.arguments) <= 300 else ev.arguments[:300] + "..."
            _err(f"\n[tool] {ev.name} {neutralize(args)}")
        else:
            r = ev.result
            first = neutralize(r.text.strip().splitlines()[0]) if r.text.strip() else ""
            _err(f"[tool] {ev.name}: {r.status}, {r.seconds:.2f} s{' · ' + first if first else ''}")

    def confirm(kind: str, data: dict) -> bool:
        writer.close()
        # the diff is the model's text: on a terminal, an escape sequence in it could show
        # harmless code while something else is written, so it is shown, always, as ^[ ...
        _err(f"The model wants to write {neutralize(str(data.get('path')))}:\n"
             f"{neutralize(str(data.get('diff', '')))}")
        if data.get("warning"):   # a git hook, CI, a shell start-up file, invisible characters
            _err(f"Warning: {neutralize(str(data['warning']))}")
        if not sys.stdin.isatty():
            _err("[tool] not written: no terminal to confirm it on")
            return False
        try:
            return input("Write it? [y/N] ").strip().lower() in ("y", "yes")
        except (EOFError, KeyboardInterrupt):
            return False

    r = run_tool_turn(engine, chat.session, turn, chat.toolbox, on_pieces=show,
                      on_step=on_step, confirm=confirm, cancel=cancel, messages=send)
    if r.note:
        writer.close()
        _err(f"Note: {r.note}")
    r.metrics.finish_reason = {"step_limit": "length", "context": "length"}.get(r.finish,
                                                                             r.finish)
    return r


# a terminal chat needs less context than a document session: cap the planner's default here
CHAT_DEFAULT_CTX = 8192


def _load_planned(engine: EngineClient, path, opts: ChatOptions):
    """Load through the engine's offload planner; the user's explicit options win."""
    from ..core import gguf_meta
    gguf_meta.inspect(path)  # a missing / damaged / truncated file is said before any start
    return engine.load_planned(path, ctx=opts.ctx, gpu_layers=opts.gpu_layers,
                               kv_type=opts.kv_type, flash_attn=opts.flash_attn,
                               threads=opts.threads, on_notice=lambda msg: _err(f"Note: {msg}"))


class _TerminalChat:
    """The terminal's side of a ChatSession (core/session.py): its options, and the store's
    trouble said once. A store that fails mid-chat (disk full, locked) is replaced by one in a
    temporary folder holding the conversation so far: the chat goes on, unsaved."""

    def __init__(self, session, *, json_mode: bool, schema, saved: bool, toolbox=None):
        self.session = session
        self.toolbox = toolbox  # --tools / --folder: agent.ToolBox
        self.json_mode, self.schema = json_mode, schema
        self.saved = saved
        self.titled = False
        self._tmp: str | None = None

    def guard(self, fn, *a, **kw):
        try:
            return fn(*a, **kw)
        except StoreError as e:
            if self._tmp is not None:
                raise
            _err(f"ember: {e} This chat is no longer being saved.")
            self._move_to_temporary_store()
            return fn(*a, **kw)

    def _move_to_temporary_store(self) -> None:
        s = self.session
        history: list[dict] = []
        try:
            history = s.history() if s.conversation_id is not None else []
        except StoreError:
            pass
        self._tmp = tempfile.mkdtemp(prefix="ember-unsaved-")
        s.store = Store(Path(self._tmp) / "ember.db")
        s.conversation_id = None
        self.saved = False
        if history:
            system = history[0]["content"] if history[0]["role"] == "system" else None
            cid = s.store.create_conversation(model=s.model_name, system_prompt=system)
            last = None
            for m in history:
                if m["role"] == "user":
                    last = s.store.add_message(cid, "user", m["content"], parent_id=last)
                elif m["role"] == "assistant":
                    last = s.store.begin_reply(cid, last, model=s.model_name)
                    s.store.finish_reply(last, m["content"], None)
            s.conversation_id = cid

    def title_from_model(self, engine) -> None:
        """After the first answer: a title written by the model (chat models only; the first
        line of the question stays otherwise). The request follows the conversation, so the
        KV cache keeps it for the next turn."""
        s = self.session
        if self.titled or s.conversation_id is None:
            return
        self.titled = True
        if engine.info is None or engine.info.chat_format != "template":
            return
        with _ctrl_c_cancels(engine):
            self.guard(s.store.auto_title, s.conversation_id, engine_titler(engine, s.history()))

    def close(self) -> None:
        for conn in (self.toolbox.connections if self.toolbox else []):
            conn.close()
        if self._tmp is not None:
            try:
                self.session.store.close()
            finally:
                shutil.rmtree(self._tmp, ignore_errors=True)


def _open_store(opts: ChatOptions) -> Store:
    """The history (before the model loads: a locked or damaged history is said first); with
    --no-save, a store in a temporary folder, deleted at the end."""
    if opts.no_save and opts.resume is None:
        return Store(Path(tempfile.mkdtemp(prefix="ember-unsaved-")) / "ember.db")
    try:
        store = Store()
    except StoreError as e:
        raise StoreError(f"{e} (`ember chat --no-save` chats without saving.)") from e
    for notice in store.notices:
        _err(f"Note: {notice}")
    return store


def run_chat(args) -> int:
    opts = ChatOptions.from_args(args)
    store = _open_store(opts)
    try:
        return _run_chat(opts, store)
    finally:
        store.close()
        if opts.no_save and opts.resume is None:
            shutil.rmtree(store.db_path.parent, ignore_errors=True)


def _run_chat(opts: ChatOptions, store: Store) -> int:
    from ..core import remote
    on_remote = remote.parse_model_spec(opts.model)  # NAME/MODEL of a remote engine
    ref = resolve(opts.model) if on_remote is None else None
    if opts.resume is not None:
        store.get_conversation(opts.resume)  # an unknown id is said before the load
    if on_remote is not None:
        return _run_remote_chat(opts, store, on_remote)
    from ..core import hardware
    hardware.use_engine_build()  # llama.cpp lives in the engine process, not here
    if opts.interactive or ref.embedded:
        _err(f"Loading {ref.label}" if ref.embedded else f"Loading {ref.path} ...")
    from ..core import gguf_meta
    gguf_meta.inspect(ref.path)  # a bad file is said before an engine starts
    proc = EngineProcess.start(private=True, threads=opts.threads)
    engine = EngineClient(proc)
    try:
        hardware.use_engine_build(engine.hardware_build())
        return _chat_with(opts, store, engine, _load_planned(engine, ref.path, opts))
    finally:
        engine.close()
        proc.stop()


def _run_remote_chat(opts: ChatOptions, store: Store, on_remote) -> int:
    """The chat on a remote engine (core/remote.RemoteEngine): stored as usual, with the model
    named NAME/MODEL."""
    from ..core.remote import RemoteEngine
    local = [o for o, v in (("--ctx", opts.ctx), ("--gpu-layers", opts.gpu_layers),
                            ("--threads", opts.threads), ("--kv-type", opts.kv_type),
                            ("--flash-attn", opts.flash_attn)) if v is not None]
    if local:
        raise EmberError(f"{', '.join(local)} set{'s' if len(local) == 1 else ''} how a local "
                         "model loads: a remote engine runs its model as its server was started.")
    r, model = on_remote
    engine = RemoteEngine(r)
    try:
        if opts.interactive:
            _err(f"Connecting to the remote engine {r.label} ...")
        loaded = engine.load_planned(model, on_notice=lambda msg: _err(f"Note: {msg}"))
        return _chat_with(opts, store, engine, loaded, remote=True)
    finally:
        engine.close()


def _chat_with(opts: ChatOptions, store: Store, engine, loaded, *, remote: bool = False) -> int:
    from ..core.session import ChatSession
    info, the_plan = loaded
    if info.notice:
        _err(f"Note: {info.notice}")
    saving = ("conversations are saved (`ember history`)" if not opts.no_save
              else "this chat is not saved")
    if opts.interactive and remote:
        _err(f"{the_plan.sentence}\nType /help for commands; {saving}.")
    elif opts.interactive:
        where = "on the CPU" if info.where == "CPU" else info.where
        _err(f"{the_plan.sentence}\n{info.name}: {info.n_ctx} tokens of context, {where}, "
             f"{info.threads[0]} threads. Type /help for commands; {saving}.")

    from .attach import prepare_attachments
    documents = prepare_attachments(opts.attach, engine, threads=opts.threads,
                                    max_tokens=opts.sampling.max_tokens, system=opts.system)

    settings = {**asdict(opts.sampling), "json_mode": opts.json_mode}
    if opts.schema is not None:
        settings["schema"] = opts.schema
    toolbox = _toolbox(opts)
    if toolbox:
        settings["tools"] = sorted(toolbox.tools)
    session = ChatSession(store, None, model_name=info.name, system=opts.system,
                          sampling=opts.sampling, conversation_settings=settings)
    session.tools_enabled = bool(toolbox)
    chat = _TerminalChat(session, json_mode=opts.json_mode, schema=opts.schema,
                         saved=not opts.no_save, toolbox=toolbox)
    try:
        return _chat_loop(opts, engine, chat, store, documents)
    finally:
        chat.close()


def run_block(engine, chat, which: str = "") -> dict | None:
    """/run [N]: the last answer's Nth Python block (default the first) in the sandbox; what
    it printed, its exit status and time are shown and saved with the answer (a step of it,
    as the window's Run: `ember history show` and exports show it again)."""
    import json as _json

    from ..core import sandbox
    from ..core.agent.check import python_blocks
    from ..core.agent.python import describe, run_code
    session = chat.session
    thread = session.store.path(session.conversation_id) if session.conversation_id else []
    answer = next((m for m in reversed(thread) if m.role == "assistant"), None)
    blocks = python_blocks(answer.content) if answer is not None else []
    if not blocks:
        print("(no Python code block in the last answer)")
        return None
    try:
        n = int(which) if which else 1
    except ValueError:
        n = 0
    if not 1 <= n <= len(blocks):
        print(f"(the last answer has {len(blocks)} Python block{'s' if len(blocks) != 1 else ''}:"
              f" /run 1{f' to /run {len(blocks)}' if len(blocks) > 1 else ''})")
        return None
    iso = sandbox.probe()
    if not iso.available:
        print(f"(not run: no sandbox here: {iso.reason})")
        return None
    code = blocks[n - 1]
    sid = chat.guard(session.store.add_step, answer.id, origin="user", name="run_python",
                     arguments=_json.dumps({"code": code, "block": n - 1}))
    with _ctrl_c_cancels(engine) as cancel:
        out = run_code(code, cancel=cancel)
    status = {"ok": "ok", "cancelled": "cancelled"}.get(out["status"], "error")
    text = describe(out)
    chat.guard(session.store.finish_step, sid, status=status, result=text, data={"run": out},
               seconds=out["seconds"])
    print(text)
    return out


def _check_my_code(opts: ChatOptions, engine, chat, reply: str, m, documents):
    """--check N: run the answer's own tests in the sandbox; a failure is asked back as the
    next question (stored, shown), up to N rounds. Ctrl+C stops it like any answer."""
    rounds = opts.check
    if rounds <= 0:
        return m
    from ..core.agent.check import check_answer, repair_request
    for i in range(rounds):
        with _ctrl_c_cancels(engine) as cancel:
            c = check_answer(reply, cancel=cancel)
        _err(f"[check] {c.summary}")
        if c.status != "failed":
            return m
        _err(f"[check] asking for a repair ({i + 1} of {rounds})")
        reply, m = answer(engine, chat, repair_request(c), documents=documents)
        if m.finish_reason == "cancelled":
            return m
    c = check_answer(reply)
    _err(f"[check] {c.summary}" + (" (no repair rounds left)" if c.status == "failed" else ""))
    return m


def _toolbox(opts: ChatOptions):
    """The tools this chat offers the model (--tools, --folder, --allow-write, --mcp), or None
    (ChatOptions.from_args has checked how they combine)."""
    if not opts.wants_tools:
        return None
    from ..core.agent.assemble import assemble
    box = assemble(run_python=opts.tools, folder=opts.folder, write=opts.allow_write,
                   mcp=opts.mcp, unknown_mcp_is_error=True, require_sandbox=True)
    for note in box.notes:  # reported; the chat goes on without it
        _err(f"Note: {note}")
    for conn in box.connections:
        _err(f"MCP server {conn.cfg.name}: {', '.join(t.name for t in conn.tools) or 'no tools'}.")
    return box


def _chat_loop(opts: ChatOptions, engine, chat: "_TerminalChat", store: Store,
               documents) -> int:
    session = chat.session
    if opts.resume is not None:
        session.open(opts.resume)
        chat.titled = True
        if opts.system is not None:
            session.set_system(opts.system)
        conv = store.get_conversation(opts.resume)
        n = sum(1 for m in session.history() if m["role"] != "system")
        _err(f"(continuing conversation {conv.id}: {conv.title or 'untitled'}, {n} messages)")

    if not opts.interactive:
        reply, m = answer(engine, chat, opts.prompt, documents=documents)
        if m.finish_reason != "cancelled":
            m = _check_my_code(opts, engine, chat, reply, m, documents)
        return 130 if m.finish_reason == "cancelled" else 0

    while (line := _read_line()) is not None:
        text = line.strip()
        if not text:
            continue
        if text.startswith("/"):
            if not _command(text, engine, chat, store):
                break
            continue
        try:
            reply, m = answer(engine, chat, line, documents=documents)
            if m.finish_reason != "cancelled":
                m = _check_my_code(opts, engine, chat, reply, m, documents)
        except EmberError as e:
            _err(f"ember: {e}")
            continue
        if m.finish_reason != "cancelled" and chat.saved:
            chat.title_from_model(engine)
    return 0


def _read_line() -> str | None:
    """One message from the terminal (a line ending in \\ goes on); None: quit (Ctrl+D, or
    Ctrl+C twice in a row)."""
    armed_exit = False
    while True:
        try:
            line = input(">>> ")
            while line.endswith("\\"):
                line = line[:-1] + "\n" + input("... ")
            return line
        except EOFError:
            print()
            return None
        except KeyboardInterrupt:
            if armed_exit:
                print()
                return None
            armed_exit = True
            print("\n(Ctrl+C again or Ctrl+D to quit)")


def _command(text: str, engine, chat: "_TerminalChat", store) -> bool:
    """A /command typed in the chat; False: quit."""
    session = chat.session
    cmd, _, rest = text.partition(" ")
    if cmd in ("/exit", "/quit"):
        return False
    if cmd == "/help":
        print(HELP)
    elif cmd == "/new":
        session.new()
        chat.titled = False
        print("(new conversation)")
    elif cmd == "/system":
        system = rest.strip() or None
        chat.guard(session.set_system, system)
        print("(system prompt set)" if system else "(system prompt cleared)")
    elif cmd == "/history":
        if not chat.saved:
            print("(history is off: --no-save)")
        else:
            from .history import _list
            _list(store, 10)
    elif cmd == "/run":
        run_block(engine, chat, rest.strip())
    elif cmd == "/json":
        chat.json_mode = rest.strip().lower() in ("on", "1", "true", "yes")
        print(f"(JSON mode {'on' if chat.json_mode else 'off'})")
    else:
        print(f"Unknown command {cmd}. {HELP}")
    return True


def register(sub) -> None:
    """`ember chat`."""
    c = sub.add_parser("chat", help="chat in the terminal (what `ember` runs when given chat "
                                    "options such as --model or --prompt, or where there is no "
                                    "display)")
    c.add_argument("--model", "-m", help="a .gguf path, an installed model's name, 'embedded', "
                                         "or REMOTE/MODEL on a remote engine (`ember remote`)")
    c.add_argument("--system", "-s", help="system prompt")
    c.add_argument("--prompt", "-p", help="one-shot: answer this prompt and exit ('-' reads stdin)")
    c.add_argument("--json", action="store_true", help="answer in valid JSON (grammar-constrained)")
    c.add_argument("--schema", help="JSON schema (a file or inline JSON) the answer must follow; "
                                    "implies --json")
    from ..core.settings import DEFAULTS as D  # one place for the defaults, ranges and names
    from ..core.settings import cli_help as h
    c.add_argument("--max-tokens", type=int, default=D["max_tokens"],
                   help=h("max_tokens", "answer length limit (-1: no limit)"))
    c.add_argument("--min-tokens", type=int, default=D["min_tokens"],
                   help=h("min_tokens", "no end before this many tokens: end-of-generation "
                          "tokens, stop strings and the repetition guard wait (0: none)"))
    c.add_argument("--ignore-eos", action="store_true",
                   help="never end at an end-of-generation token (only --max-tokens, a stop "
                        "string or a full context end the answer)")
    c.add_argument("--temperature", type=float, default=D["temperature"], help=h("temperature"))
    c.add_argument("--top-k", type=int, default=D["top_k"], help=h("top_k"))
    c.add_argument("--top-p", type=float, default=D["top_p"], help=h("top_p"))
    c.add_argument("--min-p", type=float, default=D["min_p"], help=h("min_p"))
    c.add_argument("--repeat-penalty", type=float, default=D["repeat_penalty"],
                   help=h("repeat_penalty"))
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
    c.add_argument("--tools", action="store_true",
                   help="let the model run Python in the sandbox (run_python) to check its code")
    c.add_argument("--folder", default=None, metavar="DIR",
                   help="let the model list, read and search this project folder (nothing "
                        "outside it)")
    c.add_argument("--check", type=int, nargs="?", const=2, default=0, metavar="N",
                   help="check my code: run each answer's own tests (or examples) in the "
                        "sandbox and ask for a fix when they fail, up to N rounds (default 2)")
    c.add_argument("--mcp", action="append", default=[], metavar="NAME",
                   help="offer the tools of this MCP server (`ember mcp add`); repeatable")
    c.add_argument("--allow-write", action="store_true",
                   help="with --folder: the model may write files there, each write shown as "
                        "a diff and confirmed by you")
    add_save_arguments(c)
    c.set_defaults(func=run_chat)
