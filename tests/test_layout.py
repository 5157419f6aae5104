"""The layout shows the architecture (CONTRIBUTING.md, "Where the code is"): imports run downwards only, from the
command-line entry points through the code location to storage and sources; storage, sources and analysis never
import Dagster; and no module imports, directly or through others, one that imports it back (deferred imports
inside functions included)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# each part of orchestration/ and its layer: a module may import its own layer or a lower one, never a higher one
LAYERS = {"config": 1, "storage": 1, "sources": 1, "dbt_project": 2, "resources": 2, "assets": 3, "automation": 4,
          "definitions": 5, "cli": 6}
NO_DAGSTER = ("orchestration/storage", "orchestration/sources", "analysis")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "orchestration").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else None


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (as the path round it), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_every_part_of_orchestration_has_a_layer():
    parts = {p.name if p.is_dir() else p.stem for p in (ROOT / "orchestration").iterdir()
             if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.stem != "__init__")}
    assert parts == set(LAYERS)


def test_imports_run_downwards_only():
    upward = [f"{module} imports {target}" for module, targets in _graph().items() for target in targets
              if _layer(module) is not None and _layer(target) is not None and _layer(target) > _layer(module)]
    assert upward == []


def test_no_module_imports_one_that_imports_it_back():
    assert _cycle(_graph()) is None


def test_the_cycle_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_storage_sources_and_analysis_never_import_dagster():
    found = [f"{path.relative_to(ROOT)}: {name}" for folder in NO_DAGSTER for path in (ROOT / folder).rglob("*.py")
             for name in _imports(path) if name.split(".")[0] in ("dagster", "dagster_dbt")]
    assert found == []
