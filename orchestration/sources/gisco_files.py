"""Eurostat GISCO's NUTS boundaries (GeoJSON, WGS84) as ``raw.table_cells`` rows: for each NUTS2 region of the
file its area in km2, computed from its polygons on the sphere (the 1:20 million generalisation: an approximation
within a few per cent, flagged ``computed_from_boundaries``), the period the NUTS version's year. The report draws
the same file as its map of Europe.

Every feature must be a Polygon or MultiPolygon of a NUTS2 region (``LEVL_CODE`` 2) of
``dbt_project/seeds/regions.csv``; anything else raises a :class:`SourceDataError` naming file, feature and rule.
"""

from __future__ import annotations

import json
import math

import pandas as pd

from orchestration.sources.csv_text import decode_utf8
from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import cells_frame
from orchestration.sources.regions import EUROPE_NUTS2_LEVELS, regions

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
COMPUTED = "computed_from_boundaries"


def ring_area_km2(ring: list[list[float]]) -> float:
    """The area of a closed ring of (longitude, latitude) degrees on the sphere (the spherical excess of the
    polygon, as in Chamberlain and Duquette 2007), in km2, always positive."""
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:] + ring[:1]):
        total += math.radians(lon2 - lon1) * (2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2)))
    return abs(total) * EARTH_RADIUS_KM ** 2 / 2


def polygon_area_km2(polygon: list[list[list[float]]]) -> float:
    """The outer ring's area minus its holes'."""
    outer, *holes = polygon
    return ring_area_km2(outer) - sum(ring_area_km2(h) for h in holes)


def geometry_area_km2(geometry: dict, file: str, feature: str) -> float:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind == "Polygon":
        return polygon_area_km2(geometry["coordinates"])
    if kind == "MultiPolygon":
        return sum(polygon_area_km2(p) for p in geometry["coordinates"])
    raise SourceDataError(file, "geometry must be a Polygon or MultiPolygon", repr(kind), field=feature)


def parse_nuts_geojson(payload: bytes, file: str, dataset_code: str) -> pd.DataFrame:
    """One area cell per NUTS2 region of the file."""
    try:
        data = json.loads(decode_utf8(payload, file))
    except json.JSONDecodeError as err:
        raise SourceDataError(file, "file must be GeoJSON", str(err)) from err
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise SourceDataError(file, "a FeatureCollection with features is required", "no features")
    known = regions()
    records = []
    for n, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        code = props.get("NUTS_ID")
        label = f"feature {n} ({code})"
        if props.get("LEVL_CODE") != 2:
            raise SourceDataError(file, "every feature must be a NUTS2 region (LEVL_CODE 2)",
                                  repr(props.get("LEVL_CODE")), field=label)
        region = known.get(code)
        if region is None or region.level not in EUROPE_NUTS2_LEVELS:
            raise SourceDataError(file, "NUTS_ID must be a NUTS2 region of dbt_project/seeds/regions.csv", repr(code),
                                  field=label)
        area = geometry_area_km2(feature.get("geometry"), file, label)
        if not area > 0:
            raise SourceDataError(file, "a region's area must be positive", f"{area} km2", field=label)
        records.append({"source_cell": str(n), "dataset_code": dataset_code, "region_code": code,
                        "region_label": props.get("NAME_LATN") or code, "period": "2021", "measure": "area_km2",
                        "measure_label": "area in km2 of the 1:20 million boundaries", "dimensions": "",
                        "value": area, "status": COMPUTED})
    return cells_frame(records, file)
