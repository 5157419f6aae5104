"""Plotly figures for the report, one function per chart; every figure has a title and axis labels with units."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.report import labels as L
from analysis.report.texts import TEXT

# Okabe-Ito, colour-blind safe, ordered so the first colours keep at least 3:1 contrast on white; every series also
# gets its own marker shape, so no reading depends on colour alone.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "star")
# the years' periods on the trajectory: colours with at least 3:1 contrast on white, and a shape each
PERIOD_COLOURS = {"2013-2017": "#0072B2", "2018-2020": "#000000", "2021-2024": "#D55E00"}
PERIOD_SYMBOLS = {"2013-2017": "circle", "2018-2020": "square", "2021-2024": "diamond"}
# A small white template: plotly's full "plotly_white" is deep-copied into every figure, which doubled the report's
# build time; these few properties give the same look.
_AXIS = dict(gridcolor="#ebf0f8", linecolor="#ebf0f8", zerolinecolor="#ebf0f8", automargin=True)
_TEMPLATE = go.layout.Template(layout=dict(paper_bgcolor="white", plot_bgcolor="white", xaxis=_AXIS, yaxis=_AXIS,
                                           colorway=list(PALETTE)))
_LAYOUT = dict(template=_TEMPLATE, font=dict(family="Arial, Helvetica, sans-serif", size=12),
               margin=dict(l=60, r=20, t=60, b=50), height=360)


def localise(text: str, lang: str) -> str:
    """A number formatted the English way (``1,234.5``) as the page's language writes it: in Swedish a space between
    thousands and a decimal comma (``1 234,5``)."""
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "sv" else text


def fmt(value: float, lang: str = "en") -> str:
    """A number for a label or hover: whole numbers from 100 up, else as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return localise(f"{value:,.0f}" if abs(value) >= 100 else f"{value:.4g}", lang)


SEPARATORS = {"sv": ",\u00a0", "en": ".,"}  # plotly's decimal and thousands separators per language


def _hover(row, lang: str) -> str:
    t = TEXT[lang]
    period = str(row.period_start) if row.period_start == row.period_end else f"{row.period_start}–{row.period_end}"
    value = fmt(row.value, lang) + (f"–{fmt(row.value_high, lang)}" if pd.notna(row.value_high) else "")
    flags = getattr(row, "flags", None)
    flags = "".join(f", {L.flag(f, lang)}" for f in L.flag_codes(flags)) if isinstance(flags, str) and flags else ""
    return (f"{period}: {value} {L.unit(row.unit, lang)} ({L.qualifier(row.qualifier, lang)}{flags})<br>"
            f"{t['source']}: {L.citation(row.citation, lang)}")


def _series_label(breakdown: str, region_name: str, region_code: str, selected: str, lang: str = "en") -> str:
    """A series in a legend: the region's name, with its breakdown in words where it has one (never a code, never
    the bare word "total")."""
    detail = L.breakdown(breakdown, lang)
    return f"{region_name}: {detail}" if detail else region_name


def _short(label: str, width: int = 28) -> str:
    """A label cut to fit beside an arrow (the full one is on hover and in the data table)."""
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _with_gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Single-year rows with an empty row for every missing year between the first and the last, so a line breaks
    where nothing was published instead of joining across the gap."""
    years = range(int(frame["period_start"].min()), int(frame["period_start"].max()) + 1)
    return frame.set_index("period_start").reindex(years).rename_axis("period_start").reset_index()


def time_series_figure(indicator: pd.Series, values: pd.DataFrame, lang: str, selected_region: str) -> go.Figure:
    """An indicator's published values over time: solid points joined by a line for exact figures (broken where a
    year is missing), open points for bounds and approximations, bars for multi-year periods. A level (a count, an
    amount) is never drawn on Riket's axis: Riket gets a panel of its own below. Shares run 0-100. Filled-in values
    are not drawn here (they belong to the analysis section)."""
    from plotly.subplots import make_subplots

    from analysis.comparable import LEVEL_UNITS, PRICE_UNITS

    t = TEXT[lang]
    name = indicator["name_sv"] if lang == "sv" else indicator["name_en"]
    figures = values[values["value_kind"] == "figure"]
    unit = indicator["unit"]
    separate_riket = (unit in LEVEL_UNITS or unit in PRICE_UNITS) and (figures["region_code"] == "00").any() \
        and (figures["region_code"] != "00").any()
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=("", t["riket_panel"])) if separate_riket else go.Figure()
    for n, ((breakdown, region_code), group) in enumerate(figures.groupby(["breakdown", "region_code"], sort=True)):
        where = dict(row=2 if separate_riket and region_code == "00" else 1, col=1) if separate_riket else {}
        label = _series_label(breakdown, group["region_name"].iloc[0], region_code, selected_region, lang)
        colour, symbol = PALETTE[n % len(PALETTE)], SYMBOLS[n % len(SYMBOLS)]
        single = group[group["period_start"] == group["period_end"]].sort_values("period_start")
        exact = single[single["qualifier"] == "exact"]
        fuzzy = single[single["qualifier"] != "exact"]
        if len(exact):
            line = _with_gaps(exact)
            fig.add_trace(go.Scatter(x=line["period_start"], y=line["value"], mode="lines+markers",
                                     connectgaps=False, name=f"{label}: {t['observed']}",
                                     line=dict(color=colour), marker=dict(size=8, symbol=symbol, color=colour),
                                     hovertext=[_hover(r, lang) if pd.notna(r.value) else "" for r in
                                                line.itertuples()], hoverinfo="text"), **where)
        for qualifier, part in fuzzy.groupby("qualifier", sort=True):
            # a bound is drawn as a bound: a triangle pointing the way the true value lies, a range as its span
            shape = {"over": "triangle-up-open", "under": "triangle-down-open"}.get(qualifier, f"{symbol}-open")
            span = dict(type="data", symmetric=False, array=(part["value_high"] - part["value"]).tolist(),
                        arrayminus=[0] * len(part), color=colour) if qualifier == "range" else None
            fig.add_trace(go.Scatter(x=part["period_start"], y=part["value"], mode="markers", error_y=span,
                                     name=f"{label}: {t['published']} ({L.qualifier(qualifier, lang)})",
                                     marker=dict(size=11, symbol=shape, color=colour, line=dict(width=2)),
                                     hovertext=[_hover(r, lang) for r in part.itertuples()], hoverinfo="text"),
                          **where)
        for row in group[group["period_start"] != group["period_end"]].itertuples():
            fig.add_trace(go.Scatter(x=[row.period_start, row.period_end], y=[row.value, row.value],
                                     mode="lines+markers", line=dict(width=4, color=colour),
                                     marker=dict(symbol="line-ns-open", color=colour),
                                     name=f"{label}: {t['period']} {row.period_start}–{row.period_end}",
                                     hovertext=_hover(row, lang), hoverinfo="text"), **where)
    polarity = f" ({t['polarity_neg']})" if indicator["polarity"] < 0 else ""
    y_axis = dict(title=f"{t['value']} ({L.unit(unit, lang)})", rangemode="tozero")
    if unit == "percent":
        y_axis["range"] = [0, 100]
    fig.update_layout(title=dict(text=f"{name}{polarity}", font=dict(size=14)),
                      legend=dict(orientation="h", y=-0.25), **{**_LAYOUT, **({"height": 520} if separate_riket
                                                                              else {})})
    fig.update_xaxes(dtick=1, tickformat="d")
    if separate_riket:
        fig.update_yaxes(**y_axis, row=1, col=1)
        fig.update_yaxes(**{**y_axis, "title": f"{t['riket']} ({L.unit(unit, lang)})"}, row=2, col=1)
        fig.update_xaxes(title=t["year"], row=2, col=1)
    else:
        fig.update_layout(xaxis=dict(title=t["year"], dtick=1, tickformat="d"), yaxis=y_axis)
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
    return figures.sort_values(["_rank", "base"], kind="stable").drop(columns="_rank")


def _survey_hover(r, lang: str) -> str:
    t = TEXT[lang]
    return (_hover(r, lang) + (f"<br>n = {int(r.n_respondents)}" if pd.notna(r.n_respondents) else "")
            + (f"<br>{t['interval_95']}: {fmt(r.ci_low, lang)}–{fmt(r.ci_high, lang)}" if pd.notna(r.ci_low)
               else ""))


def is_likert(figures: pd.DataFrame) -> bool:
    """Answers from one ordinal scale, at least two of them, whose shares per base add up to at most 100 %:
    what a stacked bar can show without misleading."""
    codes = [c for c in figures["answer_code"].unique() if c]
    scales = {L.answer_rank(c)[0] for c in codes if c not in L.NEUTRAL_ANSWERS}
    if len(codes) < 2 or len(scales) != 1 or next(iter(scales)) >= len(L.ANSWER_SCALES):
        return False
    return bool((figures.groupby("base")["value"].sum() <= 100.5).all()) and (figures["unit"] == "percent").all()


def survey_figure(indicator: pd.Series, values: pd.DataFrame, lang: str) -> go.Figure:
    """A survey question's published answer shares (or mean) by base. Answers on an ordinal scale are stacked in
    the scale's order (lowest first) with the unpublished rest in grey, their 95 % intervals on hover and in the
    data table; other answers are grouped bars with the intervals as error bars (n / design effect, Wilson)."""
    t = TEXT[lang]
    name = indicator["name_sv"] if lang == "sv" else indicator["name_en"]
    figures = survey_rows(indicator, values, lang)
    fig = go.Figure()
    stacked = is_likert(figures)
    base_order = list(dict.fromkeys(figures["base"]))
    if stacked:
        answers = list(dict.fromkeys(figures["answer"]))
        ramp = ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#D55E00", "#CC79A7"]
        for n, answer in enumerate(answers):
            group = figures[figures["answer"] == answer]
            fig.add_trace(go.Bar(y=group["base"], x=group["value"], orientation="h", name=answer,
                                 marker=dict(color=ramp[n % len(ramp)], line=dict(color="white", width=1)),
                                 text=[f"{fmt(v, lang)}{' *' if q != 'exact' else ''}" for v, q in
                                       zip(group["value"], group["qualifier"])],
                                 textposition="inside", insidetextanchor="middle",
                                 hovertext=[_survey_hover(r, lang) for r in group.itertuples()], hoverinfo="text"))
        rest = 100 - figures.groupby("base", sort=False)["value"].sum().reindex(base_order)
        fig.add_trace(go.Bar(y=rest.index, x=rest.clip(lower=0).round(1), orientation="h", name=t["other_answers"],
                             marker=dict(color="#e0e0e0"), hoverinfo="x+name"))
        fig.update_layout(barmode="stack")
    else:
        for n, (base, group) in enumerate(figures.groupby("base", sort=False)):
            has_interval = group["ci_low"].notna().any()
            error = dict(type="data", symmetric=False, array=(group["ci_high"] - group["value"]).fillna(0).tolist(),
                         arrayminus=(group["value"] - group["ci_low"]).fillna(0).tolist(),
                         color="#333333", thickness=1.2) if has_interval else None
            fig.add_trace(go.Bar(y=group["answer"], x=group["value"], orientation="h", name=f"{t['base']}: {base}",
                                 marker=dict(color=PALETTE[n % len(PALETTE)],
                                             pattern=dict(shape=["", "/", ".", "x", "\\"][n % 5])),
                                 text=[f"{fmt(v, lang)}{' *' if q != 'exact' else ''}" for v, q in
                                       zip(group["value"], group["qualifier"])],
                                 textposition="inside", hovertext=[_survey_hover(r, lang) for r in group.itertuples()],
                                 hoverinfo="text", error_x=error))
        fig.update_layout(barmode="group")
    x_axis = dict(title=f"{t['value']} ({L.unit(indicator['unit'], lang)})", rangemode="tozero")
    if indicator["unit"] == "percent":
        x_axis["range"] = [0, 100]  # a share on its whole scale
    notes = [t["approx_mark"]] if (figures["qualifier"] != "exact").any() else []
    if stacked and figures["ci_low"].notna().any():
        notes.append(t["stacked_intervals"])
    annotations = [dict(text=note, showarrow=False, xref="paper", yref="paper", x=1, y=1.08 + 0.06 * i,
                        xanchor="right", font=dict(size=11, color="#444")) for i, note in enumerate(notes)]
    rows = len(base_order) if stacked else len(figures)
    fig.update_layout(title=dict(text=name, font=dict(size=14)), xaxis=x_axis,
                      yaxis=dict(title=t["base"] if stacked else t["answer"], automargin=True,
                                 categoryorder="array",
                                 categoryarray=list(reversed(base_order if stacked else
                                                             list(dict.fromkeys(figures["answer"]))))),
                      legend=dict(orientation="h", y=-0.3, traceorder="normal"), annotations=annotations,
                      **{**_LAYOUT, "height": max(260, 110 + 45 * rows)})
    return fig


def development_heatmap(development: pd.DataFrame, lang: str, names) -> go.Figure:
    """Figure 4: each series' polarity-aware min-max score per year, one row per series named in words (``names``:
    indicator id to name in the page's language)."""
    t = TEXT[lang]
    pivot = development.pivot_table(index="series_id", columns="year", values="score", aggfunc="first")
    pivot = pivot.sort_index(ascending=False)
    fig = go.Figure(go.Heatmap(z=pivot.to_numpy(), x=[str(c) for c in pivot.columns],
                               y=[L.series(i, names, lang) for i in pivot.index],
                               colorscale="RdYlBu", zmin=0, zmax=1, colorbar=dict(title=t["score"]),
                               hovertemplate="%{y}<br>%{x}: %{z:.2f}<extra></extra>"))
    fig.update_layout(title=t["development"], xaxis=dict(title=t["year"]),
                      yaxis=dict(title="", automargin=True, tickfont=dict(size=10)),
                      **{**_LAYOUT, "height": max(400, 22 * len(pivot) + 120)})
    return fig


def scree_figure(eigenvalues: pd.DataFrame, lang: str) -> go.Figure:
    t = TEXT[lang]
    final = eigenvalues[eigenvalues["pass"] == "final"]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=final["component"], y=final["eigenvalue"], name=t["eigenvalue"],
                         hovertemplate="%{x}: %{y:.3f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=final["component"], y=final["cumulative_pct"], name=t["cumulative"], yaxis="y2",
                             mode="lines+markers", hovertemplate="%{x}: %{y:.1f} %<extra></extra>"))
    fig.update_layout(title=t["scree"], xaxis=dict(title=t["component"]), yaxis=dict(title=t["eigenvalue"]),
                      yaxis2=dict(title=t["cumulative"], overlaying="y", side="right", range=[0, 105]),
                      legend=dict(orientation="h", y=-0.25), **_LAYOUT)
    return fig


def correlation_circle(variables: pd.DataFrame, eigenvalues: pd.DataFrame, lang: str, names) -> go.Figure:
    """Arrows from the origin to each series' (PC1, PC2) coordinates, coloured by cos2 on the plane; supplementary
    series grey and dashed; each labelled with its name (``names``: indicator id to name)."""
    t = TEXT[lang]
    wide = variables[variables["component"].isin(["PC1", "PC2"])].pivot_table(
        index=["series_id", "role"], columns="component", values="coord").reset_index()
    plane = variables.drop_duplicates("series_id").set_index("series_id")["plane_cos2_pc1_pc2"]
    final = eigenvalues[eigenvalues["pass"] == "final"].set_index("component")["pct_variance"]
    fig = go.Figure()
    theta = np.linspace(0, 2 * np.pi, 200)
    fig.add_trace(go.Scatter(x=np.cos(theta), y=np.sin(theta), mode="lines", line=dict(color="#999", width=1),
                             hoverinfo="skip", showlegend=False))
    import plotly.colors as pc
    for row in wide.itertuples():
        x, y = getattr(row, "PC1", 0.0), getattr(row, "PC2", 0.0)
        quality = float(plane.get(row.series_id, 0.0))
        active = row.role == "active"
        colour = pc.sample_colorscale("Viridis", [min(max(quality, 0), 1)])[0] if active else "#9e9e9e"
        label = L.series(row.series_id, names, lang)
        fig.add_trace(go.Scatter(x=[0, x], y=[0, y], mode="lines+markers+text",
                                 line=dict(color=colour, width=2, dash="solid" if active else "dash"),
                                 marker=dict(size=[0, 8], color=colour, symbol="arrow", angleref="previous"),
                                 text=["", _short(label)], textposition="top center", textfont=dict(size=9),
                                 name=label + ("" if active else f" ({t['supplementary']})"),
                                 hovertext=localise(f"{label}<br>PC1 {x:.2f}, PC2 {y:.2f}<br>cos² {quality:.2f}",
                                                    lang),
                                 hoverinfo="text", showlegend=False))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(colorscale="Viridis", cmin=0, cmax=1, color=[0.5],
                                         colorbar=dict(title="cos²"))))
    fig.update_layout(title=t["circle"],
                      xaxis=dict(title=localise(f"PC1 ({final.get('PC1', float('nan')):.1f} %)", lang),
                                 range=[-1.2, 1.2], zeroline=True),
                      yaxis=dict(title=localise(f"PC2 ({final.get('PC2', float('nan')):.1f} %)", lang),
                                 range=[-1.2, 1.2],
                                 scaleanchor="x", zeroline=True),
                      **{**_LAYOUT, "height": 620})
    return fig


def trajectory_figure(trajectory: pd.DataFrame, lang: str) -> go.Figure:
    t = TEXT[lang]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=trajectory["pc1"], y=trajectory["pc2"], mode="lines", line=dict(color="#bbb"),
                             hoverinfo="skip", showlegend=False))
    for period, group in trajectory.groupby("period", sort=True):
        fig.add_trace(go.Scatter(x=group["pc1"], y=group["pc2"], mode="markers+text", text=group["year"].astype(str),
                                 textposition="top center", name=str(period),
                                 marker=dict(size=11, color=PERIOD_COLOURS.get(str(period), "#555"),
                                             symbol=PERIOD_SYMBOLS.get(str(period), "circle")),
                                 hovertemplate="%{text}: PC1 %{x:.2f}, PC2 %{y:.2f}<extra></extra>"))
        fig.add_trace(go.Scatter(x=[group["period_centroid_pc1"].iloc[0]], y=[group["period_centroid_pc2"].iloc[0]],
                                 mode="markers", marker=dict(size=16, symbol="diamond-open",
                                                             color=PERIOD_COLOURS.get(str(period), "#555")),
                                 name=f"{period} ({t['centroid']})", hoverinfo="name"))
    fig.update_layout(title=t["trajectory"], xaxis=dict(title="PC1", zeroline=True),
                      yaxis=dict(title="PC2", zeroline=True), **{**_LAYOUT, "height": 520})
    return fig


def cluster_figure(clusters: pd.DataFrame, lang: str) -> go.Figure:
    t = TEXT[lang]
    fig = go.Figure()
    for cluster, group in clusters.groupby("cluster", sort=True):
        n = len(fig.data)
        fig.add_trace(go.Scatter(x=group["year"], y=group["mean_score"], mode="lines+markers",
                                 name=f"{t.get(cluster, L.words(cluster))} (n = {int(group['n_series'].iloc[0])})",
                                 line=dict(color=PALETTE[n]), marker=dict(symbol=SYMBOLS[n], size=8),
                                 hoverinfo="x+y+name"))
    first = clusters.iloc[0] if len(clusters) else None
    title = t["cluster_score"]
    if first is not None and pd.notna(first["correlation_r"]):
        title += localise(f" · r = {first['correlation_r']:.2f}", lang)
        if pd.notna(first.get("r_ci_low")) and pd.notna(first.get("r_ci_high")):
            title += localise(f" ({t['interval_95']}: {first['r_ci_low']:.2f}", lang) + " " + t["to"] + " " + \
                localise(f"{first['r_ci_high']:.2f})", lang)
    fig.update_layout(title=title, xaxis=dict(title=t["year"], dtick=1),
                      yaxis=dict(title=t["cluster_score"] + " (z)"), legend=dict(orientation="h", y=-0.25), **_LAYOUT)
    return fig


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def index_map(scores: pd.DataFrame, geo: dict, year: int, region_code: str, lang: str,
              units: list[tuple[str, str]] | None = None) -> go.Figure:
    """The 21 län coloured by their METRIC index score in ``year`` on the index's 0-100 scale (Viridis: colour-blind
    safe), the selected län outlined; buttons switch between the overall index and each dimension in it (``units``:
    (unit, label) pairs, the overall index first). Drawn as filled polygons on plain axes, so the page never fetches
    a base map."""
    from plotly.colors import sample_colorscale

    t = TEXT[lang]
    units = units or [("overall", t["overall_index"])]
    rows = scores[(scores["edition"] == year) & scores["score"].notna() & (scores["region_code"] != "00")]
    features = sorted(geo["features"], key=lambda f: f["properties"]["l_id"])
    codes = [f"{int(f['properties']['l_id']):02d}" for f in features]

    def paint(unit: str) -> tuple[list[str], list[str]]:
        by_code = rows[rows["unit"] == unit].set_index("region_code")
        fills, labels = [], []
        for code, feature in zip(codes, features):
            if code in by_code.index:
                row = by_code.loc[code]
                fills.append(sample_colorscale("Viridis", [min(max(row["score"] / 100, 0), 1)])[0])
                group = t["group_" + row["group"]] if isinstance(row["group"], str) else t["no_group"]
                labels.append(f"{row['region_name']}: {fmt(round(row['score'], 1), lang)} ({t['rank']} "
                              f"{int(row['rank'])}, {group})")
            else:
                fills.append("#dddddd")
                labels.append(f"{feature['properties']['name']}: {t['no_score']}")
        return fills, labels

    fig = go.Figure()
    selected_outline = None
    fills, labels = paint(units[0][0])
    for code, feature, colour, label in zip(codes, features, fills, labels):
        xs, ys = [], []
        for ring in _rings(feature["geometry"]):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=colour, mode="lines",
                                 line=dict(color="white", width=0.8), hoveron="fills", text=label,
                                 hoverinfo="text", showlegend=False, name=label))
        if code == region_code:
            selected_outline = (xs, ys)
    if selected_outline:
        fig.add_trace(go.Scatter(x=selected_outline[0], y=selected_outline[1], mode="lines",
                                 line=dict(color="#d55e00", width=3), hoverinfo="skip", showlegend=True,
                                 name=t["selected_region"]))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(colorscale="Viridis", cmin=0, cmax=100, color=[0],
                                         colorbar=dict(title=t["index_score"], thickness=12))))
    polygons = list(range(len(features)))
    buttons = []
    for unit, name in units:
        unit_fills, unit_labels = paint(unit)
        buttons.append(dict(label=name, method="update",
                            args=[{"fillcolor": unit_fills, "text": unit_labels, "name": unit_labels},
                                  {"title.text": t["map_title"].format(year=year, what=name)}, polygons]))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=2.0)  # about 1/cos(63°N): shapes as on a map
    fig.update_layout(title=dict(text=t["map_title"].format(year=year, what=units[0][1]), font=dict(size=14)),
                      annotations=[dict(text=t["map_source"], showarrow=False, xref="paper", yref="paper",
                                        x=0, y=-0.02, font=dict(size=10, color="#555"))],
                      updatemenus=[dict(type="dropdown", buttons=buttons, x=0, y=1.0, xanchor="left",
                                        yanchor="top", showactive=True)] if len(units) > 1 else [],
                      legend=dict(orientation="h", y=-0.08), **{**_LAYOUT, "height": 620})
    return fig


def peer_figure(scores: pd.DataFrame, region_code: str, lang: str) -> go.Figure:
    """The overall METRIC index of every län over the years: the other län as thin grey lines, the selected län
    highlighted, so its place among its peers is visible at a glance."""
    t = TEXT[lang]
    # one marker per edition, joined by a dotted line; the editions' composition may differ (index_scores says)
    overall = scores[(scores["unit"] == "overall") & (scores["region_code"] != "00")
                     & scores["score"].notna()].sort_values("edition")
    fig = go.Figure()
    first_other = True
    for code, group in overall.groupby("region_code", sort=True):
        if code == region_code:
            continue
        fig.add_trace(go.Scatter(x=group["edition"], y=group["score"], mode="lines+markers",
                                 line=dict(color="#b0b0b0", width=1, dash="dot"), marker=dict(size=4),
                                 name=t["other_lan"], legendgroup="other",
                                 showlegend=first_other, hovertext=group["region_name"], hoverinfo="text+y"))
        first_other = False
    own = overall[overall["region_code"] == region_code]
    if len(own):
        fig.add_trace(go.Scatter(x=own["edition"], y=own["score"], mode="lines+markers",
                                 line=dict(color=PALETTE[0], width=3, dash="dot"),
                                 marker=dict(size=9, symbol=SYMBOLS[0]),
                                 name=own["region_name"].iloc[0], hoverinfo="x+y+name"))
    fig.update_layout(title=dict(text=t["peer_title"], font=dict(size=14)),
                      xaxis=dict(title=t["edition"], tickvals=sorted(overall["edition"].unique()), tickformat="d"),
                      yaxis=dict(title=t["index_score"] + " (0-100)", range=[0, 100]),
                      legend=dict(orientation="h", y=-0.25), **_LAYOUT)
    return fig
