"""The window as a client of a real engine process: llama.cpp never in the window's process, the
engine killed mid-answer (kill -9), the engine stopped with the window."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LOAD_MS = 120_000


def test_the_window_process_never_imports_llama_cpp(tmp_path, gemma_path):
    """A real window (offscreen) answers a question; its process has no llama_cpp module, the
    answer came from another process, and closing the window stops that process."""
    script = textwrap.dedent("""
        import json, os, sys, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QTimer
        from desktop.ui.app import create_window
        app, win = create_window(first_run_dialog=False)
        win.settings.set("max_tokens", 12)
        win.settings.set("temperature", 0.0)
        win.show()
        out = {}
        def step():
            if win.model_info is None:
                return
            if not out.get("sent"):
                out["sent"] = True
                win.composer.setPlainText("def add(a, b):")
                win.send()
                return
            if win.generating:
                return
            timer.stop()
            msgs = win.convs.path(win.conv_id)
            out.update(answer=msgs[-1].content, role=msgs[-1].role,
                       engine_pid=win.engine_pid, own_pid=os.getpid(),
                       llama_cpp="llama_cpp" in sys.modules,
                       ggml=any(m.startswith("llama_cpp") for m in sys.modules))
            win.close()
            app.quit()
        timer = QTimer()
        timer.timeout.connect(step)
        timer.start(50)
        QTimer.singleShot(110000, app.quit)
        app.exec()
        print("RESULT " + json.dumps(out), flush=True)
    """)
    env = dict(os.environ, EMBER_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    # the embedded model is already assembled in the session's data folder: reuse it
    emb = tmp_path / "home" / "models" / "embedded"
    emb.mkdir(parents=True)
    for f in gemma_path.parent.iterdir():
        os.link(f, emb / f.name)
    r = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=180)
    line = [ln for ln in r.stdout.splitlines() if ln.startswith("RESULT ")]
    assert line, r.stdout[-2000:] + r.stderr[-3000:]
    out = json.loads(line[0][7:])
    assert out["role"] == "assistant" and out["answer"].strip(), out
    assert out["llama_cpp"] is False and out["ggml"] is False
    assert out["engine_pid"] and out["engine_pid"] != out["own_pid"]
    # the engine this window started ends with it
    deadline = time.monotonic() + 10
    while psutil.pid_exists(out["engine_pid"]) and time.monotonic() < deadline:
        try:
            if psutil.Process(out["engine_pid"]).status() == psutil.STATUS_ZOMBIE:
                break
        except psutil.Error:
            break
        time.sleep(0.1)
    alive = psutil.pid_exists(out["engine_pid"]) and \
        psutil.Process(out["engine_pid"]).status() != psutil.STATUS_ZOMBIE
    assert not alive


@pytest.fixture
def fresh_win(qapp, gemma_path):
    from desktop.ui.app import create_window
    _, w = create_window(first_run_dialog=False)
    w.settings.set("temperature", 0.0)
    w.show()
    yield w
    w.settings.set("min_tokens", 0)  # the session's settings file: later windows read it
    w.close()


def test_engine_killed_mid_answer_keeps_the_partial_answer_and_restarts(qtbot, fresh_win):
    w = fresh_win
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
    first_pid = w.engine_pid
    assert first_pid and first_pid != os.getpid()
    w.new_chat()
    w.settings.set("max_tokens", 3000)
    w.settings.set("min_tokens", 3000)  # still answering when the engine is killed, on any CPU
    w.composer.setPlainText("Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,")
    w.send()
    qtbot.waitUntil(lambda: not w.generating or len(w.chat.streaming.text) > 40,
                    timeout=60_000)
    assert w.generating, "the answer ended before the engine could be killed mid-answer"
    os.kill(first_pid, signal.SIGKILL)
    # a clear message with why, the partial answer kept in the store
    qtbot.waitUntil(lambda: not w.generating, timeout=20_000)
    assert w.banner.isVisible()
    text = w.banner.text()
    assert "killed by signal 9" in text and "restarting the engine" in text
    msgs = w.convs.path(w.conv_id)
    assert msgs[-1].role == "assistant" and len(msgs[-1].content) > 40
    assert msgs[-1].interrupted
    # a new engine is started and the model reloaded; the next question is answered
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
    assert w.engine_pid not in (None, first_pid)
    assert "restarted the engine" in w.banner.text()
    w.settings.set("min_tokens", 0)
    w.settings.set("max_tokens", 8)
    w.composer.setPlainText("def add(a, b):")
    qtbot.keyClick(w.composer, Qt.Key_Return)
    qtbot.waitUntil(lambda: not w.generating, timeout=60_000)
    msgs = w.convs.path(w.conv_id)
    assert msgs[-1].role == "assistant" and msgs[-1].content and not msgs[-1].interrupted


def test_api_port_from_the_settings_serves_editors_and_is_shown(qtbot, qapp, tmp_path,
                                                                 monkeypatch, gemma_path):
    """Opt-in TCP port: the window's engine serves the `openai` client on 127.0.0.1, the status
    bar shows the port, and closing the window closes it."""
    import socket

    import openai

    from desktop.core.settings import Settings
    from desktop.ui.app import create_window
    home = tmp_path / "home"
    emb = home / "models" / "embedded"
    emb.mkdir(parents=True)
    for f in gemma_path.parent.iterdir():
        os.link(f, emb / f.name)
    monkeypatch.setenv("EMBER_HOME", str(home))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    st = Settings()
    st.set("api_port", port)
    st.save()
    _, w = create_window(first_run_dialog=False)
    w.show()
    try:
        qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
        assert w.stat_labels["api"].text() == f"API 127.0.0.1:{port}"
        c = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="any", max_retries=0)
        r = c.chat.completions.create(model="embedded", max_tokens=4, temperature=0,
                                      messages=[{"role": "user", "content": "def add(a, b):"}],
                                      extra_body={"min_tokens": 4})  # 4 tokens on any CPU
        assert r.choices[0].message.content and r.usage.completion_tokens == 4
        assert r.model == "embedded"  # the window's model, named as the catalog names it
        assert c.models.list().data[0].model_extra["ember"]["loaded"]
    finally:
        w.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_long_document_chat_continue_and_switching_back_restores_its_cache(
        qtbot, qapp, tmp_path, monkeypatch, qwen_path):
    """Through the real engine: a chat with a long document answers, is continued (the
    continue keeps the document), another chat takes the engine, and coming back to the
    document chat restores its KV snapshot instead of reading the document again.

    On the synthesized Qwen2 model: Gemma 3's sliding-window layers keep only the last 512
    positions, so a restored Gemma snapshot cannot be reused as a prefix (found here)."""
    from desktop.core import hub
    from desktop.ui.app import create_window
    monkeypatch.setenv("EMBER_HOME", str(tmp_path / "home"))
    hub.import_gguf(qwen_path)           # the window's first model: an imported one
    _, w = create_window(first_run_dialog=False)
    w.settings.set("temperature", 0.0)
    w.show()
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
    assert w.model_info.architecture == "qwen2"
    doc = tmp_path / "spec.md"
    doc.write_text("# Retry policy\n\n" + "".join(
        f"Rule {i}: a request that fails with code {500 + i % 4} is retried after {i} seconds.\n"
        for i in range(120)))
    w.new_chat()
    w.settings.set("max_tokens", 6)
    w.settings.set("min_tokens", 6)  # the random model's answer cannot end first, on any CPU
    w.attach_files([str(doc)])
    qtbot.waitUntil(lambda: bool(w.pending_docs), timeout=30_000)
    w.composer.setPlainText("What is rule 7?")
    w.send()
    qtbot.waitUntil(lambda: not w.generating, timeout=120_000)
    first = w.last_metrics
    assert first.prompt_tokens > 1500 and first.finish_reason == "length"
    doc_chat = w.conv_id
    answer_id = w.convs.path(doc_chat)[-1].id
    # continue: the document is still in the prompt, and the cached prefix is reused
    w.answers.on_message_action("continue", answer_id)
    qtbot.waitUntil(lambda: not w.generating, timeout=120_000)
    cont = w.last_metrics
    assert cont.prompt_tokens > first.prompt_tokens and cont.reused_tokens > 1500
    # another chat takes the engine's cache
    w.new_chat()
    w.composer.setPlainText("def add(a, b):")
    w.send()
    qtbot.waitUntil(lambda: not w.generating, timeout=60_000)
    assert w.last_metrics.reused_tokens < 100
    # back to the document chat: its snapshot is restored, not re-read
    w.open_conversation(doc_chat)
    w.composer.setPlainText("And rule 9?")
    w.send()
    qtbot.waitUntil(lambda: not w.generating, timeout=120_000)
    back = w.last_metrics
    w.close()
    assert back.reused_tokens > 1500 and back.processed_tokens < back.prompt_tokens / 4


def test_a_long_pdf_is_read_beside_an_answer_not_before_it(qtbot, fresh_win, tmp_path):
    """Documents are read on a thread of their own: a question asked while a 1,500-page PDF is
    being read is answered at once (before, the PDF held up the engine client's thread)."""
    from test_documents import make_pdf
    w = fresh_win
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
    pdf = tmp_path / "spec.pdf"
    pdf.write_bytes(make_pdf([[f"Requirement {i}.{j}: the parser shall accept input {j}."
                               for j in range(30)] for i in range(1500)]))
    events: list[str] = []
    pages: list[int] = []
    w.worker.docs_loaded.connect(lambda ok, errors: events.append("docs"))
    w.worker.finished.connect(lambda *a: events.append("answer"))
    w.worker.docs_progress.connect(lambda name, done, total: pages.append(done))
    w.new_chat()
    w.settings.set("max_tokens", 4)
    w.attach_files([str(pdf)])
    qtbot.waitUntil(lambda: len(pages) > 0, timeout=30_000)   # the PDF is being read
    w.composer.setPlainText("def add(a, b):")
    w.send()
    qtbot.waitUntil(lambda: "answer" in events and "docs" in events, timeout=240_000)
    assert events.index("answer") < events.index("docs"), (events, len(pages))
    # The test's lambdas run on the worker's thread; the window's slot is queued to the UI thread.
    qtbot.waitUntil(lambda: bool(w.pending_docs), timeout=10_000)
    assert pages[-1] == 1500
    assert w.pending_docs and w.pending_docs[0][0].pages == 1500


LOCKER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "lock":
        conn.execute("BEGIN EXCLUSIVE")
        print("locked", flush=True)
    elif line.strip() == "release":
        conn.execute("ROLLBACK")
        print("released", flush=True)
"""


def _answer_while(qtbot, w, on_started) -> tuple[int, str]:
    """Ask a question whose answer streams for a while; on_started runs on the worker's thread
    just before the first token. Returns (reply id, the answer the window shows)."""
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
    w.worker.started.connect(on_started)
    w.new_chat()
    w.settings.set("max_tokens", 48)
    w.settings.set("min_tokens", 48)  # 48 tokens, ending at the limit, on any CPU
    try:
        w.composer.setPlainText("Count: 1, 2, 3, 4, 5,")
        w.send()
        rid = w.reply_id
        qtbot.waitUntil(lambda: not w.generating, timeout=120_000)  # never stuck in "generating"
    finally:
        w.settings.set("min_tokens", 0)
    shown = w.chat.messages[-1].text
    assert len(shown) > 20 and w.send_btn.text() == "Send"
    return rid, shown


def test_a_database_locked_while_an_answer_streams_keeps_the_answer(qtbot, fresh_win):
    """Another program locks the database as the answer starts: the answer streams to its end,
    the window leaves "generating", says the answer is not saved yet, keeps it, and saves it
    once the lock is gone."""
    w = fresh_win
    other = subprocess.Popen([sys.executable, "-c", LOCKER, str(w.convs.s.db_path)], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert other.stdout.readline().strip() == "ready"

        def lock(tag):
            other.stdin.write("lock\n")
            other.stdin.flush()
            assert other.stdout.readline().strip() == "locked"

        rid, shown = _answer_while(qtbot, w, lock)
        assert w.banner.isVisible()
        notice = w.banner.text()
        assert "not saved yet" in notice and "locked by another program" in notice, notice
        assert list(w.answers.unsaved) == [rid]
        m = w.convs.s.get_message(rid)  # the lock let no streaming save through
        assert m.status == "streaming" and m.content == ""
        w.render_conversation()         # the view still shows the answer the database lacks
        assert w.chat.messages[-1].text == shown
        other.stdin.write("release\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "released"
        qtbot.waitUntil(lambda: not w.answers.unsaved, timeout=15_000)
        m = w.convs.s.get_message(rid)
        assert m.status == "complete" and m.content == shown and m.finish_reason == "length"
        assert not w.banner.isVisible()
        assert "saved now" in w.statusBar().currentMessage()
    finally:
        other.stdin.close()
        other.wait(10)


def test_a_question_sent_while_the_database_is_locked_stays_in_the_box(qtbot, fresh_win):
    w = fresh_win
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
    other = subprocess.Popen([sys.executable, "-c", LOCKER, str(w.convs.s.db_path)], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert other.stdout.readline().strip() == "ready"
        other.stdin.write("lock\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "locked"
        w.new_chat()
        w.settings.set("max_tokens", 8)
        before = len(w.convs.list())
        w.composer.setPlainText("Why is the sky blue?")
        t0 = time.monotonic()
        w.send()
        waited = time.monotonic() - t0
        assert not w.generating and w.composer.toPlainText() == "Why is the sky blue?", (
            f"sent through a lock? db {w.convs.s.db_path} session db "
            f"{getattr(w.session.store, 'db_path', w.session.store)} locker alive "
            f"{other.poll() is None} banner {w.banner.text()!r} waited {waited:.2f} s")
        assert "not sent" in w.banner.text() and "locked by another program" in w.banner.text()
        assert len(w.convs.list()) == before
        print(f"the window waited {waited * 1000:.0f} ms for the lock")
    finally:
        other.stdin.close()
        other.wait(10)
    w.send()  # the lock is gone: the same question goes
    assert w.generating and w.composer.toPlainText() == ""
    qtbot.waitUntil(lambda: not w.generating, timeout=120_000)


def test_disk_full_while_an_answer_streams_keeps_the_answer(qtbot, gemma_path, small_disk):
    """The disk holding the database fills up as the answer starts: the window leaves
    "generating", says the disk is full, keeps the answer, and saves it once there is room; the
    database is not damaged."""
    from conftest import fill

    from desktop.core.settings import Settings
    from desktop.core.store import Store
    from desktop.ui.main_window import MainWindow
    from desktop.ui.store_conversations import StoreConversations
    convs = StoreConversations(Store(small_disk / "ember.db"))
    w = MainWindow(convs, Settings())
    w.settings.set("temperature", 0.0)
    w.show()
    try:
        filled: list[Path] = []
        rid, shown = _answer_while(qtbot, w, lambda tag: filled.append(fill(small_disk)))
        notice = w.banner.text()
        assert "not saved yet" in notice and "disk holding it is full" in notice, notice
        assert list(w.answers.unsaved) == [rid]
        m = convs.s.get_message(rid)  # what reached the disk before it filled up is kept
        assert m.status == "streaming" and shown.startswith(m.content)
        filled[0].unlink()
        qtbot.waitUntil(lambda: not w.answers.unsaved, timeout=15_000)
        m = convs.s.get_message(rid)
        assert m.status == "complete" and m.content == shown
        assert convs.s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        w.close()
