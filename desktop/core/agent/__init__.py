"""Tools in the chat (issue 15), Qt-free: what the model may call, and the loop that lets it.

    toolbox.py   Tool, ToolResult, ToolBox (the tools a chat enabled, as OpenAI tool specs)
    python.py    run_python: code in the sandbox (core/sandbox.py)
    folder.py    a project folder granted to a chat: list, read, search; write with a diff
                 and the user's confirmation; nothing outside the folder
    folder_fs.py the folder's files opened by directory descriptor (never following a link)
    assemble.py  one chat's ToolBox put together (the window, `ember chat`, the API)
    loop.py      model -> tool calls -> results -> model, with a step limit and cancel, each
                 step stored as it happens (the window, `ember chat --tools` and the API)
"""
from .toolbox import Tool, ToolBox, ToolResult

__all__ = ["Tool", "ToolBox", "ToolResult"]
