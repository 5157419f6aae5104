"""Writing to the DuckDB warehouse: each write is one transaction, so a failure leaves the previous state intact."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone

import duckdb
import pandas as pd

from orchestration.sources.families import FAMILY_COLUMNS, PRIVATE_MICRODATA, PRIVATE_MICRODATA_COLUMNS, family_ddl

SOURCE_FILES_DDL = """
create table if not exists raw.source_files (
    source_id varchar, file varchar, family varchar, sha256 varchar, bytes bigint, rows bigint,
    obtained varchar, vintage varchar, citation varchar, licence varchar, loaded_at timestamp
)
"""


def _quote(identifier: str) -> str:
    if not identifier.replace("_", "").isalnum():
        raise ValueError(f"unsafe SQL identifier {identifier!r}")
    return f'"{identifier}"'


def replace_tables(con: duckdb.DuckDBPyConnection, schema: str, tables: Mapping[str, pd.DataFrame]) -> None:
    """Create or replace ``schema.<name>`` from each frame, all in the caller's transaction."""
    con.execute(f"create schema if not exists {_quote(schema)}")
    for name, frame in tables.items():
        view = f"_incoming_{name}"
        con.register(view, frame)
        try:
            con.execute(f"create or replace table {_quote(schema)}.{_quote(name)} as select * from {_quote(view)}")
        finally:
            con.unregister(view)


VINTAGES_DDL = """
create table if not exists raw.vintages (
    source_id varchar, vintage_id varchar, mode varchar, files bigint, rows bigint, loaded_at timestamp
)
"""
REVISIONS_DDL = """
create table if not exists raw.revisions (
    source_id varchar, raw_table varchar, row_key varchar, previous_vintage_id varchar, vintage_id varchar,
    previous_value double, value double, detected_at timestamp
)
"""
# columns that describe a value rather than identify it (a revision is a change of value under the same key)
_NOT_KEY = {"value", "value_high", "status", "source_row", "source_cell", "statement", "citation", "qualifier",
            "unit", "base", "n_respondents", "se", "ci_low", "ci_high", "design_effect", "flags", "is_synthetic"}


def _key_columns(columns: list[str]) -> list[str]:
    return [c for c in columns if not c.startswith("_") and c not in _NOT_KEY and not c.endswith("_label")] + [
        "_dataset_id"]


def _append_history(con: duckdb.DuckDBPyConnection, source_id: str, family: str, view: str,
                    vintage_id: str) -> str | None:
    """Add this vintage's rows to raw.<family>__history; return the source's previous vintage id there, if any."""
    history = f"raw.{_quote(family + '__history')}"
    con.execute(family_ddl(family, history, extra={"_loaded_at": "timestamp"}))
    previous = con.execute(f"select _vintage_id from {history} where source_id = ? and _vintage_id <> ? "
                           "order by _loaded_at desc limit 1", [source_id, vintage_id]).fetchone()
    con.execute(f"insert into {history} by name select * from {_quote(view)}")
    return previous[0] if previous else None


def _insert_source_rows(con: duckdb.DuckDBPyConnection, family: str, frame: pd.DataFrame, view: str) -> None:
    """Insert a source's rows (registered as ``view``) into its family table by column name; a column the family
    does not declare fails the insert instead of being dropped or widening the table."""
    columns = ", ".join(_quote(c) for c in frame.columns)
    con.execute(f"insert into raw.{_quote(family)} ({columns}) select {columns} from {_quote(view)}")


def _clear_source_rows(con: duckdb.DuckDBPyConnection, source_id: str) -> None:
    """Remove a source's rows from every raw family table (creating the tables on first use)."""
    for family in FAMILY_COLUMNS:
        table = f"raw.{_quote(family)}"
        con.execute(family_ddl(family, table))
        con.execute(f"delete from {table} where source_id = ?", [source_id])


def _record_revisions(con, source_id: str, family: str, view: str, previous: str, vintage_id: str,
                      detected_at) -> int:
    keys = _key_columns(list(FAMILY_COLUMNS[family]))
    on = " and ".join(f"cur.{_quote(k)} is not distinct from prev.{_quote(k)}" for k in keys)
    key_text = "concat_ws('|', " + ", ".join(f"cast(cur.{_quote(k)} as varchar)" for k in keys) + ")"
    history = f"raw.{_quote(family + '__history')}"
    inserted = con.execute(f"""
        insert into raw.revisions
        select ?, ?, {key_text}, ?, ?, prev.value, cur.value, ?
        from {_quote(view)} as cur
        join {history} as prev on prev.source_id = ? and prev._vintage_id = ? and {on}
        where cur.value is distinct from prev.value
    """, [source_id, family, previous, vintage_id, detected_at, source_id, previous]).fetchone()
    return int(inserted[0]) if inserted else 0


def write_raw_source(
    con: duckdb.DuckDBPyConnection, source_id: str, tables: Mapping[str, pd.DataFrame], fingerprints: list[dict],
    vintage_id: str, mode: str, loaded_at: datetime | None = None,
) -> tuple[dict[str, int], bool]:
    """Replace one source's rows in the raw family tables (``tables``: family -> rows), add the vintage to each
    family's history, record revisions against the source's previous vintage, and update ``raw.source_files`` and
    ``raw.vintages``, all in one transaction. Other sources' rows are untouched. Returns the revisions per family
    and whether the vintage is new (False: the same files as a vintage already recorded). ``loaded_at``: when the
    vintage was loaded (now, unless a recorded vintage is replayed with its fetch time)."""
    private = tables.get(PRIVATE_MICRODATA)
    tables = {k: v for k, v in tables.items() if k != PRIVATE_MICRODATA}
    unknown = sorted(set(tables) - set(FAMILY_COLUMNS))
    if unknown:
        raise ValueError(f"source {source_id!r} delivered rows for unknown raw families {unknown}")
    loaded_at = loaded_at or datetime.now(timezone.utc).replace(tzinfo=None)
    revisions: dict[str, int] = {}
    con.execute("begin transaction")
    try:
        con.execute("create schema if not exists raw")
        con.execute(REVISIONS_DDL)
        con.execute(VINTAGES_DDL)
        for (legacy,) in con.execute("select table_name from information_schema.tables where table_schema = 'raw' "
                                     "and starts_with(table_name, ?)", [f"{source_id}__"]).fetchall():
            con.execute(f"drop table raw.{_quote(legacy)}")  # a raw table per source: the layout before families
        _clear_source_rows(con, source_id)
        # a vintage already recorded (the same snapshot files again) is current again, its history untouched
        known = con.execute("select count(*) from raw.vintages where source_id = ? and vintage_id = ?",
                            [source_id, vintage_id]).fetchall()[0][0] > 0
        for family, frame in tables.items():
            view = f"_incoming_{family}"
            con.register(view, frame.assign(_loaded_at=loaded_at))
            try:
                _insert_source_rows(con, family, frame, view)
                if known:
                    continue
                previous = _append_history(con, source_id, family, view, vintage_id)
                if previous:
                    revisions[family] = _record_revisions(con, source_id, family, view, previous, vintage_id,
                                                          loaded_at)
            finally:
                con.unregister(view)
        _replace_private_microdata(con, source_id, private)
        con.execute(SOURCE_FILES_DDL)
        con.execute("delete from raw.source_files where source_id = ?", [source_id])
        for fp in fingerprints:
            con.execute(
                "insert into raw.source_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [fp["source_id"], fp["file"], fp["family"], fp["sha256"], fp["bytes"], fp["rows"],
                 fp["obtained"], fp["vintage"], fp["citation"], fp["licence"], loaded_at],
            )
        if not known:
            con.execute("insert into raw.vintages values (?, ?, ?, ?, ?, ?)",
                        [source_id, vintage_id, mode, len(fingerprints), sum(len(t) for t in tables.values()),
                         loaded_at])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return revisions, not known


def _replace_private_microdata(con: duckdb.DuckDBPyConnection, source_id: str, frame: pd.DataFrame | None) -> None:
    """The source's respondent rows in ``private.survey_microdata`` (replaced; removed when the drop is gone). The
    private schema is never exported, copied to the published database or read by the report."""
    columns = ", ".join(f'"{name}" {dtype}' for name, dtype in PRIVATE_MICRODATA_COLUMNS.items())
    con.execute("create schema if not exists private")
    con.execute(f"create table if not exists {PRIVATE_MICRODATA} ({columns})")
    con.execute(f"delete from {PRIVATE_MICRODATA} where source_id = ?", [source_id])
    if frame is not None and len(frame):
        con.register("_incoming_microdata", frame)
        try:
            names = ", ".join(_quote(c) for c in frame.columns)
            con.execute(f"insert into {PRIVATE_MICRODATA} ({names}) select {names} from _incoming_microdata")
        finally:
            con.unregister("_incoming_microdata")


def read_vintage(con: duckdb.DuckDBPyConnection, source_id: str, families: list[str],
                 vintage_id: str) -> dict[str, pd.DataFrame]:
    """An earlier vintage's rows of one source, per raw family, from the history (for METRIC_VINTAGE)."""
    tables = {}
    for family in families:
        exists = con.execute("select count(*) from information_schema.tables where table_schema = 'raw' and "
                             "table_name = ?", [f"{family}__history"]).fetchone()[0]
        frame = (con.execute(f"select * exclude (_loaded_at) from raw.{_quote(family + '__history')} "
                             "where source_id = ? and _vintage_id = ?", [source_id, vintage_id]).fetchdf()
                 if exists else pd.DataFrame())
        if not frame.empty:
            tables[family] = frame
    if not tables:
        raise ValueError(f"vintage {vintage_id!r} of source {source_id!r} has no rows in the raw history tables")
    return tables


def table_columns(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> list[tuple[str, str]]:
    """A table's (column, type) pairs in order; empty when the table does not exist."""
    return con.execute("select column_name, data_type from information_schema.columns where table_schema = ? "
                       "and table_name = ? order by ordinal_position", [schema, name]).fetchall()


def rows_digest(con: duckdb.DuckDBPyConnection, relation: str, columns: Sequence[str] = ()) -> tuple[int, str]:
    """(row count, a hash of the rows in any order) of a table or view (a quoted name), over ``columns`` (all by
    default); DuckDB computes it."""
    selected = ", ".join(_quote(c) for c in columns) if columns else "*"
    ((count, rows),) = con.execute(f"select count(*), sum(hash(t)) from (select {selected} from {relation}) as t"
                                   ).fetchall()
    return count, str(rows)


def _unchanged(con: duckdb.DuckDBPyConnection, schema: str, name: str, frame: pd.DataFrame,
               ignore: str = "computed_at") -> bool:
    """Whether ``schema.name`` holds exactly ``frame``'s rows, columns and types, ``ignore`` aside."""
    columns = table_columns(con, schema, name)
    if not columns:
        return False
    view = f"_compare_{name}"
    con.register(view, frame)
    try:
        incoming = con.execute(f"select column_name, column_type from (describe {_quote(view)})").fetchall()
        if incoming != columns:
            return False
        kept = [c for c, _ in columns if c != ignore]
        return rows_digest(con, f"{_quote(schema)}.{_quote(name)}", kept) == rows_digest(con, _quote(view), kept)
    finally:
        con.unregister(view)


def write_analysis_tables(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame]) -> None:
    """Replace a set of analysis tables together (all or nothing). A table whose rows are the same as before, its
    ``computed_at`` aside, is left as it is: an unchanged result keeps the time it was first computed, and what is
    built from it can be reused (orchestration/storage/reuse.py)."""
    con.execute("begin transaction")
    try:
        replace_tables(con, "analysis", {name: frame for name, frame in tables.items()
                                         if not _unchanged(con, "analysis", name, frame)})
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def settings_json(settings: object) -> str:
    return json.dumps(settings, default=str, sort_keys=True, ensure_ascii=False)


def recover_wal(path) -> str | None:
    """Make a DuckDB file beside a leftover write-ahead log usable again. A WAL that belongs to the file is replayed
    and checkpointed (nothing committed is lost); one that does not ("WAL does not match database file", left by a
    crashed writer of an earlier copy) is moved aside to ``<name>.wal.stale-<time>``. Returns what was done, or None
    when there was no WAL."""
    from pathlib import Path

    path = Path(path)
    wal = path.with_name(path.name + ".wal")
    if not wal.exists():
        return None
    if path.exists():
        try:
            con = duckdb.connect(str(path))
            try:
                con.execute("checkpoint")
            finally:
                con.close()
            if not wal.exists():
                return f"replayed and checkpointed the write-ahead log beside {path}"
        except duckdb.Error:
            pass
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = wal.with_name(f"{wal.name}.stale-{stamp}")
    wal.replace(aside)
    return f"moved a stale write-ahead log that does not belong to {path} aside to {aside}"


def resolve_pinned_vintage(con: duckdb.DuckDBPyConnection, source_id: str, pin: str) -> str | None:
    """Which earlier vintage of ``source_id`` METRIC_VINTAGE asks for, or None (load as usual):

    * ``<source_id>=<vintage_id>[,<source_id>=<vintage_id>...]``: the named sources, each at its vintage;
    * ``@<ISO date or time>``: every source at its newest vintage loaded at or before that time (UTC);
    * a bare ``<vintage_id>``: the sources whose history holds it (vintage ids are per source).
    """
    pin = pin.strip()
    exists = con.execute("select count(*) from information_schema.tables where table_schema = 'raw' "
                         "and table_name = 'vintages'").fetchone()[0]
    if not exists:
        raise ValueError("METRIC_VINTAGE: the warehouse holds no vintages yet (raw.vintages is missing)")
    if pin.startswith("@"):
        try:
            moment = datetime.fromisoformat(pin[1:])
        except ValueError:
            raise ValueError(f"METRIC_VINTAGE {pin!r}: after '@' an ISO date or time is expected") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        if len(pin) == 11:  # a date: the whole day
            moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
        row = con.execute("select vintage_id from raw.vintages where source_id = ? and loaded_at <= ? "
                          "order by loaded_at desc limit 1", [source_id, moment]).fetchone()
        if row is None:
            raise ValueError(f"METRIC_VINTAGE {pin!r}: source {source_id!r} has no vintage loaded at or before "
                             f"{moment:%Y-%m-%d %H:%M:%S} UTC")
        return row[0]
    if "=" in pin:
        pins = dict(part.split("=", 1) for part in pin.split(",") if part.strip())
        return pins.get(source_id, "").strip() or None
    row = con.execute("select vintage_id from raw.vintages where source_id = ? and vintage_id = ?",
                      [source_id, pin]).fetchone()
    return row[0] if row else None


def check_pinned_vintage(con: duckdb.DuckDBPyConnection, pin: str, sources: list[str]) -> None:
    """Refuse a METRIC_VINTAGE that names nothing the warehouse holds, naming what it does hold: an unknown vintage
    id, an unknown source, or a time before every vintage (a rebuild must never quietly give the present)."""
    pin = pin.strip()
    exists = con.execute("select count(*) from information_schema.tables where table_schema = 'raw' "
                         "and table_name = 'vintages'").fetchone()[0]
    if not exists:
        raise ValueError(f"METRIC_VINTAGE {pin!r}: the warehouse holds no vintages yet")
    known = con.execute("select source_id, vintage_id, loaded_at from raw.vintages order by source_id, loaded_at"
                        ).fetchall()
    by_source: dict[str, list[str]] = {}
    for source, vintage, _ in known:
        by_source.setdefault(source, []).append(vintage)
    listing = "; ".join(f"{s}: {', '.join(v)}" for s, v in sorted(by_source.items()))
    if pin.startswith("@"):
        try:
            moment = datetime.fromisoformat(pin[1:])
        except ValueError:
            raise ValueError(f"METRIC_VINTAGE {pin!r}: after '@' an ISO date or time is expected") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        if len(pin) == 11:
            moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
        first = min(loaded for _, _, loaded in known)
        if moment < first:
            raise ValueError(f"METRIC_VINTAGE {pin!r} is before every vintage: the first was loaded "
                             f"{first:%Y-%m-%d %H:%M:%S} UTC")
        return
    if "=" in pin:
        for part in (p for p in pin.split(",") if p.strip()):
            source, _, vintage = part.partition("=")
            source, vintage = source.strip(), vintage.strip()
            if source not in sources:
                raise ValueError(f"METRIC_VINTAGE {pin!r}: unknown source {source!r}; the sources are "
                                 f"{', '.join(sorted(sources))}")
            if vintage not in by_source.get(source, []):
                raise ValueError(f"METRIC_VINTAGE {pin!r}: source {source!r} has no vintage {vintage!r}; its vintages "
                                 f"are {', '.join(by_source.get(source, [])) or 'none'}")
        return
    if not any(pin in v for v in by_source.values()):
        raise ValueError(f"METRIC_VINTAGE {pin!r}: no source has a vintage with that id; the vintages are {listing}")


def restore_raw_source(con: duckdb.DuckDBPyConnection, source_id: str, tables: Mapping[str, pd.DataFrame]) -> None:
    """Make an earlier vintage of a source current in the raw family tables, in one transaction. History, vintages
    and revisions are left exactly as they are: a rebuild never rewrites them."""
    con.execute("begin transaction")
    try:
        _clear_source_rows(con, source_id)
        for family, frame in tables.items():
            view = f"_restored_{family}"
            con.register(view, frame)
            try:
                _insert_source_rows(con, family, frame, view)
            finally:
                con.unregister(view)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
