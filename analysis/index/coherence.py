"""Statistical coherence, as the JRC audits a composite indicator, on the treated and normalised data over the
regions (every edition pooled, pairwise complete):

* Cronbach's alpha of a dimension's indicators (standardised items: k r / (1 + (k - 1) r), r the mean correlation);
* each indicator's item-rest correlation (with the mean of the dimension's other indicators), its correlation with
  its dimension score and with the overall index.

A dimension whose indicators disagree (alpha below ``alpha_limit`` or a negative item-rest correlation) is not
averaged as if it measured one thing: an indicator is set aside, chosen among those with a negative item-rest
correlation (or among all, when alpha alone is too low) as the one that correlates least with the rest of the index
(the mean of the other dimensions: JRC's "silent indicator"), until what remains coheres or one indicator remains. Every step is recorded. Choosing by
agreement with the rest of the index favours coherence with it; the table shows what was set aside and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


def cronbach_alpha(block: pd.DataFrame) -> float:
    """Standardised alpha from the pairwise-complete correlation matrix; nan for fewer than two items."""
    k = block.shape[1]
    if k < 2:
        return float("nan")
    corr = block.corr().to_numpy()
    mean_r = (np.nansum(corr) - k) / (k * (k - 1))
    return float(k * mean_r / (1 + (k - 1) * mean_r))


def item_rest(block: pd.DataFrame) -> pd.Series:
    """Each column's correlation with the mean of the other columns (rows with at least one other present)."""
    out = {}
    for column in block.columns:
        rest = block.drop(columns=column).mean(axis=1)
        pair = pd.concat([block[column], rest], axis=1).dropna()
        out[column] = float(pair.corr().iloc[0, 1]) if len(pair) > 2 and pair.std().gt(0).all() else np.nan
    return pd.Series(out, dtype=float)


@dataclass(frozen=True)
class Decision:
    dimension_id: str
    items: list[str]
    kept: list[str]
    alpha_all: float
    alpha_kept: float
    item_rest: dict[str, float]
    set_aside: list[dict] = field(default_factory=list)  # series_id, reason

    @property
    def verdict(self) -> str:
        if len(self.items) < 2:
            return "one indicator: no coherence to test"
        if not self.set_aside:
            return "coherent"
        return ("indicators disagree: scored on one indicator" if len(self.kept) == 1
                else "indicators disagree: scored on the coherent ones")


def decide(dimension_id: str, block: pd.DataFrame, outside: pd.Series | None, alpha_limit: float) -> Decision:
    """Which of a dimension's indicators (``block``: normalised values, rows = region-editions) are scored.
    ``outside``: the mean of the other dimensions' indicators per row (the rest of the index)."""
    items = list(block.columns)
    kept = list(items)
    alpha_all = cronbach_alpha(block)
    first_rest = item_rest(block).to_dict() if len(items) >= 2 else {}
    set_aside = []
    while len(kept) >= 2:
        alpha = cronbach_alpha(block[kept])
        rest = item_rest(block[kept])
        if not (alpha < alpha_limit or (rest < 0).any()):
            break
        negative = rest[rest < 0]
        candidates = list(negative.index) if len(negative) else kept
        r = block[candidates].corrwith(outside) if outside is not None and outside.notna().sum() >= 3 else None
        if r is not None and r.notna().any():
            worst = r.idxmin()
            why = f"the least correlated with the rest of the index (r = {r[worst]:+.2f})"
        else:
            worst = rest[candidates].idxmin()
            why = "the lowest item-rest correlation"
        if len(negative):
            reason = (f"negative item-rest correlation ({rest[worst]:+.2f}; alpha {alpha:.2f}); of those, {why}")
        else:
            reason = f"alpha {alpha:.2f} < {alpha_limit}: {why}"
        set_aside.append({"series_id": worst, "reason": reason})
        kept.remove(worst)
    alpha_kept = cronbach_alpha(block[kept]) if len(kept) >= 2 else float("nan")
    return Decision(dimension_id, items, kept, alpha_all, alpha_kept, first_rest, set_aside)


def correlations(normalised: pd.DataFrame, dims: pd.DataFrame, overall: pd.Series,
                 groups: dict[str, list[str]]) -> pd.DataFrame:
    """COINr's get_corr: each indicator's correlation with its dimension score and with the overall index."""
    rows = []
    for dim, members in groups.items():
        for series in members:
            x = normalised[series]
            r_dim = x.corr(dims[dim]) if dim in dims else np.nan
            rows.append({"dimension_id": dim, "series_id": series, "n": int(x.notna().sum()),
                         "r_with_dimension": r_dim, "r_with_index": x.corr(overall)})
    return pd.DataFrame(rows)
