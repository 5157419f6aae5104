-- All staged sources unioned into one long table (the contract of design.md, before catalogue enrichment).
{% set staging_models = [
    'stg_scb__brp',
    'stg_scb__figures',
    'stg_ukae__figures',
    'stg_vr__figures',
    'stg_prv__figures',
    'stg_wipo__figures',
    'stg_tillvaxtanalys__figures',
    'stg_entreprenorskapsforum__figures',
    'stg_svca__figures',
    'stg_almi__figures',
    'stg_objektvision__figures',
    'stg_svenskt_naringsliv__figures',
    'stg_pts__figures',
    'stg_skatteverket__figures',
    'stg_upphandlingsmyndigheten__figures',
    'stg_nle__figures',
    'stg_incubator_survey__figures',
] %}
{% for model in staging_models %}
select * from {{ ref(model) }}
{% if not loop.last %}union all by name{% endif %}
{% endfor %}
