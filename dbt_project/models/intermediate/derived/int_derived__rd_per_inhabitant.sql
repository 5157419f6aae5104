-- Intramural R&D expenditure per inhabitant by sector for the regions above the län (Kolada publishes it per län
-- only): the län values weighted by their mean population of the year,
--   fou_rd_expenditure_per_inhabitant = sum(value x mean population) / sum(mean population)
-- (lan_aggregates), flagged 'aggregated_from_lan'. Kolada divides by its own population figure, so the aggregate
-- is exact up to the difference between that figure and the mean population used here.
with rd as (
    {{ usable_values('fou_rd_expenditure_per_inhabitant') }}
),

parts as (
    select
        r.region_code,
        r.year,
        r.breakdown,
        r.value * p.mean_population as numerator,
        p.mean_population as denominator,
        r.dataset_id || '+' || p.dataset_id as dataset_id,
        r.vintage || '; population: ' || p.vintage as vintage,
        r.citation || ' / ' || p.citation as citation,
        p.source_priority
    from rd as r
    join {{ ref('int_population_means') }} as p
        on p.region_code = r.region_code and p.year = r.year and p.breakdown = ''
),

aggregated as (
    {{ lan_aggregates('parts') }}
)

select {{ derived_contract('fou_rd_expenditure_per_inhabitant', 'sek_per_inhabitant', 'r') }}
from (
    select region_code, year, breakdown, numerator / denominator as value, dataset_id || ':aggregated_from_lan'
        as dataset_id, vintage, citation, 'aggregated_from_lan' as flags, source_priority
    from aggregated
) as r
