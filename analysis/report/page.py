"""The report page: one self-contained HTML file (plotly.js embedded once, no request to any other host)."""

from __future__ import annotations

import html
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from analysis.report import figures as F
from analysis.report import labels as L
from analysis.report.data import ReportData
from analysis.report.texts import TEXT

_CSS = """
*{box-sizing:border-box}
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#222;background:#fafafa;overflow-wrap:anywhere}
header{background:#0b3d5c;color:#fff;padding:24px 40px}header a{color:#ffd479}
main{max-width:1100px;margin:0 auto;padding:20px 40px}
h2{border-bottom:2px solid #0b3d5c;padding-bottom:4px;margin-top:40px}
.chart{background:#fff;border:1px solid #e3e3e3;border-radius:4px;margin:14px 0;padding:4px;max-width:100%}
.chart .plotly-graph-div{max-width:100%}
table{border-collapse:collapse;margin:10px 0;font-size:13px;background:#fff}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef3f7}
.wide,details.chart-data{max-width:100%;overflow-x:auto}
code{font-family:Consolas,monospace;font-size:12px;background:#f2f2f2;padding:0 2px}
.note{background:#fff8e1;border-left:4px solid #b26b00;padding:8px 14px}
.statement{font-size:13px;margin:4px 0}.cite{color:#595959;font-size:12px}.orig{color:#595959;font-size:12px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px;margin:14px 0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;color:#222;text-decoration:none}
.card h3{font-size:15px;margin:0 0 6px 0;color:#0b3d5c}.big{font-size:24px;font-weight:bold}
.small{font-size:12px;color:#555}.card.overall{border:2px solid #0b3d5c}
.tile{background:#fff;border:1px solid #d0d7de;border-left:4px solid #0072b2;border-radius:4px;margin:14px 0;
padding:10px 14px}.tile figcaption{font-weight:bold;color:#0b3d5c;margin-bottom:4px}
.finding-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.findings{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:4px 14px;font-size:14px}
.findings h4{margin:8px 0 4px 0;color:#0b3d5c}.findings li{margin:6px 0}
figure.chart{margin:14px 0}details.chart-data{font-size:12px;padding:2px 8px}
nav ul{columns:2}
@media (max-width:600px){header{padding:16px}main{padding:12px}nav ul{columns:1}
.cards,.finding-grid{grid-template-columns:1fr}}
"""


_LAZY_SCRIPT = '<script type="application/x-plotly-lazy">'
# Each chart's plotly call runs when its figure comes within 800 px of the screen (or before printing, or when
# something calls window.renderAllCharts()): 80 charts drawn up front would keep the first screen waiting.
_LAZY_CHARTS = """<script>(function () {
  var scripts = Array.prototype.slice.call(document.querySelectorAll('script[type="application/x-plotly-lazy"]'));
  function render(s) { if (s.dataset.done) return; s.dataset.done = '1'; (new Function(s.textContent))(); }
  window.renderAllCharts = function () { scripts.forEach(render); };
  window.addEventListener('beforeprint', window.renderAllCharts);
  if (!('IntersectionObserver' in window)) { window.renderAllCharts(); return; }
  var seen = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { if (e.isIntersecting) { seen.unobserve(e.target); render(e.target.lazyScript); } });
  }, {rootMargin: '800px 0px'});
  scripts.forEach(function (s) { var f = s.closest('figure') || s.parentNode; f.lazyScript = s; seen.observe(f); });
})();</script>"""


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
        # drawn when it comes near the screen (_LAZY_CHARTS), so the first screen is ready at once
        div = div.replace('<script type="text/javascript">', _LAZY_SCRIPT, 1).replace("<script>", _LAZY_SCRIPT, 1)
        title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else f"chart {n}"
        text = TEXT[self.lang]
        data = table if table is not None else chart_table(fig).rename(
            columns={"series": text["series"], "x": text["x"], "value": text["value"]})
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


def _versus_riket(data: ReportData, ids: set[str], lang: str) -> str:
    """How the selected län stands against Riket and how its series moved, for one dimension's indicators: in how
    many comparable series (same year, a unit that is not a level) it is better than Riket in the latest common
    year, and how many series improved or worsened between their first and latest year (relative development)."""
    from analysis.comparable import LEVEL_UNITS

    t = TEXT[lang]
    v = data.values[data.values["indicator_id"].isin(ids) & (data.values["value_kind"] == "figure")
                    & (data.values["period_start"] == data.values["period_end"])
                    & ~data.values["unit"].isin(list(LEVEL_UNITS))]
    polarity = data.indicators.set_index("indicator_id")["polarity"]
    own = v[v["region_code"] == data.region_code].set_index(["indicator_id", "breakdown", "period_start"])["value"]
    riket = v[v["region_code"] == "00"].set_index(["indicator_id", "breakdown", "period_start"])["value"]
    both = pd.concat({"own": own[~own.index.duplicated()], "riket": riket[~riket.index.duplicated()]},
                     axis=1).dropna()
    lines = []
    if len(both):
        latest = both.reset_index().sort_values("period_start").groupby(["indicator_id", "breakdown"]).tail(1)
        sign = latest["indicator_id"].map(polarity).fillna(1)
        better = int(((latest["own"] - latest["riket"]) * sign > 0).sum())
        lines.append(t["versus_riket"].format(better=better, n=len(latest)))
    dev = data.development
    if len(dev):
        dev = dev[dev["series_id"].str.split("[").str[0].isin(ids)].sort_values("year")
        ends = dev.dropna(subset=["score"]).groupby("series_id")["score"].agg(["first", "last", "count"])
        ends = ends[ends["count"] >= 2]
        if len(ends):
            lines.append(t["trend_counts"].format(up=int((ends["last"] > ends["first"]).sum()),
                                                  down=int((ends["last"] < ends["first"]).sum()), n=len(ends)))
    return "".join(f"<div class='small'>{_e(line)}</div>" for line in lines)


def _index_line(rows: pd.DataFrame, uncertainty: pd.DataFrame, region_name: str, n_regions: int, lang: str,
                main: bool) -> str:
    """One region's latest index score in a card: score, rank of ``n_regions`` (with its 90 % interval where the
    uncertainty analysis gives one, else saying it has none), group relative to Riket and, on the main line, the
    change since the first edition of the same indicators. The second region (the NUTS2 region) gets one compact
    line."""
    t = TEXT[lang]
    last = rows.sort_values("edition").iloc[-1]
    interval = None
    if last["unit"] == "overall" and len(uncertainty):
        u = uncertainty[(uncertainty["edition"] == last["edition"])
                        & (uncertainty["region_code"] == last["region_code"])]
        if len(u) and pd.notna(u.iloc[0]["rank_p05"]):
            interval = f"{int(u.iloc[0]['rank_p05'])}–{int(u.iloc[0]['rank_p95'])}"
    group = t["group_" + last["group"]] if isinstance(last["group"], str) else t["no_group"]
    rank = (f"{_e(t['rank'])} {int(last['rank'])} {_e(t['of_n'].format(n=n_regions))} "
            f"({_e(t['edition'])} {int(last['edition'])})")
    if not main:
        sure = (f"{_e(t['rank_interval_short'])} {interval}" if interval else _e(t['rank_no_interval_short']))
        return (f"<div class='index-line small'>{_e(region_name)}: <b>{_number(last['score'], lang)} "
                f"{_e(t['points'])}</b> · {rank} · {_e(group)} · {sure}</div>")
    sure = (f"<div class='small'>{_e(t['rank_interval'])}: {interval}</div>" if interval
            else f"<div class='small'>{_e(t['rank_no_interval'])}</div>")
    change = ""
    if pd.notna(last.get("comparable_since")) and int(last["comparable_since"]) < int(last["edition"]):
        change = (f"; {_e(t['change_since'].format(year=int(last['comparable_since'])))}: "
                  f"{_number(last['change_since_comparable'], lang)} {_e(t['points'])}")
    return (f"<div class='index-line'><div class='small'>{_e(region_name)}</div>"
            f"<div class='big'>{_number(last['score'], lang)} {_e(t['points'])}</div>"
            f"<div>{rank} · {_e(group)}</div>{sure}"
            f"<div class='small'>{_number(last['relative_to_riket'], lang, 0)} % {_e(t['relative_to_riket'])}"
            f"{change}</div></div>")


def _key_findings(page: "_Page", data: ReportData, lang: str) -> None:
    """One card for the overall METRIC index and one per dimension: the selected län's latest score among the 21
    län and its NUTS2 region's among the 8 NUTS2 regions, each named, with rank (and its interval), group relative
    to Riket and change; a dimension the index does not score says why; then the map of the 21 län."""
    t = TEXT[lang]
    name_col = "name_sv" if lang == "sv" else "name_en"
    scores = data.index_scores
    if len(scores):
        scores = scores[scores["score"].notna()]
        lan = scores[scores["level"] == "county"]
        nuts2 = scores[scores["level"] == "nuts2"]
    else:
        lan = nuts2 = scores
    cards = []

    def card(title: str, unit: str, anchor: str, extra: str = "", css: str = "card") -> str:
        parts = []
        for rows, code, n in ((lan, data.region_code, 21), (nuts2, data.nuts2_code, 8)):
            mine = rows[(rows["region_code"] == code) & (rows["unit"] == unit)] if len(rows) else rows
            if len(mine):
                parts.append(_index_line(mine, data.index_uncertainty, mine.iloc[0]["region_name"] +
                                         (f" ({t['nuts2_region']})" if n == 8 else ""), n, lang, main=not parts))
        if not parts:
            reason = ""
            if len(data.index_coverage) and unit != "overall":
                cov = data.index_coverage[(data.index_coverage["dimension_id"] == unit)
                                          & (data.index_coverage["level"] == "county")]
                if len(cov) and not cov.iloc[0]["is_scored"]:
                    reason = f"<p class='small'>{_e(t['not_in_index'])}</p>"
            body = reason or f"<p class='small'>{_e(t['no_score' if unit == 'overall' else 'not_in_index'])}</p>"
        else:
            body = "".join(parts)
        return f"<a class='{css}' href='#{anchor}'><h3>{_e(title)}</h3>{body}{extra}</a>"

    cards.append(card(t["overall_index"], "overall", "index", css="card overall"))
    for dim in data.dimensions.itertuples():
        ids = set(data.indicators.loc[data.indicators["dimension_id"] == dim.dimension_id, "indicator_id"])
        own_values = data.values[(data.values["region_code"] == data.region_code)
                                 & (data.values["value_kind"] == "figure")]
        covered = own_values.loc[own_values["indicator_id"].isin(ids), "indicator_id"].nunique()
        coverage = _versus_riket(data, ids, lang) + f"<div class='small'>{covered}/{len(ids)} {_e(t['coverage'])}</div>"
        cards.append(card(getattr(dim, name_col), dim.dimension_id, f"dim-{dim.dimension_id}", coverage))
    page.add(f"<section id='key-findings' aria-labelledby='key-findings-h'><h2 id='key-findings-h'>"
             f"{_e(t['key_findings'])}</h2><div class='cards'>{''.join(cards)}</div>"
             f"<p class='small'>{_e(t['cards_note'])}</p></section>")
    page.add("<span id='index'></span>")
    overall = lan[lan["unit"] == "overall"] if len(lan) else lan
    if data.geo is not None and len(overall):
        year = int(overall["edition"].max())
        shown = lan[(lan["edition"] == year) & (lan["region_code"] != "00")]
        dims = data.dimensions.set_index("dimension_id")[name_col]
        units = [("overall", t["overall_index"])] + [(d, dims[d]) for d in dims.index
                                                     if (shown["unit"] == d).any()]
        order = {u: n for n, (u, _) in enumerate(units)}
        shown = shown[shown["unit"].isin(order)].sort_values(["unit", "rank"], key=lambda c: c.map(order)
                                                             if c.name == "unit" else c)
        table = pd.DataFrame({t["region"]: shown["region_name"], t["dimension"]: shown["unit"].map(dict(units)),
                              t["index_score"]: shown["score"].round(1), t["rank"]: shown["rank"],
                              t["group"]: [t["group_" + g] if isinstance(g, str) else t["no_group"]
                                           for g in shown["group"]]})
        page.chart(F.index_map(lan, data.geo, year, data.region_code, lang, units), table=table)
        page.chart(F.peer_figure(lan, data.region_code, lang))
        page.add(_sensitivity_text(data, year, lang))


def _sensitivity_text(data: ReportData, edition: int, lang: str) -> str:
    """Which assumptions move the län's ranks, in words: only the orderings whose Sobol intervals separate (the
    total index's 95 % intervals do not overlap); the rest are said to be unresolved."""
    t = TEXT[lang]
    sens = data.index_sensitivity
    if not len(sens):
        return ""
    rows = sens[(sens["level"] == "county") & (sens["edition"] == edition)].dropna(subset=["total"])
    if not len(rows):
        return ""
    rows = rows.sort_values("total", ascending=False)
    top = rows.iloc[0]
    surely = [r for r in rows.itertuples() if r.assumption != top["assumption"] and top["total_low"] > r.total_high]
    ranges = "; ".join(f"{L.assumption(r.assumption, lang)} {_number(max(r.total_low, 0), lang, 2)}–"
                       f"{_number(r.total_high, lang, 2)}" for r in rows.itertuples())
    if surely:
        lead = t["sensitivity_lead"].format(top=L.assumption(top["assumption"], lang), others=", ".join(
            L.assumption(r.assumption, lang) for r in surely))
    else:
        lead = t["sensitivity_none"]
    return f"<p class='small'>{_e(t['sensitivity_intro'].format(edition=edition))} {_e(lead)} ({_e(ranges)})</p>"

def _cited(text: str, lang: str) -> str:
    """A citation in the page's language, dataset codes (``demo_r_pjanaggr3``) set as code."""
    return "".join(f"<code>{_e(piece)}</code>" if is_code else _e(piece)
                   for piece, is_code in L.code_spans(L.citation(text, lang)))


def _statements(name: str, rows: pd.DataFrame, lang: str) -> list[str]:
    """An indicator's statements without figures: the Swedish quote (once, however many regions it names), the
    English translation beside it on the English page, the warehouse's note and the citation."""
    t = TEXT[lang]
    out = []
    if not len(rows):
        return out
    parsed = [L.statement(s) for s in rows["statement"]]
    rows = rows.assign(_quote=[p["quote"] for p in parsed], _en=[p["en"] for p in parsed],
                       _note=[p["note_" + lang] for p in parsed])
    for quote, group in rows.groupby("_quote", sort=False):
        first = group.iloc[0]
        period = _period(first)
        regions = ", ".join(dict.fromkeys(group["region_name"]))
        notes = "; ".join(dict.fromkeys(n for n in group["_note"] if n))
        if lang == "en":
            said = (f"“{_e(first['_en'])}” <span class='orig'>{_e(t['original'])}: <q lang='sv'>{_e(quote)}</q></span>"
                    if first["_en"] else f"<q lang='sv'>{_e(quote)}</q> <span class='orig'>({_e(t['untranslated'])})"
                    "</span>")
        else:
            said = f"<q>{_e(quote)}</q>"
        note = f" <span class='orig'>({_e(t['note'])}: {_e(notes)})</span>" if notes else ""
        out.append(f"<p class='statement'><b>{_e(name)}</b> ({_e(regions)}, {_e(period)}): {said}{note} "
                   f"<span class='cite'>{_cited(first['citation'], lang)}</span></p>")
    return out


def _period(row: pd.Series) -> str:
    """A value's period as a reader writes it: ``2021`` or ``2019–2021``."""
    start, end = row["period_start"], row["period_end"]
    return f"{start}" if start == end else f"{start}–{end}"


def _tile(indicator: pd.Series, row: pd.Series, lang: str) -> str:
    """An indicator with a single published value: the number itself, with what it counts, where and when, its
    interval and its source (a chart of one bar would show nothing but the bar)."""
    t = TEXT[lang]
    name = indicator["name_sv"] if lang == "sv" else indicator["name_en"]
    value = F.fmt(row["value"], lang) + (f"–{F.fmt(row['value_high'], lang)}" if pd.notna(row.get("value_high"))
                                          else "")
    prefix = "" if row["qualifier"] in ("exact", "range") else L.qualifier(row["qualifier"], lang) + " "
    unit = L.unit(row["unit"], lang)
    detail = L.breakdown(row["breakdown"], lang)
    period = _period(row)
    interval = ""
    if pd.notna(row.get("ci_low")) and pd.notna(row.get("ci_high")):
        interval = (f"<div class='small'>{_e(t['interval_95'])}: {F.fmt(row['ci_low'], lang)}–"
                    f"{F.fmt(row['ci_high'], lang)} {_e(unit)}</div>")
    elif row["unit"] == "percent" and indicator.get("frequency") == "one_off_survey":
        interval = f"<div class='small'>{_e(t['no_interval'])}</div>"
    return (f"<figure class='tile' role='group' aria-label='{_e(name)}'><figcaption>{_e(name)}</figcaption>"
            f"<div class='big'>{_e(prefix)}{value} {_e(unit)}</div>"
            f"<div>{_e(row['region_name'])}{', ' + _e(detail) if detail else ''}, {_e(period)}</div>{interval}"
            f"<div class='cite'>{_e(t['source'])}: {_cited(row['citation'], lang)}</div></figure>")


def _strengths_table(data: ReportData, names: pd.Series, lang: str) -> str:
    """What improved and worsened most per dimension, in the indicator's own units beside the score: first and
    latest value, their change, and how many years the score rests on (two years give a score of ±1 by
    construction, so they are marked)."""
    t = TEXT[lang]
    dims = data.dimensions.set_index("dimension_id")["name_sv" if lang == "sv" else "name_en"]
    units = data.indicators.set_index("indicator_id")["unit"]
    rows = []
    for r in data.strengths.itertuples():
        unit = L.unit(units.get(r.indicator_id, ""), lang)
        change = r.last_value - r.first_value
        rows.append({
            t["dimension"]: dims.get(r.dimension_id, L.words(r.dimension_id)),
            t["direction"]: t["strengths"] if r.kind == "improving" else t["weaknesses"],
            t["indicators"]: L.series(r.series_id, names, lang),
            t["year"]: f"{r.first_year}–{r.last_year}",
            t["first_last"]: f"{F.fmt(r.first_value, lang)} → {F.fmt(r.last_value, lang)} {unit}",
            t["change_real"]: ("+" if change > 0 else "") + F.fmt(change, lang) + f" {unit}",
            t["change"]: F.localise(f"{r.change_score:+.2f}", lang),
            t["n_points"]: f"{r.n_observations}" + (" †" if r.n_observations <= 2 else ""),
        })
    return _table(pd.DataFrame(rows), lang) + f"<p class='small'>† {_e(t['two_points'])}</p>"


def _anomalies_table(data: ReportData, names_by_id, lang: str) -> str:
    """The values the anomaly check flagged: indicator, region, year, the value and its neighbours, why, and whether
    someone confirmed it (then it is used)."""
    t = TEXT[lang]
    head = "".join(f"<th scope='col'>{_e(t[k])}</th>" for k in
                   ("indicator", "region", "year", "value", "anomaly_neighbours", "anomaly_why", "anomaly_status"))
    rows = []
    for r in data.anomalies.itertuples():
        status = t["anomaly_confirmed"] if r.is_confirmed else t["anomaly_missing"]
        rows.append(f"<tr><td>{_e(L.series(r.series_id, names_by_id, lang))}</td><td>{_e(r.region_name)}</td>"
                    f"<td>{int(r.year)}</td><td>{_number(r.value, lang)}</td>"
                    f"<td>{_number(r.previous_value, lang)} / {_number(r.next_value, lang)}</td>"
                    f"<td>{_e(L.anomaly(r.anomaly, lang))}</td><td>{_e(status)}</td></tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _sources_table(sources: pd.DataFrame, lang: str) -> str:
    """Every source file: publisher, file (as code), how it was obtained, vintage and licence in the page's language
    (the full provenance in English is in raw.source_files and the exports)."""
    t = TEXT[lang]
    head = "".join(f"<th>{_e(t[k])}</th>" for k in ("publisher", "file", "obtained", "vintage", "licence"))
    body = "".join(
        f"<tr><td>{_cited(r.publisher if isinstance(r.publisher, str) else L.words(r.source_id), lang)}</td>"
        f"<td><code>{_e(r.file)}</code></td><td>{_e(L.provenance(r.obtained, lang))}</td>"
        f"<td>{_cited(r.vintage or '', lang)}</td><td>{_cited(r.licence or '', lang)}</td></tr>"
        for r in sources.itertuples())
    return f"<div class='wide'><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def _report_findings(page: "_Page", data: ReportData, lang: str) -> None:
    """The printed METRIC report's own summary, strengths, challenges and recommendations: its statements, quoted
    and cited, each linked to the evidence below."""
    t = TEXT[lang]
    page.add(f"<h3 id='printed-report'>{_e(t['printed_report'])}</h3>")
    if not len(data.findings):
        page.add(f"<p>{_e(t['no_printed_report'])}</p>")
        return
    anchors = {d: f"dim-{d}" for d in data.dimensions["dimension_id"]} | {"clusters": "clusters", "data": "data"}
    names = data.dimensions.set_index("dimension_id")["name_sv" if lang == "sv" else "name_en"]
    blocks = []
    for kind in ("summary", "strength", "challenge", "recommendation"):
        rows = data.findings[data.findings["kind"] == kind].sort_values("position")
        if not len(rows):
            continue
        items = []
        for r in rows.itertuples():
            title = r.title_sv if lang == "sv" else r.title_en
            text = r.text_sv if lang == "sv" else r.text_en
            said = (f"<b>{_e(title)}</b>" if title else "") + (" " if title and text else "") + \
                (f"“{_e(text)}”" if text else "")
            if lang == "en":
                original = ": ".join(x for x in (r.title_sv, r.text_sv) if x)
                said += f" <span class='orig'>{_e(t['original'])}: <q lang='sv'>{_e(original)}</q></span>"
            links = ", ".join(f"<a href='#{anchors[e]}'>{_e(names.get(e, t.get(e, e)))}</a>"
                              for e in r.evidence.split() if e in anchors)
            cite = f"§{r.section}" if r.section[0].isdigit() else r.section
            items.append(f"<li>{said} <span class='cite'>({_e(t['metric_report'])}, {_e(cite)})</span>"
                         + (f" <span class='small'>→ {links}</span>" if links else "") + "</li>")
        blocks.append(f"<div class='findings'><h4>{_e(t['findings_' + kind])}</h4><ul>{''.join(items)}</ul></div>")
    page.add(f"<p class='small'>{_e(t['printed_report_note'])}</p><div class='finding-grid'>{''.join(blocks)}</div>")


def build_report(data: ReportData, lang: str, other_file: str) -> tuple[str, int]:
    """The report as one HTML string, and the number of charts in it."""
    t = TEXT[lang]
    name_col = "name_sv" if lang == "sv" else "name_en"
    page = _Page(lang)
    names_by_id = data.indicators.set_index("indicator_id")[name_col]
    n_ind = len(data.indicators)
    page.add(f"<header><h1>{_e(t['title'].format(region=data.region_name))}</h1>"
             f"<p>{_e(t['subtitle'].format(n_ind=n_ind))}</p>"
             f"<p>{_e(t['generated'])}: {_e(data.generated_at)} · "
             f'<a href="{_e(other_file)}">{_e(t["other"])}</a></p></header><main>')
    synthetic = "is_synthetic" in data.values and data.values["is_synthetic"].fillna(False).astype(bool).any()
    if synthetic:
        page.add(f"<p class='note'>{_e(t['synthetic_note'])}</p>")
    _key_findings(page, data, lang)
    _report_findings(page, data, lang)
    page.add(f"<h2>{_e(t['reading'])}</h2><p>{_e(t['intro'])}</p>"
             f"<p class='note'>{_e(t['synthetic_note' if synthetic else 'honesty'])}</p>"
             f"<p class='note'>{_e(t['survey_note'])}</p>")

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
            figures = values[values["value_kind"] == "figure"]
            if len(figures) == 1:
                page.add(_tile(ind, figures.iloc[0], lang))
            elif len(figures):
                if ind["frequency"] == "one_off_survey":
                    page.chart(F.survey_figure(ind, values, lang))
                else:
                    page.chart(F.time_series_figure(ind, values, lang, data.region_code))
            statements += _statements(ind[name_col], values[values["value_kind"] == "qualitative"], lang)
        if statements:
            page.add(f"<h3>{_e(t['statements_heading'])}</h3>" + "".join(statements))

    # relative development
    page.add(f'<h2 id="development">{_e(t["development"])}</h2><p>{_e(t["development_text"])}</p>')
    if len(data.development):
        page.chart(F.development_heatmap(data.development, lang, names_by_id))

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
             + _e(t["pca_text"].format(cut=_number(threshold, lang), pc1=_number(pc1, lang),
                                       kept=int(selection["kept"].sum()), total=len(selection), window=window,
                                       imputed=_number(imputed, lang, 0))) + "</p>")
    pc1_row = final[final["component"] == "PC1"]
    if len(pc1_row) and "p_parallel" in pc1_row:
        row = pc1_row.iloc[0]
        key = "noise_yes" if bool(row["distinguishable_from_noise"]) else "noise_no"
        def p_text(p, low, high) -> str:  # a p-value with its Monte-Carlo interval
            if pd.isna(low) or pd.isna(high):
                return _number(float(p), lang, 3)
            return (f"{_number(float(p), lang, 3)} ({t['mc_interval']} {_number(float(low), lang, 3)}–"
                    f"{_number(float(high), lang, 3)})")

        page.add("<p>" + _e(t[key].format(
            p_par=p_text(row["p_parallel"], row.get("p_parallel_low"), row.get("p_parallel_high")),
            p_rw=p_text(row["p_random_walk"], row.get("p_random_walk_low"), row.get("p_random_walk_high")),
            rw=_number(float(row["null_random_walk_q95"]), lang))) + "</p>")
    if len(final):
        page.chart(F.scree_figure(data.eigenvalues, lang))
        page.chart(F.correlation_circle(data.variables, data.eigenvalues, lang, names_by_id))
        page.chart(F.trajectory_figure(data.trajectory, lang))

    # clusters, strengths and weaknesses
    def _num(x) -> str:
        return "–" if x is None or pd.isna(x) else F.localise(f"{x:+.2f}", lang)

    members = {}
    if len(data.clusters):
        first = data.clusters.drop_duplicates("cluster").set_index("cluster")
        for cluster in ("research_knowledge", "market_digital"):
            ids = str(first["members"].get(cluster, "") or "").split(", ")
            members[cluster] = ", ".join(L.series(i, names_by_id, lang) for i in ids if i) or "–"
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
        page.add(f"<p>{_e(t['strengths_text'])}</p>")
        page.add(_strengths_table(data, names_by_id, lang))

    # data and quality
    page.add(f'<h2 id="data">{_e(t["data"])}</h2><h3>{_e(t["sources"])}</h3>')
    page.add(_sources_table(data.sources, lang))
    page.add(f"<h3>{_e(t['checks'])}</h3>")
    if data.checks:
        total = data.checks["passed"] + data.checks["failed"]
        page.add("<p>" + _e(t["checks_text"].format(passed=data.checks["passed"], total=total,
                                                     failed=data.checks["failed"])) + "</p>")
        if data.checks["failed_names"]:
            page.add("<ul>" + "".join(f"<li>{_e(L.check(n, lang))}</li>" for n in data.checks["failed_names"])
                     + "</ul>")
    else:
        page.add(f"<p>{_e(t['checks_none'])}</p>")
    if len(data.anomalies):
        page.add(f"<h3>{_e(t['anomalies'])}</h3><p>{_e(t['anomalies_text'])}</p>")
        page.add(_anomalies_table(data, names_by_id, lang))
    n_all = len(data.matrix)
    n_imp = int(data.matrix["is_imputed"].sum()) if n_all else 0
    page.add("<p>" + _e(t["imputed_share"].format(share=_number(100 * n_imp / n_all if n_all else 0, lang, 0),
                                                  n_imp=n_imp, n_all=n_all)) + "</p>")
    page.add(f"<p class='note'>{_e(t['synthetic_note' if synthetic else 'honesty'])}</p></main>")

    head = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(t['title'].format(region=data.region_name))}</title>"
            f"<style>{_CSS}</style><script>{get_plotlyjs()}</script></head><body>")
    return head + "".join(page.parts) + _LAZY_CHARTS + "</body></html>", page.n_charts
