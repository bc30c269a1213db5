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

# What a rule reads decides its list (the validation cache, ``scoring.cache``, relies on it):
SHARED_RULES: list[Rule] = [  # the files outside month folders and the months' names
    *organisation.RULES,
    services.contract_terms,
]
MONTH_RULES: list[Rule] = [  # the shared files and one month folder, for each month
    *months.RULES,
    *targets.RULES,
    *assessments.RULES,
    *inspections.RULES,
    *ratings.RULES,
    bonuses.claims,
    bonuses.claim_evidence,
    *completeness.RULES,
    *evidence.RULES,
    services.service_months,
    services.service_checks,
]
CROSS_RULES: list[Rule] = [  # across months: through the context's clean flags and subject items
    *appeals.RULES,
    bonuses.approved_claims_valid,
]
RULES: list[Rule] = [*SHARED_RULES, *MONTH_RULES, *CROSS_RULES]


def run_rules(rules: list[Rule], context: Context) -> list[Problem]:
    problems: list[Problem] = []
    for rule in rules:
        problems.extend(rule(context))
    return problems


def run_checks(records: model.Records, root: Path, context: Context | None = None) -> list[Problem]:
    return run_rules(RULES, context or Context(records, root))
