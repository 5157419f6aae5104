{#
  The long contract of a derived value, from a relation with region_code, year, breakdown, value, dataset_id,
  vintage, citation, flags and source_priority: `indicator_id` and `unit` are the derived indicator's; source_id is
  'derived', dataset_id 'derived:<indicator>:<inputs>' and source_ref points at the inputs, region and year.
#}
{% macro derived_contract(indicator_id, unit, alias) %}
    '{{ indicator_id }}' as indicator_id,
    {{ alias }}.region_code,
    {{ alias }}.year as period_start,
    {{ alias }}.year as period_end,
    {{ alias }}.breakdown,
    {{ alias }}.value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    '{{ unit }}' as unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    'computed from ' || {{ alias }}.citation as citation,
    {{ alias }}.flags,
    'derived' as source_id,
    'derived:{{ indicator_id }}:' || {{ alias }}.dataset_id as dataset_id,
    'derived:{{ indicator_id }}#' || {{ alias }}.dataset_id || ':' || {{ alias }}.region_code || ':'
        || {{ alias }}.year || case when {{ alias }}.breakdown = '' then '' else ':' || {{ alias }}.breakdown end
        as source_ref,
    {{ alias }}.vintage,
    cast(null as date) as retrieved_at,
    {{ alias }}.source_priority
{% endmacro %}
