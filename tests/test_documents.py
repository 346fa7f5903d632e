"""Documents in the chat (issue 6): every file type, every bad file, the context budget on the
3060/4090 profiles, retrieval, prompts that reuse the KV prefix, KV snapshots, long prefills.

Fixture files are generated here (a hand-written PDF, python-docx, HTML, many encodings); the
models are the real llama.cpp ones from conftest (never mocked)."""
from __future__ import annotations

import io
import itertools
import json
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from desktop.core import documents as D
from desktop.core.documents import DocumentError, load_document
from desktop.core.engine import Engine, LoadSettings, SamplingSettings
from desktop.core.kvcache import KVCache

GREEDY = SamplingSettings(temperature=0.0, max_tokens=6)
ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------------- fixtures
def make_pdf(pages: list[list[str]], *, encrypt: bytes | None = None) -> bytes:
    """A real PDF: one Helvetica text line per string, one page per list (empty list: a page
    with nothing on it, as a scanned image page has no text)."""
    objs: list[bytes | None] = []

    def add(b):
        objs.append(b)
        return len(objs)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = add(None)
    kids = []
    for lines in pages:
        ops = [b"BT /F1 11 Tf 14 TL 50 780 Td"]
        for ln in lines:
            esc = ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"(" + esc.encode("cp1252") + b") Tj T*")
        ops.append(b"ET")
        data = b"\n".join(ops)
        c = add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources "
                        b"<< /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, c)))
    objs[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) +
                          b"] /Count %d >>" % len(kids))
    cat = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    enc = add(encrypt) if encrypt else None
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objs) + 1, cat)
    if enc:
        trailer += (b" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> "
                    b"<0123456789abcdef0123456789abcdef>]" % enc)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


WORDS = ("alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega river mountain "
         "valley forest stone cloud harbor signal vector matrix kernel buffer socket packet "
         "thread mutex queue ledger margin column window border anchor bridge tunnel").split()


def filler(n_words: int, seed: int = 0, per_line: int = 12) -> str:
    rnd = random.Random(seed)
    lines = []
    for i in range(0, n_words, per_line):
        lines.append(" ".join(rnd.choice(WORDS) for _ in range(min(per_line, n_words - i))) + ".")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def long_engine(qwen_path):
    """The tiny Qwen2 with a context large enough for a 20K-token prompt."""
    e = Engine()
    e.load(qwen_path, LoadSettings(n_ctx=24576))
    yield e
    e.unload()


# ------------------------------------------------------------------------ file types
def test_plain_text_markdown_and_source_code(tmp_path):
    (tmp_path / "notes.txt").write_text("first line\nsecond line\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Title\n\nSome *markdown*.\n", encoding="utf-8")
    (tmp_path / "main.rs").write_text("fn main() {\r\n    println!(\"hi\");\r\n}\r\n", encoding="utf-8")
    (tmp_path / "Makefile").write_text("all:\n\tcc -o x x.c\n", encoding="utf-8")
    (tmp_path / "unknown.weird").write_text("just text\n", encoding="utf-8")

    t = load_document(tmp_path / "notes.txt")
    assert (t.kind, t.encoding, t.pages, t.lines) == ("text", "utf-8", None, 2)
    assert t.text == "first line\nsecond line\n" and t.chars == len(t.text)
    assert t.location(0, 5) == "notes.txt line 1"
    assert t.location(0, len(t.text)) == "notes.txt lines 1-2"

    md = load_document(tmp_path / "README.md")
    assert md.kind == "markdown" and md.text.startswith("# Title")

    rs = load_document(tmp_path / "main.rs")
    assert (rs.kind, rs.language) == ("code", "Rust")
    assert rs.text == 'fn main() {\n    println!("hi");\n}\n'   # CRLF normalised
    assert rs.describe(42) == "main.rs · Rust, 3 lines · 42 tokens"

    mk = load_document(tmp_path / "Makefile")
    assert (mk.kind, mk.language) == ("code", "Makefile")
    assert load_document(tmp_path / "unknown.weird").kind == "text"


@pytest.mark.parametrize("encoding,text", [
    ("cp1252", "Le café coûte 3 € — c'est naïve, déjà vu.\nÜber die Straße, größer.\n" * 3),
    ("cp1252", "café\n"),
    ("latin-1", "Ça va très bien, merci. Où est la gare?\n" * 3),
    ("utf-16", "UTF-16 with a BOM: naïve café ✓ 日本語\n"),
    ("utf-16-le", "UTF-16 without a BOM, little endian: plain words here\n" * 3),
    ("utf-8-sig", "UTF-8 with a BOM: ✓ naïve\n"),
    ("shift_jis", "これは日本語のテキストです。文字コードの検出をテストします。\n" * 3),
    ("gbk", "这是一个中文文本，用于测试字符编码检测。\n" * 3),
    ("cp1251", "Это русский текст для проверки кодировки.\n" * 3),
    ("koi8_r", "Это русский текст для проверки кодировки.\n" * 3),
])
def test_encodings_are_detected_not_mangled(tmp_path, encoding, text):
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode(encoding))
    doc = load_document(p)
    assert doc.text == text
    assert doc.encoding


def test_pdf_pages_text_and_locations(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(make_pdf([["Introduction to the report", "It has two lines."],
                            ["Results (see table 2)", "Résumé: naïve café"],
                            ["Conclusion"]]))
    doc = load_document(p)
    assert doc.kind == "pdf" and doc.pages == 3 and doc.encoding is None
    assert "Introduction to the report" in doc.text
    assert "Résumé: naïve café" in doc.text
    assert doc.text.index("[Page 2]") == doc.page_starts[1]
    i = doc.text.index("Results")
    assert doc.location(i, i + 10) == "report.pdf p. 2"
    assert doc.location(0, doc.text.index("Conclusion") + 3) == "report.pdf p. 1-3"
    assert doc.describe(1234) == "report.pdf · 3 pages · 1,234 tokens"
    assert not doc.notes
    # a PDF with a misleading name is still read as a PDF
    (tmp_path / "renamed.txt").write_bytes(p.read_bytes())
    assert load_document(tmp_path / "renamed.txt").kind == "pdf"


def test_a_pdf_page_is_read_up_to_the_per_page_cap_and_reading_can_be_cancelled(tmp_path,
                                                                                   monkeypatch):
    from desktop.core.documents import extract
    p = tmp_path / "dense.pdf"
    long_page = [f"Clause {i}: every word here is part of a very dense page." for i in range(40)]
    p.write_bytes(make_pdf([["A short first page"], long_page, ["A short last page"]]))
    full = load_document(p)
    assert "Clause 39" in full.text and not full.notes
    monkeypatch.setattr(extract, "MAX_PAGE_CHARS", 300)
    doc = load_document(p)
    assert "Clause 0" in doc.text and "Clause 39" not in doc.text    # page 2 cut
    assert "A short last page" in doc.text                          # the rest is read
    assert doc.notes == ["page 2 cut at 300 characters"]
    seen = []
    with pytest.raises(DocumentError) as e:
        load_document(p, progress=lambda done, total: seen.append(done) or done < 2)
    assert e.value.reason == "cancelled" and seen == [1, 2]


def test_pdf_with_some_image_pages_says_so(tmp_path):
    p = tmp_path / "mixed.pdf"
    p.write_bytes(make_pdf([["text page"], [], ["another text page"]]))
    doc = load_document(p, progress=lambda done, total: None)
    assert doc.pages == 3
    assert doc.notes == ["1 of 3 pages has no text (images only)"]


def test_docx_paragraphs_headings_and_tables(tmp_path):
    import docx
    d = docx.Document()
    d.add_heading("Design notes", 1)
    d.add_paragraph("The engine owns one context.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "name", "value"
    t.cell(1, 0).text, t.cell(1, 1).text = "n_ctx", "32768"
    d.add_paragraph("Après le tableau: ünïcödé.")
    d.save(tmp_path / "spec.docx")
    doc = load_document(tmp_path / "spec.docx")
    assert doc.kind == "docx" and doc.pages is None
    assert doc.text == ("# Design notes\nThe engine owns one context.\n| name | value |\n"
                        "| n_ctx | 32768 |\nAprès le tableau: ünïcödé.\n")
    assert doc.location(doc.text.index("| n_ctx"), len(doc.text)) == "spec.docx paragraphs 4-5"


def test_html_to_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><meta charset='windows-1252'><title>Guide</title>"
            "<style>body{color:red}</style><script>alert('x')</script></head><body>"
            "<h2>Install</h2><p>Run <code>pip install ember</code> &amp; wait for caf\xe9.</p>"
            "<ul><li>one</li><li>two</li></ul><table><tr><th>k</th><td>v</td></tr></table>"
            "<pre>def f():\n    return 1</pre></body></html>")
    (tmp_path / "guide.html").write_bytes(page.encode("cp1252"))
    doc = load_document(tmp_path / "guide.html")
    assert doc.kind == "html"
    assert doc.text == ("# Guide\n\n## Install\n\nRun pip install ember & wait for café.\n\n"
                        "- one\n- two\n\n| k | v |\n\ndef f():\n    return 1\n")
    assert "alert" not in doc.text and "color" not in doc.text


def test_pasted_text():
    doc = D.from_text("", "pasted\r\nlines\n")
    assert (doc.name, doc.kind, doc.text) == ("Pasted text", "pasted", "pasted\nlines\n")
    snippet = D.from_text("snippet.py", "print('hi')\n")
    assert (snippet.kind, snippet.language) == ("code", "Python")
    with pytest.raises(DocumentError, match="empty") as e:
        D.from_text("Pasted text", "  \n\t")
    assert e.value.reason == "empty"


# ------------------------------------------------------------------------ bad files
def _bad(path, reason, match):
    with pytest.raises(DocumentError) as e:
        load_document(path)
    assert e.value.reason == reason, str(e.value)
    msg = str(e.value)
    assert match in msg and path.name in msg
    assert msg.endswith(".") and "\n" not in msg and "Traceback" not in msg
    return msg


def test_every_bad_file_gets_a_clear_message(tmp_path):
    rnd = random.Random(1)
    (tmp_path / "blob.bin").write_bytes(bytes(rnd.randrange(256) for _ in range(4096)))
    _bad(tmp_path / "blob.bin", "binary", "binary")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    _bad(tmp_path / "photo.txt", "binary", "PNG image")
    (tmp_path / "model.gguf").write_bytes(b"GGUF" + bytes(100))
    _bad(tmp_path / "model.gguf", "binary", "GGUF model")
    (tmp_path / "ctl.txt").write_bytes(bytes(range(1, 32)) * 40)
    _bad(tmp_path / "ctl.txt", "binary", "binary")

    (tmp_path / "empty.md").write_bytes(b"")
    _bad(tmp_path / "empty.md", "empty", "empty")
    (tmp_path / "blank.txt").write_text(" \n\n\t \n")
    _bad(tmp_path / "blank.txt", "empty", "empty")

    _bad(tmp_path / "missing.txt", "not_found", "not found")
    (tmp_path / "folder").mkdir()
    _bad(tmp_path / "folder", "unsupported", "folder")
    (tmp_path / "afile").write_text("x")
    _bad(tmp_path / "afile" / "inside.txt", "unreadable", "could not be read")
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.txt"
        locked.write_text("secret")
        locked.chmod(0)
        _bad(locked, "unreadable", "could not be read")

    big = tmp_path / "huge.log"
    with open(big, "wb") as f:  # sparse: nothing is written or read
        f.truncate(D.MAX_FILE_BYTES + 1)
    _bad(big, "oversized", "larger than the 100 MB")
    with pytest.raises(DocumentError, match="characters of text") as e:
        (tmp_path / "long.txt").write_text("word " * 2000)
        load_document(tmp_path / "long.txt", max_chars=5000)
    assert e.value.reason == "oversized"

    enc = (b"<< /Filter /Standard /V 1 /R 2 /O <" + b"00" * 32 + b"> /U <" + b"11" * 32 +
           b"> /P -4 >>")
    (tmp_path / "locked.pdf").write_bytes(make_pdf([["secret text"]], encrypt=enc))
    _bad(tmp_path / "locked.pdf", "password", "password-protected")
    (tmp_path / "scan.pdf").write_bytes(make_pdf([[], [], []]))
    _bad(tmp_path / "scan.pdf", "image_only", "no text layer")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj garbage")
    _bad(tmp_path / "broken.pdf", "damaged", "damaged")

    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    _bad(tmp_path / "broken.docx", "damaged", "damaged")
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    (tmp_path / "old.doc").write_bytes(cfb)
    _bad(tmp_path / "old.doc", "unsupported", "old Office file")
    (tmp_path / "secret.docx").write_bytes(cfb + "EncryptionInfo".encode("utf-16-le") + bytes(64))
    _bad(tmp_path / "secret.docx", "password", "password-protected")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    (tmp_path / "archive.zip").write_bytes(buf.getvalue())
    _bad(tmp_path / "archive.zip", "binary", "ZIP archive")


def test_a_bad_file_does_not_lose_the_others(tmp_path, qwen_engine):
    from desktop.cli.attach import load_attachments
    (tmp_path / "good.py").write_text("def f():\n    return 1\n")
    (tmp_path / "bad.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "also_good.md").write_text("# Notes\n")
    out = io.StringIO()
    docs = load_attachments([tmp_path / "good.py", tmp_path / "bad.bin", tmp_path / "empty.txt",
                             tmp_path / "missing.txt", tmp_path / "also_good.md"],
                            out=out, engine=qwen_engine)
    assert [d.name for d in docs] == ["good.py", "also_good.md"]
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("  + good.py · Python, 2 lines · ") and lines[0].endswith(" tokens")
    assert "! bad.bin is a binary file" in lines[1]
    assert "! empty.txt is empty." in lines[2]
    assert "! missing.txt was not found." in lines[3]
    assert lines[4].startswith("  + also_good.md")


# --------------------------------------------------------------------------- tokens
def test_token_count_uses_the_models_tokenizer_and_matches_the_prompt(qwen_engine):
    doc = D.from_text("main.py", "def add(a, b):\n    return a + b\n")
    n = D.count_tokens(qwen_engine, doc)
    assert n == doc.tokens == len(qwen_engine.tokenize(D.render_part(doc)))
    b = D.budget(qwen_engine, [doc], [], "What does add do?")
    assert b.decision == "fits"
    msgs = b.messages([], "What does add do?")
    assert b.prompt_tokens == b.full_tokens == len(qwen_engine.chat_tokens(msgs))
    assert "main.py" in b.sentence and "fits in the 4K context" in b.sentence


def test_document_text_cannot_end_the_turn(qwen_engine):
    """A file containing chat-template control text stays text in the prompt."""
    doc = D.from_text("synth.py", 'EOS = "<|im_end|>"\nSTART = "<|im_start|>system"\n')
    msgs = D.build_messages([doc], [], "what is EOS?")
    toks = qwen_engine.chat_tokens(msgs)
    im_end = qwen_engine.tokenize("<|im_end|>")
    assert len(im_end) == 1
    assert toks.count(im_end[0]) == len(msgs)  # one per message, none from the document


# --------------------------------------------------------------------------- budget
def _qwen7b():
    from desktop.core import catalog
    from desktop.core.plan import ModelFacts
    return ModelFacts.from_catalog(catalog.load().get("qwen2.5-7b-instruct"))


@pytest.fixture(scope="module")
def doc_100k(qwen_engine):
    text = filler(16_400, seed=3)          # ~100K tokens with the synthesized vocabulary
    doc = D.from_text("manual.txt", text)
    n = D.count_tokens(qwen_engine, doc)
    assert 95_000 <= n <= 105_000, n
    return doc


@pytest.mark.parametrize("profile,kv", [("rtx3060-12gb", "q8_0"), ("rtx4090-24gb", "f16")])
def test_budget_100k_tokens_offers_reload_with_yarn(qwen_engine, doc_100k, profile, kv):
    from desktop.core.hardware import PROFILES
    q = "Which river crosses the valley?"
    b = D.budget(qwen_engine, [doc_100k], [], q, n_ctx=32768, model=_qwen7b(),
                 hardware=PROFILES[profile])
    assert b.decision == "reload"
    p = b.plan
    assert (p.n_ctx, p.kv_type, p.rope_scaling, p.rope_freq_scale, p.yarn_orig_ctx) == \
        (131072, kv, "yarn", 0.25, 32768)
    assert p.flash_attn == "on" and p.fit == "fits" and p.all_layers
    assert b.needed_ctx <= p.n_ctx and b.full_tokens > 32768
    card = "RTX 3060" if "3060" in profile else "RTX 4090"
    assert b.sentence.startswith("manual.txt (")
    assert "128K context (YaRN, " + kv + " KV cache" in b.sentence and card in b.sentence
    # the user declines: retrieval at the current 32K, nothing truncated silently
    r = b.without_reload()
    assert r.decision == "retrieve" and r.chunks
    assert r.prompt_tokens + r.reserve < 32768
    assert "best match your question" in r.sentence and "manual.txt lines " in r.sentence


def test_budget_plans_a_reload_with_the_vram_the_loaded_model_gives_back(qwen_engine, doc_100k,
                                                                        monkeypatch):
    """Issue 12: free VRAM is read while the model to be reloaded still holds its own. With
    Qwen2.5-7B at 32K on a 12 GB card, NVML says ~5 GB free; once unloaded, the 128K reload
    fits whole. The budget plans for the card as it will be, not as it is."""
    from dataclasses import replace

    from desktop.core import hardware
    from desktop.core import plan as P
    card = hardware.profile("rtx3060-12gb")
    loaded = P.plan(P.ModelFacts.of(_qwen7b()), card, 32768)
    assert loaded.device == "gpu" and loaded.all_layers and loaded.vram_bytes > 5 * hardware.GiB
    g = card.gpus[0]
    now = replace(card, gpus=[replace(g, vram_free=g.vram_free - loaded.vram_bytes)],
                  label="this machine")
    monkeypatch.setattr(hardware, "probe", lambda **kw: now)       # what NVML reads right now
    monkeypatch.setattr(qwen_engine, "plan", loaded, raising=False)  # what the engine holds
    b = D.budget(qwen_engine, [doc_100k], [], "Which river?", n_ctx=32768, model=_qwen7b())
    assert b.decision == "reload"
    assert (b.plan.n_ctx, b.plan.kv_type, b.plan.fit, b.plan.all_layers) == \
        (131072, "q8_0", "fits", True)
    # read as it was before the fix, the card looked too small for any 128K plan on the GPU
    before = P.plan(P.ModelFacts.of(_qwen7b()), now, 131072)
    assert not (before.fit == "fits" and before.all_layers), before.sentence
    # nothing loaded (no plan): the probe is used as read
    assert hardware.released(now, None) is now


def test_budget_beyond_the_models_maximum_retrieves():
    from desktop.core.hardware import PROFILES
    words = lambda s: len(s.split())  # noqa: E731  a callable tokenizer: one token per word
    doc = D.from_text("corpus.txt", filler(200_000, seed=5))
    for profile in ("rtx3060-12gb", "rtx4090-24gb"):
        b = D.budget(words, [doc], [], "where is the harbor signal?", n_ctx=32768,
                     model=_qwen7b(), hardware=PROFILES[profile])
        assert b.decision == "retrieve"
        assert "larger than the 128K tokens Qwen2.5-7B-Instruct can read at once" in b.sentence
        assert b.prompt_tokens + b.reserve < 32768
        assert sum(c.tokens for c in b.chunks) > 20000   # the room is used


def test_budget_when_the_hardware_is_too_small():
    from desktop.core.hardware import GiB, profile
    hw = profile("8gb")
    hw.ram_available = 4 * GiB
    hw.gpus[0].vram_free = 2 * GiB
    words = lambda s: len(s.split())  # noqa: E731
    doc = D.from_text("big.txt", filler(60_000, seed=6))
    b = D.budget(words, [doc], [], "kernel buffer", n_ctx=8192, model=_qwen7b(), hardware=hw)
    assert b.decision == "retrieve"
    assert "does not fit its memory" in b.sentence


def test_budget_too_long_conversation(qwen_engine):
    doc = D.from_text("a.txt", filler(2000))
    history = [{"role": "user", "content": filler(150, seed=9)},
               {"role": "assistant", "content": filler(150, seed=10)}]
    b = D.budget(qwen_engine, [doc], history, "and?", n_ctx=4096, reserve_for_answer=1024,
                 allow_reload=False)
    assert b.decision == "retrieve"
    b = D.budget(qwen_engine, [doc], history * 3, "and?", n_ctx=4096, allow_reload=False)
    assert b.decision == "too_long"
    assert "start a new chat" in b.sentence and b.to_send == []


# ------------------------------------------------------------------------- retrieval
def test_retrieval_picks_the_chunk_with_the_planted_answer(qwen_engine, tmp_path):
    parts = [filler(3000, seed=s) for s in range(10)]
    planted = "The launch code for project Heliotrope is 7731-ALPHA.\n"
    text = "".join(parts[:7]) + planted + "".join(parts[7:])
    (tmp_path / "handbook.txt").write_text(text)
    doc = load_document(tmp_path / "handbook.txt")
    other = D.from_text("other.md", filler(3000, seed=99))
    q = "What is the launch code for project Heliotrope?"
    b = D.budget(qwen_engine, [other, doc], [], q, n_ctx=4096, reserve_for_answer=512,
                 allow_reload=False)
    assert b.decision == "retrieve"
    best = min(b.chunks, key=lambda c: c.rank)
    assert "7731-ALPHA" in best.text and best.doc is doc
    line = text[:text.index("The launch code")].count("\n") + 1
    a, z = map(int, best.location.rsplit(" ", 1)[1].split("-"))
    assert best.location.startswith("handbook.txt lines ") and a <= line <= z
    assert best.location in b.used and best.location in b.sentence
    # document order in the prompt; it fits with the reserve
    order = [(c.doc_index, c.start) for c in b.chunks]
    assert order == sorted(order)
    msgs = b.messages([], q)
    assert len(qwen_engine.chat_tokens(msgs)) == b.prompt_tokens <= 4096 - 512 - 1
    assert msgs[-1] == {"role": "user", "content": q}
    assert f'part="lines {a}-{z}"' in msgs[0]["content"] and "7731-ALPHA" in msgs[0]["content"]
    # chunks overlap: each starts before the previous one ends
    chunks = D.chunk_document(qwen_engine, doc)
    assert all(c2.start < c1.end for c1, c2 in itertools.pairwise(chunks))
    assert chunks[0].start == 0 and chunks[-1].end == len(doc.text)


def test_retrieval_names_pdf_pages(qwen_engine, tmp_path):
    pages = [[f"Page {i} talks about " + " ".join(random.Random(i).choice(WORDS) for _ in range(8))]
             * 30 for i in range(1, 41)]
    pages[26] = pages[26][:10] + ["The torque limit of the Zephyr actuator is 42 newton metres."] + pages[26][10:]
    (tmp_path / "manual.pdf").write_bytes(make_pdf(pages))
    doc = load_document(tmp_path / "manual.pdf")
    assert doc.pages == 40
    b = D.budget(qwen_engine, [doc], [], "What is the torque limit of the Zephyr actuator?",
                 n_ctx=2048, reserve_for_answer=256, allow_reload=False)
    assert b.decision == "retrieve"
    best = min(b.chunks, key=lambda c: c.rank)
    assert "Zephyr" in best.text and "p. 27" in best.location


def test_empty_question_previews_retrieval(qwen_engine):
    doc = D.from_text("big.txt", filler(4000))
    b = D.budget(qwen_engine, [doc], [], "", n_ctx=2048, reserve_for_answer=256,
                 allow_reload=False)
    assert b.decision == "retrieve" and not b.chunks
    assert "the parts that best match your question, up to" in b.sentence
    # a question with no word in the document ("summarize"): the beginning, and it says so
    b = D.budget(qwen_engine, [doc], [], "Summarize please", n_ctx=2048, reserve_for_answer=256,
                 allow_reload=False)
    assert b.decision == "retrieve" and len(b.chunks) == 1 and b.chunks[0].start == 0
    assert "matches the words of your question, so Ember will send the beginning" in b.sentence


# ----------------------------------------------------------------- prompts and KV reuse
def test_follow_up_with_the_same_document_processes_only_the_new_tokens(qwen_engine):
    doc = D.from_text("design.md", filler(400, seed=4))
    D.count_tokens(qwen_engine, doc)
    qwen_engine.reset()
    q1, q2 = "Summarize the river section.", "And the forest?"
    msgs1 = D.build_messages([doc], [], q1)
    assert msgs1[0]["role"] == "system" and "design.md" in msgs1[0]["content"]
    assert msgs1[-1] == {"role": "user", "content": q1}
    t1 = qwen_engine.chat(msgs1, GREEDY)
    a1 = t1.run()
    assert t1.metrics.processed_tokens == t1.metrics.prompt_tokens > doc.tokens
    history = [{"role": "user", "content": q1}, {"role": "assistant", "content": a1}]
    msgs2 = D.build_messages([doc], history, q2)
    assert msgs2[:2] == msgs1[:2]  # the same stable prefix
    t2 = qwen_engine.chat(msgs2, GREEDY)
    t2.run()
    m = t2.metrics
    assert m.reused_tokens >= t1.metrics.prompt_tokens - 1
    assert m.processed_tokens == m.prompt_tokens - m.reused_tokens
    assert m.processed_tokens < 60   # the answer and the new question, not the document


def test_prefill_of_20k_tokens_reports_progress_and_cancels_midway(long_engine):
    e = long_engine
    e.reset()
    toks = e.tokenize(filler(4000, seed=11))[:20000]
    assert len(toks) == 20000
    calls = []

    def on_prefill(done, total):
        calls.append((done, total))
        if done >= 3072:
            e.cancel()

    turn = e.generate(toks, SamplingSettings(max_tokens=4), on_prefill=on_prefill)
    assert turn.run() == ""
    m = turn.metrics
    assert m.finish_reason == "cancelled" and m.completion_tokens == 0
    assert calls == [(512 * i, 20000) for i in range(1, 7)]   # one report per 512-token chunk
    assert e.kv_tokens == m.processed_tokens == 3072
    # going on resumes where it stopped
    m2 = e.eval_prefix(toks[:4096], on_prefill=lambda d, t: calls.append((d, t)))
    assert (m2.reused_tokens, m2.processed_tokens) == (3072, 1024)
    assert calls[-1] == (1024, 1024)


# ---------------------------------------------------------------------- KV snapshots
def test_restored_snapshot_gives_the_same_logits_as_a_fresh_prefill(qwen_engine, tmp_path):
    e = qwen_engine
    cache = KVCache(tmp_path / "kv", min_tokens=512)
    toks = e.tokenize(filler(1200, seed=21))
    doc_part, question = toks[:2048], e.tokenize(" and what about the harbor signal?")
    full = doc_part + question
    other = e.tokenize(filler(200, seed=22))

    e.reset()
    e.eval_prefix(full)
    fresh = e.last_logits()                   # a fresh prefill of the whole prompt

    e.reset()
    e.eval_prefix(doc_part)
    info = cache.save(e, "conv-a")
    assert info is not None and info.n_tokens == 2048 and cache.has("conv-a")
    e.reset()
    e.eval_prefix(other)                      # switch to another conversation
    assert cache.switch_to(e, "conv-a") == 2048
    assert e.kv_tokens == 2048 and e.kv_owner == "conv-a"
    m = e.eval_prefix(full)
    assert (m.reused_tokens, m.processed_tokens) == (2048, len(question))
    restored = e.last_logits()
    np.testing.assert_array_equal(restored, fresh)
    assert cache.switch_to(e, "conv-a") == 0  # it already holds it

    # through the chat API: the restored tokens are the prefix the next turn reuses
    e.reset()
    msgs = D.build_messages([D.from_text("d.txt", filler(600, seed=23))], [], "first?")
    t = e.chat(msgs, GREEDY)
    t.run()
    assert cache.save(e, "conv-b", force=True) is not None
    e.reset()
    assert cache.restore(e, "conv-b") > 0
    t2 = e.chat(msgs, GREEDY)
    t2.run()
    assert t2.metrics.processed_tokens == 1   # only the last prompt token is evaluated again


def test_mismatched_or_damaged_snapshots_are_ignored_safely(qwen_engine, qwen_path, tmp_path):
    e = qwen_engine
    root = tmp_path / "kv"
    cache = KVCache(root, min_tokens=1)
    toks = e.tokenize(filler(300, seed=31))
    e.reset()
    e.eval_prefix(toks)
    assert cache.save(e, "c") is not None
    state, meta = root / f"{cache.key('c')}.kvstate", root / f"{cache.key('c')}.json"
    assert state.exists() and meta.exists()
    assert not list(root.glob("*.tmp-*"))

    # another context size: ignored, kept for when that configuration is loaded again
    e2 = Engine()
    e2.load(qwen_path, LoadSettings(n_ctx=2048))
    try:
        assert cache.restore(e2, "c") == 0 and e2.kv_tokens == 0
        assert "another model or context" in cache.last_error and state.exists()
        e2.chat([{"role": "user", "content": "still works"}], GREEDY).run()
    finally:
        e2.unload()

    good = state.read_bytes()
    # damaged bytes: the CRC catches them before llama.cpp sees them; the snapshot is deleted
    # and the engine's cache is left as it was
    bad = bytearray(good)
    bad[len(bad) // 2] ^= 0xFF
    state.write_bytes(bytes(bad))
    held = e.kv_token_list()
    assert cache.restore(e, "c") == 0 and e.kv_token_list() == held
    assert "damaged" in cache.last_error and not state.exists() and not meta.exists()

    # truncated, with metadata that matches it (no CRC check): llama.cpp refuses it
    e.eval_prefix(toks)
    assert cache.save(e, "c") is not None
    state.write_bytes(good[:len(good) // 3])
    m = json.loads(meta.read_text())
    m["bytes"] = len(good) // 3
    meta.write_text(json.dumps(m))
    lax = KVCache(root, min_tokens=1, verify=False)
    assert lax.restore(e, "c") == 0 and e.kv_tokens == 0 and not state.exists()

    # unreadable metadata: no snapshot
    e.eval_prefix(toks)
    assert cache.save(e, "c") is not None
    meta.write_text("{not json")
    assert cache.restore(e, "c") == 0
    assert cache.restore(e, "never-saved") == 0
    # the engine answers normally after all of this
    t = e.chat([{"role": "user", "content": "hello"}], GREEDY)
    t.run()
    assert t.metrics.finish_reason in ("length", "stop")


def test_engine_restore_never_crashes_on_a_bad_file(qwen_engine, tmp_path):
    """llama_state_seq_load_file aborts the process on a truncated file; Ember's restore path
    (llama_state_seq_set_data over a memory map) must fail cleanly instead."""
    e = qwen_engine
    toks = e.tokenize(filler(150, seed=33))
    e.reset()
    e.eval_prefix(toks)
    f = tmp_path / "s.kvstate"
    e.save_kv(f)
    good = f.read_bytes()
    assert e.restore_kv(f) == len(toks) and e.kv_token_list() == toks
    rnd = random.Random(5)
    cuts = [0, 4, 11, 12, 13, 12 + 4 * len(toks), 12 + 4 * len(toks) + 7, len(good) - 1] + \
        [rnd.randrange(len(good)) for _ in range(20)]
    for cut in cuts:
        f.write_bytes(good[:cut])
        assert e.restore_kv(f) == 0 and e.kv_tokens == 0, cut
    f.write_bytes(good[:12 + 4 * len(toks)] + bytes(rnd.randrange(256) for _ in range(4000)))
    assert e.restore_kv(f) == 0
    f.write_bytes(good)
    assert e.restore_kv(f) == len(toks)


def test_snapshot_cache_is_bounded_lru(qwen_engine, tmp_path):
    e = qwen_engine
    root = tmp_path / "kv"
    probe = KVCache(root, min_tokens=1)
    e.reset()
    e.eval_prefix(e.tokenize(filler(200, seed=40)))
    one = probe.save(e, "probe").bytes
    probe.clear()
    cache = KVCache(root, max_bytes=int(one * 3.5), min_tokens=1)
    for i, conv in enumerate("abc"):
        e.reset()
        e.eval_prefix(e.tokenize(filler(200, seed=41 + i)))
        assert cache.save(e, conv) is not None
    assert {x.conv_id for x in cache.entries()} == {"a", "b", "c"}
    assert cache.restore(e, "a") > 0          # a is now the most recently used
    e.reset()
    e.eval_prefix(e.tokenize(filler(200, seed=50)))
    assert cache.save(e, "d") is not None
    assert [x.conv_id for x in cache.entries()] == ["c", "a", "d"]   # b evicted
    assert cache.total_bytes() <= cache.max_bytes
    # saving the same tokens again writes nothing new
    before = (root / f"{cache.key('d')}.kvstate").stat().st_mtime_ns
    assert cache.save(e, "d") is not None
    assert (root / f"{cache.key('d')}.kvstate").stat().st_mtime_ns == before
    # too small a conversation is not worth a snapshot; too large is refused
    assert KVCache(root, min_tokens=10_000).save(e, "small") is None
    tiny = KVCache(root, max_bytes=1000, min_tokens=1)
    assert tiny.save(e, "big") is None and "larger than the snapshot limit" in tiny.last_error


# ------------------------------------------------------------------------------ CLI
def _ember(home, *argv, **kw):
    env = {**os.environ, "EMBER_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "desktop", *argv], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300, **kw)


class _Pty:
    """`ember chat` on a pseudo-terminal, as a user runs it (input() and the y/n question see
    a terminal)."""

    def __init__(self, home, *argv):
        import pty
        master, slave = pty.openpty()
        env = {**os.environ, "EMBER_HOME": str(home), "TERM": "dumb"}
        self.proc = subprocess.Popen([sys.executable, "-m", "desktop", *argv], stdin=slave,
                                     stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                     close_fds=True)
        os.close(slave)
        self.fd, self.text, self.seen = master, "", 0

    def expect(self, pattern: str, timeout: float = 180) -> str:
        import select
        deadline = time.monotonic() + timeout
        while pattern not in self.text[self.seen:]:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None and not select.select([self.fd], [], [], 0)[0]:
                raise AssertionError(f"{pattern!r} never came; the terminal showed:\n{self.text}")
            if select.select([self.fd], [], [], min(left, 1.0))[0]:
                try:
                    self.text += os.read(self.fd, 65536).decode("utf-8", "replace")
                except OSError:  # the child closed the terminal
                    pass
        self.seen = self.text.index(pattern, self.seen) + len(pattern)
        return self.text

    def send(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())

    def close(self) -> int:
        try:
            return self.proc.wait(60)
        finally:
            os.close(self.fd)


def _processed(stderr: str) -> tuple[int, int]:
    """(prompt, processed) tokens from `ember chat`'s last metrics line."""
    m = re.findall(r"prompt (\d+) \((\d+) processed\)", stderr)
    assert m, stderr
    return int(m[-1][0]), int(m[-1][1])


def test_cli_attach_reloads_when_asked_and_the_next_run_reuses_the_snapshot(qwen_path, tmp_path):
    """`ember chat --attach` in a terminal: the documents need a larger context, the user says
    yes, the engine reloads, the answer comes; the documents are kept with the conversation;
    a later run with the same file restores the engine's KV snapshot instead of re-reading."""
    from desktop.core.store import Store
    home = tmp_path / "home"
    spec = tmp_path / "spec.md"
    spec.write_text(filler(700, seed=60))
    t = _Pty(home, "chat", "--model", str(qwen_path), "--ctx", "2048", "--threads", "2",
             "--max-tokens", "8", "--temperature", "0", "--attach", str(spec))
    try:
        t.expect("  + spec.md · ")
        t.expect(">>> ")
        t.send("What is in the spec?")
        t.expect("Reload the model with the larger context now? [y/N]")
        t.send("y")
        t.expect("Reloading ")
        t.expect("Loaded with ")
        t.expect("[TTFT ")
        t.expect(">>> ")
        t.send("/exit")
    finally:
        assert t.close() == 0, t.text
    ctx = int(re.search(r"Loaded with ([\d,]+) tokens of context", t.text)[1].replace(",", ""))
    assert ctx > 2048
    assert re.search(r"fits? in the \d+K context", t.text[t.text.index("Loaded with"):]), t.text
    with Store(home / "ember.db") as st:
        (conv,) = st.list_conversations()
        assert [a.name for a in st.attachments(conv.id)] == ["spec.md"]
        assert [m.role for m in st.path(conv.id)] == ["user", "assistant"]
    first, _ = _processed(t.text)
    # a second run with the same document: the engine restores the snapshot of the first
    r = _ember(home, "chat", "--model", str(qwen_path), "--ctx", str(ctx), "--threads", "2",
               "--max-tokens", "8", "--temperature", "0", "--attach", str(spec),
               "-p", "What is in the spec?")
    assert r.returncode == 0, r.stderr
    prompt, processed = _processed(r.stderr)
    assert prompt == first and processed < prompt // 2, r.stderr


def test_cli_attach_declined_reload_retrieves(qwen_path, tmp_path):
    text = filler(1000, seed=61) + "The secret word is marmalade.\n" + filler(1000, seed=62)
    (tmp_path / "notes.txt").write_text(text)
    (tmp_path / "x.bin").write_bytes(bytes(range(256)))
    r = _ember(tmp_path / "home", "chat", "--model", str(qwen_path), "--ctx", "2048",
               "--threads", "2", "--max-tokens", "8", "--temperature", "0",
               "--attach", str(tmp_path / "notes.txt"), str(tmp_path / "x.bin"),
               "-p", "What is the secret word?")
    assert r.returncode == 0, r.stderr
    assert "! x.bin" in r.stderr and "  + notes.txt · " in r.stderr
    # no terminal to ask: the default (no) is taken and said; the best parts go instead
    assert "Reload the model with the larger context now? no (no terminal to ask)" in r.stderr
    assert "that best match" in r.stderr  # "best match(es) your question"
    prompt, _ = _processed(r.stderr)
    assert prompt + 8 < 2048


def test_cli_attach_without_readable_files_is_an_error(qwen_path, tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    r = _ember(tmp_path / "home", "chat", "--model", str(qwen_path), "--threads", "2",
               "--attach", str(tmp_path / "e.txt"), "-p", "hi")
    assert r.returncode != 0
    assert "None of the attached files could be read." in r.stderr
    assert "Traceback" not in r.stderr


# ------------------------------------------------ issue 28: the budget sentence's counts
def _numbers(sentence: str) -> list[int]:
    return [int(x.replace(",", "")) for x in re.findall(r"\d[\d,]*", sentence)]


def test_budget_sentence_counts_the_documents_in_the_prompt_before_the_question(gemma_engine):
    """Gemma's template drops a system turn that no user turn follows: the sentence said "the
    prompt is 4 tokens" for a 4,723-token file. Before the question is known the documents and
    the conversation are counted as they will be sent (the question's turn included)."""
    doc = D.from_text("notes.txt", filler(300, seed=80))
    tokens = D.count_tokens(gemma_engine, doc)
    b = D.budget(gemma_engine, [doc], [], "", n_ctx=2048, reserve_for_answer=256,
                 allow_reload=False)
    assert b.decision == "fits", b.sentence
    real = gemma_engine.count_messages(b.messages([], "Why?"))
    assert tokens <= b.prompt_tokens <= real <= b.prompt_tokens + 16, (b.sentence, real)
    assert f"{b.prompt_tokens:,}" in b.sentence and "before your question" in b.sentence
    assert f"{2048 - b.prompt_tokens - 1:,}" in b.sentence
    # with the question: the prompt as sent, exactly
    b = D.budget(gemma_engine, [doc], [], "Why?", n_ctx=2048, reserve_for_answer=256,
                 allow_reload=False)
    assert b.prompt_tokens == real and f"{real:,}" in b.sentence


def test_budget_too_big_for_the_context_is_never_said_to_fit(gemma_engine):
    """`ember chat --attach` said two 118,800-token PDFs "fit in the 8K context"."""
    doc = D.from_text("big.txt", filler(3000, seed=81))
    b = D.budget(gemma_engine, [doc], [], "", n_ctx=2048, reserve_for_answer=256,
                 allow_reload=False)
    assert b.decision == "retrieve", b.sentence
    assert "fit" not in b.sentence.split(",")[0]
    room = _numbers(b.sentence)[-1]
    assert room + b.base_tokens + 256 <= 2048


def test_budget_names_the_new_documents_and_those_already_in_the_chat(qwen_engine):
    """The window counts the chat's earlier documents too: the sentence said "2 documents"
    beside one chip. It names the new one and says how many the chat already has."""
    old = D.from_text("old.txt", "An earlier file.\n")
    new = D.from_text("new.txt", "A new file.\n")
    b = D.budget(qwen_engine, [old, new], [], "", n_ctx=4096, reserve_for_answer=256,
                 earlier=1)
    assert b.decision == "fits"
    assert "new.txt" in b.sentence and "2 documents" not in b.sentence
    assert "1 document already in this chat" in b.sentence, b.sentence


def test_cli_attach_says_the_prompt_with_the_documents_before_the_question(gemma_path, tmp_path):
    """`ember chat --attach` on the embedded model (Gemma: its template dropped the documents
    from the count): the first sentence counts them, and a file larger than the context is
    never said to fit."""
    (tmp_path / "notes.txt").write_text(filler(300, seed=82))
    (tmp_path / "big.txt").write_text(filler(4000, seed=83))
    home = tmp_path / "home"
    r = _ember(home, "chat", "--model", "embedded", "--ctx", "2048", "--threads", "2",
               "--max-tokens", "4", "--attach", str(tmp_path / "notes.txt"), "-p", "Why?")
    assert r.returncode == 0, r.stderr
    first = next(line for line in r.stderr.splitlines() if "fits in the 2K context" in line)
    doc_tokens = int(re.search(r"notes\.txt \(([\d,]+) tokens\)", first)[1].replace(",", ""))
    said = int(re.search(r"it takes ([\d,]+) tokens before your question", first)[1]
               .replace(",", ""))
    prompt, _ = _processed(r.stderr)
    assert doc_tokens < said <= prompt <= said + 16, (first, prompt)
    r = _ember(home, "chat", "--model", "embedded", "--ctx", "2048", "--threads", "2",
               "--max-tokens", "4", "--attach", str(tmp_path / "big.txt"), "-p", "Why?")
    assert r.returncode == 0, r.stderr
    assert "fits in the" not in r.stderr and "the prompt is 4 tokens" not in r.stderr
