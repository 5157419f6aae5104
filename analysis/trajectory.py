"""The years' trajectory on the first two components (the report's Figure 6): each year's position, its period,
the period's centroid, and the distance travelled from the previous year."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def trajectory(year_coords: pd.DataFrame, period_of: Callable[[int], str | None]) -> pd.DataFrame:
    """``year_coords``: index = year, columns include PC1 and PC2 (the final PCA's year scores)."""
    frame = year_coords[["PC1", "PC2"]].sort_index().rename(columns={"PC1": "pc1", "PC2": "pc2"})
    frame.index.name = "year"
    frame = frame.reset_index()
    frame["period"] = [period_of(int(y)) for y in frame["year"]]
    centroids = frame.groupby("period", dropna=False)[["pc1", "pc2"]].transform("mean")
    frame["period_centroid_pc1"] = centroids["pc1"]
    frame["period_centroid_pc2"] = centroids["pc2"]
    steps = np.hypot(frame["pc1"].diff(), frame["pc2"].diff())
    frame["step_distance"] = steps
    frame["cumulative_distance"] = steps.fillna(0).cumsum()
    return frame
