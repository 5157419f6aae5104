-- The indicator catalogue with its dimension and what the warehouse holds for each indicator.
with catalogue as (
    select * from {{ ref('indicator_catalogue') }}
),

dimensions as (
    select * from {{ ref('dimensions') }}
),

coverage as (
    select
        indicator_id,
        count(*) filter (where value_kind = 'figure') as n_figures,
        count(*) filter (where value_kind = 'qualitative') as n_statements,
        min(year) as first_year,
        max(year) as last_year,
        string_agg(distinct citation, ' | ' order by citation) as citations
    from {{ ref('fct_indicator_values') }}
    group by indicator_id
)

select
    c.indicator_id,
    c.dimension_id,
    d.name_sv as dimension_name_sv,
    d.name_en as dimension_name_en,
    c.name_sv,
    c.name_en,
    c.unit,
    c.polarity,
    c.source_id,
    coalesce(c.delivery, 'published') as delivery,
    c.delivery_note,
    c.frequency,
    c.frequency <> 'one_off_survey' as is_time_series,
    c.definition,
    c.definition_sv,
    c.formula,
    c.report_section,
    c.report_diagram,
    coalesce(cov.n_figures, 0) as n_figures,
    coalesce(cov.n_statements, 0) as n_statements,
    cov.first_year,
    cov.last_year,
    cov.citations
from catalogue as c
join dimensions as d using (dimension_id)
left join coverage as cov using (indicator_id)
