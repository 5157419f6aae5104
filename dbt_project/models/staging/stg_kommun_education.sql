-- The cells of SCB's education table by kommun (raw.table_cells, dataset uf0506_kommun: persons aged 16-74 by
-- highest level of education and sex, each kommun in its län), one row per kommun, level, sex and year with the
-- codes taken out of `dimensions` (the kommun, its SKR kommun group, the level, the sex). Not an indicator itself:
-- int_derived__tertiary_3y_share sums it to the län, mart_region_structure takes the population in each kommun group.
select
    c.region_code as lan_code,
    regexp_extract(c.dimensions, 'kommun=([0-9]{4})', 1) as kommun_code,
    c.region_label as kommun_name,
    regexp_extract(c.dimensions, 'skr_group=([A-C][1-9])', 1) as skr_group,
    regexp_extract(c.dimensions, 'level=([a-z0-9_]+)', 1) as education_level,
    regexp_extract(c.dimensions, 'sex=([A-Z])', 1) as sex,
    cast(c.period as integer) as year,
    c.value as persons,
    c._file_citation as citation,
    {{ provenance_columns('c', 'source_cell', 'row') }}
from {{ source('raw', 'table_cells') }} as c
where c.dataset_code = 'uf0506_kommun'
