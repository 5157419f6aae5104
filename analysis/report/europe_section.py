"""The report's section "Sverige i Europa" / "Sweden in Europe": the selected län's NUTS2 region in the latest
edition of the European index, against the EU (= 100), Sweden and its European peers on every scored dimension; its
rank among the EU's regions with the interval and its group relative to the EU with the interval's ends; its peers
and how firm each is; and the map of the EU's NUTS2 regions with its own dimension control."""

from __future__ import annotations

import json

import pandas as pd

from analysis.report import index_figures as IF
from analysis.report import labels as L
from analysis.report.data import ReportData
from analysis.report.html import e, table
from analysis.report.index_words import against_text, basis_text, rank_text
from analysis.report.numbers import fmt
from analysis.report.texts import TEXT

LEVEL = "europe"
EU = "EU27"
RIKET = "00"
SCRIPT_END, SAFE_END = "</", "<\\/"  # a name cannot close the settings' script element


def europe_edition(data: ReportData) -> int | None:
    """The latest European edition in which the selected län's NUTS2 region has an overall score in the edition's own
    year."""
    s = data.index_scores
    if not len(s) or not data.nuts2_code:
        return None
    own = s[(s["level"] == LEVEL) & (s["unit"] == "overall") & (s["region_code"] == data.nuts2_code)
            & s["is_edition_year"] & s["score"].notna()]
    return int(own["edition"].max()) if len(own) else None


def edition_rows(data: ReportData, edition: int) -> pd.DataFrame:
    """Every European row in the edition's own year, with ``n_ranked``: the regions ranked on the same unit."""
    s = data.index_scores
    rows = s[(s["level"] == LEVEL) & (s["edition"] == edition) & (s["year"] == edition)].copy()
    rows["n_ranked"] = rows.groupby("unit")["rank"].transform("count")
    return rows


def _units(data: ReportData, rows: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """The overall index and the dimensions scored in the edition, in METRIC's order, with their names."""
    t = TEXT[lang]
    dims = data.dimensions[data.dimensions["dimension_id"] != "general"]
    names = dims.set_index("dimension_id")["name_sv" if lang == "sv" else "name_en"]
    scored = set(rows.loc[rows["score"].notna(), "unit"])
    return [("overall", t["overall_short"])] + [(d, names[d]) for d in names.index if d in scored]


def group_text(row, lang: str) -> str:
    """The region's group relative to the EU and how sure it is (the groups of the interval's ends)."""
    t = TEXT[lang]
    if not isinstance(row.get("eu_group"), str):
        return "–"
    group = L.eu_group(row["eu_group"], lang)
    low, high = row.get("eu_group_low"), row.get("eu_group_high")
    if not isinstance(low, str) or not isinstance(high, str):
        return group
    if low != high:
        return f"{group} ({t['europe_group_unsure'].format(low=L.eu_group(low, lang), high=L.eu_group(high, lang))})"
    return f"{group} ({t['europe_group_sure']})"


def sweden_text(row, lang: str) -> str:
    """Sweden (the aggregate of its regions) against the EU: a point, the uncertainty analysis ranks regions only."""
    t = TEXT[lang]
    if row is None or pd.isna(row.get("relative_to_reference")):
        return t["eu_against_none"]
    return t["eu_against_aggregate"].format(pct=fmt(row["relative_to_reference"], lang, 0))


def _overall_line(row, lang: str) -> str:
    return rank_text(row, int(row["n_ranked"]), lang)


def card(data: ReportData, rows: pd.DataFrame, edition: int, lang: str) -> str:
    """The NUTS2 region's overall score, its rank of the regions ranked with the interval, against the EU and its
    group; Sweden's place against the EU beside it."""
    t = TEXT[lang]
    keyed = rows[rows["unit"] == "overall"].set_index("region_code")
    own = keyed.loc[data.nuts2_code]
    lines = [f"<div class='small'>{e(data.nuts2_name)}</div>",
             f"<div class='big'>{fmt(own['score'], lang, 1)} {e(t['points'])}</div>",
             f"<div>{e(_overall_line(own, lang))}</div>",
             f"<div>{e(against_text(own, lang, 'eu'))}</div>",
             f"<div>{e(t['europe_group_line'].format(group=group_text(own, lang)))}</div>"]
    if RIKET in keyed.index:
        lines.append(f"<div class='index-line small'><b>{e(t['riket'])}</b>: "
                     f"{e(sweden_text(keyed.loc[RIKET], lang))}</div>")
    title = t["europe_card_title"].format(region=data.nuts2_name, edition=edition)
    return f"<div class='card overall'><h3>{e(title)}</h3>{''.join(lines)}</div>"


def _peer_codes(data: ReportData) -> list[str]:
    peers = data.europe_peers
    return list(peers.sort_values("peer_rank")["peer_code"]) if len(peers) else []


def _peer_names(data: ReportData) -> dict[str, str]:
    peers = data.europe_peers
    return dict(zip(peers["peer_code"], peers["peer_name"])) if len(peers) else {}


def compare_with_peers(own, peers: pd.DataFrame) -> tuple[int, int, int] | None:
    """Against each peer on the ratio scale: clearly above when the region's whole interval lies above the peer's,
    clearly below when below it, otherwise the two cannot be told apart. Returns (above, near, below)."""
    if own is None or pd.isna(own["relative_to_reference"]) or not len(peers):
        return None
    peers = peers[peers["relative_to_reference"].notna()]
    if not len(peers):
        return None
    above = int((peers["relative_high"] < own["relative_low"]).sum())
    below = int((peers["relative_low"] > own["relative_high"]).sum())
    return above, len(peers) - above - below, below


def dimension_table(data: ReportData, rows: pd.DataFrame, units: list[tuple[str, str]], edition: int,
                    lang: str) -> str:
    """One row per unit (overall first): the region's score and rank with its interval, against the EU, Sweden
    against the EU, the peers' range against the EU and the region against them."""
    t = TEXT[lang]
    peers = _peer_codes(data)
    out = []
    for unit, name in units:
        part = rows[rows["unit"] == unit].set_index("region_code")
        own = part.loc[data.nuts2_code] if data.nuts2_code in part.index and pd.notna(
            part.loc[data.nuts2_code, "score"]) else None
        sweden = part.loc[RIKET] if RIKET in part.index else None
        theirs = part.loc[part.index.intersection(peers)]
        values = theirs["relative_to_reference"].dropna()
        peer_range = (f"{fmt(values.min(), lang, 0)}–{fmt(values.max(), lang, 0)} % ({len(values)})"
                      if len(values) else "–")
        versus = compare_with_peers(own, theirs)
        out.append({
            t["dimension"]: name,
            t["europe_col_region"].format(region=data.nuts2_name):
                f"{fmt(own['score'], lang, 1)} · {rank_text(own, int(own['n_ranked']), lang)}" if own is not None
                else t["no_score"],
            t["europe_col_against"]: against_text(own, lang, "eu") if own is not None else "–",
            t["europe_col_sweden"]: sweden_text(sweden, lang),
            t["europe_col_peers"]: peer_range,
            t["europe_col_vs_peers"]: t["europe_vs_peers"].format(above=versus[0], near=versus[1], below=versus[2],
                                                                 n=sum(versus)) if versus else "–",
        })
    frame = pd.DataFrame(out)
    return table(frame, lang, caption=t["europe_table_caption"].format(edition=edition), css="profile")


def profile_rows(data: ReportData, rows: pd.DataFrame, units: list[tuple[str, str]], lang: str) -> pd.DataFrame:
    """The profile chart's rows: per unit, the region (with its interval), Sweden and each peer, in per cent of the
    EU."""
    t = TEXT[lang]
    names = _peer_names(data)
    roles = [(data.nuts2_code, "selected", data.nuts2_name), (RIKET, "riket", t["riket"])]
    roles += [(code, "peer", names[code]) for code in _peer_codes(data)]
    out = []
    for unit, label in units:
        part = rows[rows["unit"] == unit].set_index("region_code")
        for code, role, name in roles:
            if code not in part.index:
                continue
            r = part.loc[code]
            out.append({"label": label, "role": role, "name": name, "value": r["relative_to_reference"],
                        "low": r["relative_low"] if role == "selected" else float("nan"),
                        "high": r["relative_high"] if role == "selected" else float("nan")})
    return pd.DataFrame(out, columns=["label", "role", "name", "value", "low", "high"])


def _profile_table(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    t = TEXT[lang]
    roles = {"selected": t["europe_role_selected"], "riket": t["riket"], "peer": t["europe_role_peer"]}
    shown = profile[profile["value"].notna()]
    interval = [f"{fmt(lo, lang, 0)}–{fmt(hi, lang, 0)}" if pd.notna(lo) else "" for lo, hi in
                zip(shown["low"], shown["high"])]
    return pd.DataFrame({t["dimension"]: shown["label"], t["region"]: shown["name"],
                         t["europe_col_role"]: shown["role"].map(roles),
                         t["europe_col_value"]: shown["value"].round(0), t["europe_col_interval"]: interval})


def peers_table(data: ReportData, rows: pd.DataFrame, lang: str) -> str:
    """The peers, most similar first: their country, distance in structure, how firm each is and its overall place
    against the EU in the edition."""
    t = TEXT[lang]
    peers = data.europe_peers.sort_values("peer_rank")
    overall = rows[rows["unit"] == "overall"].set_index("region_code")
    frame = pd.DataFrame({
        t["similar_rank"]: peers["peer_rank"],
        t["europe_col_peer"]: peers["peer_name"],
        t["europe_country"]: [L.country(c, lang) for c in peers["country_code"]],
        t["europe_col_distance"]: [fmt(d, lang, 2) for d in peers["distance"]],
        t["europe_col_stability"]: [t["europe_peer_robust"] if r else
                                    t["europe_peer_fragile"].format(share=fmt(100 * s, lang, 0))
                                    for r, s in zip(peers["is_robust"], peers["stability"])],
        t["europe_overall_against"]: [against_text(overall.loc[c], lang, "eu")
                                      if c in overall.index and pd.notna(overall.loc[c, "score"]) else t["no_score"]
                                      for c in peers["peer_code"]],
    })
    return table(frame, lang, caption=t["europe_peers_caption"].format(region=data.nuts2_name))


def rank_short(row, lang: str) -> str:
    """The map's rank: "rank 44 of 174 (16–117)", the interval's words in the column heading and the chart note."""
    t = TEXT[lang]
    low, high = row.get("rank_low"), row.get("rank_high")
    interval = "" if pd.isna(low) or pd.isna(high) or low == high else f" ({int(low)}–{int(high)})"
    return f"{t['rank']} {int(row['rank'])} {t['of_n'].format(n=int(row['n_ranked']))}{interval}"


def against_short(row, lang: str) -> str:
    """The map's place against the EU: "97 % of the EU (40–120 %)", or a dash on an interval scale."""
    t = TEXT[lang]
    if pd.isna(row.get("relative_to_reference")):
        return "–"
    low, high = row.get("relative_low"), row.get("relative_high")
    interval = "" if pd.isna(low) or low == high else f" ({fmt(low, lang, 0)}–{fmt(high, lang, 0)} %)"
    return t["europe_pct_of_eu"].format(pct=fmt(row["relative_to_reference"], lang, 0)) + interval


def group_short(row, lang: str) -> str:
    if not isinstance(row.get("eu_group"), str):
        return "–"
    low, high = row.get("eu_group_low"), row.get("eu_group_high")
    spread = (f" ({L.eu_group(low, lang)}–{L.eu_group(high, lang)})"
              if isinstance(low, str) and isinstance(high, str) and low != high else "")
    return L.eu_group(row["eu_group"], lang) + spread


def map_settings(rows: pd.DataFrame, units: list[tuple[str, str]], codes: list[str], names: dict[str, str],
                 edition: int, lang: str) -> dict:
    """What the map's control repaints: per unit, each polygon's score, rank, rank with its interval, its place
    against the EU and its group, in short words (242 regions times eight units)."""
    t = TEXT[lang]
    paint = {}
    for unit, _ in units:
        part = rows[(rows["unit"] == unit) & rows["score"].notna() & rows["rank"].notna()].set_index("region_code")
        paint[f"{unit}:{edition}"] = [
            [round(float(part.loc[c, "score"]), 1), int(part.loc[c, "rank"]), rank_short(part.loc[c], lang),
             against_short(part.loc[c], lang), group_short(part.loc[c], lang)]  # in the Swedish map's tier place
            if c in part.index else None for c in codes]
    return {"paint": paint, "names": [names.get(c, c) for c in codes], "viridis": list(IF.VIRIDIS),
            "edition": str(edition), "hash": "europe",
            "words": {"points": t["points"], "no_score": t["no_score"], "title": t["europe_map_title"]},
            "units": dict(units)}


def europe_section(page, data: ReportData, lang: str) -> None:
    """The section: intro and what is left out, the card beside the groups' definition, the profile (chart and
    table), the peers and the map."""
    t = TEXT[lang]
    page.add(f"<section id='europe' aria-labelledby='europe-h'><h2 id='europe-h'>{e(t['europe_heading'])}</h2>")
    edition = europe_edition(data)
    if edition is None:
        has_index = len(data.index_scores) and (data.index_scores["level"] == LEVEL).any()
        reason = (t["europe_no_index"] if not has_index else t["europe_no_nuts2"] if not data.nuts2_code
                  else t["europe_no_region_score"])
        page.add(f"<p>{e(reason)}</p></section>")
        return
    rows = edition_rows(data, edition)
    units = _units(data, rows, lang)
    regions = rows.loc[rows["unit"] == "overall"]
    n_all = int((~regions["region_code"].isin([RIKET, EU])).sum())
    intro = t["europe_intro"].format(edition=edition, n_dims=len(units) - 1, n_all=n_all,
                                     n_regions=int(regions["rank"].notna().sum()))
    page.add(f"<p>{e(intro)}</p><p class='small'>{e(basis_text(data, LEVEL, edition, lang))}</p>"
             f"<p class='note'>{e(t['europe_left_out'])}</p>")
    page.add(f"<div class='cards'>{card(data, rows, edition, lang)}"
             f"<div class='card legend'><h3>{e(t['europe_groups_heading'])}</h3>"
             f"<p class='small'>{e(t['europe_groups_note'])}</p></div></div>")
    profile = profile_rows(data, rows, units, lang)
    shown = profile[profile["value"].notna()]
    download = pd.DataFrame({t["dimension"]: shown["label"], t["region"]: shown["name"],
                             t["europe_col_value"]: shown["value"], t["csv_relative_low"]: shown["low"],
                             t["csv_relative_high"]: shown["high"]})
    page.chart(IF.europe_profile_figure(profile, lang), table=_profile_table(profile, lang), download=download,
               caption_note=t["europe_profile_note"].format(edition=edition))
    page.add(f"<div class='wide'>{dimension_table(data, rows, units, edition, lang)}</div>")
    page.add(f"<h3 id='europe-peers'>{e(t['europe_peers_heading'])}</h3><p>{e(t['europe_peers_method'])}</p>")
    if len(data.europe_peers):
        page.add(f"<div class='wide'>{peers_table(data, rows, lang)}</div>")
    if data.europe_geo is not None:
        _map(page, data, rows, units, edition, lang)
    page.add("</section>")


def _map(page, data: ReportData, rows: pd.DataFrame, units: list[tuple[str, str]], edition: int, lang: str) -> None:
    t = TEXT[lang]
    codes = IF.europe_codes(data.europe_geo)
    names = {r.region_code: L.region(r.region_name, lang)
             for r in rows.drop_duplicates("region_code").itertuples()}
    settings = json.dumps(map_settings(rows, units, codes, names, edition, lang), ensure_ascii=False)
    options = "".join(f"<option value='{e(u)}'>{e(n)}</option>" for u, n in units)
    page.add(f"<h3 id='europe-map-h'>{e(t['europe_map_heading'])}</h3>"
             f"<div class='controls'><label>{e(t['europe_map_control'])} <select id='europe-map-unit'>{options}"
             f"</select></label></div>"
             f"<script type='application/json' class='map-settings' data-unit='europe-map-unit' "
             f"data-figure='europe-map'>{settings.replace(SCRIPT_END, SAFE_END)}</script>")
    overall = rows[(rows["unit"] == "overall") & rows["rank"].notna()].sort_values("rank")
    data_table = pd.DataFrame({
        t["region"]: [names.get(c, c) for c in overall["region_code"]],
        t["index_score"]: overall["score"].round(1),
        t["europe_col_rank_short"]: [rank_short(r, lang) for _, r in overall.iterrows()],
        t["europe_col_group_short"]: [group_short(r, lang) for _, r in overall.iterrows()],
        t["europe_col_against_short"]: [against_short(r, lang) for _, r in overall.iterrows()],
    })
    title = t["europe_map_title"].format(year=edition, what=units[0][1])
    page.chart(IF.europe_map(rows, data.europe_geo, "overall", data.nuts2_code, names, lang, title),
               table=data_table, anchor="europe-map", source=t["europe_map_source"],
               notes=[t["europe_map_note"]])
