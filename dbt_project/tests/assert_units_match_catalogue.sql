{{ config(meta={"dagster": {"ref": {"name": "fct_indicator_values"}}}) }}
-- Every value must be stated in its indicator's catalogue unit.
select f.indicator_id, f.unit as value_unit, c.unit as catalogue_unit, f.source_ref
from {{ ref('fct_indicator_values') }} as f
join {{ ref('indicator_catalogue') }} as c using (indicator_id)
where f.unit <> c.unit
