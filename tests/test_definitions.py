"""The Dagster code location: one lineage graph grouped by layer, checks attached, serial execution, the schedule."""

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.schedules import yearly_refresh_schedule


@pytest.fixture(scope="module")
def graph():
    return defs.resolve_asset_graph()


def test_every_layer_is_present_and_grouped(graph):
    groups = {key.to_user_string(): graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert groups["raw/scb/brp"] == "extract"
    assert groups["staging/stg_scb__brp"] == "staging"
    assert groups["intermediate/int_indicator_values"] == "intermediate"
    assert groups["marts/mart_fou"] == "marts"
    assert groups["reference/indicator_catalogue"] == "reference"
    assert groups["analysis/pca"] == "analysis"
    assert groups["publish/exports"] == "publish"
    assert set(groups.values()) == {"extract", "reference", "staging", "intermediate", "marts", "analysis", "publish"}


def test_lineage_is_one_graph_from_extract_to_publish(graph):
    def upstream(key: str) -> set[str]:
        seen, todo = set(), [dg.AssetKey.from_user_string(key)]
        while todo:
            for parent in graph.get(todo.pop()).parent_keys:
                if parent.to_user_string() not in seen:
                    seen.add(parent.to_user_string())
                    todo.append(parent)
        return seen

    above_publish = upstream("publish/exports")
    for key in ("raw/scb/brp", "raw/nle/figures", "staging/stg_ukae__figures", "marts/fct_indicator_values",
                "analysis/pca", "reference/indicator_catalogue"):
        assert key in above_publish


def test_dbt_tests_and_gx_suite_are_asset_checks(graph):
    checks = {(c.asset_key.to_user_string(), c.name) for c in graph.asset_check_keys}
    assert ("marts/fct_indicator_values", "gx_fct_indicator_values") in checks
    assert any(a == "marts/fct_indicator_values" and n.startswith("unique_combination") for a, n in checks)
    assert any(a == "marts/fct_indicator_values" and n == "assert_units_match_catalogue" for a, n in checks)
    assert len(checks) > 100


def test_gx_check_blocks_downstream(graph):
    key = next(c for c in graph.asset_check_keys if c.name == "gx_fct_indicator_values")
    assert graph.get_check_spec(key).blocking


def test_steps_run_one_at_a_time_and_yearly_schedule():
    job = defs.resolve_job_def("refresh_all")
    assert job.executor_def is dg.in_process_executor
    assert yearly_refresh_schedule.cron_schedule == "0 6 1 3 *"
    assert yearly_refresh_schedule.execution_timezone == "Europe/Stockholm"
    assert yearly_refresh_schedule.job_name == "refresh_all"


def test_analysis_package_is_free_of_dagster():
    from tests.conftest import REPO

    for path in (REPO / "analysis").rglob("*.py"):
        assert "dagster" not in path.read_text(encoding="utf-8"), path
