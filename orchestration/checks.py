"""great-expectations suites surfaced as Dagster asset checks. Error severity and ``blocking=True``: a failure
stops the analysis and publish assets downstream in the same run."""


import dagster as dg

from orchestration.assets.dbt import model_key
from orchestration.resources import WarehouseResource


@dg.asset_check(
    asset=model_key("fct_indicator_values"),
    name="gx_fct_indicator_values",
    blocking=True,
    description="great-expectations suite expectations/fct_indicator_values.py: years in range, values in range "
    "by unit, known units, no duplicate (indicator, region, period, breakdown, dataset), provenance not null.",
)
def gx_fct_indicator_values(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    from expectations.fct_indicator_values import validate

    outcome = validate(warehouse.read_table("marts.fct_indicator_values"))
    return dg.AssetCheckResult(
        passed=outcome.success,
        severity=dg.AssetCheckSeverity.ERROR,
        description=outcome.summary(),
        metadata={"evaluated": outcome.evaluated, "failed": len(outcome.failures),
                  "failures": dg.MetadataValue.json(outcome.failures)},
    )


asset_checks = [gx_fct_indicator_values]
