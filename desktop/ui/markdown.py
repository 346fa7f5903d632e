"""Markdown -> the HTML subset Qt's rich text shows, with Pygments-coloured code blocks.

Qt-free (tests and the stall benchmark use it directly). Model output is untrusted text:
- raw HTML in it is escaped, never interpreted;
- images are shown as links (nothing is fetched: the view also refuses remote resources);
- links are ordinary anchors, opened in the system browser only when clicked (see chat_view).
Each code block gets a "Copy" anchor `ember-copy:N`; the caller keeps the code by index.
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


@dataclass
class Rendered:
    html: str
    code_blocks: list[str] = field(default_factory=list)


class _Renderer(mistune.HTMLRenderer):
    def __init__(self, theme: str, first_index: int = 0):
        super().__init__(escape=True)
        self.theme = theme if theme in THEMES else "light"
        self.formatter = HtmlFormatter(style=THEMES[self.theme], noclasses=True, nowrap=True)
        self.code_blocks: list[str] = []
        self.first_index = first_index

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
        return (f'<table width="100%" cellspacing="0" cellpadding="6" style="background:{bg};'
                f' margin-top:4px; margin-bottom:4px;"><tr><td>'
                f'<span style="color:#888;">{label}</span> &nbsp; '
                f'<a href="ember-copy:{idx}">Copy</a>'
                f'<pre style="margin:0; font-family:monospace;">{body}</pre></td></tr></table>\n')

    def image(self, text: str, url: str, title: str | None = None) -> str:
        # never an <img>: an image link in model output must not make Ember fetch anything
        return f'<a href="{html.escape(url, quote=True)}">[image: {text or url}]</a>'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        safe = url if re.match(r"^(https?|mailto):", url or "", re.I) else "#"
        return f'<a href="{html.escape(safe, quote=True)}">{text}</a>'


def render(text: str, theme: str = "light", first_index: int = 0) -> Rendered:
    r = _Renderer(theme, first_index)
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
