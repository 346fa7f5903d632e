"""The document itself: size limits, kinds of files, Document and DocumentError.

Part of desktop/core/documents (its __init__ tells the whole story)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EmberError

MiB = 1 << 20


# ------------------------------------------------------------------------------ limits
MAX_FILE_BYTES = 100 * MiB        # a file larger than this is refused before it is read
MAX_TEXT_CHARS = 8_000_000        # extracted text beyond this (~2M tokens) is refused, not cut
MAX_PAGE_CHARS = 100_000       # a PDF page holding more is cut there (a said note)
BINARY_SNIFF = 64 * 1024          # bytes looked at to tell text from binary
# a DOCX is a ZIP: its central directory is checked against these before anything is inflated
DOCX_MAX_UNCOMPRESSED = 300 * MiB  # all members together (a 100 MB file of photos, plus XML)
DOCX_MAX_MEMBER = 200 * MiB        # one member (word/document.xml of 8M characters is ~60 MB)
DOCX_MAX_RATIO = 200               # inflated/compressed for a member over DOCX_RATIO_FROM bytes:
DOCX_RATIO_FROM = 1 * MiB          # Word's XML deflates ~10-30x; a zip bomb ~1000x
DOCX_MAX_MEMBERS = 10_000

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

# what the package re-exports (its __init__ star-imports these)
__all__ = [
    "BINARY_SNIFF", "CODE", "DOCX", "HTML", "HTML_EXT", "LANGUAGES", "MARKDOWN", "MARKDOWN_EXT",
    "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "NAMED_FILES", "PASTED", "PDF", "TEXT", "TEXT_EXT",
    "Document", "DocumentError", "MiB",
]
