-- METRIC's dimensions (and the report's general section) with the number of catalogue indicators in each.
select
    d.dimension_id,
    d.dimension_no,
    d.name_sv,
    d.name_en,
    d.report_section,
    count(c.indicator_id) as n_indicators
from {{ ref('dimensions') }} as d
left join {{ ref('indicator_catalogue') }} as c using (dimension_id)
group by all
