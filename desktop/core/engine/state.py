"""What the Engine's rooms share (issue 26): the state and the methods that loading.py,
kv.py and decoding.py use on `self`, declared once for the type check. Annotations only: the
values are set by Engine.__init__ (core.py) and Loading.load, the methods are Engine's own.

Part of desktop/core/engine (its __init__ tells the whole story)."""
from __future__ import annotations

import threading
from typing import Any, Callable, Generator

import numpy as np
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from ..turns import LoadSettings, ModelInfo
from .speculative import DraftModel, SpeculativeSettings
from .threads import ThreadGovernor


class EngineState:
    """The Engine's attributes and the methods its rooms call (Loading, KVSnapshots,
    SpeculativeLoop inherit it; Engine inherits them)."""

    # llama.cpp's handles (ctypes pointers), None while no model is loaded
    _model: Any
    _ctx: Any
    _vocab: Any
    _mem: Any
    _n_swa: int                     # the model's sliding window (0: none), set by load
    _kv_tokens: list[int]           # the tokens the KV cache holds (sequence 0)
    _cancel: threading.Event
    _formatter: Jinja2ChatFormatter | None
    _tok_cache: dict[int, tuple[bytes, bool]]
    _eog_ids: np.ndarray | None
    _settings: LoadSettings | None
    governor: ThreadGovernor | None
    tool_support: tuple[bool, str | None]
    info: ModelInfo | None
    kv_owner: str | None
    base_model: bool
    # speculative decoding (speculative.py, decoding.py)
    speculative: SpeculativeSettings
    _draft_model: DraftModel | None
    _spec_batch: Any                # a llama_batch, None until the first speculative turn
    _spec_cap: int

    # Engine's methods (core.py) that the rooms call
    _require: Callable[[], None]
    _drop_draft: Callable[[], None]
    token_text: Callable[[int], str]
    _piece: Callable[[int], bytes]
    _run: Callable[..., Generator[str, None, None]]
