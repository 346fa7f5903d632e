"""The API's input, as an attacker sends it (issue 27, items 7-10 and logit_bias): every malformed
body gets a 4xx in OpenAI's error shape before anything reaches the engine thread, never a 500
and never a 200 whose stream then carries an error. Real server, real sockets, the embedded
model; bodies are sent raw (httpx) where the openai client would refuse to build them."""
from __future__ import annotations

import json

import openai
import pytest
from engine_proc import serve

ASK = [{"role": "user", "content": "def add(a, b):"}]


@pytest.fixture(scope="module")
def server(tmp_path_factory, gemma_path):
    s = serve(tmp_path_factory.mktemp("serve-input"), str(gemma_path), "--ctx", "2048")
    yield s
    s.stop()


def post(server, path: str, raw: str | bytes):
    with server.http() as c:
        return c.post(path, content=raw, headers={"Content-Type": "application/json"},
                      timeout=120)


def assert_refused(r, status: int = 400, param: str | None = None, code: str | None = None):
    assert r.status_code == status, (r.status_code, r.text[:500])
    err = r.json()["error"]
    assert set(err) >= {"message", "type", "param", "code"}, err
    if param is not None:
        assert err["param"] == param, err
    if code is not None:
        assert err["code"] == code, err
    return err


@pytest.mark.parametrize("name", ["temperature", "top_p", "min_p", "repeat_penalty"])
@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(server, name, value):
    """7: json.loads reads NaN and Infinity; they are not numbers a sampler can use."""
    raw = ('{"messages": %s, "max_tokens": 4, "%s": %s}' % (json.dumps(ASK), name, value))
    err = assert_refused(post(server, "/v1/chat/completions", raw), param=name,
                         code="invalid_value")
    assert "finite" in err["message"], err


@pytest.mark.parametrize("value", ['"yes"', "[1, 2]", "3", "true"])
def test_stream_options_of_the_wrong_shape_are_refused(server, value):
    """8: a string or a list as stream_options gave a 500 (AttributeError)."""
    raw = ('{"messages": %s, "max_tokens": 4, "stream": true, "stream_options": %s}'
           % (json.dumps(ASK), value))
    assert_refused(post(server, "/v1/chat/completions", raw), param="stream_options")


@pytest.mark.parametrize("path,body", [
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "a\\ud800b"}], '
                             '"max_tokens": 4}'),
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "a\\ud800b"}], '
                             '"max_tokens": 4, "stream": true}'),
    ("/v1/completions", '{"prompt": "x\\udfffy", "max_tokens": 4}'),
    ("/v1/completions", '{"prompt": "x\\udfffy", "max_tokens": 4, "stream": true}'),
    ("/ember/tokenize", '{"text": "\\ud800"}'),
    ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "hi"}], '
                             '"max_tokens": 4, "stop": ["\\ud83d"]}'),
])
def test_a_lone_surrogate_is_refused_before_any_stream(server, path, body):
    """9: a lone surrogate cannot be tokenized or written back as UTF-8: a 400 naming it, not a
    500, and not a 200 whose stream carries an error chunk."""
    err = assert_refused(post(server, path, body), code="invalid_text")
    assert "surrogate" in err["message"]


def test_json_nested_100000_deep_is_refused(server):
    """10: json.loads raised RecursionError, which became a 500."""
    raw = '{"messages": ' + "[" * 100_000 + "]" * 100_000 + "}"
    err = assert_refused(post(server, "/v1/chat/completions", raw), code="invalid_json")
    assert "deep" in err["message"]


def test_a_tool_schema_100_deep_is_refused(server):
    """10: a tool's parameters schema 100 deep overflowed jsonschema's recursion (a 500)."""
    schema: dict = {"type": "string"}
    for _ in range(100):
        schema = {"type": "object", "properties": {"x": schema}}
    body = {"messages": ASK, "max_tokens": 4,
            "tools": [{"type": "function", "function": {"name": "f", "parameters": schema}}]}
    err = assert_refused(post(server, "/v1/chat/completions", json.dumps(body)))
    assert "deep" in err["message"]


def test_a_body_at_the_depth_limit_still_works(server):
    """The limit is not a wall for real requests: a schema 20 levels deep is taken."""
    schema: dict = {"type": "string"}
    for _ in range(20):
        schema = {"type": "object", "properties": {"x": schema}}
    body = {"messages": ASK, "max_tokens": 2, "temperature": 0,
            "response_format": {"type": "json_schema",
                                "json_schema": {"name": "deep", "schema": schema}}}
    r = post(server, "/v1/chat/completions", json.dumps(body))
    assert r.status_code == 200, r.text[:500]


@pytest.mark.parametrize("field,value,param", [
    ("max_tokens", '"12"', "max_tokens"),
    ("max_tokens", "1.5", "max_tokens"),
    ("temperature", '"0.5"', "temperature"),
    ("stream", '"true"', "stream"),
    ("n", "2", "n"),
    ("seed", "true", "seed"),
    ("top_k", "-1", "top_k"),
    ("logit_bias", '{"5": "x"}', "logit_bias"),
    ("logit_bias", '{"5": 101}', "logit_bias"),
    ("logit_bias", '{"five": 1}', "logit_bias"),
    ("logit_bias", '[1, 2]', "logit_bias"),
])
def test_each_typed_field_is_checked_in_one_place(server, field, value, param):
    raw = '{"messages": %s, "%s": %s}' % (json.dumps(ASK), field, value)
    assert_refused(post(server, "/v1/chat/completions", raw), param=param)


def test_an_integral_float_is_an_integer(server):
    """JSON has one number type: max_tokens 3.0 is 3 (OpenAI takes it)."""
    raw = '{"messages": %s, "max_tokens": 3.0, "temperature": 0}' % json.dumps(ASK)
    r = post(server, "/v1/chat/completions", raw)
    assert r.status_code == 200, r.text[:300]
    assert r.json()["usage"]["completion_tokens"] <= 3


def _first_token(server, c: openai.OpenAI, model: str, **kw) -> str:
    r = c.completions.create(model=model, prompt="def add(a, b):", max_tokens=1,
                             temperature=0, **kw)
    return r.choices[0].text


def test_logit_bias_bans_and_forces_tokens(server):
    """logit_bias was silently ignored; now llama.cpp's logit-bias sampler applies it: -100
    bans the greedy answer's first token, +100 forces another."""
    c = openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0, timeout=120)
    model = c.models.list().data[0].id
    first = _first_token(server, c, model)
    with server.http() as h:
        ids = h.post("/ember/tokenize", json={"text": first}).json()["tokens"]
        forced_id = h.post("/ember/tokenize", json={"text": " banana"}).json()["tokens"][0]
        forced = h.post("/ember/tokenize", json={"text": " banana"}).json()["tokens"]
    assert ids, first
    banned = _first_token(server, c, model, logit_bias={str(t): -100 for t in ids})
    assert banned != first, (first, banned)
    r = c.completions.create(model=model, prompt="def add(a, b):", max_tokens=1, temperature=0,
                             logit_bias={str(forced_id): 100})
    with server.http() as h:
        got = h.post("/ember/tokenize", json={"text": r.choices[0].text}).json()["tokens"]
    assert got[:1] == forced[:1], (r.choices[0].text, got, forced)


def test_logit_bias_outside_the_vocabulary_is_refused(server):
    raw = ('{"messages": %s, "max_tokens": 2, "logit_bias": {"999999999": 5}}'
           % json.dumps(ASK))
    err = assert_refused(post(server, "/v1/chat/completions", raw))
    assert "vocabulary" in err["message"]


def test_the_server_still_answers_after_all_that(server):
    c = openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0, timeout=120)
    r = c.chat.completions.create(model=c.models.list().data[0].id, messages=ASK,
                                  max_tokens=3, temperature=0)
    assert r.choices[0].finish_reason in ("length", "stop")
