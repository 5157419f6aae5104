"""Test session set-up: no network, GX analytics off, the dbt manifest prepared once before anything imports the
Dagster definitions, and one warehouse built end to end (in a temporary folder) for the tests that need it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DBT_DIR = REPO / "dbt_project"
FIXTURES = REPO / "tests" / "fixtures"  # every fixture a test reads is inside the repository
SNAPSHOT = REPO / "data" / "snapshot"
ARTIFACTS = REPO / "tests" / "artifacts"
# The shortest path from one source's extract to mart_fou: a dbt build of these models only (cheaper than all).
FOU_MART_PATH = ("key:raw/{source} or key:staging/stg_published_figures or key:intermediate/int_published_values "
                 "or key:intermediate/int_indicator_values or key:marts/fct_indicator_values or key:marts/dim_indicator "
                 "or key:marts/dim_region or key:marts/mart_fou")

os.environ["GX_ANALYTICS_ENABLED"] = "false"
os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
os.environ["DAGSTER_DISABLE_TELEMETRY"] = "true"


def _dbt_executable() -> str:
    local = Path(sys.executable).with_name("dbt")
    return str(local) if local.exists() else (shutil.which("dbt") or "dbt")


def _manifest_is_stale(manifest: Path) -> bool:
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    watched = [DBT_DIR / "dbt_project.yml", DBT_DIR / "profiles.yml"]
    for folder in ("models", "seeds", "macros", "tests"):
        watched += [p for p in (DBT_DIR / folder).rglob("*") if p.is_file()]
    return any(p.stat().st_mtime > built for p in watched)


def pytest_configure(config: pytest.Config) -> None:
    # dagster-dbt reads the manifest when orchestration.definitions is imported; prepare it once (partial parsing
    # keeps this cheap) instead of at import time.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    if _manifest_is_stale(DBT_DIR / "target" / "manifest.json"):
        subprocess.run([_dbt_executable(), "--quiet", "parse", "--project-dir", str(DBT_DIR), "--profiles-dir",
                        str(DBT_DIR)], check=True, cwd=REPO)


class _Env:
    """Set METRIC_* variables for a block and restore them afterwards (usable from session fixtures)."""

    def __init__(self, **values: str):
        self.values = values
        self.saved: dict[str, str | None] = {}

    def __enter__(self):
        for key, value in self.values.items():
            self.saved[key] = os.environ.get(key)
            os.environ[key] = value
        return self

    def __exit__(self, *exc):
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def metric_env(root: Path, snapshot: Path = SNAPSHOT, **overrides: str) -> _Env:
    values = dict(
        METRIC_WAREHOUSE_DIR=str(root / "warehouse"),
        METRIC_PUBLISH_DIR=str(root / "publish"),
        METRIC_SNAPSHOT_DIR=str(snapshot),
        METRIC_INBOX_DIR=str(root / "inbox"),
        METRIC_VINTAGES_DIR=str(root / "vintages"),
        METRIC_SOURCE_MODE="snapshot",
        METRIC_REGION="24",
    )
    return _Env(**{**values, **overrides})


def run_pipeline(root: Path, snapshot: Path = SNAPSHOT, selection: str | None = None,
                 **env: str) -> tuple[int, str]:
    """Run ``orchestration.cli.run`` against a warehouse under ``root`` (environment overrides in ``env``); return
    (exit code, console output)."""
    from orchestration.cli.run import run

    out = io.StringIO()
    with metric_env(root, snapshot, **env):
        code = run(selection=selection, stream=out)
    return code, out.getvalue()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict:
    """Every asset materialised once from the embedded snapshot into a temporary warehouse."""
    root = tmp_path_factory.mktemp("metric")
    code, output = run_pipeline(root)
    assert code == 0, output
    return {"root": root, "output": output, "warehouse": root / "warehouse" / "metric.duckdb",
            "publish": root / "publish"}


@pytest.fixture()
def con(built):
    """A read-only connection to the built warehouse."""
    import duckdb

    connection = duckdb.connect(str(built["warehouse"]), read_only=True)
    yield connection
    connection.close()


@pytest.fixture()
def warehouse_copy(built, tmp_path) -> Path:
    """A private copy of the built warehouse folder, for tests that change it."""
    target = tmp_path / "run"
    shutil.copytree(built["root"] / "warehouse", target / "warehouse")
    return target
