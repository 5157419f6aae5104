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


def write_raw_source(
    con: duckdb.DuckDBPyConnection, source_id: str, tables: Mapping[str, pd.DataFrame], fingerprints: list[dict]
) -> None:
    """Replace one source's raw tables and its rows in ``raw.source_files`` atomically."""
    loaded_at = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("begin transaction")
    try:
        replace_tables(con, "raw", tables)
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
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


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
