"""Every asset materialised from the embedded snapshot into a temporary warehouse; real values read back from the
marts and the analysis tables (not from the snapshot files)."""

import json

import pandas as pd
import pytest

pytestmark = pytest.mark.e2e


def _value(con, indicator, year, breakdown="", region="24"):
    rows = con.execute(
        "select value from marts.mart_fou where indicator_id = ? and year = ? and breakdown = ? and region_code = ?",
        [indicator, year, breakdown, region]).fetchall()
    assert len(rows) == 1, (indicator, year, breakdown, rows)
    return rows[0][0]


def test_run_reports_progress_and_summary(built):
    out = built["output"]
    assert "materialised" in out and "raw/scb" in out and "marts/mart_fou" in out and "analysis/pca_variables" in out
    assert "result:    OK" in out and "rows per mart:" in out and "mart_fou" in out
    # no error-severity check fails; the anomaly check warns about the embedded data's unconfirmed anomalies
    assert "(0 of error severity)" in out and "assert_value_anomalies_confirmed" in out


# (indicator, year, breakdown, value) as printed in the METRIC report's text, section 2.1.2
REPORT_FIGURES = [
    ("fou_rd_share_brp", 2013, "", 3.48), ("fou_rd_share_brp", 2023, "", 2.15),
    ("fou_brp", 2013, "", 89_045), ("fou_brp", 2023, "", 148_729),
    ("fou_publications", 2021, "", 4015), ("fou_publications", 2023, "", 3671),
    ("fou_rd_person_years", 2013, "sector=business", 677), ("fou_rd_person_years", 2023, "sector=business", 601),
    ("fou_doctoral_degrees", 2017, "", 193), ("fou_doctoral_degrees", 2019, "", 144),
    ("fou_doctoral_degrees", 2022, "", 98), ("fou_doctoral_degrees", 2024, "", 142),
    ("fou_students_registered", 2021, "institution=umu", 23_324),
    ("fou_students_registered", 2022, "institution=umu", 22_598),
    ("fou_students_registered", 2023, "institution=umu", 23_227),
    ("fou_students_registered", 2024, "institution=umu", 24_309),
    ("fou_students_registered", 2013, "institution=slu", 469), ("fou_students_registered", 2022, "institution=slu", 736),
    ("fou_students_registered", 2023, "institution=slu", 605), ("fou_students_registered", 2024, "institution=slu", 623),
    ("fou_students_women_share", 2013, "institution=umu", 61), ("fou_students_women_share", 2024, "institution=umu", 64),
    ("fou_trademark_applications", 2013, "", 127), ("fou_trademark_applications", 2022, "", 93),
    ("fou_trademark_applications", 2023, "", 93), ("fou_trademark_applications", 2024, "", 104),
    ("fou_design_applications", 2014, "", 9), ("fou_design_applications", 2023, "", 1),
    ("fou_university_collaborations", 2024, "base=all_firms;answer=none", 84),
    ("fou_university_collaborations", 2024, "base=all_firms;answer=one_or_more", 3),
    ("fou_university_collaborations", 2024, "base=innovating_firms;answer=none", 70),
    ("fou_university_collaborations_per_firm", 2024, "base=all_firms", 0.3),
    ("fou_licensing_income", 2024, "base=all_firms;answer=none", 83),
    ("fou_licensing_income", 2024, "base=all_firms;answer=all_revenue", 2),
]


@pytest.mark.parametrize("indicator, year, breakdown, expected", REPORT_FIGURES)
def test_report_figures_read_back_from_mart_fou(con, indicator, year, breakdown, expected):
    assert _value(con, indicator, year, breakdown) == pytest.approx(expected)


def test_qualifiers_are_kept_not_turned_into_false_precision(con):
    row = con.execute("select value, qualifier from marts.mart_fou where indicator_id = 'fou_trademark_applications' "
                      "and year = 2020").fetchone()
    assert row == (130.0, "over")
    approx = con.execute("select qualifier, base from marts.mart_fou where indicator_id = "
                         "'fou_university_collaborations' and breakdown like '%high_degree'").fetchone()
    assert approx == ("approx", "firms working with innovation")


def test_statements_without_figures_are_qualitative_rows(con):
    rows = con.execute("select value, statement, citation from marts.mart_fou "
                       "where indicator_id = 'fou_patent_applications_international'").fetchall()
    assert len(rows) == 1
    value, statement, citation = rows[0]
    assert value is None and "negativ utveckling" in statement and "Diagram 11" in citation


def test_both_brp_vintages_are_kept_and_the_report_vintage_is_preferred(con):
    rows = con.execute("select value, is_preferred from marts.fct_indicator_values where indicator_id = 'fou_brp' "
                       "and region_code = '24' and year = 2013 order by value").fetchall()
    assert rows == [(88_079.0, False), (89_045.0, True), (89_963.12, False)]  # SCB, the report, Eurostat


def test_every_fou_catalogue_indicator_has_a_row_and_every_row_a_citation(con):
    missing = con.execute("select indicator_id from marts.dim_indicator where dimension_id = 'fou' "
                          "and n_figures + n_statements = 0").fetchall()
    assert missing == []
    assert con.execute("select count(*) from marts.fct_indicator_values where citation is null").fetchone()[0] == 0
    survey = con.execute("select bool_and(is_estimate) from marts.mart_fou where indicator_id in "
                         "('fou_licensing_income', 'fou_university_collaborations')").fetchone()[0]
    assert survey is True


def test_dim_region_has_21_lan_with_nuts_and_riket(con):
    rows = con.execute("select region_code, nuts3_code, is_selected, region_level from marts.dim_region "
                       "where country_code = 'SE' order by 1").fetchall()
    assert len(rows) == 33 and rows[0][0] == "00"  # Riket, 3 NUTS1, 8 NUTS2, 21 län (Europe's regions beside them)
    assert ("24", "SE331", True, "county") in rows
    assert sum(1 for r in rows if r[3] == "county") == 21 and sum(1 for r in rows if r[3] == "nuts2") == 8


def test_pca_on_embedded_fou_data(con):
    inputs = con.execute("select series_id, included, exclusion_reason from analysis.pca_inputs").fetchdf()
    included = set(inputs.loc[inputs["included"], "series_id"])
    assert {"fou_brp", "fou_rd_expenditure_per_inhabitant[sector=higher_education]"} <= included
    # the report's sparse series (doctoral degrees 2017-2024, trademarks, UMU students from 2021) do not cover the
    # window without long carrying: left out, with the reason
    reasons = inputs.set_index("series_id")["exclusion_reason"]
    for series in ("fou_doctoral_degrees", "fou_trademark_applications", "fou_students_registered[institution=umu]"):
        assert series not in included and reasons[series]
    short = inputs.set_index("series_id").loc["fou_rd_share_brp"]
    assert not short["included"] and "fewer than the minimum 3" in short["exclusion_reason"]
    assert inputs.loc[inputs["included"], "exclusion_reason"].isna().all()

    eig = con.execute("select eigenvalue, cumulative_pct from analysis.pca_eigenvalues where pass = 'first'").fetchdf()
    assert eig["eigenvalue"].sum() == pytest.approx(len(included))  # the first pass takes every included series
    assert eig["cumulative_pct"].iloc[-1] == pytest.approx(100)
    variables = con.execute("select series_id, component, cos2, contrib from analysis.pca_variables "
                            "where role = 'active'").fetchdf()
    assert variables.groupby("series_id")["cos2"].sum().to_numpy() == pytest.approx(1)
    assert variables.groupby("component")["contrib"].sum().to_numpy() == pytest.approx(100)
    years = con.execute("select year, coord from analysis.pca_years where component = 'PC1' order by year").fetchdf()
    start, end = inputs.merge(con.execute("select distinct window_start, window_end from analysis.pca_inputs where "
                                          "window_start is not null").fetchdf(), how="cross").iloc[0][
        ["window_start", "window_end"]]
    assert years["year"].tolist() == list(range(int(start), int(end) + 1)) and end - start + 1 >= 8
    assert years["coord"].corr(years["year"].astype(float)) > 0  # the documented sign rule

    matrix = con.execute("select * from analysis.indicator_matrix").fetchdf()
    observed = matrix[~matrix["is_imputed"]]
    rd = observed[observed["series_id"] == "fou_rd_expenditure_per_inhabitant[sector=higher_education]"]
    # biennial: the years between are filled in; 2019 (2,061 SEK between 9,841 and 10,464) is flagged as far
    # outside its own series and missing until confirmed, so 2018-2020 are interpolated towards 2021
    assert sorted(rd["year"]) == [2013, 2015, 2017]
    filled = matrix[(matrix["series_id"] == rd["series_id"].iloc[0]) & (matrix["year"] == 2019)]
    assert filled["method"].iloc[0] == "linear_interpolation" and filled["value"].iloc[0] > 9_000
    assert (matrix.groupby("series_id")["method"].apply(lambda m: m.str.startswith("carried").sum()) <= 2).all()
    assert matrix["settings"].str.contains('"min_observed_years": 3').all()
    assert matrix["input_vintages"].str.contains("METRIC report").all()


def test_exports_round_trip(built, con):
    mart = con.execute("select * from marts.mart_fou").fetchdf()
    parquet = pd.read_parquet(built["publish"] / "parquet" / "mart_fou.parquet")
    csv = pd.read_csv(built["publish"] / "csv" / "mart_fou.csv", encoding="utf-8", keep_default_na=False)
    assert len(parquet) == len(csv) == len(mart) > 0
    assert parquet["citation"].tolist() == mart["citation"].tolist()
    assert "Västerbottens län" in set(csv["region_name"])
    assert (built["publish"] / "parquet" / "pca_variables.parquet").exists()


def test_make_run_records_its_refresh_in_the_instance_the_ui_serves(warehouse_copy, tmp_path, monkeypatch):
    import dagster as dg

    from orchestration.cli.run import main
    from tests.conftest import metric_env

    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with metric_env(warehouse_copy):
        assert main(["--select", "key:raw/ukae"]) == 0
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        assert instance.get_latest_materialization_event(dg.AssetKey(["raw", "ukae"])) is not None
        runs = instance.get_runs()
        assert len(runs) == 1 and runs[0].tags.get("metric/refresh_status") == "success"
    finally:
        instance.dispose()
    assert (home / "dagster.yaml").exists()
    record = json.loads((warehouse_copy / "warehouse" / "last_refresh.json").read_text(encoding="utf-8"))
    assert record["status"] == "success" and record["selection"] == "key:raw/ukae" and record["failed_steps"] == []


def test_every_code_in_the_marts_has_a_label_in_the_report(con):
    """The report's translation layer covers every unit, breakdown, qualifier, flag and imputation method the
    warehouse holds, so no reader meets a code (issue "A report that answers")."""
    from analysis.report.labels import flag_codes, missing_labels

    column = lambda sql: [r[0] for r in con.execute(sql).fetchall()]  # noqa: E731
    assert missing_labels(
        units=column("select distinct unit from marts.fct_indicator_values"),
        breakdowns=column("select distinct breakdown from marts.fct_indicator_values"),
        qualifiers=column("select distinct qualifier from marts.fct_indicator_values"),
        flags=[f for flags in column("select distinct flags from marts.fct_indicator_values where flags is not null")
               for f in flag_codes(flags)],
        methods=column("select distinct method from analysis.indicator_matrix")) == []
