"""Remote engines (issue 14): Ember as a client of OpenAI-compatible servers in other processes,
over real sockets on 127.0.0.1: another `ember serve` (with a token) and llama-cpp-python's own
server (`llama_cpp.server`), both on the embedded Gemma 3 270M. Errors are made real: a port
nobody listens on, a socket that accepts and never answers, a wrong key, a missing keyring.
Keys live in keyrings.alt's file keyring in a temporary folder, never in Ember's files."""
from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx2
import pytest

# before pytest-qt's qapp fixture makes the QApplication (the window tests below need it)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from engine_proc import serve

ROOT = Path(__file__).resolve().parents[1]
EMBER_TOKEN = "ember-remote-token-5d1c0a9e7b"
LLAMA_TOKEN = "llama-cpp-token-93be4f0c21"
GEMMA_ID = "gemma-3-270m-q4_k_m"
# a prompt the embedded base model answers at length (the tests count tokens to the limit)
LONG = "Write a long essay about the history of Rome."
PROMPT = [{"role": "user", "content": LONG}]


# ------------------------------------------------------------------------------ fixtures
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A data folder and a file keyring of this test's own (the keyring backend by environment,
    so `ember` subprocesses use it too)."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from desktop.core import paths
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("EMBER_HOME", str(h))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    for k in list(os.environ):
        if k.startswith("EMBER_REMOTE_KEY_"):
            monkeypatch.delenv(k)
    old_override = paths._override
    paths.set_data_dir(None)
    old = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    yield h
    keyring.set_keyring(old)
    paths._override = old_override


def ember(*args: str, stdin: str | None = None, timeout: float = 180, env: dict | None = None):
    """`ember ...` in its own process (the environment: this test's home and keyring)."""
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, **(env or {})))


@pytest.fixture(scope="module")
def ember_server(tmp_path_factory, gemma_path):
    """Another Ember: `ember serve` with a token on a TCP port of 127.0.0.1."""
    s = serve(tmp_path_factory.mktemp("remote-ember"), str(gemma_path), "--ctx", "2048",
              "--api-key", EMBER_TOKEN)
    yield s
    s.stop()


class LlamaServer:
    def __init__(self, proc, port, log):
        self.proc, self.port, self.log = proc, port, log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory, gemma_path):
    """llama-cpp-python's own OpenAI server (its `server` extra). It loads through llama-cpp-
    python's `Llama`, so it gets the tests' guard against llama.cpp's AMX crash (conftest); the
    Gemma chat format (the GGUF has no template; llama-2's makes the base model fall silent)."""
    port = _free_port()
    log = tmp_path_factory.mktemp("remote-llama") / "server.log"
    code = ("import runpy, sys; from desktop.core.engine import guard_llama_defaults; "
            "guard_llama_defaults(); sys.argv[0] = 'llama_cpp.server'; "
            "runpy.run_module('llama_cpp.server', run_name='__main__')")
    cmd = [sys.executable, "-c", code, "--model", str(gemma_path), "--host", "127.0.0.1",
           "--port", str(port), "--n_ctx", "2048", "--n_threads", "2", "--chat_format", "gemma",
           "--api_key", LLAMA_TOKEN]
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=fh, stderr=fh)
    deadline = time.monotonic() + 120
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError("llama_cpp.server ended: " + log.read_text(errors="replace")[-3000:])
            with contextlib.suppress(httpx2.HTTPError):
                r = httpx2.get(f"http://127.0.0.1:{port}/v1/models", trust_env=False, timeout=5,
                               headers={"Authorization": f"Bearer {LLAMA_TOKEN}"})
                if r.status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("llama_cpp.server did not start: "
                                   + log.read_text(errors="replace")[-3000:])
            time.sleep(0.2)
        yield LlamaServer(proc, port, log)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class RawServer:
    """A socket on 127.0.0.1 that answers each connection with `handler(request_bytes, conn)`:
    for what real servers do rarely (accept and never answer, stall mid-answer, refuse a field).
    Real sockets; the client under test is Ember's own."""

    def __init__(self, handler):
        self.handler = handler
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        data = b""
        with contextlib.suppress(OSError):
            conn.settimeout(10)
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            while len(body) < length:
                body += conn.recv(65536)
            self.requests.append(head + b"\r\n\r\n" + body)
            self.handler(head.decode("latin-1"), body, conn)

    def close(self):
        self._stop.set()
        with contextlib.suppress(OSError):
            self.sock.close()
        for c in self.conns:
            with contextlib.suppress(OSError):
                c.close()


def _send_json(conn, status: int, obj) -> None:
    body = json.dumps(obj).encode()
    conn.sendall(f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                 f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)


def _models_or(conn, head: str, then) -> None:
    if head.startswith("GET ") and "/v1/models" in head.split("\r\n")[0]:
        _send_json(conn, 200, {"object": "list", "data": [{"id": "m", "object": "model"}]})
        conn.close()
    elif head.startswith("GET "):   # /props and the like: not here
        _send_json(conn, 404, {"detail": "Not Found"})
        conn.close()
    else:
        then()


def _chunk(text: str | None = None, finish: str | None = None) -> bytes:
    delta = {"content": text} if text is not None else {}
    obj = {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta,
                                                          "finish_reason": finish}]}
    return f"data: {json.dumps(obj)}\n\n".encode()


def _add(name: str, url: str, **kw):
    from desktop.core import remote
    return remote.add(name, url, **kw)


def _secret_free(home: Path, *secrets: str) -> None:
    """No file Ember keeps (the database and its WAL, remotes.json, settings) holds a key."""
    for p in home.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            for s in secrets:
                assert s.encode() not in data, f"the key is in {p}"


# --------------------------------------------------------------------------- the registry
def test_names_urls_and_keys_are_checked_before_anything_is_stored(home):
    from desktop.core import remote
    assert remote.normalize_url("http://gpu-box:8000") == "http://gpu-box:8000/v1"
    assert remote.normalize_url(" http://gpu-box:8000/v1/ ") == "http://gpu-box:8000/v1"
    assert remote.normalize_url("https://h/v1/chat/completions") == "https://h/v1"
    assert remote.normalize_url("http://[::1]:9/api/v1") == "http://[::1]:9/api/v1"
    for bad, why in (("ftp://h/v1", "http:// or https://"), ("gpu-box:8000", "not a URL"),
                     ("http://u:p@h/v1", "not in the URL"), ("http://h/v1?key=1", "'?'"),
                     ("http:///v1", "no host")):
        with pytest.raises(remote.RemoteError, match=None) as e:
            remote.add("x", bad, api_key="k")
        assert why in str(e.value), (bad, str(e.value))
    for name in ("a/b", "", "-x", "embedded", "a b"):
        with pytest.raises(remote.RemoteError):
            remote.add(name, "http://h/v1")
    with pytest.raises(remote.RemoteError, match="one line"):
        remote.add("x", "http://h/v1", api_key="two\nlines")
    assert remote.remotes() == [] and not remote.remotes_path().exists()
    _add("box", "http://127.0.0.1:9/v1", api_key="k-123", context=8192)
    with pytest.raises(remote.RemoteError, match="exists already"):
        _add("BOX", "http://127.0.0.1:10/v1")
    saved = json.loads(remote.remotes_path().read_text())
    assert saved["remotes"] == [{"name": "box", "url": "http://127.0.0.1:9/v1",
                                 "context": 8192, "key": "keyring"}]
    assert remote.get_key(remote.get("box")) == "k-123"
    _secret_free(home, "k-123")
    # a broken registry is said, never guessed at
    remote.remotes_path().write_text("{not json")
    with pytest.raises(remote.RemoteError, match="could not be read"):
        remote.remotes()


def test_without_an_os_keyring_the_key_is_refused_clearly_and_the_environment_works(
        home, ember_server):
    url = f"http://127.0.0.1:{ember_server.port}/v1"
    r = ember("remote", "add", "em", url, "--api-key", EMBER_TOKEN,
              env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert r.returncode == 1, r.stdout + r.stderr
    line = r.stderr.strip()
    assert line.startswith("ember: no OS keyring available") and "EMBER_REMOTE_KEY_EM" in line
    assert "\n" not in line and "Traceback" not in r.stderr
    assert not (home / "remotes.json").exists()   # nothing half-added
    # the fallback: the key from the environment, the remote added without one
    env = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "EMBER_REMOTE_KEY_EM": EMBER_TOKEN}
    r = ember("remote", "add", "em", url, env=env)
    assert r.returncode == 0, r.stderr
    assert "serves 2 models" in r.stdout and GEMMA_ID in r.stdout
    r = ember("chat", "--model", f"em/{GEMMA_ID}", "--temperature", "0", "--max-tokens", "6",
              "-p", "def add(a, b):", env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip()
    # without the variable and without a keyring: refused by the server, said in one line
    r = ember("chat", "--model", f"em/{GEMMA_ID}", "-p", "hi",
              env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert r.returncode == 1
    assert "needs an API key (401" in r.stderr and "EMBER_REMOTE_KEY_EM" in r.stderr


# --------------------------------------------------------------------- another Ember
def test_chat_on_another_ember_streams_measures_and_is_stored_without_the_key(home, ember_server):
    """`ember remote add` (key from stdin) and `ember chat --model em/MODEL` in their own
    processes against `ember serve` in another: the answer streams, TTFT and tokens/s are
    measured, the conversation is stored with the model named, and the key is in the keyring
    only: not in the database, not in `ember export`, not in remotes.json."""
    import keyring

    from desktop.core.store import Store
    url = f"http://127.0.0.1:{ember_server.port}/v1"
    r = ember("remote", "add", "em", url, "--api-key-stdin", stdin=EMBER_TOKEN + "\n")
    assert r.returncode == 0, r.stderr
    assert "key is in the OS keyring (keyrings.alt.file.PlaintextKeyring)" in r.stdout
    assert keyring.get_password("ember", "em") == EMBER_TOKEN
    r = ember("remote", "list")
    assert r.returncode == 0 and "em  " + url in r.stdout and "reachable, 2 models" in r.stdout
    # --min-tokens (sent to the other Ember): 12 tokens on any CPU
    r = ember("chat", "--model", f"em/{GEMMA_ID}", "--temperature", "0", "--max-tokens", "12",
              "--min-tokens", "12", "-p", LONG)
    assert r.returncode == 0, r.stderr
    answer = r.stdout.rstrip("\n")
    assert answer.strip()
    stats = r.stderr.strip().splitlines()[-1]
    assert "TTFT" in stats and "tokens/s" in stats and "12 tokens" in stats, stats
    with Store(home / "ember.db") as st:
        conv = st.list_conversations()[0]
        assert conv.model == f"em/{GEMMA_ID}"
        msgs = st.path(conv.id)
        assert [m.role for m in msgs] == ["user", "assistant"]
        reply = msgs[-1]
        assert r.stdout in (reply.content, reply.content + "\n")  # the line ends
        assert reply.model == f"em/{GEMMA_ID}"
        assert reply.ttft_s and reply.ttft_s > 0 and reply.decode_tps and reply.decode_tps > 0
        assert reply.completion_tokens == 12
        assert reply.prompt_tokens > 0     # another Ember reports its usage
    for fmt in ("json", "md"):
        out = ember("export", "--all", "--format", fmt)
        assert out.returncode == 0
        if fmt == "json":  # JSON escapes newlines and quotes (whatever words the model wrote)
            assert reply.content in [m["content"] for c in json.loads(out.stdout)["conversations"]
                                     for m in c["messages"]]
        else:
            assert answer.strip()[:10] in out.stdout
        assert EMBER_TOKEN not in out.stdout
    _secret_free(home, EMBER_TOKEN)


def test_client_side_metrics_exact_counts_and_cancel_on_another_ember(home, ember_server):
    from desktop.core import documents, remote
    from desktop.core.turns import SamplingSettings
    _add("em", f"http://127.0.0.1:{ember_server.port}", api_key=EMBER_TOKEN)
    eng = remote.RemoteEngine(remote.get("em"))
    try:
        info, plan = eng.load_planned(GEMMA_ID)
        assert info.name == f"em/{GEMMA_ID}" and info.n_ctx == 2048
        assert "as the server reports" in plan.sentence and eng.exact
        # min_tokens (sent to the other Ember): 16 tokens on any CPU
        t = eng.chat(PROMPT, SamplingSettings(temperature=0, max_tokens=16, min_tokens=16))
        pieces = list(t)
        m = t.metrics
        assert "".join(pieces) == t.text and len(pieces) > 3
        server = t.server_metrics
        # measured here: the client's first token comes after the server's, the request's
        # whole life is longer than the server's decode
        assert m.ttft_s >= server["ttft_s"] > 0
        assert m.total_s >= m.ttft_s + m.decode_s * 0.99
        assert m.decode_tps > 0 and m.completion_tokens == 16 and m.finish_reason == "length"
        assert m.prompt_tokens == server["prompt_tokens"] > 0
        # exact counts through the other Ember's tokenizer
        doc = documents.from_text("notes.txt", "The quick brown fox jumps over the lazy dog. " * 40)
        with httpx2.Client(trust_env=False, timeout=30) as c:
            exact = c.post(f"http://127.0.0.1:{ember_server.port}/ember/tokenize",
                           json={"text": documents.render_part(doc)},
                           headers={"Authorization": f"Bearer {EMBER_TOKEN}"}).json()["count"]
        assert documents.count_tokens(eng, doc) == exact
        b = documents.budget(eng, [doc], [], "What jumps?")
        assert b.decision == "fits" and "estimated" not in b.sentence
        # Stop: the stream closes at once, the text so far is kept, the next turn works
        t = eng.chat([{"role": "user", "content": "Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,"}],
                     SamplingSettings(temperature=0, max_tokens=1500, min_tokens=1500))
        got = []
        for piece in t:
            got.append(piece)
            if len(got) == 3:
                t0 = time.monotonic()
                threading.Thread(target=eng.cancel).start()
        assert time.monotonic() - t0 < 2.0
        assert t.metrics.finish_reason == "cancelled" and t.text == "".join(got)
        assert 3 <= len(got) < 100
        assert eng.chat(PROMPT, SamplingSettings(temperature=0, max_tokens=4,
                                                 min_tokens=4)).run().strip()
    finally:
        eng.close()


def test_estimates_stay_near_the_tokenizer_and_lean_high(home, ember_server):
    """estimate_tokens against Gemma 3's own tokenizer (through the other Ember): within a
    factor for prose, code, numbers, JSON and CJK, and never more than 2% below it."""
    from desktop.core import remote
    texts = {
        "prose": "Ember keeps every conversation on this computer. It answers questions about "
                 "code, explains errors and writes small functions when asked. " * 20,
        "code": "def merge(a: list[int], b: list[int]) -> list[int]:\n    out = []\n"
                "    i = j = 0\n    while i < len(a) and j < len(b):\n"
                "        if a[i] <= b[j]:\n            out.append(a[i]); i += 1\n"
                "        else:\n            out.append(b[j]); j += 1\n"
                "    return out + a[i:] + b[j:]\n" * 10,
        "cjk": "远程引擎可以是任何兼容的服务器。文档的词元数量是估计的。" * 20
               + "リモートエンジンの鍵は OS のキーリングに保存されます。" * 10,
        "numbers": "3.14159 2.71828 1234567890 " * 20,
        "json": '{"name": "ember", "version": 1, "items": [1, 2, 3], "ok": true}\n' * 20,
        "source": (ROOT / "desktop" / "core" / "client.py").read_text(encoding="utf-8"),
    }
    with httpx2.Client(trust_env=False, timeout=30) as c:
        for kind, text in texts.items():
            exact = c.post(f"http://127.0.0.1:{ember_server.port}/ember/tokenize",
                           json={"text": text}, headers={"Authorization": f"Bearer {EMBER_TOKEN}"}
                           ).json()["count"]
            est = remote.estimate_tokens(text)
            assert 0.98 * exact <= est <= 2.0 * exact, (kind, est, exact)


# ------------------------------------------------------------- llama-cpp-python's server
def test_llama_cpp_server_streams_with_client_side_metrics_and_cancels(home, llama_server):
    from desktop.core import remote
    from desktop.core.turns import SamplingSettings
    _add("lcs", llama_server.url, api_key=LLAMA_TOKEN)
    eng = remote.RemoteEngine(remote.get("lcs"))
    try:
        notes = []
        info, plan = eng.load_planned(None, on_notice=notes.append)  # its only model
        assert info.name.startswith("lcs/") and info.name.endswith(".gguf")
        assert info.n_ctx == remote.UNKNOWN_CTX and "assumed" in plan.sentence
        assert notes and "--context" in notes[0]
        # min_tokens: llama-cpp-python's server knows it (it holds back <eos>; Gemma's
        # <end_of_turn> is still free to end the turn, which an essay does not do in 12 tokens)
        t = eng.chat(PROMPT, SamplingSettings(temperature=0, max_tokens=12, min_tokens=12))
        pieces = list(t)
        m = t.metrics
        assert t.text.strip() and len(pieces) == m.completion_tokens == 12
        assert m.ttft_s > 0 and m.decode_tps > 0 and m.finish_reason == "length"
        assert m.prompt_tokens == 0      # this server sends no usage while streaming
        assert eng.kv_tokens > 12        # the window's "context" figure: estimated prompt + answer
        # cancel: the stream closes, the server stops, the next turn is answered
        t = eng.chat([{"role": "user", "content": "Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,"}],
                     SamplingSettings(temperature=0, max_tokens=1000, min_tokens=1000))
        got = []
        for piece in t:
            got.append(piece)
            if len(got) == 2:
                t0 = time.monotonic()
                eng.cancel()
        assert time.monotonic() - t0 < 2.0 and len(got) == 2
        assert t.metrics.finish_reason == "cancelled"
        assert eng.chat(PROMPT, SamplingSettings(temperature=0, max_tokens=4,
                                                 min_tokens=4)).run().strip()
    finally:
        eng.close()


def test_documents_fall_back_to_estimates_on_llama_cpp_server(home, llama_server):
    """No tokenizer endpoint in OpenAI's API: documents are counted by estimate, the budget
    says so, a document larger than the server's context is retrieved from (no reload is
    offered for a remote model), and the retrieved prompt is answered by the server."""
    from desktop.core import documents, remote
    from desktop.core.session import ChatSession, run_turn
    from desktop.core.store import Store
    from desktop.core.turns import SamplingSettings
    _add("lcs", llama_server.url, api_key=LLAMA_TOKEN, context=2048)
    eng = remote.RemoteEngine(remote.get("lcs"))
    try:
        info, plan = eng.load_planned(None)
        assert info.n_ctx == 2048 and "as set for this remote" in plan.sentence
        assert not eng.capabilities.exact_counts
        lines = [f"Line {i}: the {w} module handles {w} requests and logs them." for i, w in
                 enumerate(["parser", "router", "cache", "auth", "billing"] * 60)]
        doc = documents.from_text("services.txt", "\n".join(lines))
        n = documents.count_tokens(eng, doc)
        assert n == remote.estimate_tokens(documents.render_part(doc)) > 2048
        b = documents.budget(eng, [doc], [], "Which module handles billing?",
                             reserve_for_answer=64)
        assert b.decision == "retrieve" and b.chunks
        assert b.sentence.endswith(documents.budget.__globals__["ESTIMATED_NOTE"])
        assert any("billing" in ch.text for ch in b.chunks)
        # the same through a session, as the window and `ember chat --attach` send it
        with Store(home / "ember.db") as st:
            s = ChatSession(st, None, model_name=info.name,
                            sampling=SamplingSettings(temperature=0, max_tokens=8, min_tokens=8))
            turn = s.ask("Which module handles billing?", [(doc, n)])
            t = run_turn(eng, s, turn)
            s.finish(turn, t.text, t.metrics)
            assert turn.budget.decision == "retrieve"
            assert t.text.strip() and t.metrics.completion_tokens > 0
            reply = st.path(turn.conversation_id)[-1]
            assert reply.content == t.text and reply.model == info.name
    finally:
        eng.close()


# ----------------------------------------------------------------------------- errors
def test_a_wrong_key_is_refused_clearly_on_both_servers(home, ember_server, llama_server):
    from desktop.core import remote
    for name, url in (("em", f"http://127.0.0.1:{ember_server.port}/v1"),
                      ("lcs", llama_server.url)):
        r = ember("remote", "add", name, url, "--api-key", "not-the-key")
        assert r.returncode == 1
        assert f"ember: The remote engine {name} ({url}) refused the API key, so it was not " \
               "added" in r.stderr and "Traceback" not in r.stderr
        assert remote.find(name) is None
        # kept without a check, then used: the chat says it in one line, nothing is stored
        assert ember("remote", "add", name, url, "--api-key", "not-the-key",
                     "--no-check").returncode == 0
        r = ember("chat", "--model", name, "-p", "hi")
        assert r.returncode == 1
        err = r.stderr.strip()
        assert err.startswith(f"ember: The remote engine {name} ({url}) refused the API key "
                              "(401") and "\n" not in err
    with contextlib.suppress(FileNotFoundError):
        from desktop.core.store import Store
        with Store(home / "ember.db") as st:
            assert st.list_conversations() == []


def test_a_teams_ember_over_https_with_a_key_and_its_limit(home, tmp_path, gemma_path):
    """Ember as a client of another Ember serving a team (`serve --host` with keys and TLS):
    the chat streams with the key from the keyring, and the key's limit comes back as a clear
    error, not a crash."""
    import ssl

    from test_serve_team import _self_signed, new_key

    from desktop.core import remote
    from desktop.core.turns import SamplingSettings
    d = tmp_path / "team"
    cert, key_file = _self_signed(tmp_path)
    key = new_key(d, "laptop", "--tokens-per-minute", "40")
    s = serve(d, str(gemma_path), "--host", "127.0.0.1", "--tls-cert", str(cert), "--tls-key",
              str(key_file), "--ctx", "2048", tls_ca=str(cert))
    try:
        url = f"https://127.0.0.1:{s.port}/v1"
        # without the team's certificate the server is not trusted, and that is said
        _add("plain", url, api_key=key)
        bad = remote.probe(remote.get("plain"))
        assert "CERTIFICATE_VERIFY_FAILED" in bad.error and bad.short == "not reachable"
        with pytest.raises(remote.RemoteError, match="cannot be used"):
            _add("team", url, api_key=key, ca_cert=str(key_file))
        r = ember("remote", "add", "team", url, "--api-key-stdin", "--ca-cert", str(cert),
                  stdin=key + "\n")
        assert r.returncode == 0, r.stderr
        eng = remote.RemoteEngine(remote.get("team"))
        try:
            eng.load_planned(GEMMA_ID)
            # min_tokens: 30 tokens on any CPU (then the key's 40 a minute are spent)
            t = eng.chat(PROMPT, SamplingSettings(temperature=0, max_tokens=30, min_tokens=30))
            assert "".join(t).strip() and t.metrics.completion_tokens == 30
            with pytest.raises(remote.RemoteError) as e:  # its 40 tokens a minute are spent
                eng.chat(PROMPT, SamplingSettings(temperature=0, max_tokens=4)).run()
            assert "tokens per minute" in str(e.value)
        finally:
            eng.close()
        assert ssl.create_default_context(cafile=str(cert))  # the certificate is a real one
    finally:
        s.stop()
    _secret_free(home, key)


def test_a_server_that_is_down_is_said_clearly(home):
    from desktop.core import remote
    port = _free_port()   # nothing listens there
    url = f"http://127.0.0.1:{port}/v1"
    r = ember("remote", "add", "down", url)
    assert r.returncode == 0   # kept: it may be up later
    assert f"Note: The remote engine down ({url}) is not reachable: connection refused" in r.stderr
    r = ember("remote", "list")
    assert r.returncode == 0 and f"down  {url} · no key · The remote engine down" in r.stdout
    r = ember("chat", "--model", "down/some-model", "-p", "hi")
    assert r.returncode == 1
    assert r.stderr.strip() == (f"ember: The remote engine down ({url}) is not reachable: "
                                "connection refused.")
    with pytest.raises(remote.RemoteUnreachable):
        remote.RemoteEngine(remote.get("down")).list_models()


def test_a_server_that_never_answers_times_out_clearly(home):
    """A socket that accepts and never answers: the read timeout, said with its length."""
    from desktop.core import remote
    srv = RawServer(lambda head, body, conn: None)   # accepts, reads, never answers
    try:
        _add("mute", srv.url, timeout_s=1.5)
        eng = remote.RemoteEngine(remote.get("mute"))
        t0 = time.monotonic()
        with pytest.raises(remote.RemoteTimeout) as e:
            eng.load_planned("m")
        assert 1.4 < time.monotonic() - t0 < 6
        assert str(e.value) == (f"The remote engine mute ({srv.url}) timed out after 1.5 s "
                                "without an answer while listing its models.")
        r = ember("chat", "--model", "mute/m", "-p", "hi")
        assert r.returncode == 1 and "timed out after 1.5 s" in r.stderr
    finally:
        srv.close()


def test_an_answer_that_stalls_midway_is_kept_as_interrupted(home):
    """The server streams a few pieces, then goes silent: the timeout is said, and what came is
    stored (interrupted), never lost."""
    from desktop.core.store import Store

    def handler(head, body, conn):
        def answer():
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                         b"Connection: close\r\n\r\n")
            for piece in ("Hello", " from", " far away"):
                conn.sendall(_chunk(piece))
            time.sleep(30)   # and then nothing
        _models_or(conn, head, answer)

    srv = RawServer(handler)
    try:
        _add("stall", srv.url, timeout_s=2)
        r = ember("chat", "--model", "stall/m", "-p", "Say hello.")
        assert r.returncode == 1
        assert r.stdout.startswith("Hello from far away")
        assert f"ember: The remote engine stall ({srv.url}) timed out after 2 s" in r.stderr
        with Store(home / "ember.db") as st:
            conv = st.list_conversations()[0]
            reply = st.path(conv.id)[-1]
            assert reply.content == "Hello from far away" and reply.interrupted
            assert conv.model == "stall/m"
    finally:
        srv.close()


def test_a_server_that_refuses_extra_fields_is_asked_again_with_openais_only(home):
    """A strict server (OpenAI's own refuses unknown arguments): stream_options, top_k, min_p go,
    and the answer comes; without usage, tokens are counted by chunk."""
    from desktop.core import remote
    from desktop.core.turns import SamplingSettings
    bodies = []

    def handler(head, body, conn):
        def answer():
            req = json.loads(body)
            bodies.append(req)
            extra = sorted(set(req) & {"stream_options", "top_k", "min_p", "repeat_penalty"})
            if extra:
                _send_json(conn, 400, {"error": {"message": "Unrecognized request argument "
                                                            f"supplied: {extra[0]}",
                                                 "type": "invalid_request_error"}})
            else:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                             b"Connection: close\r\n\r\n" + _chunk("four") + _chunk(" words")
                             + _chunk(" come", None) + _chunk(" back", "stop") + b"data: [DONE]\n\n")
            conn.close()
        _models_or(conn, head, answer)

    srv = RawServer(handler)
    try:
        _add("strict", srv.url)
        eng = remote.RemoteEngine(remote.get("strict"))
        eng.load_planned("m")
        t = eng.chat(PROMPT, SamplingSettings(temperature=0, max_tokens=8))
        assert t.run() == "four words come back"
        assert t.metrics.completion_tokens == 4 and t.metrics.finish_reason == "stop"
        assert "stream_options" in bodies[0] and "stream_options" not in bodies[1]
        # remembered: the next request is lean at once
        assert eng.chat(PROMPT).run() == "four words come back" and len(bodies) == 3
        # a model the server does not have is named with the ones it does
        with pytest.raises(remote.RemoteModelNotFound, match=r"does not serve the model 'x'; "
                                                             r"it has: m\."):
            eng.load_planned("x")
    finally:
        srv.close()


# ------------------------------------------------------------------------------ window
def test_a_chat_in_the_window_runs_on_a_remote_engine(qtbot, qapp, home, ember_server):
    """The window lists the remote engine's models beside the local ones (fetched off the UI
    thread), a chosen one answers through it, the answer is stored with the model named, and
    no local engine process was started for it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.core import remote
    from desktop.ui.app import create_window
    _add("em", f"http://127.0.0.1:{ember_server.port}/v1", api_key=EMBER_TOKEN)
    _add("gone", f"http://127.0.0.1:{_free_port()}/v1")
    _, w = create_window(autoload=False, first_run_dialog=False)
    try:
        w.settings.set("temperature", 0.0)
        w.settings.set("max_tokens", 10)
        w.settings.set("min_tokens", 10)  # 10 tokens on any CPU (this test's own home)
        w.show()
        title = f"em · {GEMMA_ID}"
        qtbot.waitUntil(lambda: w.model_combo.findText(title) >= 0, timeout=30_000)
        gone = w.model_combo.findText("gone · not reachable")
        assert gone >= 0 and not w.model_combo.model().item(gone).isEnabled()
        assert "not reachable" in w.model_combo.itemData(gone, 3)   # its tooltip says why
        local = [w.model_combo.itemText(i) for i in range(w.model_combo.count())]
        assert local.index(title) > 0   # after the local models
        w.model_combo.setCurrentIndex(w.model_combo.findText(title))
        w.load_selected_model()
        qtbot.waitUntil(lambda: w.model_info is not None, timeout=30_000)
        assert w.model_info.name == f"em/{GEMMA_ID}"
        assert "remote engine" in w.model_state.text()
        w.new_chat()
        w.composer.setPlainText("def add(a, b):")
        w.send()
        assert w.generating
        qtbot.waitUntil(lambda: not w.generating, timeout=60_000)
        msgs = w.convs.s.path(w.conv_id)   # the store itself
        assert msgs[-1].role == "assistant" and msgs[-1].content.strip()
        assert msgs[-1].model == f"em/{GEMMA_ID}" and not msgs[-1].interrupted
        assert msgs[-1].ttft_s > 0 and msgs[-1].completion_tokens == 10
        assert w.stat_labels["tps"].text().endswith("tokens/s")
        assert w.stat_labels["tps"].text() != "– tokens/s"
        assert w.worker.process is None   # no local engine process was started
        assert isinstance(w.worker.engine, remote.RemoteEngine)
    finally:
        w.close()
    _secret_free(home, EMBER_TOKEN)


def test_add_remote_engine_dialog_adds_it_off_the_ui_thread(qtbot, qapp, home, ember_server):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import keyring

    from desktop.core import remote
    from desktop.ui.remotes import RemotesDialog
    dlg = RemotesDialog(None)
    qtbot.addWidget(dlg)
    add = dlg.open_add()
    add.name.setText("gpu box")           # a bad name: said in the form, nothing stored
    add.url.setText(f"http://127.0.0.1:{ember_server.port}")
    assert add.submit() is None and "name" in add.note.text()
    assert remote.remotes() == []
    add.name.setText("em")
    add.key.setText(EMBER_TOKEN)
    worker = add.submit()
    assert worker is not None
    with qtbot.waitSignal(add.added, timeout=30_000) as sig:
        pass
    reach = sig.args[0]
    assert reach.error is None and GEMMA_ID in reach.models
    assert [r.name for r in remote.remotes()] == ["em"]
    assert keyring.get_password("ember", "em") == EMBER_TOKEN
    assert "em  ·  http://127.0.0.1:" in dlg.list.item(0).text()
    dlg.list.setCurrentRow(0)
    dlg.remove_selected()
    assert remote.remotes() == [] and keyring.get_password("ember", "em") is None
    # a CA certificate for a plain-http server is refused in the form's note, nothing stored
    add = dlg.open_add()
    add.name.setText("tls")
    add.url.setText(f"http://127.0.0.1:{ember_server.port}")
    not_a_cert = home / "not-a-cert.pem"
    not_a_cert.write_text("hello")
    add.ca_cert.setText(str(not_a_cert))
    add.submit()
    qtbot.waitUntil(lambda: "cannot be used" in add.note.text(), timeout=30_000)
    assert remote.remotes() == []
    _secret_free(home, EMBER_TOKEN)
