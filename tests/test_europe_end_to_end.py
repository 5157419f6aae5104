"""Issue "Sweden in Europe", end to end on the embedded snapshot: Europe's regions in dim_region with country and
NUTS version, the codes the comparison leaves out listed, the European index in its latest edition (dimensions,
rank intervals, groups relative to the EU, the EU as the reference), European peers for every Swedish NUTS2
region, and the European tables exported like the rest."""

import pandas as pd
import pytest

pytestmark = pytest.mark.e2e


def test_dim_region_holds_europes_regions_with_country_and_nuts_version(con):
    rows = con.execute("select region_level, count(*), count(country_code), count(nuts_version) "
                       "from marts.dim_region group by 1").fetchall()
    by_level = {level: (n, countries, versions) for level, n, countries, versions in rows}
    assert by_level["europe_nuts2"][0] == 234 and by_level["nuts2"][0] == 8  # 242 EU NUTS2 regions, Sweden's 8
    assert by_level["europe_nuts2"][1] == 234 and by_level["europe_nuts2"][2] == 234
    assert by_level["europe_merged"][0] == 7 and by_level["europe"][0] == 1
    assert con.execute("select country_code, nuts_version from marts.dim_region where region_code = 'FI1D'"
                       ).fetchone() == ("FI", "2021")


def test_the_codes_left_out_are_listed_with_their_reason(con):
    left = con.execute("select original_code, reason from marts.mart_regions_left_out").df()
    for code in ("HR04", "HU10", "IE01", "IE02", "LT00", "SI01", "SI02", "DE2", "BE2"):
        assert code in set(left["original_code"]), code
    assert left["reason"].str.contains("left out of the comparison").all()
    # a left-out value never reaches the staged cells
    assert con.execute("select count(*) from staging.stg_table_cells where flags = 'left_out'").fetchone()[0] == 0


def test_the_european_index_scores_seven_dimensions_against_the_eu_with_intervals_and_groups(con):
    edition = con.execute("select max(edition) from analysis.index_editions where level = 'europe' and is_scored"
                          ).fetchone()[0]
    assert edition == 2021
    s = con.execute("select * from analysis.index_scores where level = 'europe' and edition = ? and year = ?",
                    [edition, edition]).df()
    dims = set(s.loc[s["score"].notna() & (s["unit"] != "overall"), "unit"])
    assert len(dims) >= 7
    overall = s[(s["unit"] == "overall") & s["rank"].notna()]
    assert len(overall) >= 140  # every region with all seven dimensions (docs/methods.md says why not more)
    assert overall[["rank_low", "rank_high", "relative_low", "relative_high", "eu_group"]].notna().all().all()
    assert (overall["rank_low"] <= overall["rank"]).all() and (overall["rank"] <= overall["rank_high"]).all()
    assert set(overall["eu_group"]) <= {"leader", "strong", "moderate", "emerging"}
    eu = s[(s["region_code"] == "EU27") & (s["unit"] == "overall")].iloc[0]
    assert eu["relative_to_reference"] == pytest.approx(100) and pd.isna(eu["rank"])
    # every Swedish NUTS2 region is placed, and its group agrees with its ratio to the EU
    sweden = overall[overall["region_code"].str.startswith("SE")].set_index("region_code")
    assert len(sweden) == 8
    stockholm = sweden.loc["SE11"]
    assert stockholm["relative_to_reference"] >= 125 and stockholm["eu_group"] == "leader"
    # the interval-scale EQI has no ratio, and scores Europe's regions (it tells most pairs apart)
    signal = con.execute("select is_scored, separable_pairs from analysis.index_signal "
                         "where level = 'europe' and series_id = 'lr_eqi'").fetchone()
    assert signal[0] and signal[1] > 0.5
    assert s.loc[s["unit"] == "legal_regulatory", "relative_to_reference"].isna().all()


def test_every_swedish_nuts2_region_has_european_peers_outside_sweden(con):
    peers = con.execute("select region_code, peer_code, peer_rank, stability from analysis.europe_peers").df()
    assert set(peers["region_code"]) == {"SE11", "SE12", "SE21", "SE22", "SE23", "SE31", "SE32", "SE33"}
    assert (peers.groupby("region_code").size() == 5).all()
    assert not peers["peer_code"].str.startswith("SE").any()
    assert peers["stability"].between(0, 1).all()


def test_the_european_tables_are_exported(built):
    for table in ("europe_peers", "index_scores"):
        frame = pd.read_parquet(built["publish"] / "parquet" / f"{table}.parquet")
        assert len(frame)
    scores = pd.read_parquet(built["publish"] / "parquet" / "index_scores.parquet")
    assert "europe" in set(scores["level"])
    for mart in ("mart_regions_left_out", "mart_europe_structure"):
        assert (built["publish"] / "parquet" / f"{mart}.parquet").exists(), mart
