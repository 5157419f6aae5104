"""Resources injected into the assets: the warehouse connection, the source reader and the publish folder."""

from __future__ import annotations

import hashlib
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
    """The DuckDB warehouse file. Connections are opened per use and closed (DuckDB has one writer). A run holds the
    warehouse lock (``orchestration/storage/warehouse_lock.py``) for its whole life: taken when the run starts using the
    warehouse (unless this process already holds it, as ``make run`` does), released when the run ends; a run
    started while another refresh holds it fails at once naming the holder."""

    path: str

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        from orchestration.storage.warehouse_lock import RefreshRunning, acquire, took_over_message

        tags = context.dagster_run.tags if context.dagster_run else {}
        how = ("the yearly schedule" if "dagster/schedule_name" in tags else
               "the inbox sensor" if "dagster/sensor_name" in tags else "the Dagster UI or API")
        try:
            self._lock = acquire(Path(self.path).parent, how, run_id=context.run_id)
        except RefreshRunning as exc:
            raise dg.Failure(description=str(exc)) from None
        note = took_over_message(self._lock) if self._lock.depth == 1 else None
        if note and context.log:
            context.log.warning(note)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        lock = getattr(self, "_lock", None)
        if lock is not None:
            lock.release()

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(self.path, read_only=read_only)
        try:
            yield con
        finally:
            con.close()

    def read_table(self, relation: str, columns: tuple[str, ...] = ()) -> pd.DataFrame:
        """A table as a data frame: every column, or only ``columns``."""
        selected = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        with self.connect(read_only=True) as con:
            return con.execute(f"select {selected} from {relation}").fetchdf()


LIVE_LICENCES = {"scb": "CC0 (Källa: SCB)",
                 "eurostat": "© European Union, Eurostat; re-use with attribution (Commission Decision 2011/833/EU)",
                 "kolada": "Källa: Kolada; free re-use with attribution"}


class SourcesResource(dg.ConfigurableResource):
    """Where source data comes from. ``snapshot`` replays the embedded files; ``live`` also fetches the registry
    tables from the APIs into a new vintage. In both modes files dropped in the inbox are read (priority 0)."""

    mode: str = "snapshot"
    snapshot_dir: str
    region: str = "24"
    inbox_dir: str = ""
    vintages_dir: str = ""
    scb_api: str = ""
    tva_api: str = ""
    scb_v1_api: str = ""
    eurostat_api: str = ""
    kolada_api: str = ""
    pinned_vintage: str = ""
    include_synthetic: bool = False
    europe: bool = True  # the European layer's analysis (METRIC_EUROPE)

    def load(self, source_id: str) -> tuple[dict[str, pd.DataFrame], list[dict], str, list[str]]:
        """One source's rows per raw family, parsed and validated (nothing is written), their file fingerprints and the
        vintage id: ``live-<time>`` for a live fetch, else ``snapshot-<hash of the files>`` (the same files give
        the same vintage, so replaying a snapshot adds no vintage), and warnings about skipped "to verify" tables."""
        from orchestration.sources.families import PRIVATE_MICRODATA, SURVEY_ESTIMATES
        from orchestration.sources.live import fetch_source
        from orchestration.sources.survey_microdata import load_microdata_drop

        tables, fingerprints = snapshot.load_source(source_id, Path(self.snapshot_dir))
        parts = {name: [frame] for name, frame in tables.items()}
        microdata = None
        if self.inbox_dir:
            for frame, fp in snapshot.load_inbox(source_id, Path(self.inbox_dir)):
                parts.setdefault(fp["family"], []).append(frame)
                fingerprints.append(fp)
            microdata = load_microdata_drop(source_id, Path(self.inbox_dir), self.region)
            if microdata is not None:  # estimates to raw.survey_estimates, respondent rows to the private schema
                estimates, respondents, fps = microdata
                parts.setdefault(SURVEY_ESTIMATES, []).append(estimates)
                fingerprints.extend(fps)
        vintage_id, warnings = "", []
        if self.mode == "live":
            vintage_id, fetched, warnings = fetch_source(source_id, self.region, Path(self.vintages_dir),
                                                         self.scb_api, self.tva_api, self.scb_v1_api,
                                                         self.eurostat_api, self.kolada_api)
            for table, path, response, frame in fetched:
                relative = str(path.relative_to(Path(self.vintages_dir)))
                stamped, fp = live_rows(source_id, table, relative, frame, response.body, vintage_id,
                                        response.fetched_at, response.method, response.url)
                parts.setdefault(table.family, []).append(stamped)
                fingerprints.append(fp)
        elif self.mode != "snapshot":
            raise ValueError(f"unknown source mode {self.mode!r}")
        if not vintage_id:  # nothing fetched live (a snapshot-only source, or every live table skipped)
            digest = hashlib.sha256("".join(sorted(fp["sha256"] for fp in fingerprints)).encode()).hexdigest()
            vintage_id = f"snapshot-{digest[:12]}"
        merged = {name: pd.concat(frames, ignore_index=True).assign(_vintage_id=vintage_id)
                  for name, frames in parts.items()}
        if microdata is not None:
            merged[PRIVATE_MICRODATA] = respondents
        return merged, fingerprints, vintage_id, warnings


def live_rows(source_id: str, table, relative: str, frame: pd.DataFrame, body: bytes, vintage_id: str,
              fetched_at: str, method: str, url: str) -> tuple[pd.DataFrame, dict]:
    """A live table's parsed rows with their provenance (priority 0: the newest data), and its file fingerprint;
    the same for a response fetched now and one replayed from its vintage folder."""
    from orchestration.sources.provenance import file_fingerprint, with_provenance

    stamped = with_provenance(
        frame, source_id=source_id, dataset_id=f"live_{table.key}", source_file=f"vintages/{relative}", priority=0,
        citation=table.citation, vintage=vintage_id, retrieved=fetched_at[:10],
        licence=LIVE_LICENCES.get(table.source_id, "public statistics, cite the publisher"))
    return stamped, file_fingerprint(source_id, f"vintages/{relative}", table.family, body, len(frame),
                                     f"live {method} {url}", vintage_id, table.citation, "see publisher")


class PublishResource(dg.ConfigurableResource):
    """The folder analysts' exports are written to, published as one unit (``orchestration/storage/publish_folder.py``):
    each run writes into its staging folder and the run's last publish step swaps the whole set in."""

    publish_dir: str

    def staged(self, run_id: str, *parts: str) -> Path:
        """A path inside the run's staging folder (its parent folder created)."""
        from orchestration.storage.publish_folder import staging_dir

        target = staging_dir(Path(self.publish_dir), run_id).joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def release(self, run_id: str, note: dict | None = None) -> Path:
        """Swap the run's staging folder in as the published folder; returns the release folder."""
        from orchestration.storage.publish_folder import release

        return release(Path(self.publish_dir), run_id, note)


def dbt_executable() -> str:
    """The dbt installed beside this Python (the project's venv), so runs do not depend on PATH."""
    local = Path(sys.executable).with_name("dbt")
    return str(local) if local.exists() else "dbt"


def build_resources(settings: Settings) -> dict[str, dg.ConfigurableResource]:
    from dagster_dbt import DbtCliResource

    from orchestration.dbt_project import dbt_project

    return {
        "warehouse": WarehouseResource(path=str(settings.warehouse_path)),
        "sources": SourcesResource(mode=settings.source_mode, snapshot_dir=str(settings.snapshot_dir),
                                   region=settings.region, inbox_dir=str(settings.inbox_dir),
                                   vintages_dir=str(settings.vintages_dir), scb_api=settings.scb_api,
                                   tva_api=settings.tva_api, scb_v1_api=settings.scb_v1_api,
                                   eurostat_api=settings.eurostat_api, kolada_api=settings.kolada_api,
                                   pinned_vintage=settings.pinned_vintage or "",
                                   include_synthetic=settings.include_synthetic, europe=settings.europe),
        "publish": PublishResource(publish_dir=str(settings.publish_dir)),
        "dbt": DbtCliResource(project_dir=dbt_project, profiles_dir=str(dbt_project.project_dir),
                              dbt_executable=dbt_executable()),
    }
