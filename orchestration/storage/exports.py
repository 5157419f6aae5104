"""Writing what analysts take away: the published read-only copy of the warehouse, Parquet/CSV files and one Excel
workbook, into a publish staging folder (``orchestration/storage/publish_folder.py`` publishes the set). Every file is written
beside its target and renamed into place, never written in place: the staging folder starts as hard links to the
published files, which must never change."""

from __future__ import annotations

import json
import numbers
from decimal import Decimal
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd

EXPORT_SCHEMAS = ("marts", "analysis")

# Column descriptions for the analysis tables (dbt documents the marts; see column_dictionary()).
ANALYSIS_COLUMNS = {
    "series_id": "Indicator series: indicator_id, with [breakdown] where the indicator has one.",
    "year": "Year.",
    "observed_value": "The published value of that year (null where the cell is imputed).",
    "value": "The value used (observed, or imputed as 'method' says) / the observed value.",
    "is_imputed": "True where the value is filled in (not a published figure of that year or its period).",
    "method": "observed, period_value, linear_interpolation, carried_backward or carried_forward (_clipped_to_bound where a published bound applied).",
    "included": "Whether the series enters the PCA.",
    "exclusion_reason": "Why a series does not enter the PCA.",
    "n_observed_years": "Observed years inside the analysis window.",
    "observed_years": "The observed years, comma-separated.",
    "index_to_first": "100 x value / first value of the series.",
    "cagr": "Compound annual growth rate between the first and last observation.",
    "latest_direction": "improving, worsening or neutral: the latest change after polarity.",
    "change_score": "Last minus first polarity-aware score (-1 to 1).",
    "component": "Principal component (PC1, PC2, ...).",
    "eigenvalue": "Eigenvalue of the component.",
    "pct_variance": "Share of the total variance, %.",
    "cumulative_pct": "Cumulative share of variance, %.",
    "pass": "first = PCA on all included series; final = PCA on the kept series.",
    "coord": "Coordinate: for a series its correlation with the component; for a year its score.",
    "cos2": "Squared cosine: quality of representation on the component.",
    "contrib": "Contribution to the component, % (null for supplementary series).",
    "role": "active (kept, in the final PCA) or supplementary (projected).",
    "kept": "Whether the series passed the cos2 cut in the first pass.",
    "first_pass_plane_cos2": "cos2 on the PC1-PC2 plane in the first pass.",
    "plane_cos2_pc1_pc2": "cos2 on the PC1-PC2 plane in the final pass.",
    "period": "The report's period the year belongs to.",
    "step_distance": "Distance on the PC1-PC2 plane from the previous year.",
    "cluster": "research_knowledge or market_digital.",
    "mean_score": "Mean polarity-oriented z-score of the cluster's series in the year.",
    "correlation_r": "Pearson's r between the two clusters' yearly scores.",
    "bound": "The published bound (over/under/range/about) a filled-in value was clipped to; null where none.",
    "transformation": "How a level series was made comparable: index_to_riket, per inhabitant (per 100k for counts), or none.",
    "window_start": "First year of the PCA window (the sub-window the series cover, see the README).",
    "window_end": "Last year of the PCA window.",
    "dataset_id": "The one dataset (release) the series' values come from: releases are never spliced.",
    "other_datasets": "Other datasets with values of the series, not used in the PCA.",
    "null_parallel_q95": "95th percentile of the eigenvalue under parallel analysis (columns permuted independently).",
    "p_parallel": "Share of permuted data sets with an eigenvalue at least as large (parallel analysis p-value).",
    "null_random_walk_q95": "PC1 only: 95th percentile of PC1's share in independent random walks observed like the real series.",
    "p_random_walk": "PC1 only: share of random-walk panels with a PC1 share at least as large.",
    "distinguishable_from_noise": "True when the component beats both null models at the 5 % level.",
    "final_pass_plane_cos2": "cos2 on the PC1-PC2 plane in the final pass (the rule re-applied).",
    "dropped_in_pass": "The PCA pass in which a series fell below the cos2 cut.",
    "r_ci_low": "Lower end of the Fisher-z 95 % interval of correlation_r.",
    "r_ci_high": "Upper end of the Fisher-z 95 % interval of correlation_r.",
    "report_r": "The report's cluster correlation (r ~ -0.38), shown beside ours.",
    "report_r_ci_low": "Lower end of the Fisher-z 95 % interval of the report's r (its n years).",
    "report_r_ci_high": "Upper end of the Fisher-z 95 % interval of the report's r.",
    "bias": "Bootstrap or jackknife bias of PC1's share, removed from the interval.",
    "block_length": "Moving-block bootstrap: years per block.",
    "scope": "the regions the table covers (all län, and NUTS2 regions; Sweden's NUTS2 regions among the EU's): the rows carry their region_code.",
    "p_parallel_low": "Lower end of the Monte-Carlo 95 % interval of p_parallel (Clopper-Pearson).",
    "p_parallel_high": "Upper end of the Monte-Carlo 95 % interval of p_parallel.",
    "p_random_walk_low": "Lower end of the Monte-Carlo 95 % interval of p_random_walk (Clopper-Pearson).",
    "p_random_walk_high": "Upper end of the Monte-Carlo 95 % interval of p_random_walk.",
    "n_random_walks": "Random-walk panels behind p_random_walk.",
    "noise_verdict": "distinguishable only when every p-value's interval lies below 0.05; else not distinguishable.",
    "anchor_years": "Observed years outside the PCA window that anchor its interpolation at the ends.",
    "level": "county (the 21 län), nuts2 (Sweden's 8 NUTS2 regions) or europe (the EU's NUTS2 regions, Sweden's among them): the level the index is built for.",
    "edition": "The index edition: its indicator set (each indicator's latest value at most max_lag years old in that year) and the comparable series computed on it.",
    "is_edition_year": "True on the edition's own year (its published scores); the other years are its comparable series, recomputed on the same indicators.",
    "unit": "A dimension id, or overall (the composite index); elsewhere the unit of the values.",
    "score": "Index score 0-100 (min-max over the edition's comparable series: 100 = the best region-year of the edition; compare within one edition); in relative development 0-1.",
    "score_geometric": "The same score with the dimensions combined by a geometric mean (1-100).",
    "relative_to_reference": "The ratio-scale index against the reference (Riket; the EU at the European level): each indicator with a true zero as 100 x value / the reference's value (inverted where less is better), averaged within and across dimensions; the reference = 100.",
    "relative_low": "5th percentile of relative_to_reference over the uncertainty analysis's draws that normalise by the distance to the reference.",
    "relative_high": "95th percentile of relative_to_reference over those draws.",
    "against_reference": "clearly_above or clearly_below the reference, Riket or the EU (the interval relative_low-relative_high does not reach 100), near (it does), above or below (one indicator: nothing could vary, no interval).",
    "eu_group": "The European level only: leader (>= 125 % of the EU), strong (100-125 %), moderate (70-100 %) or emerging (< 70 %), the Regional Innovation Scoreboard's thresholds read on relative_to_reference (the ratio-scale index against the EU), not the scoreboard's own scale.",
    "eu_group_low": "The group at relative_low (the interval's lower end): where it differs from eu_group, the group is not certain.",
    "eu_group_high": "The group at relative_high (the interval's upper end).",
    "rank": "1 = best among the regions of the level in the year (ties share the best rank); read it with rank_low-rank_high.",
    "rank_low": "The best plausible rank: 5th percentile over the uncertainty analysis's draws.",
    "rank_high": "The worst plausible rank: 95th percentile over the draws.",
    "tier": "Regions whose rank intervals do not separate share a tier (1 = the best); a region opens a new tier when its interval lies wholly below the interval of the current tier's best.",
    "first_year": "The first year of the edition's comparable series in which the region has a score.",
    "change_since_first_year": "The score minus its score in first_year (the same indicators, so a change in the data; money relative to Riket each year).",
    "n_present": "Indicators (or dimensions) with a value for the region and edition.",
    "n_indicators": "Indicators (or dimensions) the score is built from in the edition.",
    "missing_reason": "Why a score is missing (not comparable that year, fewer than two thirds of its indicators, the required content missing, a dimension missing).",
    "composition": "The series each dimension (or the index) is built from in the edition (the same in every year of its series).",
    "nominal_rank": "The rank with the default assumptions.",
    "median_rank": "Median rank over the independent draws of the uncertainty analysis.",
    "rank_p05": "5th percentile of the rank over the draws (the best plausible rank).",
    "rank_p95": "95th percentile of the rank over the draws (the worst plausible rank).",
    "n_draws": "Independent draws in which the region had a score.",
    "n_failed": "Independent draws in which it had none (n_draws + n_failed = all draws).",
    "failed_because": "Per reason (which assumption, which dimension) the number of draws that could not score it.",
    "relative_median": "Median of the ratio-scale index against Riket over the draws that normalise by the distance to Riket.",
    "relative_p05": "5th percentile of the ratio-scale index over those draws.",
    "relative_p95": "95th percentile of the ratio-scale index over those draws.",
    "n_relative_draws": "Draws behind the ratio-scale interval.",
    "assumption": "weights, normalisation, aggregation, treatment (outliers) or leave_out (one indicator).",
    "first_order": "Sobol first-order index: the share of the output's variance the assumption explains alone.",
    "first_order_low": "Lower end of the 95 % bootstrap interval of first_order.",
    "first_order_high": "Upper end of the 95 % bootstrap interval of first_order.",
    "total": "Sobol total index: the share of variance the assumption explains with all its interactions.",
    "total_low": "Lower end of the 95 % bootstrap interval of total.",
    "total_high": "Upper end of the 95 % bootstrap interval of total.",
    "output": "What the sensitivity indices decompose (the mean absolute rank shift from the nominal ranks).",
    "resolved_order": "Which assumptions surely matter more than which (their intervals of total do not overlap).",
    "levels": "What the assumption ranged over: the sensitivity indices hold for these ranges only.",
    "n_evaluations": "Model evaluations of the Saltelli design (base samples x (assumptions + 2)).",
    "n_evaluations_unscored": "Evaluations that could score no region in the edition's year.",
    "n_items": "Indicators in the dimension.",
    "cronbach_alpha": "Cronbach's alpha of the dimension's indicators (standardised, treated and normalised data).",
    "item_rest_r": "The indicator's correlation with the mean of its dimension's other indicators.",
    "r_with_dimension": "The indicator's correlation with its dimension score over the regions.",
    "r_with_index": "The indicator's correlation with the overall index over the regions.",
    "verdict": "coherent, one indicator, or that the indicators measure different sides of the dimension (the statistics decide nothing).",
    "skew_before": "Skewness (e1071 type 2, as COINr) over the regions' observations before treatment.",
    "kurtosis_before": "Kurtosis (excess, e1071 type 2) before treatment.",
    "skew_after": "Skewness after treatment.",
    "kurtosis_after": "Kurtosis after treatment.",
    "passes_after": "Whether |skewness| < 2 or kurtosis < 3.5 after treatment (COINr's check_SkewKurt).",
    "n_observations": "The regions' distinct observations the treatment is decided on.",
    "n_points_treated": "Points winsorised (or, for log_CT and Box-Cox, every observation).",
    "box_cox_lambda": "The Box-Cox alternative's lambda for the indicator (maximum likelihood over the regions' observations), tried by the uncertainty analysis.",
    "year_used": "The data year used for the indicator in that year of the edition's series (null when not used).",
    "has_reference": "Whether the reference (Riket; the EU at the European level) has a value within the lag.",
    "reference_basis": "How the reference's value (Riket's; the EU's at the European level) was obtained: aggregate_of_regions, published_total (a region is missing), by_definition (an index with the EU = 100) or approximate_aggregate.",
    "status": "used, not_used, not_comparable (a year of the series without the indicator), context (cannot tell the regions apart), dimension_not_scored (its required content missing) or edition_not_scored.",
    "content": "What the indicator measures within its dimension (seeds/index_indicators).",
    "peer_rank": "1 = the most similar region in structure, then 2, ... (analysis/similar_regions.py for the län, analysis/europe_peers.py for Europe).",
    "peer_code": "The similar region's code.",
    "distance": "Weighted Euclidean distance on standardised structural variables (each concept weighs the same).",
    "stability": "Share of the leave-one-concept-out runs that keep the peer among the nearest (1 = always).",
    "is_robust": "Whether every leave-one-concept-out run keeps the peer (stability 1): it hangs on no one concept.",
    "reason": "Why an indicator is not used in the edition (or, in index_signal, why it is context).",
    "indicators": "Every indicator the index_indicators seed lists for the dimension and level.",
    "required_content": "What the dimension must contain to be scored (seeds/index_requirements: alternatives separated by |, 'N of' several).",
    "indicators_context": "Indicators that cannot tell the regions apart, and why (index_signal).",
    "editions_scored": "The editions in which the dimension is scored.",
    "is_scored": "Whether the dimension (or edition, or indicator) is scored.",
    "n_dimensions": "Dimensions the edition scores.",
    "n_series": "Indicator series in the edition's set.",
    "dimensions": "The dimensions the edition scores.",
    "comparable_years": "The years of the edition's comparable series in which Riket has an overall score.",
    "first_comparable_year": "The first of them.",
    "added_since_previous": "Series in this edition's set that the previous scored edition's set lacks.",
    "dropped_since_previous": "Series of the previous scored edition's set that this one lacks.",
    "n_year_pairs": "Pairs of consecutive observed years the rank correlation is computed over.",
    "rank_correlation_median": "Median Spearman correlation of the regions' values between consecutive observed years (below the floor: the order is noise).",
    "rank_correlation_min": "The smallest of those correlations.",
    "median_value": "The median of the regions' observations (a share at or above the saturation level is saturated).",
    "is_saturated": "Whether the share is saturated (the regions' median at or above the saturation level).",
    "separable_pairs": "Where margins of error are published: the largest share, in any year, of the pairs of regions whose values differ by more than the margin of their difference (below min_separable_pairs: context).",
    "data_years": "The range of data years the editions use.",
    "not_scored_because": "Why a dimension is not scored.",
    "original": "The value before outlier treatment.",
    "treated": "The value after outlier treatment.",
    "kind": "distribution (an indicator's treatment), winsorised_point or normalisation (its parameters).",
    "settings": "The analysis settings (JSON) the table was computed with.",
    "input_vintages": "The datasets and vintages the input came from.",
    "input_fingerprint": "Hash of the input values.",
    "computed_at": "When the table was computed (UTC).",
}


def export_relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return con.execute(
        "select table_schema, table_name from information_schema.tables "
        f"where table_schema in {EXPORT_SCHEMAS!r} order by 1, 2").fetchall()


def _replace_into(target: Path, write) -> Path:
    """Write via ``write(partial_path)`` and rename over ``target`` (atomic on one file system)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    write(partial)
    os.replace(partial, target)
    return target


def publish_database(warehouse_path: Path, target: Path) -> dict[str, int]:
    """Copy every mart and analysis table into a fresh DuckDB file and swap it in at ``target``."""
    staging_dir = target.parent / ".staging"
    shutil.rmtree(staging_dir, ignore_errors=True)
    staging_dir.mkdir(parents=True)
    staged = staging_dir / target.name  # same file name: DuckDB names the catalogue after it
    rows: dict[str, int] = {}
    con = duckdb.connect(str(staged))
    try:
        con.execute(f"attach {sql_string(warehouse_path)} as source_warehouse (read_only)")
        for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables where table_catalog = "
                f"'source_warehouse' and table_schema in {EXPORT_SCHEMAS!r} order by 1, 2").fetchall():
            con.execute(f'create schema if not exists "{schema}"')
            con.execute(f'create table "{schema}"."{name}" as select * from source_warehouse."{schema}"."{name}"')
            rows[f"{schema}.{name}"] = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
        con.execute("detach source_warehouse")
        con.execute("checkpoint")
    finally:
        con.close()
    os.chmod(staged, 0o444)  # the published copy is read-only by construction
    os.replace(staged, target)  # a WAL an analyst's write left beside the old copy stays in the old release
    shutil.rmtree(staging_dir, ignore_errors=True)
    return rows


def sql_string(text: str | Path) -> str:
    """A string literal for SQL text that takes no bind parameter (COPY targets, ATTACH paths): quotes doubled."""
    return "'" + str(text).replace("'", "''") + "'"


# Spreadsheet formula injection (OWASP "CSV injection"): a text cell starting with =, +, -, @, tab or carriage return
# is read as a formula by Excel and LibreOffice. In the CSV exports such a field is prefixed with a single quote, as
# OWASP recommends; the workbook writes every string as a string cell (xlsxwriter's strings_to_formulas off).
FORMULA_PATTERN = r"^[=+\-@\t\r]"


def csv_safe_select(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> str:
    """A select of the table whose text values that look like formulas are neutralised for CSV."""
    columns = con.execute("select column_name, data_type from information_schema.columns where table_schema = ? "
                          "and table_name = ? order by ordinal_position", [schema, name]).fetchall()
    pattern = sql_string(FORMULA_PATTERN)
    parts = []
    for column, dtype in columns:
        quoted = '"' + column.replace('"', '""') + '"'
        if dtype.upper() == "VARCHAR":
            parts.append(f"case when regexp_matches({quoted}, {pattern}) then '''' || {quoted} else {quoted} end "
                         f"as {quoted}")
        else:
            parts.append(quoted)
    return f'select {", ".join(parts)} from {schema}."{name}"'


def export_files(con: duckdb.DuckDBPyConnection, publish_dir: Path) -> dict[str, int]:
    """Every exported table as Parquet and CSV (UTF-8, header; formula-looking text neutralised in the CSV)."""
    written = {}
    for schema, name in export_relations(con):
        relation = f'{schema}."{name}"'
        rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
        for fmt, query, options in (("parquet", f"select * from {relation}", "format parquet"),
                                    ("csv", csv_safe_select(con, schema, name), "format csv, header true")):
            target = _replace_into(publish_dir / fmt / f"{name}.{fmt}",
                                   lambda p, q=query, o=options: con.execute(f"copy ({q}) to {sql_string(p)} ({o})"))
            written[str(target)] = rows
    return written


def column_dictionary(con: duckdb.DuckDBPyConnection, manifest_path: Path) -> pd.DataFrame:
    """Every column of every exported table with its type and description (dbt's docs, else the analysis docs)."""
    docs: dict[str, dict[str, str]] = {}
    contract: dict[str, str] = {}
    if manifest_path.exists():
        nodes = json.loads(manifest_path.read_text(encoding="utf-8"))["nodes"]
        for node in nodes.values():
            if node.get("resource_type") != "model":
                continue
            columns = {c: v.get("description", "") for c, v in node.get("columns", {}).items()}
            docs[node["name"]] = columns
            if node["name"] == "stg_published_figures":  # the documented long contract shared by every layer
                contract = columns
    rows = con.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns "
        f"where table_schema in {EXPORT_SCHEMAS!r} order by table_schema, table_name, ordinal_position").fetchall()
    out = []
    for schema, table, column, dtype in rows:
        text = (docs.get(table, {}).get(column) or contract.get(column) or ANALYSIS_COLUMNS.get(column) or "")
        out.append({"schema": schema, "table": table, "column": column, "type": dtype, "description": text})
    return pd.DataFrame(out)


INDICATOR_SHEET_COLUMNS = ["dimension_name_sv", "indicator_id", "name_sv", "name_en", "definition", "definition_sv",
                           "unit", "polarity", "source_id", "frequency", "report_section", "report_diagram", "citations"]


def indicator_dictionary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The indicators sheet: columns of marts.dim_indicator (the dbt model holds the citations per indicator)."""
    return con.execute(f"select {', '.join(INDICATOR_SHEET_COLUMNS)} from marts.dim_indicator "
                       "order by dimension_name_sv, indicator_id").fetchdf()


def _sheet_name(text: str, used: set[str]) -> str:
    name = "".join(ch for ch in text if ch not in "[]:*?/\\")[:31]
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def _write_sheet(book, name: str, cursor: duckdb.DuckDBPyConnection | pd.DataFrame) -> None:
    """One sheet, header then rows in order (the workbook streams rows to disk: memory stays flat whatever the size).
    Strings are written as strings, never as formulas or links; missing values as empty cells."""
    sheet = book.add_worksheet(name)
    if isinstance(cursor, pd.DataFrame):
        header, batches = list(cursor.columns), [cursor.astype(object).where(cursor.notna(), None).values.tolist()]
    else:
        header = [d[0] for d in cursor.description]
        batches = iter(lambda: cursor.fetchmany(10_000), [])
    sheet.write_row(0, 0, header)
    row_no = 1
    for batch in batches:
        for row in batch:
            for col, value in enumerate(row):
                if value is None or (isinstance(value, float) and value != value):
                    continue
                if isinstance(value, str):
                    sheet.write_string(row_no, col, value)
                elif isinstance(value, bool):
                    sheet.write_boolean(row_no, col, value)
                elif isinstance(value, (numbers.Real, Decimal)):  # int, float, Decimal, numpy numbers
                    sheet.write_number(row_no, col, float(value))
                elif hasattr(value, "isoformat"):
                    sheet.write_datetime(row_no, col, value) if hasattr(value, "hour") else \
                        sheet.write_string(row_no, col, value.isoformat())
                else:
                    sheet.write_string(row_no, col, str(value))
            row_no += 1


def export_workbook(con: duckdb.DuckDBPyConnection, target: Path, manifest_path: Path) -> dict[str, str]:
    """One Excel workbook: a sheet per dimension mart (Swedish names), the analysis tables, the data dictionary
    (every column) and the indicators (definition, unit, polarity, source, citations). Returns sheet -> table."""
    import xlsxwriter

    dimensions = con.execute("select dimension_id, name_sv from marts.dim_dimension order by dimension_no").fetchall()
    analysis_tables = [name for schema, name in export_relations(con) if schema == "analysis"]
    used: set[str] = set()
    sheets: dict[str, str] = {}

    def write(path: Path) -> None:
        # constant_memory: rows go to disk as they are written; strings stay strings (never formulas or links)
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                               "strings_to_urls": False, "strings_to_numbers": False,
                                               "default_date_format": "yyyy-mm-dd hh:mm:ss",
                                               "remove_timezone": True})
        try:
            for dimension_id, name_sv in dimensions:
                sheet = _sheet_name(name_sv, used)
                _write_sheet(book, sheet, con.execute(f"select * from marts.mart_{dimension_id}"))
                sheets[sheet] = f"marts.mart_{dimension_id}"
            for table in analysis_tables:
                sheet = _sheet_name(f"analys {table}", used)
                _write_sheet(book, sheet, con.execute(f'select * from analysis."{table}"'))
                sheets[sheet] = f"analysis.{table}"
            sheet = _sheet_name("Indikatorer (indicators)", used)
            _write_sheet(book, sheet, indicator_dictionary(con))
            sheets[sheet] = "indicators"
            sheet = _sheet_name("Kolumner (data dictionary)", used)
            _write_sheet(book, sheet, column_dictionary(con, manifest_path))
            sheets[sheet] = "columns"
        finally:
            book.close()

    _replace_into(target, write)
    return sheets
