"""The embedded snapshot: ``data/snapshot/MANIFEST.csv`` lists every file with its provenance; this module reads a
source's files through the parser for their format and returns the raw tables to load (nothing is written here)."""

from __future__ import annotations

import csv
import hashlib
from datetime import datetime, timezone
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from orchestration.sources.errors import SourceDataError
from orchestration.sources.figures_csv import parse_figures_csv
from orchestration.sources.jsonstat import parse_jsonstat2
from orchestration.sources.regions import is_known_region

MANIFEST_NAME = "MANIFEST.csv"
MANIFEST_COLUMNS = [
    "file", "source_id", "raw_table", "format", "priority", "contents", "obtained", "citation", "vintage",
    "retrieved", "licence", "region_dimension",
]
FORMATS = ("jsonstat2", "figures_csv")  # and "pxweb:<key>": a recorded response of a registry table


@dataclass(frozen=True)
class SnapshotFile:
    file: str
    source_id: str
    raw_table: str
    format: str
    priority: int
    contents: str
    obtained: str
    citation: str
    vintage: str
    retrieved: str
    licence: str
    region_dimension: str

    @property
    def dataset_id(self) -> str:
        return Path(self.file).stem


def read_manifest(snapshot_dir: Path) -> list[SnapshotFile]:
    path = Path(snapshot_dir) / MANIFEST_NAME
    if not path.exists():
        raise SourceDataError(str(path), "snapshot manifest missing", "no MANIFEST.csv in the snapshot folder")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != MANIFEST_COLUMNS:
            raise SourceDataError(str(path), "manifest header", f"expected {MANIFEST_COLUMNS}, got {reader.fieldnames}", row=1)
        entries = []
        for row_no, row in enumerate(reader, start=2):
            for col in ("file", "source_id", "raw_table", "format", "priority", "citation", "vintage", "licence"):
                if not (row.get(col) or "").strip():
                    raise SourceDataError(str(path), "required manifest field is empty", col, row=row_no, field=col)
            if row["format"] not in FORMATS and not _is_recorded_format(row["format"]):
                raise SourceDataError(str(path), f"format must be one of {FORMATS}", row["format"], row=row_no, field="format")
            if not row["raw_table"].startswith(row["source_id"] + "__"):
                raise SourceDataError(str(path), "raw_table must be named <source_id>__<entity>", row["raw_table"],
                                      row=row_no, field="raw_table")
            if not row["priority"].isdigit():
                raise SourceDataError(str(path), "priority must be a whole number", row["priority"], row=row_no, field="priority")
            entries.append(SnapshotFile(**{**row, "priority": int(row["priority"])}))
    return entries


def _is_recorded_format(fmt: str) -> bool:
    from orchestration.sources.registry import LIVE_BY_KEY

    return fmt.startswith("pxweb:") and fmt.split(":", 1)[1] in LIVE_BY_KEY


def source_ids(entries: list[SnapshotFile]) -> list[str]:
    return sorted({e.source_id for e in entries})


def _parse_jsonstat_file(entry: SnapshotFile, payload: bytes, label: str) -> pd.DataFrame:
    dataset = parse_jsonstat2(payload, file=label)
    frame = dataset.to_frame()
    if entry.region_dimension:
        if entry.region_dimension not in frame.columns:
            raise SourceDataError(label, "region dimension missing", f"no dimension {entry.region_dimension!r}")
        unknown = sorted({c for c in frame[entry.region_dimension] if not is_known_region(c)})
        if unknown:
            raise SourceDataError(label, "unknown region code", f"{unknown} in dimension {entry.region_dimension!r}",
                                  field=entry.region_dimension)
        frame = frame.rename(columns={entry.region_dimension: "region_code", f"{entry.region_dimension}_label": "region_label"})
    frame = frame[frame["value"].notna()].reset_index(drop=True)  # null = no published figure for that cell
    frame.insert(0, "source_cell", frame.index)
    return frame


def with_provenance(frame: pd.DataFrame, *, dataset_id: str, source_file: str, priority: int, citation: str,
                    vintage: str, retrieved: str, licence: str) -> pd.DataFrame:
    """The provenance columns every raw row carries (the staging models read them)."""
    return frame.assign(_dataset_id=dataset_id, _source_file=source_file, _priority=priority,
                        _file_citation=citation, _vintage=vintage, _retrieved=retrieved, _licence=licence)


def fingerprint(source_id: str, file: str, raw_table: str, payload: bytes, rows: int, obtained: str, vintage: str,
                citation: str, licence: str) -> dict:
    return {"source_id": source_id, "file": file, "raw_table": raw_table,
            "sha256": hashlib.sha256(payload).hexdigest(), "bytes": len(payload), "rows": rows,
            "obtained": obtained, "vintage": vintage, "citation": citation, "licence": licence}


def load_file(entry: SnapshotFile, snapshot_dir: Path) -> tuple[pd.DataFrame, dict]:
    """Parse one snapshot file into a raw frame with provenance columns; also return the file's fingerprint."""
    path = Path(snapshot_dir) / entry.file
    label = str(path)
    if not path.exists():
        raise SourceDataError(label, "file listed in MANIFEST.csv is missing", entry.file)
    payload = path.read_bytes()
    if entry.format == "jsonstat2":
        frame = _parse_jsonstat_file(entry, payload, label)
    elif entry.format.startswith("pxweb:"):
        from orchestration.sources.registry import LIVE_BY_KEY

        table = LIVE_BY_KEY[entry.format.split(":", 1)[1]]
        frame = table.parse(payload, label, table)  # the same parser as the live run
    else:
        frame = parse_figures_csv(payload, file=label)
    frame = with_provenance(frame, dataset_id=entry.dataset_id, source_file=entry.file, priority=entry.priority,
                            citation=entry.citation, vintage=entry.vintage, retrieved=entry.retrieved,
                            licence=entry.licence)
    return frame, fingerprint(entry.source_id, entry.file, entry.raw_table, payload, len(frame), entry.obtained,
                              entry.vintage, entry.citation, entry.licence)


def load_inbox(source_id: str, inbox_dir: Path) -> list[tuple[pd.DataFrame, dict]]:
    """Files dropped in ``inbox_dir/<source_id>/`` (published-figures CSV): the newest data, priority 0."""
    loaded = []
    for path in sorted((Path(inbox_dir) / source_id).glob("*.csv")):
        payload = path.read_bytes()
        frame = parse_figures_csv(payload, file=str(path))
        modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d")
        frame = with_provenance(frame, dataset_id=f"inbox_{path.stem}", source_file=f"inbox/{source_id}/{path.name}",
                                priority=0, citation="file drop (citations per row)", vintage=f"inbox {modified}",
                                retrieved=modified, licence="as the publisher's terms (see the row citations)")
        loaded.append((frame, fingerprint(source_id, f"inbox/{source_id}/{path.name}", f"{source_id}__figures",
                                          payload, len(frame), "file dropped in the inbox", f"inbox {modified}",
                                          "file drop", "publisher's terms")))
    return loaded


def load_source(source_id: str, snapshot_dir: Path) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """All raw tables of one source (files sharing a raw table are stacked), parsed and validated, plus fingerprints."""
    entries = [e for e in read_manifest(snapshot_dir) if e.source_id == source_id]
    if not entries:
        raise SourceDataError(str(Path(snapshot_dir) / MANIFEST_NAME), "no files for source", source_id)
    frames: dict[str, list[pd.DataFrame]] = {}
    fingerprints = []
    for entry in entries:
        frame, fp = load_file(entry, snapshot_dir)
        frames.setdefault(entry.raw_table, []).append(frame)
        fingerprints.append(fp)
    tables = {name: pd.concat(parts, ignore_index=True) for name, parts in frames.items()}
    return tables, fingerprints
