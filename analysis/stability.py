"""How stable METRIC's selection and PC1 are with only ~12 years (beyond the report): leave-one-year-out and a
bootstrap over years. For every resample the first-pass PCA is re-run; a series passes when its PC1-PC2 plane cos2
reaches the threshold. Series that are constant within a resample cannot be standardised there and are not
evaluated in it (n_evaluated says how often each one was)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.pca import pca


def _resamples(data: pd.DataFrame, n_boot: int, seed: int):
    for year in data.index:
        yield "leave_one_year_out", data.drop(index=year)
    rng = np.random.default_rng(seed)
    n = len(data)
    for _ in range(n_boot):
        yield "bootstrap", data.iloc[rng.integers(0, n, size=n)]


def selection_stability(data: pd.DataFrame, cos2_threshold: float, n_boot: int, seed: int) -> pd.DataFrame:
    """Long table: per method, one row per series (metric cos2_pass_share) and one PC1 row (pc1_pct_variance with
    mean and a 95 % percentile interval)."""
    passes: dict[tuple[str, str], list[bool]] = {}
    pc1: dict[str, list[float]] = {}
    for method, sample in _resamples(data, n_boot, seed):
        sample = sample.loc[:, sample.std(ddof=0) > 0]
        if sample.shape[1] < 2 or sample.shape[0] < 3:
            continue
        result = pca(sample.reset_index(drop=True))
        plane = result.plane_cos2()
        for series in sample.columns:
            passes.setdefault((method, series), []).append(bool(plane[series] >= cos2_threshold))
        pc1.setdefault(method, []).append(float(result.eigenvalues["pct_variance"].iloc[0]))
    rows = []
    for (method, series), flags in sorted(passes.items()):
        rows.append({"method": method, "metric": "cos2_pass_share", "series_id": series,
                     "value": float(np.mean(flags)), "lower": None, "upper": None, "n_evaluated": len(flags)})
    for method, shares in sorted(pc1.items()):
        rows.append({"method": method, "metric": "pc1_pct_variance", "series_id": None,
                     "value": float(np.mean(shares)), "lower": float(np.percentile(shares, 2.5)),
                     "upper": float(np.percentile(shares, 97.5)), "n_evaluated": len(shares)})
    frame = pd.DataFrame(rows)
    for col in ("lower", "upper"):
        frame[col] = frame[col].astype("float64")
    return frame
