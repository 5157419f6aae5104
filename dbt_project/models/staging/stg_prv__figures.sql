-- PRV, Patent- och registreringsverket: published figures in the long staging contract (see macros/stage_figures.sql).
{{ stage_figures('prv', 'figures') }}
