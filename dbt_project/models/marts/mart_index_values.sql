-- The composite index's input (analysis/index): for each level the index judges (seeds/index_indicators) and each
-- of its series, the regions' usable single-year values (the preferred dataset; an unconfirmed anomaly is missing)
-- and Riket's value chosen so that Riket is the total its regions make up:
--   aggregate_of_regions      the regions' numerators and denominators summed (flags aggregated_from_lan,
--                             aggregated_from_nuts2, summed_from_lan), wherever every region has a usable value;
--   published_national_total the publisher's national figure, where a region is missing (suppressed or flagged),
--                             so that only that region loses its value;
--   approximate_aggregate     a NUTS2 rate weighted by a proxy of its denominator (aggregated_from_nuts2_approximate),
--                             where neither exists.
-- The margin of error of a value (the EQI's) comes with it where index_indicators names its margin indicator.
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
        s.period_start as year,
        s.value,
        s.dataset_id,
        s.vintage,
        s.flags,
        s.source_priority,
        s.is_preferred
    from {{ ref('mart_series_values') }} as s
    join {{ ref('dim_region') }} as r using (region_code)
    join {{ ref('units') }} as u using (unit)
    where s.is_usable and s.qualifier = 'exact' and s.period_start = s.period_end
),

judged as (
    select s.*, i.level as index_level, i.content, i.margin_indicator_id
    from series as s
    join {{ ref('index_indicators') }} as i
        on i.indicator_id = s.indicator_id and coalesce(i.breakdown, '') = s.breakdown
),

regions as (
    select *, cast(null as varchar) as riket_basis
    from judged
    where region_level = index_level and is_preferred
),

riket as (
    select
        *,
        case
            when flags like '%approximate%' then 'approximate_aggregate'
            when flags like 'aggregated_from_%' or flags like 'summed_from_lan%' then 'aggregate_of_regions'
            else 'published_national_total'
        end as riket_basis
    from judged
    where region_level = 'country'
    qualify row_number() over (
        partition by index_level, series_id, year
        order by case riket_basis when 'aggregate_of_regions' then 1 when 'published_national_total' then 2 else 3 end,
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
    v.year,
    v.value,
    m.margin,
    v.riket_basis,
    v.dataset_id,
    v.vintage
from (select * from regions union all by name select * from riket) as v
left join margins as m
    on m.indicator_id = v.margin_indicator_id and m.region_code = v.region_code and m.year = v.year
