-- Every estimate computed from a survey's microdata (raw.survey_estimates, orchestration/sources/survey_microdata.py)
-- in the long staging contract, with its standard error, 95 % interval, design effect and is_synthetic.
select
    indicator_id,
    region_code,
    cast(period_start as integer) as period_start,
    cast(period_end as integer) as period_end,
    coalesce(breakdown, '') as breakdown,
    cast(value as double) as value,
    cast(value_high as double) as value_high,
    qualifier,
    unit,
    base,
    cast(n_respondents as integer) as n_respondents,
    statement,
    citation,
    flags,
    cast(se as double) as se,
    cast(ci_low as double) as ci_low,
    cast(ci_high as double) as ci_high,
    cast(design_effect as double) as design_effect,
    coalesce(is_synthetic, false) as is_synthetic,
    {{ provenance_columns('e', 'source_row', 'row') }}
from {{ source('raw', 'survey_estimates') }} as e
