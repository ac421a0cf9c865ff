"""Each module binds each top-level name once.

The classifier keeps hundreds of module-level patterns; a second `LIMITING = ...` or
`SENTENCE_END = ...` further down a module silently replaces the first for every function
that reads it at call time (it happened three times in `classify/engine.py`), and neither
ruff nor mypy reports it."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = {".venv", "tests", "site", "node_modules", ".git"}
MODULES = sorted(p for p in ROOT.rglob("*.py") if not SKIP & set(p.relative_to(ROOT).parts))


def _bound_twice(source: str) -> list[str]:
    names: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
            continue
        else:
            continue
        for target in targets:
            names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return sorted(name for name, count in names.items() if count > 1)


def test_a_name_bound_twice_is_found():
    assert _bound_twice("A = 1\ndef f():\n    return A\nA = 2\n") == ["A"]
    assert _bound_twice("A: int = 1\nclass A:\n    pass\n") == ["A"]
    assert _bound_twice("A = 1\nB = A\n") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_binds_a_top_level_name_twice(path):
    assert _bound_twice(path.read_text(encoding="utf-8")) == []
