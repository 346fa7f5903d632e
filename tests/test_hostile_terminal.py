"""Model text on a terminal (issue 13, part 5): control sequences in an answer, a title or a
search snippet are shown, never obeyed, when standard output is a terminal (a real pty here);
piped output stays byte for byte what the model wrote."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli.term import ModelTextWriter, neutralize
from desktop.core.store import Store

ROOT = Path(__file__).resolve().parents[1]

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"                 # writes "rm -rf ~" to the clipboard
OSC8 = "\x1b]8;;https://evil.example/\x1b\\docs.python.org\x1b]8;;\x1b\\"
TITLE = "\x1b]0;sudo password:\x07"
CSI = "\x1b[2J\x1b[1A\x1b[31m"                       # clear screen, cursor up, red
C1_CSI = "\x9b2J"                                     # the one-character CSI
HOSTILE = (f"Here is the fix.{OSC52} See {OSC8} for more.{TITLE}{CSI}{C1_CSI}\n"
           "\tindented\r\nline\rOVERWRITTEN\x00\x7f done\n")
CONTROLS = {chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]} - {"\n", "\t"}


def test_neutralize_shows_every_control_and_keeps_newlines_and_tabs():
    out = neutralize(HOSTILE)
    assert not (set(out) & CONTROLS), [c for c in out if c in CONTROLS]
    assert "^[]52;c;cm0gLXJmIH4=^G" in out
    assert "^[]8;;https://evil.example/^[\\docs.python.org" in out
    assert "^[]0;sudo password:^G" in out and "^[[2J" in out
    assert "\ufffd2J" in out                       # C1 has no caret form
    assert "\tindented\nline^MOVERWRITTEN^@^? done\n" in out  # CR LF -> LF; a lone CR shown
    assert neutralize("plain text, ünïcödé, 漢字 😀\n\ttab") == "plain text, ünïcödé, 漢字 😀\n\ttab"


def _pieces(text: str, n: int = 3) -> list[str]:
    """The text cut every n characters, as a stream of tokens cuts it (mid-sequence, mid CR LF)."""
    return [text[i:i + n] for i in range(0, len(text), n)]


def test_the_writer_on_a_pipe_is_byte_exact():
    r, w = os.pipe()
    with open(w, "w", encoding="utf-8", newline="") as out:
        writer = ModelTextWriter(out)
        assert not writer.terminal
        for piece in _pieces(HOSTILE):
            writer.write(piece)
        writer.close()
    with open(r, "rb") as f:
        assert f.read() == HOSTILE.encode("utf-8")


def test_the_writer_on_a_pty_neutralizes_across_pieces():
    master, slave = pty.openpty()
    try:
        out = open(slave, "w", encoding="utf-8", newline="", closefd=False)
        writer = ModelTextWriter(out)
        assert writer.terminal
        for piece in _pieces(HOSTILE):
            writer.write(piece)
        writer.close()
        out.close()
        got = _drain(master, until=b"done")
    finally:
        os.close(slave)
        os.close(master)
    text = got.decode("utf-8").replace("\r\n", "\n")  # the pty's own ONLCR
    assert text == neutralize(HOSTILE)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


def _drain(fd: int, *, until: bytes | None = None, timeout: float = 60.0) -> bytes:
    """Everything a pty's master gives until EOF (Linux: EIO once the other side closes), or
    until `until` has arrived."""
    buf = b""
    while True:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            raise AssertionError(f"no output for {timeout} s: {buf[-200:]!r}")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return buf
        if not chunk:
            return buf
        buf += chunk
        if until is not None and until in buf:
            return buf


# --------------------------------------------------------------------- `ember history` end to end
@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    with Store(home / "ember.db") as s:
        c = s.create_conversation(f"Deploy {TITLE}notes")
        u = s.add_message(c, "user", "How do I deploy the parser?")
        r = s.begin_reply(c, u, model="qwen")
        s.finish_reply(r, "Deploy the parser: " + HOSTILE, {"finish_reason": "stop"})
    return home


def _ember(home: Path, *args: str, tty: bool, color: bool = False) -> bytes:
    env = {**os.environ, "EMBER_HOME": str(home), "COLUMNS": "200"}
    env.pop("NO_COLOR", None)
    if not color:
        env["NO_COLOR"] = "1"
    cmd = [sys.executable, "-m", "desktop", *args]
    if not tty:
        r = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env, timeout=120)
        assert r.returncode in (0, 1), r.stderr
        return r.stdout
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, cwd=ROOT, env=env)
        os.close(slave)
        out = _drain(master)
        assert p.wait(60) in (0, 1), p.stderr.read()
        p.stderr.close()
    finally:
        os.close(master)
    return out.replace(b"\r\n", b"\n")


@pytest.mark.parametrize("args", [("history", "show", "1"), ("history", "search", "parser"),
                                  ("history",)])
def test_ember_history_neutralizes_on_a_terminal_and_is_exact_in_a_pipe(home, args):
    shown = _ember(home, *args, tty=True).decode("utf-8")
    assert not (set(shown) & CONTROLS), repr(shown)
    assert "^[]0;sudo password:^G" in shown        # the title (and the answer) shown as text
    piped = _ember(home, *args, tty=False).decode("utf-8")
    assert TITLE in piped                          # byte for byte what was stored
    if args[1:2] == ("show",):
        assert "Deploy the parser: " + HOSTILE in piped
        assert "Deploy the parser: " + neutralize(HOSTILE) in shown
        assert OSC52 in piped and OSC8 in piped


def test_search_highlights_are_the_only_sequences_on_a_colour_terminal(home):
    shown = _ember(home, "history", "search", "parser", tty=True, color=True).decode("utf-8")
    assert "\x1b[1;33mparser\x1b[0m" in shown      # Ember's own highlight still works
    for sgr in ("\x1b[1;33m", "\x1b[1m", "\x1b[0m"):
        shown = shown.replace(sgr, "")
    assert not (set(shown) & CONTROLS), repr(shown)

