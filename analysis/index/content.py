"""What a dimension must contain before it is scored (seeds/index_requirements): a rule per dimension over the
contents its indicators measure (seeds/index_indicators' ``content``).

A rule lists alternatives separated by ``|``; each is one content (``rd_business``) or ``N of`` several
(``2 of rd_business rd_public rd_higher_education``: at least N of them present). FoU, say, is
``rd_business | 2 of rd_business rd_public rd_higher_education``: business R&D, or two of the three sectors, never
public R&D alone. The rule is read twice: for an edition (does its indicator set hold the content?) and for each
region and year (do its present values?).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Requirement:
    dimension_id: str
    alternatives: tuple[tuple[int, frozenset[str]], ...]
    text: str

    def met(self, present: Iterable[str]) -> bool:
        present = set(present)
        return any(len(contents & present) >= n for n, contents in self.alternatives)

    def met_rows(self, present: np.ndarray, contents: list[str]) -> np.ndarray:
        """Per row of ``present`` (rows x series, booleans), whether the row's present series hold the content;
        ``contents``: each column's content."""
        names = sorted(set(contents))
        has = {c: present[:, [j for j, x in enumerate(contents) if x == c]].any(axis=1) for c in names}
        out = np.zeros(present.shape[0], dtype=bool)
        for n, needed in self.alternatives:
            count = sum((has[c].astype(int) for c in needed if c in has), np.zeros(present.shape[0], dtype=int))
            out |= count >= n
        return out


def parse(dimension_id: str, text: str) -> Requirement:
    """``a | 2 of b c d`` -> Requirement; an unreadable rule names the dimension and the part."""
    alternatives = []
    for part in text.split("|"):
        words = part.split()
        if len(words) >= 3 and words[1] == "of" and words[0].isdigit():
            n, contents = int(words[0]), frozenset(words[2:])
            if not 1 <= n <= len(contents):
                raise ValueError(f"index_requirements, {dimension_id}: '{part.strip()}' asks for {n} of "
                                 f"{len(contents)} contents")
        elif len(words) == 1:
            n, contents = 1, frozenset(words)
        else:
            raise ValueError(f"index_requirements, {dimension_id}: cannot read '{part.strip()}' (write one content "
                             "or 'N of a b c', alternatives separated by '|')")
        alternatives.append((n, contents))
    return Requirement(dimension_id, tuple(alternatives), text.strip())


def requirements(rules: Mapping[str, str]) -> dict[str, Requirement]:
    """``rules``: dimension_id -> its rule text (seeds/index_requirements)."""
    return {d: parse(d, text) for d, text in rules.items()}
