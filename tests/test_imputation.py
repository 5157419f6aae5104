"""Panel imputation: observed values never change, linear between observations, constant at the ends."""

import numpy as np
import pandas as pd
import pytest

from analysis.imputation import (CARRIED_BACKWARD, CARRIED_FORWARD, LINEAR, OBSERVED, PERIOD, build_indicator_matrix,
                                 impute_series)

YEARS = list(range(2013, 2025))


def test_linear_between_and_constant_at_the_ends():
    values, methods = impute_series(YEARS, {2015: 10.0, 2019: 30.0})
    assert values[:2] == [10.0, 10.0] and methods[:2] == [CARRIED_BACKWARD] * 2
    assert values[2:7] == [10.0, 15.0, 20.0, 25.0, 30.0]
    assert methods[3] == LINEAR and methods[2] == methods[6] == OBSERVED
    assert values[-1] == 30.0 and methods[-1] == CARRIED_FORWARD


@pytest.mark.parametrize("seed", range(5))
def test_imputation_never_alters_an_observed_value(seed):
    rng = np.random.default_rng(seed)
    years = rng.choice(YEARS, size=rng.integers(1, 8), replace=False)
    observed = {int(y): float(rng.normal(100, 30)) for y in years}
    values, methods = impute_series(YEARS, observed)
    for year, value, method in zip(YEARS, values, methods):
        if year in observed:
            assert value == observed[year] and method == OBSERVED
        else:
            assert method != OBSERVED


def _long(rows):
    return pd.DataFrame(rows, columns=["series_id", "period_start", "period_end", "value"])


def test_matrix_excludes_short_and_constant_series_with_reasons():
    values = _long([
        ("a", 2013, 2013, 1.0), ("a", 2018, 2018, 2.0), ("a", 2024, 2024, 4.0),
        ("b", 2013, 2013, 5.0), ("b", 2020, 2020, 6.0),
        ("c", 2013, 2013, 7.0), ("c", 2014, 2014, 7.0), ("c", 2015, 2015, 7.0),
        ("d", 2005, 2005, 1.0), ("d", 2010, 2010, 2.0), ("d", 2013, 2013, 3.0),  # only one year in the window
    ])
    cells, selection = build_indicator_matrix(values, YEARS, min_observed=3)
    status = selection.set_index("series_id")
    assert status.loc["a", "included"]
    assert "fewer than the minimum 3" in status.loc["b", "exclusion_reason"]
    assert "constant" in status.loc["c", "exclusion_reason"]
    assert status.loc["d", "n_observed_years"] == 1
    assert set(cells["series_id"]) == {"a"}
    a = cells.set_index("year")
    assert a.loc[2015, "value"] == pytest.approx(1 + 2 / 5) and a.loc[2015, "is_imputed"]
    assert a.loc[2018, "observed_value"] == 2.0 and not a.loc[2018, "is_imputed"]


def test_a_period_value_is_one_observation_at_its_middle_year_and_its_other_years_are_filled_in():
    values = _long([("tea", 2014, 2017, 8.0), ("tea", 2018, 2021, 9.0), ("tea", 2022, 2022, 10.0)])
    cells, selection = build_indicator_matrix(values, YEARS, min_observed=3)
    cell = cells.set_index("year")
    assert cell.loc[2015, "value"] == 8.0 and cell.loc[2015, "method"] == PERIOD  # 2014-2017: the earlier middle
    assert not cell.loc[2015, "is_imputed"] and cell.loc[2015, "observed_value"] == 8.0  # published, not filled in
    assert cell.loc[2019, "method"] == PERIOD and cell.loc[2022, "method"] == OBSERVED
    # the period's other years are gaps like any other, filled in and said to be
    assert cell.loc[2016, "is_imputed"] and cell.loc[2016, "method"] == LINEAR
    assert cell.loc[2016, "value"] == pytest.approx(8.25) and pd.isna(cell.loc[2016, "observed_value"])
    assert cell.loc[2013, "method"] == CARRIED_BACKWARD
    assert selection.set_index("series_id").loc["tea", "n_observed_years"] == 3  # three observations, not nine
    # two pooled periods are two observations: too few for a series that needs three
    cells, selection = build_indicator_matrix(_long([("fear", 2018, 2020, 34.0), ("fear", 2021, 2023, 47.0)]),
                                              YEARS, min_observed=3)
    assert "fear" not in set(cells["series_id"])
    assert selection.set_index("series_id").loc["fear", "n_observed_years"] == 2


def _bounds(rows):
    return pd.DataFrame(rows, columns=["series_id", "period_start", "period_end", "qualifier", "value", "value_high"])


def test_trademark_applications_over_130_are_never_filled_in_below_the_bound():
    # the report: 127 in 2013, "över 130" in 2020 and 2021, 93 in 2022 (fou_trademark_applications)
    values = _long([("tm", 2013, 2013, 127.0), ("tm", 2022, 2022, 93.0), ("tm", 2023, 2023, 93.0),
                    ("tm", 2024, 2024, 104.0)])
    bounds = _bounds([("tm", 2020, 2020, "over", 130.0, None), ("tm", 2021, 2021, "over", 130.0, None)])
    cells, _ = build_indicator_matrix(values, YEARS, min_observed=3, bounds=bounds)
    cell = cells.set_index("year")
    assert cell.loc[2020, "value"] >= 130 and cell.loc[2021, "value"] >= 130
    assert cell.loc[2020, "method"] == "linear_interpolation_clipped_to_bound" and cell.loc[2020, "bound"] == "over 130"
    assert cell.loc[2016, "value"] == pytest.approx(127 + (93 - 127) * 3 / 9)  # unbounded years unchanged
    _, selection = build_indicator_matrix(values, YEARS, min_observed=3, bounds=bounds, bound_policy="leave_out")
    assert "contradicts the published bound over 130" in selection.iloc[0]["exclusion_reason"]


@pytest.mark.parametrize("series, first_obs", [("fc_vc_invested", 2021), ("fc_vc_firms_active", 2021),
                                               ("fou_students_registered[institution=umu]", 2021)])
def test_nothing_is_carried_years_back_from_a_late_first_observation(series, first_obs):
    # venture capital invested (166.5 MEUR in 2021), active VC firms (7 in 2021) and UMU students (from 2021) were
    # carried back to 2013; now a series is carried at most one year beyond its observations
    values = _long([(series, y, y, float(10 + y - 2020)) for y in range(first_obs, 2025)] +
                   [("long", y, y, float(y % 5)) for y in YEARS])
    cells, selection = build_indicator_matrix(values, YEARS, min_observed=3, max_extrapolation_years=1,
                                              min_window_years=8)
    status = selection.set_index("series_id")
    assert not status.loc[series, "included"] and "carried" in status.loc[series, "exclusion_reason"]
    assert series not in set(cells["series_id"])
    assert (cells["method"] != CARRIED_BACKWARD).all() or (cells.groupby("series_id")["method"].apply(
        lambda m: (m == CARRIED_BACKWARD).sum()) <= 1).all()


def test_the_window_is_shortened_to_what_the_series_cover():
    values = _long([(s, y, y, float((y * (i + 3)) % 7)) for i, s in enumerate("abc") for y in range(2013, 2021)] +
                   [("late", y, y, float(y % 3)) for y in (2021, 2022, 2023, 2024)])
    cells, selection = build_indicator_matrix(values, YEARS, min_observed=3, max_extrapolation_years=1,
                                              min_window_years=8)
    assert set(selection["window_start"]) == {2013} and set(selection["window_end"]) == {2021}
    assert set(cells["series_id"]) == {"a", "b", "c"}
    assert (cells.groupby("series_id")["method"].apply(lambda m: (m == CARRIED_FORWARD).sum()) == 1).all()


def test_one_indicator_enters_the_pca_with_at_most_its_cap_of_series():
    import pandas as pd

    from analysis.comparable import cap_series_per_indicator

    selection = pd.DataFrame({
        "series_id": [f"a[x={i}]" for i in range(7)] + ["b", "c[x=1]"],
        "included": [True] * 6 + [False, True, True],
        "n_observed_years": [3, 9, 9, 5, 8, 4, 12, 6, 6]})
    indicators = {**{f"a[x={i}]": "a" for i in range(7)}, "b": "b", "c[x=1]": "c"}
    dropped = cap_series_per_indicator(selection, indicators, limit=3)
    # the three with the most observed years stay (ties by id); the excluded one is not counted; b and c untouched
    assert sorted(dropped) == ["a[x=0]", "a[x=3]", "a[x=5]"]
    assert "a has 6 series; at most 3 per indicator" in dropped["a[x=0]"]
