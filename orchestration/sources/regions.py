"""Sweden's regions at every level the publishers use: the country (Riket, ``00`` / NUTS ``SE``), the NUTS1 and NUTS2
regions (region code = NUTS code, e.g. ``SE33`` Övre Norrland) and the 21 län (SCB code, e.g. ``24``, NUTS3
``SE331``).

The single list lives in the dbt seed ``dbt_project/seeds/regions.csv`` (it becomes ``dim_region``); Python reads
the same file, so extract validation and the warehouse can never disagree about which codes exist. Every value
keeps the region it was published for: a NUTS2 value is never copied onto a län.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REGIONS_SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "regions.csv"
LEVELS = ("country", "nuts1", "nuts2", "county")
EXTRA_REGIO_SUFFIX = "Z"  # Eurostat's Extra-Regio codes (SEZ, SEZZ, SEZZZ): no territory, never a region here
NOT_REGIONALISED_SUFFIX = "X"  # Eurostat's "not regionalised" codes (SEX, ...): no territory either


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # one of LEVELS
    nuts: str
    nuts1: str | None
    nuts2: str | None
    nuts2_name: str | None
    nuts3: str | None


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    with REGIONS_SEED.open(encoding="utf-8", newline="") as handle:
        return {
            row["region_code"]: Region(
                code=row["region_code"], name=row["region_name"], level=row["region_level"],
                nuts=row["nuts_code"], nuts1=row["nuts1_code"] or None, nuts2=row["nuts2_code"] or None,
                nuts2_name=row["nuts2_name"] or None, nuts3=row["nuts3_code"] or None,
            )
            for row in csv.DictReader(handle)
        }


def county_codes() -> frozenset[str]:
    return frozenset(code for code, region in regions().items() if region.level == "county")


def is_known_region(code: str) -> bool:
    return code in regions()


def region_for_nuts(nuts_code: str) -> str | None:
    """The region code of a NUTS code (``SE331`` -> ``24``, ``SE33`` -> ``SE33``, ``SE`` -> ``00``), or None."""
    return {r.nuts: r.code for r in regions().values()}.get(nuts_code)


def is_extra_regio(nuts_code: str) -> bool:
    """Extra-Regio (``SEZ``...) or not regionalised (``SEX``...): a code with no territory."""
    return (nuts_code.startswith("SE") and len(nuts_code) >= 3
            and nuts_code.endswith((EXTRA_REGIO_SUFFIX, NOT_REGIONALISED_SUFFIX)))


def region_for_name(name: str) -> str | None:
    """The region code of a region's Swedish name as publishers print it (``Västerbottens län``, ``Riket``)."""
    names = {r.name.casefold(): r.code for r in regions().values()}
    return names.get(name.strip().casefold())


def validate_county(code: str) -> str:
    """Return ``code`` if it names one of the 21 län, else raise a ValueError listing the valid codes."""
    if code not in county_codes():
        raise ValueError(f"unknown län code {code!r}: expected one of {', '.join(sorted(county_codes()))}")
    return code
