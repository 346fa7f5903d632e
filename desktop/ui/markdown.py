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
from pygments.lexers import get_lexer_by_name, guess_lexer
from pygments.styles import get_style_by_name
from pygments.util import ClassNotFound

from .i18n import tr

THEMES = {"light": "friendly", "dark": "one-dark"}
_BG = {"light": "#f6f8fa", "dark": "#111214"}          # a code block's background
_HEAD = {"light": "#eaeef2", "dark": "#24262b"}        # its header (language, Copy, Run)
_MUTED = {"light": "#5c6570", "dark": "#9aa0a8"}
_LINK = {"light": "#2563eb", "dark": "#7aa2ff"}
CHAR_EM = 0.6      # a monospace character's width in em: a wrapped line indents under its start
TAB = 4


HEADING_SCALE = {1: 1.15, 2: 1.1, 3: 1.05}   # of the body's font; h4..h6 are its size, bold
PYTHON_LANGS = {"python", "py", "python3", "py3"}
SHOWN_CHARS = 6000    # of a run's stdout / stderr in the view (the store keeps what ran)


@dataclass
class Rendered:
    html: str
    code_blocks: list[str] = field(default_factory=list)


class _Renderer(mistune.HTMLRenderer):
    def __init__(self, theme: str, first_index: int = 0, run_links: bool = False,
                 runs: dict | None = None, line_numbers: bool = False,
                 char_px: float | None = None, mono: str = "monospace",
                 base_pt: float | None = None):
        super().__init__(escape=True)
        self.base_pt = base_pt if base_pt and base_pt > 0 else None
        self.theme = theme if theme in THEMES else "light"
        self.line_numbers = line_numbers
        self.char_px, self.mono = char_px, mono
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
        idx = self.first_index + len(self.code_blocks)
        self.code_blocks.append(code)
        run = self.runs.get(idx)
        out = code_html(code, lexer, self.theme, idx, lang=lang,
                        run_link=self.run_links and lang.lower() in PYTHON_LANGS,
                        running=run is not None and run.get("status") == "running",
                        line_numbers=self.line_numbers, char_px=self.char_px, mono=self.mono)
        if run is not None:
            out += run_html(run, self.theme)
        return out

    def heading(self, text: str, level: int, **attrs) -> str:
        # a "# comment" of a model's must not become a heading twice the text's size: bold,
        # at most HEADING_SCALE times the body's font (issue 28)
        scale = HEADING_SCALE.get(level, 1.0)
        size = f" font-size:{self.base_pt * scale:.1f}pt;" if self.base_pt else ""
        return (f'<p style="margin-top:10px; margin-bottom:4px; font-weight:bold;{size}">'
                f"{text}</p>\n")

    def image(self, text: str, url: str, title: str | None = None) -> str:
        # never an <img>: an image link in model output must not make Ember fetch anything
        return f'<a href="{html.escape(url, quote=True)}">[image: {text or url}]</a>'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        safe = url if re.match(r"^(https?|mailto):", url or "", re.I) else "#"
        return f'<a href="{html.escape(safe, quote=True)}">{text}</a>'


def render(text: str, theme: str = "light", first_index: int = 0, *, run_links: bool = False,
           runs: dict | None = None, line_numbers: bool = False, char_px: float | None = None,
           mono: str = "monospace", base_pt: float | None = None) -> Rendered:
    """`char_px`: the width of one character of the code font `mono`, so that a wrapped code
    line continues exactly under its text (without it, an estimate in em). `base_pt`: the
    body's font size, which headings exceed by HEADING_SCALE at most."""
    r = _Renderer(theme, first_index, run_links, runs, line_numbers, char_px, mono, base_pt)
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


# ----------------------------------------------------------------- code without fences
# A base model asked for code writes it without ``` fences: Markdown would join its lines and
# make its "# comments" headings. Lines that are plainly code (issue 28):
_STRONG = re.compile(r"^\s*(?:(?:async\s+)?def \w+\s*\(|class \w+\s*[(:]|import \w|"
                     r"from [\w.]+ import |@\w[\w.]*\s*(?:\(|$)|if __name__ ==|#include\b|"
                     r"(?:function \w+|(?:const|let|var) \w+ =|(?:public|private) \w))")
_PY_STRONG = re.compile(r"^\s*(?:(?:async\s+)?def |class |import |from \S+ import |@|if __name__)")
_WEAK = re.compile(r"^(?:    |\t)\s*\S|^\s*(?:return\b|print\(|(?:if|elif|for|while|with) .*:$|"
                   r"else:$|try:$|except\b.*:$|#(?!#)|[}\])]|>>> |"
                   r"\w+(?:\[[^\]]*\]|\.\w+)*(?:\s*,\s*\w+)*\s*[-+*/%]?=\s*\S)|[;{]\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _code_kind(line: str, after_prose: bool) -> str:
    """'strong', 'weak' (code only beside other code), 'blank' or 'prose'."""
    if not line.strip():
        return "blank"
    if _STRONG.match(line):
        return "strong"
    if _LIST_ITEM.match(line) or (after_prose and line[:1] in " \t"):
        return "prose"   # a list, or a paragraph's indented continuation
    return "weak" if _WEAK.search(line) else "prose"


def _run_end(lines: list[str], kinds: list[str], i: int, j: int) -> int:
    """Where the code run lines[i:j] ends: without its trailing blank lines, and, when prose
    follows, without the "# Title" lines after its last blank line (the prose's heading)."""
    def trim(end: int) -> int:
        while end > i and kinds[end - 1] == "blank":
            end -= 1
        return end
    end = trim(j)
    if j < len(lines):
        k = end
        while k > i and lines[k - 1].lstrip().startswith("#"):
            k -= 1
        if i < k < end and kinds[k - 1] == "blank":
            end = trim(k)
    return end


def fence_bare_code(text: str, open_end: bool = False) -> str:
    """The text with each run of lines that is plainly code (a `def`, `import`, `class`… line
    among code-like lines: indented, `#` comments, assignments, `return`, `;`/`{}`) put in a
    ``` block; text already in fences, and prose, are left as they are. `open_end`: a run that
    reaches the end (an answer still streaming) is left open, so what was shown before it
    never changes as it grows."""
    return fence_bare_code_at(text, open_end)[0]


def fence_bare_code_at(text: str, open_end: bool = False) -> tuple[str, int, int]:
    """fence_bare_code, and the last point (its offset in the text, in the result) that no
    text after it can change: the end of a whole prose line outside code blocks. A streaming
    answer fences only what follows it: the cost does not grow with the answer's length."""
    lines = text.splitlines(keepends=True)
    kinds: list[str] = []
    in_fence, prev = False, "prose"
    for line in lines:
        if _FENCE.match(line.lstrip()):
            in_fence = not in_fence
            kinds.append("fence")
        else:
            kinds.append("fence" if in_fence else _code_kind(line, prev == "prose"))
        if kinds[-1] != "blank":
            prev = kinds[-1]
    if len(lines) > 1 and kinds[-1] == "prose" and not lines[-1].endswith("\n") \
            and kinds[-2] in ("strong", "weak"):
        kinds[-1] = "weak"    # a last line cut inside the code (a stop, the length limit)
    out: list[str] = []
    i = n_in = n_out = safe_in = safe_out = 0
    while i < len(lines):
        if kinds[i] not in ("strong", "weak"):
            out.append(lines[i])
            n_in, n_out = n_in + len(lines[i]), n_out + len(lines[i])
            if kinds[i] == "prose" and lines[i].endswith("\n"):
                safe_in, safe_out = n_in, n_out
            i += 1
            continue
        j = i
        while j < len(lines) and kinds[j] in ("strong", "weak", "blank"):
            j += 1
        end = _run_end(lines, kinds, i, j)
        run = lines[i:end]
        raw = "".join(lines[i:j])
        n_in += len(raw)
        if "strong" not in kinds[i:end] or end == i:
            out.append(raw)
            n_out += len(raw)
            i = j
            continue
        lang = "python" if any(_PY_STRONG.match(ln) for ln in run) else ""
        body = "".join(run)
        block = f"```{lang}\n" + body + ("" if body.endswith("\n") else "\n")
        if not (open_end and end == len(lines)):
            block += "```\n"
        block += "".join(lines[end:j])
        out.append(block)
        n_out += len(block)
        i = j
    return "".join(out), safe_in, safe_out


def run_headline(run: dict) -> str:
    """One line for a code block's run (agent.python.run_code's outcome, or {"status":
    "running"} / {"status": "interrupted"})."""
    st = run.get("status")
    if st == "running":
        return tr("Running… (Stop ends it)")
    if st == "interrupted":
        return tr("Not finished: the window that ran it was closed.")
    if st in ("refused", "unavailable"):
        return tr("Not run (not isolated: no sandbox here): {reason}").format(
            reason=run.get("reason") or st)
    secs = tr("{seconds:.2f} s").format(seconds=float(run.get("seconds") or 0))
    if st == "ok":
        what = tr("exit status 0")
    elif st == "exited":
        what = tr("exit status {code}").format(code=run.get("exit"))
    elif st == "killed":
        what = tr("killed by {signal}").format(signal=run.get("signal"))
    else:
        what = {"timeout": tr("stopped: ran too long"),
                "output_limit": tr("stopped: printed too much"),
                "cancelled": tr("stopped by you")}.get(st, str(st))
    where = tr("in the sandbox") if run.get("isolated") else tr("NOT isolated")
    parts = [what, secs, where]   # " · " apart: checks.py reads the first part
    if run.get("unsaved"):
        parts.append(tr("not saved: {why}").format(why=run["unsaved"]))
    return " · ".join(parts)


def _shown(text: str) -> str:
    if len(text) <= SHOWN_CHARS:
        return text
    more = tr("[... {n:,} more characters ...]").format(n=len(text) - SHOWN_CHARS)
    return text[:SHOWN_CHARS] + "\n" + more


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


# ------------------------------------------------------------------------- code blocks
def _styles(theme: str) -> dict:
    style = get_style_by_name(THEMES[theme])
    out = {}
    for ttype, st in style:
        css = []
        if st["color"]:
            css.append(f"color:#{st['color']}")
        if st["bold"]:
            css.append("font-weight:bold")
        if st["italic"]:
            css.append("font-style:italic")
        out[ttype] = ";".join(css)
    return out


_STYLE_CACHE: dict[str, dict] = {}


def highlighted_lines(code: str, lexer, theme: str) -> list[tuple[int, str]]:
    """The code's lines as (indent in columns, the line's coloured HTML, indent included).
    Tokens that span lines (docstrings) are split at each newline, so every line is whole."""
    styles = _STYLE_CACHE.get(theme) or _STYLE_CACHE.setdefault(theme, _styles(theme))
    lines: list[list[str]] = [[]]
    for ttype, value in lexer.get_tokens(code):
        css = ""
        t = ttype
        while t is not None and not css:
            css = styles.get(t, "")
            t = t.parent
        for i, part in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if part:
                esc = html.escape(part)
                lines[-1].append(f'<span style="{css}">{esc}</span>' if css else esc)
    if lines and not lines[-1] and code.endswith("\n"):
        lines.pop()                      # the newline that ends the code is not a line
    raw = code.split("\n")
    out = []
    for n, parts in enumerate(lines):
        src = raw[n] if n < len(raw) else ""
        stripped = src.lstrip(" \t")
        indent = len(src[:len(src) - len(stripped)].expandtabs(TAB))
        body = "".join(parts)
        if "\t" in src[:len(src) - len(stripped)]:   # tabs as spaces: the indent is exact
            body = body.replace("\t", " " * TAB, len(src) - len(stripped))
        out.append((indent, body))
    return out


def code_html(code: str, lexer, theme: str, idx: int, *, lang: str = "", run_link: bool = False,
              running: bool = False, line_numbers: bool = False, char_px: float | None = None,
              mono: str = "monospace") -> str:
    """A code block: a header with its language and Copy (and Run / Stop), then its lines.
    Long lines wrap, and a wrapped line continues under the start of its text (a hanging
    indent as wide as the line's own indent; the spaces stay, so selecting and copying keeps
    them); with `line_numbers`, each line's number in a column of its own."""
    theme = theme if theme in THEMES else "light"
    label = html.escape(lang) if lang else html.escape(tr("code"))
    link = f"color:{_LINK[theme]}; text-decoration:none;"
    links = f'<a href="ember-copy:{idx}" style="{link}">{html.escape(tr("Copy"))}</a>'
    if run_link:
        stop, run = html.escape(tr("Stop")), html.escape(tr("Run"))
        links += (f' &nbsp;&nbsp; <a href="ember-stop:{idx}" style="{link}">{stop}</a>'
                  if running else
                  f' &nbsp;&nbsp; <a href="ember-run:{idx}" style="{link}">{run}</a>')
    muted = _MUTED[theme]
    head = (f'<table width="100%" cellspacing="0" cellpadding="4" style="background:{_HEAD[theme]};">'
            f'<tr><td><span style="color:{muted};">{label}</span></td>'
            f'<td align="right">{links}</td></tr></table>')
    rows = []
    font = html.escape(mono, quote=True)
    for n, (indent, body) in enumerate(highlighted_lines(code, lexer, theme), 1):
        hang = (f"{round(indent * char_px)}px" if char_px else f"{indent * CHAR_EM:.2f}em")
        hang_css = f" margin-left:{hang}; text-indent:-{hang};" if indent else ""
        para = (f'<p style="margin:0;{hang_css} white-space:pre-wrap; font-family:{font};">'
                f'{body or "&nbsp;"}</p>')
        if line_numbers:
            rows.append(f'<tr><td align="right" style="color:{muted}; font-family:{font};'
                        f' padding-right:10px;">{n}</td><td width="100%">{para}</td></tr>')
        else:
            rows.append(para)
    if line_numbers:
        lines = ('<table width="100%" cellspacing="0" cellpadding="1">' + "".join(rows)
                 + "</table>")
    else:
        lines = "".join(rows)
    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="background:{_BG[theme]};'
            f' margin-top:6px; margin-bottom:6px;"><tr><td>{head}</td></tr>'
            f'<tr><td style="padding:6px;">{lines}</td></tr></table>\n')


# ------------------------------------------------------------------------- <think> blocks
@dataclass
class Think:
    """A reasoning model's answer split in two: its <think>…</think> and the answer."""
    thinking: str | None      # None: no reasoning in this text
    answer: str
    open: bool = False        # the reasoning has not ended yet (streaming)
    answer_start: int = 0     # where `answer` starts in the text


_OPEN, _CLOSE = "<think>", "</think>"


def split_think(text: str) -> Think:
    """Reasoning first, then the answer. An open <think> without its end (still streaming) is
    all reasoning; a lone </think> (the template opened it in the prompt) ends reasoning that
    began with the text."""
    s = text.lstrip()
    lead = len(text) - len(s)
    if s.startswith(_OPEN):
        end = s.find(_CLOSE, len(_OPEN))
        if end < 0:
            return Think(s[len(_OPEN):].strip(), "", True, len(text))
        start = lead + end + len(_CLOSE)
        answer = text[start:]
        skip = len(answer) - len(answer.lstrip())
        return Think(s[len(_OPEN):end].strip(), answer[skip:], False, start + skip)
    if s and _OPEN.startswith(s):          # "<thi" of a <think> arriving in pieces
        return Think("", "", True, len(text))
    end = text.find(_CLOSE)
    if end >= 0:
        start = end + len(_CLOSE)
        answer = text[start:]
        skip = len(answer) - len(answer.lstrip())
        return Think(text[:end].strip(), answer[skip:], False, start + skip)
    return Think(None, text, False, 0)
