"""Talking to an engine process (`ember serve`): find it or start it, and use it like an Engine.

Qt-free and llama.cpp-free: the window and `ember chat` import this, never desktop/core/engine.

    proc = EngineProcess.find_or_start()          # the engine of this data folder
    engine = EngineClient(proc)
    info, plan = engine.load_planned("embedded")  # through the engine's planner
    for piece in engine.chat(messages, sampling): ...

`EngineClient` has the parts of Engine's interface that clients use (chat, tokenize,
chat_tokens, info, kv_tokens, cancel), so documents.budget() counts exactly with the engine's
tokenizer over the API. A dead engine raises EngineGone with the last lines of its log.
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Generator, Sequence

import httpx2

from .engine_api import Capabilities, ClientState, ExactCounts
from .errors import ContextOverflowError, EmberError, ModelFileError, ModelLoadError, NoModelError
from .sse import SSE
from .texts import tr
from .turns import ModelInfo, SamplingSettings, Turn, TurnMetrics

START_TIMEOUT_S = 60.0


class EngineGone(EmberError):
    """The engine process ended or stopped answering. `log_tail` holds its last log lines."""

    def __init__(self, message: str, *, log_tail: list[str] | None = None,
                 exit_code: int | None = None):
        super().__init__(message)
        self.log_tail = log_tail or []
        self.exit_code = exit_code

    @property
    def out_of_memory(self) -> bool:
        text = "\n".join(self.log_tail).lower()
        return any(s in text for s in OOM_MARKERS)


# what llama.cpp, ggml, CUDA and the C++ runtime write when an allocation fails: an engine that
# died with one of these in its last lines died out of memory (at load, or during an answer:
# "failed to allocate compute pp buffers" when the compute buffers grow, CUDA's "out of memory"
# in a kernel's pool, std::bad_alloc from the CPU backend's work buffer)
OOM_MARKERS = ("out of memory", "cudamalloc", "cuda error", "failed to allocate", "bad_alloc",
               "insufficient memory", "oom")
RESTART_MIN_CTX = 4096


@dataclass
class Restart:
    """How to load the model again after the engine died (restart_settings)."""
    gpu_layers: int | None       # None: as before
    ctx: int | None              # None: as before
    message: str | None          # what to tell the user (None: nothing changed)


def restart_settings(gone: EngineGone, *, gpu_layers: int | None, n_layers: int | None,
                     ctx: int | None) -> Restart:
    """After the engine died out of memory (during a load or an answer), the next, smaller
    configuration, as the load-time fallback (plan.load_with_fallback) steps: a quarter of the
    model's layers fewer on the GPU each time; on the CPU, half the context (down to 4K). Any
    other death reloads as before. `gpu_layers`: the layers that were on the GPU; `ctx`: the
    context that was loaded."""
    if not gone.out_of_memory:
        return Restart(None, None, None)
    if gpu_layers and gpu_layers > 0:
        step = max(1, -(-(n_layers or gpu_layers) // 4))
        fewer = max(0, gpu_layers - step)
        return Restart(fewer, None, tr("The engine ran out of memory with {gpu_layers} "
                                       "layers on the GPU: restarting it with {fewer}.").format(
                                        gpu_layers=gpu_layers, fewer=fewer))
    if ctx and ctx > RESTART_MIN_CTX:
        smaller = max(RESTART_MIN_CTX, ctx // 2)
        return Restart(0 if gpu_layers == 0 else None, smaller,
                       tr("The engine ran out of memory with a {ctx_1024}K context on the "
                          "CPU: restarting it with {smaller_1024}K.").format(
                           ctx_1024=ctx // 1024, smaller_1024=smaller // 1024))
    return Restart(None, None, tr("The engine ran out of memory with the smallest "
                                  "configuration Ember uses: restarting it as it was. Close "
                                  "other programs or choose a smaller model."))


class APIRequestError(EmberError):
    """The engine refused a request (OpenAI's error shape): status, code and the body."""

    def __init__(self, status: int, body: dict):
        err = body.get("error") if isinstance(body, dict) else None
        err = err if isinstance(err, dict) else {"message": str(body)}
        super().__init__(err.get("message") or tr("The engine answered {status}.").format(
                                                   status=status))
        self.status, self.code, self.error = status, err.get("code"), err


def _raise_for(status: int, body: dict) -> None:
    e = APIRequestError(status, body)
    err = e.error
    if e.code == "context_length_exceeded" and "prompt_tokens" in err:
        raise ContextOverflowError(int(err["prompt_tokens"]), int(err["n_ctx"]))
    if e.code in ("model_not_loaded",):
        raise NoModelError(str(e))
    if isinstance(e.code, str) and e.code.startswith("load_"):
        raise ModelLoadError(str(e), reason=e.code[5:])
    if isinstance(e.code, str) and e.code.startswith("model_file_"):
        raise ModelFileError(str(e), kind=e.code[11:])
    raise e


# ----------------------------------------------------------------------- the address
@dataclass
class Endpoint:
    """Where an engine listens: a Unix socket, or loopback TCP with a token."""
    socket: str | None = None
    port: int | None = None
    token: str | None = None
    pid: int | None = None

    @classmethod
    def from_discovery(cls, d: dict) -> "Endpoint":
        return cls(socket=d.get("socket"), port=d.get("tcp_port"), token=d.get("token"),
                   pid=d.get("pid"))

    def http(self, timeout: float | None = None) -> httpx2.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        t = httpx2.Timeout(connect=5.0, read=timeout, write=60.0, pool=10.0)
        # plain HTTP on this machine: verify=False spares building a TLS context with the CA
        # bundle for every client (47 ms each here, 1.4 ms without): a cancel goes out at once
        if self.socket:
            return httpx2.Client(transport=httpx2.HTTPTransport(uds=self.socket, verify=False),
                                 base_url="http://localhost", headers=headers, timeout=t,
                                 trust_env=False, verify=False)
        return httpx2.Client(base_url=f"http://127.0.0.1:{self.port}", headers=headers,
                             timeout=t, trust_env=False, verify=False)


# ----------------------------------------------------------------------- the process
def _health_body(r) -> dict | None:
    """/health's answer when the engine is up: 200 "ok", or 503 "loading" (a model is loading:
    requests wait for it) or 500 "error" (its start model failed; it still takes requests,
    a load among them). None: not an engine's answer."""
    try:
        body = r.json()
    except ValueError:
        return None
    if not isinstance(body, dict):
        return None
    if r.status_code == 200 or (r.status_code in (500, 503)
                                and body.get("status") in ("loading", "error")):
        return body
    return None


def _engine_command(data_dir: Path, *extra: str) -> list[str]:
    if getattr(sys, "frozen", False):  # a frozen Ember runs its engine from its own executable
        base = [sys.executable]
    else:
        base = [sys.executable, "-m", "desktop"]
    return base + ["--data-dir", str(data_dir), "serve", *extra]


class EngineProcess:
    """An engine this process started (`proc` set) or found already running (`proc` None)."""

    def __init__(self, endpoint: Endpoint, proc: subprocess.Popen | None = None,
                 log_path: Path | None = None):
        self.endpoint = endpoint
        self.proc = proc
        self.log_path = log_path

    @property
    def started_here(self) -> bool:
        return self.proc is not None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else self.endpoint.pid

    # ---- finding
    @classmethod
    def find(cls) -> "EngineProcess | None":
        """The engine already serving this data folder, if it answers."""
        from .server.run import log_file, read_discovery
        d = read_discovery()
        if not d:
            return None
        ep = Endpoint.from_discovery(d)
        if ep.pid is not None and not _pid_alive(ep.pid):
            return None
        try:
            with ep.http(timeout=3.0) as c:
                r = c.get("/health")
            if _health_body(r) is None:   # a loading engine is up too (it would be started twice)
                return None
        except httpx2.HTTPError:
            return None
        return cls(ep, None, log_file())

    @classmethod
    def start(cls, *, private: bool = False, port: int | None = None,
              threads: int | None = None, keep_running: bool = False,
              timeout: float = START_TIMEOUT_S) -> "EngineProcess":
        """Start `ember serve` (no model loaded) and wait until it answers.

        private=True: a socket of its own and no discovery entry (`ember chat`'s engine).
        keep_running=False: it ends when this process ends."""
        from . import paths
        from .server.run import HAS_UNIX_SOCKETS, default_socket_path, log_file
        extra = ["--model", "none"]
        sock = None
        if HAS_UNIX_SOCKETS:
            sock = default_socket_path()
            if private:
                sock = sock.with_name(f"chat-{os.getpid()}-{sock.name}")
            extra += ["--socket", str(sock)]
        else:
            extra += ["--private-tcp"]
        if private:
            extra += ["--private"]
        if port is not None:
            extra += ["--port", str(port)]
        if threads:
            extra += ["--threads", str(threads)]
        if not keep_running:
            extra += ["--parent-pid", str(os.getpid())]
        log_path = log_file()
        if private:
            log_path = log_path.with_name("engine-chat.log")
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if log_path.exists():
                os.replace(log_path, log_path.with_name(log_path.name + ".1"))
        env = dict(os.environ)
        # a ggml abort (a failed allocation) would attach gdb for a backtrace: slow, and not
        # what a user's log needs
        env.setdefault("GGML_NO_BACKTRACE", "1")
        # GOMP_SPINCOUNT comes with os.environ (desktop/__init__.py sets it: issue 24)
        started_at = time.time()
        with open(log_path, "ab", buffering=0) as log:
            kw: dict = {"stdin": subprocess.DEVNULL, "stdout": log, "stderr": log, "env": env}
            if os.name == "posix":
                kw["start_new_session"] = True   # Ctrl+C in a terminal is the client's
            else:
                kw["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
            proc = subprocess.Popen(_engine_command(paths.data_dir(), *extra), **kw)
        self = cls(Endpoint(socket=str(sock) if sock else None, pid=proc.pid), proc, log_path)
        self._wait_ready(timeout, started_at, private)
        return self

    @classmethod
    def find_or_start(cls, **kw) -> "EngineProcess":
        return cls.find() or cls.start(**kw)

    def _wait_ready(self, timeout: float, started_at: float, private: bool) -> None:
        from .server.run import read_discovery
        proc = self.proc
        assert proc is not None  # start() started it
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = proc.poll()
            if code is not None:
                raise EngineGone(tr("The engine process ended at start (exit code {code}).").format(
                                     code=code),
                                 log_tail=self.log_tail(), exit_code=code)
            if not self.endpoint.socket:  # TCP: the port and token come from the discovery file
                d = read_discovery(proc.pid if private else None)
                if d and d.get("pid") == proc.pid:
                    self.endpoint = Endpoint.from_discovery(d)
            if self.endpoint.socket or self.endpoint.port:
                try:
                    with self.endpoint.http(timeout=2.0) as c:
                        if _health_body(c.get("/health")) is not None:
                            return
                except httpx2.HTTPError:
                    pass
            time.sleep(0.05)
        self.kill()
        raise EngineGone(tr("The engine did not answer within {timeout:.0f} s of starting.").format(
                             timeout=timeout),
                         log_tail=self.log_tail())

    # ---- state
    def alive(self) -> bool:
        if self.proc is not None:
            return self.proc.poll() is None
        return self.endpoint.pid is None or _pid_alive(self.endpoint.pid)

    def exit_code(self) -> int | None:
        return self.proc.poll() if self.proc is not None else None

    def log_tail(self, n: int = 12) -> list[str]:
        """The last lines of the engine's log (llama.cpp's own lines and Python's)."""
        if self.log_path is None:
            return []
        try:
            with open(self.log_path, "rb") as f:
                f.seek(0, os.SEEK_END)
                size = f.tell()
                f.seek(max(0, size - 64 * 1024))
                lines = f.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return []
        return [ln for ln in lines if ln.strip()][-n:]

    def gone_error(self, during: str) -> EngineGone:
        code = self.exit_code()
        if code is not None and code < 0:
            how = tr("was killed by signal {code}").format(code=-code)
        elif code is not None:
            how = tr("ended with exit code {code}").format(code=code)
        else:
            how = tr("stopped answering")
        return EngineGone(tr("The engine process {how} {during}.").format(
                              how=how, during=during), log_tail=self.log_tail(),
                          exit_code=code)

    # ---- stopping
    def stop(self, timeout: float = 5.0) -> None:
        """Ask the engine to stop (unloading its model), then make sure it did."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                with self.endpoint.http(timeout=2.0) as c:
                    c.post("/ember/shutdown")
            except httpx2.HTTPError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(5)


def _pid_alive(pid: int) -> bool:
    import psutil
    try:
        p = psutil.Process(pid)
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def openai_fields(s: SamplingSettings, *, stop: Sequence[str] = (), json_mode: bool = False,
                  json_schema: dict | None = None) -> dict:
    """The OpenAI chat request's optional fields for these settings (max_tokens, seed, stop,
    response_format): one mapping for Ember's engine and for any remote server."""
    out: dict = {}
    if s.max_tokens and s.max_tokens > 0:
        out["max_tokens"] = s.max_tokens
    if s.seed is not None:
        out["seed"] = s.seed
    # sent only when asked for (vLLM and Ember know them; llama-server knows ignore_eos), and
    # not with JSON: its grammar decides where the answer ends (Ember's API refuses the pair)
    grammar = json_mode or json_schema is not None
    if s.min_tokens and s.min_tokens > 0 and not grammar:
        # the settings' min_tokens above a chat's max_tokens: the answer is max_tokens long
        out["min_tokens"] = min(s.min_tokens, out.get("max_tokens", s.min_tokens))
    if s.ignore_eos and not grammar:
        out["ignore_eos"] = True
    if stop:
        out["stop"] = list(stop)
    if json_schema is not None:
        out["response_format"] = {"type": "json_schema",
                                  "json_schema": {"name": "answer", "schema": json_schema}}
    elif json_mode:
        out["response_format"] = {"type": "json_object"}
    return out


# --------------------------------------------------------------------------- the turn
class ClientTurn(Turn):
    """One streamed answer from the engine, a Turn like the in-process engine's: iterate for
    text pieces; `metrics` afterwards. Closing it early (break / close()) disconnects, which
    cancels the generation."""

    def __init__(self, engine: "EngineClient", body: dict, on_prefill=None):
        self.request_id = body["ember"]["request_id"]
        self._engine = engine
        self._body = body
        self._on_prefill = on_prefill
        self._started = False
        self._cm: contextlib.AbstractContextManager[httpx2.Response] | None = None
        # with tools offered: the calls the engine parsed (toolcalls.ToolCall), in order
        self.tool_calls: list | None = [] if body.get("tools") else None
        super().__init__(lambda _turn: self._run())  # _turn is self

    def open(self) -> "ClientTurn":
        """Send the request and check its status (raises what the engine refused)."""
        if self._started:
            return self
        self._started = True
        eng = self._engine
        try:
            self._cm = cm = eng.http.stream("POST", "/v1/chat/completions", json=self._body)
            self._resp = cm.__enter__()
        except httpx2.TransportError as e:
            raise eng.gone("while answering") from e
        if self._resp.status_code != 200:
            try:
                body = json.loads(self._resp.read())
            except (ValueError, httpx2.HTTPError):
                body = {"error": {"message": tr("The engine answered {status_code}.").format(
                                                 status_code=self._resp.status_code)}}
            self._close_http()
            _raise_for(self._resp.status_code, body)
        return self

    def _run(self) -> Generator[str, None, None]:
        self.open()
        eng = self._engine
        pieces: list[str] = []
        stream = SSE(self._resp.iter_lines())
        try:
            for event, data in stream:
                obj = json.loads(data)
                if event == "ember.prefill":
                    if self._on_prefill is not None:
                        self._on_prefill(int(obj["done"]), int(obj["total"]))
                    continue
                if "error" in obj:
                    _raise_for(int(obj["error"].get("status") or 500), obj)
                ext = obj.get("ember")
                if ext and "metrics" in ext:
                    self.metrics = TurnMetrics.from_dict(ext["metrics"])
                for ch in obj.get("choices") or ():
                    delta = ch.get("delta") or {}
                    piece = delta.get("content")
                    if piece:
                        pieces.append(piece)
                        yield piece
                    if delta.get("tool_calls") and self.tool_calls is not None:
                        self._gather_calls(delta["tool_calls"])
            if not stream.done:
                raise eng.gone("while answering")
        except httpx2.TransportError as e:
            raise eng.gone("while answering") from e
        except GeneratorExit:
            self.metrics.finish_reason = self.metrics.finish_reason or "cancelled"
            raise
        finally:
            self.text = "".join(pieces)
            self._close_http()
            m = self.metrics
            eng.kv_tokens = (m.prompt_tokens + max(0, m.completion_tokens - 1)
                             if m.prompt_tokens else eng.kv_tokens)
            eng.last_metrics = m

    def _gather_calls(self, deltas: list) -> None:
        """OpenAI's streamed tool calls: the first delta of a call has its id and name, the
        next ones add to its arguments."""
        from .toolcalls import ToolCall
        calls = self.tool_calls
        assert calls is not None  # _run gathers them only when tools were offered
        for d in deltas:
            i = int(d.get("index") or 0)
            while len(calls) <= i:
                calls.append(ToolCall(name="", arguments="", index=len(calls)))
            c = calls[i]
            if d.get("id"):
                c.id = d["id"]
            fn = d.get("function") or {}
            if fn.get("name"):
                c.name = fn["name"]
            if fn.get("arguments"):
                c.arguments += fn["arguments"]

    def _close_http(self) -> None:
        cm, self._cm = self._cm, None
        if cm is not None:
            with contextlib.suppress(Exception):
                cm.__exit__(None, None, None)

# ------------------------------------------------------------------------- the engine
class EngineClient(ExactCounts, ClientState):
    """An Engine-shaped client of an engine process (the parts the clients use)."""

    def __init__(self, process: EngineProcess):
        self.process = process
        self.http = process.endpoint.http(timeout=None)
        self._init_model_state()
        self.build: dict = {}
        self._current: ClientTurn | None = None
        self._cancelled = threading.Event()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.http.close()

    # ---- plumbing
    def gone(self, during: str) -> EngineGone:
        time.sleep(0.05)  # let a dying process finish dying, so its exit code is known
        return self.process.gone_error(during)

    def _request(self, method: str, path: str, *, during: str, **kw) -> dict:
        try:
            r = self.http.request(method, path, **kw)
        except httpx2.TransportError as e:
            raise self.gone(during) from e
        try:
            body = r.json()
        except ValueError:
            body = {"error": {"message": r.text[:500]}}
        if r.status_code != 200:
            _raise_for(r.status_code, body)
        return body

    @property
    def loaded(self) -> bool:
        return self.info is not None

    def health(self) -> dict:
        """/health's body: "status" is "ok", "loading" (a 503: a model is loading) or "error"
        (a 500: the start model failed to load); all of them carry pid, version and build."""
        during = tr("while being asked how it is")
        try:
            r = self.http.get("/health")
        except httpx2.TransportError as e:
            raise self.gone(during) from e
        body = _health_body(r)
        if body is None:
            return self._request("GET", "/health", during=during)   # raises what it says
        return body

    def status(self) -> dict:
        return self._request("GET", "/ember/status", during=tr("while being asked its status"))

    # ---- models
    def load_planned(self, model: str | Path, *, ctx: int | None = None,
                     gpu_layers: int | None = None, kv_type: str | None = None,
                     flash_attn: str | None = None, threads: int | None = None,
                     on_notice: Callable[[str], None] | None = None,
                     on_progress: Callable[[float], None] | None = None,
                     on_plan: Callable[[str], None] | None = None):
        """Load through the engine's planner. Returns (ModelInfo, plan as a namespace)."""
        body: dict[str, object] = {"model": str(model)}
        for k, v in (("ctx", ctx), ("gpu_layers", gpu_layers), ("kv_type", kv_type),
                     ("flash_attn", flash_attn), ("threads", threads)):
            if v is not None:
                body[k] = v
        self.info = None
        try:
            with self.http.stream("POST", "/ember/load", json=body) as r:
                if r.status_code != 200:
                    try:
                        err = json.loads(r.read())
                    except ValueError:
                        err = {"error": {"message": tr("The engine answered {status_code}.").format(
                                                        status_code=r.status_code)}}
                    _raise_for(r.status_code, err)
                for line in r.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    ev = json.loads(line[5:])
                    kind = ev.get("event")
                    if kind == "progress" and on_progress is not None:
                        on_progress(float(ev["fraction"]))
                    elif kind == "notice" and on_notice is not None:
                        on_notice(ev["message"])
                    elif kind == "plan" and on_plan is not None:
                        on_plan(ev["sentence"])
                    elif kind == "error":
                        _raise_for(int(ev.get("status") or 500), {"error": ev})
                    elif kind == "loaded":
                        self.info = ModelInfo.from_dict(ev["info"])
                        self.plan = SimpleNamespace(**(ev.get("plan") or {"sentence": ""}))
                        self.model_id = ev.get("model")
                        self.kv_tokens = 0
                        return self.info, self.plan
        except httpx2.TransportError as e:
            raise self.gone("while loading the model") from e
        raise self.gone("while loading the model")

    def unload(self) -> None:
        self._request("POST", "/ember/unload", during=tr("while unloading"))
        self.info = None

    def hardware_build(self) -> dict:
        """What the engine's llama.cpp build can do (for hardware.probe in a client)."""
        return self.health().get("build") or {}

    # ---- tokens
    def tokenize(self, text: str, *, add_special: bool = False,
                 parse_special: bool = True) -> list[int]:
        return self._request("POST", "/ember/tokenize", during=tr("while counting tokens"),
                             json={"text": text, "add_special": add_special,
                                   "parse_special": parse_special})["tokens"]

    def count(self, texts: Sequence[str]) -> list[int]:
        return self._request("POST", "/ember/tokenize", during=tr("while counting tokens"),
                             json={"texts": list(texts)})["counts"]

    def chat_tokens(self, messages: Sequence[dict]) -> list[int]:
        return self._request("POST", "/ember/tokenize", during=tr("while counting tokens"),
                             json={"messages": list(messages)})["tokens"]

    def count_messages(self, messages: Sequence[dict]) -> int:
        """The prompt's tokens as chat() sends it (a base model's document: engine/base.py)."""
        return self._request("POST", "/ember/tokenize", during=tr("while counting tokens"),
                             json={"messages": list(messages), "as_sent": True})["count"]

    # ---- turns
    def chat(self, messages: Sequence[dict], sampling: SamplingSettings | None = None, *,
             json_mode: bool = False, json_schema: dict | None = None,
             stop: Sequence[str] = (), on_prefill=None, conversation: str | None = None,
             model: str | None = None, tools: Sequence[dict] | None = None,
             tool_choice: str | dict = "auto") -> ClientTurn:
        """Stream an answer. Sends the request at once: an overflow or a refused request
        raises here, before any piece."""
        s = sampling or SamplingSettings()
        body: dict = {"messages": list(messages), "stream": True,
                      "temperature": s.temperature, "top_p": s.top_p, "top_k": s.top_k,
                      "min_p": s.min_p, "repeat_penalty": s.repeat_penalty,
                      "ember": {"request_id": f"ember-{os.getpid()}-{time.monotonic_ns()}",
                                "prefill_events": on_prefill is not None}}
        if model or self.model_id:
            body["model"] = model or self.model_id
        body.update(openai_fields(s, stop=stop, json_mode=json_mode, json_schema=json_schema))
        if conversation is not None:
            body["ember"]["conversation"] = str(conversation)
        if tools:
            body["tools"], body["tool_choice"] = list(tools), tool_choice
            if tool_choice != "none":  # the tool-call grammar decides where a call ends
                body.pop("min_tokens", None)
                body.pop("ignore_eos", None)
        self._cancelled.clear()
        turn = ClientTurn(self, body, on_prefill)
        self._current = turn
        turn.open()
        if self._cancelled.is_set():
            self._send_cancel(turn.request_id)
        return turn

    # the engine process: Ember's own engine, a KV snapshot per conversation
    capabilities = Capabilities(tools=True, conversations=True, exact_counts=True)

    def cancel(self) -> None:
        """Stop the current answer before its next token. Safe from any thread; never waits
        (the request goes out on a short-lived thread)."""
        self._cancelled.set()
        turn = self._current
        if turn is not None:
            threading.Thread(target=self._send_cancel, args=(turn.request_id,),
                             name="ember-cancel", daemon=True).start()

    def _send_cancel(self, request_id: str) -> None:
        with contextlib.suppress(Exception):
            with self.process.endpoint.http(timeout=5.0) as c:
                c.post("/ember/cancel", json={"request_id": request_id})

    # ---- KV snapshots
    def kv(self, action: str, conversation: str, **kw) -> dict:
        return self._request("POST", "/ember/kv/{action}".format(action=action), during=tr("with a KV snapshot"),
                             json={"conversation": str(conversation), **kw})
