"""Survey estimation for a stratified business survey such as NLE: design weights, non-response adjustment within
strata, raking to frame margins, and shares, means and totals with linearised (Taylor) standard errors and 95 %
intervals, overall and by domain. The variance formulas are the `svy` library's (the maintained successor of the
archived `samplics`; it reproduces R `survey`'s results), not written here. Cells with fewer respondents than
``min_cell`` are suppressed and flagged. No Dagster here.

Inputs:
- microdata: one row per responding firm: ``respondent_id``, ``stratum``, the raking margins (e.g. ``sector``,
  ``size_class``) and one column per question (answer codes);
- frame counts: one row per stratum: ``stratum``, ``population_n`` (firms in the frame, N_h) and ``sample_n``
  (firms drawn, n_h).
Weights: the design weight N_h / n_h, times the response adjustment n_h / r_h (r_h respondents in the stratum), so
the respondents of a stratum represent its N_h firms; then raked to the frame's margins."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

MIN_CELL = 30  # no estimate is published for a cell with fewer respondents


class SurveyDataError(ValueError):
    """Bad survey input, naming the file, row, field and rule."""

    def __init__(self, file: str, rule: str, detail: str = "", row: int | None = None, field: str | None = None):
        where = file + (f", row {row}" if row is not None else "") + (f", field {field!r}" if field else "")
        super().__init__(f"{where}: {rule}" + (f" ({detail})" if detail else ""))
        self.file, self.rule, self.detail, self.row, self.field = file, rule, detail, row, field


@dataclass(frozen=True)
class Questionnaire:
    """The questions and their allowed answer codes."""

    questions: Mapping[str, Sequence[str]]


def validate(microdata: pd.DataFrame, frame_counts: pd.DataFrame, questionnaire: Questionnaire, *,
             file: str = "<microdata>", frame_file: str = "<frame counts>") -> None:
    """Refuse unknown strata, frame counts that are not positive, strata without respondents and answer codes outside
    the questionnaire; rows are numbered as in the file (header = row 1)."""
    for column in ("stratum", "population_n", "sample_n"):
        if column not in frame_counts:
            raise SurveyDataError(frame_file, "missing column", column, row=1, field=column)
    for i, row in enumerate(frame_counts.itertuples(index=False), start=2):
        for column in ("population_n", "sample_n"):
            value = getattr(row, column)
            if not (pd.notna(value) and float(value) > 0):
                raise SurveyDataError(frame_file, "frame counts must be positive (a weight N_h / n_h <= 0 "
                                      "or undefined otherwise)", repr(value), row=i, field=column)
        if row.sample_n > row.population_n:
            raise SurveyDataError(frame_file, "more firms drawn than in the frame", f"{row.sample_n} > "
                                  f"{row.population_n}", row=i, field="sample_n")
    known = set(frame_counts["stratum"].astype(str))
    strata = microdata["stratum"].astype(str)
    for i, value in zip(range(2, len(microdata) + 2), strata):
        if value not in known:
            raise SurveyDataError(file, "unknown stratum (not in the frame counts)", repr(value), row=i,
                                  field="stratum")
    empty = sorted(known - set(strata))
    if empty:
        raise SurveyDataError(frame_file, "stratum with no respondents: its firms cannot be represented",
                              ", ".join(empty), field="stratum")
    for question, codes in questionnaire.questions.items():
        if question not in microdata:
            raise SurveyDataError(file, "question missing from the microdata", question, row=1, field=question)
        allowed = {str(c) for c in codes}
        for i, value in zip(range(2, len(microdata) + 2), microdata[question]):
            if pd.notna(value) and str(value) not in allowed:
                raise SurveyDataError(file, f"answer code outside the questionnaire ({sorted(allowed)})",
                                      repr(value), row=i, field=question)


def kish_design_effect(weights: pd.Series) -> float:
    """Kish's design effect of unequal weights: n sum(w^2) / (sum w)^2 (1 for equal weights)."""
    w = pd.to_numeric(weights, errors="coerce").dropna().to_numpy(dtype=float)
    return float(len(w) * (w ** 2).sum() / w.sum() ** 2) if len(w) else float("nan")


def response_adjusted_weights(microdata: pd.DataFrame, frame_counts: pd.DataFrame) -> pd.Series:
    """N_h / n_h x n_h / r_h = N_h / r_h for each respondent of stratum h."""
    counts = frame_counts.assign(stratum=frame_counts["stratum"].astype(str)).set_index("stratum")
    strata = microdata["stratum"].astype(str)
    respondents = strata.value_counts()
    design = strata.map(counts["population_n"] / counts["sample_n"])
    adjustment = strata.map(counts["sample_n"] / respondents)
    return (design * adjustment).rename("weight")


def _sample(microdata: pd.DataFrame, weight: str, population: str | None):
    import polars as pl
    import svy

    design = svy.Design(stratum="stratum", wgt=weight, pop_size=population) if population else \
        svy.Design(stratum="stratum", wgt=weight)
    return svy.Sample(pl.from_pandas(microdata), design)


def weight(microdata: pd.DataFrame, frame_counts: pd.DataFrame, margins: Mapping[str, Mapping[str, float]] | None
           = None, *, tol: float = 1e-6, max_iter: int = 100) -> pd.DataFrame:
    """The microdata with ``weight`` (response-adjusted design weight, raked to ``margins`` when given: frame totals
    per margin column and level) and ``population_n`` (N_h, for the finite-population correction). Raking that does
    not converge raises."""
    counts = frame_counts.assign(stratum=frame_counts["stratum"].astype(str)).set_index("stratum")
    data = microdata.assign(stratum=microdata["stratum"].astype(str))
    data["base_weight"] = response_adjusted_weights(data, frame_counts).to_numpy()
    data["population_n"] = data["stratum"].map(counts["population_n"]).astype(float)
    if not margins:
        return data.assign(weight=data["base_weight"])
    sample = _sample(data, "base_weight", "population_n")
    try:
        raked = sample.weighting.rake(controls={k: dict(v) for k, v in margins.items()}, wgt_name="weight", tol=tol,
                                      max_iter=max_iter, on_nonconvergence="error")
    except Exception as exc:  # svy names the margin; say what failed here
        raise SurveyDataError("<frame margins>", "raking to the frame margins did not converge",
                              f"{type(exc).__name__}: {exc}") from None
    out = raked.data.to_pandas()
    return out


def estimates(data: pd.DataFrame, variable: str, kind: str, *, by: str | None = None, min_cell: int = MIN_CELL,
              weight_column: str = "weight") -> pd.DataFrame:
    """Estimates of ``variable`` (kind ``share``: one row per answer code; ``mean``; ``total``), overall or by the
    domain column ``by``: estimate, se, ci_low, ci_high (95 %), n (respondents with an answer in the cell) and
    ``suppressed`` (n < min_cell: estimate and interval withheld)."""
    sample = _sample(data, weight_column, "population_n" if "population_n" in data else None)
    method = {"share": sample.estimation.prop, "mean": sample.estimation.mean,
              "total": sample.estimation.total}[kind]
    options = {"ci_method": "wilson"} if kind == "share" else {}
    result = method(variable, by=by, drop_nulls=True, **options).to_polars().to_pandas()
    result = result.rename(columns={"est": "estimate", "lci": "ci_low", "uci": "ci_high"})
    answered = data[data[variable].notna()]
    groups = [by] if by else []
    if kind == "share":
        groups.append(variable)
        result[variable] = result[variable].astype(str)
        answered = answered.assign(**{variable: answered[variable].astype(str)})
    if groups:
        cells = answered.groupby(groups).size().rename("n_cell").reset_index()
        for g in groups:
            result[g] = result[g].astype(str)
            cells[g] = cells[g].astype(str)
        result = result.merge(cells, on=groups, how="left")
    else:
        result["n_cell"] = len(answered)
    # a share's cell is its domain's respondents (the denominator); a mean's or total's, those who answered
    denominators = answered.groupby(by).size() if by else pd.Series({None: len(answered)})
    result["n"] = (result[by].map(denominators.rename(index=str)) if by else len(answered)) if kind == "share" \
        else result["n_cell"]
    result["suppressed"] = result["n"].fillna(0) < min_cell
    for column in ("estimate", "se", "ci_low", "ci_high"):
        result[column] = result[column].where(~result["suppressed"])
    keep = [*groups, "estimate", "se", "ci_low", "ci_high", "n", "suppressed"]
    return result[keep].assign(variable=variable, kind=kind)


# -- demonstration data ------------------------------------------------------------------------------------------

# stratum: (population N_h, firms drawn n_h): N = 4,979 and n = 2,000 as the NLE; the 1,740 of the main sample drawn
# in proportion to N_h (210 + 52 + 1,188 + 290) and the 260 of the oversample in the strength areas (190 + 70). The
# split of the population into strata is invented for the demonstration.
NLE_STRATA = {
    "strength_small": (600, 210 + 190), "strength_large": (150, 52 + 70),
    "other_small": (3400, 1188), "other_large": (829, 290),
}
NLE_SECTORS = {"strength_small": "strength", "strength_large": "strength", "other_small": "other",
               "other_large": "other"}
NLE_SIZES = {"strength_small": "1-9", "strength_large": "10+", "other_small": "1-9", "other_large": "10+"}


def synthetic_nle(shares: Mapping[str, Mapping[str, float]], means: Mapping[str, float] | None = None, *,
                  respondents: int = 305, seed: int = 2024, frame_scale: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NLE-shaped synthetic microdata and frame counts: four strata (strength areas by SNI code and other firms, by
    size class) with the NLE's population (4,979) and sample (2,000, 260 of them the strength-area oversample),
    ``respondents`` answers spread over the strata in proportion to the sample, and for each question in ``shares``
    ({question: {answer code: published share in %}}) answers drawn with those probabilities in every stratum, so
    the weighted estimates reproduce the published shares up to sampling noise; for each question in ``means`` a
    count per firm drawn from a Poisson distribution with the published mean. Every row has is_synthetic = True:
    these are not survey answers and are never published by default. ``frame_scale`` multiplies the frame's
    population and sample (the scale benchmark's 100,000 answers need a larger frame than the NLE's)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame([{"stratum": s, "population_n": n_pop * frame_scale, "sample_n": n_drawn * frame_scale}
                          for s, (n_pop, n_drawn) in NLE_STRATA.items()])
    drawn = frame["sample_n"].to_numpy(dtype=float)
    per_stratum = np.floor(respondents * drawn / drawn.sum()).astype(int)
    per_stratum[np.argmax(drawn)] += respondents - per_stratum.sum()
    rows = []
    for stratum, count in zip(frame["stratum"], per_stratum):
        for _ in range(count):
            rows.append({"stratum": stratum, "sector": NLE_SECTORS[stratum], "size_class": NLE_SIZES[stratum]})
    data = pd.DataFrame(rows)
    for question, answers in shares.items():
        codes = list(answers)
        p = np.array([answers[c] for c in codes], dtype=float)
        data[question] = rng.choice(codes, size=len(data), p=p / p.sum())
    for question, mean in (means or {}).items():
        data[question] = rng.poisson(mean, size=len(data))
    data.insert(0, "respondent_id", [f"synthetic-{i:04d}" for i in range(1, len(data) + 1)])
    data["is_synthetic"] = True
    return data, frame
