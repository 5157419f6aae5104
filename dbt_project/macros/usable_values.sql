{#
  The published single-year values of `indicator_id` (and, with `breakdown`, only that breakdown) that a derived
  indicator may use: every value except an unconfirmed anomaly (int_value_anomalies), which is missing until
  confirmed. Columns: region_code, year, breakdown, value, dataset_id, vintage, citation, flags, source_priority.
#}
{% macro usable_values(indicator_id, breakdown=none) %}
    select v.region_code, v.period_start as year, v.breakdown, v.value, v.dataset_id, v.vintage, v.citation, v.flags,
           v.source_priority
    from {{ ref('int_published_values') }} as v
    where v.indicator_id = '{{ indicator_id }}' and v.period_start = v.period_end and v.qualifier = 'exact'
      {% if breakdown is not none %}and v.breakdown = '{{ breakdown }}'{% endif %}
      and not exists (
        select 1 from {{ ref('int_value_anomalies') }} as a
        where a.indicator_id = v.indicator_id and a.region_code = v.region_code and a.year = v.period_start
          and a.breakdown = v.breakdown and a.dataset_id = v.dataset_id and not a.is_confirmed
      )
{% endmacro %}

{#
  Every published single-year value of every indicator that a derived indicator may use (unconfirmed anomalies
  left out): indicator_id plus the columns of usable_values.
#}
{% macro usable_values_all() %}
    select v.indicator_id, v.region_code, v.period_start as year, v.breakdown, v.value, v.dataset_id, v.vintage,
           v.citation, v.flags, v.source_priority
    from {{ ref('int_published_values') }} as v
    where v.period_start = v.period_end and v.qualifier = 'exact'
      and not exists (
        select 1 from {{ ref('int_value_anomalies') }} as a
        where a.indicator_id = v.indicator_id and a.region_code = v.region_code and a.year = v.period_start
          and a.breakdown = v.breakdown and a.dataset_id = v.dataset_id and not a.is_confirmed
      )
{% endmacro %}
