-- Employment share of knowledge-intensive services, for every region employment is published for:
--   hc_knowledge_services_employment_share = 100 x (employed in NACE J + K + M-N) / all employed
-- (same region, year and dataset), and for the NUTS1 and NUTS2 regions and Riket from their län summed
-- (lan_aggregates, flagged 'aggregated_from_lan'): the check that the exact aggregation reproduces the published
-- regional value (within the publisher's rounding to thousands).
with employment as (
    {{ usable_values('ctx_employment') }}
),

parts as (
    select
        region_code,
        year,
        '' as breakdown,
        sum(value) filter (where breakdown in ('nace=J', 'nace=K', 'nace=M-N')) as numerator,
        max(value) filter (where breakdown = '') as denominator,
        dataset_id,
        min(vintage) as vintage,
        min(citation) as citation,
        min(source_priority) as source_priority
    from employment
    group by region_code, year, dataset_id
    having count(*) filter (where breakdown in ('nace=J', 'nace=K', 'nace=M-N')) = 3
       and count(*) filter (where breakdown = '') = 1
),

aggregated as (
    {{ lan_aggregates('parts') }}
)

select {{ derived_contract('hc_knowledge_services_employment_share', 'percent', 'r') }}
from (
    select region_code, year, breakdown, 100 * numerator / denominator as value, dataset_id, vintage, citation,
           cast(null as varchar) as flags, source_priority
    from parts
    where denominator > 0
    union all
    select region_code, year, breakdown, 100 * numerator / denominator, dataset_id || ':aggregated_from_lan',
           vintage, citation, 'aggregated_from_lan', source_priority
    from aggregated
) as r
