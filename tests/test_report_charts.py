"""Issues "A report that answers" and "A report a policy officer trusts": charts that tell the truth, on small
hand-made inputs: axes that fit their data and scale, levels apart from Riket and rates beside it, periods as
spans, survey intervals drawn, numbers in the page's language."""

import pandas as pd
import pytest

from analysis.report.figures import (LEVEL_UNITS, PALETTE, RIKET_COLOUR, SELECTED, TEMPLATE, survey_figure, text_colour,
                                     time_series_figure)
from analysis.report.numbers import MINUS, axis_scale, fmt, interval, nice_max, signed


def _values(rows, unit="count"):
    frame = pd.DataFrame(rows, columns=["region_code", "region_name", "period_start", "value", "qualifier"])
    return frame.assign(period_end=frame["period_start"], breakdown="", value_kind="figure", value_high=None,
                        unit=unit, citation="test")


def _indicator(unit="count", frequency="yearly"):
    return pd.Series({"indicator_id": "x", "name_sv": "X", "name_en": "X", "unit": unit, "polarity": 1,
                      "frequency": frequency})


def test_riket_gets_its_own_panel_for_a_level_and_a_gap_stays_a_gap():
    values = _values([("24", "Västerbottens län", 2014, 12.0, "exact"), ("24", "Västerbottens län", 2023, 15.0, "exact"),
                      ("00", "Riket", 2014, 900.0, "exact"), ("00", "Riket", 2015, 950.0, "exact")])
    fig = time_series_figure(_indicator(), values, "en", ("24",))
    lan = next(t for t in fig.data if t.name.startswith("Västerbotten County"))
    riket = next(t for t in fig.data if t.name.startswith("Sweden"))
    assert lan.yaxis == "y" and riket.yaxis == "y2"  # never on the same level axis
    assert list(lan.x) == [2014, 2015, 2023] and pd.isna(lan.y[1]) and lan.connectgaps is False


def test_a_rate_shares_riket_axis_and_a_biennial_series_is_one_line():
    values = _values([("24", "Västerbottens län", y, v, "exact") for y, v in ((2015, 9.0), (2017, 8.0), (2019, 7.5))]
                     + [("00", "Riket", y, 6.0, "exact") for y in (2015, 2017, 2019)], unit="sek_per_inhabitant")
    fig = time_series_figure(_indicator("sek_per_inhabitant", "biennial"), values, "sv", ("24",))
    assert {t.yaxis for t in fig.data} <= {None, "y"}  # a rate: one axis with Riket
    lan = next(t for t in fig.data if t.name.startswith("Västerbottens län"))
    assert list(lan.x) == [2015, 2017, 2019]  # published every other year: no gap between
    assert "sek_per_inhabitant" not in LEVEL_UNITS and "mnkr" in LEVEL_UNITS


def test_a_share_axis_fits_its_data_and_a_rating_spans_its_scale():
    values = _values([("24", "Västerbottens län", 2014, 5.2, "exact"), ("00", "Riket", 2014, 9.6, "exact")], "percent")
    fig = time_series_figure(_indicator("percent"), values, "en", ("24",))
    assert list(fig.layout.yaxis.range) == [0, 10]  # unemployment of 5-10 %, not 0-100
    assert nice_max(38) == 40 and nice_max(61) == 70 and nice_max(99, 100) == 100 and nice_max(7.3) == 8
    rating = _values([("24", "Västerbottens län", 2020, 3.4, "exact"), ("24", "Västerbottens län", 2021, 3.6, "exact")],
                     "rating_1_6")
    fig = time_series_figure(_indicator("rating_1_6"), rating, "sv", ("24",))
    assert list(fig.layout.yaxis.range) == [1, 6]


def test_a_multi_year_value_is_one_point_spanning_its_period_and_naming_it():
    values = _values([("24", "Västerbottens län", 2014, 7.0, "exact")], "percent").assign(period_end=2017)
    fig = time_series_figure(_indicator("percent", "multi_year_period"), values, "sv", ("24",))
    (trace,) = fig.data
    assert list(trace.x) == [2015.5] and list(trace.error_x.array) == [1.5] and list(trace.text) == ["2014–2017"]


def test_a_large_level_is_written_in_words_never_k_or_m():
    assert axis_scale("mnkr", 6_000_000, "sv") == (1000, "miljarder kronor")
    assert axis_scale("count", 2_500_000, "en") == (1e6, "millions") and axis_scale("count", 900, "sv") == (1, None)
    values = _values([("24", "Västerbottens län", 2020, 150_000.0, "exact"),
                      ("24", "Västerbottens län", 2021, 160_000.0, "exact")], "mnkr")
    fig = time_series_figure(_indicator("mnkr"), values, "sv", ("24",))
    assert "miljarder kronor" in fig.layout.yaxis.title.text and max(fig.data[0].y) == 160
    assert TEMPLATE.layout.yaxis.exponentformat == "none" and TEMPLATE.layout.yaxis.separatethousands


def test_the_swedish_page_writes_numbers_the_swedish_way_with_one_minus_sign():
    assert fmt(54.5, "sv") == "54,5" and fmt(1200, "sv") == "1\u00a0200" and fmt(54.5, "en") == "54.5"
    assert fmt(1200, "en") == "1,200" and fmt(-0.38, "sv") == f"{MINUS}0,38" and signed(2.9, "sv", 1) == "+2,9"
    assert signed(-344.0, "en") == f"{MINUS}344"
    assert interval(17.44, 82.56, 50.0, "sv") == "17–83" and interval(2.66, 12.9, 6.4, "en") == "2.7–12.9"


def _survey(breakdowns, values, unit="percent"):
    n = len(values)
    return pd.DataFrame({"value_kind": ["figure"] * n, "breakdown": breakdowns, "value": values,
                         "qualifier": ["exact"] * n, "period_start": [2024] * n, "period_end": [2024] * n,
                         "value_high": [None] * n, "unit": [unit] * n, "citation": ["NLE 2024"] * n,
                         "n_respondents": [305] * n, "ci_low": [v - 5 for v in values],
                         "ci_high": [v + 5 for v in values]})


def test_survey_answers_are_bars_in_scale_order_with_their_intervals_drawn():
    values = _survey(["base=all_firms;answer=yes", "base=all_firms;answer=no", "base=all_firms;answer=unsure"],
                     [54.0, 38.0, 6.0])
    fig = survey_figure(_indicator("percent"), values, "en")
    (bars,) = fig.data
    assert list(bars.y) == ["No", "Unsure", "Yes"] and list(bars.x) == [38.0, 6.0, 54.0]
    assert list(bars.error_x.array) == [5, 5, 5] and list(bars.error_x.arrayminus) == [5, 5, 5]  # drawn, not hover
    assert list(fig.layout.xaxis.range) == [0, 60]  # fits 54 + 5, not always 100
    assert "95 %" in " ".join(fig.layout.meta["notes"])


def test_two_survey_bases_are_never_one_chart_of_answers():
    values = _survey(["base=all_firms;answer=none", "base=innovating_firms;answer=none",
                      "base=innovating_firms;answer=high_degree", "base=all_firms;answer=one_or_more"],
                     [84.0, 70.0, 10.0, 3.0])
    fig = survey_figure(_indicator("percent"), values, "sv")
    assert len(fig.data) == 2 and fig.data[0].yaxis != fig.data[1].yaxis  # a panel per base
    titles = [a.text for a in fig.layout.annotations]
    assert "Bas: alla företag" in titles and "Bas: företag som arbetar med innovation" in titles
    # one scale for both panels: the first axis follows the second, and both run 0 to a round maximum above 84 + 5
    assert fig.layout.xaxis.matches == "x2" and list(fig.layout.xaxis2.range) == [0, 90]


def test_a_bound_is_drawn_as_a_bound_and_named_in_the_legend():
    values = _values([("24", "Västerbottens län", 2014, 130.0, "over"), ("24", "Västerbottens län", 2015, 20.0, "under"),
                      ("24", "Västerbottens län", 2016, 100.0, "exact")])
    fig = time_series_figure(_indicator(), values, "sv", ("24",))
    symbols = {t.name: t.marker.symbol for t in fig.data}
    assert symbols["Västerbottens län: publicerat (över)"] == "triangle-up-open"
    assert symbols["Västerbottens län: publicerat (under)"] == "triangle-down-open"
    assert list(next(t for t in fig.data if "över" in t.name).y) == [130.0]  # drawn at its bound, never below it


def test_the_selected_region_is_blue_riket_black_and_no_two_series_share_colour_and_shape():
    # Riket's code sorts first, yet the selected län keeps the first screen's blue and Riket is black and dashed
    values = pd.concat([_values([(code, name, y, v + y - 2014, "exact") for y in (2014, 2015)], "percent")
                        .assign(breakdown=f"sector={sector}")
                        for code, name in (("00", "Riket"), ("24", "Västerbottens län"), ("SE33", "Övre Norrland"))
                        for sector, v in zip(("a", "b", "c", "d", "e", "f", "g", "h"), range(1, 9))])
    fig = time_series_figure(_indicator("percent"), values, "en", ("24", "SE33"))
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert len(lines) == 24
    assert {t.line.color for t in lines if t.name.startswith("Västerbotten")} == {SELECTED}
    assert {(t.line.color, t.line.dash) for t in lines if t.name.startswith("Sweden")} == {(RIKET_COLOUR, "dash")}
    assert len({(t.line.color, t.marker.symbol) for t in lines}) == 24  # eight breakdowns times three regions
    # without the län in the chart, its NUTS2 region takes the selected colour
    fig = time_series_figure(_indicator("percent"), values[values["region_code"] != "24"], "en", ("24", "SE33"))
    assert {t.line.color for t in fig.data if t.name.startswith("Övre Norrland")} == {SELECTED}


def test_a_value_held_back_as_an_unconfirmed_jump_is_a_cross_of_its_own_and_breaks_the_line():
    values = _values([("24", "Västerbottens län", y, v, "exact") for y, v in ((2018, 9.8), (2019, 2.061),
                                                                                (2020, 10.4))], "percent")
    anomalies = pd.DataFrame({"indicator_id": ["x", "x"], "breakdown": ["", ""], "region_code": ["24", "24"],
                              "year": [2019, 2016], "is_confirmed": [False, True]})
    fig = time_series_figure(_indicator("percent"), values, "sv", ("24",), anomalies)
    line = next(t for t in fig.data if t.mode == "lines+markers")
    cross = next(t for t in fig.data if "obekräftat" in t.name)
    assert list(line.x) == [2018, 2019, 2020] and pd.isna(line.y[1])  # not joined across the held-back year
    assert list(cross.x) == [2019] and list(cross.y) == [2.061] and cross.marker.symbol == "x-thin-open"
    assert "används inte" in cross.hovertemplate
    # a confirmed jump is an ordinary point
    fig = time_series_figure(_indicator("percent"), values, "sv", ("24",), anomalies.assign(is_confirmed=True))
    assert len(fig.data) == 1 and list(fig.data[0].y) == [9.8, 2.061, 10.4]


def _contrast(a: str, b: str) -> float:
    def lum(h):
        rgb = [int(h.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("colour", PALETTE)
def test_every_series_colour_reads_on_white_and_its_bar_labels_read_on_it(colour):
    assert _contrast(colour, "#ffffff") >= 3.0  # lines and marks: 3:1 (WCAG 1.4.11)
    assert _contrast(text_colour(colour), colour) >= 4.5  # text on a bar: 4.5:1


def test_a_chart_whose_trace_type_the_bundle_lacks_is_refused():
    import plotly.graph_objects as go

    from analysis.report.page import Page

    with pytest.raises(ValueError, match="cannot draw \\['heatmap'\\]"):
        Page("sv").chart(go.Figure(go.Heatmap(z=[[1]])))


def test_a_pooled_period_is_one_cell_of_the_development_table_spanning_its_years():
    from analysis.development import relative_development
    from analysis.imputation import observed_by_year
    from analysis.report.analysis_sections import heat_table

    values = pd.DataFrame({"series_id": ["fear", "fear"] + ["jobs"] * 6, "period_start": [2018, 2021, *range(2018, 2024)],
                           "period_end": [2020, 2023, *range(2018, 2024)], "value": [34.0, 47.0, 1, 2, 3, 4, 5, 6]})
    development = relative_development(observed_by_year(values, range(2013, 2025)).assign(
        polarity=-1, dimension_id="culture", indicator_id=lambda f: f["series_id"], breakdown=""))
    html = heat_table(development, pd.Series({"fear": "Fear", "jobs": "Jobs"}), pd.Series({"fear": "percent"}), "en")
    fear = html[html.index("Fear"):html.index("</tr>", html.index("Fear"))]
    assert fear.count("<td") == 2 and fear.count("colspan='3'") == 2  # two observations, never six yearly cells
    assert "(2018–2020)" in fear and "(2021–2023)" in fear
    jobs = html[html.index("Jobs"):html.index("</tr>", html.index("Jobs"))]
    assert jobs.count("<td") == 6 and "colspan" not in jobs


def test_a_summary_published_elsewhere_is_never_one_more_bar_of_a_questions_distribution():
    # NLE 2024: 36 + 22 + 9 + 9 % of innovating firms on the scale, and "34 % work systematically" in the
    # conclusions: one panel of 110 % before
    values = _survey(["base=innovating_firms;answer=not_at_all", "base=innovating_firms;answer=limited",
                      "base=innovating_firms;answer=fairly_high", "base=innovating_firms;answer=very_high",
                      "base=innovating_firms;answer=systematic"], [36.0, 22.0, 9.0, 9.0, 34.0])
    fig = survey_figure(_indicator("percent"), values, "sv")
    assert len(fig.data) == 2 and sum(fig.data[0].x) == 76 and list(fig.data[1].x) == [34.0]
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["Bas: företag som arbetar med innovation",
                      "Bas: företag som arbetar med innovation<br>en separat uppgift i rapporten"]
    # and a panel whose published answers do not add up to 100 says so
    assert any("summerar till 76 %" in n for n in fig.layout.meta["notes"])
