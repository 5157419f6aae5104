"""The yearly refresh: every asset, one step at a time (DuckDB has one writer)."""

from __future__ import annotations

import dagster as dg

refresh_all_job = dg.define_asset_job(
    name="refresh_all",
    selection=dg.AssetSelection.all(),
    description="Materialise every asset: extract -> dbt build (staging, marts, tests) -> checks -> analysis -> publish.",
    executor_def=dg.in_process_executor,
    tags={"metric/warehouse": "writer"},  # the run queue runs one warehouse writer at a time (dagster.yaml)
)

# 1 March: most sources have published the previous year by then (PTS in March is the latest).
yearly_refresh_schedule = dg.ScheduleDefinition(
    name="yearly_refresh",
    job=refresh_all_job,
    cron_schedule="0 6 1 3 *",
    execution_timezone="Europe/Stockholm",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Yearly refresh of the whole warehouse, 1 March at 06:00 Europe/Stockholm.",
)
