"""The engine's KV snapshots (issue 26: a room of the Engine): what a snapshot depends on, saving
and restoring the cache of sequence 0 with its tokens, evaluating a prefix, the last logits.
Mixed into Engine (core.py); `self` is the engine, its model and context loaded."""
from __future__ import annotations

import ctypes
import os
import time
from pathlib import Path
from typing import Callable, Sequence

import llama_cpp
import numpy as np

from ..errors import ContextOverflowError, EmberError
from ..texts import tr
from ..turns import LoadSettings, SamplingSettings, Turn, TurnMetrics
from .state import EngineState


class KVSnapshots(EngineState):
    def kv_identity(self) -> dict:
        """What a KV snapshot depends on: the model file(s) (path, size, modification time), the
        context size, the KV cache type, attention and RoPE settings, and llama.cpp's version.
        A snapshot is restored only into an engine with the same identity."""
        self._require()
        info, s = self.info, self._settings or LoadSettings()
        assert info is not None  # set by load with the context (_require passed)
        try:
            st = Path(info.path).stat()
            mtime = st.st_mtime_ns
        except OSError:
            mtime = 0
        return {
            "model": str(info.path), "model_bytes": info.size_bytes, "model_mtime_ns": mtime,
            "n_ctx": info.n_ctx, "kv_type": info.kv_type, "flash_attn": str(info.flash_attn),
            "rope_scaling": s.rope_scaling, "rope_freq_scale": s.rope_freq_scale,
            "yarn_orig_ctx": s.yarn_orig_ctx, "n_layers": info.n_layers,
            "n_seq_max": max(1, s.n_seq_max), "llama_cpp": llama_cpp.__version__,
        }

    def kv_state_size(self) -> int:
        """Bytes a snapshot of the KV cache takes now (without the token list)."""
        self._require()
        return int(llama_cpp.llama_state_seq_get_size(self._ctx, 0))

    def save_kv(self, path: str | Path) -> int:
        """Write the KV cache (sequence 0) and the tokens it holds to `path` (llama.cpp's
        sequence-state file, streamed to disk without a copy in Python). Returns bytes written."""
        self._require()
        toks = self._kv_tokens
        arr = (llama_cpp.llama_token * max(1, len(toks)))(*toks)
        n = llama_cpp.llama_state_seq_save_file(self._ctx, str(path).encode("utf-8"), 0, arr,
                                                len(toks))
        if not n:
            raise EmberError(tr("The conversation's cache could not be written to {path}.").format(
                                 path=path))
        return int(n)

    def restore_kv(self, path: str | Path) -> int:
        """Replace the KV cache with a snapshot written by save_kv; the next turn reuses its
        tokens as a prefix. Returns the tokens restored; 0 (and an empty cache) when the file is
        not such a snapshot or llama.cpp rejects it (another model or layout, damaged, too long
        for this context).

        The file is read through a memory map and handed to llama_state_seq_set_data, whose
        buffer reader fails cleanly on a short or damaged file (llama_state_seq_load_file aborts
        the process on a truncated one: GGML_ASSERT(nread <= state_size))."""
        import mmap
        import struct
        self._require()
        llama_cpp.llama_memory_clear(self._mem, True)
        self._kv_tokens = []
        self.kv_owner = None
        cap = llama_cpp.llama_n_ctx(self._ctx)
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size < 12:
                    return 0
                magic, _version, n_tok = struct.unpack("<III", f.read(12))
                off = 12 + 4 * n_tok
                if magic != llama_cpp.LLAMA_STATE_SEQ_MAGIC or n_tok == 0 or n_tok > cap \
                        or off >= size:
                    return 0
                tokens = np.frombuffer(f.read(4 * n_tok), dtype="<i4")
                if len(tokens) != n_tok:
                    return 0
                prefix = self._seq_buffer_prefix()
                k = len(prefix)
                # a private (copy-on-write) map: the buffer format starts with `prefix` where
                # the file has its last token bytes; only that page is copied, the file is
                # left as it is
                mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
                try:
                    view = np.frombuffer(mm, dtype=np.uint8, count=size - off + k, offset=off - k)
                    view[:k] = np.frombuffer(prefix, dtype=np.uint8)
                    ptr = ctypes.cast(view.ctypes.data, ctypes.POINTER(ctypes.c_uint8))
                    n = llama_cpp.llama_state_seq_set_data(self._ctx, ptr, size - off + k, 0)
                    del view, ptr
                finally:
                    mm.close()
        except (OSError, ValueError, struct.error):
            llama_cpp.llama_memory_clear(self._mem, True)
            return 0
        pos_max = llama_cpp.llama_memory_seq_pos_max(self._mem, 0)
        if not n or pos_max + 1 != n_tok:  # rejected, or cells that do not match the tokens
            llama_cpp.llama_memory_clear(self._mem, True)
            return 0
        self._kv_tokens = tokens.tolist()
        return n_tok

    def _seq_buffer_prefix(self) -> bytes:
        """What llama_state_seq_get_data writes before the state that llama_state_seq_save_file
        writes after its token list (a magic number and the sequence id: 8 bytes in this
        llama.cpp), read from the empty sequence 0 (call with the cache cleared)."""
        n = llama_cpp.llama_state_seq_get_size(self._ctx, 0)
        buf = (ctypes.c_uint8 * max(1, n))()
        got = llama_cpp.llama_state_seq_get_data(self._ctx, buf, n, 0)
        if got < 8:
            raise EmberError(tr("This llama.cpp cannot restore saved conversation caches."))
        return bytes(buf[:8])

    def kv_token_list(self) -> list[int]:
        """A copy of the tokens the KV cache holds."""
        return list(self._kv_tokens)

    def eval_prefix(self, tokens: Sequence[int],
                    on_prefill: Callable[[int, int], None] | None = None) -> TurnMetrics:
        """Process `tokens` into the KV cache without sampling (reusing the cached prefix), e.g.
        to read attached documents before the question is typed. Cancellable like a turn."""
        self._require()
        tokens = list(tokens)
        n_ctx = llama_cpp.llama_n_ctx(self._ctx)
        if not tokens:
            return TurnMetrics(n_ctx=n_ctx)
        if len(tokens) >= n_ctx:
            raise ContextOverflowError(len(tokens), n_ctx)
        self._cancel.clear()
        turn = Turn(lambda t: self._run(t, tokens, SamplingSettings(temperature=0.0), None, [],
                                        on_prefill, n_ctx, time.perf_counter(), prefill_only=True))
        turn.run()
        return turn.metrics

    def last_logits(self) -> np.ndarray:
        """A copy of the logits of the last evaluated token (n_vocab floats)."""
        self._require()
        n_vocab = llama_cpp.llama_vocab_n_tokens(self._vocab)
        ptr = llama_cpp.llama_get_logits_ith(self._ctx, -1)
        return np.ctypeslib.as_array(ptr, shape=(n_vocab,)).copy()
