"""Numbers as the report's reader reads them: in the page's language (Swedish: decimal comma, a space between
thousands), with one minus sign (U+2212, as plotly writes its axes), intervals rounded like their estimate, and the
scale of an axis in words (tusental, miljoner) instead of k/M."""

from __future__ import annotations

import math

MINUS = "\u2212"
NBSP = "\u00a0"
SEPARATORS = {"sv": "," + NBSP, "en": ".,"}  # plotly's decimal and thousands separators per language


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def localise(text: str, lang: str) -> str:
    """A number formatted the English way (``-1,234.5``) as the page writes it: in Swedish ``−1 234,5``; the minus
    is U+2212 in both languages."""
    if lang == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    return text.replace("-", MINUS)


def decimals(value: float) -> int:
    """The decimals a value is shown with: none from 100 up, one from 10, else up to three significant digits."""
    a = abs(value)
    if a >= 100 or a == 0:
        return 0
    if a >= 10:
        return 1
    return min(3, max(1, 2 - int(math.floor(math.log10(a)))))


def fmt(value, lang: str = "en", digits: int | None = None) -> str:
    """A number for a label, a tile or a hover: ``digits`` decimals, or as ``decimals`` chooses (trailing zeros of
    a chosen precision dropped)."""
    if _missing(value):
        return "–"
    if digits is None:
        digits = decimals(value)
        text = f"{value:,.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{digits}f}"
    return localise(text, lang)


def signed(value, lang: str, digits: int | None = None) -> str:
    """A change with its sign: +8,7 or −2,1."""
    if _missing(value):
        return "–"
    text = fmt(value, lang, digits)
    return ("+" + text) if value > 0 else text


def shown_decimals(value) -> int:
    """How many decimals ``fmt`` writes for ``value``."""
    text = fmt(value, "en")
    return len(text.split(".", 1)[1]) if "." in text else 0


def interval(low, high, estimate, lang: str) -> str:
    """An interval rounded like its estimate as the page shows it: ``17–83`` beside an estimate shown as ``50``,
    never ``17,44–82,56``."""
    if _missing(low) or _missing(high):
        return "–"
    digits = shown_decimals(estimate) if not _missing(estimate) else decimals(max(abs(low), abs(high)))
    return f"{fmt(low, lang, digits)}–{fmt(high, lang, digits)}"


_NICE = (1, 1.2, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10)


def nice_max(value: float, ceiling: float | None = None) -> float:
    """A round upper end for an axis a little above ``value`` (7.3 -> 8, 38 -> 40, 61 -> 70), at most ``ceiling``
    (a share never runs past 100)."""
    if _missing(value) or value <= 0:
        top = 1.0
    else:
        target = value * 1.01
        power = 10 ** math.floor(math.log10(target))
        top = next(n * power for n in _NICE if n * power >= target - 1e-12)
    return min(top, ceiling) if ceiling is not None else top


# unit -> the scales of its axis, largest first: (from this size, divide by, the unit in words sv, en)
_SCALES = {
    "count": ((1e6, 1e6, "miljoner", "millions"), (1e4, 1e3, "tusental", "thousands")),
    "fte": ((1e4, 1e3, "tusental årsverken", "thousand FTE"),),
    "mnkr": ((1e4, 1e3, "miljarder kronor", "SEK billion"),),
    "meur": ((1e4, 1e3, "miljarder euro", "EUR billion"),),
    "sek": ((1e9, 1e9, "miljarder kronor", "SEK billion"), (1e6, 1e6, "miljoner kronor", "SEK million")),
    "sek_per_inhabitant": ((1e4, 1e3, "tusen kronor per invånare", "SEK thousand per inhabitant"),),
    "pps_per_inhabitant": ((1e4, 1e3, "tusen PPS per invånare", "PPS thousand per inhabitant"),),
    "m2": ((1e6, 1e6, "miljoner m²", "million m²"), (1e4, 1e3, "tusen m²", "thousand m²")),
}


def axis_scale(unit: str, largest: float, lang: str) -> tuple[float, str | None]:
    """How an axis of ``unit`` whose values reach ``largest`` is written: the divisor and the unit in words
    (``(1000, "miljarder kronor")`` for a GRP of 6 000 000 mnkr), or ``(1, None)`` to keep the unit as it is."""
    if _missing(largest):
        return 1.0, None
    for start, divisor, sv, en in _SCALES.get(unit, ()):
        if abs(largest) >= start:
            return divisor, sv if lang == "sv" else en
    return 1.0, None
