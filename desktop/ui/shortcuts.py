"""The window's keyboard shortcuts: one table that the main window binds and the cheat sheet
(Ctrl+/) lists, so the two cannot disagree.

Keys are written as QKeySequence's portable text ("Ctrl+N"); on macOS Qt shows Ctrl as ⌘. A
`composer` entry is handled by the composer itself while it has the focus (Enter sends,
Shift+Enter is a new line); the window also binds it where that is safe (Ctrl+Enter sends from
anywhere in the window).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from .i18n import tr


@dataclass(frozen=True)
class Shortcut:
    id: str              # the window's handler: MainWindow.shortcut_handlers()[id]
    label: str           # what it does, as the menus and the cheat sheet say it
    keys: tuple[str, ...]
    group: str
    window: bool = True  # bound by the window (False: only the composer handles it)


# labels and groups are the English source, marked for lupdate (QT_TRANSLATE_NOOP returns the
# text): the menus and the cheat sheet show tr(label)
SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("send", QT_TRANSLATE_NOOP("", "Send the message"), ("Return",), QT_TRANSLATE_NOOP("", "Conversation"), window=False),
    Shortcut("send_anywhere", QT_TRANSLATE_NOOP("", "Send the message (from anywhere)"), ("Ctrl+Return",),
             QT_TRANSLATE_NOOP("", "Conversation")),
    Shortcut("newline", QT_TRANSLATE_NOOP("", "New line in the message"), ("Shift+Return",), QT_TRANSLATE_NOOP("", "Conversation"),
             window=False),
    Shortcut("stop", QT_TRANSLATE_NOOP("", "Stop the answer"), ("Esc",), QT_TRANSLATE_NOOP("", "Conversation")),
    Shortcut("regenerate", QT_TRANSLATE_NOOP("", "Regenerate the last answer"), ("Ctrl+R",), QT_TRANSLATE_NOOP("", "Conversation")),
    Shortcut("copy_last", QT_TRANSLATE_NOOP("", "Copy the last answer"), ("Ctrl+Shift+C",), QT_TRANSLATE_NOOP("", "Conversation")),
    Shortcut("focus_composer", QT_TRANSLATE_NOOP("", "Focus the message box"), ("Ctrl+L",), QT_TRANSLATE_NOOP("", "Conversation")),
    Shortcut("attach", QT_TRANSLATE_NOOP("", "Attach files"), ("Ctrl+O",), QT_TRANSLATE_NOOP("", "Conversation")),
    Shortcut("schema", QT_TRANSLATE_NOOP("", "JSON schema for this chat"), ("Ctrl+Shift+J",), QT_TRANSLATE_NOOP("", "Conversation")),
    Shortcut("new_chat", QT_TRANSLATE_NOOP("", "New chat"), ("Ctrl+N",), QT_TRANSLATE_NOOP("", "Chats")),
    Shortcut("search", QT_TRANSLATE_NOOP("", "Search all chats"), ("Ctrl+F",), QT_TRANSLATE_NOOP("", "Chats")),
    Shortcut("prev_chat", QT_TRANSLATE_NOOP("", "Previous chat in the list"), ("Ctrl+PgUp",), QT_TRANSLATE_NOOP("", "Chats")),
    Shortcut("next_chat", QT_TRANSLATE_NOOP("", "Next chat in the list"), ("Ctrl+PgDown",), QT_TRANSLATE_NOOP("", "Chats")),
    Shortcut("delete_chat", QT_TRANSLATE_NOOP("", "Delete this chat (Undo for 10 s)"), ("Ctrl+Shift+Backspace",),
             QT_TRANSLATE_NOOP("", "Chats")),
    Shortcut("export_chat", QT_TRANSLATE_NOOP("", "Export this chat"), ("Ctrl+E",), QT_TRANSLATE_NOOP("", "Chats")),
    Shortcut("export_all", QT_TRANSLATE_NOOP("", "Export all chats"), ("Ctrl+Shift+E",), QT_TRANSLATE_NOOP("", "Chats")),
    Shortcut("import_chats", QT_TRANSLATE_NOOP("", "Import chats"), ("Ctrl+Shift+O",), QT_TRANSLATE_NOOP("", "Chats")),
    Shortcut("models", QT_TRANSLATE_NOOP("", "Models"), ("Ctrl+M",), QT_TRANSLATE_NOOP("", "Window")),
    Shortcut("pick_model", QT_TRANSLATE_NOOP("", "Choose the model"), ("Ctrl+Shift+M",), QT_TRANSLATE_NOOP("", "Window")),
    Shortcut("downloads", QT_TRANSLATE_NOOP("", "Downloads"), ("Ctrl+J",), QT_TRANSLATE_NOOP("", "Window")),
    Shortcut("settings", QT_TRANSLATE_NOOP("", "Settings"), ("Ctrl+,",), QT_TRANSLATE_NOOP("", "Window")),
    Shortcut("toggle_sidebar", QT_TRANSLATE_NOOP("", "Show or hide the chat list"), ("Ctrl+B",), QT_TRANSLATE_NOOP("", "Window")),
    Shortcut("toggle_theme", QT_TRANSLATE_NOOP("", "Switch between light and dark"), ("Ctrl+Shift+T",), QT_TRANSLATE_NOOP("", "Window")),
    Shortcut("line_numbers", QT_TRANSLATE_NOOP("", "Line numbers in code blocks"), ("Ctrl+Shift+L",), QT_TRANSLATE_NOOP("", "Window")),
    Shortcut("cheat_sheet", QT_TRANSLATE_NOOP("", "Keyboard shortcuts"), ("Ctrl+/",), QT_TRANSLATE_NOOP("", "Window")),
    Shortcut("quit", QT_TRANSLATE_NOOP("", "Quit Ember"), ("Ctrl+Q",), QT_TRANSLATE_NOOP("", "Window")),
)

BY_ID = {s.id: s for s in SHORTCUTS}


def sequences(shortcut_id: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in BY_ID[shortcut_id].keys]


def native(keys: tuple[str, ...]) -> str:
    """The keys as this platform writes them ("Ctrl+N", or "⌘N" on macOS)."""
    return tr("  or  ").join(QKeySequence(k).toString(QKeySequence.NativeText) for k in keys)


class CheatSheet(QDialog):
    """Every shortcut, by group (Ctrl+/ or Help ▸ Keyboard shortcuts)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.setAccessibleName(tr("Keyboard shortcuts"))
        lay = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(tr("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([tr("Action"), tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.NoSelection)
        self.tree.setFocusPolicy(Qt.StrongFocus)
        groups: dict[str, QTreeWidgetItem] = {}
        for s in SHORTCUTS:
            g = groups.get(s.group)
            if g is None:
                g = groups[s.group] = QTreeWidgetItem(self.tree, [tr(s.group), ""])
                f = g.font(0)
                f.setBold(True)
                g.setFont(0, f)
                g.setFirstColumnSpanned(True)
            QTreeWidgetItem(g, [tr(s.label), native(s.keys)])
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        lay.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.Close).setAccessibleName(tr("Close"))
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
