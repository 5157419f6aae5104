"""Live refresh of the regional panel: Eurostat's dissemination API and Kolada's API v3, tested against recorded
response shapes and fake servers on 127.0.0.1 that misbehave on purpose. Nothing here touches the internet."""

import dataclasses
import json

import duckdb
import pandas as pd
import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.eurostat_api import EurostatApi, error_envelope, parse_eurostat_json
from orchestration.sources.http import ApiError
from orchestration.sources.jsonstat import parse_jsonstat2
from orchestration.sources.kolada_api import KoladaApi, parse_kolada_page
from orchestration.sources.registry import LIVE_BY_KEY
from tests.conftest import FIXTURES, run_pipeline
from tests.fake_apis import FakeEurostat, FakeKolada

EUROSTAT_FIXTURES = FIXTURES / "eurostat"


def test_recorded_sparse_response_keeps_the_missing_cell_missing():
    body = (EUROSTAT_FIXTURES / "une-rt-m-geo-de-xx-since-2024-01.json").read_bytes()
    frame = parse_jsonstat2(body, file="une").to_frame()
    assert len(frame) == 32 and frame["value"].notna().sum() == 31  # 31 values for 32 cells
    assert frame["value"].isna().iloc[31]


def test_recorded_confidential_response_keeps_its_flags_and_is_refused_as_empty():
    body = (EUROSTAT_FIXTURES / "sts-inpr-m-ie-confidential.json").read_bytes()
    frame = parse_jsonstat2(body, file="sts").to_frame()
    assert frame["value"].isna().all() and set(frame["status"]) == {"|C"}
    with pytest.raises(SourceDataError, match="unknown NUTS code|table holds no values"):
        parse_eurostat_json(body, "sts.json")


def test_recorded_error_envelope_is_read_before_parsing():
    body = (EUROSTAT_FIXTURES / "comext-ds-045409-extraction-too-big.json").read_bytes()
    assert "413" in error_envelope(body) and "EXTRACTION_TOO_BIG" in error_envelope(body)
    with pytest.raises(SourceDataError, match="Eurostat error envelope"):
        parse_eurostat_json(body, "comext.json")


def test_eurostat_response_maps_nuts_keeps_flags_and_reads_positions_from_the_index():
    with FakeEurostat() as fake:
        fake.flags["nama_10r_3gdp"] = {0: "p"}
        client = EurostatApi(fake.url, sleep=lambda s: None)
        response = client.data("nama_10r_3gdp", {"geo": ["SE331", "SE33", "SE"], "unit": ["MIO_NAC"]}, since="2013")
        client.close()
    frame = parse_eurostat_json(response.body, "gdp.json")
    gdp = frame[(frame["region_code"] == "24") & (frame["period"] == "2013")]
    assert gdp["value"].item() == pytest.approx(89_963.12)  # the category index is written in reverse key order
    assert set(frame["region_code"]) == {"24", "SE33", "00"} and set(frame["dataset_code"]) == {"nama_10r_3gdp"}
    assert frame["status"].eq("p").sum() == 1


def test_every_requested_geo_must_come_back():
    with FakeEurostat() as fake:
        fake.drop_geo = {"SE332"}  # answered 200 without it, as Eurostat does for an unknown code
        client = EurostatApi(fake.url, sleep=lambda s: None)
        with pytest.raises(ApiError, match=r"requested geo codes missing .*SE332"):
            client.data("nama_10r_3gdp", {"geo": ["SE331", "SE332"], "unit": ["MIO_NAC"]})
        client.close()


@pytest.mark.parametrize("status", [413, 200])
def test_error_envelope_fails_at_once(status):
    envelope = json.loads((EUROSTAT_FIXTURES / "comext-ds-045409-extraction-too-big.json").read_text())
    with FakeEurostat() as fake:
        fake.envelope = (status, envelope)
        slept = []
        client = EurostatApi(fake.url, sleep=slept.append)
        with pytest.raises(ApiError, match="EXTRACTION_TOO_BIG"):
            client.data("nama_10r_3gdp", {"geo": ["SE331"], "unit": ["MIO_NAC"]})
        client.close()
    assert slept == [] and len(fake.requests) == 1  # a 4xx or an envelope is not retried


def test_eurostat_rate_limit_and_truncated_body_are_retried():
    with FakeEurostat() as fake:
        fake.script = ["429", "truncate", "503"]
        slept = []
        client = EurostatApi(fake.url, sleep=slept.append)
        response = client.data("nama_10r_3gdp", {"geo": ["SE331"], "unit": ["MIO_NAC"]})
        client.close()
    assert response.attempts == 4 and slept[0] == 2.0  # Retry-After honoured, then backoff
    assert len(fake.requests) == 4


def test_kolada_follows_the_page_chain_and_maps_kolada_ids():
    with FakeKolada(page_size=5) as fake:
        fake.script = ["429"]
        client = KoladaApi(fake.url, sleep=lambda s: None)
        ids = {client.kpi_id(t): t for t in FakeKolada.IDS}
        pages = client.data(sorted(ids), ["00", "24", "25"], [2019, 2021])
        client.close()
    assert len(pages) == 3  # 3 KPIs x 2 län x 2 years = 12 values (Riket is not in the data) in pages of 5
    table = LIVE_BY_KEY["kolada_rd_per_inhabitant"]
    resolved = dataclasses.replace(table, contents=ids)
    frames = [parse_kolada_page(p.body, f"page{n}.json", resolved) for n, p in enumerate(pages) if
              json.loads(p.body)["values"]]
    cells = pd.concat(frames)
    business = cells[(cells["region_code"] == "24") & (cells["period"] == "2021") &
                     (cells["measure"] == "Företagens utgifter för egen FoU")]
    assert round(business["value"].item()) == 3_307
    assert any("429" not in r for r in fake.requests) and len(fake.requests) == 3 + 1 + 3  # searches, a 429, pages
    assert set(cells["dataset_code"]) == {"kolada_fou_per_inv"} and set(cells["dimensions"]) == {""}


def test_kolada_page_with_an_unknown_region_id_is_refused():
    page = {"values": [{"kpi": "N1", "municipality": "2480", "period": 2021,
                        "values": [{"gender": "T", "count": 1, "status": "", "value": 1.0}]}]}
    with pytest.raises(SourceDataError, match="row 1, field 'municipality': unknown Kolada region id"):
        parse_kolada_page(json.dumps(page).encode(), "page.json")


@pytest.mark.e2e
def test_live_panel_refresh_adds_a_vintage_that_the_marts_prefer(warehouse_copy):
    db = warehouse_copy / "warehouse" / "metric.duckdb"
    with FakeEurostat() as eurostat, FakeKolada(page_size=200) as kolada:
        eurostat.overrides[("nama_10r_3gdp", "SE331", "MIO_NAC", "2019")] = 150_000.0  # a revised figure
        code, output = run_pipeline(
            warehouse_copy, selection="key:raw/eurostat or key:raw/kolada or key:staging/* or key:intermediate/* "
            "or key:marts/* or key:reference/*", METRIC_SOURCE_MODE="live", METRIC_EUROSTAT_API=eurostat.url,
            METRIC_KOLADA_API=kolada.url)
    assert code == 0, output
    con = duckdb.connect(str(db), read_only=True)
    try:
        preferred = con.execute("select value, dataset_id from marts.fct_indicator_values where indicator_id = "
                                "'fou_brp' and region_code = '24' and year = 2019 and is_preferred").fetchall()
        assert preferred == [(150_000.0, "live_eurostat_gdp")]  # live data (priority 0) first
        modes = dict(con.execute("select source_id, mode from raw.vintages where mode = 'live'").fetchall())
        assert set(modes) == {"eurostat", "kolada"}
        rd = con.execute("select value from marts.mart_fou where indicator_id = 'fou_rd_expenditure_per_inhabitant' "
                         "and breakdown = 'sector=business' and region_code = '24' and year = 2021").fetchall()
        assert [round(v) for (v,) in rd] == [3_307]
        live_rd = con.execute("select count(*) from marts.fct_indicator_values where dataset_id = "
                              "'live_kolada_rd_per_inhabitant'").fetchone()[0]
        assert live_rd > 300
    finally:
        con.close()
    vintages = list((warehouse_copy / "vintages" / "eurostat").glob("live-*/eurostat_gdp-1.json"))
    assert len(vintages) == 1


@pytest.mark.e2e
def test_a_live_run_records_no_empty_vintage_and_the_true_mode(warehouse_copy):
    db = warehouse_copy / "warehouse" / "metric.duckdb"
    with FakeKolada() as kolada:
        kolada.IDS = {}  # the unverified Kolada KPIs are not found: skipped with a warning
        code, output = run_pipeline(warehouse_copy, selection="key:raw/kolada or key:raw/ukae",
                                    METRIC_SOURCE_MODE="live", METRIC_KOLADA_API=kolada.url)
    assert code == 0, output
    assert "kolada_rd_per_inhabitant (to verify) skipped" in output
    assert not list((warehouse_copy / "vintages").glob("kolada/*"))  # no empty vintage folder
    con = duckdb.connect(str(db), read_only=True)
    try:
        modes = dict(con.execute("select source_id, string_agg(distinct mode) from raw.vintages "
                                 "where source_id in ('kolada', 'ukae') group by 1").fetchall())
    finally:
        con.close()
    assert modes == {"kolada": "snapshot", "ukae": "snapshot"}  # nothing was fetched live for either
