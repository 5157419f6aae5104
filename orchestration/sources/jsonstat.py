"""A json-stat2 parser (the format PxWeb v1 and v2 deliver) producing a long pandas DataFrame.

json-stat2 stores the cube as a flat ``value`` array in row-major order over the ``id`` dimensions (the last
dimension varies fastest); ``null`` marks a suppressed cell and an optional ``status`` carries cell flags.
See https://json-stat.org/format/ and the recorded SCB responses in ``tests/fixtures/pxweb``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from itertools import product
from typing import Any

import pandas as pd

from orchestration.sources.errors import SourceDataError


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: list[str]
    labels: dict[str, str]
    units: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class JsonStatDataset:
    label: str
    source: str | None
    updated: str | None
    dimensions: list[Dimension]
    values: list[float | None]
    status: list[str | None]
    roles: dict[str, list[str]]
    extension: dict[str, Any]

    def dimension(self, dim_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise KeyError(dim_id)

    def to_frame(self) -> pd.DataFrame:
        """One row per cell: ``<dim>`` code and ``<dim>_label`` columns per dimension, then ``value`` and ``status``."""
        dims = self.dimensions
        rows = list(product(*[d.codes for d in dims]))
        data: dict[str, list[Any]] = {}
        for pos, dim in enumerate(dims):
            codes = [r[pos] for r in rows]
            data[dim.id] = codes
            data[f"{dim.id}_label"] = [dim.labels.get(c, c) for c in codes]
        data["value"] = self.values
        data["status"] = self.status
        frame = pd.DataFrame(data)
        frame["value"] = frame["value"].astype("float64")
        return frame


def _category_codes(file: str, dim_id: str, category: dict[str, Any]) -> list[str]:
    index = category.get("index")
    labels = category.get("label") or {}
    if index is None:
        if len(labels) == 1:  # json-stat allows a single category with a label only
            return list(labels)
        raise SourceDataError(file, "json-stat2 category index missing", f"dimension {dim_id!r} has no category.index")
    if isinstance(index, list):
        return [str(c) for c in index]
    if isinstance(index, dict):
        ordered = sorted(index.items(), key=lambda kv: kv[1])
        positions = [pos for _, pos in ordered]
        if positions != list(range(len(ordered))):
            raise SourceDataError(
                file, "json-stat2 category index not contiguous", f"dimension {dim_id!r} positions {positions}"
            )
        return [str(code) for code, _ in ordered]
    raise SourceDataError(file, "json-stat2 category index malformed", f"dimension {dim_id!r}: {type(index).__name__}")


def _number(file: str, pos: int, cell_id: str, raw: Any) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise SourceDataError(
            file, "value must be a number or null", f"cell {pos} ({cell_id}) holds {raw!r}", field="value"
        )
    value = float(raw)
    if not math.isfinite(value):
        raise SourceDataError(file, "value must be finite", f"cell {pos} ({cell_id}) holds {raw!r}", field="value")
    return value


def parse_jsonstat2(payload: bytes | str, *, file: str = "<memory>") -> JsonStatDataset:
    """Parse a json-stat2 ``dataset`` response; raise :class:`SourceDataError` naming ``file`` on any broken rule."""
    if isinstance(payload, bytes):
        try:
            text = payload.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SourceDataError(file, "body must be UTF-8", str(exc)) from None
    else:
        text = payload.lstrip("\ufeff")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceDataError(
            file, "body is not valid JSON", f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    if not isinstance(doc, dict):
        raise SourceDataError(file, "json-stat2 body must be an object", f"got {type(doc).__name__}")
    if doc.get("class") != "dataset":
        raise SourceDataError(file, "json-stat2 class must be 'dataset'", f"got {doc.get('class')!r}", field="class")
    if str(doc.get("version", "")) != "2.0":
        raise SourceDataError(file, "json-stat version must be 2.0", f"got {doc.get('version')!r}", field="version")
    ids, sizes, dims_doc = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dims_doc, dict):
        raise SourceDataError(file, "json-stat2 needs 'id', 'size' and 'dimension'", "one of them is missing")
    if len(ids) != len(sizes):
        raise SourceDataError(file, "'id' and 'size' must have the same length", f"{len(ids)} ids, {len(sizes)} sizes")

    dimensions: list[Dimension] = []
    for dim_id, size in zip(ids, sizes):
        dim_doc = dims_doc.get(dim_id)
        if not isinstance(dim_doc, dict) or not isinstance(dim_doc.get("category"), dict):
            raise SourceDataError(file, "dimension listed in 'id' is missing", f"no dimension {dim_id!r}", field="dimension")
        category = dim_doc["category"]
        codes = _category_codes(file, dim_id, category)
        if len(codes) != size:
            raise SourceDataError(
                file, "dimension size mismatch", f"{dim_id!r} has {len(codes)} categories but size says {size}"
            )
        dimensions.append(
            Dimension(
                id=dim_id,
                label=str(dim_doc.get("label", dim_id)),
                codes=codes,
                labels={str(k): str(v) for k, v in (category.get("label") or {}).items()},
                units=category.get("unit") or {},
            )
        )

    n_cells = math.prod(sizes) if sizes else 0
    raw_values = doc.get("value")
    if isinstance(raw_values, list):
        if len(raw_values) != n_cells:
            raise SourceDataError(
                file, "value count must equal the product of sizes", f"{len(raw_values)} values for {n_cells} cells",
                field="value",
            )
        cells = raw_values
    elif isinstance(raw_values, dict):  # sparse form: {"position": value}
        cells = [None] * n_cells
        for key, val in raw_values.items():
            if not str(key).isdigit() or int(key) >= n_cells:
                raise SourceDataError(file, "sparse value key out of range", f"key {key!r} for {n_cells} cells", field="value")
            cells[int(key)] = val
    else:
        raise SourceDataError(file, "json-stat2 needs a 'value' array or object", "missing 'value'", field="value")

    combos = None
    values: list[float | None] = []
    for pos, raw in enumerate(cells):
        bad = raw is not None and (isinstance(raw, bool) or not isinstance(raw, (int, float))
                                   or not math.isfinite(float(raw)))
        if bad:
            combos = combos or list(product(*[d.codes for d in dimensions]))
            cell_id = ", ".join(f"{d.id}={c}" for d, c in zip(dimensions, combos[pos]))
            _number(file, pos, cell_id, raw)  # raises with the cell named by its codes
        values.append(_number(file, pos, "", raw))

    raw_status = doc.get("status")
    if raw_status is None:
        status: list[str | None] = [None] * n_cells
    elif isinstance(raw_status, str):
        status = [raw_status] * n_cells
    elif isinstance(raw_status, list):
        status = [None if s is None else str(s) for s in raw_status] + [None] * (n_cells - len(raw_status))
    elif isinstance(raw_status, dict):
        status = [None] * n_cells
        for key, val in raw_status.items():
            if str(key).isdigit() and int(key) < n_cells:
                status[int(key)] = str(val)
    else:
        raise SourceDataError(file, "json-stat2 'status' malformed", type(raw_status).__name__, field="status")

    return JsonStatDataset(
        label=str(doc.get("label", "")),
        source=doc.get("source"),
        updated=doc.get("updated"),
        dimensions=dimensions,
        values=values,
        status=status[:n_cells],
        roles=doc.get("role") or {},
        extension=doc.get("extension") or {},
    )
