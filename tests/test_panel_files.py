"""The parsers of the later regional files, on the real files in the snapshot: flags kept, a NUTS1 value kept at
NUTS1, the rounding to thousands, kommun names keyed to codes; broken copies fail naming file, row and field."""

import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.eurostat_files import (parse_datacommons_employment_csv, parse_nuts2_panel_tsv,
                                                  parse_sdmx_csv, parse_tsv)
from orchestration.sources.qog_files import parse_eqi_csv
from orchestration.sources.regional_files import parse_kommun_education_csv, read_kommun_key
from orchestration.sources.regions import county_codes, regions
from tests.conftest import SNAPSHOT

EUROSTAT = SNAPSHOT / "eurostat"


def _parse(parser, path, *args):
    return parser(path.read_bytes(), str(path), *args)


def _one(frame, **where):
    rows = frame
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_epo_patents_keep_fractional_counts_the_provisional_flag_and_leave_the_unregionalised_out():
    frame = _parse(parse_sdmx_csv, EUROSTAT / "eurostat_pat_ep_rtot_SE_1977_2012.csv")
    assert _one(frame, region_code="24", period="2010").value == pytest.approx(31.31)  # the README's cross-check
    assert _one(frame, region_code="00", period="2010").value == pytest.approx(2786.87)
    last = _one(frame, region_code="24", period="2012")
    assert last.value == pytest.approx(18.9) and last.status == "p"  # 2012 is provisional
    assert set(frame["region_code"]) <= set(regions())
    assert "SEX" not in set(frame["region_label"]) and "SEZ" not in set(frame["region_label"])
    assert county_codes() <= set(frame["region_code"])
    # a NUTS2 region's count is the sum of its län (fractional counting), within the publisher's rounding
    year = frame[frame["period"] == "2005"].set_index("region_code")["value"]
    assert year["SE33"] == pytest.approx(year["24"] + year["25"], abs=0.05)


def test_employment_by_section_is_whole_thousands_and_sums_like_the_publisher_rounds():
    frame = _parse(parse_datacommons_employment_csv, EUROSTAT / "eurostat_nama_10r_3empers_SE_2000_2017.csv",
                   "nama_10r_3empers")
    assert _one(frame, region_code="24", period="2017", dimensions="nace_r2=TOTAL").value == 130_000
    assert _one(frame, region_code="24", period="2017", dimensions="nace_r2=J").value == 3_000
    assert _one(frame, region_code="01", period="2017", dimensions="nace_r2=J").value == 104_000
    assert (frame["value"] % 1000 == 0).all() and frame["status"].isna().all()  # Data Commons dropped the flags
    sections = frame[(frame["period"] == "2017") & (frame["region_code"] == "24")].set_index("dimensions")["value"]
    parts = sum(sections[f"nace_r2={s}"] for s in ("A", "B-E", "F", "G-J", "K-N", "L", "O-U"))
    assert abs(parts - sections["nace_r2=TOTAL"]) <= 4_000  # seven sections, each rounded to thousands


def test_employment_that_is_not_whole_thousands_is_refused(tmp_path):
    path = EUROSTAT / "eurostat_nama_10r_3empers_SE_2000_2017.csv"
    text = path.read_text(encoding="utf-8").replace("2000,dcid:nuts/SE,122000.0", "2000,dcid:nuts/SE,122.0", 1)
    broken = tmp_path / "empers.csv"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(SourceDataError, match=r"row 2, field 'Count_Person_Employed_NACE/A'.*whole number of thousands"):
        parse_datacommons_employment_csv(broken.read_bytes(), str(broken), "x")


def test_lifelong_learning_keeps_breaks_and_low_reliability_and_is_never_a_lan_value():
    frame = _parse(parse_tsv, EUROSTAT / "eurostat_trng_lfse_04_SE_lifelong_learning.tsv", "trng_lfse_04")
    assert _one(frame, region_code="SE33", period="2019", dimensions="age=Y25-64;sex=T").value == pytest.approx(30.9)
    assert _one(frame, region_code="00", period="2019", dimensions="age=Y25-64;sex=T").value == pytest.approx(34.3)
    assert _one(frame, region_code="00", period="2018", dimensions="age=Y25-64;sex=F").status == "b"
    assert _one(frame, region_code="SE12", period="2001", dimensions="age=Y25-64;sex=F").status == "bu"
    assert not set(frame["region_code"]) & county_codes()
    assert not len(frame[frame["period"] == "2003"])  # ':' is no value


def test_eqi_keeps_a_nuts1_value_at_nuts1_and_its_margin_of_error():
    frame = _parse(parse_eqi_csv, SNAPSHOT / "qog" / "qog_eqi_long_24_SE.csv", "qog_eqi")
    assert _one(frame, region_code="SE33", period="2024", measure="EQI").value == pytest.approx(1.651)
    assert _one(frame, region_code="SE33", period="2021", measure="EQI").value == pytest.approx(1.632)
    assert _one(frame, region_code="SE11", period="2024", measure="EQI").value == pytest.approx(1.289)
    for wave in ("2010", "2013", "2017"):  # surveyed at NUTS1: never one value per NUTS2 region
        eqi = frame[(frame["period"] == wave) & (frame["measure"] == "EQI")]
        assert set(eqi["region_code"]) == {"SE1", "SE2", "SE3"}
    # the impartiality pillar of 2010 differs by NUTS2 region: it stays a NUTS2 value
    assert len(frame[(frame["period"] == "2010") & (frame["measure"] == "impartialityp")]) == 8
    row = _one(frame, region_code="SE33", period="2024", measure="EQI_me")
    low = _one(frame, region_code="SE33", period="2024", measure="EQI_low_me").value
    assert low == pytest.approx(1.651 - row.value, abs=1e-3)  # EQI minus its margin is the published interval


def test_the_nuts2_panel_keeps_every_measure_of_the_eight_regions():
    frame = _parse(parse_nuts2_panel_tsv, EUROSTAT / "i40_indicator_db_SE_nuts2_2008_2019.tsv", "i40_nuts2")
    assert set(frame["region_code"]) == {r for r, reg in regions().items() if reg.level == "nuts2"}
    cell = lambda m, y: _one(frame, region_code="SE33", period=y, measure=m).value  # noqa: E731
    assert cell("rd_e_gerdreg_SECTPERF_TOTAL__UNIT_PC_GDP", "2015") == pytest.approx(2.70)
    assert cell("rd_e_gerdreg_SECTPERF_BES__UNIT_PC_GDP", "2015") == pytest.approx(0.67)
    assert cell("hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP", "2017") == pytest.approx(41.3)
    assert cell("htec_emp_reg2_NACE_R2_KIS__UNIT_PC_EMP__SEX_T", "2017") == pytest.approx(49.8)


def test_a_nuts2_panel_row_for_a_lan_is_refused(tmp_path):
    path = EUROSTAT / "i40_indicator_db_SE_nuts2_2008_2019.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "SE331" + lines[1][4:]
    broken = tmp_path / "panel.tsv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceDataError, match=r"row 2, field 'NUTS2': region must be a NUTS2 region"):
        parse_nuts2_panel_tsv(broken.read_bytes(), str(broken), "x")


def _education():
    key_path = SNAPSHOT / "scb" / "skr_kommungruppsindelning_290_kommuner.csv"
    key = read_kommun_key(key_path.read_bytes(), str(key_path))
    path = SNAPSHOT / "scb" / "scb_uf0506_utbildning_16_74_kommun_2018_2022.csv"
    return key, path, parse_kommun_education_csv(path.read_bytes(), str(path), "uf0506_kommun", key, str(key_path))


def test_kommun_education_is_keyed_to_codes_and_sums_to_the_lan():
    key, _, frame = _education()
    assert len(key.codes) == 290 and key.codes["Stockholm"] == "0180" and key.codes["Umeå"] == "2480"
    assert key.groups["0180"] == "A1" and key.groups["2480"] == "B3"  # SKR: storstad, större stad
    umea = frame[(frame["region_label"] == "Umeå") & (frame["period"] == "2022")]
    assert set(umea["region_code"]) == {"24"}
    tertiary = umea[umea["dimensions"].str.contains("level=post_secondary_3_years_or_more")]
    assert tertiary["value"].sum() == 29_699  # the README's cross-check: men 12,012 + women 17,687
    assert umea[umea["dimensions"].str.contains("level=doctoral")]["value"].sum() == 3_274
    lan = frame[(frame["region_code"] == "24")]
    for year, share in (("2018", 24.1), ("2022", 26.2)):
        rows = lan[lan["period"] == year]
        top = rows[rows["dimensions"].str.contains("post_secondary_3_years_or_more|doctoral")]["value"].sum()
        assert 100 * top / rows["value"].sum() == pytest.approx(share, abs=0.05)
    assert len(frame[frame["region_label"] == "Upplands Väsby"]) == 24  # its lowest level is missing (12 a year)
    assert umea["dimensions"].str.contains("skr_group=B3").all()


def test_a_kommun_group_outside_skrs_nine_is_refused(tmp_path):
    key_path = SNAPSHOT / "scb" / "skr_kommungruppsindelning_290_kommuner.csv"
    broken = tmp_path / "key.csv"
    broken.write_text(key_path.read_text(encoding="utf-8").replace("\nA1,180,", "\nA7,180,", 1), encoding="utf-8")
    with pytest.raises(SourceDataError, match=r"row 2, field 'Gruppkod': Gruppkod must be one of SKR's groups"):
        read_kommun_key(broken.read_bytes(), str(broken))


def test_a_kommun_the_key_does_not_know_is_refused(tmp_path):
    key, path, _ = _education()
    broken = tmp_path / "education.csv"
    broken.write_text(path.read_text(encoding="utf-8").replace("\nUmeå,", "\nUmea,", 1), encoding="utf-8")
    with pytest.raises(SourceDataError, match=r"field 'kommun': kommun name not in the key .*'Umea'"):
        parse_kommun_education_csv(broken.read_bytes(), str(broken), "x", key, "key.csv")
