"""The live source registry: which API table feeds which raw table, with which selection, and how its response
becomes raw rows. The same parse function reads a live response and its recorded copy in the snapshot
(MANIFEST format ``pxweb:<key>``), so offline and online runs share one code path.

Table ids marked ``to verify`` could not be confirmed offline; they are resolved by a table search at run time
(``search``) and the run fails with a clear message if the search does not find exactly one table.
"""

from __future__ import annotations

import re

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from orchestration.sources.errors import SourceDataError
from orchestration.sources.eurostat_api import parse_eurostat_json
from orchestration.sources.kolada_api import parse_kolada_page
from orchestration.sources.families import PUBLISHED_FIGURES, TABLE_CELLS, jsonstat_cells
from orchestration.sources.jsonstat import parse_jsonstat2
from orchestration.sources.regions import is_known_region
from orchestration.sources.tillvaxtanalys import lan_code_map, to_yearly


@dataclass(frozen=True)
class LiveTable:
    key: str
    source_id: str
    family: str  # the raw family its parsed rows land in (orchestration/sources/families.py)
    api: str  # "pxweb-v2", "pxweb-v1", "eurostat" or "kolada"
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
    v1_path: str | None = None  # SCB's legacy v1 path, the fallback when the v2 id cannot be resolved
    category: dict = field(default_factory=dict)  # share/sum parsers: dimension, numerator/denominator code regexes
    breakdown: str = ""  # added to every row, e.g. "series=bas" to keep a series break apart
    unit: str = "count"
    verified_by: str = "unverified"  # how the entry was checked: recorded response, metadata, or "unverified"
    since: str | None = None  # Eurostat: sinceTimePeriod


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


def parse_table_cells(payload: bytes, file: str, table: LiveTable) -> pd.DataFrame:
    """A PxWeb json-stat2 table with a ``Region`` dimension -> ``raw.table_cells`` rows (one per published cell);
    the ``table_series`` seed maps its contents codes to indicators."""
    return jsonstat_cells(parse_jsonstat2(payload, file=file), file, "Region")


def parse_tillvaxtanalys_counts(payload: bytes, file: str, table: LiveTable) -> pd.DataFrame:
    """A Tillväxtanalys v1 json-stat2 table with running-number Län codes and quarterly/monthly periods -> yearly
    rows in the published-figures shape (family published_figures)."""
    dataset = parse_jsonstat2(payload, file=file)
    lan_dim = next((d for d in dataset.dimensions if d.id.lower() in ("lan", "län", "region")), None)
    time_dim = next((d for d in dataset.dimensions if d.id in dataset.roles.get("time", [])), None) or next(
        (d for d in dataset.dimensions if d.id.lower() in ("tid", "kvartal", "månad", "manad", "år")), None)
    if lan_dim is None or time_dim is None:
        raise SourceDataError(file, "expected a Län and a time dimension", [d.id for d in dataset.dimensions])
    mapping = lan_code_map(lan_dim.codes, [lan_dim.labels.get(c, c) for c in lan_dim.codes], file=file)
    frame = dataset.to_frame()
    frame = frame[frame[lan_dim.id].isin(mapping)].assign(region_code=lambda f: f[lan_dim.id].map(mapping))
    named = table.category.get("contents_dimension")
    if named and named not in [d.id for d in dataset.dimensions]:
        raise SourceDataError(file, "contents dimension missing", f"{named!r} not in {[d.id for d in dataset.dimensions]}")
    content_dim = (dataset.dimension(named) if named else
                   next((d for d in dataset.dimensions if d.id not in (lan_dim.id, time_dim.id)), None))
    # other dimensions (owner country, industry): their total category where the table has one, else summed
    for dim in dataset.dimensions:
        if dim.id in (lan_dim.id, time_dim.id) or (content_dim is not None and dim.id == content_dim.id):
            continue
        if named and dim.id not in table.category.get("sum_dimensions", []):
            raise SourceDataError(file, "unexpected dimension", f"{dim.id!r}: not declared to be summed",
                                  field=dim.id)
        totals = [c for c in dim.codes if re.match(r"^\s*(totalt|samtliga|alla|total)\b", dim.labels.get(c, c),
                                                   re.IGNORECASE)]
        if totals:
            frame = frame[frame[dim.id] == totals[0]]
    rows = []
    for code_or_text, indicator in table.contents.items():
        part = frame
        if content_dim is not None:
            labels = frame[f"{content_dim.id}_label"].str.lower()
            part = frame[(frame[content_dim.id] == code_or_text) | labels.str.contains(code_or_text.lower())]
        if part.empty:
            raise SourceDataError(file, "contents not found", f"{code_or_text!r} for {indicator}")
        # summed over the other dimensions per region and period first, so a year's completeness counts periods
        per_period = (part.groupby(["region_code", time_dim.id], sort=True)["value"].sum(min_count=1)
                      .dropna().reset_index())
        yearly = to_yearly(per_period, time_dim.id)
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


def parse_scb_category(payload: bytes, file: str, table: LiveTable) -> pd.DataFrame:
    """A json-stat2 table with a Region, a time and a category dimension (education level, occupation): per region,
    year (and sex, where the table has ``Kon``) either the share in % of the categories matching ``numerator``
    among those matching ``denominator`` (unit percent), or their sum. ``filters`` keep only matching codes of
    other dimensions (e.g. ages 25-64). Codes are matched by regular expressions and a table without any match
    fails loudly, so a changed code list is noticed rather than read as zero."""
    frame = _jsonstat_region_frame(payload, file)
    dim = table.category["dimension"]
    time_col = table.category.get("time", "Tid")
    for column in (dim, time_col, *table.category.get("filters", {})):
        if column not in frame:
            raise SourceDataError(file, "expected dimension missing", f"{column!r} in {table.title}")
    for column, pattern in table.category.get("filters", {}).items():
        frame = frame[frame[column].astype(str).str.fullmatch(pattern)]
    if "Kon" in frame:
        frame = frame[frame["Kon"].astype(str).isin(["1", "2"])]  # men and women; the total is their sum
    numerator = frame[frame[dim].astype(str).str.fullmatch(table.category["numerator"])]
    if numerator.empty:
        raise SourceDataError(file, "no category matches the numerator", f"{dim} ~ {table.category['numerator']}")
    denominator = (frame[frame[dim].astype(str).str.fullmatch(table.category["denominator"])]
                   if "denominator" in table.category else None)

    def aggregate(keys: list[str]) -> pd.DataFrame:
        out = numerator.groupby(keys)["value"].sum().rename("value").reset_index()
        if denominator is not None:
            out = out.merge(denominator.groupby(keys)["value"].sum().rename("total").reset_index(), on=keys)
            out = out[out["total"] > 0].assign(value=lambda f: 100.0 * f["value"] / f["total"])
        return out

    base = ["region_code", time_col]
    parts = [aggregate(base).assign(_sex="")]
    if "Kon" in frame:
        by_sex = aggregate(base + ["Kon"])
        parts.append(by_sex.assign(_sex=by_sex["Kon"].astype(str).map({"1": "sex=men", "2": "sex=women"})))
    result = pd.concat(parts, ignore_index=True)
    breakdown = [";".join(sorted(p for p in (table.breakdown, sex) if p)) for sex in result["_sex"]]
    years = result[time_col].astype(str).str.slice(0, 4).astype("int64").to_numpy()
    return pd.DataFrame({
        "indicator_id": next(iter(table.contents.values())), "region_code": result["region_code"].to_numpy(),
        "period_start": years, "period_end": years, "breakdown": breakdown,
        "value": result["value"].astype("float64").to_numpy(), "value_high": float("nan"), "qualifier": "exact",
        "unit": table.unit, "base": None, "n_respondents": pd.array([None] * len(result), dtype="Int64"),
        "statement": None, "citation": f"{table.citation} ({table.title})", "source_row": range(len(result)),
    })


AGES_25_64 = [str(age) for age in range(25, 65)]  # TAB3981's Alder codes are single years "16".."74"

# How an entry was verified: "recorded response" (a real response in tests/fixtures), "metadata" (the table's real
# metadata: ids, variables, codes), or "unverified" (skipped with a visible warning when it fails; a verified entry
# must succeed).
LIVE_TABLES: tuple[LiveTable, ...] = (
    LiveTable(
        key="scb_brp", source_id="scb", family=TABLE_CELLS, api="pxweb-v2", status="checked",
        title="BRP, löpande priser, mnkr (TAB3138)", table_id="TAB3138", parse=parse_table_cells,
        selection={"Region": ["{region}", "00"], "ContentsCode": ["NR0105AH"], "Tid": "from(2013)"},
        contents={"NR0105AH": "fou_brp"},
        citation="SCB, Regionalräkenskaper, table TAB3138, BRP löpande priser (PxWeb API v2)",
        verified_by="recorded response: the published TAB3138 figures in the snapshot, re-encoded in the v2 shape",
    ),
    LiveTable(
        key="tva_new_firms", source_id="tillvaxtanalys", family=PUBLISHED_FIGURES, api="pxweb-v1",
        status="checked", title="Nystartade företag per kvartal och län", folder="Nystartade företag",
        name_pattern=r"nystartade_foretag_kvartal_lan", parse=parse_tillvaxtanalys_counts,
        contents={"nystartade": "ent_new_firms"},
        citation="Tillväxtanalys statistikdatabas, Nystartade företag",
        verified_by="metadata: file nystartade_foretag_kvartal_lan.px in the folder, Län running numbers, quarters",
    ),
    LiveTable(
        # the file is now 11_konkurser_manad_lan.px (earlier konkurser_manad_lan.px, 12_konk_manad_lan_1996.px):
        # the pattern is searched anywhere in the name; months may come in any order and are summed per year
        key="tva_bankruptcies", source_id="tillvaxtanalys", family=PUBLISHED_FIGURES, api="pxweb-v1",
        status="checked", title="Konkurser per månad och län", folder="Konkurser och offentliga ackord",
        name_pattern=r"konk(urser)?_manad_lan", parse=parse_tillvaxtanalys_counts,
        contents={"antal konkurser": "ent_bankruptcies", "anställda": "ent_bankruptcy_employees"},
        citation="Tillväxtanalys statistikdatabas, Konkurser och offentliga ackord",
        verified_by="metadata: file 11_konkurser_manad_lan.px, months not in date order in the metadata",
    ),
    LiveTable(
        # internationella_foretag_utlandsagda_arbetsstallen_land_region_bransch_2022_2023.px: Ägarland, Län, Bransch,
        # variabel; the years in the file name change, Län 99 is "unknown" (left out)
        key="tva_foreign_owned", source_id="tillvaxtanalys", family=PUBLISHED_FIGURES, api="pxweb-v1",
        status="checked", title="Utlandsägda arbetsställen per land, region och bransch",
        folder="Internationella företag", name_pattern=r"utlandsagda_arbetsstallen", parse=parse_tillvaxtanalys_counts,
        contents={"arbetsställen": "fc_foreign_owned_workplaces", "anställda": "fc_foreign_owned_employees"},
        category={"contents_dimension": "variabel", "sum_dimensions": ["Ägarland", "Bransch"]},
        citation="Tillväxtanalys statistikdatabas, Internationella företag (utlandsägda)",
        verified_by="metadata: dimensions Ägarland, Län, Bransch, variabel of the current file",
    ),
    # Knowledge-intensive jobs (SSYK 2012 major groups 1-3, three-digit codes; 0002 = unknown occupation) of the day
    # population. RAMS (YREG58N, TAB3119, to 2021) and BAS (YREG58BAS, TAB4434, from 2020) overlap in 2020-2021 and
    # stay separate series (series=rams / series=bas), never joined silently. Kon has no total: men + women.
    *(LiveTable(
        key=f"scb_knowledge_jobs_{series}", source_id="scb", family=PUBLISHED_FIGURES, api="pxweb-v2",
        status="checked", title=f"Anställda 16-64 år (dagbef) efter yrke (SSYK 2012), {label}",
        table_id=table_id, v1_path=f"AM/AM0208/AM0208D/{v1}", parse=parse_scb_category,
        selection={"Region": ["{region}", "00"], "Yrke2012": "*", "Tid": "*"},
        category={"dimension": "Yrke2012", "numerator": r"[123]\d\d", "denominator": r"\d{3}"},
        contents={"share": "hc_knowledge_intensive_jobs_share"}, unit="percent",
        breakdown=f"population=day;series={series}", series_breaks="RAMS (to 2021) / BAS (from 2020)",
        citation=f"SCB, Yrkesregistret med yrkesstatistik, {v1} ({table_id}, PxWeb)",
        verified_by=f"metadata: {table_id} = {v1}, Yrke2012 three-digit SSYK codes plus 0002, Kon 1/2 without total",
    ) for series, table_id, v1, label in (("rams", "TAB3119", "YREG58N", "RAMS to 2021"),
                                           ("bas", "TAB4434", "YREG58BAS", "BAS from 2020"))),
    # Education level 25-64: TAB3981 (v1 UF/UF0506/UF0506B/Utbildning, 1985-2025, breaks 1990 and 2000, outside the
    # window): levels 6 (post-secondary, 3 years or more) and 7 (research) of the known levels 1-7. "US" (level
    # unknown) is left out of the denominator: the share is of those whose level is known (with it, 2024's national
    # share would read 41.34 % instead of 42.54 %). Ages are single years: 25..64 selected.
    LiveTable(
        key="scb_education_level", source_id="scb", family=PUBLISHED_FIGURES, api="pxweb-v2", status="checked",
        title="Befolkning 25-64 år efter utbildningsnivå (TAB3981)", table_id="TAB3981",
        v1_path="UF/UF0506/UF0506B/Utbildning", parse=parse_scb_category,
        selection={"Region": ["{region}", "00"], "Alder": AGES_25_64, "UtbildningsNiva": "*", "Kon": "*",
                   "ContentsCode": ["UF0506A1"], "Tid": "from(2013)"},
        category={"dimension": "UtbildningsNiva", "numerator": r"6|7", "denominator": r"[1-7]",
                  "filters": {"Alder": r"2[5-9]|[3-5]\d|6[0-4]"}},
        contents={"share": "hc_post_secondary_education"}, unit="percent",
        citation="SCB, Befolkningens utbildning, TAB3981 (UF0506B/Utbildning, PxWeb)",
        verified_by="metadata: recorded TAB3981 metadata (tests/fixtures/pxweb/TAB3981_Utbildning_metadata_summary.json)",
    ),
    # The STEM share (hc_stem_share) has no API entry: UtbSUNBef and UtbSUNBefN are national tables (no Region), and
    # no regional table of the post-secondary educated by SUN2020 field (UtbinriktnSUN2020) was found; the candidate
    # UF0506B/UtbBefRegionR awaits a live check. Until then the indicator comes from a file drop (the catalogue says so).
)


def _swedish_nuts() -> list[str]:
    from orchestration.sources.regions import regions

    return sorted(r.nuts for r in regions().values() if r.country == "SE")


# The regional panel's tables from their APIs: Eurostat's dissemination API (JSON-stat 2.0) and Kolada's v3 API.
# Every requested geo must come back, so the selection names the Swedish NUTS codes of dbt_project/seeds/regions.csv.
PANEL_TABLES: tuple[LiveTable, ...] = (
    LiveTable(
        key="eurostat_gdp", source_id="eurostat", family=TABLE_CELLS, api="eurostat", status="checked",
        title="GDP at current market prices by NUTS 3 region (nama_10r_3gdp)", table_id="nama_10r_3gdp",
        parse=parse_eurostat_json, selection={"geo": "{nuts}", "unit": ["MIO_NAC", "PPS_EU27_2020_HAB"]},
        since="2000", citation="Eurostat, nama_10r_3gdp (dissemination API)",
        verified_by="dataset, unit and geo codes as in the published export in the snapshot; response shape from "
                    "recorded dissemination-API responses (tests/fixtures/eurostat)",
    ),
    LiveTable(
        key="eurostat_population", source_id="eurostat", family=TABLE_CELLS, api="eurostat", status="checked",
        title="Population on 1 January by broad age group, sex and NUTS 3 region (demo_r_pjanaggr3)",
        table_id="demo_r_pjanaggr3", parse=parse_eurostat_json,
        selection={"geo": "{nuts}", "unit": ["NR"], "sex": ["T", "F", "M"], "age": ["TOTAL", "Y15-64"]},
        since="1990", citation="Eurostat, demo_r_pjanaggr3 (dissemination API)",
        verified_by="dataset and codes as in the published export in the snapshot; response shape from recorded "
                    "dissemination-API responses (tests/fixtures/eurostat)",
    ),
    LiveTable(
        key="kolada_rd_per_inhabitant", source_id="kolada", family=TABLE_CELLS, api="kolada", status="to verify",
        title="FoU-utgifter per invånare per sektor (Kolada)", table_id="kolada_fou_per_inv",
        parse=parse_kolada_page,
        search="Företagens utgifter för egen FoU|Offentliga sektorns utgifter för FoU|"
               "Universitets- och högskolesektorns utgifter för FoU",
        selection={"years": list(range(2011, 2031, 2))}, citation="Kolada (RKA), API v3",
        verified_by="unverified: KPI ids resolved by exact title on the first live run (titles as in the Kolada "
                    "export in the snapshot); page shape from rKolada's recorded v3 data",
    ),
)
LIVE_TABLES = LIVE_TABLES + PANEL_TABLES

LIVE_BY_KEY = {t.key: t for t in LIVE_TABLES}


def live_tables_for(source_id: str) -> list[LiveTable]:
    return [t for t in LIVE_TABLES if t.source_id == source_id]
