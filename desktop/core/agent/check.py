""""Check my code": run a coding answer against the tests it wrote (or the examples it gave), in
the sandbox, and give a failure back to the model for up to N repair rounds.

Part of desktop/core/agent (its __init__ tells the whole story).

    c = check_answer(answer)                  # Check(status, program, out)
    if c.status == "failed": ask(repair_request(c))

What counts as the answer's own checks, in its Python blocks: `assert` statements, `>>>`
examples (run with doctest, from docstrings or from a block of examples), or an
`if __name__ == "__main__":` block that raises on a wrong result. The blocks run together, in
order (definitions, then the tests), as one program. An answer with none of these is not
checked ("no_tests"): Ember never invents a test.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .python import describe, run_code

CHECK_ROUNDS = 2
_PY_TAGS = {"python", "py", "python3", ""}
_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)```", re.S)


@dataclass
class Check:
    status: str                  # passed | failed | no_tests | refused | cancelled
    program: str = ""
    out: dict = field(default_factory=dict)

    @property
    def summary(self) -> str:
        if self.status == "no_tests":
            return "no tests or examples in the answer: not checked"
        if self.status == "refused":
            return f"not run: {self.out.get('reason', 'no sandbox')}"
        return describe(self.out).splitlines()[0] if self.out else self.status


def python_blocks(answer: str) -> list[str]:
    return [body for tag, body in _FENCE.findall(answer or "") if tag.lower() in _PY_TAGS]


def check_program(answer: str) -> str | None:
    """The program that checks the answer with its own tests, or None when it has none."""
    blocks = python_blocks(answer)
    if not blocks:
        return None
    code, examples = [], []
    for b in blocks:
        lines = b.strip("\n").splitlines()
        if lines and all(not ln.strip() or ln.lstrip().startswith((">>>", "...")) or
                         not ln.startswith(" ") for ln in lines) and \
                any(ln.lstrip().startswith(">>>") for ln in lines) and \
                lines[0].lstrip().startswith(">>>"):
            examples.append(b)   # a block of examples: doctest reads it
        else:
            code.append(b)
    program = "\n\n".join(code)
    has_assert = re.search(r"^\s*assert\b", program, re.M) is not None
    has_main = re.search(r"^if\s+__name__\s*==\s*['\"]__main__['\"]\s*:", program, re.M)
    has_doctest = ">>>" in program or bool(examples)
    if not (has_assert or has_main or has_doctest):
        return None
    if has_doctest:
        ex = "\n".join(examples)
        program += ("\n\nimport doctest as _doctest, sys as _sys\n"
                    f"_examples = {ex!r}\n"
                    "_failed = _doctest.testmod(verbose=False).failed\n"
                    "if _examples:\n"
                    "    _t = _doctest.DocTestParser().get_doctest(_examples, globals(), "
                    "'examples', None, 0)\n"
                    "    _r = _doctest.DocTestRunner(verbose=False)\n"
                    "    _r.run(_t)\n"
                    "    _failed += _r.failures\n"
                    "if _failed:\n"
                    "    _sys.exit(f'{_failed} example(s) failed')\n")
    return program


def check_answer(answer: str, *, cancel=None) -> Check:
    program = check_program(answer)
    if program is None:
        return Check("no_tests")
    out = run_code(program, cancel=cancel)
    status = {"ok": "passed", "cancelled": "cancelled", "refused": "refused",
              "unavailable": "refused"}.get(out["status"], "failed")
    return Check(status, program, out)


def repair_request(c: Check) -> str:
    """The message that gives a failed check back to the model."""
    return ("I ran your code with its own tests in a sandbox, and it failed:\n\n"
            f"```text\n{describe(c.out)}\n```\n\n"
            "Fix the code. Answer with the whole corrected code and its tests, in one Python "
            "block.")
