"""All runtime settings, read from environment variables with safe defaults (one place, validated).

| variable | default | meaning |
| --- | --- | --- |
| METRIC_REGION | 24 | the län the warehouse measures (SCB code; one of the 21 län) |
| METRIC_SOURCE_MODE | snapshot | ``snapshot`` replays the embedded files; ``live`` also fetches the registry's API tables into a new vintage |
| METRIC_SNAPSHOT_DIR | <repo>/data/snapshot | where the embedded snapshot lives |
| METRIC_WAREHOUSE_DIR | <repo>/data/warehouse | holds ``metric.duckdb`` |
| METRIC_PUBLISH_DIR | <repo>/data/publish | exports for analysts |
| METRIC_INBOX_DIR | <repo>/data/inbox | file drops: ``<source_id>/*.csv`` in the published-figures format |
| METRIC_VINTAGES_DIR | <repo>/data/vintages | raw API responses of live runs, one folder per source and vintage |
| METRIC_VINTAGE | (newest) | rebuild from earlier vintages in ``raw.<family>__history``: ``<vintage_id>``, ``<source>=<id>,...`` or ``@<ISO time>`` |
| METRIC_SCB_API | SCB's PxWeb v2 base URL | |
| METRIC_TVA_API | Tillväxtanalys' PxWeb v1 base URL | |
| METRIC_SCB_V1_API | SCB's legacy PxWeb v1 base URL | the fallback for tables v2 search cannot find |
| METRIC_EUROSTAT_API | Eurostat's dissemination API base URL | |
| METRIC_KOLADA_API | Kolada's API base URL | |
| METRIC_EUROPE | 1 | ``0`` leaves out the European layer's analysis (the European index level and peers; the report says it was not computed): a quicker refresh, and what ``make bench`` compares against |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from orchestration.sources.regions import validate_county

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
WAREHOUSE_FILE_NAME = "metric.duckdb"  # the file stem is the dbt-duckdb database name: keep it fixed
SOURCE_MODES = ("snapshot", "live")


@dataclass(frozen=True)
class Settings:
    region: str
    source_mode: str
    snapshot_dir: Path
    warehouse_dir: Path
    publish_dir: Path
    inbox_dir: Path
    vintages_dir: Path
    scb_api: str = "https://statistikdatabasen.scb.se/api/v2"
    tva_api: str = "https://statistik.tillvaxtanalys.se/PxWeb/api/v1/sv/Tillväxtanalys statistikdatabas"
    scb_v1_api: str = "https://api.scb.se/OV0104/v1/doris/sv/ssd"
    eurostat_api: str = "https://ec.europa.eu/eurostat/api/dissemination"
    kolada_api: str = "https://api.kolada.se"
    pinned_vintage: str | None = None
    include_synthetic: bool = False  # METRIC_INCLUDE_SYNTHETIC=1: synthetic estimates reach the marts (labelled)
    europe: bool = True  # METRIC_EUROPE=0: no European index level and no European peers

    @property
    def warehouse_path(self) -> Path:
        return self.warehouse_dir / WAREHOUSE_FILE_NAME


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    # absolute, but links kept: data/publish is a link to the current release and must stay the link
    return Path(os.path.abspath(Path(value).expanduser())) if value else default


def load_settings() -> Settings:
    """Read the settings now (never at import time, so tests can point them at temporary folders)."""
    region = os.environ.get("METRIC_REGION", "24").strip()
    try:
        validate_county(region)
    except ValueError as exc:
        raise ValueError(f"METRIC_REGION: {exc}") from None
    mode = os.environ.get("METRIC_SOURCE_MODE", "snapshot").strip().lower()
    if mode not in SOURCE_MODES:
        raise ValueError(f"METRIC_SOURCE_MODE must be one of {SOURCE_MODES}, got {mode!r}")
    return Settings(
        region=region,
        source_mode=mode,
        snapshot_dir=_path("METRIC_SNAPSHOT_DIR", REPO_ROOT / "data" / "snapshot"),
        warehouse_dir=_path("METRIC_WAREHOUSE_DIR", REPO_ROOT / "data" / "warehouse"),
        publish_dir=_path("METRIC_PUBLISH_DIR", REPO_ROOT / "data" / "publish"),
        inbox_dir=_path("METRIC_INBOX_DIR", REPO_ROOT / "data" / "inbox"),
        vintages_dir=_path("METRIC_VINTAGES_DIR", REPO_ROOT / "data" / "vintages"),
        scb_api=os.environ.get("METRIC_SCB_API", Settings.scb_api),
        tva_api=os.environ.get("METRIC_TVA_API", Settings.tva_api),
        scb_v1_api=os.environ.get("METRIC_SCB_V1_API", Settings.scb_v1_api),
        eurostat_api=os.environ.get("METRIC_EUROSTAT_API", Settings.eurostat_api),
        kolada_api=os.environ.get("METRIC_KOLADA_API", Settings.kolada_api),
        pinned_vintage=os.environ.get("METRIC_VINTAGE") or None,
        include_synthetic=_flag("METRIC_INCLUDE_SYNTHETIC"),
        europe=_flag("METRIC_EUROPE", default=True),
    )


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in ("0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise ValueError(f"{name} must be 1 or 0, got {value!r}")
