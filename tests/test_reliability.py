"""Issue "One refresh at a time, a damaged warehouse that heals, nothing that slips": two refreshes started together
(processes, not threads), a lock left by kill -9, a truncated and a zero-filled warehouse, make rebuild from the
recorded vintages, a write that fails for want of space, a renamed measure, an unknown vintage and a value rule that
names the file and row of the bad value."""

import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from orchestration.storage.warehouse_lock import LOCK_NAME
from tests.conftest import REPO, SNAPSHOT, metric_env, run_pipeline
from tests.test_bad_input import warehouse_state
from tests.test_live_refresh import _brp_cube, _live, _serve_scb_tables, _serve_tillvaxtanalys
from tests.fake_pxweb import FakePxWeb

pytestmark = pytest.mark.e2e


def _spawn(root, *args, **env):
    """``python -m orchestration.cli.run`` in its own process against the warehouse under ``root``."""
    with metric_env(root, **env):
        environ = dict(os.environ)
    return subprocess.Popen([sys.executable, "-m", "orchestration.cli.run", "--ephemeral", *args], cwd=REPO,
                            env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _wait_for_holder(root, pid, timeout=60.0) -> dict:
    lock = root / "warehouse" / LOCK_NAME
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            holder = json.loads(lock.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            holder = {}
        if holder.get("pid") == pid:
            return holder
        time.sleep(0.05)
    raise AssertionError("the first refresh never took the lock")


def _facts(path) -> dict:
    """What a refresh must give back: the raw layer's vintages and revisions and the marts (times left out)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        state = {"vintages": con.execute("select source_id, vintage_id, mode, files, rows from raw.vintages "
                                         "order by 1, 2").fetchall(),
                 "revisions": con.execute("select * exclude (detected_at) from raw.revisions order by all").fetchall()
                 if con.execute("select count(*) from information_schema.tables where table_schema = 'raw' and "
                                "table_name = 'revisions'").fetchone()[0] else []}
        for (table,) in con.execute("select table_name from information_schema.tables where table_schema = 'marts' "
                                    "order by 1").fetchall():
            state[table] = con.execute(f'select count(*), sum(hash(t)) from marts."{table}" as t').fetchone()
        return state
    finally:
        con.close()


def test_two_refreshes_started_together_the_second_refuses_at_once_naming_the_first(warehouse_copy, built):
    first = _spawn(warehouse_copy, METRIC_RECOMPUTE="1")
    holder = _wait_for_holder(warehouse_copy, first.pid)
    started = time.monotonic()
    second = _spawn(warehouse_copy)
    out, _ = second.communicate(timeout=120)
    elapsed = time.monotonic() - started
    assert second.returncode == 2, out
    assert elapsed < 8  # the refusal comes before any work (the process start itself takes most of it)
    line = out.strip().splitlines()[-1]
    assert line.startswith("another refresh is running: run ") and f"PID {first.pid}" in line
    assert "by make run" in line and holder["run_id"] in line and "warning" not in out
    first_out, _ = first.communicate(timeout=600)
    assert first.returncode == 0, first_out  # never disturbed by the second
    # the same result as a refresh alone
    assert _facts(warehouse_copy / "warehouse" / "metric.duckdb") == _facts(built["warehouse"])
    assert not (warehouse_copy / "warehouse" / ".refresh").exists()


def test_a_second_refresh_waits_when_asked(warehouse_copy):
    first = _spawn(warehouse_copy, "--select", "key:raw/ukae")
    _wait_for_holder(warehouse_copy, first.pid)
    second = _spawn(warehouse_copy, "--select", "key:raw/vr", "--wait")
    out, _ = second.communicate(timeout=300)
    first.communicate(timeout=300)
    assert second.returncode == 0, out
    assert "waiting for it to finish" in out or "result:    OK" in out


def test_a_lock_left_by_kill_9_is_taken_over_with_a_warning(warehouse_copy):
    before = _facts(warehouse_copy / "warehouse" / "metric.duckdb")
    first = _spawn(warehouse_copy)
    _wait_for_holder(warehouse_copy, first.pid)
    time.sleep(1.0)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert _facts(warehouse_copy / "warehouse" / "metric.duckdb") == before  # the killed refresh changed nothing
    code, output = run_pipeline(warehouse_copy, selection="key:raw/ukae")
    assert code == 0, output
    assert "took over the warehouse lock left by run" in output and f"PID {first.pid}" in output
    assert "which is no longer running" in output


@pytest.mark.parametrize("damage", ["truncated", "zero-filled"])
def test_a_damaged_warehouse_is_restored_from_the_last_good_copy(warehouse_copy, damage):
    db = warehouse_copy / "warehouse" / "metric.duckdb"
    code, output = run_pipeline(warehouse_copy, selection="key:raw/ukae")  # a swap keeps the previous copy
    assert code == 0, output
    assert (warehouse_copy / "warehouse" / "metric.duckdb.previous").exists()
    good = _facts(db)
    size = db.stat().st_size
    with db.open("r+b") as handle:
        if damage == "truncated":
            handle.truncate(size // 3)
        else:
            handle.write(b"\0" * min(size, 1 << 20))
    code, output = run_pipeline(warehouse_copy, selection="key:raw/ukae")
    assert code == 0, output
    messages = [line for line in output.splitlines() if "was damaged" in line]
    assert len(messages) == 1 and "restored the last good copy metric.duckdb.previous" in messages[0]
    assert _facts(db) == good
    assert list((warehouse_copy / "warehouse").glob("metric.duckdb.damaged-*"))  # kept aside, never deleted


def test_make_rebuild_brings_back_the_vintages_and_revisions_from_the_recorded_responses(warehouse_copy):
    from orchestration.cli.rebuild import rebuild

    db = warehouse_copy / "warehouse" / "metric.duckdb"
    selection = ("key:raw/scb or key:staging/* or key:intermediate/* or key:marts/* or key:reference/*")
    with FakePxWeb() as fake:
        fake.v2_tables["TAB3138"] = _brp_cube(151_000)
        _serve_tillvaxtanalys(fake)
        _serve_scb_tables(fake)
        assert run_pipeline(warehouse_copy, selection=selection, **_live(fake))[0] == 0
        fake.v2_tables["TAB3138"] = _brp_cube(151_500)  # a revision between two live vintages
        assert run_pipeline(warehouse_copy, selection=selection, **_live(fake))[0] == 0
    before = _facts(db)
    assert len([v for v in before["vintages"] if v[2] == "live"]) == 2 and before["revisions"]
    db.write_bytes(b"\0" * 4096)  # damaged, and no good copy beside it
    (warehouse_copy / "warehouse" / "metric.duckdb.previous").unlink(missing_ok=True)
    code, output = run_pipeline(warehouse_copy, selection="key:raw/ukae")
    assert code == 1 and "run `make rebuild`" in output
    import io

    out = io.StringIO()
    with metric_env(warehouse_copy):
        assert rebuild(stream=out) == 0, out.getvalue()
    after = _facts(db)
    assert after["vintages"] == before["vintages"] and after["revisions"] == before["revisions"]
    assert after["mart_fou"] == before["mart_fou"] and after["fct_indicator_values"] == before["fct_indicator_values"]


def test_a_working_copy_that_cannot_be_written_leaves_everything_and_says_how_much_space(warehouse_copy,
                                                                                           monkeypatch):
    import errno
    import shutil

    before = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")

    def full(src, dst, *args, **kwargs):
        with open(dst, "wb") as handle:
            handle.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", full)
    code, output = run_pipeline(warehouse_copy)
    assert code == 1
    line = next(line for line in output.splitlines() if "error" in line)
    assert ".refresh/metric.duckdb" in line and "the disk is full" in line and "needed" in line and "free" in line
    assert warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb") == before
    assert not (warehouse_copy / "warehouse" / ".refresh").exists()  # nothing half-written stays behind


def test_a_renamed_measure_fails_its_extract_naming_the_codes_and_a_partial_rename_is_reported(warehouse_copy,
                                                                                                tmp_path):
    import shutil

    snapshot = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT, snapshot)
    brp = snapshot / "scb" / "TAB3138_brp_lan.json"
    brp.write_text(brp.read_text(encoding="utf-8").replace("NR0105AH", "NR0105XX"), encoding="utf-8")
    code, output = run_pipeline(warehouse_copy, snapshot, selection="key:raw/scb")
    assert code == 1
    assert "TAB3138_brp_lan.json" in output and "codes found ['NR0105XX']" in output and "NR0105AH" in output
    # one measure of a table renamed: the others still map, and the summary says what is missing
    panel = snapshot / "eurostat" / "i40_indicator_db_SE_nuts2_2008_2019.tsv"
    old = "hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP"
    panel.write_text(panel.read_text(encoding="utf-8").replace(old, "hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP_NEW"),
                     encoding="utf-8")
    code, output = run_pipeline(warehouse_copy, snapshot, selection="key:raw/eurostat")
    assert code == 0, output
    assert f"eurostat i40_nuts2: the seed maps {old}, which the table no longer has (renamed?" in output
    assert "cells no indicator maps" in output and "eurostat i40_nuts2 (86 codes" in output


@pytest.mark.parametrize("pin, expected", [
    ("../../../../etc/passwd", "no source has a vintage with that id; the vintages are"),
    ("nosuchsource=x", "unknown source 'nosuchsource'"),
    ("scb=snapshot-000000000000", "source 'scb' has no vintage 'snapshot-000000000000'; its vintages are snapshot-"),
    ("@1990-01-01", "is before every vintage: the first was loaded"),
])
def test_an_unknown_vintage_fails_at_once_naming_what_exists(warehouse_copy, pin, expected):
    before = warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb")
    code, output = run_pipeline(warehouse_copy, METRIC_VINTAGE=pin)
    assert code == 1 and expected in output, output
    assert "materialised" not in output  # nothing ran
    assert warehouse_state(warehouse_copy / "warehouse" / "metric.duckdb") == before


def test_a_value_rule_names_the_file_and_row_of_the_bad_value(warehouse_copy, tmp_path):
    import csv

    inbox = tmp_path / "inbox" / "pts"
    inbox.mkdir(parents=True)
    with (SNAPSHOT / "pts" / "metric_report_pts.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        row = next(r for r in reader if r["unit"] == "percent" and r["qualifier"] == "exact")
        fields = reader.fieldnames
    with (inbox / "drop.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerow({**row, "value": "150"})
    code, output = run_pipeline(warehouse_copy, selection="key:raw/pts+ and not key:publish/*",
                                METRIC_INBOX_DIR=str(tmp_path / "inbox"))
    assert code == 1
    assert "value 150.0 percent" in output and "inbox/pts/drop.csv#row=2" in output, output


def test_a_release_that_cannot_be_written_leaves_the_published_folder_and_says_how_much_space(built, tmp_path,
                                                                                               monkeypatch):
    import errno
    import shutil

    import orchestration.assets.publish as publish_assets

    root = tmp_path / "copy"
    shutil.copytree(built["root"], root, symlinks=True)  # the publish link is relative: it moves with the copy
    published = root / "publish"
    link = os.readlink(published)
    before = {p.name: p.read_bytes() for p in published.iterdir() if p.is_file()}

    def full(con, folder):
        (folder / "parquet").mkdir(parents=True, exist_ok=True)
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "parquet" / "fct_indicator_values.parquet"))

    monkeypatch.setattr(publish_assets, "export_files", full)
    code, output = run_pipeline(root, selection="key:publish/*", METRIC_RECOMPUTE="1")
    assert code == 1
    line = next(line for line in output.splitlines() if "could not write the release's exports" in line)
    assert "fct_indicator_values.parquet" in line and "the disk is full" in line and "needed" in line and "free" in line
    assert os.readlink(published) == link  # readers still see the release they saw
    assert {p.name: p.read_bytes() for p in published.iterdir() if p.is_file()} == before
