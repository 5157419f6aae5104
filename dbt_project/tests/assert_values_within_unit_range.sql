{{ config(meta={"dagster": {"ref": {"name": "fct_indicator_values"}}}) }}
-- Shares within 0-100, counts and amounts not negative, ratings within their scale: the ranges live in seeds/units.csv.
select f.indicator_id, f.unit, f.value, f.value_high, u.min_value, u.max_value, f.source_ref
from {{ ref('fct_indicator_values') }} as f
join {{ ref('units') }} as u using (unit)
where (u.min_value is not null and (f.value < u.min_value or f.value_high < u.min_value))
   or (u.max_value is not null and (f.value > u.max_value or f.value_high > u.max_value))
   or (f.value_high is not null and f.value_high < f.value)
