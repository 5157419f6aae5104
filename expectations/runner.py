"""Run a great-expectations 1.x suite on a pandas DataFrame in an ephemeral context and summarise the outcome."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class SuiteOutcome:
    suite: str
    success: bool
    evaluated: int
    failures: list[dict] = field(default_factory=list)

    def summary(self) -> str:
        if self.success:
            return f"{self.suite}: all {self.evaluated} expectations met"
        lines = [f"{self.suite}: {len(self.failures)} of {self.evaluated} expectations failed"]
        for f in self.failures:
            lines.append(f"- {f['expectation']} {f['kwargs']}: {f['unexpected_count']} unexpected, e.g. "
                         f"{f['examples']}")
            lines += [f"    {_where(row, f['kwargs'])}" for row in f.get("rows", [])]
        return "\n".join(lines)


def _where(row: dict, kwargs: dict) -> str:
    """One offending row: its value (with its unit) and where it came from (file and row)."""
    column = kwargs.get("column") or kwargs.get("column_A")
    value = row.get(column) if column else None
    unit = f" {row['unit']}" if row.get("unit") and column in ("value", "value_high") else ""
    others = {k: v for k, v in row.items() if k not in (column, "unit", "source_ref")}
    extra = f" ({', '.join(f'{k} {v}' for k, v in others.items())})" if others else ""
    return f"{column} {value}{unit}{extra} at {row.get('source_ref', '(no source_ref)')}"


MAX_ROWS_SHOWN = 10  # offending rows named per failed expectation


def run_suite(frame: pd.DataFrame, suite_name: str, expectations: list,
              index_columns: tuple[str, ...] = ()) -> SuiteOutcome:
    """Validate ``frame`` against ``expectations`` (GX expectation objects); never raises on failed expectations.
    ``index_columns`` (e.g. ``source_ref``, ``unit``) are reported with every offending row, so a failure names
    the file and row each bad value came from."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx  # heavy import, kept out of module import time
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch = (
        context.data_sources.add_pandas(f"{suite_name}_source")
        .add_dataframe_asset(suite_name)
        .add_batch_definition_whole_dataframe("whole_table")
        .get_batch(batch_parameters={"dataframe": frame})
    )
    suite = gx.ExpectationSuite(name=suite_name)
    for expectation in expectations:
        suite.add_expectation(expectation)
    result_format = ({"result_format": "COMPLETE", "unexpected_index_column_names": list(index_columns),
                      "partial_unexpected_count": MAX_ROWS_SHOWN} if index_columns else "SUMMARY")
    result = batch.validate(suite, result_format=result_format)
    failures = []
    for item in result.results:
        if item.success:
            continue
        config = item.expectation_config
        details = item.result or {}
        kwargs = {k: v for k, v in config.kwargs.items() if k not in ("batch_id",)}
        failures.append({
            "expectation": config.type,
            "kwargs": kwargs,
            "unexpected_count": details.get("unexpected_count"),
            "examples": [_plain(v) for v in (details.get("partial_unexpected_list") or [])[:5]],
            "rows": [{k: _plain(v) for k, v in row.items()}
                     for row in (details.get("unexpected_index_list") or [])[:MAX_ROWS_SHOWN]
                     if isinstance(row, dict)],
            "error": (item.exception_info or {}).get("exception_message"),
        })
    return SuiteOutcome(suite=suite_name, success=bool(result.success), evaluated=len(result.results),
                        failures=failures)


def _plain(value):
    """numpy scalars as plain Python values (for messages and JSON metadata)."""
    return value.item() if hasattr(value, "item") else value
