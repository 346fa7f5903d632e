"""Chat formats for GGUFs without a chat template, chosen from the architecture.

Part of desktop/core/engine (its __init__ tells the whole story)."""
from __future__ import annotations

from typing import Sequence

# ------------------------------------------------------------------ chat formats (fallbacks)
# Used only when a GGUF carries no tokenizer.chat_template. Unlike llama-cpp-python's silent
# "llama-2" fallback, the format follows the architecture and the user is told.
_GEMMA_TEMPLATE = (
    "{%- if messages and messages[0]['role'] == 'system' -%}"
    "{%- set first_prefix = messages[0]['content'] + '\n\n' -%}"
    "{%- set loop_messages = messages[1:] -%}"
    "{%- else -%}{%- set first_prefix = '' -%}{%- set loop_messages = messages -%}{%- endif -%}"
    "{%- for m in loop_messages -%}"
    "{{ '<start_of_turn>' + ('model' if m['role'] == 'assistant' else 'user') + '\n' }}"
    "{{ (first_prefix if loop.first else '') + m['content'] }}{{ '<end_of_turn>\n' }}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<start_of_turn>model\n' }}{%- endif -%}"
)
_CHATML_TEMPLATE = (
    "{%- for m in messages -%}"
    "{{ '<|im_start|>' + m['role'] + '\n' + m['content'] + '<|im_end|>\n' }}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\n' }}{%- endif -%}"
)
FALLBACK_FORMATS = {"gemma": _GEMMA_TEMPLATE, "chatml": _CHATML_TEMPLATE}


def fallback_format_for(architecture: str) -> str:
    return "gemma" if architecture.startswith("gemma") else "chatml"


def continues_final(messages: Sequence[dict]) -> bool:
    """Whether the last message is an answer to go on with: an assistant's text, without tool
    calls (Continue sends the cut answer last; so may an API client, as llama-server allows)."""
    if not messages:
        return False
    last = messages[-1]
    return last.get("role") == "assistant" and bool(last.get("content")) \
        and not last.get("tool_calls")
