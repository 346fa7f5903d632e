"""Prompts for base models (no chat template, not instruction-tuned): a document to continue.

Part of desktop/core/engine (its __init__ tells the whole story).

A base model (the embedded Gemma 3 270M) has never seen chat turns: given Gemma's turn markers
it echoes the system prompt for thousands of tokens. What it does well is continue text and
code. So a chat turn becomes the start of a document it can continue:
- a coding request that names a function (`is_palindrome(s: str) -> bool`, or a `def` in the
  question's code) becomes that function's header and a docstring holding the request; the
  model writes the body. The header is part of the answer (in a ```python block).
- anything else becomes a question-and-answer transcript ("Question: ...\\nAnswer:"), stopped at
  the next turn marker.
A repetition guard (Engine) ends an answer that starts repeating itself or the prompt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_SIG = re.compile(r"`((?:async\s+)?(?:def\s+)?([A-Za-z_]\w*)\s*\(([^`]*?)\)\s*(?:->\s*([^`]+?))?)\s*`")
_DEF = re.compile(r"^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\((.*?)\)\s*(->\s*[^:]+)?:\s*$", re.M)
_CODE_START = re.compile(r"^\s*(?:(?:async\s+)?def |class |import |from \S+ import |#!|@)")
# an argument that is a value ("x", 3, -1.5): `add_tag("x")` is a call, not a signature
_CALL_ARGS = re.compile(r"(?:^|,)\s*(?:\"[^\"]*\"|'[^']*'|-?\d[\d_.]*)\s*(?:,|$)")
_FENCE = re.compile(r"```[A-Za-z0-9_+-]*\n(.*?)```", re.S)
# a body ends where a line starts at column 0 with something that is not the function's
CODE_STOPS = ["\ndef ", "\nclass ", "\nif ", "\nprint(", "\n#", "\n```", "\nassert ", "\n@",
              "\nimport ", "\nfrom ", "\n\n\n", "\n>>>", "\nfor ", "\nwhile ", "\ntry:",
              "\nwith ", "\nreturn ", "\nx = ", "\nresult", "\ns = "]
QA_STOPS = ["\nQuestion:", "\nQ:", "\nUser:", "\n\n\n\n", "<start_of_turn>", "<end_of_turn>",
            "\n###"]


@dataclass
class BasePrompt:
    text: str                      # the document the model continues
    answer_prefix: str = ""        # shown (and stored) before what the model writes
    answer_suffix: str = ""        # closes what the prefix opened (a code fence)
    stops: list[str] = field(default_factory=list)
    kind: str = "qa"               # code | qa


# finished functions before the asked one: a base model continues the pattern (docstring,
# then code) instead of writing comments about what it would do. None of them is, or answers,
# an `ember bench` task (tests/test_base_model.py checks): the bench's figure stays honest.
EXAMPLE = (
    "def count_digits(text: str) -> int:\n"
    '    """Return how many decimal digits (0-9) the text holds."""\n'
    '    return sum(1 for ch in text if ch in "0123456789")\n\n\n'
    "def evens(numbers: list[int]) -> list[int]:\n"
    '    """Return the even numbers of the list, in their order."""\n'
    "    return [n for n in numbers if n % 2 == 0]\n\n\n")
_ASK = re.compile(r"^\s*(?:please\s+)?(?:write|implement|create|define)\s+(?:a\s+)?(?:python\s+)?"
                  r"(?:function\s+)?`[^`]*`\s*(?:that|which|to)?\s*[,:]?\s*", re.I)


def _docstring(text: str) -> str:
    text = _FENCE.sub("", text).strip()
    asked = _ASK.sub("", text, count=1).lstrip(" .,:;")
    if asked != text and asked:
        text = asked[0].upper() + asked[1:]
    text = re.sub(r"\s+\n", "\n", text).replace('"""', "'''").replace("\\", "\\\\")
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    body = "\n    ".join(lines)
    return f'    """{body}\n    """\n'


def base_prompt(messages: list[dict]) -> BasePrompt:
    """The document for the last user message (earlier turns as a transcript)."""
    user = next((m.get("content") or "" for m in reversed(messages) if m["role"] == "user"), "")
    if _CODE_START.match(user) and "```" not in user:
        # code to continue (`ember chat -p "def fibonacci(n):"`): the model writes what follows
        code = user.rstrip() + "\n"
        if code.rstrip().endswith(":"):
            code += "    "
        return BasePrompt(text=EXAMPLE + code, answer_prefix="```python\n" + code,
                          answer_suffix="```\n", stops=list(CODE_STOPS), kind="code")
    code_blocks = _FENCE.findall(user)
    header = None
    m = _SIG.search(user)
    if m and _CALL_ARGS.search(m.group(3)):
        m = None   # `add_tag("x")`: a call with values, not the function's signature
    if m and not m.group(1).startswith(("def ", "async ")):
        name, args, ret = m.group(2), m.group(3), m.group(4)
        header = f"def {name}({args})" + (f" -> {ret.strip()}" if ret else "") + ":\n"
    elif code_blocks:
        d = _DEF.search(code_blocks[0])
        if d:
            header = d.group(0).strip() + "\n"
    if header is not None:
        imports = ""
        for block in code_blocks:  # the question's imports come along
            imports += "".join(ln + "\n" for ln in block.splitlines()
                               if ln.startswith(("import ", "from ")))
        head = imports + ("\n" if imports else "") + header + _docstring(user)
        return BasePrompt(text=EXAMPLE + head, answer_prefix="```python\n" + head,
                          answer_suffix="```\n", stops=list(CODE_STOPS), kind="code")
    lines = []
    for msg in messages:
        content = msg.get("content") or ""
        if msg["role"] == "system" and "<document " in content:
            # attached documents (documents/prompt.py puts them in the system message): the
            # text the question is about, without the instructions before them
            lines.append(content[content.index("<document "):].rstrip())
        elif msg["role"] == "user":
            lines.append(f"Question: {msg.get('content') or ''}".rstrip())
        elif msg["role"] == "assistant" and msg.get("content"):
            lines.append(f"Answer: {msg['content']}".rstrip())
    return BasePrompt(text="\n\n".join(lines) + "\n\nAnswer:", stops=list(QA_STOPS))


_NOT_BASE = re.compile(r"(?:^|[-_ .])(?:it|instruct|chat|sft|dpo|rlhf|assistant)(?:$|[-_ .\d])",
                       re.I)


def is_base_model(meta) -> bool:
    """A GGUF without a chat template whose name and fine-tune say nothing of instructions or
    chat (the embedded Gemma 3 270M): a base model."""
    md = meta.metadata
    if meta.chat_template:
        return False
    if md.get("general.finetune"):
        return False
    names = " ".join(str(md.get(k) or "") for k in ("general.name", "general.basename"))
    names += " " + meta.path.stem
    return not _NOT_BASE.search(names)


def repeating(text: str, window: int = 48, times: int = 3) -> bool:
    """Whether the text's last `window` characters occur `times` times in it: the answer is
    going round in a loop (checked every few tokens; long answers look at their last 4,000
    characters)."""
    tail = text[-window:]
    if len(tail) < window or not tail.strip():
        return False
    hay, n, i = text[-4000:], 0, -1
    while True:  # overlapping occurrences: a loop shorter than the window overlaps itself
        i = hay.find(tail, i + 1)
        if i < 0:
            return False
        n += 1
        if n >= times:
            return True
