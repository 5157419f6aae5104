"""What the report shows, as one object: the frames and values the publish step reads from the warehouse (no
plotting library here, so the report's inputs can be read and fingerprinted without loading plotly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

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
    # analysis.index_scores + region_name: every region of both levels (the län and the NUTS2 regions), every
    # edition and every year of its comparable series
    index_scores: pd.DataFrame = field(default_factory=pd.DataFrame)
    index_settings: dict = field(default_factory=dict)  # the settings the index was computed with (as recorded)
    index_editions: pd.DataFrame = field(default_factory=pd.DataFrame)  # per level and edition: its indicator set
    index_coverage: pd.DataFrame = field(default_factory=pd.DataFrame)  # per level and dimension: scored or why not
    index_sensitivity: pd.DataFrame = field(default_factory=pd.DataFrame)  # Sobol indices per level and edition
    # analysis.index_inputs in each edition's own year, the series used: level, edition, series_id, year_used,
    # dimension_id (what each edition's scores rest on)
    index_basis: pd.DataFrame = field(default_factory=pd.DataFrame)
    nuts2_code: str = ""  # the selected län's NUTS2 region
    anomalies: pd.DataFrame = field(default_factory=pd.DataFrame)  # int_value_anomalies + series_id, region_name
    geo: dict | None = None  # län boundaries (data/geo/swedish_regions.geojson)
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)  # the printed report's findings (data/metric_report)
    nuts2_name: str = ""  # the selected län's NUTS2 region, by name
    # marts.mart_region_comparison: every region of each level on each indicator and year with a rank
    comparison: pd.DataFrame = field(default_factory=pd.DataFrame)
    # analysis.similar_regions for the selected län, with peer_name
    similar: pd.DataFrame = field(default_factory=pd.DataFrame)
    # analysis.europe_peers for the selected län's NUTS2 region, with peer_name and country_code
    europe_peers: pd.DataFrame = field(default_factory=pd.DataFrame)
    europe_geo: dict | None = None  # the EU's NUTS2 boundaries (the gisco source's snapshot file)

    @cached_property
    def peers(self) -> list[str]:
        """The selected län's similar län, most similar first."""
        return list(self.similar.sort_values("peer_rank")["peer_code"]) if len(self.similar) else []

    @cached_property
    def peer_names(self) -> list[str]:
        return list(self.similar.sort_values("peer_rank")["peer_name"]) if len(self.similar) else []
