"""The Dagster code location: collects assets, checks, resources and schedules (thin by design). The extract assets
and the dbt lineage are generated from the snapshot's MANIFEST, so the settings decide the graph. ``defs`` is built
when Dagster loads the code location (``@dg.definitions``), not when this module is imported: ``make run`` builds
its own, for its working copy."""

from __future__ import annotations

import dagster as dg

from orchestration.assets.analysis import analysis_assets
from orchestration.assets.checks import asset_checks
from orchestration.assets.dbt import build_dbt_assets
from orchestration.assets.extract import build_extract_assets
from orchestration.assets.publish import publish_assets
from orchestration.automation.refresh_outcome import build_refresh_failure_sensor
from orchestration.automation.schedules import refresh_all_job, yearly_refresh_schedule
from orchestration.automation.sensors import build_inbox_sensor
from orchestration.config import Settings, load_settings
from orchestration.resources import build_resources
from orchestration.sources.snapshot import declared_sources


def build_definitions(settings: Settings | None = None,
                      loggers: dict[str, dg.LoggerDefinition] | None = None) -> dg.Definitions:
    settings = settings or load_settings()
    sources = declared_sources(settings.snapshot_dir)
    extract_assets = build_extract_assets(settings.snapshot_dir)
    extract_keys: dict[str, list[dg.AssetKey]] = {}
    for source, asset in zip(sources, extract_assets):
        for family in source.families:
            extract_keys.setdefault(family, []).append(asset.key)
    dbt_models = build_dbt_assets(extract_keys)
    downstream = [key for assets in (dbt_models, *analysis_assets, *publish_assets) for key in assets.keys]
    return dg.Definitions(
        assets=[*extract_assets, dbt_models, *analysis_assets, *publish_assets],
        asset_checks=asset_checks,
        jobs=[refresh_all_job],
        schedules=[yearly_refresh_schedule],
        sensors=[build_inbox_sensor(refresh_all_job, downstream, [s.id for s in sources]),
                 build_refresh_failure_sensor(refresh_all_job)],
        resources=build_resources(settings),
        executor=dg.in_process_executor,  # DuckDB has one writer: steps run one at a time
        loggers=loggers,
    )


@dg.definitions
def defs() -> dg.Definitions:
    """The code location ``make dev``, the daemon and ``dagster`` commands load (the settings from the environment)."""
    return build_definitions()
