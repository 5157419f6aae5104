-- New firms per 1,000 inhabitants aged 15-64:
--   ent_new_firms_per_1000 = new firms (the panel dataset covering all 21 län, new method) x 1000
--                            / mean population aged 15-64 of the year (one release)
with firms as (
    {{ panel_values('ent_new_firms') }}
)

select
    'ent_new_firms_per_1000' as indicator_id,
    f.region_code,
    f.year as period_start,
    f.year as period_end,
    '' as breakdown,
    f.value * 1000 / p.mean_population as value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    'per_1000_inhabitants' as unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    'computed from ' || f.citation || ' / ' || p.citation as citation,
    f.flags,
    'derived' as source_id,
    'derived:ent_new_firms_per_1000:' || f.dataset_id || '+' || p.dataset_id as dataset_id,
    'derived:ent_new_firms_per_1000#' || f.dataset_id || '+' || p.dataset_id || ':' || f.region_code || ':' || f.year as source_ref,
    f.vintage || '; population: ' || p.vintage as vintage,
    cast(null as date) as retrieved_at,
    p.source_priority
from firms as f
join {{ ref('int_population_means') }} as p
    on p.region_code = f.region_code and p.year = f.year and p.breakdown = 'age=15-64'
