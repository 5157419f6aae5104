"""Issue "A report that answers": charts that tell the truth, on small hand-made inputs."""

import pandas as pd

from analysis.report.figures import time_series_figure


def _values(rows):
    frame = pd.DataFrame(rows, columns=["region_code", "region_name", "period_start", "value", "qualifier"])
    return frame.assign(period_end=frame["period_start"], breakdown="", value_kind="figure", value_high=None,
                        unit="count", citation="test")


def _indicator(unit="count"):
    return pd.Series({"indicator_id": "x", "name_sv": "X", "name_en": "X", "unit": unit, "polarity": 1})


def test_riket_gets_its_own_panel_for_a_level_and_a_gap_stays_a_gap():
    values = _values([("24", "Västerbotten", 2014, 12.0, "exact"), ("24", "Västerbotten", 2023, 15.0, "exact"),
                      ("00", "Riket", 2014, 900.0, "exact"), ("00", "Riket", 2015, 950.0, "exact")])
    fig = time_series_figure(_indicator(), values, "en", "24")
    lan = next(t for t in fig.data if "Riket" not in t.name)
    riket = next(t for t in fig.data if "Riket" in t.name)
    assert lan.yaxis == "y" and riket.yaxis == "y2"  # never on the same level axis
    assert len(lan.x) == 10 and sum(pd.isna(v) for v in lan.y) == 8 and lan.connectgaps is False


def test_a_share_runs_from_0_to_100_on_one_axis():
    values = _values([("24", "Västerbotten", 2014, 12.0, "exact"), ("00", "Riket", 2014, 20.0, "exact")])
    values["unit"] = "percent"
    fig = time_series_figure(_indicator("percent"), values, "en", "24")
    assert list(fig.layout.yaxis.range) == [0, 100] and all(t.yaxis in (None, "y") for t in fig.data)
