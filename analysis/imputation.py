"""Panel imputation for one region's indicator series over a window of years (COINr ``impute_panel`` / EIS style).

Linear interpolation between observed years; before the first and after the last observation the nearest observed
value is carried (constant), but never more than ``max_extrapolation_years``: a series that would need more does
not cover the window and is left out, or the window is shortened (``choose_window``). Observed values are never
changed. A multi-year period value (e.g. GEM's pooled 2018-2020) is one observation: it stands at its period's middle
year (the earlier of two middle years; method ``period_value``) and the period's other years are filled in like any
gap, so a pooled value is never counted, analysed or drawn as several yearly observations. A filled-in value never contradicts a published bound for that series and year ("over
130", "under 5", a range, "about 40" within ``approx_tolerance``): it is clipped to the bound, or the series is
left out (``bound_policy``). Every cell records how its value was obtained.
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
OBSERVED_METHODS = (OBSERVED, PERIOD)  # published values: never imputed


def bound_intervals(bounds: pd.DataFrame, years: Sequence[int], approx_tolerance: float) -> dict:
    """(series_id, year) -> (low, high, text) from published bounds: ``over`` v -> [v, inf), ``under`` v ->
    (-inf, v], ``range`` -> [value, value_high], ``approx`` v -> v x (1 -/+ tolerance); a bound on a period applies
    to each of its years; several bounds on one cell intersect."""
    out: dict[tuple[str, int], tuple[float, float, str]] = {}
    if bounds is None or bounds.empty:
        return out
    for row in bounds.itertuples(index=False):
        v = float(row.value)
        if row.qualifier == "over":
            low, high = v, np.inf
        elif row.qualifier == "under":
            low, high = -np.inf, v
        elif row.qualifier == "range":
            low, high = v, float(row.value_high)
        elif row.qualifier == "approx":
            low, high = sorted((v * (1 - approx_tolerance), v * (1 + approx_tolerance)))
        else:
            continue
        text = f"{row.qualifier} {v:g}" + (f"-{float(row.value_high):g}" if row.qualifier == "range" else "")
        for year in range(int(row.period_start), int(row.period_end) + 1):
            if year in years:
                old = out.get((row.series_id, year))
                out[(row.series_id, year)] = (max(low, old[0]), min(high, old[1]), f"{old[2]}; {text}") if old \
                    else (low, high, text)
    return out


def choose_window(observed_years: Mapping[str, Sequence[int]], years: Sequence[int], min_observed: int,
                  max_extrapolation_years: int, min_window_years: int) -> tuple[int, int]:
    """The sub-window of ``years`` (at least ``min_window_years`` long) that holds the most cells of series covering
    it: a series covers [start, end] when it needs at most ``max_extrapolation_years`` carried at either end and
    has ``min_observed`` observations inside. Ties go to the longer, then the later window."""
    best, best_key = (min(years), max(years)), (-1, -1, -1)
    for start in years:
        for end in years:
            if end - start + 1 < min(min_window_years, len(years)):
                continue
            covering = sum(1 for obs in observed_years.values() if obs
                           and min(obs) - max_extrapolation_years <= start and max(obs) + max_extrapolation_years >= end
                           and sum(start <= y <= end for y in obs) >= min_observed)
            key = (covering * (end - start + 1), end - start, end)
            if key > best_key:
                best, best_key = (start, end), key
    return best


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


def period_year(start: int, end: int) -> int:
    """The year a multi-year period's value stands at: its middle year (the earlier of two)."""
    return (int(start) + int(end)) // 2


def observed_by_year(values: pd.DataFrame, years: Sequence[int]) -> pd.DataFrame:
    """The observations of each series per year of the window: single-year values as they are, a multi-year period
    value once, at its middle year (origin ``period_value``; a single-year value of that year wins).

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
        year = int(row.period_start) if single else period_year(row.period_start, row.period_end)
        if year in window and (row.series_id, year) not in found:
            found[(row.series_id, year)] = (float(row.value), origin, observation)
    frame = pd.DataFrame([{"series_id": s, "year": y, "value": v, "origin": o, "observation": p}
                          for (s, y), (v, o, p) in found.items()],
                         columns=["series_id", "year", "value", "origin", "observation"])
    return frame.sort_values(["series_id", "year"]).reset_index(drop=True)


def build_indicator_matrix(
    values: pd.DataFrame, years: Sequence[int], min_observed: int, *, bounds: pd.DataFrame | None = None,
    max_extrapolation_years: int | None = None, min_window_years: int | None = None, bound_policy: str = "clip",
    approx_tolerance: float = 0.1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn long observations into the years x series matrix that enters the PCA.

    ``values`` needs columns ``series_id``, ``period_start``, ``period_end`` and ``value`` (one row per observation);
    ``bounds`` (optional) the same plus ``qualifier`` and ``value_high`` for the published bounds. Without
    ``max_extrapolation_years`` values are carried to the window's ends as far as needed; with it the window is
    ``choose_window``'s. Returns ``(cells, selection)``: ``cells`` has one row per (series_id, year) of the included
    series with ``observed_value``, ``value``, ``is_imputed``, ``method`` and ``bound`` (the published bound a
    filled-in value was clipped to); ``selection`` has one row per series with its observed years, whether it is
    included and, if not, why, and the window's ``window_start``/``window_end``.
    """
    if bound_policy not in ("clip", "leave_out"):
        raise ValueError("bound_policy must be 'clip' or 'leave_out'")
    by_year = observed_by_year(values, years)
    series_ids = sorted(values["series_id"].unique())
    groups = {s: g for s, g in by_year.groupby("series_id", sort=False)}
    empty = by_year.iloc[0:0]
    observed_years = {s: sorted(groups.get(s, empty)["year"]) for s in series_ids}
    if max_extrapolation_years is None:
        first, last = min(years), max(years)
        extrapolation = len(years)
    else:
        first, last = choose_window(observed_years, years, min_observed, max_extrapolation_years,
                                    min_window_years or len(years))
        extrapolation = max_extrapolation_years
    window = [y for y in years if first <= y <= last]
    limits = bound_intervals(bounds, window, approx_tolerance)
    cells, selection = [], []
    for series_id in series_ids:
        group = groups.get(series_id, empty)
        group = group[group["year"].between(first, last)]  # the observations inside the window
        observed = dict(zip(group["year"], group["value"]))
        origin = dict(zip(group["year"], group["origin"]))
        every = observed_years[series_id]
        n_observed = len(observed)
        reason = None
        if n_observed < min_observed:
            reason = f"{n_observed} observed year(s) in {first}-{last}, fewer than the minimum {min_observed}"
        elif len(set(observed.values())) == 1:
            reason = "constant series: no variance to analyse"
        elif min(every) - extrapolation > first or max(every) + extrapolation < last:
            need = max(min(every) - first, last - max(every))
            reason = (f"would need values carried {need} years beyond its observations ({min(every)}-{max(every)}) "
                      f"to cover {first}-{last}; at most {extrapolation} allowed")
        filled, methods, clipped = [], [], []
        if reason is None:
            # interpolate between every observation of the series, those just outside the window included (a
            # 2019 value and a 2022 one fill 2020 between them, never by carrying 2019): values are carried only
            # beyond the series' first and last observation, at most ``extrapolation`` years
            reach = dict(zip(groups[series_id]["year"], groups[series_id]["value"])) if series_id in groups else {}
            filled, methods = impute_series(window, reach)
            carried = [y for y, m in zip(window, methods) if m in (CARRIED_BACKWARD, CARRIED_FORWARD)]
            if carried and max(max(min(every) - y, y - max(every)) for y in carried) > extrapolation:
                raise AssertionError(f"{series_id}: a value carried beyond the extrapolation limit")
            for i, (year, method) in enumerate(zip(window, methods)):
                if method == OBSERVED:
                    methods[i] = origin[year]
                limit = limits.get((series_id, year))
                clipped.append(None)
                if limit and methods[i] not in OBSERVED_METHODS and not limit[0] <= filled[i] <= limit[1]:
                    if bound_policy == "leave_out":
                        reason = f"filled-in {year} value {filled[i]:g} contradicts the published bound {limit[2]}"
                        break
                    filled[i] = float(min(max(filled[i], limit[0]), limit[1]))
                    clipped[i] = limit[2]
        selection.append({"series_id": series_id, "n_observed_years": n_observed,
                          "observed_years": ",".join(str(y) for y in sorted(observed)),
                          # observations outside the window that anchor its interpolation at the ends
                          "anchor_years": ",".join(str(y) for y in every if not first <= y <= last) or None,
                          "included": reason is None, "exclusion_reason": reason,
                          "window_start": first, "window_end": last})
        if reason is not None:
            continue
        for year, value, method, bound in zip(window, filled, methods, clipped):
            cells.append({"series_id": series_id, "year": year,
                          "observed_value": observed.get(year) if method in OBSERVED_METHODS else None,
                          "value": value, "is_imputed": method not in OBSERVED_METHODS,
                          "method": method + ("_clipped_to_bound" if bound else ""), "bound": bound})
    cell_frame = pd.DataFrame(cells, columns=["series_id", "year", "observed_value", "value", "is_imputed", "method",
                                              "bound"])
    cell_frame["observed_value"] = cell_frame["observed_value"].astype("float64")
    return cell_frame, pd.DataFrame(selection)


def to_wide(cells: pd.DataFrame) -> pd.DataFrame:
    """The years x series matrix (index year, one column per series) from the long cells."""
    return cells.pivot(index="year", columns="series_id", values="value").sort_index()
