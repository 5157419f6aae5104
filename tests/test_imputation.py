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


def test_period_value_stands_for_each_year_of_its_period_flagged():
    values = _long([("tea", 2014, 2017, 8.0), ("tea", 2018, 2021, 9.0), ("tea", 2022, 2022, 10.0)])
    cells, selection = build_indicator_matrix(values, YEARS, min_observed=3)
    cell = cells.set_index("year")
    assert cell.loc[2015, "value"] == 8.0 and cell.loc[2015, "method"] == PERIOD and cell.loc[2015, "is_imputed"]
    assert cell.loc[2022, "method"] == OBSERVED
    assert cell.loc[2013, "method"] == CARRIED_BACKWARD
