"""``make bench-scale``: the whole pipeline on a panel shaped like the real one but larger, against the default run.

The panel is synthetic, generated here and labelled so in every row's citation: 290 kommuner (as breakdowns of
their län, ``municipality=<code>``, the way the embedded data holds Umeå and Luleå) × 30 years × 60 indicators of
the catalogue in their own units, plus 100,000 synthetic NLE-shaped survey responses (``analysis.survey.synthetic_nle``
on a frame 60 times the NLE's) in the microdata inbox. It goes through the same refresh as any inbox drop, into a
temporary warehouse, with ``METRIC_INCLUDE_SYNTHETIC=1`` so the synthetic rows reach the marts and the analysis; the
publish assets are left out, so nothing is ever published. Each run is a process of its own (its own peak memory).

Goals: the full scale run at most 3× the default run's wall time (both measured here, each from a cold process on an
empty temporary warehouse) and at most 2 GiB peak. The scale is also run at a quarter and a half, to show how time
grows with rows. Timings belong here, never in the tests."""

from __future__ import annotations

import csv
import random
import sys
import tempfile
from pathlib import Path

from orchestration.cli.bench import SYNTHETIC_CITATION, run_process

KOMMUNER = 290
YEARS = range(1995, 2025)  # 30 years
INDICATORS = 60
SURVEY_RESPONDENTS = 100_000
FRAME_SCALE = 60  # the NLE frame (2,000 drawn of 4,979) times 60: room for 100,000 answers
WALL_RATIO_GOAL = 3.0
PEAK_GOAL_MB = 2048.0
MAX_FILE_MB = 45.0  # under the inbox's default 50 MB limit per file
FRACTIONS = (0.25, 0.5, 1.0)


def _catalogue() -> list[dict]:
    from orchestration.config import DBT_PROJECT_DIR

    with (DBT_PROJECT_DIR / "seeds" / "indicator_catalogue.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # yearly and biennial indicators first (the panel's shape), then as many survey indicators (one year per figure
    # too) as it takes to reach 60; multi-year-period indicators would need period figures, so they are left out
    rows = [r for r in rows if r["frequency"] in ("yearly", "biennial", "one_off_survey")]
    rows.sort(key=lambda r: (r["frequency"] == "one_off_survey", r["indicator_id"]))
    return rows[:INDICATORS]


def _units() -> dict[str, tuple[float, float]]:
    from orchestration.config import DBT_PROJECT_DIR

    with (DBT_PROJECT_DIR / "seeds" / "units.csv").open(encoding="utf-8") as handle:
        return {r["unit"]: (float(r["min_value"] or 0), float(r["max_value"] or 1e6)) for r in csv.DictReader(handle)}


def kommun_codes(n: int = KOMMUNER) -> list[tuple[str, str]]:
    """(län code, kommun code) pairs: ``n`` synthetic kommun codes spread over the 21 län as kommuner are (the
    first two digits are the län's), in the pattern of real codes but not a list of real kommuner."""
    from orchestration.sources.regions import county_codes

    lan = sorted(county_codes())
    return [(lan[i % len(lan)], f"{lan[i % len(lan)]}{80 + i // len(lan):02d}") for i in range(n)]


def write_panel(inbox: Path, fraction: float = 1.0, seed: int = 1) -> int:
    """The scale panel as published-figures CSVs in ``inbox/<source_id>/``, each under MAX_FILE_MB; ``fraction``
    of the kommuner. Returns the number of rows."""
    from orchestration.sources.figures_csv import COLUMNS

    rng = random.Random(seed)
    units = _units()
    kommuner = kommun_codes(max(1, round(KOMMUNER * fraction)))
    rows = 0
    handles: dict[str, tuple] = {}

    def writer_for(source: str):
        handle, writer, part = handles.get(source, (None, None, 0))
        if handle is None or handle.tell() > MAX_FILE_MB * 1024 * 1024:
            if handle is not None:
                handle.close()
            part += 1
            path = inbox / source / f"synthetic_scale_panel_{part:02d}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("w", encoding="utf-8", newline="")
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            handles[source] = (handle, writer, part)
        return handles[source][1]

    try:
        for indicator in _catalogue():
            low, high = units[indicator["unit"]]
            high = min(high, low + 1000.0)
            for lan, kommun in kommuner:
                writer = writer_for(indicator["source_id"])
                level = rng.uniform(low + 0.2 * (high - low), low + 0.6 * (high - low))
                for year in YEARS:
                    level = min(high, max(low, level + rng.gauss(0, 0.02 * (high - low))))
                    writer.writerow([indicator["indicator_id"], lan, year, f"municipality={kommun}",
                                     round(level, 2), "", "exact", indicator["unit"], "", "", "", SYNTHETIC_CITATION])
                    rows += 1
    finally:
        for handle, _, _ in handles.values():
            handle.close()
    return rows


def write_survey(inbox: Path, respondents: int = SURVEY_RESPONDENTS) -> int:
    from orchestration.config import REPO_ROOT
    from orchestration.sources.survey_microdata import write_synthetic_drop

    write_synthetic_drop(inbox / "nle" / "microdata", REPO_ROOT / "data" / "snapshot", respondents=respondents,
                         frame_scale=FRAME_SCALE)
    return respondents


def timed_run(tmp: Path, inbox: Path | None, selection: str | None) -> tuple[int, float, float]:
    """(exit code, wall s, peak MiB) of a refresh as a process of its own on a temporary warehouse; ``inbox``: the
    drop folder, whose synthetic rows are then let into the marts (None: the embedded snapshot only)."""
    return run_process(tmp, tmp / "run.log", selection, METRIC_INBOX_DIR=str(inbox or tmp / "empty_inbox"),
                       METRIC_INCLUDE_SYNTHETIC="1" if inbox else "0")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        code, default_wall, default_peak = timed_run(Path(tmp), None, None)
    if code != 0:
        print("the default run failed", file=sys.stderr)
        return 1
    print(f"default run (embedded snapshot, cold, whole pipeline): {default_wall:.1f} s, peak {default_peak:.0f} MiB")
    print(f"{'scale':>6} {'figure rows':>12} {'survey rows':>12} {'wall s':>8} {'× default':>10} {'peak MiB':>8}")
    ok, last = True, None
    for fraction in FRACTIONS:
        with tempfile.TemporaryDirectory() as tmp:
            inbox = Path(tmp) / "inbox"
            rows = write_panel(inbox, fraction)
            answers = write_survey(inbox, round(SURVEY_RESPONDENTS * fraction))
            code, wall, peak = timed_run(Path(tmp), inbox, "not group:publish")
            if code != 0:
                print((Path(tmp) / "run.log").read_text(encoding="utf-8")[-3000:], file=sys.stderr)
                print(f"scale run at {fraction:g} failed", file=sys.stderr)
                return 1
        print(f"{fraction:6.2f} {rows:12,} {answers:12,} {wall:8.1f} {wall / default_wall:10.2f} {peak:8.0f}")
        if last:
            grow = (wall - last[1]) / (rows - last[0]) * 1e5
            print(f"{'':6} {'':12} {'':12} +{grow:.1f} s per 100,000 more figure rows")
        last = (rows, wall)
        if fraction == 1.0:
            ok = wall <= WALL_RATIO_GOAL * default_wall and peak <= PEAK_GOAL_MB
            print(f"full scale: {wall / default_wall:.2f}× the default run (goal {WALL_RATIO_GOAL:.0f}×), "
                  f"peak {peak:.0f} MiB (goal {PEAK_GOAL_MB:.0f} MiB)")
    print("bench-scale: " + ("within goals" if ok else "OVER GOALS"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
