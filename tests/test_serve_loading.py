"""`ember serve MODEL` while MODEL loads (issue 29): /health says "loading" (503, llama-server's
shape) until the model is ready, then "ok"; a request sent during the load waits for it (as
Ollama's do), up to `--load-wait`, then 503 "Loading model" with Retry-After; a start model
that fails to load is an "error" in /health, not "ok". Real `ember serve` processes, real
sockets, the `openai` client, real models: the load is made slow by EMBER_TEST_LOAD_DELAY_S
(a test-only hook in EngineHost.run_load), llama.cpp is never mocked."""
from __future__ import annotations

import threading
import time

import httpx2
import openai
import pytest
from engine_proc import serve

DELAY_S = 6.0   # every load takes this much longer: the tests talk to the engine meanwhile
HI = [{"role": "user", "content": "Say hi."}]


def client(server, **kw) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="not-needed", max_retries=0,
                         timeout=120, **kw)


def wait_health(server, status: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    with server.http() as c:
        while time.monotonic() < deadline:
            r = c.get("/health")
            if r.json()["status"] == status:
                return {"code": r.status_code, "headers": r.headers, **r.json()}
            time.sleep(0.05)
    raise AssertionError(f"/health never said {status!r}: {server.log_text()[-2000:]}")


@pytest.fixture
def slow_loads(monkeypatch):
    monkeypatch.setenv("EMBER_TEST_LOAD_DELAY_S", str(DELAY_S))


@pytest.fixture
def bad_model(tmp_path):
    p = tmp_path / "broken.gguf"
    p.write_bytes(b"GGUF" + b"\x03\x00\x00\x00" + b"\xff" * 64)   # a header, then rubbish
    return p


def test_health_says_loading_until_the_start_model_is_ready(tmp_path, gemma_path, slow_loads):
    s = serve(tmp_path / "slow", str(gemma_path), "--ctx", "2048", wait_model=False)
    try:
        with s.http() as c:
            r = c.get("/health")
            assert r.status_code == 503, r.text
            h = r.json()
            assert h["status"] == "loading" and h["model"] is None
            assert h["error"] == {"code": 503, "message": "Loading model",
                                  "type": "unavailable_error"}
            assert h["loading"]["model"] == gemma_path.stem
            assert 0 <= h["loading"]["progress"] <= 1
            assert h["pid"] == s.proc.pid and h["version"] and "build" in h
            assert int(r.headers["retry-after"]) >= 1
            # /v1/models answers during the load, the loading model first
            models = {m.id: m for m in client(s).models.list().data}
            ember = models[gemma_path.stem].model_extra["ember"]
            assert ember["loaded"] is False and ember["loading"]["model"] == gemma_path.stem
            # a client that hangs up while it waits leaves nothing behind
            with pytest.raises(httpx2.TimeoutException):
                c.post("/v1/chat/completions", timeout=1.0,
                       json={"messages": HI, "max_tokens": 3})
        ok = wait_health(s, "ok")
        assert ok["code"] == 200 and ok["model"] == gemma_path.stem and ok["loading"] is None
        time.sleep(1.0)
        with s.http() as c:
            st = c.get("/ember/status").json()
        assert st["last_metrics"] is None, "the request whose client left was run"
        assert st["loading"] is None and st["load_error"] is None
    finally:
        s.stop()


def test_a_chat_sent_during_a_load_waits_for_it(tmp_path, gemma_path, slow_loads):
    s = serve(tmp_path / "wait", str(gemma_path), "--ctx", "2048", wait_model=False)
    try:
        got: dict = {}

        def chat():
            try:
                got["answer"] = client(s).chat.completions.create(
                    model=gemma_path.stem, messages=HI, temperature=0, max_tokens=4)
            except Exception as e:  # noqa: BLE001 - the test reads it below
                got["error"] = e
            got["at"] = time.monotonic()

        t = threading.Thread(target=chat)
        t.start()
        loading_seen = None
        with s.http() as c:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                h = c.get("/health").json()
                if h["status"] != "loading":
                    break
                loading_seen = time.monotonic()   # (the chat was sent before this)
                time.sleep(0.05)
        assert h["status"] == "ok" and loading_seen is not None
        t.join(120)
        assert "error" not in got, got.get("error")
        r = got["answer"]
        assert r.choices[0].message.role == "assistant" and r.usage.completion_tokens >= 1
        assert r.model == gemma_path.stem == h["model"]
        assert got["at"] > loading_seen   # it was answered once the load ended, not before

        # the same with a load asked for over the API (POST /ember/load): requests wait
        loaded: dict = {}

        def load():
            with s.http() as c:
                loaded["status"] = c.post("/ember/load", json={"model": str(gemma_path),
                                                               "ctx": 2048}).status_code

        t2 = threading.Thread(target=load)
        t2.start()
        wait_health(s, "loading", timeout=30)
        r = client(s).chat.completions.create(model=gemma_path.stem, messages=HI,
                                              temperature=0, max_tokens=2)
        assert r.choices[0].message.content is not None
        with s.http() as c:
            assert c.get("/health").json()["status"] == "ok"
        t2.join(60)
        assert loaded["status"] == 200
    finally:
        s.stop()


def test_a_short_load_wait_answers_503_with_retry_after(tmp_path, bad_model, slow_loads):
    """`--load-wait 0.3`: the request is answered 503 "Loading model" with Retry-After; the
    start model then fails: /health says "error" (500) with its message, not "ok"."""
    s = serve(tmp_path / "short", str(bad_model), "--load-wait", "0.3", wait_model=False)
    try:
        t0 = time.monotonic()
        with pytest.raises(openai.APIStatusError) as err:
            client(s).chat.completions.create(model="default", messages=HI, max_tokens=2)
        assert time.monotonic() - t0 < DELAY_S - 1
        e = err.value
        assert e.status_code == 503
        assert int(e.response.headers["retry-after"]) >= 1
        body = e.response.json()["error"]
        assert body["type"] == "unavailable_error" and body["code"] == "model_loading"
        assert body["message"].startswith("Loading model")
        assert body["loading"]["model"] == "broken"

        bad = wait_health(s, "error")
        assert bad["code"] == 500 and bad["model"] is None and bad["loading"] is None
        assert bad["load_error"]["model"] == "broken"
        assert "broken" in bad["error"]["message"] and bad["error"]["type"] == "server_error"
        assert bad["pid"] == s.proc.pid
        # the engine is still up: a request now is told why there is no model
        with pytest.raises(openai.APIStatusError) as err:
            client(s).chat.completions.create(model="default", messages=HI, max_tokens=2)
        assert err.value.status_code == 503
        assert "could not be loaded" in err.value.response.json()["error"]["message"]
    finally:
        s.stop()


def test_a_chat_waiting_for_a_load_that_fails_gets_its_error(tmp_path, bad_model, slow_loads):
    s = serve(tmp_path / "fails", str(bad_model), wait_model=False)
    try:
        with s.http() as c:
            assert c.get("/health").json()["status"] == "loading"
            t0 = time.monotonic()
            r = c.post("/v1/chat/completions", json={"messages": HI, "max_tokens": 2})
            assert time.monotonic() - t0 > 1.0   # it waited for the load
            assert r.status_code >= 400 and r.status_code != 503, r.text
            err = r.json()["error"]
            assert err["code"] != "model_loading"
            h = c.get("/health")
            assert h.status_code == 500 and h.json()["status"] == "error"
    finally:
        s.stop()


def test_an_unknown_start_model_is_an_error_in_health(tmp_path):
    s = serve(tmp_path / "unknown", "no-such-model-anywhere", wait_model=False)
    try:
        h = wait_health(s, "error", timeout=60)
        assert h["code"] == 500 and "no-such-model-anywhere" in h["error"]["message"]
    finally:
        s.stop()


def test_the_clients_see_a_loading_engine_as_up(tmp_path, gemma_path, slow_loads,
                                                monkeypatch):
    """The window and `ember chat` find the shared engine by /health: a loading one is up
    (else they would start a second engine on its socket), and its health() is answered."""
    from desktop.core.client import EngineClient, EngineProcess
    data = tmp_path / "shared"
    s = serve(data, str(gemma_path), "--ctx", "2048", wait_model=False)
    try:
        monkeypatch.setenv("EMBER_HOME", str(data))
        found = EngineProcess.find()
        assert found is not None and found.pid == s.proc.pid
        ec = EngineClient(found)
        try:
            h = ec.health()
            assert h["status"] == "loading" and "build" in h
            assert ec.hardware_build() == h["build"]
            deadline = time.monotonic() + 120
            while ec.health()["status"] != "ok" and time.monotonic() < deadline:
                time.sleep(0.1)
            assert ec.health()["model"] == gemma_path.stem
        finally:
            ec.close()
    finally:
        s.stop()
