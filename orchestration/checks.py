"""great-expectations suites surfaced as Dagster asset checks. Error severity and ``blocking=True``: a failure
stops the analysis and publish assets downstream in the same run."""


import dagster as dg

from orchestration.assets.dbt import model_key
from orchestration.resources import WarehouseResource


@dg.asset_check(
    asset=model_key("fct_indicator_values"),
    name="gx_fct_indicator_values",
    blocking=True,
    description="great-expectations suite expectations/fct_indicator_values.py: years in range, periods in order, "
    "values in range by unit, figures with a value and statements without, provenance (citation, source, vintage) "
    "not null. Keys and relationships are dbt's tests.",
)
def gx_fct_indicator_values(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    from expectations.fct_indicator_values import COLUMNS, validate

    outcome = validate(warehouse.read_table("marts.fct_indicator_values", COLUMNS))
    return dg.AssetCheckResult(
        passed=outcome.success,
        severity=dg.AssetCheckSeverity.ERROR,
        description=outcome.summary(),
        metadata={"evaluated": outcome.evaluated, "failed": len(outcome.failures),
                  "failures": dg.MetadataValue.json(outcome.failures)},
    )


asset_checks = [gx_fct_indicator_values]
