{#
  The single-year, no-breakdown values of `indicator_id` from the datasets that cover all 21 län (the panel
  datasets), so a derived indicator measures every region alike: region_code, year, value, dataset_id, vintage,
  citation, flags.
#}
{% macro panel_values(indicator_id) %}
    select v.region_code, v.period_start as year, v.value, v.dataset_id, v.vintage, v.citation, v.flags
    from {{ ref('int_published_values') }} as v
    where v.indicator_id = '{{ indicator_id }}' and v.breakdown = '' and v.period_start = v.period_end
      and v.dataset_id in (
        select p.dataset_id
        from {{ ref('int_published_values') }} as p
        join {{ ref('regions') }} as r using (region_code)
        where p.indicator_id = '{{ indicator_id }}' and p.breakdown = '' and r.region_level = 'county'
        group by p.dataset_id
        having count(distinct p.region_code) = 21
      )
{% endmacro %}
