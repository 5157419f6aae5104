"""Writing to the DuckDB warehouse: each write is one transaction, so a failure leaves the previous state intact."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timezone

import duckdb
import pandas as pd

SOURCE_FILES_DDL = """
create table if not exists raw.source_files (
    source_id varchar, file varchar, raw_table varchar, sha256 varchar, bytes bigint, rows bigint,
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
            "unit", "base", "n_respondents"}


def _key_columns(columns: list[str]) -> list[str]:
    return [c for c in columns if not c.startswith("_") and c not in _NOT_KEY and not c.endswith("_label")] + [
        "_dataset_id"]


def _append_history(con: duckdb.DuckDBPyConnection, name: str, view: str, vintage_id: str) -> str | None:
    """Add this vintage's rows to raw.<name>__history; return the previous vintage id of that table, if any."""
    history = f"raw.{_quote(name + '__history')}"
    exists = con.execute("select count(*) from information_schema.tables where table_schema = 'raw' "
                         "and table_name = ?", [f"{name}__history"]).fetchone()[0]
    if not exists:
        con.execute(f"create table {history} as select * from {_quote(view)} limit 0")
    else:
        have = {r[0] for r in con.execute("select column_name from information_schema.columns where table_schema = "
                                          "'raw' and table_name = ?", [f"{name}__history"]).fetchall()}
        for column, dtype, *_ in con.execute(f"describe select * from {_quote(view)}").fetchall():
            if column not in have:
                con.execute(f"alter table {history} add column {_quote(column)} {dtype}")
    previous = con.execute(f"select _vintage_id from {history} where _vintage_id <> ? "
                           "order by _loaded_at desc limit 1", [vintage_id]).fetchone()
    con.execute(f"delete from {history} where _vintage_id = ?", [vintage_id])
    con.execute(f"insert into {history} by name select * from {_quote(view)}")
    return previous[0] if previous else None


def _record_revisions(con, source_id: str, name: str, view: str, columns: list[str], previous: str,
                      vintage_id: str, detected_at) -> int:
    keys = _key_columns(columns)
    on = " and ".join(f"cur.{_quote(k)} is not distinct from prev.{_quote(k)}" for k in keys)
    key_text = "concat_ws('|', " + ", ".join(f"cast(cur.{_quote(k)} as varchar)" for k in keys) + ")"
    history = f"raw.{_quote(name + '__history')}"
    inserted = con.execute(f"""
        insert into raw.revisions
        select ?, ?, {key_text}, ?, ?, prev.value, cur.value, ?
        from {_quote(view)} as cur
        join {history} as prev on prev._vintage_id = ? and {on}
        where cur.value is distinct from prev.value
    """, [source_id, name, previous, vintage_id, detected_at, previous]).fetchone()
    return int(inserted[0]) if inserted else 0


def write_raw_source(
    con: duckdb.DuckDBPyConnection, source_id: str, tables: Mapping[str, pd.DataFrame], fingerprints: list[dict],
    vintage_id: str, mode: str,
) -> dict[str, int]:
    """Replace one source's current raw tables, add the vintage to their history, record revisions against the
    previous vintage, and update ``raw.source_files`` and ``raw.vintages``, all in one transaction."""
    loaded_at = datetime.now(timezone.utc).replace(tzinfo=None)
    revisions: dict[str, int] = {}
    con.execute("begin transaction")
    try:
        replace_tables(con, "raw", tables)
        con.execute(REVISIONS_DDL)
        con.execute(VINTAGES_DDL)
        for name, frame in tables.items():
            view = f"_history_{name}"
            con.register(view, frame.assign(_loaded_at=loaded_at))
            try:
                previous = _append_history(con, name, view, vintage_id)
                if previous and "value" in frame.columns:
                    revisions[name] = _record_revisions(con, source_id, name, view, list(frame.columns), previous,
                                                        vintage_id, loaded_at)
            finally:
                con.unregister(view)
        if con.execute("select count(*) from information_schema.columns where table_schema = 'raw' "
                       "and table_name = 'source_files' and column_name = 'licence'").fetchone()[0] == 0:
            con.execute("drop table if exists raw.source_files")  # written by an older layout: rebuilt per source
        con.execute(SOURCE_FILES_DDL)
        con.execute("delete from raw.source_files where source_id = ?", [source_id])
        for fp in fingerprints:
            con.execute(
                "insert into raw.source_files values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [fp["source_id"], fp["file"], fp["raw_table"], fp["sha256"], fp["bytes"], fp["rows"],
                 fp["obtained"], fp["vintage"], fp["citation"], fp["licence"], loaded_at],
            )
        con.execute("delete from raw.vintages where source_id = ? and vintage_id = ?", [source_id, vintage_id])
        con.execute("insert into raw.vintages values (?, ?, ?, ?, ?, ?)",
                    [source_id, vintage_id, mode, len(fingerprints), sum(len(t) for t in tables.values()), loaded_at])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return revisions


def read_vintage(con: duckdb.DuckDBPyConnection, raw_tables: list[str], vintage_id: str) -> dict[str, pd.DataFrame]:
    """An earlier vintage's rows of the given raw tables, from their history (for METRIC_VINTAGE)."""
    tables = {}
    for name in raw_tables:
        frame = con.execute(f"select * exclude (_loaded_at) from raw.{_quote(name + '__history')} "
                            "where _vintage_id = ?", [vintage_id]).fetchdf()
        if frame.empty:
            raise ValueError(f"vintage {vintage_id!r} has no rows in raw.{name}__history")
        tables[name] = frame
    return tables


def write_analysis_tables(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pd.DataFrame]) -> None:
    """Replace a set of analysis tables together (all or nothing)."""
    con.execute("begin transaction")
    try:
        replace_tables(con, "analysis", tables)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def settings_json(settings: object) -> str:
    return json.dumps(settings, default=str, sort_keys=True, ensure_ascii=False)
