"""A key holder is a user, not an admin (issue 27, items 1-6): a team's engine (`ember serve
--host` with keys from `ember keys`) tried as an attacker with a valid key would, on loopback.
Real `ember serve` processes, real keys, real sockets, the `openai` client."""
from __future__ import annotations

import json
import socket
import threading
import time

import httpx2
import openai
import pytest
from engine_proc import serve
from test_serve_team import client, new_key

ASK = [{"role": "user", "content": "Count from one to a hundred."}]


@pytest.fixture(scope="module")
def team(tmp_path_factory, gemma_path):
    d = tmp_path_factory.mktemp("hostile-team")
    keys = {"alice": new_key(d, "alice"), "bob": new_key(d, "bob"),
            "small": new_key(d, "small", "--tokens-per-minute", "10")}
    s = serve(d, str(gemma_path), "--host", "127.0.0.1")
    yield s, keys
    s.stop()


def http(s, key, **kw) -> httpx2.Client:
    return s.http(headers={"Authorization": f"Bearer {key}"}, **kw)


def private(s) -> httpx2.Client:
    return httpx2.Client(transport=httpx2.HTTPTransport(uds=s.socket), trust_env=False,
                         base_url="http://ember", timeout=120)


def model_of(s, key) -> str:
    with http(s, key) as h:
        return h.get("/ember/status").json()["model"]


# --------------------------------------------------------------------- 1, 2: the engine itself
@pytest.mark.parametrize("path", ["/etc/shadow", "/etc/passwd", "/no/such/file.gguf", "/root"])
def test_a_key_cannot_probe_the_servers_files_through_load(team, path):
    """1: /ember/load answered whether a path exists, is a folder, and its first bytes."""
    s, keys = team
    with http(s, keys["alice"]) as h:
        r = h.post("/ember/load", json={"model": path})
    assert r.status_code == 403, r.text
    err = r.json()["error"]
    assert err["code"] == "owner_only"
    assert path not in err["message"] and "exist" not in err["message"]


def test_a_key_cannot_load_unload_or_switch_the_shared_model(team, gemma_path):
    """2: a key loaded any GGUF by path under a name it chose, or unloaded the model for all."""
    s, keys = team
    before = model_of(s, keys["bob"])
    with http(s, keys["alice"]) as h:
        assert h.post("/ember/load", json={"model": str(gemma_path), "id": "mine"}
                      ).status_code == 403
        assert h.post("/ember/unload").status_code == 403
        assert h.post("/ember/kv/restore", json={"conversation": "x"}).status_code == 403
        assert h.post("/ember/shutdown").status_code == 403
        listed = h.get("/v1/models").json()["data"]
        status = h.get("/ember/status").json()
    assert [m["id"] for m in listed] == [before]
    assert "path" not in json.dumps(listed) and str(gemma_path) not in json.dumps(status)
    c = client(s, keys["alice"])
    with pytest.raises(openai.NotFoundError):
        c.chat.completions.create(model="embedded", messages=ASK, max_tokens=2)
    # bob still chats with the same model; the owner's private channel can still load
    r = client(s, keys["bob"]).chat.completions.create(model=before, messages=ASK,
                                                        max_tokens=2, temperature=0)
    assert r.choices[0].finish_reason in ("length", "stop")
    assert model_of(s, keys["bob"]) == before
    with private(s) as p:
        assert p.get("/ember/status").json()["info"]["path"]


# --------------------------------------------------------------------- 3: others' answers
def _stream_in_thread(s, key, out: dict, tokens: int = 48, rid: str | None = None):
    def run():
        c = client(s, key)
        extra = {"min_tokens": tokens}
        if rid:
            extra["ember"] = {"request_id": rid}
        n, finish = 0, None
        stream = c.chat.completions.create(model=model_of(s, key), messages=ASK, stream=True,
                                           max_tokens=tokens, temperature=0, extra_body=extra)
        for ch in stream:
            n += 1
            out["started"].set()
            if ch.choices and ch.choices[0].finish_reason:
                finish = ch.choices[0].finish_reason
        out["chunks"], out["finish"] = n, finish
    out["started"] = threading.Event()
    t = threading.Thread(target=run)
    t.start()
    return t


def test_a_key_cannot_stop_another_keys_answer(team):
    """3: /ember/cancel {} ended whatever was generating, someone else's stream included."""
    s, keys = team
    out: dict = {}
    t = _stream_in_thread(s, keys["alice"], out, rid="alice-secret-id")
    assert out["started"].wait(120)
    with http(s, keys["bob"]) as h:
        assert h.post("/ember/cancel", json={}).json()["cancelled"] is False
        assert h.post("/ember/cancel", json={"request_id": "alice-secret-id"}
                      ).json()["cancelled"] is False
    t.join(300)
    assert out["finish"] == "length", out          # alice's answer ran to its end
    # a key still stops its own
    mine: dict = {}
    t = _stream_in_thread(s, keys["alice"], mine, tokens=400, rid="alice-own")
    assert mine["started"].wait(120)
    with http(s, keys["alice"]) as h:
        assert h.post("/ember/cancel", json={"request_id": "alice-own"}).json()["cancelled"]
    t.join(300)
    assert mine["finish"] != "length" or mine["chunks"] < 400


# --------------------------------------------------------------------- 4: the token charge
def test_a_client_that_disconnects_mid_stream_is_charged(team):
    """4: a client that went away was charged nothing (null tokens in the access log)."""
    s, keys = team
    key = keys["small"]
    body = {"model": model_of(s, key), "messages": ASK, "stream": True, "max_tokens": 300,
            "min_tokens": 300, "temperature": 0}
    with http(s, key) as h:
        with h.stream("POST", "/v1/chat/completions", json=body) as r:
            assert r.status_code == 200
            got = 0
            for line in r.iter_lines():
                if line.startswith("data: {"):
                    got += 1
                if got >= 3:
                    break            # and the connection closes here, mid-answer
    log = s.data_dir / "logs" / "access.log"
    deadline = time.monotonic() + 120
    entry = None
    while time.monotonic() < deadline and entry is None:
        for line in log.read_text().splitlines():
            x = json.loads(line)
            if x["key"] == "small" and x["path"] == "/v1/chat/completions":
                entry = x
        time.sleep(0.2)
    assert entry is not None, log.read_text()
    assert entry["prompt_tokens"] and entry["completion_tokens"] >= 3, entry
    # what it read counted: its 10 tokens a minute are spent, the next request waits
    with pytest.raises(openai.RateLimitError):
        client(s, key).chat.completions.create(model=body["model"], messages=ASK, max_tokens=2)


# --------------------------------------------------------------------- 5: bounded, fair
def test_a_prompt_larger_than_the_context_can_hold_is_refused_before_the_engine(team):
    """5: a 63 MB prompt held the engine for 60 s and was charged nothing. Now a text larger
    than n_ctx times the longest token cannot fit, and is refused before it is tokenized."""
    s, keys = team
    big = "word " * (4 << 20)          # 20 MiB
    with http(s, keys["bob"]) as h:
        r = h.post("/v1/chat/completions",
                   json={"model": model_of(s, keys["bob"]), "max_tokens": 2,
                         "messages": [{"role": "user", "content": big}]})
        assert r.status_code == 400, r.text[:300]
        assert r.json()["error"]["code"] == "context_length_exceeded"
        r = h.post("/ember/tokenize", json={"text": big})
        assert r.status_code == 400 and r.json()["error"]["code"] == "context_length_exceeded"


def test_a_huge_json_schema_enum_is_refused(team):
    """5: a json_schema enum of 20,000 strings held the engine for 113 s."""
    s, keys = team
    schema = {"type": "object", "properties": {"x": {"enum": [f"v{i}" for i in range(20_000)]}}}
    with http(s, keys["bob"]) as h:
        r = h.post("/v1/chat/completions", json={
            "model": model_of(s, keys["bob"]), "messages": ASK, "max_tokens": 4,
            "response_format": {"type": "json_schema",
                                "json_schema": {"name": "big", "schema": schema}}})
    assert r.status_code == 400 and r.json()["error"]["code"] == "grammar_too_large", r.text


class _J:
    def __init__(self, name, owner):
        self.name, self.owner = name, owner


def test_waiting_jobs_take_turns_between_keys():
    """5: what is left is scheduled fairly: between owners, the one served least recently."""
    from desktop.core.server.host import _STOP, pick_fair
    waiting = [_J("a1", "a"), _J("a2", "a"), _J("a3", "a"), _J("b1", "b"), _J("o1", None)]
    served: dict = {}
    order = []
    n = 0
    while waiting:
        j = waiting.pop(pick_fair(waiting, served))
        n += 1
        served[j.owner] = n
        order.append(j.name)
    assert order == ["a1", "b1", "o1", "a2", "a3"]
    # the same owner keeps its order; nothing passes a stop
    assert pick_fair([_J("a1", "a"), _STOP, _J("b1", "b")], {"a": 5}) == 0
    assert pick_fair([_STOP, _J("b1", "b")], {}) == 0


def test_another_keys_short_chat_does_not_wait_for_a_queue(team):
    """5: alice queues four answers; bob's short one runs after her first, not her fourth."""
    s, keys = team
    model = model_of(s, keys["alice"])
    ends: dict = {}

    def ask(name, key, tokens):
        client(s, key).chat.completions.create(
            model=model, messages=ASK, max_tokens=tokens, temperature=0,
            extra_body={"min_tokens": tokens})
        ends[name] = time.monotonic()

    # long enough on any CPU (min_tokens: 160 tokens each) that alice's four are all still
    # there, one running and three queued, when bob asks half a second later
    threads = [threading.Thread(target=ask, args=(f"alice{i}", keys["alice"], 160))
               for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    bob = threading.Thread(target=ask, args=("bob", keys["bob"], 4))
    bob.start()
    for t in [*threads, bob]:
        t.join(600)
    assert set(ends) == {"alice0", "alice1", "alice2", "alice3", "bob"}
    later = sorted(ends, key=ends.get)
    assert later.index("bob") <= 1, later    # right after alice's running one


# --------------------------------------------------------------------- 6: slowloris
def _half_open(port: int, source: str) -> socket.socket:
    sk = socket.socket()
    sk.bind((source, 0))
    sk.connect(("127.0.0.1", port))
    sk.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n")   # never finished
    return sk


def _closed(sk: socket.socket, within: float) -> bool:
    sk.settimeout(within)
    try:
        return sk.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


def test_slowloris_needs_no_key_and_no_longer_exhausts_the_engine(tmp_path, gemma_path):
    """6: connections that never finished their headers were never timed out; at a desktop's
    open-file limit (1024), 1,100 of them made the engine refuse a valid request. Now each
    address holds at most 32, the port at most half the table, and every unfinished request
    is closed after 10 s. The server runs here with a hard limit of 1024 open files."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < 1400:
        pytest.skip("the test needs 1,400 open files of its own")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    key = new_key(tmp_path, "alice")
    s = serve(tmp_path, str(gemma_path), "--host", "127.0.0.1",
              wrap=("prlimit", "--nofile=1024:1024", "--"))
    socks: list[socket.socket] = []
    try:
        # one address: the 33rd connection is closed at once
        for _ in range(40):
            socks.append(_half_open(s.port, "127.0.0.2"))
        closed_now = sum(_closed(sk, 0.5) for sk in socks[32:])
        assert closed_now == 8, closed_now
        assert not _closed(socks[0], 0.2)
        # 1,100 from 40 addresses: more than the table holds
        for i in range(3, 43):
            for _ in range(28):
                try:
                    socks.append(_half_open(s.port, f"127.0.0.{i}"))
                except OSError:
                    break
        model = model_of(s, key)
        r = client(s, key).chat.completions.create(model=model, messages=ASK, max_tokens=2,
                                                    temperature=0)
        assert r.choices[0].finish_reason in ("length", "stop")
        with private(s) as p:
            assert p.get("/ember/status").status_code == 200
        # after the header deadline, the unfinished ones are gone
        time.sleep(11)
        assert _closed(socks[0], 2.0)
        assert "Too many open files" not in s.log_text()
    finally:
        for sk in socks:
            sk.close()
        s.stop()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
