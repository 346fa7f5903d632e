"""One home for putting a chat's tools together (issue 26): the window (a chat's ToolSpec), the
terminal (`ember chat --tools --folder --mcp`) and the API (`ember.tools`) all call `assemble`.

What each caller still decides: whether an MCP server named but not registered is an error
(`ember chat --mcp typo` is one; a chat whose server was removed since goes on without it), and
whether run_python needs the sandbox to be here before the answer starts."""
from __future__ import annotations

from typing import Sequence

from ..errors import EmberError
from .toolbox import ToolBox


def sandbox_error() -> str | None:
    """Why run_python cannot run on this machine, or None when the sandbox is here."""
    from .. import sandbox
    iso = sandbox.probe()
    return None if iso.available else (f"run_python needs the sandbox, which is not available "
                                       f"here: {iso.reason}")


def assemble(*, run_python: bool = False, folder: str | None = None, write: bool = False,
             mcp: Sequence[str] = (), unknown_mcp_is_error: bool = False,
             require_sandbox: bool = False) -> ToolBox:
    """The ToolBox of one chat. `box.connections` (started MCP servers) are to be closed after
    the answer; `box.notes` says what was left out and why (an MCP server that does not start,
    or is no longer registered). Start MCP servers off the UI thread: this waits for them.
    Raises EmberError for a folder that is not there, and for what the flags make errors."""
    from .folder import Folder
    from .python import run_python_tool
    box = ToolBox()
    if run_python:
        why = sandbox_error() if require_sandbox else None
        if why:
            raise EmberError(why)
        box.add(run_python_tool())
    if folder:
        for t in Folder(folder, write=write).tools():
            box.add(t)
    for name in mcp:
        _add_mcp(box, name, unknown_mcp_is_error)
    return box


def _add_mcp(box: ToolBox, name: str, unknown_is_error: bool) -> None:
    from . import mcp as mcp_servers
    try:
        cfg = mcp_servers.get(name)
    except EmberError as e:    # removed since the chat enabled it
        if unknown_is_error:
            raise
        box.notes.append(str(e))
        return
    conn = mcp_servers.McpConnection(cfg).start()
    if conn.error:
        box.notes.append(f"{conn.error} This answer goes on without its tools.")
        return
    box.connections.append(conn)
    for t in conn.as_tools(set(box.tools)):
        box.add(t)
