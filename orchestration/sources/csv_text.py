"""The one way a source's CSV file is read: UTF-8 (a BOM tolerated), a header naming each column once, no row
with more fields than the header, no field longer than MAX_FIELD_BYTES. Every problem raises a
:class:`SourceDataError` naming file, row and rule; the parsers then check their own columns' values."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from orchestration.sources.errors import SourceDataError

MAX_FIELD_BYTES = 128 * 1024  # a longer field is refused with its file and row (a statement is a few hundred bytes)


def decode_utf8(payload: bytes, file: str) -> str:
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceDataError(file, "file must be UTF-8", str(exc)) from None


def read_csv(payload: bytes, file: str, required: Iterable[str], *, only: bool = False,
             columns_name: str = "the expected columns") -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """(header, rows): the header is checked at once (``required`` columns must be in it, and with ``only`` no other
    column may be; ``columns_name`` names them in the error); the rows, ``(row number, {column: stripped text})``,
    are read one at a time as the parser asks for them, so a large file is never held twice in memory."""
    csv.field_size_limit(MAX_FIELD_BYTES)
    reader = csv.DictReader(io.StringIO(decode_utf8(payload, file), newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise SourceDataError(file, "header is not valid CSV", str(exc), row=1) from None
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise SourceDataError(file, "header names a column twice", ", ".join(duplicated), row=1)
    required = list(required)
    missing = [c for c in required if c not in header]
    extra = [c for c in header if c not in required] if only else []
    if missing or extra:
        raise SourceDataError(file, f"header must list {columns_name}",
                              f"missing {missing or 'none'}" + (f", unexpected {extra or 'none'}" if only else "")
                              + f"; header {header}", row=1)
    return header, _rows(reader, file, len(header))


def _rows(reader: csv.DictReader, file: str, n_columns: int) -> Iterator[tuple[int, dict[str, str]]]:
    records = iter(reader)
    row_no = 1
    while True:
        try:
            rec = next(records)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceDataError(file, f"not valid CSV (fields are limited to {MAX_FIELD_BYTES} bytes)", str(exc),
                                  row=row_no + 1) from None
        row_no += 1
        if None in rec:
            raise SourceDataError(file, "too many fields", f"{n_columns + len(rec[None])} fields", row=row_no)
        yield row_no, {k: (v or "").strip() for k, v in rec.items()}
