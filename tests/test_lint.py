"""The lint gate (issue 26): ruff over the code and the tests, with the rule set in
pyproject.toml ([tool.ruff]: pyflakes, import order, bugbear, mccabe complexity), and the type
check: mypy over desktop/core ([tool.mypy]: its default strictness, redundant casts and unused
`# type: ignore`s reported). It runs in the README's test command, so CI and every session run
it; what it finds is fixed, not silenced."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache",
                        "desktop", "tests", "installers"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "No module named ruff" not in r.stderr, \
        "ruff is missing: .venv/bin/pip install -e '.[test]' (it is in the test extra)"
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]


def test_the_gate_catches_what_it_is_for(tmp_path):
    """The rules are on: an unused import, a closure reading a loop variable and a function
    too complex are each found (a gate that cannot fail is no gate)."""
    bad = tmp_path / "bad.py"
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(25))
    bad.write_text("import os\n\n\ndef f(xs):\n    out = []\n    for x in xs:\n"
                   "        out.append(lambda: x)\n    return out\n\n\n"
                   f"def g(x):\n{branches}\n    return -1\n")
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache",
                        "--config", str(ROOT / "pyproject.toml"), str(bad)],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    for rule in ("F401", "B023", "C901"):
        assert rule in r.stdout, (rule, r.stdout)


def test_mypy_finds_nothing_in_the_core():
    """The core's annotations hold: the mixins declare what they use, Optionals are narrowed,
    and a `# type: ignore` names its error code (pyproject.toml [tool.mypy])."""
    r = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "desktop/core"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert "No module named mypy" not in r.stderr, \
        "mypy is missing: .venv/bin/pip install -e '.[test]' (it is in the test extra)"
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]


def test_the_type_check_catches_what_it_is_for(tmp_path):
    """A function that returns an int where it promises a str is found (the gate can fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x: int) -> str:\n    return x\n")
    r = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental",
                        "--config-file", str(ROOT / "pyproject.toml"), str(bad)],
                       cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "return-value" in r.stdout or "Incompatible return value" in r.stdout, r.stdout


def test_no_room_too_big():
    """Issue 26's sizes, kept: no Python file in desktop/ over 700 lines, no function over 80,
    MainWindow's file under 500 (a room that grows past them is split, not let grow)."""
    import ast
    big, long_fns = [], []
    for p in sorted((ROOT / "desktop").rglob("*.py")):
        text = p.read_text(encoding="utf-8")
        if text.count("\n") > 700:
            big.append(f"{p.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for n in ast.walk(ast.parse(text)):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = n.end_lineno - n.lineno + 1
                if length > 80:
                    long_fns.append(f"{p.relative_to(ROOT)}:{n.lineno} {n.name}: {length} lines")
    assert not big and not long_fns, "\n".join(big + long_fns)
    assert (ROOT / "desktop/ui/main_window.py").read_text().count("\n") < 500
