"""The tool loop: the model answers, calls tools, reads their results, answers again, until it
answers without a call, the step limit, or a cancel. One loop for every front end (the window,
`ember chat --tools`, the API's clients): Qt-free, on the thread that streams.

Part of desktop/core/agent (its __init__ tells the whole story).

    result = run_tool_turn(engine, session, turn, toolbox, on_pieces=print,
                           on_step=show, confirm=ask_user, cancel=stop_event)

Each call is stored as a step of the reply (store/steps.py) when it starts and again when it
ends, so a kill -9 of the engine (or of the window) leaves every step that ran: finished ones
with their results, the one that was running marked interrupted on the next start. Results go
back to the model as `role: tool` messages, which the chat template marks as tool output
(Qwen's `<tool_response>`): data, never instructions.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

from ..errors import ContextOverflowError
from ..session import history_with_steps  # noqa: F401 - where a chat's steps are read back
from ..toolcalls import ToolCallParser
from ..turns import TurnMetrics
from .toolbox import CallContext, ToolBox

MAX_ROUNDS = 8


@dataclass
class ToolTurnResult:
    text: str                          # the final answer (the last round's text)
    metrics: TurnMetrics | None        # the last round's
    rounds: int = 0
    steps: list[int] = field(default_factory=list)   # the stored step ids, in order
    finish: str = "stop"               # stop | length | cancelled | step_limit | context
    completion_tokens: int = 0         # over every round
    note: str = ""                     # why the loop ended early (said to the user)


@dataclass
class StepEvent:
    """What a front end shows: a call starting (`result` None) or ending."""
    step_id: int
    round: int
    name: str
    arguments: str
    text_before: str = ""
    result: object = None              # ToolResult once it ended


def _round(engine, messages, sampling, specs, choice, on_pieces, json_kw):
    """One model turn with the tools offered: the text streams to on_pieces (calls held out);
    returns (text, calls, engine turn)."""
    t = engine.chat(messages, sampling, tools=specs, tool_choice=choice, **json_kw)
    parser = None if getattr(t, "tool_calls", None) is not None else ToolCallParser(specs)
    text: list[str] = []
    for piece in t:
        if parser is None:
            text.append(piece)
            if on_pieces:
                on_pieces(piece)
            continue
        for kind, value in parser.feed(piece):
            if kind == "content":
                text.append(value)
                if on_pieces:
                    on_pieces(value)
    if parser is not None:
        for kind, value in parser.finish():
            if kind == "content":
                text.append(value)
                if on_pieces:
                    on_pieces(value)
        calls = parser.calls
    else:
        calls = [c for c in t.tool_calls if c.name]
    return "".join(text), calls, t


def run_tool_turn(engine, session, turn, toolbox: ToolBox, *,
                  on_pieces: Callable[[str], None] | None = None,
                  on_step: Callable[[StepEvent], None] | None = None,
                  confirm: Callable[[str, dict], bool] | None = None,
                  cancel: threading.Event | None = None, max_rounds: int = MAX_ROUNDS,
                  tool_choice: str | dict = "auto",
                  messages: list[dict] | None = None) -> ToolTurnResult:
    """Answer `turn` (session.PreparedTurn) with `toolbox`'s tools. The final text is the
    caller's to write (session.finish / stop / fail), as with session.run_turn; the steps are
    written here. `tool_choice` applies to the first round ("required" makes the model call a
    tool first); the last round offers no tools, so the loop always ends with an answer."""
    from ..session import prepare_messages  # noqa: PLC0415
    cancel = cancel or threading.Event()
    store = session.store if session is not None else None
    msgs = list(messages if messages is not None else prepare_messages(engine, turn))
    specs = toolbox.specs()
    json_kw: dict[str, object] = {}
    out = ToolTurnResult(text="", metrics=None)
    for rnd in range(max_rounds):
        last = rnd == max_rounds - 1
        choice = "none" if last else (tool_choice if rnd == 0 else "auto")
        try:
            text, calls, t = _round(engine, msgs, turn.sampling, specs, choice, on_pieces,
                                    json_kw)
        except ContextOverflowError as e:
            if rnd == 0:
                raise  # the question itself does not fit: the front end says so, as always
            # what the tools returned (files read, outputs) filled the context: the steps are
            # kept, and the user is told instead of a silent cut
            out.finish = "context"
            out.note = (f"The tool results no longer fit the model's context ({e}). Start a "
                        "new chat, or ask for smaller reads.")
            return out
        out.rounds, out.metrics, out.text = rnd + 1, t.metrics, text
        out.completion_tokens += t.metrics.completion_tokens or 0
        out.finish = t.metrics.finish_reason or "stop"
        if cancel.is_set() or out.finish == "cancelled":
            out.finish = "cancelled"
            return out
        if not calls:
            return out
        msgs.append({"role": "assistant", "content": text,
                     "tool_calls": [c.as_dict() for c in calls]})
        for i, call in enumerate(calls):
            before = text if i == 0 else ""
            sid = store.add_step(turn.reply_id, origin="model", name=call.name,
                                 arguments=call.arguments, round=rnd, call_id=call.id,
                                 text_before=before) if store is not None else -1
            out.steps.append(sid)
            ev = StepEvent(sid, rnd, call.name, call.arguments, before)
            if on_step:
                on_step(ev)
            if cancel.is_set():
                from .toolbox import ToolResult
                r = ToolResult("Stopped by the user before it ran.", ok=False,
                               status="cancelled")
            else:
                r = toolbox.call(call.name, call.arguments, CallContext(cancel, confirm))
                if call.error and r.ok:  # the grammar could not hold every schema keyword
                    r.text = f"(note: the arguments do not follow the schema: {call.error})\n" \
                             + r.text
            if store is not None:
                store.finish_step(sid, status=r.status, result=r.text, data=r.data,
                                  seconds=r.seconds)
            ev.result = r
            if on_step:
                on_step(ev)
            msgs.append({"role": "tool", "tool_call_id": call.id, "name": call.name,
                         "content": r.text})
        if cancel.is_set():
            out.finish = "cancelled"
            out.text = ""
            return out
        if on_pieces:
            on_pieces("")  # a round ended: front ends may start a new paragraph
    out.finish = "step_limit"
    return out
