"""Issue "Operations": the instance ``make run`` records in keeps Dagster's own SQLite files, read by stock Dagster
(the UI), with a bounded number of open files."""

import shutil

import dagster as dg
from dagster._core.events import DagsterEventType
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from orchestration import event_log_storage
from orchestration.config import REPO_ROOT


@dg.asset
def numbers() -> list[int]:
    return [1, 2, 3]


@dg.asset_check(asset=numbers)
def three_numbers(numbers: list[int]) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=len(numbers) == 3)


def _instance(home, monkeypatch) -> dg.DagsterInstance:
    home.mkdir()
    shutil.copy2(REPO_ROOT / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return dg.DagsterInstance.get()


def test_runs_recorded_through_the_pooled_log_are_read_by_dagsters_own_storage(tmp_path, monkeypatch):
    instance = _instance(tmp_path / "home", monkeypatch)
    try:
        assert isinstance(instance.event_log_storage, event_log_storage.PooledSqliteEventLogStorage)
        job = dg.Definitions(assets=[numbers], asset_checks=[three_numbers]).resolve_implicit_global_asset_job_def()
        for _ in range(2):
            assert job.execute_in_process(instance=instance).success
        run_ids = [run.run_id for run in instance.get_runs()]
    finally:
        instance.dispose()
    stock = SqliteEventLogStorage(str(tmp_path / "home" / "history" / "runs"))  # what the UI reads with
    try:
        assert stock.get_asset_records([dg.AssetKey("numbers")])[0].asset_entry.last_materialization is not None
        for run_id in run_ids:
            kinds = {e.dagster_event.event_type for e in stock.get_logs_for_run(run_id) if e.is_dagster_event}
            assert {DagsterEventType.ASSET_MATERIALIZATION, DagsterEventType.ASSET_CHECK_EVALUATION,
                    DagsterEventType.RUN_SUCCESS} <= kinds
    finally:
        stock.dispose()


def test_only_the_most_recently_used_shards_stay_open(tmp_path, monkeypatch):
    monkeypatch.setattr(event_log_storage, "MAX_OPEN_SHARDS", 2)
    instance = _instance(tmp_path / "home", monkeypatch)
    try:
        job = dg.Definitions(assets=[numbers]).resolve_implicit_global_asset_job_def()
        for _ in range(4):  # each run is a shard of its own, besides the index shard
            assert job.execute_in_process(instance=instance).success
        assert len(instance.event_log_storage._engines) == 2
        assert len(instance.get_runs()) == 4
    finally:
        instance.dispose()
