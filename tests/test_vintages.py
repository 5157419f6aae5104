"""Rebuilding a past vintage: METRIC_VINTAGE pins sources by vintage id, per source, or by a point in time, and a
rebuild never rewrites the history, the vintages or the revisions."""

from datetime import timedelta

import duckdb
import pytest

from tests.conftest import run_pipeline

pytestmark = pytest.mark.e2e


def _state(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*), sum(hash(x)) from raw.{t} as x").fetchone()
                for t in ("vintages", "table_cells__history", "published_figures__history", "revisions")}
    finally:
        con.close()


def test_a_past_vintage_of_one_source_is_rebuilt_without_touching_the_history(warehouse_copy):
    db = warehouse_copy / "warehouse" / "metric.duckdb"
    con = duckdb.connect(str(db))
    try:
        old_id, loaded = con.execute("select vintage_id, loaded_at from raw.vintages where source_id = 'scb'"
                                     ).fetchone()
        later = loaded + timedelta(days=30)
        # a later vintage of SCB (as a live refresh would have added), now current
        con.execute("insert into raw.table_cells__history select * replace ('later-scb' as _vintage_id, "
                    "value + 1000 as value, ? as _loaded_at) from raw.table_cells__history where source_id = 'scb'",
                    [later])
        con.execute("insert into raw.vintages values ('scb', 'later-scb', 'live', 1, 1, ?)", [later])
        con.execute("update raw.table_cells set value = value + 1000, _vintage_id = 'later-scb' "
                    "where source_id = 'scb'")
        current = con.execute("select sum(value) from raw.table_cells where source_id = 'scb'").fetchone()[0]
    finally:
        con.close()
    before = _state(db)

    code, output = run_pipeline(warehouse_copy, selection="key:raw/*", METRIC_VINTAGE=old_id)  # every source
    assert code == 0, output
    con = duckdb.connect(str(db), read_only=True)
    try:
        restored = con.execute("select sum(value), min(_vintage_id) from raw.table_cells where source_id = 'scb'"
                               ).fetchone()
    finally:
        con.close()
    assert restored == (pytest.approx(current - 1000 * _cells(db)), old_id)
    assert _state(db) == before  # no history row, vintage or revision rewritten

    code, output = run_pipeline(warehouse_copy, selection="key:raw/scb", METRIC_VINTAGE="scb=later-scb")
    assert code == 0, output
    assert _sum(db) == pytest.approx(current)
    code, output = run_pipeline(warehouse_copy, selection="key:raw/scb",
                                METRIC_VINTAGE="@" + (loaded + timedelta(days=1)).isoformat())
    assert code == 0, output
    assert _sum(db) == pytest.approx(current - 1000 * _cells(db))  # the vintage current at that time
    code, output = run_pipeline(warehouse_copy, selection="key:raw/scb", METRIC_VINTAGE="@2000-01-01")
    assert code == 1 and "METRIC_VINTAGE '@2000-01-01' is before every vintage: the first was loaded" in output
    assert _state(db) == before


def _sum(db) -> float:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select sum(value) from raw.table_cells where source_id = 'scb'").fetchone()[0]
    finally:
        con.close()


def _cells(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from raw.table_cells where source_id = 'scb'").fetchone()[0]
    finally:
        con.close()
