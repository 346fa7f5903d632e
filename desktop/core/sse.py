"""Server-sent events of an OpenAI-style stream (issue 26: one home for the parsing that the
engine process's client and the remote engines' client share): lines in, (event name, data)
out; "data: [DONE]" ends the stream and sets `done`."""
from __future__ import annotations

from typing import Iterable, Iterator


class SSE:
    def __init__(self, lines: Iterable[str]):
        self.lines = lines
        self.done = False   # the server sent [DONE]

    def __iter__(self) -> Iterator[tuple[str | None, str]]:
        event = None
        for line in self.lines:
            if not line:   # a blank line ends an event
                event = None
                continue
            if line.startswith("event:"):
                event = line[6:].strip()
                continue
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                self.done = True
                return
            yield event, data
