"""The json-stat2 parser on real SCB responses (tests/fixtures/pxweb) and on broken bodies."""

import json

import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.jsonstat import parse_jsonstat2
from tests.conftest import FIXTURES, SNAPSHOT

TAB6471 = FIXTURES / "pxweb" / "scb-v2" / "pxwebpy_TAB6471_data.json"


@pytest.fixture(scope="module")
def population():
    return parse_jsonstat2(TAB6471.read_bytes(), file=str(TAB6471)).to_frame()


def test_real_scb_v2_response_shape(population):
    assert len(population) == 21 * 11 * 3 * 1 * 4 == 2772
    assert set(population["Region"]) >= {"24", "25", "01"}
    assert population.loc[population["Region"] == "24", "Region_label"].iloc[0] == "Västerbottens län"


def test_vasterbotten_population_january_2026_summed_over_ages(population):
    cells = population[(population["Region"] == "24") & (population["Kon"] == "TotSa")
                       & (population["Tid"] == "2026M01")]
    assert len(cells) == 11
    assert cells["value"].sum() == 278_848


def test_row_major_order_last_dimension_fastest(population):
    raw = json.loads(TAB6471.read_text(encoding="utf-8-sig"))
    assert population["value"].tolist()[:4] == raw["value"][:4]
    assert population["Tid"].tolist()[:4] == ["2026M01", "2026M02", "2026M03", "2026M04"]
    assert population["Kon"].iloc[4] == "1"  # the next-slowest dimension moves after the four months


def test_units_and_labels_are_kept():
    ds = parse_jsonstat2(TAB6471.read_bytes())
    assert ds.dimension("ContentsCode").units["000007SF"]["base"] == "antal"
    assert ds.extension["px"]["tableid"] == "TAB6471"


def test_snapshot_brp_file_parses():
    frame = parse_jsonstat2((SNAPSHOT / "scb" / "TAB3138_brp_lan.json").read_bytes()).to_frame()
    row = frame[(frame["Region"] == "24") & (frame["Tid"] == "2022")]
    assert row["value"].item() == 150_400


def _doc(**changes):
    doc = {"version": "2.0", "class": "dataset", "id": ["Region", "Tid"], "size": [1, 2],
           "dimension": {"Region": {"category": {"index": {"24": 0}}},
                         "Tid": {"category": {"index": ["2022", "2023"]}}},
           "value": [1.5, None]}
    doc.update(changes)
    return json.dumps(doc).encode()


def test_null_is_kept_as_missing_and_list_index_accepted():
    frame = parse_jsonstat2(_doc()).to_frame()
    assert frame["Tid"].tolist() == ["2022", "2023"]
    assert frame["value"].iloc[0] == 1.5 and frame["value"].isna().iloc[1]


def test_sparse_value_object_and_status():
    frame = parse_jsonstat2(_doc(value={"1": 7}, status={"1": "p"})).to_frame()
    assert frame["value"].isna().iloc[0] and frame["value"].iloc[1] == 7
    assert frame["status"].isna().iloc[0] and frame["status"].iloc[1] == "p"


@pytest.mark.parametrize(
    "payload, rule",
    [
        (b'{"version": "2.0", "class": "dataset", "id": [', "body is not valid JSON"),
        (_doc(value=[1.5, "12,3"]), "value must be a number or null"),
        (_doc(value=[1.5]), "value count must equal the product of sizes"),
        (_doc(size=[1, 3]), "dimension size mismatch"),
        (_doc(version="1.0"), "json-stat version must be 2.0"),
        (_doc(**{"class": "collection"}), "json-stat2 class must be 'dataset'"),
    ],
)
def test_broken_bodies_fail_with_file_and_rule(payload, rule):
    with pytest.raises(SourceDataError) as err:
        parse_jsonstat2(payload, file="scb/broken.json")
    assert err.value.rule == rule
    assert str(err.value).startswith("scb/broken.json")


def test_non_numeric_cell_is_named():
    with pytest.raises(SourceDataError, match=r"cell 1 \(Region=24, Tid=2023\) holds '12,3'"):
        parse_jsonstat2(_doc(value=[1.5, "12,3"]), file="x.json")


def test_a_nan_cell_is_named_by_its_codes_and_an_all_null_table_is_refused():
    from orchestration.sources.families import jsonstat_cells

    doc = {"version": "2.0", "class": "dataset", "id": ["Region", "ContentsCode", "Tid"], "size": [1, 1, 2],
           "dimension": {"Region": {"category": {"index": {"24": 0}}},
                         "ContentsCode": {"category": {"index": {"NR0105AH": 0}}},
                         "Tid": {"category": {"index": {"2021": 0, "2022": 1}}}},
           "value": [1.0, float("nan")]}
    with pytest.raises(SourceDataError, match=r"cell 1 \(Region=24, ContentsCode=NR0105AH, Tid=2022\)"):
        parse_jsonstat2(json.dumps(doc).encode(), file="t.json")
    doc["value"] = [None, None]
    with pytest.raises(SourceDataError, match="t.json: table holds no values: all 2 cells are null"):
        jsonstat_cells(parse_jsonstat2(json.dumps(doc).encode(), file="t.json"), "t.json", "Region")


@pytest.mark.parametrize("period", ["2022K1", "2022M01", "2021-2022"])
def test_a_quarter_a_month_or_a_range_where_a_year_belongs_is_refused_naming_file_field_and_value(period):
    from orchestration.sources.families import jsonstat_cells

    doc = {"version": "2.0", "class": "dataset", "id": ["Region", "ContentsCode", "Tid"], "size": [1, 1, 2],
           "dimension": {"Region": {"category": {"index": {"24": 0}}},
                         "ContentsCode": {"category": {"index": {"BE0101N1": 0}}},
                         "Tid": {"category": {"index": {"2021": 0, period: 1}}}},
           "value": [1.0, 2.0]}
    with pytest.raises(SourceDataError, match=rf"t.json.*row 2.*Tid.*year must be YYYY.*'{period}'"):
        jsonstat_cells(parse_jsonstat2(json.dumps(doc).encode(), file="t.json"), "t.json", "Region")


@pytest.mark.parametrize("period", ["2022K1", "2022M01"])
def test_a_quarter_or_a_month_in_a_csv_year_column_is_refused_naming_file_row_field_and_value(period):
    from orchestration.sources.families import parse_year

    with pytest.raises(SourceDataError, match=rf"f.csv.*row 7.*year.*year must be YYYY.*'{period}'"):
        parse_year(period, "f.csv", 7, "year")
