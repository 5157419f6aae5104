"""Assets grouped by layer: extract (raw/<source>), dbt (staging, intermediate, marts), analysis, publish."""
