"""Analysis assets: read the marts, call the pure statistics in ``analysis/``, write the ``analysis.*`` tables."""


import hashlib
from datetime import datetime, timezone

import dagster as dg
import pandas as pd

from analysis.imputation import build_indicator_matrix, to_wide
from analysis.pca import pca
from analysis.settings import AnalysisSettings
from orchestration.assets.dbt import model_key
from orchestration.resources import SourcesResource, WarehouseResource
from orchestration.warehouse import settings_json, write_analysis_tables

ANALYSIS_SETTINGS = AnalysisSettings()

# The time-series values of the selected region that may enter the analysis (preferred rows, figures only).
_SERIES_SQL = """
select
    f.indicator_id,
    f.breakdown,
    case when f.breakdown = '' then f.indicator_id else f.indicator_id || '[' || f.breakdown || ']' end as series_id,
    f.period_start,
    f.period_end,
    f.value,
    f.qualifier,
    f.dataset_id,
    f.vintage
from marts.fct_indicator_values as f
join marts.dim_indicator as i using (indicator_id)
where f.region_code = ?
  and f.is_preferred
  and f.value_kind = 'figure'
  and i.is_time_series
"""


def _provenance(frame: pd.DataFrame, settings: AnalysisSettings, region: str) -> dict:
    vintages = sorted({f"{d}: {v}" for d, v in zip(frame["dataset_id"], frame["vintage"])})
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes()).hexdigest()[:16]
    return {
        "region_code": region,
        "settings": settings_json(settings.as_dict()),
        "input_vintages": " | ".join(vintages),
        "input_fingerprint": digest,
        "computed_at": datetime.now(timezone.utc).replace(tzinfo=None),
    }


def _with(frame: pd.DataFrame, provenance: dict) -> pd.DataFrame:
    return frame.assign(**provenance)


@dg.asset(
    key=["analysis", "indicator_matrix"],
    group_name="analysis",
    deps=[model_key("fct_indicator_values"), model_key("dim_indicator")],
    kinds={"python", "pandas", "duckdb"},
    description="The years x indicator-series matrix that enters the PCA (analysis.indicator_matrix), gaps "
    "interpolated with a flag, and analysis.pca_inputs: every candidate series, included or why not.",
)
def indicator_matrix(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                     sources: SourcesResource) -> dg.MaterializeResult:
    settings = ANALYSIS_SETTINGS
    with warehouse.connect(read_only=True) as con:
        values = con.execute(_SERIES_SQL, [sources.region]).fetchdf()
    provenance = _provenance(values, settings, sources.region)
    observed = values[values["qualifier"].isin(settings.observed_qualifiers)]
    cells, selection = build_indicator_matrix(observed, settings.years, settings.min_observed_years)
    series = values[["series_id", "indicator_id", "breakdown"]].drop_duplicates()
    cells = cells.merge(series, on="series_id", how="left")
    selection = series.merge(selection, on="series_id", how="left", indicator=True)
    unseen = selection["_merge"] == "left_only"  # only bounds/approximations, or nothing inside the window
    selection.loc[unseen, "exclusion_reason"] = (
        f"no {'/'.join(settings.observed_qualifiers)} value in {settings.window_start}-{settings.window_end}")
    selection["n_observed_years"] = selection["n_observed_years"].fillna(0).astype("int64")
    selection["included"] = selection["included"].fillna(False).astype(bool)
    selection = selection.drop(columns="_merge").sort_values("series_id").reset_index(drop=True)
    with warehouse.connect() as con:
        write_analysis_tables(con, {"indicator_matrix": _with(cells, provenance),
                                    "pca_inputs": _with(selection, provenance)})
    included = selection[selection["included"]]
    context.log.info(f"{len(included)} of {len(selection)} series enter the PCA")
    return dg.MaterializeResult(metadata={
        "series_included": len(included),
        "series_excluded": int((~selection["included"]).sum()),
        "imputed_share": float(cells["is_imputed"].mean()) if len(cells) else 0.0,
        "excluded": dg.MetadataValue.json(
            selection.loc[~selection["included"], ["series_id", "exclusion_reason"]].to_dict("records")),
    })


@dg.asset(
    key=["analysis", "pca"],
    group_name="analysis",
    deps=[indicator_matrix],
    kinds={"python", "scikit-learn", "duckdb"},
    description="Standardised PCA with FactoMineR conventions over the indicator matrix (years as individuals): "
    "analysis.pca_eigenvalues, analysis.pca_variables (coord, cos2, contrib), analysis.pca_years.",
)
def pca_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect(read_only=True) as con:
        cells = con.execute("select * from analysis.indicator_matrix").fetchdf()
        series = con.execute("select series_id, indicator_id, breakdown from analysis.pca_inputs").fetchdf()
    provenance = {k: cells[k].iloc[0] for k in ("region_code", "settings", "input_vintages", "input_fingerprint")} \
        if len(cells) else {}
    wide = to_wide(cells)
    if wide.shape[1] < 2:
        raise ValueError(f"PCA needs at least two included indicator series, found {list(wide.columns)}: "
                         "see analysis.pca_inputs for the exclusion reasons")
    result = pca(wide, sign_reference=list(wide.index))
    variables = result.variables_long().rename(columns={"variable": "series_id"}).merge(series, on="series_id")
    plane = result.plane_cos2().rename("plane_cos2_pc1_pc2")
    variables = variables.merge(plane, left_on="series_id", right_index=True)
    years = result.individuals_long().rename(columns={"individual": "year"})
    computed = {"computed_at": datetime.now(timezone.utc).replace(tzinfo=None), **provenance}
    with warehouse.connect() as con:
        write_analysis_tables(con, {
            "pca_eigenvalues": result.eigenvalues.assign(**computed),
            "pca_variables": variables.assign(**computed),
            "pca_years": years.assign(**computed),
        })
    pc1 = float(result.eigenvalues["pct_variance"].iloc[0])
    context.log.info(f"PCA on {wide.shape[1]} series x {wide.shape[0]} years: PC1 explains {pc1:.1f} %")
    return dg.MaterializeResult(metadata={
        "n_series": wide.shape[1], "n_years": wide.shape[0], "pc1_pct_variance": pc1,
        "eigenvalues": dg.MetadataValue.json(result.eigenvalues.round(6).to_dict("records")),
    })


analysis_assets = [indicator_matrix, pca_tables]
