"""The 21-län panel in the warehouse: real series for every län, regions kept at the level they were published
for, agreement with the report's printed figures, the comparison mart, and any län building its own warehouse."""

import duckdb
import pytest

from tests.conftest import run_pipeline

pytestmark = pytest.mark.e2e


def test_at_least_eight_panel_indicators_for_21_lan_over_ten_years(con):
    rows = con.execute("""
        select indicator_id, breakdown
        from marts.fct_indicator_values as f
        join marts.dim_region as r using (region_code)
        where f.is_preferred and f.value_kind = 'figure' and r.region_level = 'county' and f.year is not null
          and f.citation is not null and f.dimension_id <> 'context'
        group by indicator_id, breakdown
        having count(distinct region_code) = 21
           and min(n_years) >= 10
    """.replace("min(n_years)", "(select min(c) from (select count(distinct year) as c from marts.fct_indicator_values "
                "as g where g.indicator_id = f.indicator_id and g.breakdown = f.breakdown and g.is_preferred "
                "and g.value_kind = 'figure' group by g.region_code))")).fetchall()
    assert len({indicator for indicator, _ in rows}) >= 8, rows


def test_nuts2_values_stay_nuts2_and_are_labelled_for_the_selected_lan(con):
    lan_rows = con.execute("select count(*) from marts.mart_human_capital where indicator_id = "
                           "'hc_tertiary_share_25_64' and region_level = 'county'").fetchone()[0]
    assert lan_rows == 0  # never copied onto a län
    rows = con.execute("select region_code, region_name, contains_selected, value from marts.mart_human_capital "
                       "where indicator_id = 'hc_tertiary_share_25_64' and year = 2019 and contains_selected "
                       "order by region_code").fetchall()
    assert rows == [("00", "Riket", True, 44.0), ("SE3", "Norra Sverige", True, 36.1),
                    ("SE33", "Övre Norrland", True, 39.7)]
    selected = con.execute("select region_code from marts.dim_region where is_selected").fetchall()
    assert selected == [("24",)]


def test_panel_agrees_with_the_report_where_they_describe_the_same_thing(con):
    new_firms = con.execute("select dataset_id, value, is_preferred from marts.fct_indicator_values where "
                            "indicator_id = 'ent_new_firms' and region_code = '24' and year = 2021 and breakdown = '' "
                            "order by source_priority").fetchall()
    assert {value for _, value, _ in new_firms} == {1591.0}  # report, regionfakta and the spreadsheet agree
    assert {"metric_report_tillvaxtanalys", "tillvaxtanalys_nystartade_foretag_lan_1994_2021"} <= {
        d for d, _, _ in new_firms}
    gdp = dict(con.execute("select dataset_id, value from marts.fct_indicator_values where indicator_id = "
                           "'fou_brp' and region_code = '24' and year = 2013").fetchall())
    assert gdp["metric_report_scb"] == 89_045 and gdp["eurostat_nama_10r_3gdp_SE"] == pytest.approx(89_963.12)
    preferred = con.execute("select dataset_id from marts.fct_indicator_values where indicator_id = 'fou_brp' "
                            "and region_code = '24' and year = 2013 and is_preferred").fetchall()
    assert preferred == [("metric_report_scb",)]  # the documented priority: the report's own figure first


def test_derived_indicators_follow_their_formula(con):
    gdp, pop_this, pop_next = (con.execute(sql).fetchone()[0] for sql in (
        "select value from marts.fct_indicator_values where indicator_id = 'fou_brp' and region_code = '24' "
        "and year = 2015 and source_id = 'eurostat'",
        "select value from marts.fct_indicator_values where indicator_id = 'ctx_population' and region_code = '24' "
        "and year = 2015 and breakdown = '' and dataset_id = 'eurostat_demo_r_pjanaggr3_SE_1990_2022'",
        "select value from marts.fct_indicator_values where indicator_id = 'ctx_population' and region_code = '24' "
        "and year = 2016 and breakdown = '' and dataset_id = 'eurostat_demo_r_pjanaggr3_SE_1990_2022'"))
    derived = con.execute("select value from marts.fct_indicator_values where indicator_id = "
                          "'mk_gdp_per_inhabitant' and region_code = '24' and year = 2015 and dataset_id like "
                          "'%eurostat_demo_r_pjanaggr3_SE_1990_2022'").fetchone()[0]
    assert derived == pytest.approx(gdp * 1e6 / ((pop_this + pop_next) / 2))
    riket = con.execute("select value from marts.fct_indicator_values where indicator_id = 'mk_gdp_per_inhabitant_index' "
                        "and region_code = '00' and is_preferred").fetchall()
    assert riket and all(v == pytest.approx(100) for (v,) in riket)


def test_comparison_mart_ranks_vasterbotten_against_the_other_lan(con):
    rows = con.execute("""
        select indicator_id, breakdown, year, value, riket_value, index_riket, rank, n_regions, percentile
        from marts.mart_region_comparison
        where region_code = '24' and indicator_id = 'mk_gdp_per_inhabitant' and year = 2020
    """).fetchall()
    assert len(rows) == 1
    _, _, _, value, riket, index, rank, n, percentile = rows[0]
    assert n == 21 and 1 <= rank <= 21 and index == pytest.approx(100 * value / riket)
    assert percentile == pytest.approx(100 * (21 - rank) / 20, abs=0.05)
    # polarity: for unemployment (less is better) the lowest rate ranks first among the NUTS2 regions
    best = con.execute("select region_code, value from marts.mart_region_comparison where indicator_id = "
                       "'hc_unemployment_rate' and breakdown = '' and year = 2018 and rank = 1").fetchall()
    lowest = con.execute("select min(value) from marts.mart_region_comparison where indicator_id = "
                         "'hc_unemployment_rate' and breakdown = '' and year = 2018").fetchone()[0]
    assert [v for _, v in best] == [lowest]


def test_any_lan_builds_its_own_warehouse_and_report(built, tmp_path):
    # everything that differs between län: the marts, the selected län's analysis and the report (the exports and
    # the all-län index and cross-section are the same for every län)
    code, output = run_pipeline(tmp_path, METRIC_REGION="25",
                                selection="not key:publish/exports and not key:publish/database and "
                                          "not key:analysis/index_* and not key:analysis/pca_cross_section_*")
    assert code == 0, output
    other = duckdb.connect(str(tmp_path / "warehouse" / "metric.duckdb"), read_only=True)
    mine = duckdb.connect(str(built["warehouse"]), read_only=True)
    try:
        assert other.execute("select region_code from marts.dim_region where is_selected").fetchall() == [("25",)]
        assert mine.execute("select region_code from marts.dim_region where is_selected").fetchall() == [("24",)]
        # the same facts for every region; the selection is a filter, not a rebuild
        sql = "select count(*), sum(value) from marts.mart_markets"
        assert other.execute(sql).fetchone() == pytest.approx(mine.execute(sql).fetchone())
        norrbotten = other.execute("select distinct region_code from analysis.indicator_matrix").fetchall()
        assert norrbotten == [("25",)]
    finally:
        other.close()
        mine.close()
    title = (tmp_path / "publish" / "report.html").read_text(encoding="utf-8")
    assert "Norrbottens län" in title.split("</title>")[0]
    assert "Västerbottens län" in (built["publish"] / "report.html").read_text(encoding="utf-8").split("</title>")[0]
