"""The first minute (issue 16, part 4): the embedded Gemma 3 270M is a base model, so a chat
turn becomes a document it can continue (engine/base.py): a coding request becomes the named
function's header and docstring, anything else a question-and-answer text; turn markers stop
it, and a repetition guard ends a loop. Real model, real llama.cpp."""
from __future__ import annotations

from desktop.core.engine import SamplingSettings
from desktop.core.engine.base import CODE_STOPS, EXAMPLE, base_prompt, is_base_model, repeating

SYSTEM = ("You are Ember, a helpful coding assistant running on the user's own computer. "
          "Answer clearly and concisely.")


def test_a_coding_request_becomes_the_functions_header_and_docstring():
    bp = base_prompt([{"role": "system", "content": SYSTEM},
                      {"role": "user", "content": "Write a Python function `is_palindrome(s: "
                       "str) -> bool` that returns True when `s` reads the same both ways."}])
    assert bp.kind == "code" and bp.text.startswith(EXAMPLE)
    assert bp.answer_prefix == ("```python\ndef is_palindrome(s: str) -> bool:\n"
                                '    """Returns True when `s` reads the same both ways.\n'
                                '    """\n')
    assert SYSTEM not in bp.text and "\ndef " in bp.stops == CODE_STOPS
    fix = base_prompt([{"role": "user", "content": "Fix this:\n```python\nimport math\n\n"
                        "def area(r):\n    return math.pi * r\n```"}])
    assert fix.kind == "code" and fix.answer_prefix.startswith("```python\nimport math\n\n"
                                                               "def area(r):\n")
    # a call with values in backticks is not a signature: the header comes from the code
    # (it was `def add_tag("x"):`, a SyntaxError whatever the model wrote)
    call = base_prompt([{"role": "user", "content": 'Calling `add_tag("x")` twice gives two '
                         '"x". Fix it.\n```python\ndef add_tag(tag, tags=[]):\n'
                         '    tags.append(tag)\n    return tags\n```'}])
    assert call.answer_prefix.startswith("```python\ndef add_tag(tag, tags=[]):\n")
    typed = base_prompt([{"role": "user", "content": "Write `join(parts: list, sep: str = "
                          '",", n: int = 0) -> str`.'}])
    assert typed.answer_prefix.startswith('```python\ndef join(parts: list, sep: str = ",", '
                                          "n: int = 0) -> str:\n")
    cont = base_prompt([{"role": "user", "content": "def fibonacci(n):"}])
    assert cont.kind == "code" and cont.text.endswith("def fibonacci(n):\n    ")
    assert cont.answer_prefix == "```python\ndef fibonacci(n):\n    "
    qa = base_prompt([{"role": "system", "content": SYSTEM},
                      {"role": "user", "content": "What is a closure?"},
                      {"role": "assistant", "content": "A function with its variables."},
                      {"role": "user", "content": "An example?"}])
    assert qa.kind == "qa" and SYSTEM not in qa.text
    assert qa.text.endswith("Question: An example?\n\nAnswer:")
    assert "\nQuestion:" in qa.stops and "<start_of_turn>" in qa.stops


def test_repetition_is_seen():
    assert not repeating("def f(x):\n    return x + 1\n")
    loop = "intro " + "# TODO: Implement this function in a class.\n" * 4
    assert repeating(loop)
    assert not repeating("    \n" * 40)  # whitespace is not a loop of words


def test_the_embedded_model_is_a_base_model_and_answers_as_one(gemma_path):
    from desktop.core import gguf_meta
    from desktop.core.engine import Engine, LoadSettings
    assert is_base_model(gguf_meta.inspect(gemma_path))
    e = Engine()
    info = e.load(gemma_path, LoadSettings(n_ctx=2048))
    try:
        assert info.chat_format == "base" and "base model" in info.notice
        s = SamplingSettings(temperature=0, max_tokens=200)
        t = e.chat([{"role": "system", "content": SYSTEM},
                    {"role": "user", "content": "Write a Python function `is_palindrome(s: str) "
                     "-> bool` that returns True when `s` reads the same forwards and "
                     "backwards."}], s)
        text = "".join(t)
        assert text == t.text and text.startswith("```python\ndef is_palindrome(s: str) -> bool:")
        assert text.rstrip().endswith("```") and SYSTEM[:40] not in text
        assert t.metrics.completion_tokens < 200  # it stopped on its own
        t = e.chat([{"role": "system", "content": SYSTEM},
                    {"role": "user", "content": "What is the capital of France?"}], s)
        text = "".join(t)
        assert "Paris" in text and SYSTEM[:40] not in text and "Question:" not in text
        assert t.metrics.completion_tokens < 200
    finally:
        e.unload()


def test_the_worked_example_answers_no_bench_task():
    """The example functions in every base-model prompt must not be, or solve, a task of
    `ember bench` (the embedded model's pass@1 would then measure copying)."""
    import re

    from desktop.core.bench.tasks import coding_tasks
    names = set(re.findall(r"^def (\w+)", EXAMPLE, re.M))
    assert names
    for task in coding_tasks():
        assert task.entry not in names, task.id
        ns: dict = {}
        exec(EXAMPLE, ns)  # noqa: S102 - the example is our own code
        ns[task.entry] = ns.get(task.entry)
        for name in names:  # none passes the task's hidden tests under the task's name
            trial = {**ns, task.entry: ns[name]}
            try:
                exec(task.tests, trial)  # noqa: S102
            except Exception:
                continue
            raise AssertionError(f"{name} passes {task.id}")
