"""Fake Eurostat and Kolada APIs on 127.0.0.1 for the live-mode tests. They answer in the real response shapes
(tests/fixtures/eurostat, tests/fixtures/kolada): Eurostat's JSON-stat 2.0 with sparse ``value``/``status`` objects
and category indexes out of key order, the ``{"error": [...]}`` envelope; Kolada's v3 pages chained by
``next_url``. The values come from the real published files in the snapshot, so a live run can be compared with
the snapshot. Both misbehave on purpose when scripted: "429" (with Retry-After), "503", "truncate"."""

from __future__ import annotations

import csv
import io
import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote, urlparse

from orchestration.sources.regions import regions
from tests.conftest import SNAPSHOT
from tests.loopback import LoopbackServer, send_body


def sdmx_rows(file: str) -> list[dict]:
    with (SNAPSHOT / file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def jsonstat_response(dataset: str, rows: list[dict], dims: list[str], flags: dict[int, str] | None = None) -> dict:
    """A dissemination-API JSON-stat 2.0 body for ``rows`` (SDMX-CSV dicts): sparse ``value``, optional sparse
    ``status``, every category index written in reverse key order (positions come from the index values)."""
    codes = {d: sorted({r[d] for r in rows}) for d in dims}
    sizes = [len(codes[d]) for d in dims]
    strides = [1] * len(dims)
    for i in range(len(dims) - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]
    values = {}
    for r in rows:
        if r["OBS_VALUE"]:
            pos = sum(codes[d].index(r[d]) * strides[i] for i, d in enumerate(dims))
            values[str(pos)] = float(r["OBS_VALUE"])
    dimension = {d: {"label": d, "category": {
        "index": dict(reversed([(c, i) for i, c in enumerate(codes[d])])),
        "label": {c: c for c in codes[d]}}} for d in dims}
    doc = {"version": "2.0", "class": "dataset", "label": dataset, "source": "ESTAT",
           "id": dims, "size": sizes, "dimension": dimension, "value": values,
           "extension": {"id": dataset.upper(), "agencyId": "ESTAT"}}
    if flags:
        doc["status"] = {str(k): v for k, v in flags.items()}
    return doc


class _FakeServer(LoopbackServer):
    def __init__(self):
        self.script: list[str] = []
        self.requests: list[str] = []
        self._start_server()

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, object]:
        raise NotImplementedError

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: bytes, headers: dict | None = None, cut: bool = False):
                send_body(self, status, body, headers, cut)

            def do_GET(self):
                parsed = urlparse(self.path)
                fake.requests.append(unquote(self.path))
                status, doc = fake.answer(unquote(parsed.path), parse_qs(parsed.query))
                body = doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode("utf-8")
                trick = fake.script.pop(0) if fake.script else None
                if trick == "429":
                    return self._send(429, b'{"error": "rate limited"}', {"Retry-After": "2"})
                if trick == "503":
                    return self._send(503, b'{"error": "unavailable"}')
                return self._send(status, body, cut=trick == "truncate")

        return Handler


class FakeEurostat(_FakeServer):
    """``/statistics/1.0/data/<dataset>``: the snapshot's nama_10r_3gdp and demo_r_pjanaggr3 rows for the requested
    filters; ``overrides`` replaces a value (dataset, geo, unit, time) -> value, ``drop_geo`` leaves codes out,
    ``envelope`` answers every request with that error document and status."""

    FILES = {"nama_10r_3gdp": ("eurostat/eurostat_nama_10r_3gdp_SE.csv", ["freq", "unit", "geo", "time"]),
             "demo_r_pjanaggr3": ("eurostat/eurostat_demo_r_pjanaggr3_SE_1990_2022.csv",
                                  ["freq", "unit", "sex", "age", "geo", "time"])}

    def __init__(self):
        super().__init__()
        self.overrides: dict[tuple[str, str, str, str], float] = {}
        self.drop_geo: set[str] = set()
        self.envelope: tuple[int, dict] | None = None
        self.flags: dict[str, dict[int, str]] = {}
        self._rows = {name: [dict(r, time=r["TIME_PERIOD"]) for r in sdmx_rows(file)]
                      for name, (file, _) in self.FILES.items()}

    def answer(self, path, query):
        if self.envelope:
            return self.envelope
        dataset = path.rsplit("/", 1)[-1]
        if dataset not in self.FILES:
            return 404, {"error": [{"status": 404, "id": 100, "label": f"ERR_NOT_FOUND_4: {dataset}"}]}
        dims = self.FILES[dataset][1]
        rows = [r for r in self._rows[dataset] if r["geo"] not in self.drop_geo
                and all(r[d] in query[d] for d in dims if d in query)
                and ("sinceTimePeriod" not in query or r["time"] >= query["sinceTimePeriod"][0])]
        rows = [dict(r, OBS_VALUE=str(self.overrides.get((dataset, r["geo"], r["unit"], r["time"]), r["OBS_VALUE"])))
                for r in rows]
        return 200, jsonstat_response(dataset, rows, dims, self.flags.get(dataset))


class FakeKolada(_FakeServer):
    """``/v3/kpi?title=``: ids for the three R&D titles; ``/v3/data/kpi/<ids>/municipality/<ids>/year/<years>``: the
    snapshot's Kolada values in pages of ``page_size`` chained by ``next_url``."""

    IDS = {"Företagens utgifter för egen FoU": "N85051", "Offentliga sektorns utgifter för FoU": "N85052",
           "Universitets- och högskolesektorns utgifter för FoU": "N85053"}

    def __init__(self, page_size: int = 50):
        super().__init__()
        self.page_size = page_size
        names = {r.name: code for code, r in regions().items()}
        with (SNAPSHOT / "kolada" / "kolada_fou_utgifter_kr_per_inv_lan_2011_2021.csv").open(encoding="utf-8") as f:
            self._values = [(self.IDS[r["kpi"]], names[r["municipality"]].rjust(4, "0"), int(r["year"]), r["value"])
                            for r in csv.DictReader(io.StringIO(f.read()))]

    def answer(self, path, query):
        if path.rstrip("/").endswith("/v3/kpi"):
            title = query.get("title", [""])[0]
            hits = [{"id": i, "title": t} for t, i in self.IDS.items() if title.lower() in t.lower()]
            return 200, {"count": len(hits), "values": hits}
        parts = path.strip("/").split("/")
        if parts[:3] == ["v3", "data", "kpi"] and len(parts) == 8:
            kpis, munis, years = parts[3].split(","), parts[5].split(","), [int(y) for y in parts[7].split(",")]
            page = int(query.get("page", ["1"])[0])
            rows = [v for v in self._values if v[0] in kpis and v[1] in munis and v[2] in years and v[3] != "NA"]
            chunk = rows[(page - 1) * self.page_size: page * self.page_size]
            doc = {"count": len(chunk), "values": [
                {"kpi": k, "municipality": m, "period": y,
                 "values": [{"gender": "T", "count": 1, "status": "", "value": float(v)}]} for k, m, y, v in chunk]}
            if page * self.page_size < len(rows):
                doc["next_url"] = f"{self.url}/{'/'.join(parts)}?page={page + 1}"
            return 200, doc
        return 404, {"error": f"no such path {path}"}
