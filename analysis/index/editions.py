"""From published values to each edition's input: money in real terms, and per edition each indicator's most
recent value no older than the lag, for every region of the level and Riket.

* **Real terms.** A series in current prices (``is_current_prices``: SEK, MSEK, EUR, PPS) compares across years
  only relative to Riket's value of the same year: ``100 x value / Riket's value`` (Riket = 100). A region growing
  exactly like Riket stays flat; a year without Riket's value cannot be put in real terms and is not used.
* **Editions.** Edition ``E`` uses, for each indicator, the latest year ``y`` in ``[E - max_lag, E]`` in which Riket
  and at least ``min_regions_share`` of the regions have a value: one reference year per indicator and edition, the
  same for every region (a region without a value that year is missing, never filled from another year). An
  indicator with no such year is not used in the edition, with the reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analysis.index.settings import RIKET, IndexSettings

SERIES_COLUMNS = ["series_id", "indicator_id", "dimension_id", "polarity", "unit", "is_current_prices"]


@dataclass(frozen=True)
class Editions:
    panel: pd.DataFrame  # index (edition, region_code), Riket included; one column per series: the value used
    observations: pd.DataFrame  # series_id, region_code, year, value: the distinct region observations the panel uses
    inputs: pd.DataFrame  # per edition and series: year_used, n_regions, has_riket, status, reason
    series: pd.DataFrame  # one row per series (SERIES_COLUMNS) with its transformation


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


def edition_range(values: pd.DataFrame, settings: IndexSettings) -> list[int]:
    last = settings.last_edition if settings.last_edition is not None else int(values["year"].max())
    return list(range(settings.first_edition, last + 1))


def build_editions(values: pd.DataFrame, regions: list[str], settings: IndexSettings) -> Editions:
    """``values``: region_code, year, value and SERIES_COLUMNS, for the level's ``regions`` and Riket."""
    values = values[values["region_code"].isin([*regions, RIKET])]
    series = (values[SERIES_COLUMNS].drop_duplicates("series_id").sort_values("series_id").reset_index(drop=True))
    series["transformation"] = series["is_current_prices"].map({True: "relative_to_riket", False: "as_published"})
    values, _ = real_terms(values)
    need = math.ceil(settings.min_regions_share * len(regions) - 1e-9)
    counts = (values[values["region_code"] != RIKET].groupby(["series_id", "year"])["region_code"].nunique())
    with_riket = set(map(tuple, values.loc[values["region_code"] == RIKET, ["series_id", "year"]].to_numpy()))
    inputs, chosen = [], []
    for edition in edition_range(values, settings):
        window = range(edition - settings.max_lag, edition + 1)
        for s in series["series_id"]:
            years = [y for y in window if counts.get((s, y), 0) > 0]
            usable = [y for y in years if (s, y) in with_riket and counts.get((s, y), 0) >= need]
            if usable:
                year = max(usable)
                inputs.append({"edition": edition, "series_id": s, "year_used": year,
                               "n_regions": int(counts[(s, year)]), "has_riket": True, "status": "used",
                               "reason": None})
                chosen.append((edition, s, year))
                continue
            if not years:
                reason = f"no value in {window.start}-{window.stop - 1} (at most {settings.max_lag} years old)"
            elif not any((s, y) in with_riket for y in years):
                reason = f"Riket has no value (published or aggregated from its län) in {window.start}-{window.stop - 1}"
            else:
                reason = (f"fewer than {need} of the {len(regions)} regions have a value in any year of "
                          f"{window.start}-{window.stop - 1} with Riket's")
            inputs.append({"edition": edition, "series_id": s, "year_used": None,
                           "n_regions": int(max((counts.get((s, y), 0) for y in years), default=0)),
                           "has_riket": any((s, y) in with_riket for y in years), "status": "not_used",
                           "reason": reason})
    inputs = pd.DataFrame(inputs, columns=["edition", "series_id", "year_used", "n_regions", "has_riket", "status",
                                           "reason"])
    picks = pd.DataFrame(chosen, columns=["edition", "series_id", "year"])
    used = values.merge(picks, on=["series_id", "year"])
    panel = used.pivot_table(index=["edition", "region_code"], columns="series_id", values="value", aggfunc="first")
    panel = panel.reindex(columns=[s for s in series["series_id"] if s in panel.columns])
    observations = (used[used["region_code"] != RIKET][["series_id", "region_code", "year", "value"]]
                    .drop_duplicates(["series_id", "region_code", "year"]).reset_index(drop=True))
    return Editions(panel, observations, inputs, series)


def restrict(editions: Editions, keep: list[int], reason: str) -> Editions:
    """The editions ``keep`` only (the others' inputs marked ``edition_not_scored`` with ``reason``); the regions'
    observations are those the kept editions use."""
    panel = editions.panel[editions.panel.index.get_level_values("edition").isin(keep)]
    inputs = editions.inputs.copy()
    dropped = ~inputs["edition"].isin(keep)
    inputs.loc[dropped & (inputs["status"] == "used"), "reason"] = reason
    inputs.loc[dropped & (inputs["status"] == "used"), "status"] = "edition_not_scored"
    used = inputs[inputs["status"] == "used"][["series_id", "year_used"]].drop_duplicates()
    observations = editions.observations.merge(used.rename(columns={"year_used": "year"}), on=["series_id", "year"])
    return Editions(panel, observations.reset_index(drop=True), inputs, editions.series)
