"""Relative development per indicator series (the report's Figure 4 heatmap), polarity-aware.

For a series with values x_t over its observed years in the window:
* score_t = (x_t - min) / (max - min) when more is better (polarity +1), (max - x_t) / (max - min) when less is
  better (-1), so 1 is always the series' best year; a series with one value, or a constant one, is neutral (0.5);
* index_t = 100 * x_t / x_first (undefined when x_first is 0);
* CAGR = (x_last / x_first) ** (1 / (t_last - t_first)) - 1 (undefined for one year or non-positive ends);
* the direction of the latest change: the sign of polarity * (x_last - x_previous) over distinct observations (a
  multi-year period value counts once, however many years it stands for): improving, worsening or neutral (neutral
  for a single observation or no change).
"""

from __future__ import annotations

import pandas as pd

IMPROVING, WORSENING, NEUTRAL = "improving", "worsening", "neutral"


def minmax_scores(values: pd.Series, polarity: int) -> pd.Series:
    """Polarity-aware min-max scores in [0, 1]; 0.5 for a single or constant series."""
    low, high = values.min(), values.max()
    if len(values) < 2 or not high > low:
        return pd.Series(0.5, index=values.index)
    scores = (values - low) / (high - low)
    return scores if polarity >= 0 else 1.0 - scores


def cagr(first: float, last: float, years: int) -> float | None:
    if years <= 0 or first <= 0 or last < 0:
        return None
    return (last / first) ** (1.0 / years) - 1.0


def latest_direction(values: pd.Series, polarity: int) -> str:
    if len(values) < 2:
        return NEUTRAL
    change = polarity * (values.iloc[-1] - values.iloc[-2])
    return IMPROVING if change > 0 else WORSENING if change < 0 else NEUTRAL


def relative_development(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per (series, year) of ``observations`` (columns series_id, year, value, polarity, plus any
    descriptive columns constant within a series) with score, index, CAGR and the latest direction."""
    rows = []
    for series_id, group in observations.sort_values("year").groupby("series_id", sort=True):
        polarity = int(group["polarity"].iloc[0])
        values = group.set_index("year")["value"].astype(float)
        scores = minmax_scores(values, polarity)
        first_year, last_year = int(values.index[0]), int(values.index[-1])
        first, last = float(values.iloc[0]), float(values.iloc[-1])
        growth = cagr(first, last, last_year - first_year)
        distinct = group.drop_duplicates("observation") if "observation" in group else group
        direction = latest_direction(distinct.set_index("year")["value"].astype(float), polarity)
        neutral = len(values) < 2 or not values.max() > values.min()
        for record in group.itertuples(index=False):
            year = int(record.year)
            row = record._asdict()
            row.update(
                score=float(scores.loc[year]),
                index_to_first=100.0 * float(values.loc[year]) / first if first != 0 else None,
                first_year=first_year,
                last_year=last_year,
                n_observations=len(values),
                cagr=growth,
                latest_direction=direction,
                is_neutral=neutral,
                change_score=float(scores.iloc[-1] - scores.iloc[0]),
            )
            rows.append(row)
    frame = pd.DataFrame(rows)
    for col in ("index_to_first", "cagr"):
        frame[col] = frame[col].astype("float64")
    return frame


def strengths_and_weaknesses(development: pd.DataFrame, top: int) -> pd.DataFrame:
    """Per dimension, the series improving and worsening most over the window (after polarity): the change of the
    polarity-aware score from the first to the last observation (a value in [-1, 1]); series with a single
    observation are left out."""
    series = (development.sort_values("year").groupby("series_id", sort=True)
              .agg(dimension_id=("dimension_id", "first"), indicator_id=("indicator_id", "first"),
                   breakdown=("breakdown", "first"), polarity=("polarity", "first"),
                   first_year=("first_year", "first"), last_year=("last_year", "first"),
                   first_value=("value", "first"), last_value=("value", "last"),
                   change_score=("change_score", "first"), n_observations=("n_observations", "first"),
                   latest_direction=("latest_direction", "first"))
              .reset_index())
    series = series[series["n_observations"] >= 2]
    out = []
    for dimension, group in series.groupby("dimension_id", sort=True):
        for kind, subset, ascending in (("improving", group[group["change_score"] > 0], False),
                                        ("worsening", group[group["change_score"] < 0], True)):
            ranked = subset.sort_values(["change_score", "series_id"], ascending=[ascending, True]).head(top)
            for rank, row in enumerate(ranked.itertuples(index=False), start=1):
                out.append({**row._asdict(), "kind": kind, "rank": rank})
    columns = ["dimension_id", "kind", "rank", "series_id", "indicator_id", "breakdown", "polarity", "first_year",
               "last_year", "first_value", "last_value", "change_score", "n_observations", "latest_direction"]
    return pd.DataFrame(out, columns=columns)
