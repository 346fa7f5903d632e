#!/usr/bin/env python3
"""Decode speed beside busy cores (issue 24): Ember in-process, Ember served, and native
llama.cpp's llama-bench, side by side and interleaved, idle and under load.

Every load and every subject runs in a session of its own, as programs a user starts do (Linux
schedules sessions as groups when sched_autogroup is on: the engine process Ember starts is in
a session of its own too).

Loads (each starts before a round's measurements and stops after them):
  idle      nothing else
  busy1     one `python3 -c "while True: pass"` at nice 0 (a compiler, a browser tab)
  busy2     two of them
  window    the window's chat view rendering a long Markdown answer at ~33 Hz, offscreen, in
            a process of its own (what the real window does while a model streams)

Subjects (the same model, `--tokens` tokens, greedy, the end-of-generation token ignored):
  inproc          an Engine in a worker process (Ember's defaults: adaptive threads)
  inproc-fixed    the same with EMBER_ADAPT_THREADS=0 (the threads never change)
  served          `ember serve`, asked by the `openai` client over a real socket; its figure is
                  the client's: tokens after the first over the time from the first to the last
  served-fixed    the same with EMBER_ADAPT_THREADS=0
  *-before        Ember before issue 24: fixed threads and libgomp's default spinning
                  (GOMP_SPINCOUNT=300000); an answer is cut after 20 s and its rate so far
                  is its figure
  llama-bench     native llama.cpp at its defaults (`-p 0 -n TOKENS`), built from the sources
                  llama-cpp-python vendors (tests/bench/build_llama_bench.sh; LLAMA_BENCH=path);
                  `--repack 0` where Ember loads without repacked weights (AMX CPUs)

    python tests/bench/bench_busy_cpu.py [--rounds 3] [--tokens 64] [--loads idle,busy1,...]
        [--subjects inproc,served,...] [--env GOMP_SPINCOUNT=300000]

Prints every measurement as it comes, then medians, each against the subject's idle median and
against llama-bench's under the same load. Asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PROMPT = "Count: 1, 2, 3,"
SUBJECTS = ("inproc", "inproc-fixed", "inproc-before", "served", "served-fixed", "served-before",
            "llama-bench")
BEFORE = {"EMBER_ADAPT_THREADS": "0", "GOMP_SPINCOUNT": "300000"}  # libgomp's own default
DEADLINE_S = 20.0   # a served answer slower than this is cut: its rate so far is its figure
LOADS = ("idle", "busy1", "busy2", "window")


# ------------------------------------------------------------------------------- the worker
def worker(model: str, tokens: int) -> None:
    """An in-process Engine: one turn per line read on stdin, its figures as JSON on stdout."""
    from desktop.core.engine import Engine, LoadSettings, SamplingSettings
    e = Engine()
    e.load(model, LoadSettings(n_ctx=2048))
    s = SamplingSettings(temperature=0.0, max_tokens=tokens, ignore_eos=True)
    for _ in sys.stdin:
        e.reset()
        t = e.chat([{"role": "user", "content": PROMPT}], s)
        t0, n, cut = time.perf_counter(), 0, None
        for _piece in t:
            n += 1
            if time.perf_counter() - t0 > DEADLINE_S:   # the collapse: its rate so far
                cut = n / (time.perf_counter() - t0)
                t.close()
                break
        m = t.metrics
        print(json.dumps({"tps": cut or m.decode_tps, "threads": m.threads,
                          "others": m.cpu_others}), flush=True)


def render_load() -> None:
    """The window's chat view rendering a long answer, until killed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_window_decode import RenderLoad
    from PySide6.QtWidgets import QApplication

    from desktop.ui.chat_view import ChatView
    app = QApplication([])
    view = ChatView()
    view.resize(900, 700)
    view.show()
    load = RenderLoad(view)
    load.start()
    app.exec()


# ------------------------------------------------------------------------------- subjects
class InProc:
    def __init__(self, model: str, tokens: int, env: dict):
        self.p = subprocess.Popen([sys.executable, __file__, "--worker", "--model", model,
                                   "--tokens", str(tokens)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, env=env,
                                  start_new_session=True)
        self.measure()  # warm

    def measure(self) -> dict:
        self.p.stdin.write("run\n")
        self.p.stdin.flush()
        return json.loads(self.p.stdout.readline())

    def close(self) -> None:
        self.p.kill()
        self.p.wait()


class Served:
    def __init__(self, model: str, tokens: int, env: dict):
        import openai
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.home = tempfile.mkdtemp(prefix="ember-busy-")
        env = dict(env, EMBER_HOME=self.home)
        self.p = subprocess.Popen([sys.executable, "-m", "desktop", "serve", "--port", str(port),
                                   "--model", model], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
        self.client = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="x")
        self.tokens = tokens
        deadline = time.monotonic() + 120
        while True:
            try:
                self.measure()
                break
            except Exception:
                if self.p.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def measure(self) -> dict:
        stream = self.client.chat.completions.create(
            model="default", messages=[{"role": "user", "content": PROMPT}], temperature=0,
            max_tokens=self.tokens, stream=True, stream_options={"include_usage": True},
            extra_body={"ignore_eos": True})
        t_first = t_last = None
        n = 0
        metrics = {}
        chunks = 0
        for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                t_last = time.perf_counter()
                t_first = t_first or t_last
                chunks += 1
                if t_last - t_first > DEADLINE_S:   # the collapse: its rate so far
                    stream.close()
                    n = chunks
                    break
            if chunk.usage:
                n = chunk.usage.completion_tokens
            ext = (chunk.model_extra or {}).get("ember") or {}
            metrics = ext.get("metrics") or metrics
        tps = (n - 1) / (t_last - t_first) if t_first and t_last > t_first and n > 1 else None
        return {"tps": tps, "threads": metrics.get("threads"), "others": metrics.get("cpu_others"),
                "engine_tps": metrics.get("decode_tps")}

    def close(self) -> None:
        os.killpg(self.p.pid, signal.SIGTERM)
        self.p.wait()


class LlamaBench:
    def __init__(self, model: str, tokens: int, exe: str):
        self.cmd = [exe, "-m", model, "-p", "0", "-n", str(tokens), "-r", "1", "-o", "json"]
        from desktop.core.engine.native import _extra_bufts_safe
        if not _extra_bufts_safe():
            # Ember loads without llama.cpp's repacked weights on this CPU (an AMX Xeon, whose
            # AMX buffer type dies of SIGILL at the first prompt: llama-bench -p 64 too), so
            # llama-bench runs as Ember does; its default (--repack 1) is what a tg-only run
            # could do, not what a chat can
            self.cmd += ["--repack", "0"]

    def measure(self) -> dict:
        out = subprocess.run(self.cmd, capture_output=True, text=True, check=True,
                             start_new_session=True).stdout
        row = json.loads(out)[0]
        return {"tps": row["avg_ts"], "threads": row.get("n_threads")}

    def close(self) -> None:
        pass


# ------------------------------------------------------------------------------- loads
def start_load(name: str, env: dict) -> list[subprocess.Popen]:
    if name == "idle":
        return []
    if name.startswith("busy"):
        return [subprocess.Popen([sys.executable, "-c", "while True: pass"],
                                 start_new_session=True) for _ in range(int(name[4:]))]
    if name == "window":
        return [subprocess.Popen([sys.executable, __file__, "--render-load"], env=env,
                                 start_new_session=True)]
    raise SystemExit(f"unknown load {name}")


def stop_load(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        p.kill()
        p.wait()


# ------------------------------------------------------------------------------- main
def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--render-load", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--model", default="embedded")
    ap.add_argument("--tokens", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--loads", default=",".join(LOADS))
    ap.add_argument("--subjects", default=",".join(SUBJECTS))
    ap.add_argument("--env", action="append", default=[],
                    help="NAME=VALUE for Ember's processes (e.g. GOMP_SPINCOUNT=300000)")
    ap.add_argument("--llama-bench", default=os.environ.get(
        "LLAMA_BENCH", f"{os.environ.get('TMPDIR', '/tmp')}/ember-llama-bench/bin/llama-bench"))
    args = ap.parse_args()
    if args.render_load:
        render_load()
        return 0
    from desktop.core.models import resolve
    ref = resolve(args.model)
    model = str(getattr(ref, "path", ref))
    if args.worker:
        worker(model, args.tokens)
        return 0

    env = dict(os.environ)
    for kv in args.env:
        k, _, v = kv.partition("=")
        env[k] = v
    fixed = dict(env, EMBER_ADAPT_THREADS="0")
    before = dict(env, **BEFORE)
    subjects = [s for s in args.subjects.split(",") if s]
    loads = [s for s in args.loads.split(",") if s]
    if "llama-bench" in subjects and not Path(args.llama_bench).exists():
        print(f"no llama-bench at {args.llama_bench}: build it with tests/bench/"
              "build_llama_bench.sh, or leave llama-bench out of --subjects", file=sys.stderr)
        return 2
    make = {"inproc": lambda: InProc(model, args.tokens, env),
            "inproc-fixed": lambda: InProc(model, args.tokens, fixed),
            "served": lambda: Served(model, args.tokens, env),
            "served-fixed": lambda: Served(model, args.tokens, fixed),
            "inproc-before": lambda: InProc(model, args.tokens, before),
            "served-before": lambda: Served(model, args.tokens, before),
            "llama-bench": lambda: LlamaBench(model, args.tokens, args.llama_bench)}
    live = {}
    # a SIGTERM (a timeout, pkill) must still stop the engines: they run in sessions of their own
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        for s in subjects:
            live[s] = make[s]()
        res: dict[tuple[str, str], list[dict]] = {}
        print(f"model {model}, {args.tokens} tokens, {os.cpu_count()} CPUs, "
              f"env {' '.join(args.env) or '(Ember defaults)'}", flush=True)
        if "llama-bench" in live:
            print("llama-bench: " + " ".join(live["llama-bench"].cmd[1:]), flush=True)
        for r in range(args.rounds):
            for load in loads:
                procs = start_load(load, env)
                try:
                    time.sleep(1.5 if load == "window" else 0.5)
                    order = subjects[r % len(subjects):] + subjects[:r % len(subjects)]
                    for s in order:
                        out = live[s].measure()
                        res.setdefault((load, s), []).append(out)
                        print(f"round {r + 1} {load:7} {s:13} {out}", flush=True)
                finally:
                    stop_load(procs)
        print()
        med = {k: statistics.median([o["tps"] for o in v if o["tps"]] or [0]) for k, v in res.items()}
        head = "| load | " + " | ".join(subjects) + " |"
        print(head)
        print("|---|" + "---:|" * len(subjects))
        for load in loads:
            cells = []
            for s in subjects:
                v = med.get((load, s))
                idle = med.get(("idle", s))
                lb = med.get((load, "llama-bench"))
                cell = f"{v:.1f}"
                if load != "idle" and idle:
                    cell += f" ({v / idle:.2f}x idle"
                    if lb and s != "llama-bench":
                        cell += f", {v / lb:.2f}x llama-bench"
                    cell += ")"
                threads = sorted({o.get("threads") for o in res[(load, s)] if o.get("threads")})
                if threads and s != "llama-bench":
                    cell += f" [{'/'.join(map(str, threads))} thr]"
                cells.append(cell)
            print(f"| {load} | " + " | ".join(cells) + " |")
    finally:
        for s in live.values():
            s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
