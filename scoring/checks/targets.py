"""Rules for targets/DEPT.yaml: who owns the file, items, owners and weights."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from scoring.checks.context import Context
from scoring.checks.rule import MONTH, rule
from scoring.problems import Pos, Problem, error, warning


@rule(MONTH, "key-mismatch", "unknown-department")
def sheet_owner(context: Context) -> Iterator[Problem]:
    """A department's files (targets, assessments, bonuses) belong to a department of that month."""
    if context.org is None:
        return
    for month in context.months():
        departments = context.department_ids(month.month)
        for kind in ("targets", "assessments", "bonuses"):
            for stem, sheet in getattr(month, kind).items():
                if stem not in departments:
                    yield error(
                        Pos(sheet.at.path), "unknown-department", department=stem, month=month.month
                    )
                elif sheet.department is not None and sheet.department != stem:
                    yield error(
                        sheet.pos("department"), "key-mismatch", key=sheet.department, stem=stem
                    )


@rule(MONTH, "duplicate-id", "unknown-person")
def target_items(context: Context) -> Iterator[Problem]:
    """Item ids are unique in a file and every owner is a person."""
    for month in context.months():
        for sheet in month.targets.values():
            seen: set[str] = set()
            for item in sheet.items:
                if item.id in seen:
                    yield error(item.pos("id"), "duplicate-id", id=item.id, what="item")
                seen.add(item.id)
                problem = context.unknown_person(item.owner, item.pos("owner"))
                if problem:
                    yield problem


@rule(MONTH, "weights-sum")
def target_weights(context: Context) -> Iterator[Problem]:
    """Item weights sum to weights.business: above is an error, below a warning while open."""
    if context.org is None:
        return
    for month in context.months():
        business = context.org.weights.in_force(month.month).business
        for sheet in month.targets.values():
            if sheet.at.path in context.records.damaged:
                continue
            total = sum((item.weight for item in sheet.items), Decimal(0))
            if total == business:
                continue
            pos = sheet.pos("items")
            if total < business and month.status in (None, "open"):
                yield warning(pos, "weights-sum", what="targets", total=total, expected=business)
            else:
                yield error(pos, "weights-sum", what="targets", total=total, expected=business)


RULES = [sheet_owner, target_items, target_weights]
