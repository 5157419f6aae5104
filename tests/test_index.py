"""The composite index, step by step: COINr's treatment and Box-Cox on hand-computed examples, real terms,
comparable editions, required content, the signal rules, the normalisation, a small index computed by hand, the
ratio scale against Riket and tiers, coherence, and the sensitivity analysis against a toy model whose Sobol indices
are known."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis.index import IndexSettings, build_level
from analysis.index.settings import Scope
from analysis.index.aggregate import against_reference, tiers
from analysis.index.coherence import cronbach_alpha
from analysis.index.content import parse
from analysis.index.editions import place, prepare, real_terms
from analysis.index.normalise import normalise
from analysis.index.signal import separable_share
from analysis.index.treatment import log_ct, passes, treat_series, winsorise
from analysis.index.uncertainty import resolved_order, sobol_indices

SETTINGS = IndexSettings(first_edition=2020, last_edition=2021, base_samples=16, bootstrap_resamples=50,
                         weight_scenarios=5, min_dimensions=2)
DIMENSIONS = ["A", "B", "C"]
FOU_RULE = "rd_business | 2 of rd_business rd_public rd_higher_education"


def _row(region, series, dim, year, value, polarity=1, money=False, content=None, unit=None, basis=None):
    return {"region_code": region, "series_id": series, "indicator_id": series, "dimension_id": dim,
            "content": content or series, "polarity": polarity,
            "unit": unit or ("sek_per_inhabitant" if money else "rate"), "is_current_prices": money,
            "year": year, "value": float(value),
            "aggregate_basis": (basis or "aggregate_of_regions") if region == "00" else None}


def _panel(n=6, seed=0, years=(2020, 2021)):
    """``n`` regions and Riket, dimensions A (a1, a2) and B (b1, b2, less is better); region i is better than
    region i - 1 on every indicator."""
    rng = np.random.default_rng(seed)
    rows = []
    regions = [f"{i:02d}" for i in range(1, n + 1)]
    for year in years:
        for i, region in enumerate([*regions, "00"]):
            base = i if region != "00" else (n - 1) / 2
            for series, dim, pol in (("a1", "A", 1), ("a2", "A", 1), ("b1", "B", 1), ("b2", "B", -1)):
                noise = 0.1 * rng.random()
                rows.append(_row(region, series, dim, year, 10 + pol * base + noise + year % 2, pol))
    return pd.DataFrame(rows), regions


def _build(values, regions, settings=SETTINGS, rules=None, uncertainty=False, dimensions=DIMENSIONS):
    return build_level("county", pd.DataFrame(values), regions, rules or {}, {}, settings, dimensions,
                       with_uncertainty=uncertainty)


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


def test_box_cox_fits_its_lambda_where_coinr_would_take_the_log():
    rng = np.random.default_rng(3)
    x = pd.Series(np.exp(rng.normal(0, 1.2, 300)))  # lognormal: skewed, and its log is normal
    assert not passes(x, SETTINGS)
    t = treat_series("x", x, SETTINGS, method="boxcox")
    assert t.method == "box_cox" and t.passes_after
    assert abs(t.skew_after) < abs(t.skew_before) / 4
    # the transformation is ((x - min + 0.01 range)^lambda - 1) / lambda, applied to any value the same way
    shifted = x.iloc[:3] - x.min() + 0.01 * (x.max() - x.min())
    assert t.apply(x.iloc[:3]).tolist() == pytest.approx(((shifted ** t.box_cox_lambda - 1) / t.box_cox_lambda)
                                                         .tolist())
    none = treat_series("x", x, SETTINGS, method="none")
    assert none.method == "none" and not none.passes_after  # recorded as it is: it would fail the test


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


def test_a_year_places_each_indicator_at_its_latest_usable_year_within_the_lag_and_says_why_not():
    rows = [_row(r, "x", "A", y, 1 + i) for i, r in enumerate(["01", "02", "03", "00"]) for y in (2015, 2018)]
    # money with 3 of 3 regions but no Riket value: counted before the real-terms step, so the reason says so
    rows += [_row(r, "y", "A", 2019, 2 + i, money=True) for i, r in enumerate(["01", "02", "03"])]
    prepared = prepare(pd.DataFrame(rows), Scope("county", ("01", "02", "03")), IndexSettings(max_lag=3))
    settings = IndexSettings(max_lag=3)
    assert place(prepared, "x", 2018, settings)["year_used"] == 2018
    assert place(prepared, "x", 2021, settings)["year_used"] == 2018
    late = place(prepared, "x", 2022, settings)
    assert late["status"] == "not_used" and late["reason"] == "no value in 2019-2022 (at most 3 years old)"
    no_riket = place(prepared, "y", 2019, settings)
    assert no_riket["status"] == "not_used" and no_riket["reason"].startswith("Riket has no value in 2016-2019 (3 of 3")


def test_a_change_of_indicators_between_editions_never_moves_a_comparable_series():
    """Issue "A verdict that means the same thing every year": the data do not change, an indicator stops; the old
    index moved between editions, the latest edition's series stays flat and says what changed."""
    regions = ["01", "02", "03", "04"]
    rows = []
    for y in (2019, 2020, 2021):
        for i, r in enumerate([*regions, "00"]):
            level = i if r != "00" else 1.5
            rows += [_row(r, "a", "A", y, 10 + level), _row(r, "b", "B", y, 20 + 2 * level),
                     _row(r, "c", "C", y, 5 + level)]
            if y <= 2020:  # z stops after 2020, and it orders the regions the other way
                rows.append(_row(r, "z", "C", y, 30 - 3 * level))
    settings = IndexSettings(first_edition=2019, last_edition=2021, max_lag=0, min_dimensions=2)
    level = _build(rows, regions, settings)
    s = level.scores[level.scores["unit"] == "overall"].set_index(["edition", "year", "region_code"])["score"]
    latest = level.scores[(level.scores["edition"] == 2021) & (level.scores["region_code"] != "00")]
    for r in regions:
        series = [s[(2021, y, r)] for y in (2019, 2020, 2021)]
        assert series == pytest.approx([series[0]] * 3)  # the data did not change: neither does the series
    assert (latest["change_since_first_year"].abs() < 1e-9).all() and (latest["first_year"] == 2019).all()
    assert (latest.groupby("unit")["composition"].nunique() == 1).all()  # each unit's set the same every year
    assert s[(2020, 2020, "04")] != pytest.approx(s[(2021, 2020, "04")])  # the 2020 edition's own set differs
    editions = level.editions.set_index("edition")
    assert editions.loc[2021, "dropped_since_previous"] == "z"
    assert editions.loc[2021, "comparable_years"] == "2019, 2020, 2021"


def test_a_year_an_indicator_of_the_set_cannot_place_is_not_comparable_and_says_why():
    regions = ["01", "02", "03"]
    rows = []
    for y in (2019, 2020, 2021):
        for i, r in enumerate([*regions, "00"]):
            rows.append(_row(r, "a", "A", y, 1 + i))
            if y != 2020:
                rows.append(_row(r, "b", "B", y, 3 - i))
    settings = IndexSettings(first_edition=2019, last_edition=2021, max_lag=0, min_dimensions=2)
    level = _build(rows, regions, settings)
    row = level.scores.set_index(["edition", "year", "region_code", "unit"]).loc[(2021, 2020, "01", "overall")]
    assert np.isnan(row["score"]) and row["missing_reason"].startswith("not comparable in 2020: b: not comparable")
    inputs = level.inputs.set_index(["edition", "year", "series_id"])
    assert inputs.loc[(2021, 2020, "b"), "status"] == "not_comparable"


# ------------------------------------------------------------------------------------------- required content
def test_a_requirement_reads_alternatives_and_counts():
    rule = parse("fou", FOU_RULE)
    assert rule.met({"rd_business"}) and rule.met({"rd_public", "rd_higher_education"})
    assert not rule.met({"rd_public"}) and not rule.met(set())
    present = np.array([[True, False, False], [False, True, True], [False, True, False]])
    assert rule.met_rows(present, ["rd_business", "rd_public", "rd_higher_education"]).tolist() == [True, True, False]
    with pytest.raises(ValueError, match="fou: '4 of a b' asks for 4 of 2"):
        parse("fou", "4 of a b")


def test_an_edition_without_a_dimensions_required_content_does_not_score_it_and_says_so():
    """Public R&D alone never stands for a region's R&D."""
    regions = ["01", "02", "03", "04"]
    rows = []
    for y in (2020, 2021):
        for i, r in enumerate([*regions, "00"]):
            rows += [_row(r, "pub", "fou", y, 1 + i, content="rd_public"), _row(r, "a", "A", y, 2 + i),
                     _row(r, "b", "B", y, 5 - i)]
            if y == 2020:
                rows.append(_row(r, "bus", "fou", y, 3 + i, content="rd_business"))
    settings = IndexSettings(first_edition=2020, last_edition=2021, max_lag=0, min_dimensions=2)
    level = _build(rows, regions, settings, rules={"fou": FOU_RULE}, dimensions=["fou", "A", "B"])
    scored = level.scores[level.scores["score"].notna()]
    assert set(scored.loc[scored["edition"] == 2020, "unit"]) == {"fou", "A", "B", "overall"}
    assert "fou" not in set(scored.loc[scored["edition"] == 2021, "unit"])
    inputs = level.inputs.set_index(["edition", "year", "series_id"])
    assert inputs.loc[(2021, 2021, "pub"), "status"] == "dimension_not_scored"
    assert FOU_RULE in inputs.loc[(2021, 2021, "pub"), "reason"] and "only rd_public" in inputs.loc[
        (2021, 2021, "pub"), "reason"]
    coverage = level.coverage.set_index("dimension_id")
    assert coverage.loc["fou", "editions_scored"] == "2020" and coverage.loc["fou", "required_content"] == FOU_RULE


def test_a_region_whose_values_lack_the_required_content_gets_no_dimension_score():
    regions = ["01", "02", "03", "04"]
    rows = []
    for i, r in enumerate([*regions, "00"]):
        rows += [_row(r, "use1", "T", 2021, 1 + i, content="tech_use"), _row(r, "use2", "T", 2021, 2 + i,
                                                                             content="tech_use"),
                 _row(r, "a", "A", 2021, 1 + i)]
        if r != "03":  # 03 has two of three indicators, but not the technology output
            rows.append(_row(r, "out", "T", 2021, 3 + i, content="technology_output"))
    settings = IndexSettings(first_edition=2021, last_edition=2021, min_dimensions=2, treatment="none")
    level = _build(rows, regions, settings, rules={"T": "technology_output"}, dimensions=["T", "A"])
    t = level.scores[level.scores["unit"] == "T"].set_index("region_code")
    assert np.isnan(t.loc["03", "score"]) and "required content (technology_output)" in t.loc["03", "missing_reason"]
    assert t.drop(index="03")["score"].notna().all()


def test_riket_from_a_published_national_total_costs_only_the_missing_region_its_value():
    """A suppressed region with Riket's published total: the indicator-year stays for the other regions."""
    values, regions = _panel(n=6)
    values = values[~((values["region_code"] == "03") & (values["series_id"] == "a1") & (values["year"] == 2021))]
    values.loc[(values["region_code"] == "00") & (values["series_id"] == "a1"), "aggregate_basis"] = \
        "published_total"
    level = _build(values, regions)
    inputs = level.inputs.set_index(["edition", "year", "series_id"])
    assert inputs.loc[(2021, 2021, "a1"), "year_used"] == 2021 and inputs.loc[(2021, 2021, "a1"), "n_regions"] == 5
    assert inputs.loc[(2021, 2021, "a1"), "reference_basis"] == "published_total"
    a = level.scores[(level.scores["edition"] == 2021) & (level.scores["year"] == 2021)
                     & (level.scores["unit"] == "A")].set_index("region_code")
    # 03 has 1 of A's 2 indicators (two thirds of 2 rounds up to 2): it alone loses A, the others keep it
    assert a.loc["03", "n_present"] == 1 and np.isnan(a.loc["03", "score"])
    assert a.drop(index=["03"])["score"].notna().all()


# ----------------------------------------------------------------------------------------------- the signal
def test_pairs_told_apart_by_their_margins_of_error_by_hand():
    values = pd.Series({"r1": 1.0, "r2": 1.1, "r3": 2.0})
    margins = pd.Series({"r1": 0.1, "r2": 0.1, "r3": 0.1})
    # r1-r2: 0.1 <= sqrt(0.1^2 + 0.1^2) = 0.141, not told apart; r1-r3 0.9 and r2-r3 0.9: told apart
    assert separable_share(values, margins) == pytest.approx(2 / 3)
    # no chaining: neighbours each within the margin, the ends far apart
    chain = pd.Series({f"r{i}": 0.1 * i for i in range(30)})
    assert separable_share(chain, pd.Series(0.1, index=chain.index)) > 0.8


def test_an_indicator_that_cannot_tell_the_regions_apart_is_context_not_scored():
    rng = np.random.default_rng(7)
    regions = [f"{i:02d}" for i in range(1, 9)]
    rows = []
    for y in range(2014, 2021):
        order = rng.permutation(8)  # the regions' order is drawn anew every year: noise
        for i, r in enumerate([*regions, "00"]):
            rows += [_row(r, "stable", "A", y, 10 + i), _row(r, "stable_b", "B", y, 20 - i),
                     _row(r, "noise", "C", y, 50 + (order[i] if r != "00" else 4))]
            rows.append(_row(r, "full", "D", y, 97 + (i % 3), unit="percent"))  # saturated near 100 %
            rows.append({**_row(r, "eqi", "E", y, 1.0 + 0.05 * i), "margin": 0.3 if r != "00" else np.nan})
    settings = IndexSettings(first_edition=2020, last_edition=2020, min_dimensions=2, treatment="none")
    level = _build(rows, regions, settings, dimensions=["A", "B", "C", "D", "E"])
    signal = level.signal.set_index("series_id")
    assert signal.loc["stable", "is_scored"] and signal.loc["stable", "rank_correlation_median"] == pytest.approx(1)
    assert not signal.loc["noise", "is_scored"] and "order is noise" in signal.loc["noise", "reason"]
    assert not signal.loc["full", "is_scored"] and "saturated" in signal.loc["full", "reason"]
    assert not signal.loc["eqi", "is_scored"] and "margin of error" in signal.loc["eqi", "reason"]
    assert signal.loc["eqi", "separable_pairs"] < 0.5
    assert set(level.scores["unit"]) == {"A", "B", "overall"}
    coverage = level.coverage.set_index("dimension_id")
    assert "order is noise" in coverage.loc["C", "indicators_context"] and not coverage.loc["C", "is_scored"]


# ------------------------------------------------------------------------------------- normalise and aggregate
def test_minmax_runs_over_the_regions_and_scores_riket_against_them():
    values, regions = _panel()
    level = _build(values, regions)
    a1 = level.normalisation.set_index(["edition", "series_id"])
    on_regions = values[(values["region_code"] != "00") & (values["series_id"] == "a1")]["value"]
    assert a1.loc[(2021, "a1"), "min"] == pytest.approx(on_regions.min())
    assert a1.loc[(2021, "a1"), "max"] == pytest.approx(on_regions.max())
    scores = level.scores.set_index(["edition", "year", "region_code", "unit"])["score"]
    assert 0 < scores[(2021, 2021, "00", "A")] < 100


def test_worked_example_by_hand():
    rows = [_row("01", "x", "D", 2021, 10), _row("02", "x", "D", 2021, 20), _row("03", "x", "D", 2021, 30),
            _row("01", "y", "D", 2021, 5, -1), _row("02", "y", "D", 2021, 1, -1), _row("03", "y", "D", 2021, 3, -1),
            _row("00", "x", "D", 2021, 20), _row("00", "y", "D", 2021, 3, -1)]
    rows += [{**r, "series_id": "z", "indicator_id": "z", "content": "z", "dimension_id": "E", "polarity": 1}
             for r in rows[:3]]
    rows += [_row("00", "z", "E", 2021, 20)]
    settings = IndexSettings(first_edition=2021, last_edition=2021, min_dimensions=2, treatment="none")
    level = _build(rows, ["01", "02", "03"], settings, dimensions=["D", "E"])
    scores = level.scores.set_index(["unit", "region_code"])
    # D: x 01 -> 0, 02 -> 0.5, 03 -> 1; y (less is better) 01 -> 0, 02 -> 1, 03 -> 0.5; E = x
    assert scores.loc[("D", "02"), "score"] == pytest.approx(75.0)
    assert scores.loc[("overall", "01"), "score"] == pytest.approx(0.0)
    assert scores.loc[("overall", "02"), "score"] == pytest.approx((75 + 50) / 2)
    assert scores.loc[("overall", "03"), "score"] == pytest.approx((75 + 100) / 2)
    assert scores.loc[("overall", "00"), "score"] == pytest.approx(50.0)  # Riket against the regions' min-max
    assert np.isnan(scores.loc[("overall", "00"), "rank"])  # Riket is not ranked
    assert scores.loc[("overall", "03"), "rank"] == 1
    # the ratio scale: 03's D = (30/20 + 3/3) / 2 = 1.25, E = 30/20 = 1.5; overall (1.25 + 1.5) / 2 = 137.5 %
    assert scores.loc[("overall", "03"), "relative_to_reference"] == pytest.approx(137.5)
    # 01: D = (10/20 + 3/5) / 2 = 0.55, E = 0.5: 52.5 %
    assert scores.loc[("overall", "01"), "relative_to_reference"] == pytest.approx(52.5)
    assert scores.loc[("overall", "00"), "relative_to_reference"] == pytest.approx(100.0)
    # no uncertainty analysis: nothing could vary, so "above"/"below" without "clearly"
    assert scores.loc[("overall", "03"), "against_reference"] == "above"
    assert scores.loc[("overall", "01"), "against_reference"] == "below"


def test_the_geometric_mean_of_the_dimensions_compensates_less():
    # a: 0, 10, 5, 10 and b: 0, 0, 5, 10: 02 (strong and weak) and 03 (balanced) tie on the arithmetic mean
    rows = []
    for r, a, b in (("01", 0, 0), ("02", 10, 0), ("03", 5, 5), ("04", 10, 10), ("00", 5, 5)):
        rows += [_row(r, "a", "A", 2021, a), _row(r, "b", "B", 2021, b)]
    settings = IndexSettings(first_edition=2021, last_edition=2021, min_dimensions=2, treatment="none")
    level = _build(rows, ["01", "02", "03", "04"], settings, dimensions=["A", "B"])
    overall = level.scores[level.scores["unit"] == "overall"].set_index("region_code")
    assert overall.loc["02", "score"] == pytest.approx(overall.loc["03", "score"])
    # on the 1-100 scale: 02 = sqrt(100 x 1) = 10, 03 = sqrt(50.5 x 50.5) = 50.5
    assert overall.loc["02", "score_geometric"] == pytest.approx(10.0)
    assert overall.loc["03", "score_geometric"] == pytest.approx(50.5)
    geometric = _build(rows, ["01", "02", "03", "04"],
                       IndexSettings(**{**settings.as_dict(), "aggregation": "geometric"}), dimensions=["A", "B"])
    g = geometric.scores[geometric.scores["unit"] == "overall"].set_index("region_code")["rank"]
    assert (g["03"], g["02"]) == (2, 3)


@pytest.mark.parametrize("normalisation", ["minmax", "zscore", "rank", "riket_index"])
@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric"])
def test_a_region_better_on_every_indicator_never_ranks_below(normalisation, aggregation):
    values, regions = _panel()
    settings = IndexSettings(**{**SETTINGS.as_dict(), "normalisation": normalisation, "aggregation": aggregation})
    level = _build(values, regions, settings)
    overall = level.scores[level.scores["unit"] == "overall"].set_index(["edition", "year", "region_code"])
    for edition, year in ((2020, 2020), (2021, 2020), (2021, 2021)):
        assert overall.loc[(edition, year, "06"), "rank"] == 1 and overall.loc[(edition, year, "01"), "rank"] == 6


def test_riket_is_scored_on_the_same_indicators_as_the_regions_in_every_year():
    values, regions = _panel()
    values = values[~((values["region_code"] == "00") & (values["series_id"] == "a2") & (values["year"] == 2021))]
    level = _build(values, regions)
    inputs = level.inputs.set_index(["edition", "year", "series_id"])
    assert inputs.loc[(2021, 2021, "a2"), "year_used"] == 2020  # Riket has no 2021 value: the year takes 2020
    riket = level.scores[(level.scores["region_code"] == "00") & (level.scores["unit"] == "overall")]
    assert riket["score"].notna().all() and len(riket) == 3  # editions 2020 (one year) and 2021 (two)
    lan = level.scores[(level.scores["region_code"] != "00") & (level.scores["unit"] == "overall")]
    assert lan["against_reference"].notna().all()


def test_a_dimension_with_no_indicator_is_not_scored_and_says_why():
    values, regions = _panel()
    level = _build(values, regions)
    coverage = level.coverage.set_index("dimension_id")
    assert coverage.loc["A", "is_scored"] and not coverage.loc["C", "is_scored"]
    assert "no indicator" in coverage.loc["C", "not_scored_because"]


# ----------------------------------------------------------------------------------- reading: Riket, tiers
@pytest.mark.parametrize(("low", "high", "label"), [
    (101, 120, "clearly_above"), (90, 101, "near"), (99.5, 100.0, "near"), (80, 99, "clearly_below"),
    (110, 110, "above"), (90, 90, "below")])
def test_a_region_against_reference_is_read_from_its_interval(low, high, label):
    assert against_reference(low, high) == label


def test_tiers_open_where_rank_intervals_separate():
    frame = pd.DataFrame({"rank": [1, 2, 3, 4, 5, 6], "rank_low": [1, 1, 2, 4, 5, np.nan],
                          "rank_high": [3, 4, 5, 6, 7, np.nan]})
    # 1-3 heads tier 1; 1-4 and 2-5 reach it; 4-6 lies below 3: tier 2, whose head ends at 6; 5-7 reaches it
    assert tiers(frame).tolist()[:5] == [1, 1, 1, 2, 2] and np.isnan(tiers(frame).iloc[5])


# ----------------------------------------------------------------------------------------------- coherence
def test_cronbach_alpha_of_identical_items_is_one():
    block = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 4, 6, 8.5]})
    assert cronbach_alpha(block) == pytest.approx(1.0, abs=0.01)


def test_coherence_is_reported_and_decides_nothing():
    """An indicator enters for what it measures: one that disagrees with its dimension stays in it."""
    values, regions = _panel(n=8)
    disagree = values["series_id"] == "a2"
    values.loc[disagree, "value"] = 40 - values.loc[disagree, "value"]  # a2 orders the regions the other way
    level = _build(values, regions)
    a = level.coherence[(level.coherence["dimension_id"] == "A") & level.coherence["series_id"].isna()]
    assert (a["verdict"] != "coherent").all()
    assert set(level.scores.loc[level.scores["unit"] == "A", "composition"]) == {"a1,a2"}


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
    first = _build(values, regions, uncertainty=True)
    again = _build(values, regions, uncertainty=True)
    pd.testing.assert_frame_equal(first.uncertainty, again.uncertainty)
    pd.testing.assert_frame_equal(first.sensitivity, again.sensitivity)
    ranks = first.uncertainty
    assert ((ranks["n_draws"] + ranks["n_failed"]) == 2 * SETTINGS.base_samples).all()
    assert (ranks["rank_p05"] <= ranks["median_rank"]).all() and (ranks["median_rank"] <= ranks["rank_p95"]).all()
    assert set(first.sensitivity["assumption"]) == {"weights", "normalisation", "aggregation", "treatment",
                                                    "leave_out"}
    levels = first.sensitivity.drop_duplicates("assumption").set_index("assumption")["levels"]
    assert "Box-Cox" in levels["treatment"] and "geometric mean of the dimensions" in levels["aggregation"]
    assert (first.sensitivity["year"] == first.sensitivity["edition"]).all()  # the edition's own year
    # every rank a reader sees carries its interval
    scored = first.scores[(first.scores["region_code"] != "00") & first.scores["score"].notna()]
    assert scored["rank_low"].notna().all() and scored["rank_high"].notna().all()
    assert ((scored["rank_low"] <= scored["rank"]) | (scored["rank_high"] >= scored["rank"])).all()


def test_a_draw_that_cannot_score_a_region_says_which_assumption_failed_it():
    values, regions = _panel(n=8)
    # 03 lacks b1 in both years: leaving b2 out leaves it 0 of 1 indicator of B
    values = values[~((values["region_code"] == "03") & (values["series_id"] == "b1"))]
    level = _build(values, regions, uncertainty=True)
    row = level.uncertainty[(level.uncertainty["region_code"] == "03")].iloc[0]
    assert row["n_failed"] > 0 and row["n_draws"] + row["n_failed"] == 2 * SETTINGS.base_samples
    assert "leave_out=b2" in row["failed_because"]


def test_each_dimension_rank_has_an_interval_from_the_same_draws():
    values, regions = _panel(n=8)
    level = _build(values, regions, uncertainty=True)
    ranks = level.uncertainty
    assert set(ranks["unit"]) == {"overall", "A", "B"}
    assert ((ranks["n_draws"] + ranks["n_failed"]) == 2 * SETTINGS.base_samples).all()
    nominal = level.scores[level.scores["region_code"] != "00"].set_index(
        ["edition", "year", "region_code", "unit"])["rank"]
    for row in ranks.itertuples():
        assert row.nominal_rank == nominal[(row.edition, row.year, row.region_code, row.unit)]
        assert row.rank_p05 <= row.median_rank <= row.rank_p95
    # region i is better than region i - 1 on every indicator: no assumption reorders a dimension's regions
    a = ranks[(ranks["unit"] == "A")]
    assert (a["rank_p05"] == a["nominal_rank"]).all() and (a["rank_p95"] == a["nominal_rank"]).all()


def test_the_ratio_scale_interval_says_whether_a_region_is_clearly_above_riket():
    values, regions = _panel(n=8)
    level = _build(values, regions, uncertainty=True)
    overall = level.scores[(level.scores["unit"] == "overall") & (level.scores["region_code"] != "00")
                           & (level.scores["year"] == 2021) & (level.scores["edition"] == 2021)]
    best, worst = overall.set_index("region_code").loc["08"], overall.set_index("region_code").loc["01"]
    assert best["relative_low"] > 100 and best["against_reference"] == "clearly_above"
    assert worst["relative_high"] < 100 and worst["against_reference"] == "clearly_below"
    assert (overall["relative_low"] <= overall["relative_high"]).all()


def test_a_draw_that_leaves_out_a_dimensions_only_indicator_fails_that_dimension_with_the_reason():
    values, regions = _panel(n=8)
    values = values[values["series_id"] != "a2"]  # A rests on a1 alone
    level = _build(values, regions, uncertainty=True)
    a = level.uncertainty[level.uncertainty["unit"] == "A"]
    assert (a["n_failed"] > 0).all() and a["failed_because"].str.contains("leave_out=a1: A too few").all()
    assert ((a["n_draws"] + a["n_failed"]) == 2 * SETTINGS.base_samples).all()
