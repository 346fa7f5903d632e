"""Ember's main window: conversations on the left, the chat on the right, status at the bottom.

The model runs in the engine process (`ember serve`); the window is its client. Nothing slow
runs on the UI thread: talking to the engine happens in the worker's thread (worker.py),
downloads in their own threads (model_manager.py), a code block's Run on the runner's threads
(runs.py), Check code on the checker's (checks.py). The UI reads the store directly (fast,
indexed queries) and writes a streaming reply at most once a second. If the engine dies, the
partial answer is kept, the window says why and the worker restarts the engine.

The window is layout plus wiring (issue 26): window_layout.py builds the widgets; each room
acts on its part, and the worker's signals go to the room they concern:
- `answers` (chat_controller.py): sending, the live answer and its stream, saving it, the
  actions on a message;
- `attachments` (attachments.py): files and pasted text waiting for the next question;
- `tools` (tools_controller.py): the chat's tools, project folder, MCP servers, Check code's
  switch, its JSON schema, the tool loop's steps and write confirmations, a code block's Run;
- `checks` (checks.CheckController): Check code's runs and repair rounds;
- `conversations` (conversation_list.py): the sidebar's list and the thread shown;
- `models` (model_bar.py): the model picker, loading, the status bar's figures;
- `menus` (window_menus.py): shortcuts, menus, theme, dialogs; `transfer` (export_import.py).
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from ..core.session import ChatSession
from ..core.store import StoreError
from ..core.turns import SamplingSettings
from . import window_layout
from .attachments import Attachments
from .chat_controller import ChatController
from .checks import CheckController, CodeChecker
from .conversation_list import ConversationList
from .conversations import ToolSpec
from .export_import import ChatTransfer
from .model_bar import ModelBar
from .poller import start_poller
from .runs import CodeRunner
from .store_conversations import StoreConversations
from .tools_controller import ToolsController
from .window_menus import WindowMenus
from .worker import start_worker


class MainWindow(QMainWindow):
    def __init__(self, convs: StoreConversations, settings, *, theme: str = "light",
                 autoload: bool = True):
        super().__init__()
        self.convs = convs
        self.settings = settings
        self.theme = theme
        self.setWindowTitle("Ember")
        self.resize(1180, 780)
        # below this the sidebar's titles wrap word by word and the composer's row overlaps
        self.setMinimumSize(760, 540)
        # the conversation's logic (core/session.py); the window shows it and sends its turns
        self.session = ChatSession(convs.s, settings)
        self.model_info = None
        self.plan = None
        self.last_metrics = None
        # the open chat's last answer's figures (the status bar's TTFT, tokens/s and context:
        # a reopened chat showed another chat's, and "context 0")
        self.chat_metrics = None
        self.runner = CodeRunner(convs.s)     # Run on a code block, in the sandbox
        self.checker = CodeChecker(convs.s)   # Check code, on the checker's thread
        self.worker, self.thread = start_worker(
            port=settings.get("api_port"), keep_running=bool(settings.get("engine_keep_running")))
        # the rooms (they reach the widgets through the window once it is built)
        self.answers = ChatController(self)
        self.attachments = Attachments(self)
        self.tools = ToolsController(self)
        self.checks = CheckController(self, self.checker)
        self.conversations = ConversationList(self)
        self.models = ModelBar(self)
        self.menus = WindowMenus(self)
        self.transfer = ChatTransfer(self, convs)
        self._links = self._worker_links()
        for signal, slot in self._links:
            signal.connect(slot)

        window_layout.build(self)
        self.tools.refresh()
        self.menus.setup()
        # downloads live with the window (the status bar's item, Ctrl+J; the first-minute
        # notice above the chat); unfinished ones from the last run resume (downloads.py)
        from .downloads import attach_to_window
        self.downloads = attach_to_window(self)
        self.stats_timer.timeout.connect(self.models.refresh_stats)
        self.stats_timer.start()
        # RAM and VRAM are read on a thread of their own (psutil, NVML), once a second
        self.poller, self.poller_thread = start_poller()
        self.poller.memory.connect(self.models.on_memory)
        self.models.refresh_stats()
        self.conversations.refresh()
        self.models.refresh()
        if autoload:
            QTimer.singleShot(0, self.models.load_selected)

    def _worker_links(self) -> list:
        """The worker's signals and the rooms' slots they go to."""
        w, a, m, t, d = self.worker, self.answers, self.models, self.tools, self.attachments
        return [(w.loading, m.on_loading), (w.loaded, m.on_loaded),
                (w.load_failed, m.on_load_failed), (w.notice, m.on_notice),
                (w.prefill, a.on_prefill), (w.pieces, a.on_pieces),
                (w.finished, a.on_finished), (w.failed, a.on_failed),
                (w.budget, a.on_budget), (w.needs_reload, a.on_needs_reload),
                (w.docs_loaded, d.on_loaded), (w.engine_died, a.on_engine_died),
                (w.engine_ready, m.on_engine_ready), (w.preview, d.on_preview),
                (w.docs_progress, d.on_progress), (w.remote_models, m.on_remote_models),
                (w.step, t.on_step), (w.confirm_write, t.on_confirm_write)]

    # ---------------------------------------------------------- the chat shown now
    @property
    def conv_id(self) -> int | None:
        return self.session.conversation_id

    @conv_id.setter
    def conv_id(self, value: int | None) -> None:
        self.session.conversation_id = value

    def effective(self) -> dict:
        """Global settings with the current chat's overrides on top."""
        return self.session.effective()

    def sampling(self) -> SamplingSettings:
        return self.session.sampling()

    def show_problem(self, text: str) -> None:
        """A persistent, non-blocking notice above the chat (e.g. history not being saved)."""
        self.banner.setText(text)
        self.banner.setVisible(True)

    def store_failed(self, e: StoreError, what: str) -> None:
        self.show_problem(f"{what}: {e}")
        self.statusBar().showMessage(str(e), 8000)

    # ------------------------------- what the self-test, the menus and the tests call
    @property
    def generating(self) -> bool:
        return self.answers.generating

    @property
    def reply_id(self):
        return self.answers.reply_id

    @property
    def pending_docs(self) -> list:
        return self.attachments.pending

    @pending_docs.setter
    def pending_docs(self, docs: list) -> None:
        self.attachments.pending = docs

    @property
    def engine_pid(self) -> int | None:
        return self.models.engine_pid

    def send(self) -> None:
        self.answers.send()

    def stop(self) -> None:
        self.answers.stop()

    def new_chat(self) -> None:
        self.conversations.new_chat()

    def open_conversation(self, conv_id) -> None:
        self.conversations.open(conv_id)

    def render_conversation(self) -> None:
        self.conversations.render()

    def refresh_conversations(self) -> None:
        self.conversations.refresh()

    def rename_conversation(self, cid, title: str | None = None) -> None:
        self.conversations.rename(cid, title)

    def delete_conversation(self, cid) -> None:
        self.conversations.delete(cid)

    def refresh_models(self) -> None:
        self.models.refresh()

    def load_selected_model(self) -> None:
        self.models.load_selected()

    def attach_files(self, paths: list) -> None:
        self.attachments.attach_files(paths)

    def current_tools(self) -> ToolSpec:
        return self.tools.current()

    def set_project_folder(self, path: str | None, *, write: bool = False) -> None:
        self.tools.set_project_folder(path, write=write)

    def current_schema(self) -> dict | None:
        return self.tools.current_schema()

    def set_chat_schema(self, schema: dict | None) -> None:
        self.tools.set_chat_schema(schema)

    def check_after_answer(self, msg_id, text: str, round_no: int = 0) -> bool:
        return self.checks.check_after_answer(msg_id, text, round_no)

    def set_theme(self, choice: str) -> str:
        return self.menus.set_theme(choice)

    def toggle_theme(self) -> None:
        self.menus.toggle_theme()

    def toggle_sidebar(self) -> None:
        self.menus.toggle_sidebar()

    # ------------------------------------------------------------- drag and drop
    def dragEnterEvent(self, e):  # noqa: N802
        if self.attachments.accepts(e):
            e.acceptProposedAction()

    def dropEvent(self, e):  # noqa: N802
        if self.attachments.drop(e):
            e.acceptProposedAction()

    # ----------------------------------------------------------------------- close
    def closeEvent(self, e):  # noqa: N802
        """Closing mid-answer keeps the partial answer (saved, marked interrupted), exits cleanly."""
        if getattr(self, "_closed", False):  # closed once already: its threads are gone
            super().closeEvent(e)
            return
        self._closed = True
        for signal, slot in self._links:  # results still queued must not reach a closed store
            signal.disconnect(slot)
        self.tools.close()
        self.checks.close()
        self.answers.close()
        self.downloads.stop()   # paused, their bytes kept: the next start resumes them
        self.runner.shutdown()  # running code blocks are stopped, their steps written
        self.checker.shutdown()  # so is a check
        self.stats_timer.stop()
        self.poller.memory.disconnect(self.models.on_memory)
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
