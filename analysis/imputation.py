"""Panel imputation for one region's indicator series over a window of years (COINr ``impute_panel`` / EIS style).

Linear interpolation between observed years; before the first and after the last observation the nearest observed
value is carried (constant). Observed values are never changed. A multi-year period value (e.g. 2014-2017) stands
for each year of its period. Every cell records how its value was obtained.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

OBSERVED = "observed"
PERIOD = "period_value"
LINEAR = "linear_interpolation"
CARRIED_BACKWARD = "carried_backward"  # before the first observation
CARRIED_FORWARD = "carried_forward"  # after the last observation


def impute_series(years: Sequence[int], observed: Mapping[int, float]) -> tuple[list[float], list[str]]:
    """Fill ``years`` from the ``observed`` {year: value} points; return the values and each cell's method."""
    points = sorted((y, float(v)) for y, v in observed.items() if v is not None and not np.isnan(v))
    if not points:
        raise ValueError("a series needs at least one observation to be imputed")
    xs = np.array([y for y, _ in points], dtype=float)
    ys = np.array([v for _, v in points], dtype=float)
    known = dict(points)
    values, methods = [], []
    for year in years:
        if year in known:
            values.append(known[year])
            methods.append(OBSERVED)
        elif year < xs[0]:
            values.append(float(ys[0]))
            methods.append(CARRIED_BACKWARD)
        elif year > xs[-1]:
            values.append(float(ys[-1]))
            methods.append(CARRIED_FORWARD)
        else:
            values.append(float(np.interp(year, xs, ys)))
            methods.append(LINEAR)
    return values, methods


def observed_by_year(values: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """The observations of each series per year of the window: single-year values as they are, multi-year period
    values standing for each year of their period (origin ``period_value``; a single-year value wins).

    ``values`` needs columns ``series_id``, ``period_start``, ``period_end`` and ``value``; the result has one row
    per (series_id, year) with ``value``, ``origin`` and ``observation`` (the year, or the period it stands for)."""
    window = set(years)
    found: dict[tuple[str, int], tuple[float, str, str]] = {}
    ordered = values.assign(_single=values["period_start"] == values["period_end"]).sort_values(
        "_single", ascending=False, kind="stable")
    for row in ordered.itertuples(index=False):
        single = row.period_start == row.period_end
        origin = OBSERVED if single else PERIOD
        observation = str(row.period_start) if single else f"{row.period_start}-{row.period_end}"
        for year in range(int(row.period_start), int(row.period_end) + 1):
            if year in window and (row.series_id, year) not in found:
                found[(row.series_id, year)] = (float(row.value), origin, observation)
    frame = pd.DataFrame([{"series_id": s, "year": y, "value": v, "origin": o, "observation": p}
                          for (s, y), (v, o, p) in found.items()],
                         columns=["series_id", "year", "value", "origin", "observation"])
    return frame.sort_values(["series_id", "year"]).reset_index(drop=True)


def build_indicator_matrix(
    values: pd.DataFrame, years: Sequence[int], min_observed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn long observations into the years x series matrix that enters the PCA.

    ``values`` needs columns ``series_id``, ``period_start``, ``period_end`` and ``value`` (one row per observation).
    Returns ``(cells, selection)``: ``cells`` has one row per (series_id, year) of the included series with
    ``observed_value``, ``value``, ``is_imputed`` and ``method``; ``selection`` has one row per series with the
    number of observed years, whether it is included and, if not, why.
    """
    first, last = min(years), max(years)
    by_year = observed_by_year(values, years)
    cells, selection = [], []
    for series_id in sorted(values["series_id"].unique()):
        group = by_year[by_year["series_id"] == series_id]
        observed = dict(zip(group["year"], group["value"]))
        origin = dict(zip(group["year"], group["origin"]))
        n_observed = len(observed)
        reason = None
        if n_observed < min_observed:
            reason = f"{n_observed} observed year(s) in {first}-{last}, fewer than the minimum {min_observed}"
        elif len(set(observed.values())) == 1:
            reason = "constant series: no variance to analyse"
        selection.append({"series_id": series_id, "n_observed_years": n_observed,
                          "observed_years": ",".join(str(y) for y in sorted(observed)),
                          "included": reason is None, "exclusion_reason": reason})
        if reason is not None:
            continue
        filled, methods = impute_series(years, observed)
        for year, value, method in zip(years, filled, methods):
            if method == OBSERVED:
                method = origin[year]
            cells.append({"series_id": series_id, "year": year,
                          "observed_value": observed.get(year) if method == OBSERVED else None,
                          "value": value, "is_imputed": method != OBSERVED, "method": method})
    cell_frame = pd.DataFrame(cells, columns=["series_id", "year", "observed_value", "value", "is_imputed", "method"])
    cell_frame["observed_value"] = cell_frame["observed_value"].astype("float64")
    return cell_frame, pd.DataFrame(selection)


def to_wide(cells: pd.DataFrame) -> pd.DataFrame:
    """The years x series matrix (index year, one column per series) from the long cells."""
    return cells.pivot(index="year", columns="series_id", values="value").sort_index()
