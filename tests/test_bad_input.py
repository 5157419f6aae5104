"""Bad input in a snapshot file fails that extract asset with a message naming the file and the problem, and leaves
the existing warehouse exactly as it was; a failing blocking check stops the analysis downstream."""

import json
import re
import shutil

import duckdb
import pytest

from tests.conftest import SNAPSHOT, run_pipeline

pytestmark = pytest.mark.e2e


def warehouse_state(path) -> dict[str, tuple]:
    """Row count and an order-independent content hash of every table in the warehouse."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = con.execute("select table_schema, table_name from information_schema.tables "
                             "where table_type = 'BASE TABLE' order by 1, 2").fetchall()
        return {f"{s}.{t}": con.execute(f'select count(*), sum(hash(t)) from "{s}"."{t}" as t').fetchone()
                for s, t in tables}
    finally:
        con.close()


@pytest.fixture()
def broken_snapshot(tmp_path):
    target = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, target)
    return target


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_json_stat2_body_fails_the_run_and_keeps_the_warehouse(warehouse_copy, broken_snapshot):
    brp = broken_snapshot / "scb" / "TAB3138_brp_lan.json"
    brp.write_bytes(brp.read_bytes()[:500])  # a truncated body
    before = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")
    assert "raw.table_cells" in before and "marts.mart_fou" in before and "analysis.pca_variables" in before

    code, output = run_pipeline(warehouse_copy, broken_snapshot)  # the whole job, as `make run` would

    assert code == 1
    assert "TAB3138_brp_lan.json: body is not valid JSON" in output
    not_run = output.split("not run (upstream failure or blocking check): ")[1].splitlines()[0]
    assert {"dbt_models", "pca", "publish__exports"} <= set(not_run.split(", "))
    assert "(unchanged: refresh failed)" in output and "result:    FAILED" in output
    assert warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb") == before
    # what failed, for which source, with which message: for the operator, beside the warehouse
    record = json.loads((warehouse_copy / "warehouse" / "last_refresh.json").read_text(encoding="utf-8"))
    assert record["status"] == "failed" and "dbt_models" in record["not_run"]
    failed = [s for s in record["failed_steps"] if s["source_id"] == "scb"]
    assert failed and "TAB3138_brp_lan.json: body is not valid JSON" in failed[0]["message"]


@pytest.mark.parametrize(
    "source, file, old, new, expected",
    [
        ("prv", "prv/prv_patent_applications_2017.csv", "fou_patent_applications_national,24,", "fou_patent_applications_national,26,",
         "prv_patent_applications_2017.csv, row 2, field 'region_code': unknown region code"),
        ("ukae", "ukae/metric_report_ukae.csv", ",4015,", ",4 015,",
         "metric_report_ukae.csv, row 3, field 'value': value must be numeric"),
        ("scb", "scb/TAB3138_brp_lan.json", '"24": 1', '"99": 1',
         "TAB3138_brp_lan.json, field 'Region': unknown region code"),
    ],
    ids=["unknown_region_csv", "non_numeric_value", "unknown_region_json_stat2"],
)
def test_bad_value_fails_that_extract_with_file_row_and_rule(warehouse_copy, broken_snapshot, source, file, old, new,
                                                            expected):
    _replace(broken_snapshot / file, old, new)
    before = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")

    code, output = run_pipeline(warehouse_copy, broken_snapshot, selection=f"key:raw/{source}")

    assert code == 1
    assert expected in output
    assert warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb") == before


def _failed_checks(output: str) -> set[str]:
    return {line.split(":")[1].strip() for line in output.splitlines()
            if line.startswith("  check FAILED  [ERROR]")}


def test_a_value_out_of_its_unit_range_fails_the_blocking_gx_suite(warehouse_copy, broken_snapshot):
    nle = broken_snapshot / "nle" / "nle2024_survey_figures.csv"
    _replace(nle, "fc_innovation_grants,24,2024,base=all_firms;answer=yes,22,",
             "fc_innovation_grants,24,2024,base=all_firms;answer=yes,122,")  # a share over 100
    before = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")

    code, output = run_pipeline(warehouse_copy, broken_snapshot)

    assert code == 1
    assert _failed_checks(output) == {"gx_fct_indicator_values"}, output  # the value rule's one home
    assert "check FAILED  [ERROR] marts/fct_indicator_values:gx_fct_indicator_values" in output
    gx_report = output.split("gx_fct_indicator_values")[1]
    assert "expect_column_values_to_be_between" in gx_report and "122" in gx_report
    not_run = output.split("not run (upstream failure or blocking check): ")[1]
    assert re.search(r"[ ,]pca(,|$)", not_run.splitlines()[0]) and "publish__exports" in not_run
    assert warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb") == before


def test_fact_checks_fail_on_a_deliberately_broken_copy(warehouse_copy, broken_snapshot):
    nle = broken_snapshot / "nle" / "nle2024_survey_figures.csv"
    _replace(nle, "2024,base=all_firms;answer=no,58,", "2024,base=all_firms;answer=no,68,")  # distribution 110 %
    _replace(broken_snapshot / "pts" / "metric_report_pts.csv", "inf_mobile_30mbit,24,2016,",
             "inf_mobile_30mbit,24,2015-2016,")  # a yearly figure stated for a period
    before = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")

    code, output = run_pipeline(warehouse_copy, broken_snapshot)

    assert code == 1
    assert {"assert_survey_distributions_sum_to_100", "assert_periods_match_frequency"} <= _failed_checks(output), output
    not_run = output.split("not run (upstream failure or blocking check): ")[1]
    assert re.search(r"[ ,]pca(,|$)", not_run.splitlines()[0])
    assert "publish__exports" in not_run
    assert warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb") == before


def test_unknown_indicator_or_unit_fails_the_relationship_checks(warehouse_copy, broken_snapshot):
    svca = broken_snapshot / "svca" / "metric_report_svca.csv"
    _replace(svca, "fc_seed_share,24,2022,", "fc_seed_fraction,24,2022,")
    lines = svca.read_text(encoding="utf-8").splitlines()
    svca.write_text("\n".join([*lines, lines[-1]]) + "\n", encoding="utf-8")  # the same figure twice in one file
    _replace(broken_snapshot / "pts" / "metric_report_pts.csv", "2023,,95,,over,percent", "2023,,95,,over,procent")

    code, output = run_pipeline(warehouse_copy, broken_snapshot,
                                selection="key:raw/svca or key:raw/pts or key:staging/* or key:intermediate/*")

    assert code == 1
    failed = _failed_checks(output)
    assert any(name.startswith("relationships_int_indicator_values_indicator_id") for name in failed), output
    assert any(name.startswith("relationships_int_indicator_values_unit") for name in failed), output
    assert any(name.startswith("unique_combination_int_indicator_values") for name in failed), output
    assert "dbt_models" in output


def test_an_indicator_without_any_row_fails_its_check(warehouse_copy, broken_snapshot):
    nle = broken_snapshot / "nle" / "nle2024_survey_figures.csv"
    text = nle.read_text(encoding="utf-8")
    nle.write_text("\n".join(line for line in text.splitlines() if not line.startswith("tech_high_technology_use,"))
                   + "\n", encoding="utf-8")  # the technology dimension's only indicator loses every row

    code, output = run_pipeline(warehouse_copy, broken_snapshot, selection="key:raw/nle or key:staging/* or "
                                "key:intermediate/* or key:marts/* or key:reference/*")

    assert code == 1
    assert "assert_every_indicator_has_a_row" in _failed_checks(output), output
