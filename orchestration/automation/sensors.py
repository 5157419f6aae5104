"""The inbox sensor: notices a file dropped in ``data/inbox/<source_id>/``, validates it, and requests a run of that
source's extract and everything downstream of it. A malformed file is refused with a message naming the file and
the problem, and is not looked at again until it changes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import dagster as dg

from orchestration.assets.extract import extract_key
from orchestration.config import load_settings
from orchestration.sources.errors import SourceDataError
from orchestration.sources.figures_csv import parse_figures_csv
from orchestration.sources.inbox import scan
from orchestration.sources.limits import check_rows, read_limited


def scan_inbox(inbox_dir: Path, seen: dict[str, str],
               known: Sequence[str]) -> tuple[list[tuple[str, Path, str]], list[str], dict]:
    """New or changed files: (source_id, path, sha256) of the valid ones, messages for the refused ones, and the
    updated record of what has been seen. ``known``: the declared source ids."""
    result = scan(Path(inbox_dir), known)  # the same rule the run applies
    valid, problems, seen = [], [], dict(seen)
    for message in result.refused:
        if seen.get(message) != "refused":
            seen[message] = "refused"
            problems.append(message)
    for source, path in result.accepted:
        try:
            payload = read_limited(path)  # the run's size limit, before anything is read
        except SourceDataError as exc:
            if seen.get(str(path)) != "too large":
                seen[str(path)] = "too large"
                problems.append(str(exc))
            continue
        digest = hashlib.sha256(payload).hexdigest()
        if seen.get(str(path)) == digest:
            continue
        seen[str(path)] = digest
        try:
            check_rows(str(path), len(parse_figures_csv(payload, file=str(path))))
        except SourceDataError as exc:
            problems.append(str(exc))
            continue
        valid.append((source, path, digest))
    for source, folder in result.microdata:  # checked in full by the run (survey_microdata.py): it needs the frame
        digest = hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in sorted(folder.iterdir())
                                         if p.is_file() and not p.name.startswith("."))).hexdigest()
        if seen.get(str(folder)) != digest:
            seen[str(folder)] = digest
            valid.append((source, folder, digest))
    return valid, problems, seen


def build_inbox_sensor(job: dg.UnresolvedAssetJobDefinition, downstream: Sequence[dg.AssetKey],
                       source_ids: Sequence[str]) -> dg.SensorDefinition:
    """``downstream``: the keys after the extracts (dbt models, analysis, publish) that a drop flows through;
    ``source_ids``: the declared sources (one inbox folder each)."""

    @dg.sensor(name="inbox_sensor", job=job, minimum_interval_seconds=60,
               default_status=dg.DefaultSensorStatus.STOPPED,
               description="Watches data/inbox/<source_id>/*.csv (published-figures format) and a survey's "
               "data/inbox/<survey_id>/microdata/ folder: a valid new file or a changed microdata drop starts that "
               "source's extract and everything downstream; a malformed file is refused with a message.")
    def inbox_sensor(context: dg.SensorEvaluationContext):
        settings = load_settings()
        valid, problems, seen = scan_inbox(settings.inbox_dir, json.loads(context.cursor or "{}"), source_ids)
        for message in problems:
            context.log.error(f"inbox file refused: {message}")
        requests = [
            dg.RunRequest(
                run_key=f"{source}:{digest[:16]}",
                asset_selection=[extract_key(source), *downstream],
                tags={"metric/inbox_file": str(path)},
            )
            for source, path, digest in valid
        ]
        return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen),
                               skip_reason=None if requests else ("; ".join(problems) or "no new inbox files"))

    return inbox_sensor
