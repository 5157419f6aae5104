-- Population growth: ctx_population_growth = 100 x (population 1 January of the year / of the previous year - 1),
-- both from the same release of the population table.
with population as (
    select region_code, period_start as year, value, dataset_id, vintage, source_priority, citation
    from {{ ref('int_published_values') }}
    where indicator_id = 'ctx_population' and breakdown = '' and period_start = period_end
)

select
    'ctx_population_growth' as indicator_id,
    this.region_code,
    this.year as period_start,
    this.year as period_end,
    '' as breakdown,
    100 * (this.value / previous.value - 1) as value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    'percent_change' as unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    'computed from ' || this.citation as citation,
    cast(null as varchar) as flags,
    'derived' as source_id,
    'derived:ctx_population_growth:' || this.dataset_id as dataset_id,
    'derived:ctx_population_growth#' || this.dataset_id || ':' || this.region_code || ':' || this.year as source_ref,
    this.vintage,
    cast(null as date) as retrieved_at,
    this.source_priority
from population as this
join population as previous
    on previous.region_code = this.region_code and previous.dataset_id = this.dataset_id
    and previous.year = this.year - 1
