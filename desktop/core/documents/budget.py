"""The context budget, decided before sending: fits, reload (the planner's larger context),
retrieve (the best-matching parts) or too long.

Part of desktop/core/documents (its __init__ tells the whole story)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..engine_api import ChatEngine, TokenCounter
from ..errors import EmberError
from ..texts import tr
from .model import Document
from .prompt import (
    DOC_SYSTEM,
    RETRIEVAL_NOTE,
    Chunk,
    Part,
    Tokenizer,
    _Counter,
    build_messages,
    count_tokens,
)
from .retrieval import CHUNK_TOKENS, OVERLAP_TOKENS, _merge, chunk_document, rank_chunks

if TYPE_CHECKING:
    from ..hardware import Hardware
    from ..plan import ModelFacts, Plan


# ------------------------------------------------------------------------------- budget
FITS, RELOAD, RETRIEVE, TOO_LONG = "fits", "reload", "retrieve", "too_long"
RESERVE_FOR_ANSWER = 1024
MIN_DOC_ROOM = 256        # below this many free tokens, retrieval is pointless
SAFETY = 16               # tokens kept spare when filling the context with chunks


@dataclass
class Budget:
    """What Ember will do with the attached documents, decided before sending."""
    decision: str                     # fits | reload | retrieve | too_long
    sentence: str                     # one sentence for the UI and the CLI
    n_ctx: int                        # the current context
    reserve: int                      # tokens kept for the answer
    docs: list[Document]
    doc_tokens: list[int]             # per document, with its header
    base_tokens: int                  # the prompt without documents (system, history, question)
    full_tokens: int                  # the prompt with every document whole
    prompt_tokens: int                # the prompt as it will be sent (fits/retrieve)
    needed_ctx: int                   # full_tokens + reserve
    plan: "Plan | None" = None        # reload: the planner's configuration
    chunks: list[Chunk] = field(default_factory=list)   # retrieve: what goes, in document order
    total_chunks: int = 0             # retrieve: how many chunks the documents were cut into
    earlier: int = 0                  # of `docs`, the first ones already in the conversation
    _retrieval: Callable[[], "Budget"] | None = field(default=None, repr=False, compare=False)

    @property
    def to_send(self) -> list[Part]:
        """The documents (fits, reload once reloaded) or the chunks (retrieve)."""
        if self.decision == RETRIEVE:
            return list(self.chunks)
        if self.decision == TOO_LONG:
            return []
        return list(self.docs)

    @property
    def used(self) -> list[str]:
        """Locations sent: 'report.pdf p. 12-13', ... (whole documents: their names)."""
        if self.decision == RETRIEVE:
            return [ch.location for ch in self.chunks]
        return [d.name for d in self.docs] if self.decision == FITS else []

    @property
    def doc_total(self) -> int:
        return sum(self.doc_tokens)

    def messages(self, history: Sequence[dict], question: str | None,
                 system: str | None = None) -> list[dict]:
        return build_messages(self.to_send, history, question, system)

    def without_reload(self) -> "Budget":
        """For a declined reload: the retrieval decision at the current context."""
        if self.decision != RELOAD or self._retrieval is None:
            return self
        return self._retrieval()


ESTIMATED_NOTE = ("(Token counts are estimated: the remote engine does not count tokens for "
                  "Ember.)")


def budget(engine_or_tokenizer: Tokenizer, docs: Sequence[Document],
           history: Sequence[dict] = (), question: str | None = "", n_ctx: int | None = None,
           reserve_for_answer: int = RESERVE_FOR_ANSWER, *, system: str | None = None,
           model=None, hardware: "Hardware | None" = None, allow_reload: bool = True,
           chunk_tokens: int = CHUNK_TOKENS, overlap_tokens: int = OVERLAP_TOKENS,
           earlier: int = 0) -> Budget:
    """Decide, before sending, how the documents go into the context (see _budget). With a
    remote engine that has no tokenizer endpoint (its capabilities' exact_counts is False) the
    counts are estimates, and the sentence says so. `earlier`: how many of `docs` (the first
    ones) the conversation already has; the sentence names the others (the window's chips)."""
    b = _budget(engine_or_tokenizer, docs, history, question, n_ctx, reserve_for_answer,
                system=system, model=model, hardware=hardware, allow_reload=allow_reload,
                chunk_tokens=chunk_tokens, overlap_tokens=overlap_tokens, earlier=earlier)
    caps = getattr(engine_or_tokenizer, "capabilities", None)   # a callable tokenizer has none
    if caps is not None and not caps.exact_counts:
        b.sentence = f"{b.sentence} " + tr("(Token counts are estimated: the remote engine does not "
                                               "count tokens for Ember.)")
    return b


def _budget(engine_or_tokenizer: Tokenizer, docs: Sequence[Document],
            history: Sequence[dict] = (), question: str | None = "", n_ctx: int | None = None,
            reserve_for_answer: int = RESERVE_FOR_ANSWER, *, system: str | None = None,
            model=None, hardware: "Hardware | None" = None, allow_reload: bool = True,
            chunk_tokens: int = CHUNK_TOKENS, overlap_tokens: int = OVERLAP_TOKENS,
            earlier: int = 0) -> Budget:
    """Decide, before sending, how the documents go into the context.

    engine_or_tokenizer: the loaded Engine (its tokenizer and chat template count exactly), or a
    callable text -> tokens (or a count). n_ctx: the current context (default: the engine's).
    model: what the planner plans for when the documents do not fit (a ModelFacts, CatalogModel,
    GGUFInfo or path; default: the engine's model file); hardware: default this machine;
    allow_reload=False skips the reload option (e.g. the user declined it for this chat).

    fits     -> everything goes whole;
    reload   -> it fits this model on this hardware with a larger context: `plan` is the
                configuration to reload with (bigger context, YaRN and a q8_0 KV cache where
                needed); `without_reload()` gives the retrieval decision instead;
    retrieve -> the best-matching chunks for the question fill the room left (`chunks`, `used`);
    too_long -> the conversation alone leaves no room for documents.

    An empty question (a preview, before it is typed) is counted as an empty user turn: the
    prompt as it will be sent, less the question's words (a template such as Gemma's drops a
    system turn that no user turn follows), and the sentence says "before your question"."""
    counter = _Counter(engine_or_tokenizer)
    docs = list(docs)
    if n_ctx is None:
        info = getattr(counter.engine, "info", None)
        if info is None:
            raise EmberError(tr("Load a model first: the budget is counted with its "
                                "tokenizer."))
        n_ctx = info.n_ctx
    reserve = max(0, int(reserve_for_answer))
    doc_tokens = [count_tokens(counter, d) for d in docs]
    base = _prompt(counter, build_messages([], history, question, system))
    full_msgs = build_messages(docs, history, question, system)
    full = _prompt(counter, full_msgs) if docs else base
    needed = full + reserve + 1   # the engine keeps one position free
    earlier = max(0, min(int(earlier), len(docs)))
    what = _what(docs, doc_tokens, earlier)
    common: dict[str, Any] = dict(n_ctx=n_ctx, reserve=reserve, docs=docs, doc_tokens=doc_tokens,
                                  base_tokens=base, full_tokens=full, needed_ctx=needed,
                                  earlier=earlier)

    if needed <= n_ctx:
        asked = bool((question or "").strip())
        return Budget(FITS, _fits_sentence(docs, what, n_ctx, full, asked), prompt_tokens=full,
                      **common)

    current = tr("larger than the current {ctx} context").format(ctx=_ctx(n_ctx))

    def retrieval(reason: str = current) -> Budget:
        return _retrieve(counter, docs, history, question, system, reason, common,
                         chunk_tokens=chunk_tokens, overlap_tokens=overlap_tokens)

    reason = current
    facts = _facts(model, counter) if allow_reload else None
    if facts is not None and docs:
        if hardware is None:  # this machine, as it will be once the loaded model is gone
            from ..hardware import probe, released
            hardware = released(probe(), _loaded_plan(counter.engine))
        p, why = _reload_plan(facts, hardware, needed, n_ctx)
        reason = why or current
        if p is not None:
            s = _reload_sentence(docs, what, needed, facts.name, n_ctx, p)
            return Budget(RELOAD, s, prompt_tokens=full, plan=p, _retrieval=retrieval, **common)
    if not docs:
        s = (tr("The conversation and your question already take {base:,} tokens, more than "
                "the {n_ctx:,}-token context holds with {reserve:,} kept for the answer: "
                "start a new chat.").format(base=base, n_ctx=n_ctx, reserve=reserve))
        return Budget(TOO_LONG, s, prompt_tokens=base, **common)
    return retrieval(reason)


def _prompt(counter: _Counter, msgs: list[dict]) -> int:
    """The prompt's tokens through the chat template; without a question (a preview), with an
    empty user turn where the question will go, so the template keeps the system turn."""
    if not msgs or msgs[-1].get("role") != "user":
        msgs = [*msgs, {"role": "user", "content": ""}]
    return counter.prompt(msgs)


def _fits_sentence(docs: list, what: str, n_ctx: int, full: int, asked: bool = True) -> str:
    left = n_ctx - full - 1
    if not docs:
        return tr("The prompt is {full:,} tokens of the {ctx} context.").format(
            full=full, ctx=_ctx(n_ctx))
    if not asked:   # a preview: what will be sent, less the question's words
        return (tr("{what} fits in the {ctx} context: with the conversation it takes {full:,} "
                   "tokens before your question, leaving {left:,} for the question and the "
                   "answer.") if len(docs) == 1 else
                tr("{what} fit in the {ctx} context: with the conversation they take {full:,} "
                   "tokens before your question, leaving {left:,} for the question and the "
                   "answer.")).format(what=what, ctx=_ctx(n_ctx), full=full, left=left)
    return (tr("{what} fits in the {ctx} context: the prompt is {full:,} tokens with the "
               "conversation and your question, leaving {left:,} for the answer.")
            if len(docs) == 1 else
            tr("{what} fit in the {ctx} context: the prompt is {full:,} tokens with the "
               "conversation and your question, leaving {left:,} for the answer.")).format(
                what=what, ctx=_ctx(n_ctx), full=full, left=left)


def _reload_sentence(docs: list, what: str, needed: int, name: str, n_ctx: int, p) -> str:
    return (tr("{what} needs {needed:,} tokens of context but {name} is loaded with "
               "{ctx}: reloading it with a {new_ctx} context ({plan}) {where} reads it "
               "whole.") if len(docs) == 1 else
            tr("{what} need {needed:,} tokens of context but {name} is loaded with "
               "{ctx}: reloading it with a {new_ctx} context ({plan}) {where} reads them "
               "whole.")).format(
                what=what, needed=needed, name=name, ctx=_ctx(n_ctx),
                new_ctx=_ctx(p.n_ctx), plan=_plan_words(p), where=_where(p))


def _retrieve(counter: _Counter, docs, history, question, system, reason: str, common: dict, *,
              chunk_tokens: int, overlap_tokens: int) -> Budget:
    n_ctx, reserve = common["n_ctx"], common["reserve"]
    docs_what = _what(docs, common["doc_tokens"], common["earlier"])
    empty = _prompt(counter, build_messages([], history, question, system))
    # the system text that retrieval adds around the chunks
    head = DOC_SYSTEM + "\n\n" + RETRIEVAL_NOTE + "\n\n"
    overhead = counter.count(head) + counter.PER_MESSAGE + 2
    room = n_ctx - 1 - reserve - empty - overhead - SAFETY
    if room < MIN_DOC_ROOM:
        s = (tr("The conversation and your question already take {empty:,} tokens, so with "
                "{reserve:,} kept for the answer the {n_ctx:,}-token context has no room "
                "for {docs_what}: start a new chat to ask about the documents.").format(
                 empty=empty, reserve=reserve, n_ctx=n_ctx, docs_what=docs_what))
        return Budget(TOO_LONG, s, prompt_tokens=empty, **common)
    chunks: list[Chunk] = []
    for i, d in enumerate(docs):
        chunks.extend(chunk_document(counter, d, i, chunk_tokens=chunk_tokens,
                                     overlap_tokens=overlap_tokens))
    ranked = rank_chunks(chunks, question or "")
    from_start = not ranked and bool((question or "").strip())
    if from_start:  # nothing matches ("summarize this"): the beginning, in order
        ranked = list(chunks)
        for i, ch in enumerate(ranked):
            ch.rank = i
    chosen: list[Chunk] = []
    used = 0
    for ch in ranked:
        cost = ch.tokens + 2  # the blank line between parts
        if used + cost > room:
            if from_start:
                break         # the beginning stays one piece
            continue          # a smaller, lower-ranked chunk may still fit
        chosen.append(ch)
        used += cost
    merged = _merge(chosen, counter)
    msgs = build_messages(merged, history, question, system)
    total = _prompt(counter, msgs) if merged else empty
    while merged and total + reserve + 1 > n_ctx:  # counts are per piece: check the whole
        worst = max(chosen, key=lambda ch: ch.rank)
        chosen.remove(worst)
        merged = _merge(chosen, counter)
        msgs = build_messages(merged, history, question, system)
        total = _prompt(counter, msgs) if merged else empty
    sent = sum(ch.tokens for ch in merged)
    if not (question or "").strip():
        s = (tr("{docs_what} is {reason}, so Ember will send the parts that best match your "
                "question, up to {room:,} tokens.") if len(docs) == 1 else
             tr("{docs_what} are {reason}, so Ember will send the parts that best match your "
                "question, up to {room:,} tokens.")).format(
                 docs_what=docs_what, reason=reason, room=room)
    elif from_start:
        s = (tr("{docs_what} is {reason}, and no part of it matches the words of your "
                "question, so Ember will send the beginning ({sent:,} tokens): {locations}.")
             if len(docs) == 1 else
             tr("{docs_what} are {reason}, and no part of them matches the words of your "
                "question, so Ember will send the beginning ({sent:,} tokens): {locations}.")
             ).format(docs_what=docs_what, reason=reason, sent=sent,
                      locations=_locations(merged))
    else:
        one_doc, one_part = len(docs) == 1, len(merged) == 1
        if one_doc and one_part:
            s = tr("{docs_what} is {reason}, so Ember will send the {n} part that best matches "
                   "your question ({sent:,} tokens): {locations}.")
        elif one_doc:
            s = tr("{docs_what} is {reason}, so Ember will send the {n} parts that best match "
                   "your question ({sent:,} tokens): {locations}.")
        elif one_part:
            s = tr("{docs_what} are {reason}, so Ember will send the {n} part that best matches "
                   "your question ({sent:,} tokens): {locations}.")
        else:
            s = tr("{docs_what} are {reason}, so Ember will send the {n} parts that best match "
                   "your question ({sent:,} tokens): {locations}.")
        s = s.format(docs_what=docs_what, reason=reason, n=len(merged), sent=sent,
                     locations=_locations(merged))
    return Budget(RETRIEVE, s, prompt_tokens=total, chunks=merged, total_chunks=len(chunks),
                  **common)


def _locations(chunks: Sequence[Chunk], limit: int = 8) -> str:
    """'manual.txt lines 1-24, lines 30-36; report.pdf p. 12-13 and 5 more'."""
    groups: list[tuple[Document, list[str]]] = []
    for ch in chunks[:limit]:
        where = ch.doc.location(ch.start, ch.end, with_name=False)
        if groups and groups[-1][0] is ch.doc:
            groups[-1][1].append(where)
        else:
            groups.append((ch.doc, [where]))
    text = "; ".join(f"{d.name} {', '.join(w)}" for d, w in groups)
    if len(chunks) > limit:
        text += f" and {len(chunks) - limit} more"
    return text


def _facts(model, counter: _Counter) -> "ModelFacts | None":
    from ..plan import ModelFacts
    if model is None and getattr(counter.engine, "remote", None) is not None:
        return None  # a remote engine's model is no file here: nothing to plan a reload for
    try:
        if model is not None:
            return ModelFacts.of(model)
        info = getattr(counter.engine, "info", None)
        if info is not None:
            return ModelFacts.of(info.path)
    except Exception:
        return None
    return None


def _loaded_plan(engine: TokenCounter | None):
    """The plan the engine's model was loaded with (what it holds in VRAM and RAM), or None
    (a callable tokenizer has no engine; an engine loaded with explicit settings, no plan; a
    remote engine's plan says nothing of this machine's memory: no device)."""
    p = engine.plan if isinstance(engine, ChatEngine) else None
    return p if getattr(p, "device", None) is not None else None


CTX_STEP = 8192


def _reload_plan(facts: "ModelFacts", hardware, needed: int, n_ctx: int) -> tuple["Plan | None", str]:
    """The configuration that reads `needed` tokens, or None and why not (a clause).

    Within the training context: the needed size plus a quarter for follow-ups, in 8K steps.
    Beyond it, with YaRN: the model's maximum (Qwen documents the static factor 4: 128K), or,
    where that does not fit the hardware, the smallest YaRN context that holds the documents."""
    from .. import plan as planner
    from ..hardware import probe
    if needed > facts.max_context:
        return None, (tr("larger than the {ctx} tokens {name} can read at "
                         "once").format(
                          ctx=_ctx(facts.max_context), name=facts.name))
    hw = hardware if hardware is not None else probe()
    if needed <= facts.training_context:
        wants = [min(facts.training_context, _round_up(int(needed * 1.25), CTX_STEP)),
                 _round_up(needed, CTX_STEP)]
    else:
        wants = [facts.max_context, min(facts.max_context, _round_up(needed, CTX_STEP))]
    last = None
    for want in dict.fromkeys(wants):
        want = max(want, needed)
        if want <= n_ctx:
            continue
        p = planner.plan(facts, hw, want)
        last = p
        if p.fit != planner.NO and p.n_ctx >= needed:
            return p, ""
    if last is not None and last.fit == planner.NO:
        where = (tr("this machine") if hw.label == "this machine" else
                 tr("the {label} profile").format(label=hw.label))
        return None, (tr("larger than {name} can read at once on {where} (a "
                         "{ctx} context does not fit its memory)").format(
                          name=facts.name, where=where, ctx=_ctx(last.n_ctx)))
    return None, tr("larger than the current {ctx} context").format(ctx=_ctx(n_ctx))


def _round_up(n: int, step: int) -> int:
    return int(math.ceil(n / step) * step)


def _ctx(n: int) -> str:
    return f"{n // 1024}K" if n % 1024 == 0 else f"{n:,}-token"


def _plan_words(p: "Plan") -> str:
    bits = []
    if p.yarn:
        bits.append("YaRN")
    bits.append(f"{p.kv_type} KV cache")
    if p.flash_attn == "on":
        bits.append("flash attention")
    return ", ".join(bits)


def _where(p: "Plan") -> str:
    if p.device == "cpu":
        return tr("on the CPU (slow for this much text)")
    card = p.gpu_name or "the GPU"
    for prefix in ("NVIDIA ", "GeForce "):
        card = card.replace(prefix, "")
    if p.fit == "partial":
        return tr("with {n_gpu_layers} of {n_layers} layers on the {card}").format(
                   n_gpu_layers=p.n_gpu_layers, n_layers=p.n_layers, card=card)
    return tr("on the {card}").format(card=card)


def _what(docs: Sequence[Document], tokens: Sequence[int], earlier: int = 0) -> str:
    """'report.pdf (3 pages, 1,234 tokens)', '2 documents (…)'; with documents the chat already
    has (`earlier`, the first ones): the new ones, then how many the chat has."""
    if 0 < earlier < len(docs):
        new = _what(docs[earlier:], tokens[earlier:])
        return (tr("{new} and the {n} document already in this chat ({tokens:,} tokens in "
                   "all)") if earlier == 1 else
                tr("{new} and the {n} documents already in this chat ({tokens:,} tokens in "
                   "all)")).format(new=new, n=earlier, tokens=sum(tokens))
    if len(docs) == 1:
        d = docs[0]
        if d.pages:
            return tr("{name} ({pages} pages, {tokens:,} tokens)").format(
                name=d.name, pages=d.pages, tokens=tokens[0])
        return tr("{name} ({tokens:,} tokens)").format(name=d.name, tokens=tokens[0])
    return tr("{n} documents ({tokens:,} tokens)").format(n=len(docs), tokens=sum(tokens))
