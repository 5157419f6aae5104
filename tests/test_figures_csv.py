"""The published-figures CSV parser: valid rows parse; every broken rule names file, row, field and rule."""

import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.figures_csv import COLUMNS, parse_figures_csv

HEADER = ",".join(COLUMNS)


def _csv(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([HEADER, *rows]) + "\n").encode("utf-8")


GOOD = 'fou_doctoral_degrees,24,2022,,98,,exact,count,,,"lägsta nivån",Report §2.1.2 Diagram 8'


def test_valid_rows_parse_with_periods_and_qualitative_rows():
    frame = parse_figures_csv(_csv(
        GOOD,
        'fou_x,24,2014-2017,sex=women,,,qualitative,count,,,"få, negativ utveckling",cite',
        "fou_y,00,2024,base=all_firms;answer=none,84,,exact,percent,all firms,305,,cite",
        "fou_z,24,2020,,130,170,range,mnkr,,,,cite",
    ), file="f.csv")
    assert frame["value"].tolist()[0] == 98
    assert frame.loc[1, ["period_start", "period_end"]].tolist() == [2014, 2017]
    assert frame["value"].isna().iloc[1] and frame["statement"].iloc[1] == "få, negativ utveckling"
    assert frame["n_respondents"].iloc[2] == 305
    assert frame["value_high"].iloc[3] == 170
    assert frame["source_row"].tolist() == [2, 3, 4, 5]


@pytest.mark.parametrize(
    "row, field, rule",
    [
        (GOOD.replace(",98,", ",9 8,"), "value", "value must be numeric"),
        (GOOD.replace(",98,", ",98%,"), "value", "value must be numeric"),
        (GOOD.replace(",24,", ",26,"), "region_code", "unknown region code"),
        (GOOD.replace(",2022,", ",22,"), "period", "period must be YYYY or YYYY-YYYY"),
        (GOOD.replace(",exact,", ",roughly,"), "qualifier", "qualifier must be one of"),
        (GOOD.replace(",exact,", ",qualitative,"), "value", "a qualitative row carries no value"),
        (GOOD.replace(",98,", ",,"), "value", "value is required unless qualifier is qualitative"),
        (GOOD.replace("Report §2.1.2 Diagram 8", ""), "citation", "required field is empty"),
    ],
)
def test_broken_row_names_file_row_field_and_rule(row, field, rule):
    with pytest.raises(SourceDataError) as err:
        parse_figures_csv(_csv(GOOD, row), file="prv/figures.csv")
    assert err.value.row == 3
    assert err.value.field == field
    assert err.value.rule.startswith(rule)
    assert str(err.value).startswith("prv/figures.csv, row 3, field")


def test_wrong_header_and_empty_file():
    with pytest.raises(SourceDataError, match="missing"):
        parse_figures_csv(b"indicator_id,value\nx,1\n", file="f.csv")
    with pytest.raises(SourceDataError, match="only a header"):
        parse_figures_csv(_csv(), file="f.csv")


def test_non_utf8_is_refused():
    with pytest.raises(SourceDataError, match="UTF-8"):
        parse_figures_csv(_csv(GOOD).replace("lägsta".encode(), "lägsta".encode("latin-1")), file="f.csv")


@pytest.mark.parametrize("value", ["3_800", "３８００", "3 800", "3,800", "1e308", "nan", "inf", "0x10"],
                         ids=["underscore", "full_width", "space", "comma", "implausible", "nan", "inf", "hex"])
def test_one_numeric_grammar_for_every_value(value):
    row = f"fou_doctoral_degrees,24,2022,,\"{value}\",,exact,count,,,,cite"
    with pytest.raises(SourceDataError, match=r"f\.csv, row 2, field 'value': value must be numeric"):
        parse_figures_csv(_csv(row), file="f.csv")


def test_a_duplicated_header_column_is_refused():
    payload = (HEADER + ",value\n" + GOOD + ",99\n").encode("utf-8")
    with pytest.raises(SourceDataError, match=r"f\.csv, row 1: header names a column twice: value"):
        parse_figures_csv(payload, file="f.csv")


def test_an_overlong_field_names_the_file_and_row():
    long_statement = "x" * (200 * 1024)
    payload = _csv(GOOD, f'fou_doctoral_degrees,24,2023,,97,,exact,count,,,"{long_statement}",cite')
    with pytest.raises(SourceDataError, match=r"f\.csv, row 3: not valid CSV \(fields are limited to"):
        parse_figures_csv(payload, file="f.csv")


def test_the_benchmark_drop_is_valid_and_labelled_synthetic(tmp_path):
    from orchestration.cli.bench import SYNTHETIC_CITATION, write_drop

    rows = write_drop(tmp_path / "drop.csv", target_mb=0.3)
    frame = parse_figures_csv((tmp_path / "drop.csv").read_bytes(), file="drop.csv")
    assert len(frame) == rows > 1000
    assert (frame["citation"] == SYNTHETIC_CITATION).all() and "SYNTHETIC" in SYNTHETIC_CITATION
