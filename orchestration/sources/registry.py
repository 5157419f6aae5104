"""The live source registry: which API table feeds which raw table, with which selection, and how its response
becomes raw rows. The same parse function reads a live response and its recorded copy in the snapshot
(MANIFEST format ``pxweb:<key>``), so offline and online runs share one code path.

Table ids marked ``to verify`` could not be confirmed offline; they are resolved by a table search at run time
(``search``) and the run fails with a clear message if the search does not find exactly one table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from orchestration.sources.errors import SourceDataError
from orchestration.sources.jsonstat import parse_jsonstat2
from orchestration.sources.regions import is_known_region
from orchestration.sources.tillvaxtanalys import lan_code_map, to_yearly


@dataclass(frozen=True)
class LiveTable:
    key: str
    source_id: str
    raw_table: str
    api: str  # "pxweb-v2" or "pxweb-v1"
    title: str
    status: str  # "checked" or "to verify"
    parse: Callable[[bytes, str, "LiveTable"], pd.DataFrame]
    table_id: str | None = None  # v2 id
    search: str | None = None  # v2 search query when the id is to be verified
    folder: str | None = None  # v1 folder
    name_pattern: str | None = None  # v1 stable file-name pattern
    selection: dict = field(default_factory=dict)  # v2: variable -> codes/expression ("{region}" = METRIC_REGION)
    codelists: dict = field(default_factory=dict)
    contents: dict = field(default_factory=dict)  # contents code or text pattern -> indicator_id
    series_breaks: str = ""
    citation: str = ""


def _jsonstat_region_frame(payload: bytes, file: str, region_dimension: str = "Region") -> pd.DataFrame:
    frame = parse_jsonstat2(payload, file=file).to_frame()
    unknown = sorted({c for c in frame[region_dimension] if not is_known_region(c)})
    if unknown:
        raise SourceDataError(file, "unknown region code", f"{unknown} in dimension {region_dimension!r}",
                              field=region_dimension)
    frame = frame.rename(columns={region_dimension: "region_code", f"{region_dimension}_label": "region_label"})
    frame = frame[frame["value"].notna()].reset_index(drop=True)
    frame.insert(0, "source_cell", frame.index)
    return frame


def parse_scb_brp(payload: bytes, file: str, table: LiveTable) -> pd.DataFrame:
    """TAB3138 (json-stat2) -> the raw.scb__brp shape: one row per published cell."""
    return _jsonstat_region_frame(payload, file)


def parse_tillvaxtanalys_counts(payload: bytes, file: str, table: LiveTable) -> pd.DataFrame:
    """A Tillväxtanalys v1 json-stat2 table with running-number Län codes and quarterly/monthly periods -> yearly
    rows in the published-figures shape of raw.tillvaxtanalys__figures."""
    dataset = parse_jsonstat2(payload, file=file)
    lan_dim = next((d for d in dataset.dimensions if d.id.lower() in ("lan", "län", "region")), None)
    time_dim = next((d for d in dataset.dimensions if d.id in dataset.roles.get("time", [])), None) or next(
        (d for d in dataset.dimensions if d.id.lower() in ("tid", "kvartal", "månad", "manad", "år")), None)
    if lan_dim is None or time_dim is None:
        raise SourceDataError(file, "expected a Län and a time dimension", [d.id for d in dataset.dimensions])
    mapping = lan_code_map(lan_dim.codes, [lan_dim.labels.get(c, c) for c in lan_dim.codes], file=file)
    frame = dataset.to_frame()
    frame = frame[frame[lan_dim.id].isin(mapping)].assign(region_code=lambda f: f[lan_dim.id].map(mapping))
    content_dim = next((d for d in dataset.dimensions if d.id not in (lan_dim.id, time_dim.id)), None)
    rows = []
    for code_or_text, indicator in table.contents.items():
        part = frame
        if content_dim is not None:
            labels = frame[f"{content_dim.id}_label"].str.lower()
            part = frame[(frame[content_dim.id] == code_or_text) | labels.str.contains(code_or_text.lower())]
        if part.empty:
            raise SourceDataError(file, "contents not found", f"{code_or_text!r} for {indicator}")
        yearly = to_yearly(part[["region_code", time_dim.id, "value"]], time_dim.id)
        rows.append(yearly.assign(indicator_id=indicator))
    out = pd.concat(rows, ignore_index=True)
    return pd.DataFrame({
        "indicator_id": out["indicator_id"], "region_code": out["region_code"],
        "period_start": out["year"].astype("int64"), "period_end": out["year"].astype("int64"), "breakdown": "",
        "value": out["value"].astype("float64"), "value_high": float("nan"), "qualifier": "exact", "unit": "count",
        "base": None, "n_respondents": pd.array([None] * len(out), dtype="Int64"), "statement": None,
        "citation": f"{table.citation} ({table.title}, yearly sums of complete {time_dim.id} periods)",
        "source_row": range(len(out)),
    })


LIVE_TABLES: tuple[LiveTable, ...] = (
    LiveTable(
        key="scb_brp", source_id="scb", raw_table="scb__brp", api="pxweb-v2", status="checked",
        title="BRP, löpande priser, mnkr (TAB3138)", table_id="TAB3138", parse=parse_scb_brp,
        selection={"Region": ["{region}", "00"], "ContentsCode": ["NR0105AH"], "Tid": "from(2013)"},
        contents={"NR0105AH": "fou_brp"},
        citation="SCB, Regionalräkenskaper, table TAB3138, BRP löpande priser (PxWeb API v2)",
    ),
    LiveTable(
        key="tva_new_firms", source_id="tillvaxtanalys", raw_table="tillvaxtanalys__figures", api="pxweb-v1",
        status="to verify", title="Nystartade företag per kvartal och län", folder="Nystartade företag",
        name_pattern=r"nystartade_foretag_kvartal_lan", parse=parse_tillvaxtanalys_counts,
        contents={"nystartade": "ent_new_firms"},
        citation="Tillväxtanalys statistikdatabas, Nystartade företag",
    ),
    LiveTable(
        key="tva_bankruptcies", source_id="tillvaxtanalys", raw_table="tillvaxtanalys__figures", api="pxweb-v1",
        status="to verify", title="Konkurser per månad och län", folder="Konkurser och offentliga ackord",
        name_pattern=r"konkurser_manad_lan", parse=parse_tillvaxtanalys_counts,
        contents={"antal konkurser": "ent_bankruptcies", "anställda": "ent_bankruptcy_employees"},
        citation="Tillväxtanalys statistikdatabas, Konkurser och offentliga ackord",
    ),
)
# Documented but not fetched yet (table ids to verify on the first live run; sources.md):
# education 25-64 (UF0506, SUN2000 -> SUN2020 break), knowledge-intensive jobs YREG58 -> YREG58N (RAMS 2019-2021)
# -> YREG58BAS (BAS from 2022: a series break), foreign-owned workplaces (Tillväxtanalys, 2022_2023 file).

LIVE_BY_KEY = {t.key: t for t in LIVE_TABLES}


def live_tables_for(source_id: str) -> list[LiveTable]:
    return [t for t in LIVE_TABLES if t.source_id == source_id]
