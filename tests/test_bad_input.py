"""Bad input in a snapshot file fails that extract asset with a message naming the file and the problem, and leaves
the existing warehouse exactly as it was; a failing blocking check stops the analysis downstream."""

import shutil

import duckdb
import pytest

import expectations.fct_indicator_values as gx_suite
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
    assert "raw.scb__brp" in before and "marts.mart_fou" in before and "analysis.pca_variables" in before

    code, output = run_pipeline(warehouse_copy, broken_snapshot)  # the whole job, as `make run` would

    assert code == 1
    assert "TAB3138_brp_lan.json: body is not valid JSON" in output
    not_run = output.split("not run (upstream failure or blocking check): ")[1].splitlines()[0]
    assert {"dbt_models", "analysis__pca", "publish__fou_exports"} <= set(not_run.split(", "))
    assert "(unchanged: refresh failed)" in output and "result:    FAILED" in output
    assert warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb") == before


@pytest.mark.parametrize(
    "source, file, old, new, expected",
    [
        ("prv", "prv/prv_patent_applications_2017.csv", "fou_patent_applications_national,24,", "fou_patent_applications_national,26,",
         "prv_patent_applications_2017.csv, row 2, field 'region_code': unknown region code"),
        ("ukae", "ukae/metric_report_higher_education.csv", ",4015,", ",4 015,",
         "metric_report_higher_education.csv, row 3, field 'value': value must be numeric"),
        ("scb", "scb/TAB3138_brp_lan.json", '"24": 1', '"99": 1',
         "TAB3138_brp_lan.json, field 'Region': unknown region code"),
    ],
    ids=["unknown_region_csv", "non_numeric_value", "unknown_region_json_stat2"],
)
def test_bad_value_fails_that_extract_with_file_row_and_rule(warehouse_copy, broken_snapshot, source, file, old, new,
                                                            expected):
    _replace(broken_snapshot / file, old, new)
    before = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")

    code, output = run_pipeline(warehouse_copy, broken_snapshot, selection=f"key:raw/{source}/*")

    assert code == 1
    assert expected in output
    assert warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb") == before


def test_failing_gx_suite_blocks_analysis_and_publish(warehouse_copy, monkeypatch):
    monkeypatch.setattr(gx_suite, "KNOWN_UNITS", ["percent", "count", "fte", "per_firm"])  # 'mnkr' now unknown
    before = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")

    code, output = run_pipeline(warehouse_copy, selection="key:marts/fct_indicator_values or key:analysis/*")

    assert code == 1
    assert "check FAILED  [ERROR] marts/fct_indicator_values:gx_fct_indicator_values" in output
    assert "expect_column_values_to_be_in_set" in output
    assert "analysis__indicator_matrix" in output.split("not run")[1]
    after = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")
    assert after["analysis.pca_variables"] == before["analysis.pca_variables"]
