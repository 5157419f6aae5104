-- All 21 län with NUTS codes, plus 00 Riket; is_selected marks the län this warehouse measures (METRIC_REGION).
select
    region_code,
    region_name,
    region_level,
    nuts3_code,
    nuts2_code,
    nuts2_name,
    region_code = '{{ env_var("METRIC_REGION", "24") }}' as is_selected
from {{ ref('regions') }}
