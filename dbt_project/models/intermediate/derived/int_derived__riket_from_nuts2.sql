-- Riket's (and the NUTS1 regions') value of rates published only for the NUTS2 regions, so Riket can be scored on
-- the same indicators as the regions: the NUTS2 values weighted by the rate's own denominator (nuts2_aggregates).
--   exact where the weight is the denominator: a share of the population weighted by population (HRST);
--   approximate, flagged so, where the publisher's denominator is not published: a share of LFS employment weighted
--   by national-accounts employment (R&D personnel, high-tech manufacturing), households' broadband weighted by
--   population, and the EQI (a survey index) weighted by population.
with rules (indicator_id, breakdown, weight_indicator, flag) as (
    values
        ('hc_hrst_share', '', 'ctx_population', 'aggregated_from_nuts2'),
        ('fou_rd_personnel_share', 'sector=business', 'ctx_employment', 'aggregated_from_nuts2_approximate'),
        ('tech_high_tech_manufacturing_share', '', 'ctx_employment', 'aggregated_from_nuts2_approximate'),
        ('inf_broadband_households', '', 'ctx_population', 'aggregated_from_nuts2_approximate'),
        ('lr_eqi', '', 'ctx_population', 'aggregated_from_nuts2_approximate')
),

rates as (
    select ru.indicator_id, ru.flag, ru.weight_indicator, v.*
    from rules as ru
    join ({{ usable_values_all() }}) as v on v.indicator_id = ru.indicator_id and v.breakdown = ru.breakdown
    join {{ ref('regions') }} as r on r.region_code = v.region_code and r.region_level = 'nuts2'
),

weights as (
    select indicator_id as weight_indicator, region_code, year, value as weight, dataset_id as weight_dataset_id,
           vintage as weight_vintage, citation as weight_citation
    from ({{ usable_values_all() }})
    where indicator_id in ('ctx_population', 'ctx_employment') and breakdown = ''
),

parts as (
    select
        r.region_code,
        r.year,
        r.breakdown,
        r.value,
        w.weight,
        r.indicator_id || '|' || r.flag || '|' || r.dataset_id || '+' || w.weight_dataset_id as dataset_id,
        r.vintage || '; weights: ' || w.weight_vintage as vintage,
        r.citation || ' / ' || w.weight_citation as citation,
        r.source_priority
    from rates as r
    join weights as w
        on w.weight_indicator = r.weight_indicator and w.region_code = r.region_code and w.year = r.year
),

aggregated as (
    {{ nuts2_aggregates('parts') }}
)

select
    split_part(a.dataset_id, '|', 1) as indicator_id,
    a.region_code,
    a.year as period_start,
    a.year as period_end,
    a.breakdown,
    a.value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    c.unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    'computed from ' || a.citation as citation,
    split_part(a.dataset_id, '|', 2) as flags,
    'derived' as source_id,
    'derived:' || split_part(a.dataset_id, '|', 1) || ':' || split_part(a.dataset_id, '|', 3) || ':aggregated_from_nuts2'
        as dataset_id,
    'derived:' || split_part(a.dataset_id, '|', 1) || '#' || split_part(a.dataset_id, '|', 3) || ':' || a.region_code
        || ':' || a.year || case when a.breakdown = '' then '' else ':' || a.breakdown end as source_ref,
    a.vintage,
    cast(null as date) as retrieved_at,
    a.source_priority
from aggregated as a
join {{ ref('indicator_catalogue') }} as c on c.indicator_id = split_part(a.dataset_id, '|', 1)
