"""Issue "Operations": a refresh reuses what it would only compute again, and never reuses what changed."""

import os
from datetime import datetime

import duckdb
import pandas as pd
import pytest

from orchestration.storage import reuse
from orchestration.storage.warehouse import write_analysis_tables


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


def test_only_a_passed_validation_of_the_same_inputs_is_reported_again():
    from expectations.runner import SuiteOutcome
    from orchestration.assets.checks import passed_validation, record_validation

    con = duckdb.connect()
    assert passed_validation(con, "suite", "a") is None  # no record yet
    record_validation(con, "suite", "a", SuiteOutcome("suite", True, 12), "run-1")
    failure = {"expectation": "expect_column_values_to_be_between", "kwargs": {}, "unexpected_count": 1,
               "examples": [122], "error": None}
    record_validation(con, "suite", "b", SuiteOutcome("suite", False, 12, [failure]), "run-2")
    earlier = passed_validation(con, "suite", "a")
    assert earlier["run_id"] == "run-1" and earlier["evaluated"] == 12 and "all 12" in earlier["summary"]
    assert passed_validation(con, "suite", "b") is None  # a failure is always validated again
    assert passed_validation(con, "other suite", "a") is None
    assert con.execute("select count(*) from ops.validations").fetchone()[0] == 2  # the history stays


def test_a_step_is_reused_only_while_its_fingerprint_vouches_for_its_tables(monkeypatch):
    con = duckdb.connect()
    con.execute("create schema analysis")
    con.execute("create table analysis.scores as select 1 as x")
    outputs = [("analysis", "scores")]
    reuse.forget_step(con, "scores")
    reuse.record_step(con, "scores", "d1", {"scores": {"rows": 1}}, "run-1")
    records = reuse.StepRecords.read(con)
    assert records.reusable("scores", "d1", outputs) == {"scores": {"rows": 1}}
    assert records.reusable("scores", "d2", outputs) is None  # other inputs
    assert records.reusable("scores", "d1", [("analysis", "missing")]) is None  # an output gone
    monkeypatch.setenv("METRIC_RECOMPUTE", "1")
    assert records.reusable("scores", "d1", outputs) is None
    monkeypatch.delenv("METRIC_RECOMPUTE")
    reuse.forget_step(con, "scores")  # what a step does before it writes: a crash then leaves nothing to reuse
    assert reuse.StepRecords.read(con).reusable("scores", "d1", outputs) is None


def test_an_extract_fingerprints_exactly_what_it_would_read(tmp_path):
    import shutil

    from orchestration.assets.extract import _snapshot_digest
    from orchestration.resources import SourcesResource
    from tests.conftest import SNAPSHOT

    snapshot = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, snapshot)
    sources = SourcesResource(snapshot_dir=str(snapshot), inbox_dir=str(tmp_path / "inbox"))
    before = _snapshot_digest("ukae", sources)
    assert before is not None and _snapshot_digest("ukae", sources) == before
    assert _snapshot_digest("prv", sources) != before
    ukae_file = next(p for p in snapshot.rglob("*") if p.is_file() and "ukae" in p.parts)
    ukae_file.write_bytes(ukae_file.read_bytes() + b"\n")  # one byte more: read again
    assert _snapshot_digest("ukae", sources) not in (None, before)
    (tmp_path / "inbox" / "ukae").mkdir(parents=True)  # anything in its inbox folder: always read
    assert _snapshot_digest("ukae", sources) is None
    assert _snapshot_digest("prv", SourcesResource(snapshot_dir=str(snapshot), mode="live")) is None
    assert _snapshot_digest("prv", SourcesResource(snapshot_dir=str(snapshot), pinned_vintage="@2025")) is None


def test_a_step_record_keeps_dagster_metadata_as_plain_values():
    import dagster as dg

    con = duckdb.connect()
    reuse.forget_step(con, "pca")
    reuse.record_step(con, "pca", "d1", {"pca_years": {"n_years": dg.MetadataValue.int(12),
                                                       "kept": dg.MetadataValue.json(["a", "b"]), "window": "2013"}},
                      "run-1")
    assert reuse.StepRecords.read(con).reusable("pca", "d1", []) == {
        "pca_years": {"n_years": 12, "kept": ["a", "b"], "window": "2013"}}
