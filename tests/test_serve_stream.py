"""The stream's frames (issue 29): tokens that come faster than a frame go out together, the
first one at once, and the text is the same as answered whole. A real `ember serve`, the
`openai` client over a socket, the embedded Gemma 3 270M (about 20-60 ms a token on these CPUs)
with a frame much longer than a token, and one of 0 (every token at once)."""
from __future__ import annotations

import time

import openai
import pytest
from engine_proc import serve


@pytest.fixture(scope="module", params=[300, 0], ids=["frame-300ms", "no-frame"])
def server(request, tmp_path_factory, gemma_path):
    mp = pytest.MonkeyPatch()
    mp.setenv("EMBER_STREAM_FRAME_MS", str(request.param))
    try:
        s = serve(tmp_path_factory.mktemp("serve-frames"), str(gemma_path), "--ctx", "2048")
    finally:
        mp.undo()
    s.frame_ms = request.param
    yield s
    s.stop()


def _client(s) -> openai.OpenAI:
    return openai.OpenAI(base_url=s.base_url, api_key="x", max_retries=0, timeout=120)


def test_a_fast_stream_goes_out_in_frames_with_the_same_text(server):
    c = _client(server)
    model = c.models.list().data[0].id
    args = dict(model=model, prompt="Numbers, one per line:\n1\n2\n3\n", max_tokens=40,
                temperature=0.0, extra_body={"ignore_eos": True})
    whole = c.completions.create(**args)
    t0 = time.perf_counter()
    chunks, first, usage, ember = [], None, None, None
    for ch in c.completions.create(stream=True, stream_options={"include_usage": True},
                                   **args):
        if ch.choices and ch.choices[0].text:
            chunks.append(ch.choices[0].text)
            first = first if first is not None else time.perf_counter() - t0
        if ch.usage is not None:
            usage, ember = ch.usage, (ch.model_extra or {}).get("ember")
    assert "".join(chunks) == whole.choices[0].text
    assert usage is not None and usage.completion_tokens == 40
    if server.frame_ms:
        # 40 tokens of 20-60 ms in frames of 300 ms: a handful of chunks, not one a token
        assert len(chunks) <= 20, len(chunks)
        # the first token is not held for a frame: it goes out when the engine has it
        ttft = ember["metrics"]["ttft_s"]
        assert first is not None and first - ttft < 0.15, (first, ttft)
    else:
        assert len(chunks) >= 30, len(chunks)
