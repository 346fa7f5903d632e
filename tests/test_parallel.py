"""Parallel streams (issue 14, part 1): `ember serve --parallel N` decodes several requests in
one llama.cpp context. Real engine processes, the `openai` client over real sockets, threads for
concurrent clients; llama.cpp is never mocked."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import openai
import pytest
from engine_proc import serve

QUESTIONS = ["Write a Python function that reverses a string.", "Count from 1 to 30.",
             "What is the capital of France? Explain its history.", "List ten fruits.",
             "Explain recursion to a child.", "Write a haiku about rain.", "def fib(n):",
             "Translate 'good morning' into five languages."]


@pytest.fixture(scope="module")
def parallel_server(tmp_path_factory, gemma_path):
    s = serve(tmp_path_factory.mktemp("parallel"), str(gemma_path), "--parallel", "8",
              "--ctx", "8192")
    yield s
    s.stop()


def _client(server) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="none", max_retries=0, timeout=600)


# every run reads its whole prompt (llama-server's cache_prompt): a cached prefix would be read
# differently (its last token alone), so solo and concurrent runs start alike
FRESH = {"cache_prompt": False}


def _model(server) -> str:
    with server.http() as h:
        return h.get("/ember/status").json()["model"]


def _ask(server, q: str, max_tokens: int = 40, stream: bool = False,
         min_tokens: int = 0) -> tuple[str, str]:
    c = _client(server)
    msgs = [{"role": "user", "content": q}]
    extra = {**FRESH, "min_tokens": min_tokens} if min_tokens else FRESH
    if not stream:
        r = c.chat.completions.create(model=MODEL[0], messages=msgs, max_tokens=max_tokens,
                                      temperature=0.0, extra_body=extra)
        return r.choices[0].message.content, r.choices[0].finish_reason
    text, reason = [], None
    for ch in c.chat.completions.create(model=MODEL[0], messages=msgs, max_tokens=max_tokens,
                                        temperature=0.0, stream=True, extra_body=extra):
        if ch.choices and ch.choices[0].delta.content:
            text.append(ch.choices[0].delta.content)
        if ch.choices and ch.choices[0].finish_reason:
            reason = ch.choices[0].finish_reason
    return "".join(text), reason


MODEL: list[str] = []


def test_eight_concurrent_clients_each_get_their_solo_answer(parallel_server):
    s = parallel_server
    MODEL[:] = [_model(s)]
    with s.http() as h:
        st = h.get("/ember/status").json()
    assert st["parallel"]["streams"] == 8
    solo = {}
    for q in QUESTIONS:
        solo[q] = _ask(s, q)
    seen_active: list[int] = []
    stop = threading.Event()

    def watch():
        with s.http() as h:
            while not stop.is_set():
                seen_active.append(h.get("/ember/status").json()["parallel"]["active"])
                time.sleep(0.05)

    w = threading.Thread(target=watch, daemon=True)
    w.start()
    with ThreadPoolExecutor(len(QUESTIONS)) as ex:
        together = dict(zip(QUESTIONS, ex.map(
            lambda iq: _ask(s, iq[1], stream=iq[0] % 2 == 0), enumerate(QUESTIONS)), strict=True))
    stop.set()
    w.join(5)
    assert max(seen_active) >= 4, seen_active  # they really ran together
    for q in QUESTIONS:
        text, reason = together[q]
        assert reason in ("stop", "length") and text, (q, together[q])
        assert together[q] == solo[q], q


def test_a_cancelled_stream_leaves_the_others_running(parallel_server):
    s = parallel_server
    MODEL[:] = [_model(s)]
    results = {}

    # min_tokens: both answers run long on any CPU (the words, and so where the model would
    # end, depend on the CPU's kernels): the long one is over 50 characters, the other is still
    # streaming when it is closed
    def long_one():
        results["long"] = _ask(s, "Count from 1 to 200, one number per line.", max_tokens=300,
                               stream=True, min_tokens=300)

    t = threading.Thread(target=long_one)
    t.start()
    c = _client(s)
    stream = c.chat.completions.create(model=MODEL[0], max_tokens=300, temperature=0.0,
                                       stream=True, messages=[{"role": "user",
                                                               "content": "List ten fruits."}],
                                       extra_body={"min_tokens": 300})
    got = 0
    for _ch in stream:
        got += 1
        if got == 3:
            stream.close()  # a disconnect cancels this request only
            break
    t.join(600)
    text, reason = results["long"]
    assert reason in ("stop", "length") and len(text) > 50
    with s.http() as h:
        st = h.get("/ember/status").json()
    assert st["parallel"]["active"] == 0


def test_the_planner_chooses_the_streams(tmp_path_factory, gemma_path):
    """`--parallel auto`: the planner's number for the device and the context (here the CPU:
    at most 4; an 8K context gives 2K a stream with 4), said in the status."""
    from desktop.core import plan as plan_mod
    p = plan_mod.plan(str(gemma_path), wanted_ctx=8192)
    assert plan_mod.parallel_streams(p, "auto")[0] == (8 if p.device == "gpu" else 4)
    small = plan_mod.plan(str(gemma_path), wanted_ctx=4096)
    n, why = plan_mod.parallel_streams(small, "auto")
    assert n == 2 and "4,096-token context" in why and "up to" in why
    assert plan_mod.parallel_streams(p, 3) == (3, "3 parallel streams (asked for)")
    s = serve(tmp_path_factory.mktemp("parallel-auto"), str(gemma_path), "--parallel", "auto",
              "--ctx", "8192")
    try:
        with s.http() as h:
            st = h.get("/ember/status").json()["parallel"]
        want, why = plan_mod.parallel_streams(p, "auto")
        assert st["requested"] == "auto" and st["streams"] == want and st["why"] == why
        assert _client(s).chat.completions.create(
            model=_model(s), max_tokens=4, messages=[{"role": "user", "content": "hi"}]
        ).choices[0].message.content is not None
    finally:
        s.stop()


@pytest.mark.parametrize("sampling,calls", [
    (dict(temperature=0.0), 2),                   # greedy: micro-batches of 4 (5 = 4 + 1)
    (dict(temperature=0.8, seed=3), 2),           # seeded: the same
    (dict(temperature=0.8), 1),                   # sampled, no seed: all five in one call
], ids=["greedy", "seeded", "sampled"])
def test_only_answers_that_must_repeat_go_in_micro_batches(qwen_path, sampling, calls):
    """Micro-batches keep a greedy or seeded answer the same whatever runs beside it; sampled
    answers without a seed differ from run to run anyway, so they are decoded in one call
    (the throughput of 8 streams: docs/benchmarks.md, issue 29). Counted: llama_decode calls
    of a step where five sequences decode."""
    import llama_cpp

    from desktop.core.engine import Engine, LoadSettings, SamplingSettings
    from desktop.core.engine.parallel import Scheduler
    e = Engine()
    e.load(str(qwen_path), LoadSettings(n_ctx=2048, n_threads=2, n_seq_max=5))
    try:
        s = SamplingSettings(max_tokens=12, ignore_eos=True, **sampling)
        sched = Scheduler(e)
        for i in range(5):
            sched.admit(e.chat([{"role": "user", "content": f"Say {i}."}], s),
                        emit=lambda _t: None, done=lambda *_a: None)
        while sched.prefilling:          # every prompt read: the next steps only decode
            sched.step()
        sizes = []
        orig = llama_cpp.llama_decode

        def counting(ctx, batch):
            sizes.append(batch.n_tokens)
            return orig(ctx, batch)
        llama_cpp.llama_decode = counting
        try:
            sched.step()
        finally:
            llama_cpp.llama_decode = orig
        assert len(sizes) == calls and sum(sizes) == 5, sizes
        while sched.busy:
            sched.step()
        sched.close()
    finally:
        e.close()
