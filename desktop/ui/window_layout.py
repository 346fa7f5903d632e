"""The main window's widgets, built and wired to the rooms that act on them (issue 26).

Each `build_*` function makes one part of the window and sets its widgets as attributes of the
window (the rooms and the tests reach them there); a widget's signal goes to the room that owns
what it does: `win.answers` (sending and the live answer, chat_controller.py), `win.attachments`
(attachments.py), `win.tools` (the chat's tools and JSON schema, tools_controller.py),
`win.conversations` (the sidebar's list, conversation_list.py), `win.models` (the model bar,
model_bar.py), `win.menus` (menus, shortcuts, theme, dialogs, window_menus.py).
"""
from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from superqt import QElidingLabel
from superqt.utils import qdebounced

from ..core.agent.check import CHECK_ROUNDS
from .chat_view import ChatView
from .composer import Composer
from .i18n import tr
from .model_picker import ModelPicker
from .sidebar import GroupedDelegate
from .widgets import button, check_box


def _panel(name: str, layout=QHBoxLayout, margins=(0, 0, 0, 0)) -> tuple[QWidget, QHBoxLayout]:
    """A named part of the window (the theme's stylesheet finds it by name) and its layout."""
    w = QWidget()
    w.setObjectName(name)
    lay = layout(w)
    lay.setContentsMargins(*margins)
    return w, lay


def build(win) -> None:
    """The whole window: the sidebar beside the chat's column, and the status bar."""
    split = QSplitter(Qt.Horizontal, win)
    win.splitter = split
    split.addWidget(build_sidebar(win))
    main = QWidget()
    ml = QVBoxLayout(main)
    ml.setContentsMargins(0, 0, 0, 0)
    ml.setSpacing(0)
    ml.addWidget(build_topbar(win))
    build_notices(win, ml)
    ml.addWidget(build_chat(win), 1)
    build_attachments(win, ml)
    ml.addWidget(build_tools_row(win))
    ml.addWidget(build_composer_row(win))
    split.addWidget(main)
    split.setStretchFactor(1, 1)
    side_w = win.fontMetrics().horizontalAdvance("M") * 27   # follows the text's size
    win.sidebar.setMinimumWidth(win.fontMetrics().horizontalAdvance("M") * 12)
    split.setSizes([side_w, max(400, 1180 - side_w)])
    win.setCentralWidget(split)
    win.setAcceptDrops(True)
    build_status_bar(win)
    tab_order(win)


def build_sidebar(win) -> QWidget:
    side, sl = _panel("sidebar", QVBoxLayout, (10, 10, 10, 10))
    win.sidebar = side
    sl.setSpacing(8)
    rooms = win.conversations
    win.new_btn = button(tr("+  New chat"), tr("New chat"), tr("Start a new chat (Ctrl+N)"),
                         rooms.new_chat, object_name="new-chat")
    sl.addWidget(win.new_btn)
    win.search = QLineEdit()
    win.search.setObjectName("search")
    win.search.setAccessibleName(tr("Search all chats"))
    win.search.setPlaceholderText(tr("Search all chats (Ctrl+F)"))
    win.search.setClearButtonEnabled(True)
    for b in win.search.findChildren(QToolButton):   # Qt's own clear button
        b.setAccessibleName(tr("Clear the search"))
    # search as you type, 150 ms after the last key (superqt's debounce)
    later = qdebounced(rooms.refresh, timeout=150, parent=win)
    win.search.textChanged.connect(lambda _t: later())
    sl.addWidget(win.search)
    win.conv_list = QListWidget()
    win.conv_list.setObjectName("conversations")
    win.conv_list.setAccessibleName(tr("Chats"))
    # one line a title, cut with "…" (the whole title is the tooltip): wrapped, a narrow
    # sidebar showed one word a line
    win.conv_list.setWordWrap(False)
    win.conv_list.setTextElideMode(Qt.ElideRight)
    win.conv_list.setItemDelegate(GroupedDelegate(win.conv_list))
    win.conv_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    win.conv_list.itemClicked.connect(rooms.on_clicked)
    win.conv_list.setContextMenuPolicy(Qt.CustomContextMenu)
    win.conv_list.customContextMenuRequested.connect(rooms.context_menu)
    # the Delete key deletes the selected chat (with Undo), as in a file manager
    from PySide6.QtGui import QKeySequence, QShortcut
    delete = QShortcut(QKeySequence(QKeySequence.Delete), win.conv_list)
    delete.setContext(Qt.WidgetShortcut)
    delete.activated.connect(lambda: win.menus.delete_current_chat())
    sl.addWidget(win.conv_list, 1)
    return side


def build_topbar(win) -> QWidget:
    top, tl = _panel("topbar", margins=(12, 8, 12, 8))
    em = win.fontMetrics().horizontalAdvance("M")
    win.model_combo = ModelPicker()
    win.model_combo.setMinimumWidth(em * 20)
    win.model_combo.activated.connect(lambda _i: win.models.load_selected())
    tl.addWidget(win.model_combo)
    win.model_state = QLabel("")
    win.model_state.setObjectName("model-state")
    win.model_state.setAccessibleName(tr("Model state"))
    tl.addWidget(win.model_state)
    # the load's progress: the engine says when it starts and ends, not how far it is
    win.model_progress = QProgressBar()
    win.model_progress.setObjectName("model-progress")
    win.model_progress.setAccessibleName(tr("Loading the model"))
    win.model_progress.setRange(0, 0)
    win.model_progress.setTextVisible(False)
    win.model_progress.setMaximumWidth(em * 8)
    win.model_progress.setMaximumHeight(win.fontMetrics().height() // 2 + 2)
    win.model_progress.setVisible(False)
    tl.addWidget(win.model_progress)
    tl.addStretch(1)
    m = win.menus
    for attr, text, name, tip, slot in (
            ("models_btn", tr("Models…"), tr("Models"),
             tr("Download, import and remove models (Ctrl+M)"), m.open_model_manager),
            ("bench_btn", tr("Bench…"), tr("Benchmark"), None, m.open_bench),
            ("settings_btn", tr("Settings…"), tr("Settings"), tr("Settings (Ctrl+,)"),
             m.open_settings)):
        b = button(text, name, tip, slot)
        setattr(win, attr, b)
        tl.addWidget(b)
    return top


def _unfold_plan(win) -> None:
    unfold = win.plan_details.isChecked()
    win.plan_label.setWordWrap(unfold)
    win.plan_label.setSizePolicy(QSizePolicy.Preferred if unfold else QSizePolicy.Ignored,
                                 QSizePolicy.Preferred)


def build_notices(win, ml: QVBoxLayout) -> None:
    """The planner's sentence under the top bar, and the banner for problems."""
    # one line, cut with "…" (its whole text is the tooltip); Details unfolds it
    # the margins are the row's: superqt elides to the label's whole width, and text drawn in
    # the label's own margins would be cut without its "…"
    row, rl = _panel("plan-row", margins=(12, 0, 12, 4))
    win.plan_label = QElidingLabel("")
    win.plan_label.setObjectName("plan")
    win.plan_label.setWordWrap(False)
    win.plan_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
    rl.addWidget(win.plan_label, 1)
    win.plan_details = button(tr("Details"), tr("Show the whole plan"),
                              tr("Show or hide the whole sentence of how the model runs here"),
                              lambda: _unfold_plan(win), cls=QToolButton)
    win.plan_details.setCheckable(True)
    rl.addWidget(win.plan_details, 0, Qt.AlignTop)
    ml.addWidget(row)
    win.banner = QLabel("")
    win.banner.setObjectName("banner")
    win.banner.setWordWrap(True)
    win.banner.setVisible(False)
    ml.addWidget(win.banner)


def build_chat(win) -> ChatView:
    win.chat = ChatView(theme=win.theme, line_numbers=win.menus.line_numbers_setting())
    win.chat.action.connect(win.answers.on_message_action)
    win.chat.run_code.connect(win.tools.on_run_code)
    win.chat.stop_code.connect(lambda mid, block: win.runner.stop(mid, block))
    win.chat.copied.connect(lambda _t: win.statusBar().showMessage(tr("Copied."), 2000))
    win.chat.set_placeholder(tr("Ask Ember about code. Everything stays on this computer."))
    return win.chat


def build_attachments(win, ml: QVBoxLayout) -> None:
    """Attachments waiting to be sent: chips, what Ember will do with them, the prefill bar."""
    win.attach_row, ar = _panel("attachments", margins=(10, 4, 10, 0))
    win.chips = QHBoxLayout()
    ar.addLayout(win.chips)
    ar.addStretch(1)
    ml.addWidget(win.attach_row)
    win.budget_label = QLabel("")
    win.budget_label.setObjectName("budget")
    win.budget_label.setWordWrap(True)
    win.budget_label.setContentsMargins(12, 0, 12, 0)
    win.budget_label.setVisible(False)
    ml.addWidget(win.budget_label)
    win.prefill_bar = QProgressBar()
    win.prefill_bar.setAccessibleName(tr("Reading the prompt"))
    win.prefill_bar.setVisible(False)
    win.prefill_bar.setFormat(tr("Reading the prompt: %v of %m tokens"))
    ml.addWidget(win.prefill_bar)


def build_tools_row(win) -> QWidget:
    """This chat's tools: run_python, a project folder, MCP servers, Check code (kept in the
    conversation's settings)."""
    t = win.tools
    row, trow = _panel("tools-row", margins=(10, 4, 10, 0))
    win.tools_row = row
    win.tools_box = check_box(
        tr("Tools"), tr("Tools: let the model run Python"),
        tr("In this chat, let the model run Python in the sandbox (run_python) while it "
           "answers; each call shows as a step"), t.on_changed)
    trow.addWidget(win.tools_box)
    win.folder_btn = button(tr("Project folder…"), tr("Project folder"),
                            tr("Let the model list, read and search a folder in this chat "
                               "(nothing outside it)"), t.pick_folder)
    trow.addWidget(win.folder_btn)
    win.folder_label = QLabel("")
    win.folder_label.setObjectName("project-folder")
    win.folder_label.setTextFormat(Qt.PlainText)
    trow.addWidget(win.folder_label)
    win.folder_clear = button("✕", tr("Stop sharing the project folder"),
                              tr("Stop sharing this folder with the model"),
                              lambda: t.set_project_folder(None), cls=QToolButton)
    trow.addWidget(win.folder_clear)
    win.write_box = check_box(
        tr("allow writing"), tr("Allow writing in the project folder"),
        tr("The model may write files in the folder: Ember shows each change as a diff and "
           "writes only what you confirm"), t.on_changed)
    trow.addWidget(win.write_box)
    win.mcp_btn = QToolButton()
    win.mcp_btn.setText("MCP")
    win.mcp_btn.setAccessibleName(tr("MCP servers for this chat"))
    win.mcp_btn.setToolTip(tr("Offer the tools of MCP servers in this chat, or add servers"))
    win.mcp_btn.setPopupMode(QToolButton.InstantPopup)
    win.mcp_menu = QMenu(win.mcp_btn)
    win.mcp_menu.aboutToShow.connect(t.fill_mcp_menu)
    win.mcp_btn.setMenu(win.mcp_menu)
    trow.addWidget(win.mcp_btn)
    win.check_box = check_box(
        tr("Check code"), tr("Check code"),
        tr("In this chat, run each answer's code against the tests or examples it "
           'gives, in the sandbox; a failure goes back to the model for up to '
           '{CHECK_ROUNDS} repair rounds (Stop ends them)').format(CHECK_ROUNDS=CHECK_ROUNDS),
        t.on_changed)
    trow.addWidget(win.check_box)
    win.tools_note = QLabel("")
    win.tools_note.setObjectName("tools-note")
    win.tools_note.setWordWrap(True)
    trow.addWidget(win.tools_note, 1)
    trow.addStretch(0)
    return row


def build_composer_row(win) -> QWidget:
    """The message box, Attach, Send/Stop, JSON and its schema."""
    bottom, bl = _panel("composer-row", margins=(16, 8, 16, 12))
    win.composer = Composer()
    win.composer.send.connect(win.answers.send)
    win.composer.stop.connect(win.answers.stop)
    win.composer.files_pasted.connect(win.attachments.attach_files)
    win.composer.text_pasted.connect(win.attachments.attach_text)
    bl.addWidget(win.composer, 1)
    col = QVBoxLayout()
    win.attach_btn = button(tr("Attach…"), tr("Attach files"),
                            tr("Attach files: text, Markdown, code, PDF, DOCX, HTML "
                               "(or drop them on the window)"), win.attachments.pick_files)
    col.addWidget(win.attach_btn)
    win.send_btn = button(tr("Send"), tr("Send"),
                          tr("Send (Enter); while an answer streams: Stop (Esc)"),
                          win.answers.send_or_stop, object_name="send")
    win.send_btn.setDefault(True)
    col.addWidget(win.send_btn)
    row = QHBoxLayout()   # JSON and its schema (issue 16)
    win.json_box = QCheckBox("JSON")
    win.json_box.setAccessibleName(tr("Answer in JSON"))
    win.json_box.setToolTip(tr("Answer in valid JSON (grammar-constrained)"))
    win.json_box.setChecked(bool(win.settings.get("json_mode")))
    row.addWidget(win.json_box)
    win.schema_btn = button("{ }", tr("JSON schema for this chat"), None,
                            win.tools.open_schema_editor, cls=QToolButton,
                            object_name="json-schema")
    row.addWidget(win.schema_btn)
    col.addLayout(row)
    bl.addLayout(col)
    return bottom


def build_status_bar(win) -> None:
    sb = QStatusBar()
    win.setStatusBar(sb)
    win.stat_labels = {}
    names = {"ttft": tr("Time to first token"), "tps": tr("Tokens per second"),
             "threads": tr("CPU threads"), "ctx": tr("Context used"), "ram": tr("Memory"),
             "vram": tr("GPU memory"), "api": tr("API address")}
    for k, name in names.items():
        label = QLabel("")
        label.setObjectName(f"stat-{k}")
        label.setAccessibleName(name)
        sb.addPermanentWidget(label)
        win.stat_labels[k] = label
    win.stats_timer = QTimer(win)
    win.stats_timer.setInterval(1000)


def tab_order(win) -> None:
    """Tab goes where the eye goes: the message box, Send, its options, the chat's tools,
    the conversation, then the top bar and the sidebar."""
    chain = [win.composer, win.send_btn, win.attach_btn, win.json_box, win.tools_box,
             win.folder_btn, win.folder_clear, win.write_box, win.mcp_btn,
             win.check_box, win.chat, win.model_combo, win.models_btn, win.bench_btn,
             win.settings_btn, win.new_btn, win.search, win.conv_list]
    for a, b in itertools.pairwise(chain):
        QWidget.setTabOrder(a, b)
