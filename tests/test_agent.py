"""Tools in the chat (issue 15): the project folder's confinement, run_python in the sandbox,
and the tool loop driven end to end by a real (synthesized) model that a grammar forces to call
a tool: the call, the sandboxed run, the result back in the prompt, the final answer, every
step stored (and exported, imported, and kept through a kill -9 of the process)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest
import synth

from desktop.core import sandbox
from desktop.core.agent import ToolBox
from desktop.core.agent.folder import Folder
from desktop.core.agent.loop import run_tool_turn
from desktop.core.agent.python import run_python_tool
from desktop.core.agent.toolbox import CallContext
from desktop.core.errors import EmberError

NEEDS_SANDBOX = pytest.mark.skipif(not sandbox.probe().available,
                                   reason="no isolation here: " + sandbox.probe().reason)


def ctx(confirm=None):
    return CallContext(threading.Event(), confirm)


# ------------------------------------------------------------------------ the folder
@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text("def main():\n    return 42\n")
    (root / "README.md").write_text("# Demo\nmain returns 42\n")
    (root / "big.txt").write_text("x" * 300_000)
    (root / "blob.bin").write_bytes(b"\0\1\2" * 100)
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the folder")
    (root / "link_out").symlink_to(secret)
    (root / "dir_out").symlink_to(tmp_path)
    (root / "link_in").symlink_to(root / "README.md")
    return root


def _tools(folder):
    return ToolBox(folder.tools())


def test_folder_tools_list_read_and_search_inside(project):
    box = _tools(Folder(project))
    r = box.call("list_files", {"path": "."}, ctx())
    assert r.ok and "README.md" in r.text and "src/" in r.text
    r = box.call("list_files", {"path": ".", "recursive": True}, ctx())
    assert "src/app.py" in r.text
    r = box.call("read_file", {"path": "src/app.py"}, ctx())
    assert r.ok and r.text == "def main():\n    return 42\n"
    assert box.call("read_file", {"path": "link_in"}, ctx()).text.startswith("# Demo")
    r = box.call("search_text", {"pattern": "return 42"}, ctx())
    assert r.ok and "src/app.py:2: return 42" in r.text
    assert "secret" not in box.call("search_text", {"pattern": "outside"}, ctx()).text


@pytest.mark.parametrize("path, why", [
    ("../secret.txt", "goes up with '..'"),
    ("src/../../secret.txt", "goes up with '..'"),
    ("/etc/passwd", "absolute path"),
    (str(os.path.expanduser("~")), "absolute path"),
    ("~/.bashrc", "absolute path"),
    ("link_out", "leads outside the project folder"),
    ("dir_out/secret.txt", "leads outside the project folder"),
    ("big.txt", "more than the 256.0 KB"),
    ("blob.bin", "not a text file"),
    ("nothere.py", "does not exist"),
])
def test_folder_tools_refuse_what_is_outside_or_too_big(project, path, why):
    box = _tools(Folder(project))
    r = box.call("read_file", {"path": path}, ctx())
    assert not r.ok and r.status == "refused" and why in r.text
    assert "outside the folder" not in r.text  # the secret's content never shows


def test_writes_need_the_grant_and_the_users_confirmation(project):
    box = _tools(Folder(project))
    assert "write_file" not in box.tools  # not granted: not even offered
    folder = Folder(project, write=True)
    box = _tools(folder)
    new = "def main():\n    return 43\n"
    asked = []
    r = box.call("write_file", {"path": "src/app.py", "content": new},
                 ctx(lambda kind, data: asked.append(data) or False))
    assert r.status == "declined" and not r.ok
    assert (project / "src" / "app.py").read_text() == "def main():\n    return 42\n"
    assert "-    return 42" in asked[0]["diff"] and "+    return 43" in asked[0]["diff"]
    r = box.call("write_file", {"path": "src/app.py", "content": new}, ctx(None))
    assert r.status == "declined"  # no one to ask: no write
    r = box.call("write_file", {"path": "src/app.py", "content": new}, ctx(lambda k, d: True))
    assert r.ok and (project / "src" / "app.py").read_text() == new
    r = box.call("write_file", {"path": "../evil.py", "content": "x"}, ctx(lambda k, d: True))
    assert r.status == "refused" and not (project.parent / "evil.py").exists()
    r = box.call("write_file", {"path": "link_out", "content": "x"}, ctx(lambda k, d: True))
    assert r.status == "refused"
    assert (project.parent / "secret.txt").read_text() == "outside the folder"


def test_toolbox_turns_bad_calls_into_results():
    box = ToolBox([run_python_tool()])
    assert "no tool named 'rm'" in box.call("rm", "{}", ctx()).text
    assert "not JSON" in box.call("run_python", "{code:", ctx()).text
    assert "non-empty" in box.call("run_python", {"code": " "}, ctx()).text
    with pytest.raises(EmberError):
        ToolBox([run_python_tool(), run_python_tool()])


@NEEDS_SANDBOX
def test_run_python_tool_runs_in_the_sandbox():
    box = ToolBox([run_python_tool()])
    r = box.call("run_python", {"code": "import sys; print(6*7); print(input()[::-1], "
                                        "file=sys.stderr)", "stdin": "abc\n"}, ctx())
    assert r.ok and "[exit status 0" in r.text and "42" in r.text and "cba" in r.text
    assert r.data["run"]["isolated"] is True
    r = box.call("run_python", {"code": "open('/etc/hostname').read()\nimport socket\n"
                                        "socket.create_connection(('1.1.1.1', 80), 2)"}, ctx())
    assert not r.ok and "exit status 1" in r.text


# --------------------------------------------------------------------- the loop
class Recording:
    """The real engine, with the messages of each round kept (to see what the model read)."""

    def __init__(self, engine):
        self.engine, self.sent = engine, []

    def chat(self, messages, *a, **kw):
        self.sent.append([dict(m) for m in messages])
        return self.engine.chat(messages, *a, **kw)

    def __getattr__(self, name):
        return getattr(self.engine, name)


@pytest.fixture(scope="module")
def tool_model(tmp_path_factory):
    from desktop.core.engine import Engine, LoadSettings
    path = synth.write_qwen2(tmp_path_factory.mktemp("agent"), shards=1,
                             chat_template=synth.QWEN25_TOOLS_CHAT_TEMPLATE,
                             user_tokens=synth.TOOL_TOKENS, eos_logit_bias=3.0)
    e = Engine()
    e.load(path, LoadSettings(n_ctx=2048))
    assert e.tool_support[0], e.tool_support
    yield e
    e.unload()


def _session(tmp_path):
    from desktop.core.session import ChatSession
    from desktop.core.store import Store
    from desktop.core.turns import SamplingSettings
    store = Store(tmp_path / "ember.db")
    s = ChatSession(store, sampling=SamplingSettings(temperature=0, max_tokens=200,
                                                     repeat_penalty=1.0),
                    system=None, model_name="tiny")
    s.tools_enabled = True
    return s, store


# the real run_python, its arguments held by the grammar to one program (an enum): the tiny
# random model then writes exactly this call
FORCED = {"type": "object", "properties": {"code": {"type": "string", "enum": ["print(6*7)"]}},
          "required": ["code"]}


@NEEDS_SANDBOX
def test_loop_end_to_end_call_run_result_answer_and_storage(tool_model, tmp_path):
    session, store = _session(tmp_path)
    eng = Recording(tool_model)
    turn = session.ask("What is six times seven? Check it by running code.")
    steps = []
    r = run_tool_turn(eng, session, turn, ToolBox([run_python_tool(FORCED)]),
                      tool_choice="required", max_rounds=2,
                      on_step=lambda ev: steps.append(type(ev.result).__name__))
    session.finish(turn, r.text, r.metrics)
    # the call and its sandboxed run
    assert r.rounds == 2 and len(r.steps) == 1
    (st,) = store.steps(turn.reply_id)
    assert (st.origin, st.name, st.status) == ("model", "run_python", "ok")
    assert json.loads(st.arguments) == {"code": "print(6*7)"}
    assert "42" in st.result and st.data["run"]["stdout"] == "42\n"
    assert steps == ["NoneType", "ToolResult"]  # shown as it starts, and as it ends
    # the result went back into the second round's prompt, as a tool message after the call
    second = eng.sent[1]
    assert second[-2]["role"] == "assistant" and second[-2]["tool_calls"][0]["function"][
        "name"] == "run_python"
    assert second[-1]["role"] == "tool" and "42" in second[-1]["content"]
    prompt = tool_model.format_chat(second, remember_stops=False, tools=ToolBox(
        [run_python_tool(FORCED)]).specs())
    assert "<tool_response>" in prompt and "42" in prompt  # marked as tool output
    # the final answer is the reply; reopening the chat gives the model the same steps
    assert store.get_message(turn.reply_id).content == r.text
    hist = session.history(with_steps=True)
    assert [m["role"] for m in hist] == ["user", "assistant", "tool"] + (
        ["assistant"] if r.text else [])
    assert hist[2]["content"] == st.result
    # export and import keep the steps
    from desktop.core.store import Store
    other = Store(tmp_path / "other.db")
    res = other.import_json(store.export_json())
    new_conv = res.imported[0]
    reply = [m for m in other.all_messages(new_conv) if m.role == "assistant"][0]
    (copy,) = other.steps(reply.id)
    assert (copy.name, copy.result, copy.arguments, copy.data) == (
        st.name, st.result, st.arguments, st.data)
    assert "run_python" in other.export_markdown([new_conv])


def test_loop_cancel_stops_before_the_tool_runs(tool_model, tmp_path):
    session, store = _session(tmp_path)
    turn = session.ask("Run something.")
    cancel = threading.Event()
    ran = []

    def on_step(ev):
        if ev.result is None:
            cancel.set()  # the user pressed Stop as the call appeared
        ran.append(ev)

    box = ToolBox([run_python_tool(FORCED)])
    box.tools["run_python"].run = lambda args, c: pytest.fail("the tool ran after Stop")
    r = run_tool_turn(tool_model, session, turn, box, tool_choice="required", max_rounds=3,
                      cancel=cancel, on_step=on_step)
    assert r.finish == "cancelled" and r.rounds == 1
    (st,) = store.steps(turn.reply_id)
    assert st.status == "cancelled"


def test_step_running_when_the_process_dies_survives_as_interrupted(tmp_path):
    """kill -9 in the middle of a tool call: the step that ran is there after a restart."""
    db = tmp_path / "ember.db"
    code = f"""
import sys, time
sys.path.insert(0, {str(os.getcwd())!r})
from desktop.core.store import Store
st = Store({str(db)!r})
cid = st.create_conversation(model="m")
q = st.add_message(cid, "user", "run it")
rid = st.begin_reply(cid, q)
done = st.add_step(rid, origin="model", name="run_python", arguments='{{"code": "1"}}')
st.finish_step(done, status="ok", result="[exit status 0]", data={{"run": {{"stdout": ""}}}})
st.add_step(rid, origin="model", name="run_python", arguments='{{"code": "2"}}', round=1)
print(rid, flush=True)
time.sleep(60)
"""
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    rid = int(p.stdout.readline())
    p.kill()
    p.wait(10)
    from desktop.core.store import Store
    with Store(db) as st:
        st.mark_interrupted_on_startup()
        steps = st.steps(rid)
        assert [(s.status, s.result) for s in steps] == [("ok", "[exit status 0]"),
                                                          ("interrupted", "")]
        assert st.get_message(rid).status == "interrupted"


# ------------------------------------------------------------------- ember chat --tools
@NEEDS_SANDBOX
def test_ember_chat_with_tools_and_a_folder(tmp_path):
    """`ember chat --tools --folder` in its own process, through its own engine process: a
    model made to open <tool_call> calls run_python (the lazy grammar holds its arguments to the
    schema), the calls are said on stderr and stored with the answer."""
    model = synth.write_qwen2(tmp_path / "m", name="tiny-qwen-eager", shards=1,
                              chat_template=synth.QWEN25_TOOLS_CHAT_TEMPLATE,
                              user_tokens=synth.TOOL_TOKENS, eos_logit_bias=3.0,
                              favour={synth.bytes_to_unicode()[10]: "<tool_call>"})
    home = tmp_path / "home"
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "a.py").write_text("x = 1\n")
    env = dict(os.environ, EMBER_HOME=str(home))
    r = subprocess.run([sys.executable, "-m", "desktop", "chat", "--model", str(model),
                        "--tools", "--folder", str(tmp_path / "proj"), "--temperature", "0",
                        "--max-tokens", "120", "--threads", "1", "-p", "Check x."],
                       capture_output=True, text=True, timeout=300, env=env,
                       cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert r.returncode == 0, r.stderr
    assert "[tool] " in r.stderr, r.stderr
    from desktop.core.store import Store
    with Store(home / "ember.db") as st:
        conv = st.list_conversations()[0]
        assert conv.settings["tools"] == ["list_files", "read_file", "run_python",
                                          "search_text"]
        reply = st.path(conv.id)[-1]
        steps = st.steps(reply.id)
        assert steps and all(s.status in ("ok", "error", "refused") for s in steps)
        assert all(s.name in conv.settings["tools"] for s in steps)
        assert f"[tool] {steps[0].name}" in r.stderr
    # --allow-write without a folder, and tools with --json, are refused before any load
    r = subprocess.run([sys.executable, "-m", "desktop", "chat", "--model", str(model),
                        "--allow-write", "-p", "hi"], capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 1 and "--allow-write goes with --folder" in r.stderr


# --------------------------------------------------------------------- check my code
from desktop.core.agent.check import check_answer, check_program, repair_request  # noqa: E402

GOOD = """Here it is:

```python
def double(x):
    return 2 * x
```

Tests:

```python
assert double(2) == 4
assert double(-1) == -2
```
"""


def test_check_program_uses_only_the_answers_own_tests():
    assert check_program("No code here.") is None
    assert check_program("```python\ndef f():\n    return 1\n```") is None  # nothing to check
    assert "assert double(2) == 4" in check_program(GOOD)
    doc = '```python\ndef sq(x):\n    """\n    >>> sq(3)\n    9\n    """\n    return x * x\n```'
    assert "doctest" in check_program(doc)
    examples = "```python\ndef sq(x):\n    return x * x\n```\n```python\n>>> sq(4)\n16\n```"
    assert "_examples" in check_program(examples)


@NEEDS_SANDBOX
def test_check_answer_passes_fails_and_says_why():
    assert check_answer(GOOD).status == "passed"
    bad = GOOD.replace("return 2 * x", "return 2 + x")
    c = check_answer(bad)
    assert c.status == "failed" and "AssertionError" in c.out["stderr"]
    msg = repair_request(c)
    assert "AssertionError" in msg and "whole corrected code" in msg
    examples = "```python\ndef sq(x):\n    return x + x\n```\n```python\n>>> sq(4)\n16\n```"
    c = check_answer(examples)
    assert c.status == "failed" and "example(s) failed" in c.out["stderr"]
    assert check_answer(examples.replace("x + x", "x * x")).status == "passed"
    assert check_answer("```python\nprint('hi')\n```").status == "no_tests"


def test_ember_chat_check_runs_on_each_answer(tmp_path):
    """`ember chat --check` on the embedded model: each answer is checked (this base model
    writes no tests, which is said), and the chat ends normally."""
    env = dict(os.environ, EMBER_HOME=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "desktop", "chat", "--model", "embedded",
                        "--check", "--temperature", "0", "--max-tokens", "24", "-p",
                        "def add(a, b):"], capture_output=True, text=True, timeout=300,
                       env=env, cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert r.returncode == 0, r.stderr
    assert "[check] " in r.stderr


def test_files_read_that_fill_the_context_end_the_loop_with_a_note(tmp_path):
    """A file read is counted like a document: when the tool results no longer fit the context,
    the loop ends with a note (the step kept), never a silent cut."""
    from desktop.core.engine import Engine, LoadSettings
    path = synth.write_qwen2(tmp_path / "m", shards=1,
                             chat_template=synth.QWEN25_TOOLS_CHAT_TEMPLATE,
                             user_tokens=synth.TOOL_TOKENS, eos_logit_bias=3.0)
    root = tmp_path / "proj"
    root.mkdir()
    (root / "big.md").write_text("All work and no play. " * 2000)  # ~44 KB: under the cap
    box = ToolBox(Folder(root).tools())
    box.tools["read_file"].parameters = {"type": "object", "required": ["path"], "properties": {
        "path": {"type": "string", "enum": ["big.md"]}}}
    e = Engine()
    e.load(path, LoadSettings(n_ctx=2048))
    try:
        session, store = _session(tmp_path)
        turn = session.ask("Read big.md.")
        r = run_tool_turn(e, session, turn, box, max_rounds=3,
                          tool_choice={"type": "function", "function": {"name": "read_file"}})
        assert r.finish == "context" and "no longer fit" in r.note and "2,048" in r.note
        (st,) = store.steps(turn.reply_id)
        assert st.status == "ok" and st.result.startswith("All work")
    finally:
        e.unload()


@NEEDS_SANDBOX
def test_a_forced_value_with_newlines_and_quotes_is_valid_json(tool_model, tmp_path):
    """An enum string holding a newline, a backslash and a quote: the grammar writes it as JSON
    escapes (llama-cpp-python's converter wrote a raw newline there, which no JSON parser
    takes, and the call stayed text)."""
    code = 'import sys\nprint(6*7)\nprint("a\\\\b")'
    session, store = _session(tmp_path)
    turn = session.ask("Run it.")
    schema = {"type": "object", "properties": {"code": {"type": "string", "enum": [code]}},
              "required": ["code"]}
    r = run_tool_turn(tool_model, session, turn, ToolBox([run_python_tool(schema)]),
                      tool_choice="required", max_rounds=2)
    (st,) = store.steps(turn.reply_id)
    assert json.loads(st.arguments) == {"code": code}
    assert st.status == "ok" and st.data["run"]["stdout"] == "42\na\\b\n"
    assert r.rounds == 2


@NEEDS_SANDBOX
def test_terminal_run_on_a_code_block_is_saved_and_shown_again(tmp_path):
    """`/run` in the interactive `ember chat`: the last answer's Python block runs in the
    sandbox, its outcome is printed and saved with the answer; `ember history show` shows it
    again."""
    env = dict(os.environ, EMBER_HOME=str(tmp_path))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    r = subprocess.run([sys.executable, "-m", "desktop", "chat", "--model", "embedded",
                        "--temperature", "0", "--max-tokens", "60"],
                       input="def add(a, b):\n/run\n/run 7\n/exit\n", capture_output=True,
                       text=True, timeout=300, env=env, cwd=root)
    assert r.returncode == 0, r.stderr
    assert "```python\ndef add(a, b):" in r.stdout
    assert "[exit status 0" in r.stdout or "[exit status 1" in r.stdout
    assert "(the last answer has 1 Python block: /run 1)" in r.stdout
    from desktop.core.store import Store
    with Store(tmp_path / "ember.db") as st:
        conv = st.list_conversations()[0]
        (step,) = st.steps(st.path(conv.id)[-1].id)
        assert (step.origin, step.name) == ("user", "run_python")
        assert json.loads(step.arguments)["code"].startswith("def add(a, b):")
        assert step.status in ("ok", "error") and "exit status" in step.result
    h = subprocess.run([sys.executable, "-m", "desktop", "history", "show", str(conv.id)],
                       capture_output=True, text=True, timeout=120, env=env, cwd=root)
    assert h.returncode == 0 and "**Run:** `run_python`" in h.stdout
    assert step.result.splitlines()[0] in h.stdout
