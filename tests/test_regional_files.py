"""The regional-panel parsers on the real published files in the snapshot, the cross-check values their README
gives, and broken copies that must fail naming file, row and field."""

import csv

import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.eurostat_files import parse_nuts2_indicators, parse_sdmx_csv, parse_tsv
from orchestration.sources.regional_files import (parse_kolada_csv, parse_scb_export_csv,
                                                  parse_tillvaxtanalys_xlsx, tillvaxtanalys_series)
from orchestration.sources.regions import county_codes, regions
from tests.conftest import FIXTURES, SNAPSHOT

EUROSTAT = SNAPSHOT / "eurostat"


def _cell(frame, region, period, measure=None, dimensions=None):
    rows = frame[(frame["region_code"] == region) & (frame["period"] == period)]
    if measure is not None:
        rows = rows[rows["measure"] == measure]
    if dimensions is not None:
        rows = rows[rows["dimensions"] == dimensions]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_sdmx_csv_gdp_maps_nuts_to_region_codes_and_drops_extra_regio():
    path = EUROSTAT / "eurostat_nama_10r_3gdp_SE.csv"
    frame = parse_sdmx_csv(path.read_bytes(), str(path))
    assert _cell(frame, "24", "2013", "MIO_NAC").value == pytest.approx(89_963.12)  # the README's cross-check
    assert set(frame["dataset_code"]) == {"nama_10r_3gdp"}
    assert {"00", "SE3", "SE33", "24", "25"} <= set(frame["region_code"])
    assert not any(code.endswith("Z") for code in frame["region_code"])  # Extra-Regio is no territory
    assert county_codes() <= set(frame["region_code"])


def test_tsv_population_two_releases_and_flags():
    path = EUROSTAT / "eurostat_demo_r_pjanaggr3_SE_2016_2025.tsv"
    frame = parse_tsv(path.read_bytes(), str(path), "demo_r_pjanaggr3")
    assert _cell(frame, "24", "2024", "NR", "age=TOTAL;sex=T").value == 278_729
    assert _cell(frame, "24", "2025", "NR", "age=TOTAL;sex=T").value == 281_138
    path = EUROSTAT / "eurostat_edat_lfse_04_SE_tertiary_25_64.tsv"
    tertiary = parse_tsv(path.read_bytes(), str(path), "edat_lfse_04")
    assert _cell(tertiary, "SE33", "2019").value == pytest.approx(39.7)
    assert _cell(tertiary, "SE33", "2018").status == "b"  # break in series, kept
    assert not set(tertiary["region_code"]) & county_codes()  # NUTS2, never a län


def test_area_and_nuts2_indicator_table():
    path = EUROSTAT / "eurostat_reg_area3_SE.tsv"
    assert _cell(parse_tsv(path.read_bytes(), str(path), "reg_area3"), "24", "2024").value == 58_875
    path = EUROSTAT / "eurostat_tgs_nuts2_SE_2007_2018.csv"
    frame = parse_nuts2_indicators(path.read_bytes(), str(path), "tgs_nuts2")
    assert _cell(frame, "SE33", "2010", "unemployment_rate_f").value == pytest.approx(8.3)
    assert _cell(frame, "SE33", "2009", "broadband_access_household").value == 91
    assert frame[(frame["region_code"] == "SE33") & (frame["period"] == "2013")]["measure"].tolist().count(
        "patents") == 0  # an empty cell is no value


def test_kolada_rd_per_inhabitant_by_sector():
    path = SNAPSHOT / "kolada" / "kolada_fou_utgifter_kr_per_inv_lan_2011_2021.csv"
    frame = parse_kolada_csv(path.read_bytes(), str(path), "kolada_fou_per_inv")
    assert round(_cell(frame, "24", "2021", "Företagens utgifter för egen FoU").value) == 3_307
    assert round(_cell(frame, "24", "2021", "Universitets- och högskolesektorns utgifter för FoU").value) == 10_464
    gotland_2017 = frame[(frame["region_code"] == "09") & (frame["period"] == "2017")]
    assert "Företagens utgifter för egen FoU" not in set(gotland_2017["measure"])  # NA: not published


def test_tillvaxtanalys_spreadsheet_keeps_both_methods_apart_and_flags_the_break():
    path = SNAPSHOT / "tillvaxtanalys" / "tillvaxtanalys_nystartade_foretag_lan_1994_2021.xlsx"
    frame = parse_tillvaxtanalys_xlsx(path.read_bytes(), str(path), "nystartade_foretag_lan")
    assert _cell(frame, "24", "2021", dimensions="").value == 1_591  # the README's cross-check
    old, new = _cell(frame, "24", "2010", dimensions="series=old_method"), _cell(frame, "24", "2010", dimensions="")
    assert old.value != new.value and new.status == "b" and old.source_cell != new.source_cell
    assert _cell(frame, "24", "2015", dimensions="").status == "r"
    assert _cell(frame, "00", "2020", dimensions="").value > 60_000  # "Samtliga" is Riket
    assert frame[(frame["region_code"] == "00") & (frame["period"] == "2021")].empty  # empty in the file
    assert tillvaxtanalys_series(2009, "") == ("series=old_method", None)
    assert tillvaxtanalys_series(2021, "") == ("", None)


def test_scb_exports_leave_out_unallocated_exports():
    path = SNAPSHOT / "scb" / "scb_varuexport_per_inv_20_64_lan_1997_2019.csv"
    frame = parse_scb_export_csv(path.read_bytes(), str(path), "varuexport_lan")
    assert set(frame["region_code"]) == set(county_codes())  # no 99 and no false "00"
    assert frame.groupby("period")["region_code"].nunique().eq(21).all()


def test_regions_seed_agrees_with_the_nuts3_mapping():
    with (FIXTURES / "regional" / "nuts3_lan_mapping.csv").open(encoding="utf-8") as handle:
        mapping = list(csv.DictReader(handle))
    assert len(mapping) == 21
    for row in mapping:
        region = regions()[row["lan_code"]]
        assert (region.nuts3, region.nuts2, region.nuts2_name, region.name) == (
            row["nuts3"], row["nuts2"], row["nuts2_name"], row["lan_name"])
        assert regions()[row["nuts2"]].level == "nuts2"


@pytest.mark.parametrize("parser, file, old, new, expected", [
    (parse_sdmx_csv, "eurostat/eurostat_nama_10r_3gdp_SE.csv", ",SE331,2013,89963.12", ",SE999,2013,89963.12",
     "row 2153, field 'geo': unknown NUTS code: 'SE999'"),
    (parse_sdmx_csv, "eurostat/eurostat_nama_10r_3gdp_SE.csv", ",SE331,2013,89963.12", ",SE331,2013,89 963.12",
     "row 2153, field 'OBS_VALUE': value must be a number"),
    (lambda p, f: parse_tsv(p, f, "demo"), "eurostat/eurostat_demo_r_pjanaggr3_SE_2016_2025.tsv",
     "278729 \t281138", "278729 \t281,138", "field '2025': cell must be a number with optional flags"),
    (lambda p, f: parse_kolada_csv(p, f, "k"), "kolada/kolada_fou_utgifter_kr_per_inv_lan_2011_2021.csv",
     '"Västerbottens län"', '"Västerbotten"', "row 21, field 'municipality': unknown region name"),
    (lambda p, f: parse_scb_export_csv(p, f, "x"), "scb/scb_varuexport_per_inv_20_64_lan_1997_2019.csv",
     '1997,"24"', '1997,"26"', "row 21, field 'AstLan': unknown län code"),
    (parse_sdmx_csv, "eurostat/eurostat_nama_10r_3gdp_SE.csv", ",SE331,2013,89963.12", ",SE331," + "9" * 200_000,
     "row 2153: not valid CSV (fields are limited to"),
    (lambda p, f: parse_kolada_csv(p, f, "k"), "kolada/kolada_fou_utgifter_kr_per_inv_lan_2011_2021.csv",
     '"year"', '"kpi"', "row 1: header names a column twice: kpi"),
], ids=["unknown_nuts", "thousands_separator", "tsv_comma", "kolada_unknown_name", "export_unknown_lan",
        "overlong_field", "duplicated_column"])
def test_broken_regional_files_fail_naming_file_row_and_field(parser, file, old, new, expected):
    text = (SNAPSHOT / file).read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(SourceDataError) as raised:
        parser(text.replace(old, new, 1).encode("utf-8"), file)
    assert file in str(raised.value) and expected in str(raised.value)


def test_a_file_with_no_values_is_refused():
    header = "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
    body = "ESTAT:NAMA_10R_3GDP(1.0),21/02/23 23:00:00,A,MIO_NAC,SE331,2013,,\n"
    with pytest.raises(SourceDataError, match="table holds no values"):
        parse_sdmx_csv((header + body).encode(), "empty.csv")
