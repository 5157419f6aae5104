"""One inbox rule for the sensor and the run: nothing is silently ignored, nothing outside is followed."""

import os

import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.inbox import scan
from orchestration.sources.snapshot import load_inbox
from tests.conftest import SNAPSHOT, metric_env

ROW = ("indicator_id,region_code,period,breakdown,value,value_high,qualifier,unit,base,n_respondents,statement,"
       "citation\nfou_trademark_applications,24,2025,,111,,exact,count,,,,PRV 2025 (test)\n")


@pytest.fixture()
def inbox(tmp_path):
    root = tmp_path / "inbox"
    (root / "prv").mkdir(parents=True)
    (root / "prv" / "DROP.CSV").write_text(ROW, encoding="utf-8")  # the extension in any case
    (root / "prv" / ".half-written.csv").write_text("indicator_id,", encoding="utf-8")  # a dot-file: skipped
    (root / "prv" / "upload.csv.partial").write_text("x", encoding="utf-8")  # a partial upload: skipped
    (root / "prv" / "notes.txt").write_text("x", encoding="utf-8")
    (root / "pvr").mkdir()  # a misspelt source folder
    (root / "pvr" / "prv_2025.csv").write_text(ROW, encoding="utf-8")
    (root / "loose.csv").write_text(ROW, encoding="utf-8")
    outside = tmp_path / "secret.csv"
    outside.write_text("password,hunter2\n", encoding="utf-8")
    os.symlink(outside, root / "prv" / "link.csv")
    return root


def test_the_rule_accepts_reads_and_refuses_with_reasons(inbox):
    result = scan(inbox, ["prv", "pts"])
    assert [(s, p.name) for s, p in result.accepted] == [("prv", "DROP.CSV")]
    refused = "\n".join(result.refused)
    assert "unknown source folder 'pvr'" in refused
    assert "notes.txt: only published-figures CSV files" in refused
    assert "loose.csv: files go in a source folder" in refused
    assert "link.csv: a symbolic link in the inbox is refused" in refused
    assert "hunter2" not in refused and ".half-written" not in refused and "partial" not in refused


def test_the_run_refuses_a_link_in_a_source_folder_without_reading_its_target(inbox):
    with pytest.raises(SourceDataError) as raised:
        load_inbox("prv", inbox)
    assert "symbolic link" in str(raised.value) and "hunter2" not in str(raised.value)
    os.unlink(inbox / "prv" / "link.csv")
    (inbox / "prv" / "notes.txt").unlink()
    loaded = load_inbox("prv", inbox)
    assert len(loaded) == 1 and loaded[0][0]["value"].tolist() == [111.0]


def test_the_run_says_what_it_will_not_read(inbox, tmp_path):
    import shutil

    from orchestration.config import load_settings
    from orchestration.cli.run import _unread_files

    snapshot = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, snapshot)
    (snapshot / "prv" / "unlisted_2025.csv").write_text(ROW, encoding="utf-8")
    with metric_env(tmp_path, snapshot, METRIC_INBOX_DIR=str(inbox)):
        messages = "\n".join(_unread_files(load_settings()))
    assert "unlisted_2025.csv: not listed in MANIFEST.csv" in messages
    assert "unknown source folder 'pvr'" in messages


def test_size_and_row_limits_refuse_a_runaway_drop_before_reading_it(inbox, monkeypatch):
    from orchestration.automation.sensors import scan_inbox

    os.unlink(inbox / "prv" / "link.csv")
    (inbox / "prv" / "notes.txt").unlink()
    (inbox / "prv" / "DROP.CSV").unlink()
    big = inbox / "prv" / "big.csv"
    rows = [ROW.splitlines()[1].replace(",2025,", f",{year},") for year in (2022, 2023, 2024)]
    big.write_text(ROW.splitlines()[0] + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("METRIC_MAX_ROWS", "2")
    with pytest.raises(SourceDataError, match=r"big\.csv: more rows than the limit of 2 \(METRIC_MAX_ROWS\)"):
        load_inbox("prv", inbox)
    monkeypatch.setenv("METRIC_MAX_FILE_MB", "0.0001")  # about 100 bytes
    valid, problems, _ = scan_inbox(inbox, {}, ["prv"])
    assert any("big.csv: file larger than the limit" in p for p in problems)
    with pytest.raises(SourceDataError, match="file larger than the limit"):
        load_inbox("prv", inbox)


def test_a_microdata_folder_is_read_for_a_survey_and_refused_elsewhere(tmp_path):
    from orchestration.automation.sensors import scan_inbox

    for source in ("nle", "scb"):
        (tmp_path / source / "microdata").mkdir(parents=True)
        (tmp_path / source / "microdata" / "frame.csv").write_text("stratum,population_n,sample_n\n", "utf-8")
    result = scan(tmp_path, ["nle", "scb"], surveys=["nle"])
    assert result.microdata == [("nle", tmp_path / "nle" / "microdata")]
    assert any("scb/microdata: not a file" in m for m in result.refused)
    # the sensor starts a run for a new or changed drop, once
    valid, _, seen = scan_inbox(tmp_path, {}, ["nle", "scb"])
    assert [(s, p.name) for s, p, _ in valid] == [("nle", "microdata")]
    assert scan_inbox(tmp_path, seen, ["nle", "scb"])[0] == []
    (tmp_path / "nle" / "microdata" / "responses.csv").write_text("respondent_id,stratum\n", "utf-8")
    assert len(scan_inbox(tmp_path, seen, ["nle", "scb"])[0]) == 1
