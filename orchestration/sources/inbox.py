"""The one rule for what in the inbox is read, shared by the inbox sensor and every run: ``<inbox>/<source_id>/
<name>.csv`` (the extension in any case) for a declared source, and for a survey defined in ``data/surveys/`` the
folder ``<inbox>/<survey_id>/microdata/`` (its files are checked by ``survey_microdata.py``). Dot-files and partial uploads (``*.partial``,
``*.part``, ``*.tmp``, ``~`` backups) are skipped by both; everything else is refused with a message, never silently
ignored: unknown source folders, other extensions, files outside a source folder, and symbolic links (a link could
point anywhere; its target is never opened)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.sources.survey_definitions import MICRODATA_FOLDER, survey_ids

PARTIAL_SUFFIXES = (".partial", ".part", ".tmp", ".crdownload")


@dataclass(frozen=True)
class InboxScan:
    accepted: list[tuple[str, Path]]  # (source_id, file) to read
    refused: list[str]  # messages naming the file and the rule
    microdata: list[tuple[str, Path]] = field(default_factory=list)  # (survey_id, microdata folder)


def _skipped(path: Path) -> bool:
    return path.name.startswith(".") or path.name.endswith("~") or path.suffix.lower() in PARTIAL_SUFFIXES


def scan(inbox_dir: Path, known_sources: Iterable[str], only: str | None = None,
         surveys: Iterable[str] | None = None) -> InboxScan:
    """The inbox as the rule sees it; ``only``: just that source's folder (what one extract reads); ``surveys``: the
    sources with a microdata path (default: the surveys defined in data/surveys/)."""
    known = set(known_sources)
    surveys = set(survey_ids() if surveys is None else surveys)
    accepted, refused, microdata = [], [], []
    inbox = Path(inbox_dir)
    if not inbox.exists():
        return InboxScan([], [])
    entries = [inbox / only] if only else sorted(inbox.iterdir())
    for entry in entries:
        if only and not entry.exists() and not entry.is_symlink():
            continue
        if _skipped(entry):
            continue
        if entry.is_symlink():
            refused.append(f"{entry}: a symbolic link in the inbox is refused (its target is not read)")
            continue
        if not entry.is_dir():
            refused.append(f"{entry}: files go in a source folder, {inbox}/<source_id>/")
            continue
        if entry.name not in known:
            refused.append(f"{entry}: unknown source folder {entry.name!r} (expected one of {', '.join(sorted(known))})")
            continue
        for path in sorted(entry.iterdir()):
            if _skipped(path):
                continue
            if path.is_symlink():
                refused.append(f"{path}: a symbolic link in the inbox is refused (its target is not read)")
            elif path.is_dir() and path.name == MICRODATA_FOLDER and entry.name in surveys:
                microdata.append((entry.name, path))
            elif not path.is_file():
                refused.append(f"{path}: not a file")
            elif path.suffix.lower() != ".csv":
                refused.append(f"{path}: only published-figures CSV files (.csv) are read from the inbox")
            else:
                accepted.append((entry.name, path))
    return InboxScan(accepted, refused, microdata)
