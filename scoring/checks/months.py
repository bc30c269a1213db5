"""Rules for each month's month.yaml: lifecycle dates, overseers, absences, the seal."""

from __future__ import annotations

from collections.abc import Iterator

from scoring.checks.context import PUBLISHED, Context
from scoring.checks.rule import MONTH, rule
from scoring.model import month_of
from scoring.problems import Pos, Problem, error


@rule(MONTH, "missing-file")
def month_file(context: Context) -> Iterator[Problem]:
    """Every month folder has a month.yaml."""
    for month in context.months():
        path = f"{month.month}/month.yaml"
        if path not in context.records.present:
            yield error(Pos(path), "missing-file")


@rule(
    MONTH,
    "closed-date",
    "closed-too-early",
    "date-before-month",
    "date-order",
    "published-date",
    "published-too-early",
)
def lifecycle_dates(context: Context) -> Iterator[Problem]:
    """`published` is set from published on, `closed` when closed; dates run in order."""
    for month in context.months():
        info = month.info
        if info is None:
            continue
        if info.status in PUBLISHED and info.published is None:
            yield error(info.pos("status"), "published-date", status=info.status)
        if info.status == "closed" and info.closed is None:
            yield error(info.pos("status"), "closed-date")
        if info.status not in PUBLISHED and info.published is not None:
            yield error(info.pos("published"), "published-too-early", status=info.status)
        if info.status != "closed" and info.closed is not None:
            yield error(info.pos("closed"), "closed-too-early", status=info.status)
        for name, day in (("meeting", info.meeting), ("published", info.published)):
            if day is not None and month_of(day) < month.month:
                yield error(info.pos(name), "date-before-month", date=day, month=month.month)
        if info.meeting and info.published and info.published < info.meeting:
            yield error(info.pos("published"), "date-order", later="published", earlier="meeting")
        if info.published and info.closed and info.closed < info.published:
            yield error(info.pos("closed"), "date-order", later="closed", earlier="published")


@rule(MONTH, "bad-overseer", "unknown-person")
def overseers(context: Context) -> Iterator[Problem]:
    """Overseers are people with role leader or head who exist that month."""
    for month in context.months():
        info = month.info
        if info is None or context.org is None:
            continue
        for person_id in info.overseers:
            person = context.person(person_id)
            if person is None:
                yield error(info.pos("overseers"), "unknown-person", person=person_id)
            elif not context.has_role(person_id, "leader", "head") or not person.active(
                month.month
            ):
                yield error(info.pos("overseers"), "bad-overseer", person=person_id)


@rule(MONTH, "absent-not-leader", "all-absent")
def absences(context: Context) -> Iterator[Problem]:
    """Only leaders of that month can be absent; a month with every leader absent cannot be published."""
    for month in context.months():
        info = month.info
        if info is None or context.org is None:
            continue
        leaders = set(context.leader_ids(month.month))
        absent = set(info.absent)
        for person_id in info.absent:
            if person_id not in leaders:
                yield error(info.pos("absent"), "absent-not-leader", person=person_id)
        if info.status in PUBLISHED and leaders and leaders <= absent:
            yield error(info.pos("absent"), "all-absent")


@rule(MONTH, "seal-missing")
def seal_missing(context: Context) -> Iterator[Problem]:
    """A closed month is sealed (a warning: an imported archive may have no seals)."""
    for month in context.months():
        path = f"{month.month}/seal.yaml"
        if month.status == "closed" and path not in context.records.present:
            yield context.warn(Pos(path), "seal-missing", month=month.month)


RULES = [month_file, lifecycle_dates, overseers, absences, seal_missing]
