"""Rules for org.yaml's `rewards` (DESIGN.md §11): a coefficient for every grade it meets.

Reading already refuses negative values, more than two decimals and versions out of
order; these rules judge the coefficients against the grade tables.
"""

from __future__ import annotations

from collections.abc import Iterator

from scoring import model
from scoring.checks.context import Context
from scoring.checks.rule import SHARED, rule
from scoring.problems import Problem, error


def covered_months(org: model.Org, months: tuple[str, ...]) -> dict[int, list[str]]:
    """Rewards version (its index) -> the months it covers where a grade table may
    change: the month folders, and the first months of the grade and rewards versions
    (so a version that no month folder reaches yet still meets the table of its `from`)."""
    assert org.rewards is not None
    versions = org.rewards.versions
    candidates = set(months)
    candidates |= {v.start for v in org.grades.versions if v.start is not None}
    candidates |= {v.start for v in versions if v.start is not None}
    if not candidates:
        candidates = {"0000-01"}  # flat grades and rewards, no month yet: any month will do
    covered: dict[int, list[str]] = {index: [] for index in range(len(versions))}
    first = versions[0].start
    for month in sorted(candidates):
        if first is not None and month < first:
            continue  # before the first version: no rewards rule covers it
        version = org.rewards.version_in_force(month)
        covered[next(i for i, v in enumerate(versions) if v is version)].append(month)
    return covered


@rule(SHARED, "rewards-coefficient-missing", "rewards-grade-unknown")
def rewards_coefficients(context: Context) -> Iterator[Problem]:
    """Each rewards version has a coefficient for every grade id of every grade table
    in force in a month it covers, and none for an id no such table has."""
    org = context.org
    if not org or org.rewards is None:
        return
    covered = covered_months(org, context.all_month_names())
    for index, version in enumerate(org.rewards.versions):
        rewards = version.value
        grades: dict[str, str] = {}  # grade id -> the first month its table is in force
        for month in covered[index]:
            for table_grade in org.grades.in_force(month):
                grades.setdefault(table_grade.id, month)
        for grade, month in grades.items():
            if grade not in rewards.coefficients:
                pos = rewards.pos("coefficients")
                yield error(pos, "rewards-coefficient-missing", grade=grade, month=month)
        for grade in rewards.coefficients:
            if grades and grade not in grades:
                pos = rewards.coefficient_at.get(grade, rewards.pos("coefficients"))
                yield error(pos, "rewards-grade-unknown", grade=grade)


RULES = [rewards_coefficients]
