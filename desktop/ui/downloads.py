"""Downloads that live with the window, not with a dialog.

`DownloadCenter` owns every download (a `DownloadJob`: one `hub.Download` on its own QThread):
the model manager, "Add from Hugging Face", the first-run dialog and the first-minute notice
all start theirs here, so closing a dialog never stops one and the user chats while a 4.7 GB
model arrives. Unfinished downloads are remembered in `models_dir()/window-downloads.json`:
one the window's closing interrupted resumes by itself at the next start (hub.Download goes on
from the bytes already on disk with an HTTP Range request); one the user paused is listed,
paused, with its Resume button.

`DownloadsButton` is the status bar's item (the downloads' total progress, speed and time
left; Ctrl+J or a click opens `DownloadsPanel`, each download with its bar, its line, and
Pause / Resume / Cancel). `FirstMinuteNotice` is the strip above the chat while the embedded
Gemma 3 270M is loaded: what that model is, and the model recommended for this computer in
one click; when that download is done it offers to switch. `attach_to_window` puts all of it
into the main window.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core import hub, paths
from ..core.errors import EmberError
from .i18n import tr
from .model_choice import fetched, recommend, window_words  # noqa: F401 (recommend: its old home)
from .widgets import button

log = logging.getLogger("ember.ui")

STATE_FILE = "window-downloads.json"




class DownloadJob(QObject):
    """Runs one hub.Download in its own thread; reports through signals.

    link_import: once verified, the model is also linked into Ember's imported models (a model
    from "Add from Hugging Face" is not in the catalog, so this is how the window lists it)."""
    # every signal carries the model id: they are connected to main-thread @Slot methods
    # (a lambda connected here would run in the download thread, where widgets must not be used)
    progress = Signal(object)      # hub.DownloadProgress
    done = Signal(str, str)        # model id, path
    stopped = Signal(str, str)     # model id, paused | cancelled
    failed = Signal(str, str)      # model id, message

    def __init__(self, model, endpoint=None, *, link_import: bool = False):
        super().__init__()
        self.model = model
        self.endpoint = endpoint
        self.link_import = link_import
        self.dl = hub.Download(model, endpoint=endpoint, on_progress=self.progress.emit)
        self.thread = QThread()
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)

    def start(self) -> None:
        self.thread.start()

    @Slot()
    def _run(self) -> None:
        mid = self.model.id
        try:
            path = self.dl.run()
            if self.link_import:
                path = hub.import_gguf(path, link=True)
        except hub.DownloadPaused:
            self.stopped.emit(mid, "paused")
        except hub.DownloadCancelled:
            self.stopped.emit(mid, "cancelled")
        except EmberError as e:
            self.failed.emit(mid, str(e))
        except Exception as e:  # keep the app alive
            self.failed.emit(mid, tr("Unexpected error: {error}").format(
                error=f"{type(e).__name__}: {e}"))
        else:
            self.done.emit(mid, str(path))
        finally:
            self.thread.quit()


@dataclass
class Entry:
    """A download the centre knows: running, paused, failed, cancelled or done."""
    model: object                  # CatalogModel
    endpoint: str | None = None
    link_import: bool = False
    state: str = "running"         # running | paused | failed | cancelled | done
    progress: object = None        # the last hub.DownloadProgress
    message: str = ""
    path: str = ""                 # when done

    @property
    def active(self) -> bool:
        return self.state in ("running", "paused", "failed")


class DownloadCenter(QObject):
    """Every download of the window, for the window's lifetime (and, remembered, beyond it)."""
    changed = Signal(str)          # model id: added, paused, resumed, finished, removed
    progress = Signal(object)      # hub.DownloadProgress
    finished = Signal(str, str)    # model id, path
    failed = Signal(str, str)      # model id, message

    def __init__(self, parent=None, *, remember: bool = True):
        super().__init__(parent)
        self.remember = remember
        self.jobs: dict[str, DownloadJob] = {}     # running now
        self.entries: dict[str, Entry] = {}        # everything shown, in order
        self._stopping = False

    # ------------------------------------------------------------------ control
    def start(self, model, endpoint: str | None = None, *, link_import: bool = False) -> DownloadJob:
        """Start (or resume) a download; one already running is returned as it is."""
        if model.id in self.jobs:
            return self.jobs[model.id]
        job = DownloadJob(model, endpoint, link_import=link_import)
        job.progress.connect(self._on_progress)
        job.done.connect(self._on_done)
        job.stopped.connect(self._on_stopped)
        job.failed.connect(self._on_failed)
        self.jobs[model.id] = job
        e = self.entries.get(model.id)
        if e is None:
            e = self.entries[model.id] = Entry(model, endpoint, link_import)
        e.model, e.endpoint, e.link_import = model, endpoint, link_import
        e.state, e.message = "running", ""
        self._save()
        job.start()
        self.changed.emit(model.id)
        return job

    def pause(self, model_id: str) -> None:
        job = self.jobs.get(model_id)
        if job is not None:
            job.dl.pause()     # the job says "paused" from its thread; _on_stopped records it

    def resume(self, model_id: str) -> DownloadJob | None:
        e = self.entries.get(model_id)
        if e is None or model_id in self.jobs:
            return self.jobs.get(model_id)
        return self.start(e.model, e.endpoint, link_import=e.link_import)

    def cancel(self, model_id: str) -> None:
        """Stop and forget a download (the part fetched stays in the HF cache, so downloading
        the model again later resumes; `ember rm` deletes it)."""
        job = self.jobs.get(model_id)
        if job is not None:
            job.dl.cancel()
            return
        e = self.entries.get(model_id)
        if e is not None and e.active:
            e.state, e.message = "cancelled", ""
            self._save()
            self.changed.emit(model_id)

    def remove(self, model_id: str) -> None:
        """Drop a finished, failed or cancelled line from the list."""
        if model_id in self.jobs:
            return
        if self.entries.pop(model_id, None) is not None:
            self._save()
            self.changed.emit(model_id)

    def state(self, model_id: str) -> str | None:
        e = self.entries.get(model_id)
        return e.state if e is not None else None

    def active(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.active]

    # ------------------------------------------------------------------ job signals
    @Slot(object)
    def _on_progress(self, p) -> None:
        e = self.entries.get(p.model_id)
        if e is not None:
            e.progress = p
        self.progress.emit(p)

    def _finish_job(self, mid: str) -> None:
        job = self.jobs.pop(mid, None)
        if job is not None:
            job.thread.wait(5000)

    @Slot(str, str)
    def _on_done(self, mid: str, path: str) -> None:
        self._finish_job(mid)
        e = self.entries.get(mid)
        if e is not None:
            e.state, e.path, e.message = "done", path, ""
        self._save()
        self.changed.emit(mid)
        self.finished.emit(mid, path)

    @Slot(str, str)
    def _on_stopped(self, mid: str, how: str) -> None:
        self._finish_job(mid)
        if self._stopping:
            return     # the window is closing: remembered as running, resumed at the next start
        e = self.entries.get(mid)
        if e is not None:
            e.state = how
            if not fetched(e):
                e.message = tr("Stopped before anything was fetched.")
            else:
                e.message = (tr("Paused: Resume goes on from where it stopped.") if how == "paused"
                             else tr("Cancelled: the part fetched is kept, so downloading it "
                                     "again resumes."))
        self._save()
        self.changed.emit(mid)

    @Slot(str, str)
    def _on_failed(self, mid: str, msg: str) -> None:
        self._finish_job(mid)
        e = self.entries.get(mid)
        if e is not None:
            e.state, e.message = "failed", window_words(msg)
        self._save()
        self.changed.emit(mid)
        self.failed.emit(mid, msg)

    # ------------------------------------------------------------------ lifetime
    def stop(self, timeout_ms: int = 15000) -> None:
        """The window is closing: pause every running download (the bytes stay on disk) and
        wait for their threads; they stay remembered as running, so the next start resumes
        them."""
        self._stopping = True
        jobs = list(self.jobs.values())
        for job in jobs:
            job.dl.pause()
        for job in jobs:
            job.thread.wait(timeout_ms)
        # one still in a stalled read (it stops at its read timeout) stays referenced: a QThread
        # destroyed while it runs would abort the process
        self._lingering = [job for job in jobs if job.thread.isRunning()]
        self.jobs.clear()

    def state_path(self) -> Path:
        return paths.models_dir() / STATE_FILE

    def _save(self) -> None:
        if not self.remember or self._stopping:
            return
        data = {"version": 1, "downloads": [
            {"model": hub.model_spec(e.model), "endpoint": e.endpoint,
             "link_import": e.link_import, "state": "paused" if e.state == "paused" else "running"}
            for e in self.entries.values() if e.state in ("running", "paused", "failed")]}
        try:
            from ..core.hub.common import atomic_write_json
            atomic_write_json(self.state_path(), data)
        except OSError as ex:  # losing the memory of a download only costs a manual restart
            log.warning("could not remember the downloads in %s: %s", self.state_path(), ex)

    def restore(self) -> list[str]:
        """Read the downloads an earlier window left unfinished: resume those its closing
        interrupted, list the paused ones. Returns the ids resumed."""
        if not self.remember:
            return []
        from ..core.hub.common import read_json
        resumed = []
        for item in read_json(self.state_path()).get("downloads") or []:
            try:
                model = hub.model_from_spec(item["model"])
            except (EmberError, KeyError, TypeError) as ex:
                log.warning("skipping a remembered download: %s", ex)
                continue
            if model.id in self.entries:
                continue
            endpoint = item.get("endpoint") if isinstance(item.get("endpoint"), str) else None
            link = bool(item.get("link_import"))
            if item.get("state") == "paused":
                self.entries[model.id] = Entry(model, endpoint, link, state="paused",
                                               message=tr("Paused: Resume goes on from where it stopped."))
                self.changed.emit(model.id)
            else:
                self.start(model, endpoint, link_import=link)
                resumed.append(model.id)
        return resumed


# ------------------------------------------------------------------------------------ widgets

def _summary(entries: list[Entry]) -> str:
    running = [e for e in entries if e.state == "running"]
    if not running:
        paused = sum(e.state == "paused" for e in entries)
        failed = sum(e.state == "failed" for e in entries)
        if failed:
            return tr("Downloads: {n} failed").format(n=failed)
        return tr("Downloads: {n} paused").format(n=paused)
    done = sum((e.progress.done if e.progress else 0) for e in running)
    total = sum((e.progress.total or 0) if e.progress else 0 for e in running)
    speed = sum((e.progress.speed if e.progress else 0.0) for e in running)
    pct = f"{100 * done / total:.0f}%" if total else tr("starting")
    speed_s = f"{hub.fmt_bytes(speed)}/s"
    if speed > 0 and total:
        left = _duration((total - done) / speed)
        if len(running) == 1:
            return tr("Downloading {name}: {pct}, {speed}, {left} left").format(
                name=running[0].model.name, pct=pct, speed=speed_s, left=left)
        return tr("Downloading {n} models: {pct}, {speed}, {left} left").format(
            n=len(running), pct=pct, speed=speed_s, left=left)
    if len(running) == 1:
        return tr("Downloading {name}: {pct}, {speed}").format(
            name=running[0].model.name, pct=pct, speed=speed_s)
    return tr("Downloading {n} models: {pct}, {speed}").format(n=len(running), pct=pct,
                                                                 speed=speed_s)


def _duration(s: float) -> str:
    from ..core.hub.common import fmt_duration
    return fmt_duration(s)


class DownloadRow(QWidget):
    def __init__(self, center: DownloadCenter, mid: str):
        super().__init__()
        self.center, self.mid = center, mid
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.title = QLabel("")
        self.title.setTextFormat(Qt.PlainText)
        top.addWidget(self.title, 1)
        self.buttons: dict[str, QPushButton] = {}
        name = center.entries[mid].model.name
        for key, label, what, fn in (
                ("pause", tr("Pause"), tr("Pause the download of {name}"), center.pause),
                ("resume", tr("Resume"), tr("Resume the download of {name}"), center.resume),
                ("cancel", tr("Cancel"), tr("Cancel the download of {name}"), center.cancel),
                ("remove", tr("Remove"), tr("Remove the download of {name} from the list"),
                 center.remove)):
            b = QPushButton(label)
            b.setObjectName(f"{key}-{mid}")
            b.setAccessibleName(what.format(name=name))
            b.clicked.connect(lambda _=False, f=fn: f(self.mid))
            top.addWidget(b)
            self.buttons[key] = b
        lay.addLayout(top)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName(tr('Progress of {name}').format(name=center.entries[mid].model.name))
        lay.addWidget(self.bar)
        self.line = QLabel("")
        self.line.setObjectName(f"line-{mid}")
        self.line.setWordWrap(True)
        self.line.setTextFormat(Qt.PlainText)
        lay.addWidget(self.line)
        self.refresh()

    def refresh(self) -> None:
        e = self.center.entries.get(self.mid)
        if e is None:
            return
        size = f" ({hub.fmt_bytes(e.model.size)})" if e.model.size else ""
        self.title.setText(f"{e.model.name}{size}")
        p = e.progress
        if p is not None and p.total:
            self.bar.setValue(int(1000 * p.done / p.total))
        if e.state == "done":
            self.bar.setValue(1000)
        running = e.state == "running"
        self.buttons["pause"].setVisible(running)
        self.buttons["resume"].setVisible(e.state in ("paused", "failed"))
        # "Resume" only where there is something to resume
        self.buttons["resume"].setText(tr("Retry") if e.state == "failed" else tr("Resume")
                                       if fetched(e) else tr("Start"))
        self.buttons["cancel"].setVisible(e.active)
        self.buttons["remove"].setVisible(not e.active)
        if running and p is not None:
            self.line.setText(p.line())
        elif running:
            self.line.setText(tr("Starting…"))
        elif e.state == "done":
            self.line.setText(tr("Downloaded and verified."))
        else:
            self.line.setText(e.message or e.state)


class DownloadsPanel(QFrame):
    """Every download of the window: a row each, with its buttons (a tool window)."""

    def __init__(self, center: DownloadCenter, parent=None):
        super().__init__(parent, Qt.Tool)
        self.setWindowTitle(tr("Downloads"))
        self.setAccessibleName(tr("Downloads"))
        self.resize(560, 240)
        self.center = center
        self.rows: dict[str, DownloadRow] = {}
        self.lay = QVBoxLayout(self)
        self.empty = QLabel(tr("No downloads. Models… and Add from Hugging Face start them."))
        self.lay.addWidget(self.empty)
        self.lay.addStretch(1)
        center.changed.connect(self._on_changed)
        center.progress.connect(self._on_progress)
        self._on_changed("")

    @Slot(str)
    def _on_changed(self, _mid: str) -> None:
        for mid in list(self.rows):
            if mid not in self.center.entries:
                self.rows.pop(mid).deleteLater()
        for mid in self.center.entries:
            if mid not in self.rows:
                self.rows[mid] = DownloadRow(self.center, mid)
                self.lay.insertWidget(self.lay.count() - 1, self.rows[mid])
            self.rows[mid].refresh()
        self.empty.setVisible(not self.rows)

    @Slot(object)
    def _on_progress(self, p) -> None:
        row = self.rows.get(p.model_id)
        if row is not None:
            row.refresh()


class DownloadsButton(QToolButton):
    """The status bar's downloads item: hidden without downloads; a click opens the panel."""

    def __init__(self, center: DownloadCenter, parent=None):
        super().__init__(parent)
        self.setObjectName("downloads")
        self.setAccessibleName(tr("Downloads"))
        self.setToolTip(tr("Downloads (Ctrl+J): progress, pause, resume, cancel"))
        self.setAutoRaise(True)
        self.center = center
        self.panel = DownloadsPanel(center, parent)
        self.clicked.connect(self.toggle_panel)
        center.changed.connect(self._on_changed)
        center.progress.connect(self._on_progress)
        self._refresh()

    @Slot()
    def toggle_panel(self) -> None:
        if self.panel.isVisible():
            self.panel.hide()
        else:
            self.panel.show()
            self.panel.raise_()

    @Slot(str)
    def _on_changed(self, _mid: str) -> None:
        self._refresh()

    @Slot(object)
    def _on_progress(self, _p) -> None:
        self._refresh()

    def _refresh(self) -> None:
        active = self.center.active()
        self.setVisible(bool(active))
        if active:
            self.setText(f"⬇ {_summary(active)}")


class FirstMinuteNotice(QFrame):
    """Above the chat while the embedded Gemma 3 270M is loaded: what it is, and the model
    recommended for this computer in one click; then, downloaded, an offer to switch."""
    switch_to = Signal(str)        # catalog id
    import_requested = Signal()    # Import a GGUF file… (offered when the download failed)

    def __init__(self, center: DownloadCenter, parent=None):
        super().__init__(parent)
        self.setObjectName("first-minute")
        # its colours come from the theme (theme.py: info, info_text)
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.center = center
        self.rec = None                # the recommended catalog model
        self.embedded = False          # the embedded model is the one loaded
        self.dismissed = False
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        self.text = QLabel("")
        self.text.setObjectName("first-minute-text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.PlainText)
        lay.addWidget(self.text, 1)
        self.button = QPushButton("")
        self.button.setObjectName("first-minute-action")
        self.button.clicked.connect(self._act)
        lay.addWidget(self.button)
        self.import_btn = button(tr("Import a GGUF file…"), tr("Import a GGUF file"),
                                 tr("Use a .gguf file you already have (copied from another "
                                    "computer or a USB stick)"),
                                 lambda: self.import_requested.emit())
        self.import_btn.setVisible(False)
        lay.addWidget(self.import_btn)
        self.close_btn = button("✕", tr("Hide this notice"), tr("Hide this notice"), self.dismiss,
                                cls=QToolButton)
        lay.addWidget(self.close_btn)
        self.setVisible(False)
        center.changed.connect(self._on_changed)
        center.progress.connect(self._on_progress)
        self._worker = None

    def find_recommendation(self) -> None:
        """The hardware probe and the catalog, on a worker thread (NVML may take a moment)."""
        if self.rec is not None or self._worker is not None:
            return
        from superqt.utils import create_worker
        self._worker = create_worker(_recommend, _start_thread=False,
                                     _connect={"returned": self._on_recommended,
                                               "errored": self._on_no_recommendation})
        self._worker.start()

    @Slot(object)
    def _on_recommended(self, rec) -> None:
        self._worker = None
        self.rec = rec
        self.refresh()

    @Slot(object)
    def _on_no_recommendation(self, e) -> None:  # a broken catalog: no notice, said in the log
        self._worker = None
        log.warning("no model to recommend: %s", e)

    def set_embedded(self, embedded: bool) -> None:
        self.embedded = embedded
        if embedded:
            self.find_recommendation()
        self.refresh()

    @Slot()
    def dismiss(self) -> None:
        self.dismissed = True
        self.setVisible(False)

    def refresh(self) -> None:
        rec = self.rec
        state = self.center.state(rec.id) if rec is not None else None
        if rec is None or self.dismissed or (not self.embedded and state != "done"):
            self.setVisible(False)
            return
        size = hub.fmt_bytes(rec.size) if rec.size else tr("a few GB")
        self.import_btn.setVisible(state == "failed")
        self.button.setToolTip("")
        if state == "failed":     # said here, where the Download was clicked, with the way out
            e = self.center.entries[rec.id]
            self.text.setText(tr("{name} could not be downloaded: {why}").format(
                name=rec.name, why=window_words(e.message) or tr("unknown error")))
            self.button.setText(tr("Try again"))
        elif state == "done":
            self.text.setText(tr('{name} is downloaded and verified. Switch to it now?').format(name=rec.name))
            self.button.setText(tr('Switch to {name}').format(name=rec.name))
        elif state == "running":
            e = self.center.entries[rec.id]
            pct = (f"{100 * e.progress.done / e.progress.total:.0f}%"
                   if e.progress is not None and e.progress.total else tr("starting"))
            self.text.setText(tr('Downloading {name} in the background ({pct}): keep '
                                 'chatting, Ember offers to switch when it is done.').format(name=rec.name, pct=pct))
            self.button.setText(tr("Show downloads"))
        elif hub.verified_path(rec) is not None:
            self.text.setText(tr('You are using the tiny practice model. {name} is '
                                 'already downloaded: switch to it for real answers.').format(name=rec.name))
            self.button.setText(tr('Switch to {name}').format(name=rec.name))
        else:
            self.text.setText(
                tr('Gemma 3 270M is a tiny practice model: it continues code but does not '
                   'follow instructions.'))
            self.button.setText(tr('Download {name} ({size})').format(name=rec.name, size=size))
            self.button.setToolTip(tr("The model recommended for this computer: a real coding "
                                      "assistant"))
        self.button.setAccessibleName(self.button.text())
        self.setVisible(True)

    @Slot()
    def _act(self) -> None:
        rec = self.rec
        if rec is None:
            return
        state = self.center.state(rec.id)
        if state == "done" or (state is None and hub.verified_path(rec) is not None):
            self.switch_to.emit(rec.id)
            self.dismiss()
        elif state == "running":
            win = self.window()
            btn = getattr(win, "downloads_button", None)
            if btn is not None and not btn.panel.isVisible():
                btn.toggle_panel()
        else:
            self.center.start(rec)

    @Slot(str)
    def _on_changed(self, mid: str) -> None:
        if self.rec is not None and mid == self.rec.id:
            self.refresh()

    @Slot(object, object)
    def on_model_loaded(self, _info, _plan) -> None:
        """The worker loaded a model (connected with this widget as the receiver, so it runs
        on the UI thread): the notice is for the embedded model only."""
        win = self.window()
        if getattr(win, "_closed", False):
            return
        from ..core import models as models_mod
        ref = win.model_combo.currentData()
        self.set_embedded(getattr(ref, "key", None) == models_mod.EMBEDDED)

    @Slot(object)
    def _on_progress(self, p) -> None:
        if self.rec is not None and p.model_id == self.rec.id and self.isVisible():
            self.refresh()


def _recommend():
    from ..core import catalog as catalog_mod
    from ..core import hardware
    return recommend(catalog_mod.load(), hardware.probe())


def attach_to_window(win) -> DownloadCenter:
    """The window's downloads: the centre (remembered downloads resumed), the status bar's
    item with its panel (Ctrl+J), and the first-minute notice above the chat."""
    center = DownloadCenter(win)
    win.downloads_button = DownloadsButton(center, win)
    win.statusBar().addPermanentWidget(win.downloads_button)
    # Ctrl+J: the window's "downloads" shortcut (shortcuts.py) opens the panel
    notice = win.first_minute = FirstMinuteNotice(center, win)
    layout = win.chat.parentWidget().layout()
    layout.insertWidget(layout.indexOf(win.chat), notice)
    notice.switch_to.connect(lambda mid: _switch(win, mid))
    notice.import_requested.connect(lambda: win.menus.import_gguf())
    center.finished.connect(lambda _mid, _path: _refresh_models(win))
    # the model picker shows each download's percent beside its model
    center.progress.connect(lambda p: _picker_progress(win, p))
    center.changed.connect(lambda mid: _picker_state(win, center, mid))
    win.worker.loaded.connect(notice.on_model_loaded)
    center.restore()
    return center


def _picker_progress(win, p) -> None:
    picker = getattr(win, "model_combo", None)
    if picker is not None and hasattr(picker, "set_download_progress") and p.total:
        picker.set_download_progress(p.model_id, 100 * p.done / p.total)


def _picker_state(win, center, mid: str) -> None:
    picker = getattr(win, "model_combo", None)
    if picker is not None and hasattr(picker, "set_download_progress") \
            and center.state(mid) != "running":
        picker.set_download_progress(mid, None)


def _refresh_models(win) -> None:
    if not getattr(win, "_closed", False):
        win.refresh_models()


def _switch(win, model_id: str) -> None:
    win.refresh_models()
    for i in range(win.model_combo.count()):
        ref = win.model_combo.itemData(i)
        if getattr(ref, "key", None) == model_id:
            win.model_combo.setCurrentIndex(i)
            win.load_selected_model()
            return
    win.statusBar().showMessage(tr("The downloaded model is not in the list yet: open Models… to "
                                   "check it."), 8000)
