"""The analysis settings, one object with defaults; every analysis table records the settings it was computed with."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The report's periods of the years' trajectory (Figure 6)
DEFAULT_PERIODS: tuple[tuple[str, int, int], ...] = (
    ("2013-2017", 2013, 2017),
    ("2018-2020", 2018, 2020),
    ("2021-2024", 2021, 2024),
)

# Which METRIC dimensions make up the two indicator clusters the report contrasts, by meaning (the report's reading:
# FoU, human capital and culture vs markets, technology, financial capital and entrepreneurship). Series of other
# dimensions belong to neither cluster.
DEFAULT_CLUSTER_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "research_knowledge": ("fou", "human_capital", "culture"),
    "market_digital": ("markets", "technology", "financial_capital", "entrepreneurship"),
}


@dataclass(frozen=True)
class AnalysisSettings:
    window_start: int = 2013
    window_end: int = 2024
    # an indicator series needs at least this many observed years in the window to enter the PCA
    min_observed_years: int = 3
    # qualifiers whose values count as observations (bounds such as "over 130" and approximations do not: they
    # constrain the filled-in values instead)
    observed_qualifiers: tuple[str, ...] = ("exact",)
    # values are carried at most this many years beyond a series' first/last observation; a series needing more
    # is left out, or the window is shortened to what the series cover (at least min_window_years long)
    max_extrapolation_years: int = 1
    min_window_years: int = 8
    # a filled-in value contradicting a published bound is "clip"ped to it, or its series is left out ("leave_out")
    bound_policy: str = "clip"
    # "about 40" bounds a filled-in value to 40 +/- this share
    approx_tolerance: float = 0.1
    # indicators measuring the same quantity (with the same breakdown) enter the PCA once: the first listed present
    same_quantity: tuple[tuple[str, ...], ...] = (
        ("mk_gdp_per_inhabitant", "mk_gdp_per_inhabitant_pps", "mk_gdp_per_inhabitant_index"),
        ("ent_new_firms_per_1000", "ent_new_firms"),
        ("fou_rd_expenditure_per_inhabitant", "fou_rd_expenditure"),
    )
    # at most this many series (breakdowns) of one indicator enter the PCA, so no indicator outweighs the others
    max_series_per_indicator: int = 5
    # METRIC's selection: keep series whose cos2 on the PC1-PC2 plane reaches this in the first pass
    cos2_threshold: float = 0.3
    periods: tuple[tuple[str, int, int], ...] = DEFAULT_PERIODS
    # "dimension": clusters by meaning (cluster_dimensions); "pc1_sign": by the sign of PC1 (anti-correlated by
    # construction: kept only to reproduce the report's reading)
    cluster_method: str = "dimension"
    cluster_dimensions: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_CLUSTER_DIMENSIONS))
    # the report's cluster correlation and its number of years, shown beside ours
    report_cluster_r: float = -0.38
    report_cluster_n: int = 12
    bootstrap_resamples: int = 200
    # moving-block bootstrap over years: block length (None = n^(1/3), at least 2)
    block_length: int | None = None
    # null models: column permutations (parallel analysis) and random-walk panels; each p-value is reported with its
    # Monte-Carlo interval, so these sizes decide how narrow it is (5,000 walks: about +/- 0.006 around 0.05)
    null_permutations: int = 1000
    random_walk_simulations: int = 5000
    # the cross-section PCA needs a year with at least this many series published for all 21 län
    cross_section_min_series: int = 4
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
        if self.bound_policy not in ("clip", "leave_out"):
            raise ValueError("bound_policy must be 'clip' or 'leave_out'")
        if self.max_extrapolation_years < 0:
            raise ValueError("max_extrapolation_years must not be negative")

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
