"""The package layout: one package per pipeline stage, and imports that flow one way.

Every module under ``heron`` is parsed (not imported) and each ``import`` / ``from ... import`` statement,
wherever it sits (module level, inside a function, under ``if TYPE_CHECKING``), is an edge to the heron
module it names. A cycle in that graph fails the test: a function-level import that only dodges a
circle is still a circle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import heron

ROOT = Path(heron.__file__).resolve().parent
# The only modules allowed directly in src/heron/: shared basics and the entry points.
TOP_LEVEL = {"__init__.py", "cli.py", "ontology.py", "parse.py", "pipeline.py", "records.py"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The heron modules that `name` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from heron.actors import kb` names the module heron.actors.kb; `from heron.store import open_store`
            # names heron.store.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            # `import heron.a.b` depends on heron.a.b; fall back to the longest known prefix.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target.startswith("heron"):
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}          # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_graph_sees_the_packages():
    graph = import_graph()
    assert "heron.pipeline" in graph and "heron.records" in graph["heron.pipeline"]
    assert len(graph) > 40


def test_no_import_cycles():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_only_basics_at_top_level():
    stray = sorted(p.name for p in ROOT.glob("*.py") if p.name not in TOP_LEVEL)
    assert not stray, f"modules outside a stage package: {stray} (move them into the package of their stage)"


def test_every_package_says_what_it_adds():
    for init in ROOT.rglob("__init__.py"):
        if "data" in init.relative_to(ROOT).parts or "static" in init.relative_to(ROOT).parts:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{init.relative_to(ROOT.parent)} has no docstring"
