-- What each of the EU's NUTS2 regions (Sweden's among them) is like, not how it performs: the variables the European
-- peers are chosen on (analysis.europe_peers), one row per region and variable, every value published or computed
-- from published values:
--   population_density              the population of 2020 (RCI, JRC-ARDECO) / the area of the NUTS 2021 boundaries
--                                   at 1:20 million (GISCO; within a few per cent), inhabitants per km2;
--   gdp_per_inhabitant_pps_eu27_100 GDP per inhabitant in PPS (EU-27 = 100), the mean of 2018-2020 (RCI);
--   market_potential_population     the population reachable by travel time (EU-27 = 100), 2020 (RCI): remoteness;
--   employment_share_k_n            employment in NACE K-N, per cent, average 2017-2019 (RCI): the sector mix.
with regions as (
    select region_code from {{ ref('dim_region') }} where region_level in ('nuts2', 'europe_nuts2')
),

values_ as (
    select indicator_id, region_code, period_start, period_end, value, dataset_id, citation
    from {{ ref('fct_indicator_values') }}
    where value_kind = 'figure' and qualifier = 'exact' and breakdown = '' and value is not null
      and dataset_id in ('rci2022_raw_indicators_eu27', 'rci2022_population_gdp', 'NUTS_RG_20M_2021_4326_LEVL_2_EU27')
),

population as (
    select region_code, value, citation from values_
    where indicator_id = 'ctx_population' and dataset_id = 'rci2022_population_gdp' and period_start = 2020
),

area as (
    select region_code, value, citation from values_
    where indicator_id = 'ctx_area' and dataset_id = 'NUTS_RG_20M_2021_4326_LEVL_2_EU27'
),

variables as (
    select p.region_code, 'population_density' as variable, '2020' as period, p.value / a.value as value,
           p.citation || ' / ' || a.citation as citation
    from population as p join area as a using (region_code)
    union all
    -- the mean over a list in year order: the same bits every run (a parallel avg may add in any order)
    select region_code, 'gdp_per_inhabitant_pps_eu27_100', '2018-2020', list_avg(list(value order by period_start)),
           min(citation)
    from values_
    where indicator_id = 'ctx_gdp_per_inhabitant_pps_eu27_index' and period_start between 2018 and 2020
    group by region_code
    having count(*) = 3
    union all
    select region_code, 'market_potential_population', cast(period_end as varchar), value, citation
    from values_ where indicator_id = 'ctx_market_potential_population'
    union all
    select region_code, 'employment_share_k_n', period_start || '-' || period_end, value, citation
    from values_ where indicator_id = 'ctx_employment_share_k_n'
)

select v.region_code, v.variable, v.period, v.value, v.citation
from variables as v
join regions as r using (region_code)
order by v.region_code, v.variable
