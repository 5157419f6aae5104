"""Live mode against the fake PxWeb server: a refresh adds a vintage and updates the marts, earlier vintages stay,
revisions are recorded, and a failed refresh leaves the warehouse exactly as it was. The inbox sensor picks up a
valid drop and refuses a malformed one."""

import json

import dagster as dg
import duckdb
import pytest

from orchestration.automation.sensors import scan_inbox
from tests.conftest import SNAPSHOT, _Env, run_pipeline
from tests import scb_cubes
from tests.fake_pxweb import FakePxWeb
from tests.test_bad_input import warehouse_state

pytestmark = pytest.mark.e2e


def _brp_cube(value_2022: float) -> dict:
    """The TAB3138-shaped BRP response (from the snapshot file) with a revised 2022 value for Västerbotten."""
    cube = json.loads((SNAPSHOT / "scb" / "TAB3138_brp_lan.json").read_text(encoding="utf-8"))
    years = list(cube["dimension"]["Tid"]["category"]["index"])
    cube["value"][len(years) + years.index("2022")] = value_2022
    return cube


def _tva_cube(time_dim: str, periods: list[str], contents: dict[str, str], value: float) -> dict:
    """A Tillväxtanalys-shaped json-stat2 response (test data): running-number Län codes, the real code in the text."""
    lan = {"0": "Riket", "1": "01 Stockholms län", "19": "24 Västerbottens län", "21": "99 Okänt län"}
    return {
        "version": "2.0", "class": "dataset", "label": "test", "role": {"time": [time_dim]},
        "id": ["Lan", "ContentsCode", time_dim], "size": [len(lan), len(contents), len(periods)],
        "dimension": {
            "Lan": {"category": {"index": {c: i for i, c in enumerate(lan)}, "label": lan}},
            "ContentsCode": {"category": {"index": {c: i for i, c in enumerate(contents)}, "label": contents}},
            time_dim: {"category": {"index": {p: i for i, p in enumerate(periods)}, "label": {p: p for p in periods}}},
        },
        "value": [value] * (len(lan) * len(contents) * len(periods)),
    }


def _serve_tillvaxtanalys(fake: FakePxWeb) -> None:
    quarters = [f"{y}K{q}" for y in (2023, 2024) for q in (1, 2, 3, 4)] + ["2025K1"]
    fake.v1_folders["Nystartade företag"] = [
        {"id": "nystartade_foretag_kvartal_lan_2025.px", "type": "t", "text": "Nystartade", "updated": "2026"}]
    fake.v1_folders["Konkurser och offentliga ackord"] = [  # renamed: the pattern is searched, not anchored
        {"id": "11_konkurser_manad_lan.px", "type": "t", "text": "Konkurser", "updated": "2026"}]
    fake.v1_folders["Internationella företag"] = [
        {"id": "internationella_foretag_utlandsagda_arbetsstallen_land_region_bransch_2022_2023.px", "type": "t",
         "text": "Utlandsägda arbetsställen", "updated": "2026"}]
    fake.v1_tables["Internationella företag/internationella_foretag_utlandsagda_arbetsstallen_land_region_bransch_"
                   "2022_2023.px"] = {
        "metadata": {"title": "Utlandsägda", "variables": [{"code": c} for c in ("Ägarland", "Län", "Bransch",
                                                                               "variabel", "År")]},
        "data": scb_cubes.tva_foreign_owned()}
    fake.v1_tables["Nystartade företag/nystartade_foretag_kvartal_lan_2025.px"] = {
        "metadata": {"title": "Nystartade", "variables": [{"code": "Lan"}, {"code": "ContentsCode"}, {"code": "Kvartal"}]},
        "data": _tva_cube("Kvartal", quarters, {"N1": "Antal nystartade företag"}, 400.0)}
    fake.v1_tables["Konkurser och offentliga ackord/11_konkurser_manad_lan.px"] = {
        "metadata": {"title": "Konkurser", "variables": [{"code": "Lan"}, {"code": "ContentsCode"}, {"code": "Manad"}]},
        "data": scb_cubes.tva_months()}  # months out of date order, as the metadata lists them


def _serve_scb_tables(fake: FakePxWeb) -> None:
    """The registry's verified SCB tables in their real shapes (tests/scb_cubes.py)."""
    fake.v2_tables["TAB3119"] = scb_cubes.yreg(years=("2019", "2020", "2021"))
    fake.v2_tables["TAB4434"] = scb_cubes.yreg(years=("2020", "2021", "2022"))
    fake.v2_tables["TAB3981"] = scb_cubes.tab3981(years=tuple(str(y) for y in range(2012, 2025)))


def _live(fake: FakePxWeb) -> dict:
    return {"METRIC_SOURCE_MODE": "live", "METRIC_SCB_API": f"{fake.url}/api/v2",
            "METRIC_TVA_API": f"{fake.url}/api/v1", "METRIC_SCB_V1_API": f"{fake.url}/api/v1/scb"}


def _q(path, sql, *args):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(args)).fetchall()
    finally:
        con.close()


def test_live_refresh_adds_a_vintage_updates_the_marts_and_records_revisions(warehouse_copy):
    db = warehouse_copy / "warehouse" / "metric.duckdb"
    assert _q(db, "select value from marts.mart_fou where indicator_id = 'fou_brp' and region_code = '24' "
                  "and year = 2022") == [(150_400.0,)]
    with FakePxWeb() as fake:
        fake.v2_tables["TAB3138"] = _brp_cube(151_000)
        _serve_tillvaxtanalys(fake)
        _serve_scb_tables(fake)
        code, output = run_pipeline(warehouse_copy, selection="key:raw/scb or key:raw/tillvaxtanalys "
                                    "or key:staging/* or key:intermediate/* or key:marts/* or key:reference/*",
                                    **_live(fake))
        assert code == 0, output
        # every registry table is verified now: each one was fetched and none skipped
        assert "skipped" not in output
        assert any(m == "POST" and p == "/api/v2/tables/TAB4434/data" for m, p, _ in fake.requests)
        assert _q(db, "select value from marts.mart_human_capital where indicator_id = "
                      "'hc_post_secondary_education' and region_code = '24' and year = 2024 and breakdown = ''") == [
            (pytest.approx(100 * 400 / 900),)]
        assert _q(db, "select value from marts.mart_financial_capital where indicator_id = "
                      "'fc_foreign_owned_workplaces' and region_code = '24' and year = 2023") == [(20.0,)]
        # the live value is preferred (priority 0) over the older published vintages
        assert _q(db, "select value, dataset_id from marts.fct_indicator_values where indicator_id = 'fou_brp' "
                      "and region_code = '24' and year = 2022 and is_preferred") == [(151_000.0, "live_scb_brp")]
        assert _q(db, "select value from marts.mart_entrepreneurship where indicator_id = 'ent_new_firms' and "
                      "region_code = '24' and year = 2024") == [(1600.0,)]  # 4 quarters x 400; 2025 incomplete
        assert _q(db, "select value from marts.mart_entrepreneurship where indicator_id = 'ent_bankruptcies' and "
                      "region_code = '24' and year = 2024") == [(156.0,)]  # 12 months x 13
        vintages = _q(db, "select source_id, vintage_id, mode from raw.vintages where source_id = 'scb' order by 2")
        assert [m for _, _, m in vintages] == ["live", "snapshot"]  # the earlier vintage is still there
        live_vintage = vintages[0][1]
        assert (warehouse_copy / "vintages" / "scb" / live_vintage / "scb_brp-1.json").exists()
        request = json.loads((warehouse_copy / "vintages" / "scb" / live_vintage / "scb_brp-1.request.json")
                             .read_text(encoding="utf-8"))
        assert request["status"] == 200 and request["url"].endswith("/api/v2/tables/TAB3138/data?lang=sv&"
                                                                   "outputFormat=json-stat2")
        assert _q(db, "select count(distinct _vintage_id) from raw.table_cells__history "
                      "where source_id = 'scb'") == [(2,)]

        fake.v2_tables["TAB3138"] = _brp_cube(151_500)  # SCB revises the figure again
        # the extract records the vintage and its revisions: no need to rebuild the marts for them
        code, output = run_pipeline(warehouse_copy, selection="key:raw/scb", **_live(fake))
        assert code == 0, output
    revisions = _q(db, "select source_id, raw_table, previous_value, value from raw.revisions "
                       "where raw_table = 'table_cells'")
    assert revisions == [("scb", "table_cells", 151_000.0, 151_500.0)]
    assert _q(db, "select count(distinct _vintage_id) from raw.table_cells__history "
                  "where source_id = 'scb'") == [(3,)]


def test_a_failed_live_refresh_leaves_the_warehouse_and_vintages_as_they_were(warehouse_copy, monkeypatch):
    from orchestration.sources.http import HttpApi

    monkeypatch.setattr(HttpApi, "_backoff", lambda self, attempt: 0.01)  # the same 5 attempts, without the waits
    db = warehouse_copy / "warehouse" / "metric.duckdb"
    before = warehouse_state(db)
    with FakePxWeb() as fake:
        fake.v2_tables["TAB3138"] = _brp_cube(151_000)
        fake.script = ["503"] * 10  # SCB keeps failing
        code, output = run_pipeline(warehouse_copy, selection="key:raw/scb", **_live(fake))
    assert code == 1
    assert "TAB3138" in output and "gave up after 5 attempts" in output and "HTTP 503" in output
    # each retry is in the run output with its reason and wait
    assert "attempt 1 of 5 failed (HTTP 503 Service Unavailable); retrying in 0.0 s" in output
    assert warehouse_state(db) == before
    assert not any((warehouse_copy / "vintages").rglob("*.json"))  # nothing partial kept


def test_inbox_sensor_picks_up_a_valid_drop_and_refuses_a_malformed_one(tmp_path, built):
    inbox = tmp_path / "inbox"
    (inbox / "prv").mkdir(parents=True)
    (inbox / "pts").mkdir()
    header = "indicator_id,region_code,period,breakdown,value,value_high,qualifier,unit,base,n_respondents," \
             "statement,citation\n"
    (inbox / "prv" / "prv_2025.csv").write_text(
        header + "fou_trademark_applications,24,2025,,111,,exact,count,,,,PRV statistik 2025 (test drop)\n",
        encoding="utf-8")
    (inbox / "pts" / "pts_2025.csv").write_text(
        header + "inf_broadband_1gbit,24,2025,,96.5%,,exact,percent,,,,PTS 2025 (test drop)\n", encoding="utf-8")

    known = ["prv", "pts", "scb"]
    valid, problems, seen = scan_inbox(inbox, {}, known)
    assert [(s, p.name) for s, p, _ in valid] == [("prv", "prv_2025.csv")]
    assert len(problems) == 1 and "pts_2025.csv, row 2, field 'value': value must be numeric" in problems[0]
    assert scan_inbox(inbox, seen, known)[:2] == ([], [])  # nothing new the second time

    from orchestration.definitions import build_definitions

    sensor = build_definitions().resolve_sensor_def("inbox_sensor")
    with _Env(METRIC_INBOX_DIR=str(inbox)), dg.instance_for_test() as instance:
        result = sensor.evaluate_tick(dg.build_sensor_context(instance=instance, cursor=None))
    assert len(result.run_requests) == 1
    request = result.run_requests[0]
    assert dg.AssetKey(["raw", "prv"]) in request.asset_selection
    assert dg.AssetKey(["marts", "mart_fou"]) in request.asset_selection
    assert dg.AssetKey(["raw", "scb"]) not in request.asset_selection


def test_snapshot_refresh_records_responses_that_snapshot_mode_replays(tmp_path):
    import shutil

    from orchestration.cli.snapshot_refresh import refresh_snapshot
    from orchestration.sources.snapshot import load_source, read_manifest

    snapshot = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, snapshot)
    with FakePxWeb() as fake:
        fake.v2_tables["TAB3138"] = _brp_cube(151_000)
        _serve_tillvaxtanalys(fake)
        _serve_scb_tables(fake)
        files = refresh_snapshot(snapshot, tmp_path / "vintages", "24", f"{fake.url}/api/v2", f"{fake.url}/api/v1",
                                 source_ids=["scb", "tillvaxtanalys"])
    assert "scb/recorded/scb_brp-1.json" in files
    entry = next(e for e in read_manifest(snapshot) if e.file == "scb/recorded/scb_brp-1.json")
    assert entry.format == "pxweb:scb_brp" and entry.obtained.startswith("recorded response: POST")
    tables, _ = load_source("scb", snapshot)  # replayed through the live parser
    brp = tables["table_cells"]
    recorded = brp[brp["_dataset_id"] == "scb_brp-1"]
    assert recorded.loc[(recorded["region_code"] == "24") & (recorded["period"] == "2022"), "value"].item() == 151_000
    tva, _ = load_source("tillvaxtanalys", snapshot)
    figures = tva["published_figures"]
    assert {"tva_new_firms-1", "tva_bankruptcies-1", "metric_report_tillvaxtanalys"} <= set(figures["_dataset_id"])
    new_firms = figures[(figures["_dataset_id"] == "tva_new_firms-1") & (figures["region_code"] == "24")]
    assert new_firms[["period_start", "value"]].values.tolist() == [[2023, 1600.0], [2024, 1600.0]]


def test_scb_category_tables_give_shares_by_sex_and_keep_series_breaks_apart():
    from orchestration.sources.errors import SourceDataError
    from orchestration.sources.registry import LIVE_BY_KEY

    table = LIVE_BY_KEY["scb_knowledge_jobs_bas"]
    # three-digit SSYK 2012 codes as TAB4434 has them, plus 0002 (occupation unknown)
    occupations = {"011": "Officerare", "111": "Politiker", "211": "Fysiker och kemister", "311": "Ingenjörer",
                   "411": "Kontorsassistenter", "911": "Städare", "0002": "Okänt"}
    cube = {"version": "2.0", "class": "dataset", "id": ["Region", "Yrke2012", "Kon", "Tid"],
            "size": [1, len(occupations), 2, 1],
            "dimension": {"Region": {"category": {"index": {"24": 0}}},
                          "Yrke2012": {"category": {"index": {c: i for i, c in enumerate(occupations)},
                                                    "label": occupations}},
                          "Kon": {"category": {"index": {"1": 0, "2": 1}}},
                          "Tid": {"category": {"index": {"2023": 0}}}},
            # per occupation: men, women
            "value": [10, 0, 100, 80, 60, 90, 80, 110, 100, 120, 50, 60, 5, 5]}
    frame = table.parse(json.dumps(cube).encode(), "yreg58bas.json", table).set_index("breakdown")
    men = 100 * (100 + 60 + 80) / (10 + 100 + 60 + 80 + 100 + 50)  # SSYK 1-3 of all known occupations
    women = 100 * (80 + 90 + 110) / (0 + 80 + 90 + 110 + 120 + 60)
    total = 100 * (240 + 280) / (400 + 460)
    assert frame.loc["population=day;series=bas;sex=men", "value"] == pytest.approx(men)
    assert frame.loc["population=day;series=bas;sex=women", "value"] == pytest.approx(women)
    assert frame.loc["population=day;series=bas", "value"] == pytest.approx(total)
    assert set(frame["indicator_id"]) == {"hc_knowledge_intensive_jobs_share"} and set(frame["unit"]) == {"percent"}
    cube["dimension"]["Yrke2012"]["category"]["index"] = {f"X{c}": i for i, c in enumerate(occupations)}
    with pytest.raises(SourceDataError, match="no category matches the numerator"):
        table.parse(json.dumps(cube).encode(), "yreg58bas.json", table)
