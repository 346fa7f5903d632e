"""Model manager: the catalog with size, fit badge and licence; downloads with progress, pause,
resume and cancel; delete; import a local GGUF; set the default. And the first-run dialog."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QMessageBox, QProgressBar, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ..core import catalog as catalog_mod
from ..core import doctor, hardware, hub
from ..core.errors import EmberError

FIT_TEXT = {"fits": "✔ fits", "partial": "◐ partial (slower)", "no": "✘ won't fit", "?": "?"}


class DownloadJob(QObject):
    """Runs one hub.Download in its own thread; reports through signals."""
    # every signal carries the model id: they are connected to main-thread @Slot methods
    # (a lambda connected here would run in the download thread, where widgets must not be used)
    progress = Signal(object)      # hub.DownloadProgress
    done = Signal(str, str)        # model id, path
    stopped = Signal(str, str)     # model id, paused | cancelled
    failed = Signal(str, str)      # model id, message

    def __init__(self, model, endpoint=None):
        super().__init__()
        self.model = model
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
        except hub.DownloadPaused:
            self.stopped.emit(mid, "paused")
        except hub.DownloadCancelled:
            self.stopped.emit(mid, "cancelled")
        except EmberError as e:
            self.failed.emit(mid, str(e))
        except Exception as e:  # keep the app alive
            self.failed.emit(mid, f"Unexpected error: {type(e).__name__}: {e}")
        else:
            self.done.emit(mid, str(path))
        finally:
            self.thread.quit()


class ModelManager(QDialog):
    models_changed = Signal()
    COLS = ("Model", "Size", "Fit on this machine", "Licence", "State", "")

    def __init__(self, parent, settings):
        super().__init__(parent)
        self.setWindowTitle("Models")
        self.resize(980, 520)
        self.settings = settings
        self.catalog = catalog_mod.load()
        self.hw = hardware.probe()
        self.jobs: dict[str, DownloadJob] = {}
        self.bars: dict[str, QProgressBar] = {}
        self.state_items: dict[str, QTableWidgetItem] = {}
        lay = QVBoxLayout(self)
        self.hw_label = QLabel(
            doctor.headline(self.hw)   # the GPU, or which case keeps Ember on the CPU, and why
            + f" · {self.hw.physical_cores} cores · {self.hw.ram_total / 2**30:.0f} GB RAM")
        self.hw_label.setWordWrap(True)
        lay.addWidget(self.hw_label)
        self.table = QTableWidget(0, len(self.COLS))
        self.table.setHorizontalHeaderLabels(self.COLS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        imp = QPushButton("Import a GGUF file…")
        imp.clicked.connect(lambda _checked=False: self.import_file())
        row.addWidget(imp)
        self.remotes_btn = QPushButton("Remote engines…")
        self.remotes_btn.setToolTip("Models served by vLLM, llama-server, LM Studio, Ollama or "
                                    "another Ember elsewhere")
        self.remotes_btn.clicked.connect(lambda _checked=False: self.open_remotes())
        row.addWidget(self.remotes_btn)
        self.import_note = QLabel("")
        row.addWidget(self.import_note)
        row.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self.populate()

    def open_remotes(self):
        """Remote engines (issue 14): add, remove; their models join the window's list."""
        from .remotes import RemotesDialog
        dlg = RemotesDialog(self)
        dlg.changed.connect(self.models_changed)
        dlg.open()
        return dlg

    def _fit(self, m) -> tuple[str, str]:
        try:
            from ..core import plan
            p = plan.plan(plan.ModelFacts.from_catalog(m), self.hw)
            return p.fit, p.sentence
        except Exception as e:
            return "?", str(e)

    def populate(self) -> None:
        self.table.setRowCount(0)
        default = self.settings.get("default_model") or self.catalog.default
        for m in self.catalog:
            r = self.table.rowCount()
            self.table.insertRow(r)
            name = m.name + ("  (default)" if m.id == default else "")
            it = QTableWidgetItem(name)
            it.setToolTip(m.notes)
            self.table.setItem(r, 0, it)
            self.table.setItem(r, 1, QTableWidgetItem(f"{m.size / 1e9:.2f} GB" if m.size else "?"))
            fit, sentence = self._fit(m)
            fi = QTableWidgetItem(FIT_TEXT.get(fit, fit))
            fi.setToolTip(sentence)
            self.table.setItem(r, 2, fi)
            self.table.setItem(r, 3, QTableWidgetItem(m.licence))
            installed = m.id == "embedded" or hub.verified_path(m) is not None
            st = QTableWidgetItem("built in" if m.id == "embedded" else
                                  ("installed" if installed else ""))
            self.state_items[m.id] = st
            self.table.setItem(r, 4, st)
            self.table.setCellWidget(r, 5, self._actions(m, installed))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)

    def _actions(self, m, installed: bool) -> QWidget:
        w = QWidget()
        h = QHBoxLayout(w)
        h.setContentsMargins(2, 0, 2, 0)
        bar = QProgressBar()
        bar.setMaximumWidth(160)
        bar.setVisible(m.id in self.jobs)
        self.bars[m.id] = bar
        h.addWidget(bar)
        if m.downloadable and not installed:
            if m.id in self.jobs:
                for label, fn in (("Pause", self.jobs[m.id].dl.pause),
                                  ("Cancel", self.jobs[m.id].dl.cancel)):
                    b = QPushButton(label)
                    b.setObjectName(f"{label.lower()}-{m.id}")
                    b.clicked.connect(fn)
                    h.addWidget(b)
            else:
                b = QPushButton("Download")
                b.setObjectName(f"download-{m.id}")
                b.clicked.connect(lambda _=False, mm=m: self.download(mm))
                h.addWidget(b)
        if installed:
            d = QPushButton("Set default")
            d.clicked.connect(lambda _=False, mm=m: self.set_default(mm))
            h.addWidget(d)
            if m.downloadable:
                x = QPushButton("Delete")
                x.clicked.connect(lambda _=False, mm=m: self.delete(mm))
                h.addWidget(x)
        return w

    def download(self, m, endpoint=None) -> DownloadJob:
        job = DownloadJob(m, endpoint)
        self.jobs[m.id] = job
        job.progress.connect(self._on_progress)
        job.done.connect(self._on_done)
        job.stopped.connect(self._on_stopped)
        job.failed.connect(self._on_failed)
        self.populate()
        job.start()
        return job

    @Slot(object)
    def _on_progress(self, p) -> None:
        bar = self.bars.get(p.model_id)
        if bar is not None:  # the current file's bar; the state column has the total, speed, ETA
            bar.setVisible(True)
            if p.file_total:
                bar.setMaximum(1000)
                bar.setValue(int(1000 * p.file_done / p.file_total))
            bar.setFormat(f"file {p.file_index}/{p.file_count}: %p%")
        st = self.state_items.get(p.model_id)
        if st is not None:
            st.setText(p.line())

    def _finish_job(self, mid: str) -> None:
        job = self.jobs.pop(mid, None)
        if job is not None:
            job.thread.wait(5000)

    @Slot(str, str)
    def _on_done(self, mid: str, _path: str) -> None:
        self._finish_job(mid)
        self.populate()
        self.models_changed.emit()

    @Slot(str, str)
    def _on_stopped(self, mid: str, how: str) -> None:
        self._finish_job(mid)
        self.populate()
        st = self.state_items.get(mid)
        if st is not None:
            st.setText("paused: Download resumes" if how == "paused" else
                       "cancelled (the part fetched is kept)")

    @Slot(str, str)
    def _on_failed(self, mid: str, msg: str) -> None:
        self._finish_job(mid)
        self.populate()
        st = self.state_items.get(mid)
        if st is not None:
            st.setText("failed")
            st.setToolTip(msg)
        QMessageBox.warning(self, "Download failed", msg)

    def set_default(self, m) -> None:
        self.settings.set("default_model", m.id)
        self.settings.save()
        self.populate()
        self.models_changed.emit()

    def delete(self, m) -> None:
        if QMessageBox.question(self, "Delete model", f"Delete {m.name}?") != QMessageBox.Yes:
            return
        try:
            hub.remove(m)
        except EmberError as e:
            QMessageBox.warning(self, "Ember", str(e))
        self.populate()
        self.models_changed.emit()

    def import_file(self, path: str | None = None):
        """Import a GGUF (a multi-GB copy and its checks) on a worker thread: the dialog stays
        responsive and says when it is done. Returns the worker (None when nothing chosen)."""
        from superqt.utils import create_worker
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import a GGUF model", "",
                                                  "GGUF models (*.gguf)")
            if not path:
                return None
        self.import_note.setText(f"Importing {Path(path).name}…")
        worker = create_worker(hub.import_gguf, Path(path), _start_thread=False,
                               _connect={"returned": self._imported,
                                         "errored": self._import_failed})
        self._import_worker = worker   # kept alive until it ends
        worker.start()
        return worker

    @Slot(object)
    def _imported(self, out: Path) -> None:
        self.imported = out
        self.import_note.setText("")
        self.models_changed.emit()
        self.populate()
        QMessageBox.information(self, "Imported", f"Imported {out.name}.")

    @Slot(object)
    def _import_failed(self, e: Exception) -> None:
        self.import_note.setText("")
        msg = str(e) if isinstance(e, EmberError) else f"{type(e).__name__}: {e}"
        QMessageBox.warning(self, "Import failed", msg)

    def done(self, r) -> None:  # closing keeps downloads going only while the dialog lives
        for job in list(self.jobs.values()):
            job.dl.pause()
            job.thread.wait(15000)
        super().done(r)


def recommend(cat, hw):
    """The model to suggest first: the catalog's default when it runs entirely on this GPU;
    without a usable GPU a small model (7B models answer at a few tokens a second on a CPU)."""
    from ..core import plan
    default = cat.get(cat.default) if cat.default else None
    if default is not None and hw.can_offload:
        try:
            p = plan.plan(plan.ModelFacts.from_catalog(default), hw)
            if p.fit == "fits":
                return default
        except Exception:
            pass
    small = "qwen2.5-3b-instruct" if hw.physical_cores >= 8 else "qwen2.5-1.5b-instruct"
    try:
        return cat.get(small)
    except EmberError:
        return default


class FirstRunDialog(QDialog):
    """Hardware, the recommended model with one Download button, and 'start now' with the
    embedded model so a new user chats within seconds."""

    def __init__(self, parent, settings):
        super().__init__(parent)
        self.setWindowTitle("Welcome to Ember")
        self.settings = settings
        hw = hardware.probe()
        rec = recommend(catalog_mod.load(), hw)
        lay = QVBoxLayout(self)
        lines = ["<h2>Welcome to Ember</h2>",
                 "<p>A private coding assistant: everything runs on this computer.</p>",
                 "<p><b>This machine:</b> " +
                 doctor.headline(hw).rstrip(".") +
                 f", {hw.physical_cores} cores, {hw.ram_total / 2**30:.0f} GB RAM.</p>"]
        if rec is not None:
            try:
                from ..core import plan
                sentence = plan.plan(plan.ModelFacts.from_catalog(rec), hw).sentence
            except Exception:
                sentence = ""
            lines.append(f"<p><b>Recommended:</b> {rec.name} "
                         f"({rec.size / 1e9:.1f} GB download). {sentence}</p>")
        lines.append("<p>You can chat right now with the tiny embedded model while it "
                     "downloads; it is rough but instant.</p>")
        text = QLabel("".join(lines))
        text.setWordWrap(True)
        text.setTextFormat(Qt.RichText)
        lay.addWidget(text)
        row = QHBoxLayout()
        self.download_btn = QPushButton(f"Download {rec.name}" if rec else "Download")
        self.download_btn.setEnabled(rec is not None and hub.verified_path(rec) is None)
        self.download_btn.clicked.connect(lambda: self._download(rec))
        row.addWidget(self.download_btn)
        start = QPushButton("Start with the embedded model")
        start.clicked.connect(self.accept)
        row.addWidget(start)
        lay.addLayout(row)
        self.rec = rec

    def _download(self, rec) -> None:
        mgr = ModelManager(self.parent(), self.settings)
        mgr.download(rec)
        self.accept()
        mgr.exec()

    def done(self, r) -> None:
        self.settings.set("first_run_done", True)
        try:
            self.settings.save()
        except OSError:
            pass
        super().done(r)
