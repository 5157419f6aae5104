"""Assets grouped by layer: extract (raw/<source>), dbt (staging, intermediate, marts), analysis, publish; and the
asset checks beyond dbt's tests (the great-expectations suite)."""
