"""What noise gives: null models for every PCA, so a share of variance is read against chance.

* **Parallel analysis** (Horn 1965): each column permuted independently (the marginal distributions kept, every
  association destroyed); each eigenvalue compared with the 95th percentile of the permuted eigenvalues, p-value
  ``(1 + #(null >= observed)) / (1 + n)``.
* **Random-walk baseline** (the audit's): independent random walks observed in the same years as the real series,
  filled in the same way (linear between observations, carried at the ends within the window) and selected by the
  same cos2 rule; PC1's share before and after selection compared with the baseline's distribution. Trending
  series share a time axis by construction, so this is the baseline for "PC1 explains more than 50 %".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd


def _correlation(data: np.ndarray) -> np.ndarray:
    """The correlation matrix with population SDs (FactoMineR's standardisation)."""
    z = (data - data.mean(axis=0)) / data.std(axis=0)
    return (z.T @ z) / len(z)


def eigenvalues(data: np.ndarray) -> np.ndarray:
    """Eigenvalues of the correlation matrix, descending (= FactoMineR's for standardised data)."""
    return np.sort(np.linalg.eigvalsh(_correlation(data)))[::-1].clip(min=0)


def _plane_cos2(data: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eigh(_correlation(data))
    order = np.argsort(values)[::-1][:2]
    coords = vectors[:, order] * np.sqrt(values[order].clip(min=0))
    return (coords ** 2).sum(axis=1)


def parallel_analysis(data: pd.DataFrame, n_permutations: int, seed: int, quantile: float = 0.95) -> pd.DataFrame:
    """Per component: observed eigenvalue, the null's ``quantile``, the p-value and its Monte-Carlo interval."""
    x = data.to_numpy(dtype=float)
    observed = eigenvalues(x)
    rng = np.random.default_rng(seed)
    null = np.empty((n_permutations, len(observed)))
    for i in range(n_permutations):
        permuted = np.column_stack([rng.permutation(x[:, j]) for j in range(x.shape[1])])
        null[i] = eigenvalues(permuted)
    intervals = [empirical_p_interval(null[:, k], observed[k]) for k in range(len(observed))]
    return pd.DataFrame({
        "component": [f"PC{k + 1}" for k in range(len(observed))],
        "eigenvalue": observed,
        "null_parallel_q95": np.quantile(null, quantile, axis=0),
        "p_parallel": (1 + (null >= observed - 1e-12).sum(axis=0)) / (1 + n_permutations),
        "p_parallel_low": [i[1] for i in intervals],
        "p_parallel_high": [i[2] for i in intervals],
    })


def _fill(years: Sequence[int], observed_years: Sequence[int], values: np.ndarray) -> np.ndarray:
    return np.interp(np.asarray(years, dtype=float), np.asarray(observed_years, dtype=float), values)


def random_walk_baseline(observed_years: Mapping[str, Sequence[int]], years: Sequence[int], cos2_threshold: float,
                         n_simulations: int, seed: int) -> pd.DataFrame:
    """PC1's share of variance (first pass: every series; after selection: the series reaching ``cos2_threshold``
    on the PC1-PC2 plane) in ``n_simulations`` panels of independent Gaussian random walks, each observed in the
    years its real series was observed and filled in over ``years`` like the real matrix."""
    rng = np.random.default_rng(seed)
    span = np.arange(min(min(o) for o in observed_years.values()), max(max(o) for o in observed_years.values()) + 1)
    rows = []
    for _ in range(n_simulations):
        columns = []
        for obs in observed_years.values():
            walk = np.cumsum(rng.normal(size=len(span)))
            columns.append(_fill(years, obs, walk[np.searchsorted(span, obs)]))
        x = np.column_stack(columns)
        x = x[:, x.std(axis=0) > 0]
        if x.shape[1] < 2:
            continue
        first = eigenvalues(x)
        kept = x[:, _plane_cos2(x) >= cos2_threshold]
        selected = eigenvalues(kept) if kept.shape[1] >= 2 else np.array([np.nan])
        rows.append({"pc1_pct_first": 100 * first[0] / x.shape[1],
                     "pc1_pct_selected": 100 * selected[0] / kept.shape[1] if kept.shape[1] >= 2 else np.nan,
                     "share_kept": kept.shape[1] / x.shape[1]})
    return pd.DataFrame(rows)


def empirical_p_interval(null: np.ndarray, observed: float, confidence: float = 0.95) -> tuple[float, float, float]:
    """The empirical p-value and the Monte-Carlo interval around it: (p, low, high), the interval being Clopper and
    Pearson's exact binomial interval for the share of the null at or above ``observed`` (so a p-value from 200
    simulations reads 0.045 with an interval of about 0.02-0.08, and one from 5,000 with about 0.04-0.05)."""
    from scipy.stats import binomtest

    null = np.asarray(null, dtype=float)
    null = null[~np.isnan(null)]
    k = int((null >= observed - 1e-12).sum())
    interval = binomtest(k, len(null)).proportion_ci(confidence_level=confidence, method="exact")
    return empirical_p(null, observed), float(interval.low), float(interval.high)


def empirical_p(null: np.ndarray, observed: float) -> float:
    """One-sided p-value of ``observed`` against a null sample: (1 + #(null >= observed)) / (1 + n)."""
    null = np.asarray(null, dtype=float)
    null = null[~np.isnan(null)]
    return float((1 + (null >= observed - 1e-12).sum()) / (1 + len(null)))
