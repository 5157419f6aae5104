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
    assert step_code("relative_development") == step_code("strengths_weaknesses")  # both run development.py
    assert step_code("relative_development") != step_code("pca")
    assert len({step_code(step) for step in STEP_MODULES}) >= len(STEP_MODULES) - 1


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
