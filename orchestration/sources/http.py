"""The HTTP policy every API client shares (PxWeb, Eurostat, Kolada), on httpx: calls are throttled to a call
window, 429 waits ``Retry-After`` (capped), 5xx answers, timeouts, broken connections and truncated or unparsable
bodies are retried with capped exponential backoff, 4xx fail at once naming the request, an invalid base URL fails
at once, and every response is returned as it came, with its request, so it can be stored as a vintage and
replayed through the same parser. Nothing is returned unless it parsed as JSON. Every retry is logged (logger
``metric.http``, which the extract assets forward to the run's log) with its reason and wait, and recorded with the
response."""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

USER_AGENT = "metric-warehouse (open-source regional statistics client)"
LOG = logging.getLogger("metric.http")


class ApiError(RuntimeError):
    """An API call that cannot succeed (4xx, an error envelope, or still failing after every retry)."""


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
    retries: tuple[str, ...] = ()

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8-sig"))

    def metadata(self) -> dict:
        return {"method": self.method, "url": self.url, "request_body": self.request_body, "status": self.status,
                "headers": self.headers, "fetched_at": self.fetched_at, "attempts": self.attempts,
                "retries": list(self.retries), "bytes": len(self.body)}


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


class HttpApi:
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

    def _retry(self, what: str, attempt: int, problem: str, wait: float, retries: list[str]) -> None:
        """Log and record a failed attempt, then wait before the next one (no wait after the last)."""
        if attempt >= self.policy.max_attempts:
            return
        message = f"{what}: attempt {attempt} of {self.policy.max_attempts} failed ({problem}); retrying in {wait:.1f} s"
        LOG.warning(message)
        retries.append(message)
        self.sleep(wait)

    def request(self, method: str, path: str, *, what: str, params: dict | None = None,
                body: Any = None) -> RecordedResponse:
        url = f"{self.base_url}/{path.lstrip('/')}"
        problem = "no attempt made"
        retries: list[str] = []
        for attempt in range(1, self.policy.max_attempts + 1):
            self._throttle()
            try:
                response = self.client.request(method, url, params=params, json=body)
                content = response.content  # reads the whole body; a cut connection raises here
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:  # a setting, not a passing fault
                raise ApiError(f"{what}: invalid API URL {url!r} ({exc}): check the METRIC_*_API settings") from None
            except httpx.TimeoutException as exc:
                problem = f"timeout ({type(exc).__name__})"
                self._retry(what, attempt, problem, self._backoff(attempt), retries)
                continue
            except httpx.TransportError as exc:
                problem = f"connection error ({type(exc).__name__}: {exc})"
                self._retry(what, attempt, problem, self._backoff(attempt), retries)
                continue
            status = response.status_code
            if status == 429:
                wait = _retry_after_seconds(response.headers.get("Retry-After"))
                problem = f"HTTP 429 Too Many Requests (Retry-After {response.headers.get('Retry-After')!r})"
                self._retry(what, attempt, problem,
                            min(wait if wait is not None else self._backoff(attempt), self.policy.max_retry_after),
                            retries)
                continue
            if status >= 500:
                problem = f"HTTP {status} {response.reason_phrase}"
                self._retry(what, attempt, problem, self._backoff(attempt), retries)
                continue
            if status >= 400:
                detail = content[:300].decode("utf-8", errors="replace").strip()
                raise ApiError(f"{what}: HTTP {status} {response.reason_phrase} from {response.url}: {detail}")
            try:
                json.loads(content.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                problem = f"unparsable or truncated body ({len(content)} bytes: {exc})"
                self._retry(what, attempt, problem, self._backoff(attempt), retries)
                continue
            return RecordedResponse(
                method=method, url=str(response.url), request_body=body, status=status,
                headers={k.lower(): v for k, v in response.headers.items()}, body=content,
                fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), attempts=attempt,
                retries=tuple(retries))
        raise ApiError(f"{what}: gave up after {self.policy.max_attempts} attempts, last: {problem}")

    def close(self) -> None:
        self.client.close()
