"""The dbt models (staging, intermediate, marts) and seeds as Dagster assets; dbt tests become asset checks.

One ``dbt build`` per run over the selected models keeps dbt's start-up and parse cost paid once."""


import os
from collections.abc import Mapping
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


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=MetricDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    os.environ["METRIC_WAREHOUSE_PATH"] = warehouse.path  # profiles.yml reads it; dbt runs as a subprocess
    yield from dbt.cli(["build"], context=context).stream()


def model_key(model_name: str) -> dg.AssetKey:
    """The Dagster asset key of a dbt model (``<schema>/<model>``), for Python assets and checks downstream."""
    return get_asset_key_for_model([dbt_models], model_name)
