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
