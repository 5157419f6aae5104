"""The dbt models (staging, intermediate, marts) and seeds as Dagster assets; dbt tests become asset checks.

One ``dbt build`` per run over the selected models keeps dbt's start-up and parse cost paid once."""


import csv
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
    get_asset_key_for_model,
)

from orchestration.project import dbt_project, require_manifest
from orchestration.resources import WarehouseResource


class MetricDbtTranslator(DagsterDbtTranslator):
    """Groups dbt nodes by layer: seeds -> reference, models by their folder (staging, intermediate, marts)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "marts"


require_manifest()

# METRIC's dimensions (and the report's general section), one mart_<dimension> each: read from the dimensions seed.
with (Path(dbt_project.project_dir) / "seeds" / "dimensions.csv").open(encoding="utf-8", newline="") as _handle:
    DIMENSIONS: tuple[str, ...] = tuple(row["dimension_id"] for row in csv.DictReader(_handle))


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=MetricDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    os.environ["METRIC_WAREHOUSE_PATH"] = warehouse.path  # profiles.yml reads it; dbt runs as a subprocess
    invocation = dbt.cli(["build"], context=context)
    yield from invocation.stream()
    keep_partial_parse_state(invocation.target_path)


def keep_partial_parse_state(invocation_target: Path, keep_runs: int = 3) -> None:
    """Make this invocation's parse state the project's, so the next run with the same profile parses partially.

    dagster-dbt gives every invocation its own target folder and seeds it with the project's
    ``partial_parse.msgpack``; dbt hashes the rendered profile (the warehouse path included), so without this
    hand-back every run whose path differs from ``make manifest``'s would parse the whole project again. Older
    invocation folders are pruned to the newest ``keep_runs``."""
    state = invocation_target / "partial_parse.msgpack"
    project_target = Path(dbt_project.project_dir) / dbt_project.target_path
    if state.exists():
        staged = project_target / ".partial_parse.msgpack.tmp"
        shutil.copy2(state, staged)
        os.replace(staged, project_target / "partial_parse.msgpack")
    runs = sorted((p for p in project_target.glob("dbt_models-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in runs[:-keep_runs]:
        shutil.rmtree(old, ignore_errors=True)


def model_key(model_name: str) -> dg.AssetKey:
    """The Dagster asset key of a dbt model (``<schema>/<model>``), for Python assets and checks downstream."""
    return get_asset_key_for_model([dbt_models], model_name)
