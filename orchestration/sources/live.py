"""Live extraction: fetch a source's registry tables, keep the raw responses as they came (with request, URL, time
and status) under a new vintage folder, and parse them with the same functions the snapshot replay uses. The
vintage folder is staged and renamed into place only when every table was fetched and parsed: nothing partial."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from orchestration.sources.pxweb import PxWebV1, PxWebV2, RecordedResponse, V2Selection
from orchestration.sources.registry import LiveTable, live_tables_for


def new_vintage_id() -> str:
    return "live-" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _fetch(table: LiveTable, region: str, scb_api: str, tva_api: str) -> list[RecordedResponse]:
    if table.api == "pxweb-v2":
        client = PxWebV2(scb_api)
        try:
            table_id = table.table_id or client.resolve_table_id(table.search or table.title)
            values = {k: ([c.replace("{region}", region) for c in v] if isinstance(v, list) else v)
                      for k, v in table.selection.items()}
            return client.data(table_id, V2Selection(values, table.codelists))
        finally:
            client.close()
    client = PxWebV1(tva_api)
    try:
        path = client.find_table(table.folder or "", table.name_pattern or table.title)
        metadata = client.metadata(path)
        query = [{"code": v["code"], "selection": {"filter": "all", "values": ["*"]}}
                 for v in metadata.get("variables", [])]
        return [client.data(path, query)]
    finally:
        client.close()


def fetch_source(source_id: str, region: str, vintages_dir: Path, scb_api: str,
                 tva_api: str) -> tuple[str, list[tuple[LiveTable, Path, RecordedResponse, pd.DataFrame]]]:
    """Fetch and parse every live table of ``source_id``; store the responses in ``vintages_dir/<source>/<id>/``."""
    tables = live_tables_for(source_id)
    if not tables:
        return "", []
    vintage_id = new_vintage_id()
    final_dir = vintages_dir / source_id / vintage_id
    staging = vintages_dir / source_id / f".{vintage_id}.partial"
    staging.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for table in tables:
            for n, response in enumerate(_fetch(table, region, scb_api, tva_api), start=1):
                name = f"{table.key}-{n}.json"
                (staging / name).write_bytes(response.body)
                (staging / f"{table.key}-{n}.request.json").write_text(
                    json.dumps(response.metadata(), ensure_ascii=False, indent=1), encoding="utf-8")
                frame = table.parse(response.body, str(final_dir / name), table)
                results.append((table, final_dir / name, response, frame))
        os.replace(staging, final_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return vintage_id, results
