-- The time series the analysis reads: every preferred figure of a time-series indicator, for every region, with
-- the series id (indicator, plus [breakdown] where it has one), its dimension and polarity. The analysis assets
-- filter it to the selected region.
select
    f.region_code,
    case when f.breakdown = '' then f.indicator_id else f.indicator_id || '[' || f.breakdown || ']' end as series_id,
    f.indicator_id,
    f.breakdown,
    i.dimension_id,
    i.polarity,
    f.period_start,
    f.period_end,
    f.value,
    f.qualifier,
    f.dataset_id,
    f.vintage
from {{ ref('fct_indicator_values') }} as f
join {{ ref('dim_indicator') }} as i using (indicator_id)
where f.is_preferred
  and f.value_kind = 'figure'
  and i.is_time_series
  and i.polarity <> 0  -- context (population, area) is a denominator, not a measure of innovation capacity
