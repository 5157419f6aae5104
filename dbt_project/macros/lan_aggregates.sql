{#
  A rate for the regions above the län, aggregated exactly from its län: sum of the numerators / sum of the
  denominators of all the län in the region (never a mean of rates). `parts` is a relation or CTE of län rows with
  region_code, year, breakdown, numerator, denominator, dataset_id, vintage, citation, source_priority. A region
  gets a value only where every one of its län has one that year (a missing or unconfirmed anomalous län value leaves
  the region without an aggregate), per dataset (each combination of releases aggregates on its own). The
  aggregate's source_priority is 10 below its parts', so a value the publisher gives for the region itself is
  preferred. Returns region_code, year, breakdown, numerator, denominator, dataset_id, vintage, citation,
  source_priority, n_lan.
#}
{# Sums are ordered (by region), so a refresh of the same inputs gives the same bits (a reused step's
   fingerprint stays the same). #}
{% macro lan_aggregates(parts) %}
    with members as (
        select region_code as lan_code, '00' as parent from {{ ref('regions') }} where region_level = 'county'
        union all
        select region_code, nuts1_code from {{ ref('regions') }} where region_level = 'county'
        union all
        select region_code, nuts2_code from {{ ref('regions') }} where region_level = 'county'
    ),
    expected as (
        select parent, count(*) as n_expected from members group by parent
    ),
    summed as (
        select
            m.parent as region_code,
            p.year,
            p.breakdown,
            sum(p.numerator order by p.region_code) as numerator,
            sum(p.denominator order by p.region_code) as denominator,
            p.dataset_id,
            min(p.vintage) as vintage,
            min(p.citation) as citation,
            max(p.source_priority) + 10 as source_priority,
            count(distinct p.region_code) as n_lan
        from {{ parts }} as p
        join members as m on m.lan_code = p.region_code
        group by m.parent, p.year, p.breakdown, p.dataset_id
    )
    select s.*
    from summed as s
    join expected as e on e.parent = s.region_code
    where s.n_lan = e.n_expected and s.denominator > 0
{% endmacro %}
