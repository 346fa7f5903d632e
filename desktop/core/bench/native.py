"""Native llama.cpp `llama-bench` on the same model, threads, offload, batch and KV settings,
for the ratio of Ember's prompt and decode speed to llama.cpp's own.

pp512: 512 prompt tokens from an empty cache (Ember: the 512-token row's prompt tokens/s).
tg128 @ d512: 128 generated tokens after 512 in the cache (Ember: that row's decode tokens/s).
llama-bench samples nothing (it decodes a fixed token), so the ratio includes the cost of the
sampling any real answer needs.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class NativeResult:
    binary: str
    pp512_tps: float | None = None
    tg128_tps: float | None = None
    ember_pp512_tps: float | None = None
    ember_tg128_tps: float | None = None
    command: str = ""
    error: str | None = None

    @property
    def pp_ratio(self) -> float | None:
        if self.pp512_tps and self.ember_pp512_tps:
            return self.ember_pp512_tps / self.pp512_tps
        return None

    @property
    def tg_ratio(self) -> float | None:
        if self.tg128_tps and self.ember_tg128_tps:
            return self.ember_tg128_tps / self.tg128_tps
        return None

    def as_dict(self) -> dict:
        d = asdict(self)
        d["pp_ratio"] = self.pp_ratio
        d["tg_ratio"] = self.tg_ratio
        return d


def find_binary(explicit: str | None = None) -> str | None:
    """--llama-bench PATH, else $LLAMA_BENCH; a name is looked up on PATH."""
    spec = explicit or os.environ.get("LLAMA_BENCH")
    if not spec:
        return None
    p = Path(spec).expanduser()
    if p.is_file():
        return str(p)
    return shutil.which(spec)


def _run(cmd: list[str], cancel: threading.Event | None, timeout: float) -> str:
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out_parts: list[str] = []
    err_parts: list[str] = []
    stdout, stderr = proc.stdout, proc.stderr
    assert stdout is not None and stderr is not None  # PIPEs
    readers = [threading.Thread(target=lambda: out_parts.append(stdout.read()), daemon=True),
               threading.Thread(target=lambda: err_parts.append(stderr.read()), daemon=True)]
    for r in readers:
        r.start()
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        if (cancel is not None and cancel.is_set()) or time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            raise RuntimeError("cancelled" if cancel is not None and cancel.is_set()
                               else f"llama-bench ran longer than {timeout:g} s")
        time.sleep(0.05)
    for r in readers:
        r.join(timeout=5)
    if proc.returncode != 0:
        err = "".join(err_parts).strip().splitlines()
        raise RuntimeError(f"llama-bench failed (exit {proc.returncode})"
                           + (f": {err[-1]}" if err else ""))
    return "".join(out_parts)


def run_llama_bench(binary: str, model: str | Path, *, threads: int, n_gpu_layers: int,
                    flash_attn: str, kv_type: str = "f16", n_batch: int = 512,
                    n_ubatch: int = 512, repetitions: int = 3,
                    cancel: threading.Event | None = None,
                    timeout: float = 900.0) -> NativeResult:
    """pp512 and tg128 at depth 512. Never raises: errors go into NativeResult.error."""
    fa = flash_attn if flash_attn in ("on", "off", "auto") else "auto"
    common = [binary, "-m", str(model), "-t", str(threads), "-ngl", str(n_gpu_layers),
              "-fa", fa, "-b", str(n_batch), "-ub", str(n_ubatch), "-ctk", kv_type,
              "-ctv", kv_type, "-r", str(max(1, repetitions)), "-o", "json"]
    res = NativeResult(binary=binary)
    pp_cmd = common + ["-p", "512", "-n", "0"]
    tg_cmd = common + ["-p", "0", "-n", "128", "-d", "512"]
    res.command = " ".join(pp_cmd) + "  &&  " + " ".join(tg_cmd)
    try:
        rows = json.loads(_run(pp_cmd, cancel, timeout))
        res.pp512_tps = float(rows[0]["avg_ts"])
        rows = json.loads(_run(tg_cmd, cancel, timeout))
        res.tg128_tps = float(rows[0]["avg_ts"])
    except (OSError, ValueError, KeyError, IndexError, RuntimeError) as e:
        res.error = str(e)
    return res
