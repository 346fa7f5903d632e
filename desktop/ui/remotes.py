"""Remote engines in the window (issue 14): a list with Add… and Remove, and the small "Add a
remote engine" form (name, URL, key). The work is desktop/core/remote.py's; the keyring write
and the server check run on a worker thread (a keyring may wait for the user to unlock it)."""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
)

from ..core import remote
from ..core.errors import EmberError
from .i18n import same, tr
from .list_manager import AddForm, ListManager


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


class AddRemoteDialog(AddForm):
    """Name, URL, API key (optional), context (optional)."""
    added = Signal(object)               # remote.Reachability

    def __init__(self, parent=None):
        super().__init__(parent, title=tr("Add a remote engine"), min_width=480,
                         intro=tr("Any OpenAI-compatible server: vLLM, llama-server, LM Studio, "
                                  "Ollama (/v1) or another Ember. Its models appear beside the "
                                  "local ones."))
        form = self.form
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


class RemotesDialog(ListManager):
    """The remote engines: add, remove."""

    def __init__(self, parent=None):
        view = QListWidget()
        super().__init__(parent, title=tr("Remote engines"), size=(560, 320), view=view,
                         add_label=tr("Add remote engine…"))
        self.list = view
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

    def make_add_form(self) -> AddRemoteDialog:
        return AddRemoteDialog(self)

    def selected_name(self) -> str | None:
        it = self.list.currentItem()
        return it.data(256) if it is not None else None

    def remove(self, name: str) -> list[str]:
        return remote.remove(name)
