{#
  A per-dimension mart: every preferred value (figure or statement) of the dimension's indicators for every region
  (the selected län is a filter: is_selected; its NUTS2/NUTS1 region and Riket: contains_selected), with Swedish and
  English names, region level, unit, polarity, flags and citation. One row per indicator, region, period and breakdown.
#}
{% macro dimension_mart(dimension_id) %}
select
    f.indicator_id,
    i.name_sv as indicator_name_sv,
    i.name_en as indicator_name_en,
    f.region_code,
    r.region_name,
    r.region_level,
    r.is_selected,
    r.contains_selected,
    f.year,
    f.period_start,
    f.period_end,
    f.breakdown,
    f.value,
    f.value_high,
    f.qualifier,
    f.value_kind,
    f.unit,
    i.polarity,
    i.frequency,
    f.base,
    f.n_respondents,
    f.n_respondents_basis,
    f.design_effect,
    f.se,
    f.ci_low,
    f.ci_high,
    f.interval_note,
    f.statement,
    f.flags,
    f.is_estimate,
    f.is_synthetic,
    f.source_id,
    f.citation,
    f.vintage,
    f.source_ref
from {{ ref('fct_indicator_values') }} as f
join {{ ref('dim_indicator') }} as i using (indicator_id)
join {{ ref('dim_region') }} as r using (region_code)
where f.dimension_id = '{{ dimension_id }}'
  and f.is_preferred
order by f.indicator_id, f.breakdown, f.region_code, f.period_start, f.period_end
{% endmacro %}
