"""A survey's microdata dropped in the inbox, turned into estimates: ``<inbox>/<survey_id>/microdata/`` holds

- ``responses.csv``, ``responses.xlsx`` or ``responses.sav`` (SPSS, read with pyreadstat): one row per responding
  firm with ``respondent_id``, ``stratum``, the raking margins ``sector`` and ``size_class`` (optional), one column
  per question of ``data/surveys/<survey_id>/questionnaire.csv`` (answer codes), and optionally ``is_synthetic``;
- ``frame.csv``: ``stratum, population_n, sample_n`` (firms in the frame and firms drawn, per stratum);
- ``margins.csv`` (optional): ``margin, level, population_n``, the frame's totals to rake to (e.g. sector x size class).

The respondents are validated (unknown strata, frame counts <= 0, strata without respondents, codes outside the
questionnaire: each refused naming file, row and field), weighted and estimated by ``analysis/survey.py``: shares
per answer overall and by sector and size class, with linearised SEs, 95 % intervals, Kish design effects and cells
under 30 respondents suppressed. The estimates become ``raw.survey_estimates`` rows; the respondent rows go to the
warehouse's private schema only. Synthetic microdata (``is_synthetic``) gives estimates labelled synthetic, at a
priority that never displaces a published figure, and kept out of the marts unless METRIC_INCLUDE_SYNTHETIC=1."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from orchestration.config import REPO_ROOT
from orchestration.sources.csv_text import read_csv
from orchestration.sources.errors import SourceDataError
from orchestration.sources.families import parse_number
from orchestration.sources.limits import check_rows, read_limited
from orchestration.sources.provenance import file_fingerprint, with_provenance
from orchestration.sources.survey_definitions import (MICRODATA_FOLDER, SURVEYS_DIR, SurveyDefinition, read_definition,
                                                      survey_ids)

RESPONSE_FILES = ("responses.csv", "responses.xlsx", "responses.sav")
FRAME_FILE, MARGINS_FILE = "frame.csv", "margins.csv"
DOMAINS = ("sector", "size_class")
SYNTHETIC_PRIORITY = 99  # synthetic estimates never displace a published figure of the same key
SUPPRESSED = "Skattningen redovisas inte: färre än {min} svarande (n = {n}). / Not published: fewer than {min} " \
             "respondents (n = {n})."


def _read_responses(path: Path) -> pd.DataFrame:
    payload = read_limited(path)
    if path.suffix.lower() == ".csv":
        header, rows = read_csv(payload, str(path), ("respondent_id", "stratum"))
        frame = pd.DataFrame([rec for _, rec in rows], columns=header)
        frame = frame.replace("", None)
    elif path.suffix.lower() == ".xlsx":
        try:
            frame = pd.read_excel(io.BytesIO(payload), dtype=str, engine="openpyxl")
        except Exception as exc:
            raise SourceDataError(str(path), "not a readable XLSX workbook", f"{type(exc).__name__}: {exc}") from None
        frame = frame.where(frame.notna(), None)
    else:
        import pyreadstat

        try:
            frame, _ = pyreadstat.read_sav(str(path))
        except Exception as exc:
            raise SourceDataError(str(path), "not a readable SPSS .sav file", f"{type(exc).__name__}: {exc}") from None
        frame = frame.astype(object).where(frame.notna(), None)
        frame = frame.map(lambda v: (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                          if v is not None else None)
    for column in ("respondent_id", "stratum"):
        if column not in frame:
            raise SourceDataError(str(path), "missing column", column, row=1, field=column)
    check_rows(str(path), len(frame))
    duplicated = frame["respondent_id"].duplicated()
    if duplicated.any():
        row = int(duplicated.to_numpy().nonzero()[0][0]) + 2
        raise SourceDataError(str(path), "respondent_id must be unique", repr(frame["respondent_id"].iloc[row - 2]),
                              row=row, field="respondent_id")
    return frame


def _read_counts(path: Path, columns: tuple[str, ...], numeric: tuple[str, ...]) -> pd.DataFrame:
    header, rows = read_csv(read_limited(path), str(path), columns)
    records = []
    for row_no, rec in rows:
        for column in numeric:
            rec[column] = parse_number(rec[column], str(path), row_no, column)
        records.append(rec)
    if not records:
        raise SourceDataError(str(path), "file holds no rows", "only a header")
    return pd.DataFrame(records, columns=header)


def _synthetic_flag(responses: pd.DataFrame, file: str) -> bool:
    if "is_synthetic" not in responses:
        return False
    flags = responses["is_synthetic"].astype(str).str.lower().isin(("true", "1"))
    if flags.any() and not flags.all():
        raise SourceDataError(file, "synthetic and real answers must not be mixed in one file", "is_synthetic",
                              field="is_synthetic")
    return bool(flags.all())


def load_microdata_drop(source_id: str, inbox_dir: Path, region: str = "24", surveys_dir: Path = SURVEYS_DIR
                        ) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]] | None:
    """(estimates in the survey_estimates family, respondent rows for the private schema, file fingerprints), or
    None when the source has no microdata drop."""
    from analysis import survey
    from orchestration.sources.families import SURVEY_ESTIMATES

    folder = Path(inbox_dir) / source_id / MICRODATA_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return None
    if source_id not in survey_ids(surveys_dir):
        raise SourceDataError(str(folder), "microdata is read only for a survey defined in data/surveys/",
                              f"{source_id!r} has no questionnaire")
    definition = read_definition(source_id, surveys_dir)
    present = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
    unexpected = sorted(present - {*RESPONSE_FILES, FRAME_FILE, MARGINS_FILE})
    links = sorted(p.name for p in folder.iterdir() if p.is_symlink())
    if unexpected or links:
        raise SourceDataError(str(folder), "only responses.csv/.xlsx/.sav, frame.csv and margins.csv are read "
                              "here (no links)", ", ".join(unexpected + links))
    responses_files = [name for name in RESPONSE_FILES if name in present]
    if len(responses_files) != 1 or FRAME_FILE not in present:
        raise SourceDataError(str(folder), "a microdata drop needs exactly one responses file and frame.csv",
                              f"found {sorted(present)}")
    responses_path = folder / responses_files[0]
    responses = _read_responses(responses_path)
    frame_counts = _read_counts(folder / FRAME_FILE, ("stratum", "population_n", "sample_n"),
                                ("population_n", "sample_n"))
    margins = None
    if MARGINS_FILE in present:
        table = _read_counts(folder / MARGINS_FILE, ("margin", "level", "population_n"), ("population_n",))
        margins = {m: dict(zip(g["level"], g["population_n"])) for m, g in table.groupby("margin")}
    questions = [q for q in definition.codes if q in responses]
    numeric = [q for q in definition.means if q in responses]
    for question in numeric:  # the one numeric grammar; a count per firm is not negative
        for i, text in zip(range(2, len(responses) + 2), responses[question]):
            if text is not None and str(text) != "":
                if parse_number(str(text), str(responses_path), i, question) < 0:
                    raise SourceDataError(str(responses_path), "a numeric answer must not be negative", str(text),
                                          row=i, field=question)
        responses[question] = pd.to_numeric(responses[question].replace("", None))
    totals = {ind: (q, code) for ind, (q, code) in (definition.totals or {}).items() if q in questions}
    try:
        survey.validate(responses, frame_counts, survey.Questionnaire({q: definition.codes[q] for q in questions}),
                        file=str(responses_path), frame_file=str(folder / FRAME_FILE))
        if not questions and not numeric:
            raise survey.SurveyDataError(str(responses_path), "no question of the questionnaire in the file",
                                         ", ".join(sorted(definition.codes)), row=1)
        weighted = survey.weight(responses, frame_counts, margins)
    except survey.SurveyDataError as exc:
        raise SourceDataError(exc.file, exc.rule, exc.detail, row=exc.row, field=exc.field) from None
    synthetic = _synthetic_flag(responses, str(responses_path))
    domains = [d for d in DOMAINS if d in weighted]
    for indicator, (question, code) in totals.items():  # firms giving that answer, as a 0/1 variable to total
        weighted[indicator] = (weighted[question].astype(str) == code).astype(float).where(
            weighted[question].notna())
    citation = _citation(definition, responses_path.name, margins is not None, synthetic)
    units = _catalogue_units()
    estimands = ([(q, "share", "percent", 100.0) for q in questions] + [(q, "mean", units[q], 1.0) for q in numeric]
                 + [(i, "total", "count", 1.0) for i in totals])
    records = []
    for variable, kind, unit, scale in estimands:
        for by in (None, *domains):
            table = survey.estimates(weighted, variable, kind, by=by)
            deff = _design_effects(weighted, variable, by)
            for row in table.itertuples(index=False):
                breakdown = f"base={definition.base}" + (f";answer={getattr(row, variable)}" if kind == "share"
                                                         else "")
                if by:
                    breakdown += f";{by}={getattr(row, by)}"
                n = int(row.n)
                suppressed = bool(row.suppressed)
                records.append({
                    "indicator_id": variable, "region_code": region, "period_start": definition.year,
                    "period_end": definition.year, "breakdown": breakdown,
                    "value": None if suppressed else scale * row.estimate, "value_high": None,
                    "qualifier": "qualitative" if suppressed else "exact", "unit": unit,
                    "base": definition.base_label, "n_respondents": n,
                    "statement": SUPPRESSED.format(min=survey.MIN_CELL, n=n) if suppressed else None,
                    "citation": citation,
                    "se": None if suppressed else scale * row.se,
                    "ci_low": None if suppressed else scale * row.ci_low,
                    "ci_high": None if suppressed else scale * row.ci_high,
                    "design_effect": deff.get(str(getattr(row, by)) if by else None),
                    "flags": ("suppressed" if suppressed else None) if not synthetic else
                    ("synthetic;suppressed" if suppressed else "synthetic"),
                    "is_synthetic": synthetic,
                })
    estimates = pd.DataFrame(records)
    estimates.insert(0, "source_row", range(1, len(estimates) + 1))
    file = f"inbox/{source_id}/{MICRODATA_FOLDER}/{responses_path.name}"
    estimates = with_provenance(
        estimates, source_id=source_id, dataset_id=f"microdata_{source_id}_{definition.year}", source_file=file,
        priority=SYNTHETIC_PRIORITY if synthetic else 0, citation=_citation(definition, responses_path.name,
                                                                          margins is not None, synthetic),
        vintage=f"microdata {definition.year}", retrieved=pd.Timestamp.now("UTC").strftime("%Y-%m-%d"),
        licence="the survey owner's terms: estimates only, microdata never published")
    respondents = weighted.melt(id_vars=["respondent_id", "stratum", "weight"], value_vars=questions + numeric,
                                var_name="question", value_name="answer")
    respondents = respondents.assign(source_id=source_id, is_synthetic=synthetic, _source_file=file,
                                     respondent_id=respondents["respondent_id"].astype(str),
                                     answer=respondents["answer"].astype("string"))
    fingerprints = [file_fingerprint(source_id, f"inbox/{source_id}/{MICRODATA_FOLDER}/{path.name}", SURVEY_ESTIMATES,
                                path.read_bytes(), len(estimates) if path == responses_path else 0,
                                "survey microdata dropped in the inbox (estimates only are kept outside the "
                                "private schema)", f"microdata {definition.year}", definition.name,
                                "the survey owner's terms")
                    for path in sorted(folder.iterdir()) if path.name in present]
    return estimates, respondents[["source_id", "respondent_id", "stratum", "weight", "question", "answer",
                                   "is_synthetic", "_source_file"]], fingerprints


def _catalogue_units() -> dict[str, str]:
    """indicator_id -> unit, from the catalogue (dbt_project/seeds/indicator_catalogue.csv)."""
    with (REPO_ROOT / "dbt_project" / "seeds" / "indicator_catalogue.csv").open(encoding="utf-8", newline="") as f:
        return {row["indicator_id"]: row["unit"] for row in csv.DictReader(f)}


def _design_effects(weighted: pd.DataFrame, question: str, by: str | None) -> dict:
    """Kish's design effect from the weights of the respondents who answered, per domain (None: overall)."""
    from analysis.survey import kish_design_effect

    answered = weighted[weighted[question].notna()]
    if by is None:
        return {None: kish_design_effect(answered["weight"])}
    return {str(level): kish_design_effect(group["weight"]) for level, group in answered.groupby(by)}


def _citation(definition: SurveyDefinition, file: str, raked: bool, synthetic: bool) -> str:
    text = (f"{definition.name}: estimated by METRIC warehouse from the microdata {file} (design weights N_h/n_h "
            f"adjusted for non-response within strata{', raked to the frame margins' if raked else ''}; linearised "
            "standard errors, svy)")
    return ("SYNTHETIC demonstration data, not survey answers. " + text) if synthetic else text


def published_values(survey_id: str, snapshot_dir: Path, surveys_dir: Path = SURVEYS_DIR
                     ) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """({question: {code: published share %}}, {numeric question: published mean}) for the questionnaire's
    questions, from the survey's published-figures files in the snapshot (base = the survey's base); ``other`` gets
    what the published shares leave."""
    from orchestration.sources.figures_csv import parse_figures_csv
    from orchestration.sources.snapshot import read_manifest

    definition = read_definition(survey_id, surveys_dir)
    shares: dict[str, dict[str, float]] = {q: {} for q in definition.codes}
    means: dict[str, float] = {}
    for entry in read_manifest(snapshot_dir):
        if entry.source_id != survey_id or entry.format != "figures_csv":
            continue
        frame = parse_figures_csv((Path(snapshot_dir) / entry.file).read_bytes(), file=entry.file)
        for row in frame[(frame["qualifier"] != "qualitative") & (frame["unit"] == "percent")].itertuples():
            parts = dict(p.split("=", 1) for p in row.breakdown.split(";") if p)
            if row.indicator_id in shares and set(parts) == {"base", "answer"} and parts["base"] == definition.base:
                shares[row.indicator_id][parts["answer"]] = float(row.value)
        for row in frame[frame["indicator_id"].isin(definition.means) & frame["value"].notna()].itertuples():
            if row.breakdown == f"base={definition.base}":
                means[row.indicator_id] = float(row.value)
    for question, codes in definition.codes.items():
        if "other" in codes:
            shares[question]["other"] = max(0.0, 100.0 - sum(shares[question].values()))
    return {q: v for q, v in shares.items() if v}, means


def write_synthetic_drop(folder: Path, snapshot_dir: Path, survey_id: str = "nle", seed: int = 2024,
                         respondents: int = 305, frame_scale: int = 1) -> Path:
    """Write an NLE-shaped synthetic microdata drop (``analysis.survey.synthetic_nle``; every row is_synthetic)
    whose weighted estimates reproduce the survey's published shares within their intervals."""
    from analysis.survey import synthetic_nle

    shares, means = published_values(survey_id, snapshot_dir)
    data, frame = synthetic_nle(shares, means, seed=seed, respondents=respondents, frame_scale=frame_scale)
    folder.mkdir(parents=True, exist_ok=True)
    data.to_csv(folder / "responses.csv", index=False, encoding="utf-8")
    frame.to_csv(folder / FRAME_FILE, index=False, encoding="utf-8")
    return folder


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic NLE microdata drop (labelled is_synthetic).")
    parser.add_argument("folder", type=Path, help="e.g. data/inbox/nle/microdata")
    parser.add_argument("--snapshot", type=Path, default=REPO_ROOT / "data" / "snapshot")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    print(write_synthetic_drop(args.folder, args.snapshot, seed=args.seed))
