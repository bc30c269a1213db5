"""Validation: read the records and run every check; one report value.

``validate(root)`` is what every command starts from: it reads the records folder
once and returns the model with every problem of reading and of the checks, sorted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring import model
from scoring.checks import run_checks
from scoring.checks.context import Context
from scoring.problems import ERROR, WARNING, Problem, count, sorted_problems
from scoring.records import read_records
from scoring.results import Results, assess_all, clean_flags, score
from scoring.sealing import check_seals
from scoring.tracking import problems as tracking_problems


@dataclass
class Validation:
    root: Path
    records: model.Records
    problems: list[Problem]
    results: Results | None = None  # computed when seals had to be checked
    partial: bool = False  # records hold only some months (``scoring.cache``): no results

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
            assert not self.partial, "a cached validation has no results"
            self.results = score(self.records)
        return self.results


def validate(root: Path) -> Validation:
    """Read the records, run every check, recompute sealed months when all else holds,
    and, in a git work tree, check what git tracks under the records (``tracking``)."""
    loaded = read_records(root)
    records = loaded.records
    problems = list(loaded.problems)
    assessed = assess_all(records)  # once: the claim check and the seals' figures share it
    context = Context(records, root, clean=clean_flags(assessed))
    problems.extend(run_checks(records, root, context))
    validation = Validation(root, records, problems)
    sealed = any(month.seal for month in records.months.values())
    if sealed and not any(p.severity == ERROR for p in problems):
        validation.results = score(records, assessed)
        problems.extend(check_seals(root, records, validation.results))
    problems.extend(tracking_problems(root, records.present))
    validation.problems = sorted_problems(problems)
    return validation
