"""The composite index, step by step: COINr's treatment on hand-computed examples, real terms, editions, the
normalisation, a small index computed by hand, coherence, and the sensitivity analysis against a toy model whose
Sobol indices are known."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis.index import IndexSettings, build_level
from analysis.index.aggregate import performance_group
from analysis.index.coherence import cronbach_alpha, decide
from analysis.index.editions import build_editions, real_terms
from analysis.index.normalise import normalise
from analysis.index.treatment import log_ct, passes, treat_series, winsorise
from analysis.index.uncertainty import resolved_order, sobol_indices

SETTINGS = IndexSettings(first_edition=2020, last_edition=2021, base_samples=16, bootstrap_resamples=50,
                         weight_scenarios=5, min_dimensions=2)
DIMENSIONS = ["A", "B", "C"]


def _row(region, series, dim, year, value, polarity=1, money=False):
    return {"region_code": region, "series_id": series, "indicator_id": series, "dimension_id": dim,
            "polarity": polarity, "unit": "sek_per_inhabitant" if money else "percent", "is_current_prices": money,
            "year": year, "value": float(value)}


def _panel(n=6, seed=0):
    """``n`` regions and Riket, dimensions A (a1, a2) and B (b1, b2, less is better), years 2020-2021; region i is
    better than region i - 1 on every indicator."""
    rng = np.random.default_rng(seed)
    rows = []
    regions = [f"{i:02d}" for i in range(1, n + 1)]
    for year in (2020, 2021):
        for i, region in enumerate([*regions, "00"]):
            base = i if region != "00" else (n - 1) / 2
            for series, dim, pol in (("a1", "A", 1), ("a2", "A", 1), ("b1", "B", 1), ("b2", "B", -1)):
                noise = 0.1 * rng.random()
                rows.append(_row(region, series, dim, year, 10 + pol * base + noise + year % 2, pol))
    return pd.DataFrame(rows), regions


# ------------------------------------------------------------------------------------------ COINr's treatment
def test_log_ct_is_coinr_log_of_x_minus_min_plus_a_hundredth_of_the_range():
    x = pd.Series([2.0, 4.0, 12.0])
    # min 2, range 10: log(x - 2 + 0.1)
    assert log_ct(x).tolist() == pytest.approx([math.log(0.1), math.log(2.1), math.log(10.1)])


def test_skew_kurtosis_check_and_winsorisation_as_coinr():
    x = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100])  # COINr's own example: fails, two high outliers
    assert not passes(x, SETTINGS)
    treated, points, low, high = winsorise(x, SETTINGS)
    assert passes(treated, SETTINGS)
    assert [(o, n) for _, o, n in points][0] == (100.0, 30.0)  # the maximum set to the next value
    assert high == treated.max() and low == -math.inf


def test_a_skewed_indicator_that_winsorising_cannot_fix_is_logged_from_its_original_values():
    x = pd.Series([1.0] * 60 + [1000.0, 1100, 1200, 1300, 1400, 1500, 5000],  # seven high values: five are not enough
                  index=pd.MultiIndex.from_product([[f"r{i}" for i in range(67)], [2021]]))
    t = treat_series("x", x, SETTINGS)
    assert t.method == "log_CT"
    assert t.skew_before > 2 and t.kurtosis_before > 3.5  # recorded before ...
    assert t.skew_after == pytest.approx(log_ct(x).skew())  # ... and after the treatment
    riket = pd.Series([0.5, 100.0])  # a value below the regions' minimum takes the minimum's log
    assert t.apply(riket).tolist() == pytest.approx([math.log(0.01 * 4999), math.log(99 + 0.01 * 4999)])
    assert t.points == [] and t.record()["n_points_treated"] == 67


# ------------------------------------------------------------------------------------ real terms and editions
def test_a_money_series_growing_exactly_like_riket_is_flat_in_real_terms():
    rows = [_row("00", "gdp", "M", y, 100 * 1.05 ** (y - 2013), money=True) for y in range(2013, 2022)]
    rows += [_row("01", "gdp", "M", y, 80 * 1.05 ** (y - 2013), money=True) for y in range(2013, 2022)]
    rows += [_row("02", "gdp", "M", y, 120 * 1.08 ** (y - 2013), money=True) for y in range(2013, 2022)]
    relative, dropped = real_terms(pd.DataFrame(rows))
    flat = relative[relative["region_code"] == "01"]["value"]
    assert flat.to_numpy() == pytest.approx(80.0) and not len(dropped)
    assert relative[relative["region_code"] == "00"]["value"].to_numpy() == pytest.approx(100.0)
    growing = relative[relative["region_code"] == "02"].sort_values("year")["value"]
    assert growing.is_monotonic_increasing  # grows faster than Riket: rises in real terms


def test_an_edition_uses_each_indicators_latest_value_within_the_lag_and_says_why_not():
    rows = [_row(r, "x", "A", y, 1 + i) for i, r in enumerate(["01", "02", "03", "00"]) for y in (2015, 2018)]
    rows += [_row(r, "y", "A", 2019, 2 + i) for i, r in enumerate(["01", "02", "03"])]  # no Riket value
    settings = IndexSettings(first_edition=2018, last_edition=2022, max_lag=3)
    editions = build_editions(pd.DataFrame(rows), ["01", "02", "03"], settings)
    used = editions.inputs.set_index(["edition", "series_id"])
    assert used.loc[(2018, "x"), "year_used"] == 2018 and used.loc[(2021, "x"), "year_used"] == 2018
    assert used.loc[(2022, "x"), "status"] == "not_used" and "at most 3 years old" in used.loc[(2022, "x"), "reason"]
    assert used.loc[(2019, "y"), "status"] == "not_used" and "Riket has no value" in used.loc[(2019, "y"), "reason"]
    assert set(editions.observations["year"]) == {2018}  # the regions' distinct observations, not per edition


# ------------------------------------------------------------------------------------- normalise and aggregate
def test_minmax_runs_over_the_regions_and_scores_riket_against_them():
    values, regions = _panel()
    editions = build_editions(values, regions, SETTINGS)
    scores, params = normalise(editions.panel, editions.observations, {"b2": -1}, "minmax")
    on_regions = scores.drop(index="00", level="region_code")
    assert on_regions.min().min() == pytest.approx(0) and on_regions.max().max() == pytest.approx(1)
    assert 0 < scores.loc[(2021, "00"), "a1"] < 1 and set(params.columns) >= {"series_id", "min", "max"}


def test_worked_example_by_hand():
    rows = [_row("01", "x", "D", 2021, 10), _row("02", "x", "D", 2021, 20), _row("03", "x", "D", 2021, 30),
            _row("01", "y", "D", 2021, 5, -1), _row("02", "y", "D", 2021, 1, -1), _row("03", "y", "D", 2021, 3, -1),
            _row("00", "x", "D", 2021, 20), _row("00", "y", "D", 2021, 3, -1)]
    rows += [{**r, "series_id": "z", "indicator_id": "z", "dimension_id": "E", "polarity": 1} for r in rows[:3]]
    rows += [_row("00", "z", "E", 2021, 20)]
    settings = IndexSettings(first_edition=2021, last_edition=2021, min_dimensions=2, treat_outliers=False)
    level = build_level("county", pd.DataFrame(rows), ["01", "02", "03"], {}, {}, settings, ["D", "E"],
                        with_uncertainty=False)
    scores = level.scores.set_index(["unit", "region_code"])
    # D: x 01 -> 0, 02 -> 0.5, 03 -> 1; y (less is better) 01 -> 0, 02 -> 1, 03 -> 0.5; E = x
    assert scores.loc[("D", "02"), "score"] == pytest.approx(75.0)
    assert scores.loc[("overall", "01"), "score"] == pytest.approx(0.0)
    assert scores.loc[("overall", "02"), "score"] == pytest.approx((75 + 50) / 2)
    assert scores.loc[("overall", "03"), "score"] == pytest.approx((75 + 100) / 2)
    assert scores.loc[("overall", "00"), "score"] == pytest.approx(50.0)  # Riket against the regions' min-max
    assert scores.loc[("overall", "03"), "relative_to_riket"] == pytest.approx(175.0)
    assert scores.loc[("overall", "03"), "group"] == "leader" and scores.loc[("overall", "03"), "rank"] == 1
    assert np.isnan(scores.loc[("overall", "00"), "rank"])  # Riket is not ranked


def test_performance_groups_follow_the_eis_limits():
    assert [performance_group(r) for r in (130, 125, 110, 100, 80, 70, 69.9)] == [
        "leader", "leader", "strong", "strong", "moderate", "moderate", "emerging"]


@pytest.mark.parametrize("normalisation", ["minmax", "zscore", "rank", "riket_index"])
@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric"])
def test_a_region_better_on_every_indicator_never_ranks_below(normalisation, aggregation):
    values, regions = _panel()
    settings = IndexSettings(**{**SETTINGS.as_dict(), "normalisation": normalisation, "aggregation": aggregation})
    level = build_level("county", values, regions, {}, {}, settings, DIMENSIONS, with_uncertainty=False)
    overall = level.scores[level.scores["unit"] == "overall"].set_index(["edition", "region_code"])
    for edition in (2020, 2021):
        assert overall.loc[(edition, "06"), "rank"] == 1 and overall.loc[(edition, "01"), "rank"] == 6


def test_riket_is_scored_on_the_same_indicators_as_the_regions_in_every_edition():
    values, regions = _panel()
    values = values[~((values["region_code"] == "00") & (values["series_id"] == "a2") & (values["year"] == 2021))]
    level = build_level("county", values, regions, {}, {}, SETTINGS, DIMENSIONS, with_uncertainty=False)
    inputs = level.inputs.set_index(["edition", "series_id"])
    assert inputs.loc[(2021, "a2"), "year_used"] == 2020  # Riket has no 2021 value: the edition takes 2020
    riket = level.scores[(level.scores["region_code"] == "00") & (level.scores["unit"] == "overall")]
    assert riket["score"].notna().all() and len(riket) == 2
    lan = level.scores[(level.scores["region_code"] != "00") & (level.scores["unit"] == "overall")]
    assert lan["group"].notna().all()


def test_a_dimension_with_no_indicator_is_not_scored_and_says_why():
    values, regions = _panel()
    level = build_level("county", values, regions, {}, {}, SETTINGS, DIMENSIONS, with_uncertainty=False)
    coverage = level.coverage.set_index("dimension_id")
    assert coverage.loc["A", "is_scored"] and not coverage.loc["C", "is_scored"]
    assert "no indicator" in coverage.loc["C", "not_scored_because"]


# ----------------------------------------------------------------------------------------------- coherence
def test_cronbach_alpha_of_identical_items_is_one():
    block = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 4, 6, 8.5]})
    assert cronbach_alpha(block) == pytest.approx(1.0, abs=0.01)


def test_an_incoherent_dimension_sets_aside_the_indicator_unrelated_to_the_rest_of_the_index():
    rng = np.random.default_rng(1)
    rest = pd.Series(rng.normal(size=60))
    block = pd.DataFrame({"agrees": rest + 0.3 * rng.normal(size=60), "noise": rng.normal(size=60)})
    decision = decide("M", block, rest, alpha_limit=0.5)
    assert decision.kept == ["agrees"] and decision.set_aside[0]["series_id"] == "noise"
    assert decision.verdict == "indicators disagree: scored on one indicator"
    coherent = decide("M", pd.DataFrame({"a": rest, "b": rest + 0.1 * rng.normal(size=60)}), rest, 0.5)
    assert coherent.verdict == "coherent" and coherent.kept == ["a", "b"]


# ------------------------------------------------------------------------------------------- uncertainty
def test_sobol_indices_of_the_ishigami_function_lie_within_their_intervals():
    from SALib.sample import sobol as sample
    from SALib.test_functions import Ishigami

    names = ["x1", "x2", "x3"]
    problem = {"num_vars": 3, "names": names, "bounds": [[-math.pi, math.pi]] * 3}
    x = sample.sample(problem, 4096, calc_second_order=False, seed=1)
    frame = sobol_indices(names, Ishigami.evaluate(x), IndexSettings(bootstrap_resamples=200)).set_index(
        "assumption")
    a, b = 7.0, 0.1  # the analytic indices (Ishigami and Homma 1990)
    v = a ** 2 / 8 + b * math.pi ** 4 / 5 + b ** 2 * math.pi ** 8 / 18 + 0.5
    v1, v2 = 0.5 * (1 + b * math.pi ** 4 / 5) ** 2, a ** 2 / 8
    v13 = b ** 2 * math.pi ** 8 * (1 / 18 - 1 / 50)
    expected = {"x1": (v1 / v, (v1 + v13) / v), "x2": (v2 / v, v2 / v), "x3": (0.0, v13 / v)}
    for name, (s1, st) in expected.items():
        row = frame.loc[name]
        assert row["first_order_low"] - 0.02 <= s1 <= row["first_order_high"] + 0.02
        assert row["total_low"] - 0.02 <= st <= row["total_high"] + 0.02
    assert resolved_order(frame.reset_index())[0].startswith("x1 >")  # x1's total index is surely the largest


def test_every_draw_is_accounted_for_and_the_ranks_are_reproducible():
    values, regions = _panel(n=8)
    first = build_level("county", values, regions, {}, {}, SETTINGS, DIMENSIONS)
    again = build_level("county", values, regions, {}, {}, SETTINGS, DIMENSIONS)
    pd.testing.assert_frame_equal(first.uncertainty, again.uncertainty)
    pd.testing.assert_frame_equal(first.sensitivity, again.sensitivity)
    ranks = first.uncertainty
    assert ((ranks["n_draws"] + ranks["n_failed"]) == 2 * SETTINGS.base_samples).all()
    assert (ranks["rank_p05"] <= ranks["median_rank"]).all() and (ranks["median_rank"] <= ranks["rank_p95"]).all()
    assert set(first.sensitivity["assumption"]) == {"weights", "normalisation", "aggregation", "treatment",
                                                    "leave_out"}


def test_a_draw_that_cannot_score_a_region_says_which_assumption_failed_it():
    values, regions = _panel(n=8)
    # 03 lacks b1 in both years: leaving b2 out leaves it 0 of 1 indicator of B
    values = values[~((values["region_code"] == "03") & (values["series_id"] == "b1"))]
    level = build_level("county", values, regions, {}, {}, SETTINGS, DIMENSIONS)
    row = level.uncertainty[(level.uncertainty["region_code"] == "03")].iloc[0]
    assert row["n_failed"] > 0 and row["n_draws"] + row["n_failed"] == 2 * SETTINGS.base_samples
    assert "leave_out=b2" in row["failed_because"]


def test_each_dimension_rank_has_an_interval_from_the_same_draws():
    """Issue "A report a policy officer trusts": every rank a reader sees says how sure it is, a dimension's too."""
    values, regions = _panel(n=8)
    level = build_level("county", values, regions, {}, {}, SETTINGS, DIMENSIONS)
    ranks = level.uncertainty
    assert set(ranks["unit"]) == {"overall", "A", "B"}
    assert ((ranks["n_draws"] + ranks["n_failed"]) == 2 * SETTINGS.base_samples).all()
    nominal = level.scores[level.scores["region_code"] != "00"].set_index(["edition", "region_code", "unit"])["rank"]
    for row in ranks.itertuples():
        assert row.nominal_rank == nominal[(row.edition, row.region_code, row.unit)]
        assert row.rank_p05 <= row.median_rank <= row.rank_p95
    # region i is better than region i - 1 on every indicator: no assumption reorders a dimension's regions
    a = ranks[(ranks["unit"] == "A")]
    assert (a["rank_p05"] == a["nominal_rank"]).all() and (a["rank_p95"] == a["nominal_rank"]).all()


def test_a_draw_that_leaves_out_a_dimensions_only_indicator_fails_that_dimension_with_the_reason():
    values, regions = _panel(n=8)
    values = values[values["series_id"] != "a2"]  # A rests on a1 alone
    level = build_level("county", values, regions, {}, {}, SETTINGS, DIMENSIONS)
    a = level.uncertainty[level.uncertainty["unit"] == "A"]
    assert (a["n_failed"] > 0).all() and a["failed_because"].str.contains("leave_out=a1: A too few").all()
    assert ((a["n_draws"] + a["n_failed"]) == 2 * SETTINGS.base_samples).all()
