"""Tools the model may call, as OpenAI function tools.

Part of desktop/core/agent (its __init__ tells the whole story)."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..errors import EmberError

# what a tool returns to the model is capped: a tool result is data in the prompt, and a huge
# one would push the conversation out of the context
RESULT_CHARS = 8000


@dataclass
class ToolResult:
    """What a call gave: `text` goes back to the model (as tool output, never instructions);
    `data` is for the screen and the store (output, exit status, a diff...)."""
    text: str
    ok: bool = True
    status: str = "ok"               # ok | error | refused | cancelled | declined
    data: dict = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"text": self.text, "ok": self.ok, "status": self.status, "data": self.data,
                "seconds": round(self.seconds, 3)}


@dataclass
class Tool:
    name: str
    description: str
    parameters: dict                              # JSON schema of the arguments
    run: Callable[[dict, "CallContext"], ToolResult]

    def spec(self) -> dict:
        return {"type": "function", "function": {"name": self.name,
                                                 "description": self.description,
                                                 "parameters": self.parameters}}


@dataclass
class CallContext:
    """What a running tool may use: the cancel event, and the user's confirmation (for writes:
    shown the diff, returns True to go ahead; None: no one to ask, so no)."""
    cancel: threading.Event
    confirm: Callable[[str, dict], bool] | None = None


def cap(text: str, limit: int = RESULT_CHARS) -> str:
    if len(text) <= limit:
        return text
    half = limit // 2
    return (text[:half] + f"\n[... {len(text) - limit:,} characters left out ...]\n"
            + text[-half:])


class ToolBox:
    """The tools one chat enabled, by name."""

    def __init__(self, tools: Sequence[Tool] = ()):
        self.tools: dict[str, Tool] = {}
        self.connections: list = []     # started MCP servers: closed after the answer
        self.notes: list[str] = []      # what was left out, and why (assemble.py)
        for t in tools:
            self.add(t)

    def add(self, tool: Tool) -> None:
        if tool.name in self.tools:
            raise EmberError(f"Two tools are named {tool.name!r}.")
        self.tools[tool.name] = tool

    def __bool__(self) -> bool:
        return bool(self.tools)

    def specs(self) -> list[dict]:
        return [t.spec() for t in self.tools.values()]

    def call(self, name: str, arguments: str | dict, ctx: CallContext) -> ToolResult:
        """Run one call. Never raises for the model's mistakes: an unknown tool, arguments that
        are not JSON or a tool that fails become an error result the model reads."""
        t0 = time.perf_counter()
        tool = self.tools.get(name)
        if tool is None:
            return ToolResult(f"There is no tool named {name!r}. Tools: "
                              f"{', '.join(self.tools) or 'none'}.", ok=False, status="error")
        if isinstance(arguments, str):
            try:
                args = json.loads(arguments or "{}")
            except ValueError as e:
                return ToolResult(f"The arguments are not JSON: {e}", ok=False, status="error")
        else:
            args = dict(arguments or {})
        if not isinstance(args, dict):
            return ToolResult("The arguments must be a JSON object.", ok=False, status="error")
        try:
            r = tool.run(args, ctx)
        except EmberError as e:
            r = ToolResult(str(e), ok=False, status="error")
        except Exception as e:  # noqa: BLE001 - a tool's bug is the model's error result
            r = ToolResult(f"The tool {name} failed: {type(e).__name__}: {e}", ok=False,
                           status="error")
        r.text = cap(r.text)
        r.seconds = r.seconds or (time.perf_counter() - t0)
        return r
