"""Remote engines in the window (issue 14): a list with Add… and Remove, and the small "Add a
remote engine" form (name, URL, key). The work is desktop/core/remote.py's; the keyring write
and the server check run on a worker thread (a keyring may wait for the user to unlock it)."""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ..core import remote
from ..core.errors import EmberError
from .i18n import same, tr


def _add_and_check(name: str, url: str, key: str | None, context: int | None,
                   ca_cert: str | None = None):
    """On a worker thread: register the remote (its key to the OS keyring), then ask it for its
    models. A refused key removes it again (nothing half-added stays)."""
    r = remote.add(name, url, api_key=key, context=context, ca_cert=ca_cert)
    reach = remote.probe(r)
    if reach.key_refused:
        remote.remove(r.name)
        if key:
            raise EmberError(tr("The remote engine {name} refused the API key, so it was not "
                                "added.").format(name=r.label))
        raise EmberError(tr("The remote engine {name} needs an API key, so it was not "
                            "added.").format(name=r.label))
    return reach


class AddRemoteDialog(QDialog):
    """Name, URL, API key (optional), context (optional)."""
    added = Signal(object)               # remote.Reachability

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Add a remote engine"))
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        intro = QLabel(tr("Any OpenAI-compatible server: vLLM, llama-server, LM Studio, Ollama "
                          "(/v1) or another Ember. Its models appear beside the local ones."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(same("gpu-box"))
        self.url = QLineEdit()
        self.url.setPlaceholderText(same("http://gpu-box:8000/v1"))
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.Password)
        self.key.setPlaceholderText(tr("optional; kept in the OS keyring"))
        self.context = QSpinBox()
        self.context.setRange(0, 1 << 22)
        self.context.setSingleStep(1024)
        self.context.setSpecialValueText(tr("as the server says"))
        form.addRow(tr("Name"), self.name)
        form.addRow("URL", self.url)
        form.addRow(tr("API key"), self.key)
        form.addRow(tr("Context (tokens)"), self.context)
        self.ca_cert = QLineEdit()
        self.ca_cert.setPlaceholderText(tr("optional: the https server's own certificate (PEM)"))
        self.ca_cert.setAccessibleName(tr("CA certificate file"))
        pick = QPushButton(tr("Choose…"))
        pick.setAccessibleName(tr("Choose the CA certificate file"))
        pick.clicked.connect(self._pick_ca)
        row = QHBoxLayout()
        row.addWidget(self.ca_cert, 1)
        row.addWidget(pick)
        form.addRow(tr("CA certificate"), row)
        lay.addLayout(form)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Add"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._worker = None

    @Slot()
    def _pick_ca(self) -> None:
        from PySide6.QtWidgets import QFileDialog
        path, _ = QFileDialog.getOpenFileName(self, tr("The server's certificate"), "",
                                              "PEM certificates (*.pem *.crt *.cer);;All files (*)")
        if path:
            self.ca_cert.setText(path)

    def submit(self):
        """Check the form here (no waiting), then add and check on a worker thread."""
        from superqt.utils import create_worker
        try:
            name = remote.check_name(self.name.text())
            url = remote.normalize_url(self.url.text())
            key = remote.check_key(self.key.text()) if self.key.text().strip() else None
        except EmberError as e:
            self.note.setText(str(e))
            return None
        self.note.setText(tr('Adding {name} and asking it for its models…').format(name=name))
        self.buttons.setEnabled(False)
        worker = create_worker(_add_and_check, name, url, key, self.context.value() or None,
                               self.ca_cert.text().strip() or None, _start_thread=False,
                               _connect={"returned": self._done, "errored": self._failed})
        self._worker = worker
        worker.start()
        return worker

    @Slot(object)
    def _done(self, reach) -> None:
        self.buttons.setEnabled(True)
        self.added.emit(reach)
        if reach.error:  # kept: a server that is down now may be up later
            QMessageBox.information(self, tr("Remote engine added"),
                                    tr('{name} was added, but: {error}').format(name=reach.remote.name, error=reach.error))
        self.accept()

    @Slot(object)
    def _failed(self, e: Exception) -> None:
        self.buttons.setEnabled(True)
        what = str(e) if isinstance(e, EmberError) else f"{type(e).__name__}: {e}"
        self.note.setText(what)


class RemotesDialog(QDialog):
    """The remote engines: add, remove."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Remote engines"))
        self.resize(560, 320)
        lay = QVBoxLayout(self)
        self.list = QListWidget()
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        add = QPushButton(tr("Add remote engine…"))
        add.clicked.connect(lambda _checked=False: self.open_add())
        row.addWidget(add)
        self.remove_btn = QPushButton(tr("Remove"))
        self.remove_btn.clicked.connect(lambda _checked=False: self.remove_selected())
        row.addWidget(self.remove_btn)
        row.addStretch(1)
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self.populate()

    def populate(self) -> None:
        self.list.clear()
        try:
            rs = remote.remotes()
        except EmberError as e:
            self.list.addItem(str(e))
            return
        for r in rs:
            key = tr("key in the OS keyring") if r.key == "keyring" else tr("no key")
            it = QListWidgetItem(f"{r.name}  ·  {r.url}  ·  {key}")
            it.setData(256, r.name)
            self.list.addItem(it)
        self.remove_btn.setEnabled(bool(rs))

    def open_add(self) -> AddRemoteDialog:
        dlg = AddRemoteDialog(self)
        dlg.added.connect(self._added)
        dlg.open()
        return dlg

    @Slot(object)
    def _added(self, _reach) -> None:
        self.populate()
        self.changed.emit()

    def remove_selected(self) -> None:
        it = self.list.currentItem()
        name = it.data(256) if it is not None else None
        if not name:
            return
        try:
            notes = remote.remove(name)
        except EmberError as e:
            QMessageBox.warning(self, "Ember", str(e))
            return
        if notes:
            QMessageBox.information(self, "Ember", "\n".join(notes))
        self.populate()
        self.changed.emit()
