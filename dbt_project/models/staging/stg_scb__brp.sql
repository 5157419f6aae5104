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
    {{ provenance_columns('scb', 'source_cell', 'cell') }}
from {{ source('scb', 'brp') }}
