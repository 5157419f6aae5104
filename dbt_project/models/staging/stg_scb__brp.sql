-- SCB BRP (TAB3138 shape, json-stat2) in the long staging contract: ContentsCode maps to the catalogue indicator.
select
    case "ContentsCode"
        when 'NR0105AH' then 'fou_brp'
    end as indicator_id,
    region_code,
    cast("Tid" as integer) as period_start,
    cast("Tid" as integer) as period_end,
    '' as breakdown,
    cast(value as double) as value,
    cast(null as double) as value_high,
    'exact' as qualifier,
    'mnkr' as unit,
    cast(null as varchar) as base,
    cast(null as integer) as n_respondents,
    cast(null as varchar) as statement,
    _file_citation as citation,
    'scb' as source_id,
    _dataset_id as dataset_id,
    _source_file || '#cell=' || cast(source_cell as varchar) as source_ref,
    _vintage as vintage,
    cast(_retrieved as date) as retrieved_at,
    cast(_priority as integer) as source_priority
from {{ source('scb', 'brp') }}
