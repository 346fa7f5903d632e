"""A team's engine (issue 14, part 5): `ember serve --host ADDRESS` with API keys from
`ember keys`, their limits, HTTPS with a certificate, and an access log without contents.

Real `ember serve` processes, the `ember keys` command, the `openai` client over real sockets."""
from __future__ import annotations

import datetime
import json
import os
import ssl
import subprocess
import sys
import threading

import httpx2
import openai
import pytest
from engine_proc import ROOT, serve

SECRET = "the-words-of-this-prompt-never-reach-the-log"


def ember(data_dir, *args, check=True) -> subprocess.CompletedProcess:
    env = dict(os.environ, EMBER_HOME=str(data_dir))
    r = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if check and r.returncode != 0:
        raise AssertionError(f"ember {' '.join(args)}: {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


def new_key(data_dir, name, *limits) -> str:
    key = ember(data_dir, "keys", "create", name, *limits).stdout.strip()
    assert key.startswith("ember-") and len(key) > 40
    return key


def client(s, key, **kw) -> openai.OpenAI:
    return openai.OpenAI(base_url=s.base_url, api_key=key, max_retries=0, timeout=300, **kw)


def test_keys_are_created_listed_revoked_and_only_their_hash_is_kept(tmp_path):
    key = new_key(tmp_path, "alice", "--concurrent", "2", "--tokens-per-minute", "5000")
    stored = (tmp_path / "engine" / "keys.json").read_text()
    assert key not in stored and key[10:30] not in stored
    assert oct((tmp_path / "engine" / "keys.json").stat().st_mode & 0o777) == "0o600"
    out = ember(tmp_path, "keys", "list").stdout
    assert "alice" in out and key[:10] in out and "5,000" in out and "active" in out
    r = ember(tmp_path, "keys", "create", "alice", check=False)
    assert r.returncode == 1 and "exists" in r.stderr
    r = ember(tmp_path, "keys", "create", "bad name!", check=False)
    assert r.returncode == 1 and "name" in r.stderr
    ember(tmp_path, "keys", "revoke", "alice")
    assert "No API keys" in ember(tmp_path, "keys", "list").stdout
    assert "revoked" in ember(tmp_path, "keys", "list", "--all").stdout
    r = ember(tmp_path, "keys", "revoke", "alice", check=False)
    assert r.returncode == 1 and "No active key" in r.stderr


def test_a_network_bind_without_any_key_does_not_start(tmp_path):
    r = ember(tmp_path, "serve", "--host", "0.0.0.0", "--port", "0", "--model", "none",
              check=False)
    assert r.returncode == 1
    assert "ember keys create" in r.stderr
    r = ember(tmp_path, "serve", "--tls-cert", "x.pem", "--model", "none", check=False)
    assert r.returncode == 1 and "--host" in r.stderr


@pytest.fixture(scope="module")
def team(tmp_path_factory, gemma_path):
    d = tmp_path_factory.mktemp("team")
    keys = {"alice": new_key(d, "alice"),
            "solo": new_key(d, "solo", "--concurrent", "1"),
            "small": new_key(d, "small", "--tokens-per-minute", "30"),
            "bob": new_key(d, "bob")}
    s = serve(d, str(gemma_path), "--host", "0.0.0.0")
    yield s, keys
    s.stop()


def _ask(c, model, max_tokens=8, **kw):
    # min_tokens: every answer is max_tokens long on any CPU (which words the model picks, and
    # so where it would end, depends on the CPU's kernels): usage, the token limit and a
    # stream still running are then the same everywhere
    extra = {"min_tokens": max_tokens, **kw.pop("extra_body", {})}
    return c.chat.completions.create(model=model, max_tokens=max_tokens, temperature=0,
                                     messages=[{"role": "user", "content": SECRET}],
                                     extra_body=extra, **kw)


def _model(s, key):
    with s.http(headers={"Authorization": f"Bearer {key}"}) as h:
        return h.get("/ember/status").json()["model"]


def test_missing_and_bad_keys_are_refused(team):
    s, keys = team
    with s.http() as h:
        assert h.get("/health").status_code == 200  # a load balancer's probe needs no key
        r = h.get("/v1/models")
        assert r.status_code == 401 and r.json()["error"]["code"] == "missing_api_key"
    with pytest.raises(openai.AuthenticationError) as e:
        _ask(client(s, "ember-not-a-key"), "embedded")
    assert e.value.status_code == 401 and e.value.code == "invalid_api_key"
    c = client(s, keys["alice"])
    model = _model(s, keys["alice"])
    r = _ask(c, model)
    assert r.choices[0].message.content is not None and r.usage.completion_tokens > 0
    # a client that reaches the engine by another name: the key is what counts
    with s.http(headers={"Authorization": f"Bearer {keys['alice']}",
                         "Host": "gpu-box.lan:8080"}) as h:
        assert h.get("/v1/models").status_code == 200


def test_a_revoked_key_is_refused_at_the_next_request(team):
    s, keys = team
    c = client(s, keys["bob"])
    model = _model(s, keys["bob"])
    _ask(c, model)
    ember(s.data_dir, "keys", "revoke", "bob")
    with pytest.raises(openai.AuthenticationError):
        _ask(c, model)


def test_over_the_concurrent_limit_is_429_then_allowed(team):
    s, keys = team
    c = client(s, keys["solo"])
    model = _model(s, keys["solo"])
    started, release = threading.Event(), threading.Event()
    out = {}

    def long_stream():
        stream = _ask(c, model, max_tokens=400, stream=True,
                      extra_body={"ember": {"request_id": "long-one"}})
        n = 0
        for _chunk in stream:
            n += 1
            if n == 2:
                started.set()
                release.wait(120)
        out["chunks"] = n

    t = threading.Thread(target=long_stream)
    t.start()
    assert started.wait(120)
    with pytest.raises(openai.RateLimitError) as e:
        _ask(c, model)
    assert e.value.status_code == 429 and e.value.code == "rate_limit_exceeded"
    assert int(e.value.response.headers["Retry-After"]) >= 1
    assert "at once" in e.value.message
    # another key is not held back by this one's limit
    _ask(client(s, keys["alice"]), model)
    release.set()
    t.join(300)
    assert out["chunks"] > 2
    _ask(c, model)  # its one slot is free again


def test_over_the_token_limit_is_429_with_retry_after(team):
    s, keys = team
    c = client(s, keys["small"])
    model = _model(s, keys["small"])
    r = _ask(c, model, max_tokens=24)  # the prompt and the answer spend more than 30
    assert r.usage.prompt_tokens + r.usage.completion_tokens > 30
    with pytest.raises(openai.RateLimitError) as e:
        _ask(c, model)
    assert "tokens per minute" in e.value.message
    assert 1 <= int(e.value.response.headers["Retry-After"]) <= 60


def test_access_log_has_who_and_what_but_no_contents(team):
    s, keys = team
    _ask(client(s, keys["alice"]), _model(s, keys["alice"]))
    path = s.data_dir / "logs" / "access.log"
    text = path.read_text()
    assert SECRET not in text
    assert not any(k in text for k in keys.values())
    lines = [json.loads(x) for x in text.splitlines()]
    chats = [x for x in lines if x["path"] == "/v1/chat/completions"]
    assert {x["status"] for x in chats} >= {200, 401}
    ok = [x for x in chats if x["status"] == 200 and x["key"] == "alice"]
    assert ok and ok[-1]["prompt_tokens"] > 0 and ok[-1]["completion_tokens"] > 0
    assert all(x["client"] == "127.0.0.1" for x in lines)
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def _self_signed(folder):
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ember-test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_https_with_a_certificate(tmp_path, gemma_path):
    cert, key_file = _self_signed(tmp_path)
    key = new_key(tmp_path, "alice")
    bad = ember(tmp_path, "serve", "--host", "127.0.0.1", "--port", "0", "--tls-cert",
                str(key_file), "--model", "none", check=False)
    assert bad.returncode == 1 and "TLS certificate" in bad.stderr
    s = serve(tmp_path, str(gemma_path), "--host", "127.0.0.1", "--tls-cert", str(cert),
              "--tls-key", str(key_file), tls_ca=str(cert))
    try:
        ca = ssl.create_default_context(cafile=str(cert))
        c = client(s, key, http_client=openai.DefaultHttpxClient(verify=ca, trust_env=False))
        model = _model(s, key)
        assert _ask(c, model).choices[0].message.content is not None
        # plain HTTP on the TLS port gets no answer from the API
        with httpx2.Client(trust_env=False, timeout=10) as h:
            with pytest.raises(httpx2.HTTPError):
                h.get(f"http://127.0.0.1:{s.port}/v1/models",
                      headers={"Authorization": f"Bearer {key}"}).raise_for_status()
        # the window's private channel is unchanged (no TLS, no key)
        with httpx2.Client(transport=httpx2.HTTPTransport(uds=s.socket), trust_env=False,
                           timeout=30) as h:
            assert h.get("http://ember/ember/status").json()["model"] == model
    finally:
        s.stop()
