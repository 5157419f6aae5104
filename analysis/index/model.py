"""One evaluation of an edition's index: the dimension scores under one set of assumptions (normalisation, outlier
treatment, one indicator left out) and the overall index under an aggregation and weights, from the edition's
comparable panel. The deterministic index is one evaluation; the uncertainty analysis runs thousands.

A dimension is scored for a row (a region or Riket in one year of the edition's series) when every series of the
dimension is comparable that year (the set never changes along the series), the row has at least ``min_share`` of
them, and the ones it has hold the dimension's required content. The overall index needs every dimension of the
edition (an uncertainty draw that leaves out the only indicator a dimension could be scored on scores the edition
without that dimension, for every region alike).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.index.aggregate import positive, weighted_mean
from analysis.index.content import Requirement
from analysis.index.normalise import normalise
from analysis.index.settings import RIKET
from analysis.index.treatment import Treatment


@dataclass(frozen=True)
class Model:
    edition: int
    panel: pd.DataFrame  # index (year, region_code), one column per series of the set, real terms, Riket included
    observations: pd.DataFrame  # series_id, region_code, year, value: the regions' distinct observations
    available: pd.DataFrame  # index year, one boolean column per series: comparable that year
    groups: dict[str, list[str]]  # dimension -> the series scored in it
    contents: dict[str, str]  # series -> what it measures (index_indicators' content)
    requirements: dict[str, Requirement]
    polarity: dict[str, int]
    treatments: dict[str, dict[str, Treatment]]  # method (coinr, boxcox, none) -> series -> treatment
    weights: dict[str, float]
    min_share: float
    reference: str = RIKET  # the aggregate ratios are read against (Riket, or the EU)
    aggregates: tuple[str, ...] = (RIKET,)  # rows scored but never ranked nor part of a reference distribution
    ratio_scale: dict[str, bool] = field(default_factory=dict)  # series -> its unit has a true zero
    # normalised panels by (normalisation, treatment): each column is normalised on its own, so leaving one
    # indicator out only drops its column
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def dimensions(self) -> list[str]:
        return sorted(self.groups)


@dataclass(frozen=True)
class Evaluation:
    normalised: pd.DataFrame
    dimensions: pd.DataFrame  # (year, region) x dimension, on the normalisation's own scale
    present: pd.DataFrame  # indicators present per dimension
    expected: pd.DataFrame  # indicators of the dimension (the leave-out excepted) per row
    scorable: list[str]  # the dimensions this evaluation can score at all (a leave-out can remove the content)
    params: pd.DataFrame


def treated(model: Model, treatment: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The panel and the reference observations after outlier treatment (or as they are), cached per treatment."""
    if treatment == "none":
        return model.panel, model.observations
    key = ("treated", treatment)
    if key not in model.cache:
        panel = model.panel.copy()
        obs = model.observations.copy()
        by_series = obs.groupby("series_id").indices
        values = obs["value"].to_numpy(dtype=float).copy()
        for series, t in model.treatments[treatment].items():
            if series in panel.columns:
                panel[series] = t.apply(panel[series])
                rows = by_series.get(series)
                if rows is not None:
                    values[rows] = t.apply(pd.Series(values[rows])).to_numpy()
        model.cache[key] = (panel, obs.assign(value=values))
    return model.cache[key]


def normalised_panel(model: Model, normalisation: str, treatment: str) -> tuple[np.ndarray, pd.DataFrame]:
    """The normalised panel as an array (rows x series) and its parameters, cached (riket_index is computed on
    the untreated values whatever the treatment)."""
    key = (normalisation, "none" if normalisation == "riket_index" else treatment)
    if key not in model.cache:
        panel, obs = treated(model, key[1])
        frame, params = normalise(panel, obs, model.polarity, normalisation, untreated=model.panel,
                                  reference=model.reference, ratio_scale=model.ratio_scale)
        model.cache[key] = (frame.to_numpy(dtype=float), params)
    return model.cache[key]


def _comparable(model: Model) -> np.ndarray:
    """Per row and series: whether the series is comparable in the row's year."""
    if "comparable" not in model.cache:
        years = model.panel.index.get_level_values("year")
        model.cache["comparable"] = model.available.reindex(index=years, columns=model.panel.columns).fillna(
            False).to_numpy(dtype=bool)
    return model.cache["comparable"]


def dimension_arrays(model: Model, normalisation: str, treatment: str, leave_out: str | None = None
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The dimension scores as arrays over ``model.dimensions``: (scores rows x dimensions, indicators present
    rows x dimensions, whether each dimension can be scored at all under this leave-out)."""
    columns = list(model.panel.columns)
    values, _ = normalised_panel(model, normalisation, treatment)
    comparable = _comparable(model)
    dims = model.dimensions
    scores = np.full((len(values), len(dims)), np.nan)
    present = np.zeros((len(values), len(dims)), dtype=int)
    scorable = np.zeros(len(dims), dtype=bool)
    for k, dim in enumerate(dims):
        kept = [s for s in model.groups[dim] if s != leave_out]
        requirement = model.requirements.get(dim)
        contents = [model.contents[s] for s in kept]
        if not kept or (requirement is not None and not requirement.met(contents)):
            continue  # a leave-out took the only indicator, or the content the dimension needs
        scorable[k] = True
        idx = [columns.index(s) for s in kept]
        block = values[:, idx]
        mask = ~np.isnan(block)
        n = mask.sum(axis=1)
        score = np.where(mask, block, 0.0).sum(axis=1) / np.where(n > 0, n, np.nan)
        ok = comparable[:, idx].all(axis=1) & (n >= np.ceil(model.min_share * len(idx) - 1e-9)) & (n > 0)
        if requirement is not None:
            ok &= requirement.met_rows(mask, contents)
        scores[:, k] = np.where(ok, score, np.nan)
        present[:, k] = n
        if not np.isfinite(block).any():  # no indicator of it has a value under this normalisation (a ratio of an
            scorable[k] = False           # interval scale): the dimension is left out, for every region alike
    return scores, present, scorable


def evaluate(model: Model, normalisation: str, treatment: str, leave_out: str | None = None) -> Evaluation:
    scores, present, scorable = dimension_arrays(model, normalisation, treatment, leave_out)
    values, all_params = normalised_panel(model, normalisation, treatment)
    columns = list(model.panel.columns)
    kept_dims = [d for d, ok in zip(model.dimensions, scorable) if ok]
    index = model.panel.index
    take = [model.dimensions.index(d) for d in kept_dims]
    expected = np.array([[len([s for s in model.groups[d] if s != leave_out]) for d in kept_dims]] * len(index))
    kept_columns = [c for c in columns if c != leave_out]
    full = pd.DataFrame(values, index=index, columns=columns)[kept_columns]
    return Evaluation(full, pd.DataFrame(scores[:, take], index=index, columns=kept_dims),
                      pd.DataFrame(present[:, take], index=index, columns=kept_dims),
                      pd.DataFrame(expected.reshape(len(index), len(kept_dims)), index=index, columns=kept_dims),
                      kept_dims, all_params[all_params["series_id"].isin(kept_columns)])


def overall(model: Model, evaluation: Evaluation, normalisation: str, aggregation: str,
            weights: Mapping[str, float] | None = None) -> pd.Series:
    """The overall index of each row: the weighted mean (arithmetic, or geometric on a positive scale) of every
    dimension the evaluation can score; a row lacking one of them gets none."""
    dims = evaluation.dimensions.reindex(columns=evaluation.scorable)
    if not len(dims.columns):
        return pd.Series(np.nan, index=dims.index)
    weights = weights if weights is not None else model.weights
    w = np.array([weights.get(d, 1.0) for d in dims.columns], dtype=float)
    block = positive(dims, normalisation).to_numpy(dtype=float) if aggregation == "geometric" else dims.to_numpy(
        dtype=float)
    score, n = weighted_mean(block, w, aggregation)
    return pd.Series(np.where(n == len(dims.columns), score, np.nan), index=dims.index)
