-- New firms per 1,000 inhabitants aged 15-64:
--   ent_new_firms_per_1000 = new firms (the panel dataset covering all 21 län, new method) x 1000
--                            / mean population aged 15-64 of the year (one release)
-- for every region the firms are published for (the län and Riket), and for the NUTS1 and NUTS2 regions and Riket
-- from their län summed (firms and population: lan_aggregates), flagged 'aggregated_from_lan'.
with firms as (
    {{ panel_values('ent_new_firms') }}
),

parts as (
    select
        f.region_code,
        f.year,
        '' as breakdown,
        f.value as numerator,
        p.mean_population as denominator,
        f.dataset_id || '+' || p.dataset_id as dataset_id,
        f.vintage || '; population: ' || p.vintage as vintage,
        f.citation || ' / ' || p.citation as citation,
        f.flags,
        p.source_priority
    from firms as f
    join {{ ref('int_population_means') }} as p
        on p.region_code = f.region_code and p.year = f.year and p.breakdown = 'age=15-64'
),

aggregated as (
    {{ lan_aggregates('parts') }}
),

rates as (
    select region_code, year, breakdown, 1000 * numerator / denominator as value, dataset_id, vintage, citation,
           flags, source_priority
    from parts
    union all
    select region_code, year, breakdown, 1000 * numerator / denominator, dataset_id || ':aggregated_from_lan',
           vintage, citation, 'aggregated_from_lan', source_priority
    from aggregated
)

select {{ derived_contract('ent_new_firms_per_1000', 'per_1000_inhabitants', 'r') }}
from rates as r
