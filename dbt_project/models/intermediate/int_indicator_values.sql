-- Every value: as published (int_published_values) and derived by a documented formula (models/intermediate/derived).
select * from {{ ref('int_published_values') }}
{% for model in ['int_derived__gdp_per_inhabitant', 'int_derived__new_firms_per_1000', 'int_derived__population_growth',
                 'int_derived__goods_exports_per_inhabitant', 'int_derived__rd_per_inhabitant',
                 'int_derived__epo_applications_per_million', 'int_derived__knowledge_services_share',
                 'int_derived__tertiary_3y_share', 'int_derived__riket_from_nuts2',
                 'int_derived__europe_aggregates'] %}
union all by name
select * from {{ ref(model) }}
{% endfor %}
