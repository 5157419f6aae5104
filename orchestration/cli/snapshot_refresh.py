"""``make snapshot-refresh``: record a live run of every registry table into the embedded snapshot.

The responses are fetched as in live mode (kept as a vintage), copied to ``data/snapshot/<source>/recorded/`` and
listed in MANIFEST.csv with format ``pxweb:<key>``, so snapshot mode replays them through the same parser."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

from orchestration.config import load_settings
from orchestration.resources import LIVE_LICENCES
from orchestration.sources.live import fetch_source
from orchestration.sources.registry import LIVE_TABLES
from orchestration.sources.snapshot import MANIFEST_COLUMNS, MANIFEST_NAME


def refresh_snapshot(snapshot_dir: Path, vintages_dir: Path, region: str, scb_api: str, tva_api: str,
                     scb_v1_api: str = "", eurostat_api: str = "", kolada_api: str = "",
                     source_ids: list[str] | None = None) -> list[str]:
    manifest_path = snapshot_dir / MANIFEST_NAME
    with manifest_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    recorded = []
    for source_id in sorted(source_ids or {t.source_id for t in LIVE_TABLES}):
        publisher = next(r["publisher"] for r in rows if r["source_id"] == source_id)  # declared in the MANIFEST
        vintage_id, fetched, skipped = fetch_source(source_id, region, vintages_dir, scb_api, tva_api, scb_v1_api,
                                                    eurostat_api, kolada_api)
        for message in skipped:
            print(f"warning: {message}", file=sys.stderr)
        for table, path, response, _frame in fetched:
            target = snapshot_dir / source_id / "recorded" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            relative = str(target.relative_to(snapshot_dir))
            rows = [r for r in rows if r["file"] != relative]
            rows.append({
                "file": relative, "source_id": source_id, "publisher": publisher, "format": f"pxweb:{table.key}",
                "priority": "0", "contents": table.title,
                "obtained": f"recorded response: {response.method} {response.url} at {response.fetched_at} "
                            f"(vintage {vintage_id})",
                "citation": table.citation, "vintage": response.fetched_at[:10], "retrieved": response.fetched_at[:10],
                "licence": LIVE_LICENCES.get(source_id, "public statistics, cite the publisher"),
                "region_dimension": "", "table_id": table.table_id or "",
            })
            recorded.append(relative)
    staged = manifest_path.with_name(f".{MANIFEST_NAME}.partial")
    with staged.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    staged.replace(manifest_path)
    return recorded


def main() -> int:
    settings = load_settings()
    files = refresh_snapshot(settings.snapshot_dir, settings.vintages_dir, settings.region, settings.scb_api,
                             settings.tva_api, settings.scb_v1_api, settings.eurostat_api, settings.kolada_api)
    print("recorded into the snapshot:\n" + "\n".join(f"  {f}" for f in files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
