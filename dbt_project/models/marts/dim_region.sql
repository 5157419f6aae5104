-- Sweden's regions at every level (Riket, NUTS1, NUTS2, the 21 län) with the mapping between them, and Europe's (the
-- EU, the other EU countries, their NUTS2 regions of NUTS 2021, the RCI's merged capital areas) with their country
-- and NUTS version. is_selected marks
-- the län this warehouse measures (the dbt var `region`, set from METRIC_REGION by the Dagster dbt asset);
-- contains_selected marks the regions that contain it (its NUTS2 and NUTS1 region and Riket), whose values the
-- marts show labelled as such, never copied onto the län.
with regions as (
    select * from {{ ref('regions') }}
),

selected as (
    select * from regions where region_code = '{{ var("region") }}'
)

select
    r.region_code,
    r.region_name,
    r.region_level,
    r.nuts_code,
    r.nuts1_code,
    r.nuts2_code,
    r.nuts2_name,
    r.nuts3_code,
    r.country_code,
    r.nuts_version,
    r.region_code = s.region_code as is_selected,
    r.region_code = '00' or r.region_code = s.nuts2_code or r.region_code = s.nuts1_code as contains_selected
from regions as r
cross join selected as s
