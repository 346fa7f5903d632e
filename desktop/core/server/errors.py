"""The engine API's errors (issue 26: their own room): OpenAI's shape,
{"error": {"message", "type", "param", "code"}}, with the status OpenAI uses, and what each of
Ember's own exceptions becomes."""
from __future__ import annotations

import logging

from starlette.responses import JSONResponse

from ..errors import ContextOverflowError, EmberError, ModelFileError, ModelLoadError, NoModelError
from ..toolcalls import ToolsUnsupportedError
from .host import JobCancelled

log = logging.getLogger("ember.server")

MAX_BODY_BYTES = 64 << 20          # a 128K-token document is well under this


class APIError(Exception):
    def __init__(self, status: int, message: str, *, type_: str = "invalid_request_error",
                 code: str | None = None, param: str | None = None, extra: dict | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.message, self.type, self.code, self.param = status, message, type_, code, param
        self.extra = extra or {}
        self.headers = headers or {}       # e.g. Retry-After on a 503 while a model loads

    def body(self) -> dict:
        err = {"message": self.message, "type": self.type, "param": self.param, "code": self.code}
        err.update(self.extra)
        return {"error": err}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status, headers=self.headers or None)


def _overflow(e: ContextOverflowError) -> APIError:
    return APIError(
        400, f"This model's maximum context length is {e.n_ctx} tokens. However, your messages "
             f"resulted in {e.prompt_tokens} tokens ({e.over_by} too many; one position is kept "
             "for the answer). Shorten the prompt or load the model with a larger context.",
        code="context_length_exceeded", param="messages",
        extra={"prompt_tokens": e.prompt_tokens, "n_ctx": e.n_ctx, "over_by": e.over_by})


def _from_exception(e: BaseException) -> APIError:
    if isinstance(e, APIError):
        return e
    if isinstance(e, ContextOverflowError):
        return _overflow(e)
    if isinstance(e, NoModelError):
        return APIError(503, str(e), type_="server_error", code="model_not_loaded")
    if isinstance(e, ModelFileError):
        return APIError(404 if e.kind == "missing" else 400, str(e), code=f"model_file_{e.kind}")
    if isinstance(e, ModelLoadError):
        return APIError(500, str(e), type_="server_error", code=f"load_{e.reason}")
    if isinstance(e, ToolsUnsupportedError):
        return APIError(400, str(e), param="tools", code="tools_unsupported")
    if isinstance(e, JobCancelled):
        return APIError(499, "The request was cancelled.", code="cancelled")
    if isinstance(e, EmberError):
        return APIError(400, str(e))
    log.exception("unexpected error", exc_info=e)
    return APIError(500, f"Unexpected error in the engine: {type(e).__name__}: {e}",
                    type_="server_error")


def _too_large(limit: int) -> APIError:
    return APIError(413, f"The request body is larger than {limit // (1 << 20)} MiB.",
                    code="body_too_large")


class _BodyTooLarge(APIError):
    """Raised while a body without a Content-Length is read: the endpoint answers 413."""

    def __init__(self, limit: int = MAX_BODY_BYTES):
        e = _too_large(limit)
        super().__init__(e.status, e.message, code=e.code)


def _tools_unsupported(why: str | None) -> APIError:
    return APIError(400, f"This model's chat template has no tools support ({why}). Send the "
                         "request without 'tools' and tool messages, or load a model whose "
                         "template has tools (Qwen2.5-Instruct, Qwen3, Hermes).",
                    param="tools", code="tools_unsupported")
