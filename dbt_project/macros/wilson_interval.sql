{#
  The Wilson score interval of a share, in percent, for a sample of effective size n_eff (n / design effect):
  centre = (p + z^2 / 2n) / (1 + z^2 / n), half-width = z sqrt(p (1 - p) / n + z^2 / 4n^2) / (1 + z^2 / n), z = 1.96.
  side: 'low' or 'high'. Wilson keeps the interval inside 0-100 and behaves near 0 and 100, where the Wald interval fails.
#}
{% macro wilson_interval(percent, n_eff, side) %}
{%- set z = 1.959963984540054 -%}
{%- set p = "(" ~ percent ~ " / 100.0)" -%}
{%- set n = "(" ~ n_eff ~ ")" -%}
100.0 * (
    ({{ p }} + {{ z }}^2 / (2 * {{ n }}))
    {{ '-' if side == 'low' else '+' }} {{ z }} * sqrt({{ p }} * (1 - {{ p }}) / {{ n }} + {{ z }}^2 / (4 * {{ n }}^2))
) / (1 + {{ z }}^2 / {{ n }})
{% endmacro %}
