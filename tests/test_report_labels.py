"""Issue "A report that answers": one translation layer, so no reader ever sees a code."""

import csv
from pathlib import Path

import pandas as pd

from analysis.report import analysis_sections as A
from analysis.report import html as H
from analysis.report import labels as L
from analysis.report import sections as S

ROOT = Path(__file__).resolve().parent.parent


def test_every_unit_of_the_units_seed_has_a_swedish_and_english_label():
    with (ROOT / "dbt_project" / "seeds" / "units.csv").open(encoding="utf-8") as handle:
        units = [row["unit"] for row in csv.DictReader(handle)]
    assert units and L.missing_labels(units=units) == []


def test_a_series_reads_as_its_name_and_its_breakdown_in_words():
    names = pd.Series({"fou_rd_expenditure": "Utgifter för egen FoU"})
    assert L.series("fou_rd_expenditure[sector=business]", names, "sv") == "Utgifter för egen FoU (företagssektorn)"
    assert L.series("inf_transport_rating[municipality=2480_umea]", {}, "en") == "inf transport rating (Umeå)"
    assert L.breakdown("sector=higher_education;sex=women", "en") == "higher education, women"
    assert L.missing_labels(breakdowns=["sector=business", "colour=blue"]) == [
        "breakdown key colour", "breakdown value colour=blue"]


def test_a_missing_label_falls_back_to_words_never_to_the_code():
    assert L.unit("per_capita_widgets", "sv") == "per capita widgets"
    assert L.method("carried_backward", "sv") == "fört bakåt från första året"
    assert L.qualifier("approx", "en") == "about"


def test_a_citation_is_translated_around_the_titles_it_cites_and_dataset_codes_are_code():
    text = ("computed from Eurostat, demo_r_pjanaggr3: Population on 1 January by broad age group, release "
            "2024-03-15 (source: SCB, own processing)")
    sv = L.citation(text, "sv")
    assert sv.startswith("beräknat från Eurostat") and "utgåva 2024-03-15" in sv and "(källa: SCB, egen bearbetning)" in sv
    assert ("demo_r_pjanaggr3", True) in L.code_spans(sv)
    assert "<code>demo_r_pjanaggr3</code>" in H.cited(text, "en")


def test_every_statement_in_the_snapshot_has_an_english_translation():
    from orchestration.sources.snapshot import read_manifest

    snapshot = ROOT / "data" / "snapshot"
    texts = set()
    for entry in read_manifest(snapshot):
        if entry.format != "figures_csv":
            continue
        with (snapshot / entry.file).open(encoding="utf-8") as handle:
            texts |= {row["statement"] for row in csv.DictReader(handle) if row.get("qualifier") == "qualitative"}
    assert len(texts) >= 20 and L.untranslated_statements(texts) == []


def _statement_rows(statements, regions):
    return pd.DataFrame({"statement": statements, "region_name": regions, "period_start": 2021,
                         "period_end": 2021, "citation": "Region Västerbotten: (METRIC report), §2.1.9"})


def test_one_quote_naming_five_regions_is_shown_once_and_translated_on_the_english_page():
    quote = ("Regioner som har genomfört innovationsvänliga upphandlingar är bland annat Region Skåne, Region "
             "Jönköping, Region Halland, Region Kalmar och Region Västernorrland.")
    regions = ["Region Skåne", "Region Kalmar"]
    rows = _statement_rows([f"{quote} ({r}; the report prints no count)" for r in regions], ["Skåne", "Kalmar"])
    en = S.statements("Innovation procurements", rows, "en")
    assert len(en) == 1 and "Regions that have carried out" in en[0] and "Skåne, Kalmar" in en[0]
    assert "<q lang='sv'>" in en[0] and "prints no count" in en[0]
    sv = S.statements("Innovationsupphandlingar", rows, "sv")
    assert len(sv) == 1 and "the report" not in sv[0] and "rapporten anger inget antal" in sv[0]
    assert "(METRIC-rapporten)" in sv[0]


def test_an_untranslated_statement_is_marked_as_a_swedish_quote():
    rows = _statement_rows(["Ett nytt uttalande."], ["Västerbottens län"])
    assert "not translated" in S.statements("X", rows, "en")[0]


def test_a_single_value_is_a_number_tile_in_the_page_language():
    indicator = pd.Series({"name_sv": "Lån", "name_en": "Loans", "frequency": "annual"})
    row = pd.Series({"value": 8.7, "value_high": None, "qualifier": "approx", "unit": "mnkr",
                     "breakdown": "loan_type=growth", "period_start": 2023, "period_end": 2023,
                     "region_name": "Västerbottens län", "citation": "Almi (source: Almi)", "ci_low": None,
                     "ci_high": None})
    tile = S.tile(indicator, row, "sv")
    assert "cirka 8,7 mnkr" in tile and "tillväxtlån" in tile and "(källa: Almi)" in tile


def test_a_survey_tile_headlines_the_answer_it_counts_and_a_count_has_no_unit_word():
    """Issue "A report a policy officer trusts": "över 40 %" of the firms answered "none": the tile says so."""
    indicator = pd.Series({"name_sv": "Användning av högteknologi", "name_en": "Use of high technology",
                           "frequency": "one_off_survey"})
    row = pd.Series({"value": 40.0, "value_high": None, "qualifier": "over", "unit": "percent",
                     "breakdown": "base=all_firms;answer=none", "period_start": 2024, "period_end": 2024,
                     "region_name": "Västerbottens län", "citation": "NLE 2024", "ci_low": None, "ci_high": None})
    sv, en = S.tile(indicator, row, "sv"), S.tile(indicator, row, "en")
    assert "Inga / inget: över 40 %" in sv and "alla företag, 2024" in sv and "Inga / inget," not in sv
    assert "None: over 40 %" in en and "Västerbotten County" in en
    count = row.copy()
    count[["value", "unit", "qualifier", "breakdown"]] = [1700.0, "count", "approx", ""]
    assert "cirka 1\u00a0700</div>" in S.tile(indicator, count, "sv")  # never "cirka 1 700 antal"


def test_the_strengths_table_gives_real_units_and_marks_two_point_scores():
    data = type("D", (), {})()
    data.dimensions = pd.DataFrame({"dimension_id": ["fou"], "name_sv": ["FoU"], "name_en": ["R&D"]})
    data.indicators = pd.DataFrame({"indicator_id": ["fou_publications"], "unit": ["count"]})
    data.strengths = pd.DataFrame({"dimension_id": ["fou"], "kind": ["worsening"], "indicator_id": ["fou_publications"],
                                   "series_id": ["fou_publications"], "first_year": [2021], "last_year": [2023],
                                   "first_value": [4015.0], "last_value": [3671.0], "change_score": [-1.0],
                                   "n_observations": [2]})
    html = A.strengths_table(data, pd.Series({"fou_publications": "Publications"}), "en")
    assert "4,015 → 3,671" in html and "\u2212344" in html and "2 †" in html and "by construction" in html
    data.indicators = pd.DataFrame({"indicator_id": ["fou_publications"], "unit": ["percent"]})
    data.strengths = data.strengths.assign(first_value=[51.0], last_value=[64.0])
    html = A.strengths_table(data, pd.Series({"fou_publications": "Share"}), "sv")
    assert "+13 procentenheter" in html and "+13 %" not in html  # a share's change is in percentage points


def test_the_sources_licences_read_in_swedish_on_the_swedish_page():
    for licence in ("figures quoted from a public report with attribution", "public information, cite PRV",
                    "public statistics, cite Tillväxtanalys", "Källa: Kolada; free re-use with attribution",
                    "aggregate figures quoted from a public report with attribution; microdata not public"):
        swedish = L.citation(licence, "sv")
        assert not {"figures", "quoted", "public", "cite", "with", "attribution"} & set(swedish.replace(";", " ")
                                                                                        .replace(",", " ").split())


def test_the_english_page_says_county_and_sweden_and_the_swedish_page_keeps_its_names():
    assert L.region("Västerbottens län", "en") == "Västerbotten County"
    assert L.region("Dalarnas län", "en") == "Dalarna County" and L.region("Kalmar län", "en") == "Kalmar County"
    assert L.region("Riket", "en") == "Sweden" and L.region("Övre Norrland", "en") == "Övre Norrland"
    assert L.region("Västerbottens län", "sv") == "Västerbottens län"
    text = "Share of residents of the län; every län, NUTS2 region and Riket sum their län (Riket's total)."
    assert L.english_terms(text) == ("Share of residents of the county; every county, NUTS2 region and Sweden sum "
                                     "their counties (Sweden's total).")


def test_every_indicator_has_a_swedish_definition_without_a_code():
    import re

    with (ROOT / "dbt_project" / "seeds" / "indicator_catalogue.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    ids = {r["indicator_id"] for r in rows}
    for row in rows:
        assert row["definition_sv"].strip(), row["indicator_id"]
        for text in (row["definition"], row["definition_sv"]):
            assert not ids & set(re.findall(r"\b[a-z0-9_]+\b", text)), (row["indicator_id"], text)  # no raw ids
