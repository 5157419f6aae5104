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
from analysis.report.numbers import fmt, signed
from analysis.report.texts import TEXT

GROUP_LIMITS = (("leader", 125, None), ("strong", 100, 125), ("moderate", 70, 100), ("emerging", None, 70))


def headline_edition(data: ReportData) -> int | None:
    """The edition every card, the profile and the map open on: the latest in which the selected län has an overall
    score (so Riket has one too: every edition scores Riket)."""
    s = data.index_scores
    if not len(s):
        return None
    own = s[(s["level"] == "county") & (s["unit"] == "overall") & (s["region_code"] == data.region_code)
            & s["score"].notna()]
    return int(own["edition"].max()) if len(own) else None


def _max_lag(data: ReportData) -> int:
    """The oldest an edition's values may be, in years, as the index was computed (its recorded settings)."""
    return int(json.loads(data.index_scores["settings"].iloc[0])["index"]["max_lag"])


def _row(data: ReportData, level: str, edition: int, region: str, unit: str):
    s = data.index_scores
    rows = s[(s["level"] == level) & (s["edition"] == edition) & (s["region_code"] == region) & (s["unit"] == unit)]
    return rows.iloc[0] if len(rows) and pd.notna(rows.iloc[0]["score"]) else None


def _interval(data: ReportData, level: str, edition: int, region: str, unit: str) -> tuple[int, int] | None:
    u = data.index_uncertainty
    if not len(u):
        return None
    unit_of = u["unit"] if "unit" in u else pd.Series("overall", index=u.index)
    rows = u[(u["level"] == level) & (u["edition"] == edition) & (u["region_code"] == region) & (unit_of == unit)]
    if not len(rows) or pd.isna(rows.iloc[0]["rank_p05"]):
        return None
    return int(rows.iloc[0]["rank_p05"]), int(rows.iloc[0]["rank_p95"])


def _group(row, lang: str) -> str:
    t = TEXT[lang]
    return t["group_" + row["group"]] if isinstance(row["group"], str) else t["no_group"]


def _rank_text(row, n: int, interval: tuple[int, int] | None, lang: str) -> str:
    t = TEXT[lang]
    rank = f"{t['rank']} {int(row['rank'])} {t['of_n'].format(n=n)}"
    if interval is None:
        sure = t["rank_no_interval_short"]
    elif interval[0] == interval[1]:
        sure = t["rank_interval_one"].format(low=interval[0])
    else:
        sure = t["rank_interval_is"].format(low=interval[0], high=interval[1])
    return f"{rank} ({sure})"


def _score_line(row, n: int, interval, lang: str) -> str:
    """Score, rank of n with its interval, group and the score relative to Riket's, in words."""
    t = TEXT[lang]
    relative = t["relative_to_riket"].format(pct=fmt(row["relative_to_riket"], lang, 0)) \
        if pd.notna(row["relative_to_riket"]) else t["no_group"]
    return (f"{fmt(row['score'], lang, 1)} {t['points']} · {_rank_text(row, n, interval, lang)} · "
            f"{_group(row, lang)} ({relative})")


def _change_line(row, lang: str) -> str:
    t = TEXT[lang]
    if pd.notna(row.get("comparable_since")) and int(row["comparable_since"]) < int(row["edition"]):
        return t["change_since"].format(change=signed(row["change_since_comparable"], lang, 1),
                                        year=int(row["comparable_since"]))
    return t["no_change_yet"]


def overall_card(data: ReportData, edition: int, lang: str) -> str:
    """The overall index of the län (of 21) and of its NUTS2 region (of 8), each named, in one edition."""
    t = TEXT[lang]
    lan = _row(data, "county", edition, data.region_code, "overall")
    lines = []
    if lan is not None:
        interval = _interval(data, "county", edition, data.region_code, "overall")
        lines.append(f"<div class='small'>{e(L.region(data.region_name, lang))}</div>"
                     f"<div class='big'>{fmt(lan['score'], lang, 1)} {e(t['points'])}</div>"
                     f"<div>{e(_rank_text(lan, 21, interval, lang))}</div>"
                     f"<div>{e(_group(lan, lang))}: "
                     f"{e(t['relative_to_riket'].format(pct=fmt(lan['relative_to_riket'], lang, 0)))}</div>"
                     f"<div class='small'>{e(_change_line(lan, lang))}</div>")
    nuts2 = _row(data, "nuts2", edition, data.nuts2_code, "overall") if data.nuts2_code else None
    if nuts2 is not None:
        interval = _interval(data, "nuts2", edition, data.nuts2_code, "overall")
        lines.append(f"<div class='index-line small'><b>{e(nuts2['region_name'])}</b> "
                     f"({e(t['nuts2_region'])}): {e(_score_line(nuts2, 8, interval, lang))}</div>")
    elif data.nuts2_code:
        lines.append(f"<div class='index-line small'>{e(t['nuts2_no_score'].format(edition=edition))}</div>")
    return (f"<div class='card overall'><h3>{e(t['overall_index'])}, {e(t['edition'])} {edition}</h3>"
            + "".join(lines) + "</div>")


def group_legend(lang: str) -> str:
    """The performance groups with their thresholds (as RIS: the score relative to Riket's)."""
    t = TEXT[lang]
    items = []
    for group, low, high in GROUP_LIMITS:
        if high is None:
            limit = t["limit_at_least"].format(low=low)
        elif low is None:
            limit = t["limit_below"].format(high=high)
        else:
            limit = t["limit_between"].format(low=low, high=high)
        items.append(f"<div><dt>{e(t['group_' + group])}</dt><dd>{e(limit)}</dd></div>")
    return (f"<div class='card legend'><h3>{e(t['groups_heading'])}</h3><dl class='groups'>{''.join(items)}</dl>"
            f"<p class='small'>{e(t['groups_note'])}</p></div>")


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
    s = s[(s["level"] == "county") & (s["edition"] == edition)]
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
    """Why a dimension has no län score in the edition: never scored (no indicator for every län), or its
    indicators stopped (the last edition it was scored in, with the län's rank there)."""
    t = TEXT[lang]
    cov = data.index_coverage
    cov = cov[(cov["level"] == "county") & (cov["dimension_id"] == dimension_id)] if len(cov) else cov
    if len(cov) and bool(cov.iloc[0]["is_scored"]):
        s = data.index_scores
        own = s[(s["level"] == "county") & (s["unit"] == dimension_id) & (s["region_code"] == data.region_code)
                & s["score"].notna() & (s["edition"] < edition)]
        if len(own):
            last = own.sort_values("edition").iloc[-1]
            first, _, latest = str(cov.iloc[0]["data_years"] or "").partition("-")
            return t["not_judged_stopped"].format(edition=edition, last=int(last["edition"]), rank=int(last["rank"]),
                                                  years=latest or first)
    return t["not_judged_never"]


def _peer_rank(data: ReportData, edition: int, unit: str) -> tuple[int, int] | None:
    """The län's rank among itself and its similar län on ``unit`` in the edition."""
    s = data.index_scores
    group = s[(s["level"] == "county") & (s["edition"] == edition) & (s["unit"] == unit) & s["score"].notna()
              & s["region_code"].isin([data.region_code, *data.peers])]
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
        nuts2 = _row(data, "nuts2", edition, data.nuts2_code, unit) if data.nuts2_code else None
        if lan is not None:
            interval = _interval(data, "county", edition, data.region_code, unit)
            score = f"{fmt(lan['score'], lang, 1)} · {_rank_text(lan, 21, interval, lang)}"
            relative = (f"{_group(lan, lang)}: {t['relative_to_riket'].format(pct=fmt(lan['relative_to_riket'], lang, 0))}"
                        if pd.notna(lan["relative_to_riket"]) else t["no_group"])
            peer = _peer_rank(data, edition, unit)
            peers = t["peer_rank"].format(rank=peer[0], n=peer[1]) if peer else "–"
        else:
            score = _not_judged(data, unit, edition, lang) if unit != "overall" else t["no_score"]
            relative = peers = "–"
        n2 = (f"{fmt(nuts2['score'], lang, 1)} · {t['rank']} {int(nuts2['rank'])} {t['of_n'].format(n=8)}"
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
    return table(frame, lang, caption=t["profile_caption"].format(edition=edition), css="profile"), unjudged


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
             f"<div class='cards'>{overall_card(data, edition, lang)}{group_legend(lang)}"
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
    page.add(f"<p class='small'>{e(t['cards_note'])}</p></section>")
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
    reachable by keyboard), opening on the cards' edition and the overall index; the index over the editions and
    what moves the ranks."""
    t = TEXT[lang]
    s = data.index_scores
    lan = s[(s["level"] == "county") & s["score"].notna()] if len(s) else s
    if data.geo is None or not len(lan):
        return
    names = _dimension_names(data, lang)
    units = [("overall", t["overall_index"])] + [(d, names[d]) for d in names.index if (lan["unit"] == d).any()]
    editions = sorted(int(x) for x in lan.loc[lan["unit"] == "overall", "edition"].unique())
    codes = IF.map_codes(data.geo)
    # what the controls repaint: per unit and edition, each polygon's score, rank and group (compact)
    paint = {}
    for unit, _ in units:
        for ed in editions:
            part = lan[(lan["unit"] == unit) & (lan["edition"] == ed)].set_index("region_code")
            if len(part):
                paint[f"{unit}:{ed}"] = [[round(float(part.loc[c, "score"]), 1), int(part.loc[c, "rank"]),
                                          part.loc[c, "group"] if isinstance(part.loc[c, "group"], str) else ""]
                                         if c in part.index else None for c in codes]
    region_names = {r.region_code: L.region(r.region_name, lang) for r in lan.drop_duplicates("region_code").itertuples()}
    settings = {"paint": paint, "names": [region_names.get(c, c) for c in codes], "viridis": list(IF.VIRIDIS),
                "words": {"points": t["points"], "rank": t["rank"], "of": t["of_n"].format(n=21),
                          "no_score": t["no_score"], "title": t["map_title"],
                          "groups": {g: t["group_" + g] for g, _, _ in GROUP_LIMITS}, "no_group": t["no_group"]},
                "units": dict(units)}
    title = t["map_title"].format(year=edition, what=units[0][1])
    options = "".join(f"<option value='{e(u)}'>{e(n)}</option>" for u, n in units)
    years = "".join(f"<option value='{y}'{' selected' if y == edition else ''}>{y}</option>" for y in editions)
    page.add(f"<section id='map' aria-labelledby='map-h'><h2 id='map-h'>{e(t['map_heading'])}</h2>"
             f"<div class='controls'><label>{e(t['map_dimension'])} <select id='map-unit'>{options}</select></label>"
             f"<label>{e(t['edition'].capitalize())} <select id='map-edition'>{years}</select></label></div>"
             f"<script type='application/json' id='map-settings'>{json.dumps(settings, ensure_ascii=False)}</script>")
    rows = lan[(lan["edition"] == edition) & (lan["unit"] == "overall") & (lan["region_code"] != "00")]
    rows = rows.sort_values("rank")
    data_table = pd.DataFrame({t["region"]: [L.region(n, lang) for n in rows["region_name"]],
                               t["index_score"]: rows["score"].round(1), t["rank"].capitalize(): rows["rank"],
                               t["group"]: [_group(r, lang) for _, r in rows.iterrows()]})
    page.chart(IF.index_map(lan, data.geo, edition, "overall", data.region_code, lang, title), table=data_table,
               anchor="index-map", source=t["map_source"])
    page.chart(IF.peer_figure(lan, data.region_code, data.peers, lang))
    page.add(sensitivity_text(data, edition, lang) + "</section>")


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
