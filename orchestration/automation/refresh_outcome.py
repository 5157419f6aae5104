"""What an operator needs after a refresh: ``<warehouse_dir>/last_refresh.json`` says whether the last refresh
succeeded and, when it failed, which step failed, for which source, with which message, and which checks failed.
It is written from the run's own events in the Dagster instance, the same way by ``make run`` (at the end of the
run) and by the ``refresh_failure_sensor`` (for runs started from the UI, the schedule or the inbox sensor), and the
failure summary is also added to the run's tags."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
from dagster import DagsterEventType

LAST_REFRESH = "last_refresh.json"


def root_cause(error) -> str:
    """The innermost error's message (the user's exception, not Dagster's wrapper around it)."""
    while getattr(error, "cause", None) is not None:
        error = error.cause
    return error.message.strip()


def _time(value: float | None) -> str | None:
    return datetime.fromtimestamp(value, timezone.utc).isoformat(timespec="seconds") if value else None


def refresh_record(instance: dg.DagsterInstance, run_id: str, succeeded: bool | None = None) -> dict:
    """The run as an operator reads it, from its events: status, times, failed steps (with the source of a failed
    extract and the root error message), failed checks and the number of materialisations."""
    record = instance.get_run_record_by_id(run_id)
    run = record.dagster_run
    failed_steps = []
    for entry in instance.all_logs(run_id, of_type=DagsterEventType.STEP_FAILURE):
        event = entry.dagster_event
        step = event.step_key or ""
        error = event.event_specific_data.error if event.event_specific_data else None
        failed_steps.append({"step": step,
                             "source_id": step.removeprefix("extract_") if step.startswith("extract_") else None,
                             "message": root_cause(error).splitlines()[0] if error else "unknown error"})
    failed_checks = []
    for entry in instance.all_logs(run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION):
        data = entry.dagster_event.event_specific_data
        if not data.passed:
            failed_checks.append({"asset": data.asset_key.to_user_string(), "check": data.check_name,
                                  "severity": data.severity.value if data.severity else "ERROR",
                                  "description": data.description or ""})
    materialised = len(instance.all_logs(run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION))
    ok = run.status == dg.DagsterRunStatus.SUCCESS and not failed_steps if succeeded is None else succeeded
    return {"status": "success" if ok else "failed", "run_id": run_id, "job": run.job_name,
            "started_at": _time(record.start_time), "finished_at": _time(record.end_time) or
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "assets_materialised": materialised, "failed_steps": failed_steps, "failed_checks": failed_checks}


def write_last_refresh(warehouse_dir: Path, record: dict) -> Path:
    """Write the record beside the warehouse (replaced in one rename)."""
    target = Path(warehouse_dir) / LAST_REFRESH
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{LAST_REFRESH}.partial")
    partial.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, target)
    return target


def failure_tags(record: dict) -> dict[str, str]:
    """The failure summary as run tags (shown on the run's page in the UI)."""
    tags = {"metric/refresh_status": record["status"]}
    if record["failed_steps"]:
        first = record["failed_steps"][0]
        tags["metric/failed_step"] = first["step"]
        if first["source_id"]:
            tags["metric/failed_source"] = first["source_id"]
        tags["metric/failure"] = first["message"][:500]
    return tags


def build_refresh_failure_sensor(job) -> dg.SensorDefinition:
    @dg.run_failure_sensor(name="refresh_failure_sensor", monitored_jobs=[job],
                           default_status=dg.DefaultSensorStatus.STOPPED,
                           description="When a refresh fails (from the UI, the schedule or the inbox sensor), writes "
                           "what failed, for which source, with which message, to data/warehouse/last_refresh.json "
                           "and the run's tags.")
    def refresh_failure_sensor(context: dg.RunFailureSensorContext):
        from orchestration.config import load_settings

        record = refresh_record(context.instance, context.dagster_run.run_id, succeeded=False)
        write_last_refresh(load_settings().warehouse_dir, record)
        context.instance.add_run_tags(context.dagster_run.run_id, failure_tags(record))

    return refresh_failure_sensor
