-- Every cell of every statistical table (raw.table_cells: json-stat2, Eurostat, Kolada, Tillväxtanalys, SCB files,
-- with the publisher's own codes and flags) whose
-- source, measure and other dimensions the table_series seed maps to a catalogue indicator, in the long staging
-- contract. Cells of measures the seed does not map stay in raw and are not staged, and so do the cells of regions a
-- NUTS version change left out (status left_out: a split, merged or changed region, a NUTS1 or national value on a
-- region's row; mart_regions_left_out lists them). A period is a year or a range of years (YYYY-YYYY: an average).
select
    s.indicator_id,
    c.region_code,
    cast(split_part(c.period, '-', 1) as integer) as period_start,
    cast(coalesce(nullif(split_part(c.period, '-', 2), ''), split_part(c.period, '-', 1)) as integer) as period_end,
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
where c.status is distinct from 'left_out'
