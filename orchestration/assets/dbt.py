"""The dbt models (staging, intermediate, marts) and seeds as Dagster assets; dbt tests become asset checks.

One ``dbt build`` per run over the selected models keeps dbt's start-up and parse cost paid once. The settings dbt
needs (the selected region, the source mode) are passed as ``--vars`` from the one settings object; no SQL reads
the environment."""


import csv
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.dbt_project import dbt_project, require_manifest
from orchestration.resources import SourcesResource, WarehouseResource

RAW_SCHEMA = "raw"


class MetricDbtTranslator(DagsterDbtTranslator):
    """Groups dbt nodes by layer (seeds -> reference, models by their folder: staging, intermediate, marts) and
    draws the true lineage of the raw family tables: a dbt source ``raw.<family>`` is written by every extract
    asset of that family, so a model reading it depends on those extract assets (``extract_keys``)."""

    def __init__(self, extract_keys: Mapping[str, Sequence[dg.AssetKey]] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.extract_keys = {dg.AssetKey([RAW_SCHEMA, family]): list(keys)
                             for family, keys in (extract_keys or {}).items()}

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "marts"

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        node = (manifest.get("nodes") or {}).get(unique_id) or {}
        checksum = (node.get("checksum") or {}).get("checksum")
        if checksum:  # the model's or seed's SQL/file as dbt hashes it: a change marks it (and downstream) stale
            spec = spec.replace_attributes(code_version=checksum[:16])
        if not unique_id.startswith("model.") or not self.extract_keys:
            return spec
        deps = []
        for dep in spec.deps:
            if dep.asset_key in self.extract_keys:
                deps.extend(dg.AssetDep(key) for key in self.extract_keys[dep.asset_key])
            else:
                deps.append(dep)
        return spec.replace_attributes(deps=deps)


    def get_asset_check_spec(self, asset_spec: dg.AssetSpec, manifest: Mapping[str, Any], unique_id: str,
                             project) -> dg.AssetCheckSpec | None:
        """dbt tests as asset checks with a description in words (from the test's kind and arguments, or a singular
        test's leading comment) and ``blocking`` where it is true: a test of error severity fails the dbt step, so
        nothing downstream of the dbt models runs; a warn-severity test stops nothing."""
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        node = manifest["nodes"][unique_id]
        blocking = str(node.get("config", {}).get("severity", "error")).lower() == "error"
        text = node.get("description") or describe_dbt_test(node)
        text += (" Error severity: a failure fails the dbt step and stops everything downstream." if blocking
                 else " Warn severity: reported, stops nothing.")
        return dg.AssetCheckSpec(name=spec.name, asset=spec.asset_key, description=text, blocking=blocking,
                                 additional_deps=spec.additional_deps, metadata=spec.metadata)


def describe_dbt_test(node: Mapping[str, Any]) -> str:
    """A dbt test in words: a generic test from its name and arguments, a singular test from its leading comment."""
    meta = node.get("test_metadata") or {}
    kwargs = meta.get("kwargs", {})
    model = str(node.get("attached_node") or "").rsplit(".", 1)[-1] or "the model"
    column = kwargs.get("column_name") or node.get("column_name")
    name = meta.get("name")
    if name == "not_null":
        return f"{column} is never null in {model}."
    if name == "unique":
        return f"{column} is unique in {model}."
    if name == "accepted_values":
        return f"{column} in {model} takes only the values {', '.join(map(str, kwargs.get('values', [])))}."
    if name == "relationships":
        target = str(kwargs.get("to", "")).replace("ref('", "").replace("')", "")
        return f"Every {column} of {model} exists in {target}.{kwargs.get('field')}."
    if name == "unique_combination":
        where = node.get("config", {}).get("where")
        return (f"One row per ({', '.join(kwargs.get('columns', []))}) in {model}"
                + (f" where {where}." if where else "."))
    if name == "accepted_range":
        bounds = [f"at least {kwargs['min_value']}" if kwargs.get("min_value") is not None else "",
                  f"at most {kwargs['max_value']}" if kwargs.get("max_value") is not None else ""]
        return f"{column} in {model} is {' and '.join(b for b in bounds if b)}."
    if name == "expression_is_true":
        return f"{kwargs.get('expression')} holds in {model}."
    comment = [line.strip()[2:].strip() for line in str(node.get("raw_code", "")).splitlines()
               if line.strip().startswith("--")]
    return " ".join(comment) or f"dbt test {node.get('name')}."


require_manifest()

# METRIC's dimensions (and the report's general section), one mart_<dimension> each: read from the dimensions seed.
with (Path(dbt_project.project_dir) / "seeds" / "dimensions.csv").open(encoding="utf-8", newline="") as _handle:
    DIMENSIONS: tuple[str, ...] = tuple(row["dimension_id"] for row in csv.DictReader(_handle))


def dbt_vars(sources: SourcesResource) -> str:
    """The settings dbt reads with ``var()``: the one settings object decides them (see dbt_project.yml)."""
    return json.dumps({"region": sources.region, "source_mode": sources.mode,
                       "include_synthetic": sources.include_synthetic})


def build_dbt_assets(extract_keys: Mapping[str, Sequence[dg.AssetKey]]) -> dg.AssetsDefinition:
    """The dbt project as one multi-asset; ``extract_keys``: raw family -> the extract assets writing it."""

    @dbt_assets(
        manifest=dbt_project.manifest_path,
        project=dbt_project,
        dagster_dbt_translator=MetricDbtTranslator(
            extract_keys, settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    )
    def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource,
                   sources: SourcesResource):
        os.environ["METRIC_WAREHOUSE_PATH"] = warehouse.path  # profiles.yml reads it; dbt runs as a subprocess
        # --full-refresh: seeds are dropped and recreated, so a seed that gained a column never fails on an existing
        # warehouse (there are no incremental models; every model is rebuilt anyway)
        invocation = dbt.cli(["build", "--full-refresh", "--vars", dbt_vars(sources)], context=context)
        yield from invocation.stream()
        keep_partial_parse_state(invocation.target_path)

    return dbt_models


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


@lru_cache(maxsize=1)
def _manifest_nodes() -> dict[str, Mapping[str, Any]]:
    nodes = json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))["nodes"]
    return {node["name"]: node for node in nodes.values() if node["resource_type"] in ("model", "seed")}


def model_key(model_name: str) -> dg.AssetKey:
    """The Dagster asset key of a dbt model (``<schema>/<model>``), for Python assets and checks downstream."""
    node = _manifest_nodes().get(model_name)
    if node is None:
        raise KeyError(f"no dbt model {model_name!r} in {dbt_project.manifest_path}")
    return MetricDbtTranslator().get_asset_key(node)
