"""Rules for appeals/YYYY-NNN.yaml: party, subject, filing window, review, decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from scoring import model
from scoring.checks.context import Context
from scoring.checks.rule import CROSS, rule
from scoring.formats import kind_of
from scoring.problems import Problem, error

_WHOLE_TREE_KINDS = ("org", "indicators", "bonus-rules", "routine", "appeals", "contract")


def subject_items(month: model.MonthRecords) -> dict[str, frozenset[str]]:
    """Path -> the ids ``#item`` may name, for every sheet of ``month`` that has items."""
    m = month.month
    items: dict[str, frozenset[str]] = {}
    for stem, targets in month.targets.items():
        items[f"{m}/targets/{stem}.yaml"] = frozenset(item.id for item in targets.items)
    for stem, sheet in month.assessments.items():
        items[f"{m}/assessments/{stem}.yaml"] = frozenset(sheet.items) | frozenset(sheet.public)
    for stem, inspection in month.inspections.items():
        found = frozenset(finding.id for finding in inspection.findings)
        items[f"{m}/inspections/{stem}.yaml"] = found
    for stem, claims in month.bonuses.items():
        items[f"{m}/bonuses/{stem}.yaml"] = frozenset(claim.id for claim in claims.claims)
    for stem, checks in month.services.items():
        items[f"{m}/services/{stem}.yaml"] = frozenset(check.id for check in checks.checks)
    return items


def _items_of(context: Context, path: str) -> frozenset[str] | None:
    """The ids `#item` may name in the record at ``path``; None when unknown."""
    if context.items is not None:
        return context.items.get(path)
    found = kind_of(path)
    month = context.records.months.get(found[1][0]) if found and found[1] else None
    return subject_items(month).get(path) if month else None


@rule(CROSS, "appeal-party", "unknown-contract", "unknown-department")
def appeal_party(context: Context) -> Iterator[Problem]:
    """An appeal names a department or a contract (not both) that exists."""
    for appeal in context.records.appeals.values():
        if bool(appeal.department) == bool(appeal.contract):
            yield error(appeal.at, "appeal-party")
            continue
        if appeal.department and context.org and context.org.department(appeal.department) is None:
            yield error(
                appeal.pos("department"),
                "unknown-department",
                department=appeal.department,
                month=appeal.month,
            )
        if appeal.contract and appeal.contract not in context.records.contracts:
            yield error(appeal.pos("contract"), "unknown-contract", contract=appeal.contract)


@rule(CROSS, "subject-month", "unknown-subject", "unknown-subject-item")
def appeal_subject(context: Context) -> Iterator[Problem]:
    """The subject is a record of the appeal's month; `#item` names an item of it."""
    for appeal in context.records.appeals.values():
        path, _, item = appeal.subject.partition("#")
        pos = appeal.pos("subject")
        if ".." in path.split("/") or path.startswith("/") or path not in context.records.present:
            yield error(pos, "unknown-subject", subject=path)
            continue
        found = kind_of(path)
        in_a_month = found is not None and found[0] not in _WHOLE_TREE_KINDS
        if in_a_month and not path.startswith(appeal.month + "/"):
            yield error(pos, "subject-month", subject=path, month=appeal.month)
        if item:
            items = _items_of(context, path)
            if items is not None and item not in items:
                yield error(pos, "unknown-subject-item", item=item, subject=path)


def filing_start(appeal: model.Appeal, records: model.Records) -> tuple[str, dt.date] | None:
    """What an appeal's window runs from: (``published`` or the reviewed appeal's id, date).

    An appeal's window opens on its month's publication; a review's (``review_of``) on
    the decision of the appeal it revisits. None when that date is not there (another
    rule reports why).
    """
    if appeal.review_of is not None:
        earlier = records.appeals.get(appeal.review_of)
        if earlier is None or earlier.decided is None:
            return None
        return appeal.review_of, earlier.decided
    month = records.months.get(appeal.month)
    if month is None or month.info is None or month.info.published is None:
        return None
    return "published", month.info.published


@rule(
    CROSS,
    "appeal-out-of-time",
    "appeal-unpublished",
    "appeal-year",
    "review-out-of-time",
    "unknown-month",
)
def appeal_window(context: Context) -> Iterator[Problem]:
    """An appeal is filed within window_days after its month's publication (a review:
    after the decision it revisits); the file name has the year filed."""
    for stem, appeal in context.records.appeals.items():
        if stem[:4] != f"{appeal.filed.year:04d}":
            yield error(appeal.pos("filed"), "appeal-year", year=stem[:4], filed=appeal.filed)
        month = context.records.months.get(appeal.month)
        if month is None:
            yield error(appeal.pos("month"), "unknown-month", month=appeal.month)
            continue
        if month.info is None or month.info.published is None:
            yield error(appeal.pos("month"), "appeal-unpublished", month=appeal.month)
            continue
        start = filing_start(appeal, context.records)
        if start is None:
            continue
        window = context.org.appeals.in_force(appeal.month).window_days if context.org else 0
        days = (appeal.filed - start[1]).days
        if 0 <= days <= window:
            continue
        if appeal.review_of is None:
            yield error(
                appeal.pos("filed"),
                "appeal-out-of-time",
                filed=appeal.filed,
                published=start[1],
                window=window,
            )
        else:
            yield error(
                appeal.pos("filed"),
                "review-out-of-time",
                filed=appeal.filed,
                appeal=appeal.review_of,
                decided=start[1],
                window=window,
            )


REVIEW_KEEPS = ("department", "contract", "month", "subject")


@rule(CROSS, "review-differs", "review-undecided", "review-unknown")
def appeal_review(context: Context) -> Iterator[Problem]:
    """A review names a decided appeal and keeps its party, month and subject."""
    for stem, appeal in context.records.appeals.items():
        if appeal.review_of is None:
            continue
        pos = appeal.pos("review_of")
        earlier = context.records.appeals.get(appeal.review_of)
        if earlier is None or appeal.review_of == stem:
            yield error(pos, "review-unknown", appeal=appeal.review_of)
            continue
        if earlier.status == "pending":
            yield error(pos, "review-undecided", appeal=appeal.review_of)
        for name in REVIEW_KEEPS:
            if getattr(appeal, name) != getattr(earlier, name):
                yield error(
                    appeal.pos(name) if name in appeal.where else pos,
                    "review-differs",
                    field=name,
                    appeal=appeal.review_of,
                )


@rule(CROSS, "date-order", "decided-required", "decision-required", "pending-decided")
def appeal_decision(context: Context) -> Iterator[Problem]:
    """A decided appeal has its decision and date; a pending one has neither."""
    for appeal in context.records.appeals.values():
        if appeal.status == "pending":
            if appeal.decided is not None:
                yield error(appeal.pos("decided"), "pending-decided")
            continue
        if appeal.decided is None:
            yield error(appeal.pos("status"), "decided-required", status=appeal.status)
        elif appeal.decided < appeal.filed:
            yield error(appeal.pos("decided"), "date-order", later="decided", earlier="filed")
        if appeal.status != "withdrawn" and not appeal.decision:
            yield error(appeal.pos("status"), "decision-required", status=appeal.status)


RULES = [appeal_party, appeal_subject, appeal_window, appeal_review, appeal_decision]
