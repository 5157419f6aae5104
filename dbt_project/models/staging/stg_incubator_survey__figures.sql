-- Incubator survey 2024 (five incubators in the län): published figures in the long staging contract (see macros/stage_figures.sql).
{{ stage_figures('incubator_survey', 'figures') }}
