"""The regions at every level the publishers use: Sweden's country (Riket, ``00`` / NUTS ``SE``), NUTS1 and NUTS2
regions (region code = NUTS code, e.g. ``SE33`` Övre Norrland) and 21 län (SCB code, e.g. ``24``, NUTS3 ``SE331``);
and Europe's: the EU (``EU27``), the other EU countries (``europe_country``), their NUTS2 regions of NUTS 2021
(``europe_nuts2``, code = NUTS code) and the Regional Competitiveness Index's merged capital areas
(``europe_merged``: ``AT_C`` = AT12 + AT13, never a region of the comparison).

The single list lives in the dbt seed ``dbt_project/seeds/regions.csv`` (it becomes ``dim_region``); Python reads
the same file, so extract validation and the warehouse can never disagree about which codes exist. Every value
keeps the region it was published for: a NUTS2 value is never copied onto a län, a NUTS1 value never onto a NUTS2
region.

**NUTS versions.** Europe's files use NUTS 2021 codes, except where they do not: a code of an earlier version or
another level is looked up in ``dbt_project/seeds/nuts_changes.csv``. A code whose territory did not change
(``same_territory``: Berlin's NUTS1 code ``DE3`` is NUTS2 ``DE30``; Cyprus is ``CY00``) is joined under its NUTS
2021 code; a region that was split, merged or had its boundary changed, and a NUTS1 value covering several NUTS2
regions, is left out of the comparison and listed (``reconcile`` says why). Any other unknown code fails the file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
REGIONS_SEED = SEEDS / "regions.csv"
NUTS_CHANGES_SEED = SEEDS / "nuts_changes.csv"
LEVELS = ("country", "nuts1", "nuts2", "county", "europe", "europe_country", "europe_nuts2", "europe_merged")
EUROPE_NUTS2_LEVELS = ("nuts2", "europe_nuts2")  # Europe's NUTS2 regions, Sweden's eight among them
EXTRA_REGIO_SUFFIX = "Z"  # Eurostat's Extra-Regio codes (SEZ, SEZZ, SEZZZ): no territory, never a region here
NOT_REGIONALISED_SUFFIX = "X"  # Eurostat's "not regionalised" codes (SEX, ...): no territory either
SAME_TERRITORY = "same_territory"
RENAMED = "renamed"
MAPPED = (SAME_TERRITORY, RENAMED)  # the statuses under which a code joins a NUTS 2021 region


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
    country: str | None = None
    nuts_version: str | None = None


@dataclass(frozen=True)
class NutsChange:
    code: str
    status: str  # same_territory, split, merged, boundary_changed, nuts1_value
    nuts2021: tuple[str, ...]
    since: str
    note: str


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    with REGIONS_SEED.open(encoding="utf-8", newline="") as handle:
        return {
            row["region_code"]: Region(
                code=row["region_code"], name=row["region_name"], level=row["region_level"],
                nuts=row["nuts_code"], nuts1=row["nuts1_code"] or None, nuts2=row["nuts2_code"] or None,
                nuts2_name=row["nuts2_name"] or None, nuts3=row["nuts3_code"] or None,
                country=row.get("country_code") or None, nuts_version=row.get("nuts_version") or None,
            )
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def nuts_changes() -> dict[str, NutsChange]:
    with NUTS_CHANGES_SEED.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: NutsChange(row["code"], row["status"], tuple(row["nuts2021_codes"].split()),
                                        row["since"], row["note"]) for row in csv.DictReader(handle)}


def county_codes() -> frozenset[str]:
    return frozenset(code for code, region in regions().items() if region.level == "county")


def is_known_region(code: str) -> bool:
    return code in regions()


@lru_cache(maxsize=1)
def _by_nuts() -> dict[str, str]:
    return {r.nuts: r.code for r in regions().values()}


def region_for_nuts(nuts_code: str) -> str | None:
    """The region code of a NUTS code (``SE331`` -> ``24``, ``SE33`` -> ``SE33``, ``SE`` -> ``00``, ``FI1D`` ->
    ``FI1D``, ``EU27_2020`` -> ``EU27``), or None."""
    return _by_nuts().get(nuts_code)


def reconcile(nuts_code: str, as_nuts2: bool = False) -> tuple[str | None, str | None]:
    """A NUTS code as the comparison reads it: (the region code, None) for a region of the list; (None, why) for a
    code left out (split, merged, a boundary changed, a NUTS1 value); (None, None) for a code nobody knows (the
    caller fails the file). An earlier version's code of an unchanged region (``renamed``: FR24 -> FRB0) joins
    under its NUTS 2021 code. ``as_nuts2``: the file gives the value for a NUTS2 region under a coarser code (the
    EQI's NUTS1 and country rows), which is joined where the territory is the same (``DE3`` -> ``DE30``, ``CY`` ->
    ``CY00``); elsewhere a country code is the country."""
    change = nuts_changes().get(nuts_code)
    known = region_for_nuts(nuts_code)
    if change is None or (known is not None and not as_nuts2):
        return known, None
    if change.status in MAPPED:
        if len(change.nuts2021) != 1 or region_for_nuts(change.nuts2021[0]) is None:
            raise ValueError(f"dbt_project/seeds/nuts_changes.csv: {nuts_code} is {change.status} but names "
                             f"{' '.join(change.nuts2021) or 'no region'}, not one NUTS 2021 region of regions.csv")
        return region_for_nuts(change.nuts2021[0]), None
    return None, f"{nuts_code}: {change.note} ({change.status}, NUTS {change.since}); left out of the comparison"


def is_extra_regio(nuts_code: str) -> bool:
    """Extra-Regio (``SEZ``...) or not regionalised (``SEX``...): a code with no territory."""
    rest = nuts_code[2:]
    return (len(nuts_code) >= 3 and nuts_code[:2].isalpha() and nuts_code[:2].isupper()
            and (set(rest) == {EXTRA_REGIO_SUFFIX} or set(rest) == {NOT_REGIONALISED_SUFFIX}))


def region_for_name(name: str) -> str | None:
    """The region code of a region's Swedish name as publishers print it (``Västerbottens län``, ``Riket``)."""
    names = {r.name.casefold(): r.code for r in regions().values() if r.country in (None, "SE") or r.code == "00"}
    return names.get(name.strip().casefold())


def validate_county(code: str) -> str:
    """Return ``code`` if it names one of the 21 län, else raise a ValueError listing the valid codes."""
    if code not in county_codes():
        raise ValueError(f"unknown län code {code!r}: expected one of {', '.join(sorted(county_codes()))}")
    return code
