"""How stable METRIC's selection and PC1 are with only ~12 years (beyond the report): leave-one-year-out (the
jackknife) and a moving-block bootstrap over years.

Years are a time series, not independent draws: an i.i.d. bootstrap over 12 years keeps about 7.9 distinct years per
resample and inflates PC1's share. The moving-block bootstrap resamples blocks of ``block_length`` consecutive
years (circularly). Resampled years repeat, and repeats inflate PC1 whatever the block length, so the
bootstrap's bias ``b = mean - t`` is recorded and removed: the interval is the bias-corrected percentile interval
``[q2.5 - b, q97.5 - b]``, centred on the full-data estimate; the jackknife gives ``t_jack = n t - (n - 1) mean(t_-i)`` with its standard
error and a normal interval. For every resample the first-pass PCA is re-run; a series passes when its PC1-PC2 plane
cos2 reaches the threshold. Series constant within a resample are not evaluated in it (n_evaluated says how often
each one was).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.pca import pca


def default_block_length(n_years: int) -> int:
    """n^(1/3) rounded, at least 2 (the usual rate for a moving-block bootstrap of a short series)."""
    return max(2, round(n_years ** (1 / 3)))


def block_indices(n: int, block_length: int, rng: np.random.Generator) -> np.ndarray:
    """Row positions of one circular moving-block resample of length ``n``."""
    starts = rng.integers(0, n, size=math.ceil(n / block_length))
    return np.concatenate([(s + np.arange(block_length)) % n for s in starts])[:n]


def iid_indices(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, n, size=n)


def pc1_share(sample: pd.DataFrame) -> float | None:
    sample = sample.loc[:, sample.std(ddof=0) > 0]
    if sample.shape[1] < 2 or sample.shape[0] < 3:
        return None
    return float(pca(sample.reset_index(drop=True)).eigenvalues["pct_variance"].iloc[0])


def selection_stability(data: pd.DataFrame, cos2_threshold: float, n_boot: int, seed: int,
                        block_length: int | None = None) -> pd.DataFrame:
    """Long table: per method (``leave_one_year_out``, ``moving_block_bootstrap``), one row per series (metric
    ``cos2_pass_share``) and one PC1 row (``pc1_pct_variance``: estimate, interval, bias, n_evaluated, block
    length)."""
    n = len(data)
    block_length = block_length or default_block_length(n)
    rng = np.random.default_rng(seed)
    samples = [("leave_one_year_out", data.drop(index=year)) for year in data.index]
    samples += [("moving_block_bootstrap", data.iloc[block_indices(n, block_length, rng)]) for _ in range(n_boot)]
    passes: dict[tuple[str, str], list[bool]] = {}
    shares: dict[str, list[float]] = {}
    for method, sample in samples:
        sample = sample.loc[:, sample.std(ddof=0) > 0]
        if sample.shape[1] < 2 or sample.shape[0] < 3:
            continue
        result = pca(sample.reset_index(drop=True))
        plane = result.plane_cos2()
        for series in sample.columns:
            passes.setdefault((method, series), []).append(bool(plane[series] >= cos2_threshold))
        shares.setdefault(method, []).append(float(result.eigenvalues["pct_variance"].iloc[0]))
    full = pc1_share(data)
    rows = [{"method": method, "metric": "cos2_pass_share", "series_id": series, "value": float(np.mean(flags)),
             "lower": None, "upper": None, "bias": None, "n_evaluated": len(flags), "block_length": None}
            for (method, series), flags in sorted(passes.items())]
    if full is not None and shares.get("leave_one_year_out"):
        loo = np.array(shares["leave_one_year_out"])
        k = len(loo)
        jack = k * full - (k - 1) * loo.mean()
        se = math.sqrt((k - 1) / k * ((loo - loo.mean()) ** 2).sum())
        rows.append({"method": "leave_one_year_out", "metric": "pc1_pct_variance", "series_id": None,
                     "value": float(jack), "lower": float(jack - 1.96 * se), "upper": float(jack + 1.96 * se),
                     "bias": float(full - jack), "n_evaluated": k, "block_length": None})
    if full is not None and shares.get("moving_block_bootstrap"):
        boot = np.array(shares["moving_block_bootstrap"])
        low, high = np.percentile(boot, [2.5, 97.5])
        bias = float(boot.mean() - full)
        rows.append({"method": "moving_block_bootstrap", "metric": "pc1_pct_variance", "series_id": None,
                     "value": full, "lower": float(low - bias), "upper": float(high - bias),
                     "bias": bias, "n_evaluated": len(boot), "block_length": block_length})
    frame = pd.DataFrame(rows)
    for col in ("lower", "upper", "bias"):
        frame[col] = frame[col].astype("float64")
    frame["block_length"] = frame["block_length"].astype("Int64")
    return frame
