"""The analysis settings, one object with defaults; every analysis table records the settings it was computed with."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class AnalysisSettings:
    window_start: int = 2013
    window_end: int = 2024
    # an indicator series needs at least this many observed years in the window to enter the PCA
    min_observed_years: int = 3
    # qualifiers whose values count as observations (bounds such as "over 130" and approximations do not)
    observed_qualifiers: tuple[str, ...] = ("exact",)

    def __post_init__(self) -> None:
        if self.window_end < self.window_start:
            raise ValueError(f"window_end {self.window_end} is before window_start {self.window_start}")
        if self.min_observed_years < 2:
            raise ValueError("min_observed_years must be at least 2 (interpolation needs two points)")

    @property
    def years(self) -> list[int]:
        return list(range(self.window_start, self.window_end + 1))

    def as_dict(self) -> dict:
        return asdict(self)
