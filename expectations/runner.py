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
        lines += [f"- {f['expectation']} {f['kwargs']}: {f['unexpected_count']} unexpected, e.g. {f['examples']}"
                  for f in self.failures]
        return "\n".join(lines)


def run_suite(frame: pd.DataFrame, suite_name: str, expectations: list) -> SuiteOutcome:
    """Validate ``frame`` against ``expectations`` (GX expectation objects); never raises on failed expectations."""
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
    result = batch.validate(suite)
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
            "examples": (details.get("partial_unexpected_list") or [])[:5],
            "error": (item.exception_info or {}).get("exception_message"),
        })
    return SuiteOutcome(suite=suite_name, success=bool(result.success), evaluated=len(result.results),
                        failures=failures)
