"""European peers: for each Swedish NUTS2 region, the EU's NUTS2 regions most like it in structure, not in
performance, so that Övre Norrland is read against regions that are also sparse, remote and of similar output.

Method (every choice in ``PeerSettings`` and recorded with the table), as for the similar län
(``analysis/similar_regions.py``): four concepts from published values (``marts.mart_europe_structure``):
**density** (log of inhabitants per km2, the area from the NUTS 2021 boundaries), **output** (log of GDP per
inhabitant in PPS, EU-27 = 100), **remoteness** (log of the market potential in population: the people reachable
by travel time, EU-27 = 100) and **sector mix** (the employment share of finance, real estate and business services,
K-N); each variable standardised over the EU's NUTS2 regions, each concept weighing the same; the ``k`` nearest
regions outside Sweden are the peers, and how firm each is comes from leaving each concept out in turn.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from analysis.similar_regions import neighbours

CONCEPTS: dict[str, tuple[str, ...]] = {
    "density": ("log_population_density",),
    "output": ("log_gdp_per_inhabitant",),
    "remoteness": ("log_market_potential_population",),
    "sector_mix": ("employment_share_k_n",),
}
VARIABLES = ("population_density", "gdp_per_inhabitant_pps_eu27_100", "market_potential_population",
             "employment_share_k_n")


@dataclass(frozen=True)
class PeerSettings:
    k: int = 5
    concept_weights: dict[str, float] = field(default_factory=lambda: {c: 1.0 for c in CONCEPTS})
    robust_stability: float = 1.0

    def as_dict(self) -> dict:
        return asdict(self) | {"concepts": {c: list(v) for c, v in CONCEPTS.items()}}


def structure_variables(structure: pd.DataFrame) -> pd.DataFrame:
    """``structure``: region_code, variable, value (mart_europe_structure). One row per region with every
    variable; a region lacking one is left out of the comparison (the RCI does not publish every variable for
    every region)."""
    wide = structure.pivot_table(index="region_code", columns="variable", values="value", aggfunc="first")
    missing = [v for v in VARIABLES if v not in wide]
    if missing:
        raise ValueError(f"European peers: mart_europe_structure lacks {', '.join(missing)}")
    wide = wide[list(VARIABLES)].dropna()
    derived = pd.DataFrame(index=wide.index)
    derived["log_population_density"] = np.log(wide["population_density"])
    derived["log_gdp_per_inhabitant"] = np.log(wide["gdp_per_inhabitant_pps_eu27_100"])
    derived["log_market_potential_population"] = np.log(wide["market_potential_population"])
    derived["employment_share_k_n"] = wide["employment_share_k_n"]
    return derived


def european_peers(structure: pd.DataFrame, targets: list[str], settings: PeerSettings = PeerSettings()
                   ) -> pd.DataFrame:
    """One row per target (a Swedish NUTS2 region) and peer among the EU's regions outside Sweden:
    region_code, peer_rank, peer_code, distance, stability, is_robust."""
    derived = structure_variables(structure)
    swedish = set(targets)
    rows = []
    for target in targets:
        if target not in derived.index:
            continue
        pool = derived[~derived.index.isin(swedish - {target})]  # Sweden's own regions are not European peers
        rows.append(neighbours(pool, CONCEPTS, settings.concept_weights, settings.k, settings.robust_stability,
                               [target]))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        columns=["region_code", "peer_rank", "peer_code", "distance", "stability", "is_robust"])
