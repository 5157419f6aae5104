-- EPO patent applications per million inhabitants, for every region the counts are published for (län, NUTS2,
-- NUTS1, Riket):
--   tech_epo_applications_per_million = applications x 1e6 / mean population of the year (one release)
-- and for the NUTS1 and NUTS2 regions and Riket also from their län summed (applications and population:
-- lan_aggregates), flagged 'aggregated_from_lan'. The published national count also holds applications Eurostat
-- could not place in a region, so the regions' own total differs from it (by up to about 2 %): the composite
-- index compares the regions with the total they make up.
with applications as (
    {{ usable_values('tech_epo_applications', '') }}
),

parts as (
    select
        a.region_code,
        a.year,
        '' as breakdown,
        a.value as numerator,
        p.mean_population as denominator,
        a.dataset_id || '+' || p.dataset_id as dataset_id,
        a.vintage || '; population: ' || p.vintage as vintage,
        a.citation || ' / ' || p.citation as citation,
        a.flags,
        p.source_priority
    from applications as a
    join {{ ref('int_population_means') }} as p
        on p.region_code = a.region_code and p.year = a.year and p.breakdown = ''
),

aggregated as (
    {{ lan_aggregates('parts') }}
),

rates as (
    select region_code, year, breakdown, 1e6 * numerator / denominator as value, dataset_id, vintage, citation,
           flags, source_priority
    from parts
    union all
    select region_code, year, breakdown, 1e6 * numerator / denominator, dataset_id || ':aggregated_from_lan',
           vintage, citation, 'aggregated_from_lan', source_priority
    from aggregated
)

select {{ derived_contract('tech_epo_applications_per_million', 'per_million_inhabitants', 'r') }}
from rates as r
