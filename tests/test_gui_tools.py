"""Tools in the window (issue 15), driven like a user would (pytest-qt, offscreen): Run on an
answer's code block (in the real sandbox, saved as a step, shown again after reopening, Stop)."""
from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QUrl  # noqa: E402

from desktop.core import sandbox  # noqa: E402

NEEDS_SANDBOX = pytest.mark.skipif(not sandbox.probe().available,
                                   reason="no isolation here: " + sandbox.probe().reason)


@pytest.fixture(scope="module")
def win(qapp):
    from desktop.ui.app import create_window
    _, w = create_window(autoload=False, first_run_dialog=False)
    w.settings.set("max_tokens", 120)
    w.settings.set("temperature", 0.0)
    w.show()
    yield w
    w.close()


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
