-- 95 % intervals of the published survey shares: Wilson with the effective sample size n / design effect (the
-- survey's, from the survey_designs seed). n is the published number of respondents, or, for a subgroup whose size
-- is not printed but is defined by another published share (survey_bases), n of its base x that share, marked
-- derived (a range's interval runs from its lower end's low to its upper end's high). Estimates made from microdata keep the interval the estimator gave (linearised SE). Means, counts and shares of a subgroup of unknown size get no interval, and say why. A share outside
-- 0-100 gets none either: the blocking great-expectations suite refuses it (the value rules' one home). A share of
-- fewer than var min_survey_respondents (30) respondents gets no interval, the rule that suppresses a microdata
-- cell (analysis/survey.py MIN_CELL). Every interval covers the sampling error only: interval_covers says so,
-- with the survey's response rate (non-response and measurement error are not in it).
with values_ as (
    select * from {{ ref('int_indicator_values') }}
),

designs as (
    select * from {{ ref('survey_designs') }}
),

derived_bases as (
    select
        b.source_id,
        b.base,
        cast(round(d.n_respondents * (case when b.complement then 100 - d.value else d.value end) / 100.0)
            as integer) as n_respondents,
        'derived: ' || d.n_respondents || ' respondents x ' || case when b.complement then '(100 - ' || d.value || ')'
            else cast(d.value as varchar) end || ' % (' || b.defined_by_indicator || ', ' || b.defined_by_breakdown
            || ')' as n_respondents_basis
    from {{ ref('survey_bases') }} as b
    join values_ as d
        on d.source_id = b.source_id
        and d.indicator_id = b.defined_by_indicator
        and d.breakdown = b.defined_by_breakdown
        and d.base = b.of_base
        and d.n_respondents is not null
        and d.se is null  -- a published share, not an estimate made here
),

survey_values as (
    select
        v.indicator_id,
        v.region_code,
        v.period_start,
        v.period_end,
        v.breakdown,
        v.dataset_id,
        v.unit,
        v.value,
        coalesce(v.value_high, v.value) as value_upper,  -- a published range's upper end
        coalesce(v.n_respondents, db.n_respondents) as n_respondents,
        case
            when v.se is not null or v.flags like '%suppressed%' then 'respondents in the microdata'
            when v.n_respondents is not null then 'published'
            else db.n_respondents_basis
        end as n_respondents_basis,
        coalesce(v.design_effect, s.design_effect) as design_effect,
        v.se,
        v.ci_low as estimated_ci_low,
        v.ci_high as estimated_ci_high,
        'sampling error only' || case when s.sample_n > 0 and s.respondents > 0 then
            ' (response rate ' || cast(round(100.0 * s.respondents / s.sample_n) as integer) || ' %: non-response '
            || 'and measurement error are not in the interval)' else '' end as interval_covers
    from values_ as v
    join designs as s using (source_id)
    left join derived_bases as db
        on db.source_id = v.source_id
        and db.base = v.base
)

select
    indicator_id,
    region_code,
    period_start,
    period_end,
    breakdown,
    dataset_id,
    n_respondents,
    n_respondents_basis,
    design_effect,
    se,
    case
        when se is not null then estimated_ci_low
        when n_respondents < {{ var('min_survey_respondents') }} then null
        when unit = 'percent' and value between 0 and 100 and n_respondents > 0
        then greatest(0.0, {{ wilson_interval('value', 'n_respondents / design_effect', 'low') }})
    end as ci_low,
    case
        when se is not null then estimated_ci_high
        when n_respondents < {{ var('min_survey_respondents') }} then null
        when unit = 'percent' and value between 0 and 100 and value_upper <= 100 and n_respondents > 0
        then least(100.0, {{ wilson_interval('value_upper', 'n_respondents / design_effect', 'high') }})
    end as ci_high,
    case
        when value is null or se is not null then null
        when unit <> 'percent' then 'a mean or count: its interval needs the microdata'
        when n_respondents is null then 'the size of this subgroup is not published: no interval'
        when se is null and n_respondents < {{ var('min_survey_respondents') }} then
            'fewer than ' || {{ var('min_survey_respondents') }} || ' respondents (' || n_respondents
            || '): no interval, as a microdata cell this small is not published'
    end as interval_note,
    case when value is not null and (se is not null or (unit = 'percent' and n_respondents
        >= {{ var('min_survey_respondents') }})) then interval_covers end as interval_covers
from survey_values
