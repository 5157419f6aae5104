-- The regions a comparison leaves out, and why: cells whose region a NUTS version change left out (split, merged or
-- with a changed boundary since the file's NUTS version; a NUTS1 or national value repeated on a NUTS2 region's row),
-- kept in raw.table_cells with status left_out and never staged, one row per source, dataset, code and measure.
select
    c.source_id,
    c.dataset_code,
    c.region_code as original_code,
    any_value(c.region_label) as reason,
    c.measure,
    count(*) as n_cells,
    min(c.period) as first_period,
    max(c.period) as last_period
from {{ source('raw', 'table_cells') }} as c
where c.status = 'left_out'
group by c.source_id, c.dataset_code, c.region_code, c.measure
order by c.source_id, c.dataset_code, c.region_code, c.measure
