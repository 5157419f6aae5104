"""Issue "No private internals": no product module imports a private (``_``-prefixed) module or name of another
package, reaches into one through an attribute (``atexit._run_exitfuncs``) or replaces one in a subclass
(``DbtCliResource._cli_version``), so a patch release of Dagster, dbt or Python cannot break the project silently."""

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


# set on every class by the language itself (abc.ABCMeta), not written by the project
_MACHINERY = {"_abc_impl"}


def _product_modules() -> list[str]:
    names = []
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _overridden_private_members(module) -> list[str]:
    """Private members another package's class defines that a class of ``module`` replaces (overriding
    ``DbtCliResource._cli_version``, say): a private hook, as fragile as a private import."""
    import inspect

    found = []
    for name, cls in vars(module).items():
        if not inspect.isclass(cls) or cls.__module__ != module.__name__:
            continue
        for attr in vars(cls):
            if not _private(attr) or attr in _MACHINERY:
                continue
            for base in cls.__mro__[1:]:
                if base.__module__.split(".")[0] not in PRODUCT and attr in vars(base):
                    found.append(f"{module.__name__}.{name}.{attr} overrides {base.__module__}.{base.__name__}")
    return found


def test_no_product_class_overrides_another_packages_private_members():
    import importlib

    modules = [importlib.import_module(name) for name in _product_modules()]
    assert len(modules) > 50
    assert [v for m in modules for v in _overridden_private_members(m)] == []


def test_the_override_check_finds_what_it_looks_for():
    import types

    from dagster_dbt import DbtCliResource

    sample = types.ModuleType("sample")

    class Quicker(DbtCliResource):
        def _initialize_dbt_core_adapter(self, args):
            return None

        def _own_helper(self):  # a name of its own: fine
            return None

    Quicker.__module__ = "sample"
    sample.Quicker = Quicker
    assert _overridden_private_members(sample) == [
        "sample.Quicker._initialize_dbt_core_adapter overrides dagster_dbt.core.resource.DbtCliResource"]
