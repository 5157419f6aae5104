"""An index result in words, the same on every chart, card and table: a rank never without its interval, and a
region against Riket on the ratio scale with its interval."""

from __future__ import annotations

import pandas as pd

from analysis.report import labels as L
from analysis.report.numbers import fmt
from analysis.report.texts import TEXT


def _interval(row) -> tuple[int, int] | None:
    if row is None or pd.isna(row.get("rank_low")) or pd.isna(row.get("rank_high")):
        return None
    return int(row["rank_low"]), int(row["rank_high"])


def rank_text(row, n: int, lang: str) -> str:
    """"rank 5 of 21 (3–9)": a rank never without its interval, or said to have none (one indicator: the published
    figures' order, nothing could vary)."""
    t = TEXT[lang]
    interval = _interval(row)
    rank = f"{t['rank']} {int(row['rank'])} {t['of_n'].format(n=n)}"
    if interval is None:
        return f"{rank} ({t['rank_no_interval_short']})"
    if interval[0] == interval[1]:
        one = int(row["n_indicators"]) == 1 if row["unit"] != "overall" else False
        return f"{rank} ({t['rank_published_order'] if one else t['rank_interval_one'].format(low=interval[0])})"
    return f"{rank} ({t['rank_interval_is'].format(low=interval[0], high=interval[1])})"


def against_text(row, lang: str, reference: str = "riket") -> str:
    """Where the region stands against its reference (Riket, or the EU at the European level) on the ratio scale,
    with the interval: "clearly above Sweden (112 %; 104–120 %)"."""
    t = TEXT[lang]
    prefix = "against_" if reference == "riket" else "eu_against_"
    label = row.get("against_reference")
    if not isinstance(label, str) or pd.isna(row["relative_to_reference"]):
        return t[prefix + "none"]
    pct = fmt(row["relative_to_reference"], lang, 0)
    if label in ("above", "below"):
        return t[prefix + label].format(pct=pct)
    return t[prefix + label].format(pct=pct, low=fmt(row["relative_low"], lang, 0),
                                    high=fmt(row["relative_high"], lang, 0))


def basis(data, level: str, edition: int) -> pd.DataFrame:
    """The series an edition's scores rest on at ``level``, with the year each one's value comes from."""
    b = data.index_basis
    if not len(b):
        return b
    return b[(b["level"] == level) & (b["edition"] == edition)]


def basis_text(data, level: str, edition: int, lang: str) -> str:
    """What the score is made of: how many indicators, in how many dimensions, which, and from which years."""
    t = TEXT[lang]
    rows = basis(data, level, edition)
    if not len(rows):
        return ""
    names = data.indicators.set_index("indicator_id")["name_sv" if lang == "sv" else "name_en"]
    items = "; ".join(f"{L.series(r.series_id, names, lang)} ({int(r.year_used)})" for r in rows.itertuples())
    return t["basis_" + level].format(n=len(rows), n_dims=rows["dimension_id"].nunique(), edition=edition,
                                      items=items, n_all=len(data.indicators))
