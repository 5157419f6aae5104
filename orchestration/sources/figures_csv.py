"""The published-figures CSV: the documented file format for sources that publish tables, not an API.

One row per published figure (or per qualitative statement where the publisher prints no number). UTF-8 (a BOM is
tolerated), comma-separated, header required, columns:

| column | rule |
| --- | --- |
| indicator_id | required; an id of the indicator catalogue (checked downstream by dbt relationships) |
| region_code | required; ``00`` (Riket) or one of the 21 län codes |
| period | required; ``YYYY`` or ``YYYY-YYYY`` (a multi-year period) |
| breakdown | optional; ``key=value`` pairs joined by ``;`` (e.g. ``institution=SLU;sex=women``) |
| value | a number with ``.`` as decimal mark; empty only when qualifier is ``qualitative`` |
| value_high | only for qualifier ``range``: the upper end (``value`` is the lower end) |
| qualifier | ``exact``, ``approx`` (about), ``over`` (more than), ``under`` (less than), ``range`` or ``qualitative`` |
| unit | required; a unit of the catalogue (e.g. ``mnkr``, ``percent``, ``count``) |
| base | survey figures: the population the share refers to (e.g. ``all firms``); else empty |
| n_respondents | survey figures: unweighted respondents behind the figure; else empty |
| statement | the publisher's words (required for qualitative rows) |
| citation | required; publisher, table/report section and diagram, vintage |
"""

from __future__ import annotations

import re

import pandas as pd

from orchestration.sources.csv_text import read_csv
from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import parse_number
from orchestration.sources.regions import is_known_region

COLUMNS = [
    "indicator_id",
    "region_code",
    "period",
    "breakdown",
    "value",
    "value_high",
    "qualifier",
    "unit",
    "base",
    "n_respondents",
    "statement",
    "citation",
]
_OUTPUT_COLUMNS = ("indicator_id", "region_code", "period_start", "period_end", "breakdown", "value", "value_high",
                   "qualifier", "unit", "base", "n_respondents", "statement", "citation", "source_row")
QUALIFIERS = ("exact", "approx", "over", "under", "range", "qualitative")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
_BREAKDOWN_PART = re.compile(r"^[a-z_]+=[^;=]+$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _number(file: str, row: int, field: str, text: str) -> float:
    """The one numeric grammar (orchestration/sources/families.py): ASCII digits, '.' decimal, no separators."""
    try:
        return parse_number(text, file, row, field)
    except SourceDataError as exc:
        raise SourceDataError(file, "value must be numeric: " + exc.rule, exc.detail, row=row, field=field) from None


def parse_figures_csv(payload: bytes, *, file: str = "<memory>") -> pd.DataFrame:
    """Parse and validate a published-figures CSV; every problem raises a :class:`SourceDataError` naming file and row."""
    _, rows = read_csv(payload, file, COLUMNS, only=True, columns_name="the published-figures columns")
    columns: dict[str, list] = {c: [] for c in _OUTPUT_COLUMNS}
    for row_no, rec in rows:
        empty = [c for c in ("indicator_id", "region_code", "period", "qualifier", "unit", "citation") if rec[c] == ""]
        if empty:
            raise SourceDataError(file, "required field is empty", ", ".join(empty), row=row_no, field=empty[0])
        if not _ID.match(rec["indicator_id"]):
            raise SourceDataError(file, "indicator_id must be a lower-case identifier", repr(rec["indicator_id"]),
                                  row=row_no, field="indicator_id")
        if not is_known_region(rec["region_code"]):
            raise SourceDataError(file, "unknown region code", f"{rec['region_code']!r} is neither 00 nor a län code",
                                  row=row_no, field="region_code")
        match = _PERIOD.match(rec["period"])
        if not match:
            raise SourceDataError(file, "period must be YYYY or YYYY-YYYY", repr(rec["period"]), row=row_no, field="period")
        start = int(match.group(1))
        end = int(match.group(2) or start)
        if end < start:
            raise SourceDataError(file, "period must not end before it starts", rec["period"], row=row_no, field="period")
        if rec["breakdown"] and not all(_BREAKDOWN_PART.match(p) for p in rec["breakdown"].split(";")):
            raise SourceDataError(file, "breakdown must be key=value pairs joined by ';'", repr(rec["breakdown"]),
                                  row=row_no, field="breakdown")
        qualifier = rec["qualifier"]
        if qualifier not in QUALIFIERS:
            raise SourceDataError(file, f"qualifier must be one of {', '.join(QUALIFIERS)}", repr(qualifier),
                                  row=row_no, field="qualifier")
        value = value_high = None
        if qualifier == "qualitative":
            if rec["value"] or rec["value_high"]:
                raise SourceDataError(file, "a qualitative row carries no value", rec["value"], row=row_no, field="value")
            if not rec["statement"]:
                raise SourceDataError(file, "a qualitative row needs the publisher's statement", "statement is empty",
                                      row=row_no, field="statement")
        else:
            if not rec["value"]:
                raise SourceDataError(file, "value is required unless qualifier is qualitative", "value is empty",
                                      row=row_no, field="value")
            value = _number(file, row_no, "value", rec["value"])
            if qualifier == "range":
                if not rec["value_high"]:
                    raise SourceDataError(file, "a range needs value_high", "value_high is empty", row=row_no,
                                          field="value_high")
                value_high = _number(file, row_no, "value_high", rec["value_high"])
                if value_high < value:
                    raise SourceDataError(file, "value_high must not be below value", f"{value_high} < {value}",
                                          row=row_no, field="value_high")
            elif rec["value_high"]:
                raise SourceDataError(file, "value_high is only for qualifier range", rec["value_high"], row=row_no,
                                      field="value_high")
        n_resp = None
        if rec["n_respondents"]:
            if not re.fullmatch(r"[0-9]+", rec["n_respondents"]):
                raise SourceDataError(file, "n_respondents must be a whole number", repr(rec["n_respondents"]),
                                      row=row_no, field="n_respondents")
            n_resp = int(rec["n_respondents"])
        for column, item in (("indicator_id", rec["indicator_id"]), ("region_code", rec["region_code"]),
                             ("period_start", start), ("period_end", end), ("breakdown", rec["breakdown"]),
                             ("value", value), ("value_high", value_high), ("qualifier", qualifier),
                             ("unit", rec["unit"]), ("base", rec["base"] or None), ("n_respondents", n_resp),
                             ("statement", rec["statement"] or None), ("citation", rec["citation"]),
                             ("source_row", row_no)):
            columns[column].append(item)
    if not columns["source_row"]:
        raise SourceDataError(file, "file holds no figures", "only a header")
    frame = pd.DataFrame(columns)  # one list per column: a large file costs a reference per cell, not a dict per row
    for col in ("value", "value_high"):
        frame[col] = frame[col].astype("float64")
    frame["n_respondents"] = frame["n_respondents"].astype("Int64")
    return frame
