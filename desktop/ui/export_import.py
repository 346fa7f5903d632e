"""Export and import of chats in the window: the same files as the terminal's `ember export`
and `ember import` (the store's export_markdown / export_json / import_text, core/store).

Markdown is the readable visible thread; JSON holds everything (every branch and version, tool
steps, attachments). Import reads both: from Markdown, the visible thread comes back. Reading, writing and importing run on a thread of
their own; the result comes back by a signal to the main thread, which says it (status bar; a
message box for an error). An import is all or nothing: a bad file changes nothing.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.errors import EmberError
from .i18n import tr


def md_filter() -> str:
    return tr("Markdown (*.md)")


def json_filter() -> str:
    return tr("JSON, everything, for import (*.json)")


def _safe_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title).strip()
    return "-".join(keep.split())[:60] or "chat"


class ChatTransfer(QObject):
    """The window's export / import. `done(ok, message)` says how each one ended (on the main
    thread); `busy` is True while one runs."""

    done = Signal(bool, str)
    _finished = Signal(bool, str, bool)   # from the thread: ok, message, refresh the list

    def __init__(self, window, convs):
        super().__init__(window)
        self.window, self.convs = window, convs
        self.busy = False
        self.last_message = ""
        self.last_ok = True
        self._box = None
        self._finished.connect(self._on_finished)

    # --------------------------------------------------------------------- export
    def export(self, ids: list[int] | None, path: str | None = None,
               fmt: str | None = None) -> bool:
        """Export the chats `ids` (None: all) to `path` as "md" or "json" (asked with a file
        dialog when not given; the format then follows the chosen filter or the suffix).
        Returns False when nothing was started (cancelled, busy, nothing to export)."""
        if self.busy:
            return False
        if ids is None and not self.convs.list():
            self._report(False, tr("There are no chats to export yet."))
            return False
        if path is None:
            if ids is not None and len(ids) == 1:
                name = _safe_name(self.convs.title(ids[0]) or "chat")
            else:
                name = "ember-chats"
            path, chosen = QFileDialog.getSaveFileName(
                self.window, tr("Export chats") if ids is None else tr("Export chat"),
                str(Path.home() / f"{name}.md"), f"{md_filter()};;{json_filter()}")
            if not path:
                return False
            # the file's suffix decides; without one, the filter chosen
            by_filter = "json" if chosen == json_filter() else "md"
        else:
            by_filter = "md"
        target = Path(path)
        if fmt is None:
            fmt = {".json": "json", ".md": "md", ".markdown": "md"}.get(target.suffix.lower(),
                                                                         by_filter)
        if fmt not in ("md", "json"):
            raise ValueError(fmt)
        if not target.suffix:
            target = target.with_suffix(f".{fmt}")
        self._run(self._export_job, list(ids) if ids is not None else None, target, fmt)
        return True

    def _export_job(self, ids, target: Path, fmt: str) -> tuple[bool, str, bool]:
        store = self.convs.s
        text = store.export_json(ids) if fmt == "json" else store.export_markdown(ids)
        tmp = target.with_name(target.name + ".part")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
        except OSError as e:
            try:
                tmp.unlink()
            except OSError:
                pass
            return False, tr("The chats were not exported: {target} could not be written "
                             "({why}).").format(target=target, why=e.strerror or e), False
        n = len(ids) if ids is not None else len(self.convs.list())
        if n == 1:
            return True, tr("Exported 1 chat to {target}.").format(target=target), False
        return True, tr("Exported {n} chats to {target}.").format(n=n, target=target), False

    # --------------------------------------------------------------------- import
    def import_file(self, path: str | None = None) -> bool:
        """Add the chats of an export, JSON or Markdown (asked with a file dialog when not
        given)."""
        if self.busy:
            return False
        if path is None:
            path, _f = QFileDialog.getOpenFileName(
                self.window, tr("Import chats"), str(Path.home()),
                tr("Ember chats, JSON or Markdown (*.json *.md *.markdown);;All files (*)"))
            if not path:
                return False
        self._run(self._import_job, Path(path))
        return True

    def _import_job(self, path: Path) -> tuple[bool, str, bool]:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return False, tr("Nothing was imported: there is no file {path}.").format(
                path=path), False
        except (OSError, UnicodeDecodeError) as e:
            why = getattr(e, "strerror", None) or str(e)
            return False, tr("Nothing was imported: {path} could not be read ({why}).").format(
                path=path, why=why), False
        try:
            result = self.convs.s.import_text(text, path.name)
        except EmberError as e:
            return False, tr("Nothing was imported from {name}: {why}").format(
                name=path.name, why=e), False
        n, k = len(result.imported), len(result.skipped)
        if n and k:
            msg = tr("Imported {n} chat(s) from {name}; {k} were already here and were "
                     "skipped.")
        elif n:
            msg = tr("Imported {n} chat(s) from {name}.")
        elif k:
            msg = tr("All {k} chat(s) in {name} are already here: nothing was imported.")
        else:
            msg = tr("{name} holds no chats: nothing was imported.")
        return True, msg.format(n=n, k=k, name=path.name), bool(n)

    # ---------------------------------------------------------------------- common
    def _run(self, job, *args) -> None:
        self.busy = True

        def work():
            try:
                ok, msg, refresh = job(*args)
            except Exception as e:  # noqa: BLE001 - said in the window, never a silent thread
                ok, msg, refresh = False, tr("Ember could not finish this: {why}").format(
                    why=e), False
            self._finished.emit(ok, msg, refresh)

        threading.Thread(target=work, name="ember-export-import", daemon=True).start()

    @Slot(bool, str, bool)
    def _on_finished(self, ok: bool, msg: str, refresh: bool) -> None:
        self.busy = False
        if refresh and not getattr(self.window, "_closed", False):
            self.window.refresh_conversations()
        self._report(ok, msg)

    def _report(self, ok: bool, msg: str) -> None:
        self.last_ok, self.last_message = ok, msg
        if getattr(self.window, "_closed", False):
            return
        self.window.statusBar().showMessage(msg, 10000)
        if not ok:   # a message box that does not block the window
            box = QMessageBox(QMessageBox.Warning, tr("Export and import"), msg,
                              QMessageBox.Ok, self.window)
            box.setAccessibleName(tr("Export and import problem"))
            box.open()
            self._box = box
        self.done.emit(ok, msg)
