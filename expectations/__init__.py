"""great-expectations suites for the warehouse and the runner the Dagster asset checks call (GX 1.x, pandas)."""
