"""Filler text for the speed prompts and the long-document probe, counted with the model's
own tokenizer. Sentences are drawn from small word lists with a seeded RNG: varied enough that
a model cannot shortcut them, the same for every run with the same seed."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Iterator

_SUBJECTS = ["The harbour master", "A quiet librarian", "The night-shift engineer", "Our team",
             "The old lighthouse keeper", "A travelling botanist", "The city council",
             "The museum's curator", "A retired pilot", "The youngest student", "The baker",
             "A weather station", "The orchestra", "The river ferry", "A village doctor",
             "The research group", "The ship's cook", "A mountain guide", "The printer",
             "The archive"]
_VERBS = ["repaired", "catalogued", "painted", "measured", "described", "moved", "inspected",
          "photographed", "rebuilt", "counted", "sketched", "labelled", "polished", "studied",
          "carried", "recorded", "compared", "translated", "weighed", "restored"]
_OBJECTS = ["the copper lanterns", "a box of brass keys", "the tide tables", "seven maps",
            "the northern wall", "a crate of apples", "the signal flags", "the glass jars",
            "an old wooden clock", "the garden benches", "three sailing charts", "the bells",
            "a stack of letters", "the iron gate", "the wool blankets", "the window frames",
            "a set of compasses", "the field notes", "the stone steps", "a basket of shells"]
_PLACES = ["before sunrise", "near the east pier", "during the long winter",
           "after the market closed", "in the upper gallery", "beside the canal",
           "on the second floor", "under a grey sky", "at the edge of town",
           "while it rained", "in the courtyard", "behind the station", "at noon",
           "by the old mill", "in the cold storeroom", "on a windy afternoon"]
_ENDINGS = ["", "", "", " and wrote it down", " for the spring fair", " with great care",
            " twice", " without a word", " as usual", " for the records"]


def sentences(seed: int = 0) -> Iterator[str]:
    rng = random.Random(seed)
    while True:
        yield (f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
               f"{rng.choice(_PLACES)}{rng.choice(_ENDINGS)}.")


def filler_text(n_chars: int, seed: int = 0) -> str:
    out: list[str] = []
    size = 0
    gen = sentences(seed)
    while size < n_chars:
        s = next(gen)
        if len(out) % 7 == 6:
            s += "\n\n"
        out.append(s)
        size += len(s) + 1
    return " ".join(out)


def speed_prompt(engine, n_tokens: int, seed: int = 0) -> list[int]:
    """Exactly `n_tokens` prompt tokens of filler (BOS first when the model wants one)."""
    chars = n_tokens * 6 + 64
    while True:
        tokens = engine.tokenize(filler_text(chars, seed), add_special=True, parse_special=False)
        if len(tokens) >= n_tokens:
            return tokens[:n_tokens]
        chars *= 2


# ------------------------------------------------------------------------ long document
LONG_DOC_QUESTION = ("What is the access code for the blue vault? Reply with the access code "
                     "only.")


@dataclass
class LongDocProbe:
    messages: list[dict]
    code: str
    prompt_tokens: int
    depth: float            # where the fact sits, as a fraction of the document's tokens

    def score(self, answer: str) -> tuple[bool, bool]:
        """(found: the code appears in the answer, exact: the answer is the code)."""
        def norm(s: str) -> str:
            return re.sub(r"[^A-Z0-9]", "", s.upper())
        found = norm(self.code) in norm(answer)
        exact = answer.strip().strip(".`'\"* \n").upper() == self.code.upper()
        return found, exact


def _messages(doc: str) -> list[dict]:
    return [{"role": "user", "content": (
        "Read the document below, then answer the question after it.\n\n<document>\n"
        f"{doc}\n</document>\n\nQuestion: {LONG_DOC_QUESTION}")}]


def long_doc_probe(engine, target_tokens: int, depth: float = 0.75,
                   seed: int = 0) -> LongDocProbe:
    """A chat prompt of at most `target_tokens` tokens (template included): filler with one
    fact (the blue vault's access code) planted at `depth` of the document, and the question
    last."""
    rng = random.Random(seed + 7919)
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    code = (f"{rng.choice(letters)}{rng.choice(letters)}-{rng.randint(1000, 9999)}-"
            f"{rng.choice(letters)}{rng.choice(letters)}")
    fact = f"The access code for the blue vault is {code}."
    base = len(engine.chat_tokens(_messages("")))
    budget = max(16, target_tokens - base)
    # sentences with their approximate token counts, until the budget is covered
    sents: list[str] = []
    counts: list[int] = []
    total = 0
    gen = sentences(seed)
    while total < budget:
        s = next(gen)
        n = len(engine.tokenize(" " + s))
        sents.append(s)
        counts.append(n)
        total += n
    fact_n = len(engine.tokenize(" " + fact))

    def build(k: int) -> tuple[str, int, int]:
        """The document of the first k filler sentences with the fact at `depth`."""
        body = sents[:k]
        doc_tokens = sum(counts[:k]) + fact_n
        acc, at = 0, len(body)
        for i, n in enumerate(counts[:k]):
            if acc >= depth * doc_tokens:
                at = i
                break
            acc += n
        parts = body[:at] + [fact] + body[at:]
        return " ".join(parts), acc, doc_tokens

    k = len(sents)
    doc, before, doc_tokens = build(k)
    n = len(engine.chat_tokens(_messages(doc)))
    while n > target_tokens and k > 1:  # trim from the end until the whole prompt fits
        k = max(1, k - max(1, (n - target_tokens) // max(1, counts[0]) + 1))
        doc, before, doc_tokens = build(k)
        n = len(engine.chat_tokens(_messages(doc)))
    return LongDocProbe(_messages(doc), code, n, before / max(1, doc_tokens))
