"""Raw format families: every source's rows land in one raw table per family, whatever the source.

| family | raw table | rows | staged by |
| --- | --- | --- | --- |
| ``published_figures`` | ``raw.published_figures`` | one per published figure or statement, already in the long contract (``figures_csv`` files, inbox drops, live tables parsed to figures) | ``stg_published_figures`` |
| ``table_cells`` | ``raw.table_cells`` | one per non-null cell of a statistical table (json-stat2 / PxWeb), with the publisher's own codes | ``stg_table_cells`` (codes -> indicators through the ``table_series`` seed) |
| ``survey_estimates`` | ``raw.survey_estimates`` | one per estimate computed from a survey's microdata dropped in the inbox (``survey_microdata.py``): the long contract plus standard error, 95 % interval, design effect, flags (``suppressed``) and ``is_synthetic`` | ``stg_survey_estimates`` |

The microdata itself (one row per respondent and question, with its weight) is never a raw family: it lands in the
warehouse's ``private`` schema, which nothing exports or publishes.

Each row carries ``source_id``, the file and its row/cell, and the provenance columns (``_dataset_id``,
``_source_file``, ``_priority``, ``_file_citation``, ``_vintage``, ``_retrieved``, ``_licence``, ``_vintage_id``).
An extract replaces only its own source's rows, so adding a source needs no new table, model or YAML.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from orchestration.sources.errors import SourceDataError
from orchestration.sources.jsonstat import JsonStatDataset
from orchestration.sources.regions import is_known_region

PUBLISHED_FIGURES = "published_figures"
TABLE_CELLS = "table_cells"
SURVEY_ESTIMATES = "survey_estimates"
FAMILIES = (PUBLISHED_FIGURES, TABLE_CELLS, SURVEY_ESTIMATES)
PRIVATE_MICRODATA = "private.survey_microdata"  # respondent rows: the private schema, written with the source's rows
PRIVATE_MICRODATA_COLUMNS = {
    "source_id": "varchar", "respondent_id": "varchar", "stratum": "varchar", "weight": "double",
    "question": "varchar", "answer": "varchar", "is_synthetic": "boolean", "_source_file": "varchar",
}

# The format of a MANIFEST row -> its family (``pxweb:<key>`` files take the family of their registry table).
FORMAT_FAMILY = {
    "figures_csv": PUBLISHED_FIGURES,  # orchestration/sources/figures_csv.py
    "jsonstat2": TABLE_CELLS,  # a json-stat2 cube (PxWeb): jsonstat.py + jsonstat_cells below
    "eurostat_sdmx_csv": TABLE_CELLS,  # eurostat_files.py
    "eurostat_tsv": TABLE_CELLS,
    "eurostat_nuts2_indicators": TABLE_CELLS,
    "kolada_csv": TABLE_CELLS,  # regional_files.py
    "tillvaxtanalys_xlsx": TABLE_CELLS,
    "scb_export_csv": TABLE_CELLS,
    "eurostat_datacommons_csv": TABLE_CELLS,  # eurostat_files.py
    "nuts2_panel_tsv": TABLE_CELLS,
    "qog_eqi_csv": TABLE_CELLS,  # qog_files.py
    "rci_raw_csv": TABLE_CELLS,  # rci_files.py, its indicators described by an rci_descriptions_csv file
    "rci_population_gdp_csv": TABLE_CELLS,  # rci_files.py
    "gisco_nuts_geojson": TABLE_CELLS,  # gisco_files.py: each region's area from its boundaries
    "scb_kommun_education_csv": TABLE_CELLS,  # regional_files.py, its kommun names keyed by a kommun_key_csv file
}

# Companion files: listed in the MANIFEST with their provenance and part of their source's fingerprint, but no rows
# of their own. A key file maps the names another file uses to codes (the MANIFEST row of that file names it in
# ``region_dimension``); a data dictionary documents a file's columns.
COMPANION_FORMATS = {
    "kommun_key_csv": "kommun names -> codes for a file that names kommuner (regional_files.read_kommun_key)",
    "rci_descriptions_csv": "each indicator's reference year and geographical level for an rci_raw_csv file "
                            "(rci_files.read_descriptions)",
    "data_dictionary_tsv": "the column descriptions of a data file (read by people, not by the pipeline)",
}

# a cell whose region a NUTS version change left out (split, merged, boundary changed, a NUTS1 value): kept in raw with
# its original code and the reason in region_label, never staged (orchestration/sources/regions.py, reconcile)
LEFT_OUT = "left_out"
TABLE_CELLS_COLUMNS = ["source_cell", "dataset_code", "region_code", "region_label", "period", "measure",
                       "measure_label", "dimensions", "value", "status"]


def jsonstat_cells(dataset: JsonStatDataset, file: str, region_dimension: str) -> pd.DataFrame:
    """A json-stat2 cube as ``raw.table_cells`` rows: the region, time and measure dimensions named by the cube's
    roles (``time``, ``metric``; PxWeb's ``Tid``/``ContentsCode`` otherwise), every other dimension kept as sorted
    ``code=value`` pairs in ``dimensions``. Null cells (no published figure) are dropped; a region code that is not
    in ``dbt_project/seeds/regions.csv`` fails the file."""
    ids = [d.id for d in dataset.dimensions]
    time_dim = next(iter(dataset.roles.get("time", [])), "Tid" if "Tid" in ids else None)
    measure_dim = next(iter(dataset.roles.get("metric", [])), "ContentsCode" if "ContentsCode" in ids else None)
    for role, dim in (("region", region_dimension), ("time", time_dim), ("measure", measure_dim)):
        if dim is None or dim not in ids:
            raise SourceDataError(file, f"json-stat2 {role} dimension missing", f"dimensions are {ids}",
                                  field=dim or role)
    others = [d for d in ids if d not in (region_dimension, time_dim, measure_dim)]
    frame = dataset.to_frame()
    frame = frame[frame["value"].notna()].reset_index(drop=True)
    if frame.empty:  # a table whose every cell is null would make its series vanish without a word
        raise SourceDataError(file, "table holds no values", f"all {len(dataset.values)} cells are null")
    extension = dataset.extension.get("px", {}) if isinstance(dataset.extension, dict) else {}
    unknown = sorted({c for c in frame[region_dimension].astype(str) if not is_known_region(c)})
    if unknown:
        raise SourceDataError(file, "unknown region code", f"{unknown} in dimension {region_dimension!r}",
                              field=region_dimension)
    dimensions = [dimensions_text(dict(zip(others, row))) for row in
                  frame[others].astype(str).itertuples(index=False, name=None)]
    return pd.DataFrame({
        "source_cell": frame.index.astype(str),
        "dataset_code": extension.get("tableid") or dataset.label,
        "region_code": frame[region_dimension].astype(str),
        "region_label": frame[f"{region_dimension}_label"].astype(str),
        "period": check_years(frame[time_dim], file, time_dim),
        "measure": frame[measure_dim].astype(str),
        "measure_label": frame[f"{measure_dim}_label"].astype(str),
        "dimensions": dimensions,
        "value": frame["value"].astype("float64"),
        "status": frame["status"].astype("object"),
    })


PROVENANCE_COLUMNS = {
    "_dataset_id": "varchar", "_source_file": "varchar", "_priority": "integer", "_file_citation": "varchar",
    "_vintage": "varchar", "_retrieved": "varchar", "_licence": "varchar", "_vintage_id": "varchar",
}
# The columns and DuckDB types of each family's raw table: rows are inserted by name, so a parser that delivers a
# column not listed here fails the extract instead of silently widening the table.
_FIGURE_COLUMNS = {  # the long contract of a figure or statement, shared by the two figure families
    "source_id": "varchar", "source_row": "bigint", "indicator_id": "varchar", "region_code": "varchar",
    "period_start": "integer", "period_end": "integer", "breakdown": "varchar", "value": "double",
    "value_high": "double", "qualifier": "varchar", "unit": "varchar", "base": "varchar",
    "n_respondents": "integer", "statement": "varchar", "citation": "varchar",
}
FAMILY_COLUMNS: dict[str, dict[str, str]] = {
    PUBLISHED_FIGURES: {**_FIGURE_COLUMNS, **PROVENANCE_COLUMNS},
    SURVEY_ESTIMATES: {**_FIGURE_COLUMNS, "se": "double", "ci_low": "double", "ci_high": "double",
                       "design_effect": "double", "flags": "varchar", "is_synthetic": "boolean",
                       **PROVENANCE_COLUMNS},
    TABLE_CELLS: {
        "source_id": "varchar", "source_cell": "varchar", "dataset_code": "varchar", "region_code": "varchar",
        "region_label": "varchar", "period": "varchar", "measure": "varchar", "measure_label": "varchar",
        "dimensions": "varchar", "value": "double", "status": "varchar", **PROVENANCE_COLUMNS,
    },
}


def family_ddl(family: str, table: str, extra: dict[str, str] | None = None) -> str:
    """``create table if not exists`` for a family's table (its history adds ``extra`` columns)."""
    columns = ", ".join(f'"{name}" {dtype}' for name, dtype in {**FAMILY_COLUMNS[family], **(extra or {})}.items())
    return f"create table if not exists {table} ({columns})"


_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")  # ASCII digits, '.' decimal, no separators
MAX_MAGNITUDE = 1e15  # larger than any real figure here (Sweden's goods exports are about 1.5e12 SEK): a typo


def parse_number(text: str, file: str, row: int | None, field: str) -> float:
    """The one numeric grammar of the statistical-table parsers; anything else is refused naming file/row/field."""
    if not _NUMBER.match(text):
        raise SourceDataError(file, "value must be a number (ASCII digits, '.' decimal, no separators)", repr(text),
                              row=row, field=field)
    value = float(text)
    if not math.isfinite(value):
        raise SourceDataError(file, "value must be finite", repr(text), row=row, field=field)
    if abs(value) >= MAX_MAGNITUDE:
        raise SourceDataError(file, f"implausible magnitude (|value| >= {MAX_MAGNITUDE:g})", repr(text), row=row,
                              field=field)
    return value


def parse_year(text: str, file: str, row: int | None, field: str) -> str:
    """A calendar year ``YYYY`` (as text, the ``period`` of a cell); anything else (a quarter ``2022K1``, a month
    ``2022M01``, a range ``2021-2022``) is refused naming file/row/field."""
    if not re.fullmatch(r"\d{4}", text):
        raise SourceDataError(file, "year must be YYYY (a quarter, month or range is not a year)", repr(text),
                              row=row, field=field)
    return text


def check_years(periods: pd.Series, file: str, field: str) -> pd.Series:
    """A table's time dimension as years ``YYYY``: the first value that is not one is refused, naming the file, the
    dimension and the cell (its position in the table)."""
    bad = ~periods.astype(str).str.fullmatch(r"\d{4}")
    if bad.any():
        first = bad.to_numpy().nonzero()[0][0]
        parse_year(str(periods.iloc[first]), file, int(first) + 1, field)
    return periods.astype(str)


def cells_frame(records: list[dict], file: str) -> pd.DataFrame:
    """``raw.table_cells`` rows from parser records (keys of TABLE_CELLS_COLUMNS); an empty table is refused."""
    if not records:
        raise SourceDataError(file, "table holds no values", "every cell is empty or missing")
    frame = pd.DataFrame.from_records(records, columns=TABLE_CELLS_COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    for column in ("source_cell", "dataset_code", "region_code", "region_label", "period", "measure",
                   "measure_label", "dimensions", "status"):
        frame[column] = frame[column].astype("object")
    return frame


def dimensions_text(pairs: dict[str, str]) -> str:
    """Other dimensions of a cell as ``code=value`` pairs joined by ``;`` in a fixed (sorted) order."""
    return ";".join(f"{k}={v}" for k, v in sorted(pairs.items()))
