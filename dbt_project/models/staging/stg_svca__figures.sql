-- SVCA, Swedish Private Equity & Venture Capital Association: published figures in the long staging contract (see macros/stage_figures.sql).
{{ stage_figures('svca', 'figures') }}
