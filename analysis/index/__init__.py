"""The composite METRIC index, built as COINr and the JRC/OECD Handbook build one, at three levels (the 21 län and
Sweden's 8 NUTS2 regions against Riket, the EU's NUTS2 regions against the EU), in comparable editions as the European Innovation Scoreboard publishes them, with every choice
recorded. One step per module:

* ``settings``    the choices (editions, lag, normalisation, treatment, aggregation, signal, uncertainty);
* ``content``     what each dimension must contain before it is scored (seeds/index_requirements);
* ``signal``      whether an indicator can tell the regions apart (rank stability, saturation, margins of error);
* ``editions``    money in real terms (relative to Riket each year), each edition's indicator set and its whole
                  history recomputed on that set (the comparable series), with what could not be used and why;
* ``treatment``   COINr's outlier treatment (skewness/kurtosis test, winsorisation, ``log_CT``) and Box-Cox,
                  decided over the regions only, with the distribution before and after;
* ``normalise``   min-max (and z-score, rank, distance to Riket) over the regions' observations;
* ``model``       one evaluation: dimension scores (required content, two thirds present) and the overall index;
* ``aggregate``   weighted means, ranks, a region against Riket on the ratio scale, tiers of separable ranks;
* ``coherence``   Cronbach's alpha and item-rest correlations (reported; they decide nothing);
* ``uncertainty`` variance-based sensitivity (Sobol, Saltelli design, SALib), rank and ratio intervals;
* ``build``       one level from its values to its tables, edition by edition.

Everything here is pure pandas/numpy (scipy and SALib imported where used); no Dagster.
"""

from analysis.index.settings import AGAINST_RIKET, EU, LEVELS, RIKET, IndexSettings, Scope, index_scope
from analysis.index.build import LevelIndex, build_level

__all__ = ["AGAINST_RIKET", "EU", "LEVELS", "RIKET", "IndexSettings", "LevelIndex", "Scope", "build_level",
           "index_scope"]
