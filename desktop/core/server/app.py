"""The engine's HTTP API: OpenAI-compatible routes under /v1 and Ember's own under /ember.

Built on Starlette (ASGI) and served by uvicorn (run.py). Every request that needs the model
becomes a job on the EngineHost's thread; streaming answers are Server-Sent Events read from the
job's event queue. A client that disconnects cancels its job: a queued one never starts, a
running one stops before its next token.

Errors have OpenAI's shape, {"error": {"message", "type", "param", "code"}}, with the status
OpenAI uses: 400 for a bad request (a prompt longer than the context included, with the
numbers), 401 for a missing token, 403 for a refused host or origin, 404 for an unknown model
or route, 413 for a body over the limit, 503 while no model can answer.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import time
import uuid
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ..errors import EmberError, ModelFileError, NoModelError
from ..toolcalls import ToolCallParser
from .errors import APIError, _from_exception, _tools_unsupported
from .guard import Guard, ServerConfig
from .host import EngineHost, plan_dict
from .loading import failure_message, health_response, load_dict, wait_for_load, with_loading
from .requests import (
    Completion,
    ToolRequest,
    _json_body,
    _messages,
    _num,
    _tools,
    read_completion,
)

log = logging.getLogger("ember.server")



# --------------------------------------------------------------------------- the API
class EmberAPI:
    def __init__(self, host: EngineHost, config: ServerConfig):
        self.host, self.config = host, config
        self.started = time.time()
        self._load_lock = asyncio.Lock()

    # ---- models
    def _installed(self) -> list:
        from .. import models
        try:
            return models.available_models()
        except EmberError:
            return []

    @staticmethod
    def model_id(ref) -> str:
        from .. import models
        if ref.key == models.EMBEDDED:
            return models.EMBEDDED
        return Path(ref.key).stem if ("/" in ref.key or os.sep in ref.key) else ref.key

    async def _ensure_model(self, requested, *, may_load: bool = True,
                            request: Request | None = None) -> str | None:
        """The loaded model's id (None: a model loaded without one); a request naming another installed model loads it first
        (the owner's; a team's key holder gets the loaded model only: `may_load` False).
        A load in progress is waited for first (loading.py)."""
        h = self.host
        if requested is not None and not isinstance(requested, str):
            raise APIError(400, "'model' must be a string.", param="model")
        await wait_for_load(h, request, self.config.load_wait_s)
        if not requested or requested in ("ember", "default") or requested == h.model_id:
            if h.model_id is None:
                if requested in (None, "", "ember", "default"):
                    failed = h.load_failed
                    raise APIError(503, (failure_message(failed) + " " if failed else "")
                                   + "No model is loaded: load one (POST /ember/load) or name "
                                     "an installed model.", type_="server_error",
                                   code="model_not_loaded")
            else:
                return h.model_id
        if not may_load:
            raise APIError(404, f"This engine serves {h.model_id or 'no model yet'}; its owner "
                                f"chooses the model, so '{requested}' cannot be used with an "
                                "API key.", code="model_not_found", param="model")
        loaded_path = h.engine.info.path if h.engine.info is not None else None
        for ref in self._installed():
            mid = self.model_id(ref)
            if requested in (mid, ref.key, ref.title):
                if loaded_path is not None and _same_file(ref.path, loaded_path):
                    return h.model_id  # already loaded (under the name its loader gave)
                async with self._load_lock:
                    if h.model_id != mid:
                        def load(j, ref=ref, mid=mid):
                            return h.run_load(
                                j, str(ref.path), ctx=None, gpu_layers=None, kv_type=None,
                                flash_attn=None, threads=self.config.threads,
                                default_ctx=self.config.default_ctx, model_id=mid)
                        job = h.stream(load, "load")
                        async for _ in h.events(job):
                            pass
                return mid
        raise APIError(404, f"The model '{requested}' does not exist here. GET /v1/models lists "
                            "the models this Ember can run.", code="model_not_found",
                       param="model")

    async def models(self, request: Request) -> Response:
        data: list[dict] = []
        seen = set()
        h = self.host
        created = int(self.started)
        if request.scope.get("ember.key") is not None:   # a key holder: the served model only
            data = with_loading([], h.loading, created) if h.model_id is None else [{
                "id": h.model_id, "object": "model", "created": created,
                "owned_by": "ember", "ember": {"loaded": True}}]
            return JSONResponse({"object": "list", "data": data})
        for ref in self._installed():
            mid = self.model_id(ref)
            if mid in seen:
                continue
            seen.add(mid)
            data.append({"id": mid, "object": "model", "created": created,
                         "owned_by": "ember", "ember": {"title": ref.title, "path": str(ref.path),
                                                        "loaded": mid == h.model_id}})
        if h.model_id is not None and h.model_id not in seen:
            data.insert(0, {"id": h.model_id, "object": "model", "created": created,
                            "owned_by": "ember", "ember": {"loaded": True}})
        return JSONResponse({"object": "list", "data": with_loading(data, h.loading, created)})

    async def health(self, request: Request) -> Response:
        """200 "ok", 503 "loading" or 500 "error" (loading.py)."""
        h = self.host
        info = h.engine.info
        return health_response(h, {
            "pid": os.getpid(), "model": h.model_id,
            "model_name": info.name if info else None,
            "busy": h.current is not None and h.current.kind in ("chat", "completion"),
            "version": _version(), "build": _build()})

    # ---- completions
    async def chat_completions(self, request: Request) -> Response:
        body = await _json_body(request)
        return await self._complete(request, body, chat=True)

    async def completions(self, request: Request) -> Response:
        body = await _json_body(request)
        return await self._complete(request, body, chat=False)

    async def _complete(self, request: Request, body: dict, *, chat: bool) -> Response:
        req = read_completion(body, chat=chat, config=self.config)   # read and checked, once
        key = request.scope.get("ember.key")
        model = await self._ensure_model(req.model, may_load=key is None, request=request)
        self._fits_the_model(req)
        h = self.host
        cid = ("chatcmpl-" if chat else "cmpl-") + uuid.uuid4().hex[:24]
        owner = _owner(key)
        rid = req.request_id
        if rid is None or (owner is not None and rid in h.jobs_by_id):
            rid = cid    # a key cannot take over (or hide) another request's id
        conversation = req.conversation
        if owner is not None and conversation is not None:
            conversation = f"{owner}:{conversation}"   # a key's KV snapshots are its own
        messages, prompt, sampling, tools = req.messages, req.prompt, req.sampling, req.tools
        json_mode, schema, stop, own_tools = req.json_mode, req.schema, req.stop, req.own_tools
        prefill_events, cache_prompt = req.prefill_events, req.cache_prompt

        def work(job):
            return h.run_turn(job, messages=messages, prompt=prompt, sampling=sampling,
                              json_mode=json_mode, schema=schema, stop=stop,
                              conversation=conversation, prefill_events=prefill_events,
                              tools=tools.tools or None, tool_choice=tools.choice,
                              parallel_tool_calls=tools.parallel, cache_prompt=cache_prompt)

        kind = "chat" if chat else "completion"
        if own_tools:  # Ember runs the tool loop itself (agent/loop.py), between rounds
            names, rounds = own_tools

            def work(job):  # noqa: F811 - this request's body
                return h.run_tool_loop(job, messages=messages, sampling=sampling,
                                       tool_names=names, max_rounds=rounds)
            kind = "tools"
        usage = request.scope.get("ember.usage")   # the access log's and the limits' count
        if usage is not None:
            usage["estimate"] = sum(len(t) for t in req.texts) // 4
        job = h.stream(work, kind, request_id=rid, owner=owner, usage=usage)
        created = int(time.time())
        if req.stream:
            return StreamingResponse(
                self._sse(job, cid, created, model, chat, req.include_usage, prefill_events,
                          tools if tools.offered else None),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Ember-Request-Id": rid})
        return await self._collect(request, job, cid, created, model, chat,
                                   tools if tools.offered else None)

    def _fits_the_model(self, req: Completion) -> None:
        """What the loaded model must allow, said before a stream starts (the engine checks
        again on its thread): a text its context can hold, logit_bias ids in its vocabulary,
        a chat template with tools when tools are used."""
        h = self.host
        info = h.engine.info
        check_text_size(info, sum(len(t.encode()) for t in req.texts),
                        "messages" if req.chat else "prompt")
        bias = req.sampling.logit_bias
        if bias and info is not None and info.n_vocab:
            bad = [t for t in bias if t >= info.n_vocab]
            if bad:
                raise APIError(400, f"'logit_bias' names token {bad[0]}, but this model's "
                                    f"vocabulary has {info.n_vocab} tokens.",
                               param="logit_bias", code="invalid_value")
        msgs = req.messages or []
        if req.own_tools or req.tools.offered \
                or any("tool_calls" in m or m["role"] == "tool" for m in msgs):
            ok, why = h.engine.tool_support
            if not ok:
                raise _tools_unsupported(why)

    async def _collect(self, request, job, cid, created, model, chat,
                       tools: ToolRequest | None = None) -> Response:
        pieces: list[str] = []
        metrics_box: dict[str, Any] = {}

        steps: list[dict] = []

        async def consume():
            async for ev in self._events_with_metrics(job, metrics_box):
                if ev[0] == "piece":
                    pieces.append(ev[1])
                elif ev[0] == "step" and ev[1]["status"] != "running":
                    steps.append(ev[1])

        async def disconnected():
            while True:
                msg = await request.receive()
                if msg["type"] == "http.disconnect":
                    return

        work = asyncio.ensure_future(consume())
        watch = asyncio.ensure_future(disconnected())
        try:
            done, _ = await asyncio.wait({work, watch}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            watch.cancel()
        if work not in done:  # the client went away: stop the generation
            self.host.cancel_job(job)
            work.cancel()
            return Response(status_code=499)
        work.result()  # raises the job's error
        m = metrics_box["metrics"]
        text = "".join(pieces)
        finish = _finish(m.finish_reason)
        usage = _usage(m)
        extra = {"metrics": m.as_dict()}
        if steps:
            extra["steps"] = steps
        if chat:
            message: dict[str, Any] = {"role": "assistant", "content": text}
            if tools is not None:
                parser = ToolCallParser(tools.tools)
                parser.feed(text)
                parser.finish()
                if parser.calls:
                    message = {"role": "assistant", "content": parser.content,
                               "tool_calls": [c.as_dict() for c in parser.calls]}
                    finish = _finish(m.finish_reason, tool_calls=True)
                    extra.update(_call_errors(parser.calls))
            choice = {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
            obj = "chat.completion"
        else:
            choice = {"index": 0, "text": text, "finish_reason": finish, "logprobs": None}
            obj = "text_completion"
        return JSONResponse({"id": cid, "object": obj, "created": created, "model": model,
                             "choices": [choice], "usage": usage, "ember": extra})

    async def _events_with_metrics(self, job, box):
        """The job's events; its result (the metrics) goes into box['metrics']."""
        async for ev in self.host.events(job):
            yield ev
        box["metrics"] = m = job.result
        usage = getattr(job, "usage", None)
        if usage is not None and m is not None:
            usage["prompt"], usage["completion"] = m.prompt_tokens, m.completion_tokens

    async def _sse(self, job, cid, created, model, chat, include_usage, prefill_events,
                   tools: ToolRequest | None = None):
        obj = "chat.completion.chunk" if chat else "text_completion"
        parser = ToolCallParser(tools.tools) if tools is not None else None

        def deltas(events):
            """Content and tool-call deltas from the parser's events: a call is two chunks,
            its id, type and name with empty arguments, then its arguments (OpenAI's shape)."""
            for kind, value in events:
                if kind == "content":
                    yield chunk({"content": value})
                else:
                    yield chunk({"tool_calls": [{"index": value.index, "id": value.id,
                                                 "type": "function",
                                                 "function": {"name": value.name,
                                                              "arguments": ""}}]})
                    yield chunk({"tool_calls": [{"index": value.index,
                                                 "function": {"arguments": value.arguments}}]})

        def chunk(delta=None, finish=None, text=None, **extra):
            if chat:
                choice = {"index": 0, "delta": delta or {}, "finish_reason": finish,
                          "logprobs": None}
            else:
                choice = {"index": 0, "text": text or "", "finish_reason": finish,
                          "logprobs": None}
            d = {"id": cid, "object": obj, "created": created, "model": model,
                 "choices": [choice]}
            d.update(extra)
            return "data: " + json.dumps(d, ensure_ascii=False) + "\n\n"

        # a piece's chunk is the same text around the piece each time: made once, the piece
        # alone is encoded per token
        mark = json.dumps("\x00piece\x00")
        pre, post = (chunk({"content": "\x00piece\x00"}) if chat
                     else chunk(text="\x00piece\x00")).split(mark)
        box: dict[str, Any] = {}
        try:
            if chat:  # with tools, content may never come (OpenAI's first chunk then has null)
                yield chunk({"role": "assistant", "content": "" if parser is None else None})
            try:
                async for ev in self._events_with_metrics(job, box):
                    if ev[0] == "piece":
                        if parser is not None:
                            for c in deltas(parser.feed(ev[1])):
                                yield c
                        else:
                            yield pre + json.dumps(ev[1], ensure_ascii=False) + post
                    elif ev[0] == "step":
                        yield ("event: ember.step\ndata: "
                               + json.dumps(ev[1], ensure_ascii=False) + "\n\n")
                    elif prefill_events:
                        yield ("event: ember.prefill\ndata: "
                               + json.dumps({"done": ev[1], "total": ev[2]}) + "\n\n")
            except BaseException as e:
                if isinstance(e, (asyncio.CancelledError, GeneratorExit)):
                    raise
                err = _from_exception(e)
                yield "data: " + json.dumps(err.body(), ensure_ascii=False) + "\n\n"
                return
            m = box["metrics"]
            extra = {"ember": {"metrics": m.as_dict()}}
            finish = _finish(m.finish_reason)
            if parser is not None:
                for c in deltas(parser.finish()):
                    yield c
                if parser.calls:
                    finish = _finish(m.finish_reason, tool_calls=True)
                    extra["ember"].update(_call_errors(parser.calls))
            if include_usage:
                yield chunk({}, finish) if chat else chunk(finish=finish)
                d = {"id": cid, "object": obj, "created": created, "model": model,
                     "choices": [], "usage": _usage(m), **extra}
                yield "data: " + json.dumps(d) + "\n\n"
            else:
                yield (chunk({}, finish, **extra) if chat else chunk(finish=finish, **extra))
            yield "data: [DONE]\n\n"
        finally:
            # the client went away (or the stream ended): a running generation stops at once
            self.host.cancel_job(job)

    # ---- Ember's own routes
    async def load(self, request: Request) -> Response:
        body = await _json_body(request)
        from .. import models
        spec = body.get("model") or body.get("path")
        if not isinstance(spec, str) or not spec:
            raise APIError(400, "'model' (an installed model's id, 'embedded' or a .gguf path) "
                                "is required.", param="model")
        p = Path(spec).expanduser()
        if p.suffix.lower() == ".gguf" or os.sep in spec or "/" in spec:
            # a file: as given (a split model's first shard may be a symlink in the HF cache
            # whose other shards lie beside the link, not beside its target)
            if not p.exists():
                raise APIError(404, f"Model file not found: {p}", code="model_file_missing",
                               param="model")
            ref = models.ModelRef(p.absolute(), p.name)
        else:
            try:
                ref = await asyncio.to_thread(models.resolve, spec)
            except EmberError as e:
                raise _from_exception(e) if isinstance(e, ModelFileError) else APIError(
                    404, str(e), code="model_not_found", param="model") from e
        opts = {}
        for name, kind in (("ctx", int), ("gpu_layers", int), ("threads", int)):
            opts[name] = _num(body, name, kind, -1 if name == "gpu_layers" else 0)
        for name, allowed in (("kv_type", ("f16", "q8_0", "q4_0")),
                              ("flash_attn", ("auto", "on", "off"))):
            v = body.get(name)
            if v is not None and v not in allowed:
                raise APIError(400, f"'{name}' must be one of {', '.join(allowed)}.", param=name)
            opts[name] = v
        mid = body.get("id") if isinstance(body.get("id"), str) else None
        if mid is None:
            for inst in await asyncio.to_thread(self._installed):
                if _same_file(inst.path, ref.path):
                    mid = self.model_id(inst)
                    break
        if mid is None:
            mid = (models.EMBEDDED if ref.embedded else
                   Path(spec).stem if Path(spec).suffix == ".gguf" else spec)
        h = self.host
        threads = opts["threads"] if opts["threads"] else self.config.threads
        job = h.stream(lambda j: h.run_load(
            j, str(ref.path), ctx=opts["ctx"], gpu_layers=opts["gpu_layers"],
            kv_type=opts["kv_type"], flash_attn=opts["flash_attn"], threads=threads,
            default_ctx=self.config.default_ctx, model_id=mid), "load")

        async def events():
            try:
                async for ev in h.events(job):
                    yield "data: " + json.dumps(ev) + "\n\n"
            except BaseException as e:
                if isinstance(e, (asyncio.CancelledError, GeneratorExit)):
                    h.cancel_job(job)
                    raise
                err = _from_exception(e)
                yield "data: " + json.dumps({"event": "error", **err.body()["error"],
                                             "status": err.status}) + "\n\n"
                return
            yield "data: " + json.dumps({"event": "loaded", **job.result}) + "\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    async def unload(self, request: Request) -> Response:
        await self.host.call(lambda e: self.host.run_unload(), "unload")
        return JSONResponse({"unloaded": True})

    async def status(self, request: Request) -> Response:
        h = self.host
        info = h.engine.info
        if request.scope.get("ember.key") is not None:
            # a key holder's view: the model and the engine's shape, not the server's paths,
            # other users' conversations or their last answer
            return JSONResponse({
                "model": h.model_id, "model_name": info.name if info else None,
                "n_ctx": info.n_ctx if info else None, "version": _version(),
                "parallel": {"streams": h.parallel, "active": len(h._batched)}})
        m = h.last_metrics
        return JSONResponse({
            "model": h.model_id, "info": info.as_dict() if info else None,
            "plan": plan_dict(h.plan), "kv_tokens": h.engine.kv_tokens if info else 0,
            "kv_owner": h.engine.kv_owner, "last_metrics": m.as_dict() if m else None,
            "pid": os.getpid(), "version": _version(),
            "parallel": {"streams": h.parallel, "active": len(h._batched),
                         "requested": h.parallel_request, "why": h.parallel_why},
            "speculative": {"mode": h.engine.speculative.mode,
                            "configured": h.speculative.mode,
                            "n_max": h.speculative.n_max,
                            "draft": h.speculative.draft_path,
                            "notice": h.speculative_notice},
            "loading": load_dict(h.loading),
            "load_error": None if h.load_failed is None or h.model_id is not None
            else failure_message(h.load_failed)})

    async def hardware(self, request: Request) -> Response:
        from .. import hardware
        hw = await asyncio.to_thread(hardware.probe)
        return JSONResponse(hw.as_dict())

    def _tokenize_sync(self, body: dict, bounded: bool = False) -> dict:
        """Tokens or counts. `bounded` (a team's key): no more text than the context can hold
        (the owner counts whole documents, larger than the context, to plan retrieval)."""
        eng = self.host.engine
        with self.host.model_lock:
            if not eng.loaded:
                raise NoModelError("No model is loaded: load one first (POST /ember/load).")
            info = eng.info
            assert info is not None  # loaded (load and unload hold the model lock)
            if bounded:
                check_text_size(info, len(json.dumps(body, ensure_ascii=False).encode()), "text")
            if "messages" in body:
                tools = _tools(body)
                offered = tools.tools if tools.offered else None
                msgs = _messages(body)
                if body.get("return_prompt"):  # the prompt as the template renders it
                    rendered = eng.format_chat(msgs, remember_stops=False, tools=offered)
                    toks = eng.chat_tokens(msgs, remember_stops=False, tools=offered)
                    return {"tokens": toks, "count": len(toks), "n_ctx": info.n_ctx,
                            "prompt": rendered}
                if body.get("as_sent") and offered is None:  # a base model's own document
                    n = eng.base_prompt_tokens(msgs)
                    if n is not None:
                        return {"count": n, "n_ctx": info.n_ctx}
                toks = eng.chat_tokens(msgs, remember_stops=False, tools=offered)
                return {"tokens": toks, "count": len(toks), "n_ctx": info.n_ctx}
            texts = body.get("texts")
            if isinstance(texts, list) and all(isinstance(t, str) for t in texts):
                add = bool(body.get("add_special", False))
                parse = bool(body.get("parse_special", True))
                counts = [len(eng.tokenize(t, add_special=add, parse_special=parse)) for t in texts]
                return {"counts": counts, "n_ctx": info.n_ctx}
            text = body.get("text")
            if not isinstance(text, str):
                raise APIError(400, "Give 'text' (a string), 'texts' (a list of strings) or "
                                    "'messages'.", param="text")
            toks = eng.tokenize(text, add_special=bool(body.get("add_special", False)),
                                parse_special=bool(body.get("parse_special", True)))
            return {"tokens": toks, "count": len(toks), "n_ctx": info.n_ctx}

    async def tokenize(self, request: Request) -> Response:
        body = await _json_body(request)
        keyed = request.scope.get("ember.key") is not None
        out = await asyncio.to_thread(self._tokenize_sync, body, keyed)
        usage = request.scope.get("ember.usage")
        if usage is not None:   # what the tokenizer did is charged like a prompt
            usage["prompt"] = out.get("count") or sum(out.get("counts") or [])
        return JSONResponse(out)

    async def cancel(self, request: Request) -> Response:
        """Cancel a request by id, or (no id) what is generating. A key holder cancels only
        its own requests (`ember.request_id` or the X-Ember-Request-Id it was answered with)."""
        body = await _json_body(request) if int(request.headers.get("content-length") or 0) else {}
        rid = body.get("request_id")
        rid = rid if isinstance(rid, str) else None
        key = request.scope.get("ember.key")
        owner = _owner(key)
        return JSONResponse({"cancelled": self.host.cancel(rid, owner=owner)})

    async def kv(self, request: Request) -> Response:
        body = await _json_body(request)
        conv = body.get("conversation")
        if not isinstance(conv, str) or not conv:
            raise APIError(400, "'conversation' (a key string) is required.", param="conversation")
        action = request.path_params["action"]
        h = self.host

        def run(eng):
            cache = h.kvcache()
            if action == "save":
                info = cache.save(eng, conv, force=bool(body.get("force")))
                return {"saved": info is not None,
                        "tokens": info.n_tokens if info else 0,
                        "bytes": info.bytes if info else 0}
            if action == "restore":
                return {"restored_tokens": cache.restore(eng, conv)}
            if action == "drop":
                cache.drop(conv)
                return {"dropped": True}
            raise APIError(404, f"Unknown KV action {action!r}: save, restore or drop.")

        if action in ("save", "restore") and not h.engine.loaded:
            raise NoModelError("No model is loaded.")
        return JSONResponse(await h.call(run, f"kv-{action}"))

    async def shutdown(self, request: Request) -> Response:
        if not self.config.private:
            raise APIError(403, "Shutdown is allowed only on the private channel.",
                           type_="permission_error")
        if callable(self.config.on_shutdown):
            asyncio.get_running_loop().call_later(0.05, self.config.on_shutdown)
        return JSONResponse({"stopping": True})


def _owner(key) -> str | None:
    """Whose a job is: a team's key (by its SHA-256, never shown) or None, the owner."""
    return None if key is None else "key:" + key.sha256


def _same_file(a, b) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _finish(reason: str, tool_calls: bool = False) -> str:
    # OpenAI knows stop, length and tool_calls; a cancelled answer ended by request, so it is
    # a stop (an answer cut by max_tokens stays "length" even after a complete call)
    if reason == "length":
        return "length"
    return "tool_calls" if tool_calls else "stop"


def _call_errors(calls) -> dict:
    """Ember's note on calls whose arguments break their tool's schema (a keyword the grammar
    cannot hold, e.g. a length counted differently): the call is returned all the same."""
    bad = [{"index": c.index, "id": c.id, "error": c.error} for c in calls if c.error]
    return {"tool_call_errors": bad} if bad else {}


def _usage(m) -> dict:
    return {"prompt_tokens": m.prompt_tokens, "completion_tokens": m.completion_tokens,
            "total_tokens": m.prompt_tokens + m.completion_tokens,
            "prompt_tokens_details": {"cached_tokens": m.reused_tokens}}


def _build() -> dict:
    """What this engine's llama.cpp can do (clients plan with it without importing it)."""
    from dataclasses import asdict

    import llama_cpp

    from .. import ggml_backends
    from ..engine import native  # noqa: F401  (loads the backend modules, catching their log)
    from ..hardware import ggml_registry, vulkan_gpus
    regs = ggml_registry(False)[0]
    # listing a CUDA build's devices makes a CUDA context: only a Vulkan-only build's
    devices = ggml_registry(True)[1] if "Vulkan" in regs and "CUDA" not in regs else []
    return {"llama_cpp_version": getattr(llama_cpp, "__version__", None),
            "build_can_offload": bool(llama_cpp.llama_supports_gpu_offload()),
            "backends": regs, "ggml": ggml_backends.state().as_dict(),
            # a Vulkan build's devices (the client cannot list them without llama.cpp)
            "vulkan_gpus": [asdict(g) for g in vulkan_gpus(devices)]}


def _version() -> str:
    from ... import __version__
    return __version__


def create_app(host: EngineHost, config: ServerConfig | None = None):
    config = config or ServerConfig()
    api = EmberAPI(host, config)

    def wrap(fn):
        async def endpoint(request: Request) -> Response:
            try:
                return await fn(request)
            except BaseException as e:
                if isinstance(e, (asyncio.CancelledError, KeyboardInterrupt, SystemExit)):
                    raise
                return _from_exception(e).response()
        return endpoint

    def owner_only(fn):
        """A route that changes the engine itself or reads other users' state: refused to a
        team's key holders (docs/DESIGN.md, the threat model); the private channel and a
        loopback port's token are the owner."""
        async def endpoint(request: Request) -> Response:
            if config.keys is not None:
                return APIError(403, f"{request.url.path} is for the engine's owner (its "
                                     "private channel), not for API keys.",
                                type_="permission_error", code="owner_only").response()
            return await fn(request)
        return endpoint

    # the routes, and who may call them on a team's port: KEY = any key holder, OWNER = not
    KEY, OWNER = wrap, lambda fn: owner_only(wrap(fn))
    routes = [
        Route("/health", KEY(api.health), methods=["GET"]),
        Route("/v1/models", KEY(api.models), methods=["GET"]),
        Route("/v1/chat/completions", KEY(api.chat_completions), methods=["POST"]),
        Route("/v1/completions", KEY(api.completions), methods=["POST"]),
        Route("/ember/status", KEY(api.status), methods=["GET"]),         # a key's view: no paths
        Route("/ember/hardware", KEY(api.hardware), methods=["GET"]),
        Route("/ember/tokenize", KEY(api.tokenize), methods=["POST"]),    # bounded, charged
        Route("/ember/cancel", KEY(api.cancel), methods=["POST"]),        # a key: its own only
        Route("/ember/load", OWNER(api.load), methods=["POST"]),
        Route("/ember/unload", OWNER(api.unload), methods=["POST"]),
        Route("/ember/kv/{action}", OWNER(api.kv), methods=["POST"]),
        Route("/ember/shutdown", OWNER(api.shutdown), methods=["POST"]),
    ]

    async def not_found(request, exc):
        return APIError(404, f"No route {request.method} {request.url.path}.",
                        code="not_found").response()

    async def bad_method(request, exc):
        return APIError(405, f"{request.method} is not allowed on {request.url.path}.",
                        code="method_not_allowed").response()

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: bad_method})
    app.state.api = api
    return Guard(app, config)


def text_limit(info) -> int | None:
    """The most bytes of text a model's context can hold: n_ctx times its longest token
    (llama.cpp's load log). More cannot fit whatever its tokens, so it is refused before it is
    tokenized on the engine thread. None when the model did not say."""
    if info is None or not getattr(info, "max_token_bytes", 0):
        return None
    return info.n_ctx * info.max_token_bytes


def check_text_size(info, size: int, param: str) -> None:
    limit = text_limit(info)
    if limit is not None and size > limit:
        raise APIError(400, f"The text is {size:,} bytes: this model's context of {info.n_ctx:,} "
                            f"tokens cannot hold more than {limit:,} bytes (its longest token is "
                            f"{info.max_token_bytes} bytes). Shorten it.",
                       param=param, code="context_length_exceeded")
