"""Fast sampling: numpy top-k in front of llama.cpp's own C sampler chain.

Part of desktop/core/engine (its __init__ tells the whole story)."""
from __future__ import annotations

import ctypes

import llama_cpp
import numpy as np

from ..errors import EmberError
from ..texts import tr

# ------------------------------------------------------------------------- fast sampling
_TOKEN_DATA = np.dtype([("id", "<i4"), ("logit", "<f4"), ("p", "<f4")])
assert _TOKEN_DATA.itemsize == ctypes.sizeof(llama_cpp.llama_token_data)


class _TopKSampler:
    """Exactly llama.cpp's sampler chain, without its per-token pass over the whole vocabulary.

    `llama_sampler_sample` copies every logit into a candidate array (262,144 for Gemma 3) and
    partially sorts it for top-k: about 0.8 ms a token on this CPU, 4% of a 270M model's decode.
    Here numpy finds the top-k candidates (block maxima first, then the best blocks), and the
    same C chain (top-k, top-p, min-p, temperature, dist with its own RNG) runs on those k only.
    top-k over the k best is the identity and sorts them the same way, so the chosen token is the
    one the full pass would choose (a test checks this token for token). Greedy is one argmax.
    Used only without grammar and penalties, which need the whole vocabulary.

    The blocks are strided: block j holds logits j, j + C, j + 2C, ... (C = n_vocab // ROWS),
    so their maxima are one vectorized maximum over ROWS contiguous rows of C logits (Qwen2.5's
    152,064: 35 us warm, 71 cold); contiguous blocks of 128 took a per-row reduction each (123
    and 159 us; docs/benchmarks.md, issue 29). The second step then reads k columns of the
    same rows, which the first just brought into the cache."""

    ROWS = 128

    def __init__(self, ctx, chain, n_vocab: int, top_k: int):
        self.ctx, self.chain, self.n_vocab, self.k = ctx, chain, n_vocab, top_k
        self.idx = -1  # which output row of the last batch (parallel streams set it)
        R = self.ROWS
        self.n_cols = n_vocab // R
        self.use_blocks = top_k > 0 and self.n_cols >= 4 * top_k
        self.tail = np.arange(self.n_cols * R, n_vocab)
        if top_k > 0:
            self.cand = np.zeros(top_k, dtype=_TOKEN_DATA)
            self.arr = llama_cpp.llama_token_data_array(
                ctypes.cast(self.cand.ctypes.data, ctypes.POINTER(llama_cpp.llama_token_data)),
                top_k, -1, False)
            self.arr_ref = ctypes.byref(self.arr)
        self._float_array = ctypes.c_float * n_vocab

    def logits(self) -> np.ndarray:
        ptr = llama_cpp.llama_get_logits_ith(self.ctx, self.idx)
        return np.frombuffer(self._float_array.from_address(ctypes.addressof(ptr.contents)),
                             dtype=np.float32)

    def top(self, logits: np.ndarray) -> np.ndarray:
        """The ids of the k largest logits (in no order)."""
        k = self.k
        if not self.use_blocks:
            return np.argpartition(logits, -k)[-k:]
        C = self.n_cols
        grid = logits[:self.ROWS * C].reshape(self.ROWS, C)
        # the k best tokens lie in the k blocks (columns) with the best maxima (each block
        # holding one of them has a maximum >= the k-th best value; at most k blocks do)
        best = np.argpartition(np.maximum.reduce(grid, axis=0), -k)[-k:]
        sel = np.argpartition(grid[:, best].ravel(), -k)[-k:]
        row, col = np.divmod(sel, k)
        top = row * C + best[col]
        if len(self.tail):  # the last n_vocab % ROWS tokens: compare them directly
            pool = np.concatenate((top, self.tail))
            top = pool[np.argpartition(logits[pool], -k)[-k:]]
        return top

    def __call__(self) -> int:
        logits = self.logits()
        k = self.k
        if k <= 0:  # greedy
            return int(logits.argmax())
        top = self.top(logits)
        cand = self.cand
        cand["id"] = top
        cand["logit"] = logits[top]
        cand["p"] = 0.0
        arr = self.arr
        # the field is a POINTER(llama_token_data); llama_cpp's annotation says an array
        arr.data = ctypes.cast(  # type: ignore[assignment]
            cand.ctypes.data, ctypes.POINTER(llama_cpp.llama_token_data))
        arr.size, arr.selected, arr.sorted = k, -1, False
        llama_cpp.llama_sampler_apply(self.chain, self.arr_ref)
        tok = int(arr.data[arr.selected].id)
        llama_cpp.llama_sampler_accept(self.chain, tok)
        return tok


# ------------------------------------------------------------------ no end before N tokens
class EogMask:
    """`min_tokens` and `ignore_eos` (SamplingSettings): while they hold, the end-of-generation
    tokens' logits become -inf in llama.cpp's output buffer before any sampler reads it (the C
    chain or _TopKSampler), so the answer's length no longer depends on which words a model
    picks: the way llama-server's `ignore_eos` works (a -inf logit bias on every EOG token).
    Never used with a grammar: a grammar that allows only the end would be left nothing."""

    def __init__(self, ctx, eog_ids: np.ndarray, n_vocab: int, s):
        self.ctx, self.ids, self.n_vocab = ctx, eog_ids, n_vocab
        self.min_tokens, self.ignore_eos = max(0, int(s.min_tokens or 0)), bool(s.ignore_eos)
        self._float_array = ctypes.c_float * n_vocab

    def __call__(self, idx: int, n_gen: int) -> None:
        """Before sampling output row `idx` (-1: the last) after `n_gen` generated tokens."""
        if self.ignore_eos or n_gen < self.min_tokens:
            ptr = llama_cpp.llama_get_logits_ith(self.ctx, idx)
            logits = np.frombuffer(self._float_array.from_address(ctypes.addressof(ptr.contents)),
                                   dtype=np.float32)
            logits[self.ids] = -np.inf


def logit_bias_sampler(vocab, bias: dict[int, float]):
    """llama.cpp's logit-bias sampler for {token id: bias} (OpenAI's logit_bias; -inf bans);
    an id outside the vocabulary is refused (EmberError: the API's 400), before any sampler
    is made."""
    n_vocab = llama_cpp.llama_vocab_n_tokens(vocab)
    bad = [t for t in bias if not 0 <= t < n_vocab]
    if bad:
        raise EmberError(tr("logit_bias names token {token}, but this model's vocabulary "
                            "has {n} tokens (0 to {last}).").format(
                                token=bad[0], n=n_vocab, last=n_vocab - 1))
    arr = (llama_cpp.llama_logit_bias * len(bias))(
        *(llama_cpp.llama_logit_bias(token=t, bias=b) for t, b in bias.items()))
    return llama_cpp.llama_sampler_init_logit_bias(n_vocab, len(bias), arr)
