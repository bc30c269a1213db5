"""Validation: read the records and run every check; one report value.

``validate(root)`` is what every command starts from: it reads the records folder
once and returns the model with every problem of reading and of the checks, sorted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring import model
from scoring.checks import run_checks
from scoring.problems import ERROR, WARNING, Problem, count, sorted_problems
from scoring.records import read_records
from scoring.results import Results, score
from scoring.sealing import check_seals


@dataclass
class Validation:
    root: Path
    records: model.Records
    problems: list[Problem]
    results: Results | None = None  # computed when seals had to be checked

    @property
    def errors(self) -> int:
        return count(self.problems, ERROR)

    @property
    def warnings(self) -> int:
        return count(self.problems, WARNING)

    @property
    def language(self) -> str:
        return self.records.org.language if self.records.org else "en"

    def scored(self) -> Results:
        """The results of these records (computed once)."""
        if self.results is None:
            self.results = score(self.records)
        return self.results


def validate(root: Path) -> Validation:
    """Read the records, run every check, and recompute sealed months when all else holds."""
    loaded = read_records(root)
    problems = list(loaded.problems)
    problems.extend(run_checks(loaded.records, root))
    validation = Validation(root, loaded.records, problems)
    sealed = any(month.seal for month in loaded.records.months.values())
    if sealed and not any(p.severity == ERROR for p in problems):
        problems.extend(check_seals(root, loaded.records, validation.scored()))
    validation.problems = sorted_problems(problems)
    return validation
