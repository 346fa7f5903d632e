"""Settings: system prompt presets, sampling, model loading, JSON mode, theme, data folder."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit,
                               QSpinBox, QVBoxLayout)

from ..core import paths
from ..core.settings import DEFAULTS, PRESETS, RELOAD_KEYS

AUTO = "Auto (planner)"


class SettingsDialog(QDialog):
    # what a conversation may override (model loading stays global: one model is loaded)
    CHAT_KEYS = ("system_prompt", "json_mode", "temperature", "top_p", "top_k", "min_p",
                 "repeat_penalty", "max_tokens")

    def __init__(self, parent, settings, overrides: dict | None = None, chat_title: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        self.reload_needed = False
        self.chat_overrides: dict | None = None   # set when "only this chat" is chosen
        s = _Effective(settings, overrides or {})
        lay = QVBoxLayout(self)
        self.only_chat = QCheckBox(f"Apply the assistant and sampling settings to this chat only"
                                   f"{f' ({chat_title})' if chat_title else ''}")
        self.only_chat.setChecked(bool(overrides))
        self.only_chat.setVisible(chat_title is not None)
        lay.addWidget(self.only_chat)

        g = QGroupBox("Assistant")
        f = QFormLayout(g)
        self.preset = QComboBox()
        self.preset.addItem("Custom")
        for name in PRESETS:
            self.preset.addItem(name)
        self.preset.currentTextChanged.connect(self._apply_preset)
        f.addRow("Preset", self.preset)
        self.system = QPlainTextEdit(str(s.get("system_prompt") or ""))
        self.system.setMaximumHeight(90)
        f.addRow("System prompt", self.system)
        self.json_mode = QCheckBox("Answer in valid JSON by default")
        self.json_mode.setChecked(bool(s.get("json_mode")))
        f.addRow("", self.json_mode)
        lay.addWidget(g)

        g = QGroupBox("Sampling")
        f = QFormLayout(g)
        self.temperature = self._dspin(0, 2, 0.05, s.get("temperature"))
        self.top_p = self._dspin(0, 1, 0.01, s.get("top_p"))
        self.top_k = self._ispin(0, 1000, s.get("top_k"))
        self.min_p = self._dspin(0, 1, 0.01, s.get("min_p"))
        self.repeat = self._dspin(0.5, 2, 0.01, s.get("repeat_penalty"))
        self.max_tokens = self._ispin(16, 131072, s.get("max_tokens"))
        for label, w in (("Temperature", self.temperature), ("Top-p", self.top_p),
                         ("Top-k", self.top_k), ("Min-p", self.min_p),
                         ("Repeat penalty", self.repeat), ("Max tokens", self.max_tokens)):
            f.addRow(label, w)
        lay.addWidget(g)

        g = QGroupBox("Model loading (changes reload the model)")
        f = QFormLayout(g)
        self.ctx = QComboBox()
        self.ctx.addItem(AUTO, None)
        for n in (2048, 4096, 8192, 16384, 32768, 65536, 131072):
            self.ctx.addItem(f"{n // 1024}K tokens", n)
        self._select(self.ctx, s.get("n_ctx"))
        f.addRow("Context size", self.ctx)
        self.gpu = QComboBox()
        self.gpu.addItem(AUTO, None)
        self.gpu.addItem("All layers", -1)
        self.gpu.addItem("None (CPU only)", 0)
        for n in (8, 16, 24, 32, 40):
            self.gpu.addItem(f"{n} layers", n)
        self._select(self.gpu, s.get("gpu_layers"))
        f.addRow("GPU layers", self.gpu)
        self.kv = QComboBox()
        for label, v in ((AUTO, None), ("f16", "f16"), ("q8_0 (half the memory)", "q8_0"),
                         ("q4_0", "q4_0")):
            self.kv.addItem(label, v)
        self._select(self.kv, s.get("kv_type"))
        f.addRow("KV cache", self.kv)
        self.fa = QComboBox()
        for label, v in ((AUTO, None), ("On", "on"), ("Off", "off")):
            self.fa.addItem(label, v)
        self._select(self.fa, s.get("flash_attn"))
        f.addRow("Flash attention", self.fa)
        lay.addWidget(g)

        g = QGroupBox("Appearance and data")
        f = QFormLayout(g)
        self.theme = QComboBox()
        for label, v in (("Follow the system", "system"), ("Light", "light"), ("Dark", "dark")):
            self.theme.addItem(label, v)
        self._select(self.theme, s.get("theme"))
        f.addRow("Theme", self.theme)
        data = QLabel(f"{paths.data_dir()}  (change with EMBER_HOME or --data-dir)")
        data.setWordWrap(True)
        f.addRow("Data folder", data)
        lay.addWidget(g)

        g = QGroupBox("API for editors and scripts")
        f = QFormLayout(g)
        port = s.get("api_port")
        self.api_on = QCheckBox("Serve the OpenAI-compatible API on 127.0.0.1 (this computer "
                                "only)")
        self.api_on.setChecked(port is not None)
        self.api_port = self._ispin(1024, 65535, port or 11435)
        self.api_port.setEnabled(port is not None)
        self.api_on.toggled.connect(self.api_port.setEnabled)
        f.addRow("", self.api_on)
        f.addRow("Port", self.api_port)
        self.keep_running = QCheckBox("Keep the engine running after the window closes")
        self.keep_running.setChecked(bool(s.get("engine_keep_running")))
        f.addRow("", self.keep_running)
        note = QLabel("Editors reach Ember at http://127.0.0.1:PORT/v1 with any API key. "
                      "Changes apply the next time Ember starts its engine.")
        note.setWordWrap(True)
        f.addRow("", note)
        lay.addWidget(g)

        row = QHBoxLayout()
        reset = QDialogButtonBox(QDialogButtonBox.RestoreDefaults)
        reset.clicked.connect(self._defaults)
        row.addWidget(reset)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        lay.addLayout(row)

    @staticmethod
    def _dspin(lo, hi, step, value) -> QDoubleSpinBox:
        w = QDoubleSpinBox()
        w.setRange(lo, hi)
        w.setSingleStep(step)
        w.setDecimals(2)
        w.setValue(float(value))
        return w

    @staticmethod
    def _ispin(lo, hi, value) -> QSpinBox:
        w = QSpinBox()
        w.setRange(lo, hi)
        w.setValue(int(value))
        return w

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        for i in range(combo.count()):
            if combo.itemData(i) == value:
                combo.setCurrentIndex(i)
                return

    def _apply_preset(self, name: str) -> None:
        if name in PRESETS:
            self.system.setPlainText(PRESETS[name])

    def _defaults(self) -> None:
        self.system.setPlainText(str(DEFAULTS["system_prompt"]))
        self.temperature.setValue(float(DEFAULTS["temperature"]))
        self.top_p.setValue(float(DEFAULTS["top_p"]))
        self.top_k.setValue(int(DEFAULTS["top_k"]))
        self.min_p.setValue(float(DEFAULTS["min_p"]))
        self.repeat.setValue(float(DEFAULTS["repeat_penalty"]))
        self.max_tokens.setValue(int(DEFAULTS["max_tokens"]))
        for combo in (self.ctx, self.gpu, self.kv, self.fa):
            combo.setCurrentIndex(0)

    def values(self) -> dict:
        return {
            "system_prompt": self.system.toPlainText().strip(),
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
            "api_port": self.api_port.value() if self.api_on.isChecked() else None,
            "engine_keep_running": self.keep_running.isChecked(),
        }

    def accept(self) -> None:
        new = self.values()
        if new.get("kv_type") in ("q8_0", "q4_0") and new.get("flash_attn") == "off":
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.warning(self, "Settings", "A quantized KV cache needs flash attention: "
                                "set flash attention to Auto or On.")
            return
        self.reload_needed = any(new[k] != self.settings.get(k) for k in RELOAD_KEYS)
        if self.only_chat.isVisible() and self.only_chat.isChecked():
            self.chat_overrides = {k: new[k] for k in self.CHAT_KEYS}
            new = {k: v for k, v in new.items() if k not in self.CHAT_KEYS}
        elif self.only_chat.isVisible():
            self.chat_overrides = {}   # back to the global settings for this chat
        for k, v in new.items():
            self.settings.set(k, v)
        super().accept()


class _Effective:
    """Settings as seen by one chat: its overrides over the global values."""

    def __init__(self, settings, overrides: dict):
        self.settings, self.overrides = settings, overrides

    def get(self, key):
        return self.overrides.get(key, self.settings.get(key))
