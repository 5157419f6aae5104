"""How sure a rank is, and which assumption moves it: a variance-based sensitivity analysis (Saltelli 2010, as the
JRC audits composite indicators), run with SALib.

The uncertain assumptions are factors, each drawn uniformly and mapped to its levels: the dimension weights (one of
``weight_scenarios`` Dirichlet draws around the configured weights, the first being the configured ones), the
normalisation (min-max, z-score, rank, distance to Riket), the aggregation (arithmetic, geometric), the outlier
treatment (on, off) and one indicator left out (or none). Saltelli's design with ``base_samples`` N gives
N (k + 2) evaluations for k factors:

* **Rank intervals** from the 2N independent draws (the design's A and B matrices): per region and edition the
  median rank and its 5-95 % interval. Every draw is accounted for: ``n_draws`` ranked it, ``n_failed`` did not,
  and ``failed_because`` says which assumption made the region unscorable and why.
* **Sensitivity**: Sobol's first-order index S1 (the share of the output's variance one assumption explains alone)
  and total index ST (with all its interactions), with 95 % bootstrap intervals, for the output "mean absolute
  shift of the regions' ranks from the nominal ranks" per edition. Two assumptions are ordered only when their
  intervals do not overlap.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.index.model import Model, evaluate
from analysis.index.settings import AGGREGATIONS, NORMALISATIONS, RIKET, IndexSettings

NO_LEAVE_OUT = "(none)"


@dataclass(frozen=True)
class Uncertainty:
    ranks: pd.DataFrame  # edition, region_code, nominal_rank, median_rank, rank_p05, rank_p95, n_draws, n_failed, ...
    sensitivity: pd.DataFrame  # edition, assumption, first_order, its interval, total, its interval, ...
    design: pd.DataFrame  # evaluation, the level of every factor


def weight_scenarios(dimensions: list[str], weights: dict[str, float], settings: IndexSettings,
                     rng: np.random.Generator) -> list[dict[str, float]]:
    base = np.array([weights.get(d, 1.0) for d in dimensions], dtype=float)
    draws = [base] + [rng.dirichlet(settings.dirichlet_concentration * base / base.sum()) * base.sum()
                      for _ in range(settings.weight_scenarios - 1)]
    return [dict(zip(dimensions, w)) for w in draws]


def factors(model: Model, settings: IndexSettings) -> dict[str, list]:
    series = [s for members in model.groups.values() for s in members]
    return {"weights": list(range(settings.weight_scenarios)), "normalisation": list(NORMALISATIONS),
            "aggregation": list(AGGREGATIONS), "treatment": [True, False], "leave_out": [NO_LEAVE_OUT, *sorted(series)]}


def sobol_indices(names: list[str], y: np.ndarray, settings: IndexSettings) -> pd.DataFrame:
    """S1 and ST with their 95 % bootstrap intervals from Saltelli-design outputs ``y`` (SALib)."""
    from SALib.analyze import sobol

    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    if np.nanvar(y) == 0 or np.isnan(y).any():
        nan = [np.nan] * len(names)
        result = {"S1": nan, "S1_conf": nan, "ST": nan, "ST_conf": nan}
    else:
        result = sobol.analyze(problem, y, calc_second_order=False, num_resamples=settings.bootstrap_resamples,
                               conf_level=0.95, seed=settings.seed)
    frame = pd.DataFrame({"assumption": names, "first_order": result["S1"], "first_order_conf": result["S1_conf"],
                          "total": result["ST"], "total_conf": result["ST_conf"]})
    frame["first_order_low"] = frame["first_order"] - frame["first_order_conf"]
    frame["first_order_high"] = frame["first_order"] + frame["first_order_conf"]
    frame["total_low"] = frame["total"] - frame["total_conf"]
    frame["total_high"] = frame["total"] + frame["total_conf"]
    return frame.drop(columns=["first_order_conf", "total_conf"])


def resolved_order(frame: pd.DataFrame) -> list[str]:
    """The assumptions ordered by total index where their intervals separate: each entry says which ones it is
    surely above (``a > b, c``); an assumption whose interval overlaps every other's is not ordered."""
    rows = frame.dropna(subset=["total"]).sort_values("total", ascending=False)
    out = []
    for row in rows.itertuples():
        below = [o.assumption for o in rows.itertuples() if o.assumption != row.assumption and
                 row.total_low > o.total_high]
        if below:
            out.append(f"{row.assumption} > {', '.join(below)}")
    return out


def analyse(model: Model, nominal: pd.Series, settings: IndexSettings,
            nominal_dimensions: pd.DataFrame | None = None) -> Uncertainty:
    """``nominal``: the deterministic overall scores (index (edition, region_code)); ``nominal_dimensions``: the
    deterministic dimension scores (same index, a column per dimension), whose ranks get intervals too (from the
    same independent draws: a dimension's score moves with the normalisation, the aggregation within it, the
    treatment and the indicator left out, not with the weights between dimensions)."""
    from SALib.sample import sobol as sobol_sample

    rng = np.random.default_rng(settings.seed)
    options = factors(model, settings)
    names = list(options)
    dims_all = sorted(model.groups)
    scenarios = weight_scenarios(dims_all, model.weights, settings, rng)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    x = sobol_sample.sample(problem, settings.base_samples, calc_second_order=False, scramble=True,
                            seed=settings.seed)
    levels = np.column_stack([np.minimum((x[:, j] * len(options[n])).astype(int), len(options[n]) - 1)
                              for j, n in enumerate(names)])
    design = pd.DataFrame({n: [options[n][i] for i in levels[:, j]] for j, n in enumerate(names)})
    index = model.panel.index
    is_region = index.get_level_values("region_code") != RIKET
    editions = index.get_level_values("edition").to_numpy()
    scores = np.full((len(index), len(design)), np.nan)
    weight_matrix = np.array([[w[d] for d in dims_all] for w in scenarios])  # scenarios x dimensions
    why: dict[tuple, np.ndarray] = {}
    keys = list(zip(design["normalisation"], design["aggregation"], design["treatment"].astype(bool),
                    design["leave_out"]))
    # the 2N independent draws: Saltelli's A and B matrices (the first and last row of each block of k + 2)
    block = len(names) + 2
    independent = np.sort(np.r_[np.arange(0, len(design), block), np.arange(block - 1, len(design), block)])
    position = {int(k): n for n, k in enumerate(independent)}
    dim_scores = np.full((len(dims_all), len(index), len(independent)), np.nan)  # dimension x row x draw
    for key in dict.fromkeys(keys):
        normalisation, aggregation, treat, leave_out = key
        ev = evaluate(model, normalisation, aggregation, treat, None if leave_out == NO_LEAVE_OUT else leave_out)
        dims = ev.dimensions.reindex(columns=dims_all).to_numpy(dtype=float)
        mask = ~np.isnan(dims)
        # every dimension scored in the row's edition must be present (an edition's dimensions under these
        # assumptions: those any of its rows has)
        scored = pd.DataFrame(mask, index=index).groupby(level="edition").transform("any").to_numpy()
        complete = (mask | ~scored).all(axis=1)
        by_scenario = (np.where(mask, dims, 0.0) @ weight_matrix.T) / np.where(mask, 1.0, 0.0).dot(weight_matrix.T)
        columns = [k for k, other in enumerate(keys) if other == key]
        picks = design["weights"].to_numpy()[columns]
        scores[:, columns] = np.where(complete[:, None], by_scenario[:, picks], np.nan)
        drawn = [position[k] for k in columns if k in position]
        if drawn:
            dim_scores[:, :, drawn] = dims.T[:, :, None]
        expected = ev.expected.reindex(columns=dims_all).fillna(0).to_numpy() > 0
        missing = ~mask & expected
        why[key] = np.array([", ".join(dims_all[j] for j in np.where(m)[0]) for m in missing])
    ranked = _ranks_by_edition(scores, editions, is_region)
    nominal_rank = _nominal_ranks(pd.Series(nominal), index, is_region)
    rows = []
    left_out = design["leave_out"].to_numpy()  # per evaluation (read as an array: a row lookup per draw is slow)
    for i in np.where(is_region)[0]:
        r = ranked[i, independent]
        ok = ~np.isnan(r)
        reasons = Counter()
        for k in independent[~ok]:
            lacking = why[keys[k]][i]
            reasons[f"leave_out={left_out[k]}: {lacking or 'a dimension'} too few indicators"
                    if left_out[k] != NO_LEAVE_OUT and lacking
                    else f"{lacking or 'a dimension'} not scored for this region"] += 1
        rows.append(_rank_row(int(editions[i]), index[i][1], "overall", nominal_rank[i], r, reasons))
    # each dimension's rank, over the same independent draws
    for j, dim in enumerate(dims_all):
        if nominal_dimensions is None or dim not in nominal_dimensions:
            continue
        nominal_dim = _nominal_ranks(nominal_dimensions[dim].reindex(index), index, is_region)
        ranked_dim = _ranks_by_edition(dim_scores[j], editions, is_region)
        for i in np.where(is_region & ~np.isnan(nominal_dim))[0]:
            r = ranked_dim[i]
            reasons = Counter(f"leave_out={x}: {dim} too few indicators" if x != NO_LEAVE_OUT
                              else f"{dim} not scored for this region"
                              for x in left_out[independent[np.isnan(r)]])
            rows.append(_rank_row(int(editions[i]), index[i][1], dim, nominal_dim[i], r, reasons))
    ranks = pd.DataFrame(rows)
    sensitivity = []
    for edition in np.unique(editions):
        rows_e = np.where((editions == edition) & is_region)[0]
        nominal_e = nominal_rank[rows_e]
        if np.isnan(nominal_e).all():
            continue
        shift = np.abs(ranked[rows_e] - nominal_e[:, None])
        complete = ~np.isnan(shift).all(axis=0)
        y = np.nanmean(np.where(np.isnan(shift), np.nan, shift), axis=0) if complete.all() else np.full(
            len(design), np.nan)
        frame = sobol_indices(names, y, settings)
        frame.insert(0, "edition", int(edition))
        frame["output"] = "mean absolute rank shift from the nominal ranks"
        frame["resolved_order"] = "; ".join(resolved_order(frame)) or None
        frame["n_evaluations"] = len(design)
        sensitivity.append(frame)
    sensitivity = pd.concat(sensitivity, ignore_index=True) if sensitivity else pd.DataFrame()
    return Uncertainty(ranks, sensitivity, design.rename_axis("evaluation").reset_index())


def _ranks_by_edition(scores: np.ndarray, editions: np.ndarray, is_region: np.ndarray) -> np.ndarray:
    """Ranks (1 = best, ties share the best) of each draw's scores among the regions of the same edition."""
    from scipy.stats import rankdata

    ranked = np.full_like(scores, np.nan)
    for edition in np.unique(editions):
        rows = np.where((editions == edition) & is_region)[0]
        block = scores[rows]
        valid = ~np.isnan(block)
        ranked[rows] = np.where(valid, rankdata(np.where(valid, -block, np.inf), axis=0, method="min"), np.nan)
    return ranked


def _nominal_ranks(scores: pd.Series, index: pd.Index, is_region: np.ndarray) -> np.ndarray:
    ranks = scores.where(is_region).groupby(level="edition").rank(ascending=False, method="min")
    return ranks.reindex(index).to_numpy()


def _rank_row(edition: int, region: str, unit: str, nominal_rank: float, r: np.ndarray, reasons: Counter) -> dict:
    """A region's rank interval in one edition for ``unit`` (the overall index or a dimension): the median and
    5-95 % quantiles of the draws that ranked it, and every other draw counted with why it failed."""
    ok = ~np.isnan(r)
    return {"edition": edition, "region_code": region, "unit": unit, "nominal_rank": nominal_rank,
            "median_rank": float(np.median(r[ok])) if ok.any() else np.nan,
            "rank_p05": float(np.quantile(r[ok], 0.05)) if ok.any() else np.nan,
            "rank_p95": float(np.quantile(r[ok], 0.95)) if ok.any() else np.nan,
            "n_draws": int(ok.sum()), "n_failed": int((~ok).sum()),
            "failed_because": json.dumps(dict(reasons), ensure_ascii=False) if reasons else None}
