-- NLE 2024 business survey (Verian for Region Västerbotten): published figures in the long staging contract (see macros/stage_figures.sql).
{{ stage_figures('nle', 'figures') }}
