"""Aggregation and reading: weighted means, scores on a 0-100 scale, ranks among the regions of a year, a region
against Riket on the ratio scale, and tiers of regions whose rank intervals separate.

Against Riket: the index of distances to Riket (each indicator as 100 x value / Riket's value, inverted for a
less-is-better indicator, averaged within and across dimensions: Riket = 100) is a ratio scale, so "112" means 12 %
above Riket whatever the other regions do. A region is **clearly above** (below) Riket when the 5-95 % interval of
that index over the uncertainty analysis's draws lies wholly above (below) 100, and **near** Riket when the interval
reaches 100. Where nothing could vary (a dimension of one indicator: the published values), it is **above** or
**below** without an interval. This replaces the Regional Innovation Scoreboard's group names, whose bands are
relative to the EU average and mean nothing on a scale built within Sweden.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.index.settings import EU_GROUPS, RIKET


def positive_array(scores: np.ndarray, normalisation: str) -> np.ndarray:
    """Scores (rows x columns) on a 1-100 scale for a geometric mean (which needs positive values; a Riket index
    already is); z-scores rescaled column by column over their rows."""
    if normalisation == "riket_index":
        return np.clip(scores, 1e-9, None)
    if normalisation == "zscore":
        valid = ~np.isnan(scores)
        low = np.where(valid, scores, np.inf).min(axis=0)
        high = np.where(valid, scores, -np.inf).max(axis=0)
        span = np.where(np.isfinite(low) & (high > low), high - low, 1.0)
        return 1 + 99 * (scores - np.where(np.isfinite(low), low, 0.0)) / span
    # Riket (or a region in a year the reference does not hold) can lie below the regions' minimum: kept positive
    return np.clip(1 + 99 * scores, 1e-9, None)


def positive(scores: pd.DataFrame, normalisation: str) -> pd.DataFrame:
    """``positive_array`` of a frame."""
    return pd.DataFrame(positive_array(scores.to_numpy(dtype=float), normalisation), index=scores.index,
                        columns=scores.columns)


def weighted_mean(block: np.ndarray, weights: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    """Row-wise weighted mean over the present columns (arithmetic, or geometric of positive values), and the
    number of present columns."""
    mask = ~np.isnan(block)
    wsum = (mask * weights).sum(axis=1)
    if method == "geometric":
        logs = np.where(mask, np.log(np.where(mask, block, 1.0)), 0.0)
        score = np.exp((logs * weights).sum(axis=1) / np.where(wsum > 0, wsum, np.nan))
    else:
        score = np.where(mask, block, 0.0).dot(weights) / np.where(wsum > 0, wsum, np.nan)
    return score, mask.sum(axis=1)


def to_0_100(scores: pd.DataFrame | pd.Series, normalisation: str, aggregation: str):
    """Scores on 0-100 for reading (min-max and rank scores are shares; z-scores are shown as 50 + 10 z, a T-score;
    geometric scores already run 1-100; a Riket index reads as Riket = 100)."""
    if aggregation == "geometric" and normalisation != "riket_index":
        return scores
    return 50 + 10 * scores if normalisation == "zscore" else 100 * scores


def ranks(scores: pd.Series, aggregates: tuple[str, ...] = (RIKET,)) -> pd.Series:
    """1 = best among the regions of a year (ties share the best rank); Riket and the EU are not ranked."""
    regions = scores[~scores.index.get_level_values("region_code").isin(aggregates)]
    return regions.groupby(level="year").rank(ascending=False, method="min")


def eu_group(value: float) -> str | None:
    """leader (>= 125 % of the EU), strong (100-125 %), moderate (70-100 %), emerging (< 70 %): the Regional
    Innovation Scoreboard's thresholds, read on the ratio-scale index against the EU."""
    if value is None or np.isnan(value):
        return None
    return next(name for limit, name in EU_GROUPS if value >= limit)


def against_reference(low: float, high: float) -> str | None:
    """clearly_above / near / clearly_below Riket (= 100) from the interval of the ratio-scale index; above/below
    where the interval has no width (nothing could vary)."""
    if low is None or high is None or np.isnan(low) or np.isnan(high):
        return None
    if high - low < 1e-9:
        return "above" if low > 100 + 1e-9 else "below" if high < 100 - 1e-9 else "near"
    return "clearly_above" if low > 100 else "clearly_below" if high < 100 else "near"


def tiers(frame: pd.DataFrame) -> pd.Series:
    """Tiers of regions whose rank intervals separate, within one year and unit: ``frame`` has ``rank``,
    ``rank_low``, ``rank_high`` (one row per region). In order of rank, a region joins the current tier while its
    interval reaches the interval of the tier's first (best) region; the first one whose interval lies wholly below
    it opens the next tier. Regions in one tier cannot be told apart from its best; a region without an interval
    gets none."""
    out = pd.Series(np.nan, index=frame.index)
    ordered = frame.dropna(subset=["rank", "rank_low", "rank_high"]).sort_values(["rank", "rank_low"])
    labels, tier, head_high = [], 0, None
    for low, high in zip(ordered["rank_low"].to_numpy(), ordered["rank_high"].to_numpy()):
        if head_high is None or low > head_high:
            tier += 1
            head_high = high
        labels.append(tier)
    out[ordered.index] = labels
    return out
