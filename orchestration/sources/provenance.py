"""What every raw row and every file read carries: the provenance columns (source, dataset, file, priority,
citation, vintage, retrieval, licence) and a file's fingerprint (its SHA-256, size, rows and citation), recorded
with the vintage."""

from __future__ import annotations

import hashlib

import pandas as pd


def with_provenance(frame: pd.DataFrame, *, source_id: str, dataset_id: str, source_file: str, priority: int,
                    citation: str, vintage: str, retrieved: str, licence: str) -> pd.DataFrame:
    """The provenance columns every raw row carries (the staging models read them)."""
    return frame.assign(source_id=source_id, _dataset_id=dataset_id, _source_file=source_file, _priority=priority,
                        _file_citation=citation, _vintage=vintage, _retrieved=retrieved, _licence=licence)


def file_fingerprint(source_id: str, file: str, family: str, payload: bytes, rows: int, obtained: str, vintage: str,
                citation: str, licence: str) -> dict:
    return {"source_id": source_id, "file": file, "family": family,
            "sha256": hashlib.sha256(payload).hexdigest(), "bytes": len(payload), "rows": rows,
            "obtained": obtained, "vintage": vintage, "citation": citation, "licence": licence}
