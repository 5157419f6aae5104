"""``make bench``: time a full refresh of the embedded data against dbt's own build, and the peak memory.

Goals (from DEVELOPERS.md): a full refresh costs little more than dbt's own build. The benchmark runs the refresh
into a temporary warehouse (cold: empty warehouse; warm: refresh over an existing one), reads dbt's own elapsed time
from its run_results.json, and fails if the overhead beyond dbt exceeds the budget or the peak RSS exceeds its
budget. Timings belong here, never in the tests."""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

OVERHEAD_BUDGET_S = 15.0  # full refresh minus `dbt build` wall time (includes dbt's own start-up and parse)
PEAK_RSS_BUDGET_MB = 1500.0


def _dbt_elapsed(target_dir: Path, since: float) -> float:
    runs = [p for p in target_dir.glob("*/run_results.json") if p.stat().st_mtime >= since]
    if not runs:
        return float("nan")
    return float(json.loads(max(runs, key=lambda p: p.stat().st_mtime).read_text())["elapsed_time"])


def main() -> int:
    from orchestration.config import DBT_PROJECT_DIR
    from orchestration.run import run

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(METRIC_WAREHOUSE_DIR=f"{tmp}/warehouse", METRIC_PUBLISH_DIR=f"{tmp}/publish")
        for label in ("cold", "warm"):
            started_at = time.time()
            t0 = time.perf_counter()
            code = run(stream=io.StringIO())
            wall = time.perf_counter() - t0
            if code != 0:
                print(f"{label} refresh failed", file=sys.stderr)
                return 1
            dbt = _dbt_elapsed(DBT_PROJECT_DIR / "target", started_at)
            results.append((label, wall, dbt))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'run':6} {'wall s':>8} {'dbt build s':>12} {'overhead s':>11}")
    ok = True
    for label, wall, dbt in results:
        overhead = wall - dbt
        ok &= overhead <= OVERHEAD_BUDGET_S
        print(f"{label:6} {wall:8.2f} {dbt:12.2f} {overhead:11.2f}")
    ok &= peak_mb <= PEAK_RSS_BUDGET_MB
    print(f"peak RSS of this process: {peak_mb:.0f} MB (budget {PEAK_RSS_BUDGET_MB:.0f} MB); "
          f"overhead budget {OVERHEAD_BUDGET_S:.0f} s")
    print("bench: " + ("within budget" if ok else "OVER BUDGET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
