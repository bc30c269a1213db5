"""Checks: small named rules over the record model, each yielding problems.

Every rule is declared with ``@rule(SCOPE, codes...)`` (``checks.rule``) above a
function ``check(context) -> Iterable[Problem]``; ``REGISTRY`` lists them all, in one
place (no discovery by reflection). A rule's docstring is its documentation, its scope
says what it reads (the engine runs month rules per month and keeps what they found),
its codes are the problems it can raise. Rules never raise on incomplete records: what
could not be read was already reported by the reader, and rules skip what they cannot
judge.
"""

from __future__ import annotations

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
    rewards,
    services,
    targets,
)
from scoring.checks.context import Context
from scoring.checks.rule import CROSS, MONTH, SCOPES, SHARED, Rule
from scoring.problems import Problem

REGISTRY: tuple[Rule, ...] = (
    *organisation.RULES,
    *rewards.RULES,
    *months.RULES,
    *targets.RULES,
    *assessments.RULES,
    *inspections.RULES,
    *ratings.RULES,
    *bonuses.RULES,
    *completeness.RULES,
    *evidence.RULES,
    *services.RULES,
    *appeals.RULES,
)


def rules_of(scope: str) -> list[Rule]:
    """The rules of one scope, in the registry's order."""
    return [found for found in REGISTRY if found.scope == scope]


def run_rules(rules: list[Rule], context: Context) -> list[Problem]:
    problems: list[Problem] = []
    for found in rules:
        problems.extend(found(context))
    return problems


__all__ = ["CROSS", "MONTH", "REGISTRY", "SCOPES", "SHARED", "Rule", "rules_of", "run_rules"]
