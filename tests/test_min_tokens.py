"""`min_tokens` and `ignore_eos` (issue 23): an answer's length that does not depend on which
words a model picks. On a synthesized model whose end-of-generation token wins after every
token by hundreds of logits on any CPU (synth.write_qwen2(eos_always=True)), every decode path
(one stream, speculative lookup, parallel streams) and every way in (the engine, the API with
the official `openai` client, `ember chat`, a chat session) is checked to the token."""
from __future__ import annotations

import os
import string
import subprocess
import sys

import openai
import pytest
from engine_proc import serve
from synth import write_qwen2

from desktop.core.engine import Engine, LoadSettings, SamplingSettings
from desktop.core.engine.speculative import SpeculativeSettings

ASK = [{"role": "user", "content": "Say something."}]


@pytest.fixture(scope="module")
def ender_path(tmp_path_factory):
    return write_qwen2(tmp_path_factory.mktemp("ender"), name="tiny-ender", shards=1,
                       eos_always=True)


@pytest.fixture(scope="module")
def ender(ender_path):
    e = Engine()
    e.load(ender_path, LoadSettings(n_ctx=1024, n_threads=2))
    yield e
    e.unload()


def _run(engine, sampling, **kw):
    turn = engine.chat(ASK, sampling, **kw)
    text = turn.run() if hasattr(turn, "run") else "".join(turn)
    return turn.metrics, turn.text if text is None else text


def test_the_model_ends_at_once_without_them(ender):
    m, text = _run(ender, SamplingSettings(temperature=0.0, max_tokens=50))
    assert (m.finish_reason, m.completion_tokens, text) == ("stop", 0, "")


@pytest.mark.parametrize("temperature", [0.0, 0.8])
def test_min_tokens_holds_the_end_back_exactly_that_long(ender, temperature):
    m, _ = _run(ender, SamplingSettings(temperature=temperature, max_tokens=50, min_tokens=7,
                                        seed=1))
    # the end was suppressed for 7 tokens, then it wins again at once
    assert (m.finish_reason, m.completion_tokens) == ("stop", 7)


def test_ignore_eos_runs_to_max_tokens(ender):
    m, _ = _run(ender, SamplingSettings(temperature=0.0, max_tokens=12, ignore_eos=True))
    assert (m.finish_reason, m.completion_tokens) == ("length", 12)


def test_full_sampler_path_too(ender):
    """Without the fast top-k sampler (llama.cpp's own chain reads the masked logits)."""
    ender.fast_sampling = False
    try:
        m, _ = _run(ender, SamplingSettings(temperature=0.0, max_tokens=50, min_tokens=5))
    finally:
        ender.fast_sampling = True
    assert (m.finish_reason, m.completion_tokens) == ("stop", 5)


def test_speculative_lookup_path_too(ender):
    ender.set_speculative(SpeculativeSettings(mode="lookup"))
    try:
        m, _ = _run(ender, SamplingSettings(temperature=0.0, max_tokens=50, min_tokens=9))
        assert m.speculative == "lookup"
        assert (m.finish_reason, m.completion_tokens) == ("stop", 9)
    finally:
        ender.set_speculative(None)


def test_a_grammar_decides_the_end_and_is_never_starved(ender):
    """JSON mode with min_tokens: the grammar is left alone (the API refuses the pair; the
    engine must not hand a grammar only -inf logits)."""
    m, _ = _run(ender, SamplingSettings(temperature=0.0, max_tokens=20, min_tokens=20),
                json_mode=True)
    assert m.finish_reason in ("stop", "length")


def test_stops_wait_for_min_tokens(gemma_engine):
    """Every character is a stop string: the answer ends at its first piece of text, unless
    min_tokens holds the stops back. The embedded model's words do not matter here."""
    stops = list(string.printable) + [" "]
    s = SamplingSettings(temperature=0.0, max_tokens=60)
    turn = gemma_engine.complete("Once upon a time", s, stop=stops)
    turn.run()
    assert turn.metrics.completion_tokens <= 2
    s = SamplingSettings(temperature=0.0, max_tokens=60, min_tokens=10, ignore_eos=True)
    turn = gemma_engine.complete("Once upon a time", s, stop=stops)
    turn.run()
    assert turn.metrics.finish_reason == "stop"
    assert 11 <= turn.metrics.completion_tokens <= 14, turn.metrics  # ends at the next piece


def test_the_base_models_guard_waits_too(gemma_engine):
    """A base model's turn (turn markers as stops, the repetition guard): min_tokens = max_tokens
    gives exactly that many tokens, whatever the model writes."""
    for q in ("Count: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,", "def add(a, b):", "Hi"):
        turn = gemma_engine.chat([{"role": "user", "content": q}],
                                 SamplingSettings(temperature=0.0, max_tokens=40, min_tokens=40))
        turn.run()
        assert (turn.metrics.finish_reason, turn.metrics.completion_tokens) == ("length", 40), q


def test_a_session_takes_min_tokens_from_the_settings(tmp_path):
    from desktop.core.session import ChatSession
    from desktop.core.settings import Settings
    from desktop.core.store import Store
    settings = Settings(tmp_path / "settings.json")
    settings.set("min_tokens", 33)
    session = ChatSession(Store(tmp_path / "ember.db"), settings)
    assert session.sampling().min_tokens == 33
    with pytest.raises(Exception, match="min_tokens"):
        settings.set("min_tokens", -1)


# ------------------------------------------------------------------------ the API, ember chat
@pytest.fixture(scope="module")
def ender_server(tmp_path_factory, ender_path):
    s = serve(tmp_path_factory.mktemp("serve-ender"), str(ender_path), "--ctx", "1024",
              "--parallel", "2")
    yield s
    s.stop()


def _client(server):
    return openai.OpenAI(base_url=server.base_url, api_key="none", max_retries=0, timeout=120)


def test_the_api_takes_min_tokens_and_ignore_eos(ender_server):
    c = _client(ender_server)
    model = c.models.list().data[0].id
    r = c.chat.completions.create(model=model, messages=ASK, max_tokens=30, temperature=0.0)
    assert r.choices[0].finish_reason == "stop" and r.usage.completion_tokens == 0
    r = c.chat.completions.create(model=model, messages=ASK, max_tokens=30, temperature=0.0,
                                  extra_body={"min_tokens": 6})
    assert r.choices[0].finish_reason == "stop" and r.usage.completion_tokens == 6
    n, reason = 0, None
    for ch in c.chat.completions.create(model=model, messages=ASK, max_tokens=11, stream=True,
                                        temperature=0.0, extra_body={"ignore_eos": True},
                                        stream_options={"include_usage": True}):
        if ch.usage:
            n = ch.usage.completion_tokens
        if ch.choices and ch.choices[0].finish_reason:
            reason = ch.choices[0].finish_reason
    assert (reason, n) == ("length", 11)
    r = c.completions.create(model=model, prompt="Hello", max_tokens=30, temperature=0.0,
                             extra_body={"min_tokens": 4})
    assert r.usage.completion_tokens == 4


@pytest.mark.parametrize("extra,fragment", [
    ({"min_tokens": -1}, "'min_tokens' must be between"),
    ({"min_tokens": "5"}, "'min_tokens' must be an integer"),
    ({"min_tokens": 50}, "must not be above 'max_tokens' (10)"),
    ({"ignore_eos": "yes"}, "'ignore_eos' must be true or false"),
    ({"min_tokens": 5, "response_format": {"type": "json_object"}}, "cannot be combined"),
    ({"ignore_eos": True, "response_format": {"type": "json_object"}}, "cannot be combined"),
])
def test_the_api_refuses_bad_values_clearly(ender_server, extra, fragment):
    c = _client(ender_server)
    with pytest.raises(openai.BadRequestError) as e:
        c.chat.completions.create(model=c.models.list().data[0].id, messages=ASK,
                                  max_tokens=10, extra_body=extra)
    assert fragment in str(e.value)


def test_parallel_streams_hold_the_end_back_each_their_own(ender_server):
    from concurrent.futures import ThreadPoolExecutor
    c = _client(ender_server)
    model = c.models.list().data[0].id

    def ask(n):
        r = c.chat.completions.create(model=model, messages=ASK, max_tokens=40, temperature=0.0,
                                      extra_body={"min_tokens": n})
        return r.choices[0].finish_reason, r.usage.completion_tokens

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(ask, [5, 13])) == [("stop", 5), ("stop", 13)]


def _ember(home, *args):
    env = dict(os.environ, EMBER_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_ember_chat_min_tokens(tmp_path, ender_path):
    r = _ember(tmp_path, "chat", "--model", str(ender_path), "--temperature", "0", "--prompt",
               "Say something.", "--min-tokens", "8", "--max-tokens", "30", "--no-save")
    assert r.returncode == 0, r.stderr
    assert "· 8 tokens ·" in r.stderr, r.stderr


@pytest.mark.parametrize("args,expect", [
    (["--min-tokens", "40", "--max-tokens", "10"], "--min-tokens must be between 0 and"),
    (["--min-tokens", "-2"], "--min-tokens must be between 0 and"),
    (["--min-tokens", "5", "--json"], "cannot be combined with --json"),
    (["--ignore-eos", "--schema", '{"type": "object"}'], "cannot be combined with --json"),
])
def test_ember_chat_refuses_bad_min_tokens(tmp_path, ender_path, args, expect):
    r = _ember(tmp_path, "chat", "--model", str(ender_path), "--prompt", "hi", *args)
    assert r.returncode == 1 and expect in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_what_the_engine_client_sends():
    from desktop.core.client import openai_fields
    s = SamplingSettings(max_tokens=10, min_tokens=500, ignore_eos=True)
    # a min_tokens above the chat's max_tokens asks for max_tokens (the API refuses more)
    assert openai_fields(s) == {"max_tokens": 10, "min_tokens": 10, "ignore_eos": True}
    assert openai_fields(SamplingSettings(max_tokens=-1, min_tokens=7)) == {"min_tokens": 7}
    # JSON's grammar decides where its answer ends: neither is sent
    assert openai_fields(s, json_mode=True) == {"max_tokens": 10,
                                                "response_format": {"type": "json_object"}}
    assert "min_tokens" not in openai_fields(SamplingSettings(), stop=["x"])
