"""A fake PxWeb server on 127.0.0.1 for the live-mode tests: replays SCB's recorded v2 responses (slicing the
recorded TAB6471 cube to the posted selection), serves a v1 folder, and misbehaves on purpose when scripted:
429 with Retry-After, 503, a timeout, a truncated body, a selection over the cell limit."""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from itertools import product
from urllib.parse import parse_qs, unquote, urlparse

from tests.conftest import FIXTURES
from tests.loopback import LoopbackServer, send_body

V2 = FIXTURES / "pxweb" / "scb-v2"


def _load(name: str) -> dict:
    return json.loads((V2 / name).read_text(encoding="utf-8-sig"))


def slice_cube(cube: dict, wanted: dict[str, list[str]]) -> dict:
    """The json-stat2 ``cube`` restricted to the ``wanted`` codes per dimension (others kept whole)."""
    ids, sizes = cube["id"], cube["size"]
    codes = []
    for dim in ids:
        index = cube["dimension"][dim]["category"]["index"]
        ordered = sorted(index, key=index.get)
        codes.append([c for c in ordered if c in wanted.get(dim, ordered)])
    strides = [1] * len(ids)
    for i in range(len(ids) - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]
    positions = [{c: cube["dimension"][d]["category"]["index"][c] for c in cs} for d, cs in zip(ids, codes)]
    values = [cube["value"][sum(positions[i][c] * strides[i] for i, c in enumerate(combo))]
              for combo in product(*codes)]
    out = json.loads(json.dumps(cube))
    out["size"] = [len(c) for c in codes]
    for dim, cs in zip(ids, codes):
        cat = out["dimension"][dim]["category"]
        cat["index"] = {c: i for i, c in enumerate(cs)}
        cat["label"] = {c: cat["label"][c] for c in cs}
    out["value"] = values
    return out


class FakePxWeb(LoopbackServer):
    def __init__(self, max_cells: int = 150_000, max_calls: int = 30, window: float = 10):
        self.config = _load("rpxweb_config.json") | {"maxDataCells": max_cells, "maxCallsPerTimeWindow": max_calls,
                                                      "timeWindow": window}
        self.metadata = _load("pxwebpy_TAB6471_metadata.json")
        self.cube = _load("pxwebpy_TAB6471_data.json")
        self.script: list[str] = []  # misbehaviours for the next data calls: "429", "503", "timeout", "truncate"
        self.requests: list[tuple[str, str, dict | None]] = []
        self.v2_tables: dict[str, dict] = {"TAB6471": self.cube}  # id -> json-stat2 cube (also its metadata)
        self.v2_aliases: dict[str, list[str]] = {"TAB6471": ["BefolkManad"]}  # what a table search also matches
        self.v1_folder: list[dict] = []
        self.v1_folders: dict[str, list[dict]] = {}  # folder path -> items
        self.v1_tables: dict[str, dict] = {}  # path -> {"metadata": ..., "data": ...}
        self.timeout_seconds = 3.0
        self._start_server()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output quiet
                pass

            def _send(self, status: int, doc=None, headers: dict | None = None, raw: bytes | None = None,
                      cut: bool = False):
                body = raw if raw is not None else json.dumps(doc, ensure_ascii=False).encode("utf-8")
                send_body(self, status, body, headers, cut)

            def _misbehave(self) -> bool:
                if not fake.script:
                    return False
                trick = fake.script.pop(0)
                if trick == "429":
                    self._send(429, {"error": "too many requests"}, {"Retry-After": "1"})
                elif trick == "503":
                    self._send(503, {"error": "unavailable"})
                elif trick == "timeout":
                    time.sleep(fake.timeout_seconds)
                    self._send(200, {"late": True})
                elif trick == "truncate":
                    self._send(200, fake.cube, cut=True)  # the connection closes early
                return True

            def do_GET(self):
                path = unquote(urlparse(self.path).path)
                fake.requests.append(("GET", path, None))
                if path.endswith("/api/v2/config"):
                    return self._send(200, fake.config)
                if path.endswith("/api/v2/tables"):
                    query = parse_qs(urlparse(self.path).query).get("query", [""])[0].lower()
                    found = [{"id": tid, "label": cube.get("label", "")} for tid, cube in fake.v2_tables.items()
                             if any(query in text.lower() for text in
                                    (tid, cube.get("label", ""), *fake.v2_aliases.get(tid, [])))]
                    return self._send(200, {"tables": found})
                if path.endswith("/api/v2/tables/TAB6471/metadata"):
                    return self._send(200, fake.metadata)
                parts = path.split("/")
                if "/api/v2/tables/" in path and parts[-1] == "metadata" and parts[-2] in fake.v2_tables:
                    return self._send(200, fake.v2_tables[parts[-2]])
                if path.startswith("/api/v1/"):
                    rel = path[len("/api/v1/"):]
                    if rel.rstrip("/") == "folder":
                        return self._send(200, fake.v1_folder)
                    if rel.rstrip("/") in fake.v1_folders:
                        return self._send(200, fake.v1_folders[rel.rstrip("/")])
                    if rel in fake.v1_tables:
                        return self._send(200, fake.v1_tables[rel]["metadata"])
                return self._send(404, {"error": f"no such path {path}"})

            def do_POST(self):
                path = unquote(urlparse(self.path).path)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append(("POST", path, body))
                if self._misbehave():
                    return None
                parts = path.split("/")
                if "/api/v2/tables/" in path and parts[-1] == "data" and parts[-2] in fake.v2_tables:
                    wanted = {s["variableCode"]: s["valueCodes"] for s in body.get("selection", [])}
                    cube = slice_cube(fake.v2_tables[parts[-2]], wanted)
                    cells = len(cube["value"])
                    if cells > fake.config["maxDataCells"]:
                        return self._send(403, {"error": f"{cells} cells exceed maxDataCells"})
                    return self._send(200, cube)
                if path.startswith("/api/v1/") and path[len("/api/v1/"):] in fake.v1_tables:
                    return self._send(200, fake.v1_tables[path[len("/api/v1/"):]]["data"])
                return self._send(404, {"error": f"no such table {path}"})

        return Handler
