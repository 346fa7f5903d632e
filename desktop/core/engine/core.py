"""The Engine: one llama.cpp model and context, prefix reuse, the decode loop, KV snapshots.

Part of desktop/core/engine (its __init__ tells the whole story)."""
from __future__ import annotations

import codecs
import ctypes
import dataclasses
import json
import os
import threading
import time
from typing import Any, Callable, Generator, Sequence

import llama_cpp
import numpy as np
from llama_cpp.llama_chat_format import Jinja2ChatFormatter
from llama_cpp.llama_grammar import JSON_GBNF, LlamaGrammar

from ..engine_api import Capabilities, ExactCounts
from ..errors import ContextOverflowError, EmberError, NoModelError
from ..texts import tr
from ..toolcalls import OPEN, ToolsUnsupportedError, arguments_for_template
from ..turns import LoadSettings, ModelInfo, SamplingSettings, Turn, TurnMetrics, _StopMatcher
from .base import base_prompt, repeating
from .decoding import SpeculativeLoop, _decode_speed, _max_tokens, _tail
from .formats import continues_final
from .kv import KVSnapshots
from .loading import Loading
from .native import (
    _decode_failure,
)
from .parallel import GenRequest
from .sampling import EogMask, _TopKSampler, logit_bias_sampler
from .speculative import DraftModel, PromptLookup, SpeculativeSettings
from .threads import ThreadGovernor
from .tools import Grammar, ToolGrammar, grammar_key, schema_gbnf, tool_grammar


# ----------------------------------------------------------------------------- the engine
class Engine(ExactCounts, Loading, KVSnapshots, SpeculativeLoop):
    """One llama.cpp model and context: load, chat and complete turns, tokens; its rooms are
    loading.py (load, unload), kv.py (KV snapshots) and decoding.py (the speculative loop, the loops' shared steps)."""

    def __init__(self) -> None:
        self._model = None
        self._ctx = None
        self.governor: ThreadGovernor | None = None
        self._vocab = None
        self._mem = None
        self._kv_tokens: list[int] = []
        self._cancel = threading.Event()
        self._formatter: Jinja2ChatFormatter | None = None
        self._template_stops: list[str] = []
        # whether the chat template takes tools in the <tool_call> format, or why not
        self.tool_support: tuple[bool, str | None] = (False, "no model is loaded")
        self.info: ModelInfo | None = None
        self._piece_buf = ctypes.create_string_buffer(256)
        self._tok_cache: dict[int, tuple[bytes, bool]] = {}  # the loaded vocabulary's, see _run
        self._eog_ids: np.ndarray | None = None  # the vocabulary's end-of-generation tokens
        self._abort_cb = llama_cpp.ggml_abort_callback(lambda _data: bool(self._cancel.is_set()))
        self._grammar_cache: dict[str, Grammar] = {}
        self.fast_sampling = True  # see _TopKSampler; False = llama_sampler_sample every token
        # the sampler chain runs in llama.cpp's graph, on the output layer's device, and only the
        # token comes back (no copy of the 152K logits a token). Off until a GPU measures it: on
        # a CPU it is slower than _TopKSampler (docs/benchmarks.md), and attaching the chain
        # makes llama.cpp re-reserve its compute buffers at the next decode, where a failed
        # allocation aborts the process. True / EMBER_BACKEND_SAMPLING=1 turn it on.
        self.backend_sampling: bool | None = None
        self._settings: LoadSettings | None = None
        # which conversation the KV cache holds (set by kvcache.KVCache; None = unknown)
        self.kv_owner: str | None = None
        # speculative decoding (speculative.py): how turns draft, and the draft model if any
        self.speculative = SpeculativeSettings()
        self.base_model = False  # a base model's turns are documents to continue (base.py)
        self._draft_model: DraftModel | None = None
        self._spec_batch = None
        self._spec_cap = 0

    # ------------------------------------------------------------- speculative decoding
    def set_speculative(self, settings: SpeculativeSettings | None) -> None:
        """How later turns draft (speculative.py). A draft model is loaded here, on the
        engine's thread, and checked against this model's vocabulary; EmberError if it cannot
        draft for it (the previous settings stay)."""
        settings = (settings or SpeculativeSettings()).check()
        draft = None
        if settings.mode == "draft":
            self._require()
            if not settings.draft_path:
                raise EmberError(tr("Speculative decoding with a draft model needs the "
                                    "draft model's file."))
            cur = self._draft_model
            if cur is not None and getattr(cur, "path", None) == str(settings.draft_path):
                draft = cur
            else:
                draft = DraftModel(settings.draft_path, self._vocab,
                                   n_ctx=llama_cpp.llama_n_ctx(self._ctx),
                                   n_threads=self._settings.threads()[0] if self._settings else 2,
                                   n_gpu_layers=settings.draft_gpu_layers, settings=settings)
                draft.path = str(settings.draft_path)
        if draft is not self._draft_model:
            self._drop_draft()
        if draft is not None:
            draft.settings = settings
        self._draft_model = draft
        self.speculative = settings

    def _drop_draft(self) -> None:
        if self._draft_model is not None:
            self._draft_model.close()
            self._draft_model = None
        if self._spec_batch is not None:
            llama_cpp.llama_batch_free(self._spec_batch)
            self._spec_batch, self._spec_cap = None, 0

    def _drafter(self):
        """This turn's drafter, or None (speculative decoding off)."""
        s = self.speculative
        if s.mode == "lookup":
            return PromptLookup(s)
        if s.mode == "draft" and self._draft_model is not None:
            return self._draft_model
        return None

    def __del__(self) -> None:
        try:
            self.unload()
        except Exception:
            pass

    # ----------------------------------------------------------------------- tokens
    def _require(self) -> None:
        if self._ctx is None:
            raise NoModelError(tr("No model is loaded."))

    def tokenize(self, text: str, *, add_special: bool = False, parse_special: bool = True) -> list[int]:
        self._require()
        data = text.encode("utf-8")
        n_max = len(data) + 16
        buf = (llama_cpp.llama_token * n_max)()
        n = llama_cpp.llama_tokenize(self._vocab, data, len(data), buf, n_max, add_special, parse_special)
        if n < 0:
            n_max = -n
            buf = (llama_cpp.llama_token * n_max)()
            n = llama_cpp.llama_tokenize(self._vocab, data, len(data), buf, n_max, add_special,
                                         parse_special)
            if n < 0:
                raise EmberError(tr("The text could not be tokenized."))
        return list(buf[:n])

    def token_text(self, token: int) -> str:
        t = llama_cpp.llama_vocab_get_text(self._vocab, token)
        return t.decode("utf-8", errors="replace") if t else ""

    def _piece(self, token: int) -> bytes:
        buf = self._piece_buf
        n = llama_cpp.llama_token_to_piece(self._vocab, token, buf, len(buf), 0, False)
        if n < 0:
            self._piece_buf = buf = ctypes.create_string_buffer(-n + 16)
            n = llama_cpp.llama_token_to_piece(self._vocab, token, buf, len(buf), 0, False)
        return buf.raw[:n]

    def format_chat(self, messages: Sequence[dict], *, remember_stops: bool = True,
                    tools: Sequence[dict] | None = None) -> str:
        """The prompt text. remember_stops=False: only count (from another thread), leaving
        the template's stop strings of the next turn alone. `tools` (OpenAI's shape) go to the
        template, which must support them (`tool_support`); so must assistant `tool_calls` and
        `role: tool` messages in `messages`."""
        self._require()
        # plain dicts in the templates' shape (llama_cpp types them as its TypedDicts)
        msgs: list[Any] = [_template_message(m) for m in messages]
        if tools or any("tool_calls" in m or m["role"] == "tool" for m in msgs):
            ok, why = self.tool_support
            if not ok:
                raise ToolsUnsupportedError(
                    tr("This model's chat template has no tools support: {why}. Send the "
                       "request without tools and tool messages, or load a model whose "
                       "template has tools (Qwen2.5-Instruct, Qwen3, Hermes).").format(why=why))
        try:
            formatter = self._formatter
            # set by load with the context; a concurrent unload is refused below
            assert formatter is not None
            offered: list[Any] = list(tools or [])
            resp = (formatter(messages=msgs, tools=offered) if tools
                    else formatter(messages=msgs))
        except Exception as e:  # a template that raises (e.g. "roles must alternate")
            raise EmberError(tr("The model's chat template refused this conversation: {e}").format(
                                 e=e)) from e
        if remember_stops:
            stop = resp.stop or []
            self._template_stops = [stop] if isinstance(stop, str) else list(stop)
        return resp.prompt

    def chat_tokens(self, messages: Sequence[dict], *, remember_stops: bool = True,
                    tools: Sequence[dict] | None = None) -> list[int]:
        tokens = self.tokenize(self.format_chat(messages, remember_stops=remember_stops,
                                                tools=tools),
                               add_special=False, parse_special=True)
        if llama_cpp.llama_vocab_get_add_bos(self._vocab):
            bos = llama_cpp.llama_vocab_bos(self._vocab)
            if not tokens or tokens[0] != bos:
                tokens.insert(0, bos)
        return tokens

    def _single_token(self, text: str) -> int | None:
        """The id of the one token that spells `text`, if the vocabulary has one."""
        toks = self.tokenize(text, add_special=False, parse_special=True)
        return toks[0] if len(toks) == 1 else None

    @property
    def kv_tokens(self) -> int:
        """Tokens currently held in the KV cache."""
        return len(self._kv_tokens)

    def reset(self) -> None:
        """Forget the KV cache: the next turn processes its whole prompt."""
        self._require()
        llama_cpp.llama_memory_clear(self._mem, True)
        self._kv_tokens = []
        self.kv_owner = None

    # ------------------------------------------------------------------------ cancel
    # what the window, the terminal and the session may rely on (engine_api.ChatEngine)
    capabilities = Capabilities(tools=True, conversations=False, exact_counts=True)
    # loaded with explicit settings (the engine process's host keeps the planner's plan)
    plan = None

    def cancel(self) -> None:
        """Stop the current turn (or load) before its next token. Safe from any thread."""
        self._cancel.set()

    # ------------------------------------------------------------------------ sampling
    def _grammar(self, json_mode: bool, schema: dict | str | None) -> Grammar | None:
        if schema is not None:
            key = schema if isinstance(schema, str) else json.dumps(schema, sort_keys=True)
            if key not in self._grammar_cache:
                try:
                    g = LlamaGrammar.from_string(schema_gbnf(key), verbose=False)
                    self._grammar_cache[key] = g
                except Exception as e:
                    raise EmberError(tr("The JSON schema could not be turned into a "
                                        "grammar: {e}").format(e=e)) from e
            return self._grammar_cache[key]
        if json_mode:
            if "" not in self._grammar_cache:
                self._grammar_cache[""] = LlamaGrammar.from_string(JSON_GBNF, verbose=False)
            return self._grammar_cache[""]
        return None

    def _make_sampler(self, s: SamplingSettings, grammar: Grammar | None):
        bias = logit_bias_sampler(self._vocab, s.logit_bias) if s.logit_bias else None
        sp = llama_cpp.llama_sampler_chain_default_params()
        sp.no_perf = True
        chain = llama_cpp.llama_sampler_chain_init(sp)
        add = lambda smpl: llama_cpp.llama_sampler_chain_add(chain, smpl)  # noqa: E731
        if grammar is not None:
            if isinstance(grammar, ToolGrammar) and grammar.lazy:
                # inactive until its trigger token is sampled or a trigger pattern matches the
                # text so far (llama.cpp then replays the matching tokens into the grammar)
                patterns, toks = grammar.trigger_patterns, grammar.trigger_tokens
                pats = (ctypes.c_char_p * max(1, len(patterns)))(
                    *(p.encode("utf-8") for p in patterns))
                tarr = (llama_cpp.llama_token * max(1, len(toks)))(*toks)
                g = llama_cpp.llama_sampler_init_grammar_lazy_patterns(
                    self._vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8"),
                    pats, len(patterns), tarr, len(toks))
            else:
                g = llama_cpp.llama_sampler_init_grammar(
                    self._vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8"))
            if not g:
                llama_cpp.llama_sampler_free(chain)
                raise EmberError("llama.cpp rejected the " + (
                    "tool-call grammar." if isinstance(grammar, ToolGrammar) else "JSON grammar."))
            add(g)
        if bias is not None:
            add(bias)
        if s.repeat_penalty and s.repeat_penalty != 1.0:
            n_vocab = llama_cpp.llama_vocab_n_tokens(self._vocab)
            add(llama_cpp.llama_sampler_init_penalties(n_vocab, s.repeat_last_n, s.repeat_penalty,
                                                       0.0, 0.0))
        if s.temperature <= 0:
            add(llama_cpp.llama_sampler_init_greedy())
        else:
            if s.top_k > 0:
                add(llama_cpp.llama_sampler_init_top_k(s.top_k))
            if 0 < s.top_p < 1:
                add(llama_cpp.llama_sampler_init_top_p(s.top_p, 1))
            if s.min_p > 0:
                add(llama_cpp.llama_sampler_init_min_p(s.min_p, 1))
            add(llama_cpp.llama_sampler_init_temp(s.temperature))
            seed = llama_cpp.LLAMA_DEFAULT_SEED if s.seed is None else s.seed & 0xFFFFFFFF
            add(llama_cpp.llama_sampler_init_dist(seed))
        return chain

    # --------------------------------------------------------------------------- chat
    def chat(self, messages: Sequence[dict], sampling: SamplingSettings | None = None, *,
             json_mode: bool = False, json_schema: dict | str | None = None,
             stop: Sequence[str] = (),
             on_prefill: Callable[[int, int], None] | None = None,
             tools: Sequence[dict] | None = None, tool_choice: str | dict = "auto",
             parallel_tool_calls: bool = True) -> Turn:
        """Stream the assistant's answer to `messages` (dicts with role and content; assistant
        `tool_calls` and `role: tool` messages too when the template supports tools).

        `tools` (OpenAI's function tools) are offered through the chat template unless
        `tool_choice` is "none"; "auto" adds a lazy grammar that holds a `<tool_call>` block to
        the tools' schemas once the model opens one, "required" or {"type": "function",
        "function": {"name": ...}} force a call from the first token. The text is returned as
        the model wrote it (core/toolcalls.py parses it).

        Raises ContextOverflowError (before any work) when the prompt does not fit, and
        ToolsUnsupportedError when tools meet a template without them."""
        t0 = time.perf_counter()
        self._require()
        sampling = sampling or SamplingSettings()
        if (self.base_model and not tools and json_schema is None and not json_mode
                and (self._settings is None or self._settings.n_seq_max <= 1)):
            # (parallel streams keep the turn format for now: their answers were measured
            # identical to solo with it, not yet with these documents)
            return self._base_chat(messages, sampling, stop, on_prefill, t0)
        offered = list(tools or []) if tool_choice != "none" else []
        if continues_final(messages) and not offered:
            # an answer to go on with (Continue, an API client's prefill): the template's turn
            # for it is opened and its text follows, without the end of its turn
            tokens = self.chat_tokens(messages[:-1])
            tokens += self.tokenize(messages[-1]["content"], add_special=False,
                                    parse_special=False)
        else:
            tokens = self.chat_tokens(messages, tools=offered or None)
        # the template's end-of-turn text too, for files whose EOS token is misconfigured
        stops = [s for s in self._template_stops if s] + list(stop)
        grammar: Grammar | None
        if offered:
            if json_mode or json_schema is not None:
                raise EmberError(tr("A JSON response format and tools cannot be combined: "
                                    "both need the grammar. Send one of them, or "
                                    "tool_choice 'none'."))
            grammar = self._tool_grammar(offered, tool_choice, parallel_tool_calls)
        else:
            grammar = self._grammar(json_mode, json_schema)
        return self.generate(tokens, sampling, grammar=grammar, stop=stops,
                             on_prefill=on_prefill, t0=t0)

    def _base_chat(self, messages, sampling: SamplingSettings, stop, on_prefill, t0) -> Turn:
        """A base model's turn (base.py): the document to continue, the answer's prefix (a
        function's header in a code block) streamed first, the turn-marker stops, the
        repetition guard."""
        so_far = messages[-1]["content"] if continues_final(messages) else None
        bp = base_prompt(list(messages[:-1] if so_far is not None else messages))
        if so_far is not None:   # Continue: the document goes on from the answer so far
            body = (so_far[len(bp.answer_prefix):] if bp.answer_prefix
                    and so_far.startswith(bp.answer_prefix) else so_far)
            bp = dataclasses.replace(bp, text=bp.text + (body if bp.answer_prefix else " " + body),
                                     answer_prefix="")
        tokens = self.tokenize(bp.text, add_special=True, parse_special=False)
        inner = self.generate(tokens, sampling, stop=list(bp.stops) + list(stop),
                              on_prefill=on_prefill, t0=t0, guard=True)

        def run(turn: Turn):
            turn.metrics = inner.metrics   # one object: the inner turn fills it
            body, tail = [], ""
            try:
                if bp.answer_prefix:
                    yield bp.answer_prefix
                lead = bp.kind == "qa" and so_far is None  # "Answer:" then a space or newline
                for piece in inner:
                    if lead:
                        piece = piece.lstrip()
                        if not piece:
                            continue
                        lead = False
                    body.append(piece)
                    yield piece
                if bp.answer_suffix and not stop:  # a caller's stop string ends it as asked
                    done = (so_far or "") + "".join(body)
                    tail = ("" if done.endswith("\n") else "\n") + bp.answer_suffix
                    yield tail
            finally:
                inner.close()
                if not turn.metrics.finish_reason:  # stopped before the model's first token
                    turn.metrics.finish_reason = "cancelled"
                turn.text = bp.answer_prefix + "".join(body) + tail

        turn = Turn(run)
        turn.request = None  # one stream only (chat() sends base models here without --parallel)
        turn.base_prompt = bp
        return turn

    def _tool_grammar(self, tools: list[dict], choice, parallel: bool) -> Grammar:
        name = None
        if isinstance(choice, dict):
            name = choice["function"]["name"]
        lazy = choice == "auto"
        open_token = self._single_token(OPEN)  # per vocabulary: part of the key
        key = grammar_key(tools, name, lazy, parallel) + f":{open_token}"
        if key not in self._grammar_cache:
            if len(self._grammar_cache) >= 64:  # an agent's changing tool lists: stay bounded
                self._grammar_cache.clear()
            try:
                self._grammar_cache[key] = tool_grammar(
                    tools, name=name, lazy=lazy, parallel=parallel and name is None,
                    open_token=open_token)
            except Exception as e:
                raise EmberError(tr("The tools' parameter schemas could not be turned into "
                                    "a grammar: {e}").format(e=e)) from e
        return self._grammar_cache[key]

    def complete(self, prompt: str, sampling: SamplingSettings | None = None, *,
                 stop: Sequence[str] = ()) -> Turn:
        """Plain text continuation (no chat template), e.g. for base models and benchmarks."""
        t0 = time.perf_counter()
        self._require()
        tokens = self.tokenize(prompt, add_special=True, parse_special=False)
        return self.generate(tokens, sampling or SamplingSettings(), stop=stop, t0=t0)

    def generate(self, tokens: list[int], sampling: SamplingSettings, *,
                 grammar: Grammar | None = None, stop: Sequence[str] = (),
                 on_prefill: Callable[[int, int], None] | None = None,
                 t0: float | None = None, guard: bool = False) -> Turn:
        """Stream the continuation of `tokens`. `t0` is when the request began (for TTFT)."""
        self._require()
        n_ctx = llama_cpp.llama_n_ctx(self._ctx)
        if not tokens:
            raise EmberError(tr("The prompt is empty."))
        if len(tokens) >= n_ctx:
            raise ContextOverflowError(len(tokens), n_ctx)
        self._cancel.clear()
        t0 = time.perf_counter() if t0 is None else t0
        turn = Turn(lambda turn: self._run(turn, tokens, sampling, grammar, list(stop),
                                           on_prefill, n_ctx, t0, guard=guard))
        # what parallel.Scheduler needs to decode it in a batch instead of iterating it
        turn.request = GenRequest(list(tokens), sampling, grammar, list(stop), on_prefill,
                                  n_ctx, t0)
        return turn

    def _samplers(self, s: SamplingSettings, grammar: Grammar | None):
        sampler = self._make_sampler(s, grammar)
        n_vocab = llama_cpp.llama_vocab_n_tokens(self._vocab)
        if self.fast_sampling and grammar is None and s.repeat_penalty in (0, 1.0) \
                and not s.logit_bias \
                and (s.temperature <= 0 or 0 < s.top_k < n_vocab):
            return sampler, _TopKSampler(self._ctx, sampler, n_vocab,
                                         0 if s.temperature <= 0 else s.top_k)
        return sampler, None

    def _eog_mask(self, s: SamplingSettings, grammar) -> EogMask | None:
        """This turn's EogMask (min_tokens / ignore_eos), or None. A grammar decides where its
        answer ends (JSON, a tool call): with one, neither applies (the API refuses the pair)."""
        if grammar is not None or not (s.ignore_eos or (s.min_tokens or 0) > 0):
            return None
        if self._eog_ids is None:  # asked once per loaded vocabulary
            vocab, is_eog = self._vocab, llama_cpp.llama_vocab_is_eog
            n = llama_cpp.llama_vocab_n_tokens(vocab)
            self._eog_ids = np.array([t for t in range(n) if is_eog(vocab, t)], dtype=np.int64)
        return EogMask(self._ctx, self._eog_ids, llama_cpp.llama_vocab_n_tokens(self._vocab), s)

    def _use_backend_sampling(self, grammar) -> bool:
        """Whether this turn's chain goes onto llama.cpp's backend (see backend_sampling)."""
        if grammar is not None:  # the grammar sampler has no backend version
            return False
        if self.backend_sampling is not None:
            return self.backend_sampling
        return os.environ.get("EMBER_BACKEND_SAMPLING") == "1"

    def _reuse_prefix(self, tokens: list[int]) -> int:
        """Keep the longest common prefix of the KV cache and `tokens`; return its length."""
        kv = self._kv_tokens
        n = 0
        limit = min(len(kv), len(tokens))
        while n < limit and kv[n] == tokens[n]:
            n += 1
        if n == len(tokens):
            n -= 1  # the last prompt token must be evaluated again to get fresh logits
        mem = self._mem
        if n > 0 and self._n_swa > 0:
            # a sliding-window cache may have dropped positions the new tokens still attend to
            pos_min = llama_cpp.llama_memory_seq_pos_min(mem, 0)
            if pos_min > max(0, n - self._n_swa):
                n = 0
        if n < len(kv):
            if n == 0 or not llama_cpp.llama_memory_seq_rm(mem, 0, n, -1):
                llama_cpp.llama_memory_clear(mem, True)
                n = 0
            del kv[n:]
        return n

    def _sync_kv_after_abort(self) -> None:
        pos_max = llama_cpp.llama_memory_seq_pos_max(self._mem, 0)
        del self._kv_tokens[max(0, pos_max + 1):]

    def _run(self, turn: Turn, tokens: list[int], s: SamplingSettings, grammar, stop_strings,
             on_prefill, n_ctx: int, t0: float, prefill_only: bool = False,
             guard: bool = False) -> Generator[str, None, None]:
        m = turn.metrics
        m.n_ctx = n_ctx
        m.prompt_tokens = len(tokens)
        # a chain left attached by a turn that was never closed would sample this prompt's last
        # token on the backend, and its logits would not reach the host: detach it (a no-op
        # when none is attached)
        llama_cpp.llama_set_sampler(self._ctx, 0, None)
        sampler, fast = self._samplers(s, grammar)
        mask, hold, want_backend = self._turn_mode(s, grammar, prefill_only)
        gov = self.governor
        assert gov is not None  # set by load with the context (the turn passed _require)
        gov.start_turn()
        stops = _StopMatcher(stop_strings)
        utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pieces: list[str] = []
        finish = "cancelled"
        prog = _Progress()
        try:
            if not self._prefill(m, tokens, on_prefill, t0):
                return   # cancelled while reading the prompt
            if prefill_only:
                finish = "prefill"
                return

            drafter = None if want_backend else self._drafter()
            if drafter is not None and self._can_roll_back():
                spec = self._decode_speculative(m, s, sampler, fast, drafter, tokens, stops,
                                                utf8, pieces, n_ctx, t0, mask, hold)
                finish, prog.n_dec, prog.t_first, prog.t_last = yield from spec
                yield from _tail(utf8, stops, pieces)
                return

            finish = yield from self._decode_plain(m, s, sampler, fast, stops, utf8, pieces,
                                                   n_ctx, t0, mask, hold, want_backend, guard,
                                                   prog)
            yield from _tail(utf8, stops, pieces)
        except GeneratorExit:
            finish = "cancelled"
            raise
        finally:
            self._free_sampler(sampler, prog.on_backend)
            m.finish_reason = finish
            m.total_s = time.perf_counter() - t0
            gov.report(m)
            _decode_speed(m, prog.t_first, prog.t_last, prog.n_dec)
            turn.text = "".join(pieces)

    def _decode_plain(self, m: TurnMetrics, s: SamplingSettings, sampler, fast,
                      stops: _StopMatcher, utf8, pieces: list[str], n_ctx: int, t0: float,
                      mask: EogMask | None, hold: int, want_backend: bool, guard: bool,
                      prog: "_Progress"):
        """The decode loop: one token per llama_decode, sampled by the C sampler chain (or
        _TopKSampler, or in llama.cpp's graph); yields text, returns why it ended. `prog` gets
        the decode's counts and times when it ends, however it ends."""
        ctx, vocab, kv = self._ctx, self._vocab, self._kv_tokens
        decode, get_one = llama_cpp.llama_decode, llama_cpp.llama_batch_get_one
        sample, is_eog = llama_cpp.llama_sampler_sample, llama_cpp.llama_vocab_is_eog
        cancel, tok_cache, gov = self._cancel, self._tok_cache, self.governor
        assert gov is not None  # set by load with the context (the turn passed _require)
        one = (llama_cpp.llama_token * 1)()
        batch = get_one(one, 1)
        max_tokens = _max_tokens(s, n_ctx)
        n_gen = n_dec = 0
        clock, in_decode = time.perf_counter, 0.0   # the time inside llama_decode (metrics)
        if mask is not None:
            mask(-1, 0)
        tok = fast() if fast is not None else sample(sampler, ctx, -1)
        t_first = t_last = time.perf_counter()
        m.ttft_s = t_first - t0
        # the prompt's logits were on the host; the rest are sampled in the graph
        on_backend = prog.on_backend = want_backend and self._sample_on_backend(m, sampler)
        try:
            while True:
                hit = tok_cache.get(tok)
                if hit is None:  # each token's piece and end-of-generation flag, asked once
                    hit = tok_cache[tok] = (self._piece(tok), bool(is_eog(vocab, tok)))
                if hit[1]:
                    finish = "stop"
                    break
                n_gen += 1
                m.completion_tokens = n_gen
                text = utf8.decode(hit[0])
                if text:
                    stopped = False
                    if n_gen > hold:
                        text, stopped = stops.feed(text)
                    if text:
                        pieces.append(text)
                        yield text
                    if stopped:
                        finish = "stop"
                        break
                    if guard and n_gen > hold and n_gen % 8 == 0 \
                            and repeating("".join(pieces[-4000:])):
                        finish = "stop"
                        m.repetition = True
                        break
                if n_gen >= max_tokens or len(kv) + 1 >= n_ctx:
                    finish = "length"
                    break
                if cancel.is_set():
                    finish = "cancelled"
                    break
                one[0] = tok
                gov.tick()
                t_call = clock()
                rc = decode(ctx, batch)
                in_decode += clock() - t_call
                if rc != 0:
                    if rc == 1:  # no room left in the KV cache
                        finish = "length"
                        break
                    raise EmberError(_decode_failure("generate", rc))
                kv.append(tok)
                n_dec += 1
                if on_backend:  # llama.cpp sampled it in the graph: sample() returns it
                    tok = sample(sampler, ctx, -1)
                else:
                    if mask is not None:
                        mask(-1, n_gen)
                    tok = fast() if fast is not None else sample(sampler, ctx, -1)
                t_last = time.perf_counter()
            return finish
        finally:
            prog.n_dec, prog.t_first, prog.t_last = n_dec, t_first, t_last
            m.llama_decode_s = in_decode

    def _turn_mode(self, s: SamplingSettings, grammar, prefill_only: bool):
        """(the EOG mask or None, the tokens before which nothing may end, whether the chain
        samples on the backend)."""
        mask = None if prefill_only else self._eog_mask(s, grammar)
        # no end before min_tokens (SamplingSettings): stops and the guard wait for it too
        hold = s.min_tokens if mask is not None else 0
        # the mask writes the logits on the host: a chain on the backend would not see it
        want_backend = not prefill_only and mask is None and self._use_backend_sampling(grammar)
        return mask, hold, want_backend

    def _prefill(self, m: TurnMetrics, tokens: list[int], on_prefill, t0: float) -> bool:
        """The prompt: reuse the cached prefix, evaluate the rest in cancellable chunks (each
        said to `on_prefill`); False when cancelled (what was processed stays cached)."""
        ctx, kv, gov = self._ctx, self._kv_tokens, self.governor
        assert gov is not None  # set by load with the context (the turn passed _require)
        decode, get_one = llama_cpp.llama_decode, llama_cpp.llama_batch_get_one
        n_keep = self._reuse_prefix(tokens)
        m.reused_tokens = n_keep
        todo = tokens[n_keep:]
        n_batch = llama_cpp.llama_n_batch(ctx)
        arr = (llama_cpp.llama_token * len(todo))(*todo)
        elem = ctypes.sizeof(llama_cpp.llama_token)
        llama_cpp.llama_set_abort_callback(ctx, self._abort_cb, None)
        try:
            for i in range(0, len(todo), n_batch):
                if self._cancel.is_set():
                    return False
                n = min(n_batch, len(todo) - i)
                gov.tick()
                ptr = ctypes.cast(ctypes.addressof(arr) + i * elem,
                                  ctypes.POINTER(llama_cpp.llama_token))
                rc = decode(ctx, get_one(ptr, n))
                if rc == 2:  # aborted by cancel(): keep what was processed
                    kv.extend(todo[i:i + n])
                    self._sync_kv_after_abort()
                    m.processed_tokens = len(kv) - n_keep
                    return False
                if rc != 0:
                    raise EmberError(_decode_failure("process the prompt", rc))
                kv.extend(todo[i:i + n])
                m.processed_tokens = len(kv) - n_keep
                if on_prefill is not None:
                    on_prefill(m.processed_tokens, len(todo))
        finally:
            llama_cpp.llama_set_abort_callback(ctx, llama_cpp.ggml_abort_callback(0), None)
        m.prefill_s = time.perf_counter() - t0
        if m.processed_tokens:
            m.prefill_tps = m.processed_tokens / max(m.prefill_s, 1e-9)
        return True

class _Progress:
    """A turn's decode so far, for its metrics however it ends (a cancel included)."""
    __slots__ = ("n_dec", "t_first", "t_last", "on_backend")

    def __init__(self):
        self.n_dec, self.t_first, self.t_last, self.on_backend = 0, None, None, False


def _template_message(m: dict) -> dict:
    """A message as chat templates read it: role and content; an assistant's tool calls with
    their arguments as objects (templates write `arguments | tojson`); a tool result's id."""
    out = {"role": m["role"], "content": m.get("content") or ""}
    if m.get("tool_calls"):
        out["tool_calls"] = [
            {"id": c.get("id"), "type": "function",
             "function": {"name": c["function"]["name"],
                          "arguments": arguments_for_template(c["function"].get("arguments"))}}
            for c in m["tool_calls"]]
    if m["role"] == "tool":
        for k in ("tool_call_id", "name"):
            if m.get(k) is not None:
                out[k] = m[k]
    return out
