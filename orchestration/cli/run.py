"""``make run``: materialise every asset on the configured sources, with progress and a summary.

The refresh holds the warehouse lock for its whole life (``orchestration/storage/warehouse_lock.py``): a second refresh
refuses at once naming the first (exit code 2), or waits with ``--wait``. It checks the warehouse before copying it
(a damaged file is replaced by the last good copy, ``orchestration/storage/warehouse_file.py``) and builds in a working copy
(``<warehouse_dir>/.refresh/metric.duckdb``) that replaces ``metric.duckdb`` only when every step succeeded and no
error-severity check failed, keeping the replaced file as ``metric.duckdb.previous``; a failed refresh leaves the
previous warehouse file exactly as it was. Exit code 0 on success, 1 on a failed refresh, 2 when another refresh
holds the lock."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import shutil
import sys
import time
import uuid
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.config import REPO_ROOT, WAREHOUSE_FILE_NAME, Settings, load_settings
from orchestration.automation.refresh_outcome import failure_tags, refresh_record, write_last_refresh
from orchestration.cli.progress import RunFollower, RunProgress, quiet_logger
from orchestration.storage.warehouse import recover_wal
from orchestration.storage.warehouse_file import NoSpace, WarehouseDamaged, copy_file, heal, keep_previous
from orchestration.storage.warehouse_lock import LOCK_NAME, RefreshRunning, acquire, describe_refusal, took_over_message


def _by_layer(keys: list[str]) -> dict[str, list[str]]:
    """Asset keys (``layer/name``) and checks (``asset:check``) grouped for the summary: {layer: [names, sorted]},
    the layers in the order the run reached them."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        layer, name = ("checks", key) if ":" in key else key.split("/", 1)
        groups.setdefault(layer, []).append(name)
    return {layer: sorted(names) for layer, names in groups.items()}


def _mart_rows(path: str) -> dict[str, int]:
    con = duckdb.connect(path, read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
        ).fetchall()]
        return {t: con.execute(f'select count(*) from marts."{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def _resolve(defs: dg.Definitions, selection: str | None) -> list[dg.AssetKey] | None:
    if not selection:
        return None
    keys = dg.AssetSelection.from_string(selection).resolve(defs.resolve_asset_graph())
    if not keys:
        raise SystemExit(f"asset selection {selection!r} matches no asset")
    return sorted(keys, key=lambda k: k.to_user_string())


def _unread_files(settings: Settings) -> list[str]:
    """What this run will not read, said out loud: inbox files the inbox rule refuses (the same rule as the sensor)
    and snapshot files the MANIFEST does not list."""
    from orchestration.sources.inbox import scan
    from orchestration.sources.snapshot import MANIFEST_NAME, read_manifest

    entries = read_manifest(settings.snapshot_dir)
    messages = scan(settings.inbox_dir, {e.source_id for e in entries}).refused
    listed = {e.file for e in entries}
    for path in sorted(settings.snapshot_dir.rglob("*")):
        relative = path.relative_to(settings.snapshot_dir)
        if path.is_file() and path.name != MANIFEST_NAME and not any(p.startswith(".") for p in relative.parts) \
                and str(relative) not in listed:
            messages.append(f"{path}: not listed in {MANIFEST_NAME}, so not read")
    return messages


def _working_copy(settings: Settings, stream) -> Settings:
    """Settings whose warehouse is a fresh copy of the current one (same file name: dbt-duckdb's database name). A
    write-ahead log left beside the warehouse is replayed first, or moved aside if it does not belong to it; a
    damaged warehouse is replaced by its last good copy first."""
    work_dir = settings.warehouse_dir / ".refresh"
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    note = recover_wal(settings.warehouse_path)
    if note:
        print(f"  warning       {note}", file=stream, flush=True)
    note = heal(settings.warehouse_path)
    if note:
        print(f"  warning       {note}", file=stream, flush=True)
    if settings.warehouse_path.exists():
        try:
            copy_file(settings.warehouse_path, work_dir / WAREHOUSE_FILE_NAME)
        except NoSpace:
            shutil.rmtree(work_dir, ignore_errors=True)
            raise
    return dataclasses.replace(settings, warehouse_dir=work_dir)


def run(selection: str | None = None, instance: dg.DagsterInstance | None = None, stream=sys.stdout,
        in_place: bool = False, progress: RunProgress | None = None, wait: bool = False,
        how: str = "make run") -> int:
    """Refresh under the warehouse lock; see the module's docstring for the exit codes."""
    settings = load_settings()

    def waiting(holder: dict) -> None:
        print(f"  waiting       {describe_refusal(holder, settings.warehouse_dir / LOCK_NAME)}; waiting for it to "
              "finish", file=stream, flush=True)

    run_id = str(uuid.uuid4())
    try:
        lock = acquire(settings.warehouse_dir, how, run_id=run_id, wait=wait, on_wait=waiting)
    except RefreshRunning as exc:
        print(str(exc), file=stream, flush=True)
        return 2
    try:
        lock.set_run_id(run_id)  # taken by an outer step of the same process (make rebuild): name this run
        note = took_over_message(lock) if lock.depth == 1 else None
        if note:
            print(f"  warning       {note}", file=stream, flush=True)
        return _run_locked(settings, run_id, selection, instance, stream, in_place, progress)
    except (WarehouseDamaged, NoSpace, ValueError) as exc:
        print(f"  error         {exc}\n  result:    FAILED", file=stream, flush=True)
        return 1
    finally:
        lock.release()


def _check_pin(settings: Settings) -> None:
    """An unknown METRIC_VINTAGE fails before anything runs, naming what the warehouse holds."""
    from orchestration.sources.snapshot import declared_sources
    from orchestration.storage.warehouse import check_pinned_vintage

    if not settings.pinned_vintage:
        return
    if not settings.warehouse_path.exists():
        raise ValueError(f"METRIC_VINTAGE {settings.pinned_vintage!r}: there is no warehouse yet, so no vintage")
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        check_pinned_vintage(con, settings.pinned_vintage, [s.id for s in declared_sources(settings.snapshot_dir)])
    finally:
        con.close()


def _run_locked(settings: Settings, run_id: str, selection: str | None, instance: dg.DagsterInstance | None,
                stream, in_place: bool, progress: RunProgress | None) -> int:
    from orchestration.definitions import build_definitions

    _check_pin(settings)
    run_settings = settings if in_place else _working_copy(settings, stream)
    progress = progress or RunProgress(stream=stream)
    defs = build_definitions(run_settings, loggers={"quiet": quiet_logger()})
    job = defs.resolve_job_def("refresh_all")
    print(f"METRIC warehouse: region {settings.region}, {settings.source_mode} mode, "
          f"warehouse {settings.warehouse_path}", file=stream, flush=True)
    for message in _unread_files(settings):
        print(f"  warning       {message}", file=stream, flush=True)
    started = time.monotonic()
    owns_instance = instance is None
    instance = instance or dg.DagsterInstance.ephemeral()
    log_path = settings.warehouse_dir / "last_run.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # dbt's own console output goes to the log file; the progress lines go to ``stream``
        follower = RunFollower(instance, run_id, progress).start()  # the run's events, read as they are written
        try:
            with log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
                result = job.execute_in_process(
                    instance=instance,
                    raise_on_error=False,
                    run_config={"loggers": {"quiet": {}}},
                    asset_selection=_resolve(defs, selection),
                    run_id=run_id,
                )
        finally:
            follower.stop()
        plan = instance.get_execution_plan_snapshot(result.dagster_run.execution_plan_snapshot_id)
        planned = [step.key for step in plan.steps]
        not_run = [step for step in planned if step not in progress.started]
        ok = result.success and not progress.error_checks_failed and not progress.steps_failed and not not_run
        record = {**refresh_record(instance, result.run_id, succeeded=ok), "selection": selection or "all",
                  "region": settings.region, "source_mode": settings.source_mode, "not_run": not_run}
        instance.add_run_tags(result.run_id, failure_tags(record))
    finally:
        if owns_instance:
            instance.dispose()
    elapsed = time.monotonic() - started
    record_path = write_last_refresh(settings.warehouse_dir, record)

    if not in_place:
        work_file = run_settings.warehouse_path
        if ok:
            keep_previous(settings.warehouse_path)  # the last good copy, for a warehouse damaged later
            os.replace(work_file, settings.warehouse_path)  # atomic on one file system
            stale = settings.warehouse_path.with_name(settings.warehouse_path.name + ".wal")
            if stale.exists():  # it belonged to the file just replaced
                stale.unlink()
        shutil.rmtree(run_settings.warehouse_dir, ignore_errors=True)

    print("\nSummary", file=stream)
    print(f"  assets materialised: {len(progress.materialised)} in {elapsed:.1f} s", file=stream)
    if "dbt_models" in progress.step_seconds or "dbt_models" in progress.started:
        print(f"  dbt build: {progress.dbt_models} models and seeds, {progress.dbt_tests} tests in "
              f"{progress.step_seconds.get('dbt_models', float('nan')):.1f} s (log: {log_path})", file=stream)
    if progress.sources:
        unchanged = sorted(s for s, status in progress.sources.items() if status == "unchanged")
        changed = sorted(s for s, status in progress.sources.items() if status != "unchanged")
        print(f"  sources: {len(unchanged)} unchanged (the same files as their recorded vintage)"
              + (f", {len(changed)} with a new vintage: {', '.join(changed)}" if changed else ""), file=stream)
    if progress.unmapped:  # nothing slips: what the table_series seed does not map, per table (extract metadata)
        parts = [f"{source} {table} ({codes} codes, {cells} cells)" for source, tables in sorted(progress.unmapped.items())
                 for table, (codes, cells) in sorted(tables.items())]
        print("  cells no indicator maps (kept in raw.table_cells; codes in each extract's table_mapping): "
              + ", ".join(parts), file=stream)
    if progress.reused:
        print("  reused (inputs, settings and code unchanged; METRIC_RECOMPUTE=1 computes them again):", file=stream)
        for layer, names in _by_layer(progress.reused).items():
            print(f"    {layer}: {', '.join(names)}", file=stream)
    if progress.checks_passed or progress.checks_failed:
        print(f"  checks: {len(progress.checks_passed)} passed, {len(progress.checks_failed)} failed "
              f"({len(progress.error_checks_failed)} of error severity)", file=stream)
    for step, message in progress.steps_failed:
        print(f"  failed step {step}: {message.splitlines()[0]}", file=stream)
    if not_run:
        print(f"  not run (upstream failure or blocking check): {', '.join(not_run)}", file=stream)
    ran = set(progress.materialised)
    if settings.warehouse_path.exists() and any(k.startswith("marts/") for k in ran):
        rows = _mart_rows(str(settings.warehouse_path))
        print("  rows per mart: " + ", ".join(f"{k} {v}" for k, v in rows.items()), file=stream)
    print(f"  warehouse: {settings.warehouse_path}" + ("" if ok or in_place else " (unchanged: refresh failed)"),
          file=stream)
    if any(k.startswith("publish/") for k in ran):
        print(f"  published: {settings.publish_dir} (parquet/, csv/, metric.xlsx, metric.duckdb, report.html, "
              "report_en.html, docs.html)", file=stream)
    print(f"  last refresh: {record_path}", file=stream)
    print("  result:    " + ("OK" if ok else "FAILED"), file=stream, flush=True)
    return 0 if ok else 1


def persistent_instance() -> dg.DagsterInstance | None:
    """The instance in DAGSTER_HOME that ``make dev`` serves (its settings copied in on first use), so the UI shows
    the runs ``make run`` made; None when DAGSTER_HOME is not set."""
    home = os.environ.get("DAGSTER_HOME")
    if not home:
        return None
    Path(home).mkdir(parents=True, exist_ok=True)
    settings = Path(home) / "dagster.yaml"
    if not settings.exists():
        shutil.copy2(REPO_ROOT / "orchestration" / "dagster.yaml", settings)
    return dg.DagsterInstance.get()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--select", help="Dagster asset selection, e.g. 'key:raw/*' (default: every asset)")
    parser.add_argument("--in-place", action="store_true",
                        help="write straight into the warehouse instead of a working copy swapped in on success")
    parser.add_argument("--ephemeral", action="store_true",
                        help="record the run in a throwaway Dagster instance instead of DAGSTER_HOME's")
    parser.add_argument("--wait", action="store_true",
                        help="when another refresh holds the warehouse, wait for it instead of refusing (exit 2)")
    args = parser.parse_args(argv)
    instance = None if args.ephemeral else persistent_instance()
    try:
        return run(selection=args.select, in_place=args.in_place, instance=instance, wait=args.wait)
    finally:
        if instance is not None:
            instance.dispose()


if __name__ == "__main__":
    sys.exit(main())
