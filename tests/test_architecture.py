"""The import rules of docs/architecture.md, read from the code: data flows one way, no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"


def _modules() -> dict[str, Path]:
    out = {}
    for f in (SRC / "khabar").rglob("*.py"):
        name = ".".join(f.relative_to(SRC).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = f
    return out


MODULES = _modules()


def _target(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> set[str]:
    """The khabar modules ``module`` imports, at the top or inside a function (lazily)."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("khabar"):
            found.update(_target(f"{node.module}.{a.name}") or _target(node.module) for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(_target(a.name) for a in node.names if a.name.startswith("khabar"))
    return {m for m in found if m and m != module}


GRAPH = {m: _imports(m) for m in MODULES}


#: Modules of a part whose name they do not carry: the article as read is the model's
#: (``khabar.article``, apart so that ingest need not define the rest; model.py re-exports it).
PART_OF = {"khabar.article": "model"}


def _part(module: str) -> str:
    if module in PART_OF:
        return PART_OF[module]
    return module.split(".")[1] if "." in module else module


#: What each part may import besides itself (docs/architecture.md).
ALLOWED = {
    "errors": set(),
    "lean_import": set(),  # the standard library only: a way to import, not a stage
    "config": {"errors"},
    "model": {"text", "frozen"},  # the article id is computed from the normalized text
    "_cython": set(),  # the standard library only: Cython's declarations as no-ops
    "frozen": {"_slots"},  # the standard library and its compiled field setter only: the frozen types' constructor
    "_slots": {"_cython"},  # the standard library only: the frozen types' fields set from C
    "text": {"model", "errors", "lean_import", "_cython", "frozen"},
    "store": {"errors", "model", "text", "frozen"},
    "relate": {"config", "errors", "lean_import", "model", "text", "frozen"},
    "pipeline": {"errors", "extract", "model", "text", "frozen"},
}


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_each_part_imports_only_what_the_flow_allows(part: str):
    taken = {(m, t) for m in GRAPH if _part(m) == part for t in GRAPH[m] if _part(t) not in ALLOWED[part] | {part}}
    assert not taken, f"{part} imports what it may not: {sorted(taken)}"


def test_no_module_imports_itself_through_others():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_no_router_imports_another_router():
    routers = {m for m in GRAPH if m.startswith("khabar.api.routers.")}
    assert not {(m, t) for m in routers for t in GRAPH[m] if t in routers}
