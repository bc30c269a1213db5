"""Outsourced service contracts (DESIGN.md §9): a contract's month and its payment.

For contract c in month m (a month folder exists and m lies in c's period): each
check weighs its points times the factor of its level, except that a provider-level
check not fixed by its ``rectify_by`` weighs with the department factor; an item
loses at most its max; deductions are the rounded sum of what the items lost; the
score is 100 − deductions; the payment band of the score gives the share of the fee
paid. A rectification notice is due after ``notice.months`` consecutive complete
months below ``notice.below``. The contract is complete for the month when its
checks file exists and has ``assessed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from scoring import model
from scoring.results.figures import ZERO, round2

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class CheckWeight:
    """One check: its points, the factor applied and what it weighs."""

    check: model.ServiceCheck
    factor: Decimal
    weight: Decimal  # points × factor
    late: bool  # a provider-level check not fixed in time, weighed with the department factor


@dataclass(frozen=True)
class ItemLoss:
    """One checklist item: its checks and the points it lost (at most its max)."""

    item: model.ChecklistItem
    checks: tuple[CheckWeight, ...]
    weighed: Decimal  # sum of the checks' weights
    lost: Decimal  # min(max, weighed)

    @property
    def clamped(self) -> bool:
        return self.weighed > self.item.max


@dataclass(frozen=True)
class ServiceMonth:
    """Contract ``contract`` in ``month``: the figures of §9 and their operands."""

    month: str
    contract: str
    name: str
    provider: str
    department: str
    complete: bool
    deductions: Decimal | None
    score: Decimal | None
    share: Decimal | None
    fee: Decimal
    payable: Decimal | None
    withheld: Decimal | None
    notice: bool
    missing: tuple[str, ...]
    # the operands
    items: tuple[ItemLoss, ...]
    band: model.PaymentBand | None
    terms: model.Contract
    notice_months: tuple[str, ...]  # the months the notice rule looked at
    assessor: str | None
    assessed: dt.date | None  # the date the month's evaluation was signed off


def check_weight(check: model.ServiceCheck, factors: model.Factors) -> CheckWeight:
    """points × factor; a provider's own finding counts only when fixed by its deadline."""
    late = check.level == "provider" and (
        check.rectified_on is None
        or check.rectify_by is None
        or check.rectified_on > check.rectify_by
    )
    factor = factors.department if late else factors.of(check.level)
    return CheckWeight(check, factor, check.points * factor, late)


def item_losses(contract: model.Contract, sheet: model.ServiceMonth | None) -> tuple[ItemLoss, ...]:
    checks = sheet.checks if sheet else ()
    losses = []
    for item in contract.checklist:
        weights = tuple(check_weight(c, contract.factors) for c in checks if c.item == item.id)
        weighed = sum((w.weight for w in weights), ZERO)
        losses.append(ItemLoss(item, weights, weighed, min(item.max, weighed)))
    return tuple(losses)


def payment_band(contract: model.Contract, score: Decimal) -> model.PaymentBand | None:
    """The first band (highest ``min`` first) whose ``min`` <= score."""
    return next((band for band in contract.payment if band.min <= score), None)


def service_month(month: model.MonthRecords, key: str, contract: model.Contract) -> ServiceMonth:
    sheet = month.services.get(key)
    path = f"{month.month}/services/{key}.yaml"
    complete = sheet is not None and sheet.assessed is not None
    missing = () if complete else (path if sheet is None else f"{path}#assessed",)
    items = item_losses(contract, sheet)
    deductions = score = share = payable = withheld = None
    band = None
    if complete:
        deductions = round2(sum((loss.lost for loss in items), ZERO))
        score = HUNDRED - deductions
        band = payment_band(contract, score)
        if band is not None:
            share = band.share
            payable = round2(contract.monthly_fee * share)
            withheld = contract.monthly_fee - payable
    return ServiceMonth(
        month=month.month,
        contract=key,
        name=contract.name,
        provider=contract.provider,
        department=contract.department,
        complete=complete,
        deductions=deductions,
        score=score,
        share=share,
        fee=contract.monthly_fee,
        payable=payable,
        withheld=withheld,
        notice=False,
        missing=missing,
        items=items,
        band=band,
        terms=contract,
        notice_months=(),
        assessor=sheet.assessor if sheet else None,
        assessed=sheet.assessed if sheet else None,
    )


def notice_due(
    contract: model.Contract,
    key: str,
    month: str,
    scores: Mapping[tuple[str, str], Decimal | None],
) -> tuple[bool, tuple[str, ...]]:
    """Whether the contract's rectification notice is due in ``month`` (§9), and the
    months it looks at; ``scores``: (contract, month) -> score of a complete month."""
    notice = contract.notice
    if notice is None:
        return False, ()
    window = tuple(model.add_months(month, offset) for offset in range(1 - notice.months, 1))
    due = all(
        contract.active(m) and (score := scores.get((key, m))) is not None and score < notice.below
        for m in window
    )
    return due, window


def with_notice(
    figures: ServiceMonth, scores: Mapping[tuple[str, str], Decimal | None]
) -> ServiceMonth:
    if figures.terms.notice is None:
        return figures
    due, window = notice_due(figures.terms, figures.contract, figures.month, scores)
    return replace(figures, notice=due, notice_months=window)


def score_services(records: model.Records) -> dict[str, tuple[ServiceMonth, ...]]:
    """Month -> the contracts whose period covers it, by contract id."""
    raw = {
        m: tuple(
            service_month(records.months[m], key, contract)
            for key, contract in sorted(records.contracts.items())
            if contract.active(m)
        )
        for m in sorted(records.months)
    }
    scores = {(s.contract, s.month): s.score for month in raw.values() for s in month}
    return {m: tuple(with_notice(s, scores) for s in month) for m, month in raw.items()}
