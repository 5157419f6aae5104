"""PxWeb API clients (own code on httpx): v2 for SCB's Statistikdatabasen, v1 for Tillväxtanalys (and SCB's
legacy API). Every response is returned as it came, with its request, so it can be stored as a vintage and
replayed through the same parser.

The HTTP policy is shared: calls are throttled to the server's window (``maxCallsPerTimeWindow`` per
``timeWindow`` seconds from ``/config``), 429 waits ``Retry-After``, 5xx answers, timeouts, broken connections and
truncated or unparsable bodies are retried with capped exponential backoff, and 400/403/404 fail at once with a
message naming the table and the selection. Nothing is returned unless it parsed as JSON.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

USER_AGENT = "metric-warehouse (+https://github.com/; PxWeb client)"


class PxWebError(RuntimeError):
    """A PxWeb call that cannot succeed (4xx, or still failing after every retry)."""


@dataclass(frozen=True)
class RecordedResponse:
    """One HTTP exchange as it happened: enough to store it as a vintage and replay it."""

    method: str
    url: str
    request_body: Any
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    attempts: int

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8-sig"))

    def metadata(self) -> dict:
        return {"method": self.method, "url": self.url, "request_body": self.request_body, "status": self.status,
                "headers": self.headers, "fetched_at": self.fetched_at, "attempts": self.attempts,
                "bytes": len(self.body)}


@dataclass
class RetryPolicy:
    max_attempts: int = 5
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    timeout: float = 30.0
    max_retry_after: float = 120.0


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
        except (TypeError, ValueError):
            return None


class _HttpApi:
    def __init__(self, base_url: str, *, client: httpx.Client | None = None, policy: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 max_calls: int | None = None, time_window: float | None = None):
        self.base_url = base_url.rstrip("/")
        self.policy = policy or RetryPolicy()
        self.client = client or httpx.Client(timeout=self.policy.timeout, headers={"User-Agent": USER_AGENT})
        self.sleep, self.clock = sleep, clock
        self.max_calls, self.time_window = max_calls, time_window
        self._calls: deque[float] = deque()

    def _throttle(self) -> None:
        if not self.max_calls or not self.time_window:
            return
        now = self.clock()
        while self._calls and now - self._calls[0] >= self.time_window:
            self._calls.popleft()
        if len(self._calls) >= self.max_calls:
            self.sleep(self.time_window - (now - self._calls[0]))
            self._calls.popleft()
        self._calls.append(self.clock())

    def _backoff(self, attempt: int) -> float:
        return min(self.policy.backoff_cap, self.policy.backoff_base * 2 ** (attempt - 1))

    def request(self, method: str, path: str, *, what: str, params: dict | None = None,
                body: Any = None) -> RecordedResponse:
        url = f"{self.base_url}/{path.lstrip('/')}"
        problem = "no attempt made"
        for attempt in range(1, self.policy.max_attempts + 1):
            self._throttle()
            try:
                response = self.client.request(method, url, params=params, json=body)
                content = response.content  # reads the whole body; a cut connection raises here
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:  # a setting, not a passing fault
                raise PxWebError(f"{what}: invalid API URL {url!r} ({exc}): check the METRIC_*_API settings") from None
            except httpx.TimeoutException as exc:
                problem = f"timeout ({type(exc).__name__})"
                self.sleep(self._backoff(attempt))
                continue
            except httpx.TransportError as exc:
                problem = f"connection error ({type(exc).__name__}: {exc})"
                self.sleep(self._backoff(attempt))
                continue
            status = response.status_code
            if status == 429:
                wait = _retry_after_seconds(response.headers.get("Retry-After"))
                problem = f"HTTP 429 Too Many Requests (Retry-After {response.headers.get('Retry-After')!r})"
                self.sleep(min(wait if wait is not None else self._backoff(attempt), self.policy.max_retry_after))
                continue
            if status >= 500:
                problem = f"HTTP {status} {response.reason_phrase}"
                self.sleep(self._backoff(attempt))
                continue
            if status >= 400:
                detail = content[:300].decode("utf-8", errors="replace").strip()
                raise PxWebError(f"{what}: HTTP {status} {response.reason_phrase} from {response.url}: {detail}")
            try:
                json.loads(content.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                problem = f"unparsable or truncated body ({len(content)} bytes: {exc})"
                self.sleep(self._backoff(attempt))
                continue
            return RecordedResponse(
                method=method, url=str(response.url), request_body=body, status=status,
                headers={k.lower(): v for k, v in response.headers.items()}, body=content,
                fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), attempts=attempt)
        raise PxWebError(f"{what}: gave up after {self.policy.max_attempts} attempts, last: {problem}")

    def close(self) -> None:
        self.client.close()


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


class PxWebV2(_HttpApi):
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
class PxWebV1(_HttpApi):
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
