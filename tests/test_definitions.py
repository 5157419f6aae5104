"""The Dagster code location: one lineage graph grouped by layer, checks attached, serial execution, the schedule."""

import json

import dagster as dg
import pytest

from orchestration.definitions import build_definitions

defs = build_definitions()
from orchestration.automation.schedules import yearly_refresh_schedule


@pytest.fixture(scope="module")
def graph():
    return defs.resolve_asset_graph()


def test_every_layer_is_present_and_grouped(graph):
    groups = {key.to_user_string(): graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert groups["raw/scb"] == "extract"
    assert groups["staging/stg_table_cells"] == "staging"
    assert groups["intermediate/int_indicator_values"] == "intermediate"
    assert groups["marts/mart_fou"] == "marts"
    assert groups["reference/indicator_catalogue"] == "reference"
    assert groups["analysis/pca_eigenvalues"] == "analysis"
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
    for key in ("raw/scb", "raw/nle", "staging/stg_published_figures", "marts/fct_indicator_values",
                "analysis/pca_variables", "reference/indicator_catalogue"):
        assert key in above_publish


def test_extract_assets_are_named_after_their_source_and_feed_their_family_staging_model(graph):
    staged_from = {key: {p.to_user_string() for p in graph.get(dg.AssetKey.from_user_string(key)).parent_keys}
                   for key in ("staging/stg_published_figures", "staging/stg_table_cells")}
    assert {"raw/ukae", "raw/nle", "raw/scb"} <= staged_from["staging/stg_published_figures"]
    assert staged_from["staging/stg_table_cells"] == {"raw/scb", "raw/eurostat", "raw/kolada", "raw/tillvaxtanalys",
                                                     "raw/qog", "raw/rci", "raw/eurostat_europe", "raw/gisco",
                                                     "reference/table_series"}
    assert "raw/published_figures" not in {k.to_user_string() for k in graph.get_all_asset_keys()}
    ops = {graph.get(dg.AssetKey(["raw", "ukae"])).assets_def.op.name}
    assert ops == {"extract_ukae"}


def test_each_analysis_table_is_its_own_asset(graph):
    keys = {k.to_user_string() for k in graph.get_all_asset_keys() if k.path[0] == "analysis"}
    assert {"analysis/indicator_matrix", "analysis/pca_inputs", "analysis/pca_eigenvalues", "analysis/pca_variables",
            "analysis/pca_years"} <= keys


def test_dbt_tests_and_gx_suite_are_asset_checks(graph):
    checks = {(c.asset_key.to_user_string(), c.name) for c in graph.asset_check_keys}
    assert ("marts/fct_indicator_values", "gx_fct_indicator_values") in checks
    assert any(a == "marts/fct_indicator_values" and n.startswith("unique_combination") for a, n in checks)
    assert any(a == "marts/fct_indicator_values" and n == "assert_units_match_catalogue" for a, n in checks)
    assert any(a == "intermediate/int_indicator_values" and n.startswith("relationships") for a, n in checks)
    # each rule once: no copies per staging model or mart (a copy per dimension mart alone would add 12 per rule)
    assert 30 < len(checks) < 150
    per_dimension_mart = [(a, n) for a, n in checks if a.startswith("marts/mart_") and "fou" in a]
    assert len(per_dimension_mart) <= 2


def test_the_region_reaches_dbt_as_a_var_from_the_settings():
    from orchestration.assets.dbt import dbt_vars
    from orchestration.resources import SourcesResource
    from tests.conftest import DBT_DIR

    assert json.loads(dbt_vars(SourcesResource(snapshot_dir=".", region="01"))) == {
        "region": "01", "source_mode": "snapshot", "include_synthetic": False}
    for path in [*DBT_DIR.glob("models/**/*.sql"), *DBT_DIR.glob("macros/*.sql"), *DBT_DIR.glob("tests/**/*.sql")]:
        assert "env_var" not in path.read_text(encoding="utf-8"), path


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


def test_every_check_says_its_rule_and_blocks_exactly_when_a_failure_stops_downstream_work(graph):
    import json as json_

    from orchestration.dbt_project import dbt_project

    nodes = json_.loads(dbt_project.manifest_path.read_text(encoding="utf-8"))["nodes"]
    severity = {n["name"]: n["config"]["severity"].lower() for n in nodes.values() if n["resource_type"] == "test"}
    for key in graph.asset_check_keys:
        spec = graph.get_check_spec(key)
        assert spec.description and key.name not in spec.description and len(spec.description) > 40, key.name
        if key.name in severity:  # a dbt test: error severity fails the dbt step
            assert spec.blocking == (severity[key.name] == "error"), key.name


def test_the_european_layer_can_be_left_out_by_a_setting(monkeypatch):
    from orchestration.config import load_settings

    assert load_settings().europe  # on by default
    monkeypatch.setenv("METRIC_EUROPE", "0")
    settings = load_settings()
    assert not settings.europe
    resources = build_definitions(settings).resources
    assert resources["sources"].europe is False
    monkeypatch.setenv("METRIC_EUROPE", "maybe")
    with pytest.raises(ValueError, match="METRIC_EUROPE must be 1 or 0"):
        load_settings()
