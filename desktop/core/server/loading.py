"""While a model loads (issue 29): what /health says, and requests that wait for the load.

/health answers like llama-server's: HTTP 503 with {"status": "loading", "error": {"code": 503,
"message": "Loading model", "type": "unavailable_error"}, "loading": {"model", "progress"}} while
a load is in progress (the model named on `ember serve`'s command line from the moment the
engine listens); HTTP 500 with "status": "error" and the load's message when the last load
failed and left no model (a fault that waiting will not mend, unlike a 503); HTTP 200 "ok"
otherwise, a model loaded or not (`--model none`). Every answer carries the same fields (pid,
version, build, ...), so a client that only wants to know the engine is up reads any of them.

A completion that arrives during a load waits for it, as Ollama's do: up to
ServerConfig.load_wait_s (`ember serve --load-wait`), polling on the event loop, never blocking
it. The load's end lets it go on; a failed load answers it with the load's error; the time
running out answers 503 "Loading model" with Retry-After. A client that hangs up while it waits
is let go at once: nothing was queued for it.
"""
from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from starlette.responses import JSONResponse

from .errors import APIError, _from_exception

if TYPE_CHECKING:
    from starlette.requests import Request

    from .host import EngineHost, LoadState

POLL_S = 0.05


def load_dict(st: "LoadState | None") -> dict | None:
    return None if st is None else {"model": st.label, "progress": st.progress}


def with_loading(data: list[dict], st: "LoadState | None", created: int) -> list[dict]:
    """/v1/models' list with the model being loaded marked (`ember.loading`), or put first
    when it is not in the list (loaded False: it is what requests will get once it loaded)."""
    if st is None or not st.label:
        return data
    for m in data:
        if m["id"] == st.label:
            m["ember"]["loading"] = load_dict(st)
            return data
    return [{"id": st.label, "object": "model", "created": created, "owned_by": "ember",
             "ember": {"loaded": False, "loading": load_dict(st)}}, *data]


def failure_message(st: "LoadState") -> str:
    what, e = st.label or "The model", st.error
    if e is None:
        return f"{what} could not be loaded."
    why = e.message if isinstance(e, APIError) else str(e) or type(e).__name__
    return f"{what} could not be loaded: {why}"


def health_response(h: "EngineHost", fields: dict) -> JSONResponse:
    """/health: 200 "ok", 503 "loading" or 500 "error" (the module's docstring)."""
    st, failed = h.loading, h.load_failed
    body = dict(fields, loading=load_dict(st))
    if st is not None:
        body.update(status="loading", error={"code": 503, "message": "Loading model",
                                             "type": "unavailable_error"})
        return JSONResponse(body, status_code=503, headers={"Retry-After": _retry_after(st)})
    if failed is not None and h.model_id is None:
        body.update(status="error", load_error={"model": failed.label,
                                                "message": failure_message(failed)},
                    error={"code": 500, "message": failure_message(failed),
                           "type": "server_error"})
        return JSONResponse(body, status_code=500)
    body["status"] = "ok"
    return JSONResponse(body)


def _retry_after(st: "LoadState") -> str:
    """Seconds until the load is likely done, from its progress so far (1 to 60)."""
    elapsed = max(0.0, time.time() - st.started) if st.started else 0.0
    if st.progress > 0.02:
        left = elapsed * (1 - st.progress) / st.progress
    else:
        left = 5.0
    return str(int(max(1, min(60, round(left)))))


def loading_error(st: "LoadState", waited: float) -> APIError:
    return APIError(503, f"Loading model: {st.label or 'the model'} is still loading "
                         f"({st.progress:.0%}) after {waited:.0f} s; try again shortly.",
                    type_="unavailable_error", code="model_loading",
                    extra={"loading": load_dict(st)},
                    headers={"Retry-After": _retry_after(st)})


async def wait_for_load(h: "EngineHost", request: "Request | None", timeout: float) -> None:
    """Wait while a model loads (up to `timeout` seconds). Returns when no load is in
    progress; raises the failed load's error, a 503 with Retry-After when the time ran out,
    or a 499 when the client hung up."""
    if h.loading is None:
        return
    t0 = time.monotonic()
    last: LoadState | None = None
    gone = asyncio.ensure_future(_disconnected(request)) if request is not None else None
    try:
        while (st := h.loading) is not None:
            last = st
            waited = time.monotonic() - t0
            if gone is not None and gone.done():
                raise APIError(499, "The client went away while the model loaded.",
                               code="cancelled")
            if waited >= timeout:
                raise loading_error(st, waited)
            step = min(POLL_S, timeout - waited)
            if gone is not None:
                await asyncio.wait({gone}, timeout=step)
            else:
                await asyncio.sleep(step)
    finally:
        if gone is not None:
            gone.cancel()
    if last is not None and last.error is not None and h.model_id is None:
        raise _from_exception(last.error)


async def _disconnected(request: "Request") -> None:
    """Returns when the client hangs up (the body was read before)."""
    while True:
        msg = await request.receive()
        if msg["type"] == "http.disconnect":
            return
