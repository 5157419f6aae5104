-- All staged families unioned into one long table (the contract of the staging models, before catalogue enrichment).
select * from {{ ref('stg_published_figures') }}
union all by name
select * from {{ ref('stg_table_cells') }}
