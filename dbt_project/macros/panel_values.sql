{#
  The single-year, no-breakdown values of `indicator_id` from the datasets that cover all 21 län (the panel
  datasets), so a derived indicator measures every region alike: region_code, year, value, dataset_id, vintage,
  citation, flags, source_priority. An unconfirmed anomaly (int_value_anomalies) is left out: missing until confirmed.
#}
{% macro panel_values(indicator_id) %}
    select v.region_code, v.year, v.value, v.dataset_id, v.vintage, v.citation, v.flags, v.source_priority
    from ({{ usable_values(indicator_id, '') }}) as v
    where v.dataset_id in (
        select p.dataset_id
        from {{ ref('int_published_values') }} as p
        join {{ ref('regions') }} as r using (region_code)
        where p.indicator_id = '{{ indicator_id }}' and p.breakdown = '' and r.region_level = 'county'
        group by p.dataset_id
        having count(distinct p.region_code) = 21
      )
{% endmacro %}
