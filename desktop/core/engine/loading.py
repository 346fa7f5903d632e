"""The engine's load and unload (issue 26: a room of the Engine): a GGUF checked first
(gguf_meta), loaded with its context, the load's log read for where the layers and buffers
went and which devices it uses, the chat format chosen (the model's template or a fallback),
and everything freed again. Mixed into Engine (core.py)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import llama_cpp
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from .. import gguf_meta
from ..errors import EmberError, ModelLoadError
from ..texts import tr
from ..turns import LoadSettings, ModelInfo
from .base import base_prompt, is_base_model
from .formats import FALLBACK_FORMATS, fallback_format_for
from .native import (
    FLASH_ATTN,
    KV_TYPES,
    NATIVE_LOG,
    ROPE_SCALING,
    _extra_bufts_safe,
    _last_error,
    max_token_bytes,
    reported_buffers,
    used_devices,
)
from .state import EngineState
from .threads import ThreadGovernor
from .tools import template_tool_support


class Loading(EngineState):
    @property
    def loaded(self) -> bool:
        return self._ctx is not None

    def load(self, path: str | Path, settings: LoadSettings | None = None,
             progress: Callable[[float], bool | None] | None = None) -> ModelInfo:
        """Load a GGUF (a split model by its first shard). Raises ModelFileError/ModelLoadError."""
        settings = settings or LoadSettings()
        meta = gguf_meta.inspect(path)  # clear errors for missing / not GGUF / truncated files
        path = meta.path
        _check_settings(settings)
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
        ctx = llama_cpp.llama_init_from_model(
            model, _context_params(settings, n_threads, n_threads_batch))
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
        offloaded, fa = _offload_and_flash_attn(lines, settings.flash_attn)

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
            devices=used_devices(lines),
            n_vocab=llama_cpp.llama_vocab_n_tokens(llama_cpp.llama_model_get_vocab(model)),
            max_token_bytes=max_token_bytes(lines))
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

    def base_prompt_tokens(self, messages) -> int | None:
        """A base model's prompt as chat() sends it (the document of base.py, not the chat
        template): its tokens; None for a model that chats through its template."""
        if not (self.base_model and (self._settings is None or self._settings.n_seq_max <= 1)):
            return None
        text = base_prompt(list(messages)).text
        return len(self.tokenize(text, add_special=True, parse_special=False))  # type: ignore[attr-defined]

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


def _check_settings(settings: LoadSettings) -> None:
    """A KV cache type and flash attention setting llama.cpp takes, and that go together."""
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


def _context_params(settings: LoadSettings, n_threads: int, n_threads_batch: int):
    """llama_context_params for `settings`: one unified KV cache for every sequence."""
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
    return cparams


def _offload_and_flash_attn(lines: list[str], asked: str) -> tuple[int | None, str]:
    """From the load's log: the layers offloaded (None: not said) and flash attention as
    llama.cpp resolved it ("auto" becomes on or off)."""
    offloaded, fa = None, asked
    for line in lines:
        m = re.search(r"offloaded (\d+)/(\d+) layers to GPU", line)
        if m:
            offloaded = int(m.group(1))
        m = re.search(r"flash_attn\s*=\s*(\w+)", line)
        if m:
            fa = {"1": "on", "0": "off", "enabled": "on", "disabled": "off"}.get(m.group(1),
                                                                               m.group(1))
    return offloaded, fa
