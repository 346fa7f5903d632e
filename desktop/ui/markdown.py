"""Markdown -> the HTML subset Qt's rich text shows, with Pygments-coloured code blocks.

Qt-free (tests and the stall benchmark use it directly). Model output is untrusted text:
- raw HTML in it is escaped, never interpreted;
- images are shown as links (nothing is fetched: the view also refuses remote resources);
- links are ordinary anchors, opened in the system browser only when clicked (see chat_view).
Each code block gets a "Copy" anchor `ember-copy:N`; the caller keeps the code by index. With
`run_links`, a Python block also gets "Run" (`ember-run:N`), or "Stop" (`ember-stop:N`) while it
runs, and `runs` {N: run} shows a run's outcome under its block (`run_html`: all escaped).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import mistune
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name, guess_lexer
from pygments.util import ClassNotFound

THEMES = {"light": "friendly", "dark": "monokai"}
_BG = {"light": "#f4f5f7", "dark": "#272822"}


PYTHON_LANGS = {"python", "py", "python3", "py3"}
SHOWN_CHARS = 6000    # of a run's stdout / stderr in the view (the store keeps what ran)


@dataclass
class Rendered:
    html: str
    code_blocks: list[str] = field(default_factory=list)


class _Renderer(mistune.HTMLRenderer):
    def __init__(self, theme: str, first_index: int = 0, run_links: bool = False,
                 runs: dict | None = None):
        super().__init__(escape=True)
        self.theme = theme if theme in THEMES else "light"
        self.formatter = HtmlFormatter(style=THEMES[self.theme], noclasses=True, nowrap=True)
        self.code_blocks: list[str] = []
        self.first_index = first_index
        self.run_links = run_links
        self.runs = runs or {}

    def block_code(self, code: str, info: str | None = None) -> str:
        lang = (info or "").strip().split(None, 1)[0] if info else ""
        lexer = None
        if lang:
            try:
                lexer = get_lexer_by_name(lang)
            except ClassNotFound:
                lexer = None
        if lexer is None:
            try:
                lexer = guess_lexer(code) if len(code) > 20 else get_lexer_by_name("text")
            except ClassNotFound:
                lexer = get_lexer_by_name("text")
        body = highlight(code, lexer, self.formatter)
        idx = self.first_index + len(self.code_blocks)
        self.code_blocks.append(code)
        label = html.escape(lang) if lang else "code"
        bg = _BG[self.theme]
        run = self.runs.get(idx)
        links = f'<a href="ember-copy:{idx}">Copy</a>'
        if self.run_links and lang.lower() in PYTHON_LANGS:
            links += (f' &nbsp; <a href="ember-stop:{idx}">Stop</a>'
                      if run is not None and run.get("status") == "running"
                      else f' &nbsp; <a href="ember-run:{idx}">Run</a>')
        out = (f'<table width="100%" cellspacing="0" cellpadding="6" style="background:{bg};'
               f' margin-top:4px; margin-bottom:4px;"><tr><td>'
               f'<span style="color:#888;">{label}</span> &nbsp; {links}'
               f'<pre style="margin:0; font-family:monospace;">{body}</pre></td></tr></table>\n')
        if run is not None:
            out += run_html(run, self.theme)
        return out

    def image(self, text: str, url: str, title: str | None = None) -> str:
        # never an <img>: an image link in model output must not make Ember fetch anything
        return f'<a href="{html.escape(url, quote=True)}">[image: {text or url}]</a>'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        safe = url if re.match(r"^(https?|mailto):", url or "", re.I) else "#"
        return f'<a href="{html.escape(safe, quote=True)}">{text}</a>'


def render(text: str, theme: str = "light", first_index: int = 0, *, run_links: bool = False,
           runs: dict | None = None) -> Rendered:
    r = _Renderer(theme, first_index, run_links, runs)
    md = mistune.create_markdown(renderer=r, plugins=["strikethrough", "table"])
    return Rendered(md(text), r.code_blocks)


_FENCE = re.compile(r"^(```|~~~)")


def stable_prefix(text: str) -> int:
    """Length of the longest prefix made of finished blocks: it ends at a blank line that is not
    inside a code fence. While a reply streams only what follows it needs re-rendering, so the
    cost of a refresh does not grow with the reply's length."""
    pos = 0
    last = 0
    in_fence = False
    for line in text.splitlines(keepends=True):
        pos += len(line)
        if _FENCE.match(line.lstrip()):
            in_fence = not in_fence
            if not in_fence:
                last = pos  # a closed fence ends a block
            continue
        if not in_fence and line.strip() == "" and pos < len(text):
            last = pos
    return last


def run_headline(run: dict) -> str:
    """One line for a code block's run (agent.python.run_code's outcome, or {"status":
    "running"} / {"status": "interrupted"})."""
    st = run.get("status")
    if st == "running":
        return "Running… (Stop ends it)"
    if st == "interrupted":
        return "Not finished: the window that ran it was closed."
    if st in ("refused", "unavailable"):
        return f"Not run (not isolated: no sandbox here): {run.get('reason') or st}"
    secs = f"{float(run.get('seconds') or 0):.2f} s"
    what = {"ok": "exit status 0", "exited": f"exit status {run.get('exit')}",
            "killed": f"killed by {run.get('signal')}", "timeout": "stopped: ran too long",
            "output_limit": "stopped: printed too much",
            "cancelled": "stopped by you"}.get(st, str(st))
    where = "in the sandbox" if run.get("isolated") else "NOT isolated"
    line = f"{what} · {secs} · {where}"
    if run.get("unsaved"):
        line += f" · not saved: {run['unsaved']}"
    return line


def _shown(text: str) -> str:
    if len(text) <= SHOWN_CHARS:
        return text
    return text[:SHOWN_CHARS] + f"\n[... {len(text) - SHOWN_CHARS:,} more characters ...]"


def run_html(run: dict, theme: str = "light") -> str:
    """A run's outcome under its code block: the headline, stdout, stderr (escaped)."""
    st = run.get("status")
    ok = st == "ok"
    colour = "#1a7f37" if ok else ("#888" if st in ("running", "cancelled") else "#b42318")
    bg = "#f8faf8" if theme != "dark" else "#1e1f1c"
    parts = [f'<span style="color:{colour};">&#9654; {html.escape(run_headline(run))}</span>']
    if run.get("stdout"):
        parts.append(f'<pre style="margin:0; font-family:monospace;">'
                     f'{html.escape(_shown(run["stdout"]))}</pre>')
    if run.get("stderr"):
        parts.append(f'<pre style="margin:0; font-family:monospace; color:#b42318;">'
                     f'{html.escape(_shown(run["stderr"]))}</pre>')
    if ok and not run.get("stdout") and not run.get("stderr"):
        parts.append('<span style="color:#888;">(no output)</span>')
    return (f'<table width="100%" cellspacing="0" cellpadding="6" style="background:{bg};'
            f' margin-bottom:6px;"><tr><td>' + "".join(parts)
            + '</td></tr></table>\n')
