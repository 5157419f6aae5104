"""Issue "Hostile input", point 4: the publish folder is one unit. Readers follow ``data/publish``, a link to a
complete release; a run stages into its own folder and the link is swapped in one rename, so a refresh killed at any
moment leaves the complete old or the complete new release."""

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from orchestration.storage.publish_folder import (RELEASE_FILE, PublishError, release, releases_dir, staging_dir,
                                          verify_release)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _contents(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != RELEASE_FILE}


def test_a_release_is_swapped_in_whole_and_a_later_partial_run_keeps_the_other_files(tmp_path):
    publish = tmp_path / "publish"
    staged = staging_dir(publish, "run-1")
    _write(staged / "report.html", "report 1")
    _write(staged / "csv" / "mart_fou.csv", "fou 1")
    first = release(publish, "run-1")
    assert publish.is_symlink() and publish.resolve() == first
    assert _contents(publish) == {"report.html": "report 1", "csv/mart_fou.csv": "fou 1"}
    assert verify_release(publish) == []
    manifest = json.loads((publish / RELEASE_FILE).read_text(encoding="utf-8"))
    assert manifest["run_id"] == "run-1" and set(manifest["files"]) == {"report.html", "csv/mart_fou.csv"}

    staged = staging_dir(publish, "run-2")  # a run that rebuilds only the report
    _write(staged / "report.html", "report 2")
    assert _contents(publish)["report.html"] == "report 1"  # nothing visible before the release
    second = release(publish, "run-2")
    assert _contents(publish) == {"report.html": "report 2", "csv/mart_fou.csv": "fou 1"}
    assert (first / "report.html").read_text(encoding="utf-8") == "report 1"  # hard links never changed in place
    assert second != first and verify_release(second) == [] and verify_release(first) == []


def test_a_run_that_fails_before_its_release_changes_nothing_readers_see(tmp_path):
    publish = tmp_path / "publish"
    _write(staging_dir(publish, "ok") / "report.html", "old")
    release(publish, "ok")
    staged = staging_dir(publish, "failing")
    _write(staged / "report.html", "new, never released")
    _write(staged / "metric.xlsx", "half a set")
    assert _contents(publish) == {"report.html": "old"}
    assert verify_release(publish) == []


def test_old_releases_are_pruned_and_wal_and_dot_files_never_carried_over(tmp_path):
    publish = tmp_path / "publish"
    for n in range(4):
        _write(staging_dir(publish, f"run-{n}") / "report.html", f"report {n}")
        release(publish, f"run-{n}")
        time.sleep(0.01)
    (publish / "metric.duckdb.wal").write_bytes(b"an analyst's write")
    (publish / ".hidden").write_text("x", encoding="utf-8")
    staged = staging_dir(publish, "run-4")
    assert sorted(p.name for p in staged.iterdir()) == ["report.html"]
    release(publish, "run-4")
    kept = [p for p in releases_dir(publish).iterdir() if not p.name.startswith(".")]
    assert len(kept) == 2 and publish.resolve() in kept


def test_a_publish_folder_from_before_releases_becomes_a_release(tmp_path):
    publish = tmp_path / "publish"
    _write(publish / "report.html", "hand-made")
    staged = staging_dir(publish, "run")
    assert (staged / "report.html").read_text(encoding="utf-8") == "hand-made"
    _write(staged / "metric.xlsx", "book")
    release(publish, "run")
    assert publish.is_symlink() and _contents(publish) == {"report.html": "hand-made", "metric.xlsx": "book"}


def test_nothing_staged_is_refused(tmp_path):
    with pytest.raises(PublishError, match="nothing staged"):
        release(tmp_path / "publish", "empty")


_PUBLISHER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from orchestration.storage.publish_folder import release, staging_dir
    publish = Path(sys.argv[1])
    for n in range(10_000):
        staged = staging_dir(publish, f"run-{n}")
        for name in ("report.html", "report_en.html", "metric.xlsx", "csv/a.csv", "csv/b.csv", "parquet/a.parquet"):
            path = staged / name
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name("." + path.name + ".partial")
            partial.write_text(f"release {n} " * 2000, encoding="utf-8")
            os.replace(partial, path)
        release(publish, f"run-{n}")
""")


def test_a_kill_at_any_moment_leaves_a_complete_old_or_new_release(tmp_path):
    publish = tmp_path / "publish"
    script = tmp_path / "publisher.py"
    script.write_text(_PUBLISHER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    rng = random.Random(16)
    seen = set()
    for _ in range(8):
        process = subprocess.Popen([sys.executable, str(script), str(publish)], env=env)
        time.sleep(rng.uniform(0.2, 0.7))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if not publish.exists():
            continue  # killed before the first release: nothing was ever published
        assert verify_release(publish) == [], "a killed refresh left a broken publish folder"
        texts = set(_contents(publish).values())
        assert len(texts) == 1, "files from two releases side by side"
        seen.add(texts.pop())
    assert len(seen) >= 3  # the kills landed in different releases
