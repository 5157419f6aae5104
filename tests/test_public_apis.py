"""Issue "No private internals": no product module imports a private (``_``-prefixed) module or name of another
package, or reaches into one through an attribute (``atexit._run_exitfuncs``), so a patch release of Dagster or
Python cannot break the project silently."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("orchestration", "analysis", "expectations")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found, external = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] not in PRODUCT:
                    external.add((alias.asname or parts[0]))
                    if any(_private(p) for p in parts):
                        found.append(f"{path}:{node.lineno} import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] in PRODUCT or parts[0] == "__future__":
                continue
            if any(_private(p) for p in parts):
                found.append(f"{path}:{node.lineno} from {node.module} import ...")
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{path}:{node.lineno} from {node.module} import {alias.name}")
                external.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in external \
                and _private(node.attr):
            found.append(f"{path}:{node.lineno} {node.value.id}.{node.attr}")
    return found


def test_no_product_module_uses_another_packages_private_internals():
    files = [p for package in PRODUCT for p in (ROOT / package).rglob("*.py")]
    assert len(files) > 50
    assert [v for f in files for v in _violations(f)] == []


def test_the_check_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import atexit\nfrom dagster._core.events import DagsterEventType\n"
                      "from dagster import _check\nimport dagster._serdes\natexit._run_exitfuncs()\n"
                      "from orchestration.assets.analysis import _Step\n", encoding="utf-8")
    assert len(_violations(sample)) == 4  # the project's own private names are its own business
