"""The list-manager dialog, one home (issue 26): a list of things the user registered (MCP servers,
remote engines) with Add…, Remove and Close, and the small "Add a …" form that goes with it
(an intro, a form, a line for what is wrong, Add and Cancel). ui/mcp_servers.py and ui/remotes.py
say only what differs: the view, its rows, the form's fields, and what adding and removing do in
the core."""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import EmberError
from .i18n import tr
from .widgets import close_row


class AddForm(QDialog):
    """Intro, `self.form` (the subclass adds its rows after this __init__), `self.note` for what is
    wrong, and Add / Cancel: Add calls `submit()`, which emits `added` and accepts when all is well."""
    added = Signal(object)

    def __init__(self, parent: QWidget | None, *, title: str, intro: str, min_width: int):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(min_width)
        lay = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        lay.addWidget(label)
        self.form = QFormLayout()
        lay.addLayout(self.form)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("Add"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def submit(self):  # pragma: no cover - each form says how it adds
        raise NotImplementedError


class ListManager(QDialog):
    """`view` (a tree or a list) over a row of Add…, Remove and Close. A subclass gives
    `populate()`, `make_add_form()`, `selected_name()` and `remove(name) -> notes`, and calls
    `populate()` at the end of its own __init__."""
    changed = Signal()

    def __init__(self, parent: QWidget | None, *, title: str, size: tuple[int, int],
                 view: QWidget, add_label: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(*size)
        lay = QVBoxLayout(self)
        lay.addWidget(view, 1)
        row = QHBoxLayout()
        add = QPushButton(add_label)
        add.clicked.connect(lambda _checked=False: self.open_add())
        row.addWidget(add)
        self.remove_btn = QPushButton(tr("Remove"))
        self.remove_btn.clicked.connect(lambda _checked=False: self.remove_selected())
        row.addWidget(self.remove_btn)
        close_row(self, row, lay)

    def populate(self) -> None:  # pragma: no cover - each list says how it fills itself
        raise NotImplementedError

    def make_add_form(self) -> AddForm:  # pragma: no cover
        raise NotImplementedError

    def selected_name(self) -> str | None:  # pragma: no cover
        raise NotImplementedError

    def remove(self, name: str) -> list[str]:  # pragma: no cover
        """Remove `name` in the core; what the user should be told afterwards."""
        raise NotImplementedError

    def open_add(self) -> AddForm:
        dlg = self.make_add_form()
        dlg.added.connect(self._added)
        dlg.open()
        return dlg

    @Slot(object)
    def _added(self, _what=None) -> None:
        self.populate()
        self.changed.emit()

    def remove_selected(self) -> None:
        name = self.selected_name()
        if not name:
            return
        try:
            notes = self.remove(name)
        except EmberError as e:
            QMessageBox.warning(self, "Ember", str(e))
            return
        if notes:
            QMessageBox.information(self, "Ember", "\n".join(notes))
        self._added()
