"""The composite index: properties of each step, a small example computed by hand, and a reproducible Monte-Carlo."""

import numpy as np
import pandas as pd
import pytest

from analysis.index import (IndexSettings, aggregate, build_index, cronbach_alpha, monte_carlo, normalise,
                            performance_group, treat_outliers, wide)

SETTINGS = IndexSettings(window_start=2020, window_end=2021, draws=200, weight_scenarios=10)


def _panel(rng=None, n_lan=6):
    """Three län and Riket, two dimensions of two indicators each (b2 less-is-better), two years."""
    rng = rng or np.random.default_rng(0)
    rows = []
    lan = [f"{i:02d}" for i in range(1, n_lan + 1)]
    for year in (2020, 2021):
        for i, region in enumerate([*lan, "00"]):
            base = i if region != "00" else (n_lan - 1) / 2
            for series, dim, pol in (("a1", "A", 1), ("a2", "A", 1), ("b1", "B", 1), ("b2", "B", -1)):
                value = 10 + base * (1 if pol > 0 else -1) + (0.3 * rng.normal() if series != "a1" else 0) + year % 2
                rows.append({"region_code": region, "series_id": series, "dimension_id": dim, "polarity": pol,
                             "year": year, "value": value})
    return pd.DataFrame(rows)


DIMS = {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}
POL = {"a1": 1, "a2": 1, "b1": 1, "b2": -1}


def test_worked_example_by_hand():
    values = pd.DataFrame([
        # two län, one year, one dimension of two indicators; Riket in between
        {"region_code": "01", "series_id": "x", "year": 2021, "value": 10.0},
        {"region_code": "02", "series_id": "x", "year": 2021, "value": 20.0},
        {"region_code": "03", "series_id": "x", "year": 2021, "value": 30.0},
        {"region_code": "01", "series_id": "y", "year": 2021, "value": 5.0},
        {"region_code": "02", "series_id": "y", "year": 2021, "value": 1.0},
        {"region_code": "03", "series_id": "y", "year": 2021, "value": 3.0},
        {"region_code": "00", "series_id": "x", "year": 2021, "value": 20.0},
        {"region_code": "00", "series_id": "y", "year": 2021, "value": 3.0},
    ])
    result = build_index(values, {"x": "D", "y": "D"}, {"x": 1, "y": -1}, SETTINGS)
    overall = result.scores[result.scores["unit"] == "overall"].set_index("region_code")
    # x: 01 -> 0, 02 -> 0.5, 03 -> 1; y (less is better): 01 -> 0, 02 -> 1, 03 -> 0.5
    assert overall.loc["01", "score"] == pytest.approx(0.0)
    assert overall.loc["02", "score"] == pytest.approx(75.0)
    assert overall.loc["03", "score"] == pytest.approx(75.0)
    assert overall.loc["00", "score"] == pytest.approx(50.0)  # Riket scored against the län's min-max
    assert overall.loc["02", "relative_to_riket"] == pytest.approx(150.0) and overall.loc["02", "group"] == "leader"
    assert overall.loc["02", "rank"] == overall.loc["03", "rank"] == 1 and overall.loc["01", "rank"] == 3
    assert np.isnan(overall.loc["00", "rank"])  # Riket is not ranked


def test_minmax_scores_lie_in_the_unit_interval_on_the_reference():
    data = wide(_panel())
    lan = data.index[data.index.get_level_values(0) != "00"]
    scores, params = normalise(data, POL, "minmax", reference=lan)
    assert scores.loc[lan].min().min() == pytest.approx(0) and scores.loc[lan].max().max() == pytest.approx(1)
    assert set(params.columns) >= {"series_id", "min", "max"}


def test_equal_weights_give_the_plain_mean():
    scores = pd.DataFrame({"a": [0.2, 0.4], "b": [0.6, 1.0], "c": [0.1, 0.1]})
    out, _ = aggregate(scores, {"D": ["a", "b", "c"]}, {}, "arithmetic", 2 / 3)
    assert out["D"].tolist() == pytest.approx(scores.mean(axis=1).tolist())


def test_a_dimension_needs_two_thirds_of_its_indicators():
    scores = pd.DataFrame({"a": [0.2, np.nan], "b": [0.6, np.nan], "c": [0.1, 0.5]})
    out, present = aggregate(scores, {"D": ["a", "b", "c"]}, {}, "arithmetic", 2 / 3)
    assert out["D"].iloc[0] == pytest.approx(0.3) and np.isnan(out["D"].iloc[1])  # never averaged over 1 of 3
    assert present["D"].tolist() == [3, 1]


def test_a_monotone_transformation_leaves_rank_normalisation_unchanged():
    data = wide(_panel())
    ranks_before, _ = normalise(data, POL, "rank")
    ranks_after, _ = normalise(np.exp(data / 10), POL, "rank")
    pd.testing.assert_frame_equal(ranks_before, ranks_after)


@pytest.mark.parametrize("normalisation", ["minmax", "zscore", "rank", "riket_index"])
@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric"])
def test_a_lan_dominating_another_on_every_indicator_never_ranks_below_it(normalisation, aggregation):
    values = _panel()
    data = wide(values)
    better, worse = "05", "02"  # 05 beats 02 on every indicator after polarity, by construction
    for series in data.columns:
        sign = POL[series]
        for year in (2020, 2021):
            assert sign * data.loc[(better, year), series] > sign * data.loc[(worse, year), series]
    result = build_index(values, DIMS, POL, SETTINGS, normalisation=normalisation, aggregation=aggregation)
    overall = result.scores[result.scores["unit"] == "overall"].set_index(["region_code", "year"])
    for year in (2020, 2021):
        assert overall.loc[(better, year), "rank"] <= overall.loc[(worse, year), "rank"]


def test_outliers_are_winsorised_and_every_treated_point_recorded():
    values = pd.DataFrame({"x": [1.0, 1.1, 0.9, 1.2, 1.0, 0.95, 1.05, 1.0, 1.1, 50.0]},
                          index=pd.MultiIndex.from_product([[f"{i:02d}" for i in range(1, 11)], [2021]],
                                                           names=["region_code", "year"]))
    treated, log = treat_outliers(values, SETTINGS)
    assert treated["x"].max() < 50 and len(log) >= 1 and set(log["method"]) <= {"winsorised", "log"}
    assert log.iloc[0]["original"] == 50.0


def test_performance_groups_follow_the_eis_limits():
    assert [performance_group(r) for r in (130, 125, 110, 100, 80, 70, 69.9)] == [
        "leader", "leader", "strong", "strong", "moderate", "moderate", "emerging"]


def test_cronbach_alpha_of_identical_items_is_one():
    block = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 4, 6, 8.5]})
    assert cronbach_alpha(block) == pytest.approx(1.0, abs=0.01)


def test_monte_carlo_with_every_assumption_fixed_reproduces_the_deterministic_index():
    values = _panel()
    fixed = {"weights": 0, "normalisation": "minmax", "aggregation": "arithmetic", "treatment": True,
             "leave_out": "(none)"}
    mc = monte_carlo(values, DIMS, POL, SETTINGS, fixed=fixed)
    ranks = mc.ranks.set_index(["region_code", "year"])
    assert (ranks["median_rank"] == ranks["nominal_rank"]).all()
    assert (ranks["rank_p05"] == ranks["rank_p95"]).all()


def test_uncertainty_is_reproducible_from_its_seed_and_sensitivity_shares_are_bounded():
    values = _panel(n_lan=8)
    first = monte_carlo(values, DIMS, POL, SETTINGS)
    again = monte_carlo(values, DIMS, POL, SETTINGS)
    pd.testing.assert_frame_equal(first.ranks, again.ranks)
    pd.testing.assert_frame_equal(first.sensitivity, again.sensitivity)
    ranks = first.ranks
    assert (ranks["rank_p05"] <= ranks["median_rank"]).all() and (ranks["median_rank"] <= ranks["rank_p95"]).all()
    shares = first.sensitivity["first_order_index"].dropna()
    assert shares.between(0, 1).all()
    assert set(first.sensitivity["assumption"]) == {"weights", "normalisation", "aggregation", "treatment",
                                                     "leave_out"}


def test_distance_to_riket_reads_riket_as_100():
    values = _panel()
    result = build_index(values, DIMS, POL, SETTINGS, normalisation="riket_index")
    riket = result.scores[(result.scores["region_code"] == "00")]
    assert riket["score"].to_numpy() == pytest.approx(100)
    data = wide(values)
    scores, _ = normalise(data, POL, "riket_index")
    assert scores.loc[("03", 2021), "a1"] == pytest.approx(data.loc[("03", 2021), "a1"] / data.loc[("00", 2021), "a1"])
    assert scores.loc[("03", 2021), "b2"] == pytest.approx(data.loc[("00", 2021), "b2"] / data.loc[("03", 2021), "b2"])
