"""The composite index's settings, one object; every index table records them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

RIKET = "00"
EU = "EU27"  # the EU-27's aggregate, the reference of the European level
# the levels the index is built for: the län (SCB's counties), Sweden's NUTS2 regions, and the EU's NUTS2 regions
LEVELS = ("county", "nuts2", "europe")
NORMALISATIONS = ("minmax", "zscore", "rank", "riket_index")
# how the dimensions are combined into the overall index (within a dimension its indicators are always averaged)
AGGREGATIONS = ("arithmetic", "geometric")
# outlier treatment: COINr's default (winsorise, then log_CT), Box-Cox in place of the log, or none
TREATMENTS = ("coinr", "boxcox", "none")
# a region against Riket on the ratio scale (the index of distances to Riket, Riket = 100): "clearly" where the
# interval of the uncertainty analysis does not reach 100; "above"/"below" where nothing could vary (one indicator,
# the published values: no interval)
AGAINST_RIKET = ("clearly_above", "near", "clearly_below", "above", "below")
# the European level's groups relative to the EU's average, as the Regional Innovation Scoreboard draws them (its
# thresholds, 125 / 100 / 70 % of the EU), here on the ratio-scale index of distances to the EU
EU_GROUPS = ((125.0, "leader"), (100.0, "strong"), (70.0, "moderate"), (float("-inf"), "emerging"))


@dataclass(frozen=True)
class Scope:
    """Who an index is about: the regions it ranks, the aggregate its ratios and labels are read against (Riket, or
    the EU for the European level) and every aggregate it scores without ranking (Riket, and the EU)."""

    level: str
    regions: tuple[str, ...]
    reference: str = RIKET
    aggregates: tuple[str, ...] = (RIKET,)
    description: str = ""  # in words, for the tables' scope column

    def __post_init__(self) -> None:
        if self.reference not in self.aggregates:
            raise ValueError("the reference must be one of the aggregates")

    @property
    def rows(self) -> tuple[str, ...]:
        return (*self.regions, *self.aggregates)


@dataclass(frozen=True)
class IndexSettings:
    first_edition: int = 2013
    last_edition: int | None = None  # None: the latest year any index indicator has a value
    # the European level's editions end with the data year of its main source, the Regional Competitiveness Index
    # 2022 (data to 2021): a later edition would only age its indicators out of the lag (the EQI's 2024 wave alone
    # reaches further)
    europe_last_edition: int | None = 2021
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
    # ... or, where the publisher gives margins of error, fewer than this share of the pairs of regions differ by
    # more than the margin of their difference in every year
    min_separable_pairs: float = 0.5
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


def index_scope(level: str, regions: "pd.DataFrame") -> Scope:
    """The scope of a level from the regions table (region_code, region_level): the 21 län or Sweden's 8 NUTS2
    regions against Riket; the EU's NUTS2 regions (Sweden's among them) against the EU, with Riket scored too."""
    if level == "europe":
        members = regions.loc[regions["region_level"].isin(("nuts2", "europe_nuts2")), "region_code"]
        return Scope(level, tuple(sorted(members)), EU, (EU, RIKET),
                     f"the EU's {len(members)} NUTS2 regions against the EU-27 (Riket scored as an aggregate)")
    members = tuple(sorted(regions.loc[regions["region_level"] == level, "region_code"]))
    kind = "län" if level == "county" else "NUTS2 regions"
    return Scope(level, members, description=f"Sweden's {len(members)} {kind} against Riket")
