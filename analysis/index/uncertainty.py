"""How sure a rank is, how sure "above Riket" is, and which assumption moves them: a variance-based sensitivity
analysis (Saltelli 2010, as the JRC audits composite indicators), run with SALib on each edition.

The uncertain assumptions are factors, each drawn uniformly and mapped to its levels: the dimension weights (one of
``weight_scenarios`` Dirichlet draws around the configured weights, the first being the configured ones), the
normalisation (min-max, z-score, rank, distance to Riket), the aggregation across dimensions (arithmetic, geometric:
the geometric mean lets a weak dimension pull the index down, the arithmetic one lets a strong one make up for it),
the outlier treatment (COINr's, Box-Cox, none) and one indicator left out (or none). Saltelli's design with
``base_samples`` N gives N (k + 2) evaluations for k factors:

* **Rank intervals** from the 2N independent draws (the design's A and B matrices): per region, year of the edition's
  comparable series and unit (the overall index, each dimension) the median rank and its 5-95 % interval. Every draw
  is accounted for: ``n_draws`` ranked it, ``n_failed`` did not, and ``failed_because`` says which assumption made
  the region unscorable and why.
* **Against Riket**: the draws that normalise by the distance to Riket give the ratio-scale index (Riket = 100) and
  its 5-95 % interval (``relative_p05``, ``relative_p95``), from which a region is clearly above, near or clearly
  below Riket (analysis/index/aggregate.py).
* **Sensitivity** in the edition's own year: Sobol's first-order index S1 (the share of the output's variance one
  assumption explains alone) and total index ST (with all its interactions), with 95 % bootstrap intervals, for the
  output "mean absolute shift of the regions' ranks from the nominal ranks". Two assumptions are ordered only when
  their intervals do not overlap; ``levels`` says what each assumption ranged over, the only range the indices hold
  for.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.index.aggregate import positive_array
from analysis.index.model import Model, dimension_arrays
from analysis.index.settings import AGGREGATIONS, NORMALISATIONS, TREATMENTS, IndexSettings

NO_LEAVE_OUT = "(none)"


@dataclass(frozen=True)
class Uncertainty:
    ranks: pd.DataFrame  # year, region_code, unit, nominal_rank, median_rank, rank_p05, rank_p95, n_draws, ...
    sensitivity: pd.DataFrame  # assumption, first_order, its interval, total, its interval, levels, ...


def weight_scenarios(dimensions: list[str], weights: dict[str, float], settings: IndexSettings,
                     rng: np.random.Generator) -> np.ndarray:
    """Scenarios x dimensions: the configured weights, then Dirichlet draws around them (same total)."""
    base = np.array([weights.get(d, 1.0) for d in dimensions], dtype=float)
    draws = [base] + [rng.dirichlet(settings.dirichlet_concentration * base / base.sum()) * base.sum()
                      for _ in range(settings.weight_scenarios - 1)]
    return np.array(draws)


def factors(model: Model, settings: IndexSettings) -> dict[str, list]:
    series = sorted(s for members in model.groups.values() for s in members)
    return {"weights": list(range(settings.weight_scenarios)), "normalisation": list(NORMALISATIONS),
            "aggregation": list(AGGREGATIONS), "treatment": list(TREATMENTS), "leave_out": [NO_LEAVE_OUT, *series]}


def factor_levels(options: dict[str, list], scenarios: np.ndarray) -> dict[str, str]:
    """What each assumption ranged over, in words (a Sobol index holds for these ranges only)."""
    ratio = scenarios[1:] / scenarios[0] if len(scenarios) > 1 else np.ones((1, scenarios.shape[1]))
    low, high = np.quantile(ratio, [0.05, 0.95]) if ratio.size else (1.0, 1.0)
    return {
        "weights": (f"the configured weights and {len(scenarios) - 1} Dirichlet draws around them: a dimension's "
                    f"weight between {low:.2f} and {high:.2f} times its configured value in 90 % of draws"),
        "normalisation": "min-max, z-score, rank, distance to Riket",
        "aggregation": "arithmetic or geometric mean of the dimensions",
        "treatment": "COINr's (winsorise up to 5 points, else log), Box-Cox in place of the log, none",
        "leave_out": "none, or one of " + ", ".join(options["leave_out"][1:]),
    }


def sobol_indices(names: list[str], y: np.ndarray, settings: IndexSettings) -> pd.DataFrame:
    """S1 and ST with their 95 % bootstrap intervals from Saltelli-design outputs ``y`` (SALib)."""
    from SALib.analyze import sobol

    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    if np.isnan(y).any() or np.nanvar(y) == 0:
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


def _design(names: list[str], options: dict[str, list], settings: IndexSettings) -> pd.DataFrame:
    from SALib.sample import sobol as sobol_sample

    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    x = sobol_sample.sample(problem, settings.base_samples, calc_second_order=False, scramble=True,
                            seed=settings.seed)
    levels = np.column_stack([np.minimum((x[:, j] * len(options[n])).astype(int), len(options[n]) - 1)
                              for j, n in enumerate(names)])
    return pd.DataFrame({n: [options[n][i] for i in levels[:, j]] for j, n in enumerate(names)})


def analyse(model: Model, settings: IndexSettings, nominal_overall: pd.Series,
            nominal_dimensions: pd.DataFrame) -> Uncertainty:
    """``nominal_overall`` and ``nominal_dimensions``: the deterministic scores (index (year, region_code)), whose
    ranks the draws are read against."""
    rng = np.random.default_rng(settings.seed)
    options = factors(model, settings)
    names = list(options)
    dims_all = model.dimensions
    scenarios = weight_scenarios(dims_all, model.weights, settings, rng)
    design = _design(names, options, settings)
    index = model.panel.index
    is_region = ~np.asarray(index.get_level_values("region_code").isin(model.aggregates))
    years = index.get_level_values("year").to_numpy()
    n_rows, n_eval = len(index), len(design)
    # the 2N independent draws: Saltelli's A and B matrices (the first and last row of each block of k + 2)
    block = len(names) + 2
    independent = np.sort(np.r_[np.arange(0, n_eval, block), np.arange(block - 1, n_eval, block)])
    position = {int(k): n for n, k in enumerate(independent)}
    overall = np.full((n_rows, n_eval), np.nan)
    dim_draws = np.full((len(dims_all), n_rows, len(independent)), np.nan)
    keys = list(zip(design["normalisation"], design["treatment"], design["leave_out"]))
    unique_keys = list(dict.fromkeys(keys))
    key_code = np.array([unique_keys.index(k) for k in keys])
    missing_dims = []  # per unique key: per row, the dimensions it lacks
    aggregation = design["aggregation"].to_numpy()
    picks_all = design["weights"].to_numpy()
    for code, (normalisation, treatment, leave_out) in enumerate(unique_keys):
        dims, _, scorable = dimension_arrays(model, normalisation, treatment,
                                             None if leave_out == NO_LEAVE_OUT else leave_out)
        mask = ~np.isnan(dims)
        complete = (mask | ~scorable).all(axis=1) & scorable.any()
        w = scenarios * scorable  # scenarios x dimensions
        wsum = np.where(w.sum(axis=1) > 0, w.sum(axis=1), np.nan)
        arithmetic = (np.where(mask, dims, 0.0) @ w.T) / wsum
        logs = np.where(mask, np.log(np.where(mask, positive_array(dims, normalisation), 1.0)), 0.0)
        geometric = np.exp((logs @ w.T) / wsum)
        columns = np.where(key_code == code)[0]
        for name, scores in (("arithmetic", arithmetic), ("geometric", geometric)):
            cols = columns[aggregation[columns] == name]
            overall[:, cols] = np.where(complete[:, None], scores[:, picks_all[cols]], np.nan)
        drawn = [position[int(k)] for k in columns if int(k) in position]
        if drawn:
            dim_draws[:, :, drawn] = dims.T[:, :, None]
        missing_dims.append(np.array([", ".join(dims_all[j] for j in np.where(row)[0])
                                      for row in (~mask & scorable)]))
    ranked = _ranks_by_year(overall, years, is_region)
    rows = []
    left_out = design["leave_out"].to_numpy()
    ratio_draws = independent[design["normalisation"].to_numpy()[independent] == "riket_index"]
    ratio_positions = np.array([position[int(k)] for k in ratio_draws], dtype=int)
    nominal_rank = _nominal_ranks(nominal_overall, index, is_region)
    # every region row the nominal index or any independent draw scores (a region the nominal index cannot score
    # may be scored when an indicator it lacks is left out)
    for i in np.where(is_region & (~np.isnan(nominal_rank) | ~np.isnan(ranked[:, independent]).all(axis=1)))[0]:
        r = ranked[i, independent]
        failed = independent[np.isnan(r)]
        reasons = Counter()
        codes, counts = np.unique(key_code[failed], return_counts=True)
        for c, n in zip(codes, counts):
            lacking, out = missing_dims[c][i], unique_keys[c][2]
            reasons[f"leave_out={out}: {lacking or 'a dimension'} too few indicators" if out != NO_LEAVE_OUT
                    and lacking else f"{lacking or 'a dimension'} not scored for this region"] += int(n)
        rows.append(_rank_row(int(years[i]), index[i][1], "overall", nominal_rank[i], r, reasons,
                              100 * overall[i, ratio_draws], settings))
    for j, dim in enumerate(dims_all):
        if dim not in nominal_dimensions:
            continue
        nominal_dim = _nominal_ranks(nominal_dimensions[dim].reindex(index), index, is_region)
        ranked_dim = _ranks_by_year(dim_draws[j], years, is_region)
        for i in np.where(is_region & ~np.isnan(nominal_dim))[0]:
            r = ranked_dim[i]
            outs, counts = np.unique(left_out[independent[np.isnan(r)]], return_counts=True)
            reasons = Counter({f"leave_out={x}: {dim} too few indicators" if x != NO_LEAVE_OUT
                               else f"{dim} not scored for this region": int(n) for x, n in zip(outs, counts)})
            rows.append(_rank_row(int(years[i]), index[i][1], dim, nominal_dim[i], r, reasons,
                                  100 * dim_draws[j, i, ratio_positions], settings))
    sensitivity = _sensitivity(model, names, design, ranked, nominal_rank, years, is_region, options, scenarios,
                               settings)
    return Uncertainty(pd.DataFrame(rows), sensitivity)


def _sensitivity(model: Model, names: list[str], design: pd.DataFrame, ranked: np.ndarray, nominal_rank: np.ndarray,
                 years: np.ndarray, is_region: np.ndarray, options: dict, scenarios: np.ndarray,
                 settings: IndexSettings) -> pd.DataFrame:
    """Sobol indices of the mean absolute rank shift in the edition's own year."""
    rows_e = np.where((years == model.edition) & is_region)[0]
    nominal_e = nominal_rank[rows_e]
    if not len(rows_e) or np.isnan(nominal_e).all():
        return pd.DataFrame()
    shift = np.abs(ranked[rows_e] - nominal_e[:, None])
    counts = (~np.isnan(shift)).sum(axis=0)
    scored = counts > 0
    y = np.where(scored, np.nansum(shift, axis=0) / np.maximum(counts, 1), np.nan)
    frame = sobol_indices(names, y, settings)
    levels = factor_levels(options, scenarios)
    frame["levels"] = frame["assumption"].map(levels)
    frame.insert(0, "year", model.edition)
    frame["output"] = "mean absolute rank shift from the nominal ranks"
    frame["resolved_order"] = "; ".join(resolved_order(frame)) or None
    frame["n_evaluations"] = len(design)
    frame["n_evaluations_unscored"] = int((~scored).sum())
    return frame


def _ranks_by_year(scores: np.ndarray, years: np.ndarray, is_region: np.ndarray) -> np.ndarray:
    """Ranks (1 = best, ties share the best) of each draw's scores among the regions of the same year."""
    from scipy.stats import rankdata

    ranked = np.full_like(scores, np.nan)
    for year in np.unique(years):
        rows = np.where((years == year) & is_region)[0]
        block = scores[rows]
        valid = ~np.isnan(block)
        ranked[rows] = np.where(valid, rankdata(np.where(valid, -block, np.inf), axis=0, method="min"), np.nan)
    return ranked


def _nominal_ranks(scores: pd.Series, index: pd.Index, is_region: np.ndarray) -> np.ndarray:
    ranks = scores.where(is_region).groupby(level="year").rank(ascending=False, method="min")
    return ranks.reindex(index).to_numpy()


def _rank_row(year: int, region: str, unit: str, nominal_rank: float, r: np.ndarray, reasons: Counter,
              ratio: np.ndarray, settings: IndexSettings) -> dict:
    """A region's rank interval in one year for ``unit`` (the overall index or a dimension): the median and
    5-95 % quantiles of the draws that ranked it, every other draw counted with why it failed; and the ratio-scale
    index (Riket = 100) over the draws that normalise by the distance to Riket."""
    ok = ~np.isnan(r)
    q = (settings.interval_low, settings.interval_high)
    # ranks at observed values (a rank interval reads "3rd to 9th", never "3.4th")
    low, high = np.quantile(r[ok], q, method="inverted_cdf") if ok.any() else (np.nan, np.nan)
    ratio = ratio[~np.isnan(ratio)]
    rel_low, rel_high = np.quantile(ratio, q) if len(ratio) else (np.nan, np.nan)
    return {"year": year, "region_code": region, "unit": unit, "nominal_rank": nominal_rank,
            "median_rank": float(np.median(r[ok])) if ok.any() else np.nan,
            "rank_p05": float(low), "rank_p95": float(high),
            "n_draws": int(ok.sum()), "n_failed": int((~ok).sum()),
            "failed_because": json.dumps(dict(reasons), ensure_ascii=False) if reasons else None,
            "relative_median": float(np.median(ratio)) if len(ratio) else np.nan,
            "relative_p05": float(rel_low), "relative_p95": float(rel_high), "n_relative_draws": int(len(ratio))}
