"""The window's room for a chat's tools and answer options (issue 26).

Per chat, "Tools" lets the model run Python in the sandbox, "Project folder…" lets it list,
read and search a folder (and write in it, each write confirmed with its diff, when "allow
writing" is on), "MCP" offers MCP servers' tools and "Check code" checks each answer; they are
kept in the conversation's settings (a new chat's here, until its first message creates it),
as is the chat's JSON schema. The worker then answers with the tool loop, each call a step of
the answer. A code block's Run goes to the runner's threads (runs.py).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog, QFileDialog

from ..core.store import StoreError
from .conversations import ToolSpec
from .i18n import tr
from .steps import WriteConfirmDialog


class ToolsController(QObject):
    def __init__(self, win):
        super().__init__(win)
        self.w = win
        self.new_chat_tools = ToolSpec()         # the tool settings of a chat not created yet
        self.new_chat_schema: dict | None = None  # and its JSON schema
        self.confirms: list = []                 # open write confirmations: (dialog, ConfirmAsk)
        self._filling = False
        self._schema_shown_for = object()        # the chat the schema indicator was set for
        win.runner.finished.connect(self.on_run_finished)

    # ------------------------------------------------------------- the chat's tools
    def _read(self, new_chat_value, load, unreadable):
        """A chat setting: the open chat's from the store (`unreadable` when the store cannot
        say), or the one kept for the chat not yet begun."""
        w = self.w
        if w.conv_id is None:
            return new_chat_value
        try:
            return load(w.conv_id)
        except StoreError:
            return unreadable

    def current(self) -> ToolSpec:
        """This chat's Tools / Project folder settings."""
        return self._read(self.new_chat_tools, self.w.convs.tool_settings, ToolSpec())

    def no_tools_reason(self) -> str | None:
        """Why the loaded model cannot use the chat's tools (None: it can)."""
        info = self.w.model_info
        if info is None or info.tool_calls:
            return None
        if info.architecture == "remote":
            return tr("{name} runs on a remote engine, which Ember uses for plain chats: "
                      "answers go without tools.").format(name=info.name)
        return tr("{name} cannot call tools: its chat template has no tools support "
                  "(Qwen2.5, Qwen3 and Hermes models have it). Answers go without "
                  "tools.").format(name=info.name)

    def _keep(self, new_chat_attr: str, save, value, failed: str) -> bool:
        """Keep a chat setting: on the open chat in the store, or for the chat not yet begun
        (`new_chat_attr`). False (and the user told) when the store refused it."""
        w = self.w
        if w.conv_id is None:
            setattr(self, new_chat_attr, value)
            return True
        try:
            save(w.conv_id, value)
        except StoreError as e:
            w.store_failed(e, failed)
            return False
        return True

    def set(self, spec: ToolSpec) -> None:
        self._keep("new_chat_tools", self.w.convs.set_tool_settings, spec,
                   tr("The chat's tool settings were not saved"))
        self.refresh()

    def on_changed(self) -> None:
        if self._filling:
            return
        w, cur = self.w, self.current()
        self.set(ToolSpec(w.tools_box.isChecked(), cur.folder,
                          bool(cur.folder) and w.write_box.isChecked(), cur.mcp,
                          w.check_box.isChecked()))

    def pick_folder(self) -> None:
        start = self.current().folder or ""
        path = QFileDialog.getExistingDirectory(self.w, tr("Project folder for this chat"), start)
        if path:
            self.set_project_folder(path)

    def set_project_folder(self, path: str | None, *, write: bool = False) -> None:
        """Share a folder with the model in this chat (None: stop); writing only when asked."""
        if path is not None and not Path(path).is_dir():
            self.w.statusBar().showMessage(tr('{path} is not a folder.').format(path=path), 8000)
            return
        self.set(dataclasses.replace(
            self.current(), folder=str(Path(path).resolve()) if path else None,
            write=bool(path) and write))

    def fill_mcp_menu(self) -> None:
        """The MCP servers (a small file, read here), each checkable for this chat; and the
        dialog that lists their tools and adds servers."""
        from ..core.agent import mcp
        from ..core.errors import EmberError
        menu = self.w.mcp_menu
        menu.clear()
        on = set(self.current().mcp)
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
        cur = self.current()
        names = [n for n in cur.mcp if n != name] + ([name] if on else [])
        self.set(dataclasses.replace(cur, mcp=tuple(names)))

    def open_mcp_servers(self):
        from .mcp_servers import McpServersDialog
        dlg = McpServersDialog(self.w)
        dlg.open()
        return dlg

    def refresh(self) -> None:
        """Show the chat's tool settings; JSON mode is off while tools are on (both are a
        grammar); say when the loaded model cannot use them."""
        w = self.w
        spec = self.current()
        self._filling = True
        try:
            w.tools_box.setChecked(spec.run_python)
            w.write_box.setChecked(spec.write)
            w.check_box.setChecked(spec.check)
        finally:
            self._filling = False
        folder = spec.folder
        w.folder_label.setText(Path(folder).name or folder if folder else "")
        w.folder_label.setToolTip(folder or "")
        w.folder_clear.setVisible(bool(folder))
        w.write_box.setVisible(bool(folder))
        w.mcp_btn.setText(tr('MCP ({len})').format(len=len(spec.mcp)) if spec.mcp else "MCP")
        w.mcp_btn.setToolTip(tr("MCP servers offered in this chat: {names}").format(
                                 names=", ".join(spec.mcp))
                             if spec.mcp else tr("Offer the tools of MCP servers in this "
                                                 "chat, or add servers"))
        self._json_box_for(spec)
        note = ""
        if spec:
            note = self.no_tools_reason() or ""
            if not note and folder and not Path(folder).is_dir():
                note = tr("The project folder {folder} is gone: choose it again.").format(
                    folder=folder)
        w.tools_note.setText(note)
        w.tools_note.setVisible(bool(note))
        self.refresh_schema()

    def _json_box_for(self, spec: ToolSpec) -> None:
        box = self.w.json_box
        if spec:
            box.setChecked(False)
            box.setToolTip(tr("JSON mode and tools cannot be combined (both are a "
                              "grammar): turn Tools and the project folder off for JSON"))
        else:
            box.setToolTip(tr("Answer in valid JSON (grammar-constrained)"))
            if not box.isEnabled():   # tools just went off: the chat's JSON mode
                box.setChecked(bool(self.w.effective()["json_mode"]))
        box.setEnabled(not spec)

    def turn_tools(self) -> ToolSpec | None:
        """The tools for the answer about to start (None: a plain answer), and the session's
        history mode to match. A model without tools support answers without them, and says
        so: the chat goes on."""
        w = self.w
        spec = self.current()
        w.answers.reply_note = ""
        reason = self.no_tools_reason() if spec else None
        if not spec or reason:
            w.session.tools_enabled = False
            if reason:
                w.answers.reply_note = tr("without tools")
                w.statusBar().showMessage(reason, 15000)
                w.tools_note.setText(reason)
                w.tools_note.setVisible(True)
            return None
        w.session.tools_enabled = True
        return spec

    # ------------------------------------------------------ the tool loop's steps
    @Slot(object, object)
    def on_step(self, tag, ev) -> None:
        """A tool call started (ev.result None) or ended: a step in the streaming answer; the
        text streamed before it stays above it."""
        w = self.w
        if tag != w.answers.reply_id or w.chat.streaming is None:
            return
        m = w.chat.streaming
        if ev.result is None:
            m.start_step(ev.step_id, ev.name, ev.arguments, ev.text_before)
            w.answers.reply_text = ""   # the answer's text is the last round's (agent/loop.py)
        else:
            r = ev.result
            m.finish_step(ev.step_id, r.status, r.text, r.seconds, r.data)

    @Slot(object, object)
    def on_confirm_write(self, tag, ask) -> None:
        """The model wants to write a file: the diff in a dialog that does not block; the
        worker waits for ask.reply()."""
        w = self.w
        if tag != w.answers.reply_id or not w.answers.generating:
            ask.reply(False)
            return
        dlg = WriteConfirmDialog(w, str(ask.data.get("path", "")),
                                 str(ask.data.get("diff", "")), ask.folder,
                                 warning=str(ask.data.get("warning") or ""))
        entry = (dlg, ask)
        self.confirms.append(entry)

        def done(result: int) -> None:
            ask.reply(result == QDialog.Accepted)
            if entry in self.confirms:
                self.confirms.remove(entry)
            dlg.deleteLater()
        dlg.finished.connect(done)
        dlg.open()

    def drop_confirms(self) -> None:
        """Questions nobody will answer now (Stop, the answer ended): no."""
        for dlg, ask in list(self.confirms):
            ask.reply(False)
            dlg.reject()
        self.confirms.clear()

    # ---------------------------------------------------------------- code block runs
    @Slot(object, int, str)
    def on_run_code(self, msg_id, block: int, code: str) -> None:
        w = self.w
        if msg_id is None or (w.answers.generating and msg_id == w.answers.reply_id):
            w.statusBar().showMessage(tr("Run works once the answer is complete."), 4000)
            return
        if w.runner.run(msg_id, block, code):
            m = w.chat.widget_for(msg_id)
            if m is not None:
                m.set_run(block, {"status": "running"})

    @Slot(object, int, object)
    def on_run_finished(self, msg_id, block: int, run: dict) -> None:
        w = self.w
        m = w.chat.widget_for(msg_id)
        if m is not None:
            m.set_run(block, run)
        if run.get("unsaved"):
            w.statusBar().showMessage(tr('The run was not saved: {value}').format(
                value=run['unsaved']), 8000)

    # ------------------------------------------------ the chat's JSON schema (issue 16)
    def current_schema(self) -> dict | None:
        """The JSON schema this chat's answers follow in JSON mode."""
        return self._read(self.new_chat_schema, self.w.convs.schema, None)

    def new_chat_schema_settings(self) -> dict:
        schema = self.new_chat_schema
        return {"schema": schema} if schema is not None else {}

    def set_chat_schema(self, schema: dict | None) -> None:
        """Keep `schema` with this chat (None: any JSON); a schema turns JSON mode on."""
        w = self.w
        if not self._keep("new_chat_schema", w.convs.set_schema, schema,
                          tr("The chat's JSON schema was not saved")):
            return
        if schema is not None and w.json_box.isEnabled():
            w.json_box.setChecked(True)
        self.refresh_schema()

    def open_schema_editor(self) -> None:
        from .schema_editor import SchemaEditor
        dlg = SchemaEditor(self.w, self.current_schema())
        if dlg.exec():
            self.set_chat_schema(dlg.schema)

    def refresh_schema(self) -> None:
        """The composer row says when answers follow a schema; a chat with one opens in JSON
        mode (unless its tools are on: both are a grammar)."""
        from ..core.json_schema import summary
        w = self.w
        schema = self.current_schema()
        if self._schema_shown_for != w.conv_id:
            self._schema_shown_for = w.conv_id
            if schema is not None and w.json_box.isEnabled():
                w.json_box.setChecked(True)
        if schema is None:
            w.schema_btn.setText("{ }")
            w.schema_btn.setToolTip(tr("Set a JSON schema that answers in JSON mode follow "
                                       "(Ctrl+Shift+J)"))
        else:
            w.schema_btn.setText(tr('Schema: {summary}').format(summary=summary(schema)))
            w.schema_btn.setToolTip(tr("In JSON mode, answers follow this chat's JSON schema. "
                                       "Click to change or remove it."))

    def close(self) -> None:
        self.w.runner.finished.disconnect(self.on_run_finished)
        self.drop_confirms()
