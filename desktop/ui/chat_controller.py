"""The chat's Qt controller (issue 26): sending a question, the live answer and its stream,
saving it, and the actions on a message (regenerate, continue, edit, delete, versions).

The conversation's logic is the Qt-free ChatSession (core/session.py); this room turns the
window's clicks into the session's turns, hands them to the worker (whose thread talks to the
engine process) and shows what comes back: pieces, the prefill's progress, the documents'
budget, the end, a failure, the engine's death. An answer the database does not take (locked
by another program, disk full) stays on screen and in memory and is written again every
SAVE_RETRY_MS until it is saved.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ..core.store import StoreError, StoreLockedError, StoreWriteError
from .attachments import sources_note
from .conversations import ToolSpec
from .endings import can_continue, ending_text
from .i18n import tr
from .store_conversations import tool_settings_dict
from .worker import BudgetNote, ChatRequest, LoadRequest


class ChatController(QObject):
    SAVE_RETRY_MS = 2000

    def __init__(self, win):
        super().__init__(win)
        self.w = win
        self.generating = False
        self.reply_id = None
        self.continue_prefix = ""
        self.reply_text = ""          # the streaming answer (the view may show another chat)
        self.reply_note = ""          # e.g. "without tools", shown with the answer
        self.resend_after_load = None
        self.last_request = None
        self.repair_round = 0         # the repair round of the answer streaming now
        self.engine_died_msg: str | None = None
        # answers the database did not take: reply id -> (text, metrics, status)
        self.unsaved: dict[int, tuple[str, object, str]] = {}
        self._unsaved_notice = ""
        self._save_retry = QTimer(self)
        self._save_retry.setInterval(self.SAVE_RETRY_MS)
        self._save_retry.timeout.connect(self.retry_saves)

    # --------------------------------------------------------------------- sending
    def send_or_stop(self) -> None:
        self.stop() if self.generating or self.w.checks.active else self.send()

    @Slot()
    def send(self) -> None:
        w = self.w
        text = w.composer.toPlainText().strip()
        if not text or self.generating:
            return
        if w.model_info is None:
            w.statusBar().showMessage(tr("The model is still loading: your message is kept."), 5000)
            return
        if w.checks.active:  # a new question ends the check's rounds
            self.stop()
        w.session.model_name = w.model_info.name
        new = w.conv_id is None
        tools = w.tools.turn_tools()
        if new:  # the new chat's tool settings go with it
            w.session.conversation_settings = {**tool_settings_dict(w.tools.new_chat_tools),
                                               **w.tools.new_chat_schema_settings()} or None
        try:
            with w.convs.waiting():
                turn = w.session.ask(text, w.attachments.pending,
                                     json_mode=w.json_box.isChecked() and not tools)
        except StoreError as e:  # the message stays in the box, the files stay attached
            w.store_failed(e, tr("Your message was not sent (it is still in the box below)"))
            return
        finally:
            w.session.conversation_settings = None
        if new:
            w.tools.new_chat_tools = ToolSpec()
            w.tools.new_chat_schema = None
        w.composer.clear()
        w.attachments.clear()   # attachments belong to the conversation now
        self.start(turn, tools)
        w.conversations.refresh()

    def start(self, turn, tools: ToolSpec | None = None, repair_round: int = 0) -> None:
        """Show the reply the session began and have the worker stream it (with the tool loop
        when `tools`). `repair_round`: the answer to Check code's n-th repair question."""
        w = self.w
        self.repair_round = repair_round
        self.reply_id = turn.reply_id
        self.continue_prefix = turn.prefix
        self.reply_text = ""
        w.conversations.render()
        m = w.chat.messages[-1]
        w.chat.start_stream(m)
        if turn.prefix:
            m.append(turn.prefix)
        self.generating = True
        self.show_stop(True)
        self.last_request = ChatRequest(turn, w.session, tools)
        w.worker.request_chat.emit(self.last_request)

    def show_stop(self, on: bool) -> None:
        """The Send button says Stop while an answer streams or a check runs."""
        self.w.send_btn.setText(tr("Stop") if on else tr("Send"))
        self.w.send_btn.setObjectName("stop" if on else "send")

    @Slot()
    def stop(self) -> None:
        if self.generating:
            self.w.worker.cancel()   # the engine, and a tool loop's cancel event
            self.w.tools.drop_confirms()
        self.w.checks.stop()

    # ------------------------------------------------------------ the live answer
    @Slot(int, int)
    def on_prefill(self, done: int, total: int) -> None:
        """A long prompt (documents) is read in chunks: a progress bar; Stop/Esc cancels."""
        bar = self.w.prefill_bar
        if total > 1024 and done < total:
            bar.setMaximum(total)
            bar.setValue(done)
            bar.setVisible(True)
        else:
            bar.setVisible(False)

    @Slot(object, object)
    def on_budget(self, tag, note: BudgetNote) -> None:
        if tag != self.reply_id:
            return
        w = self.w
        # sent: the sentence said what would happen; the question's bubble names the files and
        # the answer's "from:" line the parts sent. Files attached since get their own sentence.
        w.budget_label.setVisible(False)
        w.attachments.preview_budget()
        if note.decision == "retrieve" and w.chat.streaming is not None:
            w.chat.streaming.set_sources(sources_note(note.used))

    @Slot(object, object)
    def on_needs_reload(self, tag, note: BudgetNote) -> None:
        """The documents fit this model only with a bigger context: ask, then go on."""
        w = self.w
        p = note.plan
        ctx = f"{p.n_ctx // 1024}K" if p is not None else tr("a larger")
        yes = QMessageBox.question(
            w, tr("Reload with a larger context?"),
            tr('{sentence}\n\nReload the model with a {ctx} context now? (No: Ember '
               'sends the parts of the documents that best match your question.)').format(
                sentence=note.sentence, ctx=ctx)) == QMessageBox.Yes
        req = self.last_request
        if yes and p is not None:
            ref = w.model_combo.currentData()
            self.resend_after_load = req
            w.worker.request_load.emit(LoadRequest(
                path=ref.path, label=ref.title, ctx=p.n_ctx, kv_type=p.kv_type,
                gpu_layers=w.settings.get("gpu_layers"), flash_attn=p.flash_attn,
                model=w.models.engine_name(ref)))
        else:
            req.turn.allow_reload = False
            w.worker.request_chat.emit(req)

    def resend_waiting(self) -> None:
        """The model reloaded for documents: answer the waiting question now."""
        req, self.resend_after_load = self.resend_after_load, None
        if req is not None:
            self.w.worker.request_chat.emit(req)

    @Slot(object, str)
    def on_pieces(self, tag, text: str) -> None:
        if tag != self.reply_id:
            return
        self.reply_text += text   # kept here: the view may show another chat meanwhile
        self.w.chat.append(text)  # (the worker writes the streaming text to the store)

    @Slot(object, object, str)
    def on_finished(self, tag, metrics, text: str) -> None:
        w = self.w
        if tag == self.reply_id:
            text = self.continue_prefix + text
        self.save_reply(tag, text, metrics)
        if tag == self.reply_id:
            m = w.chat.streaming
            w.chat.stop_stream()
            if m is not None:
                self._show_ending(m, text, metrics)
            round_no = self.repair_round
            self.done_generating(metrics)
            if metrics.finish_reason != "cancelled":
                w.checks.check_after_answer(tag, text, round_no)
            elif round_no and w.tools.current().check:
                w.statusBar().showMessage(tr("Check code stopped: no more repair rounds."), 8000)
        w.conversations.refresh()

    def _show_ending(self, m, text: str, metrics) -> None:
        """The ended answer's text as saved, its figures and how it ended."""
        if m.text != text:  # e.g. a stop string held back: render the saved text
            m.set_text(text)
        m.set_metrics(metrics.ttft_s, metrics.decode_tps,
                      getattr(metrics, "completion_tokens", None))
        ending = ending_text(metrics.finish_reason, False, getattr(metrics, "repetition", False))
        m.set_meta(" · ".join(x for x in (self.reply_note, ending) if x))
        m.set_can_continue(can_continue(metrics.finish_reason))

    @Slot(object, str)
    def on_failed(self, tag, msg: str) -> None:
        # kept with the answer: "ended by an error" (issue 28)
        self.save_reply(tag, self.continue_prefix + self.reply_text, {"finish_reason": "error"},
                        "interrupted")
        self.w.chat.stop_stream()
        self.done_generating(None)
        QMessageBox.warning(self.w, tr("Ember could not answer"), msg)
        self.w.conversations.render()

    @Slot(object, str)
    def on_engine_died(self, tag, msg: str) -> None:
        """The engine process died: keep the partial answer, say why, wait for the restart."""
        w = self.w
        self.engine_died_msg = msg
        w.model_info = None
        w.send_btn.setEnabled(False)
        w.model_state.setText(tr("Restarting the engine…"))
        w.show_problem(tr("{why}\n\nEmber is restarting the engine; your conversation and "
                          "the partial answer are kept.").format(why=msg))
        if tag is not None and tag == self.reply_id:
            self.save_reply(tag, self.continue_prefix + self.reply_text, None, "interrupted")
            w.chat.stop_stream()
            self.done_generating(None)
            w.conversations.render()

    def engine_back(self) -> None:
        """Loaded again after a restart: say so, keeping the reason."""
        if self.engine_died_msg is not None:
            self.w.show_problem(tr("{why}\n\nEmber restarted the engine and reloaded the model: "
                                   "you can go on.").format(why=self.engine_died_msg))
            self.engine_died_msg = None

    def done_generating(self, metrics) -> None:
        w = self.w
        self.repair_round = 0
        w.tools.drop_confirms()
        w.prefill_bar.setVisible(False)
        self.generating = False
        self.reply_id = None
        self.show_stop(False)
        if metrics is not None:
            w.last_metrics = w.chat_metrics = metrics
        w.models.refresh_stats()

    def close(self) -> None:
        """The window closes mid-answer: the partial answer is saved, marked interrupted (shown
        so when the chat is opened again, with Continue); what the database still refuses gets
        a last try."""
        if self.generating and self.reply_id is not None:
            self.w.worker.cancel()
            self.save_reply(self.reply_id, self.continue_prefix + self.reply_text, None,
                            "interrupted")
            self.generating = False
        self._save_retry.stop()
        if self.unsaved:  # what stays unsaved is in the database as last flushed
            self.retry_saves(wait_s=1.0)

    # ------------------------------------------------------------- saving answers
    def save_reply(self, mid, text: str, metrics=None, status: str = "complete") -> bool:
        """The final write of an answer. When the database does not take it (locked by another
        program, disk full) the answer stays on screen and in memory, the user is told, and it
        is written again every SAVE_RETRY_MS until it is saved: the window never stays stuck
        in "generating", and nothing the model wrote is lost while Ember runs."""
        w = self.w
        try:
            w.convs.save_reply(mid, text, metrics, status)
        except (StoreLockedError, StoreWriteError) as e:
            self.unsaved[mid] = (text, metrics, status)
            why = (tr("the conversation database {path} is locked by another program.").format(
                path=w.convs.s.db_path) if isinstance(e, StoreLockedError) else str(e))
            self._unsaved_notice = tr(
                "This answer is shown but not saved yet: {why}\n\nEmber keeps it and tries "
                "again every few seconds; it says so here once the answer is saved.").format(why=why)
            w.show_problem(self._unsaved_notice)
            self._save_retry.start()
            return False
        except StoreError as e:  # e.g. its conversation was deleted meanwhile: nothing to keep
            w.statusBar().showMessage(str(e), 8000)
            return False
        self.unsaved.pop(mid, None)
        return True

    @Slot()
    def retry_saves(self, wait_s: float = 0.1) -> None:
        w = self.w
        for mid, (text, metrics, status) in list(self.unsaved.items()):
            try:
                w.convs.save_reply(mid, text, metrics, status, wait_s=wait_s)
            except (StoreLockedError, StoreWriteError):
                return  # still not: the next tick tries again (the notice stays)
            except StoreError:
                pass
            del self.unsaved[mid]
        self._save_retry.stop()
        if w.banner.isVisible() and w.banner.text() == self._unsaved_notice:
            w.banner.setVisible(False)
        w.statusBar().showMessage(tr("The answer that was waiting is saved now."), 8000)
        w.conversations.refresh()

    # ------------------------------------------------------------- message actions
    @Slot(str, object)
    def on_message_action(self, action: str, msg_id) -> None:
        w = self.w
        if self.generating:
            w.statusBar().showMessage(tr("Stop the answer first (Esc)."), 3000)
            return
        if w.checks.active:   # another version or an edit ends the check's rounds
            self.stop()
        w.session.model_name = w.model_info.name if w.model_info else ""
        try:
            with w.convs.waiting():
                self.message_action(action, msg_id)
        except StoreError as e:
            w.store_failed(e, tr("That did not work"))

    def edit_dialog(self, old: str) -> QInputDialog:
        """Edit and resend, sized for a message (Qt's default multi-line dialog is a few lines
        wide): half the window, at least 60 by 14 lines of text."""
        w = self.w
        dlg = QInputDialog(w)
        dlg.setWindowTitle(tr("Edit and resend"))
        dlg.setLabelText(tr("Your message:"))
        dlg.setOption(QInputDialog.UsePlainTextEditForTextInput, True)
        dlg.setTextValue(old)
        fm = w.fontMetrics()
        dlg.resize(max(fm.horizontalAdvance("M") * 60, w.width() // 2),
                   max(fm.height() * 14, w.height() // 2))
        return dlg

    def ask_edit(self, old: str) -> tuple[str, bool]:
        dlg = self.edit_dialog(old)
        ok = dlg.exec() == QInputDialog.Accepted
        return dlg.textValue(), ok

    def message_action(self, action: str, msg_id) -> None:
        w = self.w
        s = w.session
        json_mode = w.json_box.isChecked()
        if action == "regenerate":
            tools = w.tools.turn_tools()
            self.start(s.regenerate(msg_id, json_mode=json_mode and not tools), tools)
        elif action == "continue":  # extends the text of an answer cut by the limit: no tools
            s.tools_enabled = False
            self.reply_note = ""
            self.start(s.continue_(msg_id, json_mode=json_mode))
        elif action == "edit":
            old = w.convs.content(msg_id)
            text, ok = self.ask_edit(old)
            if ok and text.strip() and text.strip() != old:
                tools = w.tools.turn_tools()
                self.start(s.edit(msg_id, text, json_mode=json_mode and not tools), tools)
        elif action == "delete":
            w.convs.delete_message(msg_id)
            w.conversations.render()
        elif action in ("prev", "next"):
            w.convs.switch_version(msg_id, -1 if action == "prev" else 1)
            w.conversations.render()

    def regenerate_last(self) -> None:
        """Regenerate the last answer of the chat shown (Ctrl+R)."""
        for m in reversed(self.w.chat.messages):
            if m.role == "assistant" and m.msg_id is not None:
                self.on_message_action("regenerate", m.msg_id)
                return
        self.w.statusBar().showMessage(tr("There is no answer to regenerate here."), 3000)

    def copy_last_answer(self) -> None:
        for m in reversed(self.w.chat.messages):
            if m.role == "assistant" and m.text:
                self.w.chat.copy_to_clipboard(m.answer_text())
                return
