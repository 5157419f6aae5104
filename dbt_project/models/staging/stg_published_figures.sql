-- Every published figure and statement of every source (raw.published_figures: figures CSV files, inbox drops and
-- live tables parsed to figures) in the long staging contract. The parser has checked syntax and shape.
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
    cast(null as varchar) as flags,
    {{ provenance_columns('f', 'source_row', 'row') }}
from {{ source('raw', 'published_figures') }} as f
