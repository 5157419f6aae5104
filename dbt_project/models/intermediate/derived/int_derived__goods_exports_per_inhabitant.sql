-- Goods exports per inhabitant aged 20-64 for the regions above the län (SCB publishes it per län only):
--   mk_goods_exports_per_inhabitant = the län's goods exports (SEK) summed / the län's population 20-64 summed
-- (lan_aggregates), flagged 'aggregated_from_lan'. Exports no län can be assigned to are not in SCB's län rows, so
-- Riket's value is that of the 21 län together, not of Sweden's total exports.
with exports as (
    {{ usable_values('mk_goods_exports', '') }}
),

population as (
    {{ usable_values('ctx_population', 'age=20-64') }}
),

parts as (
    select
        e.region_code,
        e.year,
        '' as breakdown,
        e.value as numerator,
        p.value as denominator,
        e.dataset_id as dataset_id,
        e.vintage,
        e.citation,
        e.source_priority
    from exports as e
    join population as p on p.region_code = e.region_code and p.year = e.year and p.dataset_id = e.dataset_id
),

aggregated as (
    {{ lan_aggregates('parts') }}
)

select {{ derived_contract('mk_goods_exports_per_inhabitant', 'sek_per_inhabitant', 'r') }}
from (
    select region_code, year, breakdown, numerator / denominator as value, dataset_id || ':aggregated_from_lan'
        as dataset_id, vintage, citation, 'aggregated_from_lan' as flags, source_priority
    from aggregated
) as r
