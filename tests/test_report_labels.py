"""Issue "A report that answers": one translation layer, so no reader ever sees a code."""

import csv
from pathlib import Path

import pandas as pd

from analysis.report import labels as L
from analysis.report import page as P

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
    assert "<code>demo_r_pjanaggr3</code>" in P._cited(text, "en")


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
    en = P._statements("Innovation procurements", rows, "en")
    assert len(en) == 1 and "Regions that have carried out" in en[0] and "Skåne, Kalmar" in en[0]
    assert "<q lang='sv'>" in en[0] and "prints no count" in en[0]
    sv = P._statements("Innovationsupphandlingar", rows, "sv")
    assert len(sv) == 1 and "the report" not in sv[0] and "rapporten anger inget antal" in sv[0]
    assert "(METRIC-rapporten)" in sv[0]


def test_an_untranslated_statement_is_marked_as_a_swedish_quote():
    rows = _statement_rows(["Ett nytt uttalande."], ["Västerbottens län"])
    assert "not translated" in P._statements("X", rows, "en")[0]


def test_a_single_value_is_a_number_tile_in_the_page_language():
    indicator = pd.Series({"name_sv": "Lån", "name_en": "Loans", "frequency": "annual"})
    row = pd.Series({"value": 8.7, "value_high": None, "qualifier": "approx", "unit": "mnkr",
                     "breakdown": "loan_type=growth", "period_start": 2023, "period_end": 2023,
                     "region_name": "Västerbottens län", "citation": "Almi (source: Almi)", "ci_low": None,
                     "ci_high": None})
    tile = P._tile(indicator, row, "sv")
    assert "cirka 8,7 mnkr" in tile and "tillväxtlån" in tile and "(källa: Almi)" in tile


def test_the_strengths_table_gives_real_units_and_marks_two_point_scores():
    data = type("D", (), {})()
    data.dimensions = pd.DataFrame({"dimension_id": ["fou"], "name_sv": ["FoU"], "name_en": ["R&D"]})
    data.indicators = pd.DataFrame({"indicator_id": ["fou_publications"], "unit": ["count"]})
    data.strengths = pd.DataFrame({"dimension_id": ["fou"], "kind": ["worsening"], "indicator_id": ["fou_publications"],
                                   "series_id": ["fou_publications"], "first_year": [2021], "last_year": [2023],
                                   "first_value": [4015.0], "last_value": [3671.0], "change_score": [-1.0],
                                   "n_observations": [2]})
    html = P._strengths_table(data, pd.Series({"fou_publications": "Publications"}), "en")
    assert "4,015 → 3,671 number" in html and "-344 number" in html and "2 †" in html and "by construction" in html


def test_the_sources_licences_read_in_swedish_on_the_swedish_page():
    for licence in ("figures quoted from a public report with attribution", "public information, cite PRV",
                    "public statistics, cite Tillväxtanalys", "Källa: Kolada; free re-use with attribution",
                    "aggregate figures quoted from a public report with attribution; microdata not public"):
        swedish = L.citation(licence, "sv")
        assert not {"figures", "quoted", "public", "cite", "with", "attribution"} & set(swedish.replace(";", " ")
                                                                                        .replace(",", " ").split())
