"""Issue "Operations": a refresh reuses what it would only compute again, and never reuses what changed."""

import os
from datetime import datetime

import duckdb
import pandas as pd
import pytest

from orchestration import reuse
from orchestration.warehouse import write_analysis_tables


def test_a_fingerprint_sees_content_columns_and_types_but_not_row_order():
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", None]})
    same = reuse.fingerprint(frame)
    assert reuse.fingerprint(frame.iloc[::-1]) == same
    assert reuse.fingerprint(frame.assign(a=[1, 2, 4])) != same
    assert reuse.fingerprint(frame.assign(a=[1.0, 2.0, 3.0])) != same  # another type
    assert reuse.fingerprint(frame.rename(columns={"b": "c"})) != same
    assert reuse.fingerprint(frame, {"draws": 1000}) != reuse.fingerprint(frame, {"draws": 999})


def test_the_code_version_follows_the_files_it_names(tmp_path, monkeypatch):
    monkeypatch.setattr(reuse, "REPO_ROOT", tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("x = 1\n", encoding="utf-8")
    before = reuse.code_version(["pkg"], ("pandas",))
    assert reuse.code_version(["pkg"], ("pandas",)) == before
    (tmp_path / "pkg" / "a.py").write_text("x = 2\n", encoding="utf-8")
    assert reuse.code_version(["pkg"], ("pandas",)) != before


def test_recording_an_input_never_changes_the_release_the_staged_file_links_to(tmp_path, monkeypatch):
    release, staged = tmp_path / "release", tmp_path / "staged"
    release.mkdir()
    staged.mkdir()
    reuse.write_published_input(release, "report", "old")
    os.link(release / reuse.INPUTS_FILE, staged / reuse.INPUTS_FILE)  # how a staging folder starts
    (staged / "report.html").write_text("<html>", encoding="utf-8")
    (staged / "report_en.html").write_text("<html>", encoding="utf-8")
    reuse.write_published_input(staged, "report", "new")
    assert reuse.read_published_inputs(release) == {"report": "old"}
    assert reuse.read_published_inputs(staged) == {"report": "new"}
    monkeypatch.delenv("METRIC_RECOMPUTE", raising=False)
    assert reuse.reusable(staged, "report", "new", ["report.html", "report_en.html"])
    assert not reuse.reusable(staged, "report", "other", ["report.html"])
    assert not reuse.reusable(staged, "report", "new", ["report.html", "missing.html"])
    monkeypatch.setenv("METRIC_RECOMPUTE", "1")
    assert not reuse.reusable(staged, "report", "new", ["report.html"])


def _stamped(values, when):
    return pd.DataFrame({"series_id": ["a", "b"], "score": values, "computed_at": [when, when]})


@pytest.mark.parametrize("values, kept", [([0.5, 1.0], True), ([0.5, 0.9], False)])
def test_an_unchanged_analysis_table_keeps_the_time_it_was_computed(values, kept):
    con = duckdb.connect()
    first, later = datetime(2026, 1, 1), datetime(2026, 6, 1)
    write_analysis_tables(con, {"scores": _stamped([0.5, 1.0], first)})
    write_analysis_tables(con, {"scores": _stamped(values, later)})
    rows = con.execute("select score, computed_at from analysis.scores order by series_id").fetchall()
    assert [r[0] for r in rows] == values
    assert {r[1] for r in rows} == {first if kept else later}
