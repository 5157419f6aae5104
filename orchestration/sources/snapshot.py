"""The embedded snapshot: ``data/snapshot/MANIFEST.csv`` lists every file with its provenance; this module reads a
source's files through the parser for their format and returns the raw tables to load (nothing is written here)."""

from __future__ import annotations

import csv
import hashlib
import re
from datetime import datetime, timezone
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import (COMPANION_FORMATS, FORMAT_FAMILY, PUBLISHED_FIGURES, SURVEY_ESTIMATES,
                                            jsonstat_cells)
from orchestration.sources.limits import check_rows, read_limited
from orchestration.sources.provenance import file_fingerprint, with_provenance
from orchestration.sources.figures_csv import parse_figures_csv
from orchestration.sources.jsonstat import parse_jsonstat2
from orchestration.sources.eurostat_files import (parse_datacommons_employment_csv, parse_nuts2_indicators,
                                                  parse_nuts2_panel_tsv, parse_sdmx_csv, parse_tsv)
from orchestration.sources.gisco_files import parse_nuts_geojson
from orchestration.sources.qog_files import parse_eqi_csv
from orchestration.sources.rci_files import parse_population_gdp_csv, parse_rci_csv, read_descriptions
from orchestration.sources.regional_files import (parse_kolada_csv, parse_kommun_education_csv, parse_scb_export_csv,
                                                  parse_tillvaxtanalys_xlsx, read_kommun_key)

# format -> parser(payload, file label, table id) of the statistical-table formats (family table_cells)
TABLE_PARSERS = {
    "eurostat_sdmx_csv": parse_sdmx_csv,
    "eurostat_tsv": parse_tsv,
    "eurostat_nuts2_indicators": parse_nuts2_indicators,
    "kolada_csv": parse_kolada_csv,
    "tillvaxtanalys_xlsx": parse_tillvaxtanalys_xlsx,
    "scb_export_csv": parse_scb_export_csv,
    "eurostat_datacommons_csv": parse_datacommons_employment_csv,
    "nuts2_panel_tsv": parse_nuts2_panel_tsv,
    "qog_eqi_csv": parse_eqi_csv,
    "rci_population_gdp_csv": parse_population_gdp_csv,
    "gisco_nuts_geojson": parse_nuts_geojson,
}
# format -> (parser(payload, file label, table id, key, key file), the companion format of its key file, the
# companion's reader(payload, file label))
KEYED_PARSERS = {
    "scb_kommun_education_csv": (parse_kommun_education_csv, "kommun_key_csv", read_kommun_key),
    "rci_raw_csv": (parse_rci_csv, "rci_descriptions_csv", read_descriptions),
}

MANIFEST_NAME = "MANIFEST.csv"
MANIFEST_COLUMNS = [
    "file", "source_id", "publisher", "format", "priority", "contents", "obtained", "citation", "vintage",
    "retrieved", "licence", "region_dimension", "table_id",
]
FORMATS = (*FORMAT_FAMILY, *COMPANION_FORMATS)  # and "pxweb:<key>": a recorded response of a registry table
_SOURCE_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class SnapshotFile:
    file: str
    source_id: str
    publisher: str
    format: str
    priority: int
    contents: str
    obtained: str
    citation: str
    vintage: str
    retrieved: str
    licence: str
    region_dimension: str
    table_id: str  # the publisher's table or dataset id (e.g. nama_10r_3gdp, TAB3138); empty for figures files

    @property
    def dataset_id(self) -> str:
        return Path(self.file).stem

    @property
    def is_companion(self) -> bool:
        """A key file or data dictionary: provenance and fingerprint, no rows (``COMPANION_FORMATS``)."""
        return self.format in COMPANION_FORMATS

    @property
    def family(self) -> str | None:
        """The raw table family the file's rows land in (``orchestration/sources/families.py``); None for a
        companion file."""
        if self.is_companion:
            return None
        if self.format.startswith("pxweb:"):
            from orchestration.sources.registry import LIVE_BY_KEY

            return LIVE_BY_KEY[self.format.split(":", 1)[1]].family
        return FORMAT_FAMILY[self.format]


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
            for col in ("file", "source_id", "publisher", "format", "priority", "citation", "vintage", "licence"):
                if not (row.get(col) or "").strip():
                    raise SourceDataError(str(path), "required manifest field is empty", col, row=row_no, field=col)
            if not _SOURCE_ID.match(row["source_id"]):
                raise SourceDataError(str(path), "source_id must be a lower-case identifier", row["source_id"],
                                      row=row_no, field="source_id")
            if row["format"] not in FORMATS and not _is_recorded_format(row["format"]):
                raise SourceDataError(str(path), f"format must be one of {FORMATS} or pxweb:<registry key>",
                                      row["format"], row=row_no, field="format")
            relative = Path(row["file"])
            if relative.is_absolute() or ".." in relative.parts:
                raise SourceDataError(str(path), "file must be a path inside the snapshot folder", row["file"],
                                      row=row_no, field="file")
            if not row["priority"].isdigit():
                raise SourceDataError(str(path), "priority must be a whole number", row["priority"], row=row_no, field="priority")
            entries.append(SnapshotFile(**{**row, "priority": int(row["priority"])}))
    return entries


def _is_recorded_format(fmt: str) -> bool:
    from orchestration.sources.registry import LIVE_BY_KEY

    return fmt.startswith("pxweb:") and fmt.split(":", 1)[1] in LIVE_BY_KEY


@dataclass(frozen=True)
class SourceDeclaration:
    """A source as the MANIFEST declares it: its id, publisher, the families its files land in, and its files."""

    id: str
    publisher: str
    families: tuple[str, ...]
    files: tuple[SnapshotFile, ...]

    @property
    def contents(self) -> str:
        return "; ".join(f.contents for f in self.files if f.contents)


def declared_sources(snapshot_dir: Path) -> list[SourceDeclaration]:
    """Every source of the snapshot's MANIFEST (one extract asset each), plus the families of its live tables."""
    from orchestration.sources.registry import live_tables_for
    from orchestration.sources.survey_definitions import survey_ids

    entries = read_manifest(snapshot_dir)
    surveys = survey_ids()
    declared = []
    for source_id in sorted({e.source_id for e in entries}):
        files = tuple(e for e in entries if e.source_id == source_id)
        families = {f.family for f in files if not f.is_companion} | {t.family for t in live_tables_for(source_id)}
        if source_id in surveys:  # its microdata drop gives estimates (orchestration/sources/survey_microdata.py)
            families.add(SURVEY_ESTIMATES)
        publisher = next((f.publisher for f in files if not f.is_companion), files[0].publisher)
        declared.append(SourceDeclaration(source_id, publisher, tuple(sorted(families)), files))
    return declared


def load_file(entry: SnapshotFile, snapshot_dir: Path) -> tuple[pd.DataFrame, dict]:
    """Parse one snapshot file into a raw frame with provenance columns; also return the file's fingerprint."""
    path = Path(snapshot_dir) / entry.file
    label = str(path)
    if not path.exists():
        raise SourceDataError(label, "file listed in MANIFEST.csv is missing", entry.file)
    payload = read_limited(path)
    if entry.format in KEYED_PARSERS:
        parser, key_format, read_key = KEYED_PARSERS[entry.format]
        key_entry = _key_file(entry, key_format, snapshot_dir)
        key_label = str(Path(snapshot_dir) / key_entry.file)
        key = read_key(read_limited(Path(snapshot_dir) / key_entry.file), key_label)
        frame = parser(payload, label, entry.table_id, key, key_label)
    elif entry.format == "jsonstat2":
        frame = jsonstat_cells(parse_jsonstat2(payload, file=label), label, entry.region_dimension or "Region")
    elif entry.format in TABLE_PARSERS:
        frame = TABLE_PARSERS[entry.format](payload, label, entry.table_id)
    elif entry.format.startswith("pxweb:"):
        from orchestration.sources.registry import LIVE_BY_KEY

        table = LIVE_BY_KEY[entry.format.split(":", 1)[1]]
        frame = table.parse(payload, label, table)  # the same parser as the live run
    else:
        frame = parse_figures_csv(payload, file=label)
    check_rows(label, len(frame))
    frame = with_provenance(frame, source_id=entry.source_id, dataset_id=entry.dataset_id, source_file=entry.file,
                            priority=entry.priority, citation=entry.citation, vintage=entry.vintage,
                            retrieved=entry.retrieved, licence=entry.licence)
    return frame, file_fingerprint(entry.source_id, entry.file, entry.family, payload, len(frame), entry.obtained,
                              entry.vintage, entry.citation, entry.licence)


def _key_file(entry: SnapshotFile, key_format: str, snapshot_dir: Path) -> SnapshotFile:
    """The key file a keyed file's MANIFEST row names in ``region_dimension``: listed in the MANIFEST for the same
    source with the key format, so its provenance is recorded and its bytes are part of the source's fingerprint."""
    manifest = str(Path(snapshot_dir) / MANIFEST_NAME)
    for other in read_manifest(snapshot_dir):
        if other.file == entry.region_dimension and other.source_id == entry.source_id and other.format == key_format:
            if not (Path(snapshot_dir) / other.file).exists():
                raise SourceDataError(str(Path(snapshot_dir) / other.file), "file listed in MANIFEST.csv is missing",
                                      other.file)
            return other
    raise SourceDataError(manifest, f"a {entry.format} file needs its key file ({key_format}) named in region_dimension "
                          "and listed for the same source", f"{entry.file}: {entry.region_dimension!r}",
                          field="region_dimension")


def load_inbox(source_id: str, inbox_dir: Path) -> list[tuple[pd.DataFrame, dict]]:
    """Files dropped in ``inbox_dir/<source_id>/`` (published-figures CSV): the newest data, priority 0. The inbox
    rule (``orchestration/sources/inbox.py``) decides what is read; a refused file in this source's folder (a link,
    another extension) fails the extract with its message rather than being ignored."""
    from orchestration.sources.inbox import scan

    result = scan(inbox_dir, [source_id], only=source_id)
    if result.refused:
        raise SourceDataError(str(Path(inbox_dir) / source_id), "inbox file refused", "; ".join(result.refused))
    loaded = []
    for _, path in result.accepted:
        payload = read_limited(path)
        frame = parse_figures_csv(payload, file=str(path))
        check_rows(str(path), len(frame))
        modified = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d")
        frame = with_provenance(frame, source_id=source_id, dataset_id=f"inbox_{path.stem}",
                                source_file=f"inbox/{source_id}/{path.name}", priority=0, citation="file drop (citations per row)", vintage=f"inbox {modified}",
                                retrieved=modified, licence="as the publisher's terms (see the row citations)")
        loaded.append((frame, file_fingerprint(source_id, f"inbox/{source_id}/{path.name}", PUBLISHED_FIGURES,
                                          payload, len(frame), "file dropped in the inbox", f"inbox {modified}",
                                          "file drop", "publisher's terms")))
    return loaded


def snapshot_inputs(source_id: str, snapshot_dir: Path) -> list | None:
    """The source's MANIFEST rows with the SHA-256 of each file's bytes (what ``load_source`` reads), or None when
    the manifest or a file cannot be read (``load_source`` then says why)."""
    import dataclasses

    try:
        entries = [e for e in read_manifest(snapshot_dir) if e.source_id == source_id]
        return [[dataclasses.asdict(e), hashlib.sha256((Path(snapshot_dir) / e.file).read_bytes()).hexdigest()]
                for e in entries] or None
    except (OSError, SourceDataError):
        return None


def load_source(source_id: str, snapshot_dir: Path) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """One source's rows per raw family (files of one family are stacked), parsed and validated, plus fingerprints."""
    entries = [e for e in read_manifest(snapshot_dir) if e.source_id == source_id]
    if not entries:
        raise SourceDataError(str(Path(snapshot_dir) / MANIFEST_NAME), "no files for source", source_id)
    frames: dict[str, list[pd.DataFrame]] = {}
    fingerprints = []
    for entry in entries:
        if entry.is_companion:  # no rows; a key file is read (and validated) by the file that names it
            path = Path(snapshot_dir) / entry.file
            if not path.exists():
                raise SourceDataError(str(path), "file listed in MANIFEST.csv is missing", entry.file)
            continue
        frame, fp = load_file(entry, snapshot_dir)
        frames.setdefault(entry.family, []).append(frame)
        fingerprints.append(fp)
    tables = {name: pd.concat(parts, ignore_index=True) for name, parts in frames.items()}
    return tables, fingerprints
