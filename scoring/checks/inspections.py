"""Rules for inspections/YYYY-MM-DD-SLUG.yaml: dates, inspectors, routing, effects, evidence."""

from __future__ import annotations

from collections.abc import Iterator

from scoring import model
from scoring.checks.context import Context
from scoring.checks.rule import MONTH, rule
from scoring.model import month_of
from scoring.problems import Problem, error, warning


@rule(MONTH, "date-outside-month", "inspection-date")
def inspection_date(context: Context) -> Iterator[Problem]:
    """The date lies in the month and equals the file name's date."""
    for month in context.months():
        for stem, inspection in month.inspections.items():
            if month_of(inspection.date) != month.month:
                yield error(
                    inspection.pos("date"),
                    "date-outside-month",
                    date=inspection.date,
                    month=month.month,
                )
            elif stem[:10] != inspection.date.isoformat():
                yield error(
                    inspection.pos("date"), "inspection-date", date=inspection.date, name=stem[:10]
                )


@rule(MONTH, "bad-inspector", "inspector-count", "no-inspector", "unknown-person")
def inspectors(context: Context) -> Iterator[Problem]:
    """Two or three people, all office or inspector, at least one inspector."""
    if context.org is None:
        return
    for month in context.months():
        for inspection in month.inspections.values():
            pos = inspection.pos("inspectors")
            team = inspection.inspectors
            if not 2 <= len(team) <= 3:
                yield error(pos, "inspector-count", count=len(team))
            for person_id in team:
                if context.person(person_id) is None:
                    yield error(pos, "unknown-person", person=person_id)
                elif not context.has_role(person_id, "office", "inspector"):
                    yield error(pos, "bad-inspector", person=person_id)
            if team and not any(context.has_role(p, "inspector") for p in team):
                yield error(pos, "no-inspector")


def route(context: Context, month: str, finding: model.Finding) -> str | None:
    """The department a finding is held against: given, or routed by its kind."""
    if finding.department:
        return finding.department
    return context.routes(month).get(finding.kind) if finding.kind else None


@rule(
    MONTH,
    "duplicate-id",
    "route-conflict",
    "unknown-department",
    "unknown-kind",
    "unrouted-finding",
)
def routing(context: Context) -> Iterator[Problem]:
    """A finding has a department, given or routed by kind; both must agree."""
    if context.org is None:
        return
    for month in context.months():
        routes = context.routes(month.month)
        departments = context.department_ids(month.month)
        for inspection in month.inspections.values():
            seen: set[str] = set()
            for finding in inspection.findings:
                if finding.id in seen:
                    yield error(finding.pos("id"), "duplicate-id", id=finding.id, what="finding")
                seen.add(finding.id)
                routed = routes.get(finding.kind) if finding.kind else None
                if finding.kind and finding.kind not in routes:
                    yield error(finding.pos("kind"), "unknown-kind", kind=finding.kind)
                if finding.department is None and routed is None:
                    if not finding.kind:
                        yield error(finding.at, "unrouted-finding", finding=finding.id)
                    continue
                if finding.department and routed and finding.department != routed:
                    yield error(
                        finding.pos("department"),
                        "route-conflict",
                        department=finding.department,
                        kind=finding.kind,
                        routed=routed,
                    )
                department = finding.department or routed
                if department not in departments:
                    yield error(
                        finding.pos("department"),
                        "unknown-department",
                        department=department,
                        month=month.month,
                    )


@rule(
    MONTH,
    "date-order",
    "deduction-without-evidence",
    "outside-needs-deduction",
    "outside-with-target",
    "target-and-deduction",
    "unknown-target",
)
def effects(context: Context) -> Iterator[Problem]:
    """A finding bears on a target (deduction 0) or deducts directly, never both."""
    for month in context.months():
        target_ids = {stem: {t.id for t in sheet.items} for stem, sheet in month.targets.items()}
        for inspection in month.inspections.values():
            for finding in inspection.findings:
                if finding.target and finding.deduction > 0:
                    yield error(
                        finding.pos("deduction"), "target-and-deduction", finding=finding.id
                    )
                if not finding.in_indicators:
                    if finding.target:
                        yield error(
                            finding.pos("target"), "outside-with-target", finding=finding.id
                        )
                    if finding.deduction <= 0:
                        yield error(
                            finding.pos("in_indicators"),
                            "outside-needs-deduction",
                            finding=finding.id,
                        )
                if finding.target:
                    department = route(context, month.month, finding)
                    if department and finding.target not in target_ids.get(department, ()):
                        path = f"{month.month}/targets/{department}.yaml"
                        if path not in context.records.damaged:
                            yield error(
                                finding.pos("target"),
                                "unknown-target",
                                target=finding.target,
                                department=department,
                            )
                if finding.deduction > 0 and not finding.evidence:
                    yield warning(
                        finding.pos("deduction"), "deduction-without-evidence", finding=finding.id
                    )
                if finding.rectify_by and finding.rectify_by < inspection.date:
                    yield error(
                        finding.pos("rectify_by"), "date-order", later="rectify_by", earlier="date"
                    )
                if finding.rectified_on and finding.rectified_on < inspection.date:
                    yield error(
                        finding.pos("rectified_on"),
                        "date-order",
                        later="rectified_on",
                        earlier="date",
                    )


@rule(MONTH, "evidence-outside", "evidence-path", "missing-evidence")
def finding_evidence(context: Context) -> Iterator[Problem]:
    """Evidence files exist in the month's evidence/ folder and stay inside it."""
    for month in context.months():
        for inspection in month.inspections.values():
            for finding in inspection.findings:
                yield from context.evidence_problems(month, finding.evidence, finding)


RULES = [inspection_date, inspectors, routing, effects, finding_evidence]
