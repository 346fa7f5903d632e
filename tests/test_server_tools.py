"""Tool calls (issue 14): `tools` and `tool_choice` through `ember serve` with the official
`openai` client, on tiny Qwen2 models synthesized with Qwen2.5's real chat template (its tools
branch) and Qwen's `<tool_call>` tokens; the embedded Gemma 3 270M (no tools in its template) is
refused. llama.cpp is never mocked: the calls are real grammar-constrained generations.

A random model writes gibberish, so a valid call can only come from the grammar: `required` and
a named `tool_choice` force one from the first token. For `auto`, one model is synthesized to
open `<tool_call>` after a newline (the end of the prompt): from there the lazy grammar must
hold the rest to the schema (the same model without tools writes gibberish after the tag).
The parser that splits text into content and calls is also tested on literal strings."""
from __future__ import annotations

import json
import random

import jsonschema
import openai
import pytest
import synth
from engine_proc import serve

from desktop.core.toolcalls import ToolCallParser

WEATHER = {"type": "function", "function": {
    "name": "get_weather", "description": "The weather in a city now.",
    "parameters": {"type": "object",
                   "properties": {"city": {"type": "string", "pattern": "^[a-z]{1,8}$"},
                                  "unit": {"enum": ["celsius", "fahrenheit"]}},
                   "required": ["city", "unit"], "additionalProperties": False}}}
ADD = {"type": "function", "function": {
    "name": "add", "description": "Add two integers.",
    "parameters": {"type": "object",
                   "properties": {"a": {"type": "integer"}, "b": {"type": "integer"},
                                  "exact": {"type": "boolean"}},
                   "required": ["a", "b"]}}}
TOOLS = [WEATHER, ADD]
SCHEMAS = {t["function"]["name"]: t["function"]["parameters"] for t in TOOLS}
ASK = [{"role": "user", "content": "What is the weather in Paris?"}]


# ----------------------------------------------------------------------------- models
@pytest.fixture(scope="module")
def tools_model(tmp_path_factory):
    """Qwen2.5's template with tools, its <tool_call> tokens, and an end-of-turn it reaches."""
    return synth.write_qwen2(tmp_path_factory.mktemp("qwen-tools"), name="tiny-qwen-tools",
                             shards=1, chat_template=synth.QWEN25_TOOLS_CHAT_TEMPLATE,
                             user_tokens=synth.TOOL_TOKENS, eos_logit_bias=3.0)


@pytest.fixture(scope="module")
def eager_model(tmp_path_factory):
    """The same, made to open `<tool_call>` after a newline (where the prompt ends)."""
    return synth.write_qwen2(tmp_path_factory.mktemp("qwen-eager"), name="tiny-qwen-eager",
                             shards=1, chat_template=synth.QWEN25_TOOLS_CHAT_TEMPLATE,
                             user_tokens=synth.TOOL_TOKENS, eos_logit_bias=3.0,
                             favour={synth.bytes_to_unicode()[10]: "<tool_call>"})


def _server(tmp_path_factory, name, path):
    # one llama.cpp thread: a busy machine makes two spinning threads wait on each other
    return serve(tmp_path_factory.mktemp(name), str(path), "--ctx", "4096", "--threads", "1")


@pytest.fixture(scope="module")
def tools_server(tmp_path_factory, tools_model):
    s = _server(tmp_path_factory, "serve-tools", tools_model)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def eager_server(tmp_path_factory, eager_model):
    s = _server(tmp_path_factory, "serve-eager", eager_model)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def gemma_tools_server(tmp_path_factory, gemma_path):
    s = serve(tmp_path_factory.mktemp("serve-gemma-tools"), str(gemma_path), "--ctx", "2048",
              "--threads", "1")
    yield s
    s.stop()


def client(server) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="not-needed", max_retries=0,
                         timeout=300)


def model_id(server) -> str:
    return client(server).models.list().data[0].id


def check_call(call, name=None):
    """A call as OpenAI shapes it, with arguments that are strict JSON following the schema."""
    assert call.type == "function" and call.id.startswith("call_")
    assert call.function.name in SCHEMAS
    if name is not None:
        assert call.function.name == name
    args = json.loads(call.function.arguments)  # strict: no control characters in strings
    jsonschema.validate(args, SCHEMAS[call.function.name])
    return args


# ------------------------------------------------------------------- the parser alone
def parse(text, tools=TOOLS, chunks=None):
    p = ToolCallParser(tools)
    events = []
    pieces = [text] if chunks is None else chunks
    for piece in pieces:
        events += p.feed(piece)
    events += p.finish()
    return p, events


def split_randomly(text, rng, most=4):
    out, i = [], 0
    while i < len(text):
        n = rng.randint(1, most)
        out.append(text[i:i + n])
        i += n
    return out


CALL_W = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "paris", "unit": "celsius"}}\n</tool_call>'
CALL_A = '<tool_call>\n{"name": "add", "arguments": {"a": 2, "b": 3}}\n</tool_call>'


def test_parser_reads_calls_and_the_text_around_them():
    p, _ = parse("Let me look that up.\n" + CALL_W + "\n" + CALL_A)
    assert p.content == "Let me look that up."
    assert [(c.name, json.loads(c.arguments), c.index) for c in p.calls] == [
        ("get_weather", {"city": "paris", "unit": "celsius"}, 0), ("add", {"a": 2, "b": 3}, 1)]
    assert len({c.id for c in p.calls}) == 2 and all(c.error is None for c in p.calls)
    p, _ = parse(CALL_A)
    assert p.content is None and len(p.calls) == 1  # OpenAI: content null beside calls


def test_parser_keeps_what_is_not_a_call_as_text():
    for text in ['<tool_call>\n{"name": "rm_rf", "arguments": {}}\n</tool_call>',   # not offered
                 '<tool_call>\n{"name": "add", "arguments": {"a": 1,}\n</tool_call>',  # bad JSON
                 '<tool_call>\n["add", 1, 2]\n</tool_call>',
                 'Half a call: <tool_call>\n{"name": "add", "argum',                   # cut off
                 "No call at all, a < b and <tool", "trailing space and newline \n"]:
        p, _ = parse(text)
        assert p.calls == [] and p.content == text, text


def test_parser_edge_cases():
    # the model ends right after the JSON, without the closing tag: still a call
    p, _ = parse('<tool_call>\n{"name": "add", "arguments": {"a": 1, "b": 2}}')
    assert [c.name for c in p.calls] == ["add"]
    # `</tool_call>` inside a JSON string does not end the block
    inner = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "a</tool_call>b", ' \
            '"unit": "celsius"}}\n</tool_call>'
    p, _ = parse(inner)
    assert json.loads(p.calls[0].arguments)["city"] == "a</tool_call>b"
    # arguments written as a JSON string (some models do) become the object's JSON text
    p, _ = parse('<tool_call>{"name": "add", "arguments": "{\\"a\\": 1, \\"b\\": 2}"}</tool_call>')
    assert json.loads(p.calls[0].arguments) == {"a": 1, "b": 2}
    # JSON that breaks the schema (what a grammar cannot hold) is still a call, with the reason
    p, _ = parse('<tool_call>{"name": "get_weather", "arguments": {"city": "Paris!", '
                 '"unit": "kelvin"}}</tool_call>')
    assert p.calls[0].name == "get_weather" and p.calls[0].error


@pytest.mark.parametrize("seed", range(20))
def test_parser_gives_the_same_answer_however_the_text_is_streamed(seed):
    rng = random.Random(seed)
    parts = ["Sure. ", CALL_W, "\n", CALL_A, "\n", "Done <t", "oo", " soon.", "  \n",
             '<tool_call>{"name": "nope"}</tool_call>', "a < b <tool_cal"]
    text = "".join(rng.sample(parts, rng.randint(1, len(parts))))
    whole, _ = parse(text)
    p, events = parse(text, chunks=split_randomly(text, rng))
    assert p.content == whole.content
    assert [(c.name, c.arguments) for c in p.calls] == [(c.name, c.arguments)
                                                       for c in whole.calls]
    streamed = "".join(v for k, v in events if k == "content")
    if not whole.calls:  # without calls the text comes through byte for byte
        assert streamed == text
    else:
        assert streamed.strip() == (whole.content or "")


# --------------------------------------------------------------- the rendered prompt
def test_the_prompt_carries_the_tools_and_the_tool_turns(tools_server):
    history = ASK + [
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function",
             "function": {"name": "get_weather",
                          "arguments": '{"city": "paris", "unit": "celsius"}'}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "18 C, sunny"}]
    with tools_server.http() as c:
        r = c.post("/ember/tokenize", json={"messages": history, "tools": TOOLS,
                                            "return_prompt": True}).json()
        prompt = r["prompt"]
        assert "<tools>\n" + json.dumps(WEATHER, ensure_ascii=False) in prompt
        assert json.dumps(ADD, ensure_ascii=False) in prompt
        assert "<tool_call></tool_call> XML tags" in prompt  # Qwen's own instructions
        # the assistant's call goes back as Qwen writes it: arguments an object, not a string
        assert ('<|im_start|>assistant\n<tool_call>\n{"name": "get_weather", "arguments": '
                '{"city": "paris", "unit": "celsius"}}\n</tool_call><|im_end|>') in prompt
        assert "<|im_start|>user\n<tool_response>\n18 C, sunny\n</tool_response><|im_end|>" in prompt
        assert prompt.endswith("<|im_start|>assistant\n")
        # tool_choice none: no tools offered to the template
        r2 = c.post("/ember/tokenize", json={"messages": ASK, "tools": TOOLS,
                                             "tool_choice": "none", "return_prompt": True}).json()
        assert "<tools>" not in r2["prompt"] and "get_weather" not in r2["prompt"]
        st = c.get("/ember/status").json()
        assert st["info"]["tool_calls"] is True
    # the chat request renders the same prompt (same token count)
    a = client(tools_server).chat.completions.create(
        model=model_id(tools_server), messages=history, tools=TOOLS, temperature=0,
        max_tokens=4)
    assert a.usage.prompt_tokens == r["count"]


# --------------------------------------------------------------------- forced calls
@pytest.mark.parametrize("seed", range(3))
def test_required_tool_choice_returns_a_valid_call(tools_server, seed):
    r = client(tools_server).chat.completions.create(
        model=model_id(tools_server), messages=ASK, tools=TOOLS, tool_choice="required",
        parallel_tool_calls=False, temperature=1.0, seed=seed, max_tokens=300)
    ch = r.choices[0]
    assert ch.finish_reason == "tool_calls", ch
    assert ch.message.content is None and len(ch.message.tool_calls) == 1
    check_call(ch.message.tool_calls[0])
    assert "tool_call_errors" not in (r.model_extra or {}).get("ember", {})


@pytest.mark.parametrize("seed", range(3))
def test_a_named_tool_choice_calls_that_tool(tools_server, seed):
    r = client(tools_server).chat.completions.create(
        model=model_id(tools_server), messages=ASK, tools=TOOLS, temperature=1.0, seed=seed,
        tool_choice={"type": "function", "function": {"name": "add"}}, max_tokens=300)
    ch = r.choices[0]
    assert ch.finish_reason == "tool_calls" and len(ch.message.tool_calls) == 1
    args = check_call(ch.message.tool_calls[0], "add")
    assert isinstance(args["a"], int) and isinstance(args["b"], int)


def test_streamed_calls_reassemble_in_the_openai_client(tools_server):
    c, mid = client(tools_server), model_id(tools_server)
    kw = dict(model=mid, messages=ASK, tools=TOOLS, temperature=0, max_tokens=300,
              tool_choice={"type": "function", "function": {"name": "get_weather"}})
    whole = c.chat.completions.create(**kw).choices[0].message.tool_calls[0]
    # the raw chunks: OpenAI's shape
    chunks = list(c.chat.completions.create(stream=True, **kw))
    deltas = [ch.choices[0].delta for ch in chunks if ch.choices]
    assert deltas[0].role == "assistant" and not deltas[0].content
    calls = [d.tool_calls[0] for d in deltas if d.tool_calls]
    assert calls[0].index == 0 and calls[0].id.startswith("call_")
    assert calls[0].type == "function" and calls[0].function.name == "get_weather"
    assert "".join(t.function.arguments or "" for t in calls) == whole.function.arguments
    assert [ch.choices[0].finish_reason for ch in chunks
            if ch.choices and ch.choices[0].finish_reason] == ["tool_calls"]
    # the client's streaming helper puts them back together
    with c.chat.completions.stream(**kw) as stream:
        kinds = {ev.type for ev in stream}
        final = stream.get_final_completion()
    assert "tool_calls.function.arguments.done" in kinds
    got = final.choices[0].message.tool_calls[0]
    assert (got.function.name, got.function.arguments) == (whole.function.name,
                                                           whole.function.arguments)
    assert final.choices[0].finish_reason == "tool_calls"
    check_call(got, "get_weather")


def test_a_call_round_trips_with_its_result(tools_server):
    c, mid = client(tools_server), model_id(tools_server)
    first = c.chat.completions.create(model=mid, messages=ASK, tools=TOOLS,
                                      tool_choice="required", parallel_tool_calls=False,
                                      temperature=0, max_tokens=300)
    msg = first.choices[0].message
    call = msg.tool_calls[0]
    check_call(call)
    history = ASK + [msg.model_dump(exclude_none=True),
                     {"role": "tool", "tool_call_id": call.id, "content": "18 C, sunny"}]
    kw = dict(model=mid, messages=history, tools=TOOLS, temperature=0, max_tokens=40)
    answer = c.chat.completions.create(**kw)
    ch = answer.choices[0]
    assert ch.finish_reason == "stop" and ch.message.tool_calls is None
    assert isinstance(ch.message.content, str) and ch.message.content
    streamed = "".join(x.choices[0].delta.content or "" for x in
                       c.chat.completions.create(stream=True, **kw) if x.choices)
    assert streamed == ch.message.content
    # what the model was given: its own call, as it wrote it, and the result
    with tools_server.http() as h:
        r = h.post("/ember/tokenize", json={"messages": history, "tools": TOOLS,
                                            "return_prompt": True}).json()
    assert answer.usage.prompt_tokens == r["count"]
    assert f'"name": "{call.function.name}", "arguments": {call.function.arguments}}}' \
        in r["prompt"]
    assert "<tool_response>\n18 C, sunny\n</tool_response>" in r["prompt"]


# ------------------------------------------------------------------ auto: lazy grammar
def test_auto_mode_holds_an_opened_call_to_the_schema(eager_server):
    c, mid = client(eager_server), model_id(eager_server)
    kw = dict(model=mid, messages=ASK, tools=[WEATHER], temperature=0, max_tokens=300,
              parallel_tool_calls=False)
    r = c.chat.completions.create(**kw)  # tool_choice defaults to auto
    ch = r.choices[0]
    assert ch.finish_reason == "tool_calls" and len(ch.message.tool_calls) == 1
    check_call(ch.message.tool_calls[0], "get_weather")
    with c.chat.completions.stream(**kw) as stream:
        final = stream.get_final_completion()
    got = final.choices[0].message.tool_calls[0]
    assert (got.function.name, got.function.arguments) == (
        ch.message.tool_calls[0].function.name, ch.message.tool_calls[0].function.arguments)
    # the same model with no tools offered opens the tag too, and then writes no call: the
    # valid call above is the lazy grammar's doing
    free = c.chat.completions.create(model=mid, messages=ASK, tools=[WEATHER],
                                     tool_choice="none", temperature=0, max_tokens=300)
    text = free.choices[0].message.content
    assert text.startswith("<tool_call>") and free.choices[0].message.tool_calls is None
    assert ToolCallParser([WEATHER]).parse_call(text[len("<tool_call>"):]) is None


def _engine(path):
    from desktop.core.engine import Engine, LoadSettings
    e = Engine()
    e.load(path, LoadSettings(n_ctx=4096, n_threads=1))
    return e


def test_lazy_grammar_by_pattern_and_by_token(eager_model, tools_model):
    """Qwen's vocabulary has `<tool_call>` as one token (the trigger is its id); other
    vocabularies spell it in pieces (the trigger is a pattern over the text): both hold a call
    to the schema once opened, and an untriggered grammar leaves the answer as it was."""
    from desktop.core.engine import SamplingSettings
    from desktop.core.engine.tools import tool_grammar
    greedy = SamplingSettings(temperature=0, max_tokens=300)
    e = _engine(eager_model)
    try:
        tokens = e.chat_tokens(ASK, tools=[WEATHER])
        by_token = tool_grammar([WEATHER], lazy=True, parallel=False,
                                open_token=e.tokenize("<tool_call>")[0])
        by_pattern = tool_grammar([WEATHER], lazy=True, parallel=False)
        assert by_token.trigger_tokens and not by_token.trigger_patterns
        assert by_pattern.trigger_patterns and not by_pattern.trigger_tokens
        texts = [e.generate(tokens, greedy, grammar=g).run() for g in (by_token, by_pattern)]
        assert texts[0] == texts[1]
        p, _ = parse(texts[0], tools=[WEATHER])
        assert len(p.calls) == 1 and p.calls[0].error is None
        jsonschema.validate(json.loads(p.calls[0].arguments), SCHEMAS["get_weather"])
    finally:
        e.unload()
    e = _engine(tools_model)  # writes no <tool_call>: the lazy grammar never wakes
    try:
        tokens = e.chat_tokens(ASK, tools=TOOLS)
        plain = e.generate(tokens, greedy).run()
        assert "<tool_call>" not in plain
        for g in (tool_grammar(TOOLS, lazy=True), tool_grammar(TOOLS, lazy=True, open_token=
                                                               e.tokenize("<tool_call>")[0])):
            assert e.generate(tokens, greedy, grammar=g).run() == plain
    finally:
        e.unload()


@pytest.mark.parametrize("seed", range(3))
def test_json_schema_strings_are_strict_json(tools_server, seed):
    """llama-cpp-python's schema converter lets control characters into strings; Ember's
    grammar uses llama.cpp's rule (a random model wrote them in 2 of 3 answers)."""
    schema = {"type": "object", "properties": {"word": {"type": "string", "maxLength": 12}},
              "required": ["word"], "additionalProperties": False}
    r = client(tools_server).chat.completions.create(
        model=model_id(tools_server), messages=ASK, temperature=1.0, seed=seed, max_tokens=200,
        response_format={"type": "json_schema", "json_schema": {"name": "w", "schema": schema}})
    assert r.choices[0].finish_reason == "stop"
    assert isinstance(json.loads(r.choices[0].message.content)["word"], str)


# --------------------------------------------------------------------------- errors
def _bad(server, param=None, code=None, **kw):
    body = dict(model=model_id(server), messages=ASK, max_tokens=4)
    body.update(kw)
    with pytest.raises(openai.BadRequestError) as e:
        client(server).chat.completions.create(**body)
    err = e.value.body
    assert e.value.status_code == 400 and err["type"] == "invalid_request_error"
    if param is not None:
        assert err["param"] == param, err
    if code is not None:
        assert err["code"] == code, err
    return err


def test_bad_tools_are_openai_shaped_400s(tools_server):
    s = tools_server
    _bad(s, "tools", tools={"type": "function"})
    _bad(s, "tools[0]", tools=[{"type": "custom", "custom": {"name": "x"}}])
    _bad(s, "tools[0].function.name",
         tools=[{"type": "function", "function": {"name": "has space"}}])
    _bad(s, "tools[1].function.name", tools=[ADD, ADD])
    _bad(s, "tools[0].function.parameters",
         tools=[{"type": "function", "function": {"name": "f", "parameters": "x"}}])
    err = _bad(s, "tools[0].function.parameters",
               tools=[{"type": "function", "function": {"name": "f",
                                                       "parameters": {"type": "nonsense"}}}])
    assert "not a valid JSON schema" in err["message"]
    _bad(s, "tool_choice", "unknown_tool", tools=TOOLS,
         tool_choice={"type": "function", "function": {"name": "delete_everything"}})
    _bad(s, "tool_choice", tools=TOOLS, tool_choice="sometimes")
    _bad(s, "tool_choice", tool_choice="required")
    _bad(s, "parallel_tool_calls", tools=TOOLS, parallel_tool_calls="yes")
    _bad(s, "response_format", tools=TOOLS, response_format={"type": "json_object"})
    _bad(s, "functions", functions=[{"name": "f", "parameters": {}}])


def test_bad_tool_messages_are_openai_shaped_400s(tools_server):
    s = tools_server
    call = {"id": "call_9", "type": "function",
            "function": {"name": "add", "arguments": '{"a": 1, "b": 2}'}}
    asked = ASK + [{"role": "assistant", "content": None, "tool_calls": [call]}]
    err = _bad(s, "messages[2].tool_call_id", "missing_tool_call_id",
               messages=asked + [{"role": "tool", "content": "3"}])
    assert "tool_call_id" in err["message"]
    _bad(s, "messages[2].tool_call_id", "invalid_tool_call_id",
         messages=asked + [{"role": "tool", "tool_call_id": "call_other", "content": "3"}])
    _bad(s, "messages[0].tool_call_id", "invalid_tool_call_id",
         messages=[{"role": "tool", "tool_call_id": "call_9", "content": "3"}])
    _bad(s, "messages[1].tool_calls[0]", "invalid_tool_call",
         messages=ASK + [{"role": "assistant", "tool_calls": [{"id": "call_9"}]}])
    # the well-formed conversation is accepted
    r = client(s).chat.completions.create(
        model=model_id(s), messages=asked + [{"role": "tool", "tool_call_id": "call_9",
                                              "content": "3"}], tools=TOOLS, max_tokens=4,
        temperature=0)
    assert r.choices[0].finish_reason in ("stop", "length", "tool_calls")


# -------------------------------------------------- a template without tools: Gemma 3
def test_gemma_without_tools_in_its_template_is_a_clear_400(gemma_tools_server):
    s = gemma_tools_server
    err = _bad(s, "tools", "tools_unsupported", tools=TOOLS)
    assert "this model's chat template has no tools support" in err["message"].lower()
    _bad(s, "tools", "tools_unsupported", tools=TOOLS, tool_choice="required")
    _bad(s, "tools", "tools_unsupported", messages=ASK + [
        {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function",
                                              "function": {"name": "add", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "3"}])
    with s.http() as h:
        r = h.post("/v1/chat/completions", json={"messages": ASK, "tools": TOOLS,
                                                 "stream": True})
        assert r.status_code == 400 and r.json()["error"]["code"] == "tools_unsupported"
        assert h.get("/ember/status").json()["info"]["tool_calls"] is False
    # tool_choice none offers no tools: an ordinary answer
    r = client(s).chat.completions.create(model=model_id(s), messages=ASK, tools=TOOLS,
                                          tool_choice="none", temperature=0, max_tokens=8,
                                          extra_body={"min_tokens": 8})  # not empty, any CPU
    assert r.choices[0].finish_reason in ("stop", "length") and r.choices[0].message.content


# ------------------------------------------------------- Ember's own tools (issue 15)
@pytest.mark.skipif(not __import__("desktop.core.sandbox", fromlist=["probe"]).probe().available,
                    reason="no sandbox here")
def test_ember_runs_its_own_tools_for_an_api_client(eager_server, gemma_tools_server):
    """`ember.tools: ["run_python"]`: the engine runs the tool loop itself (a model made to
    open <tool_call> calls run_python; the sandboxed results go back between rounds). The
    `openai` client sees the final answer, with the steps in `ember.steps`; streamed, the steps
    arrive as `ember.step` events."""
    c = client(eager_server)
    r = c.chat.completions.create(
        model=model_id(eager_server), max_tokens=400, temperature=0,
        messages=[{"role": "user", "content": "Check it."}],
        # the penalty ends the tiny model's code string, so its call closes within the budget
        extra_body={"repeat_penalty": 1.5, "ember": {"tools": ["run_python"], "max_rounds": 2}})
    steps = r.model_extra["ember"]["steps"]
    assert steps and all(s["name"] == "run_python" for s in steps)
    assert all(s["status"] in ("ok", "error", "refused") and s["result"] for s in steps)
    assert any("exit status" in s["result"] or "killed" in s["result"] for s in steps)
    assert r.choices[0].message.tool_calls is None  # Ember ran them: none left to the client
    # streamed: the step events, then the answer's text
    with eager_server.http() as h:
        with h.stream("POST", "/v1/chat/completions", json={
                "model": model_id(eager_server), "max_tokens": 400, "temperature": 0,
                "repeat_penalty": 1.5,
                "stream": True, "messages": [{"role": "user", "content": "Check it."}],
                "ember": {"tools": ["run_python"], "max_rounds": 2}}) as resp:
            lines = [ln for ln in resp.iter_lines() if ln]
    events = [json.loads(lines[i + 1][5:]) for i, ln in enumerate(lines)
              if ln == "event: ember.step"]
    assert [e["status"] for e in events[:1]] == ["running"] and len(events) >= 2
    assert lines[-1] == "data: [DONE]"
    # refused: unknown tool names, together with the client's own tools, a model without tools
    for ext, why in (({"tools": ["rm_rf"]}, "Ember's own tools"),
                     ({"tools": ["run_python"], "max_rounds": 99}, "max_rounds")):
        with pytest.raises(openai.BadRequestError) as e:
            c.chat.completions.create(model=model_id(eager_server), max_tokens=8,
                                      messages=[{"role": "user", "content": "x"}],
                                      extra_body={"ember": ext})
        assert why in e.value.message
    with pytest.raises(openai.BadRequestError) as e:
        client(gemma_tools_server).chat.completions.create(
            model=model_id(gemma_tools_server), max_tokens=8,
            messages=[{"role": "user", "content": "x"}],
            extra_body={"ember": {"tools": ["run_python"]}})
    assert e.value.code == "tools_unsupported"
