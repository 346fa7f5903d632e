"""Hostile files (issue 13, part 3): a DOCX zip bomb is refused from its central directory,
before anything is inflated; text is read with bounded reads (no FIFO hang, no endless device,
no file that grew past the cap); a crafted GGUF header gets the one-line ModelFileError, never a
RecursionError or ValueError traceback. Real files, real zips, headers written with struct."""
from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from desktop.core import gguf_meta
from desktop.core.documents import DocumentError, extract, load_document
from desktop.core.errors import ModelFileError

ROOT = Path(__file__).resolve().parents[1]
MiB = 1 << 20


# ----------------------------------------------------------------------------------- DOCX
def real_docx(text: str = "Quarterly report") -> bytes:
    import docx
    d = docx.Document()
    d.add_heading("Report", level=1)
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def bomb_docx(member: str, inflated: int) -> bytes:
    """A real DOCX (python-docx) with one member replaced by `inflated` bytes of one letter,
    deflated: a few hundred KB on disk, `inflated` once unpacked."""
    src = zipfile.ZipFile(io.BytesIO(real_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != member:
                z.writestr(info, src.read(info))
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            if member.endswith(".xml"):  # still well-formed XML: only its size is hostile
                f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml'
                        b'/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b"A" * MiB
            for _ in range(inflated // MiB):
                f.write(chunk)
            if member.endswith(".xml"):
                f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("bomb") / "invoice.docx"
    p.write_bytes(bomb_docx("word/document.xml", 160 * MiB))
    return p


def test_a_docx_zip_bomb_is_refused_before_anything_is_inflated(bomb):
    assert bomb.stat().st_size < 2 * MiB
    tracemalloc.start()
    try:
        t0 = time.perf_counter()
        with pytest.raises(DocumentError, match="zip bomb") as e:
            load_document(bomb)
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert e.value.reason == "oversized" and e.value.path == bomb
    assert "\n" not in str(e.value) and "invoice.docx" in str(e.value)
    assert peak < 16 * MiB, peak  # the file's bytes and its directory, nothing inflated
    assert elapsed < 5


def test_a_bomb_in_a_media_part_and_a_too_large_total_are_refused(tmp_path, monkeypatch):
    p = tmp_path / "photos.docx"
    p.write_bytes(bomb_docx("word/media/image1.png", 64 * MiB))
    with pytest.raises(DocumentError, match="zip bomb"):
        load_document(p)
    # every part plausible on its own, too much together (the limit lowered for the test)
    q = tmp_path / "big.docx"
    q.write_bytes(real_docx("x " * 200_000))
    monkeypatch.setattr(extract, "DOCX_MAX_UNCOMPRESSED", 300_000)
    with pytest.raises(DocumentError, match="unpacks to .* more than") as e:
        load_document(q)
    assert e.value.reason == "oversized"
    monkeypatch.setattr(extract, "DOCX_MAX_UNCOMPRESSED", 300 * MiB)
    monkeypatch.setattr(extract, "DOCX_MAX_MEMBER", 300_000)
    with pytest.raises(DocumentError, match="holds a part .*word/document.xml"):
        load_document(q)
    monkeypatch.setattr(extract, "DOCX_MAX_MEMBER", 200 * MiB)
    assert "x x x" in load_document(q).text  # the same file within the limits reads


def test_an_ordinary_docx_still_reads(tmp_path):
    p = tmp_path / "ok.docx"
    p.write_bytes(real_docx("The budget is 42 euros."))
    doc = load_document(p)
    assert "# Report" in doc.text and "42 euros" in doc.text


# ------------------------------------------------------------------------------ text reads
def _in_thread(fn, timeout=10.0):
    box: dict = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            box["error"] = e
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "the read hung"
    return box


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_or_a_device_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "notes.txt"
    os.mkfifo(fifo)
    box = _in_thread(lambda: load_document(fifo))
    e = box.get("error")
    assert isinstance(e, DocumentError) and e.reason == "unsupported", box
    assert "named pipe" in str(e)
    # the bounded reader itself, given the FIFO (a file swapped for one after it was looked at)
    box = _in_thread(lambda: extract.read_bounded(fifo, 1000))
    assert isinstance(box.get("error"), DocumentError) and "named pipe" in str(box["error"])
    if Path("/dev/zero").exists():
        box = _in_thread(lambda: load_document("/dev/zero"))
        assert isinstance(box.get("error"), DocumentError) and "a device" in str(box["error"])


def test_reads_stop_at_the_cap(tmp_path):
    # a regular file larger than the cap it is read with (it grew after its size was checked)
    p = tmp_path / "growing.log"
    p.write_bytes(b"line\n" * 1000)
    with pytest.raises(DocumentError, match="more than the") as e:
        extract.read_bounded(p, 1000)
    assert e.value.reason == "oversized"
    assert extract.read_bounded(p, 5000) == b"line\n" * 1000  # exactly the cap is fine

    # a stream with no end: a pipe fed faster than it is read stops at the cap + 1 chunk
    r, w = os.pipe()
    stop = threading.Event()

    def feed():
        try:
            while not stop.is_set():
                os.write(w, b"x" * 65536)
        except OSError:
            pass
    t = threading.Thread(target=feed, daemon=True)
    t.start()
    try:
        box = _in_thread(lambda: extract.read_fd_bounded(r, 4 * MiB, name="stdin"))
        assert isinstance(box.get("error"), DocumentError) and "stdin" in str(box["error"])
    finally:
        stop.set()
        os.close(r)
        t.join(5)
        os.close(w)


# ------------------------------------------------------------------------------------ GGUF
def _s(text: str) -> bytes:
    b = text.encode()
    return struct.pack("<Q", len(b)) + b


def gguf(kvs: list[bytes], n_tensors: int = 0) -> bytes:
    """A GGUF v3 header: the magic, the counts, then each key/value as given."""
    return b"GGUF" + struct.pack("<IQQ", 3, n_tensors, len(kvs)) + b"".join(kvs)


def kv(key: str, vtype: int, payload: bytes) -> bytes:
    return _s(key) + struct.pack("<I", vtype) + payload


def nested_arrays(depth: int) -> bytes:
    """`depth` arrays, each holding the next one; the innermost holds one uint32."""
    inner = struct.pack("<IQI", 4, 1, 7)  # array of 1 uint32
    for _ in range(depth - 1):
        inner = struct.pack("<IQ", 9, 1) + inner
    return inner


CRAFTED = {
    "nested_5000": [kv("general.architecture", 8, _s("llama")),
                    kv("evil", 9, nested_arrays(5000))],
    "nested_20": [kv("evil", 9, nested_arrays(20))],
    "alignment_zero": [kv("general.alignment", 4, struct.pack("<I", 0))],
    "alignment_not_power_of_two": [kv("general.alignment", 4, struct.pack("<I", 48))],
    "alignment_string": [kv("general.alignment", 8, _s("thirty-two"))],
    "alignment_float": [kv("general.alignment", 6, struct.pack("<f", float("nan")))],
    "alignment_array": [kv("general.alignment", 9, struct.pack("<IQI", 4, 1, 32))],
    "alignment_huge": [kv("general.alignment", 10, struct.pack("<Q", 1 << 62))],
    "alignment_bool": [kv("general.alignment", 7, b"\x01")],
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_gguf_header_is_a_one_line_model_file_error(case, tmp_path):
    p = tmp_path / f"{case}.gguf"
    p.write_bytes(gguf(CRAFTED[case]) + bytes(64))
    with pytest.raises(ModelFileError, match="not a valid GGUF file") as e:
        gguf_meta.inspect(p)
    assert e.value.kind == "corrupt" and "\n" not in str(e.value) and p.name in str(e.value)


def test_valid_nesting_and_alignment_still_read(tmp_path):
    p = tmp_path / "ok.gguf"
    p.write_bytes(gguf([kv("general.architecture", 8, _s("llama")),
                        kv("general.alignment", 4, struct.pack("<I", 64)),
                        kv("nested", 9, nested_arrays(3)),
                        kv("llama.context_length", 8, _s("not a number"))]) + bytes(64))
    info = gguf_meta.inspect(p)
    assert info.metadata["nested"] == [[[7]]]
    assert info.data_offset % 64 == 0
    assert info.context_length is None  # a string where a number belongs is not a crash


def test_the_cli_prints_one_line_for_a_crafted_header(tmp_path):
    p = tmp_path / "crafted.gguf"
    p.write_bytes(gguf(CRAFTED["nested_5000"]) + bytes(64))
    env = {**os.environ, "EMBER_HOME": str(tmp_path / "home")}
    r = subprocess.run([sys.executable, "-m", "desktop", "models", "add", str(p)],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and "RecursionError" not in r.stderr, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "not a valid GGUF file" in lines[0], r.stderr
