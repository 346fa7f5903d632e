"""An engine that runs out of memory during an answer (not at load): the client learns that it
died out of memory and restarts it with a smaller configuration, and the chat goes on.

On a GPU this is CUDA failing to allocate in the middle of a decode, which aborts llama.cpp's
process. Here, with no GPU, the same kind of death is made real: the engine process gets an
address-space limit (prlimit) just above what it uses after a first answer, and its next answer
makes llama.cpp grow its compute buffers (attaching the sampler chain to the context,
EMBER_BACKEND_SAMPLING=1, re-reserves them at the next decode). llama.cpp's own allocation
fails, it throws, the process aborts. Nothing is mocked: the engine, llama.cpp and the failing
allocation are real.
"""
from __future__ import annotations

import sys

import pytest

from desktop.core.client import EngineClient, EngineGone, EngineProcess, restart_settings
from desktop.core.turns import SamplingSettings

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="prlimit on another process is Linux's")

MSGS = [{"role": "user", "content": "Name three prime numbers."}]
GREEDY = SamplingSettings(temperature=0.0, max_tokens=12)


def test_out_of_memory_during_an_answer_restarts_the_engine_smaller(gemma_path, monkeypatch):
    import resource

    import psutil
    monkeypatch.setenv("EMBER_BACKEND_SAMPLING", "1")
    proc = EngineProcess.start(private=True)
    eng = EngineClient(proc)
    try:
        info, _ = eng.load_planned(gemma_path, ctx=8192, gpu_layers=0)
        assert info.n_ctx == 8192
        # a first answer on the host path (a grammar keeps the chain off the graph): llama.cpp's
        # threads, work buffer and Python's arenas exist before the limit
        warm = eng.chat(MSGS, GREEDY, json_mode=True)
        warm.run()
        assert warm.metrics.completion_tokens > 0
        vms = psutil.Process(proc.pid).memory_info().vms
        limit = vms + (4 << 20)
        resource.prlimit(proc.pid, resource.RLIMIT_AS, (limit, limit))
        with pytest.raises(EngineGone) as caught:
            eng.chat(MSGS, GREEDY).run()
    finally:
        eng.close()
        proc.kill()
    gone = caught.value
    assert gone.out_of_memory, gone.log_tail
    assert any("failed to allocate" in line or "bad_alloc" in line for line in gone.log_tail)

    # the decision: on the CPU, half the context; with layers on a GPU, a quarter fewer
    r = restart_settings(gone, gpu_layers=0, n_layers=info.n_layers, ctx=info.n_ctx)
    assert (r.gpu_layers, r.ctx) == (0, 4096)
    assert "out of memory" in r.message and "8K" in r.message and "4K" in r.message
    g = restart_settings(gone, gpu_layers=28, n_layers=28, ctx=32768)
    assert (g.gpu_layers, g.ctx) == (21, None) and "28 layers" in g.message
    assert restart_settings(gone, gpu_layers=0, n_layers=28, ctx=4096).ctx is None

    # a new engine with those settings answers
    monkeypatch.delenv("EMBER_BACKEND_SAMPLING")
    proc2 = EngineProcess.start(private=True)
    eng2 = EngineClient(proc2)
    try:
        info2, _ = eng2.load_planned(gemma_path, ctx=r.ctx, gpu_layers=r.gpu_layers)
        assert info2.n_ctx == 4096
        # min_tokens: an answer that is not empty on any CPU
        again = eng2.chat(MSGS, SamplingSettings(temperature=0.0, max_tokens=12, min_tokens=12))
        assert again.run() and again.metrics.completion_tokens > 0
    finally:
        eng2.close()
        proc2.stop()


def test_a_death_that_is_not_out_of_memory_reloads_as_before():
    gone = EngineGone("The engine process was killed by signal 9 during an answer.",
                      log_tail=["llama_context: n_ctx = 8192", "srv: POST /v1/chat/completions"],
                      exit_code=-9)
    assert not gone.out_of_memory
    r = restart_settings(gone, gpu_layers=28, n_layers=28, ctx=8192)
    assert (r.gpu_layers, r.ctx, r.message) == (None, None, None)
