-- Every value: as published (int_published_values) and derived by a documented formula (models/intermediate/derived).
select * from {{ ref('int_published_values') }}
{% for model in ['int_derived__gdp_per_inhabitant', 'int_derived__new_firms_per_1000', 'int_derived__population_growth'] %}
union all by name
select * from {{ ref(model) }}
{% endfor %}
