"""A composite METRIC index for the 21 län, step by step as COINr and the JRC/OECD Handbook build one, with every
choice recorded: normalise each indicator, treat outliers, aggregate into dimension scores and an overall index,
group by performance relative to Riket (as the EIS does), check coherence, and measure how sure each rank is by a
Monte-Carlo over the assumptions.

Input: a long frame of ``region_code, series_id, dimension_id, polarity, year, value`` (the län and Riket ``00``).
Scores run 0-100. Everything here is pure pandas/numpy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

RIKET = "00"
NO_LEAVE_OUT = "(none)"
NORMALISATIONS = ("minmax", "zscore", "rank", "riket_index")
AGGREGATIONS = ("arithmetic", "geometric")
GROUPS = ((125.0, "leader"), (100.0, "strong"), (70.0, "moderate"), (-np.inf, "emerging"))


@dataclass(frozen=True)
class IndexSettings:
    window_start: int = 2013
    window_end: int = 2021
    normalisation: str = "minmax"
    aggregation: str = "arithmetic"
    treat_outliers: bool = True
    skew_limit: float = 2.0
    kurtosis_limit: float = 3.5
    max_winsorised: int = 5
    min_share_present: float = 2 / 3  # a dimension score needs this share of its indicators (the index: all dimensions)
    draws: int = 1000
    dirichlet_concentration: float = 20.0  # weights drawn around the configured ones: Dirichlet(c * w / sum w)
    weight_scenarios: int = 25
    seed: int = 20240613

    def as_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


# ------------------------------------------------------------------------------------------------------ the steps
def index_indicators(values: pd.DataFrame, same_quantity: Sequence[Sequence[str]],
                     level_units: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The indicators the index can use: rates (levels measure size, not capacity), published for all 21 län in at
    least one year of the window, one per quantity (``same_quantity``: the first listed present). Returns the
    values and one row per chosen series (series_id, indicator_id, breakdown, dimension_id, polarity)."""
    values = values[~values["unit"].isin(level_units)]
    lan = values[values["region_code"] != RIKET]
    complete = lan.groupby(["series_id", "year"])["region_code"].nunique().groupby("series_id").max()
    series = set(complete[complete >= 21].index)
    meta = values[values["series_id"].isin(series)].drop_duplicates("series_id")
    rank = {ind: (g, i) for g, group in enumerate(same_quantity) for i, ind in enumerate(group)}
    keep = []
    for row in meta.sort_values("series_id").itertuples(index=False):
        group = rank.get(row.indicator_id)
        if group is not None:
            others = [m for m in meta.itertuples(index=False) if rank.get(m.indicator_id, (None,))[0] == group[0]
                      and m.breakdown == row.breakdown and rank[m.indicator_id][1] < group[1]]
            if others:
                continue
        keep.append(row.series_id)
    chosen = meta[meta["series_id"].isin(keep)][["series_id", "indicator_id", "breakdown", "dimension_id",
                                                 "polarity"]].reset_index(drop=True)
    return values[values["series_id"].isin(keep)].reset_index(drop=True), chosen



def wide(values: pd.DataFrame) -> pd.DataFrame:
    """(region_code, year) x series_id."""
    return values.pivot_table(index=["region_code", "year"], columns="series_id", values="value", aggfunc="first")


def treat_outliers(data: pd.DataFrame, settings: IndexSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """COINr's default per indicator over all län-years: where |skewness| > 2 and kurtosis > 3.5, winsorise (the
    most extreme point set to the next one, up to ``max_winsorised`` points) until it is within the limits; if it
    still is not, log-transform the original instead. Returns the treated data and one row per treated point."""
    treated, log = data.copy(), []

    def outlying(x: pd.Series) -> bool:
        x = x.dropna()
        return len(x) > 3 and abs(x.skew()) > settings.skew_limit and x.kurt() > settings.kurtosis_limit

    for column in data.columns:
        x = data[column].copy()
        if not outlying(x):
            continue
        points = []
        for _ in range(settings.max_winsorised):
            clean = x.dropna()
            high_side = clean.skew() > 0
            extreme = clean.idxmax() if high_side else clean.idxmin()
            rest = clean.drop(index=extreme)
            new = rest.max() if high_side else rest.min()
            points.append((extreme, float(x[extreme]), float(new)))
            x[extreme] = new
            if not outlying(x):
                break
        if outlying(x):
            original = data[column]
            shift = 1 - original.min() if original.min() <= 0 else 0.0
            x = np.log(original + shift)
            log += [{"series_id": column, "region_code": r, "year": y, "original": float(original[(r, y)]),
                     "treated": float(x[(r, y)]), "method": "log"} for (r, y) in original.dropna().index]
        else:
            log += [{"series_id": column, "region_code": r, "year": y, "original": o, "treated": n,
                     "method": "winsorised"} for (r, y), o, n in points]
        treated[column] = x
    return treated, pd.DataFrame(log, columns=["series_id", "region_code", "year", "original", "treated", "method"])


def normalise(data: pd.DataFrame, polarity: Mapping[str, int], method: str,
              reference: pd.Index | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalise each column over all rows of ``reference`` (the län-years; Riket rows are scored against them):
    ``minmax`` to [0, 1], ``zscore``, ``rank`` (the share of reference values below, ties halved, in [0, 1]), or
    ``riket_index``, the distance to Riket: value / Riket's value of the year (Riket = 1; inverted for less-is-better
    indicators); polarity applied so higher is always better. Returns the normalised data and the parameters."""
    ref = data.loc[reference] if reference is not None else data
    out, params = pd.DataFrame(index=data.index), []
    for column in data.columns:
        sign = -1.0 if polarity.get(column, 1) < 0 else 1.0
        x, r = sign * data[column], (sign * ref[column]).dropna()
        if method == "minmax":
            low, high = r.min(), r.max()
            out[column] = (x - low) / (high - low) if high > low else 0.5
            params.append({"series_id": column, "method": method, "min": low * sign, "max": high * sign})
        elif method == "zscore":
            mean, sd = r.mean(), r.std(ddof=0)
            out[column] = (x - mean) / sd if sd > 0 else 0.0
            params.append({"series_id": column, "method": method, "mean": mean * sign, "sd": sd})
        elif method == "riket_index":
            years = data.index.get_level_values("year")
            riket = (data[column].xs(RIKET, level="region_code") if RIKET in data.index.get_level_values(0)
                     else pd.Series(dtype=float))
            base = pd.Series(riket.reindex(years).to_numpy(), index=data.index)
            ratio = data[column] / base.where(base != 0)
            out[column] = ratio if sign > 0 else 1 / ratio.where(ratio != 0)
            params.append({"series_id": column, "method": method})
        elif method == "rank":
            sorted_ref = np.sort(r.to_numpy())
            below = np.searchsorted(sorted_ref, x.to_numpy(), side="left")
            equal = np.searchsorted(sorted_ref, x.to_numpy(), side="right") - below
            share = (below + equal / 2) / len(sorted_ref)
            out[column] = np.where(x.isna(), np.nan, share)
            params.append({"series_id": column, "method": method})
        else:
            raise ValueError(f"unknown normalisation {method!r}")
    return out, pd.DataFrame(params)


def _positive(scores: pd.DataFrame, method: str) -> pd.DataFrame:
    """Scores on a 1-100 scale for a geometric mean (which needs positive values; a Riket index already is)."""
    if method == "riket_index":
        return scores.clip(lower=1e-9)
    if method == "zscore":
        low, high = scores.min(), scores.max()
        return 1 + 99 * (scores - low) / (high - low).replace(0, 1)
    return 1 + 99 * scores


def aggregate(scores: pd.DataFrame, groups: Mapping[str, Sequence[str]], weights: Mapping[str, float],
              method: str, min_share: float, normalisation: str = "minmax") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Weighted mean of the columns of each group (arithmetic, or geometric on a 1-100 scale), per row; a row needs
    at least ``min_share`` of the group's columns (else missing, with the count). Returns (scores, present)."""
    values = _positive(scores, normalisation) if method == "geometric" else scores
    out, present = pd.DataFrame(index=scores.index), pd.DataFrame(index=scores.index)
    for name, columns in groups.items():
        columns = [c for c in columns if c in values.columns]
        if not columns:
            continue
        w = np.array([weights.get(c, 1.0) for c in columns], dtype=float)
        block = values[columns].to_numpy(dtype=float)
        mask = ~np.isnan(block)
        wsum = (mask * w).sum(axis=1)
        if method == "geometric":
            logs = np.where(mask, np.log(np.where(mask, block, 1.0)), 0.0)
            score = np.exp((logs * w).sum(axis=1) / np.where(wsum > 0, wsum, np.nan))
        else:
            score = np.where(mask, block, 0.0).dot(w) / np.where(wsum > 0, wsum, np.nan)
        enough = mask.sum(axis=1) >= np.ceil(min_share * len(columns) - 1e-9)
        out[name] = np.where(enough, score, np.nan)
        present[name] = mask.sum(axis=1)
    return out, present


def to_0_100(scores: pd.DataFrame, normalisation: str, aggregation: str) -> pd.DataFrame:
    """Dimension/overall scores on 0-100 for reading (min-max and rank scores are shares; z-scores are shown as
    50 + 10 z, a T-score; geometric scores already run 1-100; a Riket index reads as Riket = 100)."""
    if aggregation == "geometric" and normalisation != "riket_index":
        return scores
    return 50 + 10 * scores if normalisation == "zscore" else 100 * scores


def performance_group(ratio: float) -> str | None:
    """The EIS groups by a region's score relative to Riket's (%): leader >= 125, strong 100-125, moderate 70-100,
    emerging < 70."""
    if ratio is None or np.isnan(ratio):
        return None
    return next(name for limit, name in GROUPS if ratio >= limit)


def ranks(scores: pd.Series) -> pd.Series:
    """1 = best among the län of a year (ties share the best rank); Riket is not ranked."""
    lan = scores[scores.index.get_level_values("region_code") != RIKET]
    return lan.groupby(level="year").rank(ascending=False, method="min")


@dataclass(frozen=True)
class IndexResult:
    scores: pd.DataFrame  # region_code, year, unit (dimension id or "overall"), score, score_geometric, rank, ...
    treatment: pd.DataFrame
    normalisation: pd.DataFrame
    overall: pd.Series  # (region_code, year) -> the overall score used for ranks


def build_index(values: pd.DataFrame, dimensions: Mapping[str, str], polarity: Mapping[str, int],
                settings: IndexSettings, indicator_weights: Mapping[str, float] | None = None,
                dimension_weights: Mapping[str, float] | None = None, normalisation: str | None = None,
                aggregation: str | None = None, treat: bool | None = None, leave_out: str | None = None) -> IndexResult:
    """The deterministic index (or one Monte-Carlo variant when an assumption is overridden)."""
    normalisation = normalisation or settings.normalisation
    aggregation = aggregation or settings.aggregation
    treat = settings.treat_outliers if treat is None else treat
    steps = dimension_scores(values, dimensions, polarity, settings, normalisation, aggregation, treat, leave_out,
                             indicator_weights)
    dims, present, groups = steps.scores, steps.present, steps.groups
    # the overall index needs every dimension, so its composition is the same in every year it is computed
    overall, overall_present = aggregate(dims, {"overall": list(dims.columns)}, dimension_weights or {},
                                         "arithmetic", 1.0, normalisation)
    readable = to_0_100(pd.concat([dims, overall], axis=1), normalisation, aggregation)
    rows = []
    for unit in readable.columns:
        score = readable[unit]
        rank = ranks(score)
        riket = score.xs(RIKET, level="region_code") if RIKET in score.index.get_level_values(0) else pd.Series()
        n_indicators = len(groups.get(unit, dims.columns))
        for (region, year), value in score.items():
            ref = riket.get(year, np.nan)
            ratio = 100 * value / ref if ref and not np.isnan(ref) and not np.isnan(value) else np.nan
            n_present = int(present[unit].get((region, year), 0)) if unit in present else int(
                overall_present["overall"].get((region, year), 0))
            rows.append({"region_code": region, "year": int(year), "unit": unit, "score": float(value),
                         "relative_to_riket": float(ratio),
                         "group": performance_group(ratio) if region != RIKET else None,
                         "rank": rank.get((region, year), np.nan), "n_present": n_present,
                         "n_indicators": n_indicators,
                         "missing_reason": None if not np.isnan(value) else
                         f"{n_present} of {n_indicators} dimensions present: the index needs all" if unit == "overall"
                         else f"{n_present} of {n_indicators} indicators present, fewer than two thirds"})
    frame = pd.DataFrame(rows)
    return IndexResult(frame, steps.treatment, steps.normalisation, readable["overall"])


@dataclass(frozen=True)
class DimensionScores:
    scores: pd.DataFrame  # (region_code, year) x dimension
    present: pd.DataFrame  # indicators present per dimension
    groups: dict[str, list[str]]  # dimension -> its indicators
    treatment: pd.DataFrame  # the treated outlier points
    normalisation: pd.DataFrame  # each indicator's normalisation parameters


def dimension_scores(values: pd.DataFrame, dimensions: Mapping[str, str], polarity: Mapping[str, int],
                     settings: IndexSettings, normalisation: str, aggregation: str, treat: bool,
                     leave_out: str | None = None,
                     indicator_weights: Mapping[str, float] | None = None) -> DimensionScores:
    """The steps up to the dimension scores: one indicator left out (or none), outliers treated (or not), each
    indicator normalised over the län-years, and each dimension aggregated from its indicators."""
    data = wide(values)
    if leave_out:
        data = data.drop(columns=[leave_out])
    lan = data.index[data.index.get_level_values("region_code") != RIKET]
    treated, treatment = treat_outliers(data, settings) if treat else (
        data, pd.DataFrame(columns=["series_id", "region_code", "year", "original", "treated", "method"]))
    normalised, params = normalise(treated, polarity, normalisation, reference=lan)
    groups: dict[str, list[str]] = {}
    for series in normalised.columns:
        groups.setdefault(dimensions[series], []).append(series)
    scores, present = aggregate(normalised, groups, indicator_weights or {}, aggregation,
                                settings.min_share_present, normalisation)
    return DimensionScores(scores, present, groups, treatment, params)


def riket_from_lan(values: pd.DataFrame, population: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Riket's value where the publisher gives none but all 21 län have one: the population-weighted mean of the län
    (exact for a per-inhabitant quantity whose denominator is the total population; an approximation otherwise).
    ``population``: region_code, year, population. Returns the values with the added rows, and those rows."""
    lan = values[values["region_code"] != RIKET].merge(population, on=["region_code", "year"], how="inner")
    have = set(map(tuple, values.loc[values["region_code"] == RIKET, ["series_id", "year"]].to_numpy()))
    rows = []
    for (series, year), group in lan.groupby(["series_id", "year"]):
        if (series, year) in have or group["region_code"].nunique() < 21:
            continue
        first = group.iloc[0]
        rows.append({**{c: first[c] for c in values.columns if c in group.columns},
                     "region_code": RIKET, "value": float((group["value"] * group["population"]).sum() /
                                                          group["population"].sum())})
    added = pd.DataFrame(rows, columns=values.columns)
    return pd.concat([values, added], ignore_index=True), added


# ----------------------------------------------------------------------------------------------------- coherence
def coherence(values: pd.DataFrame, result: IndexResult, dimensions: Mapping[str, str],
              polarity: Mapping[str, int], year: int) -> pd.DataFrame:
    """COINr's get_corr for one year over the län: each indicator's (polarity-oriented) correlation with its
    dimension score and with the index, with p-values and flags; Cronbach's alpha per dimension."""
    from scipy import stats

    data = wide(values).xs(year, level="year").drop(index=RIKET, errors="ignore")
    scores = result.scores[(result.scores["year"] == year) & (result.scores["region_code"] != RIKET)]
    by_unit = scores.pivot(index="region_code", columns="unit", values="score")
    rows = []
    for series in data.columns:
        x = data[series] * (-1 if polarity.get(series, 1) < 0 else 1)
        for target in (dimensions[series], "overall"):
            if target not in by_unit:
                continue
            pair = pd.concat([x, by_unit[target]], axis=1).dropna()
            r, p = stats.pearsonr(pair.iloc[:, 0], pair.iloc[:, 1]) if len(pair) > 3 and pair.std().gt(0).all() \
                else (np.nan, np.nan)
            rows.append({"series_id": series, "dimension_id": dimensions[series], "with": target, "year": year,
                         "n": len(pair), "r": r, "p_value": p,
                         "flag": "negative" if r < 0 else "not significant" if p >= 0.05 else None})
    for dim in sorted(set(dimensions.values())):
        members = [s for s in data.columns if dimensions[s] == dim]
        block = data[members].mul([(-1 if polarity.get(s, 1) < 0 else 1) for s in members]).dropna()
        alpha = cronbach_alpha(block) if len(members) >= 2 and len(block) > 2 else np.nan
        rows.append({"series_id": None, "dimension_id": dim, "with": "cronbach_alpha", "year": year,
                     "n": len(block), "r": alpha, "p_value": np.nan,
                     "flag": None if np.isnan(alpha) or alpha >= 0.7 else "alpha below 0.7"})
    return pd.DataFrame(rows)


def cronbach_alpha(block: pd.DataFrame) -> float:
    """Cronbach's alpha of standardised items: k r̄ / (1 + (k - 1) r̄)."""
    k = block.shape[1]
    corr = np.corrcoef(block.to_numpy(dtype=float), rowvar=False)
    mean_r = (corr.sum() - k) / (k * (k - 1))
    return float(k * mean_r / (1 + (k - 1) * mean_r))


# -------------------------------------------------------------------------------------------------- uncertainty
@dataclass(frozen=True)
class Uncertainty:
    ranks: pd.DataFrame  # region_code, year, nominal_rank, median_rank, rank_p05, rank_p95, n_draws
    sensitivity: pd.DataFrame  # assumption, first_order_index, year
    draws: pd.DataFrame  # draw, assumption levels


def monte_carlo(values: pd.DataFrame, dimensions: Mapping[str, str], polarity: Mapping[str, int],
                settings: IndexSettings, dimension_weights: Mapping[str, float] | None = None,
                fixed: Mapping[str, object] | None = None) -> Uncertainty:
    """``settings.draws`` seeded draws over: dimension weights (one of ``weight_scenarios`` Dirichlet draws around
    the configured weights), normalisation, aggregation, outlier treatment on/off, and one indicator left out (or
    none). Per län and year: median rank and its 5-95 % interval; per assumption the first-order sensitivity index
    (the share of rank variance explained by that assumption alone: Var(E[rank | level]) / Var(rank), averaged over
    the län, weighted by each län's rank variance). ``fixed`` pins assumptions (e.g. ``{"normalisation": "minmax"}``).
    The dimension scores of each combination of the other assumptions are computed once; a draw only re-weights."""
    from scipy.stats import rankdata

    fixed = dict(fixed or {})
    rng = np.random.default_rng(settings.seed)
    dims = sorted(set(dimensions.values()))
    base = np.array([(dimension_weights or {}).get(d, 1.0) for d in dims], dtype=float)
    scenarios = [base] + [rng.dirichlet(settings.dirichlet_concentration * base / base.sum()) * base.sum()
                          for _ in range(settings.weight_scenarios - 1)]
    series = sorted(set(values["series_id"]))
    options = {"weights": list(range(len(scenarios))), "normalisation": list(NORMALISATIONS),
               "aggregation": list(AGGREGATIONS), "treatment": [True, False], "leave_out": [NO_LEAVE_OUT, *series]}
    design = pd.DataFrame({name: [fixed[name]] * settings.draws if name in fixed else
                           [levels[i] for i in rng.integers(0, len(levels), size=settings.draws)]
                           for name, levels in options.items()})
    index = wide(values).index
    is_lan = index.get_level_values("region_code") != RIKET
    years = index.get_level_values("year").to_numpy()
    overall = np.full((len(index), settings.draws), np.nan)
    cache: dict[tuple, np.ndarray] = {}
    for draw, row in enumerate(design.itertuples(index=False)):
        key = (row.normalisation, row.aggregation, bool(row.treatment), row.leave_out)
        if key not in cache:
            scores = dimension_scores(values, dimensions, polarity, settings, row.normalisation, row.aggregation,
                                      bool(row.treatment), None if row.leave_out == NO_LEAVE_OUT else row.leave_out)
            cache[key] = scores.scores.reindex(index=index, columns=dims).to_numpy(dtype=float)
        block = cache[key]
        mask = ~np.isnan(block)
        w = scenarios[row.weights]
        wsum = mask.dot(w)
        score = np.where(mask, block, 0.0).dot(w) / np.where(wsum > 0, wsum, np.nan)
        # a dimension whose only indicator was left out leaves the index; the others must all be present
        present_dims = int((~np.all(np.isnan(block), axis=0)).sum())
        overall[:, draw] = np.where(mask.sum(axis=1) >= present_dims, score, np.nan)
    ranked = np.full_like(overall, np.nan)
    for year in np.unique(years):
        rows = np.where((years == year) & is_lan)[0]
        block = overall[rows]
        valid = ~np.isnan(block)
        filled = np.where(valid, -block, np.inf)
        ranked[rows] = np.where(valid, rankdata(filled, axis=0, method="min"), np.nan)
    all_ranks = pd.DataFrame(ranked, index=index)[is_lan]
    nominal = ranks(build_index(values, dimensions, polarity, settings, dimension_weights=dimension_weights).overall)
    summary = pd.DataFrame({
        "nominal_rank": nominal, "median_rank": all_ranks.median(axis=1),
        "rank_p05": all_ranks.quantile(0.05, axis=1), "rank_p95": all_ranks.quantile(0.95, axis=1),
        "n_draws": all_ranks.notna().sum(axis=1)}).reset_index()
    sensitivity = []
    for year in sorted(set(all_ranks.index.get_level_values("year"))):
        block = all_ranks.xs(year, level="year").T  # draws x län
        total = block.var(ddof=0)
        for name in options:
            if name in fixed:
                continue
            conditional = block.groupby(design[name].astype(str).to_numpy()).mean().var(ddof=0)
            share = (conditional / total.replace(0, np.nan)).dropna()
            sensitivity.append({"year": int(year), "assumption": name,
                                "first_order_index": float((share * total[share.index]).sum() /
                                                           total[share.index].sum()) if len(share) else np.nan})
    return Uncertainty(summary, pd.DataFrame(sensitivity), design.rename_axis("draw").reset_index())
