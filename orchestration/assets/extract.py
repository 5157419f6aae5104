"""Extract assets, one per source (asset key ``raw/<source_id>``): read the source, validate everything, then
replace the source's ``raw.*`` tables in one transaction. Bad input raises before anything is written."""


from dataclasses import dataclass

import dagster as dg

from orchestration.resources import SourcesResource, WarehouseResource
from orchestration.warehouse import read_vintage, write_raw_source


@dataclass(frozen=True)
class SourceSpec:
    id: str
    publisher: str
    contents: str
    tables: tuple[str, ...] = ("figures",)  # raw tables the source writes: raw.<id>__<table>


SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec("scb", "SCB, Statistiska centralbyrån",
               "BRP (json-stat2, TAB3138), R&D expenditure and person-years, knowledge-intensive jobs, education, "
               "STEM, firms with strong growth", tables=("brp", "figures")),
    SourceSpec("ukae", "UKÄ, Universitetskanslersämbetet",
               "publications, doctoral degrees, students, labour immigrants, internationally recruited researchers"),
    SourceSpec("vr", "Vetenskapsrådet", "highly cited publications"),
    SourceSpec("prv", "PRV, Patent- och registreringsverket", "national patent, trademark and design applications"),
    SourceSpec("wipo", "WIPO (PCT) / OECD REGPAT", "international patent applications"),
    SourceSpec("tillvaxtanalys", "Tillväxtanalys", "new firms, bankruptcies, foreign-owned workplaces"),
    SourceSpec("entreprenorskapsforum", "Entreprenörskapsforum (GEM)", "early entrepreneurial activity, fear of failure"),
    SourceSpec("svca", "SVCA, Swedish Private Equity & Venture Capital Association",
               "active venture-capital firms, venture capital invested, seed share"),
    SourceSpec("almi", "Almi Företagspartner", "innovation and growth loans to small firms"),
    SourceSpec("objektvision", "Objektvision", "available office and commercial premises"),
    SourceSpec("svenskt_naringsliv", "Svenskt Näringsliv (foretagsklimat.se)", "firms' rating of roads, rail and flights"),
    SourceSpec("pts", "PTS, Post- och telestyrelsen", "broadband and mobile coverage"),
    SourceSpec("skatteverket", "Skatteverket", "tax incentives for R&D and start-ups"),
    SourceSpec("upphandlingsmyndigheten", "Upphandlingsmyndigheten", "innovation-friendly public procurements"),
    SourceSpec("nle", "NLE 2024 business survey (Verian for Region Västerbotten)",
               "weighted survey figures for every dimension, n = 305"),
    SourceSpec("incubator_survey", "Incubator survey 2024 (five incubators in the län)",
               "firms in incubator programmes, profitability after programmes"),
)


def build_extract_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    """One op per source that writes all of the source's raw tables (one asset per table) in one transaction."""
    specs = [
        dg.AssetSpec(
            key=["raw", spec.id, table],
            group_name="extract",
            kinds={"python", "duckdb"},
            description=f"raw.{spec.id}__{table}: {spec.publisher}: {spec.contents}.",
            metadata={"publisher": spec.publisher, "table": f"raw.{spec.id}__{table}"},
        )
        for table in spec.tables
    ]

    @dg.multi_asset(name=f"extract_{spec.id}", specs=specs, can_subset=False,
                    description=f"Extract {spec.publisher}: read the files of data/snapshot/MANIFEST.csv for "
                    f"source {spec.id!r}, validate them all, then replace its raw.* tables atomically.")
    def _extract(context: dg.AssetExecutionContext, sources: SourcesResource, warehouse: WarehouseResource):
        expected = {f"{spec.id}__{t}" for t in spec.tables}
        if sources.pinned_vintage:  # METRIC_VINTAGE: rebuild from an earlier vintage kept in the history tables
            with warehouse.connect(read_only=True) as con:
                tables = read_vintage(con, sorted(expected), sources.pinned_vintage)
            fingerprints, vintage_id, warnings = [], sources.pinned_vintage, []
        else:  # raises SourceDataError naming file, row/field and rule; PxWebError for a failed fetch
            tables, fingerprints, vintage_id, warnings = sources.load(spec.id)
        for warning in warnings:
            context.log.warning(warning)
        if set(tables) != expected:
            raise ValueError(f"source {spec.id!r} delivered raw tables {sorted(tables)}, expected {sorted(expected)}: "
                             "update SourceSpec.tables in orchestration/assets/extract.py or the MANIFEST")
        with warehouse.connect() as con:
            revisions = write_raw_source(con, spec.id, tables, fingerprints, vintage_id, sources.mode)
        for table in spec.tables:
            frame = tables[f"{spec.id}__{table}"]
            files = [fp for fp in fingerprints if fp["raw_table"] == f"{spec.id}__{table}"]
            yield dg.MaterializeResult(
                asset_key=["raw", spec.id, table],
                metadata={
                    "rows": dg.MetadataValue.int(len(frame)),
                    "files": dg.MetadataValue.json([{k: fp[k] for k in ("file", "sha256", "rows", "vintage")}
                                                    for fp in files]),
                    "mode": sources.mode,
                    "vintage_id": vintage_id,
                    "revisions": revisions.get(f"{spec.id}__{table}", 0),
                    "skipped_live_tables": dg.MetadataValue.json(warnings),
                },
            )
        context.log.info(f"extract {spec.id}: {sum(len(t) for t in tables.values())} rows from "
                         f"{len(fingerprints)} file(s)")

    return _extract


extract_assets = [build_extract_asset(spec) for spec in SOURCES]
