-- Every published figure and statement of every source (raw.published_figures: figures CSV files, inbox drops and
-- live tables parsed to figures) in the long staging contract. The parser has checked syntax and shape.
select
    {{ figure_columns() }},
    cast(null as varchar) as flags,
    {{ provenance_columns('f', 'source_row', 'row') }}
from {{ source('raw', 'published_figures') }} as f
