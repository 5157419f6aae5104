"""METRIC warehouse's orchestration: the Dagster code location (``definitions.py``, ``assets/``, ``automation/``,
``resources.py``), the storage it writes through (``storage/``), the readers of its sources (``sources/``) and the
command-line entry points (``cli/``)."""
