"""The live registry against the real shapes of its tables: every entry names how it was verified, and the
corrected entries parse the shapes the real tables have (single-year ages, three-digit SSYK codes, months out of
order, owner-country and industry dimensions, Län 99)."""

import json

import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.registry import LIVE_BY_KEY, LIVE_TABLES
from tests import scb_cubes


def test_every_entry_names_its_verification_and_unverified_ones_are_skippable():
    for table in LIVE_TABLES:
        assert table.verified_by, table.key
        verified = not table.verified_by.startswith("unverified")
        assert (table.status == "checked") == verified, table.key


def test_no_entry_claims_an_api_source_for_the_stem_share():
    assert not [t for t in LIVE_TABLES if "hc_stem" in json.dumps(t.contents)]
    assert "scb_education_sun2020" not in LIVE_BY_KEY and "scb_stem_share" not in LIVE_BY_KEY


def test_education_share_uses_single_year_ages_25_64_and_leaves_unknown_level_out():
    table = LIVE_BY_KEY["scb_education_level"]
    assert table.table_id == "TAB3981" and table.selection["Alder"] == [str(a) for a in range(25, 65)]
    frame = table.parse(json.dumps(scb_cubes.tab3981()).encode(), "tab3981.json", table)
    row = frame[(frame["region_code"] == "24") & (frame["period_start"] == 2024) & (frame["breakdown"] == "")]
    # levels 6-7 of the known levels 1-7, ages 25..64 only (tot16-74 not counted again), men + women
    assert row["value"].item() == pytest.approx(100 * (300 + 100) / (6 * 100 + 300))
    assert set(frame["breakdown"]) == {"", "sex=men", "sex=women"}
    assert set(frame["indicator_id"]) == {"hc_post_secondary_education"}


def test_knowledge_intensive_jobs_use_three_digit_codes_and_two_separate_series():
    rams, bas = LIVE_BY_KEY["scb_knowledge_jobs_rams"], LIVE_BY_KEY["scb_knowledge_jobs_bas"]
    assert (rams.table_id, bas.table_id) == ("TAB3119", "TAB4434")
    frame = bas.parse(json.dumps(scb_cubes.yreg()).encode(), "tab4434.json", bas)
    total = frame[(frame["breakdown"] == "population=day;series=bas") & (frame["period_start"] == 2021)]
    assert total["value"].unique().tolist() == [pytest.approx(60.0)]  # 3 of 5 known occupations; 0002 left out


def test_bankruptcies_sum_months_in_any_order_and_leave_lan_99_out():
    table = LIVE_BY_KEY["tva_bankruptcies"]
    frame = table.parse(json.dumps(scb_cubes.tva_months()).encode(), "11_konkurser_manad_lan.json", table)
    assert set(frame["region_code"]) == {"00", "24"}
    assert frame.loc[frame["indicator_id"] == "ent_bankruptcies", "value"].tolist() == [156.0, 156.0]
    import re

    assert re.search(table.name_pattern, "11_konkurser_manad_lan.px")
    assert re.search(table.name_pattern, "12_konk_manad_lan_1996.px")


def test_foreign_owned_takes_the_owner_total_sums_industries_and_reads_variabel():
    table = LIVE_BY_KEY["tva_foreign_owned"]
    frame = table.parse(json.dumps(scb_cubes.tva_foreign_owned()).encode(), "utlandsagda.json", table)
    workplaces = frame[(frame["indicator_id"] == "fc_foreign_owned_workplaces") & (frame["region_code"] == "24")]
    assert workplaces.set_index("period_start")["value"].to_dict() == {2022: 20.0, 2023: 20.0}  # 2 industries x 10
    employees = frame[(frame["indicator_id"] == "fc_foreign_owned_employees") & (frame["region_code"] == "24")]
    assert employees["value"].tolist() == [400.0, 400.0]
    assert "99" not in set(frame["region_code"])


def test_a_tillvaxtanalys_table_with_an_undeclared_dimension_is_refused():
    table = LIVE_BY_KEY["tva_foreign_owned"]
    doc = scb_cubes.tva_foreign_owned()
    doc["dimension"]["Storlek"] = doc["dimension"].pop("Bransch")
    doc["id"] = [d if d != "Bransch" else "Storlek" for d in doc["id"]]
    with pytest.raises(SourceDataError, match="'Storlek': not declared to be summed"):
        table.parse(json.dumps(doc).encode(), "utlandsagda.json", table)


def test_the_education_test_cube_has_the_shape_of_the_recorded_tab3981_metadata():
    from tests.conftest import FIXTURES

    summary = json.loads((FIXTURES / "pxweb" / "TAB3981_Utbildning_metadata_summary.json").read_text(encoding="utf-8"))
    cube = scb_cubes.tab3981()
    dims = summary["dimensions"]
    assert summary["px"]["tableid"] == LIVE_BY_KEY["scb_education_level"].table_id
    assert list(cube["dimension"]["UtbildningsNiva"]["category"]["label"]) == list(dims["UtbildningsNiva"]["codes"])
    assert list(cube["dimension"]["Kon"]["category"]["label"]) == list(dims["Kon"]["codes"])
    ages = list(cube["dimension"]["Alder"]["category"]["label"])
    assert len(ages) == dims["Alder"]["count"] and ages[0] == "16" and ages[-1] == "tot16-74"
    assert set(LIVE_BY_KEY["scb_education_level"].selection["Alder"]) <= set(ages)
    assert list(dims["ContentsCode"]["codes"]) == LIVE_BY_KEY["scb_education_level"].selection["ContentsCode"]
