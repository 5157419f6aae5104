{#
  Stage a raw table loaded from published-figures CSV files (orchestration/sources/figures_csv.py documents the
  format) into the long contract shared by every staging model.
#}
{% macro stage_figures(source_name, table_name) %}
select
    indicator_id,
    region_code,
    cast(period_start as integer) as period_start,
    cast(period_end as integer) as period_end,
    coalesce(breakdown, '') as breakdown,
    cast(value as double) as value,
    cast(value_high as double) as value_high,
    qualifier,
    unit,
    base,
    cast(n_respondents as integer) as n_respondents,
    statement,
    citation,
    {{ provenance_columns(source_name, 'source_row', 'row') }}
from {{ source(source_name, table_name) }}
{% endmacro %}
