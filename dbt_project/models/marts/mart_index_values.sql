-- The composite index's input (analysis/index): for each level the index judges (seeds/index_indicators) and each
-- of its series, the regions' usable values (the preferred dataset; an unconfirmed anomaly is missing) and the
-- aggregates' values: Riket (00) at every level and the EU (EU27) at the European level, each chosen so that it is
-- the total its regions make up:
--   aggregate_of_regions      the regions' numerators and denominators summed (flags aggregated_from_lan,
--                             aggregated_from_nuts2, summed_from_lan), wherever every region has a usable value;
--   published_total           the publisher's national or EU figure, where a region is missing (suppressed or
--                             flagged), so that only that region loses its value;
--   by_definition             an index whose EU value is 100 by its publisher's definition;
--   approximate_aggregate     a rate weighted by a proxy of its denominator (aggregated_from_nuts2_approximate),
--                             where none of these exists.
-- The regions of a level: the 21 län (county), Sweden's 8 NUTS2 regions (nuts2), the EU's NUTS2 regions of NUTS
-- 2021, Sweden's among them (europe). A value for several years (a published average) enters at its last year at
-- the European level only. The margin of error of a value (the EQI's) comes with it where index_indicators names
-- its margin indicator.
with series as (
    select
        s.region_code,
        r.region_level,
        s.series_id,
        s.indicator_id,
        s.breakdown,
        s.dimension_id,
        s.polarity,
        s.unit,
        u.is_current_prices,
        u.is_ratio_scale,
        s.period_start,
        s.period_end as year,
        s.value,
        s.dataset_id,
        s.vintage,
        s.flags,
        s.source_priority,
        s.is_preferred
    from {{ ref('mart_series_values') }} as s
    join {{ ref('dim_region') }} as r using (region_code)
    join {{ ref('units') }} as u using (unit)
    where s.is_usable and s.qualifier = 'exact'
),

members (index_level, region_level) as (
    values ('county', 'county'), ('nuts2', 'nuts2'), ('europe', 'nuts2'), ('europe', 'europe_nuts2')
),

judged as (
    select s.*, i.level as index_level, i.content, i.margin_indicator_id
    from series as s
    join {{ ref('index_indicators') }} as i
        on i.indicator_id = s.indicator_id and coalesce(i.breakdown, '') = s.breakdown
    where s.period_start = s.year or i.level = 'europe'
),

regions as (
    select j.*, cast(null as varchar) as aggregate_basis
    from judged as j
    join members as m on m.index_level = j.index_level and m.region_level = j.region_level
    where j.is_preferred
),

aggregates as (
    select
        *,
        case
            when flags like '%approximate%' then 'approximate_aggregate'
            when flags = 'eu_reference_by_definition' then 'by_definition'
            when flags like 'aggregated_from_%' or flags like 'summed_from_lan%' then 'aggregate_of_regions'
            else 'published_total'
        end as aggregate_basis
    from judged
    where region_code = '00' or (index_level = 'europe' and region_code = 'EU27')
    qualify row_number() over (
        partition by index_level, region_code, series_id, year
        order by case aggregate_basis when 'aggregate_of_regions' then 1 when 'published_total' then 2
                                      when 'by_definition' then 3 else 4 end,
                 not is_preferred, source_priority, dataset_id
    ) = 1
),

margins as (
    select region_code, indicator_id, period_start as year, value as margin
    from {{ ref('fct_indicator_values') }}
    where is_preferred and breakdown = '' and period_start = period_end and value_kind = 'figure'
)

select
    v.index_level,
    v.region_code,
    v.region_level,
    v.series_id,
    v.indicator_id,
    v.breakdown,
    v.dimension_id,
    v.content,
    v.polarity,
    v.unit,
    v.is_current_prices,
    v.is_ratio_scale,
    v.period_start,
    v.year,
    v.value,
    m.margin,
    v.aggregate_basis,
    v.dataset_id,
    v.vintage
from (select * from regions union all by name select * from aggregates) as v
left join margins as m
    on m.indicator_id = v.margin_indicator_id and m.region_code = v.region_code and m.year = v.year
