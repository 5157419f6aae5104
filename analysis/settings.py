"""The analysis settings, one object with defaults; every analysis table records the settings it was computed with."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The report's periods of the years' trajectory (Figure 6)
DEFAULT_PERIODS: tuple[tuple[str, int, int], ...] = (
    ("2013-2017", 2013, 2017),
    ("2018-2020", 2018, 2020),
    ("2021-2024", 2021, 2024),
)

# Which METRIC dimensions make up the two indicator clusters the report contrasts (used to name the clusters found by
# the sign of PC1, or directly when cluster_method = "dimension").
DEFAULT_CLUSTER_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "research_knowledge": ("fou", "human_capital", "culture"),
    "market_digital": ("financial_capital", "entrepreneurship", "infrastructure", "markets", "technology",
                       "business_support", "actors_linkages", "legal_regulatory", "general"),
}


@dataclass(frozen=True)
class AnalysisSettings:
    window_start: int = 2013
    window_end: int = 2024
    # an indicator series needs at least this many observed years in the window to enter the PCA
    min_observed_years: int = 3
    # qualifiers whose values count as observations (bounds such as "over 130" and approximations do not)
    observed_qualifiers: tuple[str, ...] = ("exact",)
    # METRIC's selection: keep series whose cos2 on the PC1-PC2 plane reaches this in the first pass
    cos2_threshold: float = 0.3
    periods: tuple[tuple[str, int, int], ...] = DEFAULT_PERIODS
    # "pc1_sign": clusters by the sign of each kept series' PC1 coordinate; "dimension": by cluster_dimensions
    cluster_method: str = "pc1_sign"
    cluster_dimensions: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_CLUSTER_DIMENSIONS))
    bootstrap_resamples: int = 200
    seed: int = 20240613
    # how many improving / worsening indicators per dimension the strengths-and-weaknesses table keeps
    top_per_dimension: int = 3

    def __post_init__(self) -> None:
        if self.window_end < self.window_start:
            raise ValueError(f"window_end {self.window_end} is before window_start {self.window_start}")
        if self.min_observed_years < 2:
            raise ValueError("min_observed_years must be at least 2 (interpolation needs two points)")
        if not 0 <= self.cos2_threshold <= 1:
            raise ValueError("cos2_threshold must lie in [0, 1]")
        if self.cluster_method not in ("pc1_sign", "dimension"):
            raise ValueError("cluster_method must be 'pc1_sign' or 'dimension'")

    @property
    def years(self) -> list[int]:
        return list(range(self.window_start, self.window_end + 1))

    def period_of(self, year: int) -> str | None:
        for label, start, end in self.periods:
            if start <= year <= end:
                return label
        return None

    def as_dict(self) -> dict:
        return asdict(self)
