"""Issue "Sweden in Europe": the European index on a small panel whose answer is worked out by hand (the EU as the
reference of the ratio scale, Riket scored as an aggregate, interval-scale indicators outside the ratio scale,
RIS-style groups relative to the EU), the scope of each level, and the European peers on a hand-made structure."""

import numpy as np
import pandas as pd
import pytest

from analysis.europe_peers import PeerSettings, european_peers
from analysis.index import IndexSettings, build_level
from analysis.index.aggregate import eu_group
from analysis.index.settings import EU, RIKET, index_scope

SETTINGS = IndexSettings(first_edition=2021, last_edition=2021, europe_last_edition=2021, min_dimensions=2,
                         treatment="none")
REGIONS = ["AA11", "BB22", "CC33", "SE33"]
# a1 (dimension A) and b1 (B) on ratio scales, c1 (C) an interval-scale index like the EQI (EU mean about 0)
VALUES = {  # region: (a1, b1, c1)
    "AA11": (13.0, 8.0, 0.5),
    "BB22": (20.0, 15.0, 1.0),
    "CC33": (6.0, 5.0, -1.0),
    "SE33": (9.0, 8.0, 0.2),
    EU: (10.0, 10.0, 0.0),
    RIKET: (11.0, 9.0, 0.4),
}


def _rows():
    rows = []
    for region, numbers in VALUES.items():
        for (series, dim, ratio), value in zip((("a1", "A", True), ("b1", "B", True), ("c1", "C", False)), numbers):
            rows.append({"region_code": region, "series_id": series, "indicator_id": series, "dimension_id": dim,
                         "content": series, "polarity": 1, "unit": "rate" if ratio else "eqi_score",
                         "is_current_prices": False, "is_ratio_scale": ratio, "year": 2021, "value": value,
                         "aggregate_basis": "approximate_aggregate" if region in (EU, RIKET) else None})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def level():
    return build_level("europe", _rows(), REGIONS, {}, {}, SETTINGS, ["A", "B", "C"], with_uncertainty=False,
                       reference=EU, aggregates=(EU, RIKET))


def _scores(level, unit):
    s = level.scores
    return s[(s["edition"] == 2021) & (s["year"] == 2021) & (s["unit"] == unit)].set_index("region_code")


def test_the_ratio_scale_is_read_against_the_eu_by_hand(level):
    a, b, overall = _scores(level, "A"), _scores(level, "B"), _scores(level, "overall")
    # AA11: a1 13 / 10 = 130 %, b1 8 / 10 = 80 %; the overall ratio is their mean, 105 % (C has no ratio)
    assert a.loc["AA11", "relative_to_reference"] == pytest.approx(130)
    assert b.loc["AA11", "relative_to_reference"] == pytest.approx(80)
    assert overall.loc["AA11", "relative_to_reference"] == pytest.approx(105)
    assert np.isnan(_scores(level, "C").loc["AA11", "relative_to_reference"])  # an interval scale has no ratio
    expected = {"AA11": 105, "BB22": 175, "CC33": 55, "SE33": 85, EU: 100, RIKET: (110 + 90) / 2}
    for region, value in expected.items():
        assert overall.loc[region, "relative_to_reference"] == pytest.approx(value), region


def test_groups_relative_to_the_eu_use_the_scoreboards_cut_offs(level):
    overall = _scores(level, "overall")
    assert overall.loc["BB22", "eu_group"] == "leader"  # 175 % >= 125 %
    assert overall.loc["AA11", "eu_group"] == "strong"  # 100-125 %
    assert overall.loc["SE33", "eu_group"] == "moderate"  # 70-100 %
    assert overall.loc["CC33", "eu_group"] == "emerging"  # below 70 %
    assert overall[["eu_group_low", "eu_group_high"]].loc["AA11"].tolist() == ["strong", "strong"]  # no interval
    assert overall.loc[[EU, RIKET], "eu_group"].isna().all()  # aggregates are no region of the comparison
    assert [eu_group(v) for v in (125.0, 124.99, 100.0, 70.0, 69.99)] == [
        "leader", "strong", "strong", "moderate", "emerging"]


def test_scores_are_normalised_over_the_regions_and_the_aggregates_are_not_ranked(level):
    overall = _scores(level, "overall")
    # min-max over the four regions: a1 6..20, b1 5..15, c1 -1..1; AA11 = mean(7/14, 3/10, 1.5/2) = 0.5167
    assert overall.loc["AA11", "score"] == pytest.approx(100 * (0.5 + 0.3 + 0.75) / 3)
    # the EU is scored against the regions' range: a1 4/14, b1 5/10, c1 1/2
    assert overall.loc[EU, "score"] == pytest.approx(100 * (4 / 14 + 0.5 + 0.5) / 3)
    assert overall.loc[REGIONS, "rank"].tolist() == [2, 1, 4, 3]
    assert overall.loc[[EU, RIKET], "rank"].isna().all()


def test_each_level_has_its_scope():
    regions = pd.DataFrame({"region_code": ["01", "03", "SE11", "SE33", "FI1D", "AT_C", "00", EU],
                            "region_level": ["county", "county", "nuts2", "nuts2", "europe_nuts2", "europe_merged",
                                             "country", "europe"]})
    europe = index_scope("europe", regions)
    assert europe.regions == ("FI1D", "SE11", "SE33") and europe.reference == EU and RIKET in europe.aggregates
    assert "EU" in europe.description
    county = index_scope("county", regions)
    assert county.regions == ("01", "03") and county.reference == RIKET and "2 län" in county.description


def test_european_peers_are_the_nearest_in_structure_and_say_how_firm_they_are():
    # SE33 is sparse, rich-ish and remote; XX01 is its twin, YY02 differs only in sector mix, ZZ03 is dense and
    # central: the peers come in that order, and the twin stays whichever concept is left out
    rows = {"SE33": (3.0, 120, 40, 10.0), "XX01": (3.2, 118, 42, 10.5), "YY02": (3.0, 120, 40, 20.0),
            "ZZ03": (900.0, 150, 400, 25.0), "QQ04": (150.0, 60, 120, 8.0), "SE11": (350.0, 170, 300, 30.0)}
    structure = pd.DataFrame([{"region_code": r, "variable": v, "value": x} for r, xs in rows.items() for v, x in
                              zip(("population_density", "gdp_per_inhabitant_pps_eu27_100",
                                   "market_potential_population", "employment_share_k_n"), xs)])
    peers = european_peers(structure, ["SE33"], PeerSettings(k=2))
    peers = peers.sort_values("peer_rank")
    assert peers["peer_code"].tolist() == ["XX01", "YY02"]  # never a Swedish region
    assert peers.iloc[0]["is_robust"] and peers.iloc[0]["stability"] == pytest.approx(1.0)
