"""The anomaly rule (dbt model int_value_anomalies) on a small panel built here, with the answer worked by hand: ten
län whose R&D per inhabitant grows 5 % every two years (with at most 2 % noise), in which a spike, a jumping last
value, a swapped pair and a suppressed zero are planted, beside things that must not be flagged (a small count's
noise, employment rounded to thousands, a last value a little above the others). The model's own SQL runs through
dbt on a warehouse holding only its inputs."""

from __future__ import annotations

import os
import subprocess

import duckdb
import pytest

from tests.conftest import DBT_DIR, _dbt_executable

pytestmark = pytest.mark.e2e  # runs dbt (a few seconds), not the asset graph

REGIONS = [f"{i:02d}" for i in range(1, 11)]
YEARS = (2013, 2015, 2017, 2019, 2021)
POPULATION = {"05": 100_000, "06": 300_000}


def _expected(r: int, year: int) -> float:
    noise = 1 + 0.01 * (((r * 7 + year) % 5) - 2)  # within 2 %
    return 1000 * (1 + r / 10) * 1.05 ** ((year - 2013) / 2) * noise


def _panel() -> list[tuple]:
    rows = []
    for code in REGIONS:
        r = int(code)
        for year in YEARS:
            value = _expected(r, year)
            if code == "03" and year == 2017:
                value *= 3  # a spike: three times its neighbours
            if code == "04" and year == 2021:
                value *= 0.6  # the last value falls 40 % while the others grow 5 %
            if code == "09" and year == 2021:
                value *= 1.05  # a last value 5 % above the others' growth: not a question
            if code == "08" and year == 2015:
                value = 0.0  # a suppressed value written as 0
            if year == 2019 and code in ("05", "06"):
                # half of 06's amount booked on 05: the pair's total (value x population) holds
                moved = 0.5 * _expected(6, 2019) * POPULATION["06"]
                value = (_expected(5, 2019) * POPULATION["05"] + moved) / POPULATION["05"] if code == "05" else \
                    _expected(6, 2019) * 0.5
            rows.append(("x", code, "", "d", year, year, "exact", value, "sek_per_inhabitant", f"x#{code}:{year}"))
        for year, n in zip(YEARS, (5, 5, 5, 5, 5) if code != "02" else (1, 3, 1, 3, 1)):
            rows.append(("n", code, "", "d", year, year, "exact", float(n), "count", f"n#{code}:{year}"))
        for year, n in zip(YEARS, (2000, 2000, 2000, 2000, 2000) if code != "07" else (2000, 1000, 2000, 2000, 2000)):
            rows.append(("jobs", code, "", "d", year, year, "exact", float(n), "count", f"jobs#{code}:{year}"))
    return rows


@pytest.fixture(scope="module")
def anomalies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anomalies")
    path = folder / "panel.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema intermediate; create schema reference")
    con.execute("create table reference.regions (region_code varchar, region_level varchar)")
    con.executemany("insert into reference.regions values (?, 'county')", [(c,) for c in REGIONS])
    con.execute("create table reference.units (unit varchar, sums_by varchar)")
    con.execute("insert into reference.units values ('sek_per_inhabitant', 'population'), ('count', 'value')")
    con.execute("create table intermediate.int_published_values (indicator_id varchar, region_code varchar, "
                "breakdown varchar, dataset_id varchar, period_start integer, period_end integer, qualifier varchar, "
                "value double, unit varchar, source_ref varchar)")
    con.executemany("insert into intermediate.int_published_values values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _panel())
    con.execute("create table intermediate.int_population_means (region_code varchar, year integer, "
                "breakdown varchar, mean_population double)")
    con.executemany("insert into intermediate.int_population_means values (?, ?, '', ?)",
                    [(c, y, POPULATION.get(c, 200_000)) for c in REGIONS for y in YEARS])
    con.execute("create table reference.confirmed_values (indicator_id varchar, region_code varchar, year integer, "
                "breakdown varchar, confirmed_by varchar, reason varchar)")
    con.close()
    env = {**os.environ, "METRIC_WAREHOUSE_PATH": str(path)}
    done = subprocess.run([_dbt_executable(), "--quiet", "run", "--select", "int_value_anomalies", "--project-dir",
                           str(DBT_DIR), "--profiles-dir", str(DBT_DIR), "--target-path", str(folder / "target"),
                           "--log-path", str(folder / "logs")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield {(r[0], r[1], r[2]): r[3:] for r in con.execute(
            "select indicator_id, region_code, year, anomaly, partner_region_code, robust_z "
            "from intermediate.int_value_anomalies").fetchall()}
    finally:
        con.close()


def test_exactly_the_planted_values_are_flagged(anomalies):
    assert set(anomalies) == {("x", "03", 2017), ("x", "04", 2021), ("x", "05", 2019), ("x", "06", 2019),
                              ("x", "08", 2015)}


def test_a_spike_beyond_both_neighbours_is_outside_its_own_series(anomalies):
    kind, _, z = anomalies[("x", "03", 2017)]
    # its log deviation from its neighbours is ln 3 = 1.10 where the others' lie within a few hundredths
    assert kind == "outside_own_series" and z > 20


def test_a_last_value_that_jumps_more_than_the_other_regions_is_an_endpoint_jump(anomalies):
    kind, _, z = anomalies[("x", "04", 2021)]
    # ln(0.6 x 1.05) = -0.46 against the others' ln 1.05 = +0.05: far below, and more than ln 1.3 in size
    assert kind == "endpoint_jump" and z < -10
    assert ("x", "09", 2021) not in anomalies  # 5 % above the others: within ln 1.3


def test_two_opposite_spikes_whose_sum_holds_are_a_swapped_pair(anomalies):
    assert anomalies[("x", "05", 2019)][:2] == ("swapped_pair", "06")
    assert anomalies[("x", "06", 2019)][:2] == ("swapped_pair", "05")


def test_a_zero_among_positives_is_flagged_and_noise_in_small_or_rounded_counts_is_not(anomalies):
    assert anomalies[("x", "08", 2015)][0] == "zero_among_positives"
    assert not any(key[0] in ("n", "jobs") for key in anomalies)  # 1, 3, 1 applications; 2,000, 1,000, 2,000 jobs
