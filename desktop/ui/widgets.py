"""Small widget makers the window's parts share: a button or a check box with its accessible
name, tooltip and slot in one call (a screen reader and a tooltip for every control)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QWidget,
)

from .i18n import tr


def button(text: str, name: str, tip: str | None, slot, *, cls: type = QPushButton,
           object_name: str | None = None) -> QAbstractButton:
    b = cls()
    b.setText(text)
    if object_name:
        b.setObjectName(object_name)
    b.setAccessibleName(name)
    if tip:
        b.setToolTip(tip)
    b.clicked.connect(slot)
    return b


def check_box(text: str, name: str, tip: str, slot) -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(name)
    box.setToolTip(tip)
    box.toggled.connect(lambda _on: slot())
    return box


def close_row(dialog, row, lay, *, stretch: bool = True) -> QPushButton:
    """End a dialog's button row with Close (pushed to the right) and add the row to `lay`."""
    if stretch:
        row.addStretch(1)
    close = QPushButton(tr("Close"))
    close.clicked.connect(dialog.accept)
    row.addWidget(close)
    lay.addLayout(row)
    return close


def read_only_table(columns: list[str], name: str) -> QTableWidget:
    """A table of whole rows to pick from (not to edit), its first column taking the room left."""
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QTableWidget.SelectRows)
    table.setEditTriggers(QTableWidget.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
    return table


class WheelOnlyWhenFocused(QObject):
    """An event filter: a spin box or a combo box takes the mouse wheel only once it has the
    focus (clicked or tabbed into), so that scrolling a dialog past it changes nothing; the
    wheel then scrolls the page. `guard(widget)` puts it on every such child of widget."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            event.ignore()
            return True
        return False

    def guard(self, root: QWidget) -> None:
        for w in root.findChildren(QAbstractSpinBox) + root.findChildren(QComboBox):
            w.setFocusPolicy(Qt.StrongFocus)
            w.installEventFilter(self)
