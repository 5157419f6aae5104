"""Reuse what a refresh would only compute again: the one rule for skipping work whose inputs have not changed.

An output records a fingerprint of everything it is built from: its input data, its settings and the code that
builds it (the source files named and the versions of the libraries that write it). A later refresh computes the
fingerprint first; when it is the same, the output already holds exactly what the work would produce, and the step
reuses it. Two records: ``ops.step_inputs`` in the warehouse for the extracts and the analysis steps (``StepRecords``,
``forget_step`` before a step writes, ``record_step`` after), and ``published_inputs.json`` in the publish folder for
the exports, the report and the database copy. ``METRIC_RECOMPUTE=1`` turns reuse off.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from orchestration.config import REPO_ROOT
from orchestration.storage.warehouse import rows_digest

INPUTS_FILE = "published_inputs.json"  # in the publish folder: the fingerprint each published output was built from


def recompute_forced() -> bool:
    return os.environ.get("METRIC_RECOMPUTE", "").strip() == "1"


def code_version(paths: list[str], packages: tuple[str, ...] = ()) -> str:
    """A digest of the named source files (a folder: every file in it, sorted) and package versions."""
    digest = hashlib.sha256()
    for name in paths:
        path = REPO_ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(REPO_ROOT)).encode())
            digest.update(file.read_bytes())
    for package in packages:
        digest.update(f"{package}=={metadata.version(package)}".encode())
    return digest.hexdigest()


def fingerprint(*parts) -> str:
    """A digest of data frames (columns, dtypes and rows, in any order), dicts/lists (as JSON) and strings."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, pd.DataFrame):
            digest.update(json.dumps([list(map(str, part.columns)), list(map(str, part.dtypes))]).encode())
            # the rows as a multiset: a query without ORDER BY may return them in another order next time
            digest.update(np.sort(pd.util.hash_pandas_object(part, index=False).to_numpy()).tobytes())
        elif isinstance(part, (dict, list, tuple)):
            digest.update(json.dumps(part, sort_keys=True, default=str).encode())
        else:
            digest.update(str(part).encode())
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


def tables_fingerprint(con, schemas: tuple[str, ...]) -> str:
    """A digest of every table in ``schemas``: name, columns and types, row count and a hash of the rows (DuckDB
    computes it; about 0.1 s for the whole warehouse)."""
    marks = ", ".join("?" for _ in schemas)
    columns: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, name, column, kind in con.execute(
            "select table_schema, table_name, column_name, data_type from information_schema.columns where "
            f"table_schema in ({marks}) order by 1, 2, ordinal_position", list(schemas)).fetchall():
        columns.setdefault((schema, name), []).append((column, kind))
    tables = con.execute(f"select table_schema, table_name from information_schema.tables where table_schema in "
                         f"({marks}) order by 1, 2", list(schemas)).fetchall()
    return fingerprint([[schema, name, columns.get((schema, name), []), *rows_digest(con, f'"{schema}"."{name}"')]
                        for schema, name in tables])


def read_published_inputs(folder: Path) -> dict:
    path = Path(folder) / INPUTS_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_published_input(folder: Path, output: str, digest: str) -> None:
    """Record ``digest`` for ``output`` in the staged folder's INPUTS_FILE (a new file: the staged one may be a hard
    link into the current release, which must never change)."""
    inputs = {**read_published_inputs(folder), output: digest}
    target = Path(folder) / INPUTS_FILE
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(inputs, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(partial, target)


def reusable(folder: Path, output: str, digest: str, files: list[str]) -> bool:
    """Whether the staged ``files`` were built from inputs with this ``digest`` (and reuse is allowed)."""
    return (not recompute_forced() and read_published_inputs(folder).get(output) == digest
            and all((Path(folder) / f).is_file() for f in files))


# --- analysis steps: one row per step, the fingerprint of the inputs its tables were last computed from ----------

STEP_INPUTS = "ops.step_inputs"


def step_inputs_digest(con, relations: list[str], *parts) -> str:
    """A digest of the rows of ``relations`` (tables the step reads, whole) and ``parts`` (settings, code)."""
    return fingerprint([[relation, *rows_digest(con, relation)] for relation in relations], *parts)


@dataclass(frozen=True)
class StepRecords:
    """What ``ops.step_inputs`` holds (step -> (fingerprint, the metadata it reported)) and which tables exist, read
    with two queries."""

    steps: dict[str, tuple[str, dict]]
    tables: frozenset[tuple[str, str]]

    @classmethod
    def read(cls, con) -> "StepRecords":
        tables = frozenset(con.execute("select table_schema, table_name from information_schema.tables").fetchall())
        steps = {} if ("ops", "step_inputs") not in tables else {
            step: (digest, json.loads(metadata)) for step, digest, metadata in
            con.execute(f"select step, input_fingerprint, metadata from {STEP_INPUTS}").fetchall()}
        return cls(steps, tables)

    def reusable(self, step: str, digest: str, outputs: list[tuple[str, str]]) -> dict | None:
        """The metadata ``step`` reported when it last computed its ``outputs`` (schema, table) from inputs with
        this ``digest``, if they all still exist and reuse is allowed; else None."""
        recorded = self.steps.get(step)
        if recompute_forced() or recorded is None or recorded[0] != digest \
                or not all(output in self.tables for output in outputs):
            return None
        return recorded[1]


def forget_step(con, step: str) -> None:
    """Before a step writes its tables: a crash half-way must never leave a fingerprint that vouches for them."""
    con.execute("create schema if not exists ops")
    con.execute(f"""create table if not exists {STEP_INPUTS} (step varchar primary key, input_fingerprint varchar
                    not null, metadata json not null, run_id varchar not null, computed_at timestamptz not null)""")
    con.execute(f"delete from {STEP_INPUTS} where step = ?", [step])


def record_step(con, step: str, digest: str, metadata: dict, run_id: str) -> None:
    """After a step wrote its tables: the fingerprint they were computed from and the metadata it reported (Dagster
    metadata values are stored as their plain values, so a reused step reports them again)."""
    from datetime import datetime, timezone

    con.execute(f"insert or replace into {STEP_INPUTS} values (?, ?, ?, ?, ?)",
                [step, digest, json.dumps(_plain(metadata), sort_keys=True, default=str), run_id,
                 datetime.now(timezone.utc)])


def _plain(value):
    """Metadata with each Dagster metadata value (``MetadataValue.json``, ``.int``, …: named tuples, which JSON would
    write as lists) replaced by its plain value; nested dicts (per table) walked."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return getattr(value, "value", value)
