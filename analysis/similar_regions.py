"""Similar län: each län's nearest neighbours in structure, not in performance, as Kolada's comparison groups are
for kommuner. A region is compared fairly with regions like it: a small, sparse, forest-and-industry län with one
university town is not Stockholm.

Method (every choice in ``SimilarSettings`` and recorded with the table):

* Four structural concepts, each from published values (``marts.mart_region_structure``): **size** (log of the
  population), **density** (log of inhabitants per km2), **urban share** (population 16-74 in SKR's storstäder and
  större städer) and **industry mix** (employment shares of primary production A, industry B-E, construction F,
  trade and transport G-I, knowledge-intensive services J + K + M-N and the public sector O-Q).
* Every variable is standardised over the 21 län (z-scores, population SD). The distance between two län is the
  Euclidean distance in which each concept weighs the same: a concept's variables share its weight, so six industry
  shares count as much as the population.
* A län's similar län are its ``k`` nearest (5 by default, a quarter of the others).
* **How firm a neighbour is**: the nearest-neighbour sets are recomputed leaving each concept out in turn;
  ``stability`` is the share of those runs that keep the neighbour among the ``k`` nearest (for comparison, a län
  drawn at random is among them with probability k / 20). A neighbour kept in every run (``robust_stability`` 1)
  does not hang on any one concept; one that drops out when a concept is left out is reported as not robust.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

# concept -> the derived variables it is made of
CONCEPTS: dict[str, tuple[str, ...]] = {
    "size": ("log_population",),
    "density": ("log_population_density",),
    "urban_share": ("urban_share",),
    "industry_mix": ("employment_share_a", "employment_share_b_e", "employment_share_f", "employment_share_g_i",
                     "employment_share_knowledge", "employment_share_o_q"),
}
KNOWLEDGE_SECTIONS = ("employment_share_j", "employment_share_k", "employment_share_m_n")
# the industry shares taken as they are (the knowledge-intensive one is the sum of KNOWLEDGE_SECTIONS)
_DIRECT_SHARES = tuple(v for v in CONCEPTS["industry_mix"] if v != "employment_share_knowledge")


@dataclass(frozen=True)
class SimilarSettings:
    k: int = 5
    concept_weights: dict[str, float] = field(default_factory=lambda: {c: 1.0 for c in CONCEPTS})
    robust_stability: float = 1.0

    def as_dict(self) -> dict:
        return asdict(self) | {"concepts": {c: list(v) for c, v in CONCEPTS.items()}}


def structure_variables(structure: pd.DataFrame) -> pd.DataFrame:
    """``structure``: rows of mart_region_structure (region_code, variable, value). Returns one row per län and one
    column per derived variable of ``CONCEPTS`` (logs of population and density, the knowledge-intensive sections
    summed)."""
    wide = structure.pivot_table(index="region_code", columns="variable", values="value", aggfunc="first")
    missing = [v for v in ("population", "population_density", "urban_share", *_DIRECT_SHARES, *KNOWLEDGE_SECTIONS)
               if v not in wide]
    if missing:
        raise ValueError(f"similar län: mart_region_structure lacks {', '.join(missing)}")
    derived = pd.DataFrame(index=wide.index)
    derived["log_population"] = np.log(wide["population"])
    derived["log_population_density"] = np.log(wide["population_density"])
    derived["urban_share"] = wide["urban_share"]
    for v in _DIRECT_SHARES:
        derived[v] = wide[v]
    derived["employment_share_knowledge"] = wide[list(KNOWLEDGE_SECTIONS)].sum(axis=1)
    if derived.isna().any().any():
        gaps = derived.isna().stack()
        raise ValueError("similar län: a län lacks a structural variable: "
                         + ", ".join(f"{r} {v}" for (r, v), gap in gaps.items() if gap))
    return derived


def standardised(derived: pd.DataFrame) -> pd.DataFrame:
    """z-scores over the län (population SD); a variable that does not vary is 0 everywhere."""
    sd = derived.std(ddof=0).replace(0, np.nan)
    return ((derived - derived.mean()) / sd).fillna(0.0)


def distances(z: pd.DataFrame, weights: dict[str, float],
              concepts: dict[str, tuple[str, ...]] | None = None) -> pd.DataFrame:
    """The weighted Euclidean distance between every pair of regions: each concept's weight shared by its
    variables."""
    total = np.zeros((len(z), len(z)))
    for concept, variables in (concepts or CONCEPTS).items():
        w = weights.get(concept, 0.0)
        if not w:
            continue
        for v in variables:
            x = z[v].to_numpy()
            total += (w / len(variables)) * (x[:, None] - x[None, :]) ** 2
    return pd.DataFrame(np.sqrt(total), index=z.index, columns=z.index)


def nearest(dist: pd.DataFrame, k: int, targets: list[str] | None = None) -> dict[str, list[str]]:
    """Each target region's ``k`` nearest other regions, nearest first (ties broken by region code)."""
    out = {}
    for region in targets if targets is not None else dist.index:
        row = dist.loc[region].drop(region)
        out[region] = sorted(row.index, key=lambda other: (row[other], other))[:k]
    return out


def neighbours(derived: pd.DataFrame, concepts: dict[str, tuple[str, ...]], weights: dict[str, float], k: int,
               robust_stability: float = 1.0, targets: list[str] | None = None) -> pd.DataFrame:
    """One row per target region and neighbour among all the regions of ``derived`` (one row per region, one
    column per variable of ``concepts``): region_code, peer_rank (1 = most similar), peer_code, distance, stability
    (share of the leave-one-concept-out runs keeping the peer), is_robust."""
    z = standardised(derived)
    k = min(k, len(z) - 1)
    targets = [t for t in (targets if targets is not None else list(z.index)) if t in z.index]
    dist = distances(z, weights, concepts)
    chosen = nearest(dist, k, targets)
    active = [c for c, w in weights.items() if w]
    reruns = [nearest(distances(z, {**weights, c: 0.0}, concepts), k, targets) for c in active]
    rows = []
    for region, peers in chosen.items():
        for rank, peer in enumerate(peers, start=1):
            kept = sum(peer in run[region] for run in reruns) / len(reruns) if reruns else np.nan
            rows.append({"region_code": region, "peer_rank": rank, "peer_code": peer,
                         "distance": float(dist.loc[region, peer]), "stability": float(kept),
                         "is_robust": bool(kept >= robust_stability)})
    return pd.DataFrame(rows)


def similar_regions(structure: pd.DataFrame, settings: SimilarSettings = SimilarSettings()) -> pd.DataFrame:
    """One row per län and neighbour: region_code, peer_rank (1 = most similar), peer_code, distance, stability
    (share of the leave-one-concept-out runs keeping the peer), is_robust."""
    return neighbours(structure_variables(structure), CONCEPTS, settings.concept_weights, settings.k,
                      settings.robust_stability)
