"""Issue "Operations": a failed refresh started anywhere (UI, schedule, inbox sensor) says what failed, for which
source, with which message, in data/warehouse/last_refresh.json and the run's tags."""

import json

import dagster as dg

from orchestration.automation.refresh_outcome import build_refresh_failure_sensor


def test_the_failure_sensor_writes_what_failed_for_which_source(tmp_path, monkeypatch):
    monkeypatch.setenv("METRIC_WAREHOUSE_DIR", str(tmp_path / "warehouse"))

    @dg.op(name="extract_almi")
    def extract_almi():
        raise ValueError("metric_report_almi.csv, row 3, field 'value': value must be numeric ('11 0')")

    @dg.job(name="refresh_all")
    def refresh_all():
        extract_almi()

    instance = dg.DagsterInstance.ephemeral()
    try:
        result = refresh_all.execute_in_process(instance=instance, raise_on_error=False)
        assert not result.success
        context = dg.build_run_status_sensor_context(
            sensor_name="refresh_failure_sensor", dagster_instance=instance, dagster_run=result.dagster_run,
            dagster_event=result.get_run_failure_event()).for_run_failure()
        build_refresh_failure_sensor(refresh_all)(context)
        tags = instance.get_run_by_id(result.run_id).tags
    finally:
        instance.dispose()
    record = json.loads((tmp_path / "warehouse" / "last_refresh.json").read_text(encoding="utf-8"))
    assert record["status"] == "failed" and record["job"] == "refresh_all"
    assert record["failed_steps"] == [{"step": "extract_almi", "source_id": "almi", "message": "ValueError: "
                                       + "metric_report_almi.csv, row 3, field 'value': value must be numeric ('11 0')"}]
    assert tags["metric/failed_source"] == "almi" and "value must be numeric" in tags["metric/failure"]
