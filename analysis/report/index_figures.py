"""The comparison charts: the map of the 21 län, the profile of the eleven dimensions, every region ranked on one
indicator and the index along the latest edition's comparable series. The selected län is blue, its similar län (analysis.similar_regions)
vermillion squares, the other regions grey; Riket is a black line."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.report import labels as L
from analysis.report.figures import (HEIGHT, LEGEND_ABOVE, OTHER, PEER, RIKET_COLOUR, SELECTED, TEXT_GREY,
                                     new_figure, value_axis, year_ticks)
from analysis.report.index_words import against_text, rank_text
from analysis.report.numbers import axis_scale, fmt
from analysis.report.texts import TEXT

# Viridis, cut before its pale yellow end so every län keeps 3:1 against the white borders and the page
VIRIDIS = ("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b")


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def viridis(score: float) -> str:
    """The map's colour of a score 0-100 (the same ramp the page's map control uses)."""
    x = min(max(score / 100, 0.0), 1.0) * (len(VIRIDIS) - 1)
    i = min(int(x), len(VIRIDIS) - 2)
    a, b = VIRIDIS[i], VIRIDIS[i + 1]
    mix = [round(int(a[k:k + 2], 16) + (x - i) * (int(b[k:k + 2], 16) - int(a[k:k + 2], 16))) for k in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def map_codes(geo: dict) -> list[str]:
    """The län codes of the map's polygons, in the order they are drawn."""
    return [f"{int(f['properties']['l_id']):02d}" for f in sorted(geo["features"], key=lambda f: f["properties"]["l_id"])]


def map_label(name: str, row, lang: str) -> str:
    """A län's label on the map: its name, score, rank of 21 with its interval and its place against Riket (or that
    it has no score)."""
    t = TEXT[lang]
    if row is None or pd.isna(row["score"]):
        return f"{name}: {t['no_score']}"
    return f"{name}: {fmt(round(row['score'], 1), lang, 1)} {t['points']}, {rank_text(row, 21, lang)}, " \
           f"{against_text(row, lang)}"


def index_map(scores: pd.DataFrame, geo: dict, edition: int, unit: str, region_code: str, lang: str,
              title: str) -> go.Figure:
    """The 21 län coloured by their index score (``unit``: overall or a dimension) in ``edition`` on the index's
    0-100 scale, the selected län outlined. Drawn as filled polygons on plain axes, so the page never fetches a
    base map; the page's own controls repaint it for another dimension or edition."""
    t = TEXT[lang]
    rows = scores[(scores["edition"] == edition) & (scores["unit"] == unit) & (scores["region_code"] != "00")]
    by_code = rows.set_index("region_code")
    features = sorted(geo["features"], key=lambda f: f["properties"]["l_id"])
    fig = new_figure()
    selected_outline = None
    for code, feature in zip(map_codes(geo), features):
        row = by_code.loc[code] if code in by_code.index else None
        name = L.region(row["region_name"], lang) if row is not None else feature["properties"]["name"]
        label = map_label(name, row, lang)
        fill = viridis(row["score"]) if row is not None and pd.notna(row["score"]) else "#dddddd"
        xs, ys = [], []
        for ring in _rings(feature["geometry"]):
            xs += [round(p[0], 2) for p in ring] + [None]  # 0.01° (about 1 km): ample for a map of Sweden
            ys += [round(p[1], 2) for p in ring] + [None]
        fig.add_trace(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=fill, mode="lines",
                                 line=dict(color="white", width=0.8), hoveron="fills", text=label,
                                 hoverinfo="text", showlegend=False, name=label))
        if code == region_code:
            selected_outline = (xs, ys)
    if selected_outline:
        fig.add_trace(go.Scatter(x=selected_outline[0], y=selected_outline[1], mode="lines",
                                 line=dict(color="#d55e00", width=3), hoverinfo="skip", showlegend=True,
                                 name=t["selected_region"]))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(colorscale=[[i / (len(VIRIDIS) - 1), c] for i, c in enumerate(VIRIDIS)],
                                         cmin=0, cmax=100, color=[0],
                                         colorbar=dict(title=dict(text=t["index_score"]), thickness=12))))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=2.0)  # about 1/cos(63°N): shapes as on a map
    fig.update_layout(title=dict(text=title), legend=dict(orientation="h", y=-0.02), height=620,
                      margin=dict(l=10, r=10, t=10, b=30))
    return fig


def profile_figure(profile: pd.DataFrame, lang: str) -> go.Figure:
    """The eleven dimensions (and the overall index) of the selected län against Riket, its similar län and every
    other län in one edition, on the index's 0-100 scale. ``profile``: one row per dimension and region with
    ``label`` (the dimension), ``region_code``, ``region_name``, ``score``, ``role`` (selected, peer, other,
    riket); a dimension without scores is a row that says it is not judged."""
    t = TEXT[lang]
    order = list(dict.fromkeys(profile["label"]))
    fig = new_figure()
    styles = {"other": (t["other_lan"], OTHER, "circle", 7), "peer": (t["similar_lan"], PEER, "square", 9),
              "riket": (t["riket"], RIKET_COLOUR, "line-ns-open", 18), "selected": (None, SELECTED, "circle", 13)}
    for role in ("other", "peer", "riket", "selected"):
        part = profile[(profile["role"] == role) & profile["score"].notna()]
        if not len(part):
            continue
        name, colour, symbol, size = styles[role]
        name = name or L.region(part["region_name"].iloc[0], lang)
        fig.add_trace(go.Scatter(
            x=part["score"].round(1), y=part["label"], mode="markers", name=name,
            marker=dict(color=colour, symbol=symbol, size=size, line=dict(width=2 if role == "riket" else 0,
                                                                           color=colour)),
            customdata=[L.region(n, lang) for n in part["region_name"]],
            hovertemplate=f"%{{customdata}}: %{{x:.1f}} {t['points']}<extra></extra>"))
    unjudged = [label for label in order if not profile.loc[profile["label"] == label, "score"].notna().any()]
    annotations = [dict(x=0, y=label, xref="x", yref="y", text=t["profile_not_judged"], showarrow=False,
                        xanchor="left", font=dict(color=TEXT_GREY, size=11)) for label in unjudged]
    fig.update_layout(title=dict(text=t["profile_title"]), annotations=annotations,
                      xaxis=dict(title=f"{t['index_score']} (0–100)", range=[0, 100], dtick=20, side="top"),
                      yaxis=dict(categoryorder="array", categoryarray=list(reversed(order)), automargin=True),
                      legend=dict(orientation="h", y=-0.06), height=110 + 34 * len(order),
                      margin=dict(l=10, r=20, t=40, b=30),
                      meta={"min_width": 640})  # a narrow screen scrolls it rather than merging the län into a blob
    return fig


def ranked_figure(rows: pd.DataFrame, indicator: pd.Series, lang: str, selected: str, peers: list[str]) -> go.Figure:
    """Every region of one level on one indicator in its latest year, best first (polarity-aware), as bars from
    zero: the selected region blue, its similar län vermillion (hatched), the others grey; Riket and the median
    of the regions as vertical lines. ``rows``: mart_region_comparison rows of one indicator, breakdown, year and
    level."""
    t = TEXT[lang]
    unit = indicator["unit"]
    rows = rows.sort_values("rank", ascending=False, kind="stable")
    divisor, scaled = axis_scale(unit, rows["value"].abs().max(), lang)
    names = [L.region(n, lang) for n in rows["region_name"]]
    role = ["selected" if c == selected else "peer" if c in peers else "other" for c in rows["region_code"]]
    colours = [SELECTED if r == "selected" else PEER if r == "peer" else OTHER for r in role]
    patterns = ["/" if r == "peer" else "" for r in role]
    fig = new_figure(go.Bar(
        y=names, x=rows["value"] / divisor, orientation="h", marker=dict(color=colours,
                                                                         pattern=dict(shape=patterns, fgcolor="white",
                                                                                      fillmode="overlay")),
        text=[fmt(v / divisor, lang) for v in rows["value"]], textposition="auto", textangle=0,
        insidetextanchor="end", textfont=dict(size=11),  # every value printed, as in Kolada's lists
        customdata=rows["rank"].astype(int).tolist(),
        hovertemplate=f"%{{y}}: %{{x:,.4~r}} {scaled or L.unit_after_number(unit, lang)} ({t['rank']} %{{customdata}} "
                      f"{t['of_n'].format(n=len(rows))})<extra></extra>", showlegend=False))
    lines = []
    riket = rows["riket_value"].dropna()
    if len(riket):
        lines.append((float(riket.iloc[0]) / divisor, RIKET_COLOUR, "solid", t["riket"]))
    lines.append((float(rows["median_value"].iloc[0]) / divisor, TEXT_GREY, "dash", t["median"]))
    shapes = [dict(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper", line=dict(color=c, dash=d, width=2))
              for x, c, d, _ in lines]
    for _, c, d, label in lines:  # named in the legend: a note on top of each line would run into the other's
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=label, hoverinfo="skip",
                                 line=dict(color=c, dash=d, width=2)))
    # a legend for the bar colours (empty traces, one per role present)
    for role_name, colour, pattern, label in (("selected", SELECTED, "", L.region(
            rows.loc[rows["region_code"] == selected, "region_name"].iloc[0], lang)
            if (rows["region_code"] == selected).any() else ""), ("peer", PEER, "/", t["similar_lan"]),
            ("other", OTHER, "", t["other_regions"])):
        if role_name in role:
            fig.add_trace(go.Bar(x=[None], y=[None], name=label, marker=dict(color=colour,
                                                                             pattern=dict(shape=pattern,
                                                                                          fgcolor="white",
                                                                                          fillmode="overlay")),
                                 orientation="h", hoverinfo="skip"))
    axis = value_axis(unit, rows["value"], lang, divisor, scaled)
    if "range" in axis and len(riket):
        axis["range"] = [axis["range"][0], max(axis["range"][1], float(riket.iloc[0]) / divisor)]
    year = int(rows["year"].iloc[0])
    name = indicator["name_sv"] if lang == "sv" else indicator["name_en"]
    detail = L.breakdown(rows["breakdown"].iloc[0], lang)
    level = "nuts2" if len(rows) <= 8 else "county"
    fig.update_layout(title=dict(text=t[f"ranked_title_{level}"].format(what=name + (f" ({detail})" if detail else ""),
                                                                        year=year)),
                      xaxis={**axis, "rangemode": "tozero"} if "range" not in axis else axis,
                      yaxis=dict(automargin=True, tickfont=dict(size=11)), shapes=shapes,
                      barmode="overlay", legend=LEGEND_ABOVE,
                      height=140 + 19 * len(rows), margin=dict(l=10, r=20, t=50, b=40))
    return fig


def peer_figure(series: pd.DataFrame, region_code: str, peers: list[str], edition: int, lang: str) -> go.Figure:
    """The overall METRIC index of every län along one edition's comparable series (the same indicators in every
    year, so a change is a change in the data): Riket black, the other län as thin grey lines, the similar län
    vermillion, the selected län blue. A year the series cannot place (an indicator with no value within the lag)
    is a gap."""
    t = TEXT[lang]
    overall = series[series["unit"] == "overall"].sort_values("year")
    years = sorted(int(y) for y in overall.loc[overall["score"].notna(), "year"].unique())
    fig = new_figure()
    first = {"other": True, "peer": True}

    def line(group: pd.DataFrame) -> tuple[list, list]:
        keyed = group.set_index("year")["score"]
        span = range(min(years), max(years) + 1) if years else []
        return list(span), [round(float(keyed[y]), 1) if y in keyed.index and pd.notna(keyed[y]) else None
                            for y in span]

    for code, group in overall.groupby("region_code", sort=True):
        if code in (region_code, "00"):
            continue
        role = "peer" if code in peers else "other"
        x, y = line(group)
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", connectgaps=False,
                                 line=dict(color=PEER if role == "peer" else OTHER, width=2 if role == "peer" else 1),
                                 marker=dict(size=6 if role == "peer" else 4,
                                             symbol="square" if role == "peer" else "circle"),
                                 name=t["similar_lan"] if role == "peer" else t["other_lan"], legendgroup=role,
                                 showlegend=first[role],
                                 hovertemplate=f"{L.region(group['region_name'].iloc[0], lang)}, %{{x}}: "
                                               "%{y:.1f}<extra></extra>"))
        first[role] = False
    for code, colour, width, dash, symbol in (("00", RIKET_COLOUR, 2, "dash", "line-ew-open"),
                                              (region_code, SELECTED, 3, "solid", "circle")):
        own = overall[overall["region_code"] == code]
        if len(own):
            x, y = line(own)
            fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", connectgaps=False,
                                     line=dict(color=colour, width=width, dash=dash),
                                     marker=dict(size=9, symbol=symbol, color=colour),
                                     name=L.region(own["region_name"].iloc[0], lang),
                                     hovertemplate="%{fullData.name}, %{x}: %{y:.1f}<extra></extra>"))
    fig.update_layout(title=dict(text=t["peer_title"].format(edition=edition)),
                      xaxis=dict(title=t["year"], **year_ticks(years)),
                      yaxis=dict(title=t["index_score"] + " (0–100)", range=[0, 100]),
                      legend=LEGEND_ABOVE, height=HEIGHT + 20, margin=dict(t=50))
    return fig


# the map of Europe shows the mainland and the islands near it; the outermost regions (Canarias, the French
# overseas regions, the Azores and Madeira) lie outside this frame and are listed in its table, not drawn
EUROPE_FRAME = (-25.0, 45.0, 34.0, 72.0)  # west, east, south, north (degrees)


def _in_frame(ring: list) -> bool:
    west, east, south, north = EUROPE_FRAME
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    return west <= lon <= east and south <= lat <= north


def europe_codes(geo: dict) -> list[str]:
    """The NUTS2 codes of the map of Europe's polygons, in the order they are drawn."""
    return sorted(f["properties"]["NUTS_ID"] for f in geo["features"])


def europe_map(scores: pd.DataFrame, geo: dict, unit: str, region_code: str, names: dict[str, str], lang: str,
               title: str) -> go.Figure:
    """The EU's NUTS2 regions coloured by their European index score (``unit``: overall or a dimension) on the
    index's 0-100 scale, the selected region outlined; filled polygons on plain axes (rounded to 0.1 degree, about
    10 km), so the page never fetches a base map; the page's control repaints it for another dimension."""
    t = TEXT[lang]
    by_code = scores[scores["unit"] == unit].set_index("region_code")
    features = {f["properties"]["NUTS_ID"]: f for f in geo["features"]}
    fig = new_figure()
    outline = None
    for code in europe_codes(geo):
        row = by_code.loc[code] if code in by_code.index else None
        label = (f"{names.get(code, code)}: {t['no_score']}" if row is None or pd.isna(row["score"]) else
                 f"{names.get(code, code)}: {fmt(round(row['score'], 1), lang, 1)} {t['points']}, "
                 f"{rank_text(row, int(row['n_ranked']), lang)}")
        xs, ys = [], []
        for ring in _rings(features[code]["geometry"]):
            if not _in_frame(ring):
                continue
            points = []
            for lon, lat in ring:
                p = (round(lon, 1), round(lat, 1))
                if not points or points[-1] != p:
                    points.append(p)
            if len(points) < 4:
                continue
            xs += [p[0] for p in points] + [None]
            ys += [p[1] for p in points] + [None]
        fill = viridis(row["score"]) if row is not None and pd.notna(row["score"]) else "#dddddd"
        fig.add_trace(go.Scatter(x=xs or [None], y=ys or [None], fill="toself", fillcolor=fill, mode="lines",
                                 line=dict(color="white", width=0.4), hoveron="fills", text=label, hoverinfo="text",
                                 showlegend=False, name=label))
        if code == region_code:
            outline = (xs, ys)
    if outline:
        fig.add_trace(go.Scatter(x=outline[0], y=outline[1], mode="lines", line=dict(color="#d55e00", width=2.5),
                                 hoverinfo="skip", showlegend=True, name=t["selected_nuts2"]))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(colorscale=[[i / (len(VIRIDIS) - 1), c] for i, c in enumerate(VIRIDIS)],
                                         cmin=0, cmax=100, color=[0],
                                         colorbar=dict(title=dict(text=t["index_score"]), thickness=12))))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1.6)  # about 1/cos(52°N)
    fig.update_layout(title=dict(text=title), legend=dict(orientation="h", y=-0.02), height=640,
                      margin=dict(l=10, r=10, t=10, b=30))
    return fig


def europe_profile_figure(rows: pd.DataFrame, lang: str) -> go.Figure:
    """The selected NUTS2 region, Sweden and the region's European peers against the EU (= 100) on each scored
    dimension and overall, on the ratio scale (% of the EU), with the region's 5-95 % interval. ``rows``: label,
    role (selected, riket, peer), name, value, low, high."""
    t = TEXT[lang]
    order = list(dict.fromkeys(rows["label"]))
    fig = new_figure()
    styles = {"peer": (t["europe_peers_short"], PEER, "square", 9), "riket": (t["riket"], RIKET_COLOUR,
                                                                              "line-ns-open", 18),
              "selected": (None, SELECTED, "circle", 13)}
    for role in ("peer", "riket", "selected"):
        part = rows[(rows["role"] == role) & rows["value"].notna()]
        if not len(part):
            continue
        name, colour, symbol, size = styles[role]
        error = None
        if role == "selected" and part["low"].notna().any():
            error = dict(type="data", symmetric=False, array=(part["high"] - part["value"]).round(1).tolist(),
                         arrayminus=(part["value"] - part["low"]).round(1).tolist(), color=colour, thickness=1.5)
        fig.add_trace(go.Scatter(
            x=part["value"].round(1), y=part["label"], mode="markers", name=name or part["name"].iloc[0],
            error_x=error, marker=dict(color=colour, symbol=symbol, size=size,
                                       line=dict(width=2 if role == "riket" else 0, color=colour)),
            customdata=part["name"], hovertemplate="%{customdata}: %{x:.0f} %<extra></extra>"))
    # the EU's line, named in the legend (a note on the plot would sit where the legend is)
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=t["eu_average"], hoverinfo="skip",
                             line=dict(color=TEXT_GREY, dash="dash", width=1.5)))
    top = float(np.nanmax(rows[["value", "high"]].to_numpy(dtype=float))) if len(rows) else 150.0
    fig.update_layout(title=dict(text=t["europe_profile_title"]),
                      shapes=[dict(type="line", x0=100, x1=100, y0=0, y1=1, yref="paper",
                                   line=dict(color=TEXT_GREY, dash="dash", width=1.5))],
                      xaxis=dict(title=t["europe_percent_of_eu"], range=[0, max(150.0, top * 1.05)],
                                 rangemode="tozero"),
                      yaxis=dict(categoryorder="array", categoryarray=list(reversed(order)), automargin=True),
                      legend=LEGEND_ABOVE, height=160 + 40 * len(order), margin=dict(l=10, r=20, t=60, b=40),
                      meta={"min_width": 560})
    return fig
