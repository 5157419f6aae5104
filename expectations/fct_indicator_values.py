"""The great-expectations suite for ``marts.fct_indicator_values``: the value rules of the long contract every
later layer relies on, checked here and nowhere else (blocking: a failure stops analysis and publish).

- years: ``period_start``/``period_end`` between FIRST_YEAR and the current year (the one year limit), and a
  period never ends before it starts;
- values: within their unit's range (``dbt_project/seeds/units.csv``, read by this suite), the upper end of a
  range too and never below the lower end; a figure has a value, a qualitative statement has none;
- provenance: citation, source, source_ref, vintage present.

Keys and relationships (the value key, known indicators, regions and units) are dbt's tests on
int_indicator_values, not repeated here.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd

from expectations.runner import SuiteOutcome, run_suite

SUITE_NAME = "fct_indicator_values"
FIRST_YEAR = 1977  # the earliest year of the regional panel (Eurostat EPO patent applications from 1977)
# the columns the suite reads (the check loads only these)
COLUMNS = ("period_start", "period_end", "citation", "source_id", "source_ref", "vintage", "value", "value_high",
           "value_kind", "unit")
UNITS_SEED = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds" / "units.csv"


def load_units() -> list[tuple[str, float | None, float | None]]:
    """(unit, min, max) from the dbt seed that dbt's own tests use too: one list of units and their ranges."""
    with UNITS_SEED.open(encoding="utf-8", newline="") as handle:
        return [(row["unit"], float(row["min_value"]) if row["min_value"] else None,
                 float(row["max_value"]) if row["max_value"] else None) for row in csv.DictReader(handle)]


def suite_settings(last_year: int | None = None) -> dict:
    """What the suite depends on besides its code and the units seed: the year bounds (the upper one moves each
    January)."""
    return {"first_year": FIRST_YEAR, "last_year": last_year or date.today().year}


def build_expectations(last_year: int | None = None) -> list:
    import great_expectations as gx

    last_year = last_year or date.today().year
    units = load_units()
    e = gx.expectations
    expectations = [
        e.ExpectTableRowCountToBeBetween(min_value=1),
        e.ExpectColumnValuesToBeBetween(column="period_start", min_value=FIRST_YEAR, max_value=last_year),
        e.ExpectColumnValuesToBeBetween(column="period_end", min_value=FIRST_YEAR, max_value=last_year),
    ]
    for column in ("citation", "source_id", "source_ref", "vintage"):
        expectations.append(e.ExpectColumnValuesToNotBeNull(column=column))
    expectations += [
        e.ExpectColumnPairValuesAToBeGreaterThanB(column_A="period_end", column_B="period_start", or_equal=True),
        e.ExpectColumnPairValuesAToBeGreaterThanB(column_A="value_high", column_B="value", or_equal=True,
                                                  ignore_row_if="either_value_is_missing"),
        e.ExpectColumnValuesToBeNull(column="value", row_condition='value_kind=="qualitative"',
                                     condition_parser="pandas"),
        e.ExpectColumnValuesToNotBeNull(column="value", row_condition='value_kind=="figure"',
                                        condition_parser="pandas"),
    ]
    # one expectation per distinct range (units sharing a range are checked together)
    by_range: dict[tuple, list[str]] = {}
    for unit, low, high in units:
        by_range.setdefault((low, high), []).append(unit)
    for (low, high), members in sorted(by_range.items(), key=lambda kv: str(kv[0])):
        for column in ("value", "value_high"):
            expectations.append(
                e.ExpectColumnValuesToBeBetween(
                    column=column, min_value=low, max_value=high,
                    row_condition=f"unit in {sorted(members)!r}", condition_parser="pandas",
                )
            )
    return expectations


def validate(frame: pd.DataFrame, last_year: int | None = None) -> SuiteOutcome:
    """Every failure names its offending rows: value, unit and ``source_ref`` (the file and row it came from)."""
    index = tuple(c for c in ("source_ref", "unit") if c in frame.columns)
    return run_suite(frame, SUITE_NAME, build_expectations(last_year), index_columns=index)
