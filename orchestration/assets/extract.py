"""Extract assets, one per declared source (asset key ``raw/<source_id>``, op ``extract_<source_id>``): read the
source's files (and, in live mode, its registry tables), validate everything, then replace that source's rows in
the raw family tables (``raw.published_figures``, ``raw.table_cells``) in one transaction. Bad input raises before
anything is written. The sources are generated from the snapshot's ``MANIFEST.csv``: a new source is its files and
its MANIFEST rows, nothing else."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import dagster as dg

from orchestration.resources import SourcesResource, WarehouseResource
from orchestration.storage.reuse import StepRecords, code_version, fingerprint, forget_step, record_step
from orchestration.sources.mapping import mapping_report, summary_lines
from orchestration.sources.snapshot import SourceDeclaration, declared_sources, snapshot_inputs
from orchestration.storage.warehouse import read_vintage, resolve_pinned_vintage, restore_raw_source, write_raw_source


def extract_key(source_id: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", source_id])


class _ToRunLog(logging.Handler):
    def __init__(self, log):
        super().__init__(level=logging.INFO)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        (self.log.warning if record.levelno >= logging.WARNING else self.log.info)(record.getMessage())


@contextmanager
def _api_retries_in_run_log(log) -> Iterator[None]:
    """The HTTP clients' retry messages (logger ``metric.http``: reason and wait) in the run's log and output."""
    logger, handler = logging.getLogger("metric.http"), _ToRunLog(log)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def build_extract_asset(source: SourceDeclaration) -> dg.AssetsDefinition:
    tables = ", ".join(f"raw.{family}" for family in source.families)

    @dg.multi_asset(
        name=f"extract_{source.id}",  # the op (step) name; the asset key is raw/<source_id>
        specs=[dg.AssetSpec(
            key=extract_key(source.id),
            group_name="extract",
            kinds={"python", "duckdb"},
            description=f"{source.publisher}: {source.contents}. Rows of source_id = {source.id!r} in {tables}.",
            metadata={"publisher": source.publisher, "raw_tables": tables,
                      "files": dg.MetadataValue.json([f.file for f in source.files])},
            code_version=_parser_code(),  # the parsers and the raw writes: a change marks the source stale
        )],
    )
    def _extract(context: dg.AssetExecutionContext, sources: SourcesResource,
                 warehouse: WarehouseResource) -> dg.MaterializeResult:
        step = f"extract_{source.id}"
        digest = _snapshot_digest(source.id, sources)
        if digest is not None and Path(warehouse.path).exists():  # a first refresh has nothing to reuse
            earlier = _records_at_run_start(warehouse, context.run.run_id).reusable(step, digest,
                                                                                    [("raw", "source_files")])
            if earlier is not None:  # the same files, read by the same code: the rows in raw are theirs already
                context.log.info(f"extract {source.id}: the same snapshot files and parser as its current rows "
                                 "(METRIC_RECOMPUTE=1 reads them again)")
                return dg.MaterializeResult(metadata={**earlier, "vintage_status": "unchanged", "revisions": {},
                                                      "reused": True},
                                            data_version=dg.DataVersion(str(earlier.get("vintage_id", digest))))
        pinned = None
        if sources.pinned_vintage:  # METRIC_VINTAGE: rebuild from an earlier vintage kept in the history tables
            with warehouse.connect(read_only=True) as con:
                pinned = resolve_pinned_vintage(con, source.id, sources.pinned_vintage)
                tables_ = read_vintage(con, source.id, list(source.families), pinned) if pinned else None
        if pinned:
            fingerprints, vintage_id, warnings, revisions = [], pinned, [], {}
            mapping = {}
            mode, is_new = "rebuild from history", False
            with warehouse.connect() as con:
                forget_step(con, step)
                restore_raw_source(con, source.id, tables_)  # history and vintages stay as they are
            context.log.info(f"extract {source.id}: rebuilt from its vintage {pinned}")
        else:  # raises SourceDataError naming file, row/field and rule; PxWebError for a failed fetch
            with _api_retries_in_run_log(context.log):
                tables_, fingerprints, vintage_id, warnings = sources.load(source.id)
            mapping = _mapping(source.id, tables_, fingerprints)  # raises before anything is written
            mode = "live" if vintage_id.startswith("live-") else "snapshot"  # what this vintage really is
            with warehouse.connect() as con:
                forget_step(con, step)  # whatever happens next, the old fingerprint no longer vouches for the rows
                revisions, is_new = write_raw_source(con, source.id, tables_, fingerprints, vintage_id, mode)
        for warning in warnings:
            context.log.warning(warning)
        rows = {family: len(frame) for family, frame in tables_.items()}
        for line in summary_lines(source.id, mapping):
            context.log.warning(f"expected codes missing: {line}")
        context.log.info(f"extract {source.id}: {sum(rows.values())} rows from {len(fingerprints)} file(s)")
        metadata = {
            "rows": dg.MetadataValue.int(sum(rows.values())),
            "rows_per_table": dg.MetadataValue.json({(k if "." in k else f"raw.{k}"): v for k, v in rows.items()}),
            "files": dg.MetadataValue.json([{k: fp[k] for k in ("file", "sha256", "rows", "vintage")}
                                            for fp in fingerprints]),
            "mode": mode,
            "vintage_id": vintage_id,
            "vintage_status": "new" if is_new else "unchanged",  # unchanged: the same files as a recorded vintage
            "revisions": dg.MetadataValue.json(revisions),
            "skipped_live_tables": dg.MetadataValue.json(warnings),
            # per table: cells the table_series seed maps, codes it does not, codes it expects but the table lacks
            "table_mapping": dg.MetadataValue.json({t: m.as_dict() for t, m in mapping.items()}),
        }
        if digest is not None:  # a snapshot extract (never a pinned or live one: their digest is None)
            with warehouse.connect() as con:
                record_step(con, step, digest, metadata, context.run.run_id)
        # the vintage is the data version: the same files (or the same recorded responses) give the same vintage
        return dg.MaterializeResult(metadata=metadata, data_version=dg.DataVersion(vintage_id))

    return _extract


def _mapping(source_id: str, tables: dict, fingerprints: list[dict]) -> dict:
    """The seed's mapping of the source's table cells (``orchestration/sources/mapping.py``); raises for a table
    none of whose cells map."""
    from orchestration.sources.families import TABLE_CELLS

    cells = tables.get(TABLE_CELLS)
    if cells is None:
        return {}
    files = {}
    if "_source_file" in cells.columns:
        files = cells.drop_duplicates("dataset_code").set_index("dataset_code")["_source_file"].to_dict()
    return mapping_report(source_id, cells, files)


_RUN_RECORDS: dict[tuple[str, str], StepRecords] = {}


def _records_at_run_start(warehouse: WarehouseResource, run_id: str) -> StepRecords:
    """``ops.step_inputs`` as the run's first extract found it, read once per run (one DuckDB connection instead of
    one per source): an extract's record is written only by that extract, after it has looked, so what the run found
    at its start is current for every extract's own look."""
    key = (warehouse.path, run_id)
    if key not in _RUN_RECORDS:
        _RUN_RECORDS.clear()
        with warehouse.connect(read_only=True) as con:
            _RUN_RECORDS[key] = StepRecords.read(con)
    return _RUN_RECORDS[key]


def _snapshot_digest(source_id: str, sources: SourcesResource) -> str | None:
    """What a snapshot extract reads: the source's MANIFEST rows and file contents, and the code that parses them;
    None where a run may read more or other (live mode, a pinned vintage, anything in the source's inbox folder)."""
    inbox = Path(sources.inbox_dir) / source_id if sources.inbox_dir else None
    if sources.mode != "snapshot" or sources.pinned_vintage or (inbox is not None and (inbox.exists()
                                                                                      or inbox.is_symlink())):
        return None
    inputs = snapshot_inputs(source_id, Path(sources.snapshot_dir))
    if inputs is None:
        return None
    return fingerprint(inputs, _parser_code())


@cache
def _parser_code() -> str:
    """The version of the code that parses and writes a source (the code this process runs), computed once."""
    return code_version(["orchestration/sources", "orchestration/storage/warehouse.py"],
                        ("pandas", "duckdb", "openpyxl"))


def build_extract_assets(snapshot_dir: Path) -> list[dg.AssetsDefinition]:
    return [build_extract_asset(source) for source in declared_sources(snapshot_dir)]
