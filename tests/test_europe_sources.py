"""Issue "Sweden in Europe": the European sources' parsers on the real files in the snapshot and slices of them, with
their oddities (NA text, merged capital areas, values published for NUTS1 or a whole country on a region's row, the
EQI's NUTS1 and country rows, legacy NUTS codes, reference periods spanning years), the cross-check values the
files' README gives, and the NUTS reconciliation on a hand-made table of changed codes."""

import json

import pytest

from orchestration.sources import regions as R
from orchestration.sources.errors import SourceDataError
from orchestration.sources.eurostat_files import parse_tsv
from orchestration.sources.families import LEFT_OUT
from orchestration.sources.gisco_files import parse_nuts_geojson, ring_area_km2
from orchestration.sources.qog_files import parse_eqi_csv
from orchestration.sources.rci_files import (parse_population_gdp_csv, parse_rci_csv, read_descriptions,
                                             reference_period)
from tests.conftest import SNAPSHOT

RCI = SNAPSHOT / "rci"
DESCRIPTIONS = RCI / "rci2022_indicator_descriptions.csv"
RAW = RCI / "rci2022_raw_indicators_eu27.csv"
LLL = SNAPSHOT / "eurostat_europe" / "eurostat_trng_lfse_04_eu27_nuts2_lifelong_learning_2000_2019.tsv"
EQI = SNAPSHOT / "qog" / "qog_eqi_long_24_eu27_2021_2024.csv"
GISCO = SNAPSHOT / "gisco" / "NUTS_RG_20M_2021_4326_LEVL_2_EU27.geojson"


def _cell(frame, region, measure, period=None):
    rows = frame[(frame["region_code"] == region) & (frame["measure"] == measure)]
    if period is not None:
        rows = rows[rows["period"] == period]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.fixture(scope="module")
def descriptions():
    return read_descriptions(DESCRIPTIONS.read_bytes(), str(DESCRIPTIONS))


@pytest.fixture(scope="module")
def rci(descriptions):
    return parse_rci_csv(RAW.read_bytes(), str(RAW), "rci2022", descriptions, str(DESCRIPTIONS))


def test_rci_reference_periods_follow_the_descriptions_grammar():
    assert reference_period("2019", "f", 3) == ("2019", None)
    assert reference_period("Average 2019–2021", "f", 3) == ("2019-2021", None)
    assert reference_period("Average 2019 – 2021", "f", 3) == ("2019-2021", None)
    assert reference_period("3-year average 2018-2020", "f", 3) == ("2018-2020", None)
    assert reference_period("2021 and last available year", "f", 3) == ("2021", "latest_available")
    assert reference_period("RIS 2021", "f", 3) == ("2021", "ris_edition")
    with pytest.raises(SourceDataError) as err:
        reference_period("2016 (2018 for population grid data)", "desc.csv", 41)
    assert "desc.csv" in str(err.value) and "row 41" in str(err.value) and "Reference year" in str(err.value)
    with pytest.raises(SourceDataError, match="must not end before it starts"):
        reference_period("Average 2021-2019", "desc.csv", 7)


def test_rci_values_the_readme_cross_checks_and_the_periods_of_their_indicators(rci):
    rd = "Total intramural research and development expenditure"
    for region, value in (("SE11", 3.31), ("SE33", 2.51), ("FI1B", 3.52), ("DE21", 4.49)):
        assert _cell(rci, region, rd).value == pytest.approx(value, abs=0.005)
    assert _cell(rci, "SE33", rd).status == "latest_available"  # "2019 and last available year"
    assert _cell(rci, "SE33", "Knowledge workers").period == "2019-2021"  # an average of three years
    assert _cell(rci, "SE33", "Employment (K-N sectors)").period == "2017-2019"
    assert {"AT_C", "BE_C", "CZ_C", "DE_C", "HR_C", "HU_C", "NL_C"} <= set(rci["region_code"])  # merged areas


def test_rci_values_published_for_nuts1_or_a_country_are_left_out_not_the_regions_own(rci):
    smes = "Innovative SMEs collaborating with others"
    assert _cell(rci, "SE33", smes).status is None or _cell(rci, "SE33", smes).status != LEFT_OUT
    for region, coarser in (("AT21", "NUTS1"), ("BE23", "NUTS1"), ("FRK2", "NUTS1"), ("NL12", "national")):
        cell = _cell(rci, region, smes)
        assert cell.status == LEFT_OUT and f"a {coarser} value repeated" in cell.region_label


def test_rci_na_is_no_cell_and_a_broken_copy_fails_naming_row_and_field(descriptions, tmp_path):
    lines = RAW.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    na_rows = [line for line in lines[1:] if ",NA," in line or line.endswith(",NA")]
    assert na_rows  # the file writes a missing value as NA
    row = na_rows[0].split(",")
    code, missing = row[0], header[row.index("NA")].strip()
    frame = parse_rci_csv("\n".join([lines[0], na_rows[0]]).encode(), "slice.csv", "rci2022", descriptions,
                          str(DESCRIPTIONS))
    assert frame[(frame["region_code"] == code) & (frame["measure"] == missing)].empty

    def broken(text: str, rule: str, where: str) -> None:
        with pytest.raises(SourceDataError) as err:
            parse_rci_csv(text.encode(), "broken.csv", "rci2022", descriptions, str(DESCRIPTIONS))
        assert "broken.csv" in str(err.value) and rule in str(err.value) and where in str(err.value)

    broken("\n".join([lines[0], lines[1], lines[1]]), "a region appears twice", "row 3")
    broken("\n".join([lines[0], "XX99" + lines[1][lines[1].index(","):]]), "NUTS 2021 NUTS2 region", "row 2")
    broken("\n".join([lines[0], lines[1].replace(",", ",abc,", 1).replace(",abc,", ",", 1).rsplit(",", 1)[0]
                      + ",12,5"]), "row must have one cell per column", "row 2")
    bad_value = lines[1].split(",")
    bad_value[2] = "1,5".replace(",", ";")
    broken("\n".join([lines[0], ",".join(bad_value)]), header[2].strip(), "row 2")
    broken("\n".join([lines[0].replace("Knowledge workers", "Unknown indicator"), lines[1]]),
           "must be described", "Unknown indicator")


def test_rci_population_and_gdp_per_inhabitant():
    path = RCI / "rci2022_population_gdp.csv"
    frame = parse_population_gdp_csv(path.read_bytes(), str(path), "rci2022_population_gdp")
    gdp = "gdp_per_inhabitant_pps_eu27_100"
    assert _cell(frame, "SE33", "population", "2020").value > 500_000
    assert 100 < _cell(frame, "SE33", gdp, "2020").value < 150
    assert set(frame["measure"]) == {"population", gdp}


def test_lifelong_learning_keeps_changed_regions_apart_and_reads_flags():
    frame = parse_tsv(LLL.read_bytes(), str(LLL), "trng_lfse_04")
    assert _cell(frame, "EU27", "PC", "2019").value == pytest.approx(10.8)  # the README's cross-check
    assert _cell(frame, "AT11", "PC", "2006").status == "b"  # a break in series, kept
    for code in ("HR04", "HU10", "IE01", "IE02", "LT00", "SI01", "SI02"):  # split or boundary changed
        rows = frame[frame["region_code"] == code]
        assert len(rows) and set(rows["status"]) == {LEFT_OUT} and code in rows["region_label"].iloc[0]
    # the new regions are read as themselves
    assert len(frame[(frame["region_code"] == "HU11") & (frame["status"] != LEFT_OUT)]) > 0
    assert "SE33" not in set(frame["region_code"])  # Sweden's regions come from the Swedish sources


def test_eqi_coarser_rows_join_one_region_territories_and_leave_nuts1_values_out():
    frame = parse_eqi_csv(EQI.read_bytes(), str(EQI), "qog_eqi")
    assert _cell(frame, "FI1D", "EQI", "2024").value == pytest.approx(1.935)  # the README's cross-check
    assert _cell(frame, "DE30", "EQI", "2021").status != LEFT_OUT  # Berlin: NUTS1 DE3 is the region DE30
    assert _cell(frame, "CY00", "EQI", "2021").status != LEFT_OUT  # Cyprus: the country is one region
    bavaria = frame[(frame["region_code"] == "DE2") & (frame["measure"] == "EQI")]
    assert len(bavaria) == 2 and set(bavaria["status"]) == {LEFT_OUT}  # one value for seven NUTS2 regions
    assert frame[frame["region_code"].isin(["DE21", "DE22"])].empty


def test_eqi_broken_rows_fail_naming_row_and_field(tmp_path):
    lines = EQI.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    level = header.index("nuts_level")
    row[level] = "3"
    with pytest.raises(SourceDataError) as err:
        parse_eqi_csv("\n".join([lines[0], ",".join(row)]).encode(), "eqi.csv", "qog_eqi")
    assert "eqi.csv" in str(err.value) and "row 2" in str(err.value) and "nuts_level" in str(err.value)
    with pytest.raises(SourceDataError, match="appears twice"):
        parse_eqi_csv("\n".join([lines[0], lines[1], lines[1]]).encode(), "eqi.csv", "qog_eqi")


def test_gisco_areas_on_the_sphere():
    frame = parse_nuts_geojson(GISCO.read_bytes(), str(GISCO), "nuts2021")
    # Övre Norrland is 164,329 km2 of land and inland water (SCB); the 1:20 million outline is within a few per cent
    assert _cell(frame, "SE33", "area_km2").value == pytest.approx(164_329, rel=0.04)
    assert _cell(frame, "FI1D", "area_km2").value > _cell(frame, "FI1B", "area_km2").value
    assert len(frame) == len(json.loads(GISCO.read_text(encoding="utf-8"))["features"])
    # one degree square at the equator is about 12,364 km2
    assert ring_area_km2([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) == pytest.approx(12_364, rel=0.001)
    broken = json.loads(GISCO.read_text(encoding="utf-8"))
    broken["features"] = broken["features"][:2]
    broken["features"][1]["properties"]["LEVL_CODE"] = 3
    with pytest.raises(SourceDataError) as err:
        parse_nuts_geojson(json.dumps(broken).encode(), "nuts.geojson", "nuts2021")
    assert "nuts.geojson" in str(err.value) and "feature 2" in str(err.value) and "LEVL_CODE" in str(err.value)


@pytest.fixture()
def changes(tmp_path, monkeypatch):
    """A hand-made table of changed codes in place of the seed."""
    table = tmp_path / "nuts_changes.csv"
    table.write_text(
        "code,status,nuts2021_codes,since,note,citation\n"
        "FR24,renamed,FRB0,2016,Centre was recoded FRB0,NUTS 2016\n"
        "DE3,same_territory,DE30,2021,Berlin is one NUTS2 region,NUTS 2021\n"
        "HU10,split,HU11 HU12,2016,Közép-Magyarország was split,NUTS 2016\n"
        "XX1,merged,XX10,2021,two regions were merged,NUTS 2021\n"
        "IE01,boundary_changed,IE04 IE05 IE06,2016,its counties were regrouped,NUTS 2016\n"
        "DE2,nuts1_value,DE21 DE22,2021,a NUTS1 value,NUTS 2021\n"
        "FR99,renamed,FRB0 FRC1,2016,a renaming that names two regions,NUTS 2016\n", encoding="utf-8")
    monkeypatch.setattr(R, "NUTS_CHANGES_SEED", table)
    R.nuts_changes.cache_clear()
    yield
    R.nuts_changes.cache_clear()


def test_reconcile_maps_renamed_and_same_territory_codes_and_lists_the_others(changes):
    assert R.reconcile("SE33") == ("SE33", None)  # unchanged: joined on its code
    assert R.reconcile("FR24") == ("FRB0", None)  # renamed, territory unchanged: mapped
    assert R.reconcile("DE3", as_nuts2=True) == ("DE30", None)  # a NUTS1 code that is one NUTS2 region
    for code, status in (("HU10", "split"), ("XX1", "merged"), ("IE01", "boundary_changed")):
        region, why = R.reconcile(code)
        assert region is None and status in why and "left out" in why
    region, why = R.reconcile("DE2", as_nuts2=True)
    assert region is None and "nuts1_value" in why
    assert R.reconcile("ZZ77") == (None, None)  # unknown to both tables: the caller fails the file
    with pytest.raises(ValueError, match="not one NUTS 2021 region"):
        R.reconcile("FR99")


def test_the_seed_of_changed_codes_is_consistent():
    R.nuts_changes.cache_clear()
    for code, change in R.nuts_changes().items():
        # a code of the region list is a coarser territory that is one region, or a merged area the RCI scores
        assert R.region_for_nuts(code) is None or change.status in ("same_territory", "merged"), code
        for target in change.nuts2021:
            assert R.region_for_nuts(target) is not None, (code, target)
        if change.status in R.MAPPED:
            assert len(change.nuts2021) == 1, code
