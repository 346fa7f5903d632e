"""Control characters made visible (caret notation for C0 and DEL, U+FFFD for C1), never
obeyed: what the terminal shows of a model's text and what every diff of a confirmed write
shows, in the terminal and the window alike (cli/term.py says why each character)."""
from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def _visible(m: re.Match) -> str:
    c = ord(m.group())
    if c < 0x20:
        return "^" + chr(c + 0x40)
    if c == 0x7F:
        return "^?"
    return "\ufffd"


def neutralize(text: str, keep: str = "") -> str:
    """Every control character but \\n, \\t (and those in `keep`) made visible; CR LF -> LF."""
    text = text.replace("\r\n", "\n")
    if keep:
        return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _visible(m), text)
    return _CONTROLS.sub(_visible, text)
