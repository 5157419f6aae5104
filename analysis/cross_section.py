"""The cross-section PCA: the 21 län as individuals in the latest year in which the most panel series are
published for every län, with the same FactoMineR conventions, cos2 selection, supplementary projection and null
model as the 12-year PCA. With n = 21 regions it is the robust counterpart to a PCA over 8-12 years."""

from __future__ import annotations

import pandas as pd


def cross_section_matrix(values: pd.DataFrame, n_regions: int, min_series: int,
                         exclude: tuple[str, ...] = ()) -> tuple[pd.DataFrame, int | None, pd.DataFrame]:
    """The regions x series matrix of the latest year in which at least ``min_series`` series have a value for all
    ``n_regions`` regions (the latest common year).

    ``values``: region_code, series_id, year, value (exact single-year preferred figures of the län). Returns the
    matrix (index region_code), the year (None when no year qualifies) and one row per candidate series with
    whether it is complete in that year and, if not, why."""
    values = values[~values["series_id"].isin(exclude)]
    complete = (values.groupby(["year", "series_id"])["region_code"].nunique().rename("n").reset_index())
    complete = complete[complete["n"] == n_regions]
    per_year = complete.groupby("year")["series_id"].nunique()
    per_year = per_year[per_year >= min_series]
    candidates = sorted(values["series_id"].unique())
    if per_year.empty:
        return pd.DataFrame(), None, pd.DataFrame({"series_id": candidates, "included": False,
                                                   "exclusion_reason": f"no year with {min_series} complete series"})
    year = int(per_year.index.max())
    series = sorted(complete.loc[complete["year"] == year, "series_id"])
    matrix = (values[(values["year"] == year) & values["series_id"].isin(series)]
              .pivot(index="region_code", columns="series_id", values="value").sort_index())
    constant = [s for s in matrix.columns if matrix[s].std(ddof=0) == 0]
    matrix = matrix.drop(columns=constant)
    reasons = {s: None for s in matrix.columns}
    reasons.update({s: "constant across the regions" for s in constant})
    for s in candidates:
        reasons.setdefault(s, f"not published for all {n_regions} län in {year}")
    for s in exclude:
        reasons[s] = "a fixed multiple of another series within a year (index to Riket)"
    table = pd.DataFrame([{"series_id": s, "included": r is None, "exclusion_reason": r}
                          for s, r in sorted(reasons.items())])
    return matrix, year, table
