"""Settings: presets (built-in and the user's: save, rename, delete, export, import), system
prompt, sampling, the loaded model's own defaults, model loading, JSON mode, theme, data folder.

The preset list shows the preset whose values are the ones in the dialog ("Custom" only when
none is); choosing a preset fills in its system prompt (and a user preset's sampling).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core import paths
from ..core.presets import PresetError, Presets
from ..core.settings import DEFAULTS, MODEL_KEYS, PRESETS, RELOAD_KEYS, TABLE
from . import i18n
from .i18n import same, tr
from .widgets import WheelOnlyWhenFocused


def _spin(key: str, value) -> QSpinBox | QDoubleSpinBox:
    """A spin box for a number setting: its range and step from core/settings.TABLE (the
    dialog's own range where a spin box needs ends, e.g. top-k)."""
    st = TABLE[key]
    lo, hi = st.dialog_range or (st.lo, st.hi)
    if int in st.types and float not in st.types:
        w: QSpinBox | QDoubleSpinBox = QSpinBox()
        w.setRange(int(lo), int(hi))
        w.setValue(int(value))      # out of the range (max_tokens -1): the nearest end
        return w
    w = QDoubleSpinBox()
    w.setRange(lo, hi)
    w.setSingleStep(st.step or 0.01)
    w.setDecimals(2)
    w.setValue(float(value))
    return w


def _kept(text: str) -> str:
    """A built-in system prompt shown translated is kept as its English original, so that it
    follows the window's language next time; the user's own text is kept as written."""
    for english in PRESETS.values():
        if text == i18n.core_text(english).strip():
            return english
    return text


def auto() -> str:
    return tr("Auto (planner)")


def custom() -> str:
    """The preset list's entry when no preset matches the values."""
    return tr("Custom")
CTX_SIZES = (2048, 4096, 8192, 16384, 32768, 65536, 131072)


class SettingsDialog(QDialog):
    # what a conversation may override (model loading stays global: one model is loaded)
    CHAT_KEYS = ("system_prompt", "json_mode", "temperature", "top_p", "top_k", "min_p",
                 "repeat_penalty", "max_tokens")
    # the sampling group's spin boxes: (attribute, setting); ranges, steps and labels are
    # core/settings.TABLE's
    SAMPLING = (("temperature", "temperature"), ("top_p", "top_p"), ("top_k", "top_k"),
                ("min_p", "min_p"), ("repeat", "repeat_penalty"), ("max_tokens", "max_tokens"))

    def __init__(self, parent, settings, overrides: dict | None = None, chat_title: str | None = None,
                 *, model_key: str | None = None, model_title: str | None = None,
                 presets: Presets | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self.settings = settings
        self.model_key = model_key
        self.presets = presets if presets is not None else Presets()
        self._matching = False
        self.reload_needed = False
        self.chat_overrides: dict | None = None   # set when "only this chat" is chosen
        s = _Effective(settings, overrides or {})
        outer = QVBoxLayout(self)
        scroll = QScrollArea()          # the groups scroll on a small screen; the buttons stay
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        content = QWidget()
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 0, 0, 0)
        self.only_chat = QCheckBox(
            tr("Apply the assistant and sampling settings to this chat only ({title})").format(
                title=chat_title) if chat_title else
            tr("Apply the assistant and sampling settings to this chat only"))
        self.only_chat.setChecked(bool(overrides))
        self.only_chat.setVisible(chat_title is not None)
        lay.addWidget(self.only_chat)

        self._assistant_group(lay, s)
        self._sampling_group(lay, s)
        self.system.textChanged.connect(self._match_preset)
        self._fill_presets()

        self._build_model_defaults(lay, model_title)
        self._loading_group(lay, s)
        self._appearance_group(lay, s)
        self._api_group(lay, s)

        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        # the wheel scrolls the page; a spin box or combo box under it changes only once focused
        self._wheel_guard = WheelOnlyWhenFocused(self)
        self._wheel_guard.guard(content)
        self._content, self._sized = content, False
        lay = outer
        row = QHBoxLayout()
        reset = QDialogButtonBox(QDialogButtonBox.RestoreDefaults)
        reset.clicked.connect(self._defaults)
        row.addWidget(reset)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        lay.addLayout(row)

    def _assistant_group(self, lay: QVBoxLayout, s: "_Effective") -> None:
        """The preset, its buttons, the system prompt, JSON by default."""
        g = QGroupBox(tr("Assistant"))
        f = QFormLayout(g)
        self.preset = QComboBox()
        self.preset.setAccessibleName(tr("Preset"))
        self.preset.textActivated.connect(self._apply_preset)
        f.addRow(tr("Preset"), self.preset)
        row = QHBoxLayout()
        self.save_preset_btn = QPushButton(tr("Save as preset…"))
        self.rename_preset_btn = QPushButton(tr("Rename…"))
        self.delete_preset_btn = QPushButton(tr("Delete"))
        self.export_presets_btn = QPushButton(tr("Export…"))
        self.import_presets_btn = QPushButton(tr("Import…"))
        for btn, name, fn in (
                (self.save_preset_btn, tr("Save the system prompt and sampling as a preset"),
                 lambda: self.save_preset()),
                (self.rename_preset_btn, tr("Rename the chosen preset"),
                 lambda: self.rename_preset()),
                (self.delete_preset_btn, tr("Delete the chosen preset"),
                 lambda: self.delete_preset()),
                (self.export_presets_btn, tr("Export your presets to a file"),
                 lambda: self.export_presets()),
                (self.import_presets_btn, tr("Import presets from a file"),
                 lambda: self.import_presets())):
            btn.setAccessibleName(name)
            btn.setToolTip(name)
            btn.clicked.connect(fn)
            row.addWidget(btn)
        row.addStretch(1)
        f.addRow("", row)
        self.preset_note = QLabel(self.presets.error or "")
        self.preset_note.setObjectName("preset-note")
        self.preset_note.setWordWrap(True)
        self.preset_note.setVisible(bool(self.presets.error))
        f.addRow("", self.preset_note)
        # a built-in prompt is shown in the window's language (and kept in English: _kept)
        self.system = QPlainTextEdit(i18n.core_text(str(s.get("system_prompt") or "")))
        self.system.setAccessibleName(tr(TABLE["system_prompt"].label))
        self.system.setMaximumHeight(90)
        f.addRow(tr(TABLE["system_prompt"].label), self.system)
        self.json_mode = QCheckBox(tr("Answer in valid JSON by default"))
        self.json_mode.setChecked(bool(s.get("json_mode")))
        f.addRow("", self.json_mode)
        lay.addWidget(g)

    def _sampling_group(self, lay: QVBoxLayout, s: "_Effective") -> None:
        """Temperature, top-p, top-k, min-p, repeat penalty, max tokens."""
        g = QGroupBox(tr("Sampling"))
        f = QFormLayout(g)
        for attr, key in self.SAMPLING:
            w = _spin(key, s.get(key))
            setattr(self, attr, w)
            label = tr(TABLE[key].label)
            w.setAccessibleName(label)
            f.addRow(label, w)
            w.valueChanged.connect(lambda _v: self._match_preset())
        lay.addWidget(g)

    def _loading_group(self, lay: QVBoxLayout, s: "_Effective") -> None:
        """Context size, GPU layers, KV cache, flash attention (a change reloads)."""
        g = QGroupBox(tr("Model loading (changes reload the model)"))
        f = QFormLayout(g)
        self.ctx = QComboBox()
        self.ctx.addItem(auto(), None)
        for n in CTX_SIZES:
            self.ctx.addItem(tr('{value}K tokens').format(value=n // 1024), n)
        self._select(self.ctx, s.get("n_ctx"))
        f.addRow(tr(TABLE["n_ctx"].label), self.ctx)
        self.gpu = QComboBox()
        self.gpu.addItem(auto(), None)
        self.gpu.addItem(tr("All layers"), -1)
        self.gpu.addItem(tr("None (CPU only)"), 0)
        for n in (8, 16, 24, 32, 40):
            self.gpu.addItem(tr('{n} layers').format(n=n), n)
        self._select(self.gpu, s.get("gpu_layers"))
        f.addRow(tr(TABLE["gpu_layers"].label), self.gpu)
        self.kv = QComboBox()
        for label, v in ((auto(), None), ("f16", "f16"), (tr("q8_0 (half the memory)"), "q8_0"),
                         ("q4_0", "q4_0")):
            self.kv.addItem(label, v)
        self._select(self.kv, s.get("kv_type"))
        f.addRow(tr(TABLE["kv_type"].label), self.kv)
        self.fa = QComboBox()
        for label, v in ((auto(), None), (tr("On"), "on"), (tr("Off"), "off")):
            self.fa.addItem(label, v)
        self._select(self.fa, s.get("flash_attn"))
        f.addRow(tr(TABLE["flash_attn"].label), self.fa)
        lay.addWidget(g)

    def _appearance_group(self, lay: QVBoxLayout, s: "_Effective") -> None:
        """Theme, the window's language, the data folder."""
        g = QGroupBox(tr("Appearance and data"))
        f = QFormLayout(g)
        self.theme = QComboBox()
        for label, v in ((tr("Follow the system"), "system"), (tr("Light"), "light"),
                         (tr("Dark"), "dark")):
            self.theme.addItem(label, v)
        self._select(self.theme, s.get("theme"))
        f.addRow(tr(TABLE["theme"].label), self.theme)
        self.language = QComboBox()
        self.language.setAccessibleName(tr("Language of the window"))
        self.language.addItem(tr("Follow the system"), "system")
        for code, name in i18n.LANGUAGES.items():  # each language in its own words
            self.language.addItem(same(name), code)
        self._select(self.language, s.get("language"))
        self.language.setToolTip(tr("Applies the next time Ember starts."))
        f.addRow(tr(TABLE["language"].label), self.language)
        # said where it is seen, not only in a tooltip: shown once the language is changed
        self.language_note = QLabel(tr("Applies the next time Ember starts."))
        self.language_note.setObjectName("language-note")
        self.language_note.setVisible(False)
        started = self.language.currentIndex()
        self.language.currentIndexChanged.connect(
            lambda i: self.language_note.setVisible(i != started))
        f.addRow("", self.language_note)
        data = QLabel(tr('{data_dir}  (change with EMBER_HOME or --data-dir)').format(data_dir=paths.data_dir()))
        data.setWordWrap(True)
        f.addRow(tr("Data folder"), data)
        lay.addWidget(g)

    def _api_group(self, lay: QVBoxLayout, s: "_Effective") -> None:
        """The OpenAI-compatible API for editors, and keeping the engine running."""
        g = QGroupBox(tr("API for editors and scripts"))
        f = QFormLayout(g)
        port = s.get("api_port")
        self.api_on = QCheckBox(tr("Serve the OpenAI-compatible API on 127.0.0.1 (this computer "
                                   "only)"))
        self.api_on.setChecked(port is not None)
        self.api_port = _spin("api_port", port or 11435)
        self.api_port.setEnabled(port is not None)
        self.api_on.toggled.connect(self.api_port.setEnabled)
        f.addRow("", self.api_on)
        f.addRow(tr(TABLE["api_port"].label), self.api_port)
        self.keep_running = QCheckBox(tr("Keep the engine running after the window closes"))
        self.keep_running.setChecked(bool(s.get("engine_keep_running")))
        f.addRow("", self.keep_running)
        note = QLabel(tr("Editors reach Ember at http://127.0.0.1:PORT/v1 with any API key. "
                         "Changes apply the next time Ember starts its engine."))
        note.setWordWrap(True)
        f.addRow("", note)
        lay.addWidget(g)

    def showEvent(self, e):  # noqa: N802
        """Sized once shown (styled): as tall as the groups, within the screen; the groups
        scroll rather than squeeze their fields."""
        super().showEvent(e)
        if not self._sized:
            self._sized = True
            hint = self._content.sizeHint()
            self._content.setMinimumHeight(hint.height())
            screen = self.screen().availableGeometry().height() if self.screen() else 900
            self.resize(max(self.width(), hint.width() + 40),
                        max(400, min(hint.height() + 70, screen - 80)))

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        for i in range(combo.count()):
            if combo.itemData(i) == value:
                combo.setCurrentIndex(i)
                return

    # ------------------------------------------------------------------------ presets
    # The list shows a built-in preset's name in the window's language (its system prompt too,
    # when chosen); each item's data is the preset's own name (None: "Custom").
    def _fill_presets(self, select: str | None = None) -> None:
        self._matching = True
        try:
            self.preset.clear()
            self.preset.addItem(custom(), None)
            for p in self.presets.all():
                self.preset.addItem(i18n.core_text(p.name) if p.builtin else p.name, p.name)
        finally:
            self._matching = False
        if select is not None:
            self._show_preset(select)
            self._preset_buttons()
        else:
            self._match_preset()

    def _show_preset(self, name: str | None) -> None:
        i = self.preset.findData(name) if name is not None else 0
        self.preset.setCurrentIndex(max(i, 0))

    def current_preset(self) -> str | None:
        """The chosen preset's own name (None: Custom)."""
        return self.preset.currentData()

    def _preset_named(self, shown: str) -> str | None:
        """The preset's own name for a name as the list shows it."""
        for i in range(self.preset.count()):
            if self.preset.itemText(i) == shown:
                return self.preset.itemData(i)
        return shown

    def _match_preset(self) -> None:
        """Show the preset whose values are the dialog's ("Custom" when none is)."""
        if self._matching:
            return
        values = self.preset_values()
        for text in PRESETS.values():  # a built-in's prompt in the window's language
            if values["system_prompt"] == i18n.core_text(text).strip():
                values["system_prompt"] = text
                break
        name = self.presets.match(values)
        self.preset.blockSignals(True)
        self._show_preset(name)
        self.preset.blockSignals(False)
        self._preset_buttons()

    def _preset_buttons(self) -> None:
        name = self.current_preset()
        own = name is not None and not self.presets.is_builtin(name)
        self.rename_preset_btn.setEnabled(own)
        self.delete_preset_btn.setEnabled(own)

    def preset_values(self) -> dict:
        """The system prompt and sampling in the dialog (what a preset keeps)."""
        return {"system_prompt": _kept(self.system.toPlainText().strip()),
                "temperature": round(self.temperature.value(), 2),
                "top_p": round(self.top_p.value(), 2), "top_k": self.top_k.value(),
                "min_p": round(self.min_p.value(), 2),
                "repeat_penalty": round(self.repeat.value(), 2),
                "max_tokens": self.max_tokens.value()}

    def _apply_preset(self, shown: str) -> None:
        name = self._preset_named(shown)
        if name is None:
            self._preset_buttons()
            return
        try:
            p = self.presets.get(name)
        except PresetError:
            return
        self._matching = True
        try:
            v = p.values
            if "system_prompt" in v:
                text = str(v["system_prompt"] or "")
                self.system.setPlainText(i18n.core_text(text) if p.builtin else text)
            for key, w in (("temperature", self.temperature), ("top_p", self.top_p),
                           ("top_k", self.top_k), ("min_p", self.min_p),
                           ("repeat_penalty", self.repeat), ("max_tokens", self.max_tokens)):
                if key in v:
                    w.setValue(v[key])
        finally:
            self._matching = False
        self._match_preset()

    def _note(self, text: str) -> None:
        self.preset_note.setText(text)
        self.preset_note.setVisible(bool(text))

    def save_preset(self, name: str | None = None) -> str | None:
        """Keep the system prompt and sampling as preset `name` (asked when None)."""
        if name is None:
            current = self.current_preset()
            suggest = current if current and not self.presets.is_builtin(current) else ""
            name, ok = QInputDialog.getText(self, tr("Save preset"), tr("Name of the preset:"),
                                            text=suggest)
            if not ok:
                return None
        try:
            name = self.presets.save(name, self.preset_values())
        except PresetError as e:
            self._note(str(e))
            return None
        self._fill_presets(select=name)
        self._note(tr('Saved the preset {name!r}.').format(name=name))
        return name

    def rename_preset(self, new: str | None = None) -> str | None:
        old = self.current_preset()
        if old is None or self.presets.is_builtin(old):
            self._note(tr("Only your own presets can be renamed."))
            return None
        if new is None:
            new, ok = QInputDialog.getText(self, tr("Rename preset"), tr("New name:"), text=old)
            if not ok:
                return None
        try:
            new = self.presets.rename(old, new)
        except PresetError as e:
            self._note(str(e))
            return None
        self._fill_presets(select=new)
        self._note(tr('Renamed the preset {old!r} to {new!r}.').format(old=old, new=new))
        return new

    def delete_preset(self) -> bool:
        name = self.current_preset()
        try:
            if name is None:
                raise PresetError("Custom")
            self.presets.delete(name)
        except PresetError as e:
            self._note(str(e) if name is not None else
                       tr("Choose one of your presets to delete it."))
            return False
        self._fill_presets()
        self._note(tr('Deleted the preset {name!r}.').format(name=name))
        return True

    def export_presets(self, path: str | None = None) -> bool:
        if not self.presets.user:
            self._note(tr("You have no presets of your own to export yet: save one first."))
            return False
        if path is None:
            path, _f = QFileDialog.getSaveFileName(self, tr("Export presets"),
                                                   str(Path.home() / "ember-presets.json"),
                                                   tr("Ember presets (*.json)"))
            if not path:
                return False
        try:
            n = self.presets.export_file(path)
        except PresetError as e:
            self._note(str(e))
            return False
        self._note(tr('Exported {n} preset(s) to {path}.').format(n=n, path=path))
        return True

    def import_presets(self, path: str | None = None) -> list[str]:
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, tr("Import presets"), str(Path.home()),
                                                   tr("Ember presets (*.json);;All files (*)"))
            if not path:
                return []
        try:
            added = self.presets.import_file(path)
        except PresetError as e:
            self._note(tr('No preset was imported: {e}').format(e=e))
            return []
        self._fill_presets()
        self._note(tr("Imported {n} preset(s): {names}.").format(n=len(added),
                                                                names=", ".join(added))
                   if added else
                   tr("Every preset in that file is already here: nothing was imported."))
        return added

    # ----------------------------------------------------------- this model's defaults
    def _build_model_defaults(self, lay, model_title: str | None) -> None:
        """"Defaults for this model": values that apply while it is loaded, over the global
        ones and under a chat's own. Only the ticked ones are kept."""
        g = QGroupBox(tr('Defaults for this model ({model_title})').format(model_title=model_title) if model_title
                      else tr("Defaults for this model"))
        g.setVisible(self.model_key is not None)
        self.model_group = g
        f = QFormLayout(g)
        mine = self.settings.model_defaults(self.model_key)
        glob = {k: self.settings.get(k) for k in MODEL_KEYS}
        val = {**glob, **mine}
        self.md_widgets: dict[str, tuple[QCheckBox, object]] = {}
        sys_w = QPlainTextEdit(str(val["system_prompt"] or ""))
        sys_w.setMaximumHeight(60)
        ctx_w = QComboBox()
        ctx_w.addItem(auto(), None)
        for n in CTX_SIZES:
            ctx_w.addItem(tr('{value}K tokens').format(value=n // 1024), n)
        self._select(ctx_w, val["n_ctx"])
        for key, label, own, this in (
                ("temperature", tr("Temperature"), tr("Use this model's own temperature"),
                 tr("This model's temperature")),
                ("top_p", tr("Top-p"), tr("Use this model's own top-p"), tr("This model's top-p")),
                ("max_tokens", tr("Max tokens"), tr("Use this model's own max tokens"),
                 tr("This model's max tokens")),
                ("n_ctx", tr("Context size (reloads the model)"),
                 tr("Use this model's own context size"), tr("This model's context size")),
                ("system_prompt", tr("System prompt (new chats)"),
                 tr("Use this model's own system prompt"), tr("This model's system prompt"))):
            w = {"n_ctx": ctx_w, "system_prompt": sys_w}.get(key) or _spin(key, val[key])
            box = QCheckBox(label)
            box.setAccessibleName(own)
            box.setChecked(key in mine)
            w.setAccessibleName(this)
            w.setEnabled(key in mine)
            box.toggled.connect(w.setEnabled)
            f.addRow(box, w)
            self.md_widgets[key] = (box, w)
        lay.addWidget(g)

    def model_defaults_values(self) -> dict:
        """The ticked defaults of this model."""
        out = {}
        for key, (box, w) in self.md_widgets.items():
            if not box.isChecked():
                continue
            if key == "system_prompt":
                out[key] = w.toPlainText().strip()
            elif key == "n_ctx":
                out[key] = w.currentData()
            elif isinstance(w, QDoubleSpinBox):
                out[key] = round(w.value(), 2)
            else:
                out[key] = w.value()
        return out

    def _defaults(self) -> None:
        self.system.setPlainText(i18n.core_text(str(DEFAULTS["system_prompt"])))
        for attr, key in self.SAMPLING:
            getattr(self, attr).setValue(DEFAULTS[key])
        for combo in (self.ctx, self.gpu, self.kv, self.fa):
            combo.setCurrentIndex(0)

    def values(self) -> dict:
        return {
            "system_prompt": _kept(self.system.toPlainText().strip()),
            "json_mode": self.json_mode.isChecked(),
            "temperature": round(self.temperature.value(), 2),
            "top_p": round(self.top_p.value(), 2),
            "top_k": self.top_k.value(),
            "min_p": round(self.min_p.value(), 2),
            "repeat_penalty": round(self.repeat.value(), 2),
            "max_tokens": self.max_tokens.value(),
            "n_ctx": self.ctx.currentData(),
            "gpu_layers": self.gpu.currentData(),
            "kv_type": self.kv.currentData(),
            "flash_attn": self.fa.currentData(),
            "theme": self.theme.currentData(),
            "language": self.language.currentData(),
            "api_port": self.api_port.value() if self.api_on.isChecked() else None,
            "engine_keep_running": self.keep_running.isChecked(),
        }

    def accept(self) -> None:
        new = self.values()
        if new.get("kv_type") in ("q8_0", "q4_0") and new.get("flash_attn") == "off":
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.warning(self, tr("Settings"), tr("A quantized KV cache needs flash attention: "
                                   "set flash attention to Auto or On."))
            return
        before = self.settings.effective(None, model=self.model_key)
        if self.only_chat.isVisible() and self.only_chat.isChecked():
            self.chat_overrides = {k: new[k] for k in self.CHAT_KEYS}
            new = {k: v for k, v in new.items() if k not in self.CHAT_KEYS}
        elif self.only_chat.isVisible():
            self.chat_overrides = {}   # back to the global settings for this chat
        for k, v in new.items():
            self.settings.set(k, v)
        if self.model_key is not None:
            self.settings.set_model_defaults(self.model_key, self.model_defaults_values())
        after = self.settings.effective(None, model=self.model_key)
        self.reload_needed = any(before[k] != after[k] for k in RELOAD_KEYS)
        super().accept()


class _Effective:
    """Settings as seen by one chat: its overrides over the global values."""

    def __init__(self, settings, overrides: dict):
        self.settings, self.overrides = settings, overrides

    def get(self, key):
        return self.overrides.get(key, self.settings.get(key))
