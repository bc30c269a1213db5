"""Checks: small named rules over the record model, each yielding problems.

Every rule is a function ``rule(context) -> Iterable[Problem]``; ``RULES`` lists them
all, in one place (no discovery by reflection). A rule's docstring is its
documentation. Rules never raise on incomplete records: what could not be read was
already reported by the reader, and rules skip what they cannot judge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from scoring import model
from scoring.checks import (
    appeals,
    assessments,
    bonuses,
    completeness,
    evidence,
    inspections,
    months,
    organisation,
    ratings,
    services,
    targets,
)
from scoring.checks.context import Context
from scoring.problems import Problem

Rule = Callable[[Context], Iterable[Problem]]

RULES: list[Rule] = [
    *organisation.RULES,
    *months.RULES,
    *targets.RULES,
    *assessments.RULES,
    *inspections.RULES,
    *ratings.RULES,
    *bonuses.RULES,
    *appeals.RULES,
    *completeness.RULES,
    *evidence.RULES,
    *services.RULES,
]


def run_checks(records: model.Records, root: Path) -> list[Problem]:
    context = Context(records, root)
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule(context))
    return problems
