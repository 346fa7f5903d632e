"""The engine (a package): owns one llama.cpp model and context, streams chat turns.

Qt-free. One thread owns an Engine (loads, chats, unloads); `cancel()` may be called from any
thread and takes effect before the next token (or the next prompt chunk).

The decode loop talks to llama.cpp's C API directly (llama_decode on one token, the C sampler
chain, token_to_piece into a reused buffer): llama-cpp-python's high-level `Llama.generate`
spends a noticeable share of each token in Python (numpy copies, per-token stop checks over the
whole text), which is the gap to native llama.cpp speed this engine removes.
"""
from __future__ import annotations

from ..turns import LoadSettings, ModelInfo, SamplingSettings, Turn, TurnMetrics, _StopMatcher
from .core import Engine
from .formats import FALLBACK_FORMATS, fallback_format_for
from .native import FLASH_ATTN, KV_TYPES, NATIVE_LOG, ROPE_SCALING, guard_llama_defaults
from .parallel import Scheduler

__all__ = ["Engine", "LoadSettings", "ModelInfo", "SamplingSettings", "Turn", "TurnMetrics",
           "_StopMatcher", "FALLBACK_FORMATS", "fallback_format_for", "FLASH_ATTN", "KV_TYPES",
           "NATIVE_LOG", "ROPE_SCALING", "guard_llama_defaults", "Scheduler"]
