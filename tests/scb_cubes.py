"""json-stat2 cubes in the shapes of the real SCB and Tillväxtanalys tables the registry fetches (test data built
from their metadata: tests/fixtures/pxweb/TAB3981_Utbildning_metadata_summary.json and the registry's notes), with
category indexes written out of key order as stored responses have them."""

from __future__ import annotations

from itertools import product


def cube(dims: dict[str, dict[str, str]], value, *, time: str = "Tid", label: str = "test data") -> dict:
    """A json-stat2 dataset over ``dims`` (dimension -> {code: label}); ``value(codes)`` gives each cell."""
    ids = list(dims)
    cells = [value(dict(zip(ids, combo))) for combo in product(*[list(d) for d in dims.values()])]
    return {"version": "2.0", "class": "dataset", "label": label, "role": {"time": [time]},
            "id": ids, "size": [len(d) for d in dims.values()],
            "dimension": {d: {"label": d, "category": {
                "index": dict(reversed([(c, i) for i, c in enumerate(codes)])), "label": codes}}
                for d, codes in dims.items()},
            "value": cells}


AGES = {**{str(a): f"{a} år" for a in range(16, 75)}, "tot16-74": "totalt 16–74 år"}
LEVELS = {"1": "förgymnasial kortare än 9 år", "2": "förgymnasial 9 (10) år", "3": "gymnasial högst 2 år",
          "4": "gymnasial 3 år", "5": "eftergymnasial mindre än 3 år", "6": "eftergymnasial 3 år eller mer",
          "7": "forskarutbildning", "US": "uppgift saknas"}


def tab3981(region: str = "24", years=("2023", "2024")) -> dict:
    """TAB3981: every level 100 persons per single year of age and sex, level 6 300, US 50; "tot16-74" holds the
    sum over ages (which a 25-64 selection must not count twice)."""
    def value(c):
        per_age = 300 if c["UtbildningsNiva"] == "6" else 50 if c["UtbildningsNiva"] == "US" else 100
        return per_age * 59 if c["Alder"] == "tot16-74" else per_age
    return cube({"Region": {region: region, "00": "Riket"}, "Alder": AGES, "UtbildningsNiva": LEVELS,
                 "Kon": {"1": "män", "2": "kvinnor"}, "ContentsCode": {"UF0506A1": "Antal"},
                 "Tid": {y: y for y in years}}, value, label="Befolkning 16–74 år efter region, utbildningsnivå")


def yreg(region: str = "24", years=("2021", "2022")) -> dict:
    occupations = {"111": "Politiker", "211": "Fysiker", "311": "Ingenjörer", "411": "Kontor", "911": "Städare",
                   "0002": "Okänt"}
    return cube({"Region": {region: region, "00": "Riket"}, "Yrke2012": occupations, "Kon": {"1": "män", "2": "kvinnor"},
                 "Tid": {y: y for y in years}}, lambda c: 999 if c["Yrke2012"] == "0002" else 100,
                label="Anställda 16-64 år (dagbef) efter yrke")


def tva_months(months_out_of_order: bool = True) -> dict:
    months = [f"2024M{m:02d}" for m in range(1, 13)]
    if months_out_of_order:
        months = months[6:] + months[:6]
    lan = {"0": "Riket", "19": "24 Västerbottens län", "21": "99 Okänt län"}
    return cube({"Lan": lan, "ContentsCode": {"K1": "Antal konkurser", "K2": "Antal anställda berörda av konkurser"},
                 "Manad": {m: m for m in months}}, lambda c: 13.0, time="Manad")


def tva_foreign_owned() -> dict:
    """The foreign-owned workplaces file: Ägarland (with a total), Län, Bransch (no total: summed), variabel."""
    return cube({"Ägarland": {"TOT": "Totalt", "DE": "Tyskland", "US": "USA"},
                 "Län": {"0": "Riket", "19": "24 Västerbottens län", "99": "99 Okänt län"},
                 "Bransch": {"C": "Tillverkning", "J": "Information"},
                 "variabel": {"ARB": "Antal arbetsställen", "ANST": "Antal anställda"},
                 "År": {"2022": "2022", "2023": "2023"}},
                lambda c: (10.0 if c["Ägarland"] == "TOT" else 4.0) * (1 if c["variabel"] == "ARB" else 20),
                time="År")
