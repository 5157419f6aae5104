"""METRIC warehouse: the Dagster code location (assets, checks, resources, schedules)."""
