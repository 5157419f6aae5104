-- Every cell of every statistical table (raw.table_cells: json-stat2, Eurostat, Kolada, Tillväxtanalys, SCB files,
-- with the publisher's own codes and flags) whose
-- source, measure and other dimensions the table_series seed maps to a catalogue indicator, in the long staging
-- contract. Cells of measures the seed does not map stay in raw and are not staged.
select
    s.indicator_id,
    c.region_code,
    cast(c.period as integer) as period_start,
    cast(c.period as integer) as period_end,
    coalesce(s.breakdown, '') as breakdown,
    c.value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    s.unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    c._file_citation as citation,
    c.status as flags,
    {{ provenance_columns('c', 'source_cell', 'cell') }}
from {{ source('raw', 'table_cells') }} as c
join {{ ref('table_series') }} as s
    on s.source_id = c.source_id
    and (s.dataset_code is null or s.dataset_code = c.dataset_code)
    and s.measure = c.measure
    and coalesce(s.dimensions, '') = coalesce(c.dimensions, '')
