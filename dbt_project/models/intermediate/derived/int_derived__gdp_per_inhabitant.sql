-- GRP per inhabitant (SEK) and its index to Riket (= 100), for every region, year and population release:
--   mk_gdp_per_inhabitant       = GDP (mnkr) x 1e6 / mean population of the year
--   mk_gdp_per_inhabitant_index = 100 x GRP per inhabitant / Riket's GRP per inhabitant (same year and release)
-- GDP comes from the panel dataset that covers all 21 län (Eurostat's regional accounts), so every region is
-- measured alike; each population release gives its own rows (is_preferred picks the release by priority).
with gdp as (
    {{ panel_values('fou_brp') }}
),

per_inhabitant as (
    select
        g.region_code,
        g.year,
        g.value * 1e6 / p.mean_population as value,
        g.dataset_id as gdp_dataset_id,
        p.dataset_id as population_dataset_id,
        p.source_priority,
        g.vintage || '; population: ' || p.vintage as vintage,
        g.citation || ' / ' || p.citation as citation
    from gdp as g
    join {{ ref('int_population_means') }} as p
        on p.region_code = g.region_code and p.year = g.year and p.breakdown = ''
),

both_indicators as (
    select 'mk_gdp_per_inhabitant' as indicator_id, 'sek_per_inhabitant' as unit, region_code, year, value,
           gdp_dataset_id, population_dataset_id, source_priority, vintage, citation
    from per_inhabitant
    union all
    select 'mk_gdp_per_inhabitant_index', 'index_riket_100', r.region_code, r.year, 100 * r.value / riket.value,
           r.gdp_dataset_id, r.population_dataset_id, r.source_priority, r.vintage, r.citation
    from per_inhabitant as r
    join per_inhabitant as riket
        on riket.region_code = '00' and riket.year = r.year
        and riket.gdp_dataset_id = r.gdp_dataset_id and riket.population_dataset_id = r.population_dataset_id
)

select
    indicator_id,
    region_code,
    year as period_start,
    year as period_end,
    '' as breakdown,
    value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    'computed from ' || citation as citation,
    cast(null as varchar) as flags,
    'derived' as source_id,
    'derived:' || indicator_id || ':' || gdp_dataset_id || '+' || population_dataset_id as dataset_id,
    'derived:' || indicator_id || '#' || gdp_dataset_id || '+' || population_dataset_id || ':' || region_code || ':' || year as source_ref,
    vintage,
    cast(null as date) as retrieved_at,
    source_priority
from both_indicators
