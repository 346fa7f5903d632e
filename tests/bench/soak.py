#!/usr/bin/env python3
"""The soak (issue 13): many consecutive turns through the Qt-free chat session on the embedded
model, as the window runs them (the engine process, `ember serve`, and Ember's client), with
the things a long day does along the way:

- every 10th turn switches to an earlier conversation (its KV snapshot is restored);
- every 50th turn starts a conversation with an attached document;
- every 7th turn is cancelled after its first pieces (the partial answer is kept);
- every 250th turn kills the engine process (kill -9) and starts a new one, as the window does
  after a crash, and the conversation goes on;
- the turns from 40% to 60% of the run go beside a busy core (`python3 -c "while True: pass"`,
  a build or a browser tab: issue 24), and the turns before, during and after are compared.

It prints RSS and open file descriptors of this process (the client: session, store) and of the
engine process at the start, the middle and the end, then checks the store: `PRAGMA
integrity_check`, and every answer that finished has exactly the text it streamed.

    python tests/bench/soak.py [--turns 1000] [--max-tokens 16] [--threads 2] [--no-busy]

Goals: RSS growth < 50 MB, descriptors flat, no crash, integrity ok, every message intact.
Prints figures; exits 1 when a check fails.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil  # noqa: E402

QUESTIONS = ["def add(a, b):", "Name three prime numbers.", "What is a closure in Python?",
             "Write a haiku about compilers.", "How do I reverse a list?",
             "Explain recursion in one sentence.", "什么是递归？", "再帰とは何ですか？"]
DOC = ("# Design notes\n\nThe parser reads tokens from the lexer and builds a tree. "
       "Errors carry the line and column. " * 40)


def mem(pid: int) -> tuple[float, int]:
    p = psutil.Process(pid)
    return p.memory_info().rss / 2**20, p.num_fds()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=1000)
    ap.add_argument("--max-tokens", type=int, default=16)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--verbose", action="store_true", help="a line per turn")
    ap.add_argument("--no-busy", action="store_true", help="no busy-core phase")
    args = ap.parse_args()

    home = Path(tempfile.mkdtemp(prefix="ember-soak-"))
    os.environ["EMBER_HOME"] = str(home)
    from desktop.core import documents, models
    from desktop.core.client import EngineClient, EngineGone, EngineProcess
    from desktop.core.errors import EmberError
    from desktop.core.session import ChatSession, run_turn
    from desktop.core.store import Store
    from desktop.core.turns import SamplingSettings

    model = models.resolve("embedded").path
    rng = random.Random(7)

    def start_engine():
        proc = EngineProcess.start(private=True, threads=args.threads)
        eng = EngineClient(proc)
        eng.load_planned(model, ctx=4096, threads=args.threads)
        return proc, eng

    store = Store(home / "ember.db")
    session = ChatSession(store, model_name="Gemma 3 270m",
                          sampling=SamplingSettings(temperature=0.7, max_tokens=args.max_tokens,
                                                    seed=1))
    proc, eng = start_engine()
    finished: dict[int, str] = {}     # reply id -> the text it streamed
    conversations: list[int] = []
    counts = {"finished": 0, "cancelled": 0, "switched": 0, "documents": 0, "restarts": 0,
              "engine_errors": 0, "context_full": 0}
    marks: list[tuple[str, float, int, float, int]] = []

    def mark(label: str) -> None:
        c_rss, c_fd = mem(os.getpid())
        e_rss, e_fd = mem(proc.pid)
        marks.append((label, c_rss, c_fd, e_rss, e_fd))
        print(f"[{label}] client RSS {c_rss:.1f} MB, fds {c_fd}; engine RSS {e_rss:.1f} MB, "
              f"fds {e_fd}", flush=True)

    busy_from, busy_to = (0, 0) if args.no_busy else (args.turns * 2 // 5, args.turns * 3 // 5)
    busy = None
    phases: dict[str, list] = {"before": [], "busy core": [], "after": []}

    t0 = time.monotonic()
    for i in range(1, args.turns + 1):
        if i == 2:
            mark("start")          # after the first turn: the graphs and caches exist
        if i == args.turns // 2:
            mark("middle")
        if i == busy_from and busy_from:
            busy = subprocess.Popen([sys.executable, "-c", "while True: pass"],
                                    start_new_session=True)
        if i == busy_to and busy is not None:
            busy.kill()
            busy.wait()
            busy = None
        if i % 250 == 0:           # the engine dies; a new one takes over, as in the window
            proc.kill()
            eng.close()
            proc, eng = start_engine()
            counts["restarts"] += 1
        docs = []
        if i % 50 == 1:
            session.new()
            docs = [(documents.from_text("notes.md", DOC), None)]
            counts["documents"] += 1
        elif i % 10 == 0 and conversations:
            session.open(rng.choice(conversations))
            counts["switched"] += 1
        elif session.conversation_id is None:
            session.new()
        turn = session.ask(rng.choice(QUESTIONS), docs)
        if session.conversation_id not in conversations:
            conversations.append(session.conversation_id)
        cancel_after = 1 if i % 7 == 0 else None
        if cancel_after:  # long enough for the cancel to land mid-answer
            turn.sampling = dataclasses.replace(turn.sampling, max_tokens=400)
        turn.allow_reload = False   # a document that does not fit: its best parts (no reload)
        got: list[str] = []

        def on_pieces(chunk: str, cancel_after=cancel_after, got=got, eng=eng) -> None:
            got.append(chunk)
            if cancel_after is not None and len(got) == cancel_after:
                eng.cancel()
        try:
            t = run_turn(eng, session, turn, on_pieces=on_pieces, emit_interval=0.0)
        except EngineGone as e:
            counts["engine_errors"] += 1
            session.fail(turn, "".join(got))
            print(f"turn {i}: the engine died: {e}", flush=True)
            proc, eng = start_engine()
            continue
        except EmberError:  # the conversation filled its context: a new one, as a user does
            session.forget(turn)
            if session.conversation_id in conversations:
                conversations.remove(session.conversation_id)
            session.new()
            counts["context_full"] += 1
            continue
        text = "".join(got)
        if args.verbose:
            m = t.metrics
            print(f"turn {i}: {m.finish_reason}, {m.completion_tokens} tokens, prompt "
                  f"{m.prompt_tokens} ({m.processed_tokens} processed), {m.total_s:.2f} s",
                  flush=True)
        if t.metrics.finish_reason == "cancelled":
            session.stop(turn, text)
            counts["cancelled"] += 1
        else:
            session.finish(turn, text, t.metrics)
            finished[turn.reply_id] = turn.prefix + text
            counts["finished"] += 1
            phase = "before" if i < busy_from or not busy_from else \
                "busy core" if i < busy_to else "after"
            phases[phase].append(t.metrics)
        if i % 100 == 0:
            print(f"turn {i}: {time.monotonic() - t0:.0f} s", flush=True)
    if busy is not None:
        busy.kill()
        busy.wait()
    mark("end")
    wall = time.monotonic() - t0
    eng.close()
    proc.stop()
    store.close()

    # ---- the checks
    con = sqlite3.connect(home / "ember.db")
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    rows = dict(con.execute("SELECT id, content FROM messages WHERE id IN (%s)" %
                            ",".join(str(k) for k in finished)).fetchall()) if finished else {}
    con.close()
    intact = sum(1 for k, v in finished.items() if rows.get(k) == v)
    start, end = marks[0], marks[-1]
    # the engine was restarted along the way: compare its RSS within the last lifetime's marks
    print(f"\n{args.turns} turns in {wall:.0f} s ({wall / args.turns * 1000:.0f} ms a turn): "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("| point | client RSS MB | client fds | engine RSS MB | engine fds |")
    print("|---|---:|---:|---:|---:|")
    for label, c_rss, c_fd, e_rss, e_fd in marks:
        print(f"| {label} | {c_rss:.1f} | {c_fd} | {e_rss:.1f} | {e_fd} |")
    if busy_from:
        print("| phase | finished turns | median ms a turn | median decode tokens/s | "
              "turns on fewer threads |")
        print("|---|---:|---:|---:|---:|")
        for name, ms in phases.items():
            tps = [m.decode_tps for m in ms if m.decode_tps]
            fewer = sum(1 for m in ms if m.threads and m.threads < m.threads_max)
            print(f"| {name} | {len(ms)} | "
                  f"{statistics.median([m.total_s for m in ms]) * 1000 if ms else 0:.0f} | "
                  f"{statistics.median(tps) if tps else 0:.1f} | {fewer} |")
    growth = end[1] - start[1]
    print(f"client RSS growth start -> end: {growth:+.1f} MB (goal < 50); fds {start[2]} -> "
          f"{end[2]}; PRAGMA integrity_check: {integrity}; finished answers intact: "
          f"{intact}/{len(finished)}")
    ok = growth < 50 and end[2] <= start[2] + 2 and integrity == "ok" \
        and intact == len(finished) and counts["engine_errors"] == 0
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
