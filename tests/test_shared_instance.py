"""A Dagster instance a team can share: runs, the event log and schedules in a real PostgreSQL server
(``orchestration/dagster_postgres.yaml``, dagster-postgres). A refresh recorded there is read back through the UI's
GraphQL, and two refreshes submitted to the daemon's queue run one after the other. ``.ci/run`` starts the server on
127.0.0.1 and sets METRIC_TEST_POSTGRES; without it the test says so and is skipped."""

import os
import shutil
import subprocess
import time
import uuid
from urllib.parse import urlparse

import pytest

from tests.conftest import REPO, metric_env
from tests.webserver import BIN, CODE, free_port, graphql, stop, wait_for_server

pytestmark = pytest.mark.e2e

SERVER = os.environ.get("METRIC_TEST_POSTGRES")


@pytest.fixture()
def postgres_home(tmp_path):
    """A DAGSTER_HOME with the PostgreSQL settings, on a database of its own (dropped afterwards)."""
    if not SERVER:
        pytest.skip("no PostgreSQL server (METRIC_TEST_POSTGRES unset; .ci/run starts one on 127.0.0.1)")
    import psycopg2

    url = urlparse(SERVER)
    name = f"metric_test_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(SERVER)
    admin.autocommit = True
    admin.cursor().execute(f"create database {name}")
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy2(REPO / "orchestration" / "dagster_postgres.yaml", home / "dagster.yaml")
    env = {"DAGSTER_HOME": str(home), "DAGSTER_PG_HOST": url.hostname, "DAGSTER_PG_PORT": str(url.port or 5432),
           "DAGSTER_PG_DB": name, "DAGSTER_PG_USERNAME": url.username, "DAGSTER_PG_PASSWORD": url.password or ""}
    try:
        yield home, env
    finally:
        admin.cursor().execute(f"drop database if exists {name} with (force)")
        admin.close()


RUNS = """query Runs($ids: [String!]) { runsOrError(filter: {runIds: $ids}) { ... on Runs { results {
    runId status startTime endTime tags { key value } } } } }"""


def test_a_refresh_recorded_in_postgresql_is_read_back_and_queued_refreshes_run_one_after_the_other(
        postgres_home, warehouse_copy):
    import dagster as dg

    from orchestration.cli.run import run

    home, pg_env = postgres_home
    environ = {**os.environ, **pg_env}
    with metric_env(warehouse_copy):
        environ.update({k: v for k, v in os.environ.items() if k.startswith("METRIC_")})
        old = {k: os.environ.get(k) for k in pg_env}
        os.environ.update(pg_env)
        instance = dg.DagsterInstance.from_config(str(home))
        try:
            assert type(instance.run_storage).__module__.startswith("dagster_postgres")
            assert type(instance.event_log_storage).__module__.startswith("dagster_postgres")
            import io

            out = io.StringIO()
            assert run(selection="key:raw/ukae", instance=instance, stream=out) == 0, out.getvalue()
            recorded = [r.run_id for r in instance.get_runs()]
        finally:
            instance.dispose()
            for key, value in old.items():
                os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    assert len(recorded) == 1
    port = free_port()
    webserver = subprocess.Popen([str(BIN / "dagster-webserver"), "-h", "127.0.0.1", "-p", str(port), *CODE],
                                 cwd=REPO, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    daemon = None
    try:
        wait_for_server(port, webserver)
        # the refresh make run recorded, read back through the UI's GraphQL
        runs = graphql(port, RUNS, {"ids": recorded})["runsOrError"]["results"]
        assert [r["status"] for r in runs] == ["SUCCESS"]
        materialised = graphql(port, """{ assetNodes(assetKeys: [{path: ["raw", "ukae"]}]) {
            assetMaterializations(limit: 1) { runId } } }""")["assetNodes"][0]["assetMaterializations"]
        assert materialised and materialised[0]["runId"] == recorded[0]
        # two refreshes submitted to the queue run one after the other
        repo = graphql(port, "{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name "
                              "} } } } }")["repositoriesOrError"]["nodes"][0]
        launch = """mutation Launch($p: ExecutionParams!) { launchRun(executionParams: $p) { __typename
            ... on LaunchRunSuccess { run { runId status } } ... on PythonError { message } } }"""
        queued = []
        for source in ("ukae", "vr"):
            params = {"selector": {"repositoryLocationName": repo["location"]["name"], "repositoryName": repo["name"],
                                   "jobName": "refresh_all", "assetSelection": [{"path": ["raw", source]}]},
                      "runConfigData": {}}
            answer = graphql(port, launch, {"p": params})["launchRun"]
            assert answer["__typename"] == "LaunchRunSuccess", answer
            queued.append(answer["run"]["runId"])
        statuses = {r["runId"]: r for r in graphql(port, RUNS, {"ids": queued})["runsOrError"]["results"]}
        assert all(statuses[q]["status"] == "QUEUED" for q in queued)  # nothing runs before the daemon dequeues
        assert all({"key": "metric/warehouse", "value": "writer"} in statuses[q]["tags"] for q in queued)
        daemon = subprocess.Popen([str(BIN / "dagster-daemon"), "run", *CODE], cwd=REPO, env=environ,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            results = {r["runId"]: r for r in graphql(port, RUNS, {"ids": queued})["runsOrError"]["results"]}
            if all(r["status"] in ("SUCCESS", "FAILURE", "CANCELED") for r in results.values()):
                break
            time.sleep(2)
        assert [results[q]["status"] for q in queued] == ["SUCCESS", "SUCCESS"], results
        first, second = sorted(results.values(), key=lambda r: r["startTime"])
        assert first["endTime"] <= second["startTime"]  # one after the other, never at once
    finally:
        stop(daemon)
        stop(webserver)
