"""The store never gets stuck on hostile input (issue 13, part 4): a search with a NUL or a lone
surrogate finds nothing instead of raising; a database another process has open is never moved
aside as damaged; deleting a conversation deletes its KV snapshot (made by the real engine).
Real SQLite files, a second real process, the real llama.cpp engine."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.kvcache import KVCache
from desktop.core.store import Store, StoreLockedError


def _conversation(s: Store, q: str = "How do I reverse a list?", a: str = "Use reversed().") -> int:
    c = s.create_conversation("Lists")
    u = s.add_message(c, "user", q)
    r = s.begin_reply(c, u, model="qwen")
    s.finish_reply(r, a, {"finish_reason": "stop"})
    return c


# ---------------------------------------------------------------------------------- search
@pytest.mark.parametrize("query", ["reverse\x00", "\x00", "rev\x00erse list", "reverse \ud800",
                                   "\udfff", "list \udc80x", "\ud83d", 'list "\x00 phrase"'])
def test_a_search_with_a_nul_or_a_lone_surrogate_finds_nothing(query, tmp_path):
    with Store(tmp_path / "ember.db") as s:
        c = _conversation(s)
        assert s.search(query) == []
        assert s.search(query, conversation_id=c) == []
        assert s.search("reverse")  # the store is fine afterwards
        assert not list(tmp_path.glob("*.check-needed"))


# -------------------------------------------------------------------- in use, not damaged
def _damage(db: Path) -> None:
    """Garbage in one leaf page of the messages table (the header page stays valid)."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'messages' AND pagetype = 'leaf' ORDER BY pageno")]
    conn.close()
    with open(db, "r+b") as f:
        f.seek((leaves[len(leaves) // 2] - 1) * page_size)
        f.write(bytes(range(256)) * (page_size // 256))


HOLDER = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
if sys.argv[2] != "idle":
    conn.execute(sys.argv[2])
print("holding", flush=True)
sys.stdin.readline()
"""


@pytest.mark.parametrize("hold", ["BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "idle"])
def test_a_damaged_database_another_process_has_open_is_not_moved_aside(hold, tmp_path):
    db = tmp_path / "ember.db"
    with Store(db) as s:
        for i in range(30):
            _conversation(s, f"question {i} " + "lorem ipsum " * 100, "dolor " * 200)
    _damage(db)
    before = db.read_bytes()
    other = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), hold], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert other.stdout.readline().strip() == "holding"
        with pytest.raises(StoreLockedError, match="looks damaged.*has it open.*did not move") as e:
            Store(db, timeout=0.2)
        assert "\n" not in str(e.value)
        assert not list(tmp_path.glob("*.corrupt-*"))
        assert db.read_bytes() == before
    finally:
        other.stdin.write("\n")
        other.stdin.close()
        other.wait(10)
    # once nobody else has it open, the damaged file is kept aside and recovered as before
    with Store(db) as s:
        (notice,) = s.notices
        assert "kept as" in notice and s.backup_path and s.backup_path.exists()
        assert s.backup_path.read_bytes()[:len(before) // 2] == before[:len(before) // 2]


def test_a_healthy_database_in_use_elsewhere_opens_normally(tmp_path):
    db = tmp_path / "ember.db"
    with Store(db) as s:
        _conversation(s)
    other = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), "BEGIN IMMEDIATE"],
                             text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert other.stdout.readline().strip() == "holding"
        with Store(db, timeout=0.2) as s:
            assert s.notices == [] and len(s.list_conversations()) == 1
    finally:
        other.stdin.write("\n")
        other.stdin.close()
        other.wait(10)


# ----------------------------------------------------------------------------- KV snapshots
def test_deleting_a_conversation_deletes_its_kv_snapshot(qwen_engine, tmp_path):
    e = qwen_engine
    with Store(tmp_path / "ember.db") as s:
        cache = KVCache(tmp_path / "kv", min_tokens=1)  # the engine's, beside the database
        gone, kept = _conversation(s), _conversation(s, "Another question")
        uid_gone, uid_kept = s.get_conversation(gone).uid, s.get_conversation(kept).uid
        saved = []
        for key in (uid_gone, str(gone), uid_kept):  # by uid, and by id as older callers did
            e.reset()
            e.eval_prefix(e.tokenize(f"The conversation {key} talks about lists."))
            assert cache.save(e, key, force=True) is not None
            state, meta = cache._files(cache.key(key))
            assert state.stat().st_size > 0 and meta.exists()
            saved.append((state, meta))
        s.delete_conversation(gone)
        for state, meta in saved[:2]:
            assert not state.exists() and not meta.exists()
        assert not cache.has(uid_gone) and not cache.has(str(gone))
        assert cache.has(uid_kept) and all(p.exists() for p in saved[2])
        assert [c.id for c in s.list_conversations()] == [kept]
        assert s.kv_root == tmp_path / "kv"
        e.reset()


# ------------------------------------------------------------- disk full while streaming
DISK_FULL_TURN = r"""
import json, os, resource, sys
from desktop.core.engine import Engine, LoadSettings
from desktop.core.session import ChatSession, run_turn
from desktop.core.store import Store, StoreWriteError
from desktop.core.turns import SamplingSettings

model, db = sys.argv[1], sys.argv[2]
st = Store(db)
engine = Engine()
engine.load(model, LoadSettings(n_ctx=1024))
# min_tokens: 80 tokens, ending at the limit, on any CPU (the words are the CPU's kernels')
session = ChatSession(st, sampling=SamplingSettings(temperature=0.0, max_tokens=80,
                                                    min_tokens=80))
turn = session.ask("Count: 1, 2, 3, 4, 5,")
saved = []          # what each streaming save that succeeded wrote
write_reply = st.update_reply

def update_reply(mid, text):
    write_reply(mid, text)
    saved.append(text)
    if len(saved) == 2:  # from here on the file cannot grow: the disk is full
        limit = max(os.path.getsize(db), os.path.getsize(db + "-wal"))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

st.update_reply = update_reply
t = run_turn(engine, session, turn, emit_interval=0.0, flush_interval=0.02)
error = None
try:
    session.finish(turn, t.text, t.metrics)
except StoreWriteError as e:
    error = str(e)
print(json.dumps({"saved": saved, "answer": t.text, "error": error, "reply": turn.reply_id,
                  "finish": t.metrics.finish_reason}))
"""


def test_disk_full_while_streaming_keeps_the_answer_up_to_the_last_write(gemma_path, tmp_path):
    """A real answer streams from the embedded model while the database file cannot grow
    (RLIMIT_FSIZE, as a full disk): the answer streams on to its end, the writes that fail say
    so clearly, the database keeps the answer up to the last write that succeeded, and it is not
    damaged."""
    import json
    db = tmp_path / "ember.db"
    out = subprocess.run([sys.executable, "-c", DISK_FULL_TURN, str(gemma_path), str(db)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    r = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(r["saved"]) == 2, "the size limit stopped the streaming saves"
    assert r["finish"] == "length" and len(r["answer"]) > len(r["saved"][-1])  # streamed on
    assert "could not be written" in r["error"] and "saved before it is intact" in r["error"]
    with Store(db) as s:  # the writer is gone: its reply is marked interrupted at the next start
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        m = s.get_message(r["reply"])
        assert m.content == r["saved"][-1] and m.status == "interrupted"
        assert s.get_message(m.parent_id).content == "Count: 1, 2, 3, 4, 5,"


def test_a_full_disk_gives_a_clear_error_and_nothing_is_lost_or_damaged(small_disk):
    from conftest import fill

    from desktop.core.store import StoreWriteError
    db = small_disk / "ember.db"
    with Store(db) as s:
        c = _conversation(s)
        u = s.add_message(c, "user", "And a long answer?")
        r = s.begin_reply(c, u)
        s.update_reply(r, "First part. ")
        filler = fill(small_disk)
        with pytest.raises(StoreWriteError, match="disk holding it is full.*intact"):
            for i in range(200):  # the WAL has some room left: write until it is gone
                s.update_reply(r, "First part. " + "more text " * (50 * i))
        with pytest.raises(StoreWriteError):
            s.finish_reply(r, "First part. and the end.")
        kept = s.get_message(r).content
        assert kept.startswith("First part. ") and s.get_message(r).status == "streaming"
        filler.unlink()  # space again: the same write now works
        s.finish_reply(r, "First part. and the end.", {"finish_reason": "stop"})
        assert s.get_message(r).content == "First part. and the end."
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store(db) as s:
        assert [m.content for m in s.path(c)][-1] == "First part. and the end."
