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
    assert lan.name.startswith("Västerbotten") and not any(t.name.startswith("total") for t in fig.data)
    riket = next(t for t in fig.data if "Riket" in t.name)
    assert lan.yaxis == "y" and riket.yaxis == "y2"  # never on the same level axis
    assert len(lan.x) == 10 and sum(pd.isna(v) for v in lan.y) == 8 and lan.connectgaps is False


def test_a_share_runs_from_0_to_100_on_one_axis():
    values = _values([("24", "Västerbotten", 2014, 12.0, "exact"), ("00", "Riket", 2014, 20.0, "exact")])
    values["unit"] = "percent"
    fig = time_series_figure(_indicator("percent"), values, "en", "24")
    assert list(fig.layout.yaxis.range) == [0, 100] and all(t.yaxis in (None, "y") for t in fig.data)


def test_the_swedish_page_writes_numbers_the_swedish_way():
    from analysis.report.figures import SEPARATORS, fmt

    assert fmt(54.5, "sv") == "54,5" and fmt(1200, "sv") == "1\u00a0200" and fmt(54.5, "en") == "54.5"
    assert fmt(1200, "en") == "1,200" and SEPARATORS["sv"][0] == ","  # plotly: decimal comma, space thousands


def test_a_survey_share_runs_0_to_100_and_explains_its_star():
    from analysis.report.figures import survey_figure

    values = pd.DataFrame({"value_kind": ["figure", "figure"], "breakdown": ["base=all_firms;answer=yes",
                                                                           "base=all_firms;answer=high_degree"],
                           "value": [22.0, 50.0], "qualifier": ["exact", "over"], "period_start": [2024, 2024],
                           "period_end": [2024, 2024], "value_high": [None, None], "unit": ["percent", "percent"],
                           "citation": ["NLE 2024", "NLE 2024"], "n_respondents": [305, 305],
                           "ci_low": [17.5, 44.0], "ci_high": [27.3, 56.0]})
    fig = survey_figure(_indicator("percent"), values, "sv")
    assert list(fig.layout.xaxis.range) == [0, 100]
    bars = fig.data[0]  # two answers from different scales: grouped bars, high degree before yes (scale order)
    assert list(bars.y) == ["Hög grad", "Ja"] and bars.text[0].endswith("*")
    assert "* ungefärligt" in fig.layout.annotations[0].text
    assert [round(v, 1) for v in bars.error_x.array] == [6.0, 5.3]  # ci_high - value: the bar's interval


def _survey(breakdowns, values, unit="percent"):
    n = len(values)
    return pd.DataFrame({"value_kind": ["figure"] * n, "breakdown": breakdowns, "value": values,
                         "qualifier": ["exact"] * n, "period_start": [2024] * n, "period_end": [2024] * n,
                         "value_high": [None] * n, "unit": [unit] * n, "citation": ["NLE 2024"] * n,
                         "n_respondents": [305] * n, "ci_low": [v - 5 for v in values],
                         "ci_high": [v + 5 for v in values]})


def test_likert_answers_are_ordered_on_their_scale_and_stacked_with_the_unpublished_rest():
    from analysis.report.figures import survey_figure

    values = _survey(["base=all_firms;answer=yes", "base=all_firms;answer=no", "base=all_firms;answer=unsure"],
                     [54.0, 38.0, 6.0])
    fig = survey_figure(_indicator("percent"), values, "en")
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["No", "Unsure", "Yes", "other answers (not published)"]
    assert list(fig.data[-1].x) == [2.0] and list(fig.data[0].y) == ["all firms"]
    assert "hover" in fig.layout.annotations[-1].text  # where the intervals of a stacked bar are


def test_a_neutral_answer_goes_after_the_answers_of_a_scale_it_is_not_on():
    from analysis.report.labels import answer_ranks

    codes = ["unsure", "easy", "difficult", "neutral"]
    order = [c for _, c in sorted(zip(answer_ranks(codes), codes))]
    assert order == ["difficult", "neutral", "easy", "unsure"]


def test_shares_that_add_up_to_more_than_100_are_not_stacked():
    from analysis.report.figures import survey_figure

    values = _survey(["answer=low", "answer=fairly_high", "answer=very_high"], [60.0, 40.0, 20.0])
    fig = survey_figure(_indicator("percent"), values, "en")
    assert fig.layout.barmode == "group" and fig.data[0].error_x.array is not None


def test_a_bound_is_drawn_as_a_bound_and_named_in_the_legend():
    values = _values([("24", "Västerbotten", 2014, 130.0, "over"), ("24", "Västerbotten", 2015, 20.0, "under"),
                      ("24", "Västerbotten", 2016, 100.0, "exact")])
    fig = time_series_figure(_indicator(), values, "sv", "24")
    symbols = {t.name: t.marker.symbol for t in fig.data}
    assert symbols["Västerbotten: publicerat (över)"] == "triangle-up-open"
    assert symbols["Västerbotten: publicerat (under)"] == "triangle-down-open"
    assert list(next(t for t in fig.data if "över" in t.name).y) == [130.0]  # drawn at its bound, never below it
