"""Every structure against what noise gives: parallel analysis, the random-walk baseline, and intervals over years
that respect the time order (moving-block bootstrap and jackknife) on simulated panels."""

import numpy as np
import pandas as pd

from analysis.null_models import empirical_p, parallel_analysis, random_walk_baseline
from analysis.stability import block_indices, default_block_length, iid_indices, pc1_share, selection_stability

YEARS = list(range(2013, 2025))


def _ar1_panel(rng, n_years=12, n_series=6, phi=0.7):
    x = np.zeros((n_years, n_series))
    x[0] = rng.normal(size=n_series)
    for t in range(1, n_years):
        x[t] = phi * x[t - 1] + rng.normal(size=n_series)
    return pd.DataFrame(x, index=YEARS[:n_years], columns=[f"s{j}" for j in range(n_series)])


def test_parallel_analysis_finds_a_real_factor_and_not_noise():
    rng = np.random.default_rng(1)
    factor = rng.normal(size=40)
    structured = pd.DataFrame({f"v{j}": factor + 0.3 * rng.normal(size=40) for j in range(5)})
    noise = pd.DataFrame(rng.normal(size=(40, 5)), columns=[f"n{j}" for j in range(5)])
    real = parallel_analysis(structured, n_permutations=200, seed=2).set_index("component")
    assert real.loc["PC1", "p_parallel"] < 0.01 and real.loc["PC1", "eigenvalue"] > real.loc["PC1", "null_parallel_q95"]
    null = parallel_analysis(noise, n_permutations=200, seed=2).set_index("component")
    assert null.loc["PC1", "p_parallel"] > 0.05


def test_random_walks_through_a_sparse_pattern_give_a_large_pc1_by_themselves():
    # the audit: independent random walks observed in a few years each, filled in, give PC1 > 50 % most of the time
    pattern = {f"s{j}": sorted(np.random.default_rng(j).choice(YEARS, size=4, replace=False).tolist())
               for j in range(8)}
    baseline = random_walk_baseline(pattern, YEARS, cos2_threshold=0.3, n_simulations=200, seed=3)
    assert (baseline["pc1_pct_first"] > 50).mean() > 0.5
    assert (baseline["pc1_pct_selected"] >= baseline["pc1_pct_first"]).mean() > 0.9  # selection lifts the share
    assert empirical_p(baseline["pc1_pct_first"].to_numpy(), 54.5) > 0.05  # 54.5 % is not beyond noise here


def test_iid_bootstrap_over_years_is_biased_and_the_block_interval_removes_it():
    rng = np.random.default_rng(7)
    iid_offsets, block_offsets, block_biases = [], [], []
    for _ in range(10):
        panel = _ar1_panel(rng)
        estimate = pc1_share(panel)
        iid = np.array([pc1_share(panel.iloc[iid_indices(12, rng)]) for _ in range(60)])
        low, high = np.nanpercentile(iid, [2.5, 97.5])
        iid_offsets.append((low + high) / 2 - estimate)  # the old interval's centre against the estimate
        table = selection_stability(panel, 0.3, n_boot=60, seed=int(rng.integers(1e9)))
        block = table[(table["metric"] == "pc1_pct_variance") &
                      (table["method"] == "moving_block_bootstrap")].iloc[0]
        assert block["lower"] <= estimate <= block["upper"]  # the interval covers the full-data estimate
        block_offsets.append((block["lower"] + block["upper"]) / 2 - estimate)
        block_biases.append(block["bias"])
    assert np.mean(iid_offsets) > 3  # the old bias: resamples hold fewer distinct years and inflate PC1
    # gone: what is left of the block interval's offset is the skew of the distribution, not the inflation
    assert abs(np.mean(block_offsets)) < 0.4 * np.mean(iid_offsets)
    assert np.mean(block_biases) > 3  # and the size of the bias it removed is recorded


def test_block_resamples_keep_runs_of_consecutive_years():
    rng = np.random.default_rng(0)
    rows = block_indices(12, 3, rng)
    assert len(rows) == 12 and default_block_length(12) == 2
    runs = [rows[i:i + 3] for i in range(0, 12, 3)]
    assert all(((r[1:] - r[:-1]) % 12 == 1).all() for r in runs)


def test_jackknife_interval_is_reported_beside_the_block_interval():
    table = selection_stability(_ar1_panel(np.random.default_rng(5)), 0.3, n_boot=50, seed=1)
    pc1 = table[table["metric"] == "pc1_pct_variance"].set_index("method")
    assert set(pc1.index) == {"leave_one_year_out", "moving_block_bootstrap"}
    assert pc1.loc["moving_block_bootstrap", "block_length"] == 2
    assert pc1.loc["leave_one_year_out", "lower"] < pc1.loc["leave_one_year_out", "upper"]
    assert pc1["bias"].notna().all()
