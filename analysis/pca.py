"""Standardised PCA with FactoMineR's conventions (the reference METRIC's users know).

Individuals are the rows (years in METRIC), variables the columns (indicator series). With n rows and p columns:

* standardise with the population SD (ddof = 0): ``z = (x - mean) / sd``;
* SVD of ``Z / sqrt(n) = U S V'``; eigenvalues ``lambda_k = S_k**2``, ``% variance = 100 * lambda_k / p``;
* variable coordinates ``r_jk = V_jk * S_k`` (the correlation of variable j with component k), cos2 ``r_jk**2``,
  contributions ``100 * V_jk**2``;
* individual scores ``F_ik = sum_j z_ij V_jk``, cos2 ``F_ik**2 / sum_j z_ij**2``,
  contributions ``100 * F_ik**2 / (n * lambda_k)``.

The scikit-learn trap: ``PCA.explained_variance_`` divides by n - 1, so ``components_.T * sqrt(explained_variance_)``
on data standardised with ddof = 0 overstates every loading by ``sqrt(n / (n - 1))`` (4.4 % for n = 12, cos2 9.1 %).
This module never uses ``explained_variance_``; the equivalent from scikit-learn is ``singular_values_ / sqrt(n)``.

Sign rule (components are only defined up to sign): when a ``sign_reference`` is given (METRIC passes the years),
each component is oriented so that the individuals' scores correlate positively with it, i.e. PC1 points forward
in time; where that correlation is zero (|r| < 1e-9) or no reference is given, the variable with the largest
absolute coordinate gets a positive coordinate. The rule makes components comparable between refreshes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

_EIGEN_TOLERANCE = 1e-10


@dataclass(frozen=True)
class PCAResult:
    eigenvalues: pd.DataFrame  # component, eigenvalue, pct_variance, cumulative_pct
    var_coord: pd.DataFrame  # variables x components
    var_cos2: pd.DataFrame
    var_contrib: pd.DataFrame
    ind_coord: pd.DataFrame  # individuals x components
    ind_cos2: pd.DataFrame
    ind_contrib: pd.DataFrame
    means: pd.Series
    sds: pd.Series

    @property
    def components(self) -> list[str]:
        return list(self.var_coord.columns)

    def variables_long(self) -> pd.DataFrame:
        return _long(self.var_coord, self.var_cos2, self.var_contrib, "variable")

    def individuals_long(self) -> pd.DataFrame:
        return _long(self.ind_coord, self.ind_cos2, self.ind_contrib, "individual")

    def plane_cos2(self, first: int = 1, second: int = 2) -> pd.Series:
        """Quality of each variable's representation on the plane of two components (METRIC's cos2 cut)."""
        cols = [c for c in (f"PC{first}", f"PC{second}") if c in self.var_cos2.columns]
        return self.var_cos2[cols].sum(axis=1)


def _long(coord: pd.DataFrame, cos2: pd.DataFrame, contrib: pd.DataFrame, name: str) -> pd.DataFrame:
    frames = []
    for component in coord.columns:
        frames.append(pd.DataFrame({
            name: coord.index,
            "component": component,
            "coord": coord[component].to_numpy(),
            "cos2": cos2[component].to_numpy(),
            "contrib": contrib[component].to_numpy(),
        }))
    return pd.concat(frames, ignore_index=True)


def standardise(data: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Centre and scale every column with its mean and population standard deviation (ddof = 0)."""
    if data.isna().any().any():
        missing = [c for c in data.columns if data[c].isna().any()]
        raise ValueError(f"PCA input has missing values in {missing}: impute first")
    means = data.mean()
    sds = data.std(ddof=0)
    constant = [c for c in data.columns if not sds[c] > 0]
    if constant:
        raise ValueError(f"PCA input has constant columns (no variance): {constant}")
    return (data - means) / sds, means, sds


def pca(data: pd.DataFrame, sign_reference: Sequence[float] | None = None) -> PCAResult:
    """Standardised PCA of ``data`` (rows = individuals, columns = variables) with FactoMineR conventions."""
    if data.shape[0] < 2 or data.shape[1] < 2:
        raise ValueError(f"PCA needs at least 2 individuals and 2 variables, got {data.shape}")
    data = data.astype("float64")
    z, means, sds = standardise(data)
    n, p = z.shape
    u, s, vt = np.linalg.svd(z.to_numpy() / np.sqrt(n), full_matrices=False)
    eig_all = s**2
    keep = int(np.sum(eig_all > _EIGEN_TOLERANCE * p))  # rank: at most min(n - 1, p)
    s, v = s[:keep], vt[:keep].T
    scores = z.to_numpy() @ v  # F = Z V

    signs = np.ones(keep)
    reference = None if sign_reference is None else np.asarray(sign_reference, dtype=float)
    for k in range(keep):
        r = 0.0
        if reference is not None and np.std(reference) > 0:
            r = float(np.corrcoef(scores[:, k], reference)[0, 1])
        if abs(r) > 1e-9:
            signs[k] = np.sign(r)
        else:
            j = int(np.argmax(np.abs(v[:, k])))
            signs[k] = 1.0 if v[j, k] >= 0 else -1.0
    v = v * signs
    scores = scores * signs

    names = [f"PC{k + 1}" for k in range(keep)]
    eig = s**2
    var_coord = pd.DataFrame(v * s, index=data.columns, columns=names)
    var_contrib = pd.DataFrame(100 * v**2, index=data.columns, columns=names)
    row_norm2 = (z.to_numpy() ** 2).sum(axis=1)
    ind_coord = pd.DataFrame(scores, index=data.index, columns=names)
    with np.errstate(invalid="ignore", divide="ignore"):
        ind_cos2_values = np.where(row_norm2[:, None] > 0, scores**2 / row_norm2[:, None], 0.0)
    ind_cos2 = pd.DataFrame(ind_cos2_values, index=data.index, columns=names)
    ind_contrib = pd.DataFrame(100 * scores**2 / (n * eig), index=data.index, columns=names)
    pct = 100 * eig / p
    eigenvalues = pd.DataFrame({"component": names, "eigenvalue": eig, "pct_variance": pct,
                                "cumulative_pct": np.cumsum(pct)})
    return PCAResult(eigenvalues, var_coord, var_coord**2, var_contrib, ind_coord, ind_cos2, ind_contrib, means, sds)


def supplementary_variables(data: pd.DataFrame, result: PCAResult) -> pd.DataFrame:
    """Coordinates of supplementary variables: their correlations with the components' individual scores
    (FactoMineR's ``quanti.sup``). ``data`` has the same rows as the PCA input."""
    scores = result.ind_coord.loc[data.index]
    out = {}
    for component in scores.columns:
        f = scores[component].to_numpy()
        out[component] = [float(np.corrcoef(data[c].to_numpy(dtype=float), f)[0, 1]) for c in data.columns]
    return pd.DataFrame(out, index=data.columns)


@dataclass(frozen=True)
class MetricPCA:
    """METRIC's two-pass PCA: a first pass on every eligible series, the selection by plane cos2, the final pass on
    the kept series, and the excluded series projected as supplementary variables."""

    first: PCAResult
    final: PCAResult
    selection: pd.DataFrame  # series_id, first_pass_plane_cos2, kept, final_pass_plane_cos2, dropped_in_pass
    supplementary: pd.DataFrame  # excluded series x final components: correlations
    passes: int = 2


def metric_pca(data: pd.DataFrame, cos2_threshold: float = 0.3,
               sign_reference: Sequence[float] | None = None, max_passes: int = 10) -> MetricPCA:
    """Run METRIC's selection: keep the columns whose cos2 on the PC1-PC2 plane of the first pass reaches
    ``cos2_threshold``, re-run the PCA on them, and re-apply the rule to the re-run until every kept series passes
    (at most ``max_passes`` PCAs); the others are projected as supplementary variables."""
    first = pca(data, sign_reference=sign_reference)
    plane = first.plane_cos2()
    kept = [c for c in data.columns if plane[c] >= cos2_threshold]
    dropped_in = {c: 1 for c in data.columns if c not in kept}
    passes = 1
    while True:
        if len(kept) < 2:
            raise ValueError(f"only {len(kept)} series reach cos2 >= {cos2_threshold} on the PC1-PC2 plane: "
                             "too few for a final PCA; lower the threshold or add data")
        final = pca(data[kept], sign_reference=sign_reference)
        passes += 1
        final_plane = final.plane_cos2()
        below = [c for c in kept if final_plane[c] < cos2_threshold]
        if not below or passes >= max_passes:
            break
        for c in below:
            dropped_in[c] = passes
        kept = [c for c in kept if c not in below]
    excluded = [c for c in data.columns if c not in kept]
    supplementary = (supplementary_variables(data[excluded], final) if excluded
                     else pd.DataFrame(columns=final.components, dtype=float))
    selection = pd.DataFrame({"series_id": list(data.columns),
                              "first_pass_plane_cos2": [float(plane[c]) for c in data.columns],
                              "kept": [c in kept for c in data.columns],
                              "final_pass_plane_cos2": [float(final_plane[c]) if c in kept else None
                                                        for c in data.columns],
                              "dropped_in_pass": [dropped_in.get(c) for c in data.columns]})
    selection["final_pass_plane_cos2"] = selection["final_pass_plane_cos2"].astype("float64")
    selection["dropped_in_pass"] = selection["dropped_in_pass"].astype("Int64")
    return MetricPCA(first, final, selection, supplementary, passes)
