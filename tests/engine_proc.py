"""Start a real `ember serve` process for a test and wait until its model is loaded."""
from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parents[1]


class Served:
    def __init__(self, proc, data_dir: Path, port: int | None, socket: str | None, log: Path,
                 tls_ca: str | None = None):
        self.proc, self.data_dir, self.port, self.socket, self.log = proc, data_dir, port, socket, log
        self.tls_ca = tls_ca  # the public port speaks HTTPS, with a certificate this CA signed
        self.scheme = "https" if tls_ca else "http"

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/v1"

    def http(self, **kw) -> httpx2.Client:
        if self.tls_ca:
            kw.setdefault("verify", ssl.create_default_context(cafile=self.tls_ca))
        return httpx2.Client(base_url=f"{self.scheme}://127.0.0.1:{self.port}", trust_env=False,
                             timeout=120, **kw)

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def serve(data_dir: Path, model: str | None, *extra: str, timeout: float = 120.0,
          wait_model: bool = True, tls_ca: str | None = None,
          wrap: tuple[str, ...] = ()) -> Served:
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "serve.log"
    sock = f"/tmp/ember-test-{os.getpid()}-{time.monotonic_ns() % 10**9}.sock"
    cmd = [*wrap, sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "serve", "--port", "0",
           "--socket", sock, "--threads", "2", *extra]
    if model is not None:
        cmd += ["--model", model]
    env = dict(os.environ, EMBER_HOME=str(data_dir))
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=fh, stderr=fh, env=env)
    disc = data_dir / "engine" / "engine.json"
    deadline = time.monotonic() + timeout
    port = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"ember serve ended: {log.read_text(errors='replace')[-3000:]}")
        try:
            d = json.loads(disc.read_text())
            if d.get("pid") == proc.pid:
                port = d.get("port")
        except (OSError, ValueError):
            pass
        if port:
            try:
                scheme = "https" if tls_ca else "http"
                verify = ssl.create_default_context(cafile=tls_ca) if tls_ca else True
                with httpx2.Client(trust_env=False, timeout=5, verify=verify) as c:
                    h = c.get(f"{scheme}://127.0.0.1:{port}/health").json()
                if not wait_model or h.get("model"):
                    return Served(proc, data_dir, port, sock, log, tls_ca)
            except httpx2.HTTPError:
                pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"ember serve did not get ready: {log.read_text(errors='replace')[-3000:]}")
