-- EPO patent applications per million inhabitants, for every region the counts are published for (län, NUTS2,
-- NUTS1, Riket):
--   tech_epo_applications_per_million = applications x 1e6 / mean population of the year (one release)
with applications as (
    {{ usable_values('tech_epo_applications', '') }}
)

select {{ derived_contract('tech_epo_applications_per_million', 'per_million_inhabitants', 'r') }}
from (
    select
        a.region_code,
        a.year,
        '' as breakdown,
        a.value * 1e6 / p.mean_population as value,
        a.dataset_id || '+' || p.dataset_id as dataset_id,
        a.vintage || '; population: ' || p.vintage as vintage,
        a.citation || ' / ' || p.citation as citation,
        a.flags,
        p.source_priority
    from applications as a
    join {{ ref('int_population_means') }} as p
        on p.region_code = a.region_code and p.year = a.year and p.breakdown = ''
) as r
