"""Can an indicator tell the regions apart? An indicator that cannot is context, not scored, whatever it agrees
with (the decision is about the indicator's own data, never about its correlation with the rest of the index):

* **noise**: the regions' order does not persist from one observed year to the next: the median of the Spearman
  rank correlations between consecutive years (each over the regions observed in both) lies below
  ``rank_correlation_floor`` (broadband at NUTS2: -0.16; every other Swedish index indicator 0.9 or more);
* **saturation**: a share whose regions' median observation lies at or above ``saturation_level`` (nearly every
  household already has it: the differences are the publisher's rounding);
* **margin of error**: where the publisher gives each value's margin (the EQI), two regions are told apart when
  their values differ by more than the margin of the difference, sqrt(m_i^2 + m_j^2). An indicator that tells fewer
  than ``min_separable_pairs`` of the pairs of regions apart in every year cannot tell the regions apart. The
  values stay as published: "within the margin" is no equivalence (A near B and B near C does not make A near C:
  chaining the neighbours of 200 European regions would make one group of regions two points apart).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.index.settings import IndexSettings, Scope


def separable_share(values: pd.Series, margins: pd.Series) -> float:
    """The share of the pairs of regions (one year's values and margins, indexed by region) whose values differ by
    more than the margin of their difference, sqrt(m_i^2 + m_j^2); nan with fewer than two regions."""
    v = values.to_numpy(dtype=float)
    m = margins.reindex(values.index).fillna(0.0).to_numpy(dtype=float)
    if len(v) < 2:
        return math.nan
    upper = np.triu_indices(len(v), 1)
    gap = np.abs(v[:, None] - v[None, :])[upper]
    return float(np.mean(gap > np.hypot(m[:, None], m[None, :])[upper]))


def separable_by_series(values: pd.DataFrame, aggregates: tuple[str, ...]) -> dict[str, float]:
    """``values``: series_id, region_code, year, value, margin. Per series with published margins, the largest
    share of separable pairs in any year (aggregates have no margin and are no region)."""
    with_margin = values[values["margin"].notna() & ~values["region_code"].isin(aggregates)]
    out: dict[str, float] = {}
    for (series, _), part in with_margin.groupby(["series_id", "year"]):
        share = separable_share(part.set_index("region_code")["value"], part.set_index("region_code")["margin"])
        out[series] = max(out.get(series, 0.0), share)
    return out


def rank_correlations(observations: pd.DataFrame, min_regions: int) -> list[float]:
    """Spearman's rank correlations between consecutive observed years of one series (``observations``:
    region_code, year, value of the regions), each year observed for at least ``min_regions`` regions."""
    wide = observations.pivot_table(index="region_code", columns="year", values="value", aggfunc="first")
    years = [y for y in sorted(wide.columns) if wide[y].notna().sum() >= min_regions]
    out = []
    for a, b in zip(years, years[1:]):
        pair = wide[[a, b]].dropna()
        if len(pair) >= 3 and pair[a].nunique() > 1 and pair[b].nunique() > 1:
            out.append(float(pair[a].rank().corr(pair[b].rank())))
    return out


def discrimination(values: pd.DataFrame, scope: Scope, settings: IndexSettings) -> pd.DataFrame:
    """``values``: series_id, unit, region_code, year, value, margin (the level's regions and aggregates). One row
    per series: the statistics, ``is_scored`` and, for an indicator that cannot tell the regions apart, the
    reason."""
    if "margin" not in values:
        values = values.assign(margin=np.nan)
    separable = separable_by_series(values, scope.aggregates)
    need = math.ceil(settings.min_regions_share * len(scope.regions) - 1e-9)
    rows = []
    for series, part in values[values["region_code"].isin(scope.regions)].groupby("series_id", sort=True):
        rs = rank_correlations(part[["region_code", "year", "value"]], need)
        median_r = float(np.median(rs)) if rs else math.nan
        median_value = float(part["value"].median())
        saturated = bool(part["unit"].iloc[0] == "percent" and median_value >= settings.saturation_level)
        share = separable.get(series, math.nan)
        reasons = []
        if rs and median_r < settings.rank_correlation_floor:
            reasons.append(f"the regions' order is noise from year to year (median rank correlation between "
                           f"consecutive years {median_r:+.2f}, below {settings.rank_correlation_floor})")
        if saturated:
            reasons.append(f"saturated (the regions' median is {median_value:.0f} %, at or above "
                           f"{settings.saturation_level:.0f} %)")
        if not math.isnan(share) and share < settings.min_separable_pairs:
            reasons.append(f"at most {100 * share:.0f} % of the pairs of regions differ by more than their published "
                           f"margin of error in a year (fewer than {100 * settings.min_separable_pairs:.0f} %)")
        rows.append({"series_id": series, "n_year_pairs": len(rs), "rank_correlation_median": median_r,
                     "rank_correlation_min": min(rs) if rs else math.nan, "median_value": median_value,
                     "is_saturated": saturated, "separable_pairs": share, "is_scored": not reasons,
                     "reason": ("cannot tell the regions apart: " + "; ".join(reasons)) if reasons else None})
    return pd.DataFrame(rows, columns=["series_id", "n_year_pairs", "rank_correlation_median", "rank_correlation_min",
                                       "median_value", "is_saturated", "separable_pairs", "is_scored", "reason"])
