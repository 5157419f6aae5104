"""The composite index's settings, one object; every index table records them."""

from __future__ import annotations

from dataclasses import asdict, dataclass

RIKET = "00"
# the two levels the index is built for: the län (SCB's counties) and the NUTS2 regions
LEVELS = ("county", "nuts2")
NORMALISATIONS = ("minmax", "zscore", "rank", "riket_index")
# how the dimensions are combined into the overall index (within a dimension its indicators are always averaged)
AGGREGATIONS = ("arithmetic", "geometric")
# outlier treatment: COINr's default (winsorise, then log_CT), Box-Cox in place of the log, or none
TREATMENTS = ("coinr", "boxcox", "none")
# a region against Riket on the ratio scale (the index of distances to Riket, Riket = 100): "clearly" where the
# interval of the uncertainty analysis does not reach 100; "above"/"below" where nothing could vary (one indicator,
# the published values: no interval)
AGAINST_RIKET = ("clearly_above", "near", "clearly_below", "above", "below")


@dataclass(frozen=True)
class IndexSettings:
    first_edition: int = 2013
    last_edition: int | None = None  # None: the latest year any index indicator has a value
    # an edition uses each indicator's most recent value at most this many years old (RIS: the latest available);
    # the same rule places every year of an edition's comparable series
    max_lag: int = 3
    # an indicator's year needs Riket's value and values for at least this share of the regions
    min_regions_share: float = 2 / 3
    normalisation: str = "minmax"
    aggregation: str = "arithmetic"
    treatment: str = "coinr"
    # COINr's defaults: an indicator fails when |skewness| >= 2 and kurtosis >= 3.5 (over the regions' observations)
    skew_limit: float = 2.0
    kurtosis_limit: float = 3.5
    max_winsorised: int = 5
    # a dimension score needs this share of its indicators (and its required content); the overall index every
    # dimension of its edition
    min_share_present: float = 2 / 3
    # an edition's overall index needs at least this many scored dimensions
    min_dimensions: int = 3
    # an indicator that cannot tell regions apart is context, not scored: the median rank correlation between its
    # consecutive years below this floor (the regions' order is noise), or a share whose regions' median lies at or
    # above this level (saturated: nearly everyone is at the ceiling)
    rank_correlation_floor: float = 0.5
    saturation_level: float = 95.0
    # uncertainty: Saltelli's design with this many base samples (a power of 2): base * (factors + 2) evaluations;
    # the 2 x base independent draws give the rank and ratio intervals (5-95 %)
    base_samples: int = 512
    bootstrap_resamples: int = 200
    dirichlet_concentration: float = 20.0  # weights drawn around the configured ones: Dirichlet(c * w / sum w)
    weight_scenarios: int = 25
    interval_low: float = 0.05
    interval_high: float = 0.95
    seed: int = 20240613

    def __post_init__(self) -> None:
        if self.normalisation not in NORMALISATIONS:
            raise ValueError(f"normalisation must be one of {NORMALISATIONS}")
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"aggregation must be one of {AGGREGATIONS}")
        if self.treatment not in TREATMENTS:
            raise ValueError(f"treatment must be one of {TREATMENTS}")
        if self.base_samples < 2 or self.base_samples & (self.base_samples - 1):
            raise ValueError("base_samples must be a power of 2 (Sobol' sequences)")
        if self.max_lag < 0:
            raise ValueError("max_lag must not be negative")
        if not 0 < self.interval_low < self.interval_high < 1:
            raise ValueError("the interval's quantiles must satisfy 0 < low < high < 1")

    def as_dict(self) -> dict:
        return asdict(self)
