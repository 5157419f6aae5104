"""Kolada's API v3 on the shared HTTP policy, and its data pages as ``raw.table_cells``.

``GET {base}/v3/data/kpi/{kpi ids}/municipality/{ids}/year/{years}``: ids joined by commas (at most 25 per
segment); an answer holds ``values`` (``kpi``, ``municipality``, ``period``, ``values`` per gender ``T``/``K``/``M``
with ``count``, ``status``, ``value``) and, while more pages remain, ``next_url`` (some servers say ``next_page``:
both are followed). Regions are Kolada ids: ``0000`` Riket, ``00`` + the SCB län code for a region (``0024``).
KPI ids can be found by title: ``GET {base}/v3/kpi?title=...``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd

from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import cells_frame, parse_number, parse_year
from orchestration.sources.http import ApiError, HttpApi, RecordedResponse
from orchestration.sources.regions import county_codes, regions

DEFAULT_BASE = "https://api.kolada.se"
MAX_IDS_PER_SEGMENT = 25
MAX_PAGES = 200


def kolada_region_id(region_code: str) -> str:
    """SCB code -> Kolada id (``24`` -> ``0024``, ``00`` -> ``0000``)."""
    return region_code.rjust(4, "0")


def region_from_kolada(kolada_id: str) -> str | None:
    code = kolada_id[2:] if len(kolada_id) == 4 and kolada_id.startswith("00") else None
    return code if code is not None and (code in county_codes() or code == "00") else None


class KoladaApi(HttpApi):
    def kpi_id(self, title: str) -> str:
        """The id of the one KPI whose title is exactly ``title`` (a search may return several)."""
        response = self.request("GET", "v3/kpi", what=f"Kolada KPI search {title!r}", params={"title": title})
        hits = [v for v in response.json().get("values", []) if v.get("title") == title]
        if len(hits) != 1:
            raise ApiError(f"Kolada KPI search {title!r} found {len(hits)} KPIs with that exact title")
        return hits[0]["id"]

    def data(self, kpis: Sequence[str], region_codes: Sequence[str], years: Sequence[int]) -> list[RecordedResponse]:
        """Every page of the answer, as it came."""
        if len(kpis) > MAX_IDS_PER_SEGMENT or len(region_codes) > MAX_IDS_PER_SEGMENT:
            raise ApiError(f"Kolada takes at most {MAX_IDS_PER_SEGMENT} ids per path segment")
        path = (f"v3/data/kpi/{','.join(kpis)}/municipality/{','.join(kolada_region_id(r) for r in region_codes)}"
                f"/year/{','.join(str(y) for y in years)}")
        pages = [self.request("GET", path, what=f"Kolada data {path}")]
        while True:
            doc = pages[-1].json()
            next_url = doc.get("next_url") or doc.get("next_page")
            if not next_url:
                return pages
            if len(pages) >= MAX_PAGES:
                raise ApiError(f"Kolada data {path}: more than {MAX_PAGES} pages")
            relative = next_url.split(self.base_url, 1)[-1] if next_url.startswith(self.base_url) else next_url
            pages.append(self.request("GET", relative, what=f"Kolada data {path} (page {len(pages) + 1})"))


def parse_kolada_page(payload: bytes, file: str, table=None) -> pd.DataFrame:
    """One Kolada v3 data page as ``raw.table_cells``: measure = the KPI id (or its title where the registry entry
    resolved it: ``table.contents`` id -> title), dimensions empty for the total (``T``) and ``gender=K|M``
    otherwise, status as published; ``dataset_code`` is the registry entry's table id."""
    try:
        doc = json.loads(payload.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceDataError(file, "body is not valid JSON", str(exc)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("values"), list):
        raise SourceDataError(file, "Kolada data page needs a 'values' list", type(doc).__name__, field="values")
    titles = dict(getattr(table, "contents", {}) or {})
    records = []
    for n, entry in enumerate(doc["values"]):
        region = region_from_kolada(str(entry.get("municipality", "")))
        if region is None:
            raise SourceDataError(file, "unknown Kolada region id", repr(entry.get("municipality")),
                                  row=n + 1, field="municipality")
        kpi = str(entry.get("kpi", ""))
        for m, cell in enumerate(entry.get("values") or []):
            if cell.get("value") is None:
                continue
            records.append({
                "source_cell": f"{n}.{m}", "dataset_code": getattr(table, "table_id", None) or f"kolada:{kpi}",
                "region_code": region,
                "region_label": regions()[region].name,
                "period": parse_year(str(entry.get("period")), file, n + 1, "period"),
                "measure": titles.get(kpi, kpi), "measure_label": titles.get(kpi, kpi),
                "dimensions": "" if cell.get("gender", "T") == "T" else f"gender={cell['gender']}",
                "value": parse_number(str(cell["value"]), file, n + 1, "value"),
                "status": cell.get("status") or None,
            })
    return cells_frame(records, file)
