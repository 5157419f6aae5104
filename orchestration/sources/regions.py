"""Sweden's 21 län with their SCB and NUTS codes, plus 00 Riket.

The single list lives in the dbt seed ``dbt_project/seeds/regions.csv`` (it becomes ``dim_region``); Python reads
the same file, so extract validation and the warehouse can never disagree about which codes exist.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REGIONS_SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "regions.csv"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # "country" or "county"
    nuts3: str | None
    nuts2: str | None
    nuts2_name: str | None


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    with REGIONS_SEED.open(encoding="utf-8", newline="") as handle:
        return {
            row["region_code"]: Region(
                code=row["region_code"],
                name=row["region_name"],
                level=row["region_level"],
                nuts3=row["nuts3_code"] or None,
                nuts2=row["nuts2_code"] or None,
                nuts2_name=row["nuts2_name"] or None,
            )
            for row in csv.DictReader(handle)
        }


def county_codes() -> frozenset[str]:
    return frozenset(code for code, region in regions().items() if region.level == "county")


def is_known_region(code: str) -> bool:
    return code in regions()


def validate_county(code: str) -> str:
    """Return ``code`` if it names one of the 21 län, else raise a ValueError listing the valid codes."""
    if code not in county_codes():
        raise ValueError(f"unknown län code {code!r}: expected one of {', '.join(sorted(county_codes()))}")
    return code
