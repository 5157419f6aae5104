"""PxWeb API clients (own code on httpx): v2 for SCB's Statistikdatabasen, v1 for Tillväxtanalys (and SCB's
legacy API). Every response is returned as it came, with its request, so it can be stored as a vintage and
replayed through the same parser.

The HTTP policy is shared with the other API clients (``orchestration/sources/http.py``); calls are throttled to
the server's window (``maxCallsPerTimeWindow`` per ``timeWindow`` seconds from ``/config``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from orchestration.sources.http import ApiError, HttpApi, RecordedResponse, RetryPolicy  # noqa: F401 (re-exported)

# PxWeb errors are the shared API error; the name stays for readers of the PxWeb code
PxWebError = ApiError


# ----------------------------------------------------------------------------------------------------------- v2
@dataclass
class ApiConfig:
    max_data_cells: int = 100_000  # conservative defaults until /config has been read
    max_calls: int = 10
    time_window: float = 10.0
    api_version: str = ""


@dataclass
class V2Selection:
    """A table selection: variable code -> codes or one value expression (``*``, ``from(x)``, ``top(n)``), and
    optional code lists per variable (e.g. ``{"Region": "vs_RegionLän07"}``)."""

    values: dict[str, list[str] | str]
    codelists: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        return json.dumps(self.values, ensure_ascii=False)


class PxWebV2(HttpApi):
    """SCB's PxWeb API v2 (``.../api/v2``)."""

    def __init__(self, base_url: str, lang: str = "sv", **kwargs):
        super().__init__(base_url, **kwargs)
        self.lang = lang
        self.config_: ApiConfig | None = None

    def config(self) -> ApiConfig:
        """Read ``/config`` and obey it from now on (the call window and the cell limit)."""
        doc = self.request("GET", "config", what="PxWeb v2 /config").json()
        self.config_ = ApiConfig(max_data_cells=int(doc.get("maxDataCells", 100_000)),
                                 max_calls=int(doc.get("maxCallsPerTimeWindow", 10)),
                                 time_window=float(doc.get("timeWindow", 10)), api_version=str(doc.get("apiVersion")))
        self.max_calls, self.time_window = self.config_.max_calls, self.config_.time_window
        return self.config_

    def _ensure_config(self) -> ApiConfig:
        return self.config_ or self.config()

    def search_tables(self, query: str) -> list[dict]:
        doc = self.request("GET", "tables", params={"query": query, "lang": self.lang},
                           what=f"PxWeb v2 table search {query!r}").json()
        return list(doc.get("tables", []))

    def resolve_table_id(self, query: str, title_pattern: str | None = None) -> str:
        """The id of the one table a search finds (optionally filtered by a regex on its label)."""
        tables = self.search_tables(query)
        if title_pattern:
            tables = [t for t in tables if re.search(title_pattern, t.get("label", ""), re.IGNORECASE)]
        if len(tables) != 1:
            raise PxWebError(f"table search {query!r} (label ~ {title_pattern!r}) found {len(tables)} tables: "
                             f"{[t.get('id') for t in tables][:10]}")
        return str(tables[0]["id"])

    def metadata(self, table_id: str) -> dict:
        self._ensure_config()
        return self.request("GET", f"tables/{table_id}/metadata", params={"lang": self.lang},
                            what=f"PxWeb v2 metadata of table {table_id}").json()

    @staticmethod
    def resolve(table_id: str, metadata: dict, selection: V2Selection) -> dict[str, list[str]]:
        """Explicit codes for every selected variable (value expressions resolved against the metadata)."""
        resolved: dict[str, list[str]] = {}
        for variable, wanted in selection.values.items():
            dim = metadata.get("dimension", {}).get(variable)
            if dim is None:
                raise PxWebError(f"table {table_id} has no variable {variable!r} (selection {selection.describe()})")
            index = dim["category"]["index"]
            codes = list(index) if isinstance(index, list) else sorted(index, key=index.get)
            if isinstance(wanted, str):
                if wanted == "*":
                    chosen = codes
                elif m := re.fullmatch(r"from\((.+)\)", wanted):
                    if m.group(1) not in codes:
                        raise PxWebError(f"table {table_id}, {variable}: from({m.group(1)}) is not a code")
                    chosen = codes[codes.index(m.group(1)):]
                elif m := re.fullmatch(r"top\((\d+)\)", wanted):
                    chosen = codes[-int(m.group(1)):]
                else:
                    raise PxWebError(f"table {table_id}, {variable}: unknown value expression {wanted!r}")
            else:
                unknown = [c for c in wanted if c not in codes]
                if unknown and variable not in selection.codelists:
                    raise PxWebError(f"table {table_id}, {variable}: unknown codes {unknown}")
                chosen = list(wanted)
            resolved[variable] = chosen
        return resolved

    @staticmethod
    def split(resolved: dict[str, list[str]], max_cells: int) -> list[dict[str, list[str]]]:
        """Split a selection into parts of at most ``max_cells`` cells, along the variables with most codes."""
        cells = math.prod(len(v) for v in resolved.values())
        if cells <= max_cells:
            return [resolved]
        variable = max(resolved, key=lambda k: len(resolved[k]))
        codes = resolved[variable]
        if len(codes) == 1:
            raise PxWebError(f"selection of {cells} cells cannot be split below the limit of {max_cells}")
        half = len(codes) // 2
        return (PxWebV2.split({**resolved, variable: codes[:half]}, max_cells)
                + PxWebV2.split({**resolved, variable: codes[half:]}, max_cells))

    def data(self, table_id: str, selection: V2Selection) -> list[RecordedResponse]:
        """POST the selection as json-stat2, split into calls below the server's cell limit."""
        config = self._ensure_config()
        resolved = self.resolve(table_id, self.metadata(table_id), selection)
        responses = []
        for part in self.split(resolved, config.max_data_cells):
            body = {"selection": [{"variableCode": k, "valueCodes": v,
                                   **({"codelist": selection.codelists[k]} if k in selection.codelists else {})}
                                  for k, v in part.items()]}
            responses.append(self.request(
                "POST", f"tables/{table_id}/data", params={"lang": self.lang, "outputFormat": "json-stat2"},
                body=body, what=f"PxWeb v2 data of table {table_id}, selection {json.dumps(part, ensure_ascii=False)}"))
        return responses


# ----------------------------------------------------------------------------------------------------------- v1
class PxWebV1(HttpApi):
    """PxWeb API v1 (``.../api/v1/<lang>/<database>`` or SCB's ``.../OV0104/v1/doris/sv/ssd``)."""

    def list_folder(self, path: str) -> list[dict]:
        items = self.request("GET", path, what=f"PxWeb v1 folder {path!r}").json()
        if not isinstance(items, list):
            raise PxWebError(f"PxWeb v1 folder {path!r}: expected a list of items, got {type(items).__name__}")
        return items

    def find_table(self, folder: str, name_pattern: str) -> str:
        """The path of the table in ``folder`` whose id or text matches ``name_pattern`` (files get renamed, so
        match a stable part); the most recently updated one when several match."""
        tables = [i for i in self.list_folder(folder) if i.get("type") == "t"
                  and (re.search(name_pattern, i.get("id", ""), re.IGNORECASE)
                       or re.search(name_pattern, i.get("text", ""), re.IGNORECASE))]
        if not tables:
            raise PxWebError(f"no table in {folder!r} matches {name_pattern!r}")
        newest = max(tables, key=lambda i: i.get("updated") or "")
        return f"{folder.rstrip('/')}/{newest['id']}"

    def metadata(self, table_path: str) -> dict:
        return self.request("GET", table_path, what=f"PxWeb v1 metadata of {table_path!r}").json()

    def data(self, table_path: str, query: Sequence[dict], fmt: str = "json-stat2") -> RecordedResponse:
        return self.request("POST", table_path, body={"query": list(query), "response": {"format": fmt}},
                            what=f"PxWeb v1 data of {table_path!r}, query {json.dumps(list(query), ensure_ascii=False)}")
