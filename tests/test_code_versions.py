"""Code versions and data versions, as the Dagster UI shows them: after a refresh nothing is stale; a change to the
code one analysis step runs marks that step's assets stale and nothing else; once they are materialised again with
the same rows (a comment changed), their data versions are unchanged and nothing downstream is stale either; once
they are materialised with other rows, what reads them (the published outputs) is stale for that, and nothing else.

The refresh runs from a copy of the code (so the test can change a module without touching the repository),
recorded in an instance of its own, and the staleness is read through the UI's GraphQL, as an operator sees it."""

import os
import shutil
import subprocess
import sys

import pytest

from orchestration.assets.analysis import STEP_MODULES, step_code
from tests.conftest import REPO, metric_env
from tests.webserver import graphql, webserver

pytestmark = pytest.mark.e2e

CODE_FOLDERS = ["analysis", "orchestration", "expectations", "data/geo", "data/metric_report", "data/surveys"]

ASSETS = """{ assetNodes { assetKey { path } isMaterializable staleStatus
    staleCauses { key { path } category reason } } }"""
RELOAD = """mutation Reload($name: String!) { reloadRepositoryLocation(repositoryLocationName: $name) {
    __typename ... on WorkspaceLocationEntry { locationOrLoadError { __typename } } } }"""
LOCATIONS = "{ workspaceOrError { ... on Workspace { locationEntries { name } } } }"


def _copy_code(target):
    for folder in CODE_FOLDERS:
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "dbt_project", target / "dbt_project",
                    ignore=shutil.ignore_patterns("logs", "target", "dbt_packages", ".user.yml"))
    (target / "dbt_project" / "target").mkdir()
    shutil.copy2(REPO / "dbt_project" / "target" / "manifest.json", target / "dbt_project" / "target")


def _stale(port: int) -> dict[str, list]:
    """Every materialisable asset whose status is not fresh, with its causes (category, reason, the asset that has
    the new code or data)."""
    nodes = graphql(port, ASSETS)["assetNodes"]
    return {"/".join(n["assetKey"]["path"]): [(c["category"], c["reason"], "/".join(c["key"]["path"]))
                                              for c in n["staleCauses"]]
            for n in nodes if n["isMaterializable"] and n["staleStatus"] != "FRESH"}


def test_the_step_code_version_follows_only_the_modules_the_step_runs():
    assert step_code("relative_development") != step_code("pca")
    assert len({step_code(step) for step in STEP_MODULES}) >= len(STEP_MODULES) - 1


def _step_calls() -> dict[str, set[str]]:
    """Each analysis step (the name its ``_Step`` is given) and the ``analysis/`` modules whose functions or classes
    its asset function uses, read from orchestration/assets/analysis.py's imports and the function's body (and the
    module's own helpers it calls)."""
    import ast

    from orchestration.config import REPO_ROOT

    tree = ast.parse((REPO_ROOT / "orchestration" / "assets" / "analysis.py").read_text(encoding="utf-8"))
    imported = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            target = REPO_ROOT / node.module.replace(".", "/")
            path = f"{node.module.replace('.', '/')}" + ("" if target.is_dir() else ".py")
            for alias in node.names:
                imported[alias.asname or alias.name] = path
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}

    def names(function, seen=()):  # the body's names (a decorator's deps name other assets, not calls)
        out = set()
        for node in (n for statement in function.body for n in ast.walk(statement)):
            if isinstance(node, ast.Name):
                out.add(node.id)
                if node.id in functions and node.id not in seen and node.id != function.name:
                    out |= names(functions[node.id], (*seen, function.name))
        return out

    steps = {}
    for function in functions.values():
        for node in (n for statement in function.body for n in ast.walk(statement)):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_Step" and len(node.args) > 2
                    and isinstance(node.args[2], ast.Constant)):
                steps[node.args[2].value] = {imported[n] for n in names(function) if n in imported}
    return steps


def test_every_module_a_step_runs_is_in_its_code_version():
    # a module a step calls but its code version misses would let a changed analysis be reused with stale results
    # (relative_development called imputation.observed_by_year without it)
    from orchestration.assets.analysis import _imported_modules

    steps = _step_calls()
    assert set(steps) == set(STEP_MODULES)
    for step, modules in steps.items():
        covered = set(_imported_modules(STEP_MODULES[step]))
        missing = {m for m in modules if m not in covered and not any(c.startswith(m + "/") for c in covered)}
        missing.discard("analysis/settings.py")  # in every step's version (_STEP_COMMON)
        assert not missing, f"{step} runs {sorted(missing)} but its code version does not follow them"


def _reload(port: int) -> None:
    """Load the code location again (the UI's "Reload"), so it sees the changed module."""
    for location in graphql(port, LOCATIONS)["workspaceOrError"]["locationEntries"]:
        reloaded = graphql(port, RELOAD, {"name": location["name"]})["reloadRepositoryLocation"]
        assert reloaded["locationOrLoadError"]["__typename"] == "RepositoryLocation", reloaded


def _refresh(code, env, *select: str) -> None:
    args = ["--select", " or ".join(f"key:{key}" for key in select)] if select else []
    done = subprocess.run([sys.executable, "-m", "orchestration.cli.run", *args], cwd=code, env=env, capture_output=True,
                          text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_changed_module_marks_its_steps_stale_and_only_new_rows_mark_what_reads_them_stale(tmp_path):
    code = tmp_path / "code"
    _copy_code(code)
    home = tmp_path / "dagster_home"
    home.mkdir()
    with metric_env(tmp_path / "run"):
        env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(code)}
    _refresh(code, env)

    with webserver(code, env) as port:
        assert _stale(port) == {}, "a refresh of everything leaves nothing stale"
        development = code / "analysis" / "development.py"
        development.write_text(development.read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8")
        _reload(port)
        stale = _stale(port)
        changed = ["analysis/relative_development", "analysis/strengths_weaknesses"]
        assert stale == {key: [("CODE", "has a new code version", key)] for key in changed}

        _refresh(code, env, *changed)  # computed again (their code changed), the same rows written
        assert _stale(port) == {}, "the same rows: the same data versions, nothing downstream is stale"

        # a change that gives other rows: the direction of a series without change is labelled differently
        source = development.read_text(encoding="utf-8")
        assert 'IMPROVING, WORSENING, NEUTRAL = "improving", "worsening", "neutral"' in source
        development.write_text(source.replace('"neutral"\n', '"unchanged"\n', 1), encoding="utf-8")
        _reload(port)
        assert set(_stale(port)) == set(changed)
        _refresh(code, env, *changed)
        downstream = _stale(port)
    published = {"publish/exports", "publish/report", "publish/docs", "publish/database"}
    assert set(downstream) == published, downstream
    for key, causes in downstream.items():  # stale for the new data of the two steps, nothing else
        assert causes and {(category, source) for category, _, source in causes} <= {
            ("DATA", step) for step in changed}, (key, causes)
