-- The EU's (EU27) and Sweden's (00) values of the European index's indicators where the publisher gives none: the
-- weighted mean of their regions' values, weighted as index_indicators.aggregate_weight says:
--   population  the population of 2020 (the Regional Competitiveness Index's weights, JRC-ARDECO): exact for a rate
--               per inhabitant, approximate for a share of another group (households, employed, 25-34-year-olds);
--   gdp         the GDP of 2020 (population x GDP per inhabitant in PPS): a share of GDP;
--   definition  an index whose EU value is 100 by its publisher's definition (the EU's value is 100, stated so;
--               Sweden's is its regions' population-weighted mean, as the index's EU value is the EU regions').
-- The EU's territory is its NUTS2 regions and the RCI's merged capital areas (which replace 15 of them; the weights
-- are the RCI's, so a value of one of those 15 regions has none); an aggregate needs values for at least two thirds
-- of the EU's weight (as a usable year needs two thirds of the regions) or all of Sweden's, and says how much it
-- covers (dataset_id). Sweden's is computed for the RCI's indicators only (the others have Riket's value already). Flags: aggregated_from_nuts2_approximate (a weighted mean), eu_reference_by_definition (100).
with indicators as (
    select indicator_id, coalesce(breakdown, '') as breakdown, aggregate_weight
    from {{ ref('index_indicators') }}
    where level = 'europe'
),

units as (
    select region_code, region_level, country_code,
           case when country_code = 'SE' and region_level = 'nuts2' then true else false end as is_swedish
    from {{ ref('regions') }}
    where region_level in ('nuts2', 'europe_nuts2', 'europe_merged')
),

rci_weights as (
    select
        region_code,
        max(value) filter (where indicator_id = 'ctx_population') as population,
        max(value) filter (where indicator_id = 'ctx_population')
            * max(value) filter (where indicator_id = 'ctx_gdp_per_inhabitant_pps_eu27_index') as gdp
    from {{ ref('int_published_values') }}
    where dataset_id = 'rci2022_population_gdp' and period_start = 2020
      and indicator_id in ('ctx_population', 'ctx_gdp_per_inhabitant_pps_eu27_index') and breakdown = ''
    group by region_code
),

weighted_units as (
    select u.*, w.population, w.gdp
    from units as u
    join rci_weights as w using (region_code)
),

values_ as (
    select v.indicator_id, v.region_code, v.period_start, v.period_end, v.breakdown, v.value, v.dataset_id, v.vintage,
           v.citation, v.source_priority, i.aggregate_weight
    from {{ ref('int_published_values') }} as v
    join indicators as i on i.indicator_id = v.indicator_id and i.breakdown = v.breakdown
    where v.qualifier = 'exact' and v.value is not null
      and not exists (
        select 1 from {{ ref('int_value_anomalies') }} as a
        where a.indicator_id = v.indicator_id and a.region_code = v.region_code and a.year = v.period_start
          and a.breakdown = v.breakdown and a.dataset_id = v.dataset_id and not a.is_confirmed
      )
),

parts as (
    select
        a.code as aggregate_code,
        v.*,
        case v.aggregate_weight when 'gdp' then u.gdp else u.population end as weight
    from values_ as v
    join weighted_units as u using (region_code)
    cross join (values ('EU27'), ('00')) as a (code)
    where (a.code = 'EU27' and v.aggregate_weight <> 'definition') or (u.is_swedish and v.dataset_id like 'rci%')
),

totals as (
    -- sums in region order: the same bits every run (a parallel sum may add in any order)
    select a.code as aggregate_code, sum(u.population order by u.region_code) as population,
           sum(u.gdp order by u.region_code) as gdp
    from weighted_units as u
    cross join (values ('EU27'), ('00')) as a (code)
    where a.code = 'EU27' or u.is_swedish
    group by a.code
),

aggregated as (
    select
        p.aggregate_code as region_code,
        p.indicator_id,
        p.breakdown,
        p.period_start,
        p.period_end,
        sum(p.value * p.weight order by p.region_code) / sum(p.weight order by p.region_code) as value,
        sum(p.weight order by p.region_code) / any_value(case p.aggregate_weight when 'gdp' then t.gdp else t.population end) as coverage,
        any_value(p.aggregate_weight) as aggregate_weight,
        min(p.dataset_id) as dataset_id,
        min(p.vintage) as vintage,
        min(p.citation) as citation,
        max(p.source_priority) + 10 as source_priority,
        count(*) as n_regions
    from parts as p
    join totals as t using (aggregate_code)
    group by p.aggregate_code, p.indicator_id, p.breakdown, p.period_start, p.period_end, p.dataset_id
),

kept as (
    select *
    from aggregated
    where (region_code = 'EU27' and coverage >= 2 / 3) or (region_code = '00' and coverage >= 1 - 1e-9)
),

by_definition as (
    select distinct
        'EU27' as region_code, v.indicator_id, v.breakdown, v.period_start, v.period_end, 100.0 as value,
        v.dataset_id, v.vintage, v.citation, v.source_priority
    from {{ ref('int_published_values') }} as v
    join indicators as i on i.indicator_id = v.indicator_id and i.breakdown = v.breakdown
    where i.aggregate_weight = 'definition' and v.qualifier = 'exact'
)

select
    k.indicator_id,
    k.region_code,
    k.period_start,
    k.period_end,
    k.breakdown,
    k.value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    c.unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    'computed from ' || k.citation as citation,
    'aggregated_from_nuts2_approximate' as flags,
    'derived' as source_id,
    'derived:' || k.indicator_id || ':' || k.dataset_id || ':' || k.aggregate_weight || '_weighted:'
        || k.n_regions || '_regions:' || cast(round(100 * k.coverage, 1) as varchar) || '_pct' as dataset_id,
    'derived:' || k.indicator_id || '#' || k.dataset_id || ':' || k.region_code || ':' || k.period_end as source_ref,
    k.vintage || '; weights: RCI 2022 population and GDP 2020' as vintage,
    cast(null as date) as retrieved_at,
    k.source_priority
from kept as k
join {{ ref('indicator_catalogue') }} as c using (indicator_id)
union all by name
select
    d.indicator_id,
    d.region_code,
    d.period_start,
    d.period_end,
    d.breakdown,
    d.value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    c.unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    'by definition: ' || d.citation as citation,
    'eu_reference_by_definition' as flags,
    'derived' as source_id,
    'derived:' || d.indicator_id || ':' || d.dataset_id || ':eu_reference' as dataset_id,
    'derived:' || d.indicator_id || '#' || d.dataset_id || ':EU27:' || d.period_end as source_ref,
    d.vintage,
    cast(null as date) as retrieved_at,
    d.source_priority + 10 as source_priority
from by_definition as d
join {{ ref('indicator_catalogue') }} as c using (indicator_id)
