{#
  A rate for Riket (and the NUTS1 regions) from the NUTS2 regions, where the publisher gives it only for them:
  sum of (rate x weight) / sum of weights over all the NUTS2 regions of the parent, the weight being the rate's own
  denominator (population for a share of the population, employment for a share of employment). `parts` is a
  relation or CTE of NUTS2 rows with region_code, year, breakdown, value, weight, dataset_id, vintage, citation,
  source_priority. A parent gets a value only where every one of its NUTS2 regions has one that year. The
  aggregate's source_priority is 10 below its parts'. Returns region_code, year, breakdown, value, dataset_id,
  vintage, citation, source_priority.
#}
{# Sums are ordered (by region), so a refresh of the same inputs gives the same bits (a reused step's
   fingerprint stays the same). #}
{% macro nuts2_aggregates(parts) %}
    with members as (
        select region_code as nuts2_code, '00' as parent from {{ ref('regions') }} where region_level = 'nuts2'
        union all
        select region_code, nuts1_code from {{ ref('regions') }} where region_level = 'nuts2'
    ),
    expected as (
        select parent, count(*) as n_expected from members group by parent
    ),
    summed as (
        select
            m.parent as region_code,
            p.year,
            p.breakdown,
            sum(p.value * p.weight order by p.region_code) / sum(p.weight order by p.region_code) as value,
            p.dataset_id,
            min(p.vintage) as vintage,
            min(p.citation) as citation,
            max(p.source_priority) + 10 as source_priority,
            count(distinct p.region_code) as n_regions
        from {{ parts }} as p
        join members as m on m.nuts2_code = p.region_code
        where p.weight > 0
        group by m.parent, p.year, p.breakdown, p.dataset_id
    )
    select s.region_code, s.year, s.breakdown, s.value, s.dataset_id, s.vintage, s.citation, s.source_priority
    from summed as s
    join expected as e on e.parent = s.region_code
    where s.n_regions = e.n_expected
{% endmacro %}
