"""Issue 3's acceptance: for every dimension, figures the METRIC report prints, read back from the marts (not from
the snapshot files), with their qualifiers, bases and citations."""

import pytest

pytestmark = pytest.mark.e2e

# (mart, indicator, period, breakdown, value, qualifier) as printed in the report's text
FIGURES = [
    ("general", "gen_innovating_firms", "2024", "base=all_firms;answer=yes", 34, "exact"),
    ("general", "gen_innovating_firms_count", "2024", "base=all_firms", 1700, "approx"),
    ("general", "gen_systematic_innovation_management", "2024", "base=innovating_firms;answer=not_at_all", 36, "exact"),
    ("technology", "tech_high_technology_use", "2024", "base=all_firms;answer=none", 40, "over"),
    ("fou", "fou_rd_share_brp", "2023", "", 2.15, "exact"),
    ("fou", "fou_doctoral_degrees", "2022", "", 98, "exact"),
    ("fou", "fou_students_registered", "2024", "institution=umu", 24309, "exact"),
    ("human_capital", "hc_knowledge_intensive_jobs_share", "2023", "population=night", 44.0, "exact"),
    ("human_capital", "hc_knowledge_intensive_jobs", "2023", "population=day", 58900, "under"),
    ("human_capital", "hc_post_secondary_education", "2023", "", 32.8, "exact"),
    ("human_capital", "hc_post_secondary_education", "2015", "", 27.9, "exact"),
    ("general", "gen_systematic_innovation_management", "2024", "base=innovating_firms;answer=systematic", 34, "exact"),
    ("human_capital", "hc_stem_share", "2013", "", 23.2, "exact"),
    ("human_capital", "hc_key_competence_recruitment", "2024", "base=all_firms;answer=difficult", 61, "exact"),
    ("entrepreneurship", "ent_tea", "2021-2023", "", 7.8, "exact"),
    ("entrepreneurship", "ent_new_firms", "2023", "", 1299, "exact"),
    ("entrepreneurship", "ent_bankruptcies", "2024", "", 146, "exact"),
    ("entrepreneurship", "ent_staff_growth_firms", "2020-2023", "growth_years=3", 66, "exact"),
    ("entrepreneurship", "ent_turnover_growth_firms", "2020-2023", "", 592, "exact"),
    ("business_support", "bs_incubator_firms", "2023", "", 87, "approx"),
    ("business_support", "bs_export_support", "2024", "base=all_firms;answer=no_export", 43, "exact"),
    ("actors_linkages", "al_network_membership", "2024", "base=all_firms;answer=yes", 44, "exact"),
    ("actors_linkages", "al_joint_ventures_per_firm", "2024", "base=all_firms", 0.2, "exact"),
    ("actors_linkages", "al_innovation_events", "2024", "base=innovating_firms;answer=yes", 42, "exact"),
    ("financial_capital", "fc_vc_invested", "2021", "", 166.5, "exact"),
    ("financial_capital", "fc_seed_share", "2022", "", 52, "exact"),
    ("financial_capital", "fc_foreign_owned_workplaces", "2022", "", 762, "exact"),
    ("financial_capital", "fc_small_business_loans", "2023", "loan_type=growth", 8.7, "approx"),
    ("infrastructure", "inf_premises_available", "2024", "", 2_500_000, "exact"),
    ("infrastructure", "inf_transport_rating", "2024", "municipality=2480_umea", 3.7, "exact"),
    ("infrastructure", "inf_broadband_1gbit", "2023", "", 95, "over"),
    ("infrastructure", "inf_mobile_30mbit", "2016", "", 2, "exact"),
    ("legal_regulatory", "lr_tax_incentives", "2024", "", 132, "exact"),
    ("legal_regulatory", "lr_innovation_procurements", "2021-2023", "", 0, "exact"),
    ("legal_regulatory", "lr_regional_programme_nonparticipation_reasons", "2024",
     "base=non_participants;answer=not_adapted", 43, "exact"),
    ("culture", "cu_fear_of_failure", "2021-2023", "", 47, "exact"),
    ("culture", "cu_international_researchers", "2023", "", 255, "exact"),
    ("culture", "cu_knowledge_intensive_labour_immigrants", "2021", "", 1943, "exact"),
    ("markets", "mk_new_technology_launches", "2024", "base=all_firms;answer=none", 72, "exact"),
    ("markets", "mk_innovation_turnover_sweden", "2024", "base=all_firms;answer=1_20_percent", 45, "exact"),
]


@pytest.mark.parametrize("mart, indicator, period, breakdown, value, qualifier", FIGURES,
                         ids=[f"{f[0]}:{f[1]}:{f[2]}" for f in FIGURES])
def test_report_figure_in_its_dimension_mart(con, mart, indicator, period, breakdown, value, qualifier):
    start, _, end = period.partition("-")
    rows = con.execute(
        f"select value, qualifier, citation from marts.mart_{mart} where indicator_id = ? and region_code = '24' "
        "and period_start = ? and period_end = ? and breakdown = ?",
        [indicator, int(start), int(end or start), breakdown]).fetchall()
    assert len(rows) == 1, rows
    got, got_qualifier, citation = rows[0]
    assert got == pytest.approx(value) and got_qualifier == qualifier
    assert citation


def test_every_dimension_mart_is_filled(con):
    counts = dict(con.execute("select dimension_id, count(*) from marts.fct_indicator_values group by 1").fetchall())
    dims = [r[0] for r in con.execute("select dimension_id from marts.dim_dimension").fetchall()]
    assert len(dims) == 13  # 11 METRIC dimensions, the report's general section, and context
    for dim in dims:
        assert con.execute(f"select count(*) from marts.mart_{dim}").fetchone()[0] == \
            con.execute("select count(*) from marts.fct_indicator_values where dimension_id = ? and is_preferred",
                        [dim]).fetchone()[0] > 0, dim
        assert counts[dim] > 0


def test_ranges_statements_and_comparisons_are_kept(con):
    tax = con.execute("select value, value_high from marts.mart_legal_regulatory where indicator_id = "
                      "'lr_tax_incentives' and period_start = 2015 and period_end = 2024").fetchone()
    assert tax == (130, 170)
    named = con.execute("select count(distinct region_code) from marts.mart_legal_regulatory where indicator_id = "
                        "'lr_innovation_procurements' and value_kind = 'qualitative'").fetchone()[0]
    assert named == 5  # Skåne, Jönköping, Halland, Kalmar, Västernorrland
    lulea = con.execute("select value from marts.mart_legal_regulatory where region_code = '25'").fetchone()[0]
    assert lulea == 43
    riket_tea = con.execute("select value from marts.mart_entrepreneurship where indicator_id = 'ent_tea' "
                            "and region_code = '00'").fetchone()[0]
    assert riket_tea == 8.4


def test_polarity_and_survey_flags(con):
    polarity = dict(con.execute("select indicator_id, polarity from marts.dim_indicator").fetchall())
    assert polarity["ent_bankruptcies"] == -1 and polarity["cu_fear_of_failure"] == -1
    assert polarity["fou_doctoral_degrees"] == 1
    n = con.execute("select n_respondents, is_estimate from marts.mart_general where indicator_id = "
                    "'gen_innovating_firms' and breakdown = 'base=all_firms;answer=yes'").fetchone()
    assert n == (305, True)


def test_both_new_firm_vintages_are_kept(con):
    rows = con.execute("select dataset_id, is_preferred from marts.fct_indicator_values where indicator_id = "
                       "'ent_new_firms' and region_code = '24' and year = 2021 order by dataset_id").fetchall()
    assert rows == [("metric_report_tillvaxtanalys", True), ("new_firms_regionfakta", False),
                    ("tillvaxtanalys_nystartade_foretag_lan_1994_2021", False)]
