"""The great-expectations suite on fct_indicator_values passes on good data and fails on each kind of breakage."""

import pandas as pd
import pytest

from expectations.fct_indicator_values import validate


def _frame() -> pd.DataFrame:
    base = {"indicator_id": "fou_x", "region_code": "24", "period_end": 2020, "breakdown": "", "dataset_id": "d1",
            "citation": "cite", "source_id": "scb", "source_ref": "f.csv#row=2", "vintage": "v"}
    rows = [
        {**base, "period_start": 2019, "period_end": 2019, "value": 55.0, "value_high": None, "unit": "percent",
         "value_kind": "figure"},
        {**base, "period_start": 2020, "value": 1200.0, "value_high": 1300.0, "unit": "count", "value_kind": "figure"},
        {**base, "period_start": 2020, "value": 3.5, "value_high": None, "unit": "mnkr", "indicator_id": "fou_y",
         "value_kind": "figure"},
        {**base, "period_start": 2014, "period_end": 2017, "value": None, "value_high": None, "unit": "count",
         "indicator_id": "fou_q", "value_kind": "qualitative"},
    ]
    return pd.DataFrame(rows).astype({"value": "float64", "value_high": "float64"})


def test_suite_passes_on_valid_values():
    outcome = validate(_frame(), last_year=2025)
    assert outcome.success, outcome.summary()
    assert outcome.evaluated >= 10


@pytest.mark.parametrize(
    "breakage, expectation",
    [
        (lambda f: f.assign(value=[150.0, 1200.0, 3.5, None]), "expect_column_values_to_be_between"),
        (lambda f: f.assign(value=[55.0, -1.0, 3.5, None]), "expect_column_values_to_be_between"),
        (lambda f: f.assign(period_start=[1976, 2020, 2020, 2014]), "expect_column_values_to_be_between"),
        (lambda f: f.assign(citation=["cite", None, "cite", "cite"]), "expect_column_values_to_not_be_null"),
        (lambda f: f.assign(period_end=[2018, 2020, 2020, 2017]), "expect_column_pair_values_a_to_be_greater_than_b"),
        (lambda f: f.assign(value_high=[None, 1100.0, None, None]), "expect_column_pair_values_a_to_be_greater_than_b"),
        (lambda f: f.assign(value_high=[120.0, None, None, None]), "expect_column_values_to_be_between"),
        (lambda f: f.assign(value=[None, 1200.0, 3.5, None]), "expect_column_values_to_not_be_null"),
        (lambda f: f.assign(value=[55.0, 1200.0, 3.5, 4.0]), "expect_column_values_to_be_null"),
        (lambda f: f.assign(period_end=[2019, 2026, 2020, 2017]), "expect_column_values_to_be_between"),
        (lambda f: f.assign(vintage=["v", "v", None, "v"]), "expect_column_values_to_not_be_null"),
    ],
    ids=["share_over_100", "negative_count", "year_out_of_range", "missing_citation",
         "period_ends_before_start", "range_upper_below_lower", "range_upper_over_100", "figure_without_value",
         "statement_with_value", "year_after_the_limit", "missing_vintage"],
)
def test_suite_fails_on_broken_values(breakage, expectation):
    outcome = validate(breakage(_frame()), last_year=2025)
    assert not outcome.success
    assert expectation in {f["expectation"] for f in outcome.failures}, outcome.summary()
