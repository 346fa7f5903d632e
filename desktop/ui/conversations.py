"""The plain rows the window shows: a conversation in the sidebar, a message in the chat, a
chat's tool settings.

The window reads and writes conversations through store_conversations.StoreConversations (over
desktop/core/store); this module only holds the rows, so the two never import each other.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass
class ConvSummary:
    id: int
    title: str
    pinned: bool
    updated: float          # seconds since the epoch (the store's last change to the chat)
    snippet: str = ""


def date_group(updated: float, pinned: bool = False, now: float | None = None) -> str:
    """The sidebar's section for a chat: Pinned, Today, Yesterday, Previous 7 days, Previous
    30 days, then the month ("March", or "March 2024" before this year). Local time."""
    if pinned:
        return "Pinned"
    today = datetime.fromtimestamp(time.time() if now is None else now).date()
    if updated <= 0:
        return "Older"
    day = datetime.fromtimestamp(updated).date()
    if day >= today:
        return "Today"
    if day == today - timedelta(days=1):
        return "Yesterday"
    if day > today - timedelta(days=7):
        return "Previous 7 days"
    if day > today - timedelta(days=30):
        return "Previous 30 days"
    month = date(day.year, day.month, 1).strftime("%B")
    return month if day.year == today.year else f"{month} {day.year}"


@dataclass
class Msg:
    id: int
    role: str
    content: str
    parent: int | None
    finish_reason: str | None = None
    interrupted: bool = False
    tps: float | None = None
    version_index: int = 0
    version_count: int = 1
    ttft: float | None = None               # seconds to the answer's first token
    completion_tokens: int | None = None
    sources: tuple = ()                     # an answer: the documents' parts it was sent
    attached: tuple = ()                    # a question: the names of the files it came with
    repetition: bool = False                # an answer the repetition guard ended
    prompt_tokens: int | None = None        # an answer: the tokens it was sent (its context)


@dataclass
class ToolSpec:
    """The tools a chat offers the model (its settings: Tools, Project folder, allow writing,
    MCP servers), and "Check code" (the window checks each answer: no tool of the model's)."""
    run_python: bool = False
    folder: str | None = None
    write: bool = False
    mcp: tuple = ()                 # names of MCP servers (`ember mcp add`, MCP servers…)
    check: bool = False             # check each answer's code with its own tests (ui/checks.py)

    def __bool__(self) -> bool:     # tools offered to the model (Check code is not one)
        return self.run_python or bool(self.folder) or bool(self.mcp)

    def toolbox(self):
        """The ToolBox (raises EmberError for a folder that is gone). MCP servers are started
        here (call it off the UI thread); one that does not start is left out, and said in
        `box.notes`; `box.connections` are to be closed after the answer."""
        from ..core.agent.assemble import assemble
        return assemble(run_python=self.run_python, folder=self.folder, write=self.write,
                        mcp=self.mcp)
