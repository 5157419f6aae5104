"""Where a refresh writes and how safely (no Dagster imports): the DuckDB warehouse and its transactional writes,
the warehouse file (health, the last good copy, disk space) and the one-writer lock, the atomic publish folder, the
exports, and the one rule for reusing unchanged work."""
