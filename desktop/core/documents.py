"""Documents in the chat: text from files, token counts, the context budget, retrieval.

Qt-free. The window (chips, drop, progress) and the terminal chat (`ember chat --attach`) both
sit on this module:

    doc = load_document("report.pdf")            # DocumentError (an EmberError) says what's wrong
    n = count_tokens(engine, doc)                 # the loaded model's own tokenizer
    b = budget(engine, [doc], history, question)  # b.decision: fits | reload | retrieve | too_long
    print(b.sentence)                             # one sentence for the UI / CLI, before sending
    messages = b.messages(history, question, system)   # documents first, the question last

Never truncates: a document either goes whole, or Ember offers a reload with a larger context
(the planner's Plan), or retrieval sends the best-matching parts and says which.

Retrieval: the documents are cut into overlapping chunks on line boundaries (~`chunk_tokens`
each, `overlap_tokens` shared with the next), indexed in an in-memory SQLite FTS5 table and
ranked by BM25 against the question; the best chunks fill the room left in the context and go
into the prompt in document order, each labelled with its location ("report.pdf p. 12-13",
"main.py lines 200-260").
"""
from __future__ import annotations

import bisect
import codecs
import html
import math
import re
import sqlite3
import unicodedata
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence, Union

from .errors import EmberError

if TYPE_CHECKING:
    from .engine import Engine
    from .hardware import Hardware
    from .plan import ModelFacts, Plan

MiB = 1 << 20

# ------------------------------------------------------------------------------ limits
MAX_FILE_BYTES = 100 * MiB        # a file larger than this is refused before it is read
MAX_TEXT_CHARS = 8_000_000        # extracted text beyond this (~2M tokens) is refused, not cut
BINARY_SNIFF = 64 * 1024          # bytes looked at to tell text from binary

# ------------------------------------------------------------------------------- kinds
PDF, DOCX, HTML, MARKDOWN, CODE, TEXT, PASTED = "pdf", "docx", "html", "markdown", "code", "text", "pasted"

LANGUAGES = {
    "py": "Python", "pyi": "Python", "pyw": "Python", "ipynb": "Jupyter (JSON)",
    "js": "JavaScript", "mjs": "JavaScript", "cjs": "JavaScript", "jsx": "JavaScript (JSX)",
    "ts": "TypeScript", "tsx": "TypeScript (TSX)", "mts": "TypeScript", "cts": "TypeScript",
    "java": "Java", "kt": "Kotlin", "kts": "Kotlin", "scala": "Scala", "groovy": "Groovy",
    "gradle": "Gradle", "go": "Go", "rs": "Rust", "c": "C", "h": "C/C++ header",
    "cc": "C++", "cpp": "C++", "cxx": "C++", "hpp": "C++ header", "hh": "C++ header",
    "hxx": "C++ header", "cu": "CUDA", "cuh": "CUDA", "cs": "C#", "fs": "F#", "fsx": "F#",
    "vb": "Visual Basic", "rb": "Ruby", "php": "PHP", "swift": "Swift", "m": "Objective-C",
    "mm": "Objective-C++", "sh": "Shell", "bash": "Shell", "zsh": "Shell", "fish": "Fish",
    "ps1": "PowerShell", "psm1": "PowerShell", "bat": "Batch", "cmd": "Batch", "lua": "Lua",
    "pl": "Perl", "pm": "Perl", "r": "R", "jl": "Julia", "dart": "Dart", "ex": "Elixir",
    "exs": "Elixir", "erl": "Erlang", "hrl": "Erlang", "hs": "Haskell", "ml": "OCaml",
    "mli": "OCaml", "clj": "Clojure", "cljs": "ClojureScript", "el": "Emacs Lisp",
    "lisp": "Lisp", "scm": "Scheme", "rkt": "Racket", "sql": "SQL", "vue": "Vue",
    "svelte": "Svelte", "css": "CSS", "scss": "SCSS", "sass": "Sass", "less": "Less",
    "toml": "TOML", "yaml": "YAML", "yml": "YAML", "json": "JSON", "jsonc": "JSON",
    "json5": "JSON5", "xml": "XML", "xsd": "XML", "xsl": "XSLT", "svg": "SVG", "ini": "INI",
    "cfg": "INI", "conf": "config", "properties": "properties", "cmake": "CMake",
    "mk": "Makefile", "mak": "Makefile", "proto": "Protocol Buffers", "graphql": "GraphQL",
    "gql": "GraphQL", "tf": "Terraform", "hcl": "HCL", "nim": "Nim", "zig": "Zig", "v": "V",
    "sv": "SystemVerilog", "vhd": "VHDL", "vhdl": "VHDL", "asm": "Assembly", "s": "Assembly",
    "f": "Fortran", "f90": "Fortran", "f95": "Fortran", "pas": "Pascal", "d": "D",
    "cr": "Crystal", "elm": "Elm", "purs": "PureScript", "sol": "Solidity", "glsl": "GLSL",
    "hlsl": "HLSL", "wgsl": "WGSL", "gd": "GDScript", "tex": "LaTeX", "bib": "BibTeX",
    "diff": "diff", "patch": "diff", "dockerfile": "Dockerfile", "nix": "Nix", "star": "Starlark",
    "bzl": "Starlark", "qml": "QML", "ui": "Qt UI (XML)", "qss": "Qt style sheet",
}
NAMED_FILES = {"makefile": "Makefile", "gnumakefile": "Makefile", "dockerfile": "Dockerfile",
               "containerfile": "Dockerfile", "cmakelists.txt": "CMake", "jenkinsfile": "Groovy",
               "rakefile": "Ruby", "gemfile": "Ruby", "vagrantfile": "Ruby", "build": "Starlark",
               "workspace": "Starlark", "meson.build": "Meson", ".gitignore": "gitignore",
               ".bashrc": "Shell", ".zshrc": "Shell", ".profile": "Shell"}
MARKDOWN_EXT = {"md", "markdown", "mdown", "mkd", "mdx"}
HTML_EXT = {"html", "htm", "xhtml", "shtml"}
TEXT_EXT = {"txt", "text", "log", "csv", "tsv", "rst", "adoc", "asciidoc", "org", "nfo", "me",
            "1st", "readme", "lst", "out", "err", "srt", "vtt", "env"}

# magic numbers of common binary files: a clearer message than "binary"
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"BM", None),
    (b"RIFF", None), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "a program (ELF)"), (b"MZ", "a Windows program"),
    (b"GGUF", "a GGUF model file"), (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
    (b"%!PS", None), (b"ID3", "an MP3 audio file"), (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC audio file"), (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xca\xfe\xba\xbe", "a compiled Java class or Mach-O program"),
]
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # OLE compound file: .doc/.xls, encrypted .docx


class DocumentError(EmberError):
    """A file that cannot be attached. `reason`: not_found | unreadable | empty | binary |
    oversized | password | image_only | damaged | unsupported | cancelled."""

    def __init__(self, message: str, *, path: Path | None = None, reason: str = "unreadable"):
        super().__init__(message)
        self.path = path
        self.reason = reason


# ---------------------------------------------------------------------------- document
@dataclass
class Document:
    """Text extracted from one file (or pasted), with what is needed to name locations."""
    name: str                         # shown on the chip and in the prompt: "report.pdf"
    kind: str                         # pdf | docx | html | markdown | code | text | pasted
    text: str                         # newlines normalised to \n; PDFs carry "[Page N]" markers
    pages: int | None = None          # PDF page count, else None
    encoding: str | None = None       # detected text encoding (None for PDF/DOCX)
    language: str | None = None       # for source code: "Python", "Rust", ...
    path: Path | None = None
    size_bytes: int = 0
    page_starts: list[int] = field(default_factory=list)   # PDF: char offset of each page
    notes: list[str] = field(default_factory=list)         # e.g. "3 of 40 pages have no text"
    tokens: int | None = None         # set by count_tokens (the last tokenizer used)
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _token_cache: dict = field(default_factory=dict, repr=False, compare=False)
    _chunk_cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def lines(self) -> int:
        return len(self.line_starts)

    @property
    def unit(self) -> str:
        """What a location counts: pages (PDF), paragraphs (DOCX) or lines."""
        return "page" if self.kind == PDF else "paragraph" if self.kind == DOCX else "line"

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            if len(starts) > 1 and starts[-1] == len(self.text):
                starts.pop()  # a final newline does not start a line
            self._line_starts = starts
        return self._line_starts

    def location(self, start: int, end: int, *, with_name: bool = True) -> str:
        """Where text[start:end] is: 'report.pdf p. 12-13', 'main.py lines 200-260'."""
        end = max(start + 1, end)
        if self.kind == PDF and self.page_starts:
            a = bisect.bisect_right(self.page_starts, start) - 1 + 1
            b = bisect.bisect_right(self.page_starts, end - 1) - 1 + 1
            where = f"p. {a}" if a == b else f"p. {a}-{b}"
        else:
            ls = self.line_starts
            a = bisect.bisect_right(ls, start)
            b = bisect.bisect_right(ls, end - 1)
            unit = self.unit
            where = f"{unit} {a}" if a == b else f"{unit}s {a}-{b}"
        return f"{self.name} {where}" if with_name else where

    def describe(self, tokens: int | None = None) -> str:
        """The chip's text: 'report.pdf · 300 pages · 91,234 tokens'."""
        parts = [self.name]
        if self.kind == PDF and self.pages is not None:
            parts.append(f"{self.pages} page{'s' if self.pages != 1 else ''}")
        elif self.kind == CODE and self.language:
            parts.append(f"{self.language}, {self.lines:,} lines")
        else:
            parts.append(f"{self.lines:,} {self.unit}{'s' if self.lines != 1 else ''}")
        if self.encoding and self.encoding.replace("_", "-").lower() not in ("utf-8", "ascii"):
            parts.append(self.encoding)
        tokens = self.tokens if tokens is None else tokens
        if tokens is not None:
            parts.append(f"{tokens:,} tokens")
        return " · ".join(parts)


# ---------------------------------------------------------------------------- decoding
_LATIN_ALPHABETS = {"Basic Latin", "Latin-1 Supplement", "Latin Extended-A", "Latin Extended-B",
                    "Latin Extended Additional", "General Punctuation", "Currency Symbols",
                    "Control character", "Letterlike Symbols", "Spacing Modifier Letters",
                    "Mathematical Operators", "Number Forms"}


def decode_text(data: bytes, *, name: str = "The file") -> tuple[str, str]:
    """Bytes -> (text, encoding). A BOM first; then strict UTF-8; then charset-normalizer (when it
    finds the language plausible, preferring cp1252 over other Latin code pages that decode the
    same bytes as well); else cp1252, else latin-1 (which decodes anything). Raises
    DocumentError(binary) for NUL-laden or control-character-laden data."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc), name), enc
            except UnicodeDecodeError:
                break  # a stray BOM-like start: fall through to detection
    sample = data[:BINARY_SNIFF]
    if b"\x00" in sample:
        enc = _utf16_without_bom(sample)
        if enc is None:
            raise DocumentError(f"{name} is a binary file, not text: Ember reads text, Markdown, "
                                "source code, PDF, DOCX and HTML.", reason="binary")
        try:
            return _check_text(data.decode(enc), name), enc
        except UnicodeDecodeError as e:
            raise DocumentError(f"{name} is a binary file, not text.", reason="binary") from e
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        pass
    enc = _detect_legacy(data)
    for candidate in (enc, "cp1252", "latin-1"):
        if candidate is None:
            continue
        try:
            return _check_text(data.decode(candidate), name), candidate
        except (UnicodeDecodeError, LookupError):
            continue
    raise DocumentError(f"{name} could not be decoded as text.", reason="binary")  # unreachable


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs in every other byte (for Latin text)."""
    n = len(sample) - len(sample) % 2
    if n < 4:
        return None
    even, odd = sample[0:n:2], sample[1:n:2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.3 and z_even < 0.02:
        return "utf-16-le"
    if z_even > 0.3 and z_odd < 0.02:
        return "utf-16-be"
    return None


def _detect_legacy(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of requests, always here
        return None
    try:
        results = list(from_bytes(data[:2 * MiB]))
    except Exception:
        return None
    if not results:
        return None
    best = results[0]
    if best.coherence <= 0:  # no language recognised: too short or ambiguous to trust
        return None
    if set(best.alphabets) <= _LATIN_ALPHABETS:
        # Western text decodes as well in several Latin code pages: cp1252 is by far the likeliest
        for r in results:
            if r.encoding == "cp1252" and r.chaos <= best.chaos + 0.1:
                return "cp1252"
    return best.encoding


def _check_text(text: str, name: str) -> str:
    text = text.lstrip("\ufeff")
    sample = text[:BINARY_SNIFF]
    if sample:
        bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
                  or 0x7f <= ord(ch) < 0xa0)
        if bad / len(sample) > 0.05:
            raise DocumentError(f"{name} looks like a binary file, not text: Ember reads text, "
                                "Markdown, source code, PDF, DOCX and HTML.", reason="binary")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ----------------------------------------------------------------------------- loading
def kind_of(name: str) -> tuple[str, str | None]:
    """(kind, language) from a file name."""
    low = name.lower()
    ext = low.rsplit(".", 1)[-1] if "." in low else ""
    if low in NAMED_FILES:
        return CODE, NAMED_FILES[low]
    if ext == "pdf":
        return PDF, None
    if ext in ("docx", "docm", "dotx"):
        return DOCX, None
    if ext in HTML_EXT:
        return HTML, None
    if ext in MARKDOWN_EXT:
        return MARKDOWN, None
    if ext in LANGUAGES:
        return CODE, LANGUAGES[ext]
    return TEXT, None


def load_document(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES,
                  max_chars: int = MAX_TEXT_CHARS,
                  progress: Callable[[int, int], bool | None] | None = None) -> Document:
    """Read a file for the chat. PDF (pypdfium2), DOCX (python-docx), HTML (to text), Markdown,
    source code and plain text in any encoding. `progress(done, total)` is called per PDF page;
    returning False cancels. Raises DocumentError with a sentence for the user."""
    p = Path(path).expanduser()
    name = p.name or str(p)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DocumentError(f"{name} was not found.", path=p, reason="not_found") from None
    except OSError as e:
        raise DocumentError(f"{name} could not be read ({e.strerror or e}).", path=p,
                            reason="unreadable") from e
    if p.is_dir():
        raise DocumentError(f"{name} is a folder: attach the files in it instead.", path=p,
                            reason="unsupported")
    if st.st_size == 0:
        raise DocumentError(f"{name} is empty.", path=p, reason="empty")
    if st.st_size > max_bytes:
        raise DocumentError(f"{name} is {_size(st.st_size)}, larger than the {_size(max_bytes)} "
                            "Ember reads: split it or attach the part you need.", path=p,
                            reason="oversized")
    try:
        with open(p, "rb") as f:
            data = f.read()
    except OSError as e:
        raise DocumentError(f"{name} could not be read ({e.strerror or e}).", path=p,
                            reason="unreadable") from e

    kind, language = kind_of(name)
    head = data[:16]
    if head.startswith(b"%PDF-") or (kind == PDF and b"%PDF-" in data[:1024]):
        kind = PDF
    elif head.startswith(b"PK\x03\x04") and (kind == DOCX or _is_docx(data)):
        kind = DOCX
    elif head.startswith(_CFB):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data[:4 * MiB]:
            raise DocumentError(f"{name} is password-protected: remove the password in Word and "
                                "attach it again.", path=p, reason="password")
        raise DocumentError(f"{name} is an old Office file (.doc/.xls): save it as DOCX or PDF "
                            "and attach that.", path=p, reason="unsupported")
    elif head.startswith(b"PK\x03\x04"):
        raise DocumentError(f"{name} is a ZIP archive (or an Office file other than DOCX): "
                            "unpack it and attach the files inside.", path=p, reason="binary")
    else:
        what = _magic(data)
        if what:
            raise DocumentError(f"{name} is {what}, not text: Ember reads text, Markdown, source "
                                "code, PDF, DOCX and HTML.", path=p, reason="binary")

    try:
        if kind == PDF:
            doc = _load_pdf(p, name, data, progress)
        elif kind == DOCX:
            doc = _load_docx(p, name, data)
        elif kind == HTML:
            doc = _load_html(name, data)
        else:
            text, enc = decode_text(data, name=name)
            doc = Document(name=name, kind=kind, text=text, encoding=enc, language=language)
            if kind == TEXT and _looks_like_html(text):
                doc = _load_html(name, data)
    except DocumentError as e:
        e.path = p
        raise
    doc.path = p
    doc.size_bytes = st.st_size
    _check_extracted(doc, max_chars)
    return doc


def from_text(name: str, text: str, *, max_chars: int = MAX_TEXT_CHARS) -> Document:
    """Pasted text as a document. `name` may carry an extension ("snippet.py") for its kind."""
    name = (name or "").strip() or "Pasted text"
    kind, language = kind_of(name) if "." in name else (PASTED, None)
    if kind in (PDF, DOCX):
        kind, language = PASTED, None
    text = (text or "").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(name=name, kind=kind, text=text, encoding="utf-8", language=language,
                   size_bytes=len(text.encode("utf-8", errors="replace")))
    if kind == HTML:
        doc.text = html_to_text(text)
    _check_extracted(doc, max_chars)
    return doc


def _check_extracted(doc: Document, max_chars: int) -> None:
    if not doc.text.strip():
        raise DocumentError(f"{doc.name} is empty." if doc.kind not in (DOCX, HTML)
                            else f"{doc.name} has no text.", path=doc.path, reason="empty")
    if len(doc.text) > max_chars:
        raise DocumentError(f"{doc.name} holds {len(doc.text):,} characters of text, more than the "
                            f"{max_chars:,} Ember reads (about {max_chars // 4:,} tokens): split it "
                            "or attach the part you need.", path=doc.path, reason="oversized")


def _size(n: int) -> str:
    return f"{n / MiB:.0f} MB" if n >= 10 * MiB else f"{n / MiB:.1f} MB"


def _magic(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            if what is None:  # too short a signature to be sure: let the text check decide
                return None
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "a video"}[data[8:12]]
    if data[4:8] == b"ftyp":
        return "a video or image (MP4/HEIC)"
    return None


def _is_docx(data: bytes) -> bool:
    import io
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


# ---------------------------------------------------------------------------------- PDF
def _load_pdf(p: Path, name: str, data: bytes, progress) -> Document:
    try:
        import pypdfium2 as pdfium
    except ImportError as e:  # pragma: no cover - a dependency
        raise DocumentError("Reading PDFs needs pypdfium2: reinstall Ember.", reason="unsupported") from e
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == 4:  # FPDF_ERR_PASSWORD
            raise DocumentError(f"{name} is password-protected: open it, save a copy without the "
                                "password, and attach that.", reason="password") from e
        if code == 6:  # FPDF_ERR_SECURITY: an unsupported security handler
            raise DocumentError(f"{name} uses an encryption Ember cannot open: save a copy without "
                                "protection and attach that.", reason="password") from e
        raise DocumentError(f"{name} could not be read as a PDF (it may be damaged or "
                            "incomplete).", reason="damaged") from e
    try:
        n = len(pdf)
        if n == 0:
            raise DocumentError(f"{name} has no pages.", reason="empty")
        parts: list[str] = []
        starts: list[int] = []
        pos = 0
        blank = 0
        for i in range(n):
            page = pdf[i]
            try:
                tp = page.get_textpage()
                try:
                    t = tp.get_text_range()
                finally:
                    tp.close()
            finally:
                page.close()
            t = t.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
            t = "\n".join(line.rstrip() for line in t.split("\n")).strip("\n")
            if not t.strip():
                blank += 1
            chunk = f"[Page {i + 1}]\n{t}\n\n" if t.strip() else f"[Page {i + 1}]\n\n"
            starts.append(pos)
            parts.append(chunk)
            pos += len(chunk)
            if progress is not None and progress(i + 1, n) is False:
                raise DocumentError(f"Reading {name} was cancelled.", reason="cancelled")
    except pdfium.PdfiumError as e:
        raise DocumentError(f"{name} could not be read as a PDF (it may be damaged).",
                            reason="damaged") from e
    finally:
        pdf.close()
    if blank == n:
        raise DocumentError(f"{name} has no text layer (its {n} page{'s are' if n != 1 else ' is'} "
                            "images, e.g. a scan): run OCR on it first, Ember reads text only.",
                            reason="image_only")
    doc = Document(name=name, kind=PDF, text="".join(parts).rstrip("\n") + "\n", pages=n,
                   page_starts=starts)
    if blank:
        doc.notes.append(f"{blank} of {n} pages {'has' if blank == 1 else 'have'} no text "
                         "(images only)")
    return doc


# --------------------------------------------------------------------------------- DOCX
def _load_docx(p: Path, name: str, data: bytes) -> Document:
    import io
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover - a dependency
        raise DocumentError("Reading DOCX files needs python-docx: reinstall Ember.",
                            reason="unsupported") from e
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:
        raise DocumentError(f"{name} could not be read as a Word document (it may be damaged).",
                            reason="damaged") from e
    out: list[str] = []

    def para(pg: "Paragraph") -> str:
        t = pg.text.strip()
        if not t:
            return ""
        style = (pg.style.name if pg.style is not None else "") or ""
        m = re.match(r"Heading (\d)", style)
        if m:
            return "#" * int(m.group(1)) + " " + t
        if style == "Title":
            return "# " + t
        if style.startswith("List"):
            return "- " + t
        return t

    def table(tb: "Table") -> list[str]:
        rows = []
        for row in tb.rows:
            cells = []
            for c in row.cells:
                cells.append(" ".join(x.strip() for x in c.text.split("\n") if x.strip()))
            # merged cells repeat: keep one of each run
            dedup = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]
            rows.append("| " + " | ".join(dedup) + " |")
        return rows

    try:
        for block in d.iter_inner_content():
            if isinstance(block, Table):
                out.extend(table(block))
            else:
                t = para(block)
                if t:
                    out.append(t)
    except Exception as e:
        raise DocumentError(f"{name} could not be read as a Word document (it may be damaged).",
                            reason="damaged") from e
    return Document(name=name, kind=DOCX, text="\n".join(out) + ("\n" if out else ""))


# --------------------------------------------------------------------------------- HTML
class _HTMLText(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
    BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "ul",
             "ol", "table", "tr", "blockquote", "pre", "form", "fieldset", "figure",
             "figcaption", "dl", "dt", "dd", "hr", "address", "details", "summary", "h1", "h2",
             "h3", "h4", "h5", "h6", "li", "br", "caption", "tbody", "thead", "tfoot", "body"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.pre = 0
        self.title: list[str] = []
        self.in_title = False
        self.cell = False

    def _nl(self, n: int = 1) -> None:
        self.out.append("\n" * n)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
            return
        if tag == "title":
            self.in_title = True
        if self.skip:
            return
        if tag == "pre":
            self.pre += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._nl(2)
            self.out.append("#" * int(tag[1]) + " ")
        elif tag == "li":
            self._nl()
            self.out.append("- ")
        elif tag in ("td", "th"):
            self.out.append(" | " if self.cell else "| ")
            self.cell = True
        elif tag == "tr":
            self._nl()
            self.cell = False
        elif tag in ("p", "pre", "blockquote", "table"):
            self._nl(2)
        elif tag in self.BLOCK:
            self._nl()
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.out.append(f"[image: {alt}]")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.SKIP:
            self.skip -= 1

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
        if self.skip:
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag == "tr" and self.cell:
            self.out.append(" |")
            self.cell = False
        if tag in self.BLOCK and tag not in ("br", "hr", "li", "tr"):
            self._nl(2 if tag in ("p", "pre", "blockquote", "table", "h1", "h2", "h3", "h4",
                                  "h5", "h6") else 1)

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        if self.pre:  # kept as it is: newlines and spaces protected from the clean-up below
            self.out.append(data.replace("\n", "\ue000").replace(" ", "\ue001")
                            .replace("\t", "\ue002"))
        else:
            self.out.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        s = "".join(self.out)
        s = "\n".join(ln.strip() for ln in s.split("\n"))
        s = re.sub(r"\n{3,}", "\n\n", s).strip("\n")
        s = s.replace("\ue000", "\n").replace("\ue001", " ").replace("\ue002", "\t")
        title = " ".join("".join(self.title).split())
        if title and not s.startswith(("# " + title, title)):
            s = f"# {title}\n\n{s}" if s else f"# {title}"
        return s + "\n" if s else ""


def html_to_text(source: str) -> str:
    """HTML to readable text: scripts and styles dropped, headings as '#', list items as '-',
    table rows as '| a | b |', <pre> kept as it is."""
    p = _HTMLText()
    try:
        p.feed(source)
        p.close()
    except Exception:  # html.parser is lenient; never let a strange page stop the attach
        return re.sub(r"<[^>]+>", " ", html.unescape(source))
    return p.text()


def _load_html(name: str, data: bytes) -> Document:
    enc = None
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", data[:4096], re.I)
    if m and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = m.group(1).decode("ascii", "replace").lower()
        try:
            codecs.lookup(declared)
            text = data.decode(declared)
            enc = declared
        except (LookupError, UnicodeDecodeError):
            enc = None
    if enc is None:
        text, enc = decode_text(data, name=name)
    return Document(name=name, kind=HTML, text=html_to_text(text), encoding=enc)


# ------------------------------------------------------------------------------ tokens
Tokenizer = Union["Engine", Callable[[str], Union[int, Sequence[int]]]]

# text that the chat template would read as control tokens if a document contained it
_SPECIAL = re.compile(r"<\|(?=[^\s|<>]{1,40}\|>)|<(?=(?:start_of_turn|end_of_turn|bos|eos|/?s|pad)>)")


def neutralize(text: str) -> str:
    """Keep a document's literal "<|im_end|>" / "<end_of_turn>" from ending its turn: a zero-width
    space after the '<' (prompt text is tokenized with special tokens parsed)."""
    return _SPECIAL.sub(lambda m: m.group(0) + "\u200b", text)


class _Counter:
    """Counts tokens with an Engine (its tokenizer and chat template: exact) or a callable
    text -> tokens or count (template overhead estimated)."""

    PER_MESSAGE = 6   # <|im_start|>role\n ... <|im_end|>\n, for a callable tokenizer

    def __init__(self, source: Tokenizer):
        self.engine = source if hasattr(source, "tokenize") and hasattr(source, "chat_tokens") else None
        self.fn = None if self.engine is not None else source
        if self.engine is None and not callable(source):
            raise TypeError("budget needs an Engine or a callable tokenizer")
        if self.engine is not None:
            info = getattr(self.engine, "info", None)
            self.key = ("engine", str(getattr(info, "path", "")), id(self.engine))
        else:
            self.key = ("fn", id(source))

    def count(self, text: str) -> int:
        if not text:
            return 0
        if self.engine is not None:
            return len(self.engine.tokenize(text, add_special=False, parse_special=True))
        r = self.fn(text)
        return r if isinstance(r, int) else len(r)

    def prompt(self, messages: Sequence[dict]) -> int:
        if not messages:
            return 0
        if self.engine is not None:
            return len(self.engine.chat_tokens(messages))
        return sum(self.count(m.get("content") or "") + self.PER_MESSAGE for m in messages) + 3


def count_tokens(engine_or_tokenizer: Tokenizer, doc: Document) -> int:
    """Tokens of the document as it goes into the prompt (with its header), by the loaded model's
    own tokenizer; cached on the document per tokenizer and stored in doc.tokens."""
    c = engine_or_tokenizer if isinstance(engine_or_tokenizer, _Counter) else _Counter(engine_or_tokenizer)
    n = doc._token_cache.get(c.key)
    if n is None:
        n = c.count(render_part(doc))
        doc._token_cache[c.key] = n
    doc.tokens = n
    return n


# --------------------------------------------------------------------------- the prompt
DOC_SYSTEM = ("You are Ember, a helpful coding assistant. The user attached the documents below. "
              "Answer from them, and say which document and which part (page or lines) you used.")
RETRIEVAL_NOTE = ("The documents were too long to send whole: only the parts that best match the "
                  "question are included, each labelled with its location.")


@dataclass
class Chunk:
    """A part of a document picked by retrieval."""
    doc: Document
    doc_index: int                    # the document's position among those attached
    start: int                        # char offsets into doc.text
    end: int
    tokens: int
    score: float = 0.0                # BM25 (lower is better, as SQLite reports it); 0 = unranked
    rank: int = -1                    # 0 = best match

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    @property
    def location(self) -> str:
        return self.doc.location(self.start, self.end)


Part = Union[Document, Chunk]


def _attr(v: str) -> str:
    return v.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def render_part(part: Part) -> str:
    """One document (or chunk) as it appears in the prompt: a stable header, the text."""
    if isinstance(part, Chunk):
        d = part.doc
        head = f'<document name="{_attr(d.name)}" part="{_attr(d.location(part.start, part.end, with_name=False))}">'
        body = part.text
    else:
        d = part
        extra = f' pages="{d.pages}"' if d.pages else ""
        if d.language:
            extra += f' language="{_attr(d.language)}"'
        head = f'<document name="{_attr(d.name)}"{extra}>'
        body = d.text
    body = neutralize(body)
    if not body.endswith("\n"):
        body += "\n"
    return f"{head}\n{body}</document>"


def build_messages(parts: Iterable[Part], history: Sequence[dict], question: str | None,
                   system: str | None = None) -> list[dict]:
    """The chat to send: a system message holding the system prompt and then every document (in
    the order attached, in a stable form), the conversation so far, the question last.

    Follow-ups keep the same documents and history, so their prompt starts with the previous
    one and the engine reuses that KV prefix: only the new turn is processed. `history` may hold
    a system message of its own: its text is used as the system prompt (and `system` wins)."""
    parts = list(parts)
    hist = [dict(m) for m in history]
    if hist and hist[0].get("role") == "system":
        first = hist.pop(0)
        if system is None:
            system = first.get("content") or None
    msgs: list[dict] = []
    if parts:
        retrieved = any(isinstance(p, Chunk) for p in parts)
        head = (system.strip() if system and system.strip() else DOC_SYSTEM)
        if retrieved:
            head += "\n\n" + RETRIEVAL_NOTE
        body = "\n\n".join(render_part(p) for p in parts)
        msgs.append({"role": "system", "content": f"{head}\n\n{body}"})
    elif system:
        msgs.append({"role": "system", "content": system})
    msgs.extend(hist)
    if question is not None and question != "":
        msgs.append({"role": "user", "content": question})
    return msgs


# ---------------------------------------------------------------------------- chunking
CHUNK_TOKENS = 512
OVERLAP_TOKENS = 64


def chunk_document(counter: Tokenizer, doc: Document, doc_index: int = 0, *,
                   chunk_tokens: int = CHUNK_TOKENS, overlap_tokens: int = OVERLAP_TOKENS) -> list[Chunk]:
    """Overlapping chunks of ~chunk_tokens, cut at line ends (inside a very long line, at a space),
    each sharing ~overlap_tokens with the next. Token counts are exact (with the chunk header)."""
    c = counter if isinstance(counter, _Counter) else _Counter(counter)
    key = (c.key, chunk_tokens, overlap_tokens)
    cached = doc._chunk_cache.get(key)
    if cached is not None:
        return [Chunk(doc, doc_index, ch.start, ch.end, ch.tokens) for ch in cached]
    text = doc.text
    total = count_tokens(c, doc)
    cpt = max(1.0, len(text) / max(1, total))           # characters per token in this document
    size = max(64, int(chunk_tokens * cpt))
    overlap = min(size // 2, int(overlap_tokens * cpt))
    breaks = doc.line_starts
    if doc.kind == PDF:  # a page start is a good place to cut too
        breaks = sorted(set(breaks) | set(doc.page_starts))
    n = len(text)
    out: list[Chunk] = []
    start = 0
    while start < n:
        limit = start + size
        if limit >= n:
            end = n
        else:
            i = bisect.bisect_right(breaks, limit) - 1
            end = breaks[i] if i >= 0 and breaks[i] > start + size // 2 else _soft_cut(text, start, limit)
        out.append(Chunk(doc, doc_index, start, end, 0))
        if end >= n:
            break
        back = end - overlap
        j = bisect.bisect_left(breaks, back)
        nxt = breaks[j] if j < len(breaks) and breaks[j] < end else back
        if nxt <= start:
            nxt = end
        start = nxt
    for ch in out:
        ch.tokens = c.count(render_part(ch))
    doc._chunk_cache[key] = [Chunk(doc, doc_index, ch.start, ch.end, ch.tokens) for ch in out]
    return out


def _soft_cut(text: str, start: int, limit: int) -> int:
    """Inside a long line: cut after the last whitespace before `limit` (else at `limit`)."""
    window = text[max(start + 1, limit - 400):limit]
    k = max(window.rfind(" "), window.rfind("\t"))
    return limit - len(window) + k + 1 if k >= 0 else limit


# ---------------------------------------------------------------------------- retrieval
_STOP = set("""a an and are as at be but by can could did do does doing for from had has have how
i if in into is it its me my no not of on or our please shall should so some such tell than that
the their them then there these they this those to too us was we were what when where which while
who whom why will with would you your about explain describe show give find list say says said
document documents file files text""".split())


def search_terms(question: str) -> list[str]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", question or "").lower())
    seen: dict[str, None] = {}
    for w in words:
        if w in _STOP or (len(w) < 2 and not w.isdigit()):
            continue
        seen.setdefault(w, None)
    return list(seen)[:64]


def rank_chunks(chunks: Sequence[Chunk], question: str) -> list[Chunk]:
    """Chunks matching any term of the question, best first (SQLite FTS5, BM25). Sets .score and
    .rank on those returned; chunks matching no term are left out."""
    terms = search_terms(question)
    if not terms or not chunks:
        return []
    con = sqlite3.connect(":memory:")
    try:
        try:
            con.execute("CREATE VIRTUAL TABLE c USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
        except sqlite3.OperationalError as e:
            raise EmberError("This Python's SQLite has no FTS5 full-text search, which retrieval "
                             "needs: install Ember's own build.") from e
        con.executemany("INSERT INTO c(rowid, body) VALUES (?, ?)",
                        ((i, ch.text) for i, ch in enumerate(chunks)))
        query = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = con.execute("SELECT rowid, bm25(c) FROM c WHERE c MATCH ? ORDER BY bm25(c), rowid",
                           (query,)).fetchall()
    finally:
        con.close()
    ranked = []
    for r, (i, score) in enumerate(rows):
        ch = chunks[i]
        ch.score, ch.rank = float(score), r
        ranked.append(ch)
    return ranked


def _merge(chosen: list[Chunk], counter: _Counter) -> list[Chunk]:
    """Document order; overlapping or touching chunks of one document become one."""
    chosen = sorted(chosen, key=lambda ch: (ch.doc_index, ch.start))
    out: list[Chunk] = []
    for ch in chosen:
        if out and out[-1].doc is ch.doc and ch.start <= out[-1].end:
            prev = out[-1]
            merged = Chunk(ch.doc, ch.doc_index, prev.start, max(prev.end, ch.end), 0,
                           score=min(prev.score, ch.score), rank=min(prev.rank, ch.rank))
            out[-1] = merged
        else:
            out.append(Chunk(ch.doc, ch.doc_index, ch.start, ch.end, ch.tokens, ch.score, ch.rank))
    for ch in out:
        if ch.tokens == 0:
            ch.tokens = counter.count(render_part(ch))
    return out


# ------------------------------------------------------------------------------- budget
FITS, RELOAD, RETRIEVE, TOO_LONG = "fits", "reload", "retrieve", "too_long"
RESERVE_FOR_ANSWER = 1024
MIN_DOC_ROOM = 256        # below this many free tokens, retrieval is pointless
SAFETY = 16               # tokens kept spare when filling the context with chunks


@dataclass
class Budget:
    """What Ember will do with the attached documents, decided before sending."""
    decision: str                     # fits | reload | retrieve | too_long
    sentence: str                     # one sentence for the UI and the CLI
    n_ctx: int                        # the current context
    reserve: int                      # tokens kept for the answer
    docs: list[Document]
    doc_tokens: list[int]             # per document, with its header
    base_tokens: int                  # the prompt without documents (system, history, question)
    full_tokens: int                  # the prompt with every document whole
    prompt_tokens: int                # the prompt as it will be sent (fits/retrieve)
    needed_ctx: int                   # full_tokens + reserve
    plan: "Plan | None" = None        # reload: the planner's configuration
    chunks: list[Chunk] = field(default_factory=list)   # retrieve: what goes, in document order
    total_chunks: int = 0             # retrieve: how many chunks the documents were cut into
    _retrieval: Callable[[], "Budget"] | None = field(default=None, repr=False, compare=False)

    @property
    def to_send(self) -> list[Part]:
        """The documents (fits, reload once reloaded) or the chunks (retrieve)."""
        if self.decision == RETRIEVE:
            return list(self.chunks)
        if self.decision == TOO_LONG:
            return []
        return list(self.docs)

    @property
    def used(self) -> list[str]:
        """Locations sent: 'report.pdf p. 12-13', ... (whole documents: their names)."""
        if self.decision == RETRIEVE:
            return [ch.location for ch in self.chunks]
        return [d.name for d in self.docs] if self.decision == FITS else []

    @property
    def doc_total(self) -> int:
        return sum(self.doc_tokens)

    def messages(self, history: Sequence[dict], question: str | None,
                 system: str | None = None) -> list[dict]:
        return build_messages(self.to_send, history, question, system)

    def without_reload(self) -> "Budget":
        """For a declined reload: the retrieval decision at the current context."""
        if self.decision != RELOAD or self._retrieval is None:
            return self
        return self._retrieval()


def budget(engine_or_tokenizer: Tokenizer, docs: Sequence[Document],
           history: Sequence[dict] = (), question: str | None = "", n_ctx: int | None = None,
           reserve_for_answer: int = RESERVE_FOR_ANSWER, *, system: str | None = None,
           model=None, hardware: "Hardware | None" = None, allow_reload: bool = True,
           chunk_tokens: int = CHUNK_TOKENS, overlap_tokens: int = OVERLAP_TOKENS) -> Budget:
    """Decide, before sending, how the documents go into the context.

    engine_or_tokenizer: the loaded Engine (its tokenizer and chat template count exactly), or a
    callable text -> tokens (or a count). n_ctx: the current context (default: the engine's).
    model: what the planner plans for when the documents do not fit (a ModelFacts, CatalogModel,
    GGUFInfo or path; default: the engine's model file); hardware: default this machine;
    allow_reload=False skips the reload option (e.g. the user declined it for this chat).

    fits     -> everything goes whole;
    reload   -> it fits this model on this hardware with a larger context: `plan` is the
                configuration to reload with (bigger context, YaRN and a q8_0 KV cache where
                needed); `without_reload()` gives the retrieval decision instead;
    retrieve -> the best-matching chunks for the question fill the room left (`chunks`, `used`);
    too_long -> the conversation alone leaves no room for documents."""
    counter = _Counter(engine_or_tokenizer)
    docs = list(docs)
    if n_ctx is None:
        info = getattr(counter.engine, "info", None)
        if info is None:
            raise EmberError("Load a model first: the budget is counted with its tokenizer.")
        n_ctx = info.n_ctx
    reserve = max(0, int(reserve_for_answer))
    doc_tokens = [count_tokens(counter, d) for d in docs]
    base = counter.prompt(build_messages([], history, question, system))
    full_msgs = build_messages(docs, history, question, system)
    full = counter.prompt(full_msgs) if docs else base
    needed = full + reserve + 1   # the engine keeps one position free
    what = _what(docs, doc_tokens)
    common = dict(n_ctx=n_ctx, reserve=reserve, docs=docs, doc_tokens=doc_tokens, base_tokens=base,
                  full_tokens=full, needed_ctx=needed)

    if needed <= n_ctx:
        left = n_ctx - full - 1
        if docs:
            s = (f"{what} fit{'s' if len(docs) == 1 else ''} in the {_ctx(n_ctx)} context: the "
                 f"prompt is {full:,} tokens with the conversation and your question, leaving "
                 f"{left:,} for the answer.")
        else:
            s = f"The prompt is {full:,} tokens of the {_ctx(n_ctx)} context."
        return Budget(FITS, s, prompt_tokens=full, **common)

    current = f"larger than the current {_ctx(n_ctx)} context"

    def retrieval(reason: str = current) -> Budget:
        return _retrieve(counter, docs, history, question, system, reason, common,
                         chunk_tokens=chunk_tokens, overlap_tokens=overlap_tokens)

    reason = current
    facts = _facts(model, counter) if allow_reload else None
    if facts is not None and docs:
        p, why = _reload_plan(facts, hardware, needed, n_ctx)
        reason = why or current
        if p is not None:
            where = _where(p)
            s = (f"{what} need{'s' if len(docs) == 1 else ''} {needed:,} tokens of context but "
                 f"{facts.name} is loaded with {_ctx(n_ctx)}: reloading it with a "
                 f"{_ctx(p.n_ctx)} context ({_plan_words(p)}) {where} reads "
                 f"{'it' if len(docs) == 1 else 'them'} whole.")
            return Budget(RELOAD, s, prompt_tokens=full, plan=p, _retrieval=retrieval, **common)
    if not docs:
        s = (f"The conversation and your question already take {base:,} tokens, more than the "
             f"{n_ctx:,}-token context holds with {reserve:,} kept for the answer: start a new "
             "chat.")
        return Budget(TOO_LONG, s, prompt_tokens=base, **common)
    return retrieval(reason)


def _retrieve(counter: _Counter, docs, history, question, system, reason: str, common: dict, *,
              chunk_tokens: int, overlap_tokens: int) -> Budget:
    n_ctx, reserve = common["n_ctx"], common["reserve"]
    docs_what = _what(docs, common["doc_tokens"])
    empty = counter.prompt(build_messages([], history, question, system))
    # the system text that retrieval adds around the chunks
    head = DOC_SYSTEM + "\n\n" + RETRIEVAL_NOTE + "\n\n"
    overhead = counter.count(head) + counter.PER_MESSAGE + 2
    room = n_ctx - 1 - reserve - empty - overhead - SAFETY
    if room < MIN_DOC_ROOM:
        s = (f"The conversation and your question already take {empty:,} tokens, so with "
             f"{reserve:,} kept for the answer the {n_ctx:,}-token context has no room for "
             f"{docs_what}: start a new chat to ask about the documents.")
        return Budget(TOO_LONG, s, prompt_tokens=empty, **common)
    chunks: list[Chunk] = []
    for i, d in enumerate(docs):
        chunks.extend(chunk_document(counter, d, i, chunk_tokens=chunk_tokens,
                                     overlap_tokens=overlap_tokens))
    ranked = rank_chunks(chunks, question or "")
    from_start = not ranked and bool((question or "").strip())
    if from_start:  # nothing matches ("summarize this"): the beginning, in order
        ranked = list(chunks)
        for i, ch in enumerate(ranked):
            ch.rank = i
    chosen: list[Chunk] = []
    used = 0
    for ch in ranked:
        cost = ch.tokens + 2  # the blank line between parts
        if used + cost > room:
            if from_start:
                break         # the beginning stays one piece
            continue          # a smaller, lower-ranked chunk may still fit
        chosen.append(ch)
        used += cost
    merged = _merge(chosen, counter)
    msgs = build_messages(merged, history, question, system)
    total = counter.prompt(msgs) if merged else empty
    while merged and total + reserve + 1 > n_ctx:  # counts are per piece: check the whole
        worst = max(chosen, key=lambda ch: ch.rank)
        chosen.remove(worst)
        merged = _merge(chosen, counter)
        msgs = build_messages(merged, history, question, system)
        total = counter.prompt(msgs) if merged else empty
    sent = sum(ch.tokens for ch in merged)
    if not (question or "").strip():
        s = (f"{docs_what} {'is' if len(docs) == 1 else 'are'} {reason}, so Ember will send "
             f"the parts that best match your question, up to {room:,} tokens.")
    elif from_start:
        s = (f"{docs_what} {'is' if len(docs) == 1 else 'are'} {reason}, and no part of "
             f"{'it' if len(docs) == 1 else 'them'} matches the words of your question, so Ember "
             f"will send the beginning ({sent:,} tokens): {_locations(merged)}.")
    else:
        s = (f"{docs_what} {'is' if len(docs) == 1 else 'are'} {reason}, so Ember will send the "
             f"{len(merged)} part{'s' if len(merged) != 1 else ''} that best match your question "
             f"({sent:,} tokens): {_locations(merged)}.")
    return Budget(RETRIEVE, s, prompt_tokens=total, chunks=merged, total_chunks=len(chunks),
                  **common)


def _locations(chunks: Sequence[Chunk], limit: int = 8) -> str:
    """'manual.txt lines 1-24, lines 30-36; report.pdf p. 12-13 and 5 more'."""
    groups: list[tuple[Document, list[str]]] = []
    for ch in chunks[:limit]:
        where = ch.doc.location(ch.start, ch.end, with_name=False)
        if groups and groups[-1][0] is ch.doc:
            groups[-1][1].append(where)
        else:
            groups.append((ch.doc, [where]))
    text = "; ".join(f"{d.name} {', '.join(w)}" for d, w in groups)
    if len(chunks) > limit:
        text += f" and {len(chunks) - limit} more"
    return text


def _facts(model, counter: _Counter) -> "ModelFacts | None":
    from .plan import ModelFacts
    try:
        if model is not None:
            return ModelFacts.of(model)
        info = getattr(counter.engine, "info", None)
        if info is not None:
            return ModelFacts.of(info.path)
    except Exception:
        return None
    return None


CTX_STEP = 8192


def _reload_plan(facts: "ModelFacts", hardware, needed: int, n_ctx: int) -> tuple["Plan | None", str]:
    """The configuration that reads `needed` tokens, or None and why not (a clause).

    Within the training context: the needed size plus a quarter for follow-ups, in 8K steps.
    Beyond it, with YaRN: the model's maximum (Qwen documents the static factor 4: 128K), or,
    where that does not fit the hardware, the smallest YaRN context that holds the documents."""
    from . import plan as planner
    from .hardware import probe
    if needed > facts.max_context:
        return None, (f"larger than the {_ctx(facts.max_context)} tokens {facts.name} can read at "
                      "once")
    hw = hardware if hardware is not None else probe()
    if needed <= facts.training_context:
        wants = [min(facts.training_context, _round_up(int(needed * 1.25), CTX_STEP)),
                 _round_up(needed, CTX_STEP)]
    else:
        wants = [facts.max_context, min(facts.max_context, _round_up(needed, CTX_STEP))]
    last = None
    for want in dict.fromkeys(wants):
        want = max(want, needed)
        if want <= n_ctx:
            continue
        p = planner.plan(facts, hw, want)
        last = p
        if p.fit != planner.NO and p.n_ctx >= needed:
            return p, ""
    if last is not None and last.fit == planner.NO:
        where = "this machine" if hw.label == "this machine" else f"the {hw.label} profile"
        return None, (f"larger than {facts.name} can read at once on {where} (a "
                      f"{_ctx(last.n_ctx)} context does not fit its memory)")
    return None, f"larger than the current {_ctx(n_ctx)} context"


def _round_up(n: int, step: int) -> int:
    return int(math.ceil(n / step) * step)


def _ctx(n: int) -> str:
    return f"{n // 1024}K" if n % 1024 == 0 else f"{n:,}-token"


def _plan_words(p: "Plan") -> str:
    bits = []
    if p.yarn:
        bits.append("YaRN")
    bits.append(f"{p.kv_type} KV cache")
    if p.flash_attn == "on":
        bits.append("flash attention")
    return ", ".join(bits)


def _where(p: "Plan") -> str:
    if p.device == "cpu":
        return "on the CPU (slow for this much text)"
    card = p.gpu_name or "the GPU"
    for prefix in ("NVIDIA ", "GeForce "):
        card = card.replace(prefix, "")
    if p.fit == "partial":
        return f"with {p.n_gpu_layers} of {p.n_layers} layers on the {card}"
    return f"on the {card}"


def _what(docs: Sequence[Document], tokens: Sequence[int]) -> str:
    if len(docs) == 1:
        d = docs[0]
        pages = f"{d.pages} pages, " if d.pages else ""
        return f"{d.name} ({pages}{tokens[0]:,} tokens)"
    return f"{len(docs)} documents ({sum(tokens):,} tokens)"
