"""User settings: data with defaults in one place, saved as JSON in the data folder.

Per-conversation overrides are the same keys stored with a conversation; `effective()` merges."""
from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import paths
from .texts import QT_TRANSLATE_NOOP, tr


@dataclass(frozen=True)
class Setting:
    """One setting: its default, what it may hold (checked when settings.json is read, a bad
    value dropped, said once and the default used; and when a value is set), and what the
    settings dialog and `ember chat` show for it."""
    default: object
    types: tuple
    lo: float | None = None          # the smallest value (numbers)
    hi: float | None = None          # the largest
    allowed: tuple | None = None     # the only values (None: any of `types`)
    label: str | None = None         # its name in the dialog (translated there) and the CLI
    reload: bool = False             # a change reloads the model
    step: float | None = None        # the dialog's spin-box step
    dialog_range: tuple | None = None  # the dialog's (lo, hi) where a spin box needs ends


_NUM = (int, float)
_STR = (str, type(None))
_BOOL = (bool,)
TABLE: dict[str, Setting] = {
    "system_prompt": Setting(
        "You are Ember, a helpful, precise coding assistant. Answer with working code and short "
        "explanations.", _STR, label=QT_TRANSLATE_NOOP("", "System prompt")),
    "temperature": Setting(0.7, _NUM, 0.0, 2.0, label=QT_TRANSLATE_NOOP("", "Temperature"),
                           step=0.05),
    "top_p": Setting(0.95, _NUM, 0.0, 1.0, label=QT_TRANSLATE_NOOP("", "Top-p"), step=0.01),
    "top_k": Setting(40, (int,), 0, None, label=QT_TRANSLATE_NOOP("", "Top-k"),
                     dialog_range=(0, 1000)),
    "min_p": Setting(0.05, _NUM, 0.0, 1.0, label=QT_TRANSLATE_NOOP("", "Min-p"), step=0.01),
    "repeat_penalty": Setting(1.0, _NUM, 0.0, 10.0, label=QT_TRANSLATE_NOOP("", "Repeat penalty"),
                              step=0.01, dialog_range=(0.5, 2.0)),
    # -1: no limit (the dialog's spin box keeps to answers of 16 tokens or more)
    "max_tokens": Setting(2048, (int,), -1, 1 << 20, label=QT_TRANSLATE_NOOP("", "Max tokens"),
                          dialog_range=(16, 131072)),
    # no end before this many tokens (the API's `min_tokens`): 0 = the model ends when it will
    "min_tokens": Setting(0, (int,), 0, 1 << 20),
    "n_ctx": Setting(None, (int, type(None)), 0, 1 << 20,      # None: the planner's choice
                     label=QT_TRANSLATE_NOOP("", "Context size"), reload=True),
    "gpu_layers": Setting(None, (int, type(None)), -1, 10_000,  # None: auto; a number: manual
                          label=QT_TRANSLATE_NOOP("", "GPU layers"), reload=True),
    "kv_type": Setting(None, _STR, allowed=(None, "f16", "q8_0", "q4_0"),  # None: auto
                       label=QT_TRANSLATE_NOOP("", "KV cache"), reload=True),
    "flash_attn": Setting(None, _STR, allowed=(None, "auto", "on", "off"),  # None: auto
                          label=QT_TRANSLATE_NOOP("", "Flash attention"), reload=True),
    "json_mode": Setting(False, _BOOL),
    "theme": Setting("system", (str,), allowed=("light", "dark", "system"),
                     label=QT_TRANSLATE_NOOP("", "Theme")),
    # system (the locale's) | en | zh_CN | ja: the window's language
    "language": Setting("system", (str,), allowed=("system", "en", "zh_CN", "ja"),
                        label=QT_TRANSLATE_NOOP("", "Language")),
    "code_line_numbers": Setting(False, _BOOL),   # line numbers in code blocks (View menu)
    "sidebar_visible": Setting(True, _BOOL),      # the chat list (View > Sidebar), across runs
    "default_model": Setting(None, _STR),         # a catalog id, "embedded", or a file path
    "first_run_done": Setting(False, _BOOL),
    # the engine process: keep it serving (for editors) after the window closes; a TCP port
    # on 127.0.0.1 for editors and scripts (None: the private channel only)
    "engine_keep_running": Setting(False, _BOOL),
    "api_port": Setting(None, (int, type(None)), 1, 65535, label=QT_TRANSLATE_NOOP("", "Port"),
                        dialog_range=(1024, 65535)),   # the dialog offers unprivileged ports
    # per-model defaults: {model key: {MODEL_KEYS...}}, between the global values and a
    # conversation's own (the key: a catalog id, "embedded", or a file path)
    "model_defaults": Setting({}, (dict,)),
    # the CPU's decode speed measured on this machine, as model bytes read a second (each
    # token reads the weights once): the Models dialog's tokens/s estimates (plan.decode_speed)
    "cpu_bytes_per_s": Setting(None, (int, float, type(None)), 0, None),
}
DEFAULTS: dict[str, Any] = {k: s.default for k, s in TABLE.items()}

# what a model's defaults may set
MODEL_KEYS = ("system_prompt", "temperature", "top_p", "max_tokens", "n_ctx")

# system-prompt presets (the comparison articles' roles among them)
PRESETS: dict[str, str] = {
    "Ember (default)": DEFAULTS["system_prompt"],
    "Senior Python backend engineer (code only)":
        "You are a senior Python backend engineer who answers with code only.",
    "Code reviewer": "You are a meticulous code reviewer. Point out bugs, risks and simpler "
                     "alternatives, citing the lines concerned.",
    "JSON API designer": "You design JSON APIs. Reply with a single valid JSON document and "
                         "nothing else.",
    "Explainer": "You explain code to a junior developer: short steps, plain words, one example.",
    "Translator (code comments)": "You translate code comments and docs between English, Chinese "
                                  "and Japanese, keeping code unchanged.",
}

def check(key: str, value) -> str | None:
    """Why `value` is not valid for `key` (None: it is)."""
    rule = TABLE[key]
    types, lo, hi, allowed = rule.types, rule.lo, rule.hi, rule.allowed
    if isinstance(value, bool) and bool not in types:
        return tr("{key} must be a number, not {value!r}").format(key=key, value=value)
    if not isinstance(value, types):
        return tr("{key} has the wrong type ({name__})").format(
                   key=key, name__=type(value).__name__)
    if allowed is not None and value not in allowed:
        return tr("{key} must be one of {text}").format(
                   key=key, text=', '.join((str(a) for a in allowed if a)))
    if value is not None and not isinstance(value, (str, bool)):
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return tr("{key} must be between {lo} and {hi}").format(key=key, lo=lo, hi=hi)
    if key == "max_tokens" and value == 0:
        return tr("max_tokens must be -1 (no limit) or at least 1")
    if key == "model_defaults":
        for model, d in value.items():
            if not isinstance(model, str) or not isinstance(d, dict):
                return tr("model_defaults must map a model to its settings")
            for k, v in d.items():
                if k not in MODEL_KEYS:
                    return tr("a model's defaults cannot set {k}").format(k=k)
                why = check(k, v)
                if why:
                    return tr("the defaults of {model}: {why}").format(model=model, why=why)
    return None


# keys that need a model reload when changed
RELOAD_KEYS = tuple(k for k, s in TABLE.items() if s.reload)


def cli_help(key: str, what: str = "") -> str:
    """`ember chat`'s help for a setting's option: what it is, its range, its default."""
    s = TABLE[key]
    parts = [what or (s.label or key).lower()]
    if s.lo is not None:
        parts.append(f"{s.lo} to {s.hi}" if s.hi is not None else f"at least {s.lo}")
    parts.append(f"default {s.default}")
    return ", ".join(parts)


def read_user_json(path: Path, take: Callable[[object], None],
                   errors: tuple[type[Exception], ...] = (OSError, ValueError)) -> str | None:
    """Read one of the user's JSON files (settings.json, presets.json) into `take`. A missing
    file is no error; one that cannot be read or taken (`errors`) is kept aside as
    NAME.json.bad, never overwritten, and why is returned."""
    try:
        take(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except errors as e:
        with contextlib.suppress(OSError):
            os.replace(path, path.with_suffix(".json.bad"))
        return str(e)
    return None


class Settings:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.data_dir() / "settings.json"
        self.values: dict[str, object] = {}
        self.error: str | None = None
        failed = read_user_json(self.path, self._take)
        if failed:
            self.error = tr("Your settings file could not be read ({e}); defaults are used.").format(
                             e=failed)

    def _take(self, data) -> None:
        if not isinstance(data, dict):
            return
        bad = []
        for k, v in data.items():
            if k not in DEFAULTS:
                continue
            why = check(k, v)
            if why:
                bad.append(why)
            else:
                self.values[k] = v
        if bad:
            self.error = (tr("Some settings were not valid and their defaults are used: ")
                          + "; ".join(bad) + ".")

    def get(self, key: str):
        return self.values.get(key, DEFAULTS[key])

    def set(self, key: str, value) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        why = check(key, value)
        if why:
            raise ValueError(why)
        if value == DEFAULTS[key]:
            self.values.pop(key, None)
        else:
            self.values[key] = value

    def model_defaults(self, model: str | None) -> dict:
        """The defaults of one model (empty: it has none)."""
        if not model:
            return {}
        return dict(self.get("model_defaults").get(model) or {})

    def set_model_defaults(self, model: str, values: dict) -> None:
        """Give `model` its own defaults (MODEL_KEYS; empty: it has none any more)."""
        all_ = {k: dict(v) for k, v in self.get("model_defaults").items()}
        if values:
            all_[model] = dict(values)
        else:
            all_.pop(model, None)
        self.set("model_defaults", all_)

    def effective(self, overrides: dict | None, model: str | None = None) -> dict:
        """The global values, then `model`'s own defaults, then a conversation's overrides."""
        merged = {k: self.get(k) for k in DEFAULTS}
        for layer in (self.model_defaults(model), overrides or {}):
            for k, v in layer.items():
                if k in DEFAULTS and k != "model_defaults" and check(k, v) is None:
                    merged[k] = v
        return merged

    def save(self) -> None:
        tmp = self.path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.values, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)
