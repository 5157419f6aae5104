{{ config(meta={"dagster": {"ref": {"name": "dim_indicator"}}}) }}
-- Every catalogue indicator has at least one row: a figure, or the report's qualitative statement.
select indicator_id, dimension_id
from {{ ref('dim_indicator') }}
where n_figures + n_statements = 0
