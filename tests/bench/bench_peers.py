#!/usr/bin/env python3
"""Ember against the servers a user would pick instead, on the same machine and model (issue 29):
llama-server built from the very llama.cpp that llama-cpp-python vendors
(`TARGETS="llama-bench llama-server" tests/bench/build_llama_bench.sh`), and llama-cpp-python's
own server (`python -m llama_cpp.server`).

One client script drives all three over HTTP: streamed `/v1/completions`, greedy, the same prompt,
`max_tokens` tokens with the end of generation ignored where the server allows it (Ember and
llama-server: `ignore_eos`), prompt caching off (every request reads its prompt). For 1, 4 and 8
clients (each sending `--requests` requests one after the other) it measures, per server:

- TTFT p50 / p95: request sent -> first chunk with text, over every request;
- decode: one stream's tokens/s after its first token, (n - 1) / (last chunk - first chunk),
  median over the requests;
- aggregate tokens/s: every request's completion tokens / wall time of the configuration.

Servers are started per client count (Ember `--parallel N`, llama-server `-np N` with N times
the context, so each slot has `--ctx`); llama-cpp-python's server has no parallel slots and runs
with one client only. Rounds are interleaved: each round runs every server once, in a rotating
order, so drift on a shared machine falls on all of them. Medians over rounds.

    python tests/bench/bench_peers.py [--model GGUF] [--llama-server PATH] [--rounds 5]
        [--clients 1,4,8] [--tokens 128] [--threads 2] [--ctx 8192] [--markdown FILE]

Prints a Markdown table (and writes it to --markdown). Asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx2 as httpx  # noqa: E402

# a continuation whose every next token is clear (a counting list): the greedy text is the
# same on any build when the sums agree, so "same outputs" is a check of the servers, not of
# rounding (a code prompt had two candidates 0.007 apart in log-probability at its 2nd token)
PROMPT = ("Numbers, one per line, counting up:\n"
          + "".join(f"{i}\n" for i in range(1, 41)))


# llama-cpp-python's server with the extra-buffer-type choice Ember and the tests make (on an
# AMX Xeon the AMX buffer type crashes at the first decode: docs/DESIGN.md)
LLAMA_CPP_PYTHON_SERVER = ("import runpy, sys; from desktop.core.engine.native import "
                           "guard_llama_defaults; guard_llama_defaults(); "
                           "sys.argv[0] = 'llama_cpp.server'; "
                           "runpy.run_module('llama_cpp.server', run_name='__main__')")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    name: str
    cmd: list[str]
    port: int
    ignore_eos: bool
    env: dict = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, workdir: Path, timeout: float = 300) -> None:
        self.log = workdir / f"{self.name.split()[0].lower()}-{self.port}.log"
        fh = open(self.log, "wb")
        self.proc = subprocess.Popen(self.cmd, stdout=fh, stderr=subprocess.STDOUT,
                                     env={**os.environ, **self.env}, cwd=ROOT)
        deadline = time.monotonic() + timeout
        with httpx.Client(trust_env=False, timeout=5) as c:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} ended: "
                                       f"{self.log.read_text(errors='replace')[-2000:]}")
                try:
                    r = c.get(self.url + "/health")
                    if r.status_code == 404:     # llama-cpp-python's server has no /health
                        r = c.get(self.url + "/v1/models")
                    if r.status_code == 200 and r.json().get("status") in ("ok", None):
                        if self.name.startswith("Ember") and not r.json().get("model"):
                            raise httpx.HTTPError("no model yet")
                        return
                except (httpx.HTTPError, ValueError):
                    pass
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not get ready: {self.log}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


@dataclass
class Req:
    ttft: float
    tokens: int
    decode_s: float      # first chunk -> last chunk
    text: str


TEMPERATURE = 0.0   # --temperature: above 0, sampled without a seed (no two answers agree)


def one_request(client: httpx.Client, srv: Server, tokens: int) -> Req:
    body = {"prompt": PROMPT, "max_tokens": tokens, "temperature": TEMPERATURE, "stream": True,
            "stream_options": {"include_usage": True}, "cache_prompt": False}
    if TEMPERATURE <= 0:
        body["seed"] = 1
    if TEMPERATURE > 0:
        body.update(top_k=40, top_p=0.95, min_p=0.05)
    if srv.ignore_eos:
        body["ignore_eos"] = True
    t0 = time.perf_counter()
    first = last = None
    chunks, text, usage = 0, [], None
    with client.stream("POST", srv.url + "/v1/completions", json=body) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if not line.startswith("data: "):
                continue
            data = line[6:]
            if data.strip() == "[DONE]":
                break
            ev = json.loads(data)
            if ev.get("usage"):
                usage = ev["usage"]
            for ch in ev.get("choices") or ():
                piece = ch.get("text") or ""
                if piece:
                    now = time.perf_counter()
                    first = first if first is not None else now
                    last = now
                    chunks += 1
                    text.append(piece)
    n = int(usage["completion_tokens"]) if usage and usage.get("completion_tokens") else chunks
    if first is None:
        first = last = time.perf_counter()
    return Req(first - t0, n, (last or first) - first, "".join(text))


def run_config(srv: Server, clients: int, requests: int, tokens: int) -> dict:
    out: list[Req] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def client_loop() -> None:
        try:
            with httpx.Client(trust_env=False, timeout=600) as c:
                for _ in range(requests):
                    r = one_request(c, srv, tokens)
                    with lock:
                        out.append(r)
        except BaseException as e:  # reported below
            errors.append(e)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{srv.name}: {errors[0]!r}")
    ttfts = sorted(r.ttft for r in out)
    decode = [(r.tokens - 1) / r.decode_s for r in out if r.tokens > 1 and r.decode_s > 0]
    return {"ttft_p50": statistics.median(ttfts),
            "ttft_p95": ttfts[min(len(ttfts) - 1, int(round(0.95 * (len(ttfts) - 1))))],
            "decode": statistics.median(decode) if decode else 0.0,
            "aggregate": sum(r.tokens for r in out) / wall,
            "tokens": [r.tokens for r in out], "text": out[0].text if out else "",
            "texts": [r.text for r in out]}


def servers_for(clients: int, args, work: Path) -> list[Server]:
    model, t, ctx = args.model, str(args.threads), args.ctx
    out = []
    p = free_port()
    ember = [sys.executable, "-m", "desktop", "--data-dir", str(work / f"ember-{clients}"),
             "serve", "--port", str(p), "--threads", t, "--ctx", str(ctx), "--model", model,
             "--socket", str(work / f"ember-{clients}.sock")]
    if clients > 1:
        ember += ["--parallel", str(clients)]
    out.append(Server("Ember (`ember serve`" + (f" --parallel {clients})" if clients > 1
                                                 else ")"), ember, p, True,
                      {"EMBER_HOME": str(work / f"ember-{clients}")}))
    if args.llama_server:
        p = free_port()
        out.append(Server(f"llama-server (-np {clients})",
                          [args.llama_server, "-m", model, "-c", str(ctx * clients),
                           "-np", str(clients), "-t", t, "-tb", t, "--host", "127.0.0.1",
                           "--port", str(p), "--no-ui", *_llama_server_repack()], p, True))
    if clients == 1 and not args.no_llama_cpp_python:
        p = free_port()
        out.append(Server("llama-cpp-python server",
                          [sys.executable, "-c", LLAMA_CPP_PYTHON_SERVER, "--model", model,
                           "--n_ctx", str(ctx), "--n_threads", t, "--n_threads_batch", t,
                           "--host", "127.0.0.1", "--port", str(p)], p, False))
    return out


def _llama_server_repack() -> list[str]:
    """On a CPU with AMX, llama.cpp's repacked (AMX) weights die of SIGILL at the first prompt
    in this VM, and Ember loads without extra buffer types there (docs/DESIGN.md): llama-server
    gets --no-repack to match. Elsewhere both repack by default."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return []
    return ["--no-repack"] if " amx_tile" in flags else []


def default_model() -> str:
    from desktop.core import models
    return str(models.embedded_path())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="a GGUF (default: the embedded Gemma 3 270M)")
    ap.add_argument("--llama-server", default=os.environ.get("LLAMA_SERVER") or shutil.which(
        "llama-server") or "/tmp/ember-llama-bench/bin/llama-server")
    ap.add_argument("--no-llama-cpp-python", action="store_true")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--clients", default="1,4,8")
    ap.add_argument("--requests", type=int, default=2, help="requests per client per round")
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--ctx", type=int, default=8192)
    ap.add_argument("--temperature", type=float, default=0.0,
                    help="0: greedy (default); above 0: sampled without a seed (top-k 40, "
                         "top-p 0.95, min-p 0.05 on every server)")
    ap.add_argument("--only", default=None, help="comma-separated server name prefixes")
    ap.add_argument("--markdown", default=None, help="also write the table to this file")
    args = ap.parse_args()
    args.model = args.model or default_model()
    global TEMPERATURE
    TEMPERATURE = args.temperature
    if args.llama_server and not Path(args.llama_server).exists():
        print(f"no llama-server at {args.llama_server}: build it with TARGETS='llama-bench "
              "llama-server' tests/bench/build_llama_bench.sh", file=sys.stderr)
        args.llama_server = None
    work = Path(tempfile.mkdtemp(prefix="ember-peers-"))
    rows = []
    texts: dict[str, str] = {}
    same_as_alone: dict[tuple[int, str], tuple[int, int]] = {}
    for clients in [int(x) for x in args.clients.split(",")]:
        srvs = servers_for(clients, args, work)
        if args.only:
            keep = tuple(x.strip().lower() for x in args.only.split(","))
            srvs = [s for s in srvs if s.name.lower().startswith(keep)]
        try:
            for s in srvs:
                s.start(work)
                run_config(s, 1, 1, 8)      # warm: the first request of a process is slower
            per: dict[str, list[dict]] = {s.name: [] for s in srvs}
            for rnd in range(args.rounds):
                order = srvs[rnd % len(srvs):] + srvs[:rnd % len(srvs)]
                for s in order:
                    res = run_config(s, clients, args.requests, args.tokens)
                    per[s.name].append(res)
                    print(f"[{clients} client(s), round {rnd + 1}] {s.name}: decode "
                          f"{res['decode']:.1f} t/s, aggregate {res['aggregate']:.1f} t/s, "
                          f"TTFT p50 {res['ttft_p50'] * 1000:.0f} ms, tokens {res['tokens']}",
                          file=sys.stderr, flush=True)
                    if clients == 1:
                        texts.setdefault(s.name.split()[0], res["text"])
            for s in srvs:
                ref = texts.get(s.name.split()[0])
                if ref is not None:    # every request had the same prompt: greedy, the same text
                    got = [t for r in per[s.name] for t in r["texts"]]
                    same_as_alone[(clients, s.name)] = (sum(t == ref for t in got), len(got))
                rs = per[s.name]
                rows.append((clients, s.name, *(statistics.median(r[k] for r in rs) for k in
                                                 ("ttft_p50", "ttft_p95", "decode",
                                                  "aggregate"))))
        finally:
            for s in srvs:
                s.stop()
    cpu = _cpu()
    lines = [f"Model `{Path(args.model).name}`, {args.threads} threads, {args.ctx}-token context "
             f"a stream, streamed `/v1/completions`, "
             f"{'greedy' if args.temperature <= 0 else f'temperature {args.temperature}'}, "
             f"{args.tokens} tokens, "
             f"{args.requests} requests a client a round, {args.rounds} rounds, medians; {cpu}.",
             "", "| clients | server | TTFT p50 | TTFT p95 | decode a stream (t/s) | "
             "aggregate (t/s) | decode vs llama-server | aggregate vs llama-server | "
             "answers as alone |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    ref = {c: (d, a) for c, n, _a, _b, d, a in rows if n.startswith("llama-server")}
    for c, n, p50, p95, dec, agg in rows:
        vs = f"{dec / ref[c][0]:.3f}x" if c in ref and ref[c][0] else "-"
        avs = f"{agg / ref[c][1]:.3f}x" if c in ref and ref[c][1] else "-"
        same = same_as_alone.get((c, n))
        alone = f"{same[0]}/{same[1]}" if same else "-"
        lines.append(f"| {c} | {n} | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | {dec:.1f} | "
                     f"{agg:.1f} | {vs} | {avs} | {alone} |")
    base = texts.get("Ember")
    same = {k: v == base for k, v in texts.items()}
    lines += ["", "Same greedy text as Ember at 1 client: "
              + ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in same.items()),
              "Answers as alone: of every request of a configuration (all have the same prompt), "
              "how many have the text that server gave one client alone."]
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table + "\n")
    return 0


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()}, {os.cpu_count()} CPUs"
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs"


if __name__ == "__main__":
    sys.exit(main())
