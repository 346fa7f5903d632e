"""`ember` with no arguments: the desktop window."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from ..core.settings import Settings
from . import i18n
from . import theme as theme_mod


def create_window(*, autoload: bool = True, first_run_dialog: bool = True):
    """Build the app's main window (used by run_gui, the tests and the screenshot script)."""
    from .main_window import MainWindow
    from .store_conversations import open_default
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Ember")
    app.setOrganizationName("Ember")
    app.setDesktopFileName("ember")  # matches the menu entry (Wayland window icon)
    settings = Settings()
    i18n.install(app, str(settings.get("language")))  # before any widget: every tr() is looked up
    theme = theme_mod.apply(app, str(settings.get("theme")))
    convs, problem = open_default()
    win = MainWindow(convs, settings, theme=theme, autoload=autoload)
    # and what the store must tell (a damaged file moved aside and recovered, an upgrade)
    problems = [m for m in (settings.error, problem, *convs.notices) if m]
    if problems:
        win.show_problem("\n".join(problems))
    if first_run_dialog and not settings.get("default_model") and not settings.values.get("first_run_done"):
        from .model_manager import FirstRunDialog
        win._first_run = FirstRunDialog(win, settings)
    return app, win


def run_gui(args=None) -> int:
    app, win = create_window()
    win.show()
    first = getattr(win, "_first_run", None)
    if first is not None:
        first.show()
    return app.exec()
