"""Tools in the window (issue 15), driven like a user would (pytest-qt, offscreen): Run on an
answer's code block (in the real sandbox, saved as a step, shown again after reopening, Stop),
and a chat's Tools / Project folder answered by a real engine process with a synthesized model
that calls tools (llama.cpp never mocked): the steps as they run and after reopening, a write
declined in the dialog, Stop mid-loop, and a model without tools support (the embedded Gemma);
Check code: a failing answer checked and a repair asked and checked again, an answer without
tests not checked, the rounds used up, Stop during a check and during a repair."""
from __future__ import annotations

import dataclasses
import json
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import synth  # noqa: E402
from PySide6.QtCore import QUrl  # noqa: E402

from desktop.core import sandbox  # noqa: E402

NEEDS_SANDBOX = pytest.mark.skipif(not sandbox.probe().available,
                                   reason="no isolation here: " + sandbox.probe().reason)
LOAD_MS = 120_000
ANSWER_MS = 120_000


@pytest.fixture(scope="module")
def eager_model(tmp_path_factory):
    """A tiny Qwen2 with Qwen2.5's tools template that opens <tool_call> after a newline (where
    every prompt ends): with the lazy grammar, each round is a valid call of an offered tool."""
    return synth.write_qwen2(tmp_path_factory.mktemp("gui-tools"), name="tiny-qwen-eager",
                             shards=1, chat_template=synth.QWEN25_TOOLS_CHAT_TEMPLATE,
                             user_tokens=synth.TOOL_TOKENS, eos_logit_bias=3.0,
                             favour={synth.bytes_to_unicode()[10]: "<tool_call>"})


@pytest.fixture(scope="module")
def win(qapp):
    from desktop.ui.app import create_window
    _, w = create_window(autoload=False, first_run_dialog=False)
    w.settings.set("max_tokens", 120)
    w.settings.set("temperature", 0.0)
    w.show()
    yield w
    w.close()


def _load(qtbot, w, path, label):
    from desktop.ui.worker import LoadRequest
    w.model_info = None
    w.worker.request_load.emit(LoadRequest(path=path, label=label))
    qtbot.waitUntil(lambda: w.model_info is not None, timeout=LOAD_MS)


def _click(widget, url: str) -> None:
    """A click on a link of a rendered message (as QTextBrowser reports it)."""
    widget.body.anchorClicked.emit(QUrl(url))


def _answer_with_code(store) -> tuple[int, int]:
    cid = store.create_conversation(model="m")
    q = store.add_message(cid, "user", "Print six times seven.")
    rid = store.begin_reply(cid, q)
    store.finish_reply(rid, "Like this:\n\n```python\nimport sys\nprint(6*7)\n"
                            "print('a warning', file=sys.stderr)\n```\n\nA slow one:\n\n"
                            "```python\nimport time\ntime.sleep(30)\n```\n\n```js\nf()\n```\n",
                       {"finish_reason": "stop"})
    return cid, rid


@NEEDS_SANDBOX
def test_run_a_code_block_shows_saves_and_shows_again_and_stops(qtbot, win):
    store = win.convs.s
    cid, rid = _answer_with_code(store)
    win.refresh_conversations()
    win.open_conversation(cid)
    w = win.chat.widget_for(rid)
    html = w.body.toHtml()
    assert "ember-run:0" in html and "ember-run:1" in html
    assert "ember-run:2" not in html            # a JavaScript block: Copy only
    _click(w, "ember-run:0")
    qtbot.waitUntil(lambda: win.chat.widget_for(rid).runs.get(0, {}).get("status") == "ok",
                    timeout=20_000)
    text = win.chat.widget_for(rid).body.toPlainText()
    assert "42" in text and "a warning" in text and "exit status 0" in text
    assert "in the sandbox" in text
    # saved as a step of the message
    (st,) = store.steps(rid)
    assert (st.origin, st.name, st.status) == ("user", "run_python", "ok")
    assert json.loads(st.arguments) == {"code": "import sys\nprint(6*7)\n"
                                                "print('a warning', file=sys.stderr)\n",
                                        "block": 0}
    assert st.data["run"]["stdout"] == "42\n" and st.seconds is not None
    # shown again after reopening the conversation
    win.new_chat()
    assert win.chat.widget_for(rid) is None
    win.open_conversation(cid)
    w = win.chat.widget_for(rid)
    assert w.runs[0]["status"] == "ok" and "42" in w.body.toPlainText()
    # a running block can be stopped: Run becomes Stop, and the sandbox is killed
    _click(w, "ember-run:1")
    qtbot.waitUntil(lambda: "ember-stop:1" in win.chat.widget_for(rid).body.toHtml(),
                    timeout=5000)
    assert win.runner.running(rid, 1)
    qtbot.wait(300)
    _click(win.chat.widget_for(rid), "ember-stop:1")
    qtbot.waitUntil(lambda: win.chat.widget_for(rid).runs.get(1, {}).get("status")
                    == "cancelled", timeout=10_000)
    assert "stopped by you" in win.chat.widget_for(rid).body.toPlainText()
    assert [s.status for s in store.steps(rid)] == ["ok", "cancelled"]
    # a run left 'running' by a window that is gone reads as not finished
    store.add_step(rid, origin="user", name="run_python",
                   arguments=json.dumps({"code": "print(1)", "block": 0}))
    win.new_chat()
    win.open_conversation(cid)
    assert win.chat.widget_for(rid).runs[0]["status"] == "interrupted"
    assert "Not finished" in win.chat.widget_for(rid).body.toPlainText()


def test_run_without_a_sandbox_says_it_was_not_run(qtbot, win, monkeypatch):
    monkeypatch.setenv(sandbox.BWRAP_ENV, "")     # no bubblewrap: no isolation here
    assert not sandbox.probe().available
    store = win.convs.s
    cid, rid = _answer_with_code(store)
    win.open_conversation(cid)
    _click(win.chat.widget_for(rid), "ember-run:0")
    qtbot.waitUntil(lambda: win.chat.widget_for(rid).runs.get(0, {}).get("status")
                    == "refused", timeout=10_000)
    text = win.chat.widget_for(rid).body.toPlainText()
    assert "Not run (not isolated" in text and "bubblewrap" in text and "42" not in text
    (st,) = store.steps(rid)
    assert st.status == "refused" and "not run" in st.result


# run_python held by the grammar to one program (an enum, as tests/test_agent.py does): the
# tiny random model then writes exactly this call, and the real sandbox runs it
def _forced_code(monkeypatch, code: str) -> None:
    from desktop.core.agent import python as python_tool
    monkeypatch.setattr(python_tool, "PARAMETERS", {
        "type": "object", "properties": {"code": {"type": "string", "enum": [code]}},
        "required": ["code"]})


def _send(qtbot, w, text: str, wait: bool = True) -> None:
    w.composer.setPlainText(text)
    w.send()
    assert w.generating
    if wait:
        qtbot.waitUntil(lambda: not w.generating, timeout=ANSWER_MS)


@NEEDS_SANDBOX
def test_tools_toggle_runs_the_models_calls_as_steps_stored_and_reopened(qtbot, win,
                                                                         eager_model,
                                                                         monkeypatch):
    _forced_code(monkeypatch, "print(6*7)")
    _load(qtbot, win, eager_model, "tiny tools model")
    assert win.model_info.tool_calls
    win.new_chat()
    assert not win.tools_box.isChecked()
    win.tools_box.setChecked(True)
    assert not win.json_box.isEnabled()        # JSON mode and tools are both a grammar
    starts = []
    win.worker.step.connect(lambda tag, ev: starts.append(ev.result is None))
    _send(qtbot, win, "What is six times seven? Check it.")
    conv = win.convs.s.get_conversation(win.conv_id)
    assert conv.settings["tools"] == ["run_python"]
    reply = win.convs.path(win.conv_id)[-1]
    steps = win.convs.steps(reply.id)
    assert 1 <= len(steps) <= 7
    assert all((s.origin, s.name, s.status) == ("model", "run_python", "ok") for s in steps)
    assert all("42" in s.result for s in steps)
    assert starts[:2] == [True, False]         # shown when each call starts, and when it ends
    # in the view: one collapsed step per call, its output inside
    w = win.chat.widget_for(reply.id)
    shown = list(w.steps.values())
    assert len(shown) == len(steps)
    assert all("run_python" in s.toggle.text() and "done" in s.toggle.text() for s in shown)
    assert not shown[0].details.isVisible()
    shown[0].toggle.click()
    assert shown[0].details.isVisible() and "42" in shown[0].out_view.toPlainText()
    assert "print(6*7)" in shown[0].args_view.toPlainText()
    # after reopening: the same steps, from the store
    cid = win.conv_id
    win.new_chat()
    assert not win.tools_box.isChecked()
    win.open_conversation(cid)
    assert win.tools_box.isChecked()
    w = win.chat.widget_for(reply.id)
    assert [s.toggle.text() for s in w.steps.values()] == [s.toggle.text() for s in shown]
    assert w.text == reply.content


@NEEDS_SANDBOX
def test_stop_while_a_tool_runs_ends_the_loop(qtbot, win, eager_model, monkeypatch):
    _forced_code(monkeypatch, "import time; time.sleep(30)")
    if win.model_info is None or win.model_info.name != "tiny-qwen-eager":
        _load(qtbot, win, eager_model, "tiny tools model")
    win.new_chat()
    win.tools_box.setChecked(True)
    seen = []

    def on_step(tag, ev):
        seen.append(ev)
        if ev.result is None:
            win.stop()                          # Stop while the call runs
    win.worker.step.connect(on_step)
    try:
        _send(qtbot, win, "Sleep.", wait=False)
        qtbot.waitUntil(lambda: not win.generating, timeout=30_000)
    finally:
        win.worker.step.disconnect(on_step)
    assert win.last_metrics.finish_reason == "cancelled"
    reply = win.convs.path(win.conv_id)[-1]
    (st,) = win.convs.steps(reply.id)
    assert st.status == "cancelled" and st.seconds < 20
    assert win.send_btn.text() == "Send"
    assert "stopped" in list(win.chat.widget_for(reply.id).steps.values())[0].toggle.text()


@pytest.fixture
def write_chat(qtbot, win, eager_model, monkeypatch, tmp_path):
    """A new chat sharing a folder with writing allowed, whose model calls write_file: the
    tool alone, its arguments held to one write by the grammar."""
    from desktop.core.agent.folder import Folder
    original = Folder.tools

    def write_only(self):
        return [dataclasses.replace(t, parameters={
            "type": "object", "properties": {
                "path": {"type": "string", "enum": ["notes.txt"]},
                "content": {"type": "string", "enum": ["new text"]}},
            "required": ["path", "content"]}) for t in original(self) if t.name == "write_file"]
    monkeypatch.setattr(Folder, "tools", write_only)
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "notes.txt").write_text("old text\n")
    if win.model_info is None or win.model_info.name != "tiny-qwen-eager":
        _load(qtbot, win, eager_model, "tiny tools model")
    win.new_chat()
    win.set_project_folder(str(proj), write=True)
    assert win.write_box.isVisible() and win.write_box.isChecked()
    assert win.folder_label.text() == "proj"
    return proj


def _next_question(qtbot, win, after=None):
    qtbot.waitUntil(lambda: (bool(win.tools.confirms) and win.tools.confirms[0][0] is not after)
                    or not win.generating, timeout=ANSWER_MS)
    assert win.generating and win.tools.confirms, win.convs.path(win.conv_id)[-1].content
    return win.tools.confirms[0][0]


def test_a_declined_write_leaves_the_file_and_stop_ends_a_pending_question(qtbot, win,
                                                                           write_chat):
    proj = write_chat
    _send(qtbot, win, "Update the notes.", wait=False)
    # the first write asks, with the diff; the window is not blocked while it asks
    dlg = _next_question(qtbot, win)
    diff = dlg.diff_view.toPlainText()
    assert "-old text" in diff and "+new text" in diff and "notes.txt" in diff
    assert win.generating and win.send_btn.text() == "Stop"
    dlg.skip_btn.click()
    # the model tries again in the next round: Stop while that question is open
    second = _next_question(qtbot, win, after=dlg)
    assert (proj / "notes.txt").read_text() == "old text\n"
    win.stop()
    qtbot.waitUntil(lambda: not win.generating, timeout=20_000)
    from shiboken6 import isValid
    assert not win.tools.confirms and not (isValid(second) and second.isVisible())
    assert (proj / "notes.txt").read_text() == "old text\n"
    assert sorted(p.name for p in proj.iterdir()) == ["notes.txt"]
    assert win.last_metrics.finish_reason == "cancelled"
    reply = win.convs.path(win.conv_id)[-1]
    steps = win.convs.steps(reply.id)
    assert [s.name for s in steps] == ["write_file", "write_file"]
    assert [s.status for s in steps] == ["declined", "declined"]
    assert "+new text" in steps[0].data["diff"]
    conv = win.convs.s.get_conversation(win.conv_id)
    assert conv.settings["folder"] == str(proj.resolve()) and conv.settings["folder_write"]


def test_a_confirmed_write_is_written(qtbot, win, write_chat):
    proj = write_chat
    _send(qtbot, win, "Update the notes.", wait=False)
    _next_question(qtbot, win).write_btn.click()
    # written; the next rounds' identical writes have nothing to change and ask nothing
    qtbot.waitUntil(lambda: not win.generating, timeout=ANSWER_MS)
    assert (proj / "notes.txt").read_text() == "new text"
    reply = win.convs.path(win.conv_id)[-1]
    steps = win.convs.steps(reply.id)
    assert steps[0].status == "ok" and steps[0].result.startswith("Wrote notes.txt")
    assert all("already has this content" in s.result for s in steps[1:])


def test_a_model_without_tools_says_so_and_the_chat_goes_on(qtbot, win, gemma_path):
    from desktop.core.models import EMBEDDED
    from desktop.ui.worker import LoadRequest
    win.model_info = None
    win.worker.request_load.emit(LoadRequest(path=gemma_path, label="Gemma", model=EMBEDDED))
    qtbot.waitUntil(lambda: win.model_info is not None, timeout=LOAD_MS)
    assert not win.model_info.tool_calls
    win.new_chat()
    win.settings.set("max_tokens", 8)
    try:
        win.tools_box.setChecked(True)
        assert win.tools_note.isVisible() and "cannot call tools" in win.tools_note.text()
        _send(qtbot, win, "def add(a, b):")
    finally:
        win.settings.set("max_tokens", 120)
    reply = win.convs.path(win.conv_id)[-1]
    assert reply.role == "assistant" and reply.content and not reply.interrupted
    assert win.convs.steps(reply.id) == []
    assert "without tools" in win.chat.widget_for(reply.id).meta.text()
    assert "cannot call tools" in win.statusBar().currentMessage()
    win.tools_box.setChecked(False)
    assert not win.tools_note.isVisible() and win.json_box.isEnabled()


def test_mcp_servers_offered_in_a_chat(qtbot, win, eager_model, tmp_path):
    """The chat's MCP menu: servers checked for this chat (kept in its settings), their tools
    called by the model as steps (the server's own answers), a server that cannot start said in
    the status bar while the answer goes on without it; the MCP servers dialog from the menu."""
    import sys

    from desktop.core.agent import mcp
    adder = tmp_path / "adder.py"
    adder.write_text("from mcp.server import MCPServer\napp = MCPServer('adder')\n"
                     "@app.tool()\ndef add(a: int, b: int) -> int:\n"
                     "    \"\"\"Add two whole numbers.\"\"\"\n    return a + b\napp.run()\n")
    mcp.add("adder-gui", [sys.executable, str(adder)])
    mcp.add("gone-gui", [str(tmp_path / "missing")])
    notices = []
    win.worker.notice.connect(notices.append)
    try:
        if win.model_info is None or win.model_info.name != "tiny-qwen-eager":
            _load(qtbot, win, eager_model, "tiny tools model")
        win.new_chat()
        win.tools.fill_mcp_menu()
        actions = {a.text(): a for a in win.mcp_menu.actions()}
        assert {"adder-gui", "gone-gui", "MCP servers…"} <= set(actions)
        actions["adder-gui"].setChecked(True)
        actions["gone-gui"].setChecked(True)
        assert win.current_tools().mcp == ("adder-gui", "gone-gui")
        assert win.mcp_btn.text() == "MCP (2)" and not win.json_box.isEnabled()
        _send(qtbot, win, "Add two numbers.")
        conv = win.convs.s.get_conversation(win.conv_id)
        assert conv.settings["mcp"] == ["adder-gui", "gone-gui"]
        reply = win.convs.path(win.conv_id)[-1]
        steps = win.convs.steps(reply.id)
        assert steps and all(s.name == "add" for s in steps)
        ok = [s for s in steps if s.status == "ok"]
        assert ok and all(s.result == str(sum(json.loads(s.arguments).values())) for s in ok)
        assert any("gone-gui" in n and "could not be started" in n for n in notices)
        dlg = win.tools.open_mcp_servers()
        qtbot.addWidget(dlg)
        seen = set()
        dlg.probed.connect(seen.add)
        assert dlg.tree.topLevelItemCount() >= 2
        qtbot.waitUntil(lambda: {"adder-gui", "gone-gui"} <= seen, timeout=60_000)
        dlg.close()
    finally:
        win.worker.notice.disconnect(notices.append)
        mcp.remove("adder-gui")
        mcp.remove("gone-gui")


# ------------------------------------------------------------------------------ Check code
FAILING = ("Here it is:\n\n```python\ndef add(a, b):\n    return a - b\n\n"
           "assert add(2, 3) == 5, 'add(2, 3) should be 5'\n```\n")
NO_TESTS = "Here it is:\n\n```python\ndef add(a, b):\n    return a + b\n```\n"
SLOW = ("Slow:\n\n```python\nimport time\ntime.sleep(30)\nassert 1 + 1 == 3\n```\n")


def _checked_answer(store, answer: str, settings: dict | None = None) -> tuple[int, int]:
    """A chat with Check code on and an answer already written (the end of an answer is then
    driven through the window's own path, check_after_answer)."""
    cid = store.create_conversation(model="m", settings=settings or {"check": True})
    q = store.add_message(cid, "user", "Write add(a, b) with a test.")
    rid = store.begin_reply(cid, q)
    store.finish_reply(rid, answer, {"finish_reason": "stop"})
    return cid, rid


def _check_text(win, mid) -> str:
    w = win.chat.widget_for(mid)
    return w.check_label.text() if w is not None and not w.check_label.isHidden() else ""


def _checks(store, mid) -> list:
    return [s for s in store.steps(mid) if s.name == "check_code"]


@NEEDS_SANDBOX
def test_check_code_a_failing_answer_is_repaired_and_checked_again(qtbot, win, eager_model):
    from desktop.core.agent.check import Check, repair_request
    if win.model_info is None or win.model_info.name != "tiny-qwen-eager":
        _load(qtbot, win, eager_model, "tiny tools model")
    store = win.convs.s
    cid, rid = _checked_answer(store, FAILING)
    win.open_conversation(cid)
    assert win.check_box.isChecked() and not win.tools_box.isChecked()
    assert win.check_after_answer(rid, FAILING)       # what the end of an answer calls
    assert win.send_btn.text() == "Stop" and "running" in _check_text(win, rid)
    # the check fails: the repair question is sent by itself, answered, and checked too
    qtbot.waitUntil(lambda: len(win.convs.path(cid)) == 4 and not win.generating
                    and win.checks.checking is None, timeout=ANSWER_MS)
    q, a, repair, fixed = win.convs.path(cid)
    assert repair.role == "user" and fixed.role == "assistant" and not fixed.interrupted
    (st,) = _checks(store, rid)         # the check, stored on the answer: the question says it
    assert repair.content == repair_request(Check("failed", "", st.data["run"]))
    assert "AssertionError: add(2, 3) should be 5" in repair.content
    assert "exit status 1" in repair.content
    # every round is shown: the failure under the first answer, the question in the chat,
    # the repair's check under its answer (a tiny random model writes no tests)
    line = _check_text(win, rid)
    assert "exit status 1 (failed)" in line and "add(2, 3) should be 5" in line
    assert "asking for a repair (1 of 2)" in line
    assert win.chat.widget_for(repair.id).text == repair.content
    assert _check_text(win, fixed.id) == "Check: no tests or examples in the answer: not checked"
    assert win.send_btn.text() == "Send"
    # stored: a check step on each answer (never in the model's history)
    assert st.origin == "user" and st.status == "error" and st.data["check"] == "failed"
    assert st.data["round"] == 0 and st.data["run"]["exit"] == 1
    (st2,) = _checks(store, fixed.id)
    assert st2.data["check"] == "no_tests" and st2.data["round"] == 1
    assert all(m.get("role") != "tool" for m in win.session.history())
    # shown again after reopening
    win.new_chat()
    win.open_conversation(cid)
    assert "asking for a repair (1 of 2)" in _check_text(win, rid)
    assert "not checked" in _check_text(win, fixed.id)


@NEEDS_SANDBOX
def test_check_code_per_chat_no_tests_and_rounds_used_up(qtbot, win, eager_model):
    from desktop.core.agent.check import CHECK_ROUNDS
    if win.model_info is None or win.model_info.name != "tiny-qwen-eager":
        _load(qtbot, win, eager_model, "tiny tools model")
    # a new chat keeps Check code until its first message creates it; not a tool: JSON stays
    win.new_chat()
    assert not win.check_box.isChecked()
    win.check_box.setChecked(True)
    assert win.current_tools().check and not win.current_tools()
    assert win.json_box.isEnabled()
    _send(qtbot, win, "Write add(a, b).")
    cid = win.conv_id
    conv = win.convs.s.get_conversation(cid)
    assert conv.settings.get("check") is True and "tools" not in conv.settings
    # the end of the answer checked it: no tests, so not checked, and nothing is sent
    qtbot.waitUntil(lambda: win.checks.checking is None, timeout=20_000)
    qtbot.wait(200)
    q, a = win.convs.path(cid)
    assert not win.generating
    assert _check_text(win, a.id) == "Check: no tests or examples in the answer: not checked"
    assert "not checked" in win.statusBar().currentMessage()
    win.new_chat()
    assert not win.check_box.isChecked()
    win.open_conversation(cid)
    assert win.check_box.isChecked()
    # an answer that still fails when the rounds are used up: said, nothing more sent
    store = win.convs.s
    cid2, rid2 = _checked_answer(store, FAILING)
    win.open_conversation(cid2)
    assert win.check_after_answer(rid2, FAILING, CHECK_ROUNDS)
    qtbot.waitUntil(lambda: win.checks.checking is None, timeout=20_000)
    qtbot.wait(200)
    assert len(win.convs.path(cid2)) == 2 and not win.generating
    line = _check_text(win, rid2)
    assert "(failed)" in line and f"still failing after {CHECK_ROUNDS} repair rounds" in line
    assert "still failing" in win.statusBar().currentMessage()
    # a passing answer says so; with Check code off, nothing is checked
    passing = FAILING.replace("a - b", "a + b")
    cid3, rid3 = _checked_answer(store, passing)
    win.open_conversation(cid3)
    assert win.check_after_answer(rid3, passing)
    qtbot.waitUntil(lambda: win.checks.checking is None, timeout=20_000)
    assert _check_text(win, rid3).startswith("Check: exit status 0 (passed)")
    win.check_box.setChecked(False)
    assert not win.convs.tool_settings(cid3).check
    assert not win.check_after_answer(rid3, passing)


@NEEDS_SANDBOX
def test_check_code_stop_ends_the_rounds(qtbot, win, eager_model, monkeypatch):
    store = win.convs.s
    # Stop while the check runs: its sandbox is killed, no repair is asked
    cid, rid = _checked_answer(store, SLOW)
    win.open_conversation(cid)
    assert win.check_after_answer(rid, SLOW)
    qtbot.waitUntil(lambda: bool(_checks(store, rid)), timeout=10_000)
    qtbot.wait(300)
    win.stop()
    assert win.checks.checking is None and win.send_btn.text() == "Send"
    qtbot.waitUntil(lambda: not win.checker.running(rid), timeout=10_000)
    qtbot.waitUntil(lambda: "stopped by you" in _check_text(win, rid), timeout=5000)
    (st,) = _checks(store, rid)
    assert st.status == "cancelled" and st.seconds < 20
    qtbot.wait(200)
    assert len(win.convs.path(cid)) == 2 and not win.generating
    # Stop while the model answers the repair question (held in a slow tool call): the
    # answer is saved as stopped, and it is not checked again
    _forced_code(monkeypatch, "import time; time.sleep(30)")
    if win.model_info is None or win.model_info.name != "tiny-qwen-eager":
        _load(qtbot, win, eager_model, "tiny tools model")
    cid2, rid2 = _checked_answer(store, FAILING, {"check": True, "tools": ["run_python"]})
    win.open_conversation(cid2)

    def on_step(tag, ev):
        if ev.result is None:
            win.stop()
    win.worker.step.connect(on_step)
    try:
        assert win.check_after_answer(rid2, FAILING)
        qtbot.waitUntil(lambda: win.generating, timeout=20_000)
        qtbot.waitUntil(lambda: not win.generating, timeout=30_000)
    finally:
        win.worker.step.disconnect(on_step)
    assert win.last_metrics.finish_reason == "cancelled"
    qtbot.wait(300)
    path = win.convs.path(cid2)
    assert len(path) == 4 and path[2].content.startswith("I ran your code")
    assert _checks(store, path[3].id) == [] and win.checks.checking is None
    assert _check_text(win, path[3].id) == ""
    assert "no more repair rounds" in win.statusBar().currentMessage()
    assert win.send_btn.text() == "Send"
