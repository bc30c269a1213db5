"""Rules for targets/DEPT.yaml: who owns the file, items, owners and weights."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from scoring.checks.context import Context
from scoring.checks.rule import MONTH, rule
from scoring.model import add_months, month_of
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
    """Item weights sum to weights.business: above is an error, below a warning while open.

    Judged also when other fields of the file have errors, as long as every item's
    weight could be read.
    """
    if context.org is None:
        return
    for month in context.months():
        business = context.org.weights.in_force(month.month).business
        for sheet in month.targets.values():
            weights = sheet.written_weights()
            if None in weights:
                continue  # an unreadable weight is reported where it stands
            total = sum((weight for weight in weights if weight is not None), Decimal(0))
            if total == business:
                continue
            pos = sheet.pos("items")
            if total < business and month.status in (None, "open"):
                yield warning(pos, "weights-sum", what="targets", total=total, expected=business)
            else:
                yield error(pos, "weights-sum", what="targets", total=total, expected=business)


@rule(MONTH, "deadline-outside-month")
def target_deadlines(context: Context) -> Iterator[Problem]:
    """A target's deadline lies in its month, or in the month after; else a warning.

    A deadline before the month was most likely copied from last month's file: the
    warning suggests the same day in this month. A deadline in the following month is
    allowed: month-end work (a half-year report approved early next month) is assessed
    at the meeting early next month. Not an error: a deadline enters no figure, and a
    closed month cannot be edited.
    """
    for month in context.months():
        first = dt.date(int(month.month[:4]), int(month.month[5:7]), 1)
        following = add_months(month.month, 1)
        for sheet in month.targets.values():
            for item in sheet.items:
                if month.month <= month_of(item.deadline) <= following:
                    continue
                hint = ""
                if item.deadline < first:
                    last_day = calendar.monthrange(first.year, first.month)[1]
                    hint = first.replace(day=min(item.deadline.day, last_day)).isoformat()
                yield warning(
                    item.pos("deadline"),
                    "deadline-outside-month",
                    date=item.deadline,
                    month=month.month,
                    hint=hint,
                )


RULES = [sheet_owner, target_items, target_weights, target_deadlines]
