"""`ember history`, `ember history search`, `ember export`, `ember import`, and `ember chat`
saving what it says (issue 4). The commands run on a real store; the chat on the real
embedded model, as a user runs it."""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys

import pytest

from desktop.cli import history as history_cli
from desktop.core.errors import EmberError
from desktop.core.store import (
    INTERRUPTED,
    ConversationNotFoundError,
    ImportFormatError,
    Store,
    StoreError,
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A data folder of its own (EMBER_HOME), as `ember --data-dir` would give."""
    d = tmp_path / "home"
    monkeypatch.setenv("EMBER_HOME", str(d))
    from desktop.core import paths
    monkeypatch.setattr(paths, "_override", None)
    return d


def run(*argv: str) -> int:
    p = argparse.ArgumentParser(prog="ember")
    history_cli.add_history_arguments(p.add_subparsers(dest="command", required=True))
    args = p.parse_args(argv)
    return {"history": history_cli.run_history, "export": history_cli.run_export,
            "import": history_cli.run_import}[args.command](args)


def _fill(home) -> tuple[int, int]:
    with Store() as s:
        a = s.create_conversation("Rust lifetimes", model="qwen")
        u = s.add_message(a, "user", "Why does the borrow checker complain about my closure?")
        r = s.begin_reply(a, u, model="qwen")
        s.finish_reply(r, "The closure captures `v` by reference.", {"finish_reason": "stop",
                                                                     "ttft_s": 0.2})
        b = s.create_conversation("Shell tricks")
        u2 = s.add_message(b, "user", "How do I find large files?")
        r2 = s.begin_reply(b, u2)
        s.update_reply(r2, "Use du -ah | sort -h")
        s.finish_reply(r2, status=INTERRUPTED)
    return a, b


def test_history_lists_recent_conversations(home, capsys):
    assert run("history") == 0
    assert "No saved conversations yet" in capsys.readouterr().out
    a, b = _fill(home)
    assert run("history") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[0] == str(b) and "Shell tricks" in out[0]
    assert out[1].split()[0] == str(a) and "Rust lifetimes" in out[1] and "[qwen]" in out[1]
    assert run("history", "-n", "1") == 0
    assert "(1 of 2;" in capsys.readouterr().out


def test_history_search_finds_words_with_highlights(home, capsys):
    a, b = _fill(home)
    assert run("history", "search", "borrow", "closure") == 0
    out = capsys.readouterr().out
    assert f"#{a} Rust lifetimes" in out
    assert "you: Why does the «borrow» checker complain about my «closure»?" in out
    assert "1 match in 1 conversation" in out
    assert run("history", "search", "lifetime") == 0  # a title, stemmed
    assert f"#{a} Rust «lifetimes»" in capsys.readouterr().out
    assert run("history", "search", "zanzibar") == 1
    assert "Nothing found for 'zanzibar'" in capsys.readouterr().out
    assert run("history", "search", "AND", "(") == 1  # FTS syntax is just text


def test_show_rename_pin_delete(home, capsys):
    a, b = _fill(home)
    assert run("history", "show", str(b)) == 0
    out = capsys.readouterr().out
    assert "# Shell tricks" in out and "Use du -ah | sort -h" in out and "*(interrupted" in out
    assert run("history", "rename", str(a), "Closures", "and", "borrows") == 0
    assert "'Closures and borrows'" in capsys.readouterr().out
    assert run("history", "pin", str(a)) == 0
    capsys.readouterr()
    run("history")
    first = capsys.readouterr().out.splitlines()[0].split()
    assert first[:2] == [str(a), "*"]  # pinned: on top, starred
    with Store() as s:
        assert s.list_conversations()[0].id == a and s.get_conversation(a).pinned
    assert run("history", "unpin", str(a)) == 0
    with pytest.raises(StoreError, match="add -y"):  # no terminal to ask on
        run("history", "delete", str(a))
    with pytest.raises(ConversationNotFoundError):
        run("history", "delete", str(a), "999", "-y")  # all exist, or nothing is deleted
    assert run("history", "delete", str(a), "-y") == 0
    with Store() as s:
        assert [c.id for c in s.list_conversations()] == [b]
    with pytest.raises(ConversationNotFoundError, match=f"no conversation {a}"):
        run("history", "show", str(a))


def test_export_and_import_round_trip(home, tmp_path, capsys):
    a, b = _fill(home)
    out = tmp_path / "all.json"
    assert run("export", "--all", "--format", "json", "-o", str(out)) == 0
    data = json.loads(out.read_text())
    assert len(data["conversations"]) == 2
    assert run("export", str(a), "--format", "md") == 0
    md = capsys.readouterr().out
    assert md.startswith("# Rust lifetimes") and "## Assistant · qwen · 200 ms to first token" in md

    # into another data folder: equal; a second import skips what is there
    os.environ["EMBER_HOME"] = str(tmp_path / "other")
    assert run("import", str(out)) == 0
    assert "Imported 2 conversations" in capsys.readouterr().out
    with Store() as s:
        assert s.export_data() == data
    assert run("import", str(out)) == 0
    assert "Imported 0 conversations; 2 already here, skipped" in capsys.readouterr().out
    # the Markdown export comes back too (its visible thread), once
    md_file = tmp_path / "a.md"
    md_file.write_text(md, encoding="utf-8")
    os.environ["EMBER_HOME"] = str(tmp_path / "third")
    assert run("import", str(md_file)) == 0
    assert "Imported 1 conversation (" in capsys.readouterr().out
    with Store() as s:
        (conv,) = s.list_conversations()
        assert conv.title == "Rust lifetimes"
        assert [m.role for m in s.path(conv.id)][:2] == ["user", "assistant"]
    assert run("import", str(md_file)) == 0
    assert "1 already here, skipped" in capsys.readouterr().out


def test_export_and_import_errors_are_one_sentence(home, tmp_path):
    _fill(home)
    with pytest.raises(ConversationNotFoundError, match="no conversation 42"):
        run("export", "42")
    with pytest.raises(EmberError, match="not both"):
        run("export", "1", "--all")
    with pytest.raises(EmberError, match="not both"):
        run("export")
    with pytest.raises(EmberError, match="There is no file"):
        run("import", str(tmp_path / "missing.json"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    with pytest.raises(ImportFormatError, match="not an Ember export"):
        run("import", str(bad))
    bad.write_text("not json")
    with pytest.raises(ImportFormatError, match="not JSON"):
        run("import", str(bad))


# ------------------------------------------------------------------ as a user runs it
def _ember(*args, home, **kw):
    env = {**os.environ, "EMBER_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True,
                          timeout=300, env=env, **kw)


def _history_module() -> list[str]:
    """`ember history` (desktop/cli registers it)."""
    from desktop import cli
    assert {"history", "export", "import"} <= cli.build_parser().commands
    return ["desktop"]


def test_ember_history_search_finds_what_ember_chat_said(gemma_path, tmp_path):
    home = tmp_path / "home"
    # --min-tokens: 12 tokens, ending at the limit, on any CPU (the words are the CPU's kernels')
    r = _ember("desktop", "chat", "--model", "embedded", "--max-tokens", "12", "--min-tokens",
               "12", "--temperature", "0", "--prompt", "Write a haiku about quokkas and wombats",
               home=home)
    assert r.returncode == 0, r.stderr
    answer = r.stdout.strip()
    assert answer
    # interactive: two turns, then /exit
    r2 = _ember("desktop", "chat", "--model", "embedded", "--max-tokens", "8", "--min-tokens",
                "8", home=home, input="Tell me about pangolins\nand armadillos too\n/exit\n")
    assert r2.returncode == 0, r2.stderr
    assert "conversations are saved" in r2.stderr

    hist = _history_module()
    s = _ember(*hist, "history", "search", "quokkas", home=home)
    assert s.returncode == 0, s.stderr
    assert "«quokkas»" in s.stdout and "Write a haiku about" in s.stdout
    # a word of the answer, whatever words this CPU's kernels made the model pick
    word = re.findall(r"\b[^\W\d_]{4,}\b", answer)[0]
    s = _ember(*hist, "history", "search", word, home=home)
    assert s.returncode == 0 and "assistant:" in s.stdout, s.stdout + s.stderr
    s = _ember(*hist, "history", "search", "armadillos", home=home)
    assert "«armadillos»" in s.stdout

    with Store(home / "ember.db") as st:
        convs = st.list_conversations()
        assert [c.title for c in convs] == ["Tell me about pangolins",
                                            "Write a haiku about quokkas and wombats"]
        thread = st.path(convs[0].id)
        assert [m.role for m in thread] == ["user", "assistant", "user", "assistant"]
        assert thread[1].status == "complete" and thread[1].completion_tokens
        assert thread[1].ttft_s is not None and thread[1].model
        one_shot = st.path(convs[1].id)
        assert one_shot[1].content == answer and one_shot[1].finish_reason == "length"


def test_chat_no_save_and_resume(gemma_path, tmp_path):
    home = tmp_path / "home"
    r = _ember("desktop", "chat", "--model", "embedded", "--max-tokens", "4", "--no-save",
               "--prompt", "not saved", home=home)
    assert r.returncode == 0, r.stderr
    assert Store(home / "ember.db").list_conversations() == []
    r = _ember("desktop", "chat", "--model", "embedded", "--max-tokens", "4", "--prompt",
               "first", home=home)
    assert r.returncode == 0, r.stderr
    r = _ember("desktop", "chat", "--model", "embedded", "--max-tokens", "4", "--resume", "1",
               home=home, input="second\n/exit\n")
    assert r.returncode == 0, r.stderr
    assert "continuing conversation 1" in r.stderr
    with Store(home / "ember.db") as st:
        assert [m.content for m in st.path(1) if m.role == "user"] == ["first", "second"]
