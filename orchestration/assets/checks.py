"""great-expectations suites surfaced as Dagster asset checks. Error severity and ``blocking=True``: a failure
stops the analysis and publish assets downstream in the same run.

Every validation is recorded in the warehouse (``ops.validations``: suite, the fingerprint of what it read,
outcome, run). A refresh whose table is identical to one that already passed, under the same suite, seeds and
library versions, reports that validation instead of running it again (great-expectations' import alone takes about
2 s); the check's metadata says so and names the run. A table that failed, or anything changed, is validated again;
``METRIC_RECOMPUTE=1`` validates every time."""


import json
from datetime import datetime, timezone

import dagster as dg
import duckdb

from orchestration.assets.dbt import model_key
from orchestration.resources import WarehouseResource
from orchestration.storage.reuse import code_version, fingerprint, recompute_forced
from orchestration.storage.warehouse import rows_digest, table_columns

VALIDATIONS = "ops.validations"
FACT_TABLE = "marts.fct_indicator_values"


@dg.asset_check(
    asset=model_key("fct_indicator_values"),
    name="gx_fct_indicator_values",
    blocking=True,
    description="great-expectations suite expectations/fct_indicator_values.py: years in range, periods in order, "
    "values in range by unit, figures with a value and statements without, provenance (citation, source, vintage) "
    "not null. Keys and relationships are dbt's tests.",
)
def gx_fct_indicator_values(context: dg.AssetCheckExecutionContext,
                            warehouse: WarehouseResource) -> dg.AssetCheckResult:
    from expectations.fct_indicator_values import COLUMNS, SUITE_NAME, suite_settings

    with warehouse.connect(read_only=True) as con:
        digest = fingerprint(rows_digest(con, FACT_TABLE, COLUMNS), suite_settings(),
                             code_version(["expectations", "dbt_project/seeds/units.csv"],
                                          ("great-expectations", "pandas")))
        earlier = None if recompute_forced() else passed_validation(con, SUITE_NAME, digest)
    if earlier is not None:
        context.log.info(f"{SUITE_NAME}: the rows, suite and versions are those validated in run {earlier['run_id']} "
                         "(METRIC_RECOMPUTE=1 validates again)")
        return dg.AssetCheckResult(
            passed=True, severity=dg.AssetCheckSeverity.ERROR,
            description=f"{earlier['summary']} (validated {earlier['validated_at']} in run {earlier['run_id']} on "
                        "identical rows, suite and versions; not run again)",
            metadata={"evaluated": earlier["evaluated"], "failed": 0, "reused": True, "input_fingerprint": digest,
                      "validated_in_run": earlier["run_id"], "validated_at": earlier["validated_at"]})

    from expectations.fct_indicator_values import validate

    outcome = validate(warehouse.read_table(FACT_TABLE, COLUMNS))
    with warehouse.connect() as con:
        record_validation(con, SUITE_NAME, digest, outcome, context.run.run_id)
    return dg.AssetCheckResult(
        passed=outcome.success,
        severity=dg.AssetCheckSeverity.ERROR,
        description=outcome.summary(),
        metadata={"evaluated": outcome.evaluated, "failed": len(outcome.failures),
                  "failures": dg.MetadataValue.json(outcome.failures), "input_fingerprint": digest},
    )


def record_validation(con: duckdb.DuckDBPyConnection, suite: str, digest: str, outcome, run_id: str) -> None:
    """Append one validation (a ``SuiteOutcome``) to VALIDATIONS, created on first use."""
    con.execute("create schema if not exists ops")
    con.execute(f"""create table if not exists {VALIDATIONS} (
        suite varchar not null, input_fingerprint varchar not null, success boolean not null,
        evaluated integer not null, failed integer not null, summary varchar not null, failures json,
        run_id varchar not null, validated_at timestamptz not null)""")
    con.execute(f"insert into {VALIDATIONS} values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [suite, digest, outcome.success, outcome.evaluated, len(outcome.failures), outcome.summary(),
                 json.dumps(outcome.failures, default=str), run_id, datetime.now(timezone.utc)])


def passed_validation(con: duckdb.DuckDBPyConnection, suite: str, digest: str) -> dict | None:
    """The latest passed validation of ``suite`` on inputs with this fingerprint, or None."""
    if not table_columns(con, "ops", "validations"):
        return None
    row = con.execute(f"""select run_id, evaluated, summary, strftime(validated_at at time zone 'UTC',
                              '%Y-%m-%d %H:%M UTC')
                          from {VALIDATIONS} where suite = ? and input_fingerprint = ? and success
                          order by validated_at desc limit 1""", [suite, digest]).fetchone()
    return None if row is None else dict(zip(("run_id", "evaluated", "summary", "validated_at"), row))


asset_checks = [gx_fct_indicator_values]
