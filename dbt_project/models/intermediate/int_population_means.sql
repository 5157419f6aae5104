-- The mean population of a year per region, breakdown and release: the mean of the populations on 1 January of the
-- year and of the next year, both from the same release (dataset) of the population table. The denominator of the
-- per-inhabitant indicators (int_derived__*).
with population as (
    select region_code, breakdown, period_start as year, value, dataset_id, vintage, source_priority, citation
    from {{ ref('int_published_values') }}
    where indicator_id = 'ctx_population' and period_start = period_end
)

select
    this.region_code,
    this.breakdown,
    this.year,
    (this.value + next_.value) / 2 as mean_population,
    this.dataset_id,
    this.vintage,
    this.source_priority,
    this.citation
from population as this
join population as next_
    on next_.region_code = this.region_code
    and next_.breakdown = this.breakdown
    and next_.dataset_id = this.dataset_id
    and next_.year = this.year + 1
