"""Light and dark themes: Fusion with a palette and a small style sheet (sizes in points, so the
window stays readable at 200% scaling)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_QSS = """
QWidget#sidebar {{ background: {side}; }}
QWidget#topbar {{ background: {side}; }}
QLabel#plan {{ color: {muted}; font-size: 9pt; }}
QLabel#model-state {{ color: {muted}; }}
QLabel#placeholder {{ color: {muted}; font-size: 13pt; padding: 40px; }}
QFrame#msg-user {{ background: {user}; border-radius: 8px; }}
QFrame#msg-assistant {{ background: {bot}; border-radius: 8px; }}
QLabel#role {{ font-weight: bold; }}
QLabel#meta {{ color: {muted}; font-size: 9pt; }}
QPushButton[flat="true"] {{ color: {accent}; padding: 2px 6px; }}
QPushButton#send {{ background: {accent}; color: white; border-radius: 6px; padding: 6px 14px; }}
QPushButton#stop {{ background: #c0392b; color: white; border-radius: 6px; padding: 6px 14px; }}
QPlainTextEdit#composer {{ border: 1px solid {border}; border-radius: 6px; padding: 4px; }}
"""

COLORS = {
    "light": dict(side="#f3f4f6", user="#e8f0fe", bot="#ffffff", muted="#5f6368",
                  accent="#1a73e8", border="#c6c9ce"),
    "dark": dict(side="#202124", user="#2b3a55", bot="#2a2b2e", muted="#9aa0a6",
                 accent="#8ab4f8", border="#5f6368"),
}


def resolve(theme: str, app: QApplication) -> str:
    if theme in ("light", "dark"):
        return theme
    try:
        return "dark" if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"
    except AttributeError:
        return "light"


def apply(app: QApplication, theme: str) -> str:
    theme = resolve(theme, app)
    app.setStyle("Fusion")
    pal = QPalette()
    if theme == "dark":
        for role, c in ((QPalette.Window, "#202124"), (QPalette.WindowText, "#e8eaed"),
                        (QPalette.Base, "#17181a"), (QPalette.AlternateBase, "#2a2b2e"),
                        (QPalette.Text, "#e8eaed"), (QPalette.Button, "#303134"),
                        (QPalette.ButtonText, "#e8eaed"), (QPalette.Highlight, "#8ab4f8"),
                        (QPalette.HighlightedText, "#202124"), (QPalette.ToolTipBase, "#303134"),
                        (QPalette.ToolTipText, "#e8eaed"), (QPalette.Link, "#8ab4f8"),
                        (QPalette.PlaceholderText, "#9aa0a6")):
            pal.setColor(role, QColor(c))
    else:
        pal = app.style().standardPalette()
    app.setPalette(pal)
    app.setStyleSheet(_QSS.format(**COLORS[theme]))
    return theme
