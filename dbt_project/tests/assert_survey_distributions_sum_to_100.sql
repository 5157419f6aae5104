{{ config(meta={"dagster": {"ref": {"name": "fct_indicator_values"}}}) }}
-- Where the report prints a survey question's full answer distribution, the shares sum to 100 +/- 1 (rounding).
-- Domain estimates made from microdata (breakdown ...;sector=...) and synthetic rows are not the report's.
with shares as (
    select
        indicator_id,
        regexp_extract(breakdown, 'base=([^;]+)', 1) as base,
        sum(value) as total,
        count(*) as n_answers
    from {{ ref('fct_indicator_values') }}
    where is_preferred and value_kind = 'figure' and not is_synthetic
        and regexp_full_match(breakdown, 'base=[^;]+;answer=[^;]+')  -- the whole base, not a domain of it
    group by 1, 2
)

select d.indicator_id, d.base, s.total, s.n_answers
from {{ ref('survey_distributions') }} as d
left join shares as s using (indicator_id, base)
where s.total is null or abs(s.total - 100) > 1
