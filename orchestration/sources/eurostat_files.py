"""Eurostat's file formats as ``raw.table_cells`` rows: SDMX-CSV (long), the dissemination TSV (wide) and the
flattened NUTS2 indicator table. Regions are mapped from NUTS codes to the warehouse's region codes (``SE331`` ->
län ``24``, ``SE33`` stays ``SE33``, ``SE`` -> ``00``); Extra-Regio codes (``SEZ``, ``SEZZ``, ``SEZZZ``) and the
"not regionalised" code (``SEX``) hold no territory and are left out; a code of an earlier NUTS version whose region
changed (``HR04``, split in 2021) is kept in raw with ``status = 'left_out'`` and the reason in ``region_label``,
never staged (``orchestration/sources/regions.py``, ``reconcile``); any other unknown code fails the file.
Observation flags (``b`` break in series, ``p``
provisional, ``e`` estimated, ``c`` confidential, ...) are kept in ``status``, never thrown away; a missing value
(``:`` in TSV, an empty cell in CSV) is no cell.

https://ec.europa.eu/eurostat/web/user-guides/data-browser/api-data-access/api-getting-started/api-data-query
"""

from __future__ import annotations

import re

import pandas as pd

from orchestration.sources.csv_text import decode_utf8, read_csv
from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import LEFT_OUT, cells_frame, dimensions_text, parse_number, parse_year
from orchestration.sources.regions import is_extra_regio, reconcile, regions

_NOT_DIMENSIONS = {"DATAFLOW", "LAST UPDATE", "freq", "geo", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS",
                   "unit"}
_TSV_CELL = re.compile(r"^(?P<value>:|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(?P<flags>[a-z]*)$")


def _region(nuts: str, file: str, row: int, field: str) -> tuple[str | None, str | None]:
    """(the region code, None), (None, why it is left out) or (None, None) for Extra-Regio; an unknown code fails."""
    code, left_out = reconcile(nuts)
    if code is None and left_out is None and not is_extra_regio(nuts):
        raise SourceDataError(file, "unknown NUTS code", f"{nuts!r} is not a region of dbt_project/seeds/regions.csv "
                              "nor a changed code of dbt_project/seeds/nuts_changes.csv", row=row, field=field)
    return code, left_out


def _placed(region: str | None, left_out: str | None, nuts: str) -> tuple[str, str, str | None] | None:
    """(region_code, region_label, status) of a cell: the region, or the original code kept as left out."""
    if left_out:
        return nuts, left_out, LEFT_OUT
    return (region, nuts, None) if region is not None else None


def _dataset_code(dataflow: str) -> str:
    """``ESTAT:NAMA_10R_3GDP(1.0)`` -> ``nama_10r_3gdp``."""
    return dataflow.split(":", 1)[-1].split("(", 1)[0].lower()


def parse_sdmx_csv(payload: bytes, file: str, dataset_code: str = "") -> pd.DataFrame:
    """Eurostat SDMX-CSV: one observation per row (``DATAFLOW, LAST UPDATE, freq, <dims>, geo, TIME_PERIOD,
    OBS_VALUE, OBS_FLAG``); ``unit`` is the measure, the other dimensions (sex, age, ...) go to ``dimensions``."""
    header, rows = read_csv(payload, file, ("DATAFLOW", "geo", "TIME_PERIOD", "OBS_VALUE", "unit"),
                            columns_name="the SDMX-CSV columns")
    others = [c for c in header if c not in _NOT_DIMENSIONS]
    records = []
    for row_no, rec in rows:
        value_text = rec["OBS_VALUE"]
        if not value_text:
            continue  # no observation
        placed = _placed(*_region(rec["geo"], file, row_no, "geo"), rec["geo"])
        if placed is None:
            continue  # Extra-Regio
        region, label, left_out = placed
        records.append({
            "source_cell": str(row_no), "dataset_code": dataset_code or _dataset_code(rec["DATAFLOW"]),
            "region_code": region, "region_label": label, "period": parse_year(rec["TIME_PERIOD"], file, row_no,
                                                                               "TIME_PERIOD"),
            "measure": rec["unit"], "measure_label": rec["unit"],
            "dimensions": dimensions_text({c: rec[c] for c in others}),
            "value": parse_number(value_text, file, row_no, "OBS_VALUE"),
            "status": left_out or ";".join(f for f in (rec.get("OBS_FLAG"), rec.get("CONF_STATUS")) if f) or None,
        })
    return cells_frame(records, file)


def parse_tsv(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """Eurostat's dissemination TSV: the first column holds the comma-separated dimension codes (the header's last
    one is ``geo\\TIME_PERIOD`` or ``geo\\time``), one column per period; a cell is ``value [flags]`` or ``:``."""
    lines = decode_utf8(payload, file).splitlines()
    if not lines:
        raise SourceDataError(file, "file is empty", "no header")
    header = lines[0].split("\t")
    dims = header[0].split(",")
    if not dims or "\\" not in dims[-1] or dims[-1].split("\\")[0] != "geo":
        raise SourceDataError(file, "header must start with the dimension codes ending in geo\\TIME_PERIOD",
                              repr(header[0]), row=1)
    dims[-1] = "geo"
    periods = [p.strip() for p in header[1:]]
    if not periods or len(set(periods)) != len(periods):
        raise SourceDataError(file, "period columns must be present and unique", repr(periods), row=1)
    others = [d for d in dims if d not in ("freq", "unit", "geo")]
    records = []
    for row_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(periods) + 1:
            raise SourceDataError(file, "row must have one cell per period", f"{len(cells) - 1} cells, "
                                  f"{len(periods)} periods", row=row_no)
        codes = cells[0].split(",")
        if len(codes) != len(dims):
            raise SourceDataError(file, "row key must give every dimension", repr(cells[0]), row=row_no,
                                  field=header[0])
        key = dict(zip(dims, (c.strip() for c in codes)))
        placed = _placed(*_region(key["geo"], file, row_no, "geo"), key["geo"])
        if placed is None:
            continue
        region, label, left_out = placed
        for period, cell in zip(periods, cells[1:]):
            match = _TSV_CELL.match(cell.strip())
            if not match:
                raise SourceDataError(file, "cell must be a number with optional flags, or ':'", repr(cell),
                                      row=row_no, field=period)
            if match["value"] == ":":
                continue  # not available (a flag may say why)
            records.append({
                "source_cell": f"{row_no}:{period}", "dataset_code": dataset_code, "region_code": region,
                "region_label": label, "period": parse_year(period, file, 1, period),
                "measure": key.get("unit", ""), "measure_label": key.get("unit", ""),
                "dimensions": dimensions_text({d: key[d] for d in others}),
                "value": parse_number(match["value"], file, row_no, period),
                "status": left_out or match["flags"] or None,
            })
    return cells_frame(records, file)


def parse_nuts2_indicators(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """The flattened Eurostat regional indicator table (``year, nuts_level, NUTS_ID, NUTS_NAME`` and one column per
    indicator: broadband, patents, unemployment rates, ...): one cell per non-empty indicator column."""
    header, rows = read_csv(payload, file, ("year", "NUTS_ID"), columns_name="year and NUTS_ID")
    measures = [c for c in header if c not in ("year", "nuts_level", "NUTS_ID", "NUTS_NAME")]
    records = []
    for row_no, rec in rows:
        placed = _placed(*_region(rec["NUTS_ID"], file, row_no, "NUTS_ID"), rec["NUTS_ID"])
        if placed is None:
            continue
        region, label, left_out = placed
        year = parse_year(rec["year"], file, row_no, "year")
        for measure in measures:
            text = rec[measure]
            if text:
                records.append({
                    "source_cell": f"{row_no}:{measure}", "dataset_code": dataset_code, "region_code": region,
                    "region_label": label if left_out else regions()[region].name, "period": year,
                    "measure": measure, "measure_label": measure, "dimensions": "",
                    "value": parse_number(text, file, row_no, measure), "status": left_out,
                })
    return cells_frame(records, file)


_DATACOMMONS_GEO = re.compile(r"^dcid:nuts/(?P<nuts>SE[0-9A-Z]*)$")
_DATACOMMONS_MEASURE = re.compile(r"^Count_Person_Employed(?:_NACE/(?P<nace>[A-Z](?:-[A-Z])?))?$")


def parse_datacommons_employment_csv(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """Eurostat's employment by NACE section (``nama_10r_3empers``) as Google Data Commons reshaped it: ``Date``,
    ``GeoId`` (``dcid:nuts/<NUTS code>``) and one column per section, ``Count_Person_Employed_NACE/<section>``
    (``Count_Person_Employed`` = all sections). Eurostat publishes thousands of persons; the file writes them as
    persons, so every value must be a whole number of thousands (anything else means another layout) and is kept
    as persons. Data Commons dropped Eurostat's flags: ``status`` is empty."""
    header, rows = read_csv(payload, file, ("Date", "GeoId"), columns_name="Date and GeoId")
    measures = {}
    for column in header:
        if column in ("Date", "GeoId"):
            continue
        match = _DATACOMMONS_MEASURE.match(column)
        if not match:
            raise SourceDataError(file, "column must be Count_Person_Employed[_NACE/<section>]", repr(column),
                                  row=1, field=column)
        measures[column] = match["nace"] or "TOTAL"
    records = []
    for row_no, rec in rows:
        geo = _DATACOMMONS_GEO.match(rec["GeoId"])
        if not geo:
            raise SourceDataError(file, "GeoId must be dcid:nuts/<NUTS code>", repr(rec["GeoId"]), row=row_no,
                                  field="GeoId")
        placed = _placed(*_region(geo["nuts"], file, row_no, "GeoId"), geo["nuts"])
        if placed is None:
            continue
        region, label, left_out = placed
        year = parse_year(rec["Date"], file, row_no, "Date")
        for column, nace in measures.items():
            text = rec[column]
            if not text:
                continue
            value = parse_number(text, file, row_no, column)
            if value % 1000:
                raise SourceDataError(file, "employment must be a whole number of thousands (Eurostat publishes "
                                      "thousands of persons)", repr(text), row=row_no, field=column)
            records.append({"source_cell": f"{row_no}:{column}", "dataset_code": dataset_code, "region_code": region,
                            "region_label": label, "period": year, "measure": "PERS",
                            "measure_label": "employed persons", "dimensions": dimensions_text({"nace_r2": nace}),
                            "value": value, "status": left_out})
    return cells_frame(records, file)


def parse_nuts2_panel_tsv(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """A tab-separated NUTS2 panel, one row per region and year (``NUTS2``, ``YEAR``) and one column per measure
    (its name carries the Eurostat table and codes, e.g. ``hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP``): one cell per
    non-empty measure. The region must be a NUTS2 region; empty = missing."""
    lines = decode_utf8(payload, file).splitlines()
    if not lines:
        raise SourceDataError(file, "file is empty", "no header")
    header = [c.strip() for c in lines[0].split("\t")]
    if header[:2] != ["NUTS2", "YEAR"]:
        raise SourceDataError(file, "header must start with NUTS2 and YEAR", repr(header[:2]), row=1)
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise SourceDataError(file, "header names a column twice", ", ".join(duplicated), row=1)
    records = []
    for row_no, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise SourceDataError(file, "row must have one cell per column", f"{len(cells)} cells, "
                                  f"{len(header)} columns", row=row_no)
        nuts = cells[0].strip()
        region, _ = _region(nuts, file, row_no, "NUTS2")
        if region is None:
            continue
        if regions()[region].level != "nuts2":
            raise SourceDataError(file, "region must be a NUTS2 region", repr(nuts), row=row_no, field="NUTS2")
        year = parse_year(cells[1].strip(), file, row_no, "YEAR")
        for measure, cell in zip(header[2:], cells[2:]):
            text = cell.strip()
            if text:
                records.append({"source_cell": f"{row_no}:{measure}", "dataset_code": dataset_code,
                                "region_code": region, "region_label": nuts, "period": year, "measure": measure,
                                "measure_label": measure, "dimensions": "",
                                "value": parse_number(text, file, row_no, measure), "status": None})
    return cells_frame(records, file)
