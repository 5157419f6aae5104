-- All indicator values, long, enriched from the catalogue, with flags, provenance and the choice the marts use:
-- where several files give the same (indicator, region, period, breakdown), the file with the lowest
-- source_priority in data/snapshot/MANIFEST.csv is preferred (the METRIC report's own figures first). Survey
-- shares carry their 95 % interval, n and design effect (int_survey_intervals); a value that is a data question
-- (int_value_anomalies) carries its anomaly and whether it was confirmed.
with values_ as (
    select * from {{ ref('int_indicator_values') }}
    -- synthetic demonstration estimates stay out of the marts (and everything published) unless asked for
    where not coalesce(is_synthetic, false) or {{ var('include_synthetic') }}
),

catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

intervals as (
    select * from {{ ref('int_survey_intervals') }}
),

anomalies as (
    select * from {{ ref('int_value_anomalies') }}
)

select
    md5(concat_ws('|', v.indicator_id, v.region_code, v.period_start, v.period_end, v.breakdown, v.dataset_id))
        as value_id,
    v.indicator_id,
    c.dimension_id,
    v.region_code,
    v.period_start,
    v.period_end,
    case when v.period_start = v.period_end then v.period_start end as year,
    v.breakdown,
    v.value,
    v.value_high,
    v.qualifier,
    case when v.qualifier = 'qualitative' then 'qualitative' else 'figure' end as value_kind,
    v.unit,
    v.base,
    coalesce(v.n_respondents, s.n_respondents) as n_respondents,
    s.n_respondents_basis,
    s.design_effect,
    s.se,
    s.ci_low,
    s.ci_high,
    s.interval_note,
    s.interval_covers,
    v.statement,
    v.flags,
    a.anomaly,
    coalesce(a.is_confirmed, false) as anomaly_confirmed,
    a.confirmation as anomaly_confirmation,
    coalesce(c.frequency = 'one_off_survey', false) as is_estimate,
    coalesce(v.is_synthetic, false) as is_synthetic,
    v.source_id,
    v.dataset_id,
    v.source_ref,
    v.citation,
    v.vintage,
    v.retrieved_at,
    v.source_priority,
    row_number() over (
        partition by v.indicator_id, v.region_code, v.period_start, v.period_end, v.breakdown
        order by v.source_priority, v.dataset_id
    ) = 1 as is_preferred
from values_ as v
left join catalogue as c using (indicator_id)
left join intervals as s using (indicator_id, region_code, period_start, period_end, breakdown, dataset_id)
left join anomalies as a
    on a.indicator_id = v.indicator_id and a.region_code = v.region_code and a.year = v.period_start
    and v.period_end = v.period_start and a.breakdown = v.breakdown and a.dataset_id = v.dataset_id
