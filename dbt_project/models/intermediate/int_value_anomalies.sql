-- Published single-year figures that are a data question before they are an input. Within one series (indicator,
-- region, breakdown, dataset) of at least three observations, each value is read against its own series and
-- against the other regions of the same level (the cross-section: the same indicator, breakdown, dataset and years):
--   zero_among_positives: a value of 0 where every other observation of the series is positive (a suppressed
--                         value written as 0, e.g. Kolada's higher-education R&D for Gotland in 2019);
--   outside_own_series:   an interior value that leaves its two neighbouring observations: its log deviation from
--                         their mean log is an outlier among the other regions' deviations for the same three years
--                         (robust z = (d - median) / (1.4826 MAD) beyond var anomaly_robust_z) and the value lies
--                         beyond both neighbours by var anomaly_spike_factor (a spike, not a level shift; read
--                         where at least var anomaly_min_cross_section regions have the three years), or, read
--                         alone, a jump of ln(var anomaly_jump_factor) while the neighbours agree within
--                         ln(var anomaly_neighbour_factor);
--   endpoint_jump:        a series' first or last value, whose log change from the adjacent observation (the
--                         nearest one that is not itself a spike) is an outlier among the other regions' changes
--                         over the same years (robust z) and larger than ln(var anomaly_endpoint_factor);
--   swapped_pair:         two spikes of the same indicator, year and level in opposite directions whose amounts
--                         (value x population for a per-inhabitant unit, the value for an additive unit: the seed
--                         units' sums_by) add up to what their neighbours lead one to expect, within
--                         var anomaly_swap_tolerance: most likely a misallocation between the two regions
--                         (partner_region_code names the other).
-- A count must also lie more than 3 Poisson standard deviations, 3 sqrt(m), from what it is read against (1, 3, 1
-- patent applications is noise, not an error) and more than two of its series' steps (the smallest change between
-- its observations: employment published in thousands moves in steps of 1,000). Of two neighbouring spikes in one
-- series, the one that leaves the series more is the spike (the other only has it as a neighbour). Units that may legitimately be zero or negative (changes) and
-- indices with their own margin of error are not checked. A flagged value stays in the marts with its flag; the
-- derived indicators and the analysis treat it as missing until the seed confirmed_values confirms it
-- (is_confirmed), and the dbt test assert_value_anomalies_confirmed reports every unconfirmed one.
with figures as (
    select
        v.indicator_id, v.region_code, r.region_level, v.breakdown, v.dataset_id, v.period_start as year, v.value,
        v.unit, u.sums_by, v.source_ref
    from {{ ref('int_published_values') }} as v
    join {{ ref('regions') }} as r on r.region_code = v.region_code
    join {{ ref('units') }} as u on u.unit = v.unit
    where v.period_start = v.period_end and v.qualifier = 'exact' and v.value is not null
      and v.unit not in ('percent_change', 'percentage_points', 'eqi_score')
),

series as (
    select
        *,
        lag(value) over w as previous_value,
        lead(value) over w as next_value,
        lag(year) over w as previous_year,
        lead(year) over w as next_year,
        count(*) over s as n_observations,
        count(*) filter (where value > 0) over s as n_positive
    from figures
    window w as (partition by indicator_id, region_code, breakdown, dataset_id order by year),
           s as (partition by indicator_id, region_code, breakdown, dataset_id)
),

steps as (
    select indicator_id, region_code, breakdown, dataset_id,
           min(abs(value - previous_value)) filter (where value <> previous_value) as step
    from series
    group by all
),

interior as (
    select
        s.*,
        t.step,
        ln(s.value) - (ln(s.previous_value) + ln(s.next_value)) / 2 as deviation
    from series as s
    join steps as t using (indicator_id, region_code, breakdown, dataset_id)
    where s.n_observations >= 3 and s.value > 0 and s.previous_value > 0 and s.next_value > 0
),

-- the cross-section of deviations: the regions of the same level over the same three years
deviation_centres as (
    select indicator_id, breakdown, dataset_id, region_level, previous_year, year, next_year,
           median(deviation) as centre, count(*) as n_cross
    from interior
    group by all
),

deviation_scales as (
    select i.indicator_id, i.breakdown, i.dataset_id, i.region_level, i.previous_year, i.year, i.next_year,
           any_value(c.centre) as centre, any_value(c.n_cross) as n_cross,
           1.4826 * median(abs(i.deviation - c.centre)) as scale
    from interior as i
    join deviation_centres as c using (indicator_id, breakdown, dataset_id, region_level, previous_year, year, next_year)
    group by all
),

candidate_spikes as (
    select
        i.*,
        (i.deviation - s.centre) / nullif(s.scale, 0) as robust_z,
        coalesce(s.n_cross, 0) as n_cross
    from interior as i
    left join deviation_scales as s
        using (indicator_id, breakdown, dataset_id, region_level, previous_year, year, next_year)
    where (
        (coalesce(s.n_cross, 0) >= {{ var('anomaly_min_cross_section') }}
         and abs((i.deviation - s.centre) / nullif(s.scale, 0)) > {{ var('anomaly_robust_z') }}
         and (i.value > greatest(i.previous_value, i.next_value) * {{ var('anomaly_spike_factor') }}
              or i.value * {{ var('anomaly_spike_factor') }} < least(i.previous_value, i.next_value)))
        or (abs(i.deviation) > ln({{ var('anomaly_jump_factor') }})
            and abs(ln(i.previous_value) - ln(i.next_value)) < ln({{ var('anomaly_neighbour_factor') }}))
    )
    and (i.unit <> 'count' or abs(i.value - (i.previous_value + i.next_value) / 2)
         > greatest(3 * sqrt((i.previous_value + i.next_value) / 2), 2 * i.step))
),

spikes as (
    select k.*
    from candidate_spikes as k
    where not exists (
        select 1 from candidate_spikes as o
        where o.indicator_id = k.indicator_id and o.region_code = k.region_code and o.breakdown = k.breakdown
          and o.dataset_id = k.dataset_id and o.year in (k.previous_year, k.next_year)
          and (abs(o.deviation) > abs(k.deviation) or (abs(o.deviation) = abs(k.deviation) and o.year < k.year))
    )
),

-- every series again without its spikes: the adjacent observation of an endpoint is one that is not itself a spike
clean as (
    select
        s.*,
        lag(s.value) over w as adjacent_before,
        lag(s.year) over w as year_before,
        lead(s.value) over w as adjacent_after,
        lead(s.year) over w as year_after
    from series as s
    where s.n_observations >= 3 and not exists (
        select 1 from spikes as k
        where k.indicator_id = s.indicator_id and k.region_code = s.region_code and k.breakdown = s.breakdown
          and k.dataset_id = s.dataset_id and k.year = s.year
    )
    window w as (partition by s.indicator_id, s.region_code, s.breakdown, s.dataset_id order by s.year)
),

-- each clean observation's log change from the one before it: the cross-section an endpoint is read against
changes as (
    select indicator_id, region_code, region_level, breakdown, dataset_id, year_before as from_year, year as to_year,
           ln(value) - ln(adjacent_before) as change
    from clean
    where value > 0 and adjacent_before > 0
),

change_centres as (
    select indicator_id, breakdown, dataset_id, region_level, from_year, to_year,
           median(change) as centre, count(*) as n_cross
    from changes
    group by all
),

change_scales as (
    select c.indicator_id, c.breakdown, c.dataset_id, c.region_level, c.from_year, c.to_year,
           any_value(m.centre) as centre, any_value(m.n_cross) as n_cross,
           1.4826 * median(abs(c.change - m.centre)) as scale
    from changes as c
    join change_centres as m using (indicator_id, breakdown, dataset_id, region_level, from_year, to_year)
    group by all
),

endpoint_changes as (
    -- the last value: its change from the observation before it; the first: the change to the one after it
    select c.*, c.adjacent_before as adjacent, c.year_before as from_year, c.year as to_year,
           ln(c.value) - ln(c.adjacent_before) as change
    from clean as c
    where c.adjacent_after is null and c.adjacent_before > 0 and c.value > 0
    union all
    select c.*, c.adjacent_after as adjacent, c.year as from_year, c.year_after as to_year,
           ln(c.adjacent_after) - ln(c.value) as change
    from clean as c
    where c.adjacent_before is null and c.adjacent_after > 0 and c.value > 0
),

endpoints as (
    select e.*, (e.change - s.centre) / nullif(s.scale, 0) as robust_z, s.n_cross
    from endpoint_changes as e
    join change_scales as s using (indicator_id, breakdown, dataset_id, region_level, from_year, to_year)
    join steps as t using (indicator_id, region_code, breakdown, dataset_id)
    where s.n_cross >= {{ var('anomaly_min_cross_section') }}
      and abs((e.change - s.centre) / nullif(s.scale, 0)) > {{ var('anomaly_robust_z') }}
      and abs(e.change) > ln({{ var('anomaly_endpoint_factor') }})
      and (e.unit <> 'count' or abs(e.value - e.adjacent) > greatest(3 * sqrt(e.adjacent), 2 * t.step))
),

-- two spikes in opposite directions whose amounts add up to what their neighbours lead one to expect
weights as (
    select region_code, year, min(mean_population) as population
    from {{ ref('int_population_means') }}
    where breakdown = ''
    group by all
),

amounts as (
    select
        k.*,
        case k.sums_by when 'population' then w.population when 'value' then 1.0 end as weight,
        exp((ln(k.previous_value) + ln(k.next_value)) / 2) as expected
    from spikes as k
    left join weights as w on w.region_code = k.region_code and w.year = k.year
    where k.sums_by is not null
),

pairs as (
    select a.indicator_id, a.region_code, a.breakdown, a.dataset_id, a.year, b.region_code as partner_region_code
    from amounts as a
    join amounts as b
        on b.indicator_id = a.indicator_id and b.breakdown = a.breakdown and b.dataset_id = a.dataset_id
        and b.region_level = a.region_level and b.year = a.year and b.region_code <> a.region_code
        and sign(b.deviation) <> sign(a.deviation)
    where a.weight > 0 and b.weight > 0
      and abs(ln((a.value * a.weight + b.value * b.weight) / (a.expected * a.weight + b.expected * b.weight)))
          < ln({{ var('anomaly_swap_tolerance') }})
    -- the closest match when a spike could pair with several
    qualify row_number() over (
        partition by a.indicator_id, a.region_code, a.breakdown, a.dataset_id, a.year
        order by abs(ln((a.value * a.weight + b.value * b.weight) / (a.expected * a.weight + b.expected * b.weight))),
                 b.region_code
    ) = 1
),

flagged as (
    select indicator_id, region_code, breakdown, dataset_id, year, value, previous_value, next_value,
           'zero_among_positives' as anomaly, cast(null as double) as robust_z, source_ref
    from series
    where n_observations >= 3 and value = 0 and n_positive = n_observations - 1 and n_positive >= 2
    union all
    select indicator_id, region_code, breakdown, dataset_id, year, value, previous_value, next_value,
           'outside_own_series', robust_z, source_ref
    from spikes
    union all
    select indicator_id, region_code, breakdown, dataset_id, year, value,
           case when to_year = year then adjacent end, case when from_year = year then adjacent end,
           'endpoint_jump', robust_z, source_ref
    from endpoints
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
    case when p.partner_region_code is not null then 'swapped_pair' else f.anomaly end as anomaly,
    p.partner_region_code,
    f.robust_z,
    f.source_ref,
    c.indicator_id is not null as is_confirmed,
    c.confirmed_by,
    c.reason as confirmation
from flagged as f
left join pairs as p
    on p.indicator_id = f.indicator_id and p.region_code = f.region_code and p.breakdown = f.breakdown
    and p.dataset_id = f.dataset_id and p.year = f.year and f.anomaly = 'outside_own_series'
left join {{ ref('confirmed_values') }} as c
    on c.indicator_id = f.indicator_id and c.region_code = f.region_code and c.year = f.year
    and coalesce(c.breakdown, '') = f.breakdown
