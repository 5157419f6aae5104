"""The event log of ``DAGSTER_HOME``'s instance: Dagster's own SQLite storage (same files, schema and reads, so
``make dev``'s UI and daemon read it unchanged), written cheaply enough to record every refresh.

Dagster's ``SqliteEventLogStorage`` builds a new SQLAlchemy engine and opens a new SQLite connection for every event
(and for every ``has_table`` probe), and commits each with a full ``fsync``. A refresh writes about 530 events, asset
and check events twice (they are mirrored into the index shard); on a 2-core machine that cost about 2 s of a 15 s
warm refresh. This subclass keeps an engine per shard for the life of the storage (the most recently used
``MAX_OPEN_SHARDS``, so a long-lived UI process holds few files open), remembers tables once seen, and commits with
``synchronous=NORMAL`` in the WAL mode Dagster already sets: a commit survives a crash of any process; a power loss
may drop the last commits of the log, never corrupt it.

Configured in ``orchestration/dagster.yaml``; ``base_dir`` defaults to Dagster's own ``$DAGSTER_HOME/history/runs``,
so earlier history stays visible."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as db
from dagster import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import INDEX_SHARD_NAME, SqliteEventLogStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._serdes import ConfigurableClassData
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

MAX_OPEN_SHARDS = 8


def _set_synchronous_normal(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str | None = None, inst_data: ConfigurableClassData | None = None):
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        self._tables_seen: set[str] = set()
        super().__init__(base_dir=base_dir or default_base_dir(), inst_data=inst_data)
        # re-entrant: Dagster probes ``has_table`` while a connection of the same thread is open
        self._db_lock = threading.RLock()

    @classmethod
    def config_type(cls):
        return {"base_dir": Field(StringSource, is_required=False)}

    @classmethod
    def from_config_value(cls, inst_data: ConfigurableClassData | None, config_value) -> "PooledSqliteEventLogStorage":
        return cls(inst_data=inst_data, **config_value)

    def _engine(self, shard: str) -> Engine:
        """The shard's engine, opened on first use; the least recently used beyond MAX_OPEN_SHARDS is closed."""
        engine = self._engines.pop(shard, None)
        if engine is None:
            engine = db.create_engine(self.conn_string_for_shard(shard), poolclass=QueuePool, pool_size=1,
                                      max_overflow=4, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
            db.event.listen(engine, "connect", _set_synchronous_normal)
        self._engines[shard] = engine
        while len(self._engines) > MAX_OPEN_SHARDS:
            self._engines.popitem(last=False)[1].dispose()
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def has_table(self, table_name: str) -> bool:
        if table_name in self._tables_seen:  # Dagster never drops a table of its schema
            return True
        with self._db_lock, self._engine(INDEX_SHARD_NAME).connect() as conn:
            found = bool(conn.dialect.has_table(conn, table_name))
        if found:
            self._tables_seen.add(table_name)
        return found

    def dispose(self) -> None:
        super().dispose()
        with self._db_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()


def default_base_dir() -> str:
    home = os.environ.get("DAGSTER_HOME")
    if not home:
        raise ValueError("PooledSqliteEventLogStorage needs base_dir in its config or DAGSTER_HOME set")
    return os.path.join(home, "history", "runs")
