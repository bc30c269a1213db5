"""Rules for ratings/PERSON.yaml: leaders of that month, not absent, rating every department."""

from __future__ import annotations

from collections.abc import Iterator

from scoring.checks.context import Context
from scoring.checks.rule import MONTH, rule
from scoring.problems import Pos, Problem, error
from scoring.suggestions import nearest


@rule(MONTH, "absent-but-rated", "key-mismatch", "not-a-leader", "unknown-person")
def raters(context: Context) -> Iterator[Problem]:
    """A ratings file belongs to a leader of that month who is not absent."""
    if context.org is None:
        return
    for month in context.months():
        leaders = set(context.leader_ids(month.month))
        absent = set(month.info.absent) if month.info else set()
        for stem, sheet in month.ratings.items():
            pos = Pos(sheet.at.path)
            if context.person(stem) is None:
                yield error(pos, "unknown-person", person=stem)
            elif stem not in leaders:
                yield error(pos, "not-a-leader", person=stem, month=month.month)
            elif stem in absent:
                yield error(pos, "absent-but-rated", person=stem)
            if sheet.person is not None and sheet.person != stem:
                yield error(sheet.pos("person"), "key-mismatch", key=sheet.person, stem=stem)


@rule(MONTH, "unknown-department", "unrated-department")
def rated_departments(context: Context) -> Iterator[Problem]:
    """A leader rates every department of the month, and only those."""
    if context.org is None:
        return
    for month in context.months():
        departments = context.department_ids(month.month)
        known = set(departments)
        names = {d.id: d.name for d in context.org.departments_in(month.month)}
        for sheet in month.ratings.values():
            if sheet.at.path in context.records.damaged:
                continue
            for department, rating in sheet.scores.items():
                if department not in known:
                    yield error(
                        rating.at,
                        "unknown-department",
                        department=department,
                        month=month.month,
                        hint=nearest(department, names) or "",
                    )
            for department in departments:
                if department not in sheet.scores:
                    yield error(sheet.pos("scores"), "unrated-department", department=department)


RULES = [raters, rated_departments]
