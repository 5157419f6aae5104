"""``make run``: materialise every asset on the configured sources, with progress and a summary.

Exit code 0 only if every step succeeded and no error-severity check failed."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time

import dagster as dg
import duckdb

from orchestration.config import load_settings
from orchestration.progress import RunProgress, progress_logger


def _mart_rows(path: str) -> dict[str, int]:
    con = duckdb.connect(path, read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
        ).fetchall()]
        return {t: con.execute(f'select count(*) from marts."{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def run(selection: str | None = None, instance: dg.DagsterInstance | None = None, stream=sys.stdout) -> int:
    from orchestration.definitions import build_definitions

    settings = load_settings()
    progress = RunProgress(stream=stream)
    defs = build_definitions(settings, loggers={"metric_progress": progress_logger(progress)})
    job = defs.resolve_job_def("refresh_all")
    print(f"METRIC warehouse: region {settings.region}, {settings.source_mode} mode, "
          f"warehouse {settings.warehouse_path}", file=stream, flush=True)
    started = time.monotonic()
    owns_instance = instance is None
    instance = instance or dg.DagsterInstance.ephemeral()
    log_path = settings.warehouse_dir / "last_run.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # dbt's own console output goes to the log file; the progress lines go to ``stream``
        with log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=False,
                run_config={"loggers": {"metric_progress": {}}},
                asset_selection=dg.AssetSelection.from_string(selection).resolve(defs.resolve_asset_graph())
                if selection else None,
            )
    finally:
        if owns_instance:
            instance.dispose()
    elapsed = time.monotonic() - started
    ok = result.success and not progress.error_checks_failed and not progress.steps_failed

    print("\nSummary", file=stream)
    print(f"  assets materialised: {len(progress.materialised)} in {elapsed:.1f} s", file=stream)
    print(f"  checks: {len(progress.checks_passed)} passed, {len(progress.checks_failed)} failed "
          f"({len(progress.error_checks_failed)} of error severity)", file=stream)
    for step, message in progress.steps_failed:
        print(f"  failed step {step}: {message.splitlines()[0]}", file=stream)
    if settings.warehouse_path.exists():
        rows = _mart_rows(str(settings.warehouse_path))
        print("  rows per mart: " + ", ".join(f"{k} {v}" for k, v in rows.items()), file=stream)
    print(f"  warehouse: {settings.warehouse_path}", file=stream)
    print(f"  exports:   {settings.publish_dir}", file=stream)
    print(f"  dbt log:   {log_path}", file=stream)
    print("  result:    " + ("OK" if ok else "FAILED"), file=stream, flush=True)
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--select", help="Dagster asset selection, e.g. 'key:raw/*' (default: every asset)")
    args = parser.parse_args(argv)
    return run(selection=args.select)


if __name__ == "__main__":
    sys.exit(main())
