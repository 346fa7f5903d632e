"""Fewer llama.cpp threads while other programs keep cores busy (issue 24, engine/threads.py).

The engine runs in a process pinned to two CPUs, with the embedded model on 2 threads, and a
busy loop pinned to one of those CPUs takes that core: the engine must notice and decode on
1 thread, and take its second thread back once the loop has ended. Speed itself is measured by
tests/bench/bench_busy_cpu.py, never asserted here."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.core.engine.threads import CpuWatch, threads_for

ROOT = Path(__file__).resolve().parents[1]


def test_threads_for_leaves_the_cores_the_others_take():
    assert threads_for(2, 2, 0.0) == 2
    assert threads_for(2, 2, 0.3) == 2          # a window repainting: not a core
    assert threads_for(2, 2, 0.67) == 1         # a busy loop sharing the cores with 2 threads
    assert threads_for(2, 2, 1.0) == 1
    assert threads_for(2, 2, 2.0) == 1          # never fewer than one
    assert threads_for(8, 16, 1.0) == 8         # a busy core on a big machine changes nothing
    assert threads_for(8, 8, 3.0) == 5
    assert threads_for(4, 4, -0.2) == 4         # rounding below zero is no load


def test_the_watch_sees_another_process_keep_a_core_busy():
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)   # started
        w = CpuWatch()
        assert w.look() is None    # the first look is the baseline
        time.sleep(0.8)
        others = w.look()
    finally:
        busy.kill()
        busy.wait()
    assert others is not None and others >= 0.6, others


PROBE = textwrap.dedent("""
    import json, os, subprocess, sys, time
    cpus = sorted(os.sched_getaffinity(0))[:2]
    os.sched_setaffinity(0, cpus)          # before llama.cpp makes its threads: they inherit it
    sys.path.insert(0, os.getcwd())
    from desktop.core.engine import Engine, LoadSettings, SamplingSettings
    e = Engine()
    e.load(sys.argv[1], LoadSettings(n_ctx=2048, n_threads=2, n_seq_max=2))
    s = SamplingSettings(temperature=0.0, max_tokens=int(sys.argv[2]), ignore_eos=True)

    def turn():
        e.reset()
        t = e.chat([{"role": "user", "content": "Count: 1, 2, 3,"}], s)
        for _ in t:
            pass
        m = t.metrics
        return {"threads": m.threads, "max": m.threads_max, "others": m.cpu_others,
                "tokens": m.completion_tokens, "s": m.decode_s}

    def parallel():
        from desktop.core.engine.parallel import Scheduler
        sched, out = Scheduler(e), []
        for q in ("Count: 1, 2, 3,", "List fruits:"):
            sched.admit(e.chat([{"role": "user", "content": q}], s), emit=lambda _t: None,
                        done=lambda m, _text, _err: out.append(m))
        while sched.busy:
            sched.step()
        sched.close()
        return [{"threads": m.threads, "max": m.threads_max} for m in out]

    res = {"idle": turn()}
    busy = subprocess.Popen([sys.executable, "-c",
                             "import os; os.sched_setaffinity(0, [%d])\\nwhile True: pass" % cpus[0]])
    try:
        time.sleep(0.3)
        res["busy"] = turn()
        res["busy_parallel"] = parallel()
    finally:
        busy.kill()
        busy.wait()
    time.sleep(1.5)   # longer than a pause after which the engine starts afresh
    res["after"] = turn()
    print("RESULT " + json.dumps(res))
""")


def _probe(gemma_path, env_extra: dict, tokens: int = 96) -> dict:
    env = dict(os.environ, **env_extra)
    r = subprocess.run([sys.executable, "-c", PROBE, str(gemma_path), str(tokens)], cwd=ROOT,
                       env=env, capture_output=True, text=True, timeout=300)
    line = [x for x in r.stdout.splitlines() if x.startswith("RESULT ")]
    assert r.returncode == 0 and line, r.stdout[-2000:] + r.stderr[-3000:]
    return json.loads(line[0][7:])


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs two CPUs to pin to (Linux)")
def test_the_engine_drops_a_thread_beside_a_busy_core_and_takes_it_back(gemma_path):
    res = _probe(gemma_path, {"EMBER_ADAPT_THREADS": "1"})
    assert res["idle"]["max"] == 2 and res["idle"]["threads"] == 2, res
    # the busy loop shares one of the engine's two CPUs: decoding moves to the other
    assert res["busy"]["threads"] == 1, res
    assert res["busy"]["others"] >= 0.6, res
    assert res["busy"]["tokens"] == 96, res
    assert [m["threads"] for m in res["busy_parallel"]] == [1, 1], res
    # the loop has ended: both threads again
    assert res["after"]["threads"] == 2, res


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs two CPUs to pin to (Linux)")
def test_adapting_can_be_turned_off(gemma_path):
    res = _probe(gemma_path, {"EMBER_ADAPT_THREADS": "0"}, tokens=48)
    assert res["busy"]["threads"] == 2 and res["busy"]["others"] is None, res


def test_the_note_says_how_many_threads_and_why():
    from desktop.core.turns import TurnMetrics
    assert TurnMetrics(threads=2, threads_max=2).threads_note() is None
    assert TurnMetrics().threads_note() is None           # a remote engine: unknown
    short, long = TurnMetrics(threads=1, threads_max=4, cpu_others=2.6).threads_note()
    assert short == "1 of 4 threads: the CPU is busy"
    assert "kept 2.6 cores busy" in long and "1 of its 4 threads" in long
    # the metrics cross the engine process's API as a dict
    m = TurnMetrics.from_dict(TurnMetrics(threads=1, threads_max=2, cpu_others=1.0).as_dict())
    assert m.threads_note() is not None


def test_the_processes_ember_starts_spin_briefly_at_llama_cpp_barriers():
    """libgomp reads GOMP_SPINCOUNT when llama.cpp's library loads: importing desktop sets it
    first (1000, measured in docs/DESIGN.md); a value the user set is kept."""
    code = "import desktop, os; print(os.environ['GOMP_SPINCOUNT'])"
    env = {k: v for k, v in os.environ.items() if k != "GOMP_SPINCOUNT"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == "1000"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env=dict(env, GOMP_SPINCOUNT="20000"), check=True).stdout.strip()
    assert out == "20000"


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs two CPUs to pin to (Linux)")
def test_ember_chat_says_it_decoded_on_fewer_threads_beside_a_busy_core(gemma_path, tmp_path):
    """Through the engine process (it inherits the CPUs `ember chat` may use): the status line
    under the answer says the threads and that the CPU was busy."""
    cpus = sorted(os.sched_getaffinity(0))[:2]
    busy = subprocess.Popen([sys.executable, "-c",
                             f"import os; os.sched_setaffinity(0, [{cpus[0]}])\nwhile True: pass"])
    try:
        time.sleep(0.3)
        r = subprocess.run([sys.executable, "-m", "desktop", "chat", "--model", str(gemma_path),
                            "--threads", "2", "--temperature", "0", "--max-tokens", "96",
                            "--ignore-eos", "--no-save", "-p", "Count: 1, 2, 3,"],
                           cwd=ROOT, env=dict(os.environ, EMBER_HOME=str(tmp_path)),
                           preexec_fn=lambda: os.sched_setaffinity(0, cpus),
                           capture_output=True, text=True, timeout=300)
    finally:
        busy.kill()
        busy.wait()
    assert r.returncode == 0, r.stderr[-3000:]
    assert "96 tokens" in r.stderr and "1 of 2 threads: the CPU is busy" in r.stderr, r.stderr[-2000:]
