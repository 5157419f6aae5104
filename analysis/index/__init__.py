"""The composite METRIC index, built as COINr and the JRC/OECD Handbook build one, at two levels (the 21 län and
the 8 NUTS2 regions), in editions as the Regional Innovation Scoreboard publishes them, with every choice recorded.
One step per module:

* ``settings``   the choices (editions, lag, normalisation, treatment, aggregation, coherence, uncertainty);
* ``editions``   money in real terms (relative to Riket each year), each edition's value of each indicator (its most
                 recent year within the lag) for the regions and Riket, and what could not be used, with why;
* ``treatment``  COINr's outlier treatment (skewness/kurtosis test, winsorisation, ``log_CT``), decided over the
                 regions only, with the distribution before and after;
* ``normalise``  min-max (and z-score, rank, distance to Riket) over the regions' observations;
* ``aggregate``  dimension scores and the overall index, ranks, performance groups relative to Riket;
* ``coherence``  Cronbach's alpha and item-rest correlations; an incoherent dimension is scored on what coheres;
* ``uncertainty`` variance-based sensitivity (Sobol, Saltelli design, SALib) and rank intervals, every draw counted;
* ``build``      one level from its values to its tables.

Everything here is pure pandas/numpy (scipy and SALib imported where used); no Dagster.
"""

from analysis.index.settings import GROUPS, LEVELS, RIKET, IndexSettings
from analysis.index.build import LevelIndex, build_level

__all__ = ["GROUPS", "LEVELS", "RIKET", "IndexSettings", "LevelIndex", "build_level"]
