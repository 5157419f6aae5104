"""Comparable units for the PCA: level series trend with inflation and with the region's size, so they enter the
PCA as an index to Riket (= 100, removes both) where Riket's value exists for every observed year, else per
inhabitant (removes size; counts per 100,000 inhabitants); per-inhabitant amounts in current prices become an index
to Riket where they can. One series comes from one dataset (the one with most observed years in the window, then
the lowest source priority): releases are never spliced. Every choice is returned per series."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

# unit -> (per-inhabitant transformation name, multiplier applied before dividing by the population)
LEVEL_UNITS = {"count": ("per_100k_inhabitants", 1e5), "fte": ("per_100k_inhabitants", 1e5),
               "mnkr": ("sek_per_inhabitant", 1e6), "meur": ("eur_per_inhabitant", 1e6),
               "m2": ("m2_per_inhabitant", 1.0)}
PRICE_UNITS = ("sek_per_inhabitant", "pps_per_inhabitant")
BOUND_QUALIFIERS = ("over", "under", "range", "approx")


def single_dataset(values: pd.DataFrame, years: Sequence[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep, per series, the dataset with most exact single-year values in ``years`` (ties: lowest
    ``source_priority``, then dataset id); bounds (over/under/range/approx) of every dataset stay, as statements
    about the same quantity. Returns the values and a per-series table of the chosen and the other datasets."""
    window = set(years)
    exact = values[(values["qualifier"] == "exact")]
    in_window = exact[exact["period_start"].isin(window) | exact["period_end"].isin(window)]
    counts = (in_window.groupby(["series_id", "dataset_id"]).agg(n=("value", "size"), priority=("source_priority", "min"))
              .reset_index().sort_values(["series_id", "n", "priority", "dataset_id"], ascending=[True, False, True, True]))
    chosen = counts.drop_duplicates("series_id").set_index("series_id")["dataset_id"]
    keep = values["qualifier"].isin(BOUND_QUALIFIERS) | (values["dataset_id"] == values["series_id"].map(chosen))
    others = (exact[exact["dataset_id"] != exact["series_id"].map(chosen)].groupby("series_id")["dataset_id"]
              .apply(lambda d: ", ".join(sorted(set(d)))))
    table = pd.DataFrame({"dataset_id": chosen, "other_datasets": others}).reset_index(names="series_id")
    return values[keep].reset_index(drop=True), table


def comparable_units(values: pd.DataFrame, riket: pd.DataFrame, population: pd.Series) -> tuple[pd.DataFrame,
                                                                                                 pd.DataFrame]:
    """Transform each series' values (and bounds) into comparable units.

    ``values``: series_id, unit, period_start, period_end, value, value_high, qualifier (the region's rows);
    ``riket``: series_id, year, value (Riket's exact single-year values of the same series);
    ``population``: year -> the region's population on 1 January. Returns the transformed rows (series without a
    comparable form dropped) and one row per series: ``transformation`` and, for a dropped one, ``reason``."""
    riket_by = {(s, int(y)): float(v) for s, y, v in riket[["series_id", "year", "value"]].itertuples(index=False)}
    out, choices = [], []
    for series_id, group in values.groupby("series_id", sort=True):
        unit = group["unit"].iloc[0]
        observed = group[(group["qualifier"] == "exact") & (group["period_start"] == group["period_end"])]
        years = [int(y) for y in observed["period_start"]]
        transformation, reason, factor = "none", None, None
        if unit in LEVEL_UNITS or unit in PRICE_UNITS:
            if years and all((series_id, y) in riket_by and riket_by[(series_id, y)] for y in years):
                transformation = "index_to_riket"
                factor = {y: 100.0 / riket_by[(series_id, y)] for (s, y) in riket_by if s == series_id}
            elif unit in LEVEL_UNITS and years and all(y in population.index for y in years):
                transformation, scale = LEVEL_UNITS[unit]
                factor = {int(y): scale / float(p) for y, p in population.items() if p}
            elif unit in LEVEL_UNITS:
                reason = f"level series ({unit}) with neither Riket's values nor the population for its years"
            else:
                transformation = "none (current prices: no Riket values to index by)"
        choices.append({"series_id": series_id, "unit": unit, "transformation": transformation, "reason": reason})
        if reason is not None:
            continue
        group = group.copy()
        if factor is not None:
            f = group["period_start"].map(lambda y: factor.get(int(y), np.nan)).astype("float64")
            group["value"] = group["value"] * f
            group["value_high"] = group["value_high"] * f
            group = group[group["value"].notna() | ~group["qualifier"].isin(BOUND_QUALIFIERS)]
            group = group[group["value"].notna()]
        out.append(group.assign(transformation=transformation))
    frame = pd.concat(out, ignore_index=True) if out else values.iloc[0:0].assign(transformation="")
    return frame, pd.DataFrame(choices)


def drop_duplicate_series(wide: pd.DataFrame, indicators: dict[str, str], breakdowns: dict[str, str],
                          same_quantity: Sequence[Sequence[str]]) -> tuple[pd.DataFrame, dict[str, str]]:
    """One quantity enters once: counting it twice inflates PC1. Series of indicators listed together in
    ``same_quantity`` (e.g. GRP per inhabitant in SEK, in PPS and as an index) with the same breakdown are kept
    once, the first listed present; a column identical to an earlier one is dropped too. ``indicators`` and
    ``breakdowns`` map series ids to their indicator and breakdown. Returns the matrix and {dropped: kept}."""
    rank = {ind: (g, i) for g, group in enumerate(same_quantity) for i, ind in enumerate(group)}
    order = sorted(wide.columns, key=lambda c: (rank.get(indicators.get(c), (len(rank), 0)), c))
    dropped: dict[str, str] = {}
    kept: list[str] = []
    for column in order:
        group = rank.get(indicators.get(column), (None,))[0]
        twin = next((k for k in kept if group is not None and rank.get(indicators.get(k), (None,))[0] == group
                     and breakdowns.get(k) == breakdowns.get(column)), None)
        twin = twin or next((k for k in kept if np.allclose(wide[k].to_numpy(dtype=float),
                                                             wide[column].to_numpy(dtype=float))), None)
        if twin is None:
            kept.append(column)
        else:
            dropped[column] = twin
    return wide[[c for c in wide.columns if c in kept]], dropped


def cap_series_per_indicator(selection: pd.DataFrame, indicators: dict[str, str], limit: int) -> dict[str, str]:
    """At most ``limit`` series of one indicator enter the PCA: every series weighs the same there, so an indicator
    published in hundreds of breakdowns would otherwise be the whole of PC1. Kept are the included series with the
    most observed years (then by id). ``selection`` needs ``series_id``, ``included`` and ``n_observed_years``.
    Returns {dropped series: reason}."""
    included = selection[selection["included"]].assign(
        indicator=lambda f: f["series_id"].map(indicators)).sort_values(
        ["indicator", "n_observed_years", "series_id"], ascending=[True, False, True])
    dropped = {}
    for indicator, group in included.groupby("indicator", sort=False):
        for series_id in group["series_id"].iloc[limit:]:
            dropped[series_id] = (f"{indicator} has {len(group)} series; at most {limit} per indicator enter the PCA "
                                  "(settings.max_series_per_indicator: the most observed years first)")
    return dropped
