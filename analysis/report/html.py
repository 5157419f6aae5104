"""Small HTML pieces the report's sections share: escaping, tables, citations, periods."""

from __future__ import annotations

import html

import pandas as pd

from analysis.report import labels as L
from analysis.report.numbers import fmt


def e(text) -> str:
    return html.escape(str(text))


def cell(value, lang: str) -> str:
    """A table cell: numbers as the page's language writes them (Swedish: decimal comma), rounded for reading."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return fmt(value, lang)
    return str(value)


def table(frame: pd.DataFrame, lang: str = "en", caption: str | None = None, css: str = "") -> str:
    """A table with a header row (``scope='col'``) and, when given, a caption."""
    head = "".join(f"<th scope='col'>{e(c)}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{e(cell(v, lang))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    cls = f" class='{css}'" if css else ""
    return f"<table{cls}>{cap}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def cited(text: str, lang: str) -> str:
    """A citation in the page's language (its connecting words translated, cited titles as published), dataset
    codes (``demo_r_pjanaggr3``) set as code."""
    return with_codes(L.citation(text, lang))


def with_codes(text: str) -> str:
    """Text with its dataset codes (``demo_r_pjanaggr3``) set as code, the rest escaped."""
    return "".join(f"<code>{e(piece)}</code>" if is_code else e(piece) for piece, is_code in L.code_spans(str(text)))


def period(row) -> str:
    """A value's period as a reader writes it: ``2021`` or ``2019–2021``."""
    start, end = row["period_start"], row["period_end"]
    return f"{start}" if start == end else f"{start}–{end}"
