"""Publishers' own regional file layouts as ``raw.table_cells`` rows: Kolada's CSV export (län by name), the
Tillväxtanalys new-firms spreadsheet (footnote stars in the year labels) and SCB's regional goods-export CSV.
Every problem raises a :class:`SourceDataError` naming file, row/cell and rule."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pandas as pd

from orchestration.sources.csv_text import read_csv
from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import cells_frame, dimensions_text, parse_number, parse_year
from orchestration.sources.regions import county_codes, region_for_name, regions


def parse_kolada_csv(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """Kolada's CSV export: ``kpi`` (the key figure's title), ``year``, ``value`` (``NA`` = not published) and
    ``municipality`` (here the län's name, mapped to its SCB code)."""
    _, rows = read_csv(payload, file, ("kpi", "year", "value", "municipality"))
    records = []
    for row_no, rec in rows:
        region = region_for_name(rec["municipality"])
        if region is None:
            raise SourceDataError(file, "unknown region name", repr(rec["municipality"]), row=row_no,
                                  field="municipality")
        if rec["value"] in ("", "NA"):
            continue
        records.append({"source_cell": str(row_no), "dataset_code": dataset_code, "region_code": region,
                        "region_label": rec["municipality"], "period": parse_year(rec["year"], file, row_no, "year"),
                        "measure": rec["kpi"], "measure_label": rec["kpi"], "dimensions": "",
                        "value": parse_number(rec["value"], file, row_no, "value"), "status": None})
    return cells_frame(records, file)


# Year labels of the Tillväxtanalys spreadsheet: "2010*" is 2010 by the old method, "2010**" by the new method (the
# series break), "2011***" .. "2020***" revised values of the new method; unstarred years before 2010 are the old
# method, after it (2021) the new one.
_YEAR_LABEL = re.compile(r"^(\d{4})(?:\.0)?(\*{0,3})$")
BREAK_YEAR = 2010


def tillvaxtanalys_series(year: int, stars: str) -> tuple[str, str | None]:
    """(``series`` breakdown, status flag) of a year column: old method kept apart as ``series=old_method``; the
    new method's first year flagged ``b`` (break in series), its revised years ``r``."""
    if stars == "*" or (not stars and year < BREAK_YEAR):
        return "series=old_method", None
    if stars == "**":
        return "", "b"
    if stars == "***":
        return "", "r"
    if not stars and year > BREAK_YEAR:
        return "", None
    raise ValueError(f"year {year}{stars} fits neither method")


def parse_tillvaxtanalys_xlsx(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """Tillväxtanalys' spreadsheet of newly started firms: first sheet, a header row ``Län`` + year labels, one row
    per län (by name) and ``Samtliga`` (Riket). Footnote stars become the ``series`` dimension and a status flag."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        sheet = load_workbook(io.BytesIO(payload), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # zipfile/openpyxl raise many types for a broken workbook
        raise SourceDataError(file, "not a readable .xlsx workbook", f"{type(exc).__name__}: {exc}") from None
    rows = list(sheet.iter_rows(values_only=True))
    if not rows or str(rows[0][0]).strip() != "Län":
        raise SourceDataError(file, "cell A1 must be 'Län' (the publisher's layout)", repr(rows[0][0] if rows else None),
                              row=1, field="A1")
    columns = []
    for col, label in enumerate(rows[0][1:], start=2):
        match = _YEAR_LABEL.match(str(label).strip()) if label is not None else None
        if not match:
            raise SourceDataError(file, "year label must be YYYY with optional footnote stars", repr(label), row=1,
                                  field=get_column_letter(col))
        year = int(match[1])
        try:
            series, status = tillvaxtanalys_series(year, match[2])
        except ValueError as exc:
            raise SourceDataError(file, "year label fits no series", str(exc), row=1,
                                  field=get_column_letter(col)) from None
        columns.append((col, str(year), series, status))
    if len({(y, s) for _, y, s, _ in columns}) != len(columns):
        raise SourceDataError(file, "a year appears twice in one series", repr(rows[0]), row=1)
    records = []
    for row_no, row in enumerate(rows[1:], start=2):
        name = str(row[0] or "").strip()
        if not name:
            continue
        region = "00" if name == "Samtliga" else region_for_name(name)
        if region is None:
            raise SourceDataError(file, "unknown län name", repr(name), row=row_no, field="A")
        for col, year, series, status in columns:
            value = row[col - 1] if col - 1 < len(row) else None
            if value is None or value == "":
                continue
            ref = f"{get_column_letter(col)}{row_no}"
            records.append({"source_cell": ref, "dataset_code": dataset_code, "region_code": region,
                            "region_label": name, "period": year, "measure": "nystartade_foretag",
                            "measure_label": "Nystartade företag", "dimensions": series,
                            "value": parse_number(str(value).strip(), file, row_no, ref), "status": status})
    return cells_frame(records, file)


# SCB's exports that no län can be assigned to: a row without a län name, coded 99 (00 in 2001-2002), population 0.
UNALLOCATED_CODES = ("99", "00")


def parse_scb_export_csv(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """SCB's regional goods exports: ``Ar``, ``AstLan`` (län code), ``RegExpVarde`` (SEK), ``bef_20_64ar``
    (population 20-64) and ``RegExp_inv20_64ar`` (SEK per inhabitant 20-64); one cell per measure. The yearly
    unallocated-exports row (no län name, ``AstLan`` 99, or 00 in 2001-2002) is not a region and is left out."""
    measures = ("RegExpVarde", "bef_20_64ar", "RegExp_inv20_64ar")
    _, rows = read_csv(payload, file, ("Ar", "AstLan", "Lan_namn", *measures))
    known = county_codes()
    records = []
    for row_no, rec in rows:
        if rec["Lan_namn"] in ("", "NA") and rec["AstLan"] in UNALLOCATED_CODES:
            continue
        if rec["AstLan"] not in known:
            raise SourceDataError(file, "unknown län code", repr(rec["AstLan"]), row=row_no, field="AstLan")
        for measure in measures:
            if rec[measure] in ("", "NA"):
                continue
            records.append({"source_cell": f"{row_no}:{measure}", "dataset_code": dataset_code,
                            "region_code": rec["AstLan"], "region_label": regions()[rec["AstLan"]].name,
                            "period": parse_year(rec["Ar"], file, row_no, "Ar"), "measure": measure,
                            "measure_label": measure, "dimensions": "",
                            "value": parse_number(rec[measure], file, row_no, measure), "status": None})
    return cells_frame(records, file)


# SCB's education table names kommuner, never their codes; SKR's kommun groups key the names to codes (its codes
# lost their leading zero: 180 = 0180). A kommun's code starts with its län's code.
KOMMUN_KEY_COLUMNS = ("Gruppkod", "Kommunkod", "Kommunnamn")
# SKR's kommungruppsindelning 2017: A storstäder och storstadsnära, B större städer och kommuner nära större stad,
# C mindre städer/tätorter och landsbygdskommuner
SKR_GROUPS = ("A1", "A2", "B3", "B4", "B5", "C6", "C7", "C8", "C9")


@dataclass(frozen=True)
class KommunKey:
    codes: dict[str, str]  # kommun name -> four-digit code
    groups: dict[str, str]  # four-digit code -> SKR's kommun group (A1 ... C9)


def read_kommun_key(payload: bytes, file: str) -> KommunKey:
    """SKR's kommungruppsindelning: ``Gruppkod`` (the kommun group), ``Kommunkod`` (written without its leading
    zero) and ``Kommunnamn``. Every code must fall in a known län, every name and code be unique and every group be
    one of SKR's nine."""
    _, rows = read_csv(payload, file, KOMMUN_KEY_COLUMNS, columns_name="Gruppkod, Kommunkod and Kommunnamn")
    known = county_codes()
    codes: dict[str, str] = {}
    groups: dict[str, str] = {}
    for row_no, rec in rows:
        code = rec["Kommunkod"]
        if not code.isdigit() or not 3 <= len(code) <= 4:
            raise SourceDataError(file, "Kommunkod must be a kommun code of 3-4 digits", repr(code), row=row_no,
                                  field="Kommunkod")
        code = code.zfill(4)
        if code[:2] not in known:
            raise SourceDataError(file, "Kommunkod must start with a län code", repr(code), row=row_no,
                                  field="Kommunkod")
        name = rec["Kommunnamn"]
        if not name or name in codes or code in groups:
            raise SourceDataError(file, "every kommun name and code must appear once", f"{name!r} {code}",
                                  row=row_no, field="Kommunnamn")
        if rec["Gruppkod"] not in SKR_GROUPS:
            raise SourceDataError(file, f"Gruppkod must be one of SKR's groups {list(SKR_GROUPS)}",
                                  repr(rec["Gruppkod"]), row=row_no, field="Gruppkod")
        codes[name] = code
        groups[code] = rec["Gruppkod"]
    if not codes:
        raise SourceDataError(file, "key holds no kommun", "no rows")
    return KommunKey(codes, groups)


EDUCATION_SEX = {"män": "M", "kvinnor": "F"}
# SCB's levels of education (SUN 2000) -> the code kept in ``dimensions``; the table's "uppgift saknas" (unknown)
# is not in this file, so a län's levels sum to the population whose level is known.
EDUCATION_LEVELS = {
    "förgymnasial utbildning kortare än 9 år": "pre_upper_secondary_under_9_years",
    "förgymnasial utbildning, 9 (10) år": "pre_upper_secondary_9_years",
    "gymnasial utbildning, högst 2 år": "upper_secondary_up_to_2_years",
    "gymnasial utbildning, 3 år": "upper_secondary_3_years",
    "eftergymnasial utbildning, mindre än 3 år": "post_secondary_under_3_years",
    "eftergymnasial utbildning, 3 år eller mer": "post_secondary_3_years_or_more",
    "forskarutbildning": "doctoral",
}


def parse_kommun_education_csv(payload: bytes, file: str, dataset_code: str, key: KommunKey,
                               key_file: str) -> pd.DataFrame:
    """SCB UF0506B (population 16-74 by highest level of education): ``kommun`` (a name), ``ålder``, ``utbildningsnivå``
    (SCB's level text), ``kön`` (``män``/``kvinnor``), ``år``, ``antal`` (persons). One cell per kommun, level, sex and
    year, in its län (``region_code``) with the kommun's code and SKR group in ``dimensions``: the län value is the
    sum of its kommuner, computed in dbt, never here. A kommun name the key (``key_file``) does not know fails the
    file."""
    _, rows = read_csv(payload, file, ("kommun", "ålder", "utbildningsnivå", "kön", "år", "antal"),
                       columns_name="kommun, ålder, utbildningsnivå, kön, år, antal")
    records, seen = [], set()
    for row_no, rec in rows:
        code = key.codes.get(rec["kommun"])
        if code is None:
            raise SourceDataError(file, f"kommun name not in the key {key_file}", repr(rec["kommun"]), row=row_no,
                                  field="kommun")
        if rec["ålder"] != "totalt 16-74 år":
            raise SourceDataError(file, "ålder must be 'totalt 16-74 år' (the table's age band)", repr(rec["ålder"]),
                                  row=row_no, field="ålder")
        sex = EDUCATION_SEX.get(rec["kön"])
        if sex is None:
            raise SourceDataError(file, "kön must be 'män' or 'kvinnor'", repr(rec["kön"]), row=row_no, field="kön")
        level = EDUCATION_LEVELS.get(rec["utbildningsnivå"])
        if level is None:
            raise SourceDataError(file, f"utbildningsnivå must be one of SCB's levels {list(EDUCATION_LEVELS)}",
                                  repr(rec["utbildningsnivå"]), row=row_no, field="utbildningsnivå")
        year = parse_year(rec["år"], file, row_no, "år")
        cell = (code, level, sex, year)
        if cell in seen:
            raise SourceDataError(file, "a kommun, level, sex and year appear twice", repr(cell), row=row_no)
        seen.add(cell)
        records.append({"source_cell": str(row_no), "dataset_code": dataset_code, "region_code": code[:2],
                        "region_label": rec["kommun"], "period": year, "measure": "persons_16_74",
                        "measure_label": rec["utbildningsnivå"],
                        "dimensions": dimensions_text({"kommun": code, "skr_group": key.groups[code], "level": level,
                                                       "sex": sex}),
                        "value": parse_number(rec["antal"], file, row_no, "antal"), "status": None})
    return cells_frame(records, file)
