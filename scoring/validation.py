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


@dataclass
class Validation:
    root: Path
    records: model.Records
    problems: list[Problem]

    @property
    def errors(self) -> int:
        return count(self.problems, ERROR)

    @property
    def warnings(self) -> int:
        return count(self.problems, WARNING)

    @property
    def language(self) -> str:
        return self.records.org.language if self.records.org else "en"


def validate(root: Path) -> Validation:
    loaded = read_records(root)
    problems = list(loaded.problems)
    problems.extend(run_checks(loaded.records, root))
    return Validation(root, loaded.records, sorted_problems(problems))
