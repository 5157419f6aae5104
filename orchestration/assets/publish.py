"""Publish assets: what analysts take away. Each file is written beside its target and renamed into place, so a
reader never sees half a file."""


import os

import dagster as dg

from orchestration.assets.analysis import pca_tables
from orchestration.assets.dbt import model_key
from orchestration.resources import PublishResource, WarehouseResource

# (relation, export name)
FOU_EXPORTS = [
    ("marts.mart_fou", "mart_fou"),
    ("analysis.pca_eigenvalues", "pca_eigenvalues"),
    ("analysis.pca_variables", "pca_variables"),
    ("analysis.pca_years", "pca_years"),
]


@dg.asset(
    key=["publish", "fou_exports"],
    group_name="publish",
    deps=[model_key("mart_fou"), pca_tables],
    kinds={"duckdb", "parquet", "csv"},
    description="The FoU mart and the PCA tables as Parquet and CSV (UTF-8, header) under data/publish/.",
)
def fou_exports(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                publish: PublishResource) -> dg.MaterializeResult:
    written = {}
    with warehouse.connect(read_only=True) as con:
        for relation, name in FOU_EXPORTS:
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


publish_assets = [fou_exports]
