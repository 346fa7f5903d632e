"""Reading files into Documents: encodings, PDF (pypdfium2), DOCX, HTML, text and code.

Part of desktop/core/documents (its __init__ tells the whole story)."""
from __future__ import annotations

import codecs
import html
import os
import re
import stat
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable

from ..texts import tr
from .model import (
    _CFB,
    _MAGIC,
    BINARY_SNIFF,
    CODE,
    DOCX,
    DOCX_MAX_MEMBER,
    DOCX_MAX_MEMBERS,
    DOCX_MAX_RATIO,
    DOCX_MAX_UNCOMPRESSED,
    DOCX_RATIO_FROM,
    HTML,
    HTML_EXT,
    LANGUAGES,
    MARKDOWN,
    MARKDOWN_EXT,
    MAX_FILE_BYTES,
    MAX_PAGE_CHARS,
    MAX_TEXT_CHARS,
    NAMED_FILES,
    PASTED,
    PDF,
    TEXT,
    Document,
    DocumentError,
    MiB,
)

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
    enc: str | None
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
            raise DocumentError(tr("{name} is a binary file, not text: Ember reads text, "
                                   "Markdown, source code, PDF, DOCX and HTML.").format(
                                    name=name), reason="binary")
        try:
            return _check_text(data.decode(enc), name), enc
        except UnicodeDecodeError as e:
            raise DocumentError(tr("{name} is a binary file, not text.").format(name=name), reason="binary") from e
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
    raise DocumentError(tr("{name} could not be decoded as text.").format(name=name), reason="binary")  # unreachable


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
            raise DocumentError(tr("{name} looks like a binary file, not text: Ember reads "
                                   "text, Markdown, source code, PDF, DOCX and HTML.").format(
                                    name=name), reason="binary")
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
    st = _checked_stat(p, name, max_bytes)
    try:
        data = read_bounded(p, max_bytes, name=name)
    except OSError as e:
        raise DocumentError(tr("{name} could not be read ({reason}).").format(
                                name=name, reason=e.strerror or e), path=p,
                            reason="unreadable") from e
    except DocumentError as e:
        e.path = p
        raise

    kind, language = _sniff(p, name, data)

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


def _checked_stat(p: Path, name: str, max_bytes: int):
    """The file's stat, once it is a regular, non-empty file within the size Ember reads."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DocumentError(tr("{name} was not found.").format(name=name), path=p, reason="not_found") from None
    except OSError as e:
        raise DocumentError(tr("{name} could not be read ({reason}).").format(
                                name=name, reason=e.strerror or e), path=p,
                            reason="unreadable") from e
    if p.is_dir():
        raise DocumentError(tr("{name} is a folder: attach the files in it instead.").format(
                                name=name), path=p,
                            reason="unsupported")
    if not stat.S_ISREG(st.st_mode):  # a FIFO would block the open, /dev/zero never ends
        raise DocumentError(_not_regular(name, st.st_mode), path=p, reason="unsupported")
    if st.st_size == 0:
        raise DocumentError(tr("{name} is empty.").format(name=name), path=p, reason="empty")
    if st.st_size > max_bytes:
        raise DocumentError(tr("{name} is {size}, larger than the "
                               "{limit} Ember reads: split it or attach the part "
                               "you need.").format(
                                name=name, size=_size(st.st_size),
                                limit=_size(max_bytes)), path=p,
                            reason="oversized")
    return st


def _sniff(p: Path, name: str, data: bytes) -> tuple[str, str | None]:
    """The document's kind and language by its name, corrected by its first bytes (a PDF or
    DOCX under another name); an encrypted, old Office, archive or binary file is refused."""
    kind, language = kind_of(name)
    head = data[:16]
    if head.startswith(b"%PDF-") or (kind == PDF and b"%PDF-" in data[:1024]):
        kind = PDF
    elif head.startswith(b"PK\x03\x04") and (kind == DOCX or _is_docx(data)):
        kind = DOCX
    elif head.startswith(_CFB):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data[:4 * MiB]:
            raise DocumentError(tr("{name} is password-protected: remove the password in "
                                   "Word and attach it again.").format(name=name), path=p, reason="password")
        raise DocumentError(tr("{name} is an old Office file (.doc/.xls): save it as DOCX "
                               "or PDF and attach that.").format(name=name), path=p, reason="unsupported")
    elif head.startswith(b"PK\x03\x04"):
        raise DocumentError(tr("{name} is a ZIP archive (or an Office file other than "
                               "DOCX): unpack it and attach the files inside.").format(
                                name=name), path=p, reason="binary")
    else:
        what = _magic(data)
        if what:
            raise DocumentError(tr("{name} is {what}, not text: Ember reads text, Markdown, "
                                   "source code, PDF, DOCX and HTML.").format(
                                    name=name, what=what), path=p, reason="binary")
    return kind, language


def read_bounded(path: Path, max_bytes: int, *, name: str | None = None) -> bytes:
    """A regular file's bytes, never more than max_bytes: a file that grew since it was looked
    at (a log being written), or one whose size the system does not know (/proc), is read up to
    the cap and refused past it, so it cannot fill the memory. Opened without blocking and
    checked again once open: a FIFO or a device swapped in for the file never hangs Ember."""
    name = name or path.name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise DocumentError(_not_regular(name, mode), reason="unsupported")
        return read_fd_bounded(fd, max_bytes, name=name)
    finally:
        os.close(fd)


def read_fd_bounded(fd: int, max_bytes: int, *, name: str = "The file") -> bytes:
    """At most max_bytes from a file descriptor, in chunks; DocumentError(oversized) if there
    is more."""
    chunks: list[bytes] = []
    got = 0
    while got <= max_bytes:
        b = os.read(fd, min(8 * MiB, max_bytes + 1 - got))
        if not b:
            return b"".join(chunks)
        chunks.append(b)
        got += len(b)
    raise DocumentError(tr("{name} holds more than the {limit} Ember reads (it "
                           "grew while it was read, or its size is unknown): split it or "
                           "attach the part you need.").format(
                            name=name, limit=_size(max_bytes)), reason="oversized")


def _not_regular(name: str, mode: int) -> str:
    what = (tr("a named pipe (FIFO)") if stat.S_ISFIFO(mode) else tr("a device") if
            stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else tr("not a regular file"))
    return tr("{name} is {what}, not a file Ember can read: attach a regular file.").format(
               name=name, what=what)


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
                            else tr("{name} has no text.").format(name=doc.name), path=doc.path, reason="empty")
    if len(doc.text) > max_chars:
        raise DocumentError(tr("{name} holds {n_text:,} characters of text, more than the "
                               "{max_chars:,} Ember reads (about {max_chars_4:,} tokens): "
                               "split it or attach the part you need.").format(
                                name=doc.name, n_text=len(doc.text), max_chars=max_chars,
                                max_chars_4=max_chars // 4), path=doc.path, reason="oversized")


def _size(n: int) -> str:
    return f"{n / MiB:.0f} MB" if n >= 10 * MiB else f"{n / MiB:.1f} MB"


def _magic(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            if what is None:  # too short a signature to be sure: let the text check decide
                return None
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": tr("a WebP image"), b"WAVE": tr("a WAV audio file"), b"AVI ": tr("a video")}[data[8:12]]
    if data[4:8] == b"ftyp":
        return tr("a video or image (MP4/HEIC)")
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
        raise DocumentError(tr("Reading PDFs needs pypdfium2: reinstall Ember."), reason="unsupported") from e
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == 4:  # FPDF_ERR_PASSWORD
            raise DocumentError(tr("{name} is password-protected: open it, save a copy "
                                   "without the password, and attach that.").format(name=name), reason="password") from e
        if code == 6:  # FPDF_ERR_SECURITY: an unsupported security handler
            raise DocumentError(tr("{name} uses an encryption Ember cannot open: save a "
                                   "copy without protection and attach that.").format(name=name), reason="password") from e
        raise DocumentError(tr("{name} could not be read as a PDF (it may be damaged or "
                               "incomplete).").format(name=name), reason="damaged") from e
    try:
        n = len(pdf)
        if n == 0:
            raise DocumentError(tr("{name} has no pages.").format(name=name), reason="empty")
        parts: list[str] = []
        starts: list[int] = []
        pos = 0
        blank = 0
        cut: list[int] = []
        for i in range(n):
            page = pdf[i]
            try:
                tp = page.get_textpage()
                try:  # at most MAX_PAGE_CHARS of a page: a crafted page cannot fill memory
                    if tp.count_chars() > MAX_PAGE_CHARS:
                        t = tp.get_text_range(0, MAX_PAGE_CHARS)
                        cut.append(i + 1)
                    else:
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
                raise DocumentError(tr("Reading {name} was cancelled.").format(name=name), reason="cancelled")
    except pdfium.PdfiumError as e:
        raise DocumentError(tr("{name} could not be read as a PDF (it may be damaged).").format(
                                name=name),
                            reason="damaged") from e
    finally:
        pdf.close()
    if blank == n:
        text = (tr("{name} has no text layer (its {n} page is images, e.g. a scan): run OCR on "
                   "it first, Ember reads text only.") if n == 1 else
                tr("{name} has no text layer (its {n} pages are images, e.g. a scan): run OCR on "
                   "it first, Ember reads text only."))
        raise DocumentError(text.format(name=name, n=n), reason="image_only")
    doc = Document(name=name, kind=PDF, text="".join(parts).rstrip("\n") + "\n", pages=n,
                   page_starts=starts)
    if blank:
        doc.notes.append((tr("{blank} of {n} pages has no text (images only)") if blank == 1
                          else tr("{blank} of {n} pages have no text (images only)")).format(
                             blank=blank, n=n))
    if cut:
        pages = ", ".join(map(str, cut[:5])) + (" ..." if len(cut) > 5 else "")
        doc.notes.append((tr("page {pages} cut at {limit:,} characters") if len(cut) == 1 else
                          tr("pages {pages} cut at {limit:,} characters")).format(
                             pages=pages, limit=MAX_PAGE_CHARS))
    return doc


# --------------------------------------------------------------------------------- DOCX
def check_zip(name: str, data: bytes) -> None:
    """Refuse a ZIP (a DOCX) whose central directory promises more than Ember inflates: too many
    members, a member or a total too large, or a compression ratio no Word file has (a zip
    bomb). Only the central directory is read here; nothing is decompressed. The declared sizes
    are binding: zipfile stops inflating a member at its declared size (and then fails its
    CRC), so a directory that lies cannot make the reader inflate more."""
    import io
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        raise DocumentError(tr("{name} could not be read as a Word document (it may be "
                               "damaged).").format(name=name),
                            reason="damaged") from e
    if len(infos) > DOCX_MAX_MEMBERS:
        raise DocumentError(tr("{name} holds {n_infos:,} parts, more than a Word document "
                               "has (at most {DOCX_MAX_MEMBERS:,}): Ember did not open it.").format(
                                name=name, n_infos=len(infos),
                                DOCX_MAX_MEMBERS=DOCX_MAX_MEMBERS),
                            reason="oversized")
    total = 0
    for i in infos:
        size, packed = i.file_size, i.compress_size
        total += size
        if size > DOCX_RATIO_FROM and size > DOCX_MAX_RATIO * max(packed, 1):
            raise DocumentError(tr("{name} looks like a zip bomb: a part ({part}) "
                                   "of {size_packed} unpacks to {size_size} "
                                   "({size_max_packed_1:,} times larger), which no Word "
                                   "document does. Ember did not open it.").format(
                                    name=name, part=i.filename[:80],
                                    size_packed=_size(packed), size_size=_size(size),
                                    size_max_packed_1=size // max(packed, 1)), reason="oversized")
        if size > DOCX_MAX_MEMBER:
            raise DocumentError(tr("{name} holds a part ({part}) that unpacks to "
                                   "{size_size}, more than the {size_DOCX_MAX_MEMBER} Ember "
                                   "reads: it was not opened.").format(
                                    name=name, part=i.filename[:80],
                                    size_size=_size(size),
                                    size_DOCX_MAX_MEMBER=_size(DOCX_MAX_MEMBER)), reason="oversized")
    if total > DOCX_MAX_UNCOMPRESSED:
        raise DocumentError(tr("{name} unpacks to {size_total}, more than the "
                               "{size_DOCX_MAX_UNCOMP} Ember reads from a Word document: it "
                               "was not opened.").format(
                                name=name, size_total=_size(total),
                                size_DOCX_MAX_UNCOMP=_size(DOCX_MAX_UNCOMPRESSED)), reason="oversized")


def _load_docx(p: Path, name: str, data: bytes) -> Document:
    import io
    check_zip(name, data)
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as e:  # pragma: no cover - a dependency
        raise DocumentError(tr("Reading DOCX files needs python-docx: reinstall Ember."),
                            reason="unsupported") from e
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:
        raise DocumentError(tr("{name} could not be read as a Word document (it may be "
                               "damaged).").format(name=name),
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
        raise DocumentError(tr("{name} could not be read as a Word document (it may be "
                               "damaged).").format(name=name),
                            reason="damaged") from e
    return Document(name=name, kind=DOCX, text="\n".join(out) + ("\n" if out else ""))


# --------------------------------------------------------------------------------- HTML
class _HTMLText(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
    BLOCK = {"p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "ul",
             "ol", "table", "tr", "blockquote", "pre", "form", "fieldset", "figure",
             "figcaption", "dl", "dt", "dd", "hr", "address", "details", "summary", "h1", "h2",
             "h3", "h4", "h5", "h6", "li", "br", "caption", "tbody", "thead", "tfoot", "body"}

    def __init__(self) -> None:
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
