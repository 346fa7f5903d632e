"""Speculative decoding (issue 14, part 2): prompt lookup and a draft model verify their drafts
in one llama_decode, and the answer is the one the model gives without them, token for token.

Real models (the embedded Gemma 3 270M, synthesized Qwen-vocabulary models), real llama.cpp;
the server test uses the `openai` client against `ember serve` over a real socket."""
from __future__ import annotations

import json
import threading

import llama_cpp
import openai
import pytest
import synth
from engine_proc import serve

from desktop.core.engine import Engine, LoadSettings, SamplingSettings
from desktop.core.engine.speculative import PromptLookup, SpeculativeSettings
from desktop.core.errors import EmberError

FUNC = '''def parse_config(path, defaults=None):
    """Read a key=value config file into a dict, applying defaults."""
    result = dict(defaults or {})
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "=" not in line:
                raise ValueError(f"{path}:{lineno}: expected key=value")
            key, value = line.split("=", 1)
            result[key.strip()] = value.strip()
    return result
'''
EDIT = (f"Here is a Python function:\n\n```python\n{FUNC}```\n\nThe same function, with the "
        "parameter `path` renamed to `filename`:\n\n```python\n")
FREE = "The history of the city of Lyon begins"
# llama.cpp's CPU kernels in which a token's logits do not depend on how many tokens share its
# llama_decode (up to 7): no repacked weights (their GEMM and GEMV round differently), a q8_0 KV
# cache (flash attention then never takes its split-KV path for one query past 512 cells, nor
# its tiled path) -- docs/DESIGN.md "Speculative decoding". The answers below run past 512 cells.
EXACT = LoadSettings(n_ctx=4096, repack=False, kv_type="q8_0", flash_attn="on")
# ...on an x86 llama.cpp built with AVX2 (native on the AMX Xeon and the EPYCs, and
# `tests/run_on_isa.sh avx2`). Built without AVX2 (`run_on_isa.sh avx`: AVX and F16C only, the
# kernels of a CPU from before 2013), a token decoded inside a k-token llama_decode rounds
# differently from one decoded alone even so (measured, issue 23: the prompt-lookup edit answer
# parted from the plain one at token 170): the speculative answer is then the model's own up
# to rounding, as in the default configuration, and the token-for-token checks do not hold.
_SYSTEM = llama_cpp.llama_print_system_info().decode(errors="replace")
BATCH_INVARIANT = "AVX2 = 1" in _SYSTEM or not any(f"{x} = 1" in _SYSTEM for x in ("SSE3", "AVX"))
token_identical = pytest.mark.skipif(
    not BATCH_INVARIANT, reason="this llama.cpp was built without AVX2: its batched and "
    "one-token decodes round differently (docs/DESIGN.md, Speculative decoding)")
GREEDY = SamplingSettings(temperature=0, max_tokens=400, repeat_penalty=1.0)


# ------------------------------------------------------------------------ prompt lookup
def test_lookup_drafts_the_latest_continuation_of_the_longest_ngram():
    pl = PromptLookup(SpeculativeSettings(mode="lookup", ngram_max=3, ngram_min=2))
    pl.begin([1, 2, 3, 4, 5, 9, 2, 3, 7, 8, 1, 2])
    # [1, 2] occurred at the start (then 3, 4, 5 ...); [2] alone is below ngram_min
    assert pl.draft(3) == [3, 4, 5]
    pl.push(3)  # now [1, 2, 3]: the 3-gram's latest earlier occurrence goes on with 4
    assert pl.draft(2) == [4, 5]
    pl.push(6)  # [2, 3, 6] and [3, 6] never occurred
    assert pl.draft(4) == []
    # a continuation never runs past the history's end
    pl2 = PromptLookup(SpeculativeSettings(mode="lookup", ngram_max=2, ngram_min=2))
    pl2.begin([5, 6, 5, 6])
    assert pl2.draft(8) == [5, 6]


def test_lookup_index_is_the_same_built_at_once_or_token_by_token():
    toks = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3]
    s = SpeculativeSettings(mode="lookup")
    a, b = PromptLookup(s), PromptLookup(s)
    a.begin(toks)
    b.begin(toks[:5])
    b.extend(toks[5:9])
    for t in toks[9:]:
        b.push(t)
    assert a.index == b.index and a.hist == b.hist


def test_settings_are_checked():
    with pytest.raises(EmberError, match="one of off, lookup, draft"):
        SpeculativeSettings(mode="fast").check()
    SpeculativeSettings(mode="draft").check()  # the catalog's pairing, resolved at load
    with pytest.raises(EmberError, match="between 1 and 64"):
        SpeculativeSettings(mode="lookup", n_max=0).check()


# ------------------------------------------------------------------- the engine, exact
@pytest.fixture(scope="module")
def engine(gemma_path):
    e = Engine()
    e.load(gemma_path, EXACT)
    yield e
    e.unload()


def _answer(engine, prompt, mode, sampling=GREEDY, **kw):
    engine.set_speculative(SpeculativeSettings(mode=mode, **kw))
    engine.reset()
    turn = engine.complete(prompt, sampling)
    text = "".join(turn)
    return text, turn.metrics


@token_identical
@pytest.mark.parametrize("prompt", [EDIT, FREE], ids=["edit", "free"])
def test_greedy_answer_is_token_identical_with_prompt_lookup(engine, prompt):
    plain, mp = _answer(engine, prompt, "off")
    spec, ms = _answer(engine, prompt, "lookup")
    assert mp.speculative == "" and mp.draft_tokens == 0
    assert ms.speculative == "lookup"
    assert ms.draft_tokens > 0 and 0 < ms.draft_accepted <= ms.draft_tokens
    assert engine.tokenize(spec) == engine.tokenize(plain)
    assert spec == plain
    assert ms.completion_tokens == mp.completion_tokens
    assert ms.finish_reason == mp.finish_reason


def test_edit_task_accepts_most_drafts(engine):
    """The case prompt lookup is for: the answer repeats the function it was given."""
    _, m = _answer(engine, EDIT, "lookup")
    assert m.draft_accepted >= 0.5 * m.draft_tokens
    assert m.draft_accepted >= 0.4 * m.completion_tokens


@token_identical
def test_sampled_answer_with_a_seed_is_identical(engine):
    """Temperature > 0: each kept token is drawn once from the target's distribution, in
    order, so the seeded RNG gives the same answer (the rejection-sampling argument in
    speculative.py)."""
    s = SamplingSettings(temperature=0.9, top_k=40, top_p=0.95, min_p=0.0, max_tokens=120,
                         repeat_penalty=1.0, seed=1234)
    plain, _ = _answer(engine, EDIT, "off", s)
    spec, m = _answer(engine, EDIT, "lookup", s)
    assert m.draft_tokens > 0
    assert spec == plain
    # and another seed gives another answer: the test can see a difference
    other, _ = _answer(engine, EDIT, "off", SamplingSettings(**{**s.__dict__, "seed": 99}))
    assert other != plain


def test_length_limit_stop_strings_and_json_grammar_hold(engine):
    # min_tokens: the plain answer reaches the limit on any CPU (where the model would end
    # depends on the words the CPU's kernels make it pick)
    s = SamplingSettings(temperature=0, max_tokens=37, min_tokens=37, repeat_penalty=1.0)
    plain, mp = _answer(engine, EDIT, "off", s)
    spec, ms = _answer(engine, EDIT, "lookup", s)
    assert (spec, ms.completion_tokens, ms.finish_reason) == (plain, 37, "length")

    # a stop string from the second half of those 37 tokens (this machine's words): with
    # ignore_eos the same tokens come again, and the stop string is checked
    cut = SamplingSettings(temperature=0, max_tokens=400, repeat_penalty=1.0, ignore_eos=True)
    stop = plain[len(plain) // 2:][:6]
    assert stop, plain

    def stopped(mode):
        engine.set_speculative(SpeculativeSettings(mode=mode))
        engine.reset()
        turn = engine.complete(EDIT, cut, stop=[stop])
        return "".join(turn), turn.metrics
    (a, ma), (b, mb) = stopped("off"), stopped("lookup")
    assert ma.finish_reason == "stop" and a == plain[:plain.index(stop)]
    assert (b, mb.finish_reason) == (a, ma.finish_reason)

    def as_json(mode):
        engine.set_speculative(SpeculativeSettings(mode=mode))
        engine.reset()
        msgs = [{"role": "user", "content": "Give a JSON object with the keys name and "
                 "tags for the function parse_config, repeating the tags: " + FUNC}]
        turn = engine.chat(msgs, SamplingSettings(temperature=0, max_tokens=96,
                                                  repeat_penalty=1.0), json_mode=True)
        return "".join(turn), turn.metrics
    (ja, _), (jb, mjb) = as_json("off"), as_json("lookup")
    assert jb == ja
    if mjb.finish_reason == "stop":
        json.loads(jb)


def test_kv_cache_holds_exactly_the_answer_after_rejections_and_a_cancel(engine):
    """Rejected drafts leave the cache: what llama.cpp holds is the engine's token list, and
    the next turn reuses it as a prefix."""
    _answer(engine, EDIT, "lookup")
    mem = llama_cpp.llama_get_memory(engine._ctx)
    assert llama_cpp.llama_memory_seq_pos_max(mem, 0) + 1 == engine.kv_tokens
    # cancel from another thread mid-answer
    engine.set_speculative(SpeculativeSettings(mode="lookup"))
    engine.reset()
    # min_tokens: still answering at its 20th piece on any CPU
    turn = engine.complete(EDIT, SamplingSettings(temperature=0, max_tokens=400, min_tokens=400,
                                                  repeat_penalty=1.0))
    n = 0
    for _ in turn:
        n += 1
        if n == 20:
            threading.Thread(target=engine.cancel).start()
    assert turn.metrics.finish_reason == "cancelled"
    assert llama_cpp.llama_memory_seq_pos_max(mem, 0) + 1 == engine.kv_tokens
    # the same prompt again: its prefix is reused, and the answer is the plain one
    plain, _ = _answer(engine, EDIT, "off")
    engine.set_speculative(SpeculativeSettings(mode="lookup"))
    turn = engine.complete(EDIT, GREEDY)
    again = "".join(turn)
    assert turn.metrics.reused_tokens > 0
    assert llama_cpp.llama_memory_seq_pos_max(mem, 0) + 1 == engine.kv_tokens
    if BATCH_INVARIANT:
        assert again == plain


# ------------------------------------------------------------------------- draft model
def test_draft_model_of_the_same_vocabulary(engine, gemma_path):
    """Gemma drafting for itself: the drafts are its own greedy guesses (rounded by other
    kernels), so nearly all are kept, and the answer is unchanged."""
    plain, _ = _answer(engine, FREE, "off")
    spec, m = _answer(engine, FREE, "draft", draft_path=str(gemma_path), p_min=0.0)
    assert m.speculative == "draft"
    assert spec == plain
    assert m.draft_tokens > 0 and m.draft_accepted >= 0.8 * m.draft_tokens
    engine.set_speculative(None)


def test_draft_model_that_disagrees_changes_nothing(tmp_path):
    """A draft model with the same vocabulary but other weights: most drafts are rejected,
    every rejection is repaired, and the answer is the target's own."""
    target = synth.write_qwen2(tmp_path / "t", shards=1, seed=3, n_embd=128)
    draft = synth.write_qwen2(tmp_path / "d", shards=1, seed=4)
    e = Engine()
    e.load(target, LoadSettings(n_ctx=1024, repack=False, kv_type="q8_0", flash_attn="on"))
    try:
        msgs = [{"role": "user", "content": "hello there, how are you"}]
        # min_tokens (both runs): 80 tokens to draft for, on any CPU (the random target's greedy
        # answer could end at once on another)
        s = SamplingSettings(temperature=0, max_tokens=80, min_tokens=80, repeat_penalty=1.0)
        e.set_speculative(None)
        plain = "".join(e.chat(msgs, s))
        e.set_speculative(SpeculativeSettings(mode="draft", draft_path=str(draft), p_min=0.0))
        e.reset()
        turn = e.chat(msgs, s)
        assert "".join(turn) == plain
        m = turn.metrics
        assert m.draft_tokens > m.draft_accepted  # rejections happened and were repaired
    finally:
        e.unload()


def test_draft_model_with_another_vocabulary_is_refused(engine, tmp_path):
    other = synth.write_qwen2(tmp_path, shards=1)
    with pytest.raises(EmberError, match="cannot draft for this model"):
        engine.set_speculative(SpeculativeSettings(mode="draft", draft_path=str(other)))
    assert engine.speculative.mode == "off" or engine.speculative.mode == "lookup"
    with pytest.raises(EmberError, match="could not be loaded"):
        engine.set_speculative(SpeculativeSettings(mode="draft",
                                                   draft_path=str(tmp_path / "none.gguf")))


# ----------------------------------------------------------------------------- server
def test_serve_with_prompt_lookup_answers_as_without(tmp_path, gemma_path, engine, monkeypatch):
    monkeypatch.setenv("EMBER_EXTRA_BUFTS", "0")  # no repacked weights: the EXACT kernels
    s = serve(tmp_path / "spec", str(gemma_path), "--speculative", "lookup", "--ctx", "4096",
              "--kv-type", "q8_0", "--flash-attn", "on")
    try:
        with s.http() as h:
            st = h.get("/ember/status").json()
        assert st["speculative"]["mode"] == "lookup" and st["speculative"]["notice"] is None
        c = openai.OpenAI(base_url=s.base_url, api_key="none", max_retries=0, timeout=300)
        r = c.completions.create(model=st["model"], prompt=EDIT, max_tokens=400,
                                 temperature=0, extra_body={"repeat_penalty": 1.0})
        with s.http() as h:
            m = h.get("/ember/status").json()["last_metrics"]
        assert m["speculative"] == "lookup" and m["draft_accepted"] > 0
        plain, _ = _answer(engine, EDIT, "off", SamplingSettings(
            temperature=0, max_tokens=400, repeat_penalty=1.0))
        if BATCH_INVARIANT:
            assert r.choices[0].text == plain
        else:  # the served answer is the in-process speculative one: the same kernels
            spec, _ = _answer(engine, EDIT, "lookup", SamplingSettings(
                temperature=0, max_tokens=400, repeat_penalty=1.0))
            assert r.choices[0].text == spec
    finally:
        s.stop()


def test_serve_reports_a_draft_model_that_does_not_pair(tmp_path, gemma_path):
    other = synth.write_qwen2(tmp_path / "q", shards=1)
    s = serve(tmp_path / "spec2", str(gemma_path), "--draft-model", str(other))
    try:
        with s.http() as h:
            st = h.get("/ember/status").json()["speculative"]
        assert st["configured"] == "draft" and st["mode"] == "off"
        assert "cannot draft for this model" in st["notice"]
        with s.http() as h:
            model = h.get("/ember/status").json()["model"]
        c = openai.OpenAI(base_url=s.base_url, api_key="none", max_retries=0, timeout=300)
        r = c.chat.completions.create(model=model, max_tokens=8,
                                      messages=[{"role": "user", "content": "Hi"}])
        assert r.choices[0].message.content is not None  # it still answers
    finally:
        s.stop()


def test_catalog_pairs_draft_models(tmp_path):
    from desktop.core import catalog
    from desktop.core.server.host import _catalog_draft
    c = catalog.load()
    assert c.get("qwen2.5-7b-instruct").draft == "qwen2.5-0.5b-instruct"
    assert _catalog_draft("qwen2.5-7b-instruct") == "qwen2.5-0.5b-instruct"
    with pytest.raises(EmberError, match="pairs no draft model"):
        _catalog_draft("embedded")
    bad = tmp_path / "c.toml"
    bad.write_text('[models.a]\nname = "A"\nfamily = "x"\nfiles = [{ name = "a.gguf" }]\n'
                   'shape = { layers = 1, heads = 1, kv_heads = 1, head_dim = 1, embd = 1, '
                   'vocab = 1 }\ncontext_length = 1\ndraft = "nope"\n')
    with pytest.raises(EmberError, match="names the draft model 'nope'"):
        catalog.load(bad)
