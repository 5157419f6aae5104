"""The surveys METRIC warehouse estimates from microdata: each is defined in ``data/surveys/<survey_id>/`` by
``survey.csv`` (name, year, the base its published shares refer to) and ``questionnaire.csv`` (every question with
its answer codes, or a mean or a total); a survey so defined has a microdata path in the inbox,
``<inbox>/<survey_id>/microdata/`` (read by ``survey_microdata.py``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from orchestration.config import REPO_ROOT

SURVEYS_DIR = REPO_ROOT / "data" / "surveys"
MICRODATA_FOLDER = "microdata"


@dataclass(frozen=True)
class SurveyDefinition:
    survey_id: str
    name: str
    year: int
    base: str
    base_label: str
    codes: dict[str, list[str]]  # share question -> allowed answer codes
    means: tuple[str, ...] = ()  # numeric questions (a count per firm, ...): estimated as means
    totals: dict[str, tuple[str, str]] | None = None  # indicator -> (question, code): firms giving that answer


def survey_ids(surveys_dir: Path = SURVEYS_DIR) -> set[str]:
    """The surveys with a definition (and so a microdata path)."""
    return {p.parent.name for p in Path(surveys_dir).glob("*/questionnaire.csv")}


def read_definition(survey_id: str, surveys_dir: Path = SURVEYS_DIR) -> SurveyDefinition:
    folder = Path(surveys_dir) / survey_id
    with (folder / "survey.csv").open(encoding="utf-8", newline="") as handle:
        about = next(csv.DictReader(handle))
    codes: dict[str, list[str]] = {}
    means, totals = [], {}
    with (folder / "questionnaire.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] == "share":
                codes.setdefault(row["question"], []).append(row["code"])
            elif row["kind"] == "mean":
                means.append(row["question"])
            elif row["kind"] == "total":
                question, code = row["code"].split("=", 1)
                totals[row["question"]] = (question, code)
            else:
                raise ValueError(f"{folder / 'questionnaire.csv'}: kind must be share, mean or total, got "
                                 f"{row['kind']!r}")
    return SurveyDefinition(survey_id, about["survey_name"], int(about["year"]), about["base"], about["base_label"],
                            codes, tuple(means), totals)
