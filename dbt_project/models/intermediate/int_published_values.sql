-- Every staged family unioned into the long contract: the values as their publishers published them (and the
-- estimates made from survey microdata, with their intervals).
select * from {{ ref('stg_published_figures') }}
union all by name
select * from {{ ref('stg_table_cells') }}
union all by name
select * from {{ ref('stg_survey_estimates') }}
