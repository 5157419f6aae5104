"""Readers and parsers for the warehouse's sources (no Dagster imports)."""
