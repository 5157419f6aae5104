"""From published values to comparable editions: money in real terms; each edition's indicator set; and the
edition's whole history recomputed on that set, as the European Innovation Scoreboard publishes its editions.

* **Real terms.** A series in current prices (``is_current_prices``: SEK, MSEK, EUR, PPS) compares across years
  only relative to Riket's value of the same year: ``100 x value / Riket's value`` (Riket = 100). A region growing
  exactly like Riket stays flat; a year without Riket's value cannot be put in real terms and is not used.
* **A usable year** of a series has Riket's value and values for at least ``min_regions_share`` of the regions.
* **Edition E** takes, for each series, its latest usable year within ``[E - max_lag, E]``: one reference year per
  series, the same for every region (a region without a value that year is missing, never filled from another
  year). The series with such a year form the edition's indicator set (the build keeps those whose dimension has
  its required content).
* **Its comparable series**: every year t from ``first_edition`` to E is placed by the same rule on the same set (each
  series' latest usable year within ``[t - max_lag, t]``), so a change along the series is a change in the data,
  never in the indicators. A year in which a series of the set has no usable year is not comparable: its
  dimension is not scored that year (``inputs`` says which series and why).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analysis.index.settings import RIKET, IndexSettings

SERIES_COLUMNS = ["series_id", "indicator_id", "dimension_id", "content", "polarity", "unit", "is_current_prices"]
INPUT_COLUMNS = ["edition", "year", "series_id", "year_used", "n_regions", "has_riket", "riket_basis", "status",
                 "reason"]


@dataclass(frozen=True)
class Prepared:
    values: pd.DataFrame  # region_code, series_id, year, value (money in real terms), riket_basis
    series: pd.DataFrame  # one row per series (SERIES_COLUMNS) with its transformation
    n_regions: pd.Series  # (series_id, year) -> regions with a value, counted before the real-terms step
    riket_basis: pd.Series  # (series_id, year) -> how Riket's value was obtained
    need: int  # regions a usable year needs
    n_level: int  # regions of the level


@dataclass(frozen=True)
class Edition:
    edition: int
    series: list[str]  # the edition's indicator set
    panel: pd.DataFrame  # index (year, region_code), years first_edition..edition, Riket included; the values used
    observations: pd.DataFrame  # series_id, region_code, year, value: the regions' distinct observations used
    inputs: pd.DataFrame  # INPUT_COLUMNS, per year of the series and series of the set
    available: pd.DataFrame  # index year, one boolean column per series: it has a usable year within the lag


def real_terms(values: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Money series as 100 x value / Riket's value of the same year; returns the values and the rows dropped for
    want of Riket's value (series_id, region_code, year)."""
    money = values["is_current_prices"].astype(bool)
    riket = (values[money & (values["region_code"] == RIKET)].set_index(["series_id", "year"])["value"])
    keyed = values[money].join(riket.rename("riket_value"), on=["series_id", "year"])
    relative = keyed.assign(value=100 * keyed["value"] / keyed["riket_value"].where(keyed["riket_value"] != 0))
    dropped = relative[relative["value"].isna()][["series_id", "region_code", "year"]]
    relative = relative.dropna(subset=["value"]).drop(columns="riket_value")
    return pd.concat([values[~money], relative], ignore_index=True), dropped


def prepare(values: pd.DataFrame, regions: list[str], settings: IndexSettings) -> Prepared:
    """``values``: region_code, year, value, SERIES_COLUMNS (and riket_basis on Riket's rows), for the level's
    ``regions`` and Riket."""
    values = values[values["region_code"].isin([*regions, RIKET])]
    if "riket_basis" not in values:
        values = values.assign(riket_basis=None)
    series = values[SERIES_COLUMNS].drop_duplicates("series_id").sort_values("series_id").reset_index(drop=True)
    series["transformation"] = series["is_current_prices"].map({True: "relative_to_riket", False: "as_published"})
    # counted before real terms: a year Riket lacks still shows how many regions have it (the reason says so)
    on_regions = values[values["region_code"] != RIKET]
    n_regions = on_regions.groupby(["series_id", "year"])["region_code"].nunique()
    riket = values[values["region_code"] == RIKET]
    basis = riket.set_index(["series_id", "year"])["riket_basis"]
    relative, _ = real_terms(values)
    need = math.ceil(settings.min_regions_share * len(regions) - 1e-9)
    return Prepared(relative[["region_code", "series_id", "year", "value"]], series, n_regions,
                    basis[~basis.index.duplicated()], need, len(regions))


def edition_range(prepared: Prepared, settings: IndexSettings) -> list[int]:
    years = prepared.values["year"]
    last = settings.last_edition if settings.last_edition is not None else (int(years.max()) if len(years) else 0)
    return list(range(settings.first_edition, last + 1))


def usable(prepared: Prepared, series: str, year: int) -> bool:
    return (series, year) in prepared.riket_basis.index and prepared.n_regions.get((series, year), 0) >= prepared.need


def place(prepared: Prepared, series: str, year: int, settings: IndexSettings) -> dict:
    """The reference year of ``series`` for the year ``year`` (its latest usable year within the lag), or why none."""
    window = range(year - settings.max_lag, year + 1)
    span = f"{window.start}-{window.stop - 1}"
    usable_years = [y for y in window if usable(prepared, series, y)]
    if usable_years:
        y = max(usable_years)
        return {"year_used": y, "n_regions": int(prepared.n_regions[(series, y)]), "has_riket": True,
                "riket_basis": prepared.riket_basis[(series, y)], "status": "used", "reason": None}
    with_values = [y for y in window if prepared.n_regions.get((series, y), 0) > 0]
    most = max((int(prepared.n_regions.get((series, y), 0)) for y in window), default=0)
    has_riket = any((series, y) in prepared.riket_basis.index for y in window)
    if not with_values and not has_riket:
        reason = f"no value in {span} (at most {settings.max_lag} years old)"
    elif not any((series, y) in prepared.riket_basis.index for y in with_values):
        reason = (f"Riket has no value in {span} ({most} of {prepared.n_level} regions have one in a year; no "
                  "aggregate of every region and no published national total)")
    else:
        reason = (f"fewer than {prepared.need} of the {prepared.n_level} regions have a value in a year of {span} "
                  "with Riket's")
    return {"year_used": None, "n_regions": most, "has_riket": has_riket, "riket_basis": None, "status": "not_used",
            "reason": reason}


def candidate_set(prepared: Prepared, edition: int, settings: IndexSettings) -> tuple[list[str], list[dict]]:
    """The series with a usable year for ``edition``, and one input row per series (used or why not)."""
    rows = [{"edition": edition, "year": edition, "series_id": s, **place(prepared, s, edition, settings)}
            for s in prepared.series["series_id"]]
    return [r["series_id"] for r in rows if r["status"] == "used"], rows


def comparable(prepared: Prepared, edition: int, members: list[str], settings: IndexSettings) -> Edition:
    """Edition ``edition``'s comparable series on the set ``members``: every year from ``first_edition`` to the
    edition, each series at its reference year for that year."""
    rows, picks = [], []
    for year in range(settings.first_edition, edition + 1):
        for s in members:
            placed = place(prepared, s, year, settings)
            if placed["status"] == "not_used":
                placed = {**placed, "status": "not_comparable",
                          "reason": f"not comparable in {year}: {placed['reason']}"}
            rows.append({"edition": edition, "year": year, "series_id": s, **placed})
            if placed["status"] == "used":
                picks.append((year, s, placed["year_used"]))
    inputs = pd.DataFrame(rows, columns=INPUT_COLUMNS)
    chosen = pd.DataFrame(picks, columns=["year", "series_id", "year_used"])
    used = prepared.values.merge(chosen, left_on=["series_id", "year"], right_on=["series_id", "year_used"],
                                 suffixes=("_data", ""))
    years = list(range(settings.first_edition, edition + 1))
    regions = sorted(set(prepared.values["region_code"]))
    index = pd.MultiIndex.from_product([years, regions], names=["year", "region_code"])
    panel = (used.pivot_table(index=["year", "region_code"], columns="series_id", values="value", aggfunc="first")
             .reindex(index=index, columns=members))
    observations = (used[used["region_code"] != RIKET][["series_id", "region_code", "year_used", "value"]]
                    .rename(columns={"year_used": "year"})
                    .drop_duplicates(["series_id", "region_code", "year"]).reset_index(drop=True))
    available = (inputs.assign(ok=inputs["status"] == "used")
                 .pivot(index="year", columns="series_id", values="ok").reindex(index=years, columns=members)
                 .fillna(False).astype(bool))
    return Edition(edition, list(members), panel, observations, inputs, available)
