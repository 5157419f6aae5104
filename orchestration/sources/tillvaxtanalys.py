"""Tillväxtanalys' PxWeb v1 quirks: the ``Län`` variable uses running numbers as codes (the real län code is in the
value text, "24 Västerbottens län"), and many series are quarterly or monthly where METRIC's indicator is yearly."""

from __future__ import annotations

import re

import pandas as pd

from orchestration.sources.errors import SourceDataError
from orchestration.sources.regions import is_known_region

_LEADING_CODE = re.compile(r"^\s*(\d{2})\b")
_PERIOD = re.compile(r"^(\d{4})(?:[KQ]([1-4])|M(0[1-9]|1[0-2]))?$")


def lan_code_map(codes: list[str], texts: list[str], *, file: str = "<metadata>") -> dict[str, str]:
    """Running-number code -> real län code (``00`` for "Riket"/"Sverige"), parsed from the value texts; texts
    without a known code (e.g. "99 Okänt län") are left out."""
    mapping = {}
    for code, text in zip(codes, texts):
        if re.match(r"^\s*(riket|sverige|hela landet)", text, re.IGNORECASE):
            mapping[code] = "00"
            continue
        match = _LEADING_CODE.match(text)
        if match and is_known_region(match.group(1)):
            mapping[code] = match.group(1)
    if not mapping:
        raise SourceDataError(file, "no län code found in the Län value texts", f"texts such as {texts[:3]}")
    return mapping


def to_yearly(frame: pd.DataFrame, period_column: str, value_column: str = "value") -> pd.DataFrame:
    """Sum quarterly (``2011K1``/``2011Q1``) or monthly (``1996M01``) values to years; a year enters only when all
    its quarters or months are present (an incomplete latest year would look like a fall). Yearly periods pass."""
    parsed = frame[period_column].astype(str).str.extract(_PERIOD)
    if parsed[0].isna().any():
        bad = frame.loc[parsed[0].isna(), period_column].iloc[0]
        raise SourceDataError("<data>", "unknown period format", repr(bad), field=period_column)
    # months and quarters may be listed in any order: sort by period before grouping
    data = frame.assign(year=parsed[0].astype(int), _order=parsed[0] + parsed[1].fillna("") + parsed[2].fillna(""))
    data = data.sort_values("_order", kind="stable").drop(columns="_order")
    per_year = 4 if parsed[1].notna().any() else 12 if parsed[2].notna().any() else 1
    keys = [c for c in data.columns if c not in (period_column, f"{period_column}_label", value_column, "status",
                                                 "source_cell")]
    grouped = data.groupby(keys, dropna=False).agg(value=(value_column, "sum"), n_periods=(value_column, "count"))
    grouped = grouped.reset_index()
    return grouped[grouped["n_periods"] == per_year].drop(columns="n_periods").reset_index(drop=True)
