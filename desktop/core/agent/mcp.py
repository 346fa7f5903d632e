"""MCP servers (issue 15): tools from stdio Model Context Protocol servers, through the `mcp`
Python SDK, beside the built-in ones.

Part of desktop/core/agent (its __init__ tells the whole story).

    ember mcp add files -- npx -y @modelcontextprotocol/server-filesystem ~/src
    conn = McpConnection(get("files")); conn.start()     # starts the process, lists its tools
    box = ToolBox(conn.as_tools()); ...; conn.close()

The registry is `<data>/mcp.json` (mode 0600: a server's environment may hold its own token).
Each connection runs the SDK's client on an asyncio loop of its own, on a thread of its own; a
tool call from the chat's thread waits for its answer at most `call_timeout` seconds and is
cancellable. A server that cannot start, crashes or hangs is reported (McpConnection.error, and
as the call's result), and the chat goes on without it. What a tool returns goes back to the
model as a tool result (marked as tool output by the chat template): data, never instructions.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import AbstractSet, Any

from .. import paths
from ..errors import EmberError
from .toolbox import CallContext, Tool, ToolResult

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
START_TIMEOUT_S = 30.0
CALL_TIMEOUT_S = 60.0


@dataclass
class McpServerConfig:
    name: str
    command: list[str]
    env: dict = field(default_factory=dict)
    cwd: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({' '.join(self.command)[:80]})"


def registry_path() -> Path:
    return paths.data_dir() / "mcp.json"


def servers() -> list[McpServerConfig]:
    p = registry_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as e:
        raise EmberError(f"The list of MCP servers ({p}) could not be read: {e}. Fix or delete "
                         "the file.") from e
    out = []
    for d in data.get("servers", []):
        try:
            out.append(McpServerConfig(name=d["name"], command=list(d["command"]),
                                       env=dict(d.get("env") or {}), cwd=d.get("cwd")))
        except (KeyError, TypeError) as e:
            raise EmberError(f"The list of MCP servers ({p}) has a bad entry ({e}).") from e
    return out


def _save(items: list[McpServerConfig]) -> None:
    p = registry_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "servers": [asdict(s) for s in items]}, f, indent=2)
    os.replace(tmp, p)


def add(name: str, command: list[str], *, env: dict | None = None,
        cwd: str | None = None) -> McpServerConfig:
    if not NAME_RE.match(name or ""):
        raise EmberError(f"An MCP server's name is 1-32 letters, digits, '_' or '-', not "
                         f"{name!r}.")
    if not command or not command[0].strip():
        raise EmberError("Give the command that starts the MCP server (after --).")
    items = servers()
    if any(s.name == name for s in items):
        raise EmberError(f"An MCP server named {name!r} exists: remove it first.")
    cfg = McpServerConfig(name, list(command), dict(env or {}), cwd)
    _save(items + [cfg])
    return cfg


def remove(name: str) -> None:
    items = servers()
    if not any(s.name == name for s in items):
        raise EmberError(f"There is no MCP server named {name!r}.")
    _save([s for s in items if s.name != name])


def get(name: str) -> McpServerConfig:
    for s in servers():
        if s.name == name:
            return s
    known = ", ".join(s.name for s in servers()) or "none yet"
    raise EmberError(f"There is no MCP server named {name!r} (known: {known}); add one with "
                     "`ember mcp add NAME -- COMMAND ...`.")


@dataclass
class McpTool:
    name: str
    description: str
    input_schema: dict


def _oneline(e: BaseException) -> str:
    s = " ".join(str(e).split()) or type(e).__name__
    while isinstance(e, BaseExceptionGroup) and e.exceptions:  # anyio task groups
        e = e.exceptions[0]
        s = " ".join(str(e).split()) or type(e).__name__
    return s[:300]


class McpConnection:
    """One running stdio MCP server and the SDK's client session to it."""

    def __init__(self, cfg: McpServerConfig, *, start_timeout: float = START_TIMEOUT_S,
                 call_timeout: float = CALL_TIMEOUT_S):
        self.cfg = cfg
        self.start_timeout, self.call_timeout = start_timeout, call_timeout
        self.tools: list[McpTool] = []
        self.error: str | None = None       # why it is not usable (start, crash, hang)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client: Any = None   # the SDK's mcp.client.Client while it runs (_main)
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._errlog = None

    # --------------------------------------------------------------- life cycle
    def start(self) -> "McpConnection":
        """Start the server and list its tools (waits up to start_timeout). Never raises for
        the server's failures: they are in `error`."""
        self._thread = threading.Thread(target=self._run, name=f"ember-mcp-{self.cfg.name}",
                                        daemon=True)
        self._thread.start()
        if not self._ready.wait(self.start_timeout):
            self.error = (f"The MCP server {self.cfg.label} did not start within "
                          f"{self.start_timeout:.0f} s.")
            self.close()
        return self

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        finally:
            loop.close()

    async def _main(self) -> None:
        from mcp.client import Client
        from mcp.client.stdio import StdioServerParameters
        self._stop = asyncio.Event()
        params = StdioServerParameters(command=self.cfg.command[0], args=self.cfg.command[1:],
                                       env={**self.cfg.env} or None, cwd=self.cfg.cwd)
        try:
            async with Client(params) as client:
                self._client = client
                res = await client.list_tools()
                self.tools = [McpTool(t.name, t.description or "",
                                      dict(t.input_schema or {"type": "object"}))
                              for t in res.tools]
                self._ready.set()
                await self._stop.wait()
        except BaseException as e:  # noqa: BLE001 - anything the server does is reported
            if self.error is None and not (self._stop is not None and self._stop.is_set()):
                what = "could not be started" if not self._ready.is_set() else "stopped"
                self.error = f"The MCP server {self.cfg.label} {what}: {_oneline(e)}"
        finally:
            self._client = None
            self._ready.set()

    def close(self) -> None:
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(stop.set)
            except RuntimeError:
                pass
        if self._thread is not None:
            self._thread.join(10)

    @property
    def alive(self) -> bool:
        return self._client is not None and self.error is None

    # ---------------------------------------------------------------------- calls
    def call(self, name: str, arguments: dict, cancel: threading.Event | None = None,
             timeout: float | None = None) -> ToolResult:
        t0 = time.perf_counter()
        client, loop = self._client, self._loop   # the loop is set before the client
        if not self.alive or client is None or loop is None:
            return ToolResult(self.error or f"The MCP server {self.cfg.name} is not running.",
                              ok=False, status="error")
        timeout = timeout or self.call_timeout
        fut = asyncio.run_coroutine_threadsafe(client.call_tool(name, arguments), loop)
        deadline = time.monotonic() + timeout
        while True:
            try:
                res = fut.result(0.1)
                break
            except TimeoutError:
                if cancel is not None and cancel.is_set():
                    fut.cancel()
                    return ToolResult("Stopped by the user.", ok=False, status="cancelled",
                                      seconds=time.perf_counter() - t0)
                if time.monotonic() > deadline:
                    fut.cancel()
                    return ToolResult(f"The MCP server {self.cfg.name} did not answer "
                                      f"{name} within {timeout:.0f} s.", ok=False,
                                      status="error", seconds=time.perf_counter() - t0)
                if self.error is not None:  # it died while we waited
                    break
            except Exception as e:  # noqa: BLE001 - the server's failure, said
                from mcp.shared.exceptions import MCPError
                if isinstance(e, MCPError) and "connection closed" not in str(e).lower():
                    # the server answered with an error (unknown tool, bad arguments)
                    return ToolResult(f"The MCP tool {name} failed: {_oneline(e)}", ok=False,
                                      status="error", seconds=time.perf_counter() - t0)
                if self.error is None:  # the connection is gone: the server stopped
                    self.error = (f"The MCP server {self.cfg.label} stopped while running "
                                  f"{name}: {_oneline(e)}")
                    self.close()
                return ToolResult(self.error, ok=False, status="error",
                                  seconds=time.perf_counter() - t0)
        if self.error is not None and not fut.done():
            fut.cancel()
            return ToolResult(self.error, ok=False, status="error",
                              seconds=time.perf_counter() - t0)
        parts = []
        for c in res.content or []:
            kind = getattr(c, "type", "")
            if kind == "text":
                parts.append(c.text)
            else:
                parts.append(f"[{kind} content: {getattr(c, 'mime_type', '') or 'not text'}]")
        if not parts and res.structured_content is not None:
            parts.append(json.dumps(res.structured_content, ensure_ascii=False))
        text = "\n".join(parts) or "(no output)"
        err = bool(getattr(res, "is_error", False))
        return ToolResult(text, ok=not err, status="error" if err else "ok",
                          data={"mcp": self.cfg.name}, seconds=time.perf_counter() - t0)

    def as_tools(self, taken: AbstractSet[str] = frozenset()) -> list[Tool]:
        """The server's tools for a ToolBox; a name another tool has gets the server's name in
        front (files_read_file)."""
        out = []
        for t in self.tools:
            name = re.sub(r"[^A-Za-z0-9_-]", "_", t.name)[:64]
            if name in taken:
                name = f"{self.cfg.name}_{name}"[:64]

            def run(args: dict, ctx: CallContext, _t=t) -> ToolResult:
                return self.call(_t.name, args, ctx.cancel)
            schema = t.input_schema if t.input_schema.get("type") == "object" else {
                "type": "object", "properties": {}}
            out.append(Tool(name, (t.description or t.name)
                            + f" (from the MCP server {self.cfg.name})", schema, run))
        return out
