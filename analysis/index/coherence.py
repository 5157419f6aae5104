"""Statistical coherence, as the JRC audits a composite indicator, on an edition's treated and normalised data over
the regions (every year of its comparable series pooled, pairwise complete):

* Cronbach's alpha of a dimension's indicators (standardised items: k r / (1 + (k - 1) r), r the mean correlation);
* each indicator's item-rest correlation (with the mean of the dimension's other indicators), its correlation with
  its dimension score and with the overall index.

The statistics describe the index; they decide nothing. An indicator enters a dimension for what it measures
(seeds/index_indicators, index_requirements), not for agreeing with the rest: a rule that drops whichever indicator
agrees least keeps whatever agrees and rewards redundancy. A low alpha says the dimension's indicators measure
different sides of it, which the report shows beside the score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def cronbach_alpha(block: pd.DataFrame) -> float:
    """Standardised alpha from the pairwise-complete correlation matrix; nan for fewer than two items."""
    k = block.shape[1]
    if k < 2:
        return float("nan")
    corr = block.corr().to_numpy()
    mean_r = (np.nansum(corr) - k) / (k * (k - 1))
    denominator = 1 + (k - 1) * mean_r
    return float(k * mean_r / denominator) if abs(denominator) > 1e-12 else float("nan")


def item_rest(block: pd.DataFrame) -> pd.Series:
    """Each column's correlation with the mean of the other columns (rows with at least one other present)."""
    out = {}
    for column in block.columns:
        rest = block.drop(columns=column).mean(axis=1)
        pair = pd.concat([block[column], rest], axis=1).dropna()
        out[column] = float(pair.corr().iloc[0, 1]) if len(pair) > 2 and pair.std().gt(0).all() else np.nan
    return pd.Series(out, dtype=float)


def verdict(alpha: float, rest: pd.Series, n_items: int) -> str:
    """In words: one indicator (nothing to test), coherent (alpha >= 0.5, no negative item-rest correlation), or
    the indicators measure different sides of the dimension."""
    if n_items < 2:
        return "one indicator: no coherence to test"
    if not np.isnan(alpha) and alpha >= 0.5 and not (rest < 0).any():
        return "coherent"
    return "the indicators measure different sides of the dimension (alpha below 0.5 or a negative item-rest correlation)"


def coherence_rows(normalised: pd.DataFrame, dims: pd.DataFrame, overall: pd.Series,
                   groups: dict[str, list[str]]) -> pd.DataFrame:
    """Per dimension its alpha and verdict, per indicator its item-rest correlation and (COINr's get_corr) its
    correlation with its dimension and with the overall index."""
    rows = []
    for dim, members in sorted(groups.items()):
        block = normalised[members]
        alpha = cronbach_alpha(block)
        rest = item_rest(block) if len(members) >= 2 else pd.Series(dtype=float)
        rows.append({"dimension_id": dim, "series_id": None, "n_items": len(members), "cronbach_alpha": alpha,
                     "verdict": verdict(alpha, rest, len(members))})
        for series in members:
            x = normalised[series]
            rows.append({"dimension_id": dim, "series_id": series, "n": int(x.notna().sum()),
                         "item_rest_r": rest.get(series, np.nan),
                         "r_with_dimension": x.corr(dims[dim]) if dim in dims else np.nan,
                         "r_with_index": x.corr(overall)})
    return pd.DataFrame(rows)
