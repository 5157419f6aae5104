"""``make bench``: time a full refresh of the embedded data against dbt's own share of it, and the peak memory.

Goals: a full refresh costs little more than dbt's own build; the composite index with its 1,000-draw Monte-Carlo
takes at most 5 s. The benchmark runs the refresh twice
into a temporary warehouse (cold: empty warehouse and a new dbt profile path, so dbt parses fully; warm: a refresh
over the existing warehouse with partial parsing) and reports each step's duration. The budget is on everything
that is not the dbt step (extracts, checks, analysis, report, exports, Dagster itself). Timings belong here, never
in the tests."""

from __future__ import annotations

import io
import os
import resource
import sys
import tempfile
import time

OVERHEAD_BUDGET_S = 20.0  # full refresh wall time minus the dbt step's wall time
INDEX_BUDGET_S = 5.0  # the metric_index step (the index and 1,000 Monte-Carlo draws)
PEAK_RSS_BUDGET_MB = 1500.0


def main() -> int:
    from orchestration.progress import RunProgress
    from orchestration.run import run

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(METRIC_WAREHOUSE_DIR=f"{tmp}/warehouse", METRIC_PUBLISH_DIR=f"{tmp}/publish",
                          METRIC_VINTAGES_DIR=f"{tmp}/vintages")
        for label in ("cold", "warm"):
            progress = RunProgress(stream=io.StringIO())
            started = time.perf_counter()
            code = run(stream=io.StringIO(), progress=progress)
            wall = time.perf_counter() - started
            if code != 0:
                print(f"{label} refresh failed", file=sys.stderr)
                return 1
            results.append((label, wall, progress.step_seconds))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ok = peak_mb <= PEAK_RSS_BUDGET_MB
    print(f"{'run':6} {'wall s':>8} {'dbt step s':>11} {'rest s':>8}")
    for label, wall, steps in results:
        dbt = steps.get("dbt_models", float("nan"))
        ok &= wall - dbt <= OVERHEAD_BUDGET_S
        print(f"{label:6} {wall:8.2f} {dbt:11.2f} {wall - dbt:8.2f}")
    index_s = results[-1][2].get("metric_index", float("nan"))
    ok &= index_s <= INDEX_BUDGET_S
    print(f"composite index with {1000} Monte-Carlo draws (warm): {index_s:.2f} s (budget {INDEX_BUDGET_S:.0f} s)")
    print("slowest steps (warm): " + ", ".join(f"{k} {v:.1f} s" for k, v in
                                              sorted(results[-1][2].items(), key=lambda kv: -kv[1])[:6]))
    print(f"peak RSS: {peak_mb:.0f} MB (budget {PEAK_RSS_BUDGET_MB:.0f}); rest-of-refresh budget "
          f"{OVERHEAD_BUDGET_S:.0f} s")
    print("bench: " + ("within budget" if ok else "OVER BUDGET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
