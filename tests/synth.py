"""Synthesize small real GGUF models with gguf-py (random weights, real llama.cpp architectures).

`write_qwen2(...)` writes a Qwen2-architecture model shaped like Qwen2.5-Instruct's GGUF in
everything but size: byte-level BPE vocab with merges, ChatML template, <|im_end|> as EOS, split
into shards named like Qwen's own files (`name-00001-of-00002.gguf`). Used by the tests and the
benchmarks; llama.cpp loads and runs these files for real.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

QWEN25_CHAT_TEMPLATE = (
    "{%- if messages[0]['role'] == 'system' %}\n"
    "    {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n"
    "{%- else %}\n"
    "    {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful "
    "assistant.<|im_end|>\\n' }}\n"
    "{%- endif %}\n"
    "{%- for message in messages %}\n"
    "    {%- if (message.role == 'user') or (message.role == 'system' and not loop.first) or "
    "(message.role == 'assistant') %}\n"
    "        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n"
    "    {%- endif %}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}\n"
    "    {{- '<|im_start|>assistant\\n' }}\n"
    "{%- endif %}\n"
)

# Qwen2.5-Instruct's own template, with its tools branch (as shipped in Qwen's tokenizer_config
# and GGUFs; the copy in llama.cpp's models/templates/Qwen-Qwen2.5-7B-Instruct.jinja)
QWEN25_TOOLS_CHAT_TEMPLATE = r"""{%- if tools %}
    {{- '<|im_start|>system\n' }}
    {%- if messages[0]['role'] == 'system' %}
        {{- messages[0]['content'] }}
    {%- else %}
        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}
    {%- endif %}
    {{- "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>" }}
    {%- for tool in tools %}
        {{- "\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
{%- else %}
    {%- if messages[0]['role'] == 'system' %}
        {{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}
    {%- else %}
        {{- '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' }}
    {%- endif %}
{%- endif %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
    {%- elif message.role == "assistant" %}
        {{- '<|im_start|>' + message.role }}
        {%- if message.content %}
            {{- '\n' + message.content }}
        {%- endif %}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}
                {%- set tool_call = tool_call.function %}
            {%- endif %}
            {{- '\n<tool_call>\n{"name": "' }}
            {{- tool_call.name }}
            {{- '", "arguments": ' }}
            {{- tool_call.arguments | tojson }}
            {{- '}\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\n' }}
    {%- elif message.role == "tool" %}
        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\n<tool_response>\n' }}
        {{- message.content }}
        {{- '\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
{%- endif %}
"""

# Qwen's tool-call tags: added tokens that are not special (USER_DEFINED in its GGUF)
TOOL_TOKENS = ["<tool_call>", "</tool_call>"]

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
MERGES = [("Ġ", "t"), ("h", "e"), ("i", "n"), ("Ġt", "he"), ("e", "r"), ("a", "n"), ("o", "n"),
          ("Ġ", "a"), ("r", "e"), ("Ġ", "s"), ("{", "\""), ("\"", ":")]


def bytes_to_unicode() -> dict[int, str]:
    """GPT-2's byte -> printable character map (what byte-level BPE vocabularies store)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs, strict=True)}


def qwen_vocab(user_tokens: list[str] = ()) -> tuple[list[str], list[int], list[str], dict[str, int]]:
    import gguf
    byte_tokens = [bytes_to_unicode()[b] for b in range(256)]
    merged = [a + b for a, b in MERGES]
    tokens = byte_tokens + merged + SPECIALS + list(user_tokens)
    types = [gguf.TokenType.NORMAL] * (len(byte_tokens) + len(merged)) + \
            [gguf.TokenType.CONTROL] * len(SPECIALS) + \
            [gguf.TokenType.USER_DEFINED] * len(user_tokens)
    merges = [f"{a} {b}" for a, b in MERGES]
    ids = {t: i for i, t in enumerate(tokens)}
    return tokens, [int(t) for t in types], merges, ids


def write_qwen2(out_dir: Path, *, name: str = "tiny-qwen2.5-instruct", n_embd: int = 64,
                n_layer: int = 2, n_head: int = 4, n_head_kv: int = 2, n_ff: int = 128,
                n_ctx_train: int = 32768, shards: int = 2, seed: int = 0,
                chat_template: str | None = QWEN25_CHAT_TEMPLATE, architecture: str = "qwen2",
                dtype=np.float32, eos_logit_bias: float = 0.0,
                user_tokens: list[str] = (), favour: dict[str, str] | None = None,
                favour_logit: float = 10.0, eos_always: bool = False) -> Path:
    """Write the model; return the path of its first shard (or its only file).

    eos_logit_bias > 0 makes <|im_end|> likelier (a model that ends its answers).
    user_tokens: added non-special tokens after the specials (TOOL_TOKENS, as Qwen has).
    favour {after: token} (vocabulary strings) makes `token` the likeliest next token after
    `after`: its output row points along `after`'s embedding (the residual stream of this tiny
    random model is mostly the last token's embedding), a logit of about favour_logit * 8 where
    the others stay within about +-24.
    eos_always: <|im_end|> wins after every token by hundreds of logits, on any CPU: every
    token's embedding holds +100 in its first dimension (the residual stream keeps it
    positive), only the EOS row of the output reads that dimension. Its answers are empty
    unless end-of-generation is suppressed (min_tokens, ignore_eos)."""
    import gguf

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    tokens, types, merges, ids = qwen_vocab(user_tokens)
    n_vocab = len(tokens)
    head_dim = n_embd // n_head

    base = out_dir / f"{name}.gguf"
    split = shards > 1
    n_tensors = 3 + n_layer * 12
    writer = gguf.GGUFWriter(str(base), architecture,
                             split_max_tensors=(n_tensors + shards - 1) // shards if split else 0)
    writer.add_name(name)
    writer.add_context_length(n_ctx_train)
    writer.add_embedding_length(n_embd)
    writer.add_block_count(n_layer)
    writer.add_feed_forward_length(n_ff)
    writer.add_head_count(n_head)
    writer.add_head_count_kv(n_head_kv)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_rope_freq_base(1000000.0)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32 if dtype == np.float32 else gguf.LlamaFileType.MOSTLY_F16)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("qwen2")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_merges(merges)
    writer.add_bos_token_id(ids["<|endoftext|>"])
    writer.add_eos_token_id(ids["<|im_end|>"])
    writer.add_pad_token_id(ids["<|endoftext|>"])
    writer.add_add_bos_token(False)
    if chat_template is not None:
        writer.add_chat_template(chat_template)

    def w(*shape, scale=0.02):
        return (rng.standard_normal(shape) * scale).astype(dtype)

    def ones(n):
        return np.ones(n, dtype=np.float32)

    embd = w(n_vocab, n_embd, scale=1.0)
    if eos_always:
        embd[:, 0] = 100.0
    writer.add_tensor("token_embd.weight", embd)
    for i in range(n_layer):
        p = f"blk.{i}."
        writer.add_tensor(p + "attn_norm.weight", ones(n_embd))
        writer.add_tensor(p + "attn_q.weight", w(n_head * head_dim, n_embd))
        writer.add_tensor(p + "attn_q.bias", np.zeros(n_head * head_dim, dtype=np.float32))
        writer.add_tensor(p + "attn_k.weight", w(n_head_kv * head_dim, n_embd))
        writer.add_tensor(p + "attn_k.bias", np.zeros(n_head_kv * head_dim, dtype=np.float32))
        writer.add_tensor(p + "attn_v.weight", w(n_head_kv * head_dim, n_embd))
        writer.add_tensor(p + "attn_v.bias", np.zeros(n_head_kv * head_dim, dtype=np.float32))
        writer.add_tensor(p + "attn_output.weight", w(n_embd, n_head * head_dim))
        writer.add_tensor(p + "ffn_norm.weight", ones(n_embd))
        writer.add_tensor(p + "ffn_gate.weight", w(n_ff, n_embd))
        writer.add_tensor(p + "ffn_up.weight", w(n_ff, n_embd))
        writer.add_tensor(p + "ffn_down.weight", w(n_embd, n_ff))
    writer.add_tensor("output_norm.weight", ones(n_embd))
    out = w(n_vocab, n_embd, scale=1.0)
    if eos_logit_bias:
        # the final norm makes hidden states ~unit RMS: a row aligned with their mean direction
        # is not controllable here, so scale the EOS row up instead (a larger-magnitude logit)
        out[ids["<|im_end|>"]] *= eos_logit_bias
    if eos_always:
        out[:, 0] = 0.0
        out[ids["<|im_end|>"], 0] = 50.0
    for after, token in (favour or {}).items():
        e = embd[ids[after]].astype(np.float32)
        out[ids[token]] = (favour_logit * e / np.linalg.norm(e)).astype(dtype)
    writer.add_tensor("output.weight", out)

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    if split:
        first = out_dir / f"{name}-00001-of-{shards:05d}.gguf"
        assert first.exists(), sorted(p.name for p in out_dir.iterdir())
        return first
    return base


# a model that answers "{}" and ends, on any CPU: "{" after the prompt's last token (the
# newline of "<|im_start|>assistant\n"), "}" after "{", the end after "}" (margins of ~50
# logits: `favour`), so a JSON-mode answer that must end and parse does not depend on words
JSON_CLOSER = {"Ċ": "{", "{": "}", "}": "<|im_end|>"}


def write_json_closer(out_dir: Path) -> Path:
    return write_qwen2(out_dir, name="tiny-json-closer", shards=1, favour=JSON_CLOSER)


def write_catalog(path: Path, model_id: str, name: str, repo: str, shards: list[Path], *,
                  embd: int = 64, default: bool = False) -> Path:
    """A catalog TOML (for EMBER_CATALOG) with one model served by the fake hub."""
    files = ", ".join(f'{{ name = "{p.name}" }}' for p in shards)
    path.write_text((f'default = "{model_id}"\n' if default else "") + f'''
[models.{model_id}]
name = "{name}"
family = "qwen2"
repo = "{repo}"
files = [{files}]
shape = {{ layers = 2, heads = 4, kv_heads = 2, head_dim = {embd // 4}, embd = {embd}, vocab = 271 }}
context_length = 32768
licence = "apache-2.0"
verified = false
''')
    return path
