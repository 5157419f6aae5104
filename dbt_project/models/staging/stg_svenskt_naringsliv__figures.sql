-- Svenskt Näringsliv (foretagsklimat.se): published figures in the long staging contract (see macros/stage_figures.sql).
{{ stage_figures('svenskt_naringsliv', 'figures') }}
