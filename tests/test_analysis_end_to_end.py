"""Issue 4's analysis tables computed from the embedded data by the full run."""

import pytest

pytestmark = pytest.mark.e2e

TABLES = ["indicator_matrix", "pca_inputs", "relative_development", "strengths_weaknesses", "pca_eigenvalues",
          "pca_variables", "pca_years", "pca_trajectory", "cluster_correlations", "pca_stability"]


@pytest.mark.parametrize("table", TABLES)
def test_every_analysis_table_records_settings_and_vintages(con, table):
    row = con.execute(f"select count(*), count(distinct settings), min(input_vintages), min(region_code) "
                      f"from analysis.{table}").fetchone()
    assert row[0] > 0 and row[1] == 1 and "METRIC report" in row[2] and row[3] == "24"
    assert '"cos2_threshold": 0.3' in con.execute(f"select any_value(settings) from analysis.{table}").fetchone()[0]


def test_pca_reports_pc1_share_and_the_kept_set(con):
    pc1 = con.execute("select pct_variance from analysis.pca_eigenvalues where pass = 'final' "
                      "and component = 'PC1'").fetchone()[0]
    assert 0 < pc1 <= 100
    selection = con.execute("select distinct series_id, kept, first_pass_plane_cos2, role "
                            "from analysis.pca_variables").fetchdf()
    assert ((selection["first_pass_plane_cos2"] >= 0.3) == selection["kept"]).all()
    assert (selection.loc[selection["kept"], "role"] == "active").all()
    assert (selection.loc[~selection["kept"], "role"] == "supplementary").all()
    assert selection["kept"].sum() >= 2
    final_sum = con.execute("select sum(eigenvalue) from analysis.pca_eigenvalues where pass = 'final'").fetchone()[0]
    assert final_sum == pytest.approx(selection["kept"].sum())
    contrib = con.execute("select component, sum(contrib) from analysis.pca_variables where role = 'active' "
                          "group by 1").fetchall()
    assert all(total == pytest.approx(100) for _, total in contrib)


def test_worsening_bankruptcies_and_fear_of_failure(con):
    directions = dict(con.execute("select distinct series_id, latest_direction from analysis.relative_development "
                                  "where indicator_id in ('ent_bankruptcies', 'cu_fear_of_failure')").fetchall())
    assert directions == {"ent_bankruptcies": "worsening", "cu_fear_of_failure": "worsening"}
    best = con.execute("select year from analysis.relative_development where series_id = 'ent_bankruptcies' "
                       "and score = 1").fetchone()[0]
    assert best == 2022  # 97 bankruptcies, the fewest in the series


def test_scores_in_unit_interval_and_imputation_flags(con):
    lo, hi = con.execute("select min(score), max(score) from analysis.relative_development").fetchone()
    assert 0 <= lo and hi <= 1
    imputed = con.execute("select count(*) from analysis.indicator_matrix where is_imputed "
                          "and observed_value is not null").fetchone()[0]
    assert imputed == 0
    tea = con.execute("select method from analysis.indicator_matrix where series_id = 'ent_tea' and year = 2015"
                      ).fetchone()[0]
    assert tea == "period_value"


def test_trajectory_clusters_stability_and_strengths(con):
    periods = [r[0] for r in con.execute("select distinct period from analysis.pca_trajectory order by 1").fetchall()]
    assert periods == ["2013-2017", "2018-2020", "2021-2024"]
    r = con.execute("select distinct correlation_r from analysis.cluster_correlations").fetchall()
    assert len(r) == 1 and -1 <= r[0][0] <= 1
    clusters = {c for (c,) in con.execute("select distinct cluster from analysis.cluster_correlations").fetchall()}
    assert clusters == {"research_knowledge", "market_digital"}
    pc1 = con.execute("select lower, value, upper from analysis.pca_stability where metric = 'pc1_pct_variance' "
                      "and method = 'bootstrap'").fetchone()
    assert pc1[0] <= pc1[1] <= pc1[2]
    worsening = {s for (s,) in con.execute("select series_id from analysis.strengths_weaknesses "
                                           "where kind = 'worsening'").fetchall()}
    assert "cu_fear_of_failure" in worsening
