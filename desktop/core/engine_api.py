"""What the window, the terminal chat and the session may call on an engine (issue 26): one
declared interface instead of guesses (`inspect.signature`, `hasattr`), with what an engine can
do as data. Three classes implement it:

- `engine.Engine`: llama.cpp in this process (the engine process's own, the tests', the bench's);
- `client.EngineClient`: the client of Ember's engine process (`ember serve`), what the window
  and `ember chat` use for local models;
- `remote.RemoteEngine`: an OpenAI-compatible server elsewhere (`ember remote`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol, Sequence, runtime_checkable

from .turns import ModelInfo, SamplingSettings, Turn, TurnMetrics


@dataclass(frozen=True)
class Capabilities:
    tools: bool           # chat(tools=...): the tool loop and its grammar run on it
    conversations: bool   # chat(conversation=...): it keeps a KV snapshot per conversation
    exact_counts: bool    # count_text / count_messages use the model's tokenizer (else estimates)


@runtime_checkable
class TokenCounter(Protocol):
    def count_text(self, text: str) -> int: ...
    def count_messages(self, messages: Sequence[dict]) -> int: ...


@runtime_checkable
class ChatEngine(TokenCounter, Protocol):
    info: ModelInfo | None
    kv_tokens: int
    # the planner's plan the model was loaded with (what it holds in VRAM and RAM: a
    # documents' reload is planned from it), None when it was loaded with explicit settings
    plan: Any

    @property
    def loaded(self) -> bool: ...

    @property
    def capabilities(self) -> Capabilities: ...

    def chat(self, messages: Sequence[dict], sampling: SamplingSettings | None = None, *,
             json_mode: bool = False, json_schema=None,
             on_prefill: Callable[[int, int], None] | None = None, **kw) -> Turn: ...

    def cancel(self) -> None: ...


class ExactCounts:
    """count_text / count_messages with the model's own tokenizer, for an engine that has
    `tokenize` and `chat_tokens` (Engine, EngineClient)."""

    # the engine's own (declared for the type check)
    tokenize: Callable[..., list[int]]
    chat_tokens: Callable[..., list[int]]

    def count_text(self, text: str) -> int:
        return len(self.tokenize(text, add_special=False, parse_special=True))

    def count_messages(self, messages: Sequence[dict]) -> int:
        """The prompt's tokens as chat() sends it: a base model's document (engine/base.py,
        `base_prompt_tokens`) where the engine sends one, else the chat template's."""
        as_sent = getattr(self, "base_prompt_tokens", None)
        n = as_sent(messages) if as_sent is not None else None
        return n if n is not None else len(self.chat_tokens(messages))


class ClientState:
    """What a client of an engine elsewhere (EngineClient, RemoteEngine) knows of the model it
    talks to, before it has asked."""

    def _init_model_state(self) -> None:
        self.info: ModelInfo | None = None
        self.plan: Any = None    # a namespace (sentence, device, n_ctx...) once loaded
        self.model_id: str | None = None
        self.kv_tokens = 0
        self.kv_owner: str | None = None
        self.last_metrics: TurnMetrics | None = None
