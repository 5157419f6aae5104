-- The time series the analysis reads: every figure of a time-series indicator (context excluded), for every region
-- and every dataset, with the series id (indicator, plus [breakdown] where it has one), its dimension, polarity and
-- unit, the dataset's priority and whether the row is the preferred one. The analysis assets filter it to the
-- selected region (and Riket, for indexing), choose one dataset per series (no splicing) and use the bounds
-- (over/under/range/approx) to constrain filled-in values. A value flagged as an anomaly and not confirmed
-- (int_value_anomalies) is not usable (is_usable false): the analysis treats it as missing.
select
    f.region_code,
    case when f.breakdown = '' then f.indicator_id else f.indicator_id || '[' || f.breakdown || ']' end as series_id,
    f.indicator_id,
    f.breakdown,
    i.dimension_id,
    i.polarity,
    f.unit,
    f.period_start,
    f.period_end,
    f.value,
    f.value_high,
    f.qualifier,
    f.dataset_id,
    f.source_priority,
    f.is_preferred,
    f.vintage,
    f.flags,
    f.anomaly,
    f.anomaly is null or f.anomaly_confirmed as is_usable
from {{ ref('fct_indicator_values') }} as f
join {{ ref('dim_indicator') }} as i using (indicator_id)
where f.value_kind = 'figure'
  and i.is_time_series
  and i.polarity <> 0  -- context (population, area) is a denominator, not a measure of innovation capacity
