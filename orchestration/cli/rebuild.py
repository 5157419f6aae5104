"""``make rebuild``: a new warehouse from the snapshot and every recorded vintage, for a warehouse that is damaged
and has no good copy beside it (``orchestration/storage/warehouse_file.py`` restores that copy by itself when it has one).

1. Under the warehouse lock, the damaged file is moved aside (``metric.duckdb.damaged-<time>``), never deleted.
2. A new warehouse gets each source's snapshot files as its first vintage, then every live vintage recorded in
   ``data/vintages/<source>/<vintage_id>/`` replayed in the order it was fetched, through the same parsers and the
   same ``write_raw_source`` as a refresh, with its original fetch time: the raw history, ``raw.vintages`` and
   ``raw.revisions`` come back, and each source's current rows are its newest vintage, as before.
3. Everything downstream of the raw layer is built again by a refresh of the rest of the graph (dbt, checks,
   analysis, publish).

What is not rebuilt: snapshot vintages of earlier snapshot files (their files live in the repository's history, not
in ``data/vintages``), and the reuse records (``ops.*``), which the next refresh computes again.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from orchestration.config import WAREHOUSE_FILE_NAME, Settings, load_settings


@dataclasses.dataclass(frozen=True)
class RecordedVintage:
    fetched_at: str
    source_id: str
    vintage_id: str
    folder: Path


def recorded_vintages(vintages_dir: Path) -> list[RecordedVintage]:
    """Every complete vintage folder (staged ``.partial`` folders never are), oldest first."""
    from orchestration.sources.live import recorded_responses

    found = []
    if not Path(vintages_dir).exists():
        return found
    for source in sorted(p for p in Path(vintages_dir).iterdir() if p.is_dir() and not p.name.startswith(".")):
        for folder in sorted(p for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")):
            times = [meta.get("fetched_at", "") for _, _, meta in recorded_responses(folder)]
            found.append(RecordedVintage(min(t for t in times if t) if any(times) else folder.name, source.name,
                                         folder.name, folder))
    return sorted(found, key=lambda v: (v.fetched_at, v.vintage_id))


def load_recorded(vintage: RecordedVintage, settings: Settings) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """A recorded vintage's raw rows as its refresh loaded them: the source's snapshot files and its stored
    responses, parsed again."""
    from orchestration.resources import live_rows
    from orchestration.sources.live import recorded_responses
    from orchestration.sources.snapshot import load_source

    tables, fingerprints = load_source(vintage.source_id, settings.snapshot_dir)
    parts = {name: [frame] for name, frame in tables.items()}
    for table, path, meta in recorded_responses(vintage.folder):
        body = path.read_bytes()
        frame = table.parse(body, str(path), table)
        stamped, fp = live_rows(vintage.source_id, table, str(path.relative_to(settings.vintages_dir)), frame, body,
                                vintage.vintage_id, meta.get("fetched_at", ""), meta.get("method", "GET"),
                                meta.get("url", ""))
        parts.setdefault(table.family, []).append(stamped)
        fingerprints.append(fp)
    merged = {name: pd.concat(frames, ignore_index=True).assign(_vintage_id=vintage.vintage_id)
              for name, frames in parts.items()}
    return merged, fingerprints


def _loaded_at(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc).replace(tzinfo=None)
    except ValueError:
        return None


def replay(settings: Settings, target: Path, stream) -> list[RecordedVintage]:
    """Build the raw layer of a new warehouse at ``target``: every source's snapshot, then every recorded vintage."""
    import duckdb

    from orchestration.resources import SourcesResource
    from orchestration.sources.snapshot import declared_sources
    from orchestration.storage.warehouse import write_raw_source

    snapshot_only = SourcesResource(mode="snapshot", snapshot_dir=str(settings.snapshot_dir), region=settings.region,
                                    inbox_dir="", vintages_dir=str(settings.vintages_dir))
    from datetime import timedelta

    vintages = recorded_vintages(settings.vintages_dir)
    # the snapshot's vintage comes first: it is loaded as if just before the first recorded vintage, so the live
    # vintages follow it in time and each revision is recorded against the vintage before it, as it was
    first = next((_loaded_at(v.fetched_at) for v in vintages if _loaded_at(v.fetched_at)), None)
    snapshot_time = first - timedelta(seconds=1) if first else None
    con = duckdb.connect(str(target))
    try:
        for source in declared_sources(settings.snapshot_dir):
            tables, fingerprints, vintage_id, _ = snapshot_only.load(source.id)
            write_raw_source(con, source.id, tables, fingerprints, vintage_id, "snapshot", loaded_at=snapshot_time)
        for vintage in vintages:
            tables, fingerprints = load_recorded(vintage, settings)
            revisions, _ = write_raw_source(con, vintage.source_id, tables, fingerprints, vintage.vintage_id, "live",
                                            loaded_at=_loaded_at(vintage.fetched_at))
            print(f"  replayed      {vintage.source_id} {vintage.vintage_id} ({vintage.fetched_at}): "
                  f"{sum(revisions.values())} revisions", file=stream, flush=True)
    finally:
        con.close()
    return vintages


def rebuild(stream=sys.stdout) -> int:
    from orchestration.cli.run import run
    from orchestration.storage.warehouse_lock import RefreshRunning, acquire

    settings = load_settings()
    try:
        lock = acquire(settings.warehouse_dir, "make rebuild")
    except RefreshRunning as exc:
        print(str(exc), file=stream, flush=True)
        return 2
    try:
        path = settings.warehouse_path
        if path.exists():
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            aside = path.with_name(f"{path.name}.damaged-{stamp}")
            os.replace(path, aside)
            print(f"  moved aside   {path} -> {aside.name} (kept, never deleted)", file=stream, flush=True)
        work = settings.warehouse_dir / ".rebuild"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        vintages = replay(settings, work / WAREHOUSE_FILE_NAME, stream)
        os.replace(work / WAREHOUSE_FILE_NAME, path)
        shutil.rmtree(work, ignore_errors=True)
        print(f"  raw layer     rebuilt from the snapshot and {len(vintages)} recorded vintage(s)", file=stream,
              flush=True)
        # the rest of the graph, as a refresh builds it (the extracts would read the snapshot again)
        return run(selection="not key:raw/*", stream=stream, how="make rebuild")
    finally:
        lock.release()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    return rebuild()


if __name__ == "__main__":
    sys.exit(main())
