"""Errors a user can read: every one says what went wrong and what to do."""
from __future__ import annotations

from pathlib import Path

from .texts import tr


class EmberError(Exception):
    """Base class: its message is shown to the user as it is, without a traceback."""


class ModelFileError(EmberError):
    """The model file is missing, not a GGUF, truncated, corrupt or of an unsupported kind."""

    def __init__(self, message: str, *, path: Path | None = None, kind: str = "invalid"):
        super().__init__(message)
        self.path = path
        self.kind = kind


class ModelLoadError(EmberError):
    """llama.cpp refused the model (unsupported architecture, out of memory, ...)."""

    def __init__(self, message: str, *, reason: str = "failed", log: str = ""):
        super().__init__(message)
        self.reason = reason
        self.log = log


class ContextOverflowError(EmberError):
    """The prompt does not fit the context window."""

    def __init__(self, prompt_tokens: int, n_ctx: int):
        self.prompt_tokens = prompt_tokens
        self.n_ctx = n_ctx
        self.over_by = prompt_tokens - n_ctx + 1
        text = (tr("The prompt is {prompt_tokens:,} tokens but the context holds {n_ctx:,}: it "
                   "is {over_by:,} token too long (one position is kept for the answer). Shorten "
                   "it, start a new chat, or load the model with a larger context.")
                if self.over_by == 1 else
                tr("The prompt is {prompt_tokens:,} tokens but the context holds {n_ctx:,}: it "
                   "is {over_by:,} tokens too long (one position is kept for the answer). Shorten "
                   "it, start a new chat, or load the model with a larger context."))
        super().__init__(text.format(prompt_tokens=prompt_tokens, n_ctx=n_ctx,
                                     over_by=self.over_by))


class NoModelError(EmberError):
    """No model is loaded or none could be found."""
