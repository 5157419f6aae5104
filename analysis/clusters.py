"""The two indicator clusters the report contrasts (research/knowledge vs market/digital) and their correlation.

By default the clusters are defined by meaning: a configurable mapping of METRIC dimensions (the report's reading:
FoU, human capital and culture vs markets, technology, financial capital and entrepreneurship). The sign of PC1
(``pc1_sign``) is kept as an option only: two groups cut at PC1's sign are anti-correlated by construction. A
cluster's score in a year is the mean of its series' standardised values (population SD), each oriented by polarity
so that higher means better; the clusters' correlation is Pearson's r between their yearly scores, reported with its
Fisher-z 95 % interval and n (the report: r ~ -0.38, n = 12: [-0.78, +0.25]).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

RESEARCH, MARKET = "research_knowledge", "market_digital"


def assign_clusters(pc1: pd.Series, dimensions: pd.Series, method: str,
                    cluster_dimensions: Mapping[str, tuple[str, ...]]) -> pd.Series:
    """series_id -> cluster name (``research_knowledge`` or ``market_digital``)."""
    by_dimension = {d: name for name, dims in cluster_dimensions.items() for d in dims}
    if method == "dimension":
        return dimensions.map(by_dimension).dropna()
    negative = pc1.index[pc1 < 0]
    positive = pc1.index[pc1 >= 0]

    def research_share(members) -> float:
        labels = [by_dimension.get(dimensions.get(s)) for s in members]
        return sum(label == RESEARCH for label in labels) / len(labels) if labels else 0.0

    research_side = negative if research_share(negative) >= research_share(positive) else positive
    return pd.Series({s: RESEARCH if s in research_side else MARKET for s in pc1.index}, name="cluster")


def cluster_scores(data: pd.DataFrame, clusters: pd.Series, polarity: pd.Series) -> pd.DataFrame:
    """Years x clusters: the mean polarity-oriented z-score of each cluster's series."""
    z = (data - data.mean()) / data.std(ddof=0)
    z = z * polarity.reindex(z.columns).fillna(1).to_numpy()
    scores = {name: z[list(members)].mean(axis=1)
              for name, members in clusters.groupby(clusters).groups.items() if len(members)}
    return pd.DataFrame(scores).sort_index()


def cluster_correlation(scores: pd.DataFrame) -> float | None:
    if RESEARCH not in scores or MARKET not in scores:
        return None
    a, b = scores[RESEARCH].to_numpy(), scores[MARKET].to_numpy()
    if np.std(a) == 0 or np.std(b) == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def fisher_interval(r: float | None, n: int, level: float = 0.95) -> tuple[float | None, float | None]:
    """The Fisher-z interval of a Pearson correlation: tanh(atanh(r) -/+ z_(1-a/2) / sqrt(n - 3))."""
    if r is None or n <= 3 or not -1 < r < 1:
        return None, None
    from statistics import NormalDist

    z = np.arctanh(r)
    half = NormalDist().inv_cdf(0.5 + level / 2) / np.sqrt(n - 3)
    return float(np.tanh(z - half)), float(np.tanh(z + half))
