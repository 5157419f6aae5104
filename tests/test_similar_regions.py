"""Issue "A report a policy officer trusts": similar län by a documented method (analysis/similar_regions.py)."""

import numpy as np
import pandas as pd
import pytest

from analysis.similar_regions import (CONCEPTS, SimilarSettings, distances, similar_regions, standardised,
                                      structure_variables)

BASE = {"population": 200_000, "population_density": 20.0, "urban_share": 40.0, "employment_share_a": 3.0,
        "employment_share_b_e": 15.0, "employment_share_f": 7.0, "employment_share_g_i": 18.0,
        "employment_share_j": 3.0, "employment_share_k": 1.5, "employment_share_m_n": 10.0,
        "employment_share_o_q": 33.0}


def _structure(regions: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame([{"region_code": r, "variable": v, "value": x, "year": 2017}
                         for r, values in regions.items() for v, x in {**BASE, **values}.items()])


def _two_groups(n: int = 6, seed: int = 0) -> dict[str, dict[str, float]]:
    """Half the regions large, dense and urban; half small, sparse and rural; a little noise on everything."""
    rng = np.random.default_rng(seed)
    regions = {}
    for i in range(2 * n):
        big = i < n
        regions[f"{i + 1:02d}"] = {
            "population": (1_000_000 if big else 100_000) * (1 + 0.1 * rng.random()),
            "population_density": (150 if big else 5) * (1 + 0.1 * rng.random()),
            "urban_share": (70 if big else 10) + 3 * rng.random(),
            "employment_share_a": (1 if big else 5) + 0.3 * rng.random(),
            "employment_share_o_q": 33 + rng.random()}
    return regions


def test_each_lan_is_most_like_the_lan_of_its_own_kind_and_never_itself():
    peers = similar_regions(_structure(_two_groups()), SimilarSettings(k=5))  # the other five of its kind
    big = {f"{i + 1:02d}" for i in range(6)}
    for row in peers.itertuples():
        assert row.peer_code != row.region_code
        assert (row.region_code in big) == (row.peer_code in big)  # a big län's peers are big
    assert (peers.groupby("region_code").size() == 5).all()
    assert (peers.groupby("region_code")["distance"].apply(lambda d: d.is_monotonic_increasing)).all()
    assert peers["is_robust"].all()  # four concepts agree: leaving any one out keeps the same neighbours


def test_the_distance_is_symmetric_and_each_concept_weighs_the_same_whatever_its_number_of_variables():
    z = standardised(structure_variables(_structure(_two_groups())))
    d = distances(z, {c: 1.0 for c in CONCEPTS})
    assert np.allclose(d.to_numpy(), d.to_numpy().T) and np.allclose(np.diag(d.to_numpy()), 0)
    # a difference of one SD in the population alone weighs as much as one SD in every industry share at once
    one = pd.DataFrame(0.0, index=["x", "y", "w"], columns=z.columns)
    one.loc["y", "log_population"] = 1.0
    one.loc["w", list(CONCEPTS["industry_mix"])] = 1.0
    d = distances(one, {c: 1.0 for c in CONCEPTS})
    assert d.loc["x", "y"] == pytest.approx(d.loc["x", "w"]) == pytest.approx(1.0)


def test_a_neighbour_that_hangs_on_one_concept_is_not_robust():
    # 03 is like 01 in urban share and industry but not in size and density; 02 the other way round: 03 is the
    # nearest, but not when the urban share is left out
    regions = {"01": {}, "02": {"urban_share": 60.0, "employment_share_b_e": 22.0, "employment_share_o_q": 26.0},
               "03": {"population": 420_000, "population_density": 45.0},
               "04": {"population": 2_000_000, "population_density": 300.0, "urban_share": 90.0,
                      "employment_share_a": 0.5},
               "05": {"population": 30_000, "population_density": 2.0, "urban_share": 0.0, "employment_share_a": 9.0}}
    peers = similar_regions(_structure(regions), SimilarSettings(k=1)).set_index("region_code")
    assert peers.loc["01", "peer_code"] == "03"
    assert peers.loc["01", "stability"] == 0.75 and not peers.loc["01", "is_robust"]
    assert peers.loc["03", "peer_code"] == "01" and peers.loc["03", "is_robust"]


def test_a_missing_structural_variable_is_named():
    structure = _structure(_two_groups())
    with pytest.raises(ValueError, match="lacks urban_share"):
        similar_regions(structure[structure["variable"] != "urban_share"])
    gap = structure[~((structure["variable"] == "employment_share_f") & (structure["region_code"] == "03"))]
    with pytest.raises(ValueError, match="03 employment_share_f"):
        similar_regions(gap)
