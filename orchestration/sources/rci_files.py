"""The raw inputs of the European Commission's Regional Competitiveness Index 2.0 (2022 edition, DG REGIO) as
``raw.table_cells`` rows.

* ``rci_raw_csv``: one row per NUTS2 region of NUTS 2021 (``NUTS``, ``Region name``) or merged capital area
  (``AT_C`` = AT12 + AT13, a region of level ``europe_merged``), one column per indicator; ``NA`` is missing.
* ``rci_descriptions_csv`` (its companion, named in the data file's MANIFEST ``region_dimension``): per indicator
  its unit, source, **reference year** and **geographical level**. The reference year becomes each cell's period
  (``2019``; ``Average 2019–2021`` -> ``2019-2021``; ``2021 and last available year`` -> ``2021``, flagged
  ``latest_available``: some regions' figure is older; ``RIS 2021`` -> ``2021``, flagged ``ris_edition``: the
  Regional Innovation Scoreboard edition the value comes from). The geographical level says which rows are
  regional values: an indicator given at NUTS1 or national level for some countries
  (``NUTS 2; NUTS 1 level: AT, BE, FR; NUTS 0 level: NL``) repeats that value on every region's row there, which
  is not the region's value: those cells are kept in raw as left out, never staged. A national indicator
  (``Country``) is read once per country, and every region row of a country must repeat the same value.
* ``rci_population_gdp_csv``: the population (2018-2020) and GDP per inhabitant in PPS (EU-27 = 100) of every
  region and merged area (the weights the EU aggregates use); the file's "Average" columns are derived and not
  read, and a region listed twice must repeat the same figures.

Every problem raises a :class:`SourceDataError` naming file, row/field and rule.
"""

from __future__ import annotations

import re

import pandas as pd

from orchestration.sources.csv_text import decode_utf8
from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import LEFT_OUT, cells_frame, parse_number
from orchestration.sources.regions import regions

_YEAR = r"(\d{4})"
_DASH = r"\s*[–-]\s*"
# reference-year texts -> (start, end, status)
_REFERENCE_FORMS = (
    (re.compile(rf"^{_YEAR}$"), lambda m: (m[1], m[1], None)),
    (re.compile(rf"^{_YEAR} (?:and|or) last available year$"), lambda m: (m[1], m[1], "latest_available")),
    (re.compile(rf"^(?:3-year )?[Aa]verage {_YEAR}{_DASH}{_YEAR}$"), lambda m: (m[1], m[2], None)),
    (re.compile(rf"^RIS {_YEAR}$"), lambda m: (m[1], m[1], "ris_edition")),
)
_LEVEL = re.compile(r"^NUTS 2(?:; NUTS 1 level: (?P<nuts1>[A-Z]{2}(?:, [A-Z]{2})*))?"
                    r"(?:; NUTS 0 level: (?P<nuts0>[A-Z]{2}(?:, [A-Z]{2})*))?$")
_DESCRIPTION_HEADER = ["Pillar name", "Indicator name", "Description", "Unit of measurement", "Source",
                       "Reference year", "Geographical level", "Present in RCI 2019"]


def _rows(payload: bytes, file: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(decode_utf8(payload, file))))


def reference_period(text: str, file: str, row: int, field: str = "Reference year") -> tuple[str, str | None]:
    """``2019``, ``2019-2021`` (a multi-year average) and a status, from the descriptions' reference-year text."""
    text = " ".join(text.split())
    for pattern, read in _REFERENCE_FORMS:
        match = pattern.match(text)
        if match:
            start, end, status = read(match)
            if int(end) < int(start):
                raise SourceDataError(file, "a reference period must not end before it starts", repr(text),
                                      row=row, field=field)
            return (start if start == end else f"{start}-{end}"), status
    raise SourceDataError(file, "reference year must be YYYY, 'YYYY and last available year', "
                          "'Average YYYY–YYYY' or 'RIS YYYY'", repr(text), row=row, field=field)


def read_descriptions(payload: bytes, file: str) -> dict[str, dict]:
    """The descriptions file: indicator name -> its period, period status, unit and geographical level."""
    rows = _rows(payload, file)
    if len(rows) < 2 or [c.strip() for c in rows[1][:8]] != _DESCRIPTION_HEADER:
        raise SourceDataError(file, "descriptions header", f"row 2 must be {_DESCRIPTION_HEADER}", row=2)
    out = {}
    for row_no, row in enumerate(rows[2:], start=3):
        if len(row) < 7 or not row[1].strip():
            continue
        name = row[1].strip()
        if name in out:
            raise SourceDataError(file, "an indicator is described twice", repr(name), row=row_no,
                                  field="Indicator name")
        period, status = reference_period(row[5], file, row_no)
        level = " ".join(row[6].split())
        if level == "Country":
            scope = {"national": True, "nuts1": (), "nuts0": ()}
        else:
            match = _LEVEL.match(level)
            if not match:
                raise SourceDataError(file, "geographical level must be 'Country' or 'NUTS 2' with its exceptions",
                                      repr(row[6]), row=row_no, field="Geographical level")
            scope = {"national": False, "nuts1": tuple((match["nuts1"] or "").split(", ")) if match["nuts1"] else (),
                     "nuts0": tuple((match["nuts0"] or "").split(", ")) if match["nuts0"] else ()}
        out[name] = {"period": period, "status": status, "unit": row[3].strip(), **scope}
    if not out:
        raise SourceDataError(file, "descriptions hold no indicator", "no rows after the header")
    return out


def _region(code: str, file: str, row: int) -> str:
    region = regions().get(code)
    if region is None or region.level not in ("europe_nuts2", "nuts2", "europe_merged"):
        raise SourceDataError(file, "NUTS must be a NUTS 2021 NUTS2 region or a merged area of "
                              "dbt_project/seeds/regions.csv", repr(code), row=row, field="NUTS")
    return region.code


def parse_rci_csv(payload: bytes, file: str, dataset_code: str, descriptions: dict[str, dict],
                  descriptions_file: str) -> pd.DataFrame:
    """The raw indicator table: a cell per region and described indicator column (``NA`` is no cell)."""
    rows = _rows(payload, file)
    if not rows or [c.strip() for c in rows[0][:2]] != ["NUTS", "Region name"]:
        raise SourceDataError(file, "header must start with NUTS and Region name", repr(rows[0][:2] if rows else []),
                              row=1)
    header = [c.strip() for c in rows[0]]
    measures = header[2:]
    undescribed = [m for m in measures if m not in descriptions]
    if undescribed:
        raise SourceDataError(file, f"every indicator column must be described in {descriptions_file}",
                              ", ".join(undescribed), row=1)
    seen: set[str] = set()
    national: dict[tuple[str, str], tuple[int, float]] = {}
    records = []
    for row_no, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise SourceDataError(file, "row must have one cell per column", f"{len(row)} cells, {len(header)} "
                                  "columns", row=row_no)
        code = _region(row[0].strip(), file, row_no)
        if code in seen:
            raise SourceDataError(file, "a region appears twice", repr(code), row=row_no, field="NUTS")
        seen.add(code)
        country = regions()[code].country
        for measure, text in zip(measures, (c.strip() for c in row[2:])):
            if text in ("", "NA"):
                continue
            value = parse_number(text, file, row_no, measure)
            d = descriptions[measure]
            cell = {"source_cell": f"{row_no}:{measure}", "dataset_code": dataset_code, "region_code": code,
                    "region_label": row[1].strip(), "period": d["period"], "measure": measure,
                    "measure_label": d["unit"], "dimensions": "", "value": value, "status": d["status"]}
            if d["national"]:  # a country's value repeated on its rows: one cell for the country
                earlier = national.get((country, measure))
                if earlier is not None and earlier[1] != value:
                    raise SourceDataError(file, "a national indicator must repeat one value on every row of its "
                                          "country", f"{measure}: {earlier[1]} (row {earlier[0]}) and {value}",
                                          row=row_no, field=measure)
                if earlier is None:
                    national[(country, measure)] = (row_no, value)
                    records.append({**cell, "region_code": "00" if country == "SE" else country,
                                    "region_label": f"{country} (national, repeated on its regions' rows)"})
                continue
            coarser = ("NUTS1" if country in d["nuts1"] else "national" if country in d["nuts0"] else None)
            if coarser:  # not the region's own value: kept as left out, never staged
                cell.update(status=LEFT_OUT, region_code=code,
                            region_label=f"{code}: a {coarser} value repeated on the region's row; left out of the "
                                         "comparison")
            records.append(cell)
    return cells_frame(records, file)


def parse_population_gdp_csv(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """Population (inhabitants) and GDP per inhabitant in PPS (EU-27 = 100), 2018-2020, per region or area."""
    rows = _rows(payload, file)
    expected = ["NUTS", "Region name", "reference year", "2018", "2019", "2020", "Average", "2018", "2019", "2020",
                "Average"]
    if len(rows) < 4 or [c.strip() for c in rows[3][:11]] != expected or "Population" not in rows[0] \
            or "GDP per capita" not in rows[0]:
        raise SourceDataError(file, "header", "rows 1 and 4 must name Population and GDP per capita, then "
                              f"{expected}", row=4)
    seen: dict[str, list[str]] = {}
    records = []
    for row_no, row in enumerate(rows[4:], start=5):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 11:
            raise SourceDataError(file, "row must have eleven cells", f"{len(row)} cells", row=row_no)
        code = _region(row[0].strip(), file, row_no)
        figures = [c.strip() for c in (row[3], row[4], row[5], row[7], row[8], row[9])]
        if code in seen:
            if seen[code] != figures:
                raise SourceDataError(file, "a region listed twice must repeat the same figures", repr(code),
                                      row=row_no, field="NUTS")
            continue
        seen[code] = figures
        for (measure, label), (year, text) in zip(
                [("population", "inhabitants")] * 3 + [("gdp_per_inhabitant_pps_eu27_100",
                                                         "GDP per inhabitant in PPS, EU-27 = 100")] * 3,
                zip(("2018", "2019", "2020") * 2, figures)):
            if text in ("", "NA"):
                continue
            records.append({"source_cell": f"{row_no}:{measure}:{year}", "dataset_code": dataset_code,
                            "region_code": code, "region_label": row[1].strip(), "period": year,
                            "measure": measure, "measure_label": label, "dimensions": "",
                            "value": parse_number(text, file, row_no, f"{measure} {year}"), "status": None})
    return cells_frame(records, file)
