"""Ember's main window: conversations on the left, the chat on the right, status at the bottom.

The model runs in the engine process (`ember serve`); the window is its client. Nothing slow
runs on the UI thread: talking to the engine happens in the worker's thread (worker.py),
downloads in their own threads (model_manager.py), a code block's Run on the runner's threads
(runs.py). The UI reads the store directly (fast, indexed queries) and writes a streaming reply
at most once a second. If the engine dies, the partial answer is kept, the window says why and
the worker restarts the engine.

Per chat, "Tools" lets the model run Python in the sandbox and "Project folder…" lets it list,
read and search a folder (and write in it, each write confirmed with its diff, when "allow
writing" is on); they are kept in the conversation's settings. The worker then answers with the
tool loop, and each call shows as a collapsible step of the answer. "Check code" runs each
answer against its own tests on the checker's thread (checks.py); a failure is asked back to
the model as the next question, up to CHECK_ROUNDS repair rounds, each round shown; Stop ends
them.
"""
from __future__ import annotations

import dataclasses
import itertools

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from ..core import models as models_mod
from ..core.agent.check import CHECK_ROUNDS, repair_request
from ..core.agent.python import describe
from ..core.session import ChatSession
from ..core.store import StoreError, StoreLockedError, StoreWriteError
from ..core.turns import SamplingSettings
from .chat_view import ChatView
from .checks import CodeChecker, check_line, check_of
from .composer import Composer
from .conversations import ToolSpec, date_group
from .i18n import tr
from .model_picker import ModelPicker
from .poller import start_poller
from .runs import CodeRunner, runs_of
from .sidebar import GROUP_ROLE, GroupedDelegate, group_label
from .steps import WriteConfirmDialog
from .store_conversations import StoreConversations, tool_settings_dict
from .worker import BudgetNote, ChatRequest, LoadRequest, start_worker


def _engine_name(ref) -> str | None:
    """What the engine loads a listed model by: the embedded model by its name (the engine
    assembles it on first use, off the window's thread), others by their file."""
    return ref.key if ref.key == models_mod.EMBEDDED else None


class MainWindow(QMainWindow):
    @property
    def conv_id(self) -> int | None:
        return self.session.conversation_id

    @conv_id.setter
    def conv_id(self, value: int | None) -> None:
        self.session.conversation_id = value

    def __init__(self, convs: StoreConversations, settings, *, theme: str = "light",
                 autoload: bool = True):
        super().__init__()
        self.convs = convs
        self.settings = settings
        self.theme = theme
        self.setWindowTitle("Ember")
        self.resize(1180, 780)
        # the conversation's logic (core/session.py); the window shows it and sends its turns
        self.session = ChatSession(convs.s, settings)
        self.generating = False
        self.reply_id = None
        self.model_info = None
        self.plan = None
        self.last_metrics = None
        self._pending_delete = None
        self._continue_prefix = ""
        self._reply_text = ""
        self._resend_after_load = None
        self._last_request = None
        self._models: list = []
        self._remote_found: list = []     # the remote engines' models (core/remote.Reachability)
        self._new_chat_tools = ToolSpec()  # the tool settings of a chat not created yet
        self._confirms: list = []          # open write confirmations: (dialog, ConfirmAsk)
        self._reply_note = ""              # e.g. "without tools", shown with the answer
        # Run on a code block: in the sandbox, on the runner's threads (runs.py)
        self.runner = CodeRunner(convs.s)
        self.runner.finished.connect(self._on_run_finished)
        # Check code: an answer run against its own tests, on the checker's thread (checks.py)
        self.checker = CodeChecker(convs.s)
        self.checker.finished.connect(self._on_checked)
        self._checking = None              # (message id, token, round) of the check running now
        self._repair_round = 0             # the repair round of the answer streaming now

        self.engine_pid: int | None = None
        self.engine_port: int | None = None
        self._engine_died_msg: str | None = None
        self._preview_serial = 0
        self.worker, self.thread = start_worker(
            port=settings.get("api_port"), keep_running=bool(settings.get("engine_keep_running")))
        w = self.worker
        self._links = [(w.loading, self._on_loading), (w.loaded, self._on_loaded),
                       (w.load_failed, self._on_load_failed), (w.notice, self._on_notice),
                       (w.prefill, self._on_prefill), (w.pieces, self._on_pieces),
                       (w.finished, self._on_finished), (w.failed, self._on_failed),
                       (w.budget, self._on_budget), (w.needs_reload, self._on_needs_reload),
                       (w.docs_loaded, self._on_docs_loaded), (w.engine_died, self._on_engine_died),
                       (w.engine_ready, self._on_engine_ready), (w.preview, self._on_preview),
                       (w.docs_progress, self._on_docs_progress),
                       (w.remote_models, self._on_remote_models), (w.step, self._on_step),
                       (w.confirm_write, self._on_confirm_write)]
        for signal, slot in self._links:
            signal.connect(slot)

        self._build()
        self._shortcuts()
        # downloads live with the window (the status bar's item, Ctrl+J; the first-minute
        # notice above the chat); unfinished ones from the last run resume (downloads.py)
        from .downloads import attach_to_window
        self.downloads = attach_to_window(self)
        self._undo_btn = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._drop_undo)
        self._stats = QTimer(self)
        self._stats.setInterval(1000)
        self._stats.timeout.connect(self._refresh_stats)
        self._stats.start()
        # RAM and VRAM are read on a thread of their own (psutil, NVML), once a second
        self.poller, self.poller_thread = start_poller()
        self.poller.memory.connect(self._on_memory)
        self._refresh_stats()
        self.refresh_conversations()
        self.refresh_models()
        if autoload:
            QTimer.singleShot(0, self.load_selected_model)

    # ------------------------------------------------------------------------ layout
    def _build(self) -> None:
        split = QSplitter(Qt.Horizontal, self)
        self.splitter = split
        side = QWidget()
        side.setObjectName("sidebar")
        self.sidebar = side
        sl = QVBoxLayout(side)
        sl.setContentsMargins(10, 10, 10, 10)
        sl.setSpacing(8)
        self.new_btn = QPushButton(tr("+  New chat"))
        self.new_btn.setObjectName("new-chat")
        self.new_btn.setAccessibleName(tr("New chat"))
        self.new_btn.setToolTip(tr("Start a new chat (Ctrl+N)"))
        self.new_btn.clicked.connect(self.new_chat)
        sl.addWidget(self.new_btn)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setAccessibleName(tr("Search all chats"))
        self.search.setPlaceholderText(tr("Search all chats (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        for b in self.search.findChildren(QToolButton):   # Qt's own clear button
            b.setAccessibleName(tr("Clear the search"))
        # search as you type, 150 ms after the last key (superqt's debounce)
        self._search_later = qdebounced(self.refresh_conversations, timeout=150, parent=self)
        self.search.textChanged.connect(lambda _t: self._search_later())
        sl.addWidget(self.search)
        self.conv_list = QListWidget()
        self.conv_list.setObjectName("conversations")
        self.conv_list.setAccessibleName(tr("Chats"))
        self.conv_list.setWordWrap(True)
        self.conv_list.setItemDelegate(GroupedDelegate(self.conv_list))
        self.conv_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.conv_list.itemClicked.connect(self._on_conv_clicked)
        self.conv_list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.conv_list.customContextMenuRequested.connect(self._conv_menu)
        sl.addWidget(self.conv_list, 1)
        split.addWidget(side)

        main = QWidget()
        ml = QVBoxLayout(main)
        ml.setContentsMargins(0, 0, 0, 0)
        ml.setSpacing(0)
        top = QWidget()
        top.setObjectName("topbar")
        tl = QHBoxLayout(top)
        tl.setContentsMargins(12, 8, 12, 8)
        self.model_combo = ModelPicker()
        self.model_combo.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 20)
        self.model_combo.activated.connect(lambda _i: self.load_selected_model())
        tl.addWidget(self.model_combo)
        self.model_state = QLabel("")
        self.model_state.setObjectName("model-state")
        self.model_state.setAccessibleName(tr("Model state"))
        tl.addWidget(self.model_state)
        # the load's progress: the engine says when it starts and ends, not how far it is
        self.model_progress = QProgressBar()
        self.model_progress.setObjectName("model-progress")
        self.model_progress.setAccessibleName(tr("Loading the model"))
        self.model_progress.setRange(0, 0)
        self.model_progress.setTextVisible(False)
        self.model_progress.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 8)
        self.model_progress.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
        self.model_progress.setVisible(False)
        tl.addWidget(self.model_progress)
        tl.addStretch(1)
        self.models_btn = QPushButton(tr("Models…"))
        self.models_btn.setAccessibleName(tr("Models"))
        self.models_btn.setToolTip(tr("Download, import and remove models (Ctrl+M)"))
        self.models_btn.clicked.connect(self.open_model_manager)
        tl.addWidget(self.models_btn)
        self.bench_btn = QPushButton(tr("Bench…"))
        self.bench_btn.setAccessibleName(tr("Benchmark"))
        self.bench_btn.clicked.connect(self.open_bench)
        tl.addWidget(self.bench_btn)
        self.settings_btn = QPushButton(tr("Settings…"))
        self.settings_btn.setAccessibleName(tr("Settings"))
        self.settings_btn.setToolTip(tr("Settings (Ctrl+,)"))
        self.settings_btn.clicked.connect(self.open_settings)
        tl.addWidget(self.settings_btn)
        ml.addWidget(top)
        self.plan_label = QLabel("")
        self.plan_label.setObjectName("plan")
        self.plan_label.setWordWrap(True)
        self.plan_label.setContentsMargins(12, 0, 12, 4)
        ml.addWidget(self.plan_label)

        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        ml.addWidget(self.banner)

        self.chat = ChatView(theme=self.theme, line_numbers=self._line_numbers_setting())
        self.chat.action.connect(self._on_message_action)
        self.chat.run_code.connect(self._on_run_code)
        self.chat.stop_code.connect(lambda mid, block: self.runner.stop(mid, block))
        self.chat.copied.connect(lambda _t: self.statusBar().showMessage(tr("Copied."), 2000))
        self.chat.set_placeholder(tr("Ask Ember about code. Everything stays on this computer."))
        ml.addWidget(self.chat, 1)

        # attachments waiting to be sent: chips, and what Ember will do with them
        self.attach_row = QWidget()
        self.attach_row.setObjectName("attachments")
        ar = QHBoxLayout(self.attach_row)
        ar.setContentsMargins(10, 4, 10, 0)
        self.chips = QHBoxLayout()
        ar.addLayout(self.chips)
        ar.addStretch(1)
        ml.addWidget(self.attach_row)
        self.budget_label = QLabel("")
        self.budget_label.setObjectName("budget")
        self.budget_label.setWordWrap(True)
        self.budget_label.setContentsMargins(12, 0, 12, 0)
        self.budget_label.setVisible(False)
        ml.addWidget(self.budget_label)
        self.prefill_bar = QProgressBar()
        self.prefill_bar.setAccessibleName(tr("Reading the prompt"))
        self.prefill_bar.setVisible(False)
        self.prefill_bar.setFormat(tr("Reading the prompt: %v of %m tokens"))
        ml.addWidget(self.prefill_bar)

        # this chat's tools: run_python, a project folder (kept in the conversation's settings)
        self.tools_row = QWidget()
        self.tools_row.setObjectName("tools-row")
        trow = QHBoxLayout(self.tools_row)
        trow.setContentsMargins(10, 4, 10, 0)
        self.tools_box = QCheckBox(tr("Tools"))
        self.tools_box.setAccessibleName(tr("Tools: let the model run Python"))
        self.tools_box.setToolTip(tr("In this chat, let the model run Python in the sandbox "
                                     "(run_python) while it answers; each call shows as a step"))
        self.tools_box.toggled.connect(lambda _on: self._on_tools_changed())
        trow.addWidget(self.tools_box)
        self.folder_btn = QPushButton(tr("Project folder…"))
        self.folder_btn.setAccessibleName(tr("Project folder"))
        self.folder_btn.setToolTip(tr("Let the model list, read and search a folder in this chat "
                                      "(nothing outside it)"))
        self.folder_btn.clicked.connect(self._pick_folder)
        trow.addWidget(self.folder_btn)
        self.folder_label = QLabel("")
        self.folder_label.setObjectName("project-folder")
        self.folder_label.setTextFormat(Qt.PlainText)
        trow.addWidget(self.folder_label)
        self.folder_clear = QToolButton()
        self.folder_clear.setText("✕")
        self.folder_clear.setAccessibleName(tr("Stop sharing the project folder"))
        self.folder_clear.setToolTip(tr("Stop sharing this folder with the model"))
        self.folder_clear.clicked.connect(lambda: self.set_project_folder(None))
        trow.addWidget(self.folder_clear)
        self.write_box = QCheckBox(tr("allow writing"))
        self.write_box.setAccessibleName(tr("Allow writing in the project folder"))
        self.write_box.setToolTip(tr("The model may write files in the folder: Ember shows each "
                                     "change as a diff and writes only what you confirm"))
        self.write_box.toggled.connect(lambda _on: self._on_tools_changed())
        trow.addWidget(self.write_box)
        self.mcp_btn = QToolButton()
        self.mcp_btn.setText("MCP")
        self.mcp_btn.setAccessibleName(tr("MCP servers for this chat"))
        self.mcp_btn.setToolTip(tr("Offer the tools of MCP servers in this chat, or add servers"))
        self.mcp_btn.setPopupMode(QToolButton.InstantPopup)
        self.mcp_menu = QMenu(self.mcp_btn)
        self.mcp_menu.aboutToShow.connect(self._fill_mcp_menu)
        self.mcp_btn.setMenu(self.mcp_menu)
        trow.addWidget(self.mcp_btn)
        self.check_box = QCheckBox(tr("Check code"))
        self.check_box.setAccessibleName(tr("Check code"))
        self.check_box.setToolTip(
            tr("In this chat, run each answer's code against the tests or examples it "
               'gives, in the sandbox; a failure goes back to the model for up to '
               '{CHECK_ROUNDS} repair rounds (Stop ends them)').format(CHECK_ROUNDS=CHECK_ROUNDS))
        self.check_box.toggled.connect(lambda _on: self._on_tools_changed())
        trow.addWidget(self.check_box)
        self.tools_note = QLabel("")
        self.tools_note.setObjectName("tools-note")
        self.tools_note.setWordWrap(True)
        trow.addWidget(self.tools_note, 1)
        trow.addStretch(0)
        ml.addWidget(self.tools_row)

        bottom = QWidget()
        bottom.setObjectName("composer-row")
        bl = QHBoxLayout(bottom)
        bl.setContentsMargins(16, 8, 16, 12)
        self.composer = Composer()
        self.composer.send.connect(self.send)
        self.composer.stop.connect(self.stop)
        self.composer.files_pasted.connect(self.attach_files)
        self.composer.text_pasted.connect(self.attach_text)
        bl.addWidget(self.composer, 1)
        col = QVBoxLayout()
        self.attach_btn = QPushButton(tr("Attach…"))
        self.attach_btn.setAccessibleName(tr("Attach files"))
        self.attach_btn.setToolTip(tr("Attach files: text, Markdown, code, PDF, DOCX, HTML "
                                      "(or drop them on the window)"))
        self.attach_btn.clicked.connect(self._pick_files)
        col.addWidget(self.attach_btn)
        self.send_btn = QPushButton(tr("Send"))
        self.send_btn.setObjectName("send")
        self.send_btn.setAccessibleName(tr("Send"))
        self.send_btn.setToolTip(tr("Send (Enter); while an answer streams: Stop (Esc)"))
        self.send_btn.setDefault(True)
        self.send_btn.clicked.connect(self._send_or_stop)
        col.addWidget(self.send_btn)
        self.json_box = QCheckBox("JSON")
        self.json_box.setAccessibleName(tr("Answer in JSON"))
        self.json_box.setToolTip(tr("Answer in valid JSON (grammar-constrained)"))
        self.json_box.setChecked(bool(self.settings.get("json_mode")))
        col.addLayout(self._build_window_features())   # JSON + its schema (issue 16)
        bl.addLayout(col)
        ml.addWidget(bottom)
        self._refresh_tools_row()
        split.addWidget(main)
        split.setStretchFactor(1, 1)
        side_w = self.fontMetrics().horizontalAdvance("M") * 27   # follows the text's size
        split.setSizes([side_w, max(400, 1180 - side_w)])
        self.setCentralWidget(split)
        self.setAcceptDrops(True)
        self.pending_docs: list = []   # [(Document, tokens)] for the next message
        # answers the database did not take (locked by another program, disk full): shown,
        # kept here and written again every few seconds until the database takes them
        self._unsaved: dict[int, tuple[str, object, str]] = {}  # reply id -> (text, metrics, status)
        self._unsaved_notice = ""
        self._save_retry = QTimer(self)
        self._save_retry.setInterval(self.SAVE_RETRY_MS)
        self._save_retry.timeout.connect(self._retry_saves)

        sb = QStatusBar()
        self.setStatusBar(sb)
        self.stat_labels = {k: QLabel("") for k in ("ttft", "tps", "threads", "ctx", "ram", "vram",
                                                    "api")}
        for k, name in (("ttft", tr("Time to first token")), ("tps", tr("Tokens per second")),
                        ("threads", tr("CPU threads")),
                        ("ctx", tr("Context used")), ("ram", tr("Memory")),
                        ("vram", tr("GPU memory")), ("api", tr("API address"))):
            self.stat_labels[k].setObjectName(f"stat-{k}")
            self.stat_labels[k].setAccessibleName(name)
            sb.addPermanentWidget(self.stat_labels[k])
        self._tab_order()

    # ------------------------------------------------- keyboard, menus, theme, tab order
    def shortcut_handlers(self) -> dict:
        """What each shortcut of shortcuts.SHORTCUTS does (the window's bound ones)."""
        return {"send_anywhere": self.send, "stop": self.stop,
                "regenerate": self.regenerate_last, "copy_last": self.copy_last_answer,
                "focus_composer": self.composer.setFocus, "attach": self._pick_files,
                "new_chat": self.new_chat, "search": self._focus_search,
                "prev_chat": lambda: self._step_chat(-1), "next_chat": lambda: self._step_chat(1),
                "models": self.open_model_manager, "pick_model": self._pick_model,
                "settings": self.open_settings, "toggle_sidebar": self.toggle_sidebar,
                "toggle_theme": self.toggle_theme,
                "line_numbers": lambda: self.set_line_numbers(not self.chat.line_numbers),
                "cheat_sheet": self.show_cheat_sheet, "quit": self.close,
                "export_chat": self.export_current_chat,
                "export_all": lambda: self.transfer.export(None),
                "import_chats": lambda: self.transfer.import_file(),
                "schema": self.open_schema_editor,
                "downloads": lambda: self.downloads_button.toggle_panel()}

    def _shortcuts(self) -> None:
        """Every shortcut in shortcuts.SHORTCUTS as a window action (they work wherever the
        focus is in the window), and the menus that list them."""
        from PySide6.QtGui import QAction, QActionGroup

        from . import shortcuts
        handlers = self.shortcut_handlers()
        self.actions_by_id: dict[str, QAction] = {}
        for sc in shortcuts.SHORTCUTS:
            if not sc.window:
                continue
            act = QAction(tr(sc.label), self)
            act.setShortcuts(shortcuts.sequences(sc.id))
            act.setShortcutContext(Qt.WindowShortcut)
            handler = handlers[sc.id]
            act.triggered.connect(lambda _=False, h=handler: h())
            self.addAction(act)
            self.actions_by_id[sc.id] = act
        A = self.actions_by_id
        A["line_numbers"].setCheckable(True)
        A["line_numbers"].setChecked(self.chat.line_numbers)
        A["toggle_sidebar"].setCheckable(True)
        A["toggle_sidebar"].setChecked(True)
        try:   # hidden in an earlier run: hidden again ("sidebar_visible" in core/settings)
            if not self.settings.get("sidebar_visible"):
                self.sidebar.setVisible(False)
                A["toggle_sidebar"].setChecked(False)
        except KeyError:
            pass
        bar = self.menuBar()
        for k in ("export_chat", "export_all", "import_chats", None, "schema", None, "quit"):
            self.file_menu.addSeparator() if k is None else self.file_menu.addAction(A[k])
        self.export_chat_act, self.export_all_act = A["export_chat"], A["export_all"]
        self.import_act, self.schema_act = A["import_chats"], A["schema"]
        chat = bar.addMenu(tr("&Chat"))
        for k in ("new_chat", "search", "prev_chat", "next_chat", None, "send_anywhere", "stop",
                  "regenerate", "copy_last", "attach", "focus_composer"):
            chat.addSeparator() if k is None else chat.addAction(A[k])
        view = bar.addMenu(tr("&View"))
        theme_menu = view.addMenu(tr("Theme"))
        self.theme_actions = {}
        group = QActionGroup(self)
        for key, label in (("system", tr("Follow the system")), ("light", tr("Light")),
                           ("dark", tr("Dark"))):
            act = theme_menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(str(self.settings.get("theme")) == key)
            act.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            group.addAction(act)
            self.theme_actions[key] = act
        view.addAction(A["toggle_theme"])
        view.addSeparator()
        for k in ("toggle_sidebar", "line_numbers", None, "pick_model", "models", "downloads",
                  "settings"):
            view.addSeparator() if k is None else view.addAction(A[k])
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(A["cheat_sheet"])
        from PySide6.QtWidgets import QApplication
        app = QApplication.instance()
        try:   # "Follow the system": a change of the desktop's scheme switches live
            app.styleHints().colorSchemeChanged.connect(self._on_system_scheme)
        except AttributeError:
            pass

    def _tab_order(self) -> None:
        """Tab goes where the eye goes: the message box, Send, its options, the chat's tools,
        the conversation, then the top bar and the sidebar."""
        chain = [self.composer, self.send_btn, self.attach_btn, self.json_box, self.tools_box,
                 self.folder_btn, self.folder_clear, self.write_box, self.mcp_btn,
                 self.check_box, self.chat, self.model_combo, self.models_btn, self.bench_btn,
                 self.settings_btn, self.new_btn, self.search, self.conv_list]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def show_cheat_sheet(self):
        from .shortcuts import CheatSheet
        dlg = CheatSheet(self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        self._cheat_sheet = dlg
        return dlg

    def set_theme(self, choice: str) -> str:
        """Light, dark or the system's, applied now and kept in the settings."""
        from PySide6.QtWidgets import QApplication

        from . import theme as theme_mod
        if str(self.settings.get("theme")) != choice:
            self.settings.set("theme", choice)
            try:
                self.settings.save()
            except OSError as e:
                self.statusBar().showMessage(tr('The theme was not saved: {e}').format(e=e), 8000)
        if choice in getattr(self, "theme_actions", {}):
            self.theme_actions[choice].setChecked(True)
        self._apply_theme(theme_mod.apply(QApplication.instance(), choice))
        return self.theme

    def _apply_theme(self, theme: str) -> None:
        if theme != self.theme:   # code colours and the messages' tints follow the theme
            self.theme = self.chat.theme = theme
            if self.chat.streaming is None:
                self.render_conversation()

    def toggle_theme(self) -> None:
        self.set_theme("light" if self.theme == "dark" else "dark")

    @Slot()
    def _on_system_scheme(self, *_args) -> None:
        if str(self.settings.get("theme")) == "system":
            from PySide6.QtWidgets import QApplication

            from . import theme as theme_mod
            self._apply_theme(theme_mod.apply(QApplication.instance(), "system"))

    def _line_numbers_setting(self) -> bool:
        try:   # "code_line_numbers" in core/settings.DEFAULTS (False) keeps it across runs
            return bool(self.settings.get("code_line_numbers"))
        except KeyError:
            return bool(getattr(self, "_line_numbers", False))

    def set_line_numbers(self, on: bool) -> None:
        self._line_numbers = on
        try:
            self.settings.set("code_line_numbers", bool(on))
            self.settings.save()
        except (KeyError, ValueError, OSError):
            pass   # kept for this session
        self.chat.set_line_numbers(on)
        act = getattr(self, "actions_by_id", {}).get("line_numbers")
        if act is not None and act.isChecked() != on:
            act.setChecked(on)

    def toggle_sidebar(self) -> None:
        self.sidebar.setVisible(not self.sidebar.isVisible())
        self.actions_by_id["toggle_sidebar"].setChecked(self.sidebar.isVisible())
        if not self.sidebar.isVisible() and self.sidebar.isAncestorOf(self.focusWidget()):
            self.composer.setFocus()
        try:
            self.settings.set("sidebar_visible", not self.sidebar.isHidden())
            self.settings.save()
        except (KeyError, ValueError, OSError):
            pass   # kept for this session

    def _pick_model(self) -> None:
        self.model_combo.setFocus()
        self.model_combo.showPopup()

    def _step_chat(self, delta: int) -> None:
        n = self.conv_list.count()
        if not n:
            return
        row = self.conv_list.currentRow()
        row = (0 if delta > 0 else n - 1) if row < 0 else max(0, min(n - 1, row + delta))
        item = self.conv_list.item(row)
        self.conv_list.setCurrentItem(item)
        self.open_conversation(item.data(Qt.UserRole))

    def regenerate_last(self) -> None:
        """Regenerate the last answer of the chat shown (Ctrl+R)."""
        for w in reversed(self.chat.messages):
            if w.role == "assistant" and w.msg_id is not None:
                self._on_message_action("regenerate", w.msg_id)
                return
        self.statusBar().showMessage(tr("There is no answer to regenerate here."), 3000)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_problem(self, text: str) -> None:
        """A persistent, non-blocking notice above the chat (e.g. history not being saved)."""
        self.banner.setText(text)
        self.banner.setVisible(True)

    # ------------------------------------------------------------- saving answers
    SAVE_RETRY_MS = 2000

    def _save_reply(self, mid, text: str, metrics=None, status: str = "complete") -> bool:
        """The final write of an answer. When the database does not take it (locked by another
        program, disk full) the answer stays on screen and in memory, the user is told, and it
        is written again every SAVE_RETRY_MS until it is saved: the window never stays stuck
        in "generating", and nothing the model wrote is lost while Ember runs."""
        try:
            self.convs.save_reply(mid, text, metrics, status)
        except (StoreLockedError, StoreWriteError) as e:
            self._unsaved[mid] = (text, metrics, status)
            why = (tr("the conversation database {path} is locked by another program.").format(
                path=self.convs.s.db_path) if isinstance(e, StoreLockedError) else str(e))
            self._unsaved_notice = tr(
                "This answer is shown but not saved yet: {why}\n\nEmber keeps it and tries "
                "again every few seconds; it says so here once the answer is saved.").format(why=why)
            self.show_problem(self._unsaved_notice)
            self._save_retry.start()
            return False
        except StoreError as e:  # e.g. its conversation was deleted meanwhile: nothing to keep
            self.statusBar().showMessage(str(e), 8000)
            return False
        self._unsaved.pop(mid, None)
        return True

    @Slot()
    def _retry_saves(self, wait_s: float = 0.1) -> None:
        for mid, (text, metrics, status) in list(self._unsaved.items()):
            try:
                self.convs.save_reply(mid, text, metrics, status, wait_s=wait_s)
            except (StoreLockedError, StoreWriteError):
                return  # still not: the next tick tries again (the notice stays)
            except StoreError:
                pass
            del self._unsaved[mid]
        self._save_retry.stop()
        if self.banner.isVisible() and self.banner.text() == self._unsaved_notice:
            self.banner.setVisible(False)
        self.statusBar().showMessage(tr("The answer that was waiting is saved now."), 8000)
        self.refresh_conversations()

    def _store_failed(self, e: StoreError, what: str) -> None:
        self.show_problem(f"{what}: {e}")
        self.statusBar().showMessage(str(e), 8000)

    # ------------------------------------------------------------------------ models
    def refresh_models(self) -> None:
        self._models = models_mod.available_models()
        current = self.model_combo.currentData()
        self.model_combo.clear()
        for ref in self._models:
            self.model_combo.add_model(ref)
        self.model_combo.check_fits(self._models)   # fits / partial / won't fit, on a thread
        default = self.settings.get("default_model")
        for i, ref in enumerate(self._models):
            if (current is not None and ref.path == current.path) or \
                    (current is None and default and ref.key == default):
                self.model_combo.setCurrentIndex(i)
                break
        self._fill_remote_models(current)
        self.worker.list_remotes()    # asked on a thread of the worker: _on_remote_models

    @Slot(object)
    def _on_remote_models(self, found: list) -> None:
        self._remote_found = found
        self._fill_remote_models(self.model_combo.currentData())

    def _fill_remote_models(self, current) -> None:
        """The remote engines' models after the local ones ("gpu-box · Qwen2.5-7B"); one that
        does not answer is a greyed line saying why."""
        from ..core.remote import RemoteModel
        combo = self.model_combo
        while combo.count() > len(self._models):
            combo.removeItem(combo.count() - 1)
        for x in self._remote_found:
            if x.error:
                combo.addItem(f"{x.remote.name} · {x.short}", None)
                combo.model().item(combo.count() - 1).setEnabled(False)
                combo.setItemData(combo.count() - 1, x.error, Qt.ToolTipRole)
                continue
            for mid in x.models:
                ref = RemoteModel(x.remote.name, mid)
                combo.add_model(ref)
                if isinstance(current, RemoteModel) and current.key == ref.key:
                    combo.setCurrentIndex(combo.count() - 1)

    @Slot()
    def load_selected_model(self) -> None:
        ref = self.model_combo.currentData()
        if ref is None:
            return
        if self.generating:
            self.stop()
        s = self.settings
        remote = getattr(ref, "remote", None)   # a remote engine's model (core/remote.py)
        self.session.model_key = ref.key        # its own defaults apply (Settings: this model)
        ctx = s.effective(None, model=ref.key)["n_ctx"]
        self.worker.request_load.emit(LoadRequest(
            path=ref.path, label=ref.title, ctx=ctx, gpu_layers=s.get("gpu_layers"),
            kv_type=s.get("kv_type"), flash_attn=s.get("flash_attn"),
            model=ref.model if remote else _engine_name(ref), remote=remote))

    @Slot(str)
    def _on_loading(self, label: str) -> None:
        self.model_info = None
        self.model_state.setText(tr('Loading {label}…').format(label=label))
        self.model_progress.setVisible(True)
        ref = self.model_combo.currentData()
        self.model_combo.set_loading(str(ref.key) if ref is not None else None)
        self.send_btn.setEnabled(False)

    @Slot(object, object)
    def _on_loaded(self, info, plan) -> None:
        self.model_info, self.plan = info, plan
        where = (tr("remote engine") if info.architecture == "remote"
                 else tr("{n}/{total} layers on GPU").format(n=info.n_layers_offloaded,
                                                             total=info.n_layers)
                 if info.n_layers_offloaded else "CPU")
        self.model_state.setText(tr('● {name} · {value}K · {where}').format(name=info.name, value=info.n_ctx // 1024, where=where))
        self.model_progress.setVisible(False)
        self.model_combo.set_loading(None)
        text = plan.sentence
        if info.notice:
            text += "  " + info.notice
        self.plan_label.setText(text)
        self.send_btn.setEnabled(True)
        self._refresh_tools_row()
        if self._engine_died_msg is not None:  # back after a restart: say so, keep the reason
            self.show_problem(tr("{why}\n\nEmber restarted the engine and reloaded the model: "
                                 "you can go on.").format(why=self._engine_died_msg))
            self._engine_died_msg = None
        self._refresh_stats()
        req, self._resend_after_load = self._resend_after_load, None
        if req is not None:  # reloaded for documents: answer the waiting question now
            self.worker.request_chat.emit(req)
        self._preview_budget()

    @Slot(str)
    def _on_load_failed(self, msg: str) -> None:
        self.model_state.setText(tr("Not loaded"))
        self.model_progress.setVisible(False)
        self.model_combo.set_loading(None)
        self.plan_label.setText(msg)
        self.send_btn.setEnabled(False)
        QMessageBox.warning(self, tr("Ember could not load the model"), msg)

    @Slot(str)
    def _on_notice(self, msg: str) -> None:
        self.statusBar().showMessage(msg, 10000)

    # ----------------------------------------------------------------- conversations
    def refresh_conversations(self) -> None:
        q = self.search.text().strip()
        try:
            convs = self.convs.list(q or None)
        except StoreError as e:  # locked for reading too (another program's exclusive lock)
            self.statusBar().showMessage(str(e), 8000)
            return
        self.conv_list.clear()
        last_group = None
        for c in convs:
            label = c.title or tr("New chat")
            if c.snippet:
                label += "\n" + c.snippet
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, c.id)
            item.setToolTip(c.title or "")
            if not q:   # by date (search results are best first: no groups)
                group = date_group(c.updated, c.pinned)
                if group != last_group:
                    item.setData(GROUP_ROLE, group_label(group))
                    last_group = group
            self.conv_list.addItem(item)
            if c.id == self.conv_id:
                item.setSelected(True)

    @Slot(QListWidgetItem)
    def _on_conv_clicked(self, item: QListWidgetItem) -> None:
        self.open_conversation(item.data(Qt.UserRole))

    def open_conversation(self, conv_id) -> None:
        if conv_id == self.conv_id:
            return
        if self.generating or self._checking:  # the answer keeps going in its own
            self.stop()  # conversation? No: stop it, saving what was written so far
        self.conv_id = conv_id
        self.json_box.setChecked(bool(self.effective()["json_mode"]))
        self.render_conversation()
        self._refresh_tools_row()

    def render_conversation(self) -> None:
        if self.conv_id is None:
            self.chat.clear()
            return
        try:
            thread = self.convs.path(self.conv_id)
        except StoreError as e:  # keep what is shown
            self.statusBar().showMessage(str(e), 8000)
            return
        self.chat.clear()
        for m in thread:
            content = self._unsaved[m.id][0] if m.id in self._unsaved else m.content
            w = self.chat.add_message(m.role, content, msg_id=m.id)
            w.set_versions(m.version_index, m.version_count)
            w.set_meta(tr("interrupted") if m.interrupted else "")
            if m.role == "assistant":   # this answer's own TTFT and tokens/s
                w.set_metrics(m.ttft, m.tps, m.completion_tokens)
            w.set_can_continue(m.role == "assistant" and m.finish_reason == "length")
            if m.role == "assistant":
                try:
                    steps = self.convs.steps(m.id)
                except StoreError:
                    steps = []
                w.set_steps(steps)
                w.set_runs(runs_of(steps, lambda block, mid=m.id: self.runner.running(mid,
                                                                                      block)))
                line = check_of(steps, self.checker.running(m.id))
                if line is not None:
                    w.set_check(*line)

    @Slot()
    def new_chat(self) -> None:
        if self.generating or self._checking:
            self.stop()
        self.conv_id = None
        self._new_chat_tools = ToolSpec()
        self._new_chat_schema = None
        self.chat.clear()
        self._refresh_tools_row()
        self.composer.setFocus()
        self.refresh_conversations()

    def _conv_menu(self, pos) -> None:
        item = self.conv_list.itemAt(pos)
        if item is None:
            return
        cid = item.data(Qt.UserRole)
        menu = QMenu(self)
        ren = menu.addAction(tr("Rename…"))
        pin = menu.addAction(tr("Unpin") if self.convs.is_pinned(cid) else tr("Pin"))
        dele = menu.addAction(tr("Delete"))
        exp = menu.addAction(tr("Export…"))
        chosen = menu.exec(self.conv_list.mapToGlobal(pos))
        if chosen is exp:
            self.transfer.export([cid])
        elif chosen is ren:
            self.rename_conversation(cid)
        elif chosen is pin:
            self.convs.set_pinned(cid, not self.convs.is_pinned(cid))
            self.refresh_conversations()
        elif chosen is dele:
            self.delete_conversation(cid)

    def rename_conversation(self, cid, title: str | None = None) -> None:
        if title is None:
            title, ok = QInputDialog.getText(self, tr("Rename chat"), tr("Title:"),
                                             text=self.convs.title(cid))
            if not ok:
                return
        self.convs.rename(cid, title.strip() or "Untitled")
        self.refresh_conversations()

    def delete_conversation(self, cid) -> None:
        if (self.generating or self._checking) and cid == self.conv_id:
            self.stop()
        token = self.convs.delete(cid)
        self._pending_delete = token
        if cid == self.conv_id:
            self.new_chat()
        self.refresh_conversations()
        self._show_undo(token)

    def _show_undo(self, token) -> None:
        """An Undo button in the status bar for 10 s (one at a time)."""
        sb = self.statusBar()
        self._drop_undo()
        undo = QPushButton(tr("Undo"))
        undo.setObjectName("undo-delete")
        self._undo_btn = undo

        def do_undo():
            self.convs.undo_delete(token)
            self._drop_undo()
            self.refresh_conversations()

        undo.clicked.connect(do_undo)
        sb.addWidget(undo)
        sb.showMessage(tr("Chat deleted."), 10000)
        self._undo_timer.start(10000)

    @Slot()
    def _drop_undo(self) -> None:
        undo, self._undo_btn = getattr(self, "_undo_btn", None), None
        if undo is not None:
            self.statusBar().removeWidget(undo)
            undo.deleteLater()

    # --------------------------------------------------------------------- sending
    def _send_or_stop(self) -> None:
        self.stop() if self.generating or self._checking else self.send()

    def effective(self) -> dict:
        """Global settings with the current chat's overrides on top."""
        return self.session.effective()

    def sampling(self) -> SamplingSettings:
        return self.session.sampling()

    @Slot()
    def send(self) -> None:
        text = self.composer.toPlainText().strip()
        if not text or self.generating:
            return
        if self.model_info is None:
            self.statusBar().showMessage(tr("The model is still loading: your message is kept."), 5000)
            return
        if self._checking:  # a new question ends the check's rounds
            self.stop()
        self.session.model_name = self.model_info.name
        new = self.conv_id is None
        tools = self._turn_tools()
        if new:  # the new chat's tool settings go with it
            self.session.conversation_settings = {**tool_settings_dict(self._new_chat_tools),
                                                  **self._new_chat_schema_settings()} or None
        try:
            with self.convs.waiting():
                turn = self.session.ask(text, self.pending_docs,
                                        json_mode=self.json_box.isChecked() and not tools)
        except StoreError as e:  # the message stays in the box, the files stay attached
            self._store_failed(e, tr("Your message was not sent (it is still in the box below)"))
            return
        finally:
            self.session.conversation_settings = None
        if new:
            self._new_chat_tools = ToolSpec()
            self._new_chat_schema = None
        self.composer.clear()
        self.pending_docs = []  # attachments belong to the conversation now
        self._render_chips()
        self._start(turn, tools)
        self.refresh_conversations()

    def _start(self, turn, tools: ToolSpec | None = None, repair_round: int = 0) -> None:
        """Show the reply the session began and have the worker stream it (with the tool loop
        when `tools`). `repair_round`: the answer to Check code's n-th repair question."""
        self._repair_round = repair_round
        self.reply_id = turn.reply_id
        self._continue_prefix = turn.prefix
        self._reply_text = ""
        self.render_conversation()
        w = self.chat.messages[-1]
        self.chat.start_stream(w)
        if turn.prefix:
            w.append(turn.prefix)
        self.generating = True
        self.send_btn.setText(tr("Stop"))
        self.send_btn.setObjectName("stop")
        self._last_request = ChatRequest(turn, self.session, tools)
        self.worker.request_chat.emit(self._last_request)

    @Slot()
    def stop(self) -> None:
        if self.generating:
            self.worker.cancel()   # the engine, and a tool loop's cancel event
            self._drop_confirms()
        if self._checking is not None:   # Check code: the sandbox is killed, no more rounds
            _mid, token, _round = self._checking
            token.set()
            self._checking = None
            self._check_idle()
            self.statusBar().showMessage(tr("Check code stopped: no more repair rounds."), 8000)

    @Slot(int, int)
    def _on_prefill(self, done: int, total: int) -> None:
        """A long prompt (documents) is read in chunks: a progress bar; Stop/Esc cancels."""
        if total > 1024 and done < total:
            self.prefill_bar.setMaximum(total)
            self.prefill_bar.setValue(done)
            self.prefill_bar.setVisible(True)
        else:
            self.prefill_bar.setVisible(False)

    # ------------------------------------------------------------------ attachments
    def dragEnterEvent(self, e):  # noqa: N802
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e):  # noqa: N802
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.attach_files(paths)
            e.acceptProposedAction()

    def _pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Attach files"), "",
                                                tr("All files (*)"))
        if paths:
            self.attach_files(paths)

    @Slot(list)
    def attach_files(self, paths: list) -> None:
        self.statusBar().showMessage(tr('Reading {len} file(s)…').format(len=len(paths)), 5000)
        self.worker.request_docs.emit(list(paths))

    @Slot(str)
    def attach_text(self, text: str) -> None:
        self.worker.request_docs.emit([(tr("Pasted text"), text)])

    @Slot(str, int, int)
    def _on_docs_progress(self, name: str, done: int, total: int) -> None:
        """A PDF being read on the documents thread: its page count in the status bar."""
        if done == total or done % 10 == 0:
            self.statusBar().showMessage(tr('Reading {name}: page {done:,} of {total:,}…').format(name=name, done=done, total=total), 5000)

    @Slot(object, object)
    def _on_docs_loaded(self, ok: list, errors: list) -> None:
        if ok:  # replaces "Reading ...: page n of n…"
            self.statusBar().showMessage(
                tr("Attached {names}.").format(names=", ".join(doc.name for doc, _t in ok)), 5000)
        self.pending_docs += ok
        self._render_chips()
        if errors:  # one clear message per file; nothing else is lost
            QMessageBox.warning(self, tr("Some files could not be attached"), "\n".join(errors))
        self._preview_budget()

    def _render_chips(self) -> None:
        while self.chips.count():
            item = self.chips.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for i, (doc, tokens) in enumerate(self.pending_docs):
            chip = QToolButton()
            chip.setObjectName("chip")
            chip.setText(f"{doc.describe(tokens)}  ✕")
            chip.setToolTip(tr("Remove this attachment"))
            chip.clicked.connect(lambda _=False, k=i: self._remove_doc(k))
            self.chips.addWidget(chip)
        self.attach_row.setVisible(bool(self.pending_docs))
        if not self.pending_docs:
            self.budget_label.setVisible(False)

    def _remove_doc(self, k: int) -> None:
        if 0 <= k < len(self.pending_docs):
            del self.pending_docs[k]
        self._render_chips()
        self._preview_budget()

    def _preview_budget(self) -> None:
        """Before sending: what Ember will do with the documents (counted by the engine's
        tokenizer, in the worker's thread; the sentence comes back to _on_preview)."""
        if not self.pending_docs or self.model_info is None:
            return
        docs = [d for d, _ in self.pending_docs]
        if self.conv_id is not None:
            docs = self.convs.documents(self.conv_id) + docs
        history = self.session.history() if self.conv_id is not None else []
        self._preview_serial += 1
        self.budget_label.setText(tr("Counting the documents' tokens…"))
        self.budget_label.setVisible(True)
        self.worker.request_preview.emit(
            self._preview_serial, (docs, history, min(self.effective()["max_tokens"], 4096)))

    @Slot(int, str)
    def _on_preview(self, serial: int, sentence: str) -> None:
        if serial == self._preview_serial and self.pending_docs:
            self.budget_label.setText(sentence)
            self.budget_label.setVisible(True)

    @Slot(object, object)
    def _on_budget(self, tag, note: BudgetNote) -> None:
        if tag != self.reply_id:
            return
        self.budget_label.setText(note.sentence)
        self.budget_label.setVisible(note.decision != "fits" or bool(self.pending_docs))
        if note.decision == "retrieve" and self.chat.streaming is not None:
            self.chat.streaming.set_meta(tr("from: {names}").format(
                names=", ".join(note.used[:6]) + (" …" if len(note.used) > 6 else "")))

    @Slot(object, object)
    def _on_needs_reload(self, tag, note: BudgetNote) -> None:
        """The documents fit this model only with a bigger context: ask, then go on."""
        p = note.plan
        ctx = f"{p.n_ctx // 1024}K" if p is not None else tr("a larger")
        yes = QMessageBox.question(
            self, tr("Reload with a larger context?"),
            tr('{sentence}\n\nReload the model with a {ctx} context now? (No: Ember '
               'sends the parts of the documents that best match your question.)').format(sentence=note.sentence, ctx=ctx)) == QMessageBox.Yes
        req = self._last_request
        if yes and p is not None:
            ref = self.model_combo.currentData()
            self._resend_after_load = req
            self.worker.request_load.emit(LoadRequest(
                path=ref.path, label=ref.title, ctx=p.n_ctx, kv_type=p.kv_type,
                gpu_layers=self.settings.get("gpu_layers"), flash_attn=p.flash_attn,
                model=_engine_name(ref)))
        else:
            req.turn.allow_reload = False
            self.worker.request_chat.emit(req)

    @Slot(object, str)
    def _on_pieces(self, tag, text: str) -> None:
        if tag != self.reply_id:
            return
        self._reply_text += text   # kept here: the view may show another chat meanwhile
        self.chat.append(text)     # (the worker writes the streaming text to the store)

    @Slot(object, object, str)
    def _on_finished(self, tag, metrics, text: str) -> None:
        if tag == self.reply_id:
            text = self._continue_prefix + text
        self._save_reply(tag, text, metrics)
        if tag == self.reply_id:
            w = self.chat.streaming
            self.chat.stop_stream()
            if w is not None:
                if w.text != text:  # e.g. a stop string held back: render the saved text
                    w.set_text(text)
                w.set_metrics(metrics.ttft_s, metrics.decode_tps,
                              getattr(metrics, "completion_tokens", None))
                bits = []
                if self._reply_note:
                    bits.append(self._reply_note)
                if metrics.finish_reason == "cancelled":
                    bits.append(tr("stopped"))
                elif metrics.finish_reason == "length":
                    bits.append(tr("hit the length limit"))
                w.set_meta(" · ".join(bits))
                w.set_can_continue(metrics.finish_reason == "length")
            round_no = self._repair_round
            self._done_generating(metrics)
            if metrics.finish_reason != "cancelled":
                self.check_after_answer(tag, text, round_no)
            elif round_no and self.current_tools().check:
                self.statusBar().showMessage(tr("Check code stopped: no more repair rounds."), 8000)
        self.refresh_conversations()

    @Slot(object, str)
    def _on_failed(self, tag, msg: str) -> None:
        self._save_reply(tag, self._continue_prefix + self._reply_text, None, "interrupted")
        self.chat.stop_stream()
        self._done_generating(None)
        QMessageBox.warning(self, tr("Ember could not answer"), msg)
        self.render_conversation()

    @Slot(object, str)
    def _on_engine_died(self, tag, msg: str) -> None:
        """The engine process died: keep the partial answer, say why, wait for the restart."""
        self._engine_died_msg = msg
        self.model_info = None
        self.send_btn.setEnabled(False)
        self.model_state.setText(tr("Restarting the engine…"))
        self.show_problem(tr("{why}\n\nEmber is restarting the engine; your conversation and "
                             "the partial answer are kept.").format(why=msg))
        if tag is not None and tag == self.reply_id:
            self._save_reply(tag, self._continue_prefix + self._reply_text, None, "interrupted")
            self.chat.stop_stream()
            self._done_generating(None)
            self.render_conversation()

    @Slot(object)
    def _on_engine_ready(self, proc) -> None:
        self.engine_pid = proc.pid
        self.engine_port = self.settings.get("api_port") if proc.started_here else None
        self._refresh_stats()

    def _done_generating(self, metrics) -> None:
        self._repair_round = 0
        self._drop_confirms()
        self.prefill_bar.setVisible(False)
        self.generating = False
        self.reply_id = None
        self.send_btn.setText(tr("Send"))
        self.send_btn.setObjectName("send")
        if metrics is not None:
            self.last_metrics = metrics
        self._refresh_stats()

    # ------------------------------------------------------------- tools in this chat
    def current_tools(self) -> ToolSpec:
        """This chat's Tools / Project folder settings (a new chat's are kept here until its
        first message creates it)."""
        if self.conv_id is None:
            return self._new_chat_tools
        try:
            return self.convs.tool_settings(self.conv_id)
        except StoreError:
            return ToolSpec()

    def _no_tools_reason(self) -> str | None:
        """Why the loaded model cannot use the chat's tools (None: it can)."""
        info = self.model_info
        if info is None or info.tool_calls:
            return None
        if info.architecture == "remote":
            return tr("{name} runs on a remote engine, which Ember uses for plain chats: "
                      "answers go without tools.").format(name=info.name)
        return tr("{name} cannot call tools: its chat template has no tools support "
                  "(Qwen2.5, Qwen3 and Hermes models have it). Answers go without "
                  "tools.").format(name=info.name)

    def _set_tools(self, spec: ToolSpec) -> None:
        if self.conv_id is None:
            self._new_chat_tools = spec
        else:
            try:
                self.convs.set_tool_settings(self.conv_id, spec)
            except StoreError as e:
                self._store_failed(e, tr("The chat's tool settings were not saved"))
        self._refresh_tools_row()

    def _on_tools_changed(self) -> None:
        if getattr(self, "_tools_row_filling", False):
            return
        cur = self.current_tools()
        self._set_tools(ToolSpec(self.tools_box.isChecked(), cur.folder,
                                 bool(cur.folder) and self.write_box.isChecked(), cur.mcp,
                                 self.check_box.isChecked()))

    def _pick_folder(self) -> None:
        start = self.current_tools().folder or ""
        path = QFileDialog.getExistingDirectory(self, tr("Project folder for this chat"), start)
        if path:
            self.set_project_folder(path)

    def set_project_folder(self, path: str | None, *, write: bool = False) -> None:
        """Share a folder with the model in this chat (None: stop); writing only when asked."""
        from pathlib import Path
        if path is not None and not Path(path).is_dir():
            self.statusBar().showMessage(tr('{path} is not a folder.').format(path=path), 8000)
            return
        cur = self.current_tools()
        self._set_tools(dataclasses.replace(
            cur, folder=str(Path(path).resolve()) if path else None, write=bool(path) and write))

    def _fill_mcp_menu(self) -> None:
        """The MCP servers (a small file, read here), each checkable for this chat; and the
        dialog that lists their tools and adds servers."""
        from ..core.agent import mcp
        from ..core.errors import EmberError
        menu = self.mcp_menu
        menu.clear()
        on = set(self.current_tools().mcp)
        try:
            servers = mcp.servers()
        except EmberError as e:
            servers = []
            menu.addAction(str(e)).setEnabled(False)
        for cfg in servers:
            act = menu.addAction(cfg.name)
            act.setCheckable(True)
            act.setChecked(cfg.name in on)
            act.setToolTip(" ".join(cfg.command))
            act.toggled.connect(lambda checked, n=cfg.name: self.set_chat_mcp(n, checked))
        if not servers:
            menu.addAction(tr("No MCP servers yet")).setEnabled(False)
        menu.addSeparator()
        menu.addAction(tr("MCP servers…"), self.open_mcp_servers)

    def set_chat_mcp(self, name: str, on: bool) -> None:
        """Offer (or stop offering) an MCP server's tools in this chat."""
        cur = self.current_tools()
        names = [n for n in cur.mcp if n != name] + ([name] if on else [])
        self._set_tools(dataclasses.replace(cur, mcp=tuple(names)))

    def open_mcp_servers(self):
        from .mcp_servers import McpServersDialog
        dlg = McpServersDialog(self)
        dlg.open()
        return dlg

    def _refresh_tools_row(self) -> None:
        """Show the chat's tool settings; JSON mode is off while tools are on (both are a
        grammar); say when the loaded model cannot use them."""
        from pathlib import Path
        spec = self.current_tools()
        self._tools_row_filling = True
        try:
            self.tools_box.setChecked(spec.run_python)
            self.write_box.setChecked(spec.write)
            self.check_box.setChecked(spec.check)
        finally:
            self._tools_row_filling = False
        folder = spec.folder
        self.folder_label.setText(Path(folder).name or folder if folder else "")
        self.folder_label.setToolTip(folder or "")
        self.folder_clear.setVisible(bool(folder))
        self.write_box.setVisible(bool(folder))
        self.mcp_btn.setText(tr('MCP ({len})').format(len=len(spec.mcp)) if spec.mcp else "MCP")
        self.mcp_btn.setToolTip(tr("MCP servers offered in this chat: {names}").format(
                                    names=", ".join(spec.mcp))
                                if spec.mcp else tr("Offer the tools of MCP servers in this "
                                                    "chat, or add servers"))
        if spec:
            self.json_box.setChecked(False)
            self.json_box.setToolTip(tr("JSON mode and tools cannot be combined (both are a "
                                        "grammar): turn Tools and the project folder off for JSON"))
        else:
            self.json_box.setToolTip(tr("Answer in valid JSON (grammar-constrained)"))
            if not self.json_box.isEnabled():   # tools just went off: the chat's JSON mode
                self.json_box.setChecked(bool(self.effective()["json_mode"]))
        self.json_box.setEnabled(not spec)
        note = ""
        if spec:
            note = self._no_tools_reason() or ""
            if not note and folder and not Path(folder).is_dir():
                note = tr("The project folder {folder} is gone: choose it again.").format(
                    folder=folder)
        self.tools_note.setText(note)
        self.tools_note.setVisible(bool(note))
        self._refresh_schema()

    def _turn_tools(self) -> ToolSpec | None:
        """The tools for the answer about to start (None: a plain answer), and the session's
        history mode to match. A model without tools support answers without them, and says
        so: the chat goes on."""
        spec = self.current_tools()
        self._reply_note = ""
        reason = self._no_tools_reason() if spec else None
        if not spec or reason:
            self.session.tools_enabled = False
            if reason:
                self._reply_note = tr("without tools")
                self.statusBar().showMessage(reason, 15000)
                self.tools_note.setText(reason)
                self.tools_note.setVisible(True)
            return None
        self.session.tools_enabled = True
        return spec

    @Slot(object, object)
    def _on_step(self, tag, ev) -> None:
        """A tool call started (ev.result None) or ended: a step in the streaming answer; the
        text streamed before it stays above it."""
        if tag != self.reply_id or self.chat.streaming is None:
            return
        w = self.chat.streaming
        if ev.result is None:
            w.start_step(ev.step_id, ev.name, ev.arguments, ev.text_before)
            self._reply_text = ""   # the answer's text is the last round's (agent/loop.py)
        else:
            r = ev.result
            w.finish_step(ev.step_id, r.status, r.text, r.seconds, r.data)

    @Slot(object, object)
    def _on_confirm_write(self, tag, ask) -> None:
        """The model wants to write a file: the diff in a dialog that does not block; the
        worker waits for ask.reply()."""
        if tag != self.reply_id or not self.generating:
            ask.reply(False)
            return
        dlg = WriteConfirmDialog(self, str(ask.data.get("path", "")),
                                 str(ask.data.get("diff", "")), ask.folder)
        entry = (dlg, ask)
        self._confirms.append(entry)

        def done(result: int) -> None:
            ask.reply(result == QDialog.Accepted)
            if entry in self._confirms:
                self._confirms.remove(entry)
            dlg.deleteLater()
        dlg.finished.connect(done)
        dlg.open()

    def _drop_confirms(self) -> None:
        """Questions nobody will answer now (Stop, the answer ended): no."""
        for dlg, ask in list(self._confirms):
            ask.reply(False)
            dlg.reject()
        self._confirms.clear()

    # ---------------------------------------------------------------- code block runs
    @Slot(object, int, str)
    def _on_run_code(self, msg_id, block: int, code: str) -> None:
        if msg_id is None or (self.generating and msg_id == self.reply_id):
            self.statusBar().showMessage(tr("Run works once the answer is complete."), 4000)
            return
        if self.runner.run(msg_id, block, code):
            w = self.chat.widget_for(msg_id)
            if w is not None:
                w.set_run(block, {"status": "running"})

    @Slot(object, int, object)
    def _on_run_finished(self, msg_id, block: int, run: dict) -> None:
        w = self.chat.widget_for(msg_id)
        if w is not None:
            w.set_run(block, run)
        if run.get("unsaved"):
            self.statusBar().showMessage(tr('The run was not saved: {value}').format(value=run['unsaved']), 8000)

    # ------------------------------------------------------------------- Check code
    def check_after_answer(self, msg_id, text: str, round_no: int = 0) -> bool:
        """An answer ended normally: with Check code on in this chat, run it against its own
        tests on the checker's thread (the outcome comes to _on_checked). `round_no`: the
        repair round it answers (0: the user's question). False: not checked."""
        if not self.current_tools().check or self._checking is not None:
            return False
        token = self.checker.check(msg_id, text, round_no)
        if token is None:
            return False
        self._checking = (msg_id, token, round_no)
        w = self.chat.widget_for(msg_id)
        if w is not None:
            w.set_check(*check_line("running", None))
        self.statusBar().showMessage(tr("Checking the code against its own tests…"), 10000)
        self.send_btn.setText(tr("Stop"))
        self.send_btn.setObjectName("stop")
        return True

    def _check_idle(self) -> None:
        if not self.generating:
            self.send_btn.setText(tr("Send"))
            self.send_btn.setObjectName("send")

    @Slot(object, object, object, int)
    def _on_checked(self, msg_id, c, token, round_no: int) -> None:
        """A check ended: its line under the answer and in the status bar; a failure asks the
        model for a repair while rounds are left (not after Stop)."""
        cur = self._checking
        live = cur is not None and cur[1] is token
        if live:
            self._checking = None
            self._check_idle()
        status = c.status if live or c.status != "failed" else "cancelled"
        text, state = check_line(status, c.out, round_no)
        w = self.chat.widget_for(msg_id)
        if w is not None:
            w.set_check(text, state, describe(c.out) if c.out else "")
        if not live:
            return
        self.statusBar().showMessage(text, 15000)
        if c.status == "failed" and round_no < CHECK_ROUNDS:
            self._ask_repair(c, round_no + 1)

    def _ask_repair(self, c, round_no: int) -> None:
        """The failed check goes back to the model as the next question (stored and shown like
        any question), answered like one."""
        if self.generating or self.conv_id is None:
            return
        if self.model_info is None:
            self.statusBar().showMessage(tr("The check failed, and the model is not loaded: no "
                                            "repair was asked."), 15000)
            return
        self.session.model_name = self.model_info.name
        tools = self._turn_tools()
        try:
            with self.convs.waiting():
                turn = self.session.ask(repair_request(c),
                                        json_mode=self.json_box.isChecked() and not tools)
        except StoreError as e:
            self._store_failed(e, tr("The check failed, and the repair question was not sent"))
            return
        self._start(turn, tools, repair_round=round_no)
        self.refresh_conversations()

    # ------------------------------------------------------------- message actions
    @Slot(str, object)
    def _on_message_action(self, action: str, msg_id) -> None:
        if self.generating:
            self.statusBar().showMessage(tr("Stop the answer first (Esc)."), 3000)
            return
        if self._checking:   # another version or an edit ends the check's rounds
            self.stop()
        self.session.model_name = self.model_info.name if self.model_info else ""
        try:
            with self.convs.waiting():
                self._message_action(action, msg_id)
        except StoreError as e:
            self._store_failed(e, tr("That did not work"))

    def _message_action(self, action: str, msg_id) -> None:
        json_mode = self.json_box.isChecked()
        if action == "regenerate":
            tools = self._turn_tools()
            self._start(self.session.regenerate(msg_id, json_mode=json_mode and not tools),
                        tools)
        elif action == "continue":  # extends the text of an answer cut by the limit: no tools
            self.session.tools_enabled = False
            self._reply_note = ""
            self._start(self.session.continue_(msg_id, json_mode=json_mode))
        elif action == "edit":
            old = self.convs.content(msg_id)
            text, ok = QInputDialog.getMultiLineText(self, tr("Edit and resend"),
                                                     tr("Your message:"), old)
            if ok and text.strip() and text.strip() != old:
                tools = self._turn_tools()
                self._start(self.session.edit(msg_id, text, json_mode=json_mode and not tools),
                            tools)
        elif action == "delete":
            self.convs.delete_message(msg_id)
            self.render_conversation()
        elif action in ("prev", "next"):
            self.convs.switch_version(msg_id, -1 if action == "prev" else 1)
            self.render_conversation()

    def copy_last_answer(self) -> None:
        for w in reversed(self.chat.messages):
            if w.role == "assistant" and w.text:
                self.chat.copy_to_clipboard(w.answer_text())
                return

    # ----------------------------------------------------------------------- status
    def _refresh_stats(self) -> None:
        """The figures the window knows itself; memory comes from the poller's thread."""
        m = self.last_metrics
        L = self.stat_labels
        L["ttft"].setText(tr('TTFT {value:.0f} ms').format(value=m.ttft_s * 1000) if m and m.ttft_s else tr("TTFT –"))
        L["tps"].setText(tr('{decode_tps:.1f} tokens/s').format(decode_tps=m.decode_tps) if m and m.decode_tps else tr("– tokens/s"))
        note = m.threads_note() if m else None   # fewer threads beside busy cores (issue 24)
        L["threads"].setText(note[0] if note else "")
        L["threads"].setToolTip(note[1] if note else "")
        eng = self.worker.engine
        if self.model_info is not None and eng is not None:
            L["ctx"].setText(tr('context {kv_tokens:,} / {n_ctx:,}').format(kv_tokens=eng.kv_tokens, n_ctx=self.model_info.n_ctx))
        else:
            L["ctx"].setText(tr("context –"))
        L["api"].setText(tr('API 127.0.0.1:{engine_port}').format(engine_port=self.engine_port) if self.engine_port else "")
        L["api"].setToolTip(tr("Editors and scripts reach Ember's OpenAI-compatible API "
                               'at http://127.0.0.1:{engine_port}/v1').format(engine_port=self.engine_port) if self.engine_port else "")
        self.poller.engine_pid = self.engine_pid

    @Slot(object)
    def _on_memory(self, mem: dict) -> None:
        L = self.stat_labels
        L["ram"].setText(tr('RAM {value:.1f} GB (free {value2:.0f} GB)').format(value=mem['rss'] / 2 ** 30, value2=mem['available'] / 2 ** 30))
        vram = mem.get("vram")
        L["vram"].setText(tr('VRAM {value:.1f} / {value2:.0f} GB').format(value=vram[0] / 2 ** 30, value2=vram[1] / 2 ** 30) if vram
                          else tr("VRAM –"))

    # --------------------------------------------------------------------- dialogs
    def open_model_manager(self) -> None:
        from .model_manager import ModelManager
        dlg = ModelManager(self, self.settings, center=self.downloads)
        dlg.models_changed.connect(self.refresh_models)
        dlg.exec()
        self.refresh_models()

    def open_bench(self) -> None:
        from .bench_page import BenchDialog
        BenchDialog(self).exec()

    def open_settings(self) -> None:
        from .settings import SettingsDialog
        cid = self.conv_id
        ref = self.model_combo.currentData()
        dlg = SettingsDialog(self, self.settings,
                             self.convs.get_overrides(cid) if cid is not None else None,
                             self.convs.title(cid) if cid is not None else None,
                             model_key=self.session.model_key,
                             model_title=ref.title if ref is not None else None)
        if dlg.exec():
            self.settings.save()
            from PySide6.QtWidgets import QApplication

            from . import theme as theme_mod
            choice = str(self.settings.get("theme"))
            if choice in getattr(self, "theme_actions", {}):
                self.theme_actions[choice].setChecked(True)
            self._apply_theme(theme_mod.apply(QApplication.instance(), choice))
            if cid is not None and dlg.chat_overrides is not None:
                self.convs.set_overrides(cid, dlg.chat_overrides)
            self.json_box.setChecked(bool(self.effective()["json_mode"]))
            if dlg.reload_needed:
                self.load_selected_model()

    # ------------------------------------ export / import, JSON schema (issue 16, part 3)
    def _build_window_features(self) -> QHBoxLayout:
        """The File menu (export, import) and, beside the JSON checkbox, the chat's schema."""
        from .export_import import ChatTransfer
        self.transfer = ChatTransfer(self, self.convs)
        self._new_chat_schema: dict | None = None
        self._schema_shown_for = object()   # the chat the schema indicator was last set for
        # the File menu comes first in the bar; its actions (with their shortcuts, from
        # shortcuts.SHORTCUTS) are added by _shortcuts()
        self.file_menu = self.menuBar().addMenu(tr("&File"))
        row = QHBoxLayout()
        self.json_box.setAccessibleName(tr("Answer in JSON"))
        row.addWidget(self.json_box)
        self.schema_btn = QToolButton()
        self.schema_btn.setObjectName("json-schema")
        self.schema_btn.setText("{ }")
        self.schema_btn.setAccessibleName(tr("JSON schema for this chat"))
        self.schema_btn.clicked.connect(self.open_schema_editor)
        row.addWidget(self.schema_btn)
        return row

    def export_current_chat(self) -> None:
        if self.conv_id is None:
            self.statusBar().showMessage(tr("Open a chat to export it, or export all chats."), 5000)
            return
        self.transfer.export([self.conv_id])

    def current_schema(self) -> dict | None:
        """The JSON schema this chat's answers follow in JSON mode (a new chat's is kept here
        until its first question)."""
        if self.conv_id is None:
            return self._new_chat_schema
        try:
            return self.convs.schema(self.conv_id)
        except StoreError:
            return None

    def _new_chat_schema_settings(self) -> dict:
        schema = self._new_chat_schema
        return {"schema": schema} if schema is not None else {}

    def set_chat_schema(self, schema: dict | None) -> None:
        """Keep `schema` with this chat (None: any JSON); a schema turns JSON mode on."""
        if self.conv_id is None:
            self._new_chat_schema = schema
        else:
            try:
                self.convs.set_schema(self.conv_id, schema)
            except StoreError as e:
                self._store_failed(e, tr("The chat's JSON schema was not saved"))
                return
        if schema is not None and self.json_box.isEnabled():
            self.json_box.setChecked(True)
        self._refresh_schema()

    def open_schema_editor(self) -> None:
        from .schema_editor import SchemaEditor
        dlg = SchemaEditor(self, self.current_schema())
        if dlg.exec():
            self.set_chat_schema(dlg.schema)

    def _refresh_schema(self) -> None:
        """The composer row says when answers follow a schema; a chat with one opens in JSON
        mode (unless its tools are on: both are a grammar)."""
        from ..core.json_schema import summary
        schema = self.current_schema()
        if self._schema_shown_for != self.conv_id:
            self._schema_shown_for = self.conv_id
            if schema is not None and self.json_box.isEnabled():
                self.json_box.setChecked(True)
        if schema is None:
            self.schema_btn.setText("{ }")
            self.schema_btn.setToolTip(tr("Set a JSON schema that answers in JSON mode follow "
                                          "(Ctrl+Shift+J)"))
        else:
            self.schema_btn.setText(tr('Schema: {summary}').format(summary=summary(schema)))
            self.schema_btn.setToolTip(tr("In JSON mode, answers follow this chat's JSON schema. "
                                          "Click to change or remove it."))

    # ----------------------------------------------------------------------- close
    def closeEvent(self, e):  # noqa: N802
        """Closing mid-answer keeps the partial answer (saved, marked stopped) and exits cleanly."""
        if getattr(self, "_closed", False):  # closed once already: its threads are gone
            super().closeEvent(e)
            return
        self._closed = True
        for signal, slot in self._links:  # results still queued must not reach a closed store
            signal.disconnect(slot)
        self.runner.finished.disconnect(self._on_run_finished)
        self.checker.finished.disconnect(self._on_checked)
        if self.generating and self.reply_id is not None:
            self.worker.cancel()
            self._save_reply(self.reply_id, self._continue_prefix + self._reply_text,
                             {"finish_reason": "cancelled"})
            self.generating = False
        self._drop_confirms()
        self.downloads.stop()   # paused, their bytes kept: the next start resumes them
        self.runner.shutdown()  # running code blocks are stopped, their steps written
        self.checker.shutdown()  # so is a check
        self._save_retry.stop()
        if self._unsaved:  # a last try; what stays unsaved is in the database as last flushed
            self._retry_saves(wait_s=1.0)
        self._stats.stop()
        self.poller.memory.disconnect(self._on_memory)
        self.poller_thread.quit()
        self.poller_thread.wait(3000)
        self.thread.quit()
        if not self.thread.wait(5000):
            # the worker is stuck on an engine that does not answer: ending the engine ends
            # its read (never QThread.terminate())
            proc = self.worker.process
            if proc is not None and proc.started_here:
                proc.kill()
            self.thread.wait(5000)
        self.worker.stop_engine()  # the engine this window started, unless kept for editors
        self.convs.close()
        super().closeEvent(e)
