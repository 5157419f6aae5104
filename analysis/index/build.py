"""One level of the index (the län, or the NUTS2 regions) from its values to its tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.index.aggregate import performance_group, ranks, to_0_100
from analysis.index.coherence import correlations, decide
from analysis.index.editions import Editions, build_editions, restrict
from analysis.index.model import Model, evaluate, overall
from analysis.index.settings import RIKET, IndexSettings
from analysis.index.treatment import treat
from analysis.index.uncertainty import analyse

OVERALL = "overall"


@dataclass(frozen=True)
class LevelIndex:
    level: str
    scores: pd.DataFrame  # level, edition, region_code, unit, score, rank, relative_to_riket, group, ...
    inputs: pd.DataFrame  # per edition and series: the year used, or why the series is not used
    coverage: pd.DataFrame  # per dimension: indicators, editions scored, years, or why it is not scored
    treatment: pd.DataFrame  # per series: distribution before/after, method; every treated point
    normalisation: pd.DataFrame
    coherence: pd.DataFrame
    uncertainty: pd.DataFrame
    sensitivity: pd.DataFrame


def _outside(normalised: pd.DataFrame, by_dim: dict[str, list[str]], dim: str) -> pd.Series:
    """The rest of the index for a dimension: the mean over the other dimensions of their indicators' mean."""
    others = [normalised[m].mean(axis=1) for d, m in by_dim.items() if d != dim]
    return pd.concat(others, axis=1).mean(axis=1) if others else pd.Series(np.nan, index=normalised.index)


def build_level(level: str, values: pd.DataFrame, regions: list[str], dimensions: Mapping[str, str],
                weights: Mapping[str, float], settings: IndexSettings, all_dimensions: list[str],
                with_uncertainty: bool = True) -> LevelIndex:
    """``values``: region_code, year, value, series_id, indicator_id, dimension_id, polarity, unit,
    is_current_prices, for the level's ``regions`` and Riket (the series the index_indicators seed lists for the
    level); ``all_dimensions``: METRIC's dimensions, for the coverage table."""
    editions = build_editions(values, regions, settings)
    # an edition is scored when at least min_dimensions dimensions have an indicator in it
    dimension_of = editions.series.set_index("series_id")["dimension_id"]
    used = editions.inputs[editions.inputs["status"] == "used"]
    n_dims = used.assign(dimension_id=used["series_id"].map(dimension_of)).groupby("edition")["dimension_id"].nunique()
    keep = sorted(int(e) for e, n in n_dims.items() if n >= settings.min_dimensions)
    editions = restrict(editions, keep, f"fewer than {settings.min_dimensions} dimensions have an indicator in "
                                        "this edition: no index")
    series = editions.series.set_index("series_id")
    polarity = series["polarity"].astype(int).to_dict()
    by_dim: dict[str, list[str]] = {}
    for s in editions.panel.columns:
        by_dim.setdefault(series.loc[s, "dimension_id"], []).append(s)
    treatments = treat(editions.observations, settings)
    base = Model(editions.panel, editions.observations, by_dim, polarity, treatments, dict(weights),
                 settings.min_share_present, settings.min_dimensions)
    # coherence on the treated, normalised data over the regions, every edition pooled
    first = evaluate(base, settings.normalisation, settings.aggregation, settings.treat_outliers)
    on_regions = first.normalised[first.normalised.index.get_level_values("region_code") != RIKET]
    decisions = {d: decide(d, on_regions[m], _outside(on_regions, by_dim, d), settings.alpha_limit)
                 for d, m in by_dim.items()}
    groups = {d: decision.kept for d, decision in decisions.items()}
    model = Model(editions.panel, editions.observations, groups, polarity, treatments, dict(weights),
                  settings.min_share_present, settings.min_dimensions)
    result = evaluate(model, settings.normalisation, settings.aggregation, settings.treat_outliers)
    total = overall(model, result.dimensions)
    geometric = evaluate(model, settings.normalisation, "geometric", settings.treat_outliers)
    total_geometric = overall(model, geometric.dimensions)
    scores = _score_rows(level, model, result, total, geometric, total_geometric, settings)
    coherence = _coherence_rows(level, decisions, result, total, groups)
    treatment = _treatment_rows(level, treatments, editions, groups)
    params = result.params.assign(level=level)
    uncertainty = sensitivity = pd.DataFrame()
    if with_uncertainty and total.notna().any():
        mc = analyse(model, total, settings, result.dimensions)
        uncertainty, sensitivity = mc.ranks.assign(level=level), mc.sensitivity.assign(level=level)
    inputs = editions.inputs.merge(editions.series[["series_id", "dimension_id", "transformation"]], on="series_id")
    inputs["status"] = np.where((inputs["status"] == "used") & ~inputs["series_id"].isin(
        [s for m in groups.values() for s in m]), "set_aside", inputs["status"])
    set_aside = {a["series_id"]: a["reason"] for dec in decisions.values() for a in dec.set_aside}
    inputs.loc[inputs["status"] == "set_aside", "reason"] = inputs.loc[inputs["status"] == "set_aside",
                                                                       "series_id"].map(set_aside)
    coverage = _coverage_rows(level, inputs, scores, decisions, all_dimensions, dimensions)
    return LevelIndex(level, scores, inputs.assign(level=level), coverage, treatment, params, coherence,
                      uncertainty, sensitivity)


def _score_rows(level: str, model: Model, result, total: pd.Series, geometric, total_geometric: pd.Series,
                settings: IndexSettings) -> pd.DataFrame:
    readable = to_0_100(pd.concat([result.dimensions, total.rename(OVERALL)], axis=1), settings.normalisation,
                        settings.aggregation)
    readable_geo = to_0_100(pd.concat([geometric.dimensions, total_geometric.rename(OVERALL)], axis=1),
                            settings.normalisation, "geometric")
    composition = _composition(model)
    rows = []
    for unit in readable.columns:
        score = readable[unit]
        rank = ranks(score)
        riket = score.xs(RIKET, level="region_code") if RIKET in score.index.get_level_values(1) else pd.Series()
        for (edition, region), value in score.items():
            present = (int(result.present[unit].get((edition, region), 0)) if unit != OVERALL
                       else int(result.dimensions.loc[(edition, region)].notna().sum()))
            expected = (int(result.expected[unit].get((edition, region), 0)) if unit != OVERALL
                        else int(result.dimensions.xs(edition, level="edition").notna().any().sum()))
            if expected == 0:
                continue  # the dimension has no indicator in this edition: the coverage table says why
            ref = riket.get(edition, np.nan)
            ratio = 100 * value / ref if ref and not np.isnan(ref) and not np.isnan(value) else np.nan
            if not np.isnan(value):
                reason = None
            elif unit == OVERALL and expected < settings.min_dimensions:
                reason = f"{expected} dimensions scored in this edition: the index needs {settings.min_dimensions}"
            elif unit == OVERALL:
                reason = f"{present} of {expected} dimensions present: the index needs every one"
            else:
                reason = f"{present} of {expected} indicators present, fewer than two thirds"
            group = performance_group(ratio) if region != RIKET else None
            rows.append({"level": level, "edition": int(edition), "region_code": region, "unit": unit,
                         "score": float(value), "score_geometric": float(readable_geo[unit].get((edition, region),
                                                                                                 np.nan)),
                         "relative_to_riket": float(ratio), "group": group,
                         "rank": rank.get((edition, region), np.nan), "n_present": present,
                         "n_indicators": expected, "missing_reason": reason,
                         "group_missing_reason": None if group or region == RIKET or np.isnan(value) else
                         "Riket has no score in this edition" if np.isnan(ref) else None,
                         "composition": composition[(edition, unit)] if (edition, unit) in composition else None})
    frame = pd.DataFrame(rows)
    return _changes(frame)


def _composition(model: Model) -> dict[tuple[int, str], str]:
    """Which series make up each dimension and the overall index in each edition (to compare editions alike)."""
    used = model.panel.notna().groupby(level="edition").any()
    out = {}
    for edition, row in used.iterrows():
        parts = []
        for dim, members in sorted(model.groups.items()):
            present = [s for s in members if row.get(s, False)]
            if present:
                out[(edition, dim)] = ",".join(present)
                parts.append(f"{dim}:{'+'.join(present)}")
        out[(edition, OVERALL)] = ";".join(parts)
    return out


def _changes(frame: pd.DataFrame) -> pd.DataFrame:
    """``change_since_comparable``: the score minus the score in the earliest edition of the same composition (the
    same indicators), so a change is never an artefact of an indicator entering or leaving; money series are in
    real terms (relative to Riket each year), so the change is too."""
    frame = frame.sort_values(["level", "unit", "region_code", "edition"]).reset_index(drop=True)
    first = frame.dropna(subset=["score"]).groupby(["level", "unit", "region_code", "composition"])["edition"].min()
    frame["comparable_since"] = [first.get((l, u, r, c), np.nan) for l, u, r, c in
                                 frame[["level", "unit", "region_code", "composition"]].itertuples(index=False)]
    base = frame.set_index(["level", "unit", "region_code", "edition"])["score"]
    frame["change_since_comparable"] = [
        s - base.get((l, u, r, int(y)), np.nan) if not np.isnan(y) else np.nan
        for l, u, r, s, y in frame[["level", "unit", "region_code", "score", "comparable_since"]].itertuples(index=False)]
    return frame


def _coherence_rows(level: str, decisions, result, total: pd.Series, groups) -> pd.DataFrame:
    regions = result.normalised.index.get_level_values("region_code") != RIKET
    cor = correlations(result.normalised[regions], result.dimensions[regions], total[regions],
                       {d: dec.items for d, dec in decisions.items()})
    rows = []
    for dim, dec in decisions.items():
        rows.append({"level": level, "dimension_id": dim, "series_id": None, "n_items": len(dec.items),
                     "n_kept": len(dec.kept), "cronbach_alpha": dec.alpha_all, "alpha_kept": dec.alpha_kept,
                     "verdict": dec.verdict})
        aside = {a["series_id"]: a["reason"] for a in dec.set_aside}
        for s in dec.items:
            c = cor[cor["series_id"] == s].iloc[0]
            rows.append({"level": level, "dimension_id": dim, "series_id": s, "n": int(c["n"]),
                         "item_rest_r": dec.item_rest.get(s, np.nan), "r_with_dimension": c["r_with_dimension"],
                         "r_with_index": c["r_with_index"], "kept": s in dec.kept, "verdict": aside.get(s)})
    return pd.DataFrame(rows)


def _treatment_rows(level: str, treatments, editions: Editions, groups) -> pd.DataFrame:
    transformation = editions.series.set_index("series_id")["transformation"]
    rows = [{"level": level, "kind": "distribution", **t.record(),
             "transformation": transformation.get(s)} for s, t in treatments.items()]
    for s, t in treatments.items():
        rows += [{"level": level, "kind": "winsorised_point", "series_id": s, **p} for p in t.points]
    return pd.DataFrame(rows)


def _coverage_rows(level: str, inputs: pd.DataFrame, scores: pd.DataFrame, decisions, all_dimensions: list[str],
                   dimension_of: Mapping[str, str]) -> pd.DataFrame:
    rows = []
    for dim in all_dimensions:
        mine = inputs[inputs["dimension_id"] == dim]
        used = mine[mine["status"] == "used"]
        scored = scores[(scores["unit"] == dim) & (scores["region_code"] == RIKET) & scores["score"].notna()]
        dec = decisions.get(dim)
        if not len(mine):
            reason = "no indicator published for every region of this level"
        elif not len(scored):
            reason = "; ".join(sorted(set(mine["reason"].dropna())))[:500] or "no edition has its indicators"
        else:
            reason = None
        rows.append({
            "level": level, "dimension_id": dim,
            "indicators": ", ".join(sorted(set(mine["series_id"]))) or None,
            "indicators_scored": ", ".join(dec.kept) if dec else None,
            "indicators_set_aside": "; ".join(f"{a['series_id']}: {a['reason']}" for a in dec.set_aside)
            if dec and dec.set_aside else None,
            "coherence": dec.verdict if dec else None,
            "editions_scored": ", ".join(str(int(y)) for y in sorted(scored["edition"].unique())) or None,
            "data_years": (f"{int(used['year_used'].min())}-{int(used['year_used'].max())}" if len(used) else None),
            "is_scored": bool(len(scored)), "not_scored_because": reason,
        })
    return pd.DataFrame(rows)
