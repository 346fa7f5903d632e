#!/usr/bin/env python3
"""Search speed of the conversation store (issue 4): goal, median < 50 ms.

Builds a database of 10,000 conversations / 200,000 messages (synthetic chat text: words drawn
from a Zipf-like vocabulary of real programming words and made-up ones, questions of 10-60
words, answers of 40-300), through the store's own import path (so the FTS triggers do the
indexing, as in real use), then times `Store.search()` (bm25 ranking, 50 results with
snippets, Python objects included) for queries of every kind: rare, medium and common words,
two words, a prefix, a phrase, a title word.

    python tests/bench/bench_search.py [--conversations 10000] [--messages 20] [--queries 300]
                                       [--db PATH] [--keep]

An existing --db with the right size is reused. Not a test: it prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core import store as store_mod  # noqa: E402
from desktop.core.store import Store  # noqa: E402

REAL = """python rust function class async await thread lock mutex list dict tuple string parse
json yaml http request response server client socket error exception traceback stack heap
memory pointer reference borrow lifetime trait generic template vector array slice iterator
generator lambda closure decorator module package import export build compile link cargo pip
venv docker kubernetes deploy test pytest unittest mock fixture assert benchmark profile cache
database sqlite postgres query index transaction commit rollback migration schema table column
row join select insert update delete regex pattern match replace split strip format encode
decode unicode utf bytes buffer stream file path directory read write open close flush sync
signal process fork spawn kill timeout retry backoff queue channel message event loop callback
promise future task scheduler worker pool gpu cuda kernel tensor matrix model token embedding
attention layer training inference quantize gguf llama prompt context window batch sort search
binary tree graph node edge hash map set heapq recursion dynamic programming fibonacci prime
factorial palindrome anagram sorting merge quick bubble complexity linear logarithmic constant
variable type annotation mypy lint format black ruff refactor rename extract inline interface
abstract inheritance composition pattern singleton factory observer adapter proxy
""".split()


def vocabulary(rng: random.Random, size: int) -> list[str]:
    syll = ["ka", "lo", "mi", "ra", "te", "zu", "po", "ne", "vi", "sa", "do", "gu", "fe", "ti",
            "bra", "ste", "qui", "lar", "mon", "pex", "dra", "sol", "vek", "tor"]
    words = list(dict.fromkeys(REAL))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(syll) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    rng.shuffle(words)  # the real words land at every frequency
    return words


def build(db_path: Path, n_conv: int, per_conv: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    vocab = vocabulary(rng, 30000)
    # Zipf-like frequencies (s = 1.05): a few very common words, a long tail of rare ones
    cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.05 for r in range(len(vocab))))

    def text(lo: int, hi: int) -> str:
        words = rng.choices(vocab, cum_weights=cum, k=rng.randint(lo, hi))
        # sentences of 8-16 words
        out, i = [], 0
        while i < len(words):
            n = rng.randint(8, 16)
            s = " ".join(words[i:i + n])
            out.append(s[:1].upper() + s[1:] + ".")
            i += n
        return " ".join(out)

    store = Store(db_path)
    t0 = time.perf_counter()
    chunk = 250
    for start in range(0, n_conv, chunk):
        convs = []
        for c in range(start, min(n_conv, start + chunk)):
            day = f"2025-{1 + c % 12:02d}-{1 + c % 28:02d}T{c % 24:02d}:00:00.000Z"
            msgs = []
            for i in range(per_conv):
                role = "user" if i % 2 == 0 else "assistant"
                msgs.append({"id": i + 1, "parent": i or None, "active": True, "role": role,
                             "content": text(10, 60) if role == "user" else text(40, 300),
                             "status": "complete", "created": day, "updated": day})
            convs.append({"uid": uuid.UUID(int=rng.getrandbits(128)).hex,
                          "title": text(3, 7).rstrip("."), "title_source": "model",
                          "created": day, "updated": day, "settings": {}, "pinned": False,
                          "messages": msgs, "attachments": []})
        store.import_data({"format": "ember-conversations", "version": 1,
                           "conversations": convs})
        done = min(n_conv, start + chunk)
        if done % 2000 == 0 or done == n_conv:
            print(f"  built {done:,} conversations ({time.perf_counter() - t0:.0f} s)",
                  flush=True)
    store.db.execute("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return vocab


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conversations", type=int, default=10000)
    ap.add_argument("--messages", type=int, default=20, help="messages per conversation")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--limit", type=int, default=50, help="results per search")
    ap.add_argument("--db", help="database file (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = ap.parse_args()

    tmp = None
    if args.db:
        db_path = Path(args.db)
    else:
        tmp = tempfile.mkdtemp(prefix="ember-bench-")
        db_path = Path(tmp) / "ember.db"

    want = args.conversations * args.messages
    have = 0
    if db_path.exists():
        with Store(db_path) as s:
            have = s.db.execute("SELECT count(*) FROM messages").fetchone()[0]
            if "prefix" not in s.db.execute("SELECT sql FROM sqlite_master "
                                           "WHERE name = 'messages_fts'").fetchone()[0]:
                have = -1  # built by an older store: rebuild
    rng = random.Random(11)
    vocab = vocabulary(random.Random(7), 30000)
    if have != want:
        if db_path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(str(db_path) + suffix).unlink(missing_ok=True)
        print(f"Building {args.conversations:,} conversations / {want:,} messages in {db_path}")
        t = time.perf_counter()
        vocab = build(db_path, args.conversations, args.messages)
        print(f"  built in {time.perf_counter() - t:.1f} s")
    size = sum(os.path.getsize(str(db_path) + s) for s in ("", "-wal")
               if os.path.exists(str(db_path) + s))

    t = time.perf_counter()
    store = Store(db_path)
    t_open = time.perf_counter() - t
    n_msgs = store.db.execute("SELECT count(*) FROM messages").fetchone()[0]
    n_conv = store.count_conversations()

    def words_of_a_message() -> list[str]:
        mid = rng.randint(1, n_msgs)
        text = store.db.execute("SELECT content FROM messages WHERE id = ?", [mid]).fetchone()[0]
        return [w.strip(".").lower() for w in text.split()]

    def adjacent_words() -> list[str]:
        words = words_of_a_message()
        i = rng.randrange(len(words) - 1)
        return words[i:i + 2]

    # queries by kind: frequency rank in the vocabulary decides how many messages match
    kinds = {
        "rare word (rank 5k-30k)": lambda: rng.choice(vocab[5000:]),
        "medium word (rank 300-5k)": lambda: rng.choice(vocab[300:5000]),
        "common word (rank 10-300)": lambda: rng.choice(vocab[10:300]),
        "very common word (top 10)": lambda: rng.choice(vocab[:10]),
        "two words of one message": lambda: " ".join(rng.sample(words_of_a_message(), 2)),
        "phrase from a message": lambda: '"' + " ".join(adjacent_words()) + '"',
        "prefix, 3 letters (fib*)": lambda: rng.choice(vocab[100:5000])[:3] + "*",
        "prefix, 5 letters (fibon*)": lambda: rng.choice(vocab[100:5000])[:5] + "*",
    }
    names = list(kinds)
    for q in ("python", "warm up"):  # first touch of the index pages
        store.search(q, limit=args.limit)
    times: dict[str, list[float]] = {k: [] for k in names}
    hits_n: dict[str, list[int]] = {k: [] for k in names}
    for i in range(args.queries):
        kind = names[i % len(names)]
        q = kinds[kind]()
        t = time.perf_counter()
        hits = store.search(q, limit=args.limit)
        times[kind].append((time.perf_counter() - t) * 1000)
        hits_n[kind].append(len(hits))
    all_t = sorted(x for v in times.values() for x in v)

    def pct(xs, p):
        return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

    t = time.perf_counter()
    store.verify()
    t_check = time.perf_counter() - t
    checked = "with" if size <= store_mod.QUICK_CHECK_MAX_BYTES else "without"
    print(f"\nDatabase: {n_conv:,} conversations, {n_msgs:,} messages, {size / 1e6:.0f} MB; "
          f"open {t_open * 1000:.0f} ms ({checked} quick_check, which alone takes "
          f"{t_check * 1000:.0f} ms)")
    t = time.perf_counter()
    store.list_conversations(limit=50)
    print(f"History list (50 newest, with counts): {(time.perf_counter() - t) * 1000:.1f} ms")
    print(f"\n{'query kind':<28} {'median':>9} {'p90':>9} {'max':>9}  results (median)")
    for k in names:
        xs = sorted(times[k])
        print(f"{k:<28} {statistics.median(xs):7.1f}ms {pct(xs, 90):7.1f}ms {xs[-1]:7.1f}ms  "
              f"{statistics.median(hits_n[k]):.0f}")
    print(f"\nmedian search time: {statistics.median(all_t):.1f} ms over {len(all_t)} queries "
          f"(p90 {pct(all_t, 90):.1f} ms, max {all_t[-1]:.1f} ms; {args.limit} results with "
          f"snippets; goal < 50 ms)")
    store.close()
    if tmp and not args.keep:
        for f in Path(tmp).iterdir():
            f.unlink()
        os.rmdir(tmp)
    elif tmp:
        print(f"kept {db_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
