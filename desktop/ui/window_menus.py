"""The window's room for its menus (issue 26): every shortcut of shortcuts.SHORTCUTS as a window
action (they work wherever the focus is), the File, Chat, View and Help menus that list them,
the theme (light, dark or the system's, switching live), code line numbers, the sidebar, and
the dialogs the window opens (models, bench, settings, the cheat sheet)."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot

from .i18n import tr


class WindowMenus(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.w = win
        self.actions_by_id: dict = {}
        self.theme_actions: dict = {}
        self.cheat_sheet = None
        self._line_numbers = False

    def handlers(self) -> dict:
        """What each shortcut of shortcuts.SHORTCUTS does (the window's bound ones)."""
        w = self.w
        a, c = w.answers, w.conversations
        return {"send_anywhere": a.send, "stop": a.stop,
                "regenerate": a.regenerate_last, "copy_last": a.copy_last_answer,
                "focus_composer": w.composer.setFocus, "attach": w.attachments.pick_files,
                "new_chat": c.new_chat, "search": self.focus_search,
                "prev_chat": lambda: c.step(-1), "next_chat": lambda: c.step(1),
                "models": self.open_model_manager, "pick_model": w.models.pick,
                "settings": self.open_settings, "toggle_sidebar": self.toggle_sidebar,
                "toggle_theme": self.toggle_theme,
                "line_numbers": lambda: self.set_line_numbers(not w.chat.line_numbers),
                "cheat_sheet": self.show_cheat_sheet, "quit": w.close,
                "export_chat": self.export_current_chat,
                "delete_chat": self.delete_current_chat,
                "export_all": lambda: w.transfer.export(None),
                "import_chats": lambda: w.transfer.import_file(),
                "schema": w.tools.open_schema_editor,
                "downloads": lambda: w.downloads_button.toggle_panel()}

    def setup(self) -> None:
        """The actions, then the menus (File first in the bar)."""
        from PySide6.QtGui import QAction

        from . import shortcuts
        w = self.w
        file_menu = w.menuBar().addMenu(tr("&File"))
        handlers = self.handlers()
        for sc in shortcuts.SHORTCUTS:
            if not sc.window:
                continue
            act = QAction(tr(sc.label), w)
            act.setShortcuts(shortcuts.sequences(sc.id))
            act.setShortcutContext(Qt.WindowShortcut)
            handler = handlers[sc.id]
            act.triggered.connect(lambda _=False, h=handler: h())
            w.addAction(act)
            self.actions_by_id[sc.id] = act
        A = self.actions_by_id
        A["line_numbers"].setCheckable(True)
        A["line_numbers"].setChecked(w.chat.line_numbers)
        A["toggle_sidebar"].setCheckable(True)
        A["toggle_sidebar"].setChecked(True)
        try:   # hidden in an earlier run: hidden again ("sidebar_visible" in core/settings)
            if not w.settings.get("sidebar_visible"):
                w.sidebar.setVisible(False)
                A["toggle_sidebar"].setChecked(False)
        except KeyError:
            pass
        self._fill(file_menu, ("export_chat", "export_all", "import_chats", None, "schema", None,
                               "quit"))
        self._fill(w.menuBar().addMenu(tr("&Chat")),
                   ("new_chat", "search", "prev_chat", "next_chat", "delete_chat", None,
                    "send_anywhere",
                    "stop", "regenerate", "copy_last", "attach", "focus_composer"))
        view = w.menuBar().addMenu(tr("&View"))
        self._theme_menu(view.addMenu(tr("Theme")))
        view.addAction(A["toggle_theme"])
        view.addSeparator()
        self._fill(view, ("toggle_sidebar", "line_numbers", None, "pick_model", "models",
                          "downloads", "settings"))
        w.menuBar().addMenu(tr("&Help")).addAction(A["cheat_sheet"])
        from PySide6.QtWidgets import QApplication
        try:   # "Follow the system": a change of the desktop's scheme switches live
            QApplication.instance().styleHints().colorSchemeChanged.connect(self.on_system_scheme)
        except AttributeError:
            pass

    def _fill(self, menu, ids) -> None:
        for k in ids:
            menu.addSeparator() if k is None else menu.addAction(self.actions_by_id[k])

    def _theme_menu(self, menu) -> None:
        from PySide6.QtGui import QActionGroup
        group = QActionGroup(self.w)
        for key, label in (("system", tr("Follow the system")), ("light", tr("Light")),
                           ("dark", tr("Dark"))):
            act = menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(str(self.w.settings.get("theme")) == key)
            act.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            group.addAction(act)
            self.theme_actions[key] = act

    def show_cheat_sheet(self):
        from .shortcuts import CheatSheet
        dlg = CheatSheet(self.w)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        self.cheat_sheet = dlg
        return dlg

    def focus_search(self) -> None:
        self.w.search.setFocus()
        self.w.search.selectAll()

    # ------------------------------------------------------------------------ theme
    def set_theme(self, choice: str) -> str:
        """Light, dark or the system's, applied now and kept in the settings."""
        w = self.w
        if str(w.settings.get("theme")) != choice:
            w.settings.set("theme", choice)
            try:
                w.settings.save()
            except OSError as e:
                w.statusBar().showMessage(tr('The theme was not saved: {e}').format(e=e), 8000)
        self.apply_theme_setting(choice)
        return w.theme

    def apply_theme_setting(self, choice: str) -> None:
        from PySide6.QtWidgets import QApplication

        from . import theme as theme_mod
        if choice in self.theme_actions:
            self.theme_actions[choice].setChecked(True)
        self._apply_theme(theme_mod.apply(QApplication.instance(), choice))

    def _apply_theme(self, theme: str) -> None:
        w = self.w
        if theme != w.theme:   # code colours and the messages' tints follow the theme
            w.theme = w.chat.theme = theme
            if w.chat.streaming is None:
                w.conversations.render()

    def toggle_theme(self) -> None:
        self.set_theme("light" if self.w.theme == "dark" else "dark")

    @Slot()
    def on_system_scheme(self, *_args) -> None:
        if str(self.w.settings.get("theme")) == "system":
            from PySide6.QtWidgets import QApplication

            from . import theme as theme_mod
            self._apply_theme(theme_mod.apply(QApplication.instance(), "system"))

    # --------------------------------------------------------- line numbers, sidebar
    def line_numbers_setting(self) -> bool:
        try:   # "code_line_numbers" in core/settings.DEFAULTS (False) keeps it across runs
            return bool(self.w.settings.get("code_line_numbers"))
        except KeyError:
            return self._line_numbers

    def set_line_numbers(self, on: bool) -> None:
        w = self.w
        self._line_numbers = on
        try:
            w.settings.set("code_line_numbers", bool(on))
            w.settings.save()
        except (KeyError, ValueError, OSError):
            pass   # kept for this session
        w.chat.set_line_numbers(on)
        act = self.actions_by_id.get("line_numbers")
        if act is not None and act.isChecked() != on:
            act.setChecked(on)

    def toggle_sidebar(self) -> None:
        w = self.w
        w.sidebar.setVisible(not w.sidebar.isVisible())
        self.actions_by_id["toggle_sidebar"].setChecked(w.sidebar.isVisible())
        if not w.sidebar.isVisible() and w.sidebar.isAncestorOf(w.focusWidget()):
            w.composer.setFocus()
        try:
            w.settings.set("sidebar_visible", not w.sidebar.isHidden())
            w.settings.save()
        except (KeyError, ValueError, OSError):
            pass   # kept for this session

    # --------------------------------------------------------------------- dialogs
    def open_model_manager(self) -> None:
        from .model_manager import ModelManager
        w = self.w
        dlg = ModelManager(w, w.settings, center=w.downloads)
        dlg.models_changed.connect(w.models.refresh)
        dlg.exec()
        w.models.refresh()

    def import_gguf(self) -> None:
        """Import a GGUF file… from the first-minute notice: Models… with its file picker."""
        from PySide6.QtCore import QTimer

        from .model_manager import ModelManager
        w = self.w
        dlg = ModelManager(w, w.settings, center=w.downloads)
        dlg.models_changed.connect(w.models.refresh)
        QTimer.singleShot(0, lambda: dlg.import_file())
        dlg.exec()
        w.models.refresh()

    def open_bench(self) -> None:
        from .bench_page import BenchDialog
        BenchDialog(self.w).exec()

    def open_settings(self) -> None:
        from .settings import SettingsDialog
        w = self.w
        cid = w.conv_id
        ref = w.model_combo.currentData()
        dlg = SettingsDialog(w, w.settings,
                             w.convs.get_overrides(cid) if cid is not None else None,
                             w.convs.title(cid) if cid is not None else None,
                             model_key=w.session.model_key,
                             model_title=ref.title if ref is not None else None)
        if not dlg.exec():
            return
        w.settings.save()
        self.apply_theme_setting(str(w.settings.get("theme")))
        if cid is not None and dlg.chat_overrides is not None:
            w.convs.set_overrides(cid, dlg.chat_overrides)
        w.json_box.setChecked(bool(w.effective()["json_mode"]))
        if dlg.reload_needed:
            w.models.load_selected()

    def delete_current_chat(self) -> None:
        """The open chat, or the one selected in the list (the Delete key there), with Undo."""
        w = self.w
        item = w.conv_list.currentItem() if w.conv_list.hasFocus() else None
        cid = item.data(Qt.UserRole) if item is not None else w.conv_id
        if cid is None:
            w.statusBar().showMessage(tr("Open a chat to delete it."), 5000)
            return
        w.conversations.delete(cid)

    def export_current_chat(self) -> None:
        w = self.w
        if w.conv_id is None:
            w.statusBar().showMessage(tr("Open a chat to export it, or export all chats."), 5000)
            return
        w.transfer.export([w.conv_id])
