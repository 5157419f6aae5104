"""The report page: one self-contained HTML file (plotly.js embedded once, no request to any other host)."""

from __future__ import annotations

import html
from urllib.parse import quote
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from analysis.report import figures as F
from analysis.report.texts import TEXT

_CSS = """
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#0b3d5c;color:#fff;padding:24px 40px}header a{color:#ffd479}
main{max-width:1100px;margin:0 auto;padding:20px 40px}
h2{border-bottom:2px solid #0b3d5c;padding-bottom:4px;margin-top:40px}
.chart{background:#fff;border:1px solid #e3e3e3;border-radius:4px;margin:14px 0;padding:4px}
table{border-collapse:collapse;margin:10px 0;font-size:13px;background:#fff}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef3f7}
.note{background:#fff8e1;border-left:4px solid #e6a23c;padding:8px 14px}
.statement{font-size:13px;margin:4px 0}.cite{color:#666;font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px;margin:14px 0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;color:#222;text-decoration:none}
.card h3{font-size:15px;margin:0 0 6px 0;color:#0b3d5c}.card .big{font-size:24px;font-weight:bold}
.card .small{font-size:12px;color:#555}.card.overall{border:2px solid #0b3d5c}
figure.chart{margin:14px 0}details.chart-data{font-size:12px;padding:2px 8px}details.chart-data table{max-width:100%}
nav ul{columns:2}
"""


@dataclass
class ReportData:
    region_code: str
    region_name: str
    generated_at: str
    dimensions: pd.DataFrame  # dimension_id, name_sv, name_en, n_indicators
    indicators: pd.DataFrame  # dim_indicator
    values: pd.DataFrame  # preferred fct rows with region_name (selected region, Riket, others)
    matrix: pd.DataFrame  # analysis.indicator_matrix
    development: pd.DataFrame
    strengths: pd.DataFrame
    eigenvalues: pd.DataFrame
    variables: pd.DataFrame
    trajectory: pd.DataFrame
    clusters: pd.DataFrame
    sources: pd.DataFrame  # source_id, publisher, file, obtained, vintage, licence
    checks: dict | None  # {"passed": n, "failed": n, "failed_names": [...]}
    index_scores: pd.DataFrame = field(default_factory=pd.DataFrame)  # analysis.index_scores + region_name, all län
    index_uncertainty: pd.DataFrame = field(default_factory=pd.DataFrame)  # the selected län's rank intervals
    geo: dict | None = None  # län boundaries (data/geo/swedish_regions.geojson)


class _Page:
    def __init__(self, lang: str):
        self.lang = lang
        self.parts: list[str] = []
        self.n_charts = 0

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def chart(self, fig: go.Figure, table: pd.DataFrame | None = None) -> None:
        """A chart with an accessible name (its title), and its data as a collapsed table and a CSV download
        (a data: link, so the page stays offline). ``table``: the data to show where the traces are not a table
        (the map's polygons)."""
        self.n_charts += 1
        n = self.n_charts
        fig.update_layout(separators=F.SEPARATORS[self.lang])  # 54,5 and 1 200 on the Swedish page
        div = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{n}",
                          config={"displaylogo": False, "responsive": True})
        title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else f"chart {n}"
        data = table if table is not None else chart_table(fig)
        text = TEXT[self.lang]
        csv_link = "data:text/csv;charset=utf-8," + quote(data.to_csv(index=False))
        self.add(f'<figure class="chart" role="group" aria-label="{_e(title)}"><div role="img" '
                 f'aria-label="{_e(title)}">{div}</div><details class="chart-data"><summary>'
                 f'{_e(text["chart_data"])}</summary>{_table(data, self.lang)}<a download="chart-{n}.csv" '
                 f'href="{_e(csv_link)}">{_e(text["download_csv"])}</a></details></figure>')


def chart_table(fig: go.Figure) -> pd.DataFrame:
    """A figure's data as a table: one row per point (series, x, y) or per heatmap cell (y, x, value); filled
    polygons (map shapes) and empty helper traces are left out."""
    rows = []
    for trace in fig.data:
        name = getattr(trace, "name", None) or ""
        if trace.type == "heatmap" and trace.z is not None:
            for y, zs in zip(trace.y, trace.z):
                for x, z in zip(trace.x, zs):
                    rows.append({"series": y, "x": x, "value": z})
        elif trace.type in ("scatter", "bar") and getattr(trace, "fill", None) != "toself":
            xs = list(trace.x) if trace.x is not None else []
            ys = list(trace.y) if trace.y is not None else []
            for x, y in zip(xs, ys):
                if x is not None and y is not None:
                    rows.append({"series": name, "x": x, "value": y})
    return pd.DataFrame(rows, columns=["series", "x", "value"])


def _e(text) -> str:
    return html.escape(str(text))


def _cell(value, lang: str) -> str:
    """A table cell: numbers as the page's language writes them (Swedish: decimal comma)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return F.localise(f"{value:.6g}", lang)
    return str(value)


def _table(frame: pd.DataFrame, lang: str = "en") -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_e(_cell(v, lang))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _number(value, lang: str, digits: int = 1) -> str:
    """A number as the page's language writes it: decimal comma and a space between thousands in Swedish."""
    return F.localise(f"{value:,.{digits}f}", lang)


def _key_findings(page: "_Page", data: ReportData, lang: str) -> None:
    """One card for the overall METRIC index and one per dimension: latest score, rank among the 21 län (with its
    interval where the Monte-Carlo gives one), group relative to Riket, change over the window, and coverage;
    then the map of the 21 län."""
    t = TEXT[lang]
    name_col = "name_sv" if lang == "sv" else "name_en"
    scores = data.index_scores
    own = scores[(scores["region_code"] == data.region_code) & scores["score"].notna()] if len(scores) else scores
    cards = []

    def card(title: str, unit: str, anchor: str, extra: str = "", css: str = "card") -> str:
        rows = own[own["unit"] == unit].sort_values("year") if len(own) else own
        if not len(rows):
            body = f"<p class='small'>{_e(t['no_score' if unit == 'overall' else 'not_in_index'])}</p>"
        else:
            last, first = rows.iloc[-1], rows.iloc[0]
            # a rank interval exists only where the Monte-Carlo computed one: say so where it did not
            interval = f"<div class='small'>{_e(t['rank_no_interval'])}</div>"
            if unit == "overall" and len(data.index_uncertainty):
                u = data.index_uncertainty[data.index_uncertainty["year"] == last["year"]]
                if len(u) and pd.notna(u.iloc[0]["rank_p05"]):
                    interval = (f"<div class='small'>{_e(t['rank_interval'])}: {int(u.iloc[0]['rank_p05'])}–"
                                f"{int(u.iloc[0]['rank_p95'])}</div>")
            body = (f"<div class='big'>{_number(last['score'], lang)} {_e(t['points'])}</div>"
                    f"<div>{_e(t['rank'])} {int(last['rank'])} {_e(t['of_regions'])} ({int(last['year'])}) · "
                    f"{_e(t['group_' + last['group']])}</div>{interval}"
                    f"<div class='small'>{_number(last['relative_to_riket'], lang, 0)} % "
                    f"{_e(t['relative_to_riket'])}; {_e(t['change_since'].format(year=int(first['year'])))}: "
                    f"{_number(last['score'] - first['score'], lang)}</div>")
        return f"<a class='{css}' href='#{anchor}'><h3>{_e(title)}</h3>{body}{extra}</a>"

    cards.append(card(t["overall_index"], "overall", "index", css="card overall"))
    for dim in data.dimensions.itertuples():
        ids = set(data.indicators.loc[data.indicators["dimension_id"] == dim.dimension_id, "indicator_id"])
        own_values = data.values[(data.values["region_code"] == data.region_code)
                                 & (data.values["value_kind"] == "figure")]
        covered = own_values.loc[own_values["indicator_id"].isin(ids), "indicator_id"].nunique()
        coverage = f"<div class='small'>{covered}/{len(ids)} {_e(t['coverage'])}</div>"
        cards.append(card(getattr(dim, name_col), dim.dimension_id, f"dim-{dim.dimension_id}", coverage))
    page.add(f"<section id='key-findings' aria-labelledby='key-findings-h'><h2 id='key-findings-h'>"
             f"{_e(t['key_findings'])}</h2><div class='cards'>{''.join(cards)}</div>"
             f"<p class='small'>{_e(t['cards_note'])}</p></section>")
    page.add("<span id='index'></span>")
    overall = scores[(scores["unit"] == "overall") & scores["score"].notna()] if len(scores) else scores
    if data.geo is not None and len(overall):
        year = int(overall["year"].max())
        shown = overall[(overall["year"] == year) & (overall["region_code"] != "00")].sort_values("rank")
        page.chart(F.index_map(scores, data.geo, year, data.region_code, lang),
                   table=shown[["region_name", "score", "rank", "group"]].round({"score": 1}))


def build_report(data: ReportData, lang: str, other_file: str) -> tuple[str, int]:
    """The report as one HTML string, and the number of charts in it."""
    t = TEXT[lang]
    name_col = "name_sv" if lang == "sv" else "name_en"
    page = _Page(lang)
    n_ind = len(data.indicators)
    page.add(f"<header><h1>{_e(t['title'].format(region=data.region_name))}</h1>"
             f"<p>{_e(t['subtitle'].format(n_ind=n_ind))}</p>"
             f"<p>{_e(t['generated'])}: {_e(data.generated_at)} · "
             f'<a href="{_e(other_file)}">{_e(t["other"])}</a></p></header><main>')
    synthetic = "is_synthetic" in data.values and data.values["is_synthetic"].fillna(False).astype(bool).any()
    page.add(f"<p>{_e(t['intro'])}</p><p class='note'>{_e(t['synthetic_note' if synthetic else 'honesty'])}</p>"
             f"<p class='note'>{_e(t['survey_note'])}</p>")

    _key_findings(page, data, lang)

    # contents and overview
    toc = [f'<li><a href="#dim-{d.dimension_id}">{_e(getattr(d, name_col))}</a></li>'
           for d in data.dimensions.itertuples()]
    toc += [f'<li><a href="#{a}">{_e(t[k])}</a></li>' for a, k in
            (("development", "development"), ("pca", "pca"), ("clusters", "clusters"), ("data", "data"))]
    page.add(f"<nav><h2>{_e(t['toc'])}</h2><ul>{''.join(toc)}</ul></nav>")
    counts = data.values.groupby("dimension_id")["value_kind"].value_counts().unstack(fill_value=0)
    overview = pd.DataFrame({
        t["dimension"]: data.dimensions[name_col],
        t["indicators"]: data.dimensions["n_indicators"],
        t["figures"]: [int(counts.get("figure", pd.Series()).get(d, 0)) for d in data.dimensions["dimension_id"]],
        t["statements"]: [int(counts.get("qualitative", pd.Series()).get(d, 0))
                          for d in data.dimensions["dimension_id"]],
    })
    page.add(f"<h2>{_e(t['overview'])}</h2>{_table(overview, lang)}")

    # one section per dimension
    for dim in data.dimensions.itertuples():
        page.add(f'<h2 id="dim-{dim.dimension_id}">{_e(getattr(dim, name_col))}</h2>')
        indicators = data.indicators[data.indicators["dimension_id"] == dim.dimension_id]
        statements = []
        for ind in indicators.itertuples(index=False):
            ind = pd.Series(ind._asdict())
            values = data.values[data.values["indicator_id"] == ind["indicator_id"]]
            if (values["value_kind"] == "figure").any():
                if ind["frequency"] == "one_off_survey":
                    page.chart(F.survey_figure(ind, values, lang))
                else:
                    page.chart(F.time_series_figure(ind, values, lang, data.region_code))
            for row in values[values["value_kind"] == "qualitative"].itertuples():
                period = row.period_start if row.period_start == row.period_end else \
                    f"{row.period_start}–{row.period_end}"
                statements.append(f"<p class='statement'><b>{_e(ind[name_col])}</b> ({_e(row.region_name)}, "
                                  f"{_e(period)}): “{_e(row.statement)}” <span class='cite'>{_e(row.citation)}"
                                  "</span></p>")
        if statements:
            page.add(f"<h3>{_e(t['statements_heading'])}</h3>" + "".join(statements))

    # relative development
    page.add(f'<h2 id="development">{_e(t["development"])}</h2><p>{_e(t["development_text"])}</p>')
    if len(data.development):
        page.chart(F.development_heatmap(data.development, lang))

    # PCA
    final = data.eigenvalues[data.eigenvalues["pass"] == "final"]
    selection = data.variables.drop_duplicates("series_id")
    pc1 = float(final["pct_variance"].iloc[0]) if len(final) else float("nan")
    cut = data.variables["settings"].iloc[0] if len(data.variables) else ""
    threshold = 0.3
    if '"cos2_threshold":' in cut:
        threshold = float(cut.split('"cos2_threshold":')[1].split(",")[0])
    years = sorted(data.matrix["year"].unique()) if len(data.matrix) else []
    window = f"{years[0]}–{years[-1]}" if years else "–"
    imputed = 100 * float(data.matrix["is_imputed"].mean()) if len(data.matrix) else 0.0
    page.add(f'<h2 id="pca">{_e(t["pca"])}</h2><p>'
             + _e(t["pca_text"].format(cut=threshold, pc1=pc1, kept=int(selection["kept"].sum()),
                                       total=len(selection), window=window, imputed=imputed)) + "</p>")
    pc1_row = final[final["component"] == "PC1"]
    if len(pc1_row) and "p_parallel" in pc1_row:
        row = pc1_row.iloc[0]
        key = "noise_yes" if bool(row["distinguishable_from_noise"]) else "noise_no"
        page.add("<p>" + _e(t[key].format(p_par=float(row["p_parallel"]), p_rw=float(row["p_random_walk"]),
                                          rw=float(row["null_random_walk_q95"]))) + "</p>")
    if len(final):
        page.chart(F.scree_figure(data.eigenvalues, lang))
        page.chart(F.correlation_circle(data.variables, data.eigenvalues, lang))
        page.chart(F.trajectory_figure(data.trajectory, lang))

    # clusters, strengths and weaknesses
    def _member_name(series_id: str, names: pd.Series) -> str:
        """A series as words: the indicator's name and its breakdown values ("sector=higher_education" reads
        "higher education"), never the ids."""
        indicator, _, breakdown = series_id.partition("[")
        values = [part.split("=", 1)[-1].replace("_", " ") for part in breakdown.rstrip("]").split(";") if part]
        return str(names.get(indicator, indicator)) + (f" ({', '.join(values)})" if values else "")

    def _num(x) -> str:
        return "–" if x is None or pd.isna(x) else (f"{x:+.2f}".replace(".", ",") if lang == "sv" else f"{x:+.2f}")

    names_by_id = data.indicators.set_index("indicator_id")[name_col]
    members = {}
    if len(data.clusters):
        first = data.clusters.drop_duplicates("cluster").set_index("cluster")
        for cluster in ("research_knowledge", "market_digital"):
            ids = str(first["members"].get(cluster, "") or "").split(", ")
            members[cluster] = ", ".join(_member_name(i, names_by_id) for i in ids if i) or "–"
        c = data.clusters.iloc[0]
        text = t["clusters_text"].format(r=_num(c["correlation_r"]), low=_num(c.get("r_ci_low")),
                                         high=_num(c.get("r_ci_high")), n=int(c["n_years"]),
                                         research=members["research_knowledge"], market=members["market_digital"])
        low, high = c.get("r_ci_low"), c.get("r_ci_high")
        if low is not None and high is not None and not pd.isna(low) and not pd.isna(high):
            text += " " + t["clusters_zero" if low <= 0 <= high else "clusters_nonzero"]
    else:
        text = ""
    page.add(f'<h2 id="clusters">{_e(t["clusters"])}</h2><p>' + _e(text) + "</p>")
    if len(data.clusters):
        page.chart(F.cluster_figure(data.clusters, lang))
    if len(data.strengths):
        names = data.indicators.set_index("indicator_id")[name_col]
        dims = data.dimensions.set_index("dimension_id")[name_col]
        table = data.strengths.assign(
            dimension=data.strengths["dimension_id"].map(dims),
            indicator=data.strengths["indicator_id"].map(names) + data.strengths["breakdown"].map(
                lambda b: f" [{b}]" if b else ""),
            kind=data.strengths["kind"].map({"improving": t["strengths"], "worsening": t["weaknesses"]}),
            change=data.strengths["change_score"].round(2),
            years=data.strengths["first_year"].astype(str) + "–" + data.strengths["last_year"].astype(str),
        )[["dimension", "kind", "indicator", "years", "change"]]
        table.columns = [t["dimension"], "", t["indicators"], t["year"], t["change"]]
        page.add(_table(table, lang))

    # data and quality
    page.add(f'<h2 id="data">{_e(t["data"])}</h2><h3>{_e(t["sources"])}</h3>')
    sources = data.sources.rename(columns={"file": t["file"], "obtained": t["obtained"], "vintage": t["vintage"],
                                           "licence": t["licence"]})
    page.add(_table(sources, lang))
    page.add(f"<h3>{_e(t['checks'])}</h3>")
    if data.checks:
        total = data.checks["passed"] + data.checks["failed"]
        page.add("<p>" + _e(t["checks_text"].format(passed=data.checks["passed"], total=total,
                                                     failed=data.checks["failed"])) + "</p>")
        if data.checks["failed_names"]:
            page.add("<ul>" + "".join(f"<li>{_e(n)}</li>" for n in data.checks["failed_names"]) + "</ul>")
    else:
        page.add(f"<p>{_e(t['checks_none'])}</p>")
    n_all = len(data.matrix)
    n_imp = int(data.matrix["is_imputed"].sum()) if n_all else 0
    page.add("<p>" + _e(t["imputed_share"].format(share=100 * n_imp / n_all if n_all else 0, n_imp=n_imp,
                                                  n_all=n_all)) + "</p>")
    page.add(f"<p class='note'>{_e(t['synthetic_note' if synthetic else 'honesty'])}</p></main>")

    head = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(t['title'].format(region=data.region_name))}</title>"
            f"<style>{_CSS}</style><script>{get_plotlyjs()}</script></head><body>")
    return head + "".join(page.parts) + "</body></html>", page.n_charts
