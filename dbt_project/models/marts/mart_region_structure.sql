-- What each län is like, not how it performs: its size, density, industry mix and urban share, one row per län and
-- variable in the latest year every län has it. The similar-län analysis (analysis.similar_regions) finds each
-- län's nearest neighbours on these, as Kolada's comparison groups do for kommuner.
with county as (
    select region_code, region_name from {{ ref('dim_region') }} where region_level = 'county'
),

context as (
    select f.indicator_id, f.breakdown, f.year, f.region_code, f.value, f.citation
    from {{ ref('fct_indicator_values') }} as f
    join county using (region_code)
    where f.is_preferred and f.value_kind = 'figure' and f.qualifier = 'exact'
      and f.indicator_id in ('ctx_population', 'ctx_area', 'ctx_employment')
),

-- the latest year in which every län has the series
complete_years as (
    select indicator_id, breakdown, max(year) as year
    from (
        select indicator_id, breakdown, year
        from context
        group by indicator_id, breakdown, year
        having count(distinct region_code) = (select count(*) from county)
    )
    group by indicator_id, breakdown
),

latest as (
    select c.*
    from context as c
    join complete_years using (indicator_id, breakdown, year)
),

population as (
    select region_code, year, value, citation from latest where indicator_id = 'ctx_population' and breakdown = ''
),

area as (
    select region_code, year, value, citation from latest where indicator_id = 'ctx_area' and breakdown = ''
),

employment as (
    select
        s.region_code,
        s.year,
        replace(s.breakdown, 'nace=', '') as section,
        s.value / t.value as share,
        s.citation
    from latest as s
    join latest as t
      on t.indicator_id = 'ctx_employment' and t.breakdown = '' and t.region_code = s.region_code
     and t.year = s.year
    where s.indicator_id = 'ctx_employment' and s.breakdown like 'nace=%'
),

-- SKR's kommun groups: the population aged 16-74 in storstäder (A1) and större städer (B3), the latest year (0
-- for a län with neither)
education_year as (
    select max(year) as year from {{ ref('stg_kommun_education') }}
),

urban as (
    select
        e.lan_code as region_code,
        e.year,
        coalesce(sum(e.persons) filter (where e.skr_group in ('A1', 'B3')), 0) / sum(e.persons) as share,
        any_value(e.citation) as citation
    from {{ ref('stg_kommun_education') }} as e
    join education_year using (year)
    group by e.lan_code, e.year
),

variables as (
    select region_code, 'population' as variable, year, value, 'count' as unit,
           'Population on 1 January' as definition, citation
    from population
    union all
    select p.region_code, 'population_density', p.year, p.value / a.value, 'per_km2',
           'Inhabitants per km2 (population on 1 January over the total area of ' || a.year || ')',
           p.citation || '; ' || a.citation
    from population as p join area as a using (region_code)
    union all
    select region_code, 'employment_share_' || lower(replace(section, '-', '_')), year, 100 * share, 'percent',
           'Employed persons in NACE section ' || section || ' as a share of all employed (thousands of persons)',
           citation
    from employment
    union all
    select region_code, 'urban_share', year, 100 * share, 'percent',
           'Share of the population aged 16-74 living in kommuner SKR classes as storstäder (A1) or större städer '
           || '(B3), kommungruppsindelning 2017',
           citation
    from urban
)

select
    v.region_code,
    c.region_name,
    v.variable,
    v.year,
    v.value,
    v.unit,
    v.definition,
    v.citation
from variables as v
join county as c using (region_code)
