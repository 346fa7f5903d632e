"""Downloads that live with the window (issue 16): they go on after the model manager closes,
resume after a restart, "Add from Hugging Face" lists any repo's GGUF files, and the embedded
model's notice offers the recommended model in one click. A real window (offscreen), the fake
hub on 127.0.0.1 throttled so the downloads take seconds, real synthesized GGUF files."""
from __future__ import annotations

import os
import shutil
import socket

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import synth  # noqa: E402
from fakehub import FakeHub  # noqa: E402

LOAD_MS = 120_000
DL_MS = 60_000


@pytest.fixture
def shards(qwen_path):
    from desktop.core import gguf_meta
    return gguf_meta.shard_paths(qwen_path)


@pytest.fixture
def own_home(tmp_path, monkeypatch):
    """A data folder of this test's own (the remembered downloads, the imported models, the
    registry) and an HF cache of its own. For windows that start no engine."""
    from desktop.core import paths
    old = paths._override
    paths.set_data_dir(tmp_path / "home")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf"))
    yield tmp_path / "home"
    paths._override = old


def _catalog(tmp_path, monkeypatch, mid, shards, repo, **kw):
    cat = synth.write_catalog(tmp_path / f"{mid}.toml", mid, mid.upper(), repo, shards, **kw)
    monkeypatch.setenv("EMBER_CATALOG", str(cat))
    from desktop.core import catalog
    return catalog.load().get(mid)


def _window(**kw):
    from desktop.ui.app import create_window
    _, w = create_window(first_run_dialog=False, **kw)
    w.show()
    return w


def _on_disk(tmp_path) -> int:
    """Bytes of the model in the HF cache: finished blobs and partial files."""
    blobs = list((tmp_path / "hf").rglob("blobs/*"))
    return sum(p.stat().st_size for p in blobs if p.is_file())


def test_a_download_goes_on_after_the_model_manager_closes(qtbot, qapp, tmp_path, monkeypatch,
                                                           own_home, shards):
    from desktop.core import hub
    from desktop.ui.model_manager import ModelManager
    repo = "ember-test/dl-bg-GGUF"
    model = _catalog(tmp_path, monkeypatch, "dl-bg", shards, repo)
    with FakeHub({repo: {p.name: p for p in shards}}) as fake:
        fake.throttle(120_000)
        w = _window(autoload=False)
        assert not w.downloads_button.isVisible()   # nothing to show yet
        dlg = ModelManager(w, w.settings, center=w.downloads)
        dlg.show()
        dlg.download(model, endpoint=fake.endpoint)
        assert fake.wait_for(lambda h: h.bytes_sent() > 40_000, timeout=20)
        dlg.accept()                                # the manager closes mid-download
        assert not dlg.isVisible()
        assert model.id in w.downloads.jobs         # ...and the download goes on
        # the status bar says how far it is, how fast, how long is left
        import re
        qtbot.waitUntil(lambda: w.downloads_button.isVisible() and re.search(
            r"Downloading DL-BG: \d+%, [\d.]+ KB/s, \S+ left", w.downloads_button.text()),
            timeout=10_000)
        row = w.downloads_button.panel.rows[model.id]
        assert row.buttons["pause"].isVisibleTo(row) and not row.buttons["resume"].isVisibleTo(row)
        # the model picker says it too, beside the model
        qtbot.waitUntil(lambda: w.model_combo.state_text(model.id).startswith("Downloading "),
                        timeout=10_000)
        qtbot.waitUntil(lambda: w.downloads.state(model.id) == "done", timeout=DL_MS)
        assert not w.model_combo.state_text(model.id).startswith("Downloading ")
        sent = fake.bytes_sent()
    assert hub.verified_path(model) is not None            # verified (sha256) and registered
    assert sent == sum(p.stat().st_size for p in shards)   # fetched once, nothing again
    qtbot.waitUntil(lambda: not w.downloads_button.isVisible(), timeout=5000)
    assert any(w.model_combo.itemData(i) is not None and
               getattr(w.model_combo.itemData(i), "key", None) == model.id
               for i in range(w.model_combo.count()))       # the window lists it now
    w.close()


def test_pause_resume_cancel_from_the_panel(qtbot, qapp, tmp_path, monkeypatch, own_home, shards):
    repo = "ember-test/dl-panel-GGUF"
    model = _catalog(tmp_path, monkeypatch, "dl-panel", shards, repo)
    with FakeHub({repo: {p.name: p for p in shards}}) as fake:
        fake.throttle(60_000)
        w = _window(autoload=False)
        w.downloads.start(model, fake.endpoint)
        # Ctrl+J (the window's shortcut; offscreen, no window is active, so it is triggered)
        act = w.menus.actions_by_id["downloads"]
        assert act.shortcut().toString() == "Ctrl+J"
        act.trigger()
        panel = w.downloads_button.panel
        qtbot.waitUntil(panel.isVisible, timeout=2000)      # Ctrl+J opens the panel
        row = panel.rows[model.id]
        assert fake.wait_for(lambda h: h.bytes_sent() > 20_000, timeout=20)
        row.buttons["pause"].click()
        qtbot.waitUntil(lambda: w.downloads.state(model.id) == "paused", timeout=10_000)
        assert row.buttons["resume"].isVisibleTo(row) and "Paused" in row.line.text()
        assert "paused" in w.downloads_button.text()
        have = sum(p.stat().st_size for p in (tmp_path / "hf").rglob("blobs/*.incomplete"))
        assert 0 < have < sum(p.stat().st_size for p in shards)
        n = len(fake.requests)
        row.buttons["resume"].click()
        assert fake.wait_for(lambda h: any(r.server == "cdn" and r.method == "GET"
                                           for r in h.requests[n:]), timeout=20)
        first = next(r for r in fake.requests[n:] if r.server == "cdn" and r.method == "GET")
        assert first.range_start == have                    # resumed, not started again
        row.buttons["cancel"].click()
        qtbot.waitUntil(lambda: w.downloads.state(model.id) == "cancelled", timeout=10_000)
        assert not w.downloads_button.isVisible()
        assert row.buttons["remove"].isVisibleTo(row)
        row.buttons["remove"].click()
        assert model.id not in w.downloads.entries
    w.close()


def test_a_download_resumes_after_a_restart_without_fetching_again(qtbot, qapp, tmp_path,
                                                                    monkeypatch, own_home, shards):
    import json

    from desktop.core import hub
    repo = "ember-test/dl-restart-GGUF"
    model = _catalog(tmp_path, monkeypatch, "dl-restart", shards, repo)
    total = sum(p.stat().st_size for p in shards)
    with FakeHub({repo: {p.name: p for p in shards}}) as fake:
        fake.throttle(80_000)
        w = _window(autoload=False)
        w.downloads.start(model, fake.endpoint)
        assert fake.wait_for(lambda h: h.bytes_sent() > total // 3, timeout=30)
        w.close()                          # mid-download: paused, its threads ended
        assert not w.downloads.jobs
        assert w.downloads.state(model.id) == "running"   # interrupted, not paused by the user
        remembered = json.loads((own_home / "models" / "window-downloads.json").read_text())
        assert [d["model"]["id"] for d in remembered["downloads"]] == [model.id]
        have = _on_disk(tmp_path)
        assert total // 4 < have < total
        partial = list((tmp_path / "hf").rglob("blobs/*.incomplete"))
        assert len(partial) == 1
        partial_size = partial[0].stat().st_size
        assert hub.verified_path(model) is None
        n = len(fake.requests)

        w2 = _window(autoload=False)       # the next start resumes it by itself
        assert model.id in w2.downloads.jobs
        qtbot.waitUntil(lambda: w2.downloads.state(model.id) == "done", timeout=DL_MS)
        after = [r for r in fake.requests[n:] if r.server == "cdn" and r.method == "GET"]
    assert after and after[0].range_start == partial_size > 0   # from where the part ended
    assert sum(r.sent for r in after) == total - have       # the bytes on disk: not again
    assert hub.verified_path(model) is not None
    remembered = json.loads((own_home / "models" / "window-downloads.json").read_text())
    assert remembered["downloads"] == []                    # done: forgotten
    w2.close()


def test_add_from_hugging_face_lists_refuses_and_downloads(qtbot, qapp, tmp_path, monkeypatch,
                                                           own_home, shards):
    from desktop.core import hub
    from desktop.ui.model_manager import ModelManager
    single = synth.write_qwen2(tmp_path / "single", shards=1, seed=3)
    files = {"tiny-Q4_K_M-00001-of-00002.gguf": shards[0],
             "tiny-Q4_K_M-00002-of-00002.gguf": shards[1],
             "tiny-Q8_0.gguf": single, "README.md": b"# tiny\n",
             "tiny-Q2_K-00001-of-00003.gguf": b"GGUF incomplete split"}  # parts 2, 3 missing
    with FakeHub({"ember-test/tiny-GGUF": files,
                  "ember-test/no-gguf": {"README.md": b"# none\n", "model.safetensors": b"x"}}) \
            as fake:
        fake.throttle(150_000)
        w = _window(autoload=False)
        mgr = ModelManager(w, w.settings, center=w.downloads)
        dlg = mgr.open_hf(endpoint=fake.endpoint)

        def ask(text: str) -> str:
            dlg.repo_edit.setText(text)
            before = len(fake.requests)
            dlg.list_files()
            qtbot.waitUntil(lambda: dlg.list_btn.isEnabled(), timeout=20_000)
            dlg._asked = len(fake.requests) - before
            return dlg.message.text()

        msg = ask("not a repo")
        assert "is not a Hugging Face repository" in msg and "owner/name" in msg
        assert dlg._asked == 0                               # refused without asking the hub
        assert "not a Hugging Face address" in ask("https://example.com/a/b")
        assert "There is no repository ember-test/missing" in ask("ember-test/missing")
        assert "has no GGUF model files" in ask("https://huggingface.co/ember-test/no-gguf")
        msg = ask("https://huggingface.co/ember-test/tiny-GGUF/tree/main")
        assert "ember-test/tiny-GGUF has 2 GGUF models" in msg
        assert "tiny-Q2_K" in msg                            # the incomplete split is said
        rows = {dlg.table.item(r, 0).text(): (dlg.table.item(r, 1).text(),
                                              dlg.table.item(r, 2).text(),
                                              dlg.table.item(r, 3).text())
                for r in range(dlg.table.rowCount())}
        split_size = shards[0].stat().st_size + shards[1].stat().st_size
        assert rows["tiny-Q4_K_M.gguf"][:2] == ("Q4_K_M", hub.fmt_bytes(split_size))
        assert rows["tiny-Q8_0.gguf"][:2] == ("Q8_0", hub.fmt_bytes(single.stat().st_size))
        assert all(r[2] for r in rows.values())               # a fit badge each
        r = next(i for i in range(dlg.table.rowCount())
                 if dlg.table.item(i, 0).text() == "tiny-Q4_K_M.gguf")
        dlg.table.selectRow(r)
        assert dlg.download_btn.isEnabled()
        dlg.download_btn.click()
        mid = "hf:ember-test/tiny-gguf/tiny-q4_k_m.gguf"
        assert mid in w.downloads.jobs
        dlg.reject()
        mgr.accept()                                          # both closed: it goes on
        qtbot.waitUntil(lambda: w.downloads.state(mid) == "done", timeout=DL_MS)
        fetched = {r.file for r in fake.requests if r.server == "cdn" and r.method == "GET"}
    assert fetched == {"tiny-Q4_K_M-00001-of-00002.gguf", "tiny-Q4_K_M-00002-of-00002.gguf"}
    linked = hub.imported_dir() / "tiny-Q4_K_M-00001-of-00002.gguf"
    assert linked.is_symlink() and linked.exists()          # in Ember's list, nothing copied
    assert (hub.imported_dir() / "tiny-Q4_K_M-00002-of-00002.gguf").exists()
    qtbot.waitUntil(lambda: any(w.model_combo.itemText(i) == linked.name
                                for i in range(w.model_combo.count())), timeout=5000)
    # the hub gone: said plainly
    dlg2 = AddFromHubDialogFor(w, fake.endpoint)
    dlg2.repo_edit.setText("ember-test/tiny-GGUF")
    dlg2.list_files()
    qtbot.waitUntil(lambda: dlg2.list_btn.isEnabled(), timeout=30_000)
    assert "cannot reach 127.0.0.1" in dlg2.message.text()
    w.close()


def AddFromHubDialogFor(w, endpoint):  # noqa: N802 - a dialog, built like the manager does
    from desktop.core import hardware
    from desktop.ui.model_manager import AddFromHubDialog
    return AddFromHubDialog(w, w.downloads, hardware.probe(), endpoint=endpoint)


def test_importing_links_in_place_and_a_vanished_file_is_said(qtbot, qapp, tmp_path, own_home):
    from PySide6.QtWidgets import QMessageBox

    from desktop.core import hub
    from desktop.core.settings import Settings
    from desktop.ui.model_manager import ModelManager
    src = synth.write_qwen2(tmp_path / "mine", shards=1, seed=5)
    infos, warns = [], []
    old_info, old_warn = QMessageBox.information, QMessageBox.warning
    QMessageBox.information = lambda *a, **k: infos.append(a[2])
    QMessageBox.warning = lambda *a, **k: warns.append(a[2])
    try:
        dlg = ModelManager(None, Settings(tmp_path / "settings.json"))
        qtbot.addWidget(dlg)
        dlg.link_box.setChecked(True)
        dlg.import_file(str(src))
        assert "Linking" in dlg.import_note.text()
        qtbot.waitUntil(lambda: bool(infos) or bool(warns), timeout=30_000)
        assert not warns, warns
        out = dlg.imported
        assert out.is_symlink() and out.resolve() == src.resolve()   # nothing copied
        assert not dlg.broken_note.isVisible()
        src.unlink()                                       # the user moves the file away
        dlg.populate()
        assert not dlg.broken_note.isHidden()
        assert src.name in dlg.broken_note.text() and "gone" in dlg.broken_note.text()
        assert [p.name for p, _ in hub.broken_links()] == [out.name]
        # a copy reports its progress from the copying thread
        big = synth.write_qwen2(tmp_path / "copy", shards=1, seed=6)
        seen = []
        dlg._import_relay.progress.connect(lambda d, t: seen.append((d, t)))
        dlg.link_box.setChecked(False)
        infos.clear()
        dlg.import_file(str(big))
        qtbot.waitUntil(lambda: bool(infos) or bool(warns), timeout=30_000)
        assert not warns, warns
        assert seen and seen[-1] == (big.stat().st_size, big.stat().st_size)
        assert not dlg.imported.is_symlink()
    finally:
        QMessageBox.information, QMessageBox.warning = old_info, old_warn


def test_the_embedded_model_notice_offers_the_recommended_model(qtbot, qapp, tmp_path,
                                                                monkeypatch, shards, gemma_path):
    """The window on the embedded Gemma 3 270M says what it is and offers the recommended
    model (the catalog's, for this machine) in one click; it downloads in the centre, then the
    notice offers to switch, and switching loads it."""
    from desktop.core import catalog, hardware, models
    from desktop.ui.model_manager import recommend
    repo = "ember-test/dl-first-GGUF"
    model = _catalog(tmp_path, monkeypatch, "dl-first", shards, repo, default=True)
    assert recommend(catalog.load(), hardware.probe()).id == model.id
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf"))
    with FakeHub({repo: {p.name: p for p in shards}}) as fake:
        monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
        fake.throttle(30_000)
        w = _window()
        try:
            for i in range(w.model_combo.count()):   # the embedded model, whatever else is listed
                if getattr(w.model_combo.itemData(i), "key", None) == models.EMBEDDED:
                    w.model_combo.setCurrentIndex(i)
            note = w.first_minute
            qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
            qtbot.waitUntil(lambda: note.isVisible(), timeout=20_000)
            assert "tiny practice model" in note.text.text()
            # said in at most two lines beside its button, at the smallest window too (it took
            # four at 800 wide): the button names the model and its size
            w.resize(800, 600)
            qtbot.wait(50)
            line = note.text.fontMetrics().lineSpacing()
            assert note.text.height() <= 2 * line + 6, (note.text.height(), line)
            assert note.height() <= 3 * line + 16, note.height()
            assert note.button.text().startswith(f"Download {model.name}")
            note.button.click()                          # one click
            assert model.id in w.downloads.jobs
            qtbot.waitUntil(lambda: "in the background" in note.text.text(), timeout=10_000)
            # the user chats while it downloads: a long answer (min_tokens: long on any CPU,
            # whatever words the model picks there), stopped once the download has moved on
            w.settings.set("max_tokens", 2000)
            w.settings.set("min_tokens", 2000)
            w.settings.set("temperature", 0.0)
            w.new_chat()
            during = []   # (answering now?, bytes so far) at each progress report

            def answering():
                return {done for busy, done in during if busy}
            w.downloads.progress.connect(lambda p: during.append((w.generating, p.done)))
            w.composer.setPlainText("Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,")
            w.send()
            assert w.generating
            qtbot.waitUntil(lambda: len(answering()) > 1 or not w.generating, timeout=LOAD_MS)
            assert len(answering()) > 1, during       # the download moved on while it answered
            w.stop()
            qtbot.waitUntil(lambda: not w.generating, timeout=LOAD_MS)
            assert w.chat.messages[-1].role == "assistant" and w.chat.messages[-1].text
            fake.throttle(None)                              # now let it finish quickly
            qtbot.waitUntil(lambda: note.button.text() == f"Switch to {model.name}",
                            timeout=DL_MS)
            assert "downloaded" in note.text.text()
            note.button.click()                          # switch
            qtbot.waitUntil(lambda: w.model_info is not None and
                            getattr(w.model_combo.currentData(), "key", None) == model.id,
                            timeout=LOAD_MS)
            assert not note.isVisible()
        finally:
            w.settings.set("min_tokens", 0)  # the session's settings file: later windows read it
            w.close()
            (w.downloads.state_path()).unlink(missing_ok=True)
            shutil.rmtree(tmp_path / "hf", ignore_errors=True)


def test_a_linked_model_whose_file_vanished_fails_to_load_with_a_clear_message(
        qtbot, qapp, tmp_path, monkeypatch, gemma_path):
    """Linked in place, then the file is deleted: the window still lists it, loading it says
    which file is missing (the window and its engine go on), and Models… names it."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.core import hub
    from desktop.ui.model_manager import ModelManager
    src = synth.write_qwen2(tmp_path / "gone", name="vanishing-model", shards=1, seed=7)
    link = hub.import_gguf(src, link=True)
    warns = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warns.append(a[2]))
    w = None
    try:
        src.unlink()
        w = _window(autoload=False)
        i = next(i for i in range(w.model_combo.count())
                 if w.model_combo.itemText(i) == link.name)
        w.model_combo.setCurrentIndex(i)
        w.load_selected_model()
        qtbot.waitUntil(lambda: bool(warns), timeout=LOAD_MS)
        assert link.name in warns[0] and "not found" in warns[0].lower(), warns
        assert w.model_state.text() == "Not loaded"
        mgr = ModelManager(w, w.settings, center=w.downloads)
        assert not mgr.broken_note.isHidden() and str(src) in mgr.broken_note.text()
        mgr.accept()
    finally:
        if w is not None:
            w.close()
        link.unlink(missing_ok=True)


def test_the_first_run_dialog_downloads_in_the_background(qtbot, qapp, tmp_path, monkeypatch,
                                                          own_home, shards):
    """Its Download button hands the recommended model to the window's centre and closes: no
    modal model manager, the user is in the window at once."""
    from desktop.ui.model_manager import FirstRunDialog
    repo = "ember-test/dl-run-GGUF"
    model = _catalog(tmp_path, monkeypatch, "dl-run", shards, repo, default=True)
    with FakeHub({repo: {p.name: p for p in shards}}) as fake:
        monkeypatch.setenv("HF_ENDPOINT", fake.endpoint)
        w = _window(autoload=False)
        dlg = FirstRunDialog(w, w.settings)
        assert dlg.rec.id == model.id
        dlg.show()
        dlg.download_btn.click()
        assert not dlg.isVisible() and model.id in w.downloads.jobs
        qtbot.waitUntil(lambda: w.downloads.state(model.id) == "done", timeout=DL_MS)
    w.close()


def _offline_catalog(tmp_path, monkeypatch, shards, name: str):
    """A catalog whose default model lives on a hub that cannot be reached (a port nothing
    listens on): its download fails as offline."""
    model = _catalog(tmp_path, monkeypatch, name, shards, f"ember-test/{name}-GGUF",
                     default=True)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    return model


def test_offline_the_notice_says_why_and_offers_the_import_button(qtbot, qapp, tmp_path,
                                                                  monkeypatch, shards):
    """Issue 28 (8): offline, Download in the notice only showed "Downloads: 1 failed" in the
    status bar, the reason was in the Ctrl+J panel, and it pointed to a terminal command. Now
    the notice says why, offers Try again, and the Import a GGUF file… button beside it."""
    from desktop.core import models
    model = _offline_catalog(tmp_path, monkeypatch, shards, "dl-offline")
    w = _window()
    try:
        for i in range(w.model_combo.count()):
            if getattr(w.model_combo.itemData(i), "key", None) == models.EMBEDDED:
                w.model_combo.setCurrentIndex(i)
        note = w.first_minute
        qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)
        qtbot.waitUntil(lambda: note.isVisible(), timeout=20_000)
        assert not note.import_btn.isVisible()
        note.button.click()
        qtbot.waitUntil(lambda: w.downloads.state(model.id) == "failed", timeout=60_000)
        text = note.text.text()
        assert "could not be downloaded" in text and model.name in text, text
        assert "ember models add" not in text and "Import a GGUF file" in text, text
        assert note.import_btn.isVisible() and note.button.text() == "Try again"
    finally:
        w.close()
        (w.downloads.state_path()).unlink(missing_ok=True)


def test_offline_in_models_the_row_and_the_message_say_the_same(qtbot, qapp, tmp_path,
                                                               monkeypatch, shards):
    """Found in the walkthrough: Models… said a failed offline download could be "Resume"d (0
    bytes fetched) and its message pointed to `ember models add`, not the Import a GGUF file…
    button under the table. Now: Try again, and the button named."""
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from desktop.ui.model_manager import ModelManager
    model = _offline_catalog(tmp_path, monkeypatch, shards, "dl-offline-m")
    warns = []
    old_warn = QMessageBox.warning
    QMessageBox.warning = lambda *a, **k: warns.append(a[2])
    w = _window()
    try:
        mgr = ModelManager(w, w.settings, center=w.downloads)
        mgr.show()
        mgr.download(model)
        qtbot.waitUntil(lambda: w.downloads.state(model.id) == "failed", timeout=60_000)
        qtbot.waitUntil(lambda: bool(warns), timeout=10_000)
        assert "ember models add" not in warns[-1] and "Import a GGUF file" in warns[-1], warns
        again = mgr.findChild(QPushButton, f"resume-{model.id}")
        assert again is not None and again.text() == "Try again", again and again.text()
        mgr.close()
    finally:
        QMessageBox.warning = old_warn
        w.close()
        (w.downloads.state_path()).unlink(missing_ok=True)
