"""The window's keyboard shortcuts: one table that the main window binds and the cheat sheet
(Ctrl+/) lists, so the two cannot disagree.

Keys are written as QKeySequence's portable text ("Ctrl+N"); on macOS Qt shows Ctrl as ⌘. A
`composer` entry is handled by the composer itself while it has the focus (Enter sends,
Shift+Enter is a new line); the window also binds it where that is safe (Ctrl+Enter sends from
anywhere in the window).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout)


@dataclass(frozen=True)
class Shortcut:
    id: str              # the window's handler: MainWindow.shortcut_handlers()[id]
    label: str           # what it does, as the menus and the cheat sheet say it
    keys: tuple[str, ...]
    group: str
    window: bool = True  # bound by the window (False: only the composer handles it)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("send", "Send the message", ("Return",), "Conversation", window=False),
    Shortcut("send_anywhere", "Send the message (from anywhere)", ("Ctrl+Return",),
             "Conversation"),
    Shortcut("newline", "New line in the message", ("Shift+Return",), "Conversation",
             window=False),
    Shortcut("stop", "Stop the answer", ("Esc",), "Conversation"),
    Shortcut("regenerate", "Regenerate the last answer", ("Ctrl+R",), "Conversation"),
    Shortcut("copy_last", "Copy the last answer", ("Ctrl+Shift+C",), "Conversation"),
    Shortcut("focus_composer", "Focus the message box", ("Ctrl+L",), "Conversation"),
    Shortcut("attach", "Attach files", ("Ctrl+O",), "Conversation"),
    Shortcut("schema", "JSON schema for this chat", ("Ctrl+Shift+J",), "Conversation"),
    Shortcut("new_chat", "New chat", ("Ctrl+N",), "Chats"),
    Shortcut("search", "Search all chats", ("Ctrl+F",), "Chats"),
    Shortcut("prev_chat", "Previous chat in the list", ("Ctrl+PgUp",), "Chats"),
    Shortcut("next_chat", "Next chat in the list", ("Ctrl+PgDown",), "Chats"),
    Shortcut("export_chat", "Export this chat", ("Ctrl+E",), "Chats"),
    Shortcut("export_all", "Export all chats", ("Ctrl+Shift+E",), "Chats"),
    Shortcut("import_chats", "Import chats", ("Ctrl+Shift+O",), "Chats"),
    Shortcut("models", "Models", ("Ctrl+M",), "Window"),
    Shortcut("pick_model", "Choose the model", ("Ctrl+Shift+M",), "Window"),
    Shortcut("downloads", "Downloads", ("Ctrl+J",), "Window"),
    Shortcut("settings", "Settings", ("Ctrl+,",), "Window"),
    Shortcut("toggle_sidebar", "Show or hide the chat list", ("Ctrl+B",), "Window"),
    Shortcut("toggle_theme", "Switch between light and dark", ("Ctrl+Shift+T",), "Window"),
    Shortcut("line_numbers", "Line numbers in code blocks", ("Ctrl+Shift+L",), "Window"),
    Shortcut("cheat_sheet", "Keyboard shortcuts", ("Ctrl+/",), "Window"),
    Shortcut("quit", "Quit Ember", ("Ctrl+Q",), "Window"),
)

BY_ID = {s.id: s for s in SHORTCUTS}


def sequences(shortcut_id: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in BY_ID[shortcut_id].keys]


def native(keys: tuple[str, ...]) -> str:
    """The keys as this platform writes them ("Ctrl+N", or "⌘N" on macOS)."""
    return "  or  ".join(QKeySequence(k).toString(QKeySequence.NativeText) for k in keys)


class CheatSheet(QDialog):
    """Every shortcut, by group (Ctrl+/ or Help ▸ Keyboard shortcuts)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        lay = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.NoSelection)
        self.tree.setFocusPolicy(Qt.StrongFocus)
        groups: dict[str, QTreeWidgetItem] = {}
        for s in SHORTCUTS:
            g = groups.get(s.group)
            if g is None:
                g = groups[s.group] = QTreeWidgetItem(self.tree, [s.group, ""])
                f = g.font(0)
                f.setBold(True)
                g.setFont(0, f)
                g.setFirstColumnSpanned(True)
            QTreeWidgetItem(g, [s.label, native(s.keys)])
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        lay.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.Close).setAccessibleName("Close")
        lay.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("M") * 46, fm.height() * 30)

    def rows(self) -> list[tuple[str, str]]:
        """(action, keys) as shown: what the tests compare with the table."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            g = self.tree.topLevelItem(i)
            for j in range(g.childCount()):
                out.append((g.child(j).text(0), g.child(j).text(1)))
        return out
