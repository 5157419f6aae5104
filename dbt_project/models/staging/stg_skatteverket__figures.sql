-- Skatteverket: published figures in the long staging contract (see macros/stage_figures.sql).
{{ stage_figures('skatteverket', 'figures') }}
