"""Which cells of a source's statistical tables the ``table_series`` seed maps to indicators, and which it does not:
nothing slips silently.

A cell maps when a seed row of its source has its table (or no table: any table of the source), its measure and
its other dimensions. Per table the extract reports the cells no row maps (by code, with counts) and the codes the
seed expects but the table no longer has: a publisher renaming a measure between releases (SCB's ``NR0105AH`` to
``NR0105XX``) shows up as an expected code missing and an unmapped one found. A table none of whose cells map,
although the seed maps codes of it, fails its extract naming the codes it found and those expected. Tables read by
their own staging model (``STAGED_ELSEWHERE``) are not the seed's to map.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from orchestration.sources.errors import SourceDataError

TABLE_SERIES_SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "table_series.csv"
# table (dataset code) -> the dbt staging model that reads its cells instead of the table_series seed
STAGED_ELSEWHERE = {"uf0506_kommun": "stg_kommun_education"}


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, str, str, str], ...]:
    with TABLE_SERIES_SEED.open(encoding="utf-8", newline="") as handle:
        return tuple((r["source_id"], r["dataset_code"] or "", r["measure"], r["dimensions"] or "")
                     for r in csv.DictReader(handle))


def _code(measure: str, dimensions: str) -> str:
    return f"{measure}[{dimensions}]" if dimensions else measure


@dataclass
class TableMapping:
    cells: int = 0
    mapped: int = 0
    unmapped: dict[str, int] = field(default_factory=dict)  # code -> cells
    expected_missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"cells": self.cells, "mapped": self.mapped, "unmapped": dict(sorted(self.unmapped.items())),
                "expected_missing": self.expected_missing}


def mapping_report(source_id: str, cells: pd.DataFrame, file_of: dict[str, str] | None = None
                   ) -> dict[str, TableMapping]:
    """Per table of ``cells`` (``raw.table_cells`` rows of one source): mapped, unmapped codes, expected codes
    missing. Raises :class:`SourceDataError` for a table the seed maps codes of but none of whose cells map."""
    rules = [r for r in _rules() if r[0] == source_id]
    report: dict[str, TableMapping] = {}
    if cells is None or cells.empty:
        return report
    for table, group in cells.groupby("dataset_code", sort=True):
        if table in STAGED_ELSEWHERE:
            continue
        applicable = [(m, d) for _, t, m, d in rules if t in ("", table)]
        explicit = {(m, d) for _, t, m, d in rules if t == table}
        found = group.groupby(["measure", "dimensions"], dropna=False).size()
        entry = TableMapping(cells=len(group))
        for (measure, dims), n in found.items():
            key = (str(measure), "" if pd.isna(dims) else str(dims))
            if key in applicable:
                entry.mapped += int(n)
            else:
                entry.unmapped[_code(*key)] = int(n)
        present = {(str(m), "" if pd.isna(d) else str(d)) for m, d in found.index}
        entry.expected_missing = sorted(_code(*k) for k in explicit - present)
        if applicable and entry.mapped == 0:
            where = (file_of or {}).get(table, table)
            raise SourceDataError(where, "no cell of the table maps to an indicator (table_series)",
                                  f"table {table}: codes found {sorted(entry.unmapped)[:12]}; the seed maps "
                                  f"{sorted(_code(*k) for k in set(applicable))[:12]}", field="measure")
        report[str(table)] = entry
    return report


def summary_lines(source_id: str, report: dict) -> list[str]:
    """Warning lines for the codes the seed expects but a table no longer has (a rename?), each with the unmapped
    codes of the table that resemble it (the likely new name)."""
    from difflib import get_close_matches

    lines = []
    for table, entry in sorted(report.items()):
        entry = entry.as_dict() if isinstance(entry, TableMapping) else entry
        for code in entry["expected_missing"]:
            alike = get_close_matches(code, list(entry["unmapped"]), n=3, cutoff=0.6)
            lines.append(f"{source_id} {table}: the seed maps {code}, which the table no longer has"
                         + (f" (renamed? unmapped codes like it: {', '.join(alike)})" if alike else ""))
    return lines
