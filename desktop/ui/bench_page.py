"""The Bench page: `ember bench` in the window (the comparison articles' table, on this machine).

The runner (desktop/core/bench) loads its own copy of the model in a thread of its own; progress
and the result come back as signals to this dialog's slots."""
from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from ..core import models as models_mod
from . import markdown
from .chat_view import SafeBrowser
from .i18n import tr


class BenchJob(QObject):
    progress = Signal(str, int, int, str)   # stage, done, total, message
    done = Signal(object)                   # BenchResult

    def __init__(self, refs, config):
        super().__init__()
        from ..core.bench import BenchRunner
        self.runner = BenchRunner(refs, config, progress=self.progress.emit)
        self.thread = QThread()
        self.moveToThread(self.thread)
        self.thread.started.connect(self._run)

    @Slot()
    def _run(self) -> None:
        try:
            result = self.runner.run()
        finally:
            self.thread.quit()
        self.done.emit(result)


class BenchDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Bench: your models on this machine"))
        self.resize(900, 640)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.model = QComboBox()
        for m in models_mod.available_models():
            self.model.addItem(m.title, m)
        row.addWidget(QLabel(tr("Model")))
        row.addWidget(self.model, 1)
        self.quick = QCheckBox(self._quick_label())
        self.quick.setChecked(True)
        row.addWidget(self.quick)
        self.run_btn = QPushButton(tr("Run"))
        self.run_btn.clicked.connect(self.run_or_cancel)
        row.addWidget(self.run_btn)
        lay.addLayout(row)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        lay.addWidget(self.bar)
        self.status = QLabel(tr("Speed (TTFT, tokens/s at 512 / 8K / 32K prompt tokens), coding "
                                "tasks with hidden tests in a sandbox, JSON validity with JSON mode "
                                "off and on, and a long-document probe. Runs are stored."))
        self.status.setWordWrap(True)
        # under the Run row, not floating mid-page while the report is empty
        self.status.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        lay.addWidget(self.status)
        self.view = SafeBrowser()
        # the report scrolls inside the page: as tall as its text, it made the page taller
        # than the screen
        self.view.grows = False
        self.view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.view.setVerticalScrollBarPolicy(self.view.verticalScrollBarPolicy().ScrollBarAsNeeded)
        lay.addWidget(self.view, 1)
        self.job: BenchJob | None = None
        self.overall = None            # the run's one progress figure (bench/progress.py)
        self.result = None

    @staticmethod
    def _quick_label() -> str:
        """"Quick", with the time it took on this machine (measured on earlier runs)."""
        from ..core.bench.progress import measured_seconds, minutes
        try:
            seconds = measured_seconds(True)
        except OSError:
            seconds = None
        if seconds is None:
            return tr("Quick (a few minutes; the first run measures this computer)")
        return tr("Quick (about {n} min on this computer)").format(n=minutes(seconds))

    def run_or_cancel(self) -> None:
        if self.job is not None:
            self.job.runner.cancel()
            self.status.setText(tr("Stopping…"))
            return
        from ..core import sandbox
        from ..core.bench import BenchConfig
        ref = self.model.currentData()
        cfg = BenchConfig.quick_config() if self.quick.isChecked() else BenchConfig()
        # no bubblewrap here (Windows, macOS, not installed): ask before model-written code
        # runs without isolation (an instant check; the runner probes the rest and says so)
        if sandbox._bwrap_path(None) is None:
            from PySide6.QtWidgets import QMessageBox
            ans = QMessageBox.question(
                self, tr("Run model-written code without isolation?"),
                tr("The coding suite runs code the model wrote. Ember isolates it with bubblewrap "
                   "on Linux, which is not available here (on Linux: sudo apt install "
                   "bubblewrap).\n\nRun it anyway with only time and memory limits? The results "
                   "will be marked \"not isolated\". No skips the coding suite."),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            cfg.allow_unisolated = ans == QMessageBox.Yes
        self.start(ref, cfg)

    def start(self, ref, config) -> BenchJob:
        """ref: an AvailableModel (the selector's) or a models.ModelRef."""
        if not isinstance(ref, models_mod.ModelRef):
            ref = models_mod.ModelRef(ref.path, ref.title, embedded=ref.key == models_mod.EMBEDDED)
        self.job = BenchJob([ref], config)
        from ..core.bench.progress import OverallProgress
        self.overall = OverallProgress(config, 1)
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        self.job.progress.connect(self._on_progress)
        self.job.done.connect(self._on_done)
        self.run_btn.setText(tr("Cancel"))
        self.bar.setVisible(True)
        self.job.thread.start()
        return self.job

    @Slot(str, int, int, str)
    def _on_progress(self, stage: str, done: int, total: int, message: str) -> None:
        """One bar for the whole run (it never goes back between sections), and the time
        left at the pace measured so far."""
        from ..core.bench.progress import minutes
        self.bar.setValue(round(1000 * self.overall.update(stage, done, total)))
        left = self.overall.seconds_left()
        text = f"{stage}: {message}"
        if left is not None:
            text += " · " + (tr("about {n} min left").format(n=minutes(left)) if left >= 90
                             else tr("less than 2 min left"))
        self.status.setText(text)

    @Slot(object)
    def _on_done(self, result) -> None:
        self.result = result
        job, self.job = self.job, None
        if job is not None:
            job.thread.wait(5000)
        self.run_btn.setText(tr("Run"))
        self.bar.setVisible(False)
        self.status.setText(tr("Cancelled: the table holds what was measured.") if result.cancelled
                            else tr("Done."))
        self.view.setHtml(markdown.render(result.markdown()).html)
        if result.runs:
            try:
                from ..core.bench import bench_dir
                result.save(bench_dir())
            except OSError as e:
                self.status.setText(tr('{text} (not stored: {e})').format(text=self.status.text(), e=e))

    def done(self, r) -> None:  # closing cancels a running bench
        if self.job is not None:
            self.job.runner.cancel()
            self.job.thread.wait(30000)
        super().done(r)
