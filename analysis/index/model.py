"""One evaluation of the index: the scores under one set of assumptions (normalisation, aggregation, outlier
treatment on/off, one indicator left out), from the editions' panel. The deterministic index is one evaluation;
the uncertainty analysis runs thousands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.index.aggregate import overall_scores, positive
from analysis.index.normalise import normalise
from analysis.index.treatment import Treatment


@dataclass(frozen=True)
class Model:
    panel: pd.DataFrame  # index (edition, region_code), one column per series, real terms, Riket included
    observations: pd.DataFrame  # series_id, region_code, year, value: the regions' distinct observations
    groups: dict[str, list[str]]  # dimension -> the series scored in it (after the coherence decision)
    polarity: dict[str, int]
    treatments: dict[str, Treatment]
    weights: dict[str, float]
    min_share: float
    min_dimensions: int
    # normalised panels by (normalisation, treatment): each column is normalised on its own, so leaving one
    # indicator out only drops its column
    cache: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Evaluation:
    normalised: pd.DataFrame
    dimensions: pd.DataFrame  # (edition, region) x dimension, on the normalisation's own scale
    present: pd.DataFrame  # indicators present per dimension
    expected: pd.DataFrame  # indicators used in the row's edition per dimension
    params: pd.DataFrame


def treated(model: Model, treat: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The panel and the reference observations after outlier treatment (or as they are)."""
    if not treat:
        return model.panel, model.observations
    panel = model.panel.copy()
    obs = model.observations.copy()
    for series, treatment in model.treatments.items():
        if series in panel.columns:
            panel[series] = treatment.apply(panel[series])
            mask = obs["series_id"] == series
            obs.loc[mask, "value"] = treatment.apply(obs.loc[mask, "value"]).to_numpy()
    return panel, obs


def normalised_panel(model: Model, normalisation: str, treat: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    key = (normalisation, treat)
    if key not in model.cache:
        panel, obs = treated(model, treat)
        model.cache[key] = normalise(panel, obs, model.polarity, normalisation, untreated=model.panel)
    return model.cache[key]


def _arrays(model: Model, normalisation: str, aggregation: str, treat: bool) -> tuple[np.ndarray, pd.DataFrame]:
    """The normalised panel as an array (on a 1-100 scale for a geometric mean) and its parameters, cached."""
    key = ("array", normalisation, aggregation, treat)
    if key not in model.cache:
        full, params = normalised_panel(model, normalisation, treat)
        values = positive(full, normalisation) if aggregation == "geometric" else full
        model.cache[key] = (values.to_numpy(dtype=float), params)
    return model.cache[key]


def _used(model: Model) -> np.ndarray:
    """Per row and series: whether the series is used in the row's edition (any region or Riket has a value)."""
    if "used" not in model.cache:
        used = model.panel.notna().groupby(level="edition").any()
        model.cache["used"] = used.reindex(model.panel.index.get_level_values("edition")).to_numpy(dtype=bool)
    return model.cache["used"]


def evaluate(model: Model, normalisation: str, aggregation: str, treat: bool,
             leave_out: str | None = None) -> Evaluation:
    columns = list(model.panel.columns)
    values, all_params = _arrays(model, normalisation, aggregation, treat)
    used = _used(model)
    groups = {d: [columns.index(s) for s in members if s in columns and s != leave_out]
              for d, members in model.groups.items()}
    groups = {d: idx for d, idx in groups.items() if idx}
    scores, present, expected = {}, {}, {}
    for dim, idx in groups.items():
        block = values[:, idx]
        mask = ~np.isnan(block)
        n = mask.sum(axis=1)
        if aggregation == "geometric":
            score = np.exp(np.where(mask, np.log(np.where(mask, block, 1.0)), 0.0).sum(axis=1)
                           / np.where(n > 0, n, np.nan))
        else:
            score = np.where(mask, block, 0.0).sum(axis=1) / np.where(n > 0, n, np.nan)
        e = used[:, idx].sum(axis=1)
        scores[dim] = np.where((n >= np.ceil(model.min_share * e - 1e-9)) & (e > 0), score, np.nan)
        present[dim], expected[dim] = n, e
    index = model.panel.index
    kept = [c for c in columns if c != leave_out]
    full = model.cache[(normalisation, treat)][0]
    return Evaluation(full[kept], pd.DataFrame(scores, index=index), pd.DataFrame(present, index=index),
                      pd.DataFrame(expected, index=index), all_params[all_params["series_id"].isin(kept)])


def overall(model: Model, dims: pd.DataFrame, weights: Mapping[str, float] | None = None,
            require_min_dimensions: bool = True) -> pd.Series:
    """The overall index of each row: every dimension scored in its edition present, and (for the nominal index) at
    least ``min_dimensions`` of them; else missing. An uncertainty draw that leaves out a dimension's only
    indicator scores the edition without that dimension."""
    score, _ = overall_scores(dims, weights if weights is not None else model.weights)
    if not require_min_dimensions:
        return score
    scored = dims.notna().groupby(level="edition").any().sum(axis=1)
    enough = scored.reindex(dims.index.get_level_values("edition")).to_numpy() >= model.min_dimensions
    return score.where(enough)
