"""The Engine: one llama.cpp model and context, prefix reuse, the decode loop, KV snapshots.

Part of desktop/core/engine (its __init__ tells the whole story)."""
from __future__ import annotations

import codecs
import ctypes
import json
import os
import re
import threading
import time
from pathlib import Path
from typing import Callable, Iterator, Sequence

import llama_cpp
import numpy as np
from llama_cpp.llama_chat_format import Jinja2ChatFormatter
from llama_cpp.llama_grammar import JSON_GBNF, LlamaGrammar

from .. import gguf_meta
from ..errors import ContextOverflowError, EmberError, ModelLoadError, NoModelError
from ..texts import tr
from ..toolcalls import OPEN, ToolsUnsupportedError, arguments_for_template
from ..turns import LoadSettings, ModelInfo, SamplingSettings, Turn, TurnMetrics, _StopMatcher
from .base import base_prompt, is_base_model, repeating
from .formats import FALLBACK_FORMATS, fallback_format_for
from .native import (
    FLASH_ATTN,
    KV_TYPES,
    NATIVE_LOG,
    ROPE_SCALING,
    _decode_failure,
    _extra_bufts_safe,
    _last_error,
    reported_buffers,
    used_devices,
)
from .parallel import GenRequest
from .sampling import EogMask, _TopKSampler
from .speculative import DraftModel, PromptLookup, SpeculativeSettings
from .threads import ThreadGovernor
from .tools import ToolGrammar, grammar_key, schema_gbnf, template_tool_support, tool_grammar


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
    if t_first is not None:
        m.decode_s = t_last - t_first
        if n_dec > 0 and m.decode_s > 0:
            m.decode_tps = n_dec / m.decode_s



# ----------------------------------------------------------------------------- the engine
class Engine:
    def __init__(self) -> None:
        self._model = None
        self._ctx = None
        self.governor: ThreadGovernor | None = None
        self._vocab = None
        self._mem = None
        self._kv_tokens: list[int] = []
        self._cancel = threading.Event()
        self._formatter: Jinja2ChatFormatter | None = None
        self._template_stops: list[str] = []
        # whether the chat template takes tools in the <tool_call> format, or why not
        self.tool_support: tuple[bool, str | None] = (False, "no model is loaded")
        self.info: ModelInfo | None = None
        self._piece_buf = ctypes.create_string_buffer(256)
        self._tok_cache: dict[int, tuple[bytes, bool]] = {}  # the loaded vocabulary's, see _run
        self._eog_ids: np.ndarray | None = None  # the vocabulary's end-of-generation tokens
        self._abort_cb = llama_cpp.ggml_abort_callback(lambda _data: bool(self._cancel.is_set()))
        self._grammar_cache: dict[str, LlamaGrammar] = {}
        self.fast_sampling = True  # see _TopKSampler; False = llama_sampler_sample every token
        # the sampler chain runs in llama.cpp's graph, on the output layer's device, and only the
        # token comes back (no copy of the 152K logits a token). Off until a GPU measures it: on
        # a CPU it is slower than _TopKSampler (docs/benchmarks.md), and attaching the chain
        # makes llama.cpp re-reserve its compute buffers at the next decode, where a failed
        # allocation aborts the process. True / EMBER_BACKEND_SAMPLING=1 turn it on.
        self.backend_sampling: bool | None = None
        self._settings: LoadSettings | None = None
        # which conversation the KV cache holds (set by kvcache.KVCache; None = unknown)
        self.kv_owner: str | None = None
        # speculative decoding (speculative.py): how turns draft, and the draft model if any
        self.speculative = SpeculativeSettings()
        self.base_model = False  # a base model's turns are documents to continue (base.py)
        self._draft_model: DraftModel | None = None
        self._spec_batch = None
        self._spec_cap = 0

    # ------------------------------------------------------------------ load / unload
    @property
    def loaded(self) -> bool:
        return self._ctx is not None

    def load(self, path: str | Path, settings: LoadSettings | None = None,
             progress: Callable[[float], bool | None] | None = None) -> ModelInfo:
        """Load a GGUF (a split model by its first shard). Raises ModelFileError/ModelLoadError."""
        settings = settings or LoadSettings()
        meta = gguf_meta.inspect(path)  # clear errors for missing / not GGUF / truncated files
        path = meta.path
        if settings.kv_type not in KV_TYPES:
            raise EmberError(tr("Unknown KV cache type {kv_type!r}: use one of {text}.").format(
                                 kv_type=settings.kv_type, text=', '.join(KV_TYPES)))
        if settings.flash_attn not in FLASH_ATTN:
            raise EmberError(tr("flash_attn must be auto, on or off, not {flash_attn!r}.").format(
                                 flash_attn=settings.flash_attn))
        if settings.kv_type not in ("f16", "f32") and settings.flash_attn == "off":
            raise EmberError(tr("A {kv_type} KV cache needs flash attention: set flash "
                                "attention to on or auto, or use an f16 KV cache.").format(
                                 kv_type=settings.kv_type))
        self.unload()

        mparams = llama_cpp.llama_model_default_params()
        mparams.n_gpu_layers = 0x7FFFFFFF if settings.n_gpu_layers < 0 else settings.n_gpu_layers
        # llama.cpp's AMX buffer type crashes the first prompt decode on AMX Xeons (found
        # here, llama-cpp-python 0.3.36): extra buffer types stay off on such CPUs
        repack = settings.repack if settings.repack is not None else settings.n_seq_max <= 1
        mparams.use_extra_bufts = _extra_bufts_safe() and repack
        if progress is not None:
            @llama_cpp.llama_progress_callback
            def _progress(p, _user):
                try:
                    return progress(float(p)) is not False and not self._cancel.is_set()
                except Exception:
                    return True
            mparams.progress_callback = _progress
        self._cancel.clear()

        mark = NATIVE_LOG.count
        model = llama_cpp.llama_model_load_from_file(str(path).encode("utf-8"), mparams)
        if not model:
            raise self._load_error(meta, NATIVE_LOG.since(mark))

        n_threads, n_threads_batch = settings.threads()
        cparams = llama_cpp.llama_context_default_params()
        cparams.n_ctx = settings.n_ctx
        cparams.n_batch = settings.n_batch
        cparams.n_ubatch = min(settings.n_ubatch, settings.n_batch)
        cparams.n_seq_max = max(1, settings.n_seq_max)
        cparams.kv_unified = True  # every sequence may use the whole context (shared cells)
        cparams.n_threads = n_threads
        cparams.n_threads_batch = n_threads_batch
        cparams.flash_attn_type = FLASH_ATTN[settings.flash_attn]
        cparams.type_k = KV_TYPES[settings.kv_type]
        cparams.type_v = KV_TYPES[settings.kv_type]
        cparams.rope_scaling_type = ROPE_SCALING.get(settings.rope_scaling,
                                                     llama_cpp.LLAMA_ROPE_SCALING_TYPE_UNSPECIFIED)
        cparams.rope_freq_scale = settings.rope_freq_scale
        cparams.yarn_orig_ctx = settings.yarn_orig_ctx
        cparams.no_perf = True
        ctx = llama_cpp.llama_init_from_model(model, cparams)
        if not ctx:
            lines = NATIVE_LOG.since(mark)
            llama_cpp.llama_model_free(model)
            raise ModelLoadError(
                tr("{name} loaded, but its context of {settings_n_ctx_or_tr} tokens could "
                   "not be created{last_error_lines}. Try a smaller context or a quantized "
                   "KV cache.").format(
                    name=meta.name, settings_n_ctx_or_tr=settings.n_ctx or 'training-length',
                    last_error_lines=_last_error(lines)), reason="context", log="\n".join(lines))

        self._model, self._ctx = model, ctx
        self._tok_cache = {}
        self._eog_ids = None
        self._vocab = llama_cpp.llama_model_get_vocab(model)
        self._mem = llama_cpp.llama_get_memory(ctx)
        self._kv_tokens = []
        self._settings = settings
        # fewer threads while other programs keep cores busy (threads.py, issue 24)
        self.governor = ThreadGovernor(ctx, (n_threads, n_threads_batch))
        self.kv_owner = None
        lines = NATIVE_LOG.since(mark)
        offloaded = None
        for line in lines:
            m = re.search(r"offloaded (\d+)/(\d+) layers to GPU", line)
            if m:
                offloaded = int(m.group(1))
        fa = settings.flash_attn
        for line in lines:
            m = re.search(r"flash_attn\s*=\s*(\w+)", line)
            if m:
                fa = {"1": "on", "0": "off", "enabled": "on", "disabled": "off"}.get(m.group(1), m.group(1))

        chat_format, notice = self._setup_chat_format(meta)
        self.tool_support = template_tool_support(self._formatter)
        self.info = ModelInfo(
            path=path, name=meta.name, architecture=meta.architecture,
            n_ctx=llama_cpp.llama_n_ctx(ctx),
            n_ctx_train=llama_cpp.llama_model_n_ctx_train(model),
            n_layers=llama_cpp.llama_model_n_layer(model),
            n_layers_offloaded=offloaded,
            n_params=llama_cpp.llama_model_n_params(model),
            size_bytes=sum(p.stat().st_size for p in meta.shards),
            chat_format=chat_format, notice=notice,
            gpu_offload_supported=bool(llama_cpp.llama_supports_gpu_offload()),
            threads=(n_threads, n_threads_batch), flash_attn=fa, kv_type=settings.kv_type,
            buffers=reported_buffers(lines), tool_calls=self.tool_support[0],
            devices=used_devices(lines))
        self._n_swa = llama_cpp.llama_model_n_swa(model)
        return self.info

    def _load_error(self, meta: gguf_meta.GGUFInfo, lines: list[str]) -> ModelLoadError:
        text = "\n".join(lines)
        m = re.search(r"unknown model architecture: '([^']*)'", text)
        if m:
            return ModelLoadError(
                tr("{name} uses the '{group}' architecture, which this llama.cpp "
                   "(llama-cpp-python {version__}) does not support. Update Ember or choose "
                   "a model of a supported family (Qwen, Llama, Gemma, Mistral, ...).").format(
                    name=meta.path.name, group=m.group(1), version__=llama_cpp.__version__),
                reason="unsupported_architecture", log=text)
        if re.search(r"out of memory|failed to allocate|cudaMalloc|unable to allocate", text, re.I):
            return ModelLoadError(
                tr("Not enough memory to load {name}{last_error_lines}. Offload fewer "
                   "layers to the GPU or choose a smaller model.").format(
                    name=meta.name, last_error_lines=_last_error(lines)), reason="out_of_memory", log=text)
        if re.search(r"not within the file bounds|tensor data is not|unexpectedly reached end", text):
            return ModelLoadError(tr("{name} is damaged or truncated{last_error_lines}. "
                                     "Download it again.").format(
                                      name=meta.path.name, last_error_lines=_last_error(lines)), reason="corrupt", log=text)
        if self._cancel.is_set():
            return ModelLoadError(tr("Loading was cancelled."), reason="cancelled", log=text)
        return ModelLoadError(tr("llama.cpp could not load {name}{last_error_lines}.").format(
                                  name=meta.path.name, last_error_lines=_last_error(lines)),
                              reason="failed", log=text)

    def _setup_chat_format(self, meta: gguf_meta.GGUFInfo) -> tuple[str, str | None]:
        vocab = self._vocab
        bos_id = llama_cpp.llama_vocab_bos(vocab)
        eos_id = llama_cpp.llama_vocab_eos(vocab)
        bos = self.token_text(bos_id) if bos_id >= 0 else ""
        eos = self.token_text(eos_id) if eos_id >= 0 else ""
        template = meta.chat_template
        notice = None
        self.base_model = False
        if template:
            name = "template"
        elif is_base_model(meta):
            # a base model has no turns to follow: each chat turn becomes a document it can
            # continue (base.py); the formatter below still serves token counts and snapshots
            self.base_model = True
            name = "base"
            template = FALLBACK_FORMATS[fallback_format_for(meta.architecture)]
            notice = tr("{name} is a base model (no chat template, not instruction-tuned): "
                        "Ember asks it to continue code (a function's header and docstring) or "
                        "a question-and-answer text, and stops it at turn markers and "
                        "repetition.").format(name=meta.name)
        else:
            name = fallback_format_for(meta.architecture)
            template = FALLBACK_FORMATS[name]
            notice = tr("{name} has no chat template in its GGUF file; Ember uses the built-in "
                        "'{format}' turn format, chosen from its '{arch}' architecture. Answers "
                        "may be poor if the model was not trained on it.").format(
                name=meta.name, format=name, arch=meta.architecture)
        try:
            self._formatter = Jinja2ChatFormatter(template, eos_token=eos, bos_token=bos,
                                                  add_generation_prompt=True)
        except Exception as e:  # a broken template in the file: say so and fall back
            name = fallback_format_for(meta.architecture)
            notice = (tr("{name}'s chat template could not be read ({e}); Ember uses the "
                         "built-in '{name2}' turn format instead.").format(
                          name=meta.name, e=e, name2=name))
            self._formatter = Jinja2ChatFormatter(FALLBACK_FORMATS[name], eos_token=eos,
                                                  bos_token=bos, add_generation_prompt=True)
        return name, notice

    def unload(self) -> None:
        self._drop_draft()
        if self._ctx is not None:
            llama_cpp.llama_free(self._ctx)
        if self._model is not None:
            llama_cpp.llama_model_free(self._model)
        self._ctx = self._model = self._vocab = self._mem = None
        self.governor = None
        self._kv_tokens = []
        self._formatter = None
        self.tool_support = (False, "no model is loaded")
        self.info = None
        self._settings = None
        self.kv_owner = None

    close = unload

    # ------------------------------------------------------------- speculative decoding
    def set_speculative(self, settings: SpeculativeSettings | None) -> None:
        """How later turns draft (speculative.py). A draft model is loaded here, on the
        engine's thread, and checked against this model's vocabulary; EmberError if it cannot
        draft for it (the previous settings stay)."""
        settings = (settings or SpeculativeSettings()).check()
        draft = None
        if settings.mode == "draft":
            self._require()
            if not settings.draft_path:
                raise EmberError(tr("Speculative decoding with a draft model needs the "
                                    "draft model's file."))
            cur = self._draft_model
            if cur is not None and getattr(cur, "path", None) == str(settings.draft_path):
                draft = cur
            else:
                draft = DraftModel(settings.draft_path, self._vocab,
                                   n_ctx=llama_cpp.llama_n_ctx(self._ctx),
                                   n_threads=self._settings.threads()[0] if self._settings else 2,
                                   n_gpu_layers=settings.draft_gpu_layers, settings=settings)
                draft.path = str(settings.draft_path)
        if draft is not self._draft_model:
            self._drop_draft()
        if draft is not None:
            draft.settings = settings
        self._draft_model = draft
        self.speculative = settings

    def _drop_draft(self) -> None:
        if self._draft_model is not None:
            self._draft_model.close()
            self._draft_model = None
        if self._spec_batch is not None:
            llama_cpp.llama_batch_free(self._spec_batch)
            self._spec_batch, self._spec_cap = None, 0

    def _drafter(self):
        """This turn's drafter, or None (speculative decoding off)."""
        s = self.speculative
        if s.mode == "lookup":
            return PromptLookup(s)
        if s.mode == "draft" and self._draft_model is not None:
            return self._draft_model
        return None

    def __del__(self) -> None:
        try:
            self.unload()
        except Exception:
            pass

    # ----------------------------------------------------------------------- tokens
    def _require(self) -> None:
        if self._ctx is None:
            raise NoModelError(tr("No model is loaded."))

    def tokenize(self, text: str, *, add_special: bool = False, parse_special: bool = True) -> list[int]:
        self._require()
        data = text.encode("utf-8")
        n_max = len(data) + 16
        buf = (llama_cpp.llama_token * n_max)()
        n = llama_cpp.llama_tokenize(self._vocab, data, len(data), buf, n_max, add_special, parse_special)
        if n < 0:
            n_max = -n
            buf = (llama_cpp.llama_token * n_max)()
            n = llama_cpp.llama_tokenize(self._vocab, data, len(data), buf, n_max, add_special,
                                         parse_special)
            if n < 0:
                raise EmberError(tr("The text could not be tokenized."))
        return list(buf[:n])

    def token_text(self, token: int) -> str:
        t = llama_cpp.llama_vocab_get_text(self._vocab, token)
        return t.decode("utf-8", errors="replace") if t else ""

    def _piece(self, token: int) -> bytes:
        buf = self._piece_buf
        n = llama_cpp.llama_token_to_piece(self._vocab, token, buf, len(buf), 0, False)
        if n < 0:
            self._piece_buf = buf = ctypes.create_string_buffer(-n + 16)
            n = llama_cpp.llama_token_to_piece(self._vocab, token, buf, len(buf), 0, False)
        return buf.raw[:n]

    def format_chat(self, messages: Sequence[dict], *, remember_stops: bool = True,
                    tools: Sequence[dict] | None = None) -> str:
        """The prompt text. remember_stops=False: only count (from another thread), leaving
        the template's stop strings of the next turn alone. `tools` (OpenAI's shape) go to the
        template, which must support them (`tool_support`); so must assistant `tool_calls` and
        `role: tool` messages in `messages`."""
        self._require()
        msgs = [_template_message(m) for m in messages]
        if tools or any("tool_calls" in m or m["role"] == "tool" for m in msgs):
            ok, why = self.tool_support
            if not ok:
                raise ToolsUnsupportedError(
                    tr("This model's chat template has no tools support: {why}. Send the "
                       "request without tools and tool messages, or load a model whose "
                       "template has tools (Qwen2.5-Instruct, Qwen3, Hermes).").format(why=why))
        try:
            resp = (self._formatter(messages=msgs, tools=list(tools)) if tools
                    else self._formatter(messages=msgs))
        except Exception as e:  # a template that raises (e.g. "roles must alternate")
            raise EmberError(tr("The model's chat template refused this conversation: {e}").format(
                                 e=e)) from e
        if remember_stops:
            stop = resp.stop or []
            self._template_stops = [stop] if isinstance(stop, str) else list(stop)
        return resp.prompt

    def chat_tokens(self, messages: Sequence[dict], *, remember_stops: bool = True,
                    tools: Sequence[dict] | None = None) -> list[int]:
        tokens = self.tokenize(self.format_chat(messages, remember_stops=remember_stops,
                                                tools=tools),
                               add_special=False, parse_special=True)
        if llama_cpp.llama_vocab_get_add_bos(self._vocab):
            bos = llama_cpp.llama_vocab_bos(self._vocab)
            if not tokens or tokens[0] != bos:
                tokens.insert(0, bos)
        return tokens

    def _single_token(self, text: str) -> int | None:
        """The id of the one token that spells `text`, if the vocabulary has one."""
        toks = self.tokenize(text, add_special=False, parse_special=True)
        return toks[0] if len(toks) == 1 else None

    @property
    def kv_tokens(self) -> int:
        """Tokens currently held in the KV cache."""
        return len(self._kv_tokens)

    def reset(self) -> None:
        """Forget the KV cache: the next turn processes its whole prompt."""
        self._require()
        llama_cpp.llama_memory_clear(self._mem, True)
        self._kv_tokens = []
        self.kv_owner = None

    # ------------------------------------------------------------------ KV snapshots
    def kv_identity(self) -> dict:
        """What a KV snapshot depends on: the model file(s) (path, size, modification time), the
        context size, the KV cache type, attention and RoPE settings, and llama.cpp's version.
        A snapshot is restored only into an engine with the same identity."""
        self._require()
        info, s = self.info, self._settings or LoadSettings()
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

    # ------------------------------------------------------------------------ cancel
    def cancel(self) -> None:
        """Stop the current turn (or load) before its next token. Safe from any thread."""
        self._cancel.set()

    # ------------------------------------------------------------------------ sampling
    def _grammar(self, json_mode: bool, schema: dict | str | None) -> LlamaGrammar | None:
        if schema is not None:
            key = schema if isinstance(schema, str) else json.dumps(schema, sort_keys=True)
            if key not in self._grammar_cache:
                try:
                    g = LlamaGrammar.from_string(schema_gbnf(key), verbose=False)
                    self._grammar_cache[key] = g
                except Exception as e:
                    raise EmberError(tr("The JSON schema could not be turned into a "
                                        "grammar: {e}").format(e=e)) from e
            return self._grammar_cache[key]
        if json_mode:
            if "" not in self._grammar_cache:
                self._grammar_cache[""] = LlamaGrammar.from_string(JSON_GBNF, verbose=False)
            return self._grammar_cache[""]
        return None

    def _make_sampler(self, s: SamplingSettings, grammar: LlamaGrammar | None):
        sp = llama_cpp.llama_sampler_chain_default_params()
        sp.no_perf = True
        chain = llama_cpp.llama_sampler_chain_init(sp)
        add = lambda smpl: llama_cpp.llama_sampler_chain_add(chain, smpl)  # noqa: E731
        if grammar is not None:
            if getattr(grammar, "lazy", False):
                # inactive until its trigger token is sampled or a trigger pattern matches the
                # text so far (llama.cpp then replays the matching tokens into the grammar)
                patterns, toks = grammar.trigger_patterns, grammar.trigger_tokens
                pats = (ctypes.c_char_p * max(1, len(patterns)))(
                    *(p.encode("utf-8") for p in patterns))
                tarr = (llama_cpp.llama_token * max(1, len(toks)))(*toks)
                g = llama_cpp.llama_sampler_init_grammar_lazy_patterns(
                    self._vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8"),
                    pats, len(patterns), tarr, len(toks))
            else:
                g = llama_cpp.llama_sampler_init_grammar(
                    self._vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8"))
            if not g:
                llama_cpp.llama_sampler_free(chain)
                raise EmberError("llama.cpp rejected the " + (
                    "tool-call grammar." if isinstance(grammar, ToolGrammar) else "JSON grammar."))
            add(g)
        if s.repeat_penalty and s.repeat_penalty != 1.0:
            n_vocab = llama_cpp.llama_vocab_n_tokens(self._vocab)
            add(llama_cpp.llama_sampler_init_penalties(n_vocab, s.repeat_last_n, s.repeat_penalty,
                                                       0.0, 0.0))
        if s.temperature <= 0:
            add(llama_cpp.llama_sampler_init_greedy())
        else:
            if s.top_k > 0:
                add(llama_cpp.llama_sampler_init_top_k(s.top_k))
            if 0 < s.top_p < 1:
                add(llama_cpp.llama_sampler_init_top_p(s.top_p, 1))
            if s.min_p > 0:
                add(llama_cpp.llama_sampler_init_min_p(s.min_p, 1))
            add(llama_cpp.llama_sampler_init_temp(s.temperature))
            seed = llama_cpp.LLAMA_DEFAULT_SEED if s.seed is None else s.seed & 0xFFFFFFFF
            add(llama_cpp.llama_sampler_init_dist(seed))
        return chain

    # --------------------------------------------------------------------------- chat
    def chat(self, messages: Sequence[dict], sampling: SamplingSettings | None = None, *,
             json_mode: bool = False, json_schema: dict | str | None = None,
             stop: Sequence[str] = (),
             on_prefill: Callable[[int, int], None] | None = None,
             tools: Sequence[dict] | None = None, tool_choice: str | dict = "auto",
             parallel_tool_calls: bool = True) -> Turn:
        """Stream the assistant's answer to `messages` (dicts with role and content; assistant
        `tool_calls` and `role: tool` messages too when the template supports tools).

        `tools` (OpenAI's function tools) are offered through the chat template unless
        `tool_choice` is "none"; "auto" adds a lazy grammar that holds a `<tool_call>` block to
        the tools' schemas once the model opens one, "required" or {"type": "function",
        "function": {"name": ...}} force a call from the first token. The text is returned as
        the model wrote it (core/toolcalls.py parses it).

        Raises ContextOverflowError (before any work) when the prompt does not fit, and
        ToolsUnsupportedError when tools meet a template without them."""
        t0 = time.perf_counter()
        self._require()
        sampling = sampling or SamplingSettings()
        if (self.base_model and not tools and json_schema is None and not json_mode
                and (self._settings is None or self._settings.n_seq_max <= 1)):
            # (parallel streams keep the turn format for now: their answers were measured
            # identical to solo with it, not yet with these documents)
            return self._base_chat(messages, sampling, stop, on_prefill, t0)
        offered = list(tools or []) if tool_choice != "none" else []
        tokens = self.chat_tokens(messages, tools=offered or None)
        # the template's end-of-turn text too, for files whose EOS token is misconfigured
        stops = [s for s in self._template_stops if s] + list(stop)
        if offered:
            if json_mode or json_schema is not None:
                raise EmberError(tr("A JSON response format and tools cannot be combined: "
                                    "both need the grammar. Send one of them, or "
                                    "tool_choice 'none'."))
            grammar = self._tool_grammar(offered, tool_choice, parallel_tool_calls)
        else:
            grammar = self._grammar(json_mode, json_schema)
        return self.generate(tokens, sampling, grammar=grammar, stop=stops,
                             on_prefill=on_prefill, t0=t0)

    def _base_chat(self, messages, sampling: SamplingSettings, stop, on_prefill, t0) -> Turn:
        """A base model's turn (base.py): the document to continue, the answer's prefix (a
        function's header in a code block) streamed first, the turn-marker stops, the
        repetition guard."""
        bp = base_prompt(list(messages))
        tokens = self.tokenize(bp.text, add_special=True, parse_special=False)
        inner = self.generate(tokens, sampling, stop=list(bp.stops) + list(stop),
                              on_prefill=on_prefill, t0=t0, guard=True)

        def run(turn: Turn):
            turn.metrics = inner.metrics   # one object: the inner turn fills it
            body, tail = [], ""
            try:
                if bp.answer_prefix:
                    yield bp.answer_prefix
                lead = bp.kind == "qa"  # "Answer:" is followed by a space or a newline
                for piece in inner:
                    if lead:
                        piece = piece.lstrip()
                        if not piece:
                            continue
                        lead = False
                    body.append(piece)
                    yield piece
                if bp.answer_suffix and not stop:  # a caller's stop string ends it as asked
                    tail = ("" if "".join(body).endswith("\n") else "\n") + bp.answer_suffix
                    yield tail
            finally:
                inner.close()
                if not turn.metrics.finish_reason:  # stopped before the model's first token
                    turn.metrics.finish_reason = "cancelled"
                turn.text = bp.answer_prefix + "".join(body) + tail

        turn = Turn(run)
        turn.request = None  # one stream only (chat() sends base models here without --parallel)
        turn.base_prompt = bp
        return turn

    def _tool_grammar(self, tools: list[dict], choice, parallel: bool) -> ToolGrammar:
        name = None
        if isinstance(choice, dict):
            name = choice["function"]["name"]
        lazy = choice == "auto"
        open_token = self._single_token(OPEN)  # per vocabulary: part of the key
        key = grammar_key(tools, name, lazy, parallel) + f":{open_token}"
        if key not in self._grammar_cache:
            if len(self._grammar_cache) >= 64:  # an agent's changing tool lists: stay bounded
                self._grammar_cache.clear()
            try:
                self._grammar_cache[key] = tool_grammar(
                    tools, name=name, lazy=lazy, parallel=parallel and name is None,
                    open_token=open_token)
            except Exception as e:
                raise EmberError(tr("The tools' parameter schemas could not be turned into "
                                    "a grammar: {e}").format(e=e)) from e
        return self._grammar_cache[key]

    def complete(self, prompt: str, sampling: SamplingSettings | None = None, *,
                 stop: Sequence[str] = ()) -> Turn:
        """Plain text continuation (no chat template), e.g. for base models and benchmarks."""
        t0 = time.perf_counter()
        self._require()
        tokens = self.tokenize(prompt, add_special=True, parse_special=False)
        return self.generate(tokens, sampling or SamplingSettings(), stop=stop, t0=t0)

    def generate(self, tokens: list[int], sampling: SamplingSettings, *,
                 grammar: LlamaGrammar | None = None, stop: Sequence[str] = (),
                 on_prefill: Callable[[int, int], None] | None = None,
                 t0: float | None = None, guard: bool = False) -> Turn:
        """Stream the continuation of `tokens`. `t0` is when the request began (for TTFT)."""
        self._require()
        n_ctx = llama_cpp.llama_n_ctx(self._ctx)
        if not tokens:
            raise EmberError(tr("The prompt is empty."))
        if len(tokens) >= n_ctx:
            raise ContextOverflowError(len(tokens), n_ctx)
        self._cancel.clear()
        t0 = time.perf_counter() if t0 is None else t0
        turn = Turn(lambda turn: self._run(turn, tokens, sampling, grammar, list(stop),
                                           on_prefill, n_ctx, t0, guard=guard))
        # what parallel.Scheduler needs to decode it in a batch instead of iterating it
        turn.request = GenRequest(list(tokens), sampling, grammar, list(stop), on_prefill,
                                  n_ctx, t0)
        return turn

    def _samplers(self, s: SamplingSettings, grammar: LlamaGrammar | None):
        sampler = self._make_sampler(s, grammar)
        n_vocab = llama_cpp.llama_vocab_n_tokens(self._vocab)
        if self.fast_sampling and grammar is None and s.repeat_penalty in (0, 1.0) \
                and (s.temperature <= 0 or 0 < s.top_k < n_vocab):
            return sampler, _TopKSampler(self._ctx, sampler, n_vocab,
                                         0 if s.temperature <= 0 else s.top_k)
        return sampler, None

    def _eog_mask(self, s: SamplingSettings, grammar) -> EogMask | None:
        """This turn's EogMask (min_tokens / ignore_eos), or None. A grammar decides where its
        answer ends (JSON, a tool call): with one, neither applies (the API refuses the pair)."""
        if grammar is not None or not (s.ignore_eos or (s.min_tokens or 0) > 0):
            return None
        if self._eog_ids is None:  # asked once per loaded vocabulary
            vocab, is_eog = self._vocab, llama_cpp.llama_vocab_is_eog
            n = llama_cpp.llama_vocab_n_tokens(vocab)
            self._eog_ids = np.array([t for t in range(n) if is_eog(vocab, t)], dtype=np.int64)
        return EogMask(self._ctx, self._eog_ids, llama_cpp.llama_vocab_n_tokens(self._vocab), s)

    def _use_backend_sampling(self, grammar) -> bool:
        """Whether this turn's chain goes onto llama.cpp's backend (see backend_sampling)."""
        if grammar is not None:  # the grammar sampler has no backend version
            return False
        if self.backend_sampling is not None:
            return self.backend_sampling
        return os.environ.get("EMBER_BACKEND_SAMPLING") == "1"

    def _reuse_prefix(self, tokens: list[int]) -> int:
        """Keep the longest common prefix of the KV cache and `tokens`; return its length."""
        kv = self._kv_tokens
        n = 0
        limit = min(len(kv), len(tokens))
        while n < limit and kv[n] == tokens[n]:
            n += 1
        if n == len(tokens):
            n -= 1  # the last prompt token must be evaluated again to get fresh logits
        mem = self._mem
        if n > 0 and self._n_swa > 0:
            # a sliding-window cache may have dropped positions the new tokens still attend to
            pos_min = llama_cpp.llama_memory_seq_pos_min(mem, 0)
            if pos_min > max(0, n - self._n_swa):
                n = 0
        if n < len(kv):
            if n == 0 or not llama_cpp.llama_memory_seq_rm(mem, 0, n, -1):
                llama_cpp.llama_memory_clear(mem, True)
                n = 0
            del kv[n:]
        return n

    def _sync_kv_after_abort(self) -> None:
        pos_max = llama_cpp.llama_memory_seq_pos_max(self._mem, 0)
        del self._kv_tokens[max(0, pos_max + 1):]

    def _run(self, turn: Turn, tokens: list[int], s: SamplingSettings, grammar, stop_strings,
             on_prefill, n_ctx: int, t0: float, prefill_only: bool = False,
             guard: bool = False) -> Iterator[str]:
        m = turn.metrics
        m.n_ctx = n_ctx
        m.prompt_tokens = len(tokens)
        # a chain left attached by a turn that was never closed would sample this prompt's last
        # token on the backend, and its logits would not reach the host: detach it (a no-op
        # when none is attached)
        llama_cpp.llama_set_sampler(self._ctx, 0, None)
        sampler, fast = self._samplers(s, grammar)
        on_backend = False
        mask, hold, want_backend = self._turn_mode(s, grammar, prefill_only)
        ctx, vocab, kv = self._ctx, self._vocab, self._kv_tokens
        decode, get_one = llama_cpp.llama_decode, llama_cpp.llama_batch_get_one
        sample, is_eog = llama_cpp.llama_sampler_sample, llama_cpp.llama_vocab_is_eog
        cancel = self._cancel
        tok_cache = self._tok_cache
        gov = self.governor
        gov.start_turn()
        stops = _StopMatcher(stop_strings)
        utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pieces: list[str] = []
        finish = "cancelled"
        t_first = t_last = None
        n_dec = 0
        try:
            if not self._prefill(m, tokens, on_prefill, t0):
                return   # cancelled while reading the prompt
            if prefill_only:
                finish = "prefill"
                return

            drafter = None if want_backend else self._drafter()
            if drafter is not None and self._can_roll_back():
                spec = self._decode_speculative(m, s, sampler, fast, drafter, tokens, stops,
                                                utf8, pieces, n_ctx, t0, mask, hold)
                finish, n_dec, t_first, t_last = yield from spec
                yield from _tail(utf8, stops, pieces)
                return

            # ---- decode: one token per llama_decode, sampled by the C sampler chain
            one = (llama_cpp.llama_token * 1)()
            batch = get_one(one, 1)
            max_tokens = _max_tokens(s, n_ctx)
            n_gen = 0
            if mask is not None:
                mask(-1, 0)
            tok = fast() if fast is not None else sample(sampler, ctx, -1)
            t_first = t_last = time.perf_counter()
            m.ttft_s = t_first - t0
            # the prompt's logits were on the host; the rest are sampled in the graph
            on_backend = want_backend and self._sample_on_backend(m, sampler)
            while True:
                hit = tok_cache.get(tok)
                if hit is None:  # each token's piece and end-of-generation flag, asked once
                    hit = tok_cache[tok] = (self._piece(tok), bool(is_eog(vocab, tok)))
                if hit[1]:
                    finish = "stop"
                    break
                n_gen += 1
                m.completion_tokens = n_gen
                text = utf8.decode(hit[0])
                if text:
                    stopped = False
                    if n_gen > hold:
                        text, stopped = stops.feed(text)
                    if text:
                        pieces.append(text)
                        yield text
                    if stopped:
                        finish = "stop"
                        break
                    if guard and n_gen > hold and n_gen % 8 == 0 \
                            and repeating("".join(pieces[-4000:])):
                        finish = "stop"
                        m.repetition = True
                        break
                if n_gen >= max_tokens or len(kv) + 1 >= n_ctx:
                    finish = "length"
                    break
                if cancel.is_set():
                    finish = "cancelled"
                    break
                one[0] = tok
                gov.tick()
                rc = decode(ctx, batch)
                if rc != 0:
                    if rc == 1:  # no room left in the KV cache
                        finish = "length"
                        break
                    raise EmberError(_decode_failure("generate", rc))
                kv.append(tok)
                n_dec += 1
                if on_backend:  # llama.cpp sampled it in the graph: sample() returns it
                    tok = sample(sampler, ctx, -1)
                else:
                    if mask is not None:
                        mask(-1, n_gen)
                    tok = fast() if fast is not None else sample(sampler, ctx, -1)
                t_last = time.perf_counter()
            yield from _tail(utf8, stops, pieces)
        except GeneratorExit:
            finish = "cancelled"
            raise
        finally:
            self._free_sampler(sampler, on_backend)
            m.finish_reason = finish
            m.total_s = time.perf_counter() - t0
            gov.report(m)
            _decode_speed(m, t_first, t_last, n_dec)
            turn.text = "".join(pieces)

    def _free_sampler(self, sampler, on_backend: bool) -> None:
        if on_backend:  # detach before freeing: the context keeps the pointer
            llama_cpp.llama_set_sampler(self._ctx, 0, None)
        llama_cpp.llama_sampler_free(sampler)

    def _turn_mode(self, s: SamplingSettings, grammar, prefill_only: bool):
        """(the EOG mask or None, the tokens before which nothing may end, whether the chain
        samples on the backend)."""
        mask = None if prefill_only else self._eog_mask(s, grammar)
        # no end before min_tokens (SamplingSettings): stops and the guard wait for it too
        hold = s.min_tokens if mask is not None else 0
        # the mask writes the logits on the host: a chain on the backend would not see it
        want_backend = not prefill_only and mask is None and self._use_backend_sampling(grammar)
        return mask, hold, want_backend

    def _sample_on_backend(self, m: TurnMetrics, sampler) -> bool:
        """Attach the chain to the context: llama.cpp samples the next tokens in the graph."""
        m.backend_sampling = bool(llama_cpp.llama_set_sampler(self._ctx, 0, sampler))
        return m.backend_sampling

    def _prefill(self, m: TurnMetrics, tokens: list[int], on_prefill, t0: float) -> bool:
        """The prompt: reuse the cached prefix, evaluate the rest in cancellable chunks (each
        said to `on_prefill`); False when cancelled (what was processed stays cached)."""
        ctx, kv, gov = self._ctx, self._kv_tokens, self.governor
        decode, get_one = llama_cpp.llama_decode, llama_cpp.llama_batch_get_one
        n_keep = self._reuse_prefix(tokens)
        m.reused_tokens = n_keep
        todo = tokens[n_keep:]
        n_batch = llama_cpp.llama_n_batch(ctx)
        arr = (llama_cpp.llama_token * len(todo))(*todo)
        elem = ctypes.sizeof(llama_cpp.llama_token)
        llama_cpp.llama_set_abort_callback(ctx, self._abort_cb, None)
        try:
            for i in range(0, len(todo), n_batch):
                if self._cancel.is_set():
                    return False
                n = min(n_batch, len(todo) - i)
                gov.tick()
                ptr = ctypes.cast(ctypes.addressof(arr) + i * elem,
                                  ctypes.POINTER(llama_cpp.llama_token))
                rc = decode(ctx, get_one(ptr, n))
                if rc == 2:  # aborted by cancel(): keep what was processed
                    kv.extend(todo[i:i + n])
                    self._sync_kv_after_abort()
                    m.processed_tokens = len(kv) - n_keep
                    return False
                if rc != 0:
                    raise EmberError(_decode_failure("process the prompt", rc))
                kv.extend(todo[i:i + n])
                m.processed_tokens = len(kv) - n_keep
                if on_prefill is not None:
                    on_prefill(m.processed_tokens, len(todo))
        finally:
            llama_cpp.llama_set_abort_callback(ctx, llama_cpp.ggml_abort_callback(0), None)
        m.prefill_s = time.perf_counter() - t0
        if m.processed_tokens:
            m.prefill_tps = m.processed_tokens / max(m.prefill_s, 1e-9)
        return True

    # ------------------------------------------------------------- speculative decode loop
    def _can_roll_back(self) -> bool:
        """Whether rejected drafts can leave the KV cache (not in recurrent models' state)."""
        return not (llama_cpp.llama_model_is_recurrent(self._model)
                    or llama_cpp.llama_model_is_hybrid(self._model))

    def _decode_speculative(self, m: TurnMetrics, s: SamplingSettings, sampler, fast, drafter,
                            prompt: list[int], stops: _StopMatcher, utf8, pieces: list[str],
                            n_ctx: int, t0: float, mask: EogMask | None = None, hold: int = 0):
        """The decode loop with drafts (speculative.py): yields text like _run's own loop and
        returns (finish, tokens decoded, time of the first and of the last sampled token)."""
        ctx, vocab, kv, mem = self._ctx, self._vocab, self._kv_tokens, self._mem
        cancel, tok_cache = self._cancel, self._tok_cache
        is_eog = llama_cpp.llama_vocab_is_eog
        n_max = self.speculative.n_max
        b = self._spec_batch_for(n_max + 1)
        max_tokens = _max_tokens(s, n_ctx)
        n_gen = n_dec = 0
        finish = "cancelled"
        m.speculative = drafter.kind

        def take(i: int) -> int:
            return _take(i, n_gen, mask, fast, sampler, ctx)

        def feed(tok: int):
            """The text a sampled token adds, and why the answer ends there (or None)."""
            nonlocal n_gen
            hit = tok_cache.get(tok)
            if hit is None:
                hit = tok_cache[tok] = (self._piece(tok), bool(is_eog(vocab, tok)))
            if hit[1]:
                return "", "stop"
            n_gen += 1
            m.completion_tokens = n_gen
            text = utf8.decode(hit[0])
            if text and n_gen > hold:
                text, stopped = stops.feed(text)
                if stopped:
                    return text, "stop"
            if n_gen >= max_tokens or len(kv) + 1 >= n_ctx:
                return text, "length"
            if cancel.is_set():
                return text, "cancelled"
            return text, None

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
                room = min(n_max, n_ctx - len(kv) - 2, max_tokens - n_gen)
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
        self.governor.tick()
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


def _template_message(m: dict) -> dict:
    """A message as chat templates read it: role and content; an assistant's tool calls with
    their arguments as objects (templates write `arguments | tojson`); a tool result's id."""
    out = {"role": m["role"], "content": m.get("content") or ""}
    if m.get("tool_calls"):
        out["tool_calls"] = [
            {"id": c.get("id"), "type": "function",
             "function": {"name": c["function"]["name"],
                          "arguments": arguments_for_template(c["function"].get("arguments"))}}
            for c in m["tool_calls"]]
    if m["role"] == "tool":
        for k in ("tool_call_id", "name"):
            if m.get(k) is not None:
                out[k] = m[k]
    return out
