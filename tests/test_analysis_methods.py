"""Relative development, METRIC's two-pass PCA selection, trajectory, clusters and stability (pure functions)."""

import numpy as np
import pandas as pd
import pytest

from analysis.clusters import (MARKET, RESEARCH, assign_clusters, cluster_correlation, cluster_scores,
                               fisher_interval)
from analysis.development import (IMPROVING, NEUTRAL, WORSENING, cagr, minmax_scores, relative_development,
                                  strengths_and_weaknesses)
from analysis.imputation import observed_by_year
from analysis.pca import metric_pca, pca
from analysis.settings import AnalysisSettings
from analysis.stability import selection_stability
from analysis.trajectory import trajectory

YEARS = list(range(2013, 2025))


def _series(rows, polarity=1, series_id="s", dimension="fou"):
    values = pd.DataFrame(rows, columns=["period_start", "period_end", "value"]).assign(series_id=series_id)
    return observed_by_year(values, YEARS).assign(polarity=polarity, dimension_id=dimension, indicator_id=series_id,
                                                  breakdown="")


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("polarity", [1, -1])
def test_minmax_scores_lie_in_unit_interval_with_best_year_1(seed, polarity):
    values = pd.Series(np.random.default_rng(seed).normal(100, 40, size=7))
    scores = minmax_scores(values, polarity)
    assert scores.between(0, 1).all()
    best = values.idxmax() if polarity == 1 else values.idxmin()
    assert scores[best] == 1.0


def test_rising_bankruptcies_are_worsening_and_rising_degrees_improving():
    bankruptcies = relative_development(_series([(2020, 2020, 117), (2022, 2022, 97), (2024, 2024, 146)], -1))
    assert set(bankruptcies["latest_direction"]) == {WORSENING}
    assert bankruptcies.set_index("year").loc[2022, "score"] == 1.0  # the fewest bankruptcies is the best year
    degrees = relative_development(_series([(2022, 2022, 98), (2024, 2024, 142)], 1))
    assert set(degrees["latest_direction"]) == {IMPROVING}


def test_pooled_periods_count_once_for_the_direction_and_the_number_of_observations():
    fear = relative_development(_series([(2018, 2020, 34), (2021, 2023, 47)], -1))
    assert set(fear["latest_direction"]) == {WORSENING}
    assert len(fear) == 2 and list(fear["year"]) == [2019, 2022]  # one cell each, at the period's middle year
    assert set(fear["n_observations"]) == {2} and list(fear["observation"]) == ["2018-2020", "2021-2023"]


def test_single_observation_is_neutral():
    single = relative_development(_series([(2024, 2024, 132)]))
    assert single["latest_direction"].item() == NEUTRAL and single["score"].item() == 0.5
    assert single["is_neutral"].item() and pd.isna(single["cagr"].item())


def test_index_and_cagr():
    frame = relative_development(_series([(2013, 2013, 100), (2023, 2023, 200)])).set_index("year")
    assert frame.loc[2023, "index_to_first"] == 200
    assert frame.loc[2013, "cagr"] == pytest.approx(2 ** (1 / 10) - 1)
    assert cagr(0, 5, 3) is None


def test_strengths_and_weaknesses_rank_by_polarity_aware_change():
    development = pd.concat([
        relative_development(_series([(2013, 2013, 1), (2023, 2023, 5)], 1, "up")),
        relative_development(_series([(2013, 2013, 5), (2023, 2023, 1)], 1, "down")),
        relative_development(_series([(2013, 2013, 5), (2023, 2023, 1)], -1, "fewer_bankruptcies")),
        relative_development(_series([(2023, 2023, 1)], 1, "single")),
    ])
    table = strengths_and_weaknesses(development, top=3)
    improving = set(table.loc[table["kind"] == "improving", "series_id"])
    assert improving == {"up", "fewer_bankruptcies"}
    assert table.loc[table["kind"] == "worsening", "series_id"].tolist() == ["down"]
    assert "single" not in set(table["series_id"])


def _matrix(seed=5, n=12):
    rng = np.random.default_rng(seed)
    t = np.linspace(-1, 1, n)
    cols = {f"trend_{j}": t * (j + 1) + 0.1 * rng.normal(size=n) for j in range(4)}
    cols.update({f"noise_{j}": rng.normal(size=n) for j in range(3)})
    return pd.DataFrame(cols, index=range(2013, 2013 + n))


def test_metric_pca_keeps_series_above_the_plane_cos2_and_projects_the_rest():
    data = _matrix()
    result = metric_pca(data, cos2_threshold=0.3, sign_reference=list(data.index))
    first_plane = pca(data, sign_reference=list(data.index)).plane_cos2()
    kept = set(result.selection.loc[result.selection["kept"], "series_id"])
    assert kept == {c for c in data.columns if first_plane[c] >= 0.3}
    assert {"trend_0", "trend_1", "trend_2", "trend_3"} <= kept
    assert list(result.final.var_coord.index) == [c for c in data.columns if c in kept]
    for series in result.supplementary.index:
        r = np.corrcoef(data[series], result.final.ind_coord["PC1"])[0, 1]
        assert result.supplementary.loc[series, "PC1"] == pytest.approx(r)
    assert result.final.eigenvalues["eigenvalue"].sum() == pytest.approx(len(kept))


def test_metric_pca_refuses_when_too_few_series_pass():
    with pytest.raises(ValueError, match="too few"):
        metric_pca(_matrix(), cos2_threshold=1.0)


def test_trajectory_periods_centroids_and_distances():
    coords = pd.DataFrame({"PC1": [0.0, 3.0, 3.0], "PC2": [0.0, 4.0, 4.0]}, index=[2017, 2018, 2019])
    table = trajectory(coords, AnalysisSettings().period_of).set_index("year")
    assert table.loc[2017, "period"] == "2013-2017" and table.loc[2019, "period"] == "2018-2020"
    assert table.loc[2018, "step_distance"] == 5.0 and table.loc[2019, "cumulative_distance"] == 5.0
    assert table.loc[2018, "period_centroid_pc1"] == 3.0


def test_clusters_by_pc1_sign_are_named_by_their_dimensions_and_correlate():
    pc1 = pd.Series({"pubs": -0.9, "degrees": -0.8, "vc": 0.9, "broadband": 0.7})
    dims = pd.Series({"pubs": "fou", "degrees": "fou", "vc": "financial_capital", "broadband": "infrastructure"})
    clusters = assign_clusters(pc1, dims, "pc1_sign", AnalysisSettings().cluster_dimensions)
    assert clusters["pubs"] == RESEARCH and clusters["vc"] == MARKET
    t = np.arange(12.0)
    data = pd.DataFrame({"pubs": -t, "degrees": -t + 1, "vc": t, "broadband": t ** 1.1})
    scores = cluster_scores(data, clusters, pd.Series(1, index=data.columns))
    assert cluster_correlation(scores) == pytest.approx(-1, abs=0.01)
    flipped = cluster_scores(data, clusters, pd.Series({"pubs": -1, "degrees": -1, "vc": 1, "broadband": 1}))
    assert cluster_correlation(flipped) == pytest.approx(1, abs=0.01)
    by_dimension = assign_clusters(pc1, dims, "dimension", AnalysisSettings().cluster_dimensions)
    # by meaning, broadband (infrastructure) belongs to neither of the report's two clusters
    assert by_dimension.to_dict() == {"pubs": RESEARCH, "degrees": RESEARCH, "vc": MARKET}


def test_clusters_are_defined_by_meaning_by_default_not_by_the_sign_of_pc1():
    settings = AnalysisSettings()
    assert settings.cluster_method == "dimension"
    assert set(settings.cluster_dimensions["research_knowledge"]) == {"fou", "human_capital", "culture"}
    assert set(settings.cluster_dimensions["market_digital"]) == {"markets", "technology", "financial_capital",
                                                                  "entrepreneurship"}


def test_fisher_interval_reproduces_the_reports_r_interval():
    low, high = fisher_interval(-0.38, 12)
    assert (round(low, 2), round(high, 2)) == (-0.78, 0.25)
    assert fisher_interval(0.5, 3) == (None, None)


def test_stability_shares_and_pc1_interval():
    table = selection_stability(_matrix(), cos2_threshold=0.3, n_boot=30, seed=1)
    shares = table[table["metric"] == "cos2_pass_share"]
    assert shares["value"].between(0, 1).all()
    loo = shares[shares["method"] == "leave_one_year_out"].set_index("series_id")
    assert loo.loc["trend_0", "value"] == 1.0 and loo.loc["trend_0", "n_evaluated"] == 12
    pc1 = table[table["metric"] == "pc1_pct_variance"].set_index("method")
    assert (pc1["lower"] <= pc1["value"]).all() and (pc1["value"] <= pc1["upper"]).all()
    again = selection_stability(_matrix(), cos2_threshold=0.3, n_boot=30, seed=1)
    pd.testing.assert_frame_equal(table, again)  # the seed makes it reproducible
