{# The long staging contract of a figure or statement, shared by the two figure families (raw.published_figures and
   raw.survey_estimates): typed, breakdown '' where there is none. #}
{% macro figure_columns() %}
    indicator_id,
    region_code,
    cast(period_start as integer) as period_start,
    cast(period_end as integer) as period_end,
    coalesce(breakdown, '') as breakdown,
    cast(value as double) as value,
    cast(value_high as double) as value_high,
    qualifier,
    unit,
    base,
    cast(n_respondents as integer) as n_respondents,
    statement,
    citation
{% endmacro %}
