"""The report's first screen: how the län does in one stated edition of the METRIC index, overall and on each of
METRIC's eleven dimensions, against Riket, its similar län and every län, with how sure each rank is; the
performance groups defined beside them; the map (its own dimension and edition controls) and the index over the
editions."""

from __future__ import annotations

import json

import pandas as pd

from analysis.report import index_figures as IF
from analysis.report import labels as L
from analysis.report.data import ReportData
from analysis.report.figures import LEVEL_UNITS
from analysis.report.html import e, table
from analysis.report.index_words import against_text, basis_text, rank_text
from analysis.report.numbers import fmt, signed
from analysis.report.texts import TEXT

AGAINST_RIKET = ("clearly_above", "near", "clearly_below")


def headline_edition(data: ReportData) -> int | None:
    """The edition every card, the profile and the map open on: the latest in which the selected län has an overall
    score in the edition's own year (so Riket has one too: every edition scores Riket)."""
    s = data.index_scores
    if not len(s):
        return None
    own = s[(s["level"] == "county") & (s["unit"] == "overall") & (s["region_code"] == data.region_code)
            & s["is_edition_year"] & s["score"].notna()]
    return int(own["edition"].max()) if len(own) else None


def _max_lag(data: ReportData) -> int:
    """The oldest an edition's values may be, in years, as the index was computed (its recorded settings)."""
    return int(data.index_settings["index"]["max_lag"])


def _row(data: ReportData, level: str, edition: int, region: str, unit: str, year: int | None = None):
    """A region's score row in an edition's own year (or, with ``year``, in that year of its comparable series)."""
    s = data.index_scores
    rows = s[(s["level"] == level) & (s["edition"] == edition) & (s["year"] == (year or edition))
             & (s["region_code"] == region) & (s["unit"] == unit)]
    return rows.iloc[0] if len(rows) and pd.notna(rows.iloc[0]["score"]) else None


def _nuts2_row(data: ReportData, edition: int, unit: str):
    """The selected län's NUTS2 region in the edition, or in its latest edition before it (the NUTS2 index's
    editions can end earlier: its indicators are published with a longer delay)."""
    if not data.nuts2_code:
        return None
    s = data.index_scores
    own = s[(s["level"] == "nuts2") & (s["region_code"] == data.nuts2_code) & (s["unit"] == "overall")
            & s["is_edition_year"] & s["score"].notna() & (s["edition"] <= edition)]
    if not len(own):
        return None
    return _row(data, "nuts2", int(own["edition"].max()), data.nuts2_code, unit)


def _score_line(row, n: int, lang: str) -> str:
    """Score, rank of n with its interval, and the region against Riket, in words."""
    t = TEXT[lang]
    return f"{fmt(row['score'], lang, 1)} {t['points']} · {rank_text(row, n, lang)} · {against_text(row, lang)}"


def _tier_text(data: ReportData, row, lang: str) -> str:
    t = TEXT[lang]
    if pd.isna(row.get("tier")):
        return ""
    s = data.index_scores
    same = s[(s["level"] == row["level"]) & (s["edition"] == row["edition"]) & (s["year"] == row["year"])
             & (s["unit"] == row["unit"])]
    return t["tier_line"].format(tier=int(row["tier"]), n=int(same["tier"].max()))


def _change_line(row, lang: str) -> str:
    """The change along the edition's comparable series (the same indicators in every year)."""
    t = TEXT[lang]
    if pd.notna(row.get("first_year")) and int(row["first_year"]) < int(row["year"]):
        return t["change_since"].format(change=signed(row["change_since_first_year"], lang, 1),
                                        year=int(row["first_year"]))
    return t["no_change_yet"]


def overall_card(data: ReportData, edition: int, lang: str) -> str:
    """The overall index of the län (of 21) and of its NUTS2 region (of 8), each named, in one edition."""
    t = TEXT[lang]
    lan = _row(data, "county", edition, data.region_code, "overall")
    lines = []
    if lan is not None:
        lines.append(f"<div class='small'>{e(L.region(data.region_name, lang))}</div>"
                     f"<div class='big'>{fmt(lan['score'], lang, 1)} {e(t['points'])}</div>"
                     f"<div>{e(rank_text(lan, 21, lang))}</div>"
                     f"<div>{e(against_text(lan, lang))}</div>"
                     f"<div class='small'>{e(_tier_text(data, lan, lang))}</div>"
                     f"<div class='small'>{e(_change_line(lan, lang))}</div>")
    nuts2 = _nuts2_row(data, edition, "overall")
    if nuts2 is not None:
        note = "" if int(nuts2["edition"]) == edition else f", {t['edition']} {int(nuts2['edition'])}"
        lines.append(f"<div class='index-line small'><b>{e(nuts2['region_name'])}</b> "
                     f"({e(t['nuts2_region'])}{e(note)}): {e(_score_line(nuts2, 8, lang))}</div>")
    elif data.nuts2_code:
        lines.append(f"<div class='index-line small'>{e(t['nuts2_no_score'].format(edition=edition))}</div>")
    return (f"<div class='card overall'><h3>{e(t['overall_index'])}, {e(t['edition'])} {edition}</h3>"
            + "".join(lines) + "</div>")


def against_legend(lang: str) -> str:
    """How to read "against Riket" and the tiers: the ratio scale and its interval, not another index's groups."""
    t = TEXT[lang]
    items = "".join(f"<div><dt>{e(t['against_name_' + k])}</dt><dd>{e(t['against_define_' + k])}</dd></div>"
                    for k in AGAINST_RIKET)
    return (f"<div class='card legend'><h3>{e(t['against_heading'])}</h3><dl class='groups'>{items}</dl>"
            f"<p class='small'>{e(t['against_note'])}</p></div>")


def versus_riket(data: ReportData, ids: set[str], lang: str) -> str:
    """How the län's own series compare with Riket in one dimension: in how many comparable series (same year, not
    a level) it is better than Riket in the latest year both have, and that the count carries no uncertainty."""
    t = TEXT[lang]
    v = data.values[data.values["indicator_id"].isin(ids) & (data.values["value_kind"] == "figure")
                    & (data.values["period_start"] == data.values["period_end"])
                    & ~data.values["unit"].isin(list(LEVEL_UNITS)) & (data.values["qualifier"] == "exact")]
    polarity = data.indicators.set_index("indicator_id")["polarity"]
    own = v[v["region_code"] == data.region_code].set_index(["indicator_id", "breakdown", "period_start"])["value"]
    riket = v[v["region_code"] == "00"].set_index(["indicator_id", "breakdown", "period_start"])["value"]
    both = pd.concat({"own": own[~own.index.duplicated()], "riket": riket[~riket.index.duplicated()]},
                     axis=1).dropna()
    if not len(both):
        return t["versus_riket_none"]
    latest = both.reset_index().sort_values("period_start").groupby(["indicator_id", "breakdown"]).tail(1)
    sign = latest["indicator_id"].map(polarity).fillna(1)
    better = int(((latest["own"] - latest["riket"]) * sign > 0).sum())
    years = f"{int(latest['period_start'].min())}–{int(latest['period_start'].max())}" \
        if latest["period_start"].nunique() > 1 else f"{int(latest['period_start'].iloc[0])}"
    return t["versus_riket"].format(better=better, n=len(latest), years=years)


def _dimension_names(data: ReportData, lang: str) -> pd.Series:
    dims = data.dimensions[data.dimensions["dimension_id"] != "general"]
    return dims.set_index("dimension_id")["name_sv" if lang == "sv" else "name_en"]


def profile_rows(data: ReportData, edition: int, lang: str) -> pd.DataFrame:
    """The profile chart's rows: for the overall index and each of the eleven dimensions, every län's score in the
    edition with its role (selected, peer, other) and Riket's."""
    t = TEXT[lang]
    s = data.index_scores
    s = s[(s["level"] == "county") & (s["edition"] == edition) & (s["year"] == edition)]
    rows = []
    for unit, label in [("overall", t["overall_short"]), *_dimension_names(data, lang).items()]:
        part = s[s["unit"] == unit]
        if not len(part):
            rows.append({"label": label, "region_code": "", "region_name": "", "score": float("nan"),
                         "role": "other"})
            continue
        for r in part.itertuples():
            role = ("riket" if r.region_code == "00" else "selected" if r.region_code == data.region_code
                    else "peer" if r.region_code in data.peers else "other")
            rows.append({"label": label, "region_code": r.region_code, "region_name": r.region_name,
                         "score": r.score, "role": role})
    return pd.DataFrame(rows)


def _not_judged(data: ReportData, dimension_id: str, edition: int, lang: str) -> str:
    """Why a dimension has no län score in the edition: never scored (no indicator for every län), its indicators
    stopped (the last edition it was scored in, with the län's rank there and its interval), or this edition's
    indicators lack the content the dimension needs."""
    t = TEXT[lang]
    cov = data.index_coverage
    cov = cov[(cov["level"] == "county") & (cov["dimension_id"] == dimension_id)] if len(cov) else cov
    if len(cov) and bool(cov.iloc[0]["is_scored"]):
        s = data.index_scores
        own = s[(s["level"] == "county") & (s["unit"] == dimension_id) & (s["region_code"] == data.region_code)
                & s["score"].notna() & s["is_edition_year"] & (s["edition"] < edition)]
        if len(own):
            last = own.sort_values("edition").iloc[-1]
            first, _, latest = str(cov.iloc[0]["data_years"] or "").partition("-")
            return t["not_judged_stopped"].format(edition=edition, last=int(last["edition"]),
                                                  rank=rank_text(last, 21, lang), years=latest or first)
    return t["not_judged_never"]


def _peer_rank(data: ReportData, edition: int, unit: str) -> tuple[int, int] | None:
    """The län's rank among itself and its similar län on ``unit`` in the edition."""
    s = data.index_scores
    group = s[(s["level"] == "county") & (s["edition"] == edition) & (s["year"] == edition) & (s["unit"] == unit)
              & s["score"].notna() & s["region_code"].isin([data.region_code, *data.peers])]
    if data.region_code not in set(group["region_code"]) or len(group) < 2:
        return None
    rank = int((group["score"] > group.loc[group["region_code"] == data.region_code, "score"].iloc[0]).sum()) + 1
    return rank, len(group)


def profile_table(data: ReportData, edition: int, lang: str) -> tuple[str, list[str]]:
    """One row per dimension (the overall index first): the län's score and rank of 21 with its interval, against
    Riket, among its similar län, its NUTS2 region's score of 8, and the län's own series against Riket. Returns the
    table and the dimensions the data cannot judge."""
    t = TEXT[lang]
    rows, unjudged = [], []
    for unit, name in [("overall", t["overall_short"]), *_dimension_names(data, lang).items()]:
        lan = _row(data, "county", edition, data.region_code, unit)
        nuts2 = _nuts2_row(data, edition, unit)
        if lan is not None:
            score = f"{fmt(lan['score'], lang, 1)} · {rank_text(lan, 21, lang)}"
            relative = against_text(lan, lang)
            peer = _peer_rank(data, edition, unit)
            peers = t["peer_rank"].format(rank=peer[0], n=peer[1]) if peer else "–"
        else:
            score = _not_judged(data, unit, edition, lang) if unit != "overall" else t["no_score"]
            relative = peers = "–"
        n2 = (f"{fmt(nuts2['score'], lang, 1)} · {rank_text(nuts2, 8, lang)}"
              + ("" if int(nuts2["edition"]) == edition else f" ({t['edition']} {int(nuts2['edition'])})")
              if nuts2 is not None else "–")
        if unit == "overall":
            own = "–"
        else:
            ids = set(data.indicators.loc[data.indicators["dimension_id"] == unit, "indicator_id"])
            own = versus_riket(data, ids, lang)
        if lan is None and nuts2 is None and unit != "overall":
            unjudged.append(name)
        rows.append({t["dimension"]: name, t["profile_score"]: score, t["profile_riket"]: relative,
                     t["profile_peers"]: peers, t["profile_nuts2"].format(region=data.nuts2_name or "NUTS2"): n2,
                     t["profile_own"]: own})
    frame = pd.DataFrame(rows)
    html = table(frame, lang, caption=t["profile_caption"].format(edition=edition), css="profile")
    for unit, name in _dimension_names(data, lang).items():  # each dimension's name leads to its section
        html = html.replace(f"<tr><td>{e(name)}</td>", f"<tr><td><a href='#dim-{e(unit)}'>{e(name)}</a></td>", 1)
    return html, unjudged


def key_findings(page, data: ReportData, lang: str) -> None:
    """The first screen: the edition, the overall card beside the group legend, the profile (chart and table), what
    the data cannot judge, then the map and the index over the editions."""
    t = TEXT[lang]
    edition = headline_edition(data)
    if edition is None:
        page.add(f"<section id='key-findings' aria-labelledby='key-findings-h'><h2 id='key-findings-h'>"
                 f"{e(t['key_findings'])}</h2><p>{e(t['no_index'])}</p></section>")
        return
    peers = ", ".join(L.region(n, lang) for n in data.peer_names) or "–"
    page.add(f"<section id='key-findings' aria-labelledby='key-findings-h'><h2 id='key-findings-h'>"
             f"{e(t['key_findings_edition'].format(edition=edition))}</h2>"
             f"<p class='lead'>{e(t['edition_explained'].format(edition=edition, lag=_max_lag(data)))}</p>"
             f"<p class='basis'>{e(basis_text(data, 'county', edition, lang))}</p>"
             f"<div class='cards'>{overall_card(data, edition, lang)}{against_legend(lang)}"
             f"<div class='card'><h3>{e(t['similar_heading'])}</h3><p class='small'>{e(peers)}</p>"
             f"<p class='small'>{e(t['similar_note'])} <a href='#similar'>{e(t['similar_more'])}</a></p></div>"
             f"</div>")
    profile = profile_rows(data, edition, lang)
    page.chart(IF.profile_figure(profile, lang), table=_profile_data(profile, lang),
               caption_note=t["profile_chart_note"].format(edition=edition))
    profile_html, unjudged = profile_table(data, edition, lang)
    page.add(f"<div class='wide'>{profile_html}</div>")
    if unjudged:
        page.add(f"<p class='note'>{e(t['cannot_judge'].format(dimensions=', '.join(unjudged)))}</p>")
    nuts2 = _nuts2_row(data, edition, "overall")
    nuts2_basis = basis_text(data, "nuts2", int(nuts2["edition"]), lang) if nuts2 is not None else ""
    page.add(f"<p class='small'>{e(t['cards_note'])}</p>"
             + (f"<p class='small'>{e(nuts2_basis)}</p>" if nuts2_basis else "")
             + f"<p><button type='button' class='print-profile'>{e(t['print_profile'])}</button></p></section>")
    index_map_section(page, data, edition, lang)


def _profile_data(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    t = TEXT[lang]
    roles = {"selected": t["selected_region"], "peer": t["similar_lan"], "other": t["other_lan"],
             "riket": t["riket"]}
    shown = profile[profile["score"].notna()]
    return pd.DataFrame({t["dimension"]: shown["label"], t["region"]: [L.region(n, lang) for n in shown["region_name"]],
                         t["role"]: shown["role"].map(roles), t["index_score"]: shown["score"].round(1)})


def index_map_section(page, data: ReportData, edition: int, lang: str) -> None:
    """The map of the 21 län with its own controls (a real select for the dimension and one for the edition, both
    reachable by keyboard), opening on the cards' edition and the overall index, each edition's own scores; then the
    latest edition's comparable series (the same indicators in every year), the editions' indicator sets and what
    moves the ranks."""
    t = TEXT[lang]
    s = data.index_scores
    lan = s[(s["level"] == "county") & s["score"].notna()] if len(s) else s
    own = lan[lan["is_edition_year"]] if len(lan) else lan
    if data.geo is None or not len(own):
        return
    names = _dimension_names(data, lang)
    units = [("overall", t["overall_index"])] + [(d, names[d]) for d in names.index if (own["unit"] == d).any()]
    editions = sorted(int(x) for x in own.loc[own["unit"] == "overall", "edition"].unique())
    codes = IF.map_codes(data.geo)
    # what the controls repaint: per unit and edition, each polygon's score, rank, the rank with its interval in
    # words, its place against Riket and its tier (compact)
    paint = {}
    for unit, _ in units:
        for ed in editions:
            part = own[(own["unit"] == unit) & (own["edition"] == ed)].set_index("region_code")
            if len(part):
                paint[f"{unit}:{ed}"] = [[round(float(part.loc[c, "score"]), 1), int(part.loc[c, "rank"]),
                                          rank_text(part.loc[c], 21, lang), against_text(part.loc[c], lang),
                                          None if pd.isna(part.loc[c, "tier"]) else int(part.loc[c, "tier"])]
                                         if c in part.index else None for c in codes]
    region_names = {r.region_code: L.region(r.region_name, lang) for r in own.drop_duplicates("region_code").itertuples()}
    settings = {"paint": paint, "names": [region_names.get(c, c) for c in codes], "viridis": list(IF.VIRIDIS),
                "hash": "map", "words": {"points": t["points"], "no_score": t["no_score"], "title": t["map_title"]},
                "units": dict(units)}
    title = t["map_title"].format(year=edition, what=units[0][1])
    options = "".join(f"<option value='{e(u)}'>{e(n)}</option>" for u, n in units)
    years = "".join(f"<option value='{y}'{' selected' if y == edition else ''}>{y}</option>" for y in editions)
    page.add(f"<section id='map' aria-labelledby='map-h'><h2 id='map-h'>{e(t['map_heading'])}</h2>"
             f"<div class='controls'><label>{e(t['map_dimension'])} <select id='map-unit'>{options}</select></label>"
             f"<label>{e(t['edition'].capitalize())} <select id='map-edition'>{years}</select></label></div>"
             f"<script type='application/json' class='map-settings' data-unit='map-unit' data-edition='map-edition' "
             f"data-figure='index-map'>{json.dumps(settings, ensure_ascii=False)}</script>")
    rows = own[(own["edition"] == edition) & (own["unit"] == "overall") & (own["region_code"] != "00")]
    rows = rows.sort_values("rank")
    data_table = pd.DataFrame({t["region"]: [L.region(n, lang) for n in rows["region_name"]],
                               t["index_score"]: rows["score"].round(1),
                               t["rank"].capitalize(): [rank_text(r, 21, lang) for _, r in rows.iterrows()],
                               t["tier"]: rows["tier"].astype("Int64"),
                               t["profile_riket"]: [against_text(r, lang) for _, r in rows.iterrows()]})
    download = pd.DataFrame({t["region"]: data_table[t["region"]], t["index_score"]: rows["score"].to_numpy(),
                             t["rank"].capitalize(): rows["rank"].to_numpy(),
                             t["csv_rank_low"]: rows["rank_low"].to_numpy(),
                             t["csv_rank_high"]: rows["rank_high"].to_numpy(), t["tier"]: rows["tier"].to_numpy(),
                             t["csv_relative"]: rows["relative_to_reference"].to_numpy(),
                             t["csv_relative_low"]: rows["relative_low"].to_numpy(),
                             t["csv_relative_high"]: rows["relative_high"].to_numpy()})
    page.chart(IF.index_map(own, data.geo, edition, "overall", data.region_code, lang, title), table=data_table,
               anchor="index-map", source=t["map_source"], download=download)
    series = lan[(lan["edition"] == edition)]
    page.chart(IF.peer_figure(series, data.region_code, data.peers, edition, lang),
               caption_note=t["series_note"].format(edition=edition))
    page.add(f"<div class='wide'>{editions_table(data, edition, lang)}</div>")
    page.add(sensitivity_text(data, edition, lang) + "</section>")


def editions_table(data: ReportData, edition: int, lang: str) -> str:
    """Each edition's indicator set beside the latest's: where an earlier edition's set differed, its own scores
    are not comparable with the latest edition's series."""
    t = TEXT[lang]
    ed = data.index_editions
    if not len(ed):
        return ""
    ed = ed[(ed["level"] == "county") & (ed["edition"] <= edition)].sort_values("edition")
    latest = ed.loc[ed["edition"] == edition, "composition"]
    latest = latest.iloc[0] if len(latest) else None
    names = data.indicators.set_index("indicator_id")["name_sv" if lang == "sv" else "name_en"]
    dimension_names = _dimension_names(data, lang)

    def series_names(text) -> str:
        if not isinstance(text, str) or not text:
            return "–"
        return ", ".join(L.series(x.strip(), names, lang) for x in text.split(","))

    rows = []
    for r in ed.itertuples():
        if not r.is_scored:
            rows.append({t["edition"].capitalize(): r.edition, t["editions_dims"]: t["editions_not_scored"],
                         t["editions_same"]: "–", t["editions_added"]: "–", t["editions_dropped"]: "–"})
            continue
        rows.append({t["edition"].capitalize(): r.edition,
                     t["editions_dims"]: ", ".join(str(dimension_names.get(d, d))
                                                   for d in str(r.dimensions).split(", ")),
                     t["editions_same"]: t["yes"] if r.composition == latest else t["no"],
                     t["editions_added"]: series_names(r.added_since_previous),
                     t["editions_dropped"]: series_names(r.dropped_since_previous)})
    return table(pd.DataFrame(rows), lang, caption=t["editions_caption"].format(edition=edition), css="editions")


def sensitivity_text(data: ReportData, edition: int, lang: str) -> str:
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
    ranges = "; ".join(f"{L.assumption(r.assumption, lang)} {fmt(max(r.total_low, 0), lang, 2)}–"
                       f"{fmt(r.total_high, lang, 2)}" for r in rows.itertuples())
    if surely:
        lead = t["sensitivity_lead"].format(top=L.assumption(top["assumption"], lang), others=", ".join(
            L.assumption(r.assumption, lang) for r in surely))
    else:
        lead = t["sensitivity_none"]
    return f"<p class='small'>{e(t['sensitivity_intro'].format(edition=edition))} {e(lead)} ({e(ranges)})</p>"
