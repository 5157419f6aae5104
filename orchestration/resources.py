"""Resources injected into the assets: the warehouse connection, the source reader and the publish folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd

from orchestration.config import Settings
from orchestration.sources import snapshot


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file. Connections are opened per use and closed (DuckDB has one writer)."""

    path: str

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()

    def read_table(self, relation: str) -> pd.DataFrame:
        with self.connect(read_only=True) as con:
            return con.execute(f"select * from {relation}").fetchdf()


class SourcesResource(dg.ConfigurableResource):
    """Where source data comes from: ``snapshot`` replays the embedded files; ``live`` is not built yet."""

    mode: str = "snapshot"
    snapshot_dir: str
    region: str = "24"

    def load(self, source_id: str) -> tuple[dict[str, pd.DataFrame], list[dict]]:
        if self.mode != "snapshot":
            raise NotImplementedError(
                f"METRIC_SOURCE_MODE={self.mode!r}: live extraction is not built yet; use snapshot mode"
            )
        return snapshot.load_source(source_id, Path(self.snapshot_dir))


class PublishResource(dg.ConfigurableResource):
    """The folder analysts' exports are written to."""

    publish_dir: str

    def path(self, *parts: str) -> Path:
        target = Path(self.publish_dir).joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's venv), so runs do not depend on PATH."""
    local = Path(sys.executable).with_name("dbt")
    return str(local) if local.exists() else "dbt"


def build_resources(settings: Settings) -> dict[str, dg.ConfigurableResource]:
    from dagster_dbt import DbtCliResource

    from orchestration.project import dbt_project

    return {
        "warehouse": WarehouseResource(path=str(settings.warehouse_path)),
        "sources": SourcesResource(mode=settings.source_mode, snapshot_dir=str(settings.snapshot_dir),
                                   region=settings.region),
        "publish": PublishResource(publish_dir=str(settings.publish_dir)),
        "dbt": DbtCliResource(project_dir=dbt_project, profiles_dir=str(dbt_project.project_dir),
                              dbt_executable=dbt_executable()),
    }
