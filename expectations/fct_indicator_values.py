"""The great-expectations suite for ``marts.fct_indicator_values``: the long contract every later layer relies on."""

from __future__ import annotations

from datetime import date

import pandas as pd

from expectations.runner import SuiteOutcome, run_suite

SUITE_NAME = "fct_indicator_values"
KEY = ["indicator_id", "region_code", "period_start", "period_end", "breakdown", "dataset_id"]
KNOWN_UNITS = ["percent", "mnkr", "count", "fte", "per_firm"]
FIRST_YEAR = 2000
# (unit, min, max): value ranges by unit
VALUE_RANGES = [
    ("percent", 0, 100),
    ("count", 0, None),
    ("mnkr", 0, None),
    ("fte", 0, None),
    ("per_firm", 0, None),
]


def build_expectations(last_year: int | None = None) -> list:
    import great_expectations as gx

    last_year = last_year or date.today().year
    e = gx.expectations
    expectations = [
        e.ExpectTableRowCountToBeBetween(min_value=1),
        e.ExpectCompoundColumnsToBeUnique(column_list=KEY),
        e.ExpectColumnValuesToBeBetween(column="period_start", min_value=FIRST_YEAR, max_value=last_year),
        e.ExpectColumnValuesToBeBetween(column="period_end", min_value=FIRST_YEAR, max_value=last_year),
        e.ExpectColumnValuesToBeInSet(column="unit", value_set=KNOWN_UNITS),
    ]
    for column in ("indicator_id", "region_code", "citation", "source_id", "source_ref", "vintage"):
        expectations.append(e.ExpectColumnValuesToNotBeNull(column=column))
    for unit, low, high in VALUE_RANGES:
        expectations.append(
            e.ExpectColumnValuesToBeBetween(
                column="value", min_value=low, max_value=high,
                row_condition=f'unit=="{unit}"', condition_parser="pandas",
            )
        )
    return expectations


def validate(frame: pd.DataFrame, last_year: int | None = None) -> SuiteOutcome:
    return run_suite(frame, SUITE_NAME, build_expectations(last_year))
