"""Console progress for command-line runs: a line per materialised asset with its duration, a line per failed
check or step, and the counts the final summary needs. Plugged in as a Dagster logger."""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field

import dagster as dg
from dagster._core.events import DagsterEventType
from dagster._core.log_manager import LOG_RECORD_METADATA_ATTR


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

    def handle(self, event) -> None:  # a DagsterEvent
        kind = event.event_type
        step = event.step_key or ""
        data = event.event_specific_data
        if kind == DagsterEventType.STEP_START:
            self.started[step] = time.monotonic()
        elif kind == DagsterEventType.ASSET_MATERIALIZATION:
            key = data.materialization.asset_key.to_user_string()
            seconds = None
            duration = data.materialization.metadata.get("Execution Duration")
            if duration is not None:  # dagster-dbt reports each model's own duration
                seconds = float(duration.value)
            elif step in self.started:
                seconds = time.monotonic() - self.started[step]
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
            if reused is not None and reused.value:  # a validation of identical inputs (orchestration/checks.py)
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


def root_cause(error) -> str:
    """The innermost error's message (the user's exception, not Dagster's wrapper around it)."""
    while getattr(error, "cause", None) is not None:
        error = error.cause
    return error.message.strip()


class _ProgressHandler(logging.Handler):
    def __init__(self, progress: RunProgress):
        super().__init__()
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, LOG_RECORD_METADATA_ATTR, None) or {}
        event = meta.get("dagster_event")
        if event is not None:
            self.progress.handle(event)
        elif record.levelno >= logging.WARNING:
            self.progress.warn(meta.get("orig_message") or record.getMessage())


def progress_logger(progress: RunProgress) -> dg.LoggerDefinition:
    @dg.logger(description="Prints a line per materialised asset, failed check and failed step.")
    def _progress(_init_context) -> logging.Logger:
        log = logging.getLogger("metric.progress")
        log.setLevel(logging.DEBUG)
        log.propagate = False
        log.handlers = [_ProgressHandler(progress)]
        return log

    return _progress
