{# The provenance columns every staging model carries, from the extract's underscore columns; source_ref points at
   the file and the row (published figures) or cell (table cells) the value was read from. `alias`: the raw
   relation's alias in the model's from clause. #}
{% macro provenance_columns(alias, position_column, position_label) %}
    {{ alias }}.source_id,
    {{ alias }}._dataset_id as dataset_id,
    {{ alias }}._source_file || '#{{ position_label }}=' || cast({{ alias }}.{{ position_column }} as varchar) as source_ref,
    {{ alias }}._vintage as vintage,
    cast({{ alias }}._retrieved as date) as retrieved_at,
    cast({{ alias }}._priority as integer) as source_priority
{% endmacro %}
