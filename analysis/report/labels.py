"""The report's translation layer: every code a reader could meet (units, breakdown keys and values, survey answers
and bases, qualifiers, imputation methods, flags, provenance kinds) with its Swedish and English label, in one place.

The report never prints a code: a label missing here falls back to the code in words (underscores to spaces), and
``missing_labels`` lets a test prove the embedded data needs no fallback. Prose lives in ``texts.py``.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

# (Swedish, English)
UNITS = {
    "percent": ("%", "%"), "percentage_points": ("procentenheter", "percentage points"),
    "percent_change": ("förändring i %", "% change"), "count": ("antal", "number"), "mnkr": ("mnkr", "MSEK"),
    "meur": ("miljoner euro", "EUR million"), "fte": ("årsverken", "FTE"), "per_firm": ("per företag", "per firm"),
    "m2": ("m²", "m²"), "km2": ("km²", "km²"), "rating_1_6": ("betyg 1–6", "rating 1–6"),
    "index_riket_100": ("index, riket = 100", "index, Sweden = 100"),
    "per_1000_inhabitants": ("per 1 000 invånare", "per 1,000 inhabitants"),
    "per_million_inhabitants": ("per miljon invånare", "per million inhabitants"),
    "pps_per_inhabitant": ("PPS per invånare", "PPS per inhabitant"),
    "sek_per_inhabitant": ("kronor per invånare", "SEK per inhabitant"), "mean": ("medelvärde", "mean"),
    "sek": ("kronor", "SEK"), "eqi_score": ("EQI-poäng (EU-snitt ≈ 0)", "EQI score (EU mean ≈ 0)"),
    "per_km2": ("invånare per km²", "inhabitants per km²"),
    "index_eu27_100": ("index, EU-27 = 100", "index, EU-27 = 100"),
    "percent_ratio": ("% (kan överstiga 100)", "% (can exceed 100)"),
}
# a unit written after a number ("1 700 firms" reads "cirka 1 700", not "cirka 1 700 antal"): counts have no word
# of their own beside a number; every other unit is written as in UNITS
UNITS_AFTER_NUMBER = {"count": ("", "")}

BREAKDOWN_KEYS = {
    "age": ("ålder", "age"), "answer": ("svar", "answer"), "base": ("bas", "base"), "buyer": ("köpare", "buyer"),
    "comparison": ("jämförelse", "comparison"), "growth_years": ("tillväxtår", "growth years"),
    "institution": ("lärosäte", "institution"), "loan_type": ("lånetyp", "loan type"),
    "municipality": ("kommun", "municipality"), "population": ("befolkning", "population"),
    "nace": ("bransch (SNI/NACE)", "industry (NACE)"),
    "respondents": ("svarande", "respondents"), "sector": ("sektor", "sector"), "series": ("serie", "series"),
    "sex": ("kön", "sex"), "size_class": ("storleksklass", "size class"),
}

BREAKDOWN_VALUES = {
    "age": {"15-64": ("15–64 år", "aged 15–64"), "20-64": ("20–64 år", "aged 20–64")},
    "nace": {"A": ("jord- och skogsbruk, fiske (A)", "agriculture, forestry and fishing (A)"),
             "B-E": ("industri, energi, vatten och avfall (B-E)", "industry, energy, water and waste (B-E)"),
             "F": ("byggverksamhet (F)", "construction (F)"),
             "G-I": ("handel, transport, hotell och restaurang (G-I)",
                     "trade, transport, accommodation and food (G-I)"),
             "L": ("fastighetsverksamhet (L)", "real estate (L)"),
             "O-Q": ("offentlig förvaltning, utbildning, vård och omsorg (O-Q)",
                     "public administration, education, health and social work (O-Q)"),
             "R-U": ("kultur, nöje och andra tjänster (R-U)", "arts, entertainment and other services (R-U)"),
             "J": ("information och kommunikation (J)", "information and communication (J)"),
             "K": ("finans- och försäkringsverksamhet (K)", "financial and insurance activities (K)"),
             "M-N": ("verksamhet inom juridik, ekonomi, vetenskap och teknik samt stödtjänster (M-N)",
                     "professional, scientific, technical and support services (M-N)")},
    "buyer": {"region": ("regionen", "the region")},
    "comparison": {"non_innovating_firms": ("företag som inte arbetar med innovation",
                                            "firms not working with innovation"),
                   "skane_ostergotland_orebro_varmland": ("Skåne, Östergötland, Örebro och Värmland",
                                                          "Skåne, Östergötland, Örebro and Värmland")},
    "growth_years": {"1": ("ett år", "one year"), "2": ("två år i rad", "two years in a row"),
                     "3": ("tre år i rad", "three years in a row")},
    "institution": {"slu": ("SLU", "SLU"), "umu": ("Umeå universitet", "Umeå University")},
    "loan_type": {"growth": ("tillväxtlån", "growth loans"), "innovation": ("innovationslån", "innovation loans"),
                  "total": ("alla lån", "all loans")},
    "municipality": {"2480_umea": ("Umeå", "Umeå"), "2580_lulea": ("Luleå", "Luleå")},
    "population": {"day": ("dagbefolkning", "daytime population"),
                   "night": ("nattbefolkning", "resident population")},
    "respondents": {"all": ("alla svarande", "all respondents"),
                    "higher_estimates": ("de högre skattningarna", "the higher estimates")},
    "sector": {"business": ("företagssektorn", "business sector"), "public": ("offentlig sektor", "public sector"),
               "higher_education": ("universitet och högskolor", "higher education"),
               "education_health_care": ("utbildning, vård och omsorg", "education, health and care"),
               "total": ("alla sektorer", "all sectors"), "strength": ("styrkeområden", "strength areas"),
               "other": ("övriga branscher", "other industries")},
    "series": {"old_method": ("äldre metod", "old method")},
    "sex": {"men": ("män", "men"), "women": ("kvinnor", "women"),
            "women_vs_men": ("kvinnor jämfört med män", "women compared with men")},
    "size_class": {"1-9": ("1–9 anställda", "1–9 employees"), "10+": ("10 eller fler anställda", "10+ employees")},
    "base": {
        "all_firms": ("alla företag", "all firms"),
        "innovating_firms": ("företag som arbetar med innovation", "firms working with innovation"),
        "event_participants": ("deltagare i evenemang", "event participants"),
        "export_support_participants": ("deltagare i exportstöd", "export-support participants"),
        "grant_recipients": ("bidragsmottagare", "grant recipients"), "members": ("medlemmar", "members"),
        "non_participants": ("icke-deltagare", "non-participants"), "participants": ("deltagare", "participants"),
    },
    "answer": {
        "yes": ("Ja", "Yes"), "no": ("Nej", "No"), "unsure": ("Osäker", "Unsure"),
        "none": ("Inga / inget", "None"), "one": ("Ett", "One"), "two": ("Två", "Two"),
        "one_or_more": ("Ett eller flera", "One or more"), "not_at_all": ("Inte alls", "Not at all"),
        "low": ("Låg grad", "To a low degree"), "limited": ("Begränsad utsträckning", "To a limited extent"),
        "fairly_high": ("Ganska hög grad", "Fairly high degree"), "very_high": ("Mycket hög grad", "Very high degree"),
        "high_degree": ("Hög grad", "High degree"), "high": ("Hög", "High"), "moderate": ("Måttlig", "Moderate"),
        "active": ("Aktivt", "Actively"), "systematic": ("Systematiskt", "Systematically"),
        "difficult": ("Svårt", "Difficult"), "easy": ("Lätt", "Easy"), "neutral": ("Neutral", "Neutral"),
        "almost_all": ("Nästan alla", "Almost all"), "no_need": ("Inget behov", "No need"),
        "no_export": ("Exporterar inte", "Does not export"), "all_revenue": ("Alla intäkter", "All revenue"),
        "important": ("Viktiga", "Important"), "not_important": ("Inte viktiga", "Not important"),
        "low_or_none": ("Liten eller ingen", "Little or none"), "not_adapted": ("Inte anpassade", "Not adapted"),
        "too_time_consuming": ("Tar för mycket tid", "Too time-consuming"),
        "1_20_percent": ("1–20 %", "1–20 %"), "81_100_percent": ("81–100 %", "81–100 %"),
        "low_or_most": ("Låg / merparten", "Low / most"), "satisfaction": ("Nöjdhet", "Satisfaction"),
    },
}

# The order of answers on an ordinal (Likert-type) scale, lowest first: a chart stacks them in this order, and any
# answer not on a scale keeps the order it was published in.
ANSWER_SCALES = (
    ("not_at_all", "low", "low_or_none", "limited", "moderate", "fairly_high", "high", "high_degree", "very_high",
     "almost_all"),
    ("none", "one", "two", "one_or_more"),
    ("no", "unsure", "yes"),  # "unsure" sits between no and yes; beside any other scale it goes last
    ("difficult", "neutral", "easy"),
    ("not_important", "important"),
    ("no_export", "1_20_percent", "81_100_percent", "all_revenue"),
)

QUALIFIERS = {
    "exact": ("exakt", "exact"), "approx": ("cirka", "about"), "over": ("över", "over"), "under": ("under", "under"),
    "range": ("intervall", "range"), "qualitative": ("uttalande utan siffra", "statement without a figure"),
}

METHODS = {  # how a cell of the analysis matrix got its value (analysis.imputation)
    "observed": ("publicerat", "published"), "period_value": ("periodens värde", "the period's value"),
    "linear_interpolation": ("linjärt interpolerat", "linearly interpolated"),
    "carried_forward": ("fört framåt från senaste året", "carried forward from the latest year"),
    "carried_backward": ("fört bakåt från första året", "carried backward from the first year"),
}

FLAGS = {"b": ("tidsseriebrott", "break in series"), "r": ("reviderat", "revised"),
         "p": ("preliminärt", "provisional"), "e": ("uppskattat", "estimated"),
         "u": ("låg tillförlitlighet", "low reliability"), "bu": ("tidsseriebrott, låg tillförlitlighet",
                                                                  "break in series, low reliability"),
         "aggregated_from_lan": ("summerat exakt från länen", "aggregated exactly from the counties"),
         "summed_from_lan": ("summerat från länen", "summed from the counties"),
         "aggregated_from_nuts2": ("vägt från NUTS2-regionerna", "weighted from the NUTS2 regions"),
         "aggregated_from_nuts2_approximate": ("vägt från NUTS2-regionerna, ungefärligt",
                                               "weighted from the NUTS2 regions, approximate"),
         "incomplete_levels": ("en kommun saknar en utbildningsnivå: andelen något för hög",
                               "a municipality lacks a level of education: the share is slightly high"),
         "summed_from_lan;incomplete_levels": ("summerat från länen; en kommun saknar en utbildningsnivå",
                                               "summed from the counties; a municipality lacks a level of "
                                               "education"),
         "eu_reference_by_definition": ("EU-27 = 100 enligt utgivarens definition",
                                        "EU-27 = 100 by the publisher's definition"),
         "latest_available": ("senaste tillgängliga år; för vissa regioner ett tidigare år",
                              "latest year available; an earlier year for some regions"),
         "ris_edition": ("värdet ur den regionala innovationsresultattavlan 2021",
                         "the value of the Regional Innovation Scoreboard 2021"),
         "computed_from_boundaries": ("beräknat ur gränserna i skala 1:20 miljoner (några procents noggrannhet)",
                                      "computed from the 1:20 million boundaries (within a few per cent)")}

# Data-quality checks a reader may see failed (by the check's name; anything else reads as its words)
CHECKS = {
    "assert_value_anomalies_confirmed": (
        "värden som sticker ut ur sin egen serie (eller är noll bland positiva) och som ingen har bekräftat: de "
        "används inte i analysen och listas nedan",
        "values that jump out of their own series (or are zero among positives) that nobody has confirmed: the "
        "analysis does not use them, and they are listed below"),
    "gx_fct_indicator_values": ("värdereglerna (år, intervall per enhet, källor)",
                                "the value rules (years, ranges per unit, citations)"),
}
ASSUMPTIONS = {  # the uncertain choices of the composite index (analysis/index/uncertainty.py)
    "weights": ("dimensionernas vikter", "the dimensions' weights"),
    "normalisation": ("normaliseringen", "the normalisation"),
    "aggregation": ("hur dimensionerna vägs samman (aritmetiskt eller geometriskt medelvärde)",
                    "how the dimensions are combined (arithmetic or geometric mean)"),
    "treatment": ("behandlingen av extremvärden", "the treatment of outliers"),
    "leave_out": ("vilken indikator som utelämnas", "which indicator is left out"),
}
ANOMALIES = {
    "zero_among_positives": ("noll där serien annars är positiv", "zero where the series is otherwise positive"),
    "outside_own_series": ("långt utanför sin egen serie", "far outside its own series"),
    "endpoint_jump": ("seriens första eller sista värde hoppar mer än övriga regioners samma år",
                      "the series' first or last value jumps more than the other regions' over the same years"),
    "swapped_pair": ("två regioners värden verkar ha bytt plats (summan stämmer)",
                     "two regions' values seem swapped (their sum holds)"),
}

# The EU's countries by Eurostat's code (the European comparison names a region's country)
COUNTRIES = {
    "AT": ("Österrike", "Austria"), "BE": ("Belgien", "Belgium"), "BG": ("Bulgarien", "Bulgaria"),
    "CY": ("Cypern", "Cyprus"), "CZ": ("Tjeckien", "Czechia"), "DE": ("Tyskland", "Germany"),
    "DK": ("Danmark", "Denmark"), "EE": ("Estland", "Estonia"), "EL": ("Grekland", "Greece"),
    "ES": ("Spanien", "Spain"), "FI": ("Finland", "Finland"), "FR": ("Frankrike", "France"),
    "HR": ("Kroatien", "Croatia"), "HU": ("Ungern", "Hungary"), "IE": ("Irland", "Ireland"),
    "IT": ("Italien", "Italy"), "LT": ("Litauen", "Lithuania"), "LU": ("Luxemburg", "Luxembourg"),
    "LV": ("Lettland", "Latvia"), "MT": ("Malta", "Malta"), "NL": ("Nederländerna", "Netherlands"),
    "PL": ("Polen", "Poland"), "PT": ("Portugal", "Portugal"), "RO": ("Rumänien", "Romania"),
    "SE": ("Sverige", "Sweden"), "SI": ("Slovenien", "Slovenia"), "SK": ("Slovakien", "Slovakia"),
}
EU_GROUPS = {  # the European level's groups relative to the EU (the Regional Innovation Scoreboard's names)
    "leader": ("ledande", "leader"), "strong": ("stark", "strong"), "moderate": ("måttlig", "moderate"),
    "emerging": ("framväxande", "emerging"),
}

# How a snapshot file was obtained (raw.source_files.obtained), by the words it starts with; the full English text
# stays in the warehouse and the exports.
PROVENANCE_KINDS = (
    ("the publisher's file as released", ("utgivarens fil som den publicerats", "the publisher's file as released")),
    ("the publisher's figures via a public copy", ("utgivarens siffror via en offentlig kopia (omformad, värdena "
                                                   "oförändrade)", "the publisher's figures via a public copy "
                                                   "(reshaped, values unchanged)")),
    ("recorded response", ("utgivarens API-svar, sparat", "the publisher's API response, recorded")),
    ("re-encoded from the figures printed in the METRIC report",
     ("siffror tryckta i METRIC-rapporten, inskrivna med avsnitt och diagram",
      "figures printed in the METRIC report, keyed in with section and diagram")),
    ("re-encoded from the weighted survey estimates", ("enkätens viktade skattningar ur METRIC-rapporten",
                                                       "the survey's weighted estimates from the METRIC report")),
    ("re-encoded from the incubators' answers", ("inkubatorernas svar ur METRIC-rapporten",
                                                 "the incubators' answers from the METRIC report")),
    ("re-encoded from", ("utgivarens publicerade siffror, inskrivna", "the publisher's published figures, keyed in")),
)

# Citation and vintage phrases, English to Swedish; titles of cited tables stay in the language they are published in.
_CITATION_SV = (
    # a vintage's date and the words around cited titles (the titles themselves stay as published: an English
    # Eurostat title is not translated, word by word or otherwise)
    ("(data to 1 January ", "(data till 1 januari "), ("release with data to 1 January ", "utgåva med data till 1 januari "),
    ("from Eurostat tables", "ur Eurostats tabeller"), ("(press release / annual statistics", "(pressmeddelande / årsstatistik"),
    ("FoU statistics", "FoU-statistik"), ("PRV statistics", "PRV:s statistik"),
    ("regional goods-export statistics", "regional varuexportstatistik"), ("scb.se static table", "statisk tabell på scb.se"),
    # licences (longest first)
    ("aggregate figures quoted from a public report with attribution; microdata not public",
     "aggregerade siffror citerade ur en offentlig rapport med källangivelse; mikrodata är inte offentliga"),
    ("figures quoted from a public report with attribution",
     "siffror citerade ur en offentlig rapport med källangivelse"),
    ("free re-use with attribution", "fri återanvändning med källangivelse"),
    ("re-use with attribution", "återanvändning med källangivelse"),
    ("public information, cite PRV", "offentlig information, ange PRV som källa"),
    ("public statistics, cite Tillväxtanalys", "offentlig statistik, ange Tillväxtanalys som källa"),
    ("(five incubators in the county)", "(fem inkubatorer i länet)"),
    (" as published in ", " publicerad i "), ("(METRIC report)", "(METRIC-rapporten)"),
    ("METRIC report", "METRIC-rapporten"), ("text to Diagram", "text till diagram"),
    ("text after Diagram", "text efter diagram"), (" and text to Figur", " och text till figur"),
    ("(source: ", "(källa: "), (", own processing", ", egen bearbetning"), ("computed from ", "beräknat från "),
    ("release with data to ", "utgåva med data till "), ("release ", "utgåva "), ("data to ", "data till "),
    ("reference years ", "referensåren "), ("reference year ", "referensår "), ("latest vintage", "senaste årgång"),
    ("report vintage", "rapportens årgång"), ("tables as published to", "tabeller publicerade till"),
    ("R&D statistics", "FoU-statistik"), ("annual statistics", "årsstatistik"), ("(text)", "(text)"),
    ("as published on", "publicerad på"),
    ("vintage", "årgång"), ("incubator survey", "inkubatorenkät"), ("Incubator survey", "Inkubatorenkät"),
    ("from SCB's FoU-statistik", "ur SCB:s FoU-statistik"), ("EQI 2024 release", "EQI, utgåva 2024"), ("free to use with citation", "fri att använda med källangivelse"),
    ("Commission Decision", "kommissionens beslut"), ("© European Union", "© Europeiska unionen"),
    ("University of Gothenburg", "Göteborgs universitet"),
)

_CODE = re.compile(r"\b[A-Za-z0-9]*_[A-Za-z0-9_]+\b")  # a dataset code such as demo_r_pjanaggr3


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0 if lang == "sv" else 1]


def words(code: str) -> str:
    """The fallback for a code with no label: its words, never the bare id."""
    return str(code).replace("_", " ")


def _label(table: dict, code: str, lang: str) -> str:
    return _pick(table[code], lang) if code in table else words(code)


def unit(code: str, lang: str) -> str:
    return _label(UNITS, code, lang)


def unit_after_number(code: str, lang: str) -> str:
    """The unit as written after a number: nothing for a count, else its label."""
    return _pick(UNITS_AFTER_NUMBER[code], lang) if code in UNITS_AFTER_NUMBER else unit(code, lang)


def region(name: str, lang: str) -> str:
    """A region's name in the page's language: on the English page "Riket" is Sweden and a län is a county
    ("Västerbottens län" reads "Västerbotten County"); NUTS2 regions keep their names, as Eurostat writes them."""
    name = str(name)
    if lang == "sv":
        return name
    if name == "Riket":
        return "Sweden"
    if name.endswith(" län"):
        base = name[: -len(" län")]
        return (base[:-1] if base.endswith("s") else base) + " County"
    return name


def qualifier(code: str, lang: str) -> str:
    return _label(QUALIFIERS, code, lang)


def method(code: str, lang: str) -> str:
    return _label(METHODS, code, lang)


def flag(code: str, lang: str) -> str:
    return _label(FLAGS, code, lang)


def flag_codes(text: str | None) -> list[str]:
    """The codes in a ``flags`` value: pieces joined by ``;`` (``p;c``), a piece of one-letter publisher flags run
    together split into its letters (Eurostat's ``bu`` = ``b`` and ``u``), a word such as ``aggregated_from_lan``
    kept whole."""
    codes = []
    for piece in str(text or "").split(";"):
        piece = piece.strip()
        if not piece:
            continue
        if piece not in FLAGS and len(piece) <= 3 and all(c in FLAGS for c in piece):
            codes += list(piece)
        else:
            codes.append(piece)
    return codes


def check(name: str, lang: str) -> str:
    """A failed check as a reader reads it: ``<asset>: <check name>`` by the check's label."""
    return _label(CHECKS, str(name).split(": ")[-1], lang)


def assumption(code: str, lang: str) -> str:
    return _label(ASSUMPTIONS, code, lang)


def anomaly(code: str, lang: str) -> str:
    return _label(ANOMALIES, code, lang)


def breakdown_value(key: str, value: str, lang: str) -> str:
    return _label(BREAKDOWN_VALUES.get(key, {}), value, lang)


def answer(code: str, lang: str) -> str:
    return breakdown_value("answer", code, lang)


NEUTRAL_ANSWERS = ("unsure",)


def answer_ranks(codes) -> list[tuple[int, int]]:
    """The sort keys of one question's answers: their place on the scale the question's other answers share; a
    neutral answer ("unsure") sits in the middle of a yes/no scale and after the answers of any other scale."""
    codes = list(codes)
    scales = {answer_rank(c)[0] for c in codes if c and c not in NEUTRAL_ANSWERS}
    main = next(iter(scales)) if len(scales) == 1 else None
    keys = []
    for c in codes:
        if c in NEUTRAL_ANSWERS and main is not None and c not in ANSWER_SCALES[main]:
            keys.append((main, 99))
        else:
            keys.append(answer_rank(c))
    return keys


def answer_rank(code: str) -> tuple[int, int]:
    """Where an answer sits on its ordinal scale (scale, position); answers on no scale sort after all."""
    for n, scale in enumerate(ANSWER_SCALES):
        if code in scale:
            return n, scale.index(code)
    return len(ANSWER_SCALES), 0


def parse_breakdown(breakdown: str | None) -> list[tuple[str, str]]:
    """``sector=business;sex=men`` as [("sector", "business"), ("sex", "men")]."""
    return [tuple(p.split("=", 1)) for p in (breakdown or "").split(";") if "=" in p]


def breakdown(text: str | None, lang: str, skip: tuple[str, ...] = ()) -> str:
    """A breakdown in words: ``sector=business;sex=men`` reads "företagssektorn, män"."""
    return ", ".join(breakdown_value(k, v, lang) for k, v in parse_breakdown(text) if k not in skip)


def series(series_id: str, names, lang: str) -> str:
    """A series ``indicator[breakdown]`` as the indicator's name with its breakdown in words. ``names``: a mapping
    from indicator id to its name in the page's language."""
    indicator, _, rest = series_id.partition("[")
    name = names.get(indicator) if hasattr(names, "get") else None
    name = str(name) if name is not None and str(name) != "nan" else words(indicator)
    detail = breakdown(rest.rstrip("]"), lang)
    return f"{name} ({detail})" if detail else name


def provenance(obtained: str, lang: str) -> str:
    for prefix, pair in PROVENANCE_KINDS:
        if str(obtained).startswith(prefix):
            return _pick(pair, lang)
    return str(obtained) if lang == "en" else "se källkatalogen (engelska)"


_CITATION_SV_PATTERNS = ((re.compile(r"(\d) and (\d)"), r"\1 och \2"),)  # "2018 and 2022", "§2.1.2 and 3"


def citation(text: str, lang: str) -> str:
    """A citation in the page's language: the connecting words translated, cited titles as published."""
    text = str(text)
    if lang == "sv":
        for english, swedish in _CITATION_SV:
            text = text.replace(english, swedish)
        for pattern, replacement in _CITATION_SV_PATTERNS:
            text = pattern.sub(replacement, text)
    return text


# The catalogue's English calls a län a län and Sweden Riket (its analysts' terms); the English page says county
# and Sweden. Longest patterns first.
_ENGLISH_TERMS = ((r"\bthe 21 län\b", "the 21 counties"), (r"\bevery län\b", "every county"),
                  (r"\bper län\b", "per county"), (r"\bfor län\b", "for counties"),
                  (r"\bof län\b", "of counties"), (r"\bsum their län\b", "sum their counties"),
                  (r"\bcomputed for the län\b", "computed for the counties"), (r"\blän's\b", "county's"),
                  (r"\blän\b", "county"), (r"\bRiket's\b", "Sweden's"), (r"\bRiket\b", "Sweden"),
                  (r"\bkommuner\b", "municipalities"), (r"\bkommun\b", "municipality"))


def english_terms(text: str) -> str:
    """The catalogue's English as the English page writes it: county for län, Sweden for Riket, municipality for
    kommun (a quoted Swedish title is not passed through here)."""
    for pattern, replacement in _ENGLISH_TERMS:
        text = re.sub(pattern, replacement, text)
    return text


def code_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_code) pieces, so a page can set dataset codes (``demo_r_pjanaggr3``) as code."""
    pieces, last = [], 0
    for match in _CODE.finditer(text):
        pieces.append((text[last:match.start()], False))
        pieces.append((match.group(0), True))
        last = match.end()
    pieces.append((text[last:], False))
    return [(p, c) for p, c in pieces if p]


def missing_labels(units=(), breakdowns=(), qualifiers=(), methods=(), flags=()) -> list[str]:
    """Every code in the given collections that has no label here (what a test asserts is empty)."""
    missing = [f"unit {u}" for u in units if u and u not in UNITS]
    for text in breakdowns:
        for key, value in parse_breakdown(text):
            if key not in BREAKDOWN_KEYS:
                missing.append(f"breakdown key {key}")
            if value not in BREAKDOWN_VALUES.get(key, {}):
                missing.append(f"breakdown value {key}={value}")
    missing += [f"qualifier {q}" for q in qualifiers if q and q not in QUALIFIERS]
    missing += [f"method {m}" for m in methods if m and m not in METHODS]
    missing += [f"flag {f}" for f in flags if f and f not in FLAGS]
    return sorted(set(missing))


_STATEMENTS = Path(__file__).parent / "translations" / "statements.csv"


@lru_cache(maxsize=1)
def _statement_table() -> dict[str, dict[str, str]]:
    with _STATEMENTS.open(encoding="utf-8", newline="") as handle:
        return {row["statement"]: row for row in csv.DictReader(handle)}


def statement(text: str) -> dict[str, str]:
    """A qualitative statement as the report shows it: ``quote`` (the Swedish original without the editorial note),
    ``note_sv`` / ``note_en`` (the warehouse's note on it, if any) and ``en`` (the English translation, empty where
    translations/statements.csv has none: the English page then says the quote is untranslated)."""
    row = _statement_table().get(text)
    if row is None:
        return {"quote": text, "note_sv": "", "note_en": "", "en": ""}
    return {"quote": row["quote_sv"] or text, "note_sv": row["note_sv"], "note_en": row["note_en"],
            "en": row["quote_en"]}


def untranslated_statements(texts) -> list[str]:
    """Statements with no English translation (what a test asserts is empty for the embedded data)."""
    table = _statement_table()
    return sorted({t for t in texts if t and t not in table})


def country(code: str, lang: str) -> str:
    return _label(COUNTRIES, code, lang)


def eu_group(code: str, lang: str) -> str:
    return _label(EU_GROUPS, code, lang)
