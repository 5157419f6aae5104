"""Can an indicator tell the regions apart? An indicator that cannot is context, not scored, whatever it agrees
with (the decision is about the indicator's own data, never about its correlation with the rest of the index):

* **noise**: the regions' order does not persist from one observed year to the next: the median of the Spearman
  rank correlations between consecutive years (each over the regions observed in both) lies below
  ``rank_correlation_floor`` (broadband at NUTS2: -0.16; every other Swedish index indicator 0.9 or more);
* **saturation**: a share whose regions' median observation lies at or above ``saturation_level`` (nearly every
  household already has it: the differences are the publisher's rounding);
* **margin of error**: where the publisher gives each value's margin (the EQI), regions whose values differ by less
  than the margin of their difference, sqrt(m_i^2 + m_j^2), score as equal: the values are grouped (each region
  joins the group of the next lower value unless they differ by more than that margin) and each group takes its
  mean. An indicator left with one group in every year cannot tell the regions apart.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.index.settings import RIKET, IndexSettings


def margin_groups(values: pd.Series, margins: pd.Series) -> pd.Series:
    """Group labels (0, 1, ...) of one year's values (indexed by region) within their margins of error: sorted,
    a new group starts where two neighbours differ by more than sqrt(m_i^2 + m_j^2)."""
    order = values.sort_values()
    labels, group = {}, 0
    previous = None
    for region, value in order.items():
        if previous is not None:
            gap = value - order[previous]
            combined = math.hypot(margins.get(region, 0.0), margins.get(previous, 0.0))
            if gap > combined:
                group += 1
        labels[region] = group
        previous = region
    return pd.Series(labels).reindex(values.index)


def equalise_within_margins(values: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """``values``: series_id, region_code, year, value, margin (Riket has none and is left as it is). Each region's
    value replaced by the mean of its group within the margins; returns the values and, per series, the largest
    number of groups in any year."""
    values = values.copy()
    groups: dict[str, int] = {}
    with_margin = values[values["margin"].notna() & (values["region_code"] != RIKET)]
    for (series, _), part in with_margin.groupby(["series_id", "year"]):
        labels = margin_groups(part.set_index("region_code")["value"], part.set_index("region_code")["margin"])
        means = part.set_index("region_code")["value"].groupby(labels).transform("mean")
        values.loc[part.index, "value"] = means.reindex(part["region_code"]).to_numpy()
        groups[series] = max(groups.get(series, 0), int(labels.nunique()))
    return values, groups


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


def discrimination(values: pd.DataFrame, regions: list[str], settings: IndexSettings
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``values``: series_id, unit, region_code, year, value, margin (the level's regions and Riket). Returns the
    values (within-margin differences equalised) and one row per series: the statistics, ``is_scored`` and, for an
    indicator that cannot tell the regions apart, the reason."""
    if "margin" not in values:
        values = values.assign(margin=np.nan)
    equalised, groups = equalise_within_margins(values)
    need = math.ceil(settings.min_regions_share * len(regions) - 1e-9)
    rows = []
    for series, part in values[values["region_code"] != RIKET].groupby("series_id", sort=True):
        rs = rank_correlations(part[["region_code", "year", "value"]], need)
        median_r = float(np.median(rs)) if rs else math.nan
        median_value = float(part["value"].median())
        saturated = bool(part["unit"].iloc[0] == "percent" and median_value >= settings.saturation_level)
        n_groups = groups.get(series)
        reasons = []
        if rs and median_r < settings.rank_correlation_floor:
            reasons.append(f"the regions' order is noise from year to year (median rank correlation between "
                           f"consecutive years {median_r:+.2f}, below {settings.rank_correlation_floor})")
        if saturated:
            reasons.append(f"saturated (the regions' median is {median_value:.0f} %, at or above "
                           f"{settings.saturation_level:.0f} %)")
        if n_groups == 1:
            reasons.append("every region lies within the published margin of error of the others")
        rows.append({"series_id": series, "n_year_pairs": len(rs), "rank_correlation_median": median_r,
                     "rank_correlation_min": min(rs) if rs else math.nan, "median_value": median_value,
                     "is_saturated": saturated, "margin_groups": n_groups, "is_scored": not reasons,
                     "reason": ("cannot tell the regions apart: " + "; ".join(reasons)) if reasons else None})
    return equalised, pd.DataFrame(rows, columns=["series_id", "n_year_pairs", "rank_correlation_median",
                                                  "rank_correlation_min", "median_value", "is_saturated",
                                                  "margin_groups", "is_scored", "reason"])
