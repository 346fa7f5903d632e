"""The house: no import cycle among Ember's modules (imports anywhere in a file count, also
those inside functions), and the window's modules never name the engine or llama.cpp."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "desktop"


def _graph() -> dict[str, set[str]]:
    mods = {}
    for p in ROOT.rglob("*.py"):
        name = ".".join(p.relative_to(ROOT.parent).with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = p
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        pkg = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = pkg.split(".")[:len(pkg.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                # `from pkg import sub` imports the submodule; `from mod import name` the module
                subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in mods]
                cands = subs or [target]
            elif isinstance(node, ast.Import):
                cands = [a.name for a in node.names]
            else:
                continue
            graph[m] |= {c for c in cands if c in mods and c != m}
    return graph


def test_no_import_cycles():
    graph = _graph()
    assert len(graph) > 50
    cycles = []

    def visit(start, node, path):
        for nxt in graph[node]:
            if nxt == start:
                cycles.append(path)
            elif nxt > start and nxt not in path:
                visit(start, nxt, path + [nxt])

    for m in sorted(graph):
        visit(m, m, [m])
    assert cycles == [], cycles[:5]


def test_window_modules_never_name_the_engine_or_llama_cpp():
    graph = _graph()
    for m, deps in graph.items():
        if m.startswith("desktop.ui."):
            assert "desktop.core.engine" not in deps, m
            text = (ROOT.parent / (m.replace(".", "/") + ".py")).read_text(encoding="utf-8")
            assert "import llama_cpp" not in text and "from llama_cpp" not in text, m


def test_declared_dependencies_match_the_imports():
    """Every third-party module the package imports is declared in pyproject.toml's
    dependencies (issue 11: httpx2 was imported but not declared)."""
    import ast
    import importlib.metadata as md
    import re
    import tomllib
    root = Path(__file__).resolve().parents[1]
    declared = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower().replace("_", "-")
                for d in tomllib.loads((root / "pyproject.toml").read_text())["project"]
                ["dependencies"]}
    imported = set()
    for p in (root / "desktop").rglob("*.py"):
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Import):
                imported |= {a.name.split(".")[0] for a in n.names}
            elif isinstance(n, ast.ImportFrom) and n.level == 0 and n.module:
                imported.add(n.module.split(".")[0])
    third = {m for m in imported if m not in sys.stdlib_module_names and m != "desktop"}
    dists = md.packages_distributions()
    missing = {}
    for m in sorted(third):
        names = {d.lower().replace("_", "-") for d in dists.get(m, [])}
        if not names & declared:
            missing[m] = sorted(names)
    assert not missing, f"imported but not declared: {missing}"
