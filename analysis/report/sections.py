"""One section per dimension: each indicator with its definition, the year of its latest value (flagged when it is
old), its values over time or its survey answers, every region ranked on it, and its statements."""

from __future__ import annotations

import pandas as pd

from analysis.report import figures as F
from analysis.report import index_figures as IF
from analysis.report import labels as L
from analysis.report.data import ReportData
from analysis.report.html import cited, e, period, with_codes
from analysis.report.numbers import fmt, interval
from analysis.report.texts import TEXT

OLD_AFTER_YEARS = 3  # a latest value more than this many years before the newest data in the warehouse is old


def values_table(values: pd.DataFrame, indicator: pd.Series, lang: str) -> pd.DataFrame:
    """An indicator chart's data: one row per published value, in the indicator's unit, with its qualifier and,
    for survey figures, its interval and number of respondents."""
    t = TEXT[lang]
    figures = values[values["value_kind"] == "figure"]
    unit = L.unit(indicator["unit"], lang)
    table = pd.DataFrame({
        t["region"]: [L.region(n, lang) for n in figures["region_name"]],
        t["series"]: [L.breakdown(b, lang) or "–" for b in figures["breakdown"]],
        t["period"].capitalize(): [period(r) for _, r in figures.iterrows()],
        f"{t['value']} ({unit})": [fmt(v, lang) + (f"–{fmt(h, lang)}" if pd.notna(h) else "")
                                   for v, h in zip(figures["value"], figures["value_high"])],
        t["qualifier"]: [L.qualifier(q, lang) for q in figures["qualifier"]],
    })
    if "ci_low" in figures and figures["ci_low"].notna().any():
        table[t["interval_95"]] = [interval(lo, hi, v, lang) if pd.notna(lo) else "–"
                                   for lo, hi, v in zip(figures["ci_low"], figures["ci_high"], figures["value"])]
        table["n"] = [str(int(n)) if pd.notna(n) else "–" for n in figures["n_respondents"]]
    return table


def values_download(values: pd.DataFrame, indicator: pd.Series, lang: str) -> pd.DataFrame:
    """The same published values for a spreadsheet: unrounded, the period's first and last year, a range's upper
    bound, a survey figure's interval bounds and respondents each in a column of their own, and the unit."""
    t = TEXT[lang]
    figures = values[values["value_kind"] == "figure"]
    table = pd.DataFrame({
        t["region"]: [L.region(n, lang) for n in figures["region_name"]],
        t["series"]: [L.breakdown(b, lang) or "" for b in figures["breakdown"]],
        t["csv_from_year"]: figures["period_start"].astype(int).to_numpy(),
        t["csv_to_year"]: figures["period_end"].astype(int).to_numpy(),
        t["value"]: figures["value"].to_numpy(),
    })
    if figures["value_high"].notna().any():
        table[t["csv_upper"]] = figures["value_high"].to_numpy()
    table[t["qualifier"]] = [L.qualifier(q, lang) for q in figures["qualifier"]]
    if "ci_low" in figures and figures["ci_low"].notna().any():
        table[t["csv_ci_low"]] = figures["ci_low"].to_numpy()
        table[t["csv_ci_high"]] = figures["ci_high"].to_numpy()
        table["n"] = figures["n_respondents"].to_numpy()
    table[t["unit"]] = L.unit(indicator["unit"], lang)
    return table


def _sources(values: pd.DataFrame, lang: str) -> str:
    citations = list(dict.fromkeys(values.loc[values["value_kind"] == "figure", "citation"].dropna()))
    return "; ".join(cited(c, lang) for c in citations[:3]) + (" …" if len(citations) > 3 else "")


def _latest(values: pd.DataFrame, newest: int, lang: str) -> str:
    """The year of the latest published value, flagged when it is more than OLD_AFTER_YEARS older than the newest
    data in the warehouse."""
    t = TEXT[lang]
    figures = values[values["value_kind"] == "figure"]
    if not len(figures):
        return ""
    latest = int(figures["period_end"].max())
    if newest - latest > OLD_AFTER_YEARS:
        return (f"<p class='latest old'>{e(t['latest_old'].format(year=latest, newest=newest, limit=OLD_AFTER_YEARS))}"
                "</p>")
    return f"<p class='latest'>{e(t['latest'].format(year=latest))}</p>"


def _shown(figures: pd.DataFrame, lang: str) -> str:
    """What a chart shows, in its caption: the regions and the years."""
    t = TEXT[lang]
    first, last = int(figures["period_start"].min()), int(figures["period_end"].max())
    regions = ", ".join(dict.fromkeys(L.region(n, lang) for n in figures["region_name"]))
    return t["chart_shows"].format(regions=regions, years=str(first) if first == last else f"{first}–{last}")


def tile(indicator: pd.Series, row: pd.Series, lang: str) -> str:
    """An indicator with a single published value: the number itself, headed by the answer it counts (a survey
    share "Inga: över 40 %" is the share answering "none"), where and when, its interval and its source."""
    t = TEXT[lang]
    name = indicator["name_sv"] if lang == "sv" else indicator["name_en"]
    value = fmt(row["value"], lang) + (f"–{fmt(row['value_high'], lang)}" if pd.notna(row.get("value_high")) else "")
    prefix = "" if row["qualifier"] in ("exact", "range") else L.qualifier(row["qualifier"], lang) + " "
    unit = L.unit_after_number(row["unit"], lang)
    parts = dict(L.parse_breakdown(row["breakdown"]))
    answer = f"{L.answer(parts['answer'], lang)}: " if "answer" in parts else ""
    detail = L.breakdown(row["breakdown"], lang, skip=("answer",))
    sure = ""
    if pd.notna(row.get("ci_low")) and pd.notna(row.get("ci_high")):
        sure = (f"<div class='small'>{e(t['interval_95'])}: {interval(row['ci_low'], row['ci_high'], row['value'], lang)}"
                f"{(' ' + e(unit)) if unit else ''}</div>")
    elif row["unit"] == "percent" and indicator.get("frequency") == "one_off_survey":
        sure = f"<div class='small'>{e(t['no_interval'])}</div>"
    marked = f" data-answer='{e(L.answer(parts['answer'], lang))}'" if "answer" in parts else ""
    return (f"<figure class='tile'{marked}><figcaption>{e(name)}</figcaption>"
            f"<div class='big'>{e(answer)}{e(prefix)}{value}{(' ' + e(unit)) if unit else ''}</div>"
            f"<div>{e(L.region(row['region_name'], lang))}{', ' + e(detail) if detail else ''}, {e(period(row))}</div>"
            f"{sure}<div class='cite'>{e(t['source'])}: {cited(row['citation'], lang)}</div></figure>")


def band(rank: int, n: int) -> str:
    """Kolada's bands of a ranking: the best quarter (rank at most n/4), the worst quarter (rank above 3n/4), the
    middle half between."""
    return "top" if rank <= n / 4 else "bottom" if rank > 3 * n / 4 else "middle"


def ranked_views(page, data: ReportData, indicator: pd.Series, lang: str) -> None:
    """Every län (or, for an indicator published only for NUTS2, every NUTS2 region) ranked on the indicator in
    its latest year with a rank, per breakdown: levels are left out (their per-inhabitant twin is ranked)."""
    t = TEXT[lang]
    if indicator["unit"] in F.LEVEL_UNITS or not len(data.comparison):
        return
    c = data.comparison[(data.comparison["indicator_id"] == indicator["indicator_id"]) & data.comparison["rank"].notna()]
    for level, selected, peers in (("county", data.region_code, data.peers), ("nuts2", data.nuts2_code, [])):
        part = c[c["region_level"] == level]
        if not len(part) or (level == "nuts2" and (c["region_level"] == "county").any()):
            continue
        for breakdown, rows in part.groupby("breakdown", sort=True):
            latest = rows[rows["year"] == rows["year"].max()]
            bands = [band(int(r), len(latest)) for r in latest["rank"]]
            table = pd.DataFrame({t["rank"].capitalize(): latest["rank"].astype(int),
                                  t["region"]: [L.region(n, lang) for n in latest["region_name"]],
                                  f"{t['value']} ({L.unit(indicator['unit'], lang)})": latest["value"],
                                  t["riket"]: latest["riket_value"],
                                  t["band"]: [t["band_" + b] for b in bands],
                                  "_band": bands}).sort_values(t["rank"].capitalize())
            classes = ["band-" + b for b in table.pop("_band")]
            download = table.assign(**{t["year"]: int(latest["year"].iloc[0]),
                                       t["unit"]: L.unit(indicator["unit"], lang)})
            page.chart(IF.ranked_figure(latest, indicator, lang, selected, peers), table=table, download=download,
                       row_classes=classes,
                       source=cited(latest["citation"].iloc[0], lang), source_is_html=True,
                       caption_note=t["ranked_note_" + level])


def statements(name: str, rows: pd.DataFrame, lang: str) -> list[str]:
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
        regions = ", ".join(dict.fromkeys(L.region(n, lang) for n in group["region_name"]))
        notes = "; ".join(dict.fromkeys(n for n in group["_note"] if n))
        if lang == "en":
            said = (f"“{e(first['_en'])}” <span class='orig'>{e(t['original'])}: <q lang='sv'>{e(quote)}</q></span>"
                    if first["_en"] else f"<q lang='sv'>{e(quote)}</q> <span class='orig'>({e(t['untranslated'])})"
                    "</span>")
        else:
            said = f"<q>{e(quote)}</q>"
        note = f" <span class='orig'>({e(t['note'])}: {e(notes)})</span>" if notes else ""
        out.append(f"<p class='statement'><b>{e(name)}</b> ({e(regions)}, {e(period(first))}): {said}{note} "
                   f"<span class='cite'>{cited(first['citation'], lang)}</span></p>")
    return out


def dimension_sections(page, data: ReportData, lang: str) -> None:
    t = TEXT[lang]
    name_col = "name_sv" if lang == "sv" else "name_en"
    definition_col = "definition_sv" if lang == "sv" and "definition_sv" in data.indicators else "definition"
    figures_all = data.values[data.values["value_kind"] == "figure"]
    newest = int(figures_all["period_end"].max()) if len(figures_all) else 0
    for dim in data.dimensions.itertuples():
        page.add(f'<section id="dim-{dim.dimension_id}" aria-labelledby="dim-{dim.dimension_id}-h">'
                 f'<h2 id="dim-{dim.dimension_id}-h">{e(getattr(dim, name_col))}</h2>')
        indicators = data.indicators[data.indicators["dimension_id"] == dim.dimension_id]
        quotes = []
        for ind in indicators.itertuples(index=False):
            ind = pd.Series(ind._asdict())
            values = data.values[data.values["indicator_id"] == ind["indicator_id"]]
            figures = values[values["value_kind"] == "figure"]
            quotes += statements(ind[name_col], values[values["value_kind"] == "qualitative"], lang)
            if not len(figures):
                continue
            polarity = {1: t["polarity_pos"], -1: t["polarity_neg"]}.get(int(ind["polarity"]), t["polarity_none"])
            page.add(f"<article class='indicator' id='ind-{e(ind['indicator_id'])}'><h3>{e(ind[name_col])}</h3>"
                     f"<p class='definition'>{with_codes(ind[definition_col])} <span class='small'>({e(polarity)}; "
                     f"{e(L.unit(ind['unit'], lang))})</span></p>{_latest(values, newest, lang)}")
            if len(figures) == 1:
                page.add(tile(ind, figures.iloc[0], lang))
            elif ind["frequency"] == "one_off_survey":
                fig = F.survey_figure(ind, values, lang)
                page.chart(fig, table=values_table(values, ind, lang), source=_sources(values, lang),
                           download=values_download(values, ind, lang),
                           source_is_html=True, notes=fig.layout.meta.get("notes", []),
                           caption_note=_shown(figures, lang))
            else:
                page.chart(F.time_series_figure(ind, values, lang, (data.region_code, data.nuts2_code),
                                                 data.anomalies),
                           table=values_table(values, ind, lang), source=_sources(values, lang),
                           download=values_download(values, ind, lang),
                           source_is_html=True, caption_note=_shown(figures, lang))
            ranked_views(page, data, ind, lang)
            page.add("</article>")
        if quotes:
            page.add(f"<h3>{e(t['statements_heading'])}</h3>" + "".join(quotes))
        page.add("</section>")
