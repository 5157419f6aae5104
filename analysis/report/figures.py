"""Plotly figures for the report's indicators and section-3 analysis, one function per chart. Every figure has a
title (the page sets it as the chart's caption) and axes that fit their data and scale: bars start at zero, a share
runs from 0 to a round maximum above its data (never past 100), a 1-6 rating spans 1-6, a rate shares Riket's axis
and only a level (a count, an amount) gets a panel of its own."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.comparable import LEVEL_UNITS as COMPARABLE_LEVELS
from analysis.report import labels as L
from analysis.report.numbers import axis_scale, fmt, interval, localise, nice_max
from analysis.report.texts import TEXT

# Okabe-Ito hues, every one at least 3:1 against white (the two light ones, orange and sky blue, are replaced by
# a dark gold and a wine red); every series also gets its own marker shape, so no reading depends on colour alone.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#996600", "#882255")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "star")
OTHER = "#949494"  # the other regions' marks: 3:1 on white
# One colour language on every chart: the selected region blue, its similar regions vermillion, Riket black (dashed
# where it is a line); any further region takes one of the remaining hues. A series' breakdown is its marker shape
# (twelve distinct ones), so no two series of a chart share both colour and shape.
SELECTED, PEER, RIKET_COLOUR = PALETTE[0], PALETTE[1], "#000000"
FURTHER = tuple(c for c in PALETTE if c not in (SELECTED, PEER, RIKET_COLOUR))
SURVEY_BASES = (SELECTED, *FURTHER)  # a survey's bases: the region's firms first
BREAKDOWN_SYMBOLS = (*SYMBOLS, "hexagon", "pentagon", "hourglass", "bowtie", "star-square")
UNCONFIRMED = dict(symbol="x-thin-open", size=14, color="#882255", line=dict(width=3, color="#882255"))
TEXT_GREY = "#595959"  # chart text: 7:1 on white
# the years' periods on the trajectory: colours with at least 3:1 contrast on white, and a shape each
PERIOD_COLOURS = {"2013-2017": "#0072B2", "2018-2020": "#000000", "2021-2024": "#D55E00"}
PERIOD_SYMBOLS = {"2013-2017": "circle", "2018-2020": "square", "2021-2024": "diamond"}
# Levels: amounts and counts that grow with a region's size and prices (the analysis's, and SEK); they never share
# Riket's axis and are never ranked.
LEVEL_UNITS = (*COMPARABLE_LEVELS, "sek")
# A small white template, written once into the page (not into each chart): axes write their numbers in full in the
# page's format (no k/M), nothing zooms by dragging (a reader scrolling a phone moves the page, not the axes).
_AXIS = dict(gridcolor="#e6e6e6", linecolor="#b0b0b0", zerolinecolor="#b0b0b0", automargin=True,
             exponentformat="none", separatethousands=True, tickfont=dict(color=TEXT_GREY),
             title=dict(font=dict(color="#333333")))
TEMPLATE = go.layout.Template(layout=dict(
    paper_bgcolor="white", plot_bgcolor="white", xaxis=_AXIS, yaxis=_AXIS, colorway=list(PALETTE), dragmode=False,
    font=dict(family="Arial, Helvetica, sans-serif", size=12, color="#333333"), hoverlabel=dict(align="left"),
    legend=dict(font=dict(color="#333333")), margin=dict(l=60, r=20, t=20, b=50)))
HEIGHT = 360
# A legend sits above the plot, left-aligned, so it never meets the x axis's ticks or title below it (the chart's
# title is the HTML caption above); the plot gives it room as it wraps on a narrow screen.
LEGEND_ABOVE = dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom")


def year_ticks(years) -> dict:
    """An axis of years: whole years, a tick a year and half a year's room at each end; the page thins the ticks to
    every 2nd, 5th or 10th year where the plot is too narrow for a label a year (a fixed tick every year runs the
    labels into each other at 400 px)."""
    years = [int(y) for y in years if pd.notna(y)]
    if not years:
        return dict(tickformat="d", dtick=1)
    return dict(tickformat="d", dtick=1, range=[min(years) - 0.5, max(years) + 0.5])


def new_figure(*traces) -> go.Figure:
    """A figure on the report's template (given at construction, so plotly never copies its default template)."""
    fig = go.Figure(layout=dict(template=TEMPLATE))
    for trace in traces:
        fig.add_trace(trace)
    return fig


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (at least 4.5:1 for every colour of the palette)."""
    rgb = [int(fill.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def _period_text(start, end) -> str:
    return str(start) if start == end else f"{start}–{end}"


VALUE_FORMAT = ",.4~r"  # plotly's number format on hover: four significant digits, the page's separators


def _flags(rows: pd.DataFrame, lang: str) -> list[str] | None:
    """Each row's publisher flags in words (", preliminärt"), or None when no row has any."""
    if "flags" not in rows or not rows["flags"].fillna("").astype(bool).any():
        return None
    return ["".join(f", {L.flag(f, lang)}" for f in L.flag_codes(x)) if isinstance(x, str) and x else ""
            for x in rows["flags"]]


def _hover_template(label: str, unit: str, qualifier: str, lang: str, x: str = "%{x}",
                    with_flags: bool = False) -> str:
    """One hover template per trace (not a string per point): the series, the year or period, the value with its
    unit and, for a bound or an approximation, what kind of value it is; a point's flags from its customdata."""
    kind = "" if qualifier == "exact" else f" ({L.qualifier(qualifier, lang)})"
    flags = "%{customdata}" if with_flags else ""
    return f"{label}, {x}: %{{y:{VALUE_FORMAT}}} {unit}{kind}{flags}<extra></extra>"


def series_label(breakdown: str, region_name: str, lang: str = "en") -> str:
    """A series in a legend: the region's name in the page's language, with its breakdown in words where it has one
    (never a code, never the bare word "total")."""
    detail = L.breakdown(breakdown, lang)
    name = L.region(region_name, lang)
    return f"{name}: {detail}" if detail else name


def _short(label: str, width: int = 28) -> str:
    """A label cut to fit (the full one is on hover and in the data table)."""
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _with_gaps(frame: pd.DataFrame, step: int = 1) -> pd.DataFrame:
    """Single-year rows with an empty row in every gap longer than the series' publication ``step`` (1 for a yearly
    series, 2 for a biennial one), so a line breaks where a value that should exist is missing instead of joining
    across it."""
    years = sorted(int(y) for y in frame["period_start"])
    blanks = [a + 1 for a, b in zip(years, years[1:]) if b - a > step]
    return (frame.set_index("period_start").reindex(sorted(set(years) | set(blanks)))
            .rename_axis("period_start").reset_index())


def value_axis(unit: str, values: pd.Series, lang: str, divisor: float = 1.0, scaled: str | None = None) -> dict:
    """An axis for ``unit`` that fits ``values``: a share from 0 to a round maximum above them (at most 100), a 1-6
    rating over 1-6, a change or a score that can be negative around zero, everything else from zero."""
    t = TEXT[lang]
    title = f"{t['value']} ({scaled or L.unit(unit, lang)})"
    top = float(np.nanmax(values)) / divisor if len(values) and values.notna().any() else float("nan")
    if unit == "percent":
        return dict(title=title, range=[0, nice_max(top, 100)])
    if unit == "rating_1_6":
        return dict(title=title, range=[1, 6], dtick=1)
    if unit in ("percent_change", "percentage_points", "eqi_score"):
        return dict(title=title, zeroline=True)
    return dict(title=title, rangemode="tozero")


def region_styles(codes, selected: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Each region's (colour, line dash) in the report's colour language: the first of ``selected`` present blue,
    Riket black and dashed, any other region a further hue of its own."""
    codes = sorted(set(codes))
    chosen = next((c for c in selected if c in codes), None)
    others = [c for c in codes if c not in (chosen, "00")]
    styles = {c: (FURTHER[n % len(FURTHER)], "solid") for n, c in enumerate(others)}
    if chosen is not None:
        styles[chosen] = (SELECTED, "solid")
    if "00" in codes:
        styles["00"] = (RIKET_COLOUR, "dash")
    return styles


def _unconfirmed_keys(anomalies: pd.DataFrame | None, indicator_id: str) -> set[tuple[str, str, int]]:
    """(breakdown, region, year) of the values the analysis holds back as an unconfirmed jump in their series."""
    if anomalies is None or not len(anomalies) or "indicator_id" not in anomalies:
        return set()
    mine = anomalies[(anomalies["indicator_id"] == indicator_id) & ~anomalies["is_confirmed"].fillna(False)]
    return {(b, r, int(y)) for b, r, y in zip(mine["breakdown"], mine["region_code"], mine["year"])}


def time_series_figure(indicator: pd.Series, values: pd.DataFrame, lang: str, selected: tuple[str, ...],
                       anomalies: pd.DataFrame | None = None) -> go.Figure:
    """An indicator's published values over time: solid points joined by a line for exact figures (broken where a
    year is missing), open triangles for bounds (pointing the way the true value lies), open points for
    approximations, and a multi-year value as one point in the middle of its period with a bar spanning the period,
    labelled with it. A level (a count, an amount) is never drawn on Riket's axis: Riket gets a panel of its own
    below; a rate shares Riket's axis. Filled-in values are not drawn here (they belong to the analysis). A value
    the analysis holds back as an unconfirmed jump in its series (``anomalies``) is not joined into the line: it is
    drawn as a cross of its own, said to be unconfirmed and unused. Colours follow the regions' roles (the selected
    region blue, Riket black), shapes the breakdowns."""
    from plotly.subplots import make_subplots

    t = TEXT[lang]
    name = indicator["name_sv"] if lang == "sv" else indicator["name_en"]
    figures = values[values["value_kind"] == "figure"]
    unit = indicator["unit"]
    separate_riket = unit in LEVEL_UNITS and (figures["region_code"] == "00").any() \
        and (figures["region_code"] != "00").any()
    own = figures[figures["region_code"] != "00"] if separate_riket else figures
    divisor, scaled = axis_scale(unit, own["value"].abs().max() if len(own) else float("nan"), lang)
    r_divisor, r_scaled = axis_scale(unit, figures.loc[figures["region_code"] == "00", "value"].abs().max(), lang) \
        if separate_riket else (divisor, scaled)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.14, figure=new_figure(),
                        subplot_titles=("", t["riket_panel"])) if separate_riket else new_figure()
    styles = region_styles(figures["region_code"], selected)
    shapes = {b: BREAKDOWN_SYMBOLS[n % len(BREAKDOWN_SYMBOLS)] for n, b in enumerate(sorted(set(figures["breakdown"])))}
    held_back = _unconfirmed_keys(anomalies, indicator["indicator_id"])
    for (breakdown, region_code), group in figures.groupby(["breakdown", "region_code"], sort=True):
        in_riket_panel = separate_riket and region_code == "00"
        where = dict(row=2 if in_riket_panel else 1, col=1) if separate_riket else {}
        d = r_divisor if in_riket_panel else divisor
        label = series_label(breakdown, group["region_name"].iloc[0], lang)
        (colour, dash), symbol = styles[region_code], shapes[breakdown]
        single = group[group["period_start"] == group["period_end"]].sort_values("period_start")
        shown_unit = (r_scaled if in_riket_panel else scaled) or L.unit_after_number(unit, lang)
        unconfirmed = single["period_start"].astype(int).map(lambda y: (breakdown, region_code, y) in held_back) \
            if held_back else pd.Series(False, index=single.index)
        if unconfirmed.any():
            part, single = single[unconfirmed], single[~unconfirmed]
            fig.add_trace(go.Scatter(x=part["period_start"], y=part["value"] / d, mode="markers",
                                     name=f"{label}: {t['unconfirmed_point']}", marker=UNCONFIRMED,
                                     hovertemplate=_hover_template(label, shown_unit, "exact", lang).replace(
                                         "<extra>", f" ({t['unconfirmed_point']})<extra>")), **where)
        exact = single[single["qualifier"] == "exact"]
        fuzzy = single[single["qualifier"] != "exact"]
        if len(exact):
            # a held-back value leaves a gap, so the line breaks there rather than joining across it
            line = _with_gaps(exact, 2 if indicator.get("frequency") == "biennial" else 1)
            flags = _flags(line, lang)
            fig.add_trace(go.Scatter(x=line["period_start"], y=line["value"] / d, mode="lines+markers",
                                     connectgaps=False, name=label,  # a published figure; other kinds say theirs
                                     line=dict(color=colour, dash=dash), marker=dict(size=8, symbol=symbol,
                                                                                    color=colour),
                                     customdata=flags, hovertemplate=_hover_template(
                                         label, shown_unit, "exact", lang, with_flags=flags is not None)), **where)
        for qualifier, part in fuzzy.groupby("qualifier", sort=True):
            # a bound is drawn as a bound: a triangle pointing the way the true value lies, a range as its span
            shape = {"over": "triangle-up-open", "under": "triangle-down-open"}.get(qualifier, f"{symbol}-open")
            span = dict(type="data", symmetric=False, array=((part["value_high"] - part["value"]) / d).tolist(),
                        arrayminus=[0] * len(part), color=colour) if qualifier == "range" else None
            fig.add_trace(go.Scatter(x=part["period_start"], y=part["value"] / d, mode="markers", error_y=span,
                                     name=f"{label}: {t['published']} ({L.qualifier(qualifier, lang)})",
                                     marker=dict(size=11, symbol=shape, color=colour, line=dict(width=2)),
                                     hovertemplate=_hover_template(label, shown_unit, qualifier, lang)), **where)
        periods = group[group["period_start"] != group["period_end"]]
        if len(periods):
            middle = (periods["period_start"] + periods["period_end"]) / 2
            half = (periods["period_end"] - periods["period_start"]) / 2
            spans = [_period_text(a, b) for a, b in zip(periods["period_start"], periods["period_end"])]
            fig.add_trace(go.Scatter(
                x=middle, y=periods["value"] / d, mode="markers+text",
                error_x=dict(type="data", array=half.tolist(), color=colour, thickness=3, width=6),
                marker=dict(size=10, symbol=f"{symbol}-open", color=colour, line=dict(width=2)),
                text=spans, textposition="top center", textfont=dict(color=TEXT_GREY, size=11),
                name=f"{label}: {t['period_value']}",
                hovertemplate=_hover_template(label, shown_unit, "exact", lang, x="%{text}")), **where)
    polarity = f" ({t['polarity_neg']})" if indicator["polarity"] < 0 else ""
    y_axis = value_axis(unit, own["value"], lang, divisor, scaled)
    legend_rows = (len(fig.data) + 1) // 2  # the horizontal legend wraps at about two entries a row
    ticks = year_ticks(pd.concat([figures["period_start"], figures["period_end"]]))
    fig.update_layout(title=dict(text=f"{name}{polarity}"), legend=LEGEND_ABOVE,
                      height=(460 if separate_riket else 300) + 22 * legend_rows,
                      margin=dict(t=30 + 22 * legend_rows, b=50))
    fig.update_xaxes(**ticks)
    if separate_riket:
        riket_axis = value_axis(unit, figures.loc[figures["region_code"] == "00", "value"], lang, r_divisor, r_scaled)
        fig.update_yaxes(**y_axis, row=1, col=1)
        fig.update_yaxes(**{**riket_axis, "title": f"{t['riket']} ({r_scaled or L.unit(unit, lang)})"}, row=2, col=1)
        fig.update_xaxes(title=t["year"], row=2, col=1)
        for annotation in fig.layout.annotations:  # the subplot title "Riket (own scale)": readable grey
            annotation.font = dict(color="#333333", size=12)
    else:
        fig.update_layout(xaxis=dict(title=t["year"], **ticks), yaxis=y_axis)
    return fig


def survey_rows(indicator: pd.Series, values: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A survey question's published figures with words for their codes: ``answer_code``, ``answer`` (label),
    ``base`` (label, with a microdata domain and a synthetic mark where there is one), ordered as the answer
    scale runs (lowest first), then by base."""
    t = TEXT[lang]
    name = indicator["name_sv"] if lang == "sv" else indicator["name_en"]
    figures = values[values["value_kind"] == "figure"].copy()
    parts = [dict(L.parse_breakdown(b)) for b in figures["breakdown"]]
    figures["answer_code"] = [p.get("answer", "") for p in parts]
    figures["answer"] = [L.answer(p["answer"], lang) if "answer" in p else name for p in parts]
    synthetic = (figures["is_synthetic"].fillna(False).astype(bool) if "is_synthetic" in figures
                 else pd.Series(False, index=figures.index))
    bases = []
    for p, syn in zip(parts, synthetic):
        base = L.breakdown_value("base", p["base"], lang) if "base" in p else t["all_respondents"]
        domain = L.breakdown(";".join(f"{k}={v}" for k, v in p.items() if k not in ("answer", "base")), lang)
        bases.append(base + (f" ({domain})" if domain else "") + (f" – {t['synthetic']}" if syn else ""))
    figures["base"] = bases
    for column in ("ci_low", "ci_high", "n_respondents"):
        if column not in figures:
            figures[column] = float("nan")
    figures["_rank"] = L.answer_ranks(figures["answer_code"])
    # a panel is one question's answers for one base: an answer on no answer scale of the base's others (a summary
    # published elsewhere, e.g. "34 % work systematically") is a figure of its own, never one more bar of the
    # distribution (it made one panel add up to 110 %)
    scales = {}
    for base, rank in zip(figures["base"], figures["_rank"]):
        scales.setdefault(base, set()).add(rank[0])
    figures["panel"] = [b if len(scales[b]) == 1 or r[0] < len(L.ANSWER_SCALES) else f"{b}<br>{t['survey_separate']}"
                        for b, r in zip(figures["base"], figures["_rank"])]
    return figures.sort_values(["_rank", "base"], kind="stable").drop(columns="_rank")


def survey_figure(indicator: pd.Series, values: pd.DataFrame, lang: str) -> go.Figure:
    """A survey question's published answer shares (or means): one panel per base (the firms asked differ, so their
    answers are never drawn as one distribution), the answers in their scale's order, each a bar from zero with
    its 95 % interval drawn as an error bar and its value written on the bar. All panels share one axis that fits
    the data (a share from 0 to a round maximum, at most 100)."""
    from plotly.subplots import make_subplots

    t = TEXT[lang]
    name = indicator["name_sv"] if lang == "sv" else indicator["name_en"]
    figures = survey_rows(indicator, values, lang)
    bases = sorted(dict.fromkeys(figures["panel"]), key=lambda b: t["survey_separate"] in b)  # separate last
    sizes = [max(1, (figures["panel"] == b).sum()) for b in bases]
    fig = make_subplots(rows=len(bases), cols=1, shared_xaxes=True, vertical_spacing=0.3 / max(len(bases), 1),
                        row_heights=sizes, subplot_titles=[f"{t['base']}: {b}" for b in bases],
                        figure=new_figure()) if len(bases) > 1 else new_figure()
    sums = []
    for n, base in enumerate(bases):
        group = figures[figures["panel"] == base]
        if indicator["unit"] == "percent" and len(group) > 1 and group["value"].sum() < 97:
            sums.append(t["survey_partial"].format(base=base, total=fmt(group["value"].sum(), lang)))
        colour = SURVEY_BASES[n % len(SURVEY_BASES)]  # the region's firms blue; never the similar regions' hue
        has_interval = group["ci_low"].notna().any()
        error = dict(type="data", symmetric=False, array=(group["ci_high"] - group["value"]).fillna(0).tolist(),
                     arrayminus=(group["value"] - group["ci_low"]).fillna(0).tolist(),
                     color="#333333", thickness=1.5, width=5) if has_interval else None
        where = dict(row=n + 1, col=1) if len(bases) > 1 else {}
        fig.add_trace(go.Bar(
            y=group["answer"], x=group["value"], orientation="h", name=f"{t['base']}: {base}",
            marker=dict(color=colour, pattern=dict(shape=["", "/", ".", "x", "\\"][n % 5], fgcolor="white",
                                                   fillmode="overlay")),
            text=[f"{fmt(v, lang)}{' *' if q != 'exact' else ''}" for v, q in zip(group["value"], group["qualifier"])],
            textposition="inside", insidetextanchor="start", textangle=0, textfont=dict(color=text_colour(colour)),
            hovertext=[_survey_hover(r, lang) for r in group.itertuples()], hoverinfo="text", error_x=error,
            showlegend=False), **where)
        fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(list(dict.fromkeys(group["answer"])))),
                         automargin=True, **where)
    top = np.nanmax(np.r_[figures["value"].to_numpy(float), figures["ci_high"].to_numpy(float)])
    x_axis = value_axis(indicator["unit"], pd.Series([top]), lang)
    if indicator["unit"] not in ("percent", "rating_1_6"):
        x_axis = {**x_axis, "rangemode": "tozero"}
    notes = [t["approx_mark"]] if (figures["qualifier"] != "exact").any() else []
    if figures["ci_low"].notna().any():
        notes.append(t["survey_bars"])
    notes += sums  # what a panel's published answers add up to, where the others were not published
    fig.update_xaxes(**{k: v for k, v in x_axis.items() if k != "title"})
    if len(bases) > 1:  # the shared axis is titled once, under the last panel
        fig.update_xaxes(title=x_axis["title"], row=len(bases), col=1)
    else:
        fig.update_xaxes(title=x_axis["title"])
    for annotation in fig.layout.annotations:
        annotation.font = dict(color="#333333", size=12)
    fig.update_layout(title=dict(text=name), barmode="group", uniformtext=dict(minsize=9, mode="hide"),
                      height=max(180, 70 + 34 * len(figures) + 50 * (len(bases) - 1)),
                      meta={"notes": notes})
    return fig


def _survey_hover(r, lang: str) -> str:
    t = TEXT[lang]
    value = fmt(r.value, lang)
    text = f"{r.answer}: {L.qualifier(r.qualifier, lang) + ' ' if r.qualifier != 'exact' else ''}{value}"
    if pd.notna(r.n_respondents):
        text += f"<br>n = {int(r.n_respondents)}"
    if pd.notna(r.ci_low):
        text += f"<br>{t['interval_95']}: {interval(r.ci_low, r.ci_high, r.value, lang)}"
    return text


def development_heatmap(development: pd.DataFrame, lang: str, names) -> go.Figure:
    """Figure 4: each series' polarity-aware min-max score per year (colour), with the published value written in
    each cell, so a reader sees that 61 -> 64 % and 9 -> 1 are both a full swing of their own series; one row per
    series named in words (``names``: indicator id to name)."""
    t = TEXT[lang]
    pivot = development.pivot_table(index="series_id", columns="year", values="score", aggfunc="first")
    pivot = pivot.sort_index(ascending=False)
    raw = development.pivot_table(index="series_id", columns="year", values="value", aggfunc="first") \
        .reindex(index=pivot.index, columns=pivot.columns) if "value" in development else None
    labels = [L.series(i, names, lang) for i in pivot.index]
    cells = [[fmt(v, lang) if pd.notna(v) else "" for v in row] for row in raw.to_numpy()] if raw is not None else None
    fig = new_figure(go.Heatmap(z=pivot.round(3).to_numpy(), x=[str(c) for c in pivot.columns],
                                y=[_short(label, 40) for label in labels],
                                colorscale="RdYlBu", zmin=0, zmax=1, colorbar=dict(title=dict(text=t["score"])),
                                text=cells, texttemplate="%{text}" if cells else None, textfont=dict(size=9),
                                hovertemplate=f"%{{y}}, %{{x}}: %{{text}} ({t['score']} %{{z:.2f}})<extra></extra>",
                                xgap=1, ygap=1))
    fig.update_layout(title=dict(text=t["development"]), xaxis=dict(title=t["year"], side="top"),
                      yaxis=dict(title="", automargin=True, tickfont=dict(size=10)),
                      height=max(400, 24 * len(pivot) + 120), meta={"min_width": 760})
    return fig


def scree_figure(eigenvalues: pd.DataFrame, lang: str) -> go.Figure:
    t = TEXT[lang]
    final = eigenvalues[eigenvalues["pass"] == "final"]
    fig = new_figure()
    fig.add_trace(go.Bar(x=final["component"], y=final["eigenvalue"], name=t["eigenvalue"],
                         marker=dict(color=PALETTE[0]),
                         hovertext=[f"{c}: {fmt(v, lang, 3)}" for c, v in zip(final["component"], final["eigenvalue"])],
                         hoverinfo="text"))
    fig.add_trace(go.Scatter(x=final["component"], y=final["cumulative_pct"], name=t["cumulative"], yaxis="y2",
                             mode="lines+markers", line=dict(color=PALETTE[1]), marker=dict(symbol=SYMBOLS[1]),
                             hovertext=[f"{c}: {fmt(v, lang, 1)} %" for c, v in zip(final["component"],
                                                                                   final["cumulative_pct"])],
                             hoverinfo="text"))
    fig.update_layout(title=dict(text=t["scree"]), xaxis=dict(title=t["component"]),
                      yaxis=dict(title=t["eigenvalue"], rangemode="tozero"),
                      yaxis2=dict(title=t["cumulative"], overlaying="y", side="right", range=[0, 100],
                                  showgrid=False),
                      legend=dict(orientation="h", y=-0.25), height=HEIGHT)
    return fig


def correlation_circle(variables: pd.DataFrame, eigenvalues: pd.DataFrame, lang: str, names) -> go.Figure:
    """Arrows from the origin to each series' (PC1, PC2) coordinates, coloured by cos2 on the plane; supplementary
    series grey and dashed; each labelled with its name (``names``: indicator id to name)."""
    import plotly.colors as pc

    t = TEXT[lang]
    wide = variables[variables["component"].isin(["PC1", "PC2"])].pivot_table(
        index=["series_id", "role"], columns="component", values="coord").reset_index()
    plane = variables.drop_duplicates("series_id").set_index("series_id")["plane_cos2_pc1_pc2"]
    final = eigenvalues[eigenvalues["pass"] == "final"].set_index("component")["pct_variance"]
    fig = new_figure()
    theta = np.linspace(0, 2 * np.pi, 73)
    fig.add_trace(go.Scatter(x=np.round(np.cos(theta), 4), y=np.round(np.sin(theta), 4), mode="lines",
                             line=dict(color=OTHER, width=1), hoverinfo="skip", showlegend=False))
    for row in wide.itertuples():
        x, y = getattr(row, "PC1", 0.0), getattr(row, "PC2", 0.0)
        quality = float(plane.get(row.series_id, 0.0))
        active = row.role == "active"
        colour = pc.sample_colorscale("Viridis", [min(max(quality, 0), 0.85)])[0] if active else OTHER
        label = L.series(row.series_id, names, lang)
        fig.add_trace(go.Scatter(x=[0, x], y=[0, y], mode="lines+markers+text",
                                 line=dict(color=colour, width=2, dash="solid" if active else "dash"),
                                 marker=dict(size=[0, 8], color=colour, symbol="arrow", angleref="previous"),
                                 text=["", _short(label)], textposition="top center",
                                 textfont=dict(size=9, color=TEXT_GREY),
                                 name=label + ("" if active else f" ({t['supplementary']})"),
                                 hovertext=f"{label}<br>PC1 {fmt(x, lang, 2)}, PC2 {fmt(y, lang, 2)}<br>cos² "
                                           f"{fmt(quality, lang, 2)}",
                                 hoverinfo="text", showlegend=False))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(colorscale="Viridis", cmin=0, cmax=1, color=[0.5],
                                         colorbar=dict(title=dict(text="cos²")))))
    fig.update_layout(title=dict(text=t["circle"]),
                      xaxis=dict(title=localise(f"PC1 ({final.get('PC1', float('nan')):.1f} %)", lang),
                                 range=[-1.2, 1.2], zeroline=True),
                      yaxis=dict(title=localise(f"PC2 ({final.get('PC2', float('nan')):.1f} %)", lang),
                                 range=[-1.2, 1.2], scaleanchor="x", zeroline=True),
                      height=620)
    return fig


def trajectory_figure(trajectory: pd.DataFrame, lang: str) -> go.Figure:
    t = TEXT[lang]
    fig = new_figure()
    fig.add_trace(go.Scatter(x=trajectory["pc1"], y=trajectory["pc2"], mode="lines", line=dict(color=OTHER),
                             hoverinfo="skip", showlegend=False))
    for period, group in trajectory.groupby("period", sort=True):
        colour = PERIOD_COLOURS.get(str(period), "#555555")
        fig.add_trace(go.Scatter(x=group["pc1"], y=group["pc2"], mode="markers+text", text=group["year"].astype(str),
                                 textposition="top center", textfont=dict(color=TEXT_GREY), name=str(period),
                                 marker=dict(size=11, color=colour, symbol=PERIOD_SYMBOLS.get(str(period), "circle")),
                                 hovertext=[f"{y}: PC1 {fmt(a, lang, 2)}, PC2 {fmt(b, lang, 2)}"
                                            for y, a, b in zip(group["year"], group["pc1"], group["pc2"])],
                                 hoverinfo="text"))
        fig.add_trace(go.Scatter(x=[group["period_centroid_pc1"].iloc[0]], y=[group["period_centroid_pc2"].iloc[0]],
                                 mode="markers", marker=dict(size=16, symbol="diamond-open", color=colour),
                                 name=f"{period} ({t['centroid']})", hoverinfo="name"))
    fig.update_layout(title=dict(text=t["trajectory"]), xaxis=dict(title="PC1", zeroline=True),
                      yaxis=dict(title="PC2", zeroline=True), height=520)
    return fig


def cluster_figure(clusters: pd.DataFrame, lang: str) -> go.Figure:
    t = TEXT[lang]
    fig = new_figure()
    for cluster, group in clusters.groupby("cluster", sort=True):
        n = len(fig.data)
        fig.add_trace(go.Scatter(x=group["year"], y=group["mean_score"], mode="lines+markers",
                                 name=f"{t.get(cluster, L.words(cluster))} (n = {int(group['n_series'].iloc[0])})",
                                 line=dict(color=FURTHER[n % len(FURTHER)]),  # not a region: no region's hue
                                 marker=dict(symbol=SYMBOLS[n % len(SYMBOLS)], size=8),
                                 hovertext=[f"{y}: {fmt(v, lang, 2)}" for y, v in zip(group["year"],
                                                                                     group["mean_score"])],
                                 hoverinfo="text+name"))
    first = clusters.iloc[0] if len(clusters) else None
    title = t["cluster_score"]
    if first is not None and pd.notna(first["correlation_r"]):
        title += f" · r = {fmt(first['correlation_r'], lang, 2)}"
        if pd.notna(first.get("r_ci_low")) and pd.notna(first.get("r_ci_high")):
            title += (f" ({t['interval_95']}: {fmt(first['r_ci_low'], lang, 2)} {t['to']} "
                      f"{fmt(first['r_ci_high'], lang, 2)})")
    fig.update_layout(title=dict(text=title), xaxis=dict(title=t["year"], **year_ticks(clusters["year"])),
                      yaxis=dict(title=t["cluster_score_axis"], zeroline=True),
                      legend=LEGEND_ABOVE, height=HEIGHT, margin=dict(t=50))
    return fig
