"""Speculative decoding: draft several tokens cheaply, verify them in one llama_decode (issue 14,
part 2).

Part of desktop/core/engine (its __init__ tells the whole story).

Decode is memory-bound: one llama_decode reads every weight once, whether it scores one token
or nine. A drafter guesses the next few tokens; Engine._run decodes the pending token and the
drafts in one batch with logits for every position, then samples each position in order with
the turn's own sampler chain and keeps the drafts while they equal what was sampled. The first
mismatch is replaced by the token the chain sampled there, the cells of the rejected drafts
leave the KV cache, and the next round starts from it. When every draft holds, the last
position's sample is a bonus token.

Why the output is unchanged. Every draft here is a point mass (a deterministic guess), and the
chain samples every kept position exactly once, in order, from the target model's logits, as
the plain loop does. That is the standard rejection sampling of speculative decoding (accept a
draft d with probability min(1, p(d)/q(d)), else draw from max(0, p - q) renormalised) with
q = 1 at d: d is kept with probability p(d), and a rejection leaves p with d removed,
renormalised, which is the chain's sample conditioned on not being d. So greedy output is
token-identical, and with a fixed seed a sampled answer too (the RNG is drawn once per kept
token, as in the plain loop), as long as the target's logits for a position do not depend on
how many tokens shared its llama_decode (tests/test_speculative.py checks that on the real
model; docs/DESIGN.md "Speculative decoding" has the measurements).

Two drafters:
- PromptLookup: the continuation of the latest earlier occurrence of the last n tokens (n from
  4 down to 2) in the prompt and the answer so far. Free, and strong where the answer repeats
  the input: "return this function with one change".
- DraftModel: a small model with the same vocabulary (the catalog pairs them, e.g.
  Qwen2.5-0.5B-Instruct for Qwen2.5-7B-Instruct), decoding greedily in a context of its own on
  the engine's thread; it stops drafting where its own confidence falls below `p_min`.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import llama_cpp
import numpy as np

from ..errors import EmberError
from ..texts import tr

MODES = ("off", "lookup", "draft")


@dataclass
class SpeculativeSettings:
    """How the engine drafts. `mode`: off | lookup | draft (a draft model, `draft_path`)."""
    mode: str = "off"
    n_max: int = 6          # drafts per step, at most (a batch of 7: see the docstring)
    ngram_max: int = 4      # prompt lookup: the longest n-gram matched
    ngram_min: int = 2
    draft_path: str | None = None   # a file or catalog id; None: the catalog's pairing
    p_min: float = 0.6      # a draft model stops drafting below this confidence
    draft_gpu_layers: int = -1

    def check(self) -> "SpeculativeSettings":
        if self.mode not in MODES:
            raise EmberError(tr("Speculative decoding must be one of {text}, not {mode!r}.").format(
                                 text=', '.join(MODES), mode=self.mode))
        if not 1 <= self.n_max <= 64:
            raise EmberError(tr("Draft length must be between 1 and 64, not {n_max}.").format(
                                 n_max=self.n_max))
        if not 1 <= self.ngram_min <= self.ngram_max <= 8:
            raise EmberError(tr("Prompt lookup's n-gram sizes must satisfy 1 <= min <= max "
                                "<= 8."))
        return self


class PromptLookup:
    """Drafts the continuation of the latest earlier occurrence of the history's last n tokens.

    The index maps every n-gram (n_min..n_max) of the history to where its latest occurrence
    ended, so each draft is a few dict lookups, whatever the prompt's length. Indexing a prompt
    costs about 1 us a token."""

    kind = "lookup"

    def __init__(self, settings: SpeculativeSettings):
        self.n_max, self.n_min = settings.ngram_max, settings.ngram_min
        self.hist: list[int] = []
        self.index: list[dict] = [{} for _ in range(self.n_max + 1)]

    def begin(self, tokens: list[int]) -> None:
        self.hist = []
        self.index = [{} for _ in range(self.n_max + 1)]
        self.extend(tokens)

    def extend(self, tokens: list[int]) -> None:
        h = self.hist
        for n in range(self.n_min, self.n_max + 1):
            idx = self.index[n]
            # every n-gram that has a continuation: the one ending at len(h)-1 gets one now
            start = max(0, len(h) - n)
            seq = h[start:] + list(tokens)
            for i in range(n, len(seq)):
                idx[tuple(seq[i - n:i])] = start + i
        h.extend(tokens)

    def push(self, tok: int) -> None:
        h = self.hist
        L = len(h)
        for n in range(self.n_min, min(self.n_max, L) + 1):
            self.index[n][tuple(h[L - n:L])] = L
        h.append(tok)

    def draft(self, n_draft: int) -> list[int]:
        h = self.hist
        L = len(h)
        for n in range(min(self.n_max, L), self.n_min - 1, -1):
            j = self.index[n].get(tuple(h[L - n:L]))
            if j is not None and j < L:
                return h[j:min(j + n_draft, L)]
        return []

    def close(self) -> None:
        pass


class DraftModel:
    """A small model with the target's vocabulary, drafting greedily in its own context.

    Owned by the engine's thread, like the target model. Its KV cache follows the target's
    history: each round keeps the common prefix and evaluates the rest."""

    kind = "draft"
    path: str   # the file it was loaded from (Engine.set_speculative sets it)

    def __init__(self, path: str | Path, target_vocab, *, n_ctx: int, n_threads: int,
                 n_gpu_layers: int = -1, settings: SpeculativeSettings | None = None):
        from .native import NATIVE_LOG, _last_error
        self.settings = settings or SpeculativeSettings(mode="draft", draft_path=str(path))
        mark = NATIVE_LOG.count
        mp = llama_cpp.llama_model_default_params()
        mp.n_gpu_layers = 0x7FFFFFFF if n_gpu_layers < 0 else n_gpu_layers
        self.model = llama_cpp.llama_model_load_from_file(str(path).encode("utf-8"), mp)
        if not self.model:
            raise EmberError(tr("The draft model {name} could not be "
                                "loaded{last_error_NATIVE_LO}.").format(
                                 name=Path(path).name,
                                 last_error_NATIVE_LO=_last_error(NATIVE_LOG.since(mark))))
        self.vocab = llama_cpp.llama_model_get_vocab(self.model)
        why = vocab_mismatch(target_vocab, self.vocab)
        if why:
            llama_cpp.llama_model_free(self.model)
            raise EmberError(tr("{name} cannot draft for this model: {why}.").format(
                                 name=Path(path).name, why=why))
        cp = llama_cpp.llama_context_default_params()
        cp.n_ctx = n_ctx
        cp.n_batch = cp.n_ubatch = 512
        cp.n_threads = cp.n_threads_batch = n_threads
        cp.no_perf = True
        self.ctx = llama_cpp.llama_init_from_model(self.model, cp)
        if not self.ctx:
            llama_cpp.llama_model_free(self.model)
            raise EmberError(tr("The draft model's context of {n_ctx} tokens could not be "
                                "created{last_error_NATIVE_LO}.").format(
                                 n_ctx=n_ctx,
                                 last_error_NATIVE_LO=_last_error(NATIVE_LOG.since(mark))))
        self.mem = llama_cpp.llama_get_memory(self.ctx)
        self.n_vocab = llama_cpp.llama_vocab_n_tokens(self.vocab)
        self.kv: list[int] = []
        self.hist: list[int] = []
        self.n_batch = 512
        self._one = (llama_cpp.llama_token * 1)()
        self._float_array = ctypes.c_float * self.n_vocab

    def begin(self, tokens: list[int]) -> None:
        self.hist = list(tokens)

    def extend(self, tokens: list[int]) -> None:
        self.hist.extend(tokens)

    def push(self, tok: int) -> None:
        self.hist.append(tok)

    def _logits(self) -> np.ndarray:
        ptr = llama_cpp.llama_get_logits_ith(self.ctx, -1)
        return np.frombuffer(self._float_array.from_address(ctypes.addressof(ptr.contents)),
                             dtype=np.float32)

    def _eval(self, tokens: list[int]) -> bool:
        arr = (llama_cpp.llama_token * len(tokens))(*tokens)
        elem = ctypes.sizeof(llama_cpp.llama_token)
        for i in range(0, len(tokens), self.n_batch):
            n = min(self.n_batch, len(tokens) - i)
            ptr = ctypes.cast(ctypes.addressof(arr) + i * elem,
                              ctypes.POINTER(llama_cpp.llama_token))
            if llama_cpp.llama_decode(self.ctx, llama_cpp.llama_batch_get_one(ptr, n)) != 0:
                llama_cpp.llama_memory_clear(self.mem, True)
                self.kv = []
                return False
            self.kv.extend(tokens[i:i + n])
        return True

    def draft(self, n_draft: int) -> list[int]:
        h, kv = self.hist, self.kv
        n = 0
        limit = min(len(kv), len(h))
        while n < limit and kv[n] == h[n]:
            n += 1
        if n == len(h):
            n -= 1  # the last token is evaluated again for fresh logits
        if n < len(kv):
            if n <= 0 or not llama_cpp.llama_memory_seq_rm(self.mem, 0, n, -1):
                llama_cpp.llama_memory_clear(self.mem, True)
                n = 0
            del kv[n:]
        if not self._eval(h[n:]):
            return []
        out: list[int] = []
        n_ctx = llama_cpp.llama_n_ctx(self.ctx)
        p_min = self.settings.p_min
        while len(out) < n_draft and len(kv) + 1 < n_ctx:
            logits = self._logits()
            tok = int(logits.argmax())
            if p_min > 0:
                top = logits[tok]
                p = 1.0 / float(np.exp(logits - top).sum())
                if p < p_min:
                    break
            out.append(tok)
            if len(out) == n_draft or llama_cpp.llama_vocab_is_eog(self.vocab, tok):
                break
            if not self._eval([tok]):
                break
        return out

    def close(self) -> None:
        if self.ctx:
            llama_cpp.llama_free(self.ctx)
            self.ctx = None
        if self.model:
            llama_cpp.llama_model_free(self.model)
            self.model = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


def vocab_mismatch(a, b) -> str | None:
    """Why two vocabularies cannot share drafts (None when they can): llama.cpp's own test
    (common/speculative.cpp): the same tokenizer type and special tokens, sizes within 128 and
    the same text for every token both have."""
    if llama_cpp.llama_vocab_type(a) != llama_cpp.llama_vocab_type(b):
        return tr("its tokenizer is of another type")
    for name in ("llama_vocab_bos", "llama_vocab_eos"):
        f = getattr(llama_cpp, name)
        if f(a) != f(b):
            return tr("its special tokens differ")
    na, nb = llama_cpp.llama_vocab_n_tokens(a), llama_cpp.llama_vocab_n_tokens(b)
    if abs(na - nb) > 128:
        return tr("its vocabulary has {nb:,} tokens, this model's {na:,}").format(nb=nb, na=na)
    for i in range(5, min(na, nb)):
        if llama_cpp.llama_vocab_get_text(a, i) != llama_cpp.llama_vocab_get_text(b, i):
            return f"token {i} differs"
    return None
