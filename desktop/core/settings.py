"""User settings: data with defaults in one place, saved as JSON in the data folder.

Per-conversation overrides are the same keys stored with a conversation; `effective()` merges."""
from __future__ import annotations

import json
import os
from pathlib import Path

from . import paths
from .texts import tr

DEFAULTS: dict[str, object] = {
    "system_prompt": "You are Ember, a helpful, precise coding assistant. Answer with working code "
                     "and short explanations.",
    "temperature": 0.7,
    "top_p": 0.95,
    "top_k": 40,
    "min_p": 0.05,
    "repeat_penalty": 1.0,
    "max_tokens": 2048,
    # no end before this many tokens (the API's `min_tokens`): 0 = the model ends when it will
    "min_tokens": 0,
    "n_ctx": None,          # None: the planner's choice
    "gpu_layers": None,     # None: auto (the planner); a number: manual
    "kv_type": None,        # None: auto (f16, q8_0 when f16 does not fit)
    "flash_attn": None,     # None: auto
    "json_mode": False,
    "theme": "system",      # light | dark | system
    "language": "system",   # system (the locale's) | en | zh_CN | ja: the window's language
    "code_line_numbers": False,  # line numbers in the window's code blocks (View menu)
    "sidebar_visible": True,     # the window's chat list (View > Sidebar, Ctrl+B), kept across runs
    "default_model": None,  # a catalog id, "embedded", or a file path
    "first_run_done": False,
    # the engine process: keep it serving (for editors) after the window closes; a TCP port
    # on 127.0.0.1 for editors and scripts (None: the private channel only)
    "engine_keep_running": False,
    "api_port": None,
    # per-model defaults: {model key: {MODEL_KEYS...}}, between the global values and a
    # conversation's own (the key: a catalog id, "embedded", or a file path)
    "model_defaults": {},
}

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

# what each setting may hold: checked when settings.json is read (a bad value is dropped, said
# once, and the default used) and when a value is set
_NUM = (int, float)
RULES: dict[str, tuple] = {
    # key: (types, minimum, maximum, allowed values)
    "system_prompt": ((str, type(None)), None, None, None),
    "temperature": (_NUM, 0.0, 2.0, None),
    "top_p": (_NUM, 0.0, 1.0, None),
    "top_k": ((int,), 0, None, None),
    "min_p": (_NUM, 0.0, 1.0, None),
    "repeat_penalty": (_NUM, 0.0, 10.0, None),
    "max_tokens": ((int,), -1, 1 << 20, None),
    "min_tokens": ((int,), 0, 1 << 20, None),
    "n_ctx": ((int, type(None)), 0, 1 << 20, None),
    "gpu_layers": ((int, type(None)), -1, 10_000, None),
    "kv_type": ((str, type(None)), None, None, (None, "f16", "q8_0", "q4_0")),
    "flash_attn": ((str, type(None)), None, None, (None, "auto", "on", "off")),
    "json_mode": ((bool,), None, None, None),
    "theme": ((str,), None, None, ("light", "dark", "system")),
    "language": ((str,), None, None, ("system", "en", "zh_CN", "ja")),
    "code_line_numbers": ((bool,), None, None, None),
    "sidebar_visible": ((bool,), None, None, None),
    "default_model": ((str, type(None)), None, None, None),
    "first_run_done": ((bool,), None, None, None),
    "engine_keep_running": ((bool,), None, None, None),
    "api_port": ((int, type(None)), 1, 65535, None),
    "model_defaults": ((dict,), None, None, None),
}
assert set(RULES) == set(DEFAULTS)


def check(key: str, value) -> str | None:
    """Why `value` is not valid for `key` (None: it is)."""
    types, lo, hi, allowed = RULES[key]
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
RELOAD_KEYS = ("n_ctx", "gpu_layers", "kv_type", "flash_attn")


class Settings:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.data_dir() / "settings.json"
        self.values: dict[str, object] = {}
        self.error: str | None = None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
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
                    self.error = (tr("Some settings were not valid and their defaults are "
                                     "used: ")
                                  + "; ".join(bad) + ".")
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as e:  # keep the bad file aside, use defaults
            self.error = tr("Your settings file could not be read ({e}); defaults are used.").format(
                             e=e)
            try:
                os.replace(self.path, self.path.with_suffix(".json.bad"))
            except OSError:
                pass

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
