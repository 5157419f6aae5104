-- Published single-year figures that are a data question before they are an input: within one series (indicator,
-- region, breakdown, dataset) of at least three observations,
--   zero_among_positives: a value of 0 where every other observation of the series is positive (a suppressed
--                         value written as 0, e.g. Kolada's higher-education R&D for Gotland in 2019);
--   outside_own_series:   a positive value whose log differs from the mean log of its two neighbouring
--                         observations by more than ln(anomaly_jump_factor) while the neighbours agree within
--                         ln(anomaly_neighbour_factor) (a spike, e.g. a misallocation between two län); a count
--                         must also lie more than 3 Poisson standard deviations, 3 sqrt(m), from the neighbours'
--                         mean m (1, 3, 1 patent applications is noise, not an error).
-- Units that may legitimately be zero or negative (changes) are not checked. A flagged value stays in the marts
-- with its flag; the derived indicators and the analysis treat it as missing until the seed confirmed_values
-- confirms it (is_confirmed), and the dbt test assert_value_anomalies_confirmed reports every unconfirmed one.
with figures as (
    select indicator_id, region_code, breakdown, dataset_id, period_start as year, value, unit, source_ref
    from {{ ref('int_published_values') }}
    where period_start = period_end and qualifier = 'exact' and value is not null
      and unit not in ('percent_change', 'percentage_points', 'eqi_score')
),

series as (
    select
        *,
        lag(value) over w as previous_value,
        lead(value) over w as next_value,
        count(*) over s as n_observations,
        count(*) filter (where value > 0) over s as n_positive
    from figures
    window w as (partition by indicator_id, region_code, breakdown, dataset_id order by year),
           s as (partition by indicator_id, region_code, breakdown, dataset_id)
),

flagged as (
    select
        *,
        case
            when value = 0 and n_positive = n_observations - 1 and n_positive >= 2 then 'zero_among_positives'
            when value > 0 and previous_value > 0 and next_value > 0
                 and abs(ln(value) - (ln(previous_value) + ln(next_value)) / 2) > ln({{ var('anomaly_jump_factor') }})
                 and abs(ln(previous_value) - ln(next_value)) < ln({{ var('anomaly_neighbour_factor') }})
                 and (unit <> 'count' or abs(value - (previous_value + next_value) / 2)
                      > 3 * sqrt((previous_value + next_value) / 2))
                then 'outside_own_series'
        end as anomaly
    from series
    where n_observations >= 3
)

select
    f.indicator_id,
    f.region_code,
    f.year,
    f.breakdown,
    f.dataset_id,
    f.value,
    f.previous_value,
    f.next_value,
    f.anomaly,
    f.source_ref,
    c.indicator_id is not null as is_confirmed,
    c.confirmed_by,
    c.reason as confirmation
from flagged as f
left join {{ ref('confirmed_values') }} as c
    on c.indicator_id = f.indicator_id and c.region_code = f.region_code and c.year = f.year
    and coalesce(c.breakdown, '') = f.breakdown
where f.anomaly is not null
