"""The embedded snapshot: the manifest is complete and honest, every source loads, and the registry agrees."""

import csv

import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import FAMILIES
from orchestration.sources.snapshot import declared_sources, load_source, read_manifest
from tests.conftest import SNAPSHOT

SOURCES = declared_sources(SNAPSHOT)
FIGURES_FILES = [SNAPSHOT / e.file for e in read_manifest(SNAPSHOT) if e.format == "figures_csv"]


@pytest.fixture(scope="module")
def manifest():
    return read_manifest(SNAPSHOT)


def test_manifest_lists_every_snapshot_file_and_nothing_else(manifest):
    listed = {e.file for e in manifest}
    on_disk = {str(p.relative_to(SNAPSHOT)) for p in SNAPSHOT.rglob("*") if p.is_file() and p.name != "MANIFEST.csv"}
    assert listed == on_disk


def test_manifest_provenance_is_filled(manifest):
    for entry in manifest:
        assert entry.citation and entry.licence and entry.vintage and entry.obtained, entry.file
        assert entry.obtained.startswith(("recorded response", "re-encoded from", "the publisher's file as released",
                                          "the publisher's figures via a public copy")), entry.file


def test_one_declaration_per_source_with_one_publisher_and_known_families(manifest):
    assert [s.id for s in SOURCES] == sorted({e.source_id for e in manifest})
    for source in SOURCES:
        # a companion file (a key, a data dictionary) may come from another publisher than the data it serves
        assert {f.publisher for f in source.files if not f.is_companion} == {source.publisher}, source.id
        assert set(source.families) <= set(FAMILIES)
    scb = next(s for s in SOURCES if s.id == "scb")
    assert scb.families == ("published_figures", "table_cells")  # figures CSV files, TAB3138 and the export CSV


@pytest.mark.parametrize("path, rule", [("../outside.csv", "inside the snapshot"), ("/etc/passwd", "inside the snapshot")])
def test_a_manifest_path_outside_the_snapshot_is_refused(tmp_path, path, rule):
    text = (SNAPSHOT / "MANIFEST.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[1] = path + lines[1][lines[1].index(","):]
    (tmp_path / "MANIFEST.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceDataError, match=rf"MANIFEST.csv, row 2, field 'file': .*{rule}"):
        read_manifest(tmp_path)


@pytest.mark.parametrize("source_id", [s.id for s in SOURCES])
def test_every_source_loads_with_provenance(source_id):
    tables, fingerprints = load_source(source_id, SNAPSHOT)
    assert tables and len(fingerprints) >= 1
    for family, frame in tables.items():
        assert family in FAMILIES and len(frame) > 0
        assert (frame["source_id"] == source_id).all()
        assert frame["_file_citation"].notna().all() and frame["_vintage"].notna().all()


def test_every_figures_row_has_a_citation_and_qualitative_rows_have_no_value():
    for path in FIGURES_FILES:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                assert row["citation"].strip(), path
                if row["qualifier"] == "qualitative":
                    assert row["value"] == "" and row["statement"], path


def test_every_catalogue_source_has_an_extract_asset():
    with (SNAPSHOT.parent.parent / "dbt_project" / "seeds" / "indicator_catalogue.csv").open(encoding="utf-8") as f:
        catalogue_sources = {row["source_id"] for row in csv.DictReader(f)}
    assert catalogue_sources <= {s.id for s in SOURCES}


def test_every_figures_row_names_a_catalogue_indicator_in_its_unit():
    with (SNAPSHOT.parent.parent / "dbt_project" / "seeds" / "indicator_catalogue.csv").open(encoding="utf-8") as f:
        units = {row["indicator_id"]: row["unit"] for row in csv.DictReader(f)}
    for path in FIGURES_FILES:
        with path.open(encoding="utf-8") as handle:
            for row_no, row in enumerate(csv.DictReader(handle), start=2):
                assert units.get(row["indicator_id"]) == row["unit"], (path.name, row_no, row["indicator_id"])


def test_every_code_in_the_snapshot_figures_has_a_swedish_and_english_label():
    """The report's translation layer covers every unit, breakdown key and value, answer and qualifier the embedded
    figures use, so the report never falls back to a code."""
    from analysis.report.labels import missing_labels

    units, breakdowns, qualifiers = set(), set(), set()
    for path in FIGURES_FILES:
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                units.add(row["unit"])
                breakdowns.add(row["breakdown"])
                qualifiers.add(row.get("qualifier", ""))
    assert any("answer=" in b for b in breakdowns)
    assert missing_labels(units=units, breakdowns=breakdowns, qualifiers=qualifiers) == []
