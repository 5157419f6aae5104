-- Share of 16-74-year-olds with at least three years of post-secondary education (SCB UF0506B, by kommun):
--   hc_tertiary_3y_share_16_74 = 100 x (post_secondary_3_years_or_more + doctoral) / all seven known levels
-- persons of both sexes, each län the sum of its kommuner, each NUTS1 and NUTS2 region and Riket the sum of its län
-- (lan_aggregates: exact, counts summed). A kommun that lacks a level's cell (Upplands Väsby lacks its lowest level)
-- makes its län's share (and every region above) slightly high: flagged 'incomplete_levels'.
with kommun_years as (
    select
        lan_code,
        kommun_code,
        year,
        sum(persons) filter (where education_level in ('post_secondary_3_years_or_more', 'doctoral')) as tertiary,
        sum(persons) as known_level,
        count(*) as n_cells,
        min(dataset_id) as dataset_id,
        min(vintage) as vintage,
        min(citation) as citation,
        min(source_priority) as source_priority
    from {{ ref('stg_kommun_education') }}
    group by lan_code, kommun_code, year
),

parts as (
    select
        lan_code as region_code,
        year,
        '' as breakdown,
        sum(tertiary) as numerator,
        sum(known_level) as denominator,
        min(dataset_id) as dataset_id,
        min(vintage) as vintage,
        min(citation) as citation,
        min(source_priority) as source_priority,
        bool_or(n_cells < 14) as incomplete
    from kommun_years
    group by lan_code, year
),

aggregated as (
    {{ lan_aggregates('parts') }}
),

incomplete_regions as (  -- the regions above an incomplete län
    select distinct r.nuts2_code as region_code, p.year from parts as p
    join {{ ref('regions') }} as r on r.region_code = p.region_code where p.incomplete
    union
    select distinct r.nuts1_code, p.year from parts as p
    join {{ ref('regions') }} as r on r.region_code = p.region_code where p.incomplete
    union
    select distinct '00', year from parts where incomplete
)

select {{ derived_contract('hc_tertiary_3y_share_16_74', 'percent', 'r') }}
from (
    select region_code, year, breakdown, 100 * numerator / denominator as value, dataset_id, vintage, citation,
           case when incomplete then 'incomplete_levels' end as flags, source_priority
    from parts
    union all
    select a.region_code, a.year, a.breakdown, 100 * a.numerator / a.denominator, a.dataset_id || ':summed_from_lan',
           a.vintage, a.citation,
           case when i.region_code is not null then 'summed_from_lan;incomplete_levels' else 'summed_from_lan' end,
           a.source_priority
    from aggregated as a
    left join incomplete_regions as i on i.region_code = a.region_code and i.year = a.year
) as r
