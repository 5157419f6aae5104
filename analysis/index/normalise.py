"""Normalisation of each indicator over the regions' observations (the distinct region-years an edition's series uses; Riket
is scored against them, never part of the reference), polarity applied so that higher is always better:

* ``minmax`` (default): (x - min) / (max - min), in [0, 1] on the regions, comparable along the series;
* ``zscore``: (x - mean) / sd (population sd);
* ``rank``: the share of the regions' observations below x (ties halved), in [0, 1];
* ``riket_index``: the distance to the reference (Riket, or the EU at the European level), x / the reference's x in
  the same year (the reference = 1; inverted for less-is-better indicators), on the values before outlier treatment
  (a ratio of log-shifted values means nothing). Only a unit with a true zero has a ratio: an interval-scale
  indicator (the EQI, a standardised index) has none and is left out of this normalisation.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.index.settings import NORMALISATIONS, RIKET


def normalise(panel: pd.DataFrame, observations: pd.DataFrame, polarity: Mapping[str, int], method: str,
              untreated: pd.DataFrame | None = None, reference: str = RIKET,
              ratio_scale: Mapping[str, bool] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``panel``: index (year, region_code), one column per series (treated values); ``observations``: series_id,
    value (the regions' treated observations, what min-max, z-score and rank are computed over); ``untreated``: the
    panel before treatment, ``reference``: the aggregate and ``ratio_scale``: which series have a ratio (for
    ``riket_index``). Returns the normalised panel and one row of parameters per series."""
    if method not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {method!r}")
    out, params = pd.DataFrame(index=panel.index), []
    observed = {s: g["value"].to_numpy(dtype=float) for s, g in observations.groupby("series_id")}
    for column in panel.columns:
        sign = -1.0 if polarity.get(column, 1) < 0 else 1.0
        x = sign * panel[column]
        r = sign * observed.get(column, np.array([], dtype=float))
        r = r[~np.isnan(r)]
        if method == "minmax":
            low, high = (r.min(), r.max()) if len(r) else (np.nan, np.nan)
            out[column] = (x - low) / (high - low) if high > low else 0.5
            params.append({"series_id": column, "method": method, "min": low * sign, "max": high * sign})
        elif method == "zscore":
            mean, sd = (r.mean(), r.std()) if len(r) else (np.nan, np.nan)
            out[column] = (x - mean) / sd if sd > 0 else 0.0
            params.append({"series_id": column, "method": method, "mean": mean * sign, "sd": sd})
        elif method == "rank":
            ordered = np.sort(r)
            below = np.searchsorted(ordered, x.to_numpy(), side="left")
            equal = np.searchsorted(ordered, x.to_numpy(), side="right") - below
            out[column] = np.where(x.isna(), np.nan, (below + equal / 2) / max(len(ordered), 1))
            params.append({"series_id": column, "method": method, "n_reference": len(ordered)})
        else:  # riket_index: the distance to the reference
            if ratio_scale is not None and not ratio_scale.get(column, True):
                out[column] = np.nan  # an interval scale has no ratio
                params.append({"series_id": column, "method": method})
                continue
            base = (untreated if untreated is not None else panel)[column]
            ref = (base.xs(reference, level="region_code") if reference in base.index.get_level_values(1)
                   else pd.Series(dtype=float))
            years = base.index.get_level_values("year")
            ratio = base / pd.Series(ref.reindex(years).to_numpy(), index=base.index).replace(0, np.nan)
            out[column] = ratio if sign > 0 else 1 / ratio.replace(0, np.nan)
            params.append({"series_id": column, "method": method})
    return out, pd.DataFrame(params)
