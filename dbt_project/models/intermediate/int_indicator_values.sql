-- All staged sources unioned into one long table (the contract of design.md, before catalogue enrichment).
{% set staging_models = [
    'stg_scb__brp',
    'stg_scb__figures',
    'stg_ukae__figures',
    'stg_prv__figures',
    'stg_wipo__figures',
    'stg_nle__figures',
] %}
{% for model in staging_models %}
select * from {{ ref(model) }}
{% if not loop.last %}union all by name{% endif %}
{% endfor %}
