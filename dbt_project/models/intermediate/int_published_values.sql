-- Every staged family unioned into the long contract: the values as their publishers published them.
select * from {{ ref('stg_published_figures') }}
union all by name
select * from {{ ref('stg_table_cells') }}
