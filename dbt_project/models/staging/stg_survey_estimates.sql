-- Every estimate computed from a survey's microdata (raw.survey_estimates, orchestration/sources/survey_microdata.py)
-- in the long staging contract, with its standard error, 95 % interval, design effect and is_synthetic.
select
    {{ figure_columns() }},
    flags,
    cast(se as double) as se,
    cast(ci_low as double) as ci_low,
    cast(ci_high as double) as ci_high,
    cast(design_effect as double) as design_effect,
    coalesce(is_synthetic, false) as is_synthetic,
    {{ provenance_columns('e', 'source_row', 'row') }}
from {{ source('raw', 'survey_estimates') }} as e
