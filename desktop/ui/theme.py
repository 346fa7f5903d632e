"""Light and dark themes: Fusion with a palette and one style sheet.

Every size in the style sheet is in points (text) or small pixel paddings, so the window stays
readable at 200% scaling. The type scale (points): 9 for secondary text (metrics, dates, group
headers), 10 for body text and controls, 11 for the sidebar's titles, 14 for the empty chat's
greeting. `apply()` is called again to switch live (the View menu); "system" follows the
desktop's colour scheme, also when it changes while Ember runs.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

# the type scale, in points
SMALL_PT, BODY_PT, TITLE_PT, GREETING_PT = 9, 10, 11, 14

COLORS = {
    "light": dict(bg="#ffffff", base="#ffffff", side="#f4f5f7", text="#1f2328", muted="#5c6570",
                  accent="#2563eb", accent_text="#ffffff", border="#d0d7de",
                  user="#e8effc", bot="#ffffff", code="#f6f8fa", hover="#e7eaee",
                  selected="#dbe6fb", stop="#c0392b", banner="#fff3cd", banner_text="#664d03",
                  avatar="#f97316", warn="#9a6700", info="#e7f1ff", info_text="#084298"),
    "dark": dict(bg="#1b1c1f", base="#2a2c31", side="#141518", text="#e6e7ea", muted="#9aa0a8",
                 accent="#7aa2ff", accent_text="#0d1117", border="#3a3d43",
                 user="#243352", bot="#1b1c1f", code="#111214", hover="#26282d",
                 selected="#2b3a5c", stop="#e5534b", banner="#3d3214", banner_text="#f2d98c",
                 avatar="#fb923c", warn="#d4a72c", info="#1d2a44", info_text="#b9cdfa"),
}

_QSS = """
QMainWindow, QWidget#chat-page {{ background: {bg}; }}
QWidget#sidebar {{ background: {side}; }}
QWidget#topbar {{ background: {bg}; border-bottom: 1px solid {border}; }}
QWidget#composer-row {{ background: {bg}; }}
QLabel#plan {{ color: {muted}; font-size: {small}pt; }}
QLabel#model-state {{ color: {muted}; }}
QLabel#placeholder {{ color: {muted}; font-size: {greeting}pt; padding: 40px; }}
QLabel#banner {{ background: {banner}; color: {banner_text}; padding: 6px 12px; }}
QLabel#tools-note {{ color: {warn}; }}
QWidget#first-minute {{ background: {info}; }}
QWidget#first-minute QLabel {{ color: {info_text}; }}
QListWidget#conversations {{ background: {side}; border: none; font-size: {title}pt;
    outline: 0; }}
QListWidget#conversations::item {{ padding: 6px 8px; border-radius: 6px; }}
QListWidget#conversations::item:hover {{ background: {hover}; }}
QListWidget#conversations::item:selected {{ background: {selected}; color: {text}; }}
QLineEdit#search {{ border: 1px solid {border}; border-radius: 6px; padding: 4px 6px;
    background: {bg}; }}
QPushButton#new-chat {{ border: 1px solid {border}; border-radius: 6px; padding: 6px 10px;
    background: {bg}; font-weight: 600; text-align: left; }}
QPushButton#new-chat:hover {{ background: {hover}; }}
QFrame#bubble-user {{ background: {user}; border-radius: 12px; }}
QWidget#chat-inner {{ background: {bg}; }}
QWidget#chat-inner QTextBrowser {{ background: transparent; }}
QFrame#msg-assistant {{ background: {bot}; }}
QLabel#avatar {{ background: {avatar}; color: white; border-radius: 6px; font-weight: 700;
    qproperty-alignment: AlignCenter; }}
QLabel#role {{ font-weight: 700; }}
QLabel#meta {{ color: {muted}; font-size: {small}pt; }}
QLabel#versions {{ color: {muted}; font-size: {small}pt; }}
QToolButton#think-toggle {{ color: {muted}; border: none; font-size: {small}pt;
    padding: 2px 0px; }}
QToolButton#think-toggle:hover {{ color: {text}; }}
QTextBrowser#think-body {{ color: {muted}; border-left: 2px solid {border};
    background: transparent; }}
QPushButton[flat="true"] {{ color: {muted}; padding: 2px 6px; border-radius: 4px;
    font-size: {small}pt; }}
QPushButton[flat="true"]:hover {{ color: {accent}; background: {hover}; }}
QPushButton#send {{ background: {accent}; color: {accent_text}; border-radius: 6px;
    padding: 6px 14px; font-weight: 600; }}
QPushButton#send:disabled {{ background: {border}; color: {muted}; }}
QPushButton#stop {{ background: {stop}; color: white; border-radius: 6px; padding: 6px 14px;
    font-weight: 600; }}
QPlainTextEdit#composer {{ border: 1px solid {border}; border-radius: 10px; padding: 6px;
    background: {bg}; font-size: {body}pt; }}
QPlainTextEdit#composer:focus {{ border: 1px solid {accent}; }}
QLabel#model-fit {{ color: {muted}; font-size: {small}pt; }}
QStatusBar QLabel {{ color: {muted}; font-size: {small}pt; padding: 0px 6px; }}
"""


def resolve(theme: str, app: QApplication) -> str:
    """"light" or "dark": "system" (or anything else) follows the desktop's colour scheme."""
    if theme in ("light", "dark"):
        return theme
    try:
        return "dark" if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"
    except AttributeError:
        return "light"


def palette(theme: str) -> QPalette:
    c = COLORS[theme]
    pal = QPalette()
    for role, key in ((QPalette.Window, "bg"), (QPalette.WindowText, "text"),
                      (QPalette.Base, "base"), (QPalette.AlternateBase, "side"),
                      (QPalette.Text, "text"), (QPalette.Button, "side"),
                      (QPalette.ButtonText, "text"), (QPalette.Highlight, "accent"),
                      (QPalette.HighlightedText, "accent_text"), (QPalette.ToolTipBase, "side"),
                      (QPalette.ToolTipText, "text"), (QPalette.Link, "accent"),
                      (QPalette.PlaceholderText, "muted"), (QPalette.Mid, "border"),
                      (QPalette.Dark, "border"), (QPalette.Light, "bg"),
                      (QPalette.Midlight, "hover"), (QPalette.BrightText, "stop")):
        pal.setColor(role, QColor(c[key]))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, QColor(c["muted"]))
    return pal


def style_sheet(theme: str, text_scale: float = 1.0) -> str:
    k = text_scale
    return _QSS.format(small=SMALL_PT * k, body=BODY_PT * k, title=TITLE_PT * k,
                       greeting=GREETING_PT * k, **COLORS[theme])


def apply(app: QApplication, theme: str, text_scale: float = 1.0) -> str:
    """Apply `theme` ("light", "dark" or "system") to the whole application; returns the one
    applied ("light" or "dark"). `text_scale` multiplies the style sheet's type scale (the
    tests' 200% text; the application font is the caller's)."""
    theme = resolve(theme, app)
    app.setStyle("Fusion")
    app.setPalette(palette(theme))
    app.setStyleSheet(style_sheet(theme, text_scale))
    return theme


def color(theme: str, key: str) -> str:
    return COLORS.get(theme, COLORS["light"])[key]
