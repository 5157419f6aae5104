"""The offline HTML report: plotly figures and the page around them, built from DataFrames (no Dagster, no DuckDB)."""
