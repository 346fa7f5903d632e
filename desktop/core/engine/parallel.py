"""Parallel streams in one llama.cpp context: continuous batching (issue 14, part 1).

Part of desktop/core/engine (its __init__ tells the whole story).

An Engine loaded with `LoadSettings.n_seq_max = N` holds N sequences in one unified KV cache
(every sequence may use the whole context; they share its cells). `Scheduler` decodes every
active sequence's next token together: one weight read serves N tokens, which is where the
throughput comes from (decode is memory-bound). It runs on the engine's thread, one `step()` at
a time; requests join at the next step (`admit`), a finished or cancelled one leaves at once.

    sched = Scheduler(engine)
    sched.admit(engine.chat(messages, sampling), emit=print, done=on_done, cancelled=event)
    while sched.busy:
        sched.step()

Each sequence's greedy output is token-identical to what it gets alone. That is not free on a
CPU: llama.cpp's CPU matrix kernels are not batch-invariant (measured on Gemma 3 270M, 8
sequences x 96 tokens: 5 of 8 diverged from their solo runs within 8-43 tokens when all 8 went
into one llama_decode; none did with at most 4 (or 5) per call), so decoding goes in
micro-batches of `MICROBATCH` sequences (greedy and seeded ones: sampled ones without a seed,
whose answers differ from run to run anyway, go in one call together), each new prompt is read by llama_decode calls of its
own (never mixed with other sequences' tokens), chunked the same way as alone, and the engine is
loaded without llama.cpp's CPU weight repacking (its 4-column GEMM and 1-column GEMV kernels
round differently). docs/DESIGN.md "Parallel streams" has the measurements.
"""
from __future__ import annotations

import codecs
import os
import threading
import time
from dataclasses import dataclass
from typing import Callable

import llama_cpp

from ..errors import EmberError
from ..texts import tr
from ..turns import SamplingSettings, Turn, TurnMetrics, _StopMatcher
from .native import _decode_failure
from .tools import Grammar

MICROBATCH = int(os.environ.get("EMBER_DECODE_MICROBATCH", "4"))


def _reproducible(s: SamplingSettings) -> bool:
    """Whether a request's answer must not depend on what else is decoded beside it: greedy,
    or sampled with a seed (its RNG's draws are fixed, the logits must be too)."""
    return s.temperature <= 0 or s.seed is not None


@dataclass
class GenRequest:
    """What Engine.generate prepared for a turn: enough to run it in a batch instead."""
    tokens: list[int]
    sampling: SamplingSettings
    grammar: Grammar | None
    stops: list[str]
    on_prefill: Callable[[int, int], None] | None
    n_ctx: int
    t0: float
    reuse: bool = True    # False: read the whole prompt again (no cached prefix)


class _Slot:
    """One sequence id in the context and the tokens its cells hold (kept after a request
    ends: the next request with the same prefix reuses them)."""

    def __init__(self, seq_id: int):
        self.seq_id = seq_id
        self.tokens: list[int] = []
        self.busy = False


class _Seq:
    def __init__(self, req: GenRequest, slot: _Slot, n_keep: int, sampler, fast,
                 emit: Callable[[str], None],
                 done: Callable[[TurnMetrics, str, Exception | None], None],
                 cancelled: threading.Event):
        self.req, self.slot = req, slot
        self.sampler, self.fast = sampler, fast
        self.emit, self.done, self.cancelled = emit, done, cancelled
        self.todo = req.tokens[n_keep:]
        self.n_prompt_todo = len(self.todo)
        self.stops = _StopMatcher(req.stops)
        self.utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.pieces: list[str] = []
        s = req.sampling
        self.max_tokens = s.max_tokens if s.max_tokens and s.max_tokens > 0 else req.n_ctx
        self.m = TurnMetrics(prompt_tokens=len(req.tokens), reused_tokens=n_keep,
                             n_ctx=req.n_ctx)
        self.pending: int | None = None   # the sampled token to decode next
        self.n_gen = 0
        self.n_dec = 0
        self.t_first: float | None = None
        self.t_last: float | None = None
        self.mask = None          # EogMask: min_tokens / ignore_eos (Scheduler.admit sets it)
        self.threads = 1 << 30    # the fewest llama.cpp threads of its steps (threads.py)
        self.hold = 0             # no stop strings before this many tokens


class Scheduler:
    """Continuous batching over an Engine's context (see the module's docstring). Engine
    thread only."""

    def __init__(self, engine, microbatch: int = MICROBATCH):
        engine._require()
        self.engine = engine
        n = int(llama_cpp.llama_n_seq_max(engine._ctx))
        self.slots = [_Slot(i) for i in range(n)]
        # sequence 0 is the one Engine's own single-stream path uses: share its token list
        self.slots[0].tokens = engine._kv_tokens
        self.microbatch = max(1, microbatch)
        self.prefilling: list[_Seq] = []
        self.decoding: list[_Seq] = []
        cap = max(engine._settings.n_batch if engine._settings else 512, self.microbatch)
        self._batch = llama_cpp.llama_batch_init(cap, 0, 1)
        self._cap = cap
        self.n_steps = 0
        self._idle = True   # no step ran since the last one found nothing to do

    def close(self) -> None:
        for seq in self.prefilling + self.decoding:
            self._finish(seq, "cancelled")
        if self._batch is not None:
            llama_cpp.llama_batch_free(self._batch)
            self._batch = None

    @property
    def busy(self) -> bool:
        return bool(self.prefilling or self.decoding)

    @property
    def active(self) -> int:
        return len(self.prefilling) + len(self.decoding)

    @property
    def free_slots(self) -> int:
        return sum(not s.busy for s in self.slots)

    # ------------------------------------------------------------------------ admit
    def admit(self, turn: Turn, *, emit: Callable[[str], None],
              done: Callable[[TurnMetrics, str, Exception | None], None],
              cancelled: threading.Event | None = None) -> None:
        """Start `turn` (made by Engine.chat / generate, never iterated) at the next step.
        `emit(text)` gets each piece, `done(metrics, text, error)` the end (error: None, or the
        EmberError that ended it). Raises EmberError when every slot is busy (the caller
        queues it)."""
        req: GenRequest | None = getattr(turn, "request", None)
        if req is None:
            raise EmberError(tr("This turn cannot be decoded in a batch."))
        self.slots[0].tokens = self.engine._kv_tokens  # Engine's own path may have replaced it
        free = [s for s in self.slots if not s.busy]
        if not free:
            raise EmberError(tr("Every parallel stream is busy."))
        # the free slot whose cached tokens share the longest prefix with this prompt
        slot, n_keep = max(((s, _common_prefix(s.tokens, req.tokens) if req.reuse else 0)
                            for s in free), key=lambda x: (x[1], -x[0].seq_id))
        if n_keep == len(req.tokens):
            n_keep -= 1  # the last prompt token is read again, for its logits
        mem = self.engine._mem
        if n_keep < len(slot.tokens):
            if n_keep == 0 or not llama_cpp.llama_memory_seq_rm(mem, slot.seq_id, n_keep, -1):
                llama_cpp.llama_memory_seq_rm(mem, slot.seq_id, -1, -1)
                n_keep = 0
            del slot.tokens[n_keep:]
        sampler, fast = self.engine._samplers(req.sampling, req.grammar)
        slot.busy = True
        seq = _Seq(req, slot, n_keep, sampler, fast, emit, done,
                   cancelled or threading.Event())
        seq.mask = self.engine._eog_mask(req.sampling, req.grammar)
        seq.hold = req.sampling.min_tokens if seq.mask is not None else 0
        self.prefilling.append(seq)

    # ------------------------------------------------------------------------- step
    def step(self) -> None:
        """One round: drop cancelled sequences, read one chunk of the oldest new prompt, then
        decode every generating sequence's next token (in micro-batches)."""
        self.n_steps += 1
        for seq in [s for s in self.prefilling + self.decoding if s.cancelled.is_set()]:
            self._finish(seq, "cancelled")
        gov = self.engine.governor
        if gov is not None:  # fewer threads while other programs keep cores busy (threads.py)
            if self._idle:
                gov.start_turn()
            else:
                gov.tick()
            for seq in self.prefilling + self.decoding:
                seq.threads = min(seq.threads, gov.current)
        if self.prefilling:
            self._prefill_chunk(self.prefilling[0])
        # answers that must come out the same (greedy, or seeded) go in micro-batches; the
        # others (sampled without a seed: no two runs agree anyway) all in one call, which is
        # where batching's throughput is (8 streams: docs/benchmarks.md, issue 29)
        fixed = [q for q in self.decoding if _reproducible(q.req.sampling)]
        free = [q for q in self.decoding if not _reproducible(q.req.sampling)]
        for i in range(0, len(fixed), self.microbatch):
            self._decode_group(fixed[i:i + self.microbatch])
        for i in range(0, len(free), self._cap):
            self._decode_group(free[i:i + self._cap])
        self._idle = not self.busy

    def _add(self, token: int, pos: int, seq_id: int, logits: bool) -> int:
        b = self._batch
        i = b.n_tokens
        b.token[i] = token
        b.pos[i] = pos
        b.n_seq_id[i] = 1
        b.seq_id[i][0] = seq_id
        b.logits[i] = logits
        b.n_tokens = i + 1
        return i

    def _decode(self) -> int:
        rc = llama_cpp.llama_decode(self.engine._ctx, self._batch)
        if rc == 1 and self._evict_idle():  # the shared cache is full: idle slots make room
            rc = llama_cpp.llama_decode(self.engine._ctx, self._batch)
        return rc

    def _evict_idle(self) -> bool:
        """Forget the cached tokens of slots no request uses. Whether any were freed."""
        freed = False
        for s in self.slots:
            if not s.busy and s.tokens:
                llama_cpp.llama_memory_seq_rm(self.engine._mem, s.seq_id, -1, -1)
                del s.tokens[:]
                freed = True
        return freed

    def _prefill_chunk(self, seq: _Seq) -> None:
        n_batch = llama_cpp.llama_n_batch(self.engine._ctx)
        chunk = seq.todo[:min(n_batch, self._cap)]
        slot = seq.slot
        last = len(chunk) == len(seq.todo)
        self._batch.n_tokens = 0
        base = len(slot.tokens)
        for j, t in enumerate(chunk):
            self._add(t, base + j, slot.seq_id, last and j == len(chunk) - 1)
        rc = self._decode()
        if rc != 0:
            self._fail_or_length(seq, rc, "process the prompt")
            return
        slot.tokens.extend(chunk)
        del seq.todo[:len(chunk)]
        seq.m.processed_tokens = len(slot.tokens) - seq.m.reused_tokens
        if seq.req.on_prefill is not None:
            try:
                seq.req.on_prefill(seq.m.processed_tokens, seq.n_prompt_todo)
            except Exception:  # noqa: BLE001 - a progress callback never stops the others
                pass
        if not last:
            return
        now = time.perf_counter()
        seq.m.prefill_s = now - seq.req.t0
        if seq.m.processed_tokens:
            seq.m.prefill_tps = seq.m.processed_tokens / max(seq.m.prefill_s, 1e-9)
        self.prefilling.remove(seq)
        self.decoding.append(seq)
        self._sample(seq, len(chunk) - 1)

    def _decode_group(self, group: list[_Seq]) -> None:
        self._batch.n_tokens = 0
        idx = []
        for seq in group:
            assert seq.pending is not None  # a decoding sequence has its next token (_sample)
            idx.append(self._add(seq.pending, len(seq.slot.tokens), seq.slot.seq_id, True))
        rc = self._decode()
        if rc != 0:
            for seq in group:
                self._fail_or_length(seq, rc, "generate")
            return
        for seq, i in zip(group, idx, strict=True):
            assert seq.pending is not None
            seq.slot.tokens.append(seq.pending)
            seq.n_dec += 1
            self._sample(seq, i)

    def _fail_or_length(self, seq: _Seq, rc: int, what: str) -> None:
        if rc == 1:  # no room in the shared cache even after eviction: this answer ends here
            self._finish(seq, "length")
        else:
            self._finish(seq, "error", EmberError(_decode_failure(what, rc)))

    def _sample(self, seq: _Seq, i: int) -> None:
        eng = self.engine
        if seq.mask is not None:
            seq.mask(i, seq.n_gen)
        if seq.fast is not None:
            seq.fast.idx = i
            tok = seq.fast()
        else:
            tok = llama_cpp.llama_sampler_sample(seq.sampler, eng._ctx, i)
        m = seq.m
        seq.t_last = time.perf_counter()
        if seq.t_first is None:
            seq.t_first = seq.t_last
            m.ttft_s = seq.t_first - seq.req.t0
        hit = eng._tok_cache.get(tok)
        if hit is None:
            hit = eng._tok_cache[tok] = (eng._piece(tok),
                                         bool(llama_cpp.llama_vocab_is_eog(eng._vocab, tok)))
        if hit[1]:
            self._finish(seq, "stop")
            return
        seq.n_gen += 1
        m.completion_tokens = seq.n_gen
        text = seq.utf8.decode(hit[0])
        if text:
            stopped = False
            if seq.n_gen > seq.hold:
                text, stopped = seq.stops.feed(text)
            if text:
                seq.pieces.append(text)
                seq.emit(text)
            if stopped:
                self._finish(seq, "stop")
                return
        if seq.n_gen >= seq.max_tokens or len(seq.slot.tokens) + 1 >= seq.req.n_ctx:
            self._finish(seq, "length")
            return
        seq.pending = tok

    def _finish(self, seq: _Seq, reason: str, error: Exception | None = None) -> None:
        if seq in self.prefilling:
            self.prefilling.remove(seq)
        if seq in self.decoding:
            self.decoding.remove(seq)
        if reason in ("stop", "length"):
            tail = seq.utf8.decode(b"", final=True) + seq.stops.flush()
            if tail:
                seq.pieces.append(tail)
                seq.emit(tail)
        llama_cpp.llama_sampler_free(seq.sampler)
        seq.slot.busy = False
        if seq.slot.seq_id == 0:  # Engine's single-stream path shares sequence 0's list
            self.engine.kv_owner = None
        m = seq.m
        m.finish_reason = "cancelled" if reason == "error" else reason
        m.total_s = time.perf_counter() - seq.req.t0
        gov = self.engine.governor
        if gov is not None:
            gov.report(m)
            m.threads = min(seq.threads, m.threads_max)
        if seq.t_first is not None and seq.t_last is not None:  # set together
            m.decode_s = seq.t_last - seq.t_first
            if seq.n_dec > 0 and m.decode_s > 0:
                m.decode_tps = seq.n_dec / m.decode_s
        text = "".join(seq.pieces)
        if error is not None:
            seq.done(m, text, error)
        else:
            seq.done(m, text, None)


def _common_prefix(a: list[int], b: list[int]) -> int:
    n, limit = 0, min(len(a), len(b))
    while n < limit and a[n] == b[n]:
        n += 1
    return n
