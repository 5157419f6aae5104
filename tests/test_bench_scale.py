"""Issue "Operations": the scale benchmark's synthetic panel is valid input, labelled synthetic, in its units' bounds
and under the inbox's file size limit (its timings live in ``make bench-scale``, never here)."""

import csv

from orchestration.cli import bench_scale as B
from orchestration.cli.bench import SYNTHETIC_CITATION
from orchestration.sources.figures_csv import parse_figures_csv


def test_the_scale_panel_is_valid_synthetic_input_in_its_units_bounds(tmp_path):
    rows = B.write_panel(tmp_path, fraction=0.02)
    kommuner = round(B.KOMMUNER * 0.02)
    assert rows == kommuner * len(B.YEARS) * B.INDICATORS
    bounds = B._units()
    parsed = 0
    for path in tmp_path.rglob("*.csv"):
        frame = parse_figures_csv(path.read_bytes(), file=path.name)
        parsed += len(frame)
        assert (frame["citation"] == SYNTHETIC_CITATION).all()
        assert frame["breakdown"].str.fullmatch(r"municipality=\d{4}").all()
        for unit, group in frame.groupby("unit"):
            low, high = bounds[unit]
            assert group["value"].between(low, high).all(), unit
    assert parsed == rows


def test_kommun_codes_belong_to_their_lan_and_the_survey_drop_has_its_size(tmp_path):
    pairs = B.kommun_codes()
    assert len(pairs) == B.KOMMUNER == len({k for _, k in pairs})
    assert all(k.startswith(lan) for lan, k in pairs) and len({lan for lan, _ in pairs}) == 21
    assert B.write_survey(tmp_path, respondents=2_000) == 2_000
    with (tmp_path / "nle" / "microdata" / "responses.csv").open(encoding="utf-8") as handle:
        answers = list(csv.DictReader(handle))
    assert len(answers) == 2_000 and all(a["is_synthetic"] == "True" for a in answers)
