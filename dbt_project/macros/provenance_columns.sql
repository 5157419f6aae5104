{# The provenance columns every staging model carries, from the extract's underscore columns; source_ref points at
   the file and the row (figures CSV) or cell (json-stat2) the value was read from. #}
{% macro provenance_columns(source_id, position_column, position_label) %}
    '{{ source_id }}' as source_id,
    _dataset_id as dataset_id,
    _source_file || '#{{ position_label }}=' || cast({{ position_column }} as varchar) as source_ref,
    _vintage as vintage,
    cast(_retrieved as date) as retrieved_at,
    cast(_priority as integer) as source_priority
{% endmacro %}
