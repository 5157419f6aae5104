"""Eurostat's dissemination API (JSON-stat 2.0) on the shared HTTP policy, and its responses as ``raw.table_cells``.

``GET {base}/statistics/1.0/data/{dataset}?format=JSON&lang=EN&geo=SE331&unit=MIO_NAC&sinceTimePeriod=2000``: one
query parameter per filter value. What the recorded responses show and this client handles: ``value`` and
``status`` may be sparse objects keyed by the cell position; flags (``p``, ``b``, ``e``, ``|C`` confidential) are kept;
an empty result and an unknown geo code are answered with HTTP 200 (so every requested geo must come back, or the
fetch fails); errors come as ``{"error": [{"status": 413, "label": "EXTRACTION_TOO_BIG: ..."}]}``, checked before
anything is parsed.
"""

from __future__ import annotations

import json

import pandas as pd

from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import cells_frame, dimensions_text, parse_year
from orchestration.sources.http import ApiError, HttpApi, RecordedResponse
from orchestration.sources.jsonstat import parse_jsonstat2
from orchestration.sources.regions import is_extra_regio, region_for_nuts

DEFAULT_BASE = "https://ec.europa.eu/eurostat/api/dissemination"


def error_envelope(body: bytes) -> str | None:
    """The message of Eurostat's error envelope, or None when the body is not one."""
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if isinstance(doc, dict) and isinstance(doc.get("error"), list) and doc["error"]:
        return "; ".join(f"{e.get('status', e.get('id'))} {e.get('label', '')}".strip() for e in doc["error"])
    return None


class EurostatApi(HttpApi):
    """Eurostat's dissemination API (no published call window: the policy's backoff and Retry-After apply)."""

    def data(self, dataset: str, filters: dict[str, list[str]], since: str | None = None) -> RecordedResponse:
        params: list[tuple[str, str]] = [("format", "JSON"), ("lang", "EN")]
        params += [(dim, code) for dim, codes in filters.items() for code in codes]
        if since:
            params.append(("sinceTimePeriod", since))
        what = f"Eurostat {dataset} {json.dumps(filters)}"
        response = self.request("GET", f"statistics/1.0/data/{dataset}", what=what, params=params)
        problem = error_envelope(response.body)
        if problem:
            raise ApiError(f"{what}: Eurostat answered with an error: {problem}")
        returned = set(json.loads(response.body)["dimension"].get("geo", {}).get("category", {}).get("index", {}))
        missing = sorted(set(filters.get("geo", [])) - returned)
        if missing:
            raise ApiError(f"{what}: requested geo codes missing from the response (unknown or without data): "
                           f"{missing}")
        return response


def parse_eurostat_json(payload: bytes, file: str, table=None) -> pd.DataFrame:
    """A JSON-stat 2.0 response of the dissemination API as ``raw.table_cells`` rows (geo NUTS codes mapped to the
    warehouse's regions, ``unit`` as the measure, other dimensions but ``freq`` as ``code=value`` pairs)."""
    problem = error_envelope(payload)
    if problem:
        raise SourceDataError(file, "Eurostat error envelope instead of data", problem)
    dataset = parse_jsonstat2(payload, file=file)
    ids = [d.id for d in dataset.dimensions]
    for required in ("geo", "time"):
        if required not in ids:
            raise SourceDataError(file, f"Eurostat dimension {required!r} missing", repr(ids), field=required)
    others = [d for d in ids if d not in ("freq", "geo", "time", "unit")]
    frame = dataset.to_frame()
    frame = frame[frame["value"].notna()].reset_index()
    code = (dataset.extension.get("id") or "").lower() if isinstance(dataset.extension, dict) else ""
    records = []
    for row in frame.itertuples(index=False):
        row = row._asdict()
        region = region_for_nuts(row["geo"])
        if region is None:
            if is_extra_regio(row["geo"]):
                continue
            raise SourceDataError(file, "unknown NUTS code", repr(row["geo"]), field="geo")
        records.append({
            "source_cell": str(row["index"]), "dataset_code": code, "region_code": region,
            "region_label": row["geo"], "period": parse_year(str(row["time"]), file, int(row["index"]) + 1, "time"),
            "measure": str(row.get("unit", "")),
            "measure_label": str(row.get("unit_label", "")), "value": row["value"],
            "dimensions": dimensions_text({d: str(row[d]) for d in others}), "status": row["status"] or None,
        })
    return cells_frame(records, file)
