"""How fast the published report reaches a reader (for ``make bench``): each page's size, the time from navigation to
the first screen (the key findings with their profile chart drawn) and to every chart drawn, in headless Chromium,
idle and with the CPU throttled four times (CDP ``Emulation.setCPUThrottlingRate``: a municipal laptop). The page
is opened in a fresh profile each time, so nothing is cached."""

from __future__ import annotations

import tempfile
from pathlib import Path

from orchestration.cli.browser import Page, find_chromium

PAGE_BUDGET_BYTES = 2_000_000
FIRST_SCREEN_GOAL_S = {1: 1.5, 4: 5.0}  # CPU throttle rate -> goal for the first screen
# The first screen: the key findings are there and the first chart in them (the eleven dimensions) is drawn. The
# page records the time (ms since navigation) the moment it sees it.
_WATCH_FIRST_SCREEN = """
(function () {
  function check() {
    var figure = document.querySelector('#key-findings figure.chart');
    if (figure && figure.querySelector('.main-svg')) { window.__firstScreen = performance.now(); return; }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})();
"""


def _one(url: str, rate: float, timeout: float) -> tuple[float, float]:
    # chromium's helper processes may still write into the profile as it closes: what they leave is not an error
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        page = Page(Path(profile), timeout=timeout)
        try:
            page.viewport(1400)
            page.call("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH_FIRST_SCREEN}, session=True)
            page.throttle(rate)
            page.open(url, ready="window.__firstScreen !== undefined")
            first = page.evaluate("window.__firstScreen") / 1000
            every = page.evaluate("window.renderAllCharts().then(() => performance.now())", wait=True) / 1000
            errors = page.console_errors()
            if errors:
                raise RuntimeError(f"{url}: console errors {errors[:3]}")
            return first, every
        finally:
            page.close()


def time_pages(publish_dir: Path, rates=(1, 4), timeout: float = 180.0) -> list[dict]:
    """One row per page and throttle rate: page, bytes, rate, first_screen_s, all_charts_s (the median of three
    loads)."""
    from statistics import median

    if find_chromium() is None:
        raise SystemExit("make bench times the report in Debian's chromium (apt-get install -y chromium)")
    rows = []
    for name in ("report.html", "report_en.html"):
        path = (Path(publish_dir) / name).resolve()
        for rate in rates:
            runs = [_one(path.as_uri(), rate, timeout) for _ in range(3)]
            rows.append({"page": name, "bytes": path.stat().st_size, "rate": rate,
                         "first_screen_s": median(r[0] for r in runs), "all_charts_s": median(r[1] for r in runs)})
    return rows


def report(rows: list[dict]) -> bool:
    """Print the rows and whether they meet the goals."""
    ok = True
    print(f"{'report page':16} {'bytes':>10} {'CPU':>5} {'first screen s':>15} {'all charts s':>13}")
    for r in rows:
        goal = FIRST_SCREEN_GOAL_S.get(r["rate"], float("inf"))
        ok &= r["bytes"] <= PAGE_BUDGET_BYTES and r["first_screen_s"] <= goal
        print(f"{r['page']:16} {r['bytes']:10,} {str(r['rate']) + 'x':>5} {r['first_screen_s']:15.2f} "
              f"{r['all_charts_s']:13.2f}")
    print(f"report goals: at most {PAGE_BUDGET_BYTES:,} bytes a page; first screen at most "
          + ", ".join(f"{g:.1f} s at {rate}x CPU" for rate, g in FIRST_SCREEN_GOAL_S.items()))
    return ok


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/publish")
    sys.exit(0 if report(time_pages(folder)) else 1)
