-- Where each region stands: per indicator, breakdown, year and region (län, or NUTS2 for indicators published only
-- for NUTS2), the value, Riket's value, the index to Riket (= 100), the rank among the regions of the same level
-- (1 = best, polarity-aware; ties share the best rank, as SQL rank()), the percentile (100 = best, 0 = worst) and
-- the distance to the median region. A rank needs values for at least two thirds of the regions of the level (14 of
-- the 21 län, 6 of the 8 NUTS2 regions); context indicators (polarity 0) are ranked by size. Values published for a
-- single region are left out.
with level_sizes as (
    select region_level, count(*) as n_level from {{ ref('dim_region') }} group by region_level
),

values_ as (
    select
        f.indicator_id,
        i.dimension_id,
        i.name_sv as indicator_name_sv,
        i.name_en as indicator_name_en,
        i.polarity,
        f.unit,
        f.breakdown,
        f.year,
        f.region_code,
        r.region_name,
        r.region_level,
        r.is_selected,
        f.value,
        f.flags,
        f.dataset_id,
        f.citation
    from {{ ref('fct_indicator_values') }} as f
    join {{ ref('dim_indicator') }} as i using (indicator_id)
    join {{ ref('dim_region') }} as r using (region_code)
    where f.is_preferred
      and f.value_kind = 'figure'
      and f.qualifier = 'exact'
      and f.year is not null
),

riket as (
    select indicator_id, breakdown, year, value as riket_value
    from values_
    where region_code = '00'
),

peers as (
    select
        *,
        count(*) over peer_group as n_regions,
        rank() over (peer_group order by case when polarity = -1 then value else -value end) as raw_rank,
        median(value) over peer_group as median_value
    from values_
    where region_level in ('county', 'nuts2')
    window peer_group as (partition by indicator_id, breakdown, year, region_level)
)

select
    p.indicator_id,
    p.dimension_id,
    p.indicator_name_sv,
    p.indicator_name_en,
    p.polarity,
    p.unit,
    p.breakdown,
    p.year,
    p.region_code,
    p.region_name,
    p.region_level,
    p.is_selected,
    p.value,
    k.riket_value,
    case when k.riket_value <> 0 then 100 * p.value / k.riket_value end as index_riket,
    p.n_regions,
    case when 3 * p.n_regions >= 2 * l.n_level then p.raw_rank end as rank,
    case when 3 * p.n_regions >= 2 * l.n_level
        then round(100.0 * (p.n_regions - p.raw_rank) / (p.n_regions - 1), 1) end as percentile,
    p.median_value,
    p.value - p.median_value as distance_to_median,
    p.flags,
    p.dataset_id,
    p.citation
from peers as p
left join riket as k using (indicator_id, breakdown, year)
join level_sizes as l using (region_level)
where p.n_regions >= 2  -- a value published for one region only has nothing to be compared with
order by p.indicator_id, p.breakdown, p.year, p.region_level, p.raw_rank
