"""METRIC's statistics as plain functions on pandas objects: no Dagster, no DuckDB, testable and reusable alone."""
