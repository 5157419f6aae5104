"""One level of the index (the län, or the NUTS2 regions) from its values to its tables, edition by edition.

For each edition: the indicator set (the series with a usable year within the lag, the indicators that cannot tell
the regions apart left as context), kept per dimension only where it holds the dimension's required content; the
edition scored when at least ``min_dimensions`` dimensions are; then its comparable series (every year back to
``first_edition`` on the same set), treated, normalised and aggregated, the ratio-scale index against Riket, the
uncertainty analysis and the coherence statistics. Each edition is normalised over its own series, so scores compare
along one edition's series, never across editions: the rows where ``year = edition`` are the edition's own
published scores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.index.aggregate import against_reference, eu_group, ranks, tiers, to_0_100
from analysis.index.coherence import coherence_rows
from analysis.index.content import Requirement, requirements
from analysis.index.editions import Edition, Prepared, candidate_set, comparable, edition_range, prepare
from analysis.index.model import Model, evaluate, overall
from analysis.index.settings import EU, RIKET, IndexSettings, Scope
from analysis.index.signal import discrimination
from analysis.index.treatment import treat
from analysis.index.uncertainty import analyse

OVERALL = "overall"


@dataclass(frozen=True)
class LevelIndex:
    level: str
    scores: pd.DataFrame  # level, edition, year, region_code, unit, score, rank and interval, against Riket, ...
    editions: pd.DataFrame  # per edition: scored or not, its indicator set, its comparable years, what changed
    inputs: pd.DataFrame  # per edition, year and series: the year used, Riket's basis, or why not
    coverage: pd.DataFrame  # per dimension: required content, indicators, editions scored, or why not
    signal: pd.DataFrame  # per series: can it tell the regions apart (rank stability, saturation, margins)
    treatment: pd.DataFrame  # per edition and series: distribution before/after, method; every treated point
    normalisation: pd.DataFrame
    coherence: pd.DataFrame
    uncertainty: pd.DataFrame
    sensitivity: pd.DataFrame


@dataclass(frozen=True)
class _Scored:
    scores: pd.DataFrame
    treatment: pd.DataFrame
    normalisation: pd.DataFrame
    coherence: pd.DataFrame
    uncertainty: pd.DataFrame
    sensitivity: pd.DataFrame


def build_level(level: str, values: pd.DataFrame, regions: list[str], rules: Mapping[str, str],
                weights: Mapping[str, float], settings: IndexSettings, all_dimensions: list[str],
                with_uncertainty: bool = True, reference: str = RIKET,
                aggregates: tuple[str, ...] | None = None) -> LevelIndex:
    """``values``: region_code, year, value, series_id, indicator_id, dimension_id, content, polarity, unit,
    is_current_prices, is_ratio_scale (and aggregate_basis on an aggregate's rows, margin where published), for the
    level's ``regions`` and aggregates (Riket; Riket and the EU at the European level, whose ``reference`` is the
    EU); ``rules``: dimension_id -> its required content (seeds/index_requirements); ``all_dimensions``: METRIC's
    dimensions, for the coverage table."""
    scope = Scope(level, tuple(regions), reference, aggregates or (reference,))
    columns = ["series_id", "unit", "region_code", "year", "value", "margin"]
    values = values[values["region_code"].isin(scope.rows)].reset_index(drop=True)
    signal = discrimination(values.reindex(columns=columns), scope, settings)
    context = dict(zip(signal.loc[~signal["is_scored"], "series_id"], signal.loc[~signal["is_scored"], "reason"]))
    prepared = prepare(values[~values["series_id"].isin(context)], scope, settings)
    reqs = requirements(rules)
    meta = prepared.series.set_index("series_id")
    edition_rows, input_frames, scored = [], [], []
    previous_set: list[str] | None = None
    for edition in edition_range(prepared, settings):
        members, rows = candidate_set(prepared, edition, settings)
        rows += [{"edition": edition, "year": edition, "series_id": s, "year_used": None, "n_regions": None,
                  "has_reference": None, "reference_basis": None, "status": "context", "reason": why}
                 for s, why in sorted(context.items())]
        groups, lacking = _groups(members, meta, reqs)
        for row in rows:
            dim = meta["dimension_id"].get(row["series_id"])
            if row["status"] == "used" and dim in lacking:
                row["status"], row["reason"] = "dimension_not_scored", lacking[dim]
        if len(groups) < settings.min_dimensions:
            why = (f"{len(groups)} dimensions have their required content in this edition: the index needs "
                   f"{settings.min_dimensions}")
            for row in rows:
                if row["status"] == "used":
                    row["status"], row["reason"] = "edition_not_scored", why
            input_frames.append(pd.DataFrame(rows))
            edition_rows.append({"edition": edition, "is_scored": False, "not_scored_because": why})
            continue
        members = sorted(s for m in groups.values() for s in m)
        ed = comparable(prepared, edition, members, settings)
        result = _score_edition(ed, groups, meta, reqs, weights, settings, with_uncertainty, scope)
        scored.append(result)
        own = [r for r in rows if r["status"] != "used"]  # the edition's own year: the set's rows come from ed
        input_frames += [pd.DataFrame(own), ed.inputs]
        edition_rows.append(_edition_row(edition, groups, result.scores, previous_set, scope.reference))
        previous_set = members
    inputs = _inputs(input_frames, meta, level)
    scores = (pd.concat([s.scores for s in scored], ignore_index=True) if scored else pd.DataFrame())
    if len(scores):
        scores.insert(0, "level", level)
    editions = pd.DataFrame(edition_rows).assign(level=level)
    coverage = _coverage_rows(level, inputs, editions, values, reqs, context, all_dimensions)

    def stack(name: str) -> pd.DataFrame:
        frames = [getattr(s, name) for s in scored if len(getattr(s, name))]
        return pd.concat(frames, ignore_index=True).assign(level=level) if frames else pd.DataFrame()

    return LevelIndex(level, scores, editions, inputs, coverage, signal.assign(level=level), stack("treatment"),
                      stack("normalisation"), stack("coherence"), stack("uncertainty"), stack("sensitivity"))


def _groups(members: list[str], meta: pd.DataFrame, reqs: dict[str, Requirement]
            ) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The edition's dimensions with their series, kept where the series hold the required content; the others
    with why they are not scored."""
    by_dim: dict[str, list[str]] = {}
    for s in members:
        by_dim.setdefault(meta.loc[s, "dimension_id"], []).append(s)
    groups, lacking = {}, {}
    for dim, series in sorted(by_dim.items()):
        rule = reqs.get(dim)
        if rule is None or rule.met(meta.loc[s, "content"] for s in series):
            groups[dim] = series
        else:
            have = ", ".join(sorted({meta.loc[s, "content"] for s in series}))
            lacking[dim] = (f"the dimension lacks its required content in this edition ({rule.text}): it has only "
                            f"{have}")
    return groups, lacking


def _score_edition(ed: Edition, groups: dict[str, list[str]], meta: pd.DataFrame, reqs: dict[str, Requirement],
                   weights: Mapping[str, float], settings: IndexSettings, with_uncertainty: bool,
                   scope: Scope) -> _Scored:
    polarity = meta["polarity"].astype(int).to_dict()
    contents = meta["content"].to_dict()
    treatments = {m: treat(ed.observations, settings, m) for m in ("coinr", "boxcox")}
    model = Model(ed.edition, ed.panel, ed.observations, ed.available, groups, contents,
                  {d: r for d, r in reqs.items() if d in groups}, polarity, treatments,
                  {d: float(weights.get(d, 1.0)) for d in groups}, settings.min_share_present, scope.reference,
                  scope.aggregates, meta["is_ratio_scale"].astype(bool).to_dict())
    nominal = evaluate(model, settings.normalisation, settings.treatment)
    total = overall(model, nominal, settings.normalisation, settings.aggregation)
    geometric = overall(model, nominal, settings.normalisation, "geometric")
    ratio = evaluate(model, "riket_index", "none")
    ratio_total = overall(model, ratio, "riket_index", "arithmetic")
    uncertainty = sensitivity = pd.DataFrame()
    if with_uncertainty and total.notna().any():
        mc = analyse(model, settings, total, nominal.dimensions)
        uncertainty, sensitivity = mc.ranks.assign(edition=ed.edition), mc.sensitivity.assign(edition=ed.edition)
    scores = _score_rows(model, ed, nominal, total, geometric, ratio, ratio_total, uncertainty, settings)
    regions = ~nominal.normalised.index.get_level_values("region_code").isin(scope.aggregates)
    coherence = coherence_rows(nominal.normalised[regions], nominal.dimensions[regions], total[regions], groups)
    treatment = _treatment_rows(treatments, settings.treatment, meta)
    return _Scored(scores, treatment.assign(edition=ed.edition), nominal.params.assign(edition=ed.edition),
                   coherence.assign(edition=ed.edition), uncertainty, sensitivity)


def _score_rows(model: Model, ed: Edition, nominal, total: pd.Series, geometric: pd.Series, ratio,
                ratio_total: pd.Series, uncertainty: pd.DataFrame, settings: IndexSettings) -> pd.DataFrame:
    readable = to_0_100(pd.concat([nominal.dimensions, total.rename(OVERALL)], axis=1), settings.normalisation,
                        settings.aggregation)
    readable_geo = to_0_100(pd.concat([nominal.dimensions, geometric.rename(OVERALL)], axis=1),
                            settings.normalisation, "geometric")
    # a dimension with no ratio (its indicators on an interval scale, or the reference's value 0) has none here
    relative = (100 * pd.concat([ratio.dimensions, ratio_total.rename(OVERALL)], axis=1)).reindex(
        columns=readable.columns)
    intervals = (uncertainty.set_index(["year", "region_code", "unit"]) if len(uncertainty) else None)
    not_comparable = _not_comparable(ed, model.groups)
    composition = {d: ",".join(m) for d, m in model.groups.items()}
    composition[OVERALL] = ";".join(f"{d}:{'+'.join(m)}" for d, m in sorted(model.groups.items()))
    frames = []
    for unit in readable.columns:
        score = readable[unit]
        frame = pd.DataFrame({"year": score.index.get_level_values("year"),
                              "region_code": score.index.get_level_values("region_code"), "unit": unit,
                              "score": score.to_numpy(), "score_geometric": readable_geo[unit].to_numpy(),
                              "relative_to_reference": relative[unit].reindex(score.index).to_numpy()})
        frame["rank"] = ranks(score, model.aggregates).reindex(score.index).to_numpy()
        if unit == OVERALL:
            frame["n_present"] = nominal.dimensions.notna().sum(axis=1).to_numpy()
            frame["n_indicators"] = len(model.groups)
        else:
            frame["n_present"] = nominal.present[unit].to_numpy()
            frame["n_indicators"] = len(model.groups[unit])
        if intervals is not None:
            keyed = intervals.reindex(pd.MultiIndex.from_frame(frame[["year", "region_code"]].assign(unit=unit)))
            for column, source in (("rank_low", "rank_p05"), ("rank_high", "rank_p95"),
                                   ("relative_low", "relative_p05"), ("relative_high", "relative_p95")):
                frame[column] = keyed[source].to_numpy()
        else:
            frame["rank_low"] = frame["rank_high"] = np.nan
            frame["relative_low"] = frame["relative_high"] = frame["relative_to_reference"]
        frame["missing_reason"] = [_missing_reason(unit, int(y), n, k, s, not_comparable, model)
                                   for y, n, k, s in frame[["year", "n_present", "n_indicators", "score"]]
                                   .itertuples(index=False)]
        frame["composition"] = composition[unit]
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    is_region = ~out["region_code"].isin(model.aggregates)
    out["against_reference"] = [against_reference(lo, hi) if r and pd.notna(s) else None for lo, hi, r, s in
                            zip(out["relative_low"], out["relative_high"], is_region, out["score"])]
    if model.reference == EU:  # the European level: RIS-style groups relative to the EU, with the interval's ends
        for column, source in (("eu_group", "relative_to_reference"), ("eu_group_low", "relative_low"),
                               ("eu_group_high", "relative_high")):
            out[column] = [eu_group(v) if r and pd.notna(s) else None
                           for v, s, r in zip(out[source], out["score"], is_region)]
    out["tier"] = np.nan
    for _, part in out[is_region & out["score"].notna()].groupby(["year", "unit"]):
        out.loc[part.index, "tier"] = tiers(part)
    out.insert(0, "edition", ed.edition)
    out["is_edition_year"] = out["year"] == ed.edition
    return _changes(out)


def _not_comparable(ed: Edition, groups: dict[str, list[str]]) -> dict[tuple[int, str], str]:
    """(year, dimension) -> why the dimension is not comparable that year (a series of the set has no usable year
    within the lag)."""
    reasons = ed.inputs[ed.inputs["status"] == "not_comparable"].set_index(["year", "series_id"])["reason"]
    out = {}
    for dim, members in groups.items():
        for year in ed.available.index:
            missing = [s for s in members if not ed.available.loc[year, s]]
            if missing:
                out[(int(year), dim)] = "; ".join(f"{s}: {reasons[(year, s)]}" for s in missing)
    return out


def _missing_reason(unit: str, year: int, present: int, expected: int, score: float,
                    not_comparable: dict, model: Model) -> str | None:
    if not np.isnan(score):
        return None
    if unit == OVERALL:
        broken = [d for d in model.groups if (year, d) in not_comparable]
        if broken:
            return f"not comparable in {year}: " + "; ".join(not_comparable[(year, d)] for d in broken)
        return f"{present} of {expected} dimensions present: the index needs every one"
    if (year, unit) in not_comparable:
        return not_comparable[(year, unit)]
    if present >= np.ceil(model.min_share * expected - 1e-9):
        return f"the values present lack the dimension's required content ({model.requirements[unit].text})"
    return f"{present} of {expected} indicators present, fewer than two thirds"


def _changes(frame: pd.DataFrame) -> pd.DataFrame:
    """``first_year``: the first year of the edition's comparable series in which the region has a score;
    ``change_since_first_year``: the score minus that year's (the same indicators, so a change in the data)."""
    scored = frame.dropna(subset=["score"]).sort_values("year")
    first = scored.groupby(["unit", "region_code"]).first()[["year", "score"]]
    keyed = first.reindex(pd.MultiIndex.from_frame(frame[["unit", "region_code"]]))
    frame["first_year"] = keyed["year"].to_numpy()
    frame["change_since_first_year"] = frame["score"].to_numpy() - keyed["score"].to_numpy()
    return frame


def _edition_row(edition: int, groups: dict[str, list[str]], scores: pd.DataFrame,
                 previous: list[str] | None, reference: str = RIKET) -> dict:
    members = sorted(s for m in groups.values() for s in m)
    riket = scores[(scores["region_code"] == reference) & (scores["unit"] == OVERALL) & scores["score"].notna()]
    years = sorted(int(y) for y in riket["year"])
    return {"edition": edition, "is_scored": True, "not_scored_because": None, "n_dimensions": len(groups),
            "n_series": len(members), "dimensions": ", ".join(sorted(groups)),
            "composition": ";".join(f"{d}:{'+'.join(m)}" for d, m in sorted(groups.items())),
            "comparable_years": ", ".join(str(y) for y in years) or None,
            "first_comparable_year": years[0] if years else None,
            "added_since_previous": ", ".join(s for s in members if previous is not None and s not in previous)
            or None,
            "dropped_since_previous": ", ".join(s for s in (previous or []) if s not in members) or None}


def _inputs(frames: list[pd.DataFrame], meta: pd.DataFrame, level: str) -> pd.DataFrame:
    inputs = pd.concat([f for f in frames if len(f)], ignore_index=True) if frames else pd.DataFrame()
    if not len(inputs):
        return inputs
    extra = meta.reindex(inputs["series_id"])
    inputs["dimension_id"] = extra["dimension_id"].to_numpy()
    inputs["content"] = extra["content"].to_numpy()
    inputs["transformation"] = extra["transformation"].to_numpy()
    return inputs.sort_values(["edition", "year", "series_id"]).assign(level=level).reset_index(drop=True)


def _treatment_rows(treatments: dict, nominal: str, meta: pd.DataFrame) -> pd.DataFrame:
    """Per series the nominal treatment's distribution before and after (with the Box-Cox alternative's lambda)
    and every winsorised point."""
    chosen = treatments.get(nominal, treatments["coinr"])
    rows = []
    for s, t in chosen.items():
        alternative = treatments["boxcox"].get(s)
        rows.append({"kind": "distribution", **t.record(), "transformation": meta["transformation"].get(s),
                     "box_cox_lambda": alternative.box_cox_lambda if alternative is not None else np.nan})
        rows += [{"kind": "winsorised_point", "series_id": s, **p} for p in t.points]
    return pd.DataFrame(rows)


def _coverage_rows(level: str, inputs: pd.DataFrame, editions: pd.DataFrame, values: pd.DataFrame,
                   reqs: dict[str, Requirement], context: dict[str, str], all_dimensions: list[str]) -> pd.DataFrame:
    rows = []
    dimension_of = values.drop_duplicates("series_id").set_index("series_id")["dimension_id"]
    scored_editions = editions[editions.get("is_scored", pd.Series(dtype=bool)).fillna(False).astype(bool)] \
        if len(editions) else editions
    for dim in all_dimensions:
        series = sorted(s for s, d in dimension_of.items() if d == dim)
        in_editions = [int(r.edition) for r in scored_editions.itertuples()
                       if dim in str(r.dimensions).split(", ")]
        own = inputs[(inputs.get("dimension_id") == dim) & (inputs["year"] == inputs["edition"])] \
            if len(inputs) else inputs
        used = own[(own["status"] == "used") & own["edition"].isin(in_editions)] if len(own) else own
        if not series:
            reason = "no indicator published for every region of this level"
        elif not in_editions:
            reasons = sorted(set(own["reason"].dropna())) if len(own) else []
            reason = "; ".join(reasons)[:800] or "no edition has its indicators"
        else:
            reason = None
        rule = reqs.get(dim)
        rows.append({
            "level": level, "dimension_id": dim, "required_content": rule.text if rule else None,
            "indicators": ", ".join(series) or None,
            "indicators_context": "; ".join(f"{s}: {context[s]}" for s in series if s in context) or None,
            "editions_scored": ", ".join(str(e) for e in in_editions) or None,
            "data_years": (f"{int(used['year_used'].min())}-{int(used['year_used'].max())}" if len(used) else None),
            "is_scored": bool(in_editions), "not_scored_because": reason,
        })
    return pd.DataFrame(rows)
