"""Model manager: the catalog with size, fit badge and licence; downloads with progress, pause,
resume and cancel; "Add from Hugging Face" (any repo's GGUF files); delete; import a local GGUF
(copied, or linked in place); set the default. And the first-run dialog.

The downloads belong to the window's DownloadCenter (downloads.py) when the window gives it one:
closing this dialog then leaves them running. Alone (tests, no window) it makes its own centre,
and closing it pauses them as before."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import catalog as catalog_mod
from ..core import doctor, hardware, hub
from ..core.errors import EmberError
from .downloads import (  # noqa: F401 - DownloadJob: the old import
    DownloadCenter,
    DownloadJob,
    recommend,  # noqa: F401 - its old home
)
from .i18n import tr
from .model_choice import fetched, window_words
from .widgets import close_row, read_only_table


def state_text(state: str, got: int = 1) -> str | None:
    """A download's state in the table (None: nothing to say); `got`: bytes on disk (0: there
    is nothing to resume or keep, and it is not said)."""
    if not got and state in ("paused", "cancelled"):
        return tr("paused") if state == "paused" else tr("cancelled")
    return {"paused": tr("paused: Resume goes on from where it stopped"),
            "cancelled": tr("cancelled (the part fetched is kept)"),
            "failed": tr("failed")}.get(state)


def fit_text(fit: str) -> str:
    return {"fits": tr("✔ fits"), "partial": tr("◐ partial (slower)"),
            "no": tr("✘ won't fit")}.get(fit, fit)


class _ImportRelay(QObject):
    """Carries an import's progress from the copying thread to the dialog (a queued signal)."""
    progress = Signal(int, int)


class ModelManager(QDialog):
    models_changed = Signal()
    @staticmethod
    def columns() -> tuple[str, ...]:
        return (tr("Model"), tr("Size"), tr("Fit on this machine"), tr("Licence"), tr("State"),
                "")

    def __init__(self, parent, settings, center: DownloadCenter | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Models"))
        self.resize(980, 560)
        self.settings = settings
        self.catalog = catalog_mod.load()
        self.hw = hardware.probe()
        # the window's downloads (they go on when this dialog closes), or a centre of its own
        self._owns_center = center is None
        self.center = center if center is not None else DownloadCenter(self, remember=False)
        self._links = [(self.center.progress, self._on_progress),
                       (self.center.finished, self._on_done),
                       (self.center.changed, self._on_changed),
                       (self.center.failed, self._on_failed)]
        for signal, slot in self._links:
            signal.connect(slot)
        self.bars: dict[str, QProgressBar] = {}
        self.state_items: dict[str, QTableWidgetItem] = {}
        lay = QVBoxLayout(self)
        self.hw_label = QLabel(
            doctor.headline(self.hw)   # the GPU, or which case keeps Ember on the CPU, and why
            + tr(' · {physical_cores} cores · {value:.0f} GB RAM').format(physical_cores=self.hw.physical_cores, value=self.hw.ram_total / 2 ** 30))
        self.hw_label.setWordWrap(True)
        lay.addWidget(self.hw_label)
        self.table = read_only_table(self.columns(), tr("Catalog models"))
        lay.addWidget(self.table, 1)
        self.broken_note = QLabel("")
        self.broken_note.setObjectName("broken-links")
        self.broken_note.setWordWrap(True)
        self.broken_note.setTextFormat(Qt.PlainText)
        self.broken_note.setStyleSheet("color:#9a6700;")
        self.broken_note.setVisible(False)
        lay.addWidget(self.broken_note)
        row = QHBoxLayout()
        self.hf_btn = QPushButton(tr("Add from Hugging Face…"))
        self.hf_btn.setAccessibleName(tr("Add a model from Hugging Face"))
        self.hf_btn.setToolTip(tr("Paste a Hugging Face repository (owner/name or its address) and "
                                  "pick one of its GGUF files (Ctrl+H)"))
        self.hf_btn.setShortcut(QKeySequence("Ctrl+H"))
        self.hf_btn.clicked.connect(lambda _checked=False: self.open_hf())
        row.addWidget(self.hf_btn)
        imp = QPushButton(tr("Import a GGUF file…"))
        imp.setAccessibleName(tr("Import a GGUF file"))
        imp.setShortcut(QKeySequence("Ctrl+I"))
        imp.clicked.connect(lambda _checked=False: self.import_file())
        row.addWidget(imp)
        self.link_box = QCheckBox(tr("Link in place instead of copying"))
        self.link_box.setAccessibleName(tr("Link imported files in place instead of copying them"))
        self.link_box.setToolTip(tr("Ember uses the file where it is (nothing copied); the model "
                                    "stops working if the file is moved or deleted"))
        row.addWidget(self.link_box)
        self.remotes_btn = QPushButton(tr("Remote engines…"))
        self.remotes_btn.setToolTip(tr("Models served by vLLM, llama-server, LM Studio, Ollama or "
                                       "another Ember elsewhere"))
        self.remotes_btn.clicked.connect(lambda _checked=False: self.open_remotes())
        row.addWidget(self.remotes_btn)
        self.import_note = QLabel("")
        row.addWidget(self.import_note)
        self.import_bar = QProgressBar()
        self.import_bar.setAccessibleName(tr("Import progress"))
        self.import_bar.setRange(0, 1000)
        self.import_bar.setMaximumWidth(160)
        self.import_bar.setVisible(False)
        row.addWidget(self.import_bar)
        close_row(self, row, lay)
        self._import_relay = _ImportRelay(self)
        self._import_relay.progress.connect(self._on_import_progress)
        self.populate()

    @property
    def jobs(self) -> dict:
        """The downloads running now (the centre's)."""
        return self.center.jobs

    def open_remotes(self):
        """Remote engines (issue 14): add, remove; their models join the window's list."""
        from .remotes import RemotesDialog
        dlg = RemotesDialog(self)
        dlg.changed.connect(self.models_changed)
        dlg.open()
        return dlg

    def open_hf(self, endpoint: str | None = None) -> "AddFromHubDialog":
        """Add from Hugging Face: list a repo's GGUF files, download the one picked."""
        dlg = AddFromHubDialog(self, self.center, self.hw, endpoint=endpoint)
        dlg.open()
        return dlg

    def _fit(self, m) -> tuple[str, str]:
        try:
            from ..core import plan
            p = plan.plan(plan.ModelFacts.from_catalog(m), self.hw)
            return p.fit, p.sentence
        except Exception as e:
            return "?", str(e)

    def _speed_hint(self, m, fit: str) -> str:
        """" · ≈ 9 tokens/s" on a CPU-only machine, from the speed measured here (LM Studio's
        hints say as much); nothing before a first answer was measured, or with a GPU."""
        from ..core import plan
        if fit == "no" or self.hw.can_offload:
            return ""
        tps = plan.decode_speed(m.size, self.settings.get("cpu_bytes_per_s"))
        if tps is None:
            return ""
        return "  ·  " + tr("≈ {tps} tokens/s here").format(
            tps=f"{tps:.1f}" if tps < 10 else f"{tps:.0f}")

    def populate(self) -> None:
        self.table.setRowCount(0)
        # the one the user chose, else the one the welcome panel recommends for this machine
        # (the catalog's 7B default is not the one to suggest on a CPU)
        chosen = self.settings.get("default_model")
        if chosen:
            default = chosen
        else:
            from .downloads import recommend
            rec = recommend(self.catalog, self.hw)
            default = rec.id if rec is not None else self.catalog.default
        for m in self.catalog:
            r = self.table.rowCount()
            self.table.insertRow(r)
            # the embedded model's name in the window's language (the catalog's is English)
            shown = tr("Gemma 3 270M (embedded, tiny)") if m.id == "embedded" else m.name
            name = (shown if m.id != default else tr("{name}  (default)").format(name=shown)
                    if chosen else tr("{name}  (recommended here)").format(name=shown))
            it = QTableWidgetItem(name)
            it.setToolTip(m.notes)
            self.table.setItem(r, 0, it)
            # one way of writing sizes everywhere (hub.fmt_bytes: "491.0 MB", "4.7 GB")
            self.table.setItem(r, 1, QTableWidgetItem(hub.fmt_bytes(m.size) if m.size else "?"))
            fit, sentence = self._fit(m)
            fi = QTableWidgetItem(fit_text(fit) + self._speed_hint(m, fit))
            fi.setToolTip(sentence)
            self.table.setItem(r, 2, fi)
            self.table.setItem(r, 3, QTableWidgetItem(m.licence))
            installed = m.id == "embedded" or hub.verified_path(m) is not None
            entry = self.center.entries.get(m.id)
            if m.id == "embedded":
                text = tr("built in")
            elif installed:
                text = tr("installed")
            else:
                text = (state_text(entry.state, fetched(entry)) if entry is not None
                        else None) or ""
            st = QTableWidgetItem(text)
            if entry is not None and entry.message:
                st.setToolTip(entry.message)
            self.state_items[m.id] = st
            self.table.setItem(r, 4, st)
            self.table.setCellWidget(r, 5, self._actions(m, installed))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        broken = hub.broken_links()
        self.broken_note.setVisible(bool(broken))
        if broken:
            gone = "; ".join(tr("{name} (it was {target})").format(name=p.name, target=target)
                             for p, target in broken)
            self.broken_note.setText(
                tr('These models were linked in place and their file is gone, so they '
                   'cannot be loaded: {gone}. Put the file back, or import it again.').format(gone=gone))

    def _actions(self, m, installed: bool) -> QWidget:
        w = QWidget()
        h = QHBoxLayout(w)
        h.setContentsMargins(2, 0, 2, 0)
        bar = QProgressBar()
        bar.setMaximumWidth(160)
        bar.setAccessibleName(tr('Download progress of {name}').format(name=m.name))
        bar.setVisible(m.id in self.jobs)
        self.bars[m.id] = bar
        h.addWidget(bar)
        state = self.center.state(m.id)
        if m.downloadable and not installed:
            pause = ("pause", tr("Pause"), tr("Pause the download of {name}"), self.center.pause)
            cancel = ("cancel", tr("Cancel"), tr("Cancel the download of {name}"),
                      self.center.cancel)
            if m.id in self.jobs:
                actions = (pause, cancel)
            elif state in ("paused", "failed"):
                # nothing fetched yet: nothing to resume (the notice and the panel say the same)
                again = (tr("Resume") if fetched(self.center.entries.get(m.id))
                         else tr("Try again") if state == "failed" else tr("Start"))
                actions = (("resume", again, tr("Resume the download of {name}"),
                            self.center.resume), cancel)
            else:
                actions = (("download", tr("Download"), tr("Download {name}"),
                            lambda _mid, mm=m: self.download(mm)),)
            for key, label, what, fn in actions:
                b = QPushButton(label)
                b.setObjectName(f"{key}-{m.id}")
                b.setAccessibleName(what.format(name=m.name))
                b.clicked.connect(lambda _=False, f=fn, mid=m.id: f(mid))
                h.addWidget(b)
        if installed:
            d = QPushButton(tr("Set default"))
            d.setAccessibleName(tr('Make {name} the default model').format(name=m.name))
            d.clicked.connect(lambda _=False, mm=m: self.set_default(mm))
            h.addWidget(d)
            if m.downloadable:
                x = QPushButton(tr("Delete"))
                x.setAccessibleName(tr('Delete {name}').format(name=m.name))
                x.clicked.connect(lambda _=False, mm=m: self.delete(mm))
                h.addWidget(x)
        return w

    def download(self, m, endpoint=None) -> DownloadJob:
        job = self.center.start(m, endpoint)
        self.populate()
        return job

    @Slot(object)
    def _on_progress(self, p) -> None:
        bar = self.bars.get(p.model_id)
        if bar is not None:  # the current file's bar; the state column has the total, speed, ETA
            bar.setVisible(True)
            if p.file_total:
                bar.setMaximum(1000)
                bar.setValue(int(1000 * p.file_done / p.file_total))
            bar.setFormat(tr("file {i}/{n}: %p%").format(i=p.file_index, n=p.file_count))
        st = self.state_items.get(p.model_id)
        if st is not None:
            st.setText(p.line())

    @Slot(str, str)
    def _on_done(self, _mid: str, _path: str) -> None:
        self.populate()
        self.models_changed.emit()

    @Slot(str)
    def _on_changed(self, _mid: str) -> None:
        self.populate()  # started, paused, resumed, cancelled: the row's buttons change

    @Slot(str, str)
    def _on_failed(self, mid: str, msg: str) -> None:
        self.populate()
        if self.isVisible() or self._owns_center:
            # the way out named is the Import a GGUF file… button below, not a terminal command
            QMessageBox.warning(self, tr("Download failed"), window_words(msg))

    def set_default(self, m) -> None:
        self.settings.set("default_model", m.id)
        self.settings.save()
        self.populate()
        self.models_changed.emit()

    def delete(self, m) -> None:
        if QMessageBox.question(self, tr("Delete model"), tr('Delete {name}?').format(name=m.name)) != QMessageBox.Yes:
            return
        try:
            hub.remove(m)
        except EmberError as e:
            QMessageBox.warning(self, "Ember", str(e))
        self.populate()
        self.models_changed.emit()

    def import_file(self, path: str | None = None, *, link: bool | None = None):
        """Import a GGUF (a multi-GB copy and its checks) on a worker thread: the dialog stays
        responsive, shows the copy's progress and says when it is done. link (default: the
        "Link in place" box): use the file where it is instead of copying it. Returns the
        worker (None when nothing chosen)."""
        from superqt.utils import create_worker
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Import a GGUF model"), "",
                                                  "GGUF models (*.gguf)")
            if not path:
                return None
        if link is None:
            link = self.link_box.isChecked()
        name = Path(path).name
        self.import_note.setText(tr('Linking {name}…').format(name=name) if link else tr('Importing {name}…').format(name=name))
        self.import_bar.setValue(0)
        self.import_bar.setVisible(not link)
        relay = self._import_relay
        worker = create_worker(hub.import_gguf, Path(path), link=link,
                               on_progress=relay.progress.emit, _start_thread=False,
                               _connect={"returned": self._imported,
                                         "errored": self._import_failed})
        self._import_worker = worker   # kept alive until it ends
        worker.start()
        return worker

    @Slot(int, int)
    def _on_import_progress(self, done: int, total: int) -> None:
        if total:
            self.import_bar.setValue(int(1000 * done / total))

    @Slot(object)
    def _imported(self, out: Path) -> None:
        self.imported = out
        self.import_note.setText("")
        self.import_bar.setVisible(False)
        self.models_changed.emit()
        self.populate()
        QMessageBox.information(self, tr("Imported"), tr('Imported {name}.').format(name=out.name))

    @Slot(object)
    def _import_failed(self, e: Exception) -> None:
        self.import_note.setText("")
        self.import_bar.setVisible(False)
        msg = str(e) if isinstance(e, EmberError) else f"{type(e).__name__}: {e}"
        QMessageBox.warning(self, tr("Import failed"), msg)

    def done(self, r) -> None:
        """Closing: the window's downloads go on (the centre is the window's); a dialog
        without a window pauses its own, as it owns them."""
        if self._owns_center:
            self.center.stop()
        else:
            for signal, slot in self._links:
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
            self._links = []
        super().done(r)


class AddFromHubDialog(QDialog):
    """Paste a repo id or a huggingface.co address; Ember lists that repo's GGUF models (off
    the UI thread) with quantization, size and fit; the one picked downloads in the centre."""
    @staticmethod
    def columns() -> tuple[str, ...]:
        return (tr("File"), tr("Quantization"), tr("Size"), tr("Fit on this machine"))

    def __init__(self, parent, center: DownloadCenter, hw, *, endpoint: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Add from Hugging Face"))
        self.resize(820, 420)
        self.center, self.hw, self.endpoint = center, hw, endpoint
        self.listing = None
        self._worker = None
        self._serial = 0
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.repo_edit = QLineEdit()
        self.repo_edit.setObjectName("hf-repo")
        self.repo_edit.setAccessibleName(tr("Hugging Face repository"))
        self.repo_edit.setPlaceholderText(tr("owner/name or https://huggingface.co/owner/name"))
        self.repo_edit.returnPressed.connect(self.list_files)
        row.addWidget(self.repo_edit, 1)
        self.list_btn = QPushButton(tr("List GGUF files"))
        self.list_btn.setAccessibleName(tr("List the repository's GGUF files"))
        self.list_btn.clicked.connect(lambda _checked=False: self.list_files())
        row.addWidget(self.list_btn)
        lay.addLayout(row)
        self.message = QLabel("")
        self.message.setObjectName("hf-message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.PlainText)
        lay.addWidget(self.message)
        self.table = read_only_table(self.columns(), tr("GGUF files of the repository"))
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _i: self.download_selected())
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.download_btn = QPushButton(tr("Download"))
        self.download_btn.setObjectName("hf-download")
        self.download_btn.setAccessibleName(tr("Download the selected file"))
        self.download_btn.setEnabled(False)
        self.download_btn.clicked.connect(lambda _checked=False: self.download_selected())
        bottom.addWidget(self.download_btn)
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.reject)
        bottom.addWidget(close)
        lay.addLayout(bottom)

    @Slot()
    def list_files(self) -> None:
        """Ask the hub on a worker thread; the answer (or the error) comes back to _listed."""
        from superqt.utils import create_worker
        text = self.repo_edit.text()
        try:
            hub.parse_repo(text)   # a bad name is said at once, without the network
        except EmberError as e:
            self._show_error(str(e))
            return
        self._serial += 1
        serial = self._serial
        self.table.setRowCount(0)
        self.listing = None
        self.download_btn.setEnabled(False)
        self.message.setText(tr("Asking Hugging Face for the repository's files…"))
        self.list_btn.setEnabled(False)
        worker = create_worker(hub.list_gguf, text, endpoint=self.endpoint, _start_thread=False,
                               _ignore_errors=True)  # errored is connected below
        worker.returned.connect(lambda r, s=serial: self._listed(s, r))
        worker.errored.connect(lambda e, s=serial: self._list_failed(s, e))
        self._worker = worker
        worker.start()

    def _listed(self, serial: int, listing) -> None:
        if serial != self._serial:
            return
        self.list_btn.setEnabled(True)
        self.listing = listing
        self.table.setRowCount(0)
        for g in listing.models:
            r = self.table.rowCount()
            self.table.insertRow(r)
            it = QTableWidgetItem(g.name)
            if len(g.files) > 1:
                it.setToolTip(tr('Split into {len} parts, downloaded as one model').format(len=len(g.files)))
            self.table.setItem(r, 0, it)
            self.table.setItem(r, 1, QTableWidgetItem(g.quant or "?"))
            self.table.setItem(r, 2, QTableWidgetItem(hub.fmt_bytes(g.size)))
            fit, sentence = hub.fit_by_size(g.size, self.hw)
            fi = QTableWidgetItem(fit_text(fit))
            fi.setToolTip(sentence)
            self.table.setItem(r, 3, fi)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        n = len(listing.models)
        skipped = ", ".join(listing.skipped[:4])
        if n == 1 and skipped:
            text = tr("{repo} has one GGUF model: pick it and Download. Not listed (incomplete "
                      "or not a chat model): {skipped}.")
        elif n == 1:
            text = tr("{repo} has one GGUF model: pick it and Download.")
        elif skipped:
            text = tr("{repo} has {n} GGUF models: pick one and Download. Not listed (incomplete "
                      "or not a chat model): {skipped}.")
        else:
            text = tr("{repo} has {n} GGUF models: pick one and Download.")
        text = text.format(repo=listing.repo, n=n, skipped=skipped)
        self.message.setStyleSheet("")
        self.message.setText(text)
        if n:
            self.table.selectRow(0)

    def _list_failed(self, serial: int, e: Exception) -> None:
        if serial != self._serial:
            return
        self.list_btn.setEnabled(True)
        self._show_error(str(e) if isinstance(e, EmberError) else
                         tr("Ember could not list the repository: {error}").format(
                             error=f"{type(e).__name__}: {e}"))

    def _show_error(self, text: str) -> None:
        self.table.setRowCount(0)
        self.download_btn.setEnabled(False)
        self.message.setStyleSheet("color:#b42318;")
        self.message.setText(text)

    @Slot()
    def _on_selection(self) -> None:
        self.download_btn.setEnabled(self.listing is not None and self._selected() is not None)

    def _selected(self):
        rows = {i.row() for i in self.table.selectedIndexes()}
        if self.listing is None or len(rows) != 1:
            return None
        r = rows.pop()
        return self.listing.models[r] if 0 <= r < len(self.listing.models) else None

    def download_selected(self):
        """Start the selected model's download in the window's centre; returns its job."""
        g = self._selected()
        if g is None:
            return None
        job = self.center.start(g.catalog_model(), self.endpoint, link_import=True)
        self.message.setStyleSheet("")
        self.message.setText(tr('Downloading {name} in the background (Downloads in the '
                                'status bar shows it): you can close this window.').format(name=g.name))
        return job


class FirstRunDialog(QDialog):
    """Hardware, the recommended model with one Download button, and 'start now' with the
    embedded model so a new user chats within seconds."""

    def __init__(self, parent, settings):
        super().__init__(parent)
        self.setWindowTitle(tr("Welcome to Ember"))
        self.settings = settings
        hw = hardware.probe()
        rec = recommend(catalog_mod.load(), hw)
        lay = QVBoxLayout(self)
        machine = tr("{headline}, {cores} cores, {ram:.0f} GB RAM.").format(
            headline=doctor.headline(hw).rstrip("."), cores=hw.physical_cores,
            ram=hw.ram_total / 2**30)
        lines = ["<h2>" + tr("Welcome to Ember") + "</h2>",
                 "<p>" + tr("A private coding assistant: everything runs on this computer.")
                 + "</p>",
                 "<p>" + tr("<b>This machine:</b> {machine}").format(machine=machine) + "</p>"]
        if rec is not None:
            try:
                from ..core import plan
                sentence = plan.plan(plan.ModelFacts.from_catalog(rec), hw).sentence
            except Exception:
                sentence = ""
            # "This machine" said the hardware once: the plan's own clause about it ("CPU
            # only, no NVIDIA GPU found (…):") is not said again, only how the model runs
            _head, sep, rest = sentence.partition(": ")
            if sep and rest:
                sentence = rest[:1].upper() + rest[1:]
            if rec.size:
                lines.append("<p>" + tr("<b>Recommended:</b> {name} ({size} download). "
                                        "{sentence}").format(name=rec.name,
                                                             size=hub.fmt_bytes(rec.size),
                                                             sentence=sentence) + "</p>")
            else:  # a catalog (a mirror's) without sizes
                lines.append("<p>" + tr("<b>Recommended:</b> {name}. {sentence}").format(
                    name=rec.name, sentence=sentence) + "</p>")
        lines.append("<p>" + tr("You can chat right now with the tiny embedded model while it "
                                "downloads; it is rough but instant.") + "</p>")
        text = self.text = QLabel("".join(lines))
        text.setWordWrap(True)
        text.setTextFormat(Qt.RichText)
        lay.addWidget(text)
        row = QHBoxLayout()
        self.download_btn = QPushButton(tr('Download {name}').format(name=rec.name) if rec else tr("Download"))
        self.download_btn.setEnabled(rec is not None and hub.verified_path(rec) is None)
        self.download_btn.clicked.connect(lambda: self._download(rec))
        row.addWidget(self.download_btn)
        start = QPushButton(tr("Start with the embedded model"))
        start.clicked.connect(self.accept)
        row.addWidget(start)
        lay.addLayout(row)
        self.rec = rec

    def _download(self, rec) -> None:
        center = getattr(self.parent(), "downloads", None)
        if isinstance(center, DownloadCenter):  # the window's: it downloads in the background
            center.start(rec)
            self.accept()
            return
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
