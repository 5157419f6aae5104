"""What the report shows, as one object: the frames and values the publish step reads from the warehouse (no
plotting library here, so the report's inputs can be read and fingerprinted without loading plotly)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class ReportData:
    region_code: str
    region_name: str
    generated_at: str
    dimensions: pd.DataFrame  # dimension_id, name_sv, name_en, n_indicators
    indicators: pd.DataFrame  # dim_indicator
    values: pd.DataFrame  # preferred fct rows with region_name (selected region, Riket, others)
    matrix: pd.DataFrame  # analysis.indicator_matrix
    development: pd.DataFrame
    strengths: pd.DataFrame
    eigenvalues: pd.DataFrame
    variables: pd.DataFrame
    trajectory: pd.DataFrame
    clusters: pd.DataFrame
    sources: pd.DataFrame  # source_id, publisher, file, obtained, vintage, licence
    checks: dict | None  # {"passed": n, "failed": n, "failed_names": [...]}
    index_scores: pd.DataFrame = field(default_factory=pd.DataFrame)  # analysis.index_scores + region_name, all län
    index_uncertainty: pd.DataFrame = field(default_factory=pd.DataFrame)  # the selected län's rank intervals
    geo: dict | None = None  # län boundaries (data/geo/swedish_regions.geojson)
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)  # the printed report's findings (data/metric_report)
