"""Analysis assets (the report's section 3): read the marts, call the pure statistics in ``analysis/``, write the
``analysis.*`` tables. Every table carries the settings, the input vintages and a fingerprint of its input."""

import hashlib
from datetime import datetime, timezone

import dagster as dg
import pandas as pd
from dagster import AssetKey

from analysis.clusters import assign_clusters, cluster_correlation, cluster_scores
from analysis.development import relative_development as compute_relative_development
from analysis.development import strengths_and_weaknesses as compute_strengths_and_weaknesses
from analysis.imputation import build_indicator_matrix, observed_by_year, to_wide
from analysis.pca import metric_pca
from analysis.settings import AnalysisSettings
from analysis.stability import selection_stability
from analysis.trajectory import trajectory
from orchestration.assets.dbt import model_key
from orchestration.resources import SourcesResource, WarehouseResource
from orchestration.warehouse import settings_json, write_analysis_tables

ANALYSIS_SETTINGS = AnalysisSettings()
PROVENANCE_COLUMNS = ("region_code", "settings", "input_vintages", "input_fingerprint")

# mart_series_values is built from fct_indicator_values; both are named as inputs so the blocking GX check on the
# fact table stops the analysis in any selection.
_SERIES_COLUMNS = ["series_id", "indicator_id", "breakdown", "dimension_id", "polarity"]


def _read_series_values(warehouse: WarehouseResource, region: str) -> pd.DataFrame:
    """The selected region's rows of marts.mart_series_values (the dbt model that shapes the analysis input)."""
    with warehouse.connect(read_only=True) as con:
        return con.execute("select * exclude (region_code) from marts.mart_series_values where region_code = ? "
                           "order by series_id, period_start, period_end", [region]).fetchdf()


def _provenance(values: pd.DataFrame, settings: AnalysisSettings, region: str) -> dict:
    vintages = sorted({f"{d}: {v}" for d, v in zip(values["dataset_id"], values["vintage"])})
    digest = hashlib.sha256(pd.util.hash_pandas_object(values, index=False).values.tobytes()).hexdigest()[:16]
    return {"region_code": region, "settings": settings_json(settings.as_dict()),
            "input_vintages": " | ".join(vintages), "input_fingerprint": digest}


def _inherited(frame: pd.DataFrame) -> dict:
    """The provenance columns of an upstream analysis table (constant within it)."""
    return {k: frame[k].iloc[0] for k in PROVENANCE_COLUMNS} if len(frame) else {}


def _stamp(frame: pd.DataFrame, provenance: dict) -> pd.DataFrame:
    return frame.assign(**provenance, computed_at=datetime.now(timezone.utc).replace(tzinfo=None))


def _read(warehouse: WarehouseResource, *queries: str) -> list[pd.DataFrame]:
    with warehouse.connect(read_only=True) as con:
        return [con.execute(q).fetchdf() for q in queries]


@dg.multi_asset(
    name="indicator_matrix",
    specs=[
        dg.AssetSpec(["analysis", "indicator_matrix"], group_name="analysis", kinds={"python", "pandas", "duckdb"},
                     deps=[model_key("mart_series_values"), model_key("fct_indicator_values")],
                     description="analysis.indicator_matrix: the years x series matrix that enters the PCA "
                     "(observed value, value used, is_imputed, method)."),
        dg.AssetSpec(["analysis", "pca_inputs"], group_name="analysis", kinds={"python", "pandas", "duckdb"},
                     deps=[model_key("mart_series_values"), model_key("fct_indicator_values")],
                     description="analysis.pca_inputs: every candidate series, included or the reason it is not."),
    ],
    can_subset=False,
)
def indicator_matrix(context: dg.AssetExecutionContext, warehouse: WarehouseResource, sources: SourcesResource):
    settings = ANALYSIS_SETTINGS
    values = _read_series_values(warehouse, sources.region)
    provenance = _provenance(values, settings, sources.region)
    observed = values[values["qualifier"].isin(settings.observed_qualifiers)]
    cells, selection = build_indicator_matrix(observed, settings.years, settings.min_observed_years)
    series = values[_SERIES_COLUMNS].drop_duplicates()
    cells = cells.merge(series, on="series_id", how="left")
    selection = series.merge(selection, on="series_id", how="left", indicator=True)
    unseen = selection["_merge"] == "left_only"  # only bounds/approximations, or nothing inside the window
    selection.loc[unseen, "exclusion_reason"] = (
        f"no {'/'.join(settings.observed_qualifiers)} value in {settings.window_start}-{settings.window_end}")
    selection["n_observed_years"] = selection["n_observed_years"].fillna(0).astype("int64")
    selection["included"] = selection["included"].fillna(False).astype(bool)
    selection = selection.drop(columns="_merge").sort_values("series_id").reset_index(drop=True)
    with warehouse.connect() as con:
        write_analysis_tables(con, {"indicator_matrix": _stamp(cells, provenance),
                                    "pca_inputs": _stamp(selection, provenance)})
    included = selection[selection["included"]]
    context.log.info(f"{len(included)} of {len(selection)} series enter the PCA")
    yield dg.MaterializeResult(asset_key=["analysis", "indicator_matrix"], metadata={
        "rows": len(cells), "series": int(cells["series_id"].nunique()) if len(cells) else 0,
        "imputed_share": float(cells["is_imputed"].mean()) if len(cells) else 0.0,
    })
    yield dg.MaterializeResult(asset_key=["analysis", "pca_inputs"], metadata={
        "series_included": len(included),
        "series_excluded": int((~selection["included"]).sum()),
        "excluded": dg.MetadataValue.json(
            selection.loc[~selection["included"], ["series_id", "exclusion_reason"]].to_dict("records")),
    })


@dg.asset(
    key=["analysis", "relative_development"],
    group_name="analysis",
    deps=[model_key("mart_series_values"), model_key("fct_indicator_values")],
    kinds={"python", "pandas", "duckdb"},
    description="analysis.relative_development (Figure 4): per series and observed year the polarity-aware "
    "min-max score (1 = the series' best year), index to the first year, CAGR and the latest direction.",
)
def relative_development(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                         sources: SourcesResource) -> dg.MaterializeResult:
    settings = ANALYSIS_SETTINGS
    values = _read_series_values(warehouse, sources.region)
    observed = values[values["qualifier"].isin(settings.observed_qualifiers)]
    by_year = observed_by_year(observed, settings.years)
    frame = compute_relative_development(by_year.merge(observed[_SERIES_COLUMNS].drop_duplicates(), on="series_id"))
    frame["is_period_value"] = frame.pop("origin") == "period_value"  # the year stands in for its period
    with warehouse.connect() as con:
        write_analysis_tables(con, {"relative_development": _stamp(frame, _provenance(values, settings,
                                                                                      sources.region))})
    latest = frame.drop_duplicates("series_id")["latest_direction"].value_counts().to_dict()
    context.log.info(f"relative development of {frame['series_id'].nunique()} series: {latest}")
    return dg.MaterializeResult(metadata={"series": int(frame["series_id"].nunique()),
                                          "latest_direction": dg.MetadataValue.json(latest)})


@dg.asset(
    key=["analysis", "strengths_weaknesses"],
    group_name="analysis",
    deps=[relative_development],
    kinds={"python", "pandas", "duckdb"},
    description="analysis.strengths_weaknesses: per dimension, the series improving and worsening most over the "
    "window (change of the polarity-aware score from first to last observation).",
)
def strengths_weaknesses(warehouse: WarehouseResource) -> dg.MaterializeResult:
    (development,) = _read(warehouse, "select * from analysis.relative_development")
    table = compute_strengths_and_weaknesses(development, ANALYSIS_SETTINGS.top_per_dimension)
    with warehouse.connect() as con:
        write_analysis_tables(con, {"strengths_weaknesses": _stamp(table, _inherited(development))})
    return dg.MaterializeResult(metadata={"rows": len(table)})


_PCA = "METRIC's two-pass standardised PCA with FactoMineR conventions over the indicator matrix (years as individuals)"


@dg.multi_asset(
    name="pca",
    specs=[
        dg.AssetSpec(["analysis", "pca_eigenvalues"], group_name="analysis", kinds={"python", "duckdb"},
                     deps=[AssetKey(["analysis", "indicator_matrix"]), AssetKey(["analysis", "pca_inputs"])],
                     description=f"analysis.pca_eigenvalues: {_PCA}: eigenvalues, % and cumulative % of both passes."),
        dg.AssetSpec(["analysis", "pca_variables"], group_name="analysis", kinds={"python", "duckdb"},
                     deps=[AssetKey(["analysis", "indicator_matrix"]), AssetKey(["analysis", "pca_inputs"])],
                     description=f"analysis.pca_variables: {_PCA}: kept series' coord, cos2 and contrib; excluded "
                     "series' supplementary correlations; first-pass plane cos2 for all."),
        dg.AssetSpec(["analysis", "pca_years"], group_name="analysis", kinds={"python", "duckdb"},
                     deps=[AssetKey(["analysis", "indicator_matrix"]), AssetKey(["analysis", "pca_inputs"])],
                     description=f"analysis.pca_years: {_PCA}: the years' coord, cos2 and contrib per component."),
    ],
    can_subset=False,
)
def pca_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    settings = ANALYSIS_SETTINGS
    cells, series = _read(warehouse, "select * from analysis.indicator_matrix",
                          "select series_id, indicator_id, breakdown, dimension_id, polarity "
                          "from analysis.pca_inputs where included")
    wide = to_wide(cells)
    if wide.shape[1] < 2:
        raise ValueError(f"PCA needs at least two included indicator series, found {list(wide.columns)}: "
                         "see analysis.pca_inputs for the exclusion reasons")
    result = metric_pca(wide, settings.cos2_threshold, sign_reference=list(wide.index))
    final = result.final

    eigen = pd.concat([result.first.eigenvalues.assign(**{"pass": "first"}),
                       final.eigenvalues.assign(**{"pass": "final"})], ignore_index=True)
    active = final.variables_long().rename(columns={"variable": "series_id"}).assign(role="active")
    active = active.merge(final.plane_cos2().rename("plane_cos2_pc1_pc2"), left_on="series_id", right_index=True)
    sup = result.supplementary
    supplementary = pd.DataFrame([
        {"series_id": s, "component": c, "coord": float(sup.loc[s, c]), "cos2": float(sup.loc[s, c]) ** 2,
         "contrib": None, "role": "supplementary",
         "plane_cos2_pc1_pc2": float(sum(sup.loc[s, k] ** 2 for k in ("PC1", "PC2") if k in sup.columns))}
        for s in sup.index for c in sup.columns])
    variables = pd.concat([active, supplementary], ignore_index=True) if len(supplementary) else active
    variables["contrib"] = variables["contrib"].astype("float64")
    variables = variables.merge(series, on="series_id").merge(result.selection, on="series_id")
    years = final.individuals_long().rename(columns={"individual": "year"})
    provenance = _inherited(cells)
    with warehouse.connect() as con:
        write_analysis_tables(con, {"pca_eigenvalues": _stamp(eigen, provenance),
                                    "pca_variables": _stamp(variables, provenance),
                                    "pca_years": _stamp(years, provenance)})
    pc1 = float(final.eigenvalues["pct_variance"].iloc[0])
    kept = result.selection.loc[result.selection["kept"], "series_id"].tolist()
    context.log.info(f"PCA: {len(kept)} of {wide.shape[1]} series kept (plane cos2 >= {settings.cos2_threshold}); "
                     f"PC1 explains {pc1:.1f} % in the final pass")
    yield dg.MaterializeResult(asset_key=["analysis", "pca_eigenvalues"], metadata={
        "pc1_pct_variance": pc1, "eigenvalues": dg.MetadataValue.json(final.eigenvalues.round(6).to_dict("records"))})
    yield dg.MaterializeResult(asset_key=["analysis", "pca_variables"], metadata={
        "n_series_first_pass": wide.shape[1], "n_series_kept": len(kept), "kept": dg.MetadataValue.json(kept)})
    yield dg.MaterializeResult(asset_key=["analysis", "pca_years"], metadata={"n_years": wide.shape[0]})


@dg.asset(
    key=["analysis", "pca_trajectory"],
    group_name="analysis",
    deps=[AssetKey(["analysis", "pca_years"])],
    kinds={"python", "duckdb"},
    description="analysis.pca_trajectory (Figure 6): the years on PC1/PC2 with their period, the period centroid "
    "and the distance travelled from the previous year.",
)
def pca_trajectory(warehouse: WarehouseResource) -> dg.MaterializeResult:
    (years,) = _read(warehouse, "select * from analysis.pca_years")
    coords = years.pivot(index="year", columns="component", values="coord")
    table = trajectory(coords, ANALYSIS_SETTINGS.period_of)
    with warehouse.connect() as con:
        write_analysis_tables(con, {"pca_trajectory": _stamp(table, _inherited(years))})
    return dg.MaterializeResult(metadata={"total_distance": float(table["cumulative_distance"].iloc[-1])})


@dg.asset(
    key=["analysis", "cluster_correlations"],
    group_name="analysis",
    deps=[AssetKey(["analysis", "indicator_matrix"]), AssetKey(["analysis", "pca_variables"])],
    kinds={"python", "pandas", "duckdb"},
    description="analysis.cluster_correlations: the research/knowledge and market/digital clusters (by the sign of "
    "PC1 or a configured grouping), each cluster's mean polarity-oriented z-score per year, and their correlation.",
)
def cluster_correlations(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    settings = ANALYSIS_SETTINGS
    cells, variables = _read(warehouse, "select * from analysis.indicator_matrix",
                             "select series_id, dimension_id, polarity, coord from analysis.pca_variables "
                             "where role = 'active' and component = 'PC1'")
    variables = variables.set_index("series_id")
    wide = to_wide(cells)[list(variables.index)]
    clusters = assign_clusters(variables["coord"], variables["dimension_id"], settings.cluster_method,
                               settings.cluster_dimensions)
    scores = cluster_scores(wide[list(clusters.index)], clusters, variables["polarity"])
    r = cluster_correlation(scores)
    members = {name: ", ".join(sorted(group.index)) for name, group in clusters.groupby(clusters)}
    table = scores.reset_index(names="year").melt(id_vars="year", var_name="cluster", value_name="mean_score")
    table["n_series"] = table["cluster"].map(clusters.value_counts())
    table["members"] = table["cluster"].map(members)
    table["correlation_r"] = r
    table["n_years"] = len(scores)
    table["cluster_method"] = settings.cluster_method
    with warehouse.connect() as con:
        write_analysis_tables(con, {"cluster_correlations": _stamp(table, _inherited(cells))})
    context.log.info(f"cluster correlation r = {r}")
    return dg.MaterializeResult(metadata={"correlation_r": r if r is not None else float("nan"),
                                          "members": dg.MetadataValue.json(members)})


@dg.asset(
    key=["analysis", "pca_stability"],
    group_name="analysis",
    deps=[AssetKey(["analysis", "indicator_matrix"])],
    kinds={"python", "duckdb"},
    description="analysis.pca_stability: leave-one-year-out and bootstrap over years: how often each series passes "
    "the cos2 cut, and an interval for PC1's share of variance.",
)
def pca_stability(warehouse: WarehouseResource) -> dg.MaterializeResult:
    settings = ANALYSIS_SETTINGS
    (cells,) = _read(warehouse, "select * from analysis.indicator_matrix")
    table = selection_stability(to_wide(cells), settings.cos2_threshold, settings.bootstrap_resamples, settings.seed)
    with warehouse.connect() as con:
        write_analysis_tables(con, {"pca_stability": _stamp(table, _inherited(cells))})
    pc1 = table[table["metric"] == "pc1_pct_variance"].set_index("method")[["value", "lower", "upper"]]
    return dg.MaterializeResult(metadata={"pc1_pct_variance": dg.MetadataValue.json(pc1.round(2).to_dict("index"))})


analysis_assets = [indicator_matrix, relative_development, strengths_weaknesses, pca_tables, pca_trajectory,
                   cluster_correlations, pca_stability]
