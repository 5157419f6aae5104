"""Outlier treatment as COINr's ``Treat()`` does it by default, decided over the regions' observations only (Riket
is an aggregate of the regions, not one of them), with Box-Cox as the alternative the uncertainty analysis tries:

1. ``check_SkewKurt``: an indicator passes when |skewness| < 2 or kurtosis < 3.5 (both of e1071's type 2, as COINr
   computes them: pandas' ``skew`` and ``kurt``);
2. if it fails, ``winsorise``: the most extreme value (on the side of the skew; tied values together) is set to the
   next one, repeated until it passes or 5 points are winsorised (counted cumulatively, as COINr's documentation
   says; its code counts only the last step's points);
3. if it still fails, ``log_CT`` on the original values: ``log(x - min(x) + 0.01 (max(x) - min(x)))``.

The alternative (``method="boxcox"``): an indicator that fails step 1 gets the Box-Cox transformation of the same
shifted values, ``((x - min + 0.01 range)^lambda - 1) / lambda``, lambda by maximum likelihood over the regions'
observations within [-3, 3] (the log is lambda = 0): a transformation fitted to the data instead of COINr's fixed log.

Skewness and kurtosis are recorded before and after for every indicator, with whether it passes after treatment.
Riket's value is treated with the regions' transformation: clipped to the same caps, or logged with the same
minimum and range (a value below the regions' minimum is set to it first, so the log stays defined).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.index.settings import IndexSettings


def skewness(x: pd.Series) -> float:
    x = x.dropna()
    return float(x.skew()) if len(x) >= 3 else math.nan


def kurtosis(x: pd.Series) -> float:
    x = x.dropna()
    return float(x.kurt()) if len(x) >= 4 else math.nan


def passes(x: pd.Series, settings: IndexSettings) -> bool:
    """COINr's check_SkewKurt: |skew| < limit or kurtosis < limit (an indicator too short to test passes)."""
    s, k = skewness(x), kurtosis(x)
    if math.isnan(s) or math.isnan(k):
        return True
    return abs(s) < settings.skew_limit or k < settings.kurtosis_limit


def log_ct(x: pd.Series, minimum: float | None = None, span: float | None = None) -> pd.Series:
    """COINr's log_CT: log(x - min + 0.01 (max - min)); ``minimum``/``span`` from a reference (the regions)."""
    minimum = float(x.min()) if minimum is None else minimum
    span = float(x.max() - x.min()) if span is None else span
    return np.log((x - minimum).clip(lower=0) + 0.01 * span)


def box_cox(x: pd.Series, minimum: float, span: float, lam: float) -> pd.Series:
    """Box-Cox of the values shifted as log_CT shifts them: ((x - min + 0.01 range)^lambda - 1) / lambda."""
    shifted = (x - minimum).clip(lower=0) + 0.01 * span
    return np.log(shifted) if abs(lam) < 1e-12 else (shifted ** lam - 1) / lam


@dataclass(frozen=True)
class Treatment:
    series_id: str
    method: str  # none, winsorised, log_CT or box_cox
    n_observations: int
    skew_before: float
    kurtosis_before: float
    skew_after: float
    kurtosis_after: float
    passes_after: bool
    low_cap: float = -math.inf
    high_cap: float = math.inf
    log_min: float = math.nan
    log_span: float = math.nan
    box_cox_lambda: float = math.nan
    points: list[dict] = field(default_factory=list)  # region_code, year, original, treated

    def apply(self, values: pd.Series) -> pd.Series:
        """The transformation applied to any values (the panel's regions and Riket)."""
        if self.method == "winsorised":
            return values.clip(lower=self.low_cap, upper=self.high_cap)
        if self.method == "log_CT":
            return log_ct(values, self.log_min, self.log_span)
        if self.method == "box_cox":
            return box_cox(values, self.log_min, self.log_span, self.box_cox_lambda)
        return values

    def record(self) -> dict:
        return {"series_id": self.series_id, "method": self.method, "n_observations": self.n_observations,
                "n_points_treated": len(self.points) if self.method == "winsorised" else
                (self.n_observations if self.method in ("log_CT", "box_cox") else 0),
                "skew_before": self.skew_before, "kurtosis_before": self.kurtosis_before,
                "skew_after": self.skew_after, "kurtosis_after": self.kurtosis_after,
                "passes_after": self.passes_after, "box_cox_lambda": self.box_cox_lambda}


def winsorise(x: pd.Series, settings: IndexSettings) -> tuple[pd.Series, list[tuple], float, float]:
    """COINr's winsorise: (values, points (index, original, new), low cap, high cap)."""
    x = x.astype(float).copy()
    points: list[tuple] = []
    low, high = -math.inf, math.inf
    while not passes(x, settings) and len(points) < settings.max_winsorised:
        clean = x.dropna()
        if skewness(clean) >= 0:
            top = clean.max()
            extreme = clean.index[clean == top]
            new = clean[clean < top].max()
            high = new
        else:
            bottom = clean.min()
            extreme = clean.index[clean == bottom]
            new = clean[clean > bottom].min()
            low = new
        for i in extreme:
            points.append((i, float(x[i]), float(new)))
        x[extreme] = new
    return x, points, low, high


def treat_series(series_id: str, observations: pd.Series, settings: IndexSettings,
                 method: str = "coinr") -> Treatment:
    """COINr's default treatment of one indicator over ``observations`` (indexed by region_code, year), or
    (``method="boxcox"``) Box-Cox where it fails the test."""
    x = observations.dropna().astype(float)
    before = (skewness(x), kurtosis(x))
    if method == "none" or passes(x, settings):
        return Treatment(series_id, "none", len(x), *before, *before, passes(x, settings))
    if method == "boxcox":
        from scipy.stats import boxcox_normmax

        minimum, span = float(x.min()), float(x.max() - x.min())
        shifted = (x - minimum) + 0.01 * span
        # lambda by maximum likelihood, kept within [-3, 3] (beyond it the powers overflow and mean nothing)
        lam = float(np.clip(boxcox_normmax(shifted.to_numpy(), method="mle"), -3, 3)) if span > 0 else 0.0
        transformed = box_cox(x, minimum, span, lam)
        return Treatment(series_id, "box_cox", len(x), *before, skewness(transformed), kurtosis(transformed),
                         passes(transformed, settings), log_min=minimum, log_span=span, box_cox_lambda=lam)
    winsorised, points, low, high = winsorise(x, settings)
    if passes(winsorised, settings):
        return Treatment(series_id, "winsorised", len(x), *before, skewness(winsorised), kurtosis(winsorised), True,
                         low_cap=low, high_cap=high,
                         points=[{"region_code": r, "year": int(y), "original": o, "treated": n}
                                 for (r, y), o, n in points])
    minimum, span = float(x.min()), float(x.max() - x.min())
    logged = log_ct(x, minimum, span)
    return Treatment(series_id, "log_CT", len(x), *before, skewness(logged), kurtosis(logged),
                     passes(logged, settings), log_min=minimum, log_span=span)


def treat(observations: pd.DataFrame, settings: IndexSettings, method: str = "coinr") -> dict[str, Treatment]:
    """Every series of ``observations`` (series_id, region_code, year, value: the regions only)."""
    out = {}
    for series_id, group in observations.groupby("series_id", sort=True):
        out[series_id] = treat_series(series_id, group.set_index(["region_code", "year"])["value"], settings, method)
    return out
