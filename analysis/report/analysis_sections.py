"""The report's analysis and data sections: relative development, the PCA with its null models, the clusters and
strengths, the similar län, and the data's sources, checks and flagged values."""

from __future__ import annotations

from functools import cache

import pandas as pd

from analysis.report import figures as F
from analysis.report import labels as L
from analysis.report.data import ReportData
from analysis.report.html import cited, e, table
from analysis.report.numbers import fmt, signed
from analysis.report.texts import TEXT


HEAT_BINS = 11  # the heatmap's colour steps: score 0, 0.1, ..., 1


@cache
def heat_css() -> str:
    """The heatmap's cell classes: RdYlBu in HEAT_BINS steps (red = the series' worst year, blue = its best), each
    with black or white text, whichever reads better (at least 4.5:1)."""
    from plotly.colors import sample_colorscale, unlabel_rgb

    rules = []
    for k, colour in enumerate(sample_colorscale("RdYlBu", [k / (HEAT_BINS - 1) for k in range(HEAT_BINS)])):
        fill = "#" + "".join(f"{round(c):02x}" for c in unlabel_rgb(colour))
        rules.append(f"td.h{k}{{background:{fill};color:{F.text_colour(fill)}}}")
    rules.append("td.h .small{color:inherit}")  # a pooled period's label reads like its value
    return "".join(rules)


def heat_table(development: pd.DataFrame, names: pd.Series, units: pd.Series, lang: str) -> str:
    """Figure 4 as a table: a row per series (named in words, with its unit), a column per year, each cell the
    published value on the colour of its polarity-aware min-max score; an empty cell is a year without a value. A
    pooled period's value (one observation) is one cell spanning its period's years, labelled with the period."""
    t = TEXT[lang]
    d = development.sort_values(["series_id", "year"])
    years = sorted(int(y) for y in d["year"].unique())
    head = f"<th scope='col'>{e(t['series'])}</th>" + "".join(f"<th scope='col'>{y}</th>" for y in years)
    body = []
    for series_id, rows in d.groupby("series_id", sort=True):
        unit = L.unit(units.get(series_id.split("[")[0], ""), lang)
        by_year = {int(r.year): r for r in rows.itertuples()}
        spans = {}  # a pooled period's middle year -> the years of its period shown in the table
        for r in rows.itertuples():
            label = str(getattr(r, "observation", "") or "")
            if "-" in label:
                start, end = (int(x) for x in label.split("-"))
                span = [y for y in years if start <= y <= end]
                if not any(y in by_year for y in span if y != int(r.year)):  # no yearly value inside it
                    spans[int(r.year)] = span
        covered = {y for span in spans.values() for y in span}
        cells = []
        for y in years:
            r = by_year.get(y)
            if y in covered and y not in spans:
                continue  # inside a pooled period's cell
            if r is None or pd.isna(r.score):
                cells.append("<td></td>")
                continue
            k = int(round(float(r.score) * (HEAT_BINS - 1)))
            span = spans.get(y)
            if span and len(span) > 1:  # one cell from the period's first year shown (the earlier ones skipped)
                period = str(r.observation).replace("-", "–")
                cells.append(f"<td class='h h{k}' colspan='{len(span)}'>{e(fmt(r.value, lang))} "
                             f"<span class='small'>({e(period)})</span></td>")
            else:
                cells.append(f"<td class='h h{k}'>{e(fmt(r.value, lang))}</td>")
        body.append(f"<tr><th scope='row'>{e(L.series(series_id, names, lang))} <span class='small'>({e(unit)})"
                    f"</span></th>{''.join(cells)}</tr>")
    return (f"<div class='wide' tabindex='0' role='region' aria-label='{e(t['table_region'])}: "
            f"{e(t['development_caption'])}'><table class='heat'>"
            f"<caption>{e(t['development_caption'])}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def development(page, data: ReportData, names: pd.Series, lang: str) -> None:
    t = TEXT[lang]
    page.add(f'<section id="development" aria-labelledby="development-h"><h2 id="development-h">'
             f'{e(t["development"])}</h2><p>{e(t["development_text"])}</p>')
    if len(data.development):
        units = data.indicators.set_index("indicator_id")["unit"]
        page.add(f"<style>{heat_css()}</style>{heat_table(data.development, names, units, lang)}")
    page.add("</section>")


def pca(page, data: ReportData, names: pd.Series, lang: str) -> None:
    t = TEXT[lang]
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
    page.add(f'<section id="pca" aria-labelledby="pca-h"><h2 id="pca-h">{e(t["pca"])}</h2><p>'
             + e(t["pca_text"].format(cut=fmt(threshold, lang, 1), pc1=fmt(pc1, lang, 1),
                                      kept=int(selection["kept"].sum()), total=len(selection), window=window,
                                      imputed=fmt(imputed, lang, 0))) + "</p>")
    pc1_row = final[final["component"] == "PC1"]
    if len(pc1_row) and "p_parallel" in pc1_row:
        row = pc1_row.iloc[0]
        key = "noise_yes" if bool(row["distinguishable_from_noise"]) else "noise_no"

        def p_text(p, low, high) -> str:  # a p-value with its Monte-Carlo interval
            if pd.isna(low) or pd.isna(high):
                return fmt(float(p), lang, 3)
            return f"{fmt(float(p), lang, 3)} ({t['mc_interval']} {fmt(float(low), lang, 3)}–{fmt(float(high), lang, 3)})"

        page.add("<p>" + e(t[key].format(
            p_par=p_text(row["p_parallel"], row.get("p_parallel_low"), row.get("p_parallel_high")),
            p_rw=p_text(row["p_random_walk"], row.get("p_random_walk_low"), row.get("p_random_walk_high")),
            rw=fmt(float(row["null_random_walk_q95"]), lang, 1))) + "</p>")
    if len(final):
        page.chart(F.scree_figure(data.eigenvalues, lang))
        page.chart(F.correlation_circle(data.variables, data.eigenvalues, lang, names))
        page.chart(F.trajectory_figure(data.trajectory, lang))
    page.add("</section>")


def strengths_table(data: ReportData, names: pd.Series, lang: str) -> str:
    """What improved and worsened most per dimension, in the indicator's own units beside the score: first and
    latest value, their change (a share's change in percentage points), and how many years the score rests on (two
    years give a score of ±1 by construction, so they are marked)."""
    t = TEXT[lang]
    dims = data.dimensions.set_index("dimension_id")["name_sv" if lang == "sv" else "name_en"]
    units = data.indicators.set_index("indicator_id")["unit"]
    rows = []
    for r in data.strengths.itertuples():
        code = units.get(r.indicator_id, "")
        unit = L.unit_after_number(code, lang)
        change_unit = L.unit("percentage_points", lang) if code == "percent" else unit
        change = r.last_value - r.first_value
        rows.append({
            t["dimension"]: dims.get(r.dimension_id, L.words(r.dimension_id)),
            t["direction"]: t["strengths"] if r.kind == "improving" else t["weaknesses"],
            t["indicators"]: L.series(r.series_id, names, lang),
            t["year"]: f"{r.first_year}–{r.last_year}",
            t["first_last"]: f"{fmt(r.first_value, lang)} → {fmt(r.last_value, lang)} {unit}".rstrip(),
            t["change_real"]: f"{signed(change, lang)} {change_unit}".rstrip(),
            t["change"]: signed(r.change_score, lang, 2),
            t["n_points"]: f"{r.n_observations}" + (" †" if r.n_observations <= 2 else ""),
        })
    return table(pd.DataFrame(rows), lang) + f"<p class='small'>† {e(t['two_points'])}</p>"


def clusters(page, data: ReportData, names: pd.Series, lang: str) -> None:
    t = TEXT[lang]

    def num(x) -> str:
        return "–" if x is None or pd.isna(x) else signed(x, lang, 2)

    text = ""
    if len(data.clusters):
        first = data.clusters.drop_duplicates("cluster").set_index("cluster")
        members = {}
        for cluster in ("research_knowledge", "market_digital"):
            ids = str(first["members"].get(cluster, "") or "").split(", ")
            members[cluster] = ", ".join(L.series(i, names, lang) for i in ids if i) or "–"
        c = data.clusters.iloc[0]
        text = t["clusters_text"].format(r=num(c["correlation_r"]), low=num(c.get("r_ci_low")),
                                         high=num(c.get("r_ci_high")), n=int(c["n_years"]),
                                         research=members["research_knowledge"], market=members["market_digital"])
        low, high = c.get("r_ci_low"), c.get("r_ci_high")
        if low is not None and high is not None and not pd.isna(low) and not pd.isna(high):
            text += " " + t["clusters_zero" if low <= 0 <= high else "clusters_nonzero"]
    page.add(f'<section id="clusters" aria-labelledby="clusters-h"><h2 id="clusters-h">{e(t["clusters"])}</h2>'
             f"<p>{e(text)}</p>")
    if len(data.clusters):
        page.chart(F.cluster_figure(data.clusters, lang))
    if len(data.strengths):
        page.add(f"<p>{e(t['strengths_text'])}</p><div class='wide'>{strengths_table(data, names, lang)}</div>")
    page.add("</section>")


def similar(page, data: ReportData, lang: str) -> None:
    """The selected län's similar län and how they were chosen."""
    t = TEXT[lang]
    page.add(f'<section id="similar" aria-labelledby="similar-h"><h2 id="similar-h">{e(t["similar_heading"])}</h2>'
             f"<p>{e(t['similar_method'])}</p>")
    if len(data.similar):
        rows = data.similar.sort_values("peer_rank")
        frame = pd.DataFrame({t["similar_rank"]: rows["peer_rank"],
                              t["region"]: [L.region(n, lang) for n in rows["peer_name"]],
                              t["similar_distance"]: [fmt(d, lang, 2) for d in rows["distance"]],
                              t["similar_stability"]: [t["similar_robust"] if r else
                                                       t["similar_fragile"].format(share=fmt(100 * s, lang, 0))
                                                       for r, s in zip(rows["is_robust"], rows["stability"])]})
        page.add(f"<div class='wide'>{table(frame, lang)}</div>")
    else:
        page.add(f"<p>{e(t['similar_none'])}</p>")
    page.add("</section>")


def _anomalies_table(data: ReportData, names: pd.Series, lang: str) -> str:
    """The values the anomaly check flagged: indicator, region, year, the value and its neighbours, why, and whether
    someone confirmed it (then it is used)."""
    t = TEXT[lang]
    rows = [{t["indicator"]: L.series(r.series_id, names, lang), t["region"]: L.region(r.region_name, lang),
             t["year"]: str(int(r.year)), t["value"]: fmt(r.value, lang),
             t["anomaly_neighbours"]: f"{fmt(r.previous_value, lang)} / {fmt(r.next_value, lang)}",
             t["anomaly_why"]: L.anomaly(r.anomaly, lang),
             t["anomaly_status"]: t["anomaly_confirmed"] if r.is_confirmed else t["anomaly_missing"]}
            for r in data.anomalies.itertuples()]
    return table(pd.DataFrame(rows), lang)


def _sources(data: ReportData, lang: str) -> str:
    """Every source: publisher, vintages, how the values were obtained and the licence, in the page's language; the
    files themselves (paths, as code) in a collapsed table beside it."""
    t = TEXT[lang]
    sources = data.sources
    summary = []
    for source_id, group in sources.groupby("source_id", sort=True):
        publisher = group["publisher"].iloc[0] if isinstance(group["publisher"].iloc[0], str) else L.words(source_id)
        vintages = "; ".join(dict.fromkeys(cited(v, lang) for v in group["vintage"].fillna("") if v))
        obtained = "; ".join(dict.fromkeys(L.provenance(o, lang) for o in group["obtained"]))
        licences = "; ".join(dict.fromkeys(cited(x, lang) for x in group["licence"].fillna("") if x))
        summary.append(f"<tr><td>{cited(publisher, lang)}</td><td>{vintages}</td><td>{e(obtained)}</td>"
                       f"<td>{licences}</td></tr>")
    head = "".join(f"<th scope='col'>{e(t[k])}</th>" for k in ("publisher", "vintage", "obtained", "licence"))
    files = "".join(f"<tr><td>{cited(r.publisher if isinstance(r.publisher, str) else L.words(r.source_id), lang)}"
                    f"</td><td><code>{e(r.file)}</code></td></tr>" for r in sources.itertuples())
    files += f"<tr><td>{e(t['map_source_publisher'])}</td><td><code>data/geo/swedish_regions.geojson</code></td></tr>"
    return (f"<div class='wide'><table class='sources-cited'><thead><tr>{head}</tr></thead><tbody>{''.join(summary)}"
            f"</tbody></table></div>"
            f"<details class='chart-data'><summary>{e(t['source_files'])}</summary><div class='wide'>"
            f"<table class='sources-cited'><thead>"
            f"<tr><th scope='col'>{e(t['publisher'])}</th><th scope='col'>{e(t['file'])}</th></tr></thead><tbody>"
            f"{files}</tbody></table></div><button type='button' class='csv'>{e(t['download_csv'])}</button>"
            f"</details>")


def data_quality(page, data: ReportData, names: pd.Series, synthetic: bool, lang: str) -> None:
    t = TEXT[lang]
    page.add(f'<section id="data" aria-labelledby="data-h"><h2 id="data-h">{e(t["data"])}</h2>'
             f"<h3>{e(t['sources'])}</h3>{_sources(data, lang)}<h3>{e(t['checks'])}</h3>")
    if data.checks:
        total = data.checks["passed"] + data.checks["failed"]
        page.add("<p>" + e(t["checks_text"].format(passed=data.checks["passed"], total=total,
                                                   failed=data.checks["failed"])) + "</p>")
        if data.checks["failed_names"]:
            page.add("<ul>" + "".join(f"<li>{e(L.check(n, lang))}</li>" for n in data.checks["failed_names"])
                     + "</ul>")
    else:
        page.add(f"<p>{e(t['checks_none'])}</p>")
    if len(data.anomalies):
        page.add(f"<h3>{e(t['anomalies'])}</h3><p>{e(t['anomalies_text'])}</p>"
                 f"<div class='wide'>{_anomalies_table(data, names, lang)}</div>")
    n_all = len(data.matrix)
    n_imp = int(data.matrix["is_imputed"].sum()) if n_all else 0
    page.add("<p>" + e(t["imputed_share"].format(share=fmt(100 * n_imp / n_all if n_all else 0, lang, 0),
                                                 n_imp=n_imp, n_all=n_all)) + "</p>")
    page.add(f"<p class='note'>{e(t['synthetic_note' if synthetic else 'honesty'])}</p></section>")
