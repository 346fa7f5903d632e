"""The engine's decode loops' shared steps and the speculative loop (issue 26: a room of the
Engine). The speculative loop verifies a drafter's tokens (speculative.py) in one llama_decode
with the sampled token, keeps the accepted ones and removes the rest from the KV cache; it
yields text as Engine._run's own loop does. Mixed into Engine (core.py)."""
from __future__ import annotations

import time
from typing import Iterator

import llama_cpp

from ..errors import EmberError
from ..turns import SamplingSettings, TurnMetrics, _StopMatcher
from .native import _decode_failure
from .sampling import EogMask
from .state import EngineState


def _tail(utf8, stops: _StopMatcher, pieces: list[str]) -> Iterator[str]:
    """The end of an answer: held-back text that did not become a stop string."""
    tail = utf8.decode(b"", final=True) + stops.flush()
    if tail:
        pieces.append(tail)
        yield tail


def _max_tokens(s: SamplingSettings, n_ctx: int) -> int:
    """The answer's length limit: max_tokens, or the context when there is none."""
    return s.max_tokens if s.max_tokens and s.max_tokens > 0 else n_ctx


def _take(i: int, n_gen: int, mask, fast, sampler, ctx) -> int:
    """The token sampled from row `i` of the last batch's logits (the EOG mask applied)."""
    if mask is not None:
        mask(i, n_gen)
    if fast is not None:
        fast.idx = i
        return fast()
    return llama_cpp.llama_sampler_sample(sampler, ctx, i)


def _decode_speed(m: TurnMetrics, t_first: float | None, t_last: float | None,
                  n_dec: int) -> None:
    """Decode speed: llama_decode calls between the first and the last sampled token."""
    if t_first is not None and t_last is not None:  # set together
        m.decode_s = t_last - t_first
        if n_dec > 0 and m.decode_s > 0:
            m.decode_tps = n_dec / m.decode_s


class _Feed:
    """The speculative loop's tokens as text: the piece a sampled token adds, and why the
    answer ends there (or None); counts the answer's tokens."""

    def __init__(self, eng, m: TurnMetrics, utf8, stops: _StopMatcher, hold: int,
                 max_tokens: int, n_ctx: int):
        # what each token reads, bound once a turn (the engine's cache, vocabulary and KV
        # list are the same objects for the whole turn)
        self.tok_cache, self.piece, self.vocab = eng._tok_cache, eng._piece, eng._vocab
        self.kv, self.cancel = eng._kv_tokens, eng._cancel
        self.m, self.utf8, self.stops = m, utf8, stops
        self.hold, self.max_tokens, self.n_ctx = hold, max_tokens, n_ctx
        self.n_gen = 0

    def __call__(self, tok: int) -> tuple[str, str | None]:
        hit = self.tok_cache.get(tok)
        if hit is None:
            hit = self.tok_cache[tok] = (self.piece(tok),
                                         bool(llama_cpp.llama_vocab_is_eog(self.vocab, tok)))
        if hit[1]:
            return "", "stop"
        self.n_gen += 1
        self.m.completion_tokens = self.n_gen
        text = self.utf8.decode(hit[0])
        if text and self.n_gen > self.hold:
            text, stopped = self.stops.feed(text)
            if stopped:
                return text, "stop"
        if self.n_gen >= self.max_tokens or len(self.kv) + 1 >= self.n_ctx:
            return text, "length"
        if self.cancel.is_set():
            return text, "cancelled"
        return text, None


class SpeculativeLoop(EngineState):
    # ---- shared by both loops: the sampler chain in llama.cpp's graph, and freeing it
    def _sample_on_backend(self, m: TurnMetrics, sampler) -> bool:
        """Attach the chain to the context: llama.cpp samples the next tokens in the graph."""
        m.backend_sampling = bool(llama_cpp.llama_set_sampler(self._ctx, 0, sampler))
        return m.backend_sampling

    def _free_sampler(self, sampler, on_backend: bool) -> None:
        if on_backend:  # detach before freeing: the context keeps the pointer
            llama_cpp.llama_set_sampler(self._ctx, 0, None)
        llama_cpp.llama_sampler_free(sampler)

    # ---- the speculative loop
    def _can_roll_back(self) -> bool:
        """Whether rejected drafts can leave the KV cache (not in recurrent models' state)."""
        return not (llama_cpp.llama_model_is_recurrent(self._model)
                    or llama_cpp.llama_model_is_hybrid(self._model))

    def _decode_speculative(self, m: TurnMetrics, s: SamplingSettings, sampler, fast, drafter,
                            prompt: list[int], stops: _StopMatcher, utf8, pieces: list[str],
                            n_ctx: int, t0: float, mask: EogMask | None = None, hold: int = 0):
        """The decode loop with drafts (speculative.py): yields text like _run's own loop and
        returns (finish, tokens decoded, time of the first and of the last sampled token)."""
        ctx, kv, mem = self._ctx, self._kv_tokens, self._mem
        n_max = self.speculative.n_max
        b = self._spec_batch_for(n_max + 1)
        max_tokens = _max_tokens(s, n_ctx)
        n_dec = 0
        finish = "cancelled"
        m.speculative = drafter.kind
        feed = _Feed(self, m, utf8, stops, hold, max_tokens, n_ctx)

        def take(i: int) -> int:
            return _take(i, feed.n_gen, mask, fast, sampler, ctx)

        drafter.begin(prompt)
        tok = take(-1)
        t_first = t_last = time.perf_counter()
        m.ttft_s = t_first - t0
        try:
            while True:
                text, why = feed(tok)
                if text:
                    pieces.append(text)
                    yield text
                if why:
                    finish = why
                    break
                drafter.push(tok)
                room = min(n_max, n_ctx - len(kv) - 2, max_tokens - feed.n_gen)
                drafts = drafter.draft(room) if room > 0 else []
                p0 = len(kv)
                n = 1 + len(drafts)
                if not self._decode_drafts(b, [tok] + drafts, p0):
                    finish = "length"   # no room left in the KV cache
                    break
                kv.append(tok)
                n_dec += 1
                m.draft_tokens += len(drafts)
                i = 0
                stop = None
                while True:
                    nxt = take(i)
                    t_last = time.perf_counter()
                    if i >= len(drafts) or nxt != drafts[i]:
                        break
                    m.draft_accepted += 1
                    text, stop = feed(nxt)
                    if text:
                        pieces.append(text)
                        yield text
                    if stop:
                        break
                    drafter.push(nxt)
                    kv.append(nxt)
                    n_dec += 1
                    i += 1
                if len(kv) < p0 + n:  # the rejected drafts' cells leave the cache
                    llama_cpp.llama_memory_seq_rm(mem, 0, len(kv), -1)
                if stop:
                    finish = stop
                    break
                tok = nxt
        finally:
            self._spec_cleanup(fast)
        return finish, n_dec, t_first, t_last

    def _spec_batch_for(self, cap: int):
        """The speculative loop's batch, for at least `cap` tokens (kept between turns)."""
        if self._spec_cap < cap:
            if self._spec_batch is not None:
                llama_cpp.llama_batch_free(self._spec_batch)
            self._spec_batch, self._spec_cap = llama_cpp.llama_batch_init(cap, 0, 1), cap
        return self._spec_batch

    def _decode_drafts(self, b, toks: list[int], p0: int) -> bool:
        """One llama_decode of the sampled token and its drafts at positions p0...; False when
        the KV cache has no room (their cells are removed again); other failures raise."""
        b.n_tokens = len(toks)
        for i, t in enumerate(toks):
            b.token[i] = t
            b.pos[i] = p0 + i
            b.n_seq_id[i] = 1
            b.seq_id[i][0] = 0
            b.logits[i] = 1
        gov = self.governor
        assert gov is not None  # set by load with the context (the turn passed _require)
        gov.tick()
        rc = llama_cpp.llama_decode(self._ctx, b)
        if rc != 0:
            llama_cpp.llama_memory_seq_rm(self._mem, 0, p0, -1)
            if rc != 1:
                raise EmberError(_decode_failure("generate", rc))
        return rc == 0

    def _spec_cleanup(self, fast) -> None:
        """After the speculative loop: the sampler samples the last row again, and no cell
        past the kept tokens stays in the cache."""
        if fast is not None:
            fast.idx = -1
        kv = self._kv_tokens
        if llama_cpp.llama_memory_seq_pos_max(self._mem, 0) >= len(kv):
            llama_cpp.llama_memory_seq_rm(self._mem, 0, len(kv), -1)
