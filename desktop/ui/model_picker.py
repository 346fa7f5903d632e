"""The model picker in the window's top bar: a combo box whose list says, beside each model,
its state — built in, downloaded and whether the planner says it fits this machine (fits /
partly on the GPU / won't fit), downloading with its percentage, loading — and, under it, the
load's progress.

The planner reads each file's header and probes the hardware: that runs on a thread of its
own (`check_fits`), and each model's verdict comes back by a signal to the UI thread. Item
texts stay the models' titles (what findText and the closed box show); the state is drawn by
the delegate from STATE_ROLE, and the planner's sentence is the item's tooltip.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from .i18n import tr

STATE_ROLE = Qt.UserRole + 20       # the state line drawn beside an item's title
KEY_ROLE = Qt.UserRole + 21         # the model's key, for a download shown before it exists

def fit_text(fit: str) -> str | None:
    return {"fits": tr("Downloaded · fits"), "partial": tr("Downloaded · partly on the GPU"),
            "no": tr("Downloaded · won't fit")}.get(fit)


class _StateDelegate(QStyledItemDelegate):
    """Two lines per model: its title, and under it its state in smaller, muted text."""

    PAD = 6

    def _small(self, option) -> QFont:
        f = QFont(option.font)
        f.setPointSizeF(max(6.0, f.pointSizeF() * 0.85))
        return f

    def paint(self, painter, option, index):  # noqa: D102
        state = index.data(STATE_ROLE)
        if not state:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, opt.text = opt.text, ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.State_Selected)
        enabled = bool(option.state & QStyle.State_Enabled)
        r = QRect(option.rect).adjusted(self.PAD * 2, self.PAD // 2, -self.PAD * 2, -self.PAD // 2)
        top = QRect(r.left(), r.top(), r.width(), r.height() // 2)
        bottom = QRect(r.left(), r.top() + r.height() // 2, r.width(), r.height() - r.height() // 2)
        painter.save()
        pal = option.palette
        painter.setPen(pal.color(QPalette.HighlightedText if selected else
                                 QPalette.Text if enabled else QPalette.PlaceholderText))
        painter.setFont(option.font)
        painter.drawText(top, Qt.AlignLeft | Qt.AlignVCenter, title)
        painter.setFont(self._small(option))
        painter.setPen(pal.color(QPalette.HighlightedText if selected else
                                 QPalette.PlaceholderText))
        painter.drawText(bottom, Qt.AlignLeft | Qt.AlignVCenter, state)
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802
        s = super().sizeHint(option, index)
        state = index.data(STATE_ROLE)
        if state:
            small = QFontMetrics(self._small(option))
            w = max(option.fontMetrics.horizontalAdvance(str(index.data()) or ""),
                    small.horizontalAdvance(state)) + self.PAD * 4
            s = QSize(max(s.width(), w), option.fontMetrics.height() + small.height()
                      + self.PAD * 2)
        return s


class _Fits(QObject):
    found = Signal(str, str, str)    # model key, fit (fits | partial | no | ""), sentence


class ModelPicker(QComboBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("model-picker")
        self.setAccessibleName(tr("Model"))
        self.setToolTip(tr("The model that answers (Ctrl+Shift+M)"))
        self.setItemDelegate(_StateDelegate(self))
        self.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.fits: dict[str, tuple[str, str]] = {}      # key -> (fit, sentence)
        self.downloads: dict[str, int] = {}             # key -> percent
        self.loading_key: str | None = None
        self._fits = _Fits(self)
        self._fits.found.connect(self._on_fit)
        self._checking: set[str] = set()

    # ------------------------------------------------------------------ states
    def _row(self, key: str) -> int:
        for i in range(self.count()):
            if self.itemData(i, KEY_ROLE) == key:
                return i
        return -1

    def add_model(self, ref) -> None:
        """A model the user can pick (models.AvailableModel or remote.RemoteModel)."""
        self.addItem(ref.title, ref)
        i = self.count() - 1
        key = str(getattr(ref, "key", ref.title))
        self.setItemData(i, key, KEY_ROLE)
        self._show_state(i)

    def state_text(self, key: str) -> str:
        """What the list says beside the model now."""
        if key == self.loading_key:
            return tr("Loading…")
        if key in self.downloads:
            return tr("Downloading {percent} %").format(percent=self.downloads[key])
        row = self._row(key)
        ref = self.itemData(row) if row >= 0 else None
        if getattr(ref, "remote", None):
            return tr("Remote engine")
        from ..core import models as models_mod
        if key == models_mod.EMBEDDED:
            return tr("Built in · fits")
        fit = self.fits.get(key)
        if fit is not None and fit_text(fit[0]):
            return fit_text(fit[0])
        return tr("Downloaded") if ref is not None else ""

    def _show_state(self, i: int) -> None:
        key = self.itemData(i, KEY_ROLE)
        if key is None:
            return
        self.setItemData(i, self.state_text(key), STATE_ROLE)
        # the list is as wide as its widest entry (a combo box's list is its width otherwise)
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0)
                             + view.verticalScrollBar().sizeHint().width())
        fit = self.fits.get(key)
        if fit is not None and fit[1]:
            self.setItemData(i, fit[1], Qt.ToolTipRole)

    def set_download_progress(self, model_id: str, percent: int | None) -> None:
        """A download's progress (0-100) beside its model; None: the download ended (the
        caller refreshes the list: a finished model comes back as downloaded). A model that
        is not in the list yet shows as a line that cannot be picked."""
        if percent is None:
            self.downloads.pop(model_id, None)
        else:
            self.downloads[model_id] = max(0, min(100, int(percent)))
        i = self._row(model_id)
        if i < 0 and percent is not None:
            self.addItem(model_id, None)
            i = self.count() - 1
            self.setItemData(i, model_id, KEY_ROLE)
            self.model().item(i).setEnabled(False)
        if i >= 0:
            self._show_state(i)

    def set_loading(self, key: str | None) -> None:
        old, self.loading_key = self.loading_key, key
        for k in (old, key):
            if k is not None and self._row(k) >= 0:
                self._show_state(self._row(k))

    # ------------------------------------------------------------ the planner
    def check_fits(self, refs) -> None:
        """Ask the planner about each local model on a thread; verdicts come to _on_fit."""
        todo = [(str(r.key), r.path) for r in refs
                if getattr(r, "path", None) is not None and str(r.key) not in self.fits
                and str(r.key) not in self._checking]
        if not todo:
            return
        self._checking.update(k for k, _ in todo)
        signal = self._fits.found

        def work():
            from ..core import plan
            from ..core.hardware import probe
            try:
                hw = probe()
            except Exception:  # noqa: BLE001 - no verdicts then; the list still works
                hw = None
            for key, path in todo:
                try:
                    p = plan.plan(str(path), hw) if hw is not None and path.is_file() else None
                except Exception:  # noqa: BLE001 - a file the planner cannot read: no verdict
                    p = None
                try:
                    signal.emit(key, p.fit if p else "", p.sentence if p else "")
                except RuntimeError:   # the window closed meanwhile
                    return

        threading.Thread(target=work, name="ember-model-fits", daemon=True).start()

    @Slot(str, str, str)
    def _on_fit(self, key: str, fit: str, sentence: str) -> None:
        self._checking.discard(key)
        self.fits[key] = (fit, sentence)
        i = self._row(key)
        if i >= 0:
            self._show_state(i)
