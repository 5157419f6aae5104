"""Publish assets: what analysts take away. Each file is written beside its target and renamed into place, so a
reader never sees half a file."""


import os

import dagster as dg

from orchestration.assets.analysis import analysis_assets
from orchestration.assets.dbt import DIMENSIONS, model_key
from orchestration.resources import PublishResource, WarehouseResource

EXPORT_SCHEMAS = ("marts", "analysis")


@dg.asset(
    key=["publish", "exports"],
    group_name="publish",
    deps=[*(model_key(f"mart_{d}") for d in DIMENSIONS), model_key("fct_indicator_values"),
          model_key("dim_indicator"), model_key("dim_region"), model_key("dim_dimension"), *analysis_assets],
    kinds={"duckdb", "parquet", "csv"},
    description="Every mart and analysis table as Parquet and CSV (UTF-8, header) under data/publish/{parquet,csv}/.",
)
def exports(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
            publish: PublishResource) -> dg.MaterializeResult:
    written = {}
    with warehouse.connect(read_only=True) as con:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables "
            f"where table_schema in {EXPORT_SCHEMAS!r} order by 1, 2").fetchall()
        for schema, name in relations:
            relation = f'{schema}."{name}"'
            rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
            for fmt, options in (("parquet", "format parquet"), ("csv", "format csv, header true")):
                target = publish.path(fmt, f"{name}.{fmt}")
                partial = target.with_name(f".{target.name}.partial")
                con.execute(f"copy (select * from {relation}) to '{partial}' ({options})")
                os.replace(partial, target)
                written[str(target)] = rows
    context.log.info(f"wrote {len(written)} files to {publish.publish_dir}")
    return dg.MaterializeResult(metadata={"files": dg.MetadataValue.json(written),
                                          "publish_dir": dg.MetadataValue.path(publish.publish_dir)})


publish_assets = [exports]
