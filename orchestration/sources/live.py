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

from orchestration.sources.errors import SourceDataError
from orchestration.sources.pxweb import PxWebError, PxWebV1, PxWebV2, RecordedResponse, V2Selection
from orchestration.sources.registry import LiveTable, live_tables_for
from orchestration.storage.warehouse_file import disk_errors


def new_vintage_id() -> str:
    return "live-" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _v1_query(values: dict) -> list[dict]:
    """A v2 selection as a v1 query (v1 has no from(); such variables are fetched whole and parsed as usual)."""
    return [{"code": k, "selection": {"filter": "item", "values": v} if isinstance(v, list)
             else {"filter": "all", "values": ["*"]}} for k, v in values.items()]


def _fetch_eurostat(table: LiveTable, base: str) -> list[RecordedResponse]:
    from orchestration.sources.eurostat_api import EurostatApi
    from orchestration.sources.registry import _swedish_nuts

    filters = {k: (_swedish_nuts() if v == "{nuts}" else list(v)) for k, v in table.selection.items()}
    client = EurostatApi(base)
    try:
        return [client.data(table.table_id, filters, since=table.since)]
    finally:
        client.close()


def _fetch_kolada(table: LiveTable, base: str) -> tuple[list[RecordedResponse], LiveTable]:
    """Every page; the KPI ids resolved from their titles, returned in the entry's ``contents`` (id -> title)."""
    import dataclasses

    from orchestration.sources.kolada_api import KoladaApi
    from orchestration.sources.regions import county_codes

    client = KoladaApi(base)
    try:
        titles = {client.kpi_id(title): title for title in (table.search or "").split("|")}
        pages = client.data(sorted(titles), ["00", *sorted(county_codes())], table.selection["years"])
    finally:
        client.close()
    return pages, dataclasses.replace(table, contents=titles)


def _check_regions(responses: list[RecordedResponse], requested, what: str) -> None:
    """Every requested region must come back (a server may answer 200 and leave an unknown code out)."""
    if not isinstance(requested, list):
        return
    returned: set[str] = set()
    for response in responses:
        returned |= set(response.json().get("dimension", {}).get("Region", {}).get("category", {}).get("index", {}))
    missing = sorted(set(requested) - returned)
    if missing:
        raise PxWebError(f"{what}: requested regions missing from the response: {missing}")


def _fetch(table: LiveTable, region: str, scb_api: str, tva_api: str, scb_v1_api: str) -> list[RecordedResponse]:
    values = {k: ([c.replace("{region}", region) for c in v] if isinstance(v, list) else v)
              for k, v in table.selection.items()}
    if table.api == "pxweb-v2":
        client = PxWebV2(scb_api)
        try:
            try:
                table_id = table.table_id or client.resolve_table_id(table.search or table.title)
            except PxWebError:
                if not table.v1_path or not scb_v1_api:
                    raise
                table_id = None
            if table_id is not None:
                responses = client.data(table_id, V2Selection(values, table.codelists))
                _check_regions(responses, values.get("Region"), table_id)
                return responses
        finally:
            client.close()
        legacy = PxWebV1(scb_v1_api)  # SCB's v1 API as the fallback for a table v2 search cannot find
        try:
            return [legacy.data(table.v1_path, _v1_query(values))]
        finally:
            legacy.close()
    client = PxWebV1(tva_api)
    try:
        path = client.find_table(table.folder or "", table.name_pattern or table.title)
        metadata = client.metadata(path)
        query = [{"code": v["code"], "selection": {"filter": "all", "values": ["*"]}}
                 for v in metadata.get("variables", [])]
        return [client.data(path, query)]
    finally:
        client.close()


def fetch_source(source_id: str, region: str, vintages_dir: Path, scb_api: str, tva_api: str,
                 scb_v1_api: str = "", eurostat_api: str = "", kolada_api: str = ""
                 ) -> tuple[str, list[tuple[LiveTable, Path, RecordedResponse, pd.DataFrame]], list[str]]:
    """Fetch and parse every live table of ``source_id``; store the responses in ``vintages_dir/<source>/<id>/``.

    A table marked "to verify" whose id, variables or codes turn out wrong is skipped with a message (returned as
    the third element) instead of failing the refresh of the verified tables; a "checked" table must succeed."""
    tables = live_tables_for(source_id)
    if not tables:
        return "", [], []
    vintage_id = new_vintage_id()
    final_dir = vintages_dir / source_id / vintage_id
    staging = vintages_dir / source_id / f".{vintage_id}.partial"
    staging.mkdir(parents=True, exist_ok=True)
    results, skipped = [], []
    try:
        for table in tables:
            try:
                if table.api == "eurostat":
                    responses, resolved = _fetch_eurostat(table, eurostat_api), table
                elif table.api == "kolada":
                    responses, resolved = _fetch_kolada(table, kolada_api)
                else:
                    responses, resolved = _fetch(table, region, scb_api, tva_api, scb_v1_api), table
                parsed = [(n, r, resolved.parse(r.body, str(final_dir / f"{table.key}-{n}.json"), resolved))
                          for n, r in enumerate(responses, start=1)]
            except (PxWebError, SourceDataError) as exc:
                if table.status != "to verify":
                    raise
                skipped.append(f"{table.key} (to verify) skipped: {exc}")
                continue
            if resolved.contents != table.contents:  # ids resolved at fetch time (Kolada's KPIs): kept for replay
                (staging / f"{table.key}.resolved.json").write_text(
                    json.dumps({"contents": resolved.contents}, ensure_ascii=False, indent=1), encoding="utf-8")
            for n, response, frame in parsed:
                name = f"{table.key}-{n}.json"
                with disk_errors(staging, f"the vintage {vintage_id} of {source_id}", len(response.body)):
                    (staging / name).write_bytes(response.body)
                (staging / f"{table.key}-{n}.request.json").write_text(
                    json.dumps(response.metadata(), ensure_ascii=False, indent=1), encoding="utf-8")
                results.append((table, final_dir / name, response, frame))
        if not results:  # every table skipped: no vintage (an empty one would claim a live refresh that gave nothing)
            shutil.rmtree(staging, ignore_errors=True)
            return "", [], skipped
        if skipped:
            (staging / "skipped.json").write_text(json.dumps(skipped, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(staging, final_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return vintage_id, results, skipped


def recorded_responses(folder: Path) -> list[tuple[LiveTable, Path, dict]]:
    """A vintage folder's responses as they were stored: (the registry table, as resolved at fetch time; the
    response file; its request metadata), in the order they were fetched."""
    import dataclasses

    from orchestration.sources.registry import LIVE_BY_KEY

    out = []
    for path in sorted(folder.glob("*-*.json")):
        if path.name.endswith((".request.json", ".resolved.json")):
            continue
        key = path.stem.rsplit("-", 1)[0]
        table = LIVE_BY_KEY.get(key)
        if table is None:
            raise SourceDataError(str(path), "recorded response of an unknown registry table", key)
        resolved = folder / f"{key}.resolved.json"
        if resolved.exists():
            table = dataclasses.replace(table, contents=json.loads(resolved.read_text(encoding="utf-8"))["contents"])
        request = path.with_name(path.stem + ".request.json")
        meta = json.loads(request.read_text(encoding="utf-8")) if request.exists() else {}
        out.append((table, path, meta))
    return out
