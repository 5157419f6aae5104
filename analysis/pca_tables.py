"""METRIC's PCA as tables, each structure beside what noise gives: the two-pass PCA (``metric_pca``), parallel
analysis for every component of both passes, and, where given, the random-walk baseline for PC1's share before
and after selection. Used for the PCA over years and for the cross-section PCA over the län."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.null_models import empirical_p_interval, parallel_analysis
from analysis.pca import MetricPCA, metric_pca

ALPHA = 0.05


@dataclass(frozen=True)
class PCATables:
    eigenvalues: pd.DataFrame  # pass, component, eigenvalue, pct, cumulative, null columns, distinguishable flag
    variables: pd.DataFrame  # series_id, component, coord, cos2, contrib, role, plane cos2, selection columns
    individuals: pd.DataFrame  # individual, component, coord, cos2, contrib
    result: MetricPCA


def pca_tables(wide: pd.DataFrame, cos2_threshold: float, n_permutations: int, seed: int,
               sign_reference: Sequence[float] | None = None,
               random_walk: pd.DataFrame | None = None) -> PCATables:
    result = metric_pca(wide, cos2_threshold, sign_reference=sign_reference)
    kept = result.selection.loc[result.selection["kept"], "series_id"].tolist()
    parts = []
    for name, pass_result, data in (("first", result.first, wide), ("final", result.final, wide[kept])):
        null = parallel_analysis(data, n_permutations, seed)[["component", "null_parallel_q95", "p_parallel",
                                                              "p_parallel_low", "p_parallel_high"]]
        parts.append(pass_result.eigenvalues.assign(**{"pass": name}).merge(null, on="component", how="left"))
    eigen = pd.concat(parts, ignore_index=True)
    for column in ("null_random_walk_q95", "p_random_walk", "p_random_walk_low", "p_random_walk_high"):
        eigen[column] = np.nan
    eigen["n_random_walks"] = 0
    if random_walk is not None and len(random_walk):
        for name, column in (("first", "pc1_pct_first"), ("final", "pc1_pct_selected")):
            row = (eigen["pass"] == name) & (eigen["component"] == "PC1")
            sample = random_walk[column].dropna().to_numpy()
            eigen.loc[row, "null_random_walk_q95"] = float(np.quantile(sample, 0.95))
            p, low, high = empirical_p_interval(sample, float(eigen.loc[row, "pct_variance"].iloc[0]))
            eigen.loc[row, ["p_random_walk", "p_random_walk_low", "p_random_walk_high", "n_random_walks"]] = [
                p, low, high, len(sample)]
    # distinguishable only where the whole Monte-Carlo interval of each p-value lies below the level: an interval
    # straddling 0.05 is "not distinguishable", never a coin toss reported as a finding
    eigen["distinguishable_from_noise"] = (eigen["p_parallel_high"] < ALPHA) & (
        eigen["p_random_walk"].isna() | (eigen["p_random_walk_high"] < ALPHA))
    eigen["noise_verdict"] = np.select(
        [eigen["distinguishable_from_noise"],
         (eigen["p_parallel_low"] < ALPHA) | (eigen["p_random_walk_low"] < ALPHA)],
        ["distinguishable", "not distinguishable: the p-value's Monte-Carlo interval straddles 0.05"],
        "not distinguishable")
    final = result.final
    active = final.variables_long().rename(columns={"variable": "series_id"}).assign(role="active")
    active = active.merge(final.plane_cos2().rename("plane_cos2_pc1_pc2"), left_on="series_id", right_index=True)
    sup = result.supplementary
    supplementary = pd.DataFrame([
        {"series_id": s, "component": c, "coord": float(sup.loc[s, c]), "cos2": float(sup.loc[s, c]) ** 2,
         "contrib": None, "role": "supplementary",
         "plane_cos2_pc1_pc2": float(sum(sup.loc[s, k] ** 2 for k in ("PC1", "PC2") if k in sup.columns))}
        for s in sup.index for c in sup.columns])
    variables = pd.concat([active, supplementary], ignore_index=True) if len(supplementary) else active
    variables["contrib"] = variables["contrib"].astype("float64")
    variables = variables.merge(result.selection, on="series_id")
    individuals = final.individuals_long()
    return PCATables(eigen, variables, individuals, result)


def verdict(eigen: pd.DataFrame, pass_name: str = "final") -> dict:
    """PC1's share, its null thresholds and whether it is distinguishable from noise, for the words of the report."""
    row = eigen[(eigen["pass"] == pass_name) & (eigen["component"] == "PC1")].iloc[0]
    return {"pc1_pct": float(row["pct_variance"]), "p_parallel": float(row["p_parallel"]),
            "p_random_walk": None if pd.isna(row["p_random_walk"]) else float(row["p_random_walk"]),
            "p_random_walk_interval": None if pd.isna(row["p_random_walk"]) else
            [float(row["p_random_walk_low"]), float(row["p_random_walk_high"])],
            "verdict": row["noise_verdict"],
            "null_random_walk_q95": None if pd.isna(row["null_random_walk_q95"]) else float(row["null_random_walk_q95"]),
            "distinguishable": bool(row["distinguishable_from_noise"])}
