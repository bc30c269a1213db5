"""Completeness (DESIGN.md §4): from `published` on, every department's month is complete."""

from __future__ import annotations

from collections.abc import Iterator

from scoring.checks.context import Context
from scoring.checks.rule import MONTH, rule
from scoring.problems import Pos, Problem, error


@rule(MONTH, "missing-record")
def complete_from_published(context: Context) -> Iterator[Problem]:
    """A published or closed month has targets, an assessment and every due rating."""
    if context.org is None:
        return
    present = context.records.present
    for month in context.months():
        if not context.is_published(month):
            continue
        absent = set(month.info.absent) if month.info else set()
        leaders = [p for p in context.leader_ids(month.month) if p not in absent]
        for department in context.department_ids(month.month):
            for kind in ("targets", "assessments"):
                path = f"{month.month}/{kind}/{department}.yaml"
                if path not in present:
                    yield error(Pos(path), "missing-record", who=department, status=month.status)
        for leader in leaders:
            path = f"{month.month}/ratings/{leader}.yaml"
            if path not in present:
                yield error(Pos(path), "missing-record", who=leader, status=month.status)


@rule(MONTH, "missing-record", "not-assessed")
def services_complete(context: Context) -> Iterator[Problem]:
    """From `published` on, every contract covering the month has its checks file, assessed."""
    for month in context.months():
        if not context.is_published(month):
            continue
        for contract_id, contract in context.records.contracts.items():
            if not contract.active(month.month):
                continue
            path = f"{month.month}/services/{contract_id}.yaml"
            sheet = month.services.get(contract_id)
            if path not in context.records.present:
                yield error(Pos(path), "missing-record", who=contract_id, status=month.status)
            elif sheet is not None and sheet.assessed is None:
                yield error(sheet.at, "not-assessed", contract=contract_id, status=month.status)


RULES = [complete_from_published, services_complete]
