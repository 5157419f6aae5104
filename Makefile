# METRIC warehouse: one entry point for users, developers and CI.
#   make run    set up .venv, prepare the dbt manifest, materialise every asset on the embedded snapshot
#               (SELECT='key:raw/ukae+' for a subset; WAIT=1 waits for a refresh already running instead of
#               refusing), recorded in DAGSTER_HOME's instance
#   make rebuild  a new warehouse from the snapshot and every recorded vintage (a damaged warehouse, no good copy)
#   make test   set up the same way and run the whole test suite (what .ci/run calls)
#   make test-fast  the suite without the end-to-end tier (no pipeline runs)
#   make docs   dbt's documentation as one offline page, data/publish/docs.html
#   make dev    start the Dagster UI on http://127.0.0.1:3000
#   make bench, make bench-scale   the speed and memory benchmarks (orchestration/cli/bench.py, bench_scale.py)
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DBT    := $(BIN)/dbt --quiet
DBT_DIRS := --project-dir dbt_project --profiles-dir dbt_project
export PATH := $(abspath $(BIN)):$(PATH)
export GX_ANALYTICS_ENABLED := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DAGSTER_HOME ?= $(abspath .dagster_home)
# the instance settings copied into a new DAGSTER_HOME: SQLite on one machine, or orchestration/dagster_postgres.yaml
# for an instance a team shares (docs/operations.md)
DAGSTER_YAML ?= orchestration/dagster.yaml

.PHONY: setup manifest run rebuild docs test test-fast dev bench bench-scale snapshot-refresh clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "METRIC warehouse needs Python 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# dbt's manifest, read by dagster-dbt: parsed again only when a dbt file changed (partial parsing keeps it cheap).
MANIFEST := dbt_project/target/manifest.json
DBT_FILES := $(shell find dbt_project/models dbt_project/seeds dbt_project/macros dbt_project/tests -type f) \
	dbt_project/dbt_project.yml dbt_project/profiles.yml

manifest: $(MANIFEST)

$(MANIFEST): $(STAMP) $(DBT_FILES)
	$(DBT) parse $(DBT_DIRS)
	touch $(MANIFEST)

$(DAGSTER_HOME)/dagster.yaml: $(DAGSTER_YAML)
	mkdir -p $(DAGSTER_HOME)
	cp $(DAGSTER_YAML) $@

run: manifest $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m orchestration.cli.run $(if $(SELECT),--select '$(SELECT)') $(if $(WAIT),--wait)

# A new warehouse from the snapshot and every recorded vintage in data/vintages/ (for a damaged warehouse with no
# good copy beside it: orchestration/cli/rebuild.py), then the rest of the graph.
rebuild: manifest $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m orchestration.cli.rebuild

# dbt's documentation (models, columns, tests, lineage) as one offline page, data/publish/docs.html; every refresh
# publishes it too (the publish/docs asset).
docs: manifest $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m orchestration.cli.run --select 'key:publish/docs'

test: manifest
	$(BIN)/python -m pytest

test-fast: manifest
	$(BIN)/python -m pytest -m "not e2e"

# The UI and the daemon (schedules, sensors) on the instance in DAGSTER_HOME (orchestration/cli/dev.py); Ctrl-C stops both.
dev: manifest $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m orchestration.cli.dev 127.0.0.1 3000

bench: manifest
	$(BIN)/python -m orchestration.cli.bench

# The pipeline on a synthetic panel 290 kommuner x 30 years x 60 indicators + 100,000 survey answers, in a temporary
# warehouse, never published (orchestration/cli/bench_scale.py).
bench-scale: manifest
	$(BIN)/python -m orchestration.cli.bench_scale

# Record a live run of the registry's API tables into data/snapshot/ (needs the internet).
snapshot-refresh: setup
	$(BIN)/python -m orchestration.cli.snapshot_refresh

clean:
	rm -rf data/warehouse data/publish data/.publish.releases data/vintages dbt_project/target dbt_project/logs .dagster_home tests/artifacts
