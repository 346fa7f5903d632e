"""MCP servers in the window (issue 15): the list with each server's tools and descriptions (or
why it does not start), Add… (name, command line, environment) and Remove. The work is
desktop/core/agent/mcp.py's; starting a server to list its tools runs on a worker thread, never
on the UI thread (a server may take seconds to start, or hang)."""
from __future__ import annotations

import shlex

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTreeWidget, QTreeWidgetItem

from ..core.agent import mcp
from ..core.errors import EmberError
from .i18n import same, tr
from .list_manager import AddForm, ListManager

# probes still running after their dialog closed: kept here until they end (a worker whose
# Python object is collected mid-run cannot deliver its result: "Signal source has been deleted")
_RUNNING: set = set()


def probe(cfg: mcp.McpServerConfig) -> tuple[str, list, str | None]:
    """On a worker thread: start the server, list its tools, stop it."""
    conn = mcp.McpConnection(cfg, start_timeout=20).start()
    try:
        return cfg.name, list(conn.tools), conn.error
    finally:
        conn.close()


class AddMcpDialog(AddForm):
    added = Signal(object)   # McpServerConfig

    def __init__(self, parent=None):
        super().__init__(parent, title=tr("Add an MCP server"), min_width=520,
                         intro=tr("A local MCP server that speaks over standard input and output "
                                  "(stdio). Its tools can then be offered to the model in a chat."))
        self.name = QLineEdit()
        self.name.setPlaceholderText(same("files"))
        self.name.setAccessibleName(tr("Server name"))
        self.command = QLineEdit()
        self.command.setPlaceholderText(same("npx -y @modelcontextprotocol/server-filesystem ~/notes"))
        self.command.setAccessibleName(tr("Command line"))
        self.env = QPlainTextEdit()
        self.env.setPlaceholderText(tr("KEY=VALUE, one a line (optional)"))
        self.env.setAccessibleName(tr("Environment variables"))
        self.env.setFixedHeight(70)
        self.form.addRow(tr("Name"), self.name)
        self.form.addRow(tr("Command"), self.command)
        self.form.addRow(tr("Environment"), self.env)

    def submit(self) -> mcp.McpServerConfig | None:
        try:
            cmd = shlex.split(self.command.text())
        except ValueError as e:
            self.note.setText(tr('The command line cannot be read: {e}.').format(e=e))
            return None
        env = {}
        for line in self.env.toPlainText().splitlines():
            line = line.strip()
            if not line:
                continue
            if "=" not in line:
                self.note.setText(tr('Environment lines are KEY=VALUE, not {line!r}.').format(line=line))
                return None
            k, v = line.split("=", 1)
            env[k.strip()] = v
        try:
            cfg = mcp.add(self.name.text().strip(), cmd, env=env)
        except EmberError as e:
            self.note.setText(str(e))
            return None
        self.added.emit(cfg)
        self.accept()
        return cfg


class McpServersDialog(ListManager):
    """The MCP servers: their tools (asked on a worker thread), add, remove."""
    probed = Signal(str)     # a server's tools (or its error) are shown

    def __init__(self, parent=None):
        tree = QTreeWidget()
        tree.setHeaderLabels([tr("Server / tool"), tr("Description")])
        tree.setAccessibleName(tr("MCP servers and their tools"))
        tree.setColumnWidth(0, 220)
        super().__init__(parent, title=tr("MCP servers"), size=(640, 380), view=tree,
                         add_label=tr("Add MCP server…"))
        self.tree = tree
        self._workers = []
        self._items: dict[str, QTreeWidgetItem] = {}
        self.populate()

    def populate(self) -> None:
        from superqt.utils import create_worker
        self.tree.clear()
        self._items = {}
        try:
            items = mcp.servers()
        except EmberError as e:
            QTreeWidgetItem(self.tree, [str(e), ""])
            return
        for cfg in items:
            it = QTreeWidgetItem(self.tree, [cfg.name, " ".join(cfg.command)])
            it.setData(0, 256, cfg.name)
            QTreeWidgetItem(it, ["starting…", "asking the server for its tools"])
            it.setExpanded(True)
            self._items[cfg.name] = it
            w = create_worker(probe, cfg, _start_thread=False,
                              _connect={"returned": self._probed})
            self._workers.append(w)
            _RUNNING.add(w)
            w.finished.connect(lambda w=w: _RUNNING.discard(w))
            w.start()
        self.remove_btn.setEnabled(bool(items))

    @Slot(object)
    def _probed(self, result) -> None:
        name, tools, error = result
        it = self._items.get(name)
        if it is None:
            return
        it.takeChildren()
        if error:
            QTreeWidgetItem(it, ["not available", error])
        for t in tools:
            child = QTreeWidgetItem(it, [t.name, " ".join((t.description or "").split())])
            child.setToolTip(1, t.description or "")
        if not error and not tools:
            QTreeWidgetItem(it, ["(no tools)", ""])
        self.probed.emit(name)

    def make_add_form(self) -> AddMcpDialog:
        return AddMcpDialog(self)

    def selected_name(self) -> str | None:
        it = self.tree.currentItem()
        while it is not None and it.parent() is not None:
            it = it.parent()
        return it.data(0, 256) if it is not None else None

    def remove(self, name: str) -> list[str]:
        mcp.remove(name)
        return []
