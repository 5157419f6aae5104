"""The Quality of Government Institute's European Quality of Government Index (EQI) file as ``raw.table_cells``
rows: one cell per region, wave and measure (the index ``EQI``, its margin of error ``EQI_me`` and interval
``EQI_low_me``/``EQI_high_me``, the pillars and sub-indices). Regions are NUTS2 codes.

Some waves were surveyed at NUTS1, and the file repeats the NUTS1 value on each of its NUTS2 regions (Sweden 2010,
2013, 2017). A value published for NUTS1 stays a NUTS1 value: a wave in which, within every NUTS1 region, all NUTS2
regions carry the identical value of a measure gives that measure one cell per NUTS1 region, never one per NUTS2
region (in Sweden's 2010 wave the EQI repeats its NUTS1 value while the impartiality pillar differs by NUTS2: each
measure is read as it was published). Elsewhere in Europe some waves were surveyed at NUTS1 (Belgium, Germany) or
for a whole country (Cyprus, Estonia, ...) and the file gives those rows under the coarser code (``nuts_level`` 1 or
0): where that territory is one NUTS2 region (``DE3`` Berlin = ``DE30``, ``CY`` = ``CY00``) it is that region's
value; a NUTS1 value covering several NUTS2 regions is kept in raw as left out, never a NUTS2 region's value
(``orchestration/sources/regions.py``, ``reconcile``). Every problem raises a :class:`SourceDataError` naming
file, row/field and rule."""

from __future__ import annotations

import pandas as pd

from orchestration.sources.csv_text import read_csv
from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import LEFT_OUT, cells_frame, parse_number, parse_year
from orchestration.sources.regions import EUROPE_NUTS2_LEVELS, reconcile, regions

EQI_MEASURES = ("EQI", "EQI_me", "EQI_low_me", "EQI_high_me", "qualityp", "impartialityp", "corruptionp",
                "corruption_subPer", "corruption_subExp")


def _number(text: str, file: str, row: int, field: str) -> float:
    """The file writes decimals with no leading zero (``.329521``, ``-.5``); anything else is the one grammar."""
    if text.startswith("."):
        text = "0" + text
    elif text.startswith("-."):
        text = "-0" + text[1:]
    return parse_number(text, file, row, field)


def parse_eqi_csv(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """``qog_eqi_long_*``: ``region_code`` (NUTS2), ``year`` (the wave) and the measures of EQI_MEASURES."""
    header, rows = read_csv(payload, file, ("region_code", "year", *EQI_MEASURES),
                            columns_name="region_code, year and the EQI measures")
    known = regions()
    waves: dict[str, list[tuple[int, str, dict[str, float]]]] = {}
    records = []
    for row_no, rec in rows:
        nuts, level = rec["region_code"], rec.get("nuts_level", "2")
        year = parse_year(rec["year"], file, row_no, "year")
        values = {m: _number(rec[m], file, row_no, m) for m in EQI_MEASURES if rec[m]}
        if "EQI" not in values:
            raise SourceDataError(file, "a wave's row must give the EQI", "empty", row=row_no, field="EQI")
        if level in ("0", "1"):  # surveyed for a coarser territory: that territory's NUTS2 region, or left out
            code, left_out = reconcile(nuts, as_nuts2=True)
            if left_out:
                records += [{"source_cell": f"{row_no}:{m}", "dataset_code": dataset_code, "region_code": nuts,
                             "region_label": left_out, "period": year, "measure": m, "measure_label": m,
                             "dimensions": "", "value": v, "status": LEFT_OUT} for m, v in values.items()]
                continue
            nuts = code
        elif level != "2":
            raise SourceDataError(file, "nuts_level must be 0, 1 or 2", repr(level), row=row_no, field="nuts_level")
        region = known.get(nuts) if nuts else None
        if region is None or region.level not in EUROPE_NUTS2_LEVELS:
            raise SourceDataError(file, "region_code must be a NUTS2 region of dbt_project/seeds/regions.csv",
                                  repr(rec["region_code"]), row=row_no, field="region_code")
        if any(r == nuts for _, r, _ in waves.get(year, [])):
            raise SourceDataError(file, "a region appears twice in one wave", f"{nuts} {year}", row=row_no)
        waves.setdefault(year, []).append((row_no, nuts, values))
    # the NUTS1 repetition is read per country and wave: Sweden's NUTS1 codes are in the seed (the other countries'
    # coarser rows are marked by nuts_level above)
    by_country: dict[tuple[str, str | None], list[tuple[int, str, dict[str, float]]]] = {}
    for year, entries in waves.items():
        for entry in entries:
            by_country.setdefault((year, known[entry[1]].country), []).append(entry)
    for (year, _), entries in sorted(by_country.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        by_nuts1: dict[str, list[tuple[int, str, dict[str, float]]]] = {}
        for entry in entries:
            region = known[entry[1]]
            by_nuts1.setdefault(region.nuts1 or region.code, []).append(entry)
        for measure in EQI_MEASURES:
            groups = {n1: [(row_no, nuts, values[measure]) for row_no, nuts, values in group if measure in values]
                      for n1, group in by_nuts1.items()}
            groups = {n1: g for n1, g in groups.items() if g}
            repeated = bool(groups) and all(len(g) > 1 and len({v for _, _, v in g}) == 1 for g in groups.values())
            if repeated:  # surveyed at NUTS1: one cell per NUTS1 region, never copied onto its NUTS2 regions
                cells = [(g[0][0], n1, g[0][2], f"NUTS1 value of {n1}, repeated in the file on "
                          + ", ".join(nuts for _, nuts, _ in g)) for n1, g in sorted(groups.items())]
            else:
                cells = [(row_no, nuts, value, nuts) for g in groups.values() for row_no, nuts, value in g]
            for row_no, code, value, label in cells:
                records.append({"source_cell": f"{row_no}:{measure}", "dataset_code": dataset_code,
                                "region_code": code, "region_label": label, "period": year, "measure": measure,
                                "measure_label": measure, "dimensions": "", "value": value, "status": None})
    return cells_frame(records, file)
