"""Publish assets: the Parquet/CSV/XLSX exports, the offline HTML report (Swedish, with an English twin) and the
read-only copy of the warehouse for analysts. They run in that order and write into the run's staging folder; the
last of them in the run swaps the whole folder in at once (``orchestration/storage/publish_folder.py``), so readers see a
complete old or a complete new publication, never a mix."""

import dataclasses
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pandas as pd
from dagster_dbt import DbtCliResource

from analysis.report.data import ReportData
from orchestration.assets.analysis import analysis_assets
from orchestration.assets.dbt import DIMENSIONS, model_key
from orchestration.config import REPO_ROOT
from orchestration.storage.exports import (EXPORT_SCHEMAS, _replace_into, column_dictionary, export_files, export_workbook,
                                  publish_database)
from orchestration.dbt_project import dbt_project
from orchestration.resources import PublishResource, SourcesResource, WarehouseResource
from orchestration.storage.reuse import code_version, fingerprint, reusable, tables_fingerprint, write_published_input
from orchestration.sources.snapshot import declared_sources
from orchestration.storage.warehouse_file import disk_errors, folder_size

GEO_FILE = REPO_ROOT / "data" / "geo" / "swedish_regions.geojson"  # län boundaries for the map (data/geo/README.md)
# the EU's NUTS2 boundaries, a source of the snapshot (its area per region) the report also draws as its map of Europe
EUROPE_GEO = Path("gisco") / "NUTS_RG_20M_2021_4326_LEVL_2_EU27.geojson"
FINDINGS_FILE = REPO_ROOT / "data" / "metric_report" / "findings.csv"  # the printed report's findings (its README)

_PUBLISHED_DEPS = [*(model_key(f"mart_{d}") for d in DIMENSIONS), model_key("fct_indicator_values"),
                   model_key("dim_indicator"), model_key("dim_region"), model_key("dim_dimension"),
                   model_key("mart_series_values"), model_key("mart_region_comparison"),
                   model_key("mart_region_structure"), *analysis_assets]


@cache
def _exports_code() -> str:
    return code_version(["orchestration/storage/exports.py"], ("duckdb", "xlsxwriter", "pyarrow"))


@cache
def _report_code() -> str:
    return code_version(["analysis/report", "orchestration/assets/publish.py", "data/geo", "data/metric_report"],
                        ("plotly", "kaleido"))


@cache
def _docs_code() -> str:
    """The version of what writes the dbt docs page: dbt itself."""
    return code_version([], ("dbt-core", "dbt-duckdb"))


@dg.asset(
    key=["publish", "exports"],
    group_name="publish",
    code_version=_exports_code(),
    deps=_PUBLISHED_DEPS,
    kinds={"parquet", "csv", "excel"},
    description="Every mart and analysis table as Parquet and CSV (UTF-8, header) under data/publish/{parquet,csv}/, "
    "and data/publish/metric.xlsx: a sheet per dimension, the analysis tables, a data dictionary and the indicators.",
)
def exports(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
            publish: PublishResource) -> dg.MaterializeResult:
    staged = publish.staged(context.run_id)
    with warehouse.connect(read_only=True) as con:
        # the tables, the code that writes them, and the data dictionary the workbook takes from dbt's docs
        digest = fingerprint(tables_fingerprint(con, EXPORT_SCHEMAS), _exports_code(),
                             column_dictionary(con, dbt_project.manifest_path))
        if reusable(staged, "exports", digest, ["metric.xlsx"]):
            context.log.info("exports reused: the tables they are written from are unchanged (METRIC_RECOMPUTE=1 "
                             "writes them again)")
            return _result(digest, {"reused": True, "inputs": digest,
                                    **_release_if_last(context, publish)})
        with disk_errors(staged, "the release's exports", folder_size(publish.publish_dir)):
            written = export_files(con, staged)
            sheets = export_workbook(con, staged / "metric.xlsx", dbt_project.manifest_path)
    write_published_input(staged, "exports", digest)
    context.log.info(f"staged {len(written)} files and a workbook of {len(sheets)} sheets")
    files = {str(Path(publish.publish_dir) / Path(f).relative_to(staged)): n for f, n in written.items()}
    return _result(digest, {"files": dg.MetadataValue.json(files),
                            "sheets": dg.MetadataValue.json(sheets),
                            **_release_if_last(context, publish)})


def _check_summary(context: dg.AssetExecutionContext) -> dict | None:
    """The latest evaluation of every asset check (dbt tests and great-expectations suites) in the instance (an
    execution still running or skipped has no outcome yet: its status is neither SUCCEEDED nor FAILED)."""
    keys = list(context.job_def.asset_layer.asset_graph.asset_check_keys)
    records = context.instance.event_log_storage.get_latest_asset_check_execution_by_key(keys)
    done = {k: r for k, r in records.items() if r.status.value in ("SUCCEEDED", "FAILED")}
    if not done:
        return None
    failed = sorted(f"{k.asset_key.to_user_string()}: {k.name}" for k, r in done.items() if r.status.value == "FAILED")
    return {"passed": len(done) - len(failed), "failed": len(failed), "failed_names": failed}


def _report_data(con, region: str, snapshot_dir: Path, checks: dict | None) -> ReportData:
    q = lambda sql, *args: con.execute(sql, list(args)).fetchdf()  # noqa: E731
    region_name = con.execute("select region_name from marts.dim_region where region_code = ?",
                              [region]).fetchone()[0]
    sources = q("select source_id, file, obtained, vintage, licence from raw.source_files order by source_id, file")
    publishers = {s.id: s.publisher for s in declared_sources(snapshot_dir)}
    has_index = con.execute("select count(*) from information_schema.tables where table_schema = 'analysis' and "
                            "table_name in ('index_scores', 'index_editions', 'index_coverage')").fetchone()[0] == 3
    nuts2_code, nuts2_name = con.execute(
        "select coalesce(r.nuts2_code, ''), coalesce(n.region_name, '') from marts.dim_region as r "
        "left join marts.dim_region as n on n.region_code = r.nuts2_code where r.region_code = ?", [region]).fetchone()
    has_similar = con.execute("select count(*) from information_schema.tables where table_schema = 'analysis' and "
                              "table_name = 'similar_regions'").fetchone()[0] == 1
    has_europe_peers = con.execute("select count(*) from information_schema.tables where table_schema = 'analysis' "
                                   "and table_name = 'europe_peers'").fetchone()[0] == 1
    sources.insert(1, "publisher", sources["source_id"].map(publishers))
    return ReportData(
        region_code=region,
        region_name=region_name,
        generated_at=datetime.now(ZoneInfo("Europe/Stockholm")).strftime("%Y-%m-%d %H:%M"),
        dimensions=q("select d.dimension_id, d.name_sv, d.name_en, d.n_indicators from marts.dim_dimension as d "
                     "where d.dimension_id <> 'context' order by d.dimension_no"),
        indicators=q("select * from marts.dim_indicator order by dimension_id, indicator_id"),
        # the selected län and the regions containing it (its NUTS2 region, Riket); other län are in the marts
        values=q("select f.*, r.region_name from marts.fct_indicator_values as f join marts.dim_region as r "
                 "using (region_code) where f.is_preferred and (r.is_selected or r.contains_selected) "
                 "and f.dimension_id <> 'context' order by indicator_id, breakdown, period_start"),
        matrix=q("select * from analysis.indicator_matrix where region_code = ?", region),
        development=q("select * from analysis.relative_development"),
        strengths=q("select * from analysis.strengths_weaknesses order by dimension_id, kind, rank"),
        eigenvalues=q("select * from analysis.pca_eigenvalues"),
        variables=q("select * from analysis.pca_variables"),
        trajectory=q("select * from analysis.pca_trajectory order by year"),
        clusters=q("select * from analysis.cluster_correlations order by cluster, year"),
        sources=sources,
        checks=checks,
        # the index tables exist once metric_index has run (a subset run may leave it out: no index cards then)
        index_scores=q("select s.* exclude (settings, input_vintages, input_fingerprint, scope, computed_at), "
                       "r.region_name from analysis.index_scores as s join marts.dim_region as r using (region_code)")
        if has_index else pd.DataFrame(),
        index_settings=json.loads(con.execute("select any_value(settings) from analysis.index_scores").fetchone()[0])
        if has_index else {},
        index_editions=q("select * exclude (settings, input_vintages, input_fingerprint, scope, computed_at) from "
                         "analysis.index_editions order by level, edition") if has_index else pd.DataFrame(),
        index_coverage=q("select * from analysis.index_coverage") if has_index else pd.DataFrame(),
        index_basis=q("select level, edition, series_id, year_used, dimension_id from analysis.index_inputs "
                      "where status = 'used' and year = edition order by level, edition, dimension_id, series_id")
        if has_index else pd.DataFrame(),
        index_sensitivity=q("select level, edition, assumption, first_order, first_order_low, first_order_high, total, "
                            "total_low, total_high from analysis.index_sensitivity order by level, edition, assumption")
        if has_index else pd.DataFrame(),
        nuts2_code=nuts2_code,
        anomalies=q("select case when a.breakdown = '' then a.indicator_id else a.indicator_id || '[' || a.breakdown "
                    "|| ']' end as series_id, a.indicator_id, a.breakdown, a.region_code, r.region_name, "
                    "a.year, a.value, a.previous_value, a.next_value, "
                    "a.anomaly, a.is_confirmed from intermediate.int_value_anomalies as a join marts.dim_region as r "
                    "using (region_code) order by a.is_confirmed, a.indicator_id, r.region_name, a.year"),
        geo=json.loads(GEO_FILE.read_text(encoding="utf-8")) if GEO_FILE.exists() else None,
        findings=_findings(region),
        nuts2_name=nuts2_name,
        # every region ranked on each indicator, in the latest year the indicator has a rank at its level
        comparison=q("select indicator_id, breakdown, year, region_code, region_name, region_level, value, "
                     "riket_value, rank, median_value, citation from marts.mart_region_comparison "
                     "where rank is not null and dimension_id <> 'context' "
                     "qualify year = max(year) over (partition by indicator_id, breakdown, region_level) "
                     "order by indicator_id, breakdown, region_level, rank, region_code"),
        similar=q("select s.peer_rank, s.peer_code, r.region_name as peer_name, s.distance, s.stability, s.is_robust "
                  "from analysis.similar_regions as s join marts.dim_region as r on r.region_code = s.peer_code "
                  "where s.region_code = ? order by s.peer_rank", region) if has_similar else pd.DataFrame(),
        europe_peers=q("select p.peer_rank, p.peer_code, r.region_name as peer_name, r.country_code, p.distance, "
                       "p.stability, p.is_robust from analysis.europe_peers as p join marts.dim_region as r on "
                       "r.region_code = p.peer_code where p.region_code = ? order by p.peer_rank", nuts2_code)
        if has_europe_peers else pd.DataFrame(),
        europe_geo=json.loads((snapshot_dir / EUROPE_GEO).read_text(encoding="utf-8"))
        if (snapshot_dir / EUROPE_GEO).exists() else None,
    )


def _report_inputs(data: ReportData) -> str:
    """The fingerprint of everything the report shows: every frame and value of its data but the time it was
    generated (Europe's boundaries, read from the snapshot, as their JSON), and the code and files that draw it."""
    parts = [getattr(data, f.name) for f in dataclasses.fields(data)
             if f.name not in ("generated_at", "geo", "europe_geo")]
    return fingerprint(*parts, json.dumps(data.europe_geo, sort_keys=True), _report_code())


def _findings(region: str) -> pd.DataFrame:
    """The printed METRIC report's summary, strengths, challenges and recommendations for ``region`` (none for a
    län without a printed report)."""
    findings = pd.read_csv(FINDINGS_FILE, dtype=str, keep_default_na=False, encoding="utf-8")
    return findings[findings["region_code"] == region].assign(position=lambda f: f["position"].astype(int))


def _static_figures(data: ReportData, folder: Path, log) -> list[str]:
    """PNGs of the key figures via kaleido where a Chromium is installed; skipped with a message otherwise."""
    from analysis.report import figures as F

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        log.warning("static PNG figures skipped: no Chromium found (install Debian's chromium to get them)")
        return []
    os.environ.setdefault("BROWSER_PATH", browser)
    names = data.indicators.set_index("indicator_id")["name_sv"]
    key_figures = {
        "relative_development": F.development_heatmap(data.development, "sv", names),
        "pca_scree": F.scree_figure(data.eigenvalues, "sv"),
        "pca_correlation_circle": F.correlation_circle(data.variables, data.eigenvalues, "sv", names),
        "pca_trajectory": F.trajectory_figure(data.trajectory, "sv"),
    }
    written = []
    staging = folder / "figures" / ".staging"
    staging.mkdir(parents=True, exist_ok=True)
    try:
        import kaleido

        # one browser session for all figures (a session per figure costs ~4 s each)
        kaleido.write_fig_from_object_sync([
            {"fig": fig, "path": str(staging / f"{name}.png"), "opts": {"width": 1100, "height": 700}}
            for name, fig in key_figures.items()])
        for name in key_figures:
            os.replace(staging / f"{name}.png", folder / "figures" / f"{name}.png")
            written.append(f"figures/{name}.png")
    except Exception as exc:  # kaleido/Chromium trouble must not fail the report itself
        log.warning(f"static PNG figures skipped: {type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


@dg.asset(
    key=["publish", "report"],
    group_name="publish",
    code_version=_report_code(),
    deps=[*_PUBLISHED_DEPS, exports],
    kinds={"plotly", "html"},
    description="data/publish/report.html (Swedish) and report_en.html (English): offline pages sharing the plotly.js "
    "bundle beside them (assets/), with plotly charts per dimension, the relative-development heatmap, the PCA, clusters, and the data "
    "section (sources, check results, imputed share); PNGs of the key figures where Chromium is present.",
)
def report(context: dg.AssetExecutionContext, warehouse: WarehouseResource, sources: SourcesResource,
           publish: PublishResource) -> dg.MaterializeResult:
    with warehouse.connect(read_only=True) as con:
        data = _report_data(con, sources.region, Path(sources.snapshot_dir), _check_summary(context))
    staged = publish.staged(context.run_id)
    digest = _report_inputs(data)
    published = Path(publish.publish_dir)
    files = {"report": dg.MetadataValue.path(str(published / "report.html")),
             "report_en": dg.MetadataValue.path(str(published / "report_en.html")), "inputs": digest}
    from analysis.report.vendor_files import PLOTLY_ASSET, PLOTLY_JS

    if reusable(staged, "report", digest, ["report.html", "report_en.html", PLOTLY_ASSET]):
        context.log.info("report reused: its data, check results and code are unchanged (METRIC_RECOMPUTE=1 builds "
                         "it again)")
        return _result(digest, {**files, "reused": True, **_release_if_last(context, publish)})
    from analysis.report.page import build_report  # plotly: loaded only when the report is built

    (staged / PLOTLY_ASSET).parent.mkdir(parents=True, exist_ok=True)
    with disk_errors(staged, "the release's report", PLOTLY_JS.stat().st_size):
        _replace_into(staged / PLOTLY_ASSET, lambda p: shutil.copyfile(PLOTLY_JS, p))

    # the PNGs are drawn by a Chromium subprocess: let it work while the pages are built (about 2 s saved)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pngs_done = pool.submit(_static_figures, data, staged, context.log)
        charts = 0
        for lang, name, other in (("sv", "report.html", "report_en.html"), ("en", "report_en.html", "report.html")):
            page, charts = build_report(data, lang, other)
            with disk_errors(staged, "the release's report", len(page.encode("utf-8"))):
                _replace_into(staged / name, lambda p, text=page: p.write_text(text, encoding="utf-8"))
        pngs = pngs_done.result()
    write_published_input(staged, "report", digest)
    return _result(digest, {**files, "charts": charts, "png_figures": dg.MetadataValue.json(pngs),
                            **_release_if_last(context, publish)})


@dg.asset(
    key=["publish", "database"],
    group_name="publish",
    code_version=_exports_code(),
    deps=[*_PUBLISHED_DEPS, exports, report, dg.AssetKey(["publish", "docs"])],
    kinds={"duckdb"},
    description="data/publish/metric.duckdb: a complete, read-only copy of the marts and analysis tables (a new file "
    "whenever the tables changed, never written in place, so analysts' read-only sessions never block a refresh; "
    "the same file when they did not). Runs last, after the exports and the report "
    "succeeded, and swaps the whole publish folder in.",
)
def database(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
             publish: PublishResource) -> dg.MaterializeResult:
    staged = publish.staged(context.run_id)
    path = dg.MetadataValue.path(str(Path(publish.publish_dir) / "metric.duckdb"))
    with warehouse.connect(read_only=True) as con:
        digest = fingerprint(tables_fingerprint(con, EXPORT_SCHEMAS), _exports_code())
    if reusable(staged, "database", digest, ["metric.duckdb"]):
        context.log.info("database copy reused: the tables it holds are unchanged (METRIC_RECOMPUTE=1 copies them "
                         "again)")
        return _result(digest, {"reused": True, "inputs": digest, "path": path,
                                **_release_if_last(context, publish)})
    with disk_errors(staged, "the release's database copy", Path(warehouse.path).stat().st_size):
        rows = publish_database(warehouse.path, staged / "metric.duckdb")
    write_published_input(staged, "database", digest)
    context.log.info(f"staged a copy of {len(rows)} tables")
    return _result(digest, {"path": path, "tables": dg.MetadataValue.json(rows), "inputs": digest,
                            **_release_if_last(context, publish)})


@dg.asset(
    key=["publish", "docs"],
    group_name="publish",
    code_version=_docs_code(),
    deps=[*_PUBLISHED_DEPS, exports, report],
    kinds={"dbt", "html"},
    description="data/publish/docs.html: dbt's documentation of every model, column, test and the lineage, as one "
    "offline page (dbt docs generate --static, with the catalog of the warehouse's tables and columns), for analysts.",
)
def docs(context: dg.AssetExecutionContext, warehouse: WarehouseResource, dbt: DbtCliResource,
         publish: PublishResource) -> dg.MaterializeResult:
    staged = publish.staged(context.run_id)
    path = dg.MetadataValue.path(str(Path(publish.publish_dir) / "docs.html"))
    with warehouse.connect(read_only=True) as con:
        columns = con.execute("select table_schema, table_name, column_name, data_type from "
                              "information_schema.columns order by all").fetchall()
    # the manifest's nodes, sources and macros, not its metadata (the time and id of the parse that wrote it)
    manifest = json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))
    manifest.pop("metadata", None)
    digest = fingerprint(columns, fingerprint(manifest), _docs_code())
    if reusable(staged, "docs", digest, ["docs.html"]):
        context.log.info("dbt docs reused: the models, their documentation and the warehouse's columns are unchanged")
        return _result(digest, {"reused": True, "inputs": digest, "path": path,
                                **_release_if_last(context, publish)})
    os.environ["METRIC_WAREHOUSE_PATH"] = warehouse.path  # profiles.yml reads it
    invocation = dbt.cli(["docs", "generate", "--static"], manifest=dbt_project.manifest_path,
                         raise_on_error=True).wait()
    page = Path(invocation.target_path) / "static_index.html"
    with disk_errors(staged, "the release's dbt docs", page.stat().st_size):
        _replace_into(staged / "docs.html", lambda p: shutil.copyfile(page, p))
    shutil.rmtree(invocation.target_path, ignore_errors=True)
    write_published_input(staged, "docs", digest)
    return _result(digest, {"path": path, "inputs": digest, "bytes": (staged / "docs.html").stat().st_size,
                            **_release_if_last(context, publish)})


publish_assets = [exports, report, docs, database]
_PUBLISH_ORDER = [a.key for a in publish_assets]  # each depends on the one before


def _result(digest: str, metadata: dict) -> dg.MaterializeResult:
    """A published output's materialisation; its data version is the digest of its inputs (unchanged inputs, the
    same output: nothing downstream is marked stale)."""
    return dg.MaterializeResult(metadata=metadata, data_version=dg.DataVersion(digest))


def _release_if_last(context: dg.AssetExecutionContext, publish: PublishResource) -> dict:
    """Swap the staged folder in when no later publish asset is part of this run (the whole set, at once)."""
    selection = context.run.asset_selection or None  # None (or empty): the whole job
    later = _PUBLISH_ORDER[_PUBLISH_ORDER.index(context.asset_key) + 1:]
    if any(selection is None or key in selection for key in later):
        return {}
    released = publish.release(context.run_id)
    context.log.info(f"published the release {released.name} as {publish.publish_dir}")
    return {"release": dg.MetadataValue.path(str(released))}
