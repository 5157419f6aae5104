"""The composite index's settings, one object; every index table records them."""

from __future__ import annotations

from dataclasses import asdict, dataclass

RIKET = "00"
# the two levels the index is built for: the län (SCB's counties) and the NUTS2 regions
LEVELS = ("county", "nuts2")
NORMALISATIONS = ("minmax", "zscore", "rank", "riket_index")
AGGREGATIONS = ("arithmetic", "geometric")
# the EIS/RIS performance groups by a region's score relative to Riket's (%)
GROUPS = ((125.0, "leader"), (100.0, "strong"), (70.0, "moderate"), (float("-inf"), "emerging"))


@dataclass(frozen=True)
class IndexSettings:
    first_edition: int = 2013
    last_edition: int | None = None  # None: the latest year any index indicator has a value
    # an edition uses each indicator's most recent value at most this many years old (RIS: the latest available)
    max_lag: int = 3
    # an indicator's year in an edition needs Riket's value and values for at least this share of the regions
    min_regions_share: float = 2 / 3
    normalisation: str = "minmax"
    aggregation: str = "arithmetic"
    treat_outliers: bool = True
    # COINr's defaults: an indicator fails when |skewness| >= 2 and kurtosis >= 3.5 (over the regions' observations)
    skew_limit: float = 2.0
    kurtosis_limit: float = 3.5
    max_winsorised: int = 5
    # a dimension score needs this share of its indicators; the overall index every dimension of its edition
    min_share_present: float = 2 / 3
    # an edition's overall index needs at least this many scored dimensions
    min_dimensions: int = 3
    # a dimension whose indicators disagree (alpha below this, or a negative item-rest correlation) is not averaged
    alpha_limit: float = 0.5
    # uncertainty: Saltelli's design with this many base samples (a power of 2): base * (factors + 2) evaluations;
    # the 2 x base independent draws give the rank intervals
    base_samples: int = 512
    bootstrap_resamples: int = 200
    dirichlet_concentration: float = 20.0  # weights drawn around the configured ones: Dirichlet(c * w / sum w)
    weight_scenarios: int = 25
    seed: int = 20240613

    def __post_init__(self) -> None:
        if self.normalisation not in NORMALISATIONS:
            raise ValueError(f"normalisation must be one of {NORMALISATIONS}")
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"aggregation must be one of {AGGREGATIONS}")
        if self.base_samples < 2 or self.base_samples & (self.base_samples - 1):
            raise ValueError("base_samples must be a power of 2 (Sobol' sequences)")
        if self.max_lag < 0:
            raise ValueError("max_lag must not be negative")

    def as_dict(self) -> dict:
        return asdict(self)
