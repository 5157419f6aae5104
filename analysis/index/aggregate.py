"""Aggregation: dimension scores from their indicators and the overall index from the dimensions, on a 0-100 scale;
ranks among the regions of an edition; performance groups relative to Riket's score (EIS/RIS).

A dimension score needs ``min_share_present`` of its indicators (else missing, with the count); the overall index
needs every dimension of its edition, so within an edition every region and Riket are scored on the same
dimensions. Weights are equal within a dimension; the dimensions' weights come from the index_weights seed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.index.settings import GROUPS, RIKET


def positive(scores: pd.DataFrame, normalisation: str) -> pd.DataFrame:
    """Scores on a 1-100 scale for a geometric mean (which needs positive values; a Riket index already is)."""
    if normalisation == "riket_index":
        return scores.clip(lower=1e-9)
    if normalisation == "zscore":
        low, high = scores.min(), scores.max()
        return 1 + 99 * (scores - low) / (high - low).replace(0, 1)
    return 1 + 99 * scores


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


def dimension_scores(normalised: pd.DataFrame, groups: Mapping[str, Sequence[str]], method: str, min_share: float,
                     normalisation: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, indicators present) per row and dimension: the equal-weight mean of its indicators (arithmetic, or
    geometric on a 1-100 scale)."""
    values = positive(normalised, normalisation) if method == "geometric" else normalised
    out, present = pd.DataFrame(index=normalised.index), pd.DataFrame(index=normalised.index)
    for name, columns in groups.items():
        columns = [c for c in columns if c in values.columns]
        if not columns:
            continue
        score, n = weighted_mean(values[columns].to_numpy(dtype=float), np.ones(len(columns)), method)
        enough = n >= np.ceil(min_share * len(columns) - 1e-9)
        out[name] = np.where(enough, score, np.nan)
        present[name] = n
    return out, present


def overall_scores(dims: pd.DataFrame, weights: Mapping[str, float]) -> tuple[pd.Series, pd.Series]:
    """The weighted arithmetic mean of the dimensions present in each row's edition; a row lacking one of its
    edition's dimensions gets none. Returns (score, dimensions present)."""
    w = np.array([weights.get(d, 1.0) for d in dims.columns], dtype=float)
    block = dims.to_numpy(dtype=float)
    score, n = weighted_mean(block, w, "arithmetic")
    editions = dims.index.get_level_values("edition")
    # the dimensions scored in an edition: those any row of that edition has
    scored = dims.notna().groupby(level="edition").any().sum(axis=1)
    need = scored.reindex(editions).to_numpy()
    return (pd.Series(np.where(n >= need, score, np.nan), index=dims.index),
            pd.Series(n, index=dims.index))


def to_0_100(scores: pd.DataFrame | pd.Series, normalisation: str, aggregation: str):
    """Scores on 0-100 for reading (min-max and rank scores are shares; z-scores are shown as 50 + 10 z, a T-score;
    geometric scores already run 1-100; a Riket index reads as Riket = 100)."""
    if aggregation == "geometric" and normalisation != "riket_index":
        return scores
    return 50 + 10 * scores if normalisation == "zscore" else 100 * scores


def performance_group(ratio: float) -> str | None:
    """leader >= 125 %, strong 100-125 %, moderate 70-100 %, emerging < 70 % of Riket's score."""
    if ratio is None or np.isnan(ratio):
        return None
    return next(name for limit, name in GROUPS if ratio >= limit)


def ranks(scores: pd.Series) -> pd.Series:
    """1 = best among the regions of an edition (ties share the best rank); Riket is not ranked."""
    regions = scores[scores.index.get_level_values("region_code") != RIKET]
    return regions.groupby(level="edition").rank(ascending=False, method="min")
