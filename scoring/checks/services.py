"""Rules for outsourced services (DESIGN.md §9): contracts and each month's checks."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from scoring.checks.context import Context
from scoring.checks.rule import MONTH, SHARED, rule
from scoring.model import month_of
from scoring.problems import Pos, Problem, error, warning
from scoring.suggestions import nearest

HUNDRED = Decimal(100)


@rule(
    SHARED,
    "bad-period",
    "checklist-sum",
    "duplicate-id",
    "out-of-range",
    "payment-bands-lowest",
    "payment-bands-order",
    "payment-share-rises",
    "unknown-department",
)
def contract_terms(context: Context) -> Iterator[Problem]:
    """Checklist maxima sum to 100; bands fall to `min: 0` with shares that never rise."""
    for contract_id, contract in context.records.contracts.items():
        if contract.start > contract.end:
            yield error(contract.pos("end"), "bad-period", start=contract.start, end=contract.end)
        if context.org and context.org.department(contract.department) is None:
            yield error(
                contract.pos("department"),
                "unknown-department",
                department=contract.department,
                month="",
            )
        seen: set[str] = set()
        for item in contract.checklist:
            if item.id in seen:
                yield error(item.pos("id"), "duplicate-id", id=item.id, what="checklist item")
            seen.add(item.id)
        total = sum((item.max for item in contract.checklist), Decimal(0))
        if total != HUNDRED:
            yield error(contract.pos("checklist"), "checklist-sum", total=total)
        bands = contract.payment
        for higher, lower in zip(bands, bands[1:], strict=False):
            if lower.min >= higher.min:
                yield error(lower.pos("min"), "payment-bands-order")
            if lower.share > higher.share:
                yield error(lower.pos("share"), "payment-share-rises")
        if bands and bands[-1].min != 0:
            yield error(bands[-1].pos("min"), "payment-bands-lowest")
        if contract.notice and contract.notice.below > HUNDRED:
            yield error(
                contract.notice.pos("below"),
                "out-of-range",
                value=contract.notice.below,
                bound="<= 100",
            )
        del contract_id


@rule(
    MONTH,
    "assessor-required",
    "bad-assessor",
    "outside-contract",
    "unknown-contract",
    "unknown-person",
)
def service_months(context: Context) -> Iterator[Problem]:
    """A month's checks file belongs to a contract whose period covers the month."""
    for month in context.months():
        for contract_id, sheet in month.services.items():
            contract = context.records.contracts.get(contract_id)
            if contract is None:
                yield error(Pos(sheet.at.path), "unknown-contract", contract=contract_id)
            elif not contract.active(month.month):
                yield error(
                    Pos(sheet.at.path),
                    "outside-contract",
                    contract=contract_id,
                    start=contract.start,
                    end=contract.end,
                )
            if sheet.assessor is not None:
                problem = context.unknown_person(sheet.assessor, sheet.pos("assessor"))
                if problem:
                    yield problem
                elif not context.has_role(sheet.assessor, "office", "inspector"):
                    yield error(sheet.pos("assessor"), "bad-assessor", person=sheet.assessor)
            if sheet.assessed is not None and sheet.assessor is None:
                yield error(sheet.pos("assessed"), "assessor-required")


@rule(
    MONTH,
    "check-by-office",
    "check-by-provider",
    "check-by-required",
    "date-outside-month",
    "duplicate-id",
    "evidence-outside",
    "evidence-path",
    "missing-evidence",
    "points-above-max",
    "points-without-evidence",
    "rectify-by-required",
    "unknown-checklist-item",
    "unknown-person",
)
def service_checks(context: Context) -> Iterator[Problem]:
    """Checks name a checklist item, stay within its max, date in the month, signed as the level needs."""
    for month in context.months():
        for contract_id, sheet in month.services.items():
            contract = context.records.contracts.get(contract_id)
            items = {item.id: item.max for item in contract.checklist} if contract else {}
            seen: set[str] = set()
            for check in sheet.checks:
                if check.id in seen:
                    yield error(check.pos("id"), "duplicate-id", id=check.id, what="check")
                seen.add(check.id)
                if contract and check.item not in items:
                    names = {item.id: item.name for item in contract.checklist}
                    yield error(
                        check.pos("item"),
                        "unknown-checklist-item",
                        item=check.item,
                        contract=contract_id,
                        hint=nearest(check.item, names) or "",
                    )
                elif contract and check.points > items[check.item]:
                    yield error(
                        check.pos("points"),
                        "points-above-max",
                        item=check.item,
                        points=check.points,
                        maximum=items[check.item],
                    )
                if month_of(check.date) != month.month:
                    yield error(
                        check.pos("date"), "date-outside-month", date=check.date, month=month.month
                    )
                yield from _signatures(context, check)
                if check.level == "provider" and check.rectify_by is None:
                    yield error(check.at, "rectify-by-required", check=check.id)
                if check.level != "provider" and not check.evidence:
                    yield warning(check.pos("points"), "points-without-evidence", check=check.id)
                yield from context.evidence_problems(month, check.evidence, check)


def _signatures(context: Context, check) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    if check.level == "provider":
        if check.by:
            yield error(check.pos("by"), "check-by-provider", check=check.id)
        return
    if not check.by:
        yield error(check.at, "check-by-required", check=check.id, level=f"{check.level}-level")
        return
    for person_id in check.by:
        problem = context.unknown_person(person_id, check.pos("by"))
        if problem:
            yield problem
    if check.level == "office" and not any(
        context.has_role(p, "office", "inspector") for p in check.by
    ):
        yield error(check.pos("by"), "check-by-office", check=check.id)


RULES = [contract_terms, service_months, service_checks]
