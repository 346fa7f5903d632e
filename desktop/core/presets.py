"""Presets: a system prompt with sampling settings, under a name. Qt-free.

The built-in presets (settings.PRESETS: a system prompt each) are always there and cannot be
renamed or deleted; the user's own (system prompt and sampling) are kept in presets.json in the
data folder, and can be exported to a JSON file and imported from one:

    {"format": "ember-presets", "version": 1,
     "presets": [{"name": "Terse reviewer",
                  "values": {"system_prompt": "...", "temperature": 0.2}}]}

`match(values)` names the preset whose values are the given ones (the settings dialog shows it
instead of "Custom").
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import EmberError
from .settings import PRESETS, check, read_user_json
from .texts import tr

SAMPLING_KEYS = ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "max_tokens")
PRESET_KEYS = ("system_prompt",) + SAMPLING_KEYS
EXPORT_FORMAT = "ember-presets"
EXPORT_VERSION = 1
MAX_NAME = 80


class PresetError(EmberError):
    """A preset name or file that cannot be used: the message says why."""


@dataclass
class Preset:
    name: str
    values: dict = field(default_factory=dict)
    builtin: bool = False


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) < 1e-6
    return (a or "").strip() == (b or "").strip() if isinstance(a, str) and isinstance(b, str) \
        else a == b


def clean_values(values: dict, *, source: str = "The preset") -> dict:
    """The preset keys of `values`, each checked (PresetError for a bad one)."""
    out = {}
    for k in PRESET_KEYS:
        if k not in values:
            continue
        why = check(k, values[k])
        if why:
            raise PresetError(tr("{source} has a value that is not valid: {why}.").format(
                                  source=source, why=why))
        out[k] = values[k]
    if not out:
        raise PresetError(tr("{source} holds no system prompt and no sampling settings.").format(
                              source=source))
    return out


class Presets:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.data_dir() / "presets.json"
        self.user: dict[str, dict] = {}
        self.error: str | None = None
        failed = read_user_json(self.path, self._take, (OSError, ValueError, PresetError))
        if failed:  # kept aside; the built-ins stay
            self.error = (tr("Your presets file could not be read ({e}); it was kept as "
                             "presets.json.bad.").format(e=failed))

    def _take(self, data) -> None:
        self.user = {p.name: p.values for p in _read_export(data, str(self.path))}

    # ------------------------------------------------------------------------ reading
    def all(self) -> list[Preset]:
        """The built-in presets first, then the user's (in the order they were made)."""
        return ([Preset(n, {"system_prompt": t}, True) for n, t in PRESETS.items()]
                + [Preset(n, dict(v)) for n, v in self.user.items()])

    def names(self) -> list[str]:
        return [p.name for p in self.all()]

    def get(self, name: str) -> Preset:
        for p in self.all():
            if p.name == name:
                return p
        raise PresetError(tr("There is no preset called {name!r}.").format(name=name))

    def is_builtin(self, name: str) -> bool:
        return name in PRESETS

    def match(self, values: dict) -> str | None:
        """The preset whose every value is the one in `values` (a user's first: it says more),
        None when none is ("Custom")."""
        for name, v in self.user.items():
            if all(_same(v[k], values.get(k)) for k in v):
                return name
        for name, text in PRESETS.items():
            if _same(text, values.get("system_prompt") or ""):
                return name
        return None

    # ------------------------------------------------------------------------ changing
    def _check_name(self, name: str, *, replacing: str | None = None) -> str:
        name = " ".join((name or "").split())
        if not name:
            raise PresetError(tr("A preset needs a name."))
        if len(name) > MAX_NAME:
            raise PresetError(tr("A preset name has at most {MAX_NAME} characters.").format(
                                  MAX_NAME=MAX_NAME))
        if name in PRESETS:
            raise PresetError(tr("{name!r} is a built-in preset: choose another name.").format(
                                  name=name))
        if name.lower() == "custom":
            raise PresetError(tr("'Custom' names the settings that match no preset: choose "
                                 "another name."))
        if replacing is not None and name != replacing and name in self.user:
            raise PresetError(tr("There is already a preset called {name!r}.").format(name=name))
        return name

    def save(self, name: str, values: dict) -> str:
        """Keep (or replace) the user's preset `name` with `values`' system prompt and sampling.
        Returns the name as kept (spaces tidied)."""
        name = self._check_name(name)
        self.user[name] = clean_values(values)
        self._write()
        return name

    def rename(self, old: str, new: str) -> str:
        if old in PRESETS:
            raise PresetError(tr("{old!r} is a built-in preset: it cannot be renamed.").format(
                                  old=old))
        if old not in self.user:
            raise PresetError(tr("There is no preset called {old!r}.").format(old=old))
        new = self._check_name(new, replacing=old)
        self.user = {(new if k == old else k): v for k, v in self.user.items()}
        self._write()
        return new

    def delete(self, name: str) -> None:
        if name in PRESETS:
            raise PresetError(tr("{name!r} is a built-in preset: it cannot be deleted.").format(
                                  name=name))
        if self.user.pop(name, None) is None:
            raise PresetError(tr("There is no preset called {name!r}.").format(name=name))
        self._write()

    # ------------------------------------------------------------------ export / import
    def export_text(self, names: list[str] | None = None) -> str:
        """The user's presets (or those named, built-ins included) as an export file's text."""
        chosen = [self.get(n) for n in names] if names is not None else \
            [p for p in self.all() if not p.builtin]
        return json.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
                           "presets": [{"name": p.name, "values": p.values} for p in chosen]},
                          ensure_ascii=False, indent=1) + "\n"

    def export_file(self, path: str | Path, names: list[str] | None = None) -> int:
        """Write the presets to `path`; returns how many."""
        text = self.export_text(names)
        path = Path(path)
        try:
            tmp = path.with_name(path.name + ".part")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        except OSError as e:
            raise PresetError(tr("Could not write {path}: {reason}.").format(
                                  path=path, reason=e.strerror or e)) from None
        return len(json.loads(text)["presets"])

    def import_file(self, path: str | Path) -> list[str]:
        """Add the presets of an export file, all or none; a name already taken gets a number
        ("Reviewer (2)"); a preset identical to one here is skipped. Returns the names added."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PresetError(tr("There is no file {path}.").format(path=path)) from None
        except (OSError, UnicodeDecodeError) as e:
            raise PresetError(tr("Could not read {path}: {reason}.").format(
                                  path=path,
                                  reason=getattr(e, 'strerror', None) or e)) \
                from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise PresetError(tr("{name} is not JSON ({msg} at line {lineno}); Ember "
                                 "imports the presets files it exports.").format(
                                  name=path.name, msg=e.msg, lineno=e.lineno)) from None
        incoming = _read_export(data, path.name)
        added = []
        for p in incoming:
            if any(all(_same(v.get(k), p.values.get(k)) for k in PRESET_KEYS)
                   and set(v) == set(p.values) for v in self.user.values()):
                continue
            base = " ".join(p.name.split())[:MAX_NAME - 5]
            name, n = base, 2
            while name in self.user or name in PRESETS or name.lower() == "custom":
                name, n = f"{base} ({n})", n + 1
            self.user[name] = p.values
            added.append(name)
        if added:
            self._write()
        return added

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".json.tmp")
        tmp.write_text(self.export_text(), encoding="utf-8")
        os.replace(tmp, self.path)


def _read_export(data, source: str) -> list[Preset]:
    """The presets of an export's data, each checked (PresetError names the first bad one)."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT \
            or not isinstance(data.get("presets"), list):
        raise PresetError(tr("{source} is not an Ember presets file (a JSON object with "
                             "\"format\": \"{EXPORT_FORMAT}\" and a list of \"presets\").").format(
                              source=source, EXPORT_FORMAT=EXPORT_FORMAT))
    out = []
    for i, p in enumerate(data["presets"], 1):
        if not isinstance(p, dict) or not isinstance(p.get("name"), str) \
                or not p["name"].strip() or not isinstance(p.get("values"), dict):
            raise PresetError(tr("Preset {i} in {source} needs a name and values.").format(
                                  i=i, source=source))
        out.append(Preset(p["name"].strip(),
                          clean_values(p["values"], source=f"The preset {p['name'].strip()!r}")))
    return out
