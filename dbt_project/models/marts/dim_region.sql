-- All 21 län with NUTS codes, plus 00 Riket; is_selected marks the län this warehouse measures (the dbt var
-- `region`, set from METRIC_REGION by the Dagster dbt asset).
select
    region_code,
    region_name,
    region_level,
    nuts3_code,
    nuts2_code,
    nuts2_name,
    region_code = '{{ var("region") }}' as is_selected
from {{ ref('regions') }}
