{{ config(meta={"dagster": {"ref": {"name": "fct_indicator_values"}}}) }}
-- A figure's period must fit its indicator's frequency: yearly, biennial, survey-wave and one-off survey figures refer to one
-- year, multi-year-period figures to several. Ranges and qualitative statements may span a period.
select f.indicator_id, c.frequency, f.period_start, f.period_end, f.source_ref
from {{ ref('fct_indicator_values') }} as f
join {{ ref('indicator_catalogue') }} as c using (indicator_id)
where f.value_kind = 'figure'
  and f.qualifier <> 'range'
  and (
    (c.frequency in ('yearly', 'biennial', 'one_off_survey', 'survey_waves') and f.period_end <> f.period_start)
    or (c.frequency = 'multi_year_period' and f.period_end = f.period_start)
  )
