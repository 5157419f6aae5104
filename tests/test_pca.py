"""The PCA: FactoMineR's documented decathlon eigenvalues, parity with prince, the scikit-learn n-1 trap, properties."""

import numpy as np
import pandas as pd
import prince
import pytest
from sklearn.decomposition import PCA as SkPCA
from sklearn.preprocessing import StandardScaler

from analysis.pca import pca, supplementary_variables
from tests.conftest import FIXTURES

DECATHLON = pd.read_csv(FIXTURES / "pca" / "decathlon.csv", index_col=0)
EVENTS = DECATHLON.iloc[:, :10]


def _years_matrix(seed: int = 7, n_years: int = 12, p: int = 8) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    trend = np.linspace(-1, 1, n_years)[:, None]
    data = trend * rng.normal(size=(1, p)) + 0.4 * rng.normal(size=(n_years, p))
    return pd.DataFrame(data * 100 + 1000, index=range(2013, 2013 + n_years),
                        columns=[f"ind_{j}" for j in range(p)])


def test_decathlon_eigenvalues_match_factominer():
    result = pca(EVENTS)
    expected = [3.2719055, 1.7371310, 1.4049167, 1.0568504, 0.6847735]
    np.testing.assert_allclose(result.eigenvalues["eigenvalue"].to_numpy()[:5], expected, atol=1e-6)
    np.testing.assert_allclose(result.eigenvalues["pct_variance"].to_numpy()[:2], [32.719055, 17.371310], atol=1e-5)


def test_variable_coordinates_are_correlations_with_scores():
    result = pca(EVENTS)
    for event in EVENTS.columns[:3]:
        r = np.corrcoef(EVENTS[event], result.ind_coord["PC1"])[0, 1]
        assert result.var_coord.loc[event, "PC1"] == pytest.approx(r, abs=1e-12)


def _abs_close(a, b):
    np.testing.assert_allclose(np.abs(np.asarray(a, dtype=float)), np.abs(np.asarray(b, dtype=float)), atol=1e-9)


@pytest.mark.parametrize("data", [EVENTS, _years_matrix()], ids=["decathlon", "years_n12_p8"])
def test_parity_with_prince(data):
    ours = pca(data)
    k = ours.var_coord.shape[1]
    ref = prince.PCA(n_components=k, rescale_with_mean=True, rescale_with_std=True).fit(data)
    np.testing.assert_allclose(ours.eigenvalues["eigenvalue"], ref.eigenvalues_[:k], atol=1e-9)
    _abs_close(ours.var_coord, ref.column_coordinates_)  # up to sign
    np.testing.assert_allclose(ours.var_cos2, ref.column_cosine_similarities_, atol=1e-9)
    np.testing.assert_allclose(ours.var_contrib, 100 * ref.column_contributions_, atol=1e-9)
    _abs_close(ours.ind_coord, ref.row_coordinates(data))
    np.testing.assert_allclose(ours.ind_cos2, ref.row_cosine_similarities(data), atol=1e-9)
    np.testing.assert_allclose(ours.ind_contrib, 100 * ref.row_contributions_, atol=1e-9)


def test_scikit_learn_n_minus_1_trap_is_avoided():
    data = _years_matrix()
    n = len(data)
    ours = pca(data)
    z = StandardScaler().fit_transform(data)  # ddof = 0, like FactoMineR
    sk = SkPCA().fit(z)
    k = ours.var_coord.shape[1]
    naive = sk.components_.T[:, :k] * np.sqrt(sk.explained_variance_[:k])  # the textbook loading: n - 1
    correct = sk.components_.T[:, :k] * sk.singular_values_[:k] / np.sqrt(n)
    _abs_close(ours.var_coord, correct)
    ratio = np.abs(naive) / np.abs(ours.var_coord.to_numpy())
    np.testing.assert_allclose(ratio, np.sqrt(n / (n - 1)), rtol=1e-9)  # 4.4 % too large for n = 12
    assert not np.allclose(np.abs(naive), np.abs(ours.var_coord.to_numpy()), atol=1e-3)


def test_properties_cos2_sums_to_one_and_contributions_to_100():
    result = pca(_years_matrix(seed=3))
    np.testing.assert_allclose(result.var_cos2.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(result.var_contrib.sum(axis=0), 100.0, atol=1e-9)
    np.testing.assert_allclose(result.ind_contrib.sum(axis=0), 100.0, atol=1e-9)
    np.testing.assert_allclose(result.ind_cos2.sum(axis=1), 1.0, atol=1e-12)
    assert result.eigenvalues["eigenvalue"].sum() == pytest.approx(result.var_coord.shape[0])
    assert len(result.components) <= len(result.ind_coord) - 1  # rank <= n - 1 with n < p


def test_sign_rule_points_components_forward_in_time():
    data = _years_matrix(seed=11)
    flipped = -data  # the same structure with every sign reversed
    years = list(data.index)
    for frame in (data, flipped):
        result = pca(frame, sign_reference=years)
        for component in result.components:
            assert np.corrcoef(result.ind_coord[component], years)[0, 1] >= -1e-9


def test_constant_and_missing_columns_are_refused():
    data = _years_matrix()
    with pytest.raises(ValueError, match="constant"):
        pca(data.assign(ind_0=5.0))
    with pytest.raises(ValueError, match="missing"):
        pca(data.assign(ind_0=np.nan))


def test_supplementary_variables_are_correlations_with_the_components():
    data = _years_matrix()
    result = pca(data.iloc[:, :5])
    sup = supplementary_variables(data.iloc[:, 5:], result)
    r = np.corrcoef(data["ind_6"], result.ind_coord["PC2"])[0, 1]
    assert sup.loc["ind_6", "PC2"] == pytest.approx(r, abs=1e-12)
