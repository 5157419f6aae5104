{{ config(severity="warn", meta={"dagster": {"ref": {"name": "int_value_anomalies"}}}) }}
-- Every published value the anomaly check flags (a zero among positives, a value far outside its own series) must
-- be confirmed in seeds/confirmed_values.csv before it is used; until then it is missing for the derived indicators
-- and the analysis. A warning, not an error: the refresh goes on without the value and this test lists it.
select indicator_id, region_code, year, breakdown, dataset_id, value, previous_value, next_value, anomaly, source_ref
from {{ ref('int_value_anomalies') }}
where not is_confirmed
