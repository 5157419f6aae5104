"""Analysis assets (the report's section 3): read the marts, call the pure statistics in ``analysis/``, write the
``analysis.*`` tables. Every table carries the settings, the input vintages and a fingerprint of its input."""

from datetime import datetime, timezone
from functools import cache

import dagster as dg
import pandas as pd
from dagster import AssetKey

from analysis.clusters import assign_clusters, cluster_correlation, cluster_scores, fisher_interval
from analysis.comparable import (BOUND_QUALIFIERS, cap_series_per_indicator, comparable_units, drop_duplicate_series,
                                 single_dataset)
from analysis.cross_section import cross_section_matrix
from analysis.index import LEVELS, IndexSettings, build_level, index_scope
from analysis.null_models import random_walk_baseline
from analysis.development import relative_development as compute_relative_development
from analysis.development import strengths_and_weaknesses as compute_strengths_and_weaknesses
from analysis.imputation import build_indicator_matrix, observed_by_year, to_wide
from analysis.pca_tables import pca_tables as build_pca_tables
from analysis.pca_tables import verdict
from analysis.settings import AnalysisSettings
from analysis.europe_peers import PeerSettings
from analysis.europe_peers import european_peers as compute_european_peers
from analysis.similar_regions import SimilarSettings
from analysis.similar_regions import similar_regions as compute_similar_regions
from analysis.stability import selection_stability
from analysis.trajectory import trajectory
from orchestration.assets.dbt import model_key
from orchestration.resources import SourcesResource, WarehouseResource
from orchestration.storage.reuse import (StepRecords, code_version, fingerprint, forget_step, record_step,
                                         step_inputs_digest)
from orchestration.storage.warehouse import rows_digest, settings_json, write_analysis_tables

ANALYSIS_SETTINGS = AnalysisSettings()
PROVENANCE_COLUMNS = ("region_code", "settings", "input_vintages", "input_fingerprint")

# mart_series_values is built from fct_indicator_values; both are named as inputs so the blocking GX check on the
# fact table stops the analysis in any selection.
_SERIES_COLUMNS = ["series_id", "indicator_id", "breakdown", "dimension_id", "polarity"]


def _read_series_values(warehouse: WarehouseResource, region: str, preferred_only: bool = True) -> pd.DataFrame:
    """The region's rows of marts.mart_series_values (the dbt model that shapes the analysis input): the preferred
    rows, or every dataset's rows (``preferred_only=False``)."""
    with warehouse.connect(read_only=True) as con:
        return con.execute("select * exclude (region_code) from marts.mart_series_values where region_code = ? "
                           "and is_usable "  # an unconfirmed anomaly is missing until confirmed
                           + ("and is_preferred " if preferred_only else "")
                           + "order by series_id, dataset_id, period_start, period_end", [region]).fetchdf()


def _read_population(warehouse: WarehouseResource, region: str) -> pd.Series:
    """The region's population on 1 January (preferred rows of marts.mart_context), by year."""
    with warehouse.connect(read_only=True) as con:
        frame = con.execute("select year, value from marts.mart_context where indicator_id = 'ctx_population' "
                            "and breakdown = '' and region_code = ? and year is not null order by year",
                            [region]).fetchdf()
    return frame.set_index("year")["value"]


def _provenance(values: pd.DataFrame, settings: AnalysisSettings, region: str) -> dict:
    vintages = sorted({f"{d}: {v}" for d, v in zip(values["dataset_id"], values["vintage"])})
    return {"region_code": region, "settings": settings_json(settings.as_dict()),
            "input_vintages": " | ".join(vintages), "input_fingerprint": fingerprint(values)[:16]}


def _all_lan_provenance(values: pd.DataFrame, settings) -> dict:
    """Provenance of a table over every län: ``scope`` instead of the selected region (the rows carry their own
    region_code)."""
    provenance = _provenance(values, settings, "")
    provenance.pop("region_code")
    return {"scope": "all län", **provenance}


def _inherited(frame: pd.DataFrame) -> dict:
    """The provenance columns of an upstream analysis table (constant within it)."""
    return {k: frame[k].iloc[0] for k in PROVENANCE_COLUMNS} if len(frame) else {}


def _stamp(frame: pd.DataFrame, provenance: dict) -> pd.DataFrame:
    return frame.assign(**provenance, computed_at=datetime.now(timezone.utc).replace(tzinfo=None))


# The modules each analysis step runs (the analysis modules they import are followed): its code version, which
# Dagster shows (an asset whose code changed is marked stale, and so is everything downstream of it) and the reuse
# rule uses, so a change to one module recomputes the steps that run it and nothing else.
STEP_MODULES = {
    "indicator_matrix": ["analysis/imputation.py", "analysis/comparable.py"],
    "relative_development": ["analysis/development.py", "analysis/imputation.py"],
    "strengths_weaknesses": ["analysis/development.py"],
    "pca": ["analysis/pca_tables.py", "analysis/null_models.py", "analysis/imputation.py"],
    "pca_trajectory": ["analysis/trajectory.py"],
    "cluster_correlations": ["analysis/clusters.py", "analysis/imputation.py"],
    "pca_stability": ["analysis/stability.py", "analysis/imputation.py"],
    "pca_cross_section": ["analysis/cross_section.py", "analysis/pca_tables.py"],
    "metric_index": ["analysis/index"],
    "similar_regions": ["analysis/similar_regions.py"],
    "europe_peers": ["analysis/europe_peers.py"],
}
_STEP_COMMON = ["analysis/settings.py", "orchestration/assets/analysis.py", "orchestration/storage/warehouse.py"]


def _imported_modules(paths: list[str]) -> list[str]:
    """``paths`` and every module of ``analysis/`` they import, directly or not (sorted, as repository paths)."""
    import ast

    from orchestration.config import REPO_ROOT

    seen: set[str] = set()
    todo = list(paths)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        target = REPO_ROOT / path
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for file in files:
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
                for name in names:
                    if name.startswith("analysis."):
                        module = name.replace(".", "/")
                        todo.append(module if (REPO_ROOT / module).is_dir() else module + ".py")
    return sorted(seen)


@cache
def step_code(step: str) -> str:
    """The code version of an analysis step: its modules (with what they import from ``analysis/``), the asset
    code and the libraries, computed once per process."""
    return code_version(_imported_modules(STEP_MODULES[step]) + _STEP_COMMON, ("numpy", "pandas", "scipy", "duckdb"))


class _Step:
    """One analysis step's reuse (orchestration/storage/reuse.py): the fingerprint of the tables it reads (whole), the
    analysis settings, the region and the analysis code. When the step's tables were last computed from the same
    fingerprint they are reported again with the metadata of that computation (and ``reused``); otherwise the step
    computes and ``write`` stores its tables and the fingerprint."""

    def __init__(self, context: dg.AssetExecutionContext, warehouse: WarehouseResource, name: str,
                 reads: list[str], writes: list[str], region: str = "", settings: dict | None = None):
        self.context, self.warehouse, self.name, self.writes = context, warehouse, name, writes
        with warehouse.connect(read_only=True) as con:
            self.digest = step_inputs_digest(con, reads, ANALYSIS_SETTINGS.as_dict(), settings or {}, region,
                                             step_code(name))
            self.earlier = StepRecords.read(con).reusable(name, self.digest, [("analysis", t) for t in writes])
        if self.earlier is not None:
            context.log.info(f"{name} reused: the tables it reads, its settings and code are unchanged "
                             "(METRIC_RECOMPUTE=1 computes it again)")

    def reused_results(self) -> list[dg.MaterializeResult]:
        return [self.result(table, {**self.earlier.get(table, {}), "reused": True, "input_fingerprint": self.digest})
                for table in self.writes]

    @staticmethod
    def result(table: str, metadata: dict) -> dg.MaterializeResult:
        """A table's materialisation with its data version (a digest of its rows: unchanged rows, unchanged
        version, so Dagster does not mark what reads it stale)."""
        version = metadata.get("data_version")
        return dg.MaterializeResult(asset_key=["analysis", table], metadata=metadata,
                                    data_version=dg.DataVersion(str(version)) if version else None)

    def write(self, tables: dict[str, pd.DataFrame], metadata: dict[str, dict]) -> None:
        """Write the step's tables (as ``write_analysis_tables``) and record the fingerprint and ``metadata`` (per
        table, with each table's data version added) they come from; the old fingerprint is dropped first, so a
        crash between never vouches for them."""
        with self.warehouse.connect() as con:
            forget_step(con, self.name)
            write_analysis_tables(con, tables)
            for table in tables:
                metadata.setdefault(table, {})["data_version"] = rows_digest(con, f"analysis.{table}")[1][:16]
            record_step(con, self.name, self.digest, metadata, self.context.run.run_id)


def _read(warehouse: WarehouseResource, *queries: str) -> list[pd.DataFrame]:
    with warehouse.connect(read_only=True) as con:
        return [con.execute(q).fetchdf() for q in queries]


@dg.multi_asset(
    name="indicator_matrix",
    specs=[
        dg.AssetSpec(["analysis", "indicator_matrix"], group_name="analysis",
                     code_version=step_code("indicator_matrix"), kinds={"python", "pandas", "duckdb"},
                     deps=[model_key("mart_series_values"), model_key("fct_indicator_values")],
                     description="analysis.indicator_matrix: the years x series matrix that enters the PCA "
                     "(observed value, value used, is_imputed, method)."),
        dg.AssetSpec(["analysis", "pca_inputs"], group_name="analysis",
                     code_version=step_code("indicator_matrix"), kinds={"python", "pandas", "duckdb"},
                     deps=[model_key("mart_series_values"), model_key("fct_indicator_values")],
                     description="analysis.pca_inputs: every candidate series, included or the reason it is not."),
    ],
    can_subset=False,
)
def indicator_matrix(context: dg.AssetExecutionContext, warehouse: WarehouseResource, sources: SourcesResource):
    step = _Step(context, warehouse, "indicator_matrix", ["marts.mart_series_values", "marts.mart_context"],
                 ["indicator_matrix", "pca_inputs"], sources.region)
    if step.earlier is not None:
        yield from step.reused_results()
        return
    settings = ANALYSIS_SETTINGS
    everything = _read_series_values(warehouse, sources.region, preferred_only=False)
    provenance = _provenance(everything, settings, sources.region)
    series = everything[_SERIES_COLUMNS + ["unit"]].drop_duplicates("series_id")
    # one dataset per series (never spliced), then comparable units (index to Riket or per inhabitant)
    values, datasets = single_dataset(everything, settings.years)
    chosen = dict(zip(datasets["series_id"], datasets["dataset_id"]))
    riket = _read_series_values(warehouse, "00", preferred_only=False)
    riket = riket[(riket["qualifier"] == "exact") & (riket["period_start"] == riket["period_end"])
                  & (riket["dataset_id"] == riket["series_id"].map(chosen))]
    riket = riket.assign(year=riket["period_start"])
    values, transformations = comparable_units(values, riket, _read_population(warehouse, sources.region))
    observed = values[values["qualifier"].isin(settings.observed_qualifiers)]
    bounds = values[values["qualifier"].isin(BOUND_QUALIFIERS)]
    cells, selection = build_indicator_matrix(
        observed, settings.years, settings.min_observed_years, bounds=bounds,
        max_extrapolation_years=settings.max_extrapolation_years, min_window_years=settings.min_window_years,
        bound_policy=settings.bound_policy, approx_tolerance=settings.approx_tolerance)
    indicators = dict(zip(series["series_id"], series["indicator_id"]))
    capped = cap_series_per_indicator(selection, indicators, settings.max_series_per_indicator)
    over = selection["series_id"].isin(capped)
    selection.loc[over, "included"] = False
    selection.loc[over, "exclusion_reason"] = selection.loc[over, "series_id"].map(capped)
    cells = cells[cells["series_id"].isin(selection.loc[selection["included"], "series_id"])]
    if len(cells):
        _, duplicates = drop_duplicate_series(to_wide(cells), indicators,
                                              dict(zip(series["series_id"], series["breakdown"])),
                                              settings.same_quantity)
        cells = cells[~cells["series_id"].isin(duplicates)]
        for dropped, twin in duplicates.items():
            selection.loc[selection["series_id"] == dropped, ["included", "exclusion_reason"]] = [
                False, f"the same quantity as {twin}, which enters instead (settings.same_quantity)"]
    selection = (series.merge(selection, on="series_id", how="left", indicator=True)
                 .merge(transformations[["series_id", "transformation", "reason"]], on="series_id", how="left")
                 .merge(datasets, on="series_id", how="left"))
    unseen = selection["_merge"] == "left_only"
    selection.loc[unseen, "exclusion_reason"] = selection.loc[unseen, "reason"].fillna(
        f"no {'/'.join(settings.observed_qualifiers)} value in {settings.window_start}-{settings.window_end}")
    selection = selection.drop(columns=["_merge", "reason"])
    selection["n_observed_years"] = selection["n_observed_years"].fillna(0).astype("int64")
    selection["included"] = selection["included"].fillna(False).astype(bool)
    selection = selection.sort_values("series_id").reset_index(drop=True)
    cells = cells.merge(series, on="series_id", how="left").merge(
        transformations[["series_id", "transformation"]], on="series_id", how="left")
    included = selection[selection["included"]]
    window = (f"{int(selection['window_start'].dropna().iloc[0])}-{int(selection['window_end'].dropna().iloc[0])}"
              if selection["window_start"].notna().any() else "none")
    metadata = {
        "indicator_matrix": {
            "rows": len(cells), "series": int(cells["series_id"].nunique()) if len(cells) else 0, "window": window,
            "imputed_share": float(cells["is_imputed"].mean()) if len(cells) else 0.0,
            "clipped_to_bounds": int(cells["bound"].notna().sum()) if len(cells) else 0},
        "pca_inputs": {
            "series_included": len(included),
            "series_excluded": int((~selection["included"]).sum()),
            "transformations": dg.MetadataValue.json(included["transformation"].value_counts().to_dict()),
            "excluded": dg.MetadataValue.json(
                selection.loc[~selection["included"], ["series_id", "exclusion_reason"]].to_dict("records"))},
    }
    step.write({"indicator_matrix": _stamp(cells, provenance), "pca_inputs": _stamp(selection, provenance)}, metadata)
    context.log.info(f"{len(included)} of {len(selection)} series enter the PCA over {window}")
    for table, meta in metadata.items():
        yield _Step.result(table, meta)


@dg.asset(
    key=["analysis", "relative_development"],
    code_version=step_code("relative_development"),
    group_name="analysis",
    deps=[model_key("mart_series_values"), model_key("fct_indicator_values")],
    kinds={"python", "pandas", "duckdb"},
    description="analysis.relative_development (Figure 4): per series and observed year the polarity-aware "
    "min-max score (1 = the series' best year), index to the first year, CAGR and the latest direction.",
)
def relative_development(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                         sources: SourcesResource) -> dg.MaterializeResult:
    step = _Step(context, warehouse, "relative_development", ["marts.mart_series_values"], ["relative_development"],
                 sources.region)
    if step.earlier is not None:
        return step.reused_results()[0]
    settings = ANALYSIS_SETTINGS
    values = _read_series_values(warehouse, sources.region)
    observed = values[values["qualifier"].isin(settings.observed_qualifiers)]
    by_year = observed_by_year(observed, settings.years)
    frame = compute_relative_development(by_year.merge(observed[_SERIES_COLUMNS].drop_duplicates(), on="series_id"))
    frame["is_period_value"] = frame.pop("origin") == "period_value"  # the year stands in for its period
    latest = frame.drop_duplicates("series_id")["latest_direction"].value_counts().to_dict()
    metadata = {"series": int(frame["series_id"].nunique()), "latest_direction": dg.MetadataValue.json(latest)}
    step.write({"relative_development": _stamp(frame, _provenance(values, settings, sources.region))},
               {"relative_development": metadata})
    context.log.info(f"relative development of {frame['series_id'].nunique()} series: {latest}")
    return _Step.result(step.writes[0], metadata)


@dg.asset(
    key=["analysis", "strengths_weaknesses"],
    code_version=step_code("strengths_weaknesses"),
    group_name="analysis",
    deps=[relative_development],
    kinds={"python", "pandas", "duckdb"},
    description="analysis.strengths_weaknesses: per dimension, the series improving and worsening most over the "
    "window (change of the polarity-aware score from first to last observation).",
)
def strengths_weaknesses(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    step = _Step(context, warehouse, "strengths_weaknesses", ["analysis.relative_development"],
                 ["strengths_weaknesses"])
    if step.earlier is not None:
        return step.reused_results()[0]
    (development,) = _read(warehouse, "select * from analysis.relative_development")
    table = compute_strengths_and_weaknesses(development, ANALYSIS_SETTINGS.top_per_dimension)
    metadata = {"rows": len(table)}
    step.write({"strengths_weaknesses": _stamp(table, _inherited(development))}, {"strengths_weaknesses": metadata})
    return _Step.result(step.writes[0], metadata)


_PCA = "METRIC's two-pass standardised PCA with FactoMineR conventions over the indicator matrix (years as individuals)"


@dg.multi_asset(
    name="pca",
    specs=[
        dg.AssetSpec(["analysis", "pca_eigenvalues"], group_name="analysis",
                     code_version=step_code("pca"), kinds={"python", "duckdb"},
                     deps=[AssetKey(["analysis", "indicator_matrix"]), AssetKey(["analysis", "pca_inputs"])],
                     description=f"analysis.pca_eigenvalues: {_PCA}: eigenvalues, % and cumulative % of both passes."),
        dg.AssetSpec(["analysis", "pca_variables"], group_name="analysis",
                     code_version=step_code("pca"), kinds={"python", "duckdb"},
                     deps=[AssetKey(["analysis", "indicator_matrix"]), AssetKey(["analysis", "pca_inputs"])],
                     description=f"analysis.pca_variables: {_PCA}: kept series' coord, cos2 and contrib; excluded "
                     "series' supplementary correlations; first-pass plane cos2 for all."),
        dg.AssetSpec(["analysis", "pca_years"], group_name="analysis",
                     code_version=step_code("pca"), kinds={"python", "duckdb"},
                     deps=[AssetKey(["analysis", "indicator_matrix"]), AssetKey(["analysis", "pca_inputs"])],
                     description=f"analysis.pca_years: {_PCA}: the years' coord, cos2 and contrib per component."),
    ],
    can_subset=False,
)
def pca_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    step = _Step(context, warehouse, "pca", ["analysis.indicator_matrix", "analysis.pca_inputs"],
                 ["pca_eigenvalues", "pca_variables", "pca_years"])
    if step.earlier is not None:
        yield from step.reused_results()
        return
    settings = ANALYSIS_SETTINGS
    cells, series = _read(warehouse, "select * from analysis.indicator_matrix",
                          "select series_id, indicator_id, breakdown, dimension_id, polarity, observed_years, "
                          "anchor_years, transformation from analysis.pca_inputs where included")
    wide = to_wide(cells)
    if wide.shape[1] < 2:
        raise ValueError(f"PCA needs at least two included indicator series, found {list(wide.columns)}: "
                         "see analysis.pca_inputs for the exclusion reasons")
    # the walks are observed where the real series are, the anchors outside the window included, and filled alike
    observed_years = {s: sorted(int(y) for part in (years, anchors) if isinstance(part, str)
                                for y in part.split(",") if y)
                      for s, years, anchors in zip(series["series_id"], series["observed_years"],
                                                   series["anchor_years"]) if s in wide.columns}
    baseline = random_walk_baseline(observed_years, list(wide.index), settings.cos2_threshold,
                                    settings.random_walk_simulations, settings.seed)
    tables = build_pca_tables(wide, settings.cos2_threshold, settings.null_permutations, settings.seed,
                              sign_reference=list(wide.index), random_walk=baseline)
    result, final, eigen = tables.result, tables.result.final, tables.eigenvalues
    variables = tables.variables.merge(series.drop(columns=["observed_years", "anchor_years"]), on="series_id")
    years = tables.individuals.rename(columns={"individual": "year"})
    provenance = _inherited(cells)
    noise = verdict(eigen)
    context.log.info(f"PC1 {noise['pc1_pct']:.1f} %: parallel-analysis p = {noise['p_parallel']:.3f}, random-walk "
                     f"p = {noise['p_random_walk']}; distinguishable from noise: {noise['distinguishable']}")
    pc1 = float(final.eigenvalues["pct_variance"].iloc[0])
    kept = result.selection.loc[result.selection["kept"], "series_id"].tolist()
    context.log.info(f"PCA: {len(kept)} of {wide.shape[1]} series kept (plane cos2 >= {settings.cos2_threshold}); "
                     f"PC1 explains {pc1:.1f} % in the final pass")
    metadata = {
        "pca_eigenvalues": {"pc1_pct_variance": pc1, "passes": result.passes, "noise": dg.MetadataValue.json(noise),
                            "eigenvalues": dg.MetadataValue.json(final.eigenvalues.round(6).to_dict("records"))},
        "pca_variables": {"n_series_first_pass": wide.shape[1], "n_series_kept": len(kept),
                          "kept": dg.MetadataValue.json(kept)},
        "pca_years": {"n_years": wide.shape[0]}}
    step.write({"pca_eigenvalues": _stamp(eigen, provenance), "pca_variables": _stamp(variables, provenance),
                "pca_years": _stamp(years, provenance)}, metadata)
    for table, meta in metadata.items():
        yield _Step.result(table, meta)


@dg.asset(
    key=["analysis", "pca_trajectory"],
    code_version=step_code("pca_trajectory"),
    group_name="analysis",
    deps=[AssetKey(["analysis", "pca_years"])],
    kinds={"python", "duckdb"},
    description="analysis.pca_trajectory (Figure 6): the years on PC1/PC2 with their period, the period centroid "
    "and the distance travelled from the previous year.",
)
def pca_trajectory(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    step = _Step(context, warehouse, "pca_trajectory", ["analysis.pca_years"], ["pca_trajectory"])
    if step.earlier is not None:
        return step.reused_results()[0]
    (years,) = _read(warehouse, "select * from analysis.pca_years")
    coords = years.pivot(index="year", columns="component", values="coord")
    table = trajectory(coords, ANALYSIS_SETTINGS.period_of)
    metadata = {"total_distance": float(table["cumulative_distance"].iloc[-1])}
    step.write({"pca_trajectory": _stamp(table, _inherited(years))}, {"pca_trajectory": metadata})
    return _Step.result(step.writes[0], metadata)


@dg.asset(
    key=["analysis", "cluster_correlations"],
    code_version=step_code("cluster_correlations"),
    group_name="analysis",
    deps=[AssetKey(["analysis", "indicator_matrix"]), AssetKey(["analysis", "pca_inputs"]),
          AssetKey(["analysis", "pca_variables"])],
    kinds={"python", "pandas", "duckdb"},
    description="analysis.cluster_correlations: the research/knowledge and market/digital clusters (by a configured "
    "mapping of dimensions), each cluster's mean polarity-oriented z-score per year, their correlation with its "
    "Fisher-z 95 % interval and n, beside the report's r and its interval.",
)
def cluster_correlations(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    step = _Step(context, warehouse, "cluster_correlations",
                 ["analysis.indicator_matrix", "analysis.pca_inputs", "analysis.pca_variables"],
                 ["cluster_correlations"])
    if step.earlier is not None:
        return step.reused_results()[0]
    settings = ANALYSIS_SETTINGS
    cells, inputs, pc1 = _read(warehouse, "select * from analysis.indicator_matrix",
                               "select series_id, dimension_id, polarity from analysis.pca_inputs where included",
                               "select series_id, coord from analysis.pca_variables "
                               "where role = 'active' and component = 'PC1'")
    inputs = inputs.set_index("series_id")
    wide = to_wide(cells)
    inputs = inputs.loc[[s for s in inputs.index if s in wide.columns]]
    coord = pc1.set_index("series_id")["coord"].reindex(inputs.index)
    if settings.cluster_method == "pc1_sign":  # only the PCA's kept series have a PC1 coordinate
        coord = coord.dropna()
    clusters = assign_clusters(coord, inputs["dimension_id"], settings.cluster_method, settings.cluster_dimensions)
    scores = cluster_scores(wide[list(clusters.index)], clusters, inputs["polarity"])
    r = cluster_correlation(scores)
    low, high = fisher_interval(r, len(scores))
    report_low, report_high = fisher_interval(settings.report_cluster_r, settings.report_cluster_n)
    members = {name: ", ".join(sorted(group.index)) for name, group in clusters.groupby(clusters)}
    table = scores.reset_index(names="year").melt(id_vars="year", var_name="cluster", value_name="mean_score")
    table["n_series"] = table["cluster"].map(clusters.value_counts())
    table["members"] = table["cluster"].map(members)
    table["correlation_r"] = r
    table["r_ci_low"], table["r_ci_high"] = low, high
    table["n_years"] = len(scores)
    table["report_r"] = settings.report_cluster_r
    table["report_r_ci_low"], table["report_r_ci_high"] = report_low, report_high
    table["report_n_years"] = settings.report_cluster_n
    table["cluster_method"] = settings.cluster_method
    metadata = {"correlation_r": r if r is not None else float("nan"), "r_ci": dg.MetadataValue.json([low, high]),
                "members": dg.MetadataValue.json(members)}
    step.write({"cluster_correlations": _stamp(table, _inherited(cells))}, {"cluster_correlations": metadata})
    context.log.info(f"cluster correlation r = {r} (95 % {low}..{high}, n = {len(scores)}); the report: "
                     f"{settings.report_cluster_r} ({report_low:.2f}..{report_high:.2f})")
    return _Step.result(step.writes[0], metadata)


@dg.asset(
    key=["analysis", "pca_stability"],
    code_version=step_code("pca_stability"),
    group_name="analysis",
    deps=[AssetKey(["analysis", "indicator_matrix"])],
    kinds={"python", "duckdb"},
    description="analysis.pca_stability: leave-one-year-out (jackknife) and a moving-block bootstrap over years: "
    "how often each series passes "
    "the cos2 cut, and an interval for PC1's share of variance.",
)
def pca_stability(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    step = _Step(context, warehouse, "pca_stability", ["analysis.indicator_matrix"], ["pca_stability"])
    if step.earlier is not None:
        return step.reused_results()[0]
    settings = ANALYSIS_SETTINGS
    (cells,) = _read(warehouse, "select * from analysis.indicator_matrix")
    table = selection_stability(to_wide(cells), settings.cos2_threshold, settings.bootstrap_resamples, settings.seed,
                                settings.block_length)
    pc1 = table[table["metric"] == "pc1_pct_variance"].set_index("method")[["value", "lower", "upper"]]
    metadata = {"pc1_pct_variance": dg.MetadataValue.json(pc1.round(2).to_dict("index"))}
    step.write({"pca_stability": _stamp(table, _inherited(cells))}, {"pca_stability": metadata})
    return _Step.result(step.writes[0], metadata)


_CROSS = ("the cross-section PCA over the 21 län (individuals) in the latest year in which the most panel series are "
          "published for every län, FactoMineR conventions, cos2 selection, parallel analysis")
LEVEL_UNITS_OUT = ("count", "mnkr", "meur", "fte", "m2")  # sizes, not rates: their per-inhabitant series enter


@dg.multi_asset(
    name="pca_cross_section",
    specs=[dg.AssetSpec(["analysis", f"pca_cross_section_{table}"], group_name="analysis",
                        code_version=step_code("pca_cross_section"), kinds={"python", "duckdb"},
                        deps=[model_key("mart_series_values"), model_key("fct_indicator_values"),
                              model_key("dim_region")],
                        description=f"analysis.pca_cross_section_{table}: {what} of {_CROSS}.")
           for table, what in (("inputs", "every candidate series, included or why not"),
                               ("eigenvalues", "eigenvalues with their null (parallel analysis)"),
                               ("variables", "series coordinates, cos2, contributions"),
                               ("regions", "the län's coordinates"))],
    can_subset=False,
)
def pca_cross_section(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    step = _Step(context, warehouse, "pca_cross_section", ["marts.mart_series_values", "marts.dim_region"],
                 [f"pca_cross_section_{t}" for t in ("inputs", "eigenvalues", "variables", "regions")])
    if step.earlier is not None:
        yield from step.reused_results()
        return
    settings = ANALYSIS_SETTINGS
    (values,) = _read(warehouse, """
        select s.region_code, s.series_id, s.indicator_id, s.breakdown, s.dimension_id, s.polarity, s.unit,
               s.period_start as year, s.value, s.dataset_id, s.vintage
        from marts.mart_series_values as s
        join marts.dim_region as r using (region_code)
        where r.region_level = 'county' and s.is_preferred and s.qualifier = 'exact'
          and s.period_start = s.period_end
        order by s.region_code, s.series_id, s.period_start, s.dataset_id
    """)
    n_lan = 21
    candidates = values[~values["unit"].isin(LEVEL_UNITS_OUT)]
    matrix, year, inputs = cross_section_matrix(candidates[["region_code", "series_id", "year", "value"]], n_lan,
                                                settings.cross_section_min_series,
                                                exclude=("mk_gdp_per_inhabitant_index",))
    provenance = _all_lan_provenance(values, settings)
    meta = values[_SERIES_COLUMNS + ["unit"]].drop_duplicates("series_id")
    inputs = meta.merge(inputs, on="series_id", how="right").assign(year=year)
    level = meta.loc[meta["unit"].isin(LEVEL_UNITS_OUT), "series_id"]
    inputs = pd.concat([inputs, pd.DataFrame({"series_id": level, "included": False, "year": year,
                        "exclusion_reason": "a level (size), not a rate: its per-inhabitant series enters"})],
                       ignore_index=True).merge(meta[["series_id"]], on="series_id").sort_values("series_id")
    tables = {"pca_cross_section_inputs": _stamp(inputs, provenance)}
    metadata = {"year": year, "n_series": int(matrix.shape[1]) if year else 0}
    if year is not None and matrix.shape[1] >= 2:
        result = build_pca_tables(matrix, settings.cos2_threshold, settings.null_permutations, settings.seed)
        tables["pca_cross_section_eigenvalues"] = _stamp(result.eigenvalues.assign(year=year), provenance)
        tables["pca_cross_section_variables"] = _stamp(result.variables.merge(meta, on="series_id")
                                                       .assign(year=year), provenance)
        tables["pca_cross_section_regions"] = _stamp(result.individuals.rename(columns={"individual": "region_code"})
                                                     .assign(year=year), provenance)
        metadata["noise"] = dg.MetadataValue.json(verdict(result.eigenvalues))
    else:
        raise ValueError(f"cross-section PCA: no year with {settings.cross_section_min_series} series published "
                         f"for all {n_lan} län (see analysis.pca_cross_section_inputs)")
    per_table = {f"pca_cross_section_{t}": metadata if t == "eigenvalues" else {"year": year}
                 for t in ("inputs", "eigenvalues", "variables", "regions")}
    step.write(tables, per_table)
    context.log.info(f"cross-section PCA over the 21 län in {year}: {metadata['n_series']} series")
    for table, meta in per_table.items():
        yield _Step.result(table, meta)


INDEX_SETTINGS = IndexSettings()
_INDEX_TABLES = {
    "index_scores": "per level (län, NUTS2), edition, year of the edition's comparable series, region and unit "
                    "(dimension or overall): score (0-100), rank with its 5-95 % interval, tier, the ratio-scale index "
                    "against Riket with its interval and whether the region is clearly above, near or clearly below "
                    "Riket, the change since the series' first year, indicators present, missing and why",
    "index_editions": "per level and edition: scored or why not, its indicator set and dimensions, the years of its "
                      "comparable series and what changed from the previous edition",
    "index_uncertainty": "per level, edition, year, region and unit: nominal rank, median rank and its 5-95 % "
                         "interval over the independent draws, every draw accounted for (n_draws, n_failed, "
                         "failed_because), and the ratio-scale index's interval",
    "index_sensitivity": "per level and edition (its own year) and assumption: Sobol first-order and total indices "
                         "with 95 % intervals and the levels the assumption ranged over",
    "index_coherence": "per level, edition and dimension: Cronbach's alpha, each indicator's item-rest correlation "
                       "and its correlation with its dimension and the index (reported; they decide nothing)",
    "index_treatment": "per level, edition and indicator: skewness and kurtosis before and after COINr's "
                       "treatment, the method, the Box-Cox alternative's lambda, every winsorised point, the "
                       "normalisation's parameters",
    "index_inputs": "per level, edition, year and indicator: the year used (at most max_lag years old) and how Riket's "
                    "value was obtained, or why not used",
    "index_coverage": "per level and each of METRIC's 11 dimensions: the content it requires, which indicators, which "
                      "editions and years, and why a dimension is not scored",
    "index_signal": "per level and indicator: whether it can tell the regions apart (year-to-year rank correlation, "
                    "saturation, groups within the published margin of error), or why it is context",
}
_INDEX_READS = ["marts.mart_index_values", "marts.dim_region", "marts.dim_dimension", "reference.index_weights",
                "reference.index_requirements"]


@dg.multi_asset(
    name="metric_index",
    specs=[dg.AssetSpec(["analysis", table], group_name="analysis",
                        code_version=step_code("metric_index"), kinds={"python", "pandas", "duckdb"},
                        deps=[model_key("mart_index_values"), model_key("fct_indicator_values"),
                              model_key("dim_region"), model_key("dim_dimension"),
                              AssetKey(["reference", "index_weights"]), AssetKey(["reference", "index_requirements"])],
                        description=f"analysis.{table}: the composite METRIC index for the län and the NUTS2 "
                                    f"regions: {what}.")
           for table, what in _INDEX_TABLES.items()],
    can_subset=False,
)
def metric_index(context: dg.AssetExecutionContext, warehouse: WarehouseResource, sources: SourcesResource):
    settings, analysis = INDEX_SETTINGS, ANALYSIS_SETTINGS
    levels_run = [lv for lv in LEVELS if sources.europe or lv != "europe"]
    step = _Step(context, warehouse, "metric_index", _INDEX_READS, list(_INDEX_TABLES),
                 settings={**settings.as_dict(), "levels": levels_run})
    if step.earlier is not None:  # its tables already hold what thousands of evaluations would give again
        yield from step.reused_results()
        return
    values, weights, rules, regions, dimensions = _read(
        warehouse,
        "select * from marts.mart_index_values order by index_level, region_code, series_id, year",
        "select dimension_id, weight from reference.index_weights order by dimension_id",
        "select dimension_id, requires from reference.index_requirements order by dimension_id",
        "select region_code, region_level from marts.dim_region order by region_code",
        "select dimension_id from marts.dim_dimension where dimension_id not in ('general', 'context') "
        "order by dimension_no")
    dimension_weights = dict(zip(weights["dimension_id"], weights["weight"]))
    requirements = dict(zip(rules["dimension_id"], rules["requires"]))
    provenance = _all_lan_provenance(values, analysis)
    provenance["settings"] = settings_json({"index": settings.as_dict(), "dimension_weights": dimension_weights,
                                            "requirements": requirements})
    provenance["input_fingerprint"] = fingerprint(values, weights, rules, provenance["settings"])[:16]
    levels, scopes = [], {}
    for level in levels_run:
        scope = index_scope(level, regions)
        scopes[level] = scope.description
        mine = values[values["index_level"] == level]
        levels.append(build_level(level, mine, list(scope.regions), requirements, dimension_weights, settings,
                                  list(dimensions["dimension_id"]), reference=scope.reference,
                                  aggregates=scope.aggregates))
    treatment = pd.concat([pd.concat([lv.treatment, lv.normalisation.assign(kind="normalisation")],
                                     ignore_index=True) for lv in levels], ignore_index=True)
    tables = {"index_scores": pd.concat([lv.scores for lv in levels], ignore_index=True),
              "index_editions": pd.concat([lv.editions for lv in levels], ignore_index=True),
              "index_uncertainty": pd.concat([lv.uncertainty for lv in levels], ignore_index=True),
              "index_sensitivity": pd.concat([lv.sensitivity for lv in levels], ignore_index=True),
              "index_coherence": pd.concat([lv.coherence for lv in levels], ignore_index=True),
              "index_treatment": treatment,
              "index_inputs": pd.concat([lv.inputs for lv in levels], ignore_index=True),
              "index_coverage": pd.concat([lv.coverage for lv in levels], ignore_index=True),
              "index_signal": pd.concat([lv.signal for lv in levels], ignore_index=True)}
    summary = {lv.level: {"editions": sorted(int(e) for e in lv.editions.loc[lv.editions["is_scored"], "edition"]),
                          "dimensions_scored": int(lv.coverage["is_scored"].sum())} for lv in levels}
    metadata = {table: {"rows": len(frame), "levels": dg.MetadataValue.json(summary)}
                for table, frame in tables.items()}
    step.write({name: _stamp(frame, provenance | {"scope": frame["level"].map(scopes)})
                for name, frame in tables.items()}, metadata)
    context.log.info("METRIC index: " + "; ".join(
        f"{lv}: {len(info['editions'])} editions, {info['dimensions_scored']} of 11 dimensions scored"
        for lv, info in summary.items()))
    for table, meta in metadata.items():
        yield _Step.result(table, meta)


SIMILAR_SETTINGS = SimilarSettings()


@dg.asset(
    key=["analysis", "similar_regions"],
    group_name="analysis",
    code_version=step_code("similar_regions"),
    kinds={"python", "pandas", "duckdb"},
    deps=[model_key("mart_region_structure")],
    description="analysis.similar_regions: each län's five most similar län in structure (size, density, urban "
    "share, industry mix: standardised, each concept weighing the same), with the distance and how firm each "
    "neighbour is (kept when each concept is left out in turn).",
)
def similar_regions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    settings = SIMILAR_SETTINGS.as_dict()
    step = _Step(context, warehouse, "similar_regions", ["marts.mart_region_structure"], ["similar_regions"],
                 settings=settings)
    if step.earlier is not None:
        yield from step.reused_results()
        return
    (structure,) = _read(warehouse, "select region_code, variable, year, value, citation from "
                                    "marts.mart_region_structure order by region_code, variable")
    peers = compute_similar_regions(structure, SIMILAR_SETTINGS)
    provenance = {"scope": "all län", "settings": settings_json(settings),
                  "input_vintages": " | ".join(sorted(set(structure["citation"].dropna()))),
                  "input_fingerprint": fingerprint(structure)[:16]}
    robust = float(peers["is_robust"].mean()) if len(peers) else 0.0
    metadata = {"similar_regions": {"rows": len(peers), "share_robust": robust,
                                    "years": dg.MetadataValue.json(
                                        {v: int(y) for v, y in structure.groupby("variable")["year"].max().items()})}}
    step.write({"similar_regions": _stamp(peers, provenance)}, metadata)
    context.log.info(f"similar län: {SIMILAR_SETTINGS.k} per län, {robust:.0%} of them robust to leaving out a concept")
    yield _Step.result("similar_regions", metadata["similar_regions"])


PEER_SETTINGS = PeerSettings()


@dg.asset(
    key=["analysis", "europe_peers"],
    group_name="analysis",
    code_version=step_code("europe_peers"),
    kinds={"python", "pandas", "duckdb"},
    deps=[model_key("mart_europe_structure"), model_key("dim_region")],
    description="analysis.europe_peers: each Swedish NUTS2 region's five most similar NUTS2 regions elsewhere in "
    "the EU in structure (density, GDP per inhabitant, remoteness, sector mix: standardised over the EU's regions, "
    "each concept weighing the same), with the distance and how firm each peer is (kept when each concept is left "
    "out in turn).",
)
def europe_peers(context: dg.AssetExecutionContext, warehouse: WarehouseResource, sources: SourcesResource):
    settings = {**PEER_SETTINGS.as_dict(), "europe": sources.europe}
    step = _Step(context, warehouse, "europe_peers", ["marts.mart_europe_structure", "marts.dim_region"],
                 ["europe_peers"], settings=settings)
    if step.earlier is not None:
        yield from step.reused_results()
        return
    structure, regions = _read(warehouse, "select region_code, variable, period, value, citation from "
                                          "marts.mart_europe_structure order by region_code, variable",
                               "select region_code from marts.dim_region where region_level = 'nuts2' "
                               "order by region_code")
    if not sources.europe:  # METRIC_EUROPE=0: the table stays, empty, so every reader finds its columns
        regions = regions.iloc[0:0]
        context.log.info("European peers not computed (METRIC_EUROPE=0)")
    peers = compute_european_peers(structure, list(regions["region_code"]), PEER_SETTINGS)
    provenance = {"scope": "Sweden's NUTS2 regions among the EU's", "settings": settings_json(settings),
                  "input_vintages": " | ".join(sorted(set(structure["citation"].dropna()))),
                  "input_fingerprint": fingerprint(structure)[:16]}
    robust = float(peers["is_robust"].mean()) if len(peers) else 0.0
    metadata = {"europe_peers": {"rows": len(peers), "share_robust": robust,
                                 "regions_compared": int(structure["region_code"].nunique())}}
    step.write({"europe_peers": _stamp(peers, provenance)}, metadata)
    context.log.info(f"European peers: {PEER_SETTINGS.k} per Swedish NUTS2 region, {robust:.0%} robust")
    yield _Step.result("europe_peers", metadata["europe_peers"])


analysis_assets = [indicator_matrix, relative_development, strengths_weaknesses, pca_tables, pca_trajectory,
                   cluster_correlations, pca_stability, pca_cross_section, metric_index, similar_regions,
                   europe_peers]
