"""The window, driven like a user would (pytest-qt, offscreen), on the real embedded model."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

LOAD_MS = 120_000
ANSWER_MS = 120_000


@pytest.fixture(scope="module")
def win(qapp, gemma_path):
    from desktop.ui.app import create_window
    _, w = create_window(first_run_dialog=False)
    w.settings.set("max_tokens", 24)
    w.settings.set("temperature", 0.0)
    w.show()
    yield w
    w.settings.set("min_tokens", 0)  # the session's settings file: later windows read it
    w.close()


def _long_answers(w, n: int) -> None:
    """Answers of exactly n tokens, on any CPU: which words the model picks (and so where it
    ends) depends on the SIMD kernels llama.cpp was built with (issue 23)."""
    w.settings.set("max_tokens", n)
    w.settings.set("min_tokens", n)


def _short_answers(w) -> None:
    """Back to the module's settings: 24 tokens at most, the model's own end."""
    w.settings.set("min_tokens", 0)
    w.settings.set("max_tokens", 24)


def _wait_loaded(qtbot, w):
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)


def _send(qtbot, w, text: str):
    w.composer.setPlainText(text)
    qtbot.keyClick(w.composer, Qt.Key_Return)
    qtbot.waitUntil(lambda: not w.generating, timeout=ANSWER_MS)


def test_a_sent_message_streams_into_the_view_and_the_store(qtbot, win):
    from desktop.ui.store_conversations import StoreConversations
    assert isinstance(win.convs, StoreConversations)  # the real SQLite store, not the fallback
    assert not win.banner.isVisible()
    _wait_loaded(qtbot, win)
    assert "CPU" in win.plan_label.text() or "GPU" in win.plan_label.text()
    win.new_chat()
    streamed = []
    win.worker.pieces.connect(lambda tag, t: streamed.append(t))
    _long_answers(win, 24)  # a measured speed needs more than one token
    try:
        _send(qtbot, win, "def fibonacci(n):")
    finally:
        win.settings.set("min_tokens", 0)
    assert len(streamed) >= 1
    msgs = win.convs.path(win.conv_id)
    assert [m.role for m in msgs] == ["user", "assistant"]
    assert msgs[0].content == "def fibonacci(n):"
    reply = win.chat.messages[-1]
    assert reply.role == "assistant" and reply.text == msgs[1].content != ""
    import re  # the figures of this answer, not the placeholders ("TTFT –", "– tokens/s")
    assert re.fullmatch(r"TTFT \d+ ms", win.stat_labels["ttft"].text())
    assert re.fullmatch(r"\d+\.\d tokens/s", win.stat_labels["tps"].text())
    # memory, read on the poller's thread: the window's and the engine's resident memory
    qtbot.waitUntil(lambda: re.match(r"RAM \d+\.\d GB \(free \d+ GB\)",
                                     win.stat_labels["ram"].text()) is not None, timeout=5000)
    assert win.poller.engine_pid == win.engine_pid != os.getpid()
    assert re.fullmatch(r"VRAM (–|\d+\.\d / \d+ GB)", win.stat_labels["vram"].text())
    assert win.composer.toPlainText() == ""


def test_shift_enter_is_a_new_line_not_a_send(qtbot, win):
    _wait_loaded(qtbot, win)
    win.composer.clear()
    qtbot.keyClicks(win.composer, "line one")
    qtbot.keyClick(win.composer, Qt.Key_Return, Qt.ShiftModifier)
    qtbot.keyClicks(win.composer, "line two")
    assert win.composer.toPlainText() == "line one\nline two"
    assert not win.generating
    win.composer.clear()


def test_stop_mid_stream_keeps_the_partial_answer(qtbot, win):
    _wait_loaded(qtbot, win)
    win.new_chat()
    _long_answers(win, 2000)  # still streaming when Esc comes, on any CPU
    try:
        win.composer.setPlainText("Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,")
        win.send()
        assert win.send_btn.text() == "Stop"
        qtbot.waitUntil(lambda: win.chat.streaming is not None and len(win.chat.streaming.text) > 5,
                        timeout=ANSWER_MS)
        qtbot.keyClick(win.composer, Qt.Key_Escape)
        qtbot.waitUntil(lambda: not win.generating, timeout=10_000)
    finally:
        _short_answers(win)
    assert win.last_metrics.finish_reason == "cancelled"
    assert win.last_metrics.completion_tokens < 2000
    saved = win.convs.path(win.conv_id)[-1]
    assert saved.role == "assistant" and saved.content and saved.content == win.chat.messages[-1].text
    assert win.send_btn.text() == "Send"


def test_regenerate_keeps_earlier_versions(qtbot, win):
    _wait_loaded(qtbot, win)
    win.new_chat()
    win.settings.set("temperature", 1.0)
    try:
        _send(qtbot, win, "Name a programming language.")
        first = win.convs.path(win.conv_id)[-1]
        win.chat.messages[-1].buttons["regenerate"].click()
        qtbot.waitUntil(lambda: not win.generating, timeout=ANSWER_MS)
    finally:
        win.settings.set("temperature", 0.0)
    path = win.convs.path(win.conv_id)
    assert len(path) == 2 and path[-1].version_count == 2 and path[-1].version_index == 1
    assert path[-1].id != first.id
    w = win.chat.messages[-1]
    assert w.versions.text() == "2/2"
    w.prev_btn.click()
    path = win.convs.path(win.conv_id)
    assert path[-1].id == first.id and win.chat.messages[-1].text == first.content


def test_switching_conversation_while_streaming_stops_and_saves(qtbot, win):
    _wait_loaded(qtbot, win)
    win.new_chat()
    _send(qtbot, win, "First chat.")
    a = win.conv_id
    win.new_chat()
    _long_answers(win, 2000)  # still streaming when the other chat is opened, on any CPU
    try:
        win.composer.setPlainText("Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,")
        win.send()
        b = win.conv_id
        qtbot.waitUntil(lambda: win.chat.streaming is not None and len(win.chat.streaming.text) > 5,
                        timeout=ANSWER_MS)
        win.open_conversation(a)       # the user clicks another chat mid-answer
        qtbot.waitUntil(lambda: not win.generating, timeout=10_000)
    finally:
        _short_answers(win)
    assert win.conv_id == a
    assert [m.role for m in win.convs.path(a)] == ["user", "assistant"]
    partial = win.convs.path(b)[-1]
    assert partial.role == "assistant" and partial.content  # kept, not lost
    assert partial.finish_reason == "cancelled"
    assert len(win.chat.messages) == 2  # the view shows chat a, untouched by b's stream


def test_search_finds_a_chat_by_its_words(qtbot, win):
    _wait_loaded(qtbot, win)
    win.new_chat()
    _send(qtbot, win, "Explain the zebrafish allocator.")
    win.search.setText("zebrafish")
    qtbot.waitUntil(lambda: win.conv_list.count() == 1, timeout=5_000)
    assert "zebrafish" in win.conv_list.item(0).text().lower()
    win.search.clear()
    qtbot.waitUntil(lambda: win.conv_list.count() > 1, timeout=5_000)


def test_delete_with_undo_and_rename_and_pin(qtbot, win):
    _wait_loaded(qtbot, win)
    win.new_chat()
    _send(qtbot, win, "A chat to delete.")
    cid = win.conv_id
    win.rename_conversation(cid, "Renamed chat")
    assert win.convs.title(cid) == "Renamed chat"
    win.convs.set_pinned(cid, True)
    win.refresh_conversations()
    assert win.conv_list.item(0).data(Qt.UserRole) == cid  # pinned first
    n = win.conv_list.count()
    win.delete_conversation(cid)
    assert win.conv_list.count() == n - 1
    undo = win.statusBar().findChild(type(win.send_btn), "undo-delete")
    undo.click()
    assert win.conv_list.count() == n
    assert win.convs.title(cid) == "Renamed chat"


def test_code_blocks_render_with_copy_links_and_no_remote_fetch(qtbot, win):
    from desktop.ui.chat_view import MessageWidget
    w = MessageWidget("assistant", "Here:\n\n```python\nprint('hi')\n```\n\n"
                                   "![img](http://example.com/x.png) <b>raw</b>")
    qtbot.addWidget(w)
    html = w.body.toHtml()
    assert "ember-copy:0" in html and "print" in html
    assert "<img" not in html and "&lt;b&gt;" in w.body.toHtml()
    got = []
    w.copy_text.connect(got.append)
    w._copy_code(0)
    assert got == ["print('hi')\n"]



def test_answers_never_load_images_or_other_resources(qtbot, tmp_path):
    """An answer naming an image (Markdown or raw HTML, local or remote) loads nothing: Qt's
    text layout loads local image files by itself (a control shows it does), so Ember's
    renderer must never pass an <img> on."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument
    from PySide6.QtWidgets import QTextBrowser

    from desktop.ui.chat_view import MessageWidget
    img = tmp_path / "pixel.png"
    q = QImage(7, 5, QImage.Format_RGB32)
    q.fill(0xFF0000)
    assert q.save(str(img))
    url = QUrl.fromLocalFile(str(img)).toString()
    control = QTextBrowser()
    qtbot.addWidget(control)
    control.setHtml(f'<p>x</p><img src="{url}">')
    control.resize(200, 100)
    control.show()
    qtbot.waitExposed(control)
    loaded = control.document().resource(QTextDocument.ImageResource, QUrl(url))
    assert loaded is not None and not loaded.isNull()  # an <img> would have loaded the file
    w = MessageWidget("assistant", f"![a]({url}) and <img src=\"{url}\"> and "
                                   "![b](http://example.com/x.png)")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert "<img" not in w.body.toHtml()

    def images(doc):
        n, block = 0, doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                n += it.fragment().charFormat().isImageFormat()
                it += 1
            block = block.next()
        return n
    assert images(control.document()) == 1 and images(w.body.document()) == 0


def test_streaming_render_matches_the_final_render(qtbot):
    """The incremental tail re-render ends with the same text as a one-shot render."""
    from desktop.ui.chat_view import MessageWidget
    text = ("Intro paragraph.\n\n```python\ndef f(x):\n\n    return x\n```\n\n"
            "- a\n- b\n\nLast *words*.")
    w = MessageWidget("assistant")
    qtbot.addWidget(w)
    w.begin_stream()
    for i in range(0, len(text), 3):
        w.append(text[i:i + 3])
        w.refresh()
    streamed = w.body.toPlainText()
    once = MessageWidget("assistant", text)
    qtbot.addWidget(once)
    assert streamed.split() == once.body.toPlainText().split()
    assert w._code == once._code == ["def f(x):\n\n    return x\n"]


def test_closing_mid_answer_saves_the_partial_answer(qtbot, qapp, gemma_path):
    from desktop.core.store import Store
    from desktop.ui.app import create_window
    _, w = create_window(first_run_dialog=False)
    w.settings.set("max_tokens", 2000)
    w.settings.set("min_tokens", 2000)  # the answer goes on past the close, on any CPU
    w.settings.set("temperature", 0.0)
    w.show()
    try:
        _wait_loaded(qtbot, w)
        w.composer.setPlainText("Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,")
        w.send()
        cid = w.conv_id
        qtbot.waitUntil(lambda: len(w.answers.reply_text) > 5 or not w.generating, timeout=ANSWER_MS)
        assert w.generating, f"the answer ended before the window closed: {w.answers.reply_text!r}"
    finally:
        w.settings.set("min_tokens", 0)  # the session's settings file: later windows read it
    w.close()
    assert not w.thread.isRunning()
    s = Store()
    try:
        last = s.path(cid)[-1]
        assert last.role == "assistant" and last.content.startswith(w.answers.reply_text[:5])
        # interrupted (issue 28): shown so when the chat is opened again, with Continue
        assert last.finish_reason == "interrupted" and last.interrupted
    finally:
        s.close()


def test_model_manager_downloads_with_progress_from_the_fake_hub(qtbot, qapp, tmp_path,
                                                                  monkeypatch, qwen_path):
    from fakehub import FakeHub

    from desktop.core import gguf_meta
    from desktop.core.settings import Settings
    from desktop.ui.model_manager import ModelManager
    shards = gguf_meta.shard_paths(qwen_path)
    repo = "ember-test/gui-qwen-GGUF"
    import synth
    cat = synth.write_catalog(tmp_path / "catalog.toml", "gui-qwen", "GUI Qwen", repo, shards)
    monkeypatch.setenv("EMBER_CATALOG", str(cat))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf"))
    with FakeHub({repo: {p.name: p for p in shards}}) as fake:
        fake.throttle(200_000)  # slow enough to see progress
        dlg = ModelManager(None, Settings(tmp_path / "settings.json"))
        qtbot.addWidget(dlg)
        seen = []
        job = dlg.download(dlg.catalog.get("gui-qwen"), endpoint=fake.endpoint)
        job.progress.connect(lambda p: seen.append((p.state, p.done)))
        qtbot.waitUntil(lambda: "gui-qwen" not in dlg.jobs, timeout=60_000)
    assert any(state == "downloading" for state, _ in seen)
    done = [d for state, d in seen if state == "downloading"]
    assert len(set(done)) > 1 and done == sorted(done)  # the total moved forward
    assert dlg.state_items["gui-qwen"].text() == "installed"
    from desktop.core import hub
    assert hub.verified_path(dlg.catalog.get("gui-qwen")) is not None


def test_first_run_recommends_by_hardware():
    from desktop.core import catalog, hardware
    from desktop.ui.model_manager import recommend
    cat = catalog.load()
    assert recommend(cat, hardware.profile("rtx3060-12gb")).id == "qwen2.5-7b-instruct"
    assert recommend(cat, hardware.profile("cpu-only")).id == "qwen2.5-3b-instruct"
    here = hardware.probe()
    if not here.can_offload and here.physical_cores < 8:
        assert recommend(cat, here).id == "qwen2.5-1.5b-instruct"


def test_per_conversation_overrides(qtbot, win):
    _wait_loaded(qtbot, win)
    win.new_chat()
    _send(qtbot, win, "A chat with its own settings.")
    a = win.conv_id
    win.convs.set_overrides(a, {"max_tokens": 5, "temperature": 0.0, "system_prompt": "Be terse."})
    assert win.sampling().max_tokens == 5
    assert win.session.history()[0] == {"role": "system", "content": "Be terse."}
    _send(qtbot, win, "Again.")
    assert win.last_metrics.completion_tokens <= 5
    win.new_chat()
    assert win.sampling().max_tokens == win.settings.get("max_tokens")  # other chats: global


def test_a_file_dropped_on_the_window_is_attached(qtbot, win, tmp_path):
    """A real drag and drop: QDragEnterEvent then QDropEvent with the file's URL, delivered to
    the window as Qt delivers them; the file becomes an attachment of the next question, and
    a drag without files is refused."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication
    _wait_loaded(qtbot, win)
    win.new_chat()
    doc = tmp_path / "dropped.py"
    doc.write_text("def area(r):\n    return 3.14159 * r * r\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc))])
    pos = win.chat.mapTo(win, win.chat.rect().center())
    enter = QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(win, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: len(win.pending_docs) == 1, timeout=30_000)
    assert win.pending_docs[0][0].name == "dropped.py"
    assert "dropped.py" in win.chips.itemAt(0).widget().text()
    text_only = QMimeData()
    text_only.setText("just text")
    refused = QDragEnterEvent(pos, Qt.CopyAction, text_only, Qt.LeftButton, Qt.NoModifier)
    refused.ignore()
    QApplication.sendEvent(win, refused)
    assert not refused.isAccepted()
    win.pending_docs = []
    win.attachments.render_chips()


def test_attach_documents_budget_then_answer(qtbot, win, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    _wait_loaded(qtbot, win)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    win.new_chat()
    doc = tmp_path / "notes.md"
    doc.write_text("# Deploy notes\n\nThe staging password rotates every **Tuesday**.\n")
    bad = tmp_path / "blob.bin"
    bad.write_bytes(bytes(range(256)) * 64)
    win.attach_files([str(doc), str(bad)])
    qtbot.waitUntil(lambda: bool(win.pending_docs) and bool(warnings), timeout=30_000)
    assert len(win.pending_docs) == 1 and "blob.bin" in warnings[0]  # the bad one is refused
    chip = win.chips.itemAt(0).widget()
    assert "notes.md" in chip.text() and "tokens" in chip.text()
    # counted by the engine's tokenizer off the UI thread: the sentence arrives a moment later
    qtbot.waitUntil(lambda: "fits" in win.budget_label.text(), timeout=30_000)
    assert win.budget_label.isVisible()
    _send(qtbot, win, "When does the staging password rotate?")
    assert win.pending_docs == [] and not win.attach_row.isVisible()
    assert [d.name for d in win.convs.documents(win.conv_id)] == ["notes.md"]
    first = win.last_metrics
    assert first.prompt_tokens > 20
    _send(qtbot, win, "And who rotates it?")   # documents first: the follow-up reuses the prefix
    assert win.last_metrics.processed_tokens < win.last_metrics.prompt_tokens / 2


def test_bench_page_runs_and_shows_the_table(qtbot, qapp, gemma_path):
    from desktop.core.bench import BenchConfig
    from desktop.core.models import ModelRef
    from desktop.ui.bench_page import BenchDialog
    dlg = BenchDialog()
    qtbot.addWidget(dlg)
    dlg.resize(900, 640)
    dlg.show()
    qtbot.wait(50)
    # found in the walkthrough: the explanation floated mid-page above an empty report
    # (its label stretched over the page, with its text in the middle)
    assert dlg.status.geometry().bottom() < 140, dlg.status.geometry()
    # the page, not the bench (tests/test_bench.py covers the sections): one small speed row
    cfg = BenchConfig.quick_config(sizes=(64,), response_tokens=8, coding=False, json=False,
                                   long_doc=False, native=False)
    stages = []
    job = dlg.start(ModelRef(gemma_path, "embedded"), cfg)
    job.progress.connect(lambda stage, *_: stages.append(stage))
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=120_000)
    assert stages and not dlg.result.cancelled
    text = dlg.view.toPlainText()
    assert "Decode tok/s" in text and "Machine:" in text
    dlg.view.setHtml(dlg.view.toHtml() * 4)      # a long report (several models)
    qtbot.wait(50)
    # the report scrolls inside the page, which keeps its size (it grew as tall as the report)
    assert dlg.height() <= 660, dlg.height()
    assert dlg.view.height() > 300


def test_an_unopenable_store_keeps_the_window_working_and_says_so(qtbot, qapp, tmp_path,
                                                                   monkeypatch):
    """A database from a newer Ember is refused, never touched: the window runs on a store in
    a temporary folder (the real SQLite code), and says the chats are not being saved."""
    import sqlite3

    from desktop.ui.app import create_window
    home = tmp_path / "home"
    home.mkdir()
    db = home / "ember.db"
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 999")
    con.commit()
    con.close()
    before = db.read_bytes()
    monkeypatch.setenv("EMBER_HOME", str(home))
    _, w = create_window(autoload=False, first_run_dialog=False)
    qtbot.addWidget(w)
    w.show()
    assert w.banner.isVisible() and "not being saved" in w.banner.text()
    cid = w.convs.create("m", None)
    w.convs.add_user(cid, "hello")
    assert [m.content for m in w.convs.path(cid)] == ["hello"]
    assert w.convs.s.db_path.exists() and not str(w.convs.s.db_path).startswith(str(home))
    w.close()
    assert db.read_bytes() == before


def test_importing_a_gguf_runs_off_the_ui_thread(qtbot, qapp, qwen_path, monkeypatch):
    """The copy and checks of an imported GGUF run on a worker thread; the dialog says when
    it is done, and the model appears in the window's list."""
    import threading

    from PySide6.QtWidgets import QMessageBox

    from desktop.core import hub
    from desktop.core.settings import Settings
    from desktop.ui.model_manager import ModelManager
    threads = []
    real = hub.import_gguf

    def spy(path, **kw):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(path, **kw)
    monkeypatch.setattr(hub, "import_gguf", spy)
    infos, warns = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warns.append(a[2]))
    dlg = ModelManager(None, Settings())
    qtbot.addWidget(dlg)
    changed = []
    dlg.models_changed.connect(lambda: changed.append(1))
    dlg.import_file(str(qwen_path))
    assert "Importing" in dlg.import_note.text()
    qtbot.waitUntil(lambda: bool(infos) or bool(warns), timeout=60_000)
    assert not warns, warns
    assert threads == [False] and changed and dlg.imported.exists()
    assert dlg.import_note.text() == ""
    dlg.import_file(str(qwen_path.with_name("missing.gguf")))
    qtbot.waitUntil(lambda: bool(warns), timeout=30_000)
    assert "missing.gguf" in warns[0]


def test_a_streaming_answer_reaches_the_store_while_it_streams(qtbot, win):
    """The worker writes the text so far about once a second (off the UI thread), so a crash
    of the window loses at most the last second."""
    from desktop.core.store import Store
    _wait_loaded(qtbot, win)
    win.new_chat()
    _long_answers(win, 2000)  # still streaming when the store is read, on any CPU
    reader = Store(win.convs.s.db_path)
    try:
        win.composer.setPlainText("Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,")
        win.send()
        rid = win.reply_id
        qtbot.waitUntil(lambda: len(reader.get_message(rid).content) > 20, timeout=30_000)
        m = reader.get_message(rid)
        assert m.status == "streaming" and win.generating
        assert win.answers.reply_text.startswith(m.content)
        win.stop()
        qtbot.waitUntil(lambda: not win.generating, timeout=20_000)
    finally:
        _short_answers(win)
        reader.close()


def test_a_streaming_reply_is_re_rendered_while_it_streams_not_per_piece(qtbot):
    """Pieces arrive much faster than the view renders: a burst is rendered once, shortly
    after (superqt's throttle, at most ~15 renders a second), before the stream ends."""
    from desktop.ui.chat_view import ChatView
    view = ChatView()
    qtbot.addWidget(view)
    w = view.add_message("assistant")
    renders = []
    real = w.refresh
    w.refresh = lambda: (renders.append(1), real())[1]
    view.start_stream(w)
    for i in range(60):     # a burst of pieces between two turns of the event loop
        view.append(f"word{i} ")
    assert renders == []    # nothing rendered per piece
    qtbot.waitUntil(lambda: "word59" in w.body.toPlainText(), timeout=2000)
    assert len(renders) == 1  # one render for the burst, shortly after it
    view.append("more ")
    qtbot.waitUntil(lambda: "more" in w.body.toPlainText(), timeout=2000)
    assert len(renders) == 2
    view.stop_stream()


def test_a_recovered_database_is_said_in_the_window(qapp, tmp_path):
    """The store's notices (a damaged file moved aside, what could be read copied over) reach
    the window's banner, not only the terminal."""
    from desktop.core import paths
    from desktop.ui.app import create_window
    (tmp_path / "ember.db").write_bytes(b"this is not a database " * 400)
    old = paths._override
    paths.set_data_dir(tmp_path)
    try:
        _, w = create_window(autoload=False, first_run_dialog=False)
        try:
            assert not w.banner.isHidden()
            text = w.banner.text()
            assert "kept as" in text, text
        finally:
            w.close()
    finally:
        paths._override = old


def test_the_status_bar_says_when_busy_cores_cost_threads(qtbot, win):
    """Issue 24: the engine decodes on fewer threads beside busy cores; the status bar says so
    (and why, in its tooltip), and says nothing when it used them all."""
    from desktop.core.turns import TurnMetrics
    old = win.last_metrics
    try:
        win.last_metrics = TurnMetrics(decode_tps=25.0, threads=1, threads_max=2, cpu_others=1.02)
        win.models.refresh_stats()
        label = win.stat_labels["threads"]
        assert label.text() == "1 of 2 threads: the CPU is busy"
        assert "Other programs kept 1.0 cores busy" in label.toolTip()
        win.last_metrics = TurnMetrics(decode_tps=40.0, threads=2, threads_max=2, cpu_others=0.1)
        win.models.refresh_stats()
        assert label.text() == "" and label.toolTip() == ""
    finally:
        win.last_metrics = old
        win.models.refresh_stats()


def test_the_bench_bar_never_goes_back_and_quick_says_its_time_here(qtbot, qapp, gemma_path,
                                                                     tmp_path, monkeypatch):
    """Issue 28 (12): the bar showed each section's own progress, so it went 80% -> 12%
    between sections, and "Quick (about a minute)" ran more than 3 minutes on a small CPU.
    Now one bar for the run, and the Quick box says what earlier runs took on this machine."""
    import itertools

    from desktop.core.bench import BenchConfig
    from desktop.core.models import ModelRef
    from desktop.ui.bench_page import BenchDialog
    monkeypatch.setenv("EMBER_HOME", str(tmp_path))
    dlg = BenchDialog()
    qtbot.addWidget(dlg)
    assert "first run measures" in dlg.quick.text()      # no earlier run here yet
    cfg = BenchConfig.quick_config(sizes=(64,), response_tokens=8, coding_limit=1,
                                   coding_max_tokens=32, json_limit=1, json_max_tokens=16,
                                   long_doc=False, native=False, check_rounds=0)
    raw, bar = [], []
    job = dlg.start(ModelRef(gemma_path, "embedded"), cfg)
    job.progress.connect(lambda stage, done, total, _m: (raw.append(done / max(1, total)),
                                                         bar.append(dlg.bar.value())))
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=300_000)
    assert any(b < a for a, b in itertools.pairwise(raw)), raw   # the sections' counts go back
    assert bar == sorted(bar) and bar[-1] == dlg.bar.maximum(), bar
    assert not dlg.result.cancelled
    again = BenchDialog()           # the finished run was stored: its time is the estimate
    qtbot.addWidget(again)
    assert "on this computer" in again.quick.text() and "min" in again.quick.text()


def test_continue_goes_on_from_the_cut_answer(qtbot, win):
    """Issue 28 (5): after "hit the length limit", Continue made a version 2/2 with the same
    text. The cut answer now goes last to the model, which goes on from its last word: the new
    version holds the old text (its closing fence opened again) and more."""
    _wait_loaded(qtbot, win)
    win.new_chat()
    _long_answers(win, 10)
    try:
        _send(qtbot, win, "def fibonacci(n):")       # the base model's code path: a code block
        path = win.session.store.path(win.conv_id)
        cut = path[-1]
        assert cut.finish_reason == "length"
        win.answers.message_action("continue", cut.id)
        qtbot.waitUntil(lambda: not win.generating, timeout=ANSWER_MS)
        new = win.session.store.path(win.conv_id)[-1]
        assert new.id != cut.id and len(win.session.store.versions(new.id)) == 2
        from desktop.core.session import open_end
        assert new.content.startswith(open_end(cut.content)), (cut.content, new.content)
        assert len(new.content) > len(cut.content), (cut.content, new.content)
        # the block goes on and is closed at the end (before: the old block, closed, then an
        # answer to "Continue exactly where you stopped." after it); what the model writes
        # inside it is its own (it may differ by CPU)
        assert new.content.rstrip().endswith("```"), new.content
        assert new.content[len(open_end(cut.content)):].strip() != "```", new.content
    finally:
        _short_answers(win)
