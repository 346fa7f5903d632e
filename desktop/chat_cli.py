"""`ember chat`: streaming multi-turn chat in a terminal. Ctrl+C stops the answer, not Ember."""
from __future__ import annotations

import json
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from .core.engine import Engine, SamplingSettings
from .core.errors import EmberError
from .core.models import resolve

HELP = """Commands: /new (forget the conversation)  /system TEXT  /json on|off  /exit
End a line with \\ to continue on the next line. Ctrl+C stops an answer; Ctrl+D quits."""


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@contextmanager
def _ctrl_c_cancels(engine: Engine):
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


def answer(engine: Engine, messages: list[dict], sampling: SamplingSettings, *, json_mode: bool,
           schema, out=None) -> tuple[str, object]:
    out = out or sys.stdout
    turn = engine.chat(messages, sampling, json_mode=json_mode, json_schema=schema)
    with _ctrl_c_cancels(engine):
        for piece in turn:
            out.write(piece)
            out.flush()
    m = turn.metrics
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


def _load_planned(engine: Engine, path, args):
    """Load with the offload planner's choices; the user's explicit options win."""
    from .core import gguf_meta, hardware, plan
    facts = plan.ModelFacts.from_gguf(gguf_meta.inspect(path))
    wanted = args.ctx if args.ctx is not None else min(CHAT_DEFAULT_CTX, facts.training_context)
    p = plan.plan(facts, hardware.probe(), wanted, kv_type=args.kv_type, gpu_layers=args.gpu_layers)
    if p.fit == "no":
        raise EmberError(f"{facts.name} does not fit this machine: {p.sentence}")
    p.overrides = {k: v for k, v in (("n_threads", args.threads), ("flash_attn", args.flash_attn))
                   if v is not None}
    info, p = plan.load_with_fallback(engine, path, p, on_retry=lambda msg: _err(f"Note: {msg}"))
    plan.record_load(info, p)
    return info, p


def run_chat(args) -> int:
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
    engine = Engine()
    if interactive or ref.embedded:
        _err(f"Loading {ref.label}" if ref.embedded else f"Loading {ref.path} ...")
    info, the_plan = _load_planned(engine, ref.path, args)
    if info.notice:
        _err(f"Note: {info.notice}")
    if interactive:
        where = (f"{info.n_layers_offloaded}/{info.n_layers} layers on the GPU"
                 if info.n_layers_offloaded else "on the CPU")
        _err(f"{the_plan.sentence}\n{info.name}: {info.n_ctx} tokens of context, {where}, "
             f"{info.threads[0]} threads. Type /help for commands.")

    system = args.system
    messages: list[dict] = [{"role": "system", "content": system}] if system else []

    if not interactive:
        messages.append({"role": "user", "content": prompt})
        _, m = answer(engine, messages, sampling, json_mode=json_mode, schema=schema)
        engine.unload()
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
                print("(new conversation)")
            elif cmd == "/system":
                system = rest.strip() or None
                messages = [m for m in messages if m["role"] != "system"]
                if system:
                    messages.insert(0, {"role": "system", "content": system})
                print("(system prompt set)" if system else "(system prompt cleared)")
            elif cmd == "/json":
                json_mode = rest.strip().lower() in ("on", "1", "true", "yes")
                print(f"(JSON mode {'on' if json_mode else 'off'})")
            else:
                print(f"Unknown command {cmd}. {HELP}")
            continue
        messages.append({"role": "user", "content": line})
        try:
            reply, m = answer(engine, messages, sampling, json_mode=json_mode, schema=schema)
        except EmberError as e:
            messages.pop()
            _err(f"ember: {e}")
            continue
        if m.finish_reason == "cancelled" and not reply:
            messages.pop()  # nothing was said: forget the question too
            continue
        messages.append({"role": "assistant", "content": reply})
    engine.unload()
    return 0
