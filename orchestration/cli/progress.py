"""Console progress for command-line runs: a line per materialised asset with its duration, a line per failed
check or step, and the counts the final summary needs. It follows the run's own events in the Dagster instance
(``RunFollower``: the instance's public record queries, read as the run writes them), so it needs nothing of
Dagster's internals."""

from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass, field

import dagster as dg
from dagster import DagsterEventType

from orchestration.automation.refresh_outcome import root_cause


@dataclass
class RunProgress:
    stream: object = sys.stdout
    started: dict[str, float] = field(default_factory=dict)
    materialised: list[str] = field(default_factory=list)
    checks_passed: list[str] = field(default_factory=list)
    checks_failed: list[tuple[str, str, str]] = field(default_factory=list)  # (check, severity, description)
    steps_failed: list[tuple[str, str]] = field(default_factory=list)
    steps_skipped: list[str] = field(default_factory=list)
    step_seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    dbt_models: int = 0  # models and seeds the dbt step materialised
    dbt_tests: int = 0  # dbt tests evaluated
    sources: dict[str, str] = field(default_factory=dict)  # source id -> new or unchanged (its vintage)
    reused: list[str] = field(default_factory=list)  # assets and checks whose inputs were unchanged (reuse.py)
    unmapped: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)  # source -> table -> (codes, cells)

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    @property
    def error_checks_failed(self) -> list[tuple[str, str, str]]:
        return [c for c in self.checks_failed if c[1] == "ERROR"]

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self._print(f"  warning       {message}")

    def handle(self, event, timestamp: float | None = None) -> None:  # a DagsterEvent and when it happened
        kind = event.event_type
        step = event.step_key or ""
        data = event.event_specific_data
        now = timestamp if timestamp is not None else time.time()
        if kind == DagsterEventType.STEP_START:
            self.started[step] = now
        elif kind == DagsterEventType.ASSET_MATERIALIZATION:
            key = data.materialization.asset_key.to_user_string()
            seconds = None
            duration = data.materialization.metadata.get("Execution Duration")
            if duration is not None:  # dagster-dbt reports each model's own duration
                seconds = float(duration.value)
            elif step in self.started:
                seconds = now - self.started[step]
            self.materialised.append(key)
            if step == "dbt_models":
                self.dbt_models += 1
            status = data.materialization.metadata.get("vintage_status")
            if key.startswith("raw/") and status is not None:
                self.sources[key.split("/", 1)[1]] = str(status.value)
            mapping = data.materialization.metadata.get("table_mapping")
            if key.startswith("raw/") and mapping is not None:
                tables = {t: (len(m["unmapped"]), sum(m["unmapped"].values())) for t, m in mapping.value.items()
                          if m["unmapped"]}
                if tables:
                    self.unmapped[key.split("/", 1)[1]] = tables
            reused = data.materialization.metadata.get("reused")
            if reused is not None and reused.value:
                self.reused.append(key)
            shown = f"{seconds:6.2f} s" if seconds is not None else "      -"
            self._print(f"  {'reused      ' if reused is not None and reused.value else 'materialised'}  {shown}  {key}")
        elif kind == DagsterEventType.ASSET_CHECK_EVALUATION:
            name = f"{data.asset_key.to_user_string()}:{data.check_name}"
            if step == "dbt_models":
                self.dbt_tests += 1
            reused = (data.metadata or {}).get("reused")
            if reused is not None and reused.value:  # a validation of identical inputs (orchestration/assets/checks.py)
                self.reused.append(name)
            if data.passed:
                self.checks_passed.append(name)
            else:
                severity = data.severity.value if data.severity else "ERROR"
                self.checks_failed.append((name, severity, data.description or ""))
                self._print(f"  check FAILED  [{severity}] {name}" + (f": {data.description}" if data.description else ""))
        elif kind == DagsterEventType.STEP_SUCCESS:
            self.step_seconds[step] = data.duration_ms / 1000.0
        elif kind == DagsterEventType.STEP_FAILURE:
            message = root_cause(data.error) if data and data.error else "unknown error"
            self.steps_failed.append((step, message))
            self._print(f"  step FAILED   {step}: {message}")
        elif kind == DagsterEventType.STEP_SKIPPED:
            self.steps_skipped.append(step)
            self._print(f"  skipped       {step} (an upstream step or blocking check failed)")


class RunFollower:
    """Reads a run's events from the instance while it runs (a thread polling ``get_records_for_run`` from its
    cursor) and feeds them to a :class:`RunProgress`; ``stop`` reads what is left and ends the thread."""

    def __init__(self, instance: dg.DagsterInstance, run_id: str, progress: RunProgress, interval: float = 1.0):
        self.instance, self.run_id, self.progress, self.interval = instance, run_id, progress, interval
        self.cursor: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="metric-progress", daemon=True)

    def start(self) -> "RunFollower":
        self._thread.start()
        return self

    def _read(self) -> None:
        while True:
            batch = self.instance.get_records_for_run(self.run_id, cursor=self.cursor, limit=500)
            for record in batch.records:
                entry = record.event_log_entry
                if entry.dagster_event is not None:
                    self.progress.handle(entry.dagster_event, entry.timestamp)
                elif entry.level >= logging.WARNING:
                    self.progress.warn(entry.user_message)
            self.cursor = batch.cursor
            if not batch.has_more:
                return

    def _follow(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self._read()
            except Exception:  # the run is not created yet, or a read raced its write: try again
                continue

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self._read()


def quiet_logger() -> dg.LoggerDefinition:
    """A Dagster logger that prints nothing: a command-line run's progress comes from its events (``RunFollower``),
    not from Dagster's console logger."""
    @dg.logger(description="Prints nothing (the command line follows the run's events instead).")
    def _quiet(_init_context) -> logging.Logger:
        log = logging.getLogger("metric.quiet")
        log.propagate = False
        log.handlers = [logging.NullHandler()]
        return log

    return _quiet
