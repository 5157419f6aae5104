"""Adding a published-figures source is its file plus its MANIFEST row: no Python, SQL or YAML edit. The test adds
one to a copy of the snapshot and reads its figure back from the dimension mart; in the same run a file dropped in
an existing source's inbox flows into the mart too."""

import csv
import shutil

import dagster as dg
import duckdb
import pytest

from orchestration.sources.snapshot import MANIFEST_COLUMNS
from tests.conftest import FOU_MART_PATH, SNAPSHOT, metric_env, run_pipeline

pytestmark = pytest.mark.e2e

FIGURES = (
    "indicator_id,region_code,period,breakdown,value,value_high,qualifier,unit,base,n_respondents,statement,citation\n"
    "fou_doctoral_degrees,25,2020,institution=LTU,41,,exact,count,,,,Test publisher: doctoral degrees 2020 (test)\n"
)


def test_a_new_source_is_its_file_and_its_declaration(warehouse_copy, tmp_path):
    snapshot = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, snapshot)
    (snapshot / "test_publisher").mkdir()
    (snapshot / "test_publisher" / "doctoral_degrees_2020.csv").write_text(FIGURES, encoding="utf-8")
    with (snapshot / "MANIFEST.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n").writerow({
            "file": "test_publisher/doctoral_degrees_2020.csv", "source_id": "test_publisher",
            "publisher": "Test publisher", "format": "figures_csv", "priority": "1",
            "contents": "doctoral degrees of one university", "obtained": "re-encoded from a test table",
            "citation": "Test publisher, doctoral degrees 2020", "vintage": "test 2020", "retrieved": "2026-11-27",
            "licence": "test data", "region_dimension": ""})

    with metric_env(warehouse_copy, snapshot):
        from orchestration.definitions import build_definitions

        graph = build_definitions().resolve_asset_graph()
    staging = graph.get(dg.AssetKey(["staging", "stg_published_figures"]))
    assert dg.AssetKey(["raw", "test_publisher"]) in staging.parent_keys  # drawn in the lineage, no code edit

    inbox = warehouse_copy / "inbox" / "prv"  # a file drop for an existing source, through the same run
    inbox.mkdir(parents=True)
    (inbox / "prv_2025.csv").write_text(
        "indicator_id,region_code,period,breakdown,value,value_high,qualifier,unit,base,n_respondents,statement,"
        "citation\nfou_trademark_applications,24,2025,,111,,exact,count,,,,PRV statistik 2025 (test drop)\n",
        encoding="utf-8")
    selection = FOU_MART_PATH.format(source="test_publisher") + " or key:raw/prv"
    code, output = run_pipeline(warehouse_copy, snapshot, selection=selection)
    assert code == 0, output
    con = duckdb.connect(str(warehouse_copy / "warehouse" / "metric.duckdb"), read_only=True)
    try:
        rows = con.execute("select value, citation, source_id, region_name from marts.mart_fou "
                           "where indicator_id = 'fou_doctoral_degrees' and region_code = '25'").fetchall()
        dropped = con.execute("select value, citation from marts.mart_fou where indicator_id = "
                              "'fou_trademark_applications' and year = 2025").fetchall()
    finally:
        con.close()
    assert rows == [(41.0, "Test publisher: doctoral degrees 2020 (test)", "test_publisher", "Norrbottens län")]
    assert dropped == [(111.0, "PRV statistik 2025 (test drop)")]
