"""Model text on a terminal: its control characters are shown, never obeyed.

A model's answer (or a title, a search snippet, a saved conversation) may hold terminal control
sequences: OSC 52 writes the clipboard, OSC 8 makes a link whose text hides its target, OSC 0/2
change the window's title, CSI moves the cursor or clears the screen, and a lone CR lets a line
overwrite itself. When standard output is a terminal, every C0 control but newline and tab, DEL
and every C1 control is replaced by a visible stand-in: caret notation for C0 and DEL (ESC is
shown as '^[', BEL as '^G', CR as '^M', DEL as '^?'), U+FFFD for C1 (U+0080..U+009F, which
have no caret form; U+009B is a one-character CSI). CR LF becomes LF. What is left of a
sequence ('^[]52;c;aGk=^G') is plain text the terminal prints. When standard output is a file
or a pipe, the text is written byte for byte as the model wrote it.
"""
from __future__ import annotations

from typing import TextIO

from ..core.visible import neutralize


def is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def safe_for(stream, text: str, keep: str = "") -> str:
    """`text` as it may be written to `stream`: neutralized for a terminal, as it is otherwise."""
    return neutralize(text, keep) if is_terminal(stream) else text


class ModelTextWriter:
    """Writes streamed model text to `out`: neutralized when `out` is a terminal, byte-exact
    otherwise. A CR at the end of a piece is held back until the next piece shows whether it
    begins a CR LF."""

    def __init__(self, out: TextIO):
        self.out = out
        self.terminal = is_terminal(out)
        self._cr = False

    def write(self, piece: str) -> None:
        if not self.terminal:
            self.out.write(piece)
            self.out.flush()
            return
        if self._cr:
            piece = "\r" + piece
        self._cr = piece.endswith("\r")
        if self._cr:
            piece = piece[:-1]
        if piece:
            self.out.write(neutralize(piece))
            self.out.flush()

    def close(self) -> None:
        """Write a CR still held back (the answer ended with it)."""
        if self._cr:
            self._cr = False
            self.out.write(neutralize("\r"))
            self.out.flush()
