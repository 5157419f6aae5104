"""Size limits on what a source may deliver, checked before a file is read: a file larger than ``METRIC_MAX_FILE_MB``
(default 50) or with more rows than ``METRIC_MAX_ROWS`` (default 500,000) is refused naming the file and the
limit, so a runaway drop cannot take the machine's memory. Field length is limited by the CSV parser (128 kB)."""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.sources.errors import SourceDataError


def max_file_bytes() -> int:
    return int(float(os.environ.get("METRIC_MAX_FILE_MB", "50")) * 1024 * 1024)


def max_rows() -> int:
    return int(os.environ.get("METRIC_MAX_ROWS", "500000"))


def read_limited(path: Path) -> bytes:
    """The file's bytes, or a refusal when it is larger than the limit (checked before reading)."""
    size = path.stat().st_size
    limit = max_file_bytes()
    if size > limit:
        raise SourceDataError(str(path), f"file larger than the limit of {limit / 1024 / 1024:g} MB "
                              "(METRIC_MAX_FILE_MB)", f"{size / 1024 / 1024:.1f} MB")
    return path.read_bytes()


def check_rows(file: str, n_rows: int) -> None:
    limit = max_rows()
    if n_rows > limit:
        raise SourceDataError(file, f"more rows than the limit of {limit} (METRIC_MAX_ROWS)", f"{n_rows} rows")
