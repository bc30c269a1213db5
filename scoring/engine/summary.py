"""What one month folder contributes, computed from its files once and kept.

A month is read, its own rules run (``checks`` of scope month) and its departments and
contracts assessed; what rules and figures across months need of it is kept small in a
``MonthSummary`` (its status and dates, its seal, its claims, the ids an appeal may
name, each department's clean and complete flags, each contract's score), and what
settling its figures needs in ``Standings`` (each department's row before claims and
ranking, each contract's row before its notice). Both are keyed by the month's inputs
(its files and the files outside month folders it rests on), so they stay good for as
long as those bytes do, wherever they come from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from scoring import model
from scoring.checks import MONTH, rules_of, run_rules
from scoring.checks.appeals import subject_items
from scoring.checks.context import Context
from scoring.problems import ERROR, Problem
from scoring.published import service_row, standing_row
from scoring.results.departments import DepartmentMonth, assess_month
from scoring.results.services import ServiceMonth, service_month


@dataclass(frozen=True)
class MonthSummary:
    """What rules and figures across months need of one month folder."""

    key: str
    exists: bool  # whether any of its files is a record (the month is a month of the records)
    problems: tuple[Problem, ...]  # of reading its files and of its own rules
    info: model.MonthInfo | None = None
    seal: model.Seal | None = None
    bonuses: Mapping[str, model.ClaimSheet] = field(default_factory=dict)
    items: Mapping[str, str] = field(default_factory=dict)  # subject path -> ids joined by NUL
    clean: Mapping[str, bool] = field(default_factory=dict)  # department -> clean (§5)
    complete: Mapping[str, bool] = field(default_factory=dict)
    service_scores: Mapping[str, Decimal | None] = field(default_factory=dict)  # before notices

    @property
    def status(self) -> str | None:
        return self.info.status if self.info else None

    def subject_ids(self, path: str) -> frozenset[str] | None:
        joined = self.items.get(path)
        if joined is None:
            return None
        return frozenset(joined.split("\0")) if joined else frozenset()


@dataclass(frozen=True)
class Standing:
    """A department's month before claims and ranking (``results.departments.Standing``)."""

    month: str
    department: str
    complete: bool
    indicator: Decimal | None
    leader: Decimal | None
    deductions: Decimal
    cap: Decimal
    weights: model.Weights | None
    row: Mapping[str, Any]  # ``published.standing_row``


@dataclass(frozen=True)
class Standings:
    """What settling a month's figures needs: departments and contracts before settling."""

    key: str
    departments: tuple[Standing, ...]
    services: tuple[Mapping[str, Any], ...]  # ``published.service_row`` before the notice


def standing(figures: DepartmentMonth) -> Standing:
    return Standing(
        month=figures.month,
        department=figures.department,
        complete=figures.complete,
        indicator=figures.indicator,
        leader=figures.leader,
        deductions=figures.deductions,
        cap=figures.cap,
        weights=figures.weights,
        row=standing_row(figures),
    )


def summarise(
    key: str,
    shared: model.Records,
    month: str,
    found: model.MonthRecords | None,
    read_problems: list[Problem],
) -> tuple[MonthSummary, Standings, tuple[DepartmentMonth, ...]]:
    """Run the month's own rules and assess it; ``shared`` holds the files outside month
    folders (its ``months`` are ignored). Also returns the assessed departments."""
    if found is None:
        return MonthSummary(key, False, tuple(read_problems)), Standings(key, (), ()), ()
    # the month's files that did not read whole: rules judge around what they lost
    damaged = {p.path for p in read_problems if p.severity == ERROR}
    only = replace(shared, months={month: found}, damaged=shared.damaged | damaged)
    context = Context(only)
    problems = read_problems + run_rules(rules_of(MONTH), context)
    standings, departments, services = assess(key, shared, month, found)
    summary = MonthSummary(
        key=key,
        exists=True,
        problems=tuple(problems),
        info=found.info,
        seal=found.seal,
        bonuses=dict(found.bonuses),
        items={path: "\0".join(sorted(ids)) for path, ids in subject_items(found).items()},
        clean={d.department: d.clean for d in departments},
        complete={d.department: d.complete for d in departments},
        service_scores={s.contract: s.score for s in services},
    )
    return summary, standings, departments


def assess(
    key: str, shared: model.Records, month: str, found: model.MonthRecords
) -> tuple[Standings, tuple[DepartmentMonth, ...], tuple[ServiceMonth, ...]]:
    """The month's departments and contracts assessed (before claims, ranks, notices)."""
    only = replace(shared, months={month: found})
    departments = assess_month(only, found)
    services = tuple(
        service_month(found, contract_id, contract)
        for contract_id, contract in sorted(shared.contracts.items())
        if contract.active(month)
    )
    standings = Standings(
        key, tuple(standing(d) for d in departments), tuple(service_row(s) for s in services)
    )
    return standings, departments, services
