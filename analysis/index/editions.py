"""From published values to comparable editions: money in real terms; each edition's indicator set; and the
edition's whole history recomputed on that set, as the European Innovation Scoreboard publishes its editions.

* **Real terms.** A series in current prices (``is_current_prices``: SEK, MSEK, EUR, PPS) compares across years
  only relative to the reference's value of the same year (Riket's, or the EU's at the European level):
  ``100 x value / the reference's value``. A region growing exactly like the reference stays flat; a year without
  the reference's value cannot be put in real terms and is not used.
* **A usable year** of a series has the reference's value (Riket's, or the EU's) and values for at least
  ``min_regions_share`` of the regions.
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

from analysis.index.settings import RIKET, IndexSettings, Scope

SERIES_COLUMNS = ["series_id", "indicator_id", "dimension_id", "content", "polarity", "unit", "is_current_prices",
                  "is_ratio_scale"]
INPUT_COLUMNS = ["edition", "year", "series_id", "year_used", "n_regions", "has_reference", "reference_basis",
                 "status", "reason"]


@dataclass(frozen=True)
class Prepared:
    values: pd.DataFrame  # region_code, series_id, year, value (money in real terms)
    series: pd.DataFrame  # one row per series (SERIES_COLUMNS) with its transformation
    n_regions: pd.Series  # (series_id, year) -> regions with a value, counted before the real-terms step
    reference_basis: pd.Series  # (series_id, year) -> how the reference's value was obtained
    need: int  # regions a usable year needs
    n_level: int  # regions of the level
    scope: Scope


@dataclass(frozen=True)
class Edition:
    edition: int
    series: list[str]  # the edition's indicator set
    panel: pd.DataFrame  # index (year, region_code), years first_edition..edition, Riket included; the values used
    observations: pd.DataFrame  # series_id, region_code, year, value: the regions' distinct observations used
    inputs: pd.DataFrame  # INPUT_COLUMNS, per year of the series and series of the set
    available: pd.DataFrame  # index year, one boolean column per series: it has a usable year within the lag


def real_terms(values: pd.DataFrame, reference: str = RIKET) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Money series as 100 x value / the reference's value of the same year; returns the values and the rows
    dropped for want of the reference's value (series_id, region_code, year)."""
    money = values["is_current_prices"].astype(bool)
    riket = (values[money & (values["region_code"] == reference)].set_index(["series_id", "year"])["value"])
    keyed = values[money].join(riket.rename("riket_value"), on=["series_id", "year"])
    relative = keyed.assign(value=100 * keyed["value"] / keyed["riket_value"].where(keyed["riket_value"] != 0))
    dropped = relative[relative["value"].isna()][["series_id", "region_code", "year"]]
    relative = relative.dropna(subset=["value"]).drop(columns="riket_value")
    return pd.concat([values[~money], relative], ignore_index=True), dropped


def prepare(values: pd.DataFrame, scope: Scope, settings: IndexSettings) -> Prepared:
    """``values``: region_code, year, value, SERIES_COLUMNS (and aggregate_basis on an aggregate's rows), for the
    scope's regions and aggregates."""
    values = values[values["region_code"].isin(scope.rows)]
    if "aggregate_basis" not in values:
        values = values.assign(aggregate_basis=None)
    if "is_ratio_scale" not in values:
        values = values.assign(is_ratio_scale=True)
    series = values[SERIES_COLUMNS].drop_duplicates("series_id").sort_values("series_id").reset_index(drop=True)
    series["transformation"] = series["is_current_prices"].map(
        {True: f"relative_to_{'riket' if scope.reference == RIKET else 'eu'}", False: "as_published"})
    # counted before real terms: a year the reference lacks still shows how many regions have it (the reason says so)
    on_regions = values[values["region_code"].isin(scope.regions)]
    n_regions = on_regions.groupby(["series_id", "year"])["region_code"].nunique()
    reference = values[values["region_code"] == scope.reference]
    basis = reference.set_index(["series_id", "year"])["aggregate_basis"]
    relative, _ = real_terms(values, scope.reference)
    need = math.ceil(settings.min_regions_share * len(scope.regions) - 1e-9)
    return Prepared(relative[["region_code", "series_id", "year", "value"]], series, n_regions,
                    basis[~basis.index.duplicated()], need, len(scope.regions), scope)


def edition_range(prepared: Prepared, settings: IndexSettings) -> list[int]:
    """From ``first_edition`` to ``last_edition`` (``europe_last_edition`` at the European level), else to the
    latest year any series has a value."""
    years = prepared.values["year"]
    last = settings.europe_last_edition if prepared.scope.level == "europe" else settings.last_edition
    if last is None:
        last = int(years.max()) if len(years) else 0
    return list(range(settings.first_edition, last + 1))


def usable(prepared: Prepared, series: str, year: int) -> bool:
    return (series, year) in prepared.reference_basis.index and prepared.n_regions.get((series, year), 0) >= prepared.need


def place(prepared: Prepared, series: str, year: int, settings: IndexSettings) -> dict:
    """The reference year of ``series`` for the year ``year`` (its latest usable year within the lag), or why none."""
    window = range(year - settings.max_lag, year + 1)
    span = f"{window.start}-{window.stop - 1}"
    usable_years = [y for y in window if usable(prepared, series, y)]
    if usable_years:
        y = max(usable_years)
        return {"year_used": y, "n_regions": int(prepared.n_regions[(series, y)]), "has_reference": True,
                "reference_basis": prepared.reference_basis[(series, y)], "status": "used", "reason": None}
    with_values = [y for y in window if prepared.n_regions.get((series, y), 0) > 0]
    most = max((int(prepared.n_regions.get((series, y), 0)) for y in window), default=0)
    has_reference = any((series, y) in prepared.reference_basis.index for y in window)
    name = "Riket" if prepared.scope.reference == RIKET else "the EU"
    if not with_values and not has_reference:
        reason = f"no value in {span} (at most {settings.max_lag} years old)"
    elif not any((series, y) in prepared.reference_basis.index for y in with_values):
        reason = (f"{name} has no value in {span} ({most} of {prepared.n_level} regions have one in a year; no "
                  "aggregate of every region and no published total)")
    else:
        reason = (f"fewer than {prepared.need} of the {prepared.n_level} regions have a value in a year of {span} "
                  f"with {name}'s")
    return {"year_used": None, "n_regions": most, "has_reference": has_reference, "reference_basis": None,
            "status": "not_used", "reason": reason}


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
    aggregates = prepared.scope.aggregates
    panel = (used.pivot_table(index=["year", "region_code"], columns="series_id", values="value", aggfunc="first")
             .reindex(index=index, columns=members))
    observations = (used[~used["region_code"].isin(aggregates)][["series_id", "region_code", "year_used", "value"]]
                    .rename(columns={"year_used": "year"})
                    .drop_duplicates(["series_id", "region_code", "year"]).reset_index(drop=True))
    available = (inputs.assign(ok=inputs["status"] == "used")
                 .pivot(index="year", columns="series_id", values="ok").reindex(index=years, columns=members)
                 .fillna(False).astype(bool))
    return Edition(edition, list(members), panel, observations, inputs, available)
