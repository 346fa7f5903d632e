"""The conversation store (issue 4): tree of versions, streaming persistence that survives
kill -9, migrations, search, export/import, damaged and locked files. Real SQLite files only."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.core import store as store_mod
from desktop.core.store import (
    INTERRUPTED,
    MARK_END,
    MARK_START,
    SCHEMA_VERSION,
    STREAMING,
    ConversationNotFoundError,
    ImportFormatError,
    Store,
    StoreError,
    StoreLockedError,
    StoreVersionError,
    auto_title,
    clean_model_title,
    first_line_title,
    fts_query,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "ember.db")
    yield s
    s.close()


def _conversation(s: Store, question="How do I reverse a list in Python?",
                  answer="Use reversed() or slicing with [::-1].") -> tuple[int, int, int]:
    c = s.create_conversation(model="qwen", system_prompt="Be brief.",
                              settings={"temperature": 0.2})
    u = s.add_message(c, "user", question)
    r = s.begin_reply(c, u, model="qwen")
    s.finish_reply(r, answer, {"finish_reason": "stop", "ttft_s": 0.25, "decode_tps": 41.5,
                               "prompt_tokens": 30, "processed_tokens": 30,
                               "completion_tokens": 12})
    return c, u, r


# ------------------------------------------------------------------------------ basics
def test_new_database_schema_and_pragmas(tmp_path, monkeypatch):
    monkeypatch.setenv("EMBER_HOME", str(tmp_path / "home"))
    with Store() as s:  # default place: the data folder
        assert s.db_path == tmp_path / "home" / "ember.db"
        conn = s.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        tables = set(s.db.table_names())
        assert {"conversations", "messages", "attachments", "messages_fts",
                "conversations_fts"} <= tables
        assert s.notices == []


def test_metrics_and_conversation_fields(store):
    from desktop.core.engine import TurnMetrics
    c = store.create_conversation(model="qwen", system_prompt="Be brief.",
                                  settings={"temperature": 0.2, "top_k": 40})
    u = store.add_message(c, "user", "hi")
    r = store.begin_reply(c, model="qwen")
    m = TurnMetrics(prompt_tokens=20, processed_tokens=8, reused_tokens=12, completion_tokens=5,
                    ttft_s=0.125, decode_tps=33.0, finish_reason="length")
    store.finish_reply(r, "hello there", m)
    msg = store.get_message(r)
    assert (msg.parent_id, msg.role, msg.status, msg.model) == (u, "assistant", "complete", "qwen")
    assert (msg.prompt_tokens, msg.processed_tokens, msg.completion_tokens) == (20, 8, 5)
    assert (msg.ttft_s, msg.decode_tps, msg.finish_reason) == (0.125, 33.0, "length")
    assert msg.metrics["reused_tokens"] == 12
    conv = store.get_conversation(c)
    assert conv.settings == {"temperature": 0.2, "top_k": 40} and conv.system_prompt == "Be brief."
    assert conv.message_count == 2 and conv.updated >= conv.created
    assert store.chat_messages(c) == [{"role": "system", "content": "Be brief."},
                                      {"role": "user", "content": "hi"},
                                      {"role": "assistant", "content": "hello there"}]
    with pytest.raises(ConversationNotFoundError, match="no conversation 999"):
        store.path(999)
    with pytest.raises(StoreError, match="Unknown message role"):
        store.add_message(c, "robot", "x")


def test_regenerate_keeps_versions_and_edit_branches(store):
    c, u, r1 = _conversation(store, "Q1", "A1")
    r2 = store.regenerate(r1)
    store.finish_reply(r2, "A1 second try")
    assert [m.content for m in store.path(c)] == ["Q1", "A1 second try"]
    assert [m.content for m in store.versions(r1)] == ["A1", "A1 second try"]
    last = store.path(c)[-1]
    assert (last.version, last.versions) == (2, 2)

    # a follow-up on version 2, then back to version 1: the follow-up stays with version 2
    u2 = store.add_message(c, "user", "Q2 on v2")
    store.switch_version(r1)
    assert [m.content for m in store.path(c)] == ["Q1", "A1"]
    store.switch_version(r2)
    assert [m.content for m in store.path(c)] == ["Q1", "A1 second try", "Q2 on v2"]

    # editing the first question branches at the root; the old branch is kept whole
    e = store.edit_user_message(u, "Q1 edited")
    assert [m.content for m in store.path(c)] == ["Q1 edited"]
    store.add_message(c, "assistant", "A for edited")
    assert [m.content for m in store.path(c)] == ["Q1 edited", "A for edited"]
    assert [m.content for m in store.versions(e)] == ["Q1", "Q1 edited"]
    store.switch_version(u)
    assert [m.content for m in store.path(c)] == ["Q1", "A1 second try", "Q2 on v2"]

    # the database itself refuses two active versions under one parent
    with pytest.raises(sqlite3.IntegrityError):
        store.db.conn.execute("UPDATE messages SET active = 1 WHERE id = ?", (r1,))

    # deleting the visible version shows another one, and its subtree goes with it
    store.delete_message(r2)
    assert [m.content for m in store.path(c)] == ["Q1", "A1"]
    assert u2 not in [m.id for m in store.all_messages(c)]
    with pytest.raises(StoreError, match="only answers can be regenerated"):
        store.regenerate(u)


def test_conversation_list_rename_pin_delete(store):
    a = _conversation(store, "first question")[0]
    b = _conversation(store, "second question")[0]
    assert [c.id for c in store.list_conversations()] == [b, a]  # most recent first
    store.set_pinned(a)
    assert [c.id for c in store.list_conversations()] == [a, b]
    store.rename(b, "  My   title ")
    assert store.get_conversation(b).title == "My title"
    assert store.auto_title(b) == "My title"  # a user's title is never replaced
    assert store.auto_title(a) == "first question"
    store.delete_conversation(a)
    assert [c.id for c in store.list_conversations()] == [b]
    assert store.db.conn.execute("SELECT count(*) FROM messages WHERE conversation_id = ?",
                                 (a,)).fetchone()[0] == 0
    assert store.search("first") == []
    with pytest.raises(ConversationNotFoundError):
        store.delete_conversation(a)
    with pytest.raises(StoreError, match="cannot be empty"):
        store.rename(b, "  ")


def test_titles():
    assert first_line_title("\n  how do I   parse JSON?\nmore") == "how do I parse JSON?"
    long = "word " * 40
    t = first_line_title(long)
    assert len(t) <= 60 and t.endswith("…") and not t[:-1].endswith(" ")
    assert clean_model_title('Title: "Reversing Lists in Python."\nextra') == \
        "Reversing Lists in Python"
    assert clean_model_title("**Sorting dicts**") == "Sorting dicts"
    assert clean_model_title(" \n ... \n") is None
    assert clean_model_title("\ufffdm\ufffd\x1e9on") is None
    assert auto_title("q?\nrest", lambda q: "Model title") == ("Model title", "model")
    assert auto_title("q?\nrest", lambda q: "  ") == ("q?", "line")
    assert auto_title("q?\nrest", lambda q: 1 / 0) == ("q?", "line")
    assert auto_title("q?\nrest") == ("q?", "line")


def test_model_written_title_with_a_real_model(store, qwen_engine):
    c, _, _ = _conversation(store, "How do I sort a dict by value?", "Use sorted().")
    title = store.auto_title(c, store_mod.engine_titler(qwen_engine, store.chat_messages(c)))
    conv = store.get_conversation(c)
    assert title and conv.title == title and conv.title_source in ("model", "line")
    assert len(title) <= store_mod.TITLE_MAX_CHARS


def test_attachments(store):
    c, u, _ = _conversation(store)
    a = store.add_attachment(c, "notes.md", message_id=u, path="/x/notes.md", mime="text/markdown",
                             size=12, sha256="ab", tokens=4, text="hello notes", meta={"pages": 1})
    (att,) = store.attachments(c)
    assert (att.id, att.name, att.message_id, att.text, att.meta) == (a, "notes.md", u,
                                                                     "hello notes", {"pages": 1})
    store.delete_message(u)  # the document stays with the conversation
    assert store.attachments(c)[0].message_id is None
    store.delete_conversation(c)
    assert store.db.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0


# ------------------------------------------------------------------------- streaming
def test_reply_stream_flushes_while_streaming(tmp_path, monkeypatch):
    import desktop.core.store as store_mod
    clock = [1000.0]  # a clock the test advances: the count of writes is exact, not timing-bound
    monkeypatch.setattr(store_mod.stream.time, "monotonic", lambda: clock[0])
    writer = Store(tmp_path / "ember.db")
    reader = Store(tmp_path / "ember.db")  # another connection, as another process would have
    c = writer.create_conversation()
    writer.add_message(c, "user", "count")
    with writer.stream_reply(c, interval=0.2) as reply:
        assert reader.path(c)[-1].status == STREAMING
        reply.append("one ")
        reply.flush()
        assert reader.path(c)[-1].content == "one "
        seen = []
        for _ in range(100):  # a piece every 10 ms for a second
            clock[0] += 0.01
            reply.append("two ")
            seen.append(reader.path(c)[-1].content)
        # written every 0.2 s while it streams (5 times in the second), not at every piece
        writes = len(set(seen))
        assert writes in (5, 6), writes   # 5 writes; float steps may land the 5th just after
        assert seen[-1] != "one " and all(reply.text.startswith(x) for x in seen)
        reply.finish({"finish_reason": "stop", "completion_tokens": 3})
    final = reader.path(c)[-1]
    assert final.status == "complete" and final.content == reply.text
    assert final.finish_reason == "stop"

    # an exception while streaming keeps the text, marked interrupted
    with pytest.raises(RuntimeError):
        with writer.stream_reply(c) as r2:
            r2.append("partial answer")
            raise RuntimeError("engine failed")
    m = reader.get_message(r2.message_id)
    assert (m.status, m.content, m.finish_reason) == (INTERRUPTED, "partial answer", "interrupted")
    writer.close()
    reader.close()


def test_reader_while_a_writer_streams(tmp_path):
    """The GUI's case: a worker thread streams, the UI thread reads and searches, on one Store."""
    s = Store(tmp_path / "ember.db")
    c = s.create_conversation("streaming test")
    s.add_message(c, "user", "tell me a story")
    pieces = [f"word{i} " for i in range(300)]
    started, errors, seen = threading.Event(), [], []

    def write():
        try:
            with s.stream_reply(c, interval=0) as r:
                started.set()
                for p in pieces:
                    r.append(p)
                    time.sleep(0.001)
                r.finish({"finish_reason": "stop"})
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
            started.set()

    t = threading.Thread(target=write)
    t.start()
    started.wait(10)
    other = Store(tmp_path / "ember.db")  # and another process-like connection
    while t.is_alive():
        for reader in (s, other):
            last = reader.path(c)[-1]
            seen.append(last.content)
            assert "".join(pieces).startswith(last.content)  # always a committed prefix
            reader.search("word5")
    t.join()
    assert not errors
    assert len(set(seen)) > 5, "the reader never saw the reply grow"
    assert [len(x) for x in seen] == sorted(len(x) for x in seen)  # only ever grows
    assert other.path(c)[-1].content == "".join(pieces)
    assert other.path(c)[-1].status == "complete"
    other.close()
    s.close()


_HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from desktop.core.store import Store
s = Store({db!r})
c = s.create_conversation("held")
s.add_message(c, "user", "question")
r = s.begin_reply(c)
s.update_reply(r, "partial words that must survive")
print(r, flush=True)
time.sleep(120)
"""


def test_reply_of_a_killed_writer_shows_as_interrupted(tmp_path):
    db = tmp_path / "ember.db"
    p = subprocess.Popen([sys.executable, "-c", _HOLDER.format(root=str(ROOT), db=str(db))],
                         stdout=subprocess.PIPE, text=True)
    try:
        mid = int(p.stdout.readline())
        # the writer is alive: its reply is left streaming
        with Store(db) as s:
            assert s.get_message(mid).status == STREAMING
        p.send_signal(signal.SIGKILL)
        p.wait(30)
        with Store(db) as s:
            m = s.get_message(mid)
            assert (m.status, m.content) == (INTERRUPTED, "partial words that must survive")
            assert "interrupted" in s.export_markdown([m.conversation_id])
    finally:
        if p.poll() is None:
            p.kill()
        p.stdout.close()


# ------------------------------------------------------------------- kill -9, 50 times
# Text that carries its own tag, so a reader can recompute what it should be.
_EXPECTED = '''
def expected(tag):
    import random
    rng = random.Random(tag)
    words = ["alpha", "beta", "gamma", "delta", "sqlite", "wal", "commit", "token", "über", "日本"]
    return "<" + tag + "> " + " ".join(rng.choice(words) for _ in range(rng.randint(20, 90)))
'''

# A tiny fork server: imports the store once, then forks a writer per request and waits for
# it; the test kills each writer with SIGKILL at a random moment.
_SERVER = _EXPECTED + '''
import os, sys, random
sys.path.insert(0, {root!r})
from desktop.core.store import Store

def writer(run, db, log):
    s = Store(db)
    k = 0
    prev = None
    while True:
        k += 1
        tag = f"r{{run}}c{{k}}"
        if prev is not None and k % 5 == 0:   # sometimes a regenerated version
            conv, parent = prev
        else:
            conv = s.create_conversation(tag)
            parent = s.add_message(conv, "user", expected(tag + "u"))
            os.write(log, f"done {{parent}}\\n".encode())
        text = expected(tag + "a")
        head = text.index(" ") + 1  # the first piece is the whole tag: a reader can check it
        with s.stream_reply(conv, parent, interval=0) as r:
            r.append(text[:head])
            for i in range(head, len(text), 7):
                r.append(text[i:i + 7])
            r.finish({{"finish_reason": "stop", "completion_tokens": len(text) // 7}})
        os.write(log, f"done {{r.message_id}}\\n".encode())
        prev = (conv, parent)

for line in sys.stdin:
    run = int(line)
    pid = os.fork()
    if pid == 0:
        try:
            log = os.open({log!r}, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            writer(run, {db!r}, log)
        finally:
            os._exit(1)
    print(pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print(status, flush=True)
'''


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_kill_minus_9_at_random_moments_loses_nothing_committed(tmp_path):
    db, log = tmp_path / "ember.db", tmp_path / "done.log"
    ns: dict = {}
    exec(_EXPECTED, ns)
    expected = ns["expected"]
    Store(db).close()
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER.format(root=str(ROOT), db=str(db), log=str(log))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    rng = random.Random(1234)
    kills = interrupted_total = 0
    try:
        for run in range(1, 51):
            server.stdin.write(f"{run}\n")
            server.stdin.flush()
            pid = int(server.stdout.readline())
            time.sleep(rng.uniform(0.02, 0.3))
            os.kill(pid, signal.SIGKILL)
            status = int(server.stdout.readline())
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, \
                "the writer ended before it was killed"
            kills += 1

            with Store(db) as s:  # a restart
                conn = s.db.conn
                assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                assert conn.execute("SELECT count(*) FROM messages WHERE status = 'streaming'"
                                    ).fetchone()[0] == 0
                rows = conn.execute("SELECT id, role, status, content FROM messages").fetchall()
                for mid, role, status, content in rows:
                    tag = content[1:content.index(">")] if content else None
                    if status == "complete":
                        assert content == expected(tag), f"message {mid} damaged"
                    else:
                        assert status == INTERRUPTED and role == "assistant"
                        assert content == "" or expected(tag).startswith(content)
                done = {int(x.split()[1]) for x in log.read_text().splitlines()
                        if x.startswith("done ") and x.split()[1:] and x.split()[1].isdigit()}
                complete = {mid for mid, _, st, _ in rows if st == "complete"}
                assert done <= complete, "a message reported as saved was lost"
                # the search index agrees with the table (external content FTS5)
                conn.execute("INSERT INTO messages_fts (messages_fts, rank) "
                             "VALUES ('integrity-check', 1)")
                interrupted_total = sum(1 for r in rows if r[2] == INTERRUPTED)
    finally:
        server.stdin.close()
        server.wait(30)
        server.stdout.close()
    assert kills >= 50
    assert interrupted_total >= 10, "too few kills landed while a reply was streaming"
    assert len(complete) >= 25


# ------------------------------------------------------------------------ migrations
# Schema version 1 as it shipped: kept here, frozen, to build an "old" database.
V1_SCHEMA = """
CREATE TABLE conversations (
    id            INTEGER PRIMARY KEY,
    uid           TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL DEFAULT '',
    title_source  TEXT NOT NULL DEFAULT '',
    created       TEXT NOT NULL,
    updated       TEXT NOT NULL,
    model         TEXT,
    system_prompt TEXT,
    settings      TEXT NOT NULL DEFAULT '{}',
    pinned        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_order ON conversations (pinned DESC, updated DESC);
CREATE TABLE messages (
    id                INTEGER PRIMARY KEY,
    conversation_id   INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id         INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    active            INTEGER NOT NULL DEFAULT 1,
    role              TEXT NOT NULL,
    content           TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'complete',
    created           TEXT NOT NULL,
    updated           TEXT NOT NULL,
    model             TEXT,
    prompt_tokens     INTEGER,
    processed_tokens  INTEGER,
    completion_tokens INTEGER,
    ttft_s            REAL,
    decode_tps        REAL,
    finish_reason     TEXT,
    metrics           TEXT,
    writer            TEXT
);
CREATE INDEX messages_children ON messages (conversation_id, parent_id);
CREATE INDEX messages_parent ON messages (parent_id);
CREATE UNIQUE INDEX messages_one_active ON messages (conversation_id, ifnull(parent_id, 0))
    WHERE active;
CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';
PRAGMA user_version = 1;
"""


def _v1_database(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    conn.executescript(V1_SCHEMA)
    t = "2024-03-01T10:00:00.000Z"
    conn.execute("INSERT INTO conversations VALUES (1, 'u1', 'Borrow checker', 'user', ?, ?, "
                 "'qwen', 'Be brief.', '{\"temperature\": 0.7}', 1)", (t, t))
    conn.execute("INSERT INTO conversations VALUES (2, 'u2', 'Second', 'line', ?, ?, NULL, NULL, "
                 "'{}', 0)", (t, t))
    rows = [
        (1, 1, None, 1, "user", "Why does the borrow checker reject this closure?"),
        (2, 1, 1, 0, "assistant", "Because the closure captures a mutable reference."),
        (3, 1, 1, 1, "assistant", "The closure outlives the lifetime of the vector."),
        (4, 2, None, 1, "user", "Ünïcode question about naïve café"),
        (5, 2, 4, 1, "assistant", "A streaming answer that was cut"),
    ]
    for r in rows:
        conn.execute("INSERT INTO messages (id, conversation_id, parent_id, active, role, "
                     "content, created, updated, status, ttft_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                     "?, 0.5)", (*r, t, t, "streaming" if r[0] == 5 else "complete"))
    conn.commit()
    conn.close()
    return rows


def test_upgrade_from_version_1_keeps_every_word(tmp_path):
    db = tmp_path / "ember.db"
    rows = _v1_database(db)
    with Store(db) as s:
        conn = s.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        got = conn.execute("SELECT id, conversation_id, parent_id, active, role, content "
                           "FROM messages ORDER BY id").fetchall()
        assert got == rows
        conv = s.get_conversation(1)
        assert (conv.title, conv.pinned, conv.model, conv.settings) == (
            "Borrow checker", True, "qwen", {"temperature": 0.7})
        assert [m.id for m in s.path(1)] == [1, 3]
        # old messages are searchable after the upgrade, titles too
        assert {h.message_id for h in s.search("closure")} == {1, 2, 3}
        assert {h.message_id for h in s.search("mutable")} == {2}  # an inactive version too
        assert [h.conversation_id for h in s.search("borrow")][0] == 1
        assert [h.message_id for h in s.search("cafe naive")] == [4]
        # the v1 writer is long gone: its reply shows as interrupted
        assert s.get_message(5).status == INTERRUPTED
        assert any("upgraded from schema 1" in n for n in s.notices)
        s.add_attachment(1, "doc.txt")  # the new table works
    backups = list(tmp_path.glob("ember.db.v1-backup-*"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM messages").fetchone()[0] == 5
    old.close()


def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch):
    db = tmp_path / "ember.db"
    _v1_database(db)

    def broken(d):
        d.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed")

    monkeypatch.setattr(store_mod.base, "MIGRATIONS", store_mod.MIGRATIONS[:1] + [broken])
    monkeypatch.setattr(store_mod.base, "SCHEMA_VERSION", 2)
    with pytest.raises(RuntimeError, match="step failed"):
        Store(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 5
    assert "half_done" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    monkeypatch.undo()
    with Store(db) as s:  # and the real migrations still run afterwards
        assert len(s.path(1)) == 2


def test_a_database_from_a_newer_ember_is_left_alone(tmp_path):
    db = tmp_path / "ember.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreVersionError, match="newer Ember"):
        Store(db)
    assert db.read_bytes() == before and not list(tmp_path.glob("*.corrupt-*"))


def test_another_programs_database_is_refused(tmp_path):
    db = tmp_path / "ember.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not Ember's"):
        Store(db)


# ------------------------------------------------------------------- damaged / locked
def test_a_file_that_is_not_a_database_is_kept_and_replaced(tmp_path):
    db = tmp_path / "ember.db"
    garbage = b"this is not sqlite at all " * 200
    db.write_bytes(garbage)
    Path(str(db) + "-wal").write_bytes(b"wal junk")
    with Store(db) as s:
        (notice,) = s.notices
        backup = s.backup_path
        assert backup is not None and str(backup) in notice and "damaged" in notice
        assert backup.read_bytes() == garbage
        assert Path(str(backup) + "-wal").read_bytes() == b"wal junk"
        assert s.list_conversations() == []
        _conversation(s)  # the new one works
    with Store(db) as s:  # and is not set aside again
        assert s.notices == [] and len(s.list_conversations()) == 1


def test_damaged_pages_are_detected_and_what_is_readable_is_recovered(tmp_path):
    db = tmp_path / "ember.db"
    with Store(db) as s:
        for i in range(40):
            _conversation(s, f"question {i} " + "lorem ipsum " * 100,
                          f"answer {i} " + "dolor " * 200)
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno")]
    conn.close()
    assert len(leaves) > 10
    with open(db, "r+b") as f:  # one page of the messages table in the middle: garbage
        f.seek((leaves[len(leaves) // 2] - 1) * page_size)
        f.write(bytes(range(256)) * (page_size // 256))
    with Store(db) as s:
        (notice,) = s.notices
        assert "kept as" in notice and "could still be read" in notice
        assert s.backup_path and s.backup_path.exists()
        convs = s.list_conversations()
        assert 20 <= len(convs) <= 40
        assert s.db.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert s.search("dolor")


def test_a_locked_database_is_a_clear_error_not_a_fresh_start(tmp_path):
    db = tmp_path / "ember.db"
    with Store(db) as s:
        _conversation(s)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreLockedError, match="locked by another program"):
            Store(db, timeout=0.1)
        assert not list(tmp_path.glob("*.corrupt-*"))
    finally:
        other.execute("ROLLBACK")
        other.close()

    s = Store(db, timeout=0.1)
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a long write elsewhere
    try:
        with pytest.raises(StoreLockedError):
            s.create_conversation("x")
        assert len(s.list_conversations()) == 1  # reading still works (WAL)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    s.create_conversation("x")
    s.close()


# ---------------------------------------------------------------------------- search
def test_search_ranking_snippets_and_titles(store):
    c1 = store.create_conversation("Tokio runtime questions")
    store.add_message(c1, "user", "How does the tokio scheduler work? tokio tokio")
    c2 = store.create_conversation("Unrelated")
    long = " ".join(["filler text about many other things"] * 40)
    store.add_message(c2, "user", long + " and tokio once " + long)
    c3 = store.create_conversation("Parsing")
    store.add_message(c3, "user", "I am parsing <b>HTML</b> & JSON files")

    hits = store.search("tokio")
    assert hits[0].conversation_id == c1 and hits[0].message_id is None  # the title first
    msg_hits = [h for h in hits if h.message_id]
    assert [h.conversation_id for h in msg_hits] == [c1, c2]  # dense short beats long, once
    assert msg_hits[0].rank < msg_hits[1].rank
    assert msg_hits[0].snippet() == "How does the «tokio» scheduler work? «tokio» «tokio»"
    assert msg_hits[0].snippet("[", "]").startswith("How does the [tokio]")
    assert f"{MARK_START}tokio{MARK_END}" in msg_hits[0].marked
    far = msg_hits[1].snippet()
    assert "«tokio»" in far and "…" in far and len(far) < 200  # a window, not the whole text
    assert hits[0].title == "Tokio runtime questions" and "«Tokio»" in hits[0].snippet()

    # stemming, prefixes, phrases, HTML-safe snippets
    (h,) = [h for h in store.search("parse") if h.message_id]
    assert h.html() == "I am <mark>parsing</mark> &lt;b&gt;HTML&lt;/b&gt; &amp; JSON files"
    assert store.search("sched*")[0].conversation_id == c1
    assert store.search('"tokio scheduler"') and not store.search('"scheduler tokio"')
    assert [h.conversation_id for h in store.search("tokio", conversation_id=c2)] == [c2]


@pytest.mark.parametrize("query", ['AND', 'OR tokio', '"', 'tok"io', '(', 'NEAR(a b)', '*',
                                   'a:b', '-x', '^start', 'col:tokio', "'", '{a b}', '+', ''])
def test_search_never_raises_on_user_syntax(store, query):
    store.add_message(store.create_conversation("t"), "user", "tokio a b start x")
    store.search(query)  # no sqlite3.OperationalError: fts5 syntax error


def test_fts_query_quotes_every_word():
    assert fts_query('tokio OR "async runtime" pars* ") (') == \
        '"tokio" "OR" "async runtime" "pars"*'
    assert fts_query("  ") is None and fts_query("+++") is None


def test_common_words_are_ranked_within_the_newest_matches(store, monkeypatch):
    monkeypatch.setattr(store_mod.search, "RANK_WINDOW", 5)
    c = store.create_conversation("x")
    ids = [store.add_message(c, "user", "common " * (1 + i % 3)) for i in range(20)]
    hits = store.search("common", limit=3)
    assert len(hits) == 3 and all(h.message_id in ids[-5:] for h in hits)
    assert hits[0].message_id in ids[-5:] and hits[0].rank <= hits[-1].rank


# -------------------------------------------------------------------- export / import
def _rich_conversation(s: Store) -> int:
    c, u, r1 = _conversation(s, "Q: how to *format* a `str`?", "Use f-strings:\n```py\nf'{x}'\n```")
    r2 = s.regenerate(r1, model="gemma")
    s.finish_reply(r2, "Or str.format().", {"finish_reason": "cancelled", "completion_tokens": 4})
    s.add_message(c, "user", "and bytes?")
    r3 = s.begin_reply(c)
    s.update_reply(r3, "partial")
    s.finish_reply(r3, status=INTERRUPTED)
    e = s.edit_message(u, "Q edited")
    s.add_message(c, "assistant", "A edited")
    s.switch_version(u)
    s.add_attachment(c, "spec.md", message_id=e, text="# Spec", tokens=3, meta={"k": [1, 2]})
    s.set_pinned(c)
    s.rename(c, "Formatting «strings»")
    return c


def test_export_import_round_trip_is_equal(store, tmp_path):
    c = _rich_conversation(store)
    _conversation(store, "another one")
    data = json.loads(store.export_json())
    assert len(data["conversations"]) == 2
    with Store(tmp_path / "other.db") as other:
        result = other.import_json(store.export_json())
        assert len(result.imported) == 2 and not result.skipped
        assert other.export_data() == data
        assert [m.content for m in other.path(result.imported[0])] == \
            [m.content for m in store.path(c)]
        # a second import of the same file changes nothing
        again = other.import_data(data)
        assert again.imported == [] and len(again.skipped) == 2
        assert other.export_data() == data
    one = store.export_data([c])
    assert [x["title"] for x in one["conversations"]] == ["Formatting «strings»"]


def test_markdown_export(store):
    c = _rich_conversation(store)
    md = store.export_markdown([c])
    assert md.startswith("# Formatting «strings»\n")
    assert "> **System:** Be brief." in md and "> **Attached:** spec.md (3 tokens)" in md
    assert "## You · version 1 of 2" in md
    assert "## Assistant · gemma · version 2 of 2" in md and "*(stopped)*" in md
    assert "```py\nf'{x}'\n```" not in md  # version 1 is not on the visible thread
    assert "partial\n\n*(interrupted" in md
    both = store.export_markdown()
    assert both.count("\n---\n") == 0 and both == md  # one conversation
    _conversation(store, "second")
    assert store.export_markdown().count("\n---\n") == 1


def test_markdown_import_gives_back_the_visible_thread(store, tmp_path):
    """Markdown keeps the visible thread: importing Ember's own Markdown gives back each
    conversation's title, system prompt, questions and answers (their model, TTFT, speed and
    how they ended), with headings inside code blocks and "---" rules inside answers kept as
    text; the same Markdown imported twice adds it once."""
    c = _rich_conversation(store)
    tricky = ("Two headings in code:\n```markdown\n## You\n# Title\n---\n```\n\n---\n\n"
              "and a rule above, outside code.")
    c2, _u, _r = _conversation(store, "你好，Markdown?", tricky)
    md = store.export_markdown([c, c2])
    with Store(tmp_path / "md.db") as other:
        result = other.import_markdown(md)
        assert len(result.imported) == 2 and not result.skipped
        for mine, theirs in zip((c, c2), result.imported, strict=True):
            a, b = store.get_conversation(mine), other.get_conversation(theirs)
            assert (b.title, b.system_prompt, b.model) == (a.title, a.system_prompt, a.model)
            pa, pb = store.path(mine), other.path(theirs)
            assert [(m.role, m.content) for m in pb] == [(m.role, m.content) for m in pa]
            assert [m.status for m in pb] == [m.status for m in pa]
            assert [m.finish_reason for m in pb if m.role == "assistant"] == \
                [m.finish_reason if m.finish_reason in ("cancelled", "length") else None
                 for m in pa if m.role == "assistant"]
        first = other.path(result.imported[1])[1]
        assert first.content == tricky and first.model == "qwen"
        assert first.ttft_s == 0.25 and first.decode_tps == 41.5
        again = other.import_text(md)   # Markdown found without being told
        assert again.imported == [] and len(again.skipped) == 2
        # a Markdown export of the imported chats is the one imported (minus the other
        # versions' counts, which Markdown does not carry)
        assert other.export_markdown(result.imported).replace(" · version 1 of 2", "") \
            .replace(" · version 2 of 2", "").split("\n", 3)[3] == \
            md.replace(" · version 1 of 2", "").replace(" · version 2 of 2", "") \
            .replace("> **Attached:** spec.md (3 tokens)\n\n", "").split("\n", 3)[3] \
            .replace(f"*Conversation {c2} ·", f"*Conversation {result.imported[1]} ·")
    # not a chat: a clear error, nothing added
    for text in ("", "# Notes\n\nJust a document.\n", "```\n## You\nhi\n```\n"):
        with pytest.raises(ImportFormatError, match="holds no chat"):
            store.import_text(text)
    assert len(store.list_conversations()) == 2


@pytest.mark.parametrize("data,why", [
    ({"format": "other"}, "expected a JSON object"),
    ({"format": "ember-conversations", "version": 99, "conversations": []}, "newer"),
    ({"format": "ember-conversations", "version": 1, "conversations": [{"uid": "x"}]},
     'no "created"'),
    ({"format": "ember-conversations", "version": 1, "conversations": [
        {"uid": "x", "created": "t", "updated": "t", "messages": [
            {"id": 1, "parent": 7, "role": "user", "content": "", "created": "t"}]}]},
     "does not come before it"),
    ({"format": "ember-conversations", "version": 1, "conversations": [
        {"uid": "x", "created": "t", "updated": "t", "messages": [
            {"id": 1, "role": "wizard", "content": "", "created": "t"}]}]}, "unknown role"),
])
def test_import_refuses_bad_files_whole(store, data, why):
    _conversation(store)
    good = store.export_data()["conversations"][0]
    good["uid"] = "fresh"
    if "conversations" in data:
        data = {**data, "conversations": [good] + data["conversations"]}
    with pytest.raises(ImportFormatError, match=why):
        store.import_data(data)
    assert len(store.list_conversations()) == 1  # all or nothing
    with pytest.raises(ImportFormatError, match="not JSON"):
        store.import_json("{nope")
