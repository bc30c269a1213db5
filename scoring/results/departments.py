"""A department's month (DESIGN.md §5): every figure, with the operands it came from.

Scoring a month runs in two steps. ``assess_month`` reads what the records say about
each department that exists that month: its target items and public indicators with
their marks, the leaders' ratings (absent leaders left out, trimming applied), the
findings routed to it, completeness and what is missing, and whether the month is
clean. ``settle_month`` then adds what depends on the bonus claims and on the other
departments: bonus, total, rank and grade. Nothing here prints or raises on records
with errors; a figure that cannot be had is ``None``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from scoring import model
from scoring.problems import Pos
from scoring.results.claims import ClaimVerdict
from scoring.results.figures import (
    ZERO,
    award_grades,
    competition_ranks,
    mean,
    round2,
    trimmed_indices,
)


@dataclass(frozen=True)
class ItemScore:
    """One target item or public indicator: its full marks and the office's mark."""

    id: str
    name: str
    full: Decimal | None  # the item's weight or the indicator's max
    score: Decimal | None  # None until the assessment scores it
    reason: str | None
    at: Pos  # the mark in the assessment, or the item itself when unscored
    defined_at: Pos  # the target item or the public indicator

    @property
    def at_full_marks(self) -> bool:
        return self.score is not None and self.full is not None and self.score == self.full


@dataclass(frozen=True)
class LeaderRating:
    """One leader's rating of the department; ``trimmed`` when trimming dropped it."""

    person: str
    score: Decimal
    comment: str | None
    trimmed: bool
    at: Pos


@dataclass(frozen=True)
class FindingCharge:
    """A finding of the month routed to the department, with the points it deducts."""

    finding: model.Finding
    inspection: str  # the inspection file's stem (YYYY-MM-DD-slug)
    path: str  # the inspection file, relative to records/
    date: dt.date
    routed: bool  # the department came from the finding's kind (a boundary rule)
    deduction: Decimal  # direct deduction; 0 for a finding on a target or a notice


@dataclass(frozen=True)
class DepartmentMonth:
    """Department ``department`` in ``month``: the figures of §5 and their operands."""

    month: str
    department: str
    name: str
    complete: bool
    business: Decimal | None
    public: Decimal | None
    indicator: Decimal | None
    leader: Decimal | None
    deductions: Decimal
    bonus: Decimal
    total: Decimal | None
    grade: str | None
    rank: int | None
    missing: tuple[str, ...]
    # the operands
    targets: tuple[ItemScore, ...]
    public_items: tuple[ItemScore, ...]
    ratings: tuple[LeaderRating, ...]  # the leaders not absent who rated, in org.yaml order
    absent: tuple[str, ...]  # leaders of the month listed absent
    trim: bool  # trimming was configured and applied (five or more ratings)
    findings: tuple[FindingCharge, ...]
    claims: tuple[ClaimVerdict, ...]
    claimed: Decimal  # points of the counted claims before the cap
    cap: Decimal
    weights: model.Weights | None
    weighted: Decimal | None  # the weighted sum before rounding and the floor at 0
    refused: tuple[str, ...]  # grades reached by `min` that a quota refused
    clean: bool  # complete and no point lost (§5)
    streak: int  # consecutive clean months ending with this one


def sheet_path(month: str, folder: str, stem: str) -> str:
    return f"{month}/{folder}/{stem}.yaml"


def _target_scores(
    sheet: model.TargetSheet | None, assessment: model.Assessment | None
) -> tuple[ItemScore, ...]:
    if sheet is None:
        return ()
    marks = assessment.items if assessment else {}
    scores = []
    for item in sheet.items:
        mark = marks.get(item.id)
        scores.append(
            ItemScore(
                id=item.id,
                name=item.title,
                full=item.weight,
                score=mark.score if mark else None,
                reason=mark.reason if mark else None,
                at=mark.at if mark else item.at,
                defined_at=item.at,
            )
        )
    return tuple(scores)


def _public_scores(
    records: model.Records, month: str, assessment: model.Assessment | None
) -> tuple[ItemScore, ...]:
    marks = assessment.public if assessment else {}
    if records.indicators is None:  # unreadable indicators.yaml: keep the marks, no maxima
        return tuple(
            ItemScore(key, key, None, mark.score, mark.reason, mark.at, mark.at)
            for key, mark in marks.items()
        )
    scores = []
    for indicator in records.indicators.public.in_force(month):
        mark = marks.get(indicator.id)
        scores.append(
            ItemScore(
                id=indicator.id,
                name=indicator.name,
                full=indicator.max,
                score=mark.score if mark else None,
                reason=mark.reason if mark else None,
                at=mark.at if mark else indicator.at,
                defined_at=indicator.at,
            )
        )
    return tuple(scores)


def _sum_scores(items: tuple[ItemScore, ...]) -> Decimal:
    return sum((item.score for item in items if item.score is not None), ZERO)


def routes(records: model.Records, month: str) -> dict[str, str]:
    """Finding kind -> responsible department, by the boundaries in force in ``month``."""
    if records.indicators is None or records.indicators.boundaries is None:
        return {}
    return {b.kind: b.department for b in records.indicators.boundaries.in_force(month)}


def charges(records: model.Records, month: model.MonthRecords) -> dict[str, list[FindingCharge]]:
    """The month's findings by responsible department, in file and item order."""
    by_department: dict[str, list[FindingCharge]] = {}
    kinds = routes(records, month.month)
    for stem, inspection in sorted(month.inspections.items()):
        for finding in inspection.findings:
            department = finding.department
            routed = False
            if department is None and finding.kind is not None:
                department = kinds.get(finding.kind)
                routed = department is not None
            if department is None:
                continue
            by_department.setdefault(department, []).append(
                FindingCharge(
                    finding=finding,
                    inspection=stem,
                    path=sheet_path(month.month, "inspections", stem),
                    date=inspection.date,
                    routed=routed,
                    deduction=finding.deduction,
                )
            )
    return by_department


def _ratings(
    records: model.Records, month: model.MonthRecords, department: str, raters: list[str]
) -> tuple[list[LeaderRating], list[str], bool]:
    """The ratings of the leaders who rate (``_raters``), the leaders still missing,
    whether trimmed."""
    assert records.org is not None
    rated: list[tuple[str, model.Rating]] = []
    missing: list[str] = []
    for leader_id in raters:
        sheet = month.ratings.get(leader_id)
        rating = sheet.scores.get(department) if sheet else None
        if rating is None:
            where = sheet_path(month.month, "ratings", leader_id)
            missing.append(where if sheet is None else f"{where}#{department}")
            continue
        rated.append((leader_id, rating))
    trim = records.org.leader_rating.in_force(month.month).trim
    dropped = trimmed_indices([r.score for _, r in rated]) if trim and not missing else None
    found = [
        LeaderRating(leader_id, rating.score, rating.comment, index in (dropped or ()), rating.at)
        for index, (leader_id, rating) in enumerate(rated)
    ]
    return found, missing, dropped is not None


def _raters(org: model.Org, month: model.MonthRecords) -> list[str]:
    """The leaders in office in the month and not absent from it, in org.yaml's order."""
    absent = set(month.info.absent) if month.info else set()
    return [leader.id for leader in org.leaders_in(month.month) if leader.id not in absent]


def _department_month(
    records: model.Records,
    month: model.MonthRecords,
    department: model.Department,
    findings: list[FindingCharge],
    raters: list[str],
) -> DepartmentMonth:
    assert records.org is not None
    m = month.month
    sheet = month.targets.get(department.id)
    assessment = month.assessments.get(department.id)
    targets = _target_scores(sheet, assessment)
    public_items = _public_scores(records, m, assessment)
    missing = []
    if sheet is None:
        missing.append(sheet_path(m, "targets", department.id))
    if assessment is None:
        missing.append(sheet_path(m, "assessments", department.id))
    business = public = indicator = None
    if sheet is not None and assessment is not None:
        business = _sum_scores(targets)
        public = _sum_scores(public_items)
        indicator = business + public
    ratings, unrated, trim = _ratings(records, month, department.id, raters)
    missing.extend(unrated)
    counted = [r.score for r in ratings if not r.trimmed]
    leader = round2(mean(counted)) if counted and not unrated else None
    if not ratings and not unrated:
        missing.append(f"{m}/ratings")  # no leader rates this month: nothing to score from
    complete = not missing
    deductions = sum((charge.deduction for charge in findings), ZERO)
    clean = (
        complete
        and deductions == ZERO
        and all(item.at_full_marks for item in targets + public_items)
    )
    return DepartmentMonth(
        month=m,
        department=department.id,
        name=department.name,
        complete=complete,
        business=business,
        public=public,
        indicator=indicator,
        leader=leader,
        deductions=deductions,
        bonus=ZERO,
        total=None,
        grade=None,
        rank=None,
        missing=tuple(missing),
        targets=targets,
        public_items=public_items,
        ratings=tuple(ratings),
        absent=month.info.absent if month.info else (),
        trim=trim,
        findings=tuple(findings),
        claims=(),
        claimed=ZERO,
        cap=records.org.bonus.in_force(m).cap_per_month,
        weights=records.org.weights.in_force(m),
        weighted=None,
        refused=(),
        clean=clean,
        streak=0,
    )


def assess_month(records: model.Records, month: model.MonthRecords) -> tuple[DepartmentMonth, ...]:
    """Every department that exists in the month, before bonus, total, rank and grade."""
    if records.org is None:
        return ()
    by_department = charges(records, month)
    raters = _raters(records.org, month)  # once a month, not once per department
    return tuple(
        _department_month(records, month, department, by_department.get(department.id, []), raters)
        for department in records.org.departments_in(month.month)
    )


def clean_streak(clean: Mapping[tuple[str, str], bool], department: str, month: str) -> int:
    """Consecutive clean calendar months of ``department`` ending with ``month``."""
    count = 0
    while clean.get((department, model.add_months(month, -count)), False):
        count += 1
    return count


class Standing(Protocol):
    """What settling a department's month needs of it (a ``DepartmentMonth`` has it all)."""

    @property
    def month(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def complete(self) -> bool: ...
    @property
    def indicator(self) -> Decimal | None: ...
    @property
    def leader(self) -> Decimal | None: ...
    @property
    def deductions(self) -> Decimal: ...
    @property
    def cap(self) -> Decimal: ...
    @property
    def weights(self) -> model.Weights | None: ...


@dataclass(frozen=True)
class Settlement:
    """What the claims and the other departments add to a department's month (§5)."""

    claims: tuple[ClaimVerdict, ...]
    claimed: Decimal  # points of the counted claims before the cap
    bonus: Decimal
    weighted: Decimal | None
    total: Decimal | None
    streak: int
    rank: int | None = None
    grade: str | None = None
    refused: tuple[str, ...] = ()


def settlements(
    standings: Sequence[Standing],
    verdicts: Sequence[ClaimVerdict],
    grades: tuple[model.Grade, ...],
    clean: Mapping[tuple[str, str], bool],
) -> dict[str, Settlement]:
    """Bonus, total, rank and grade (among the complete departments) and the streak of
    each department of a month, by department id."""
    found: dict[str, Settlement] = {}
    for standing in standings:
        own = tuple(v for v in verdicts if v.department == standing.department)
        claimed = sum((v.points for v in own if v.counted and v.points is not None), ZERO)
        bonus = min(standing.cap, claimed)
        weighted = total = None
        if standing.complete and standing.weights is not None:
            assert standing.indicator is not None and standing.leader is not None
            weighted = (
                standing.weights.indicator * standing.indicator
                + standing.weights.leader * standing.leader
                - standing.deductions
                + bonus
            )
            total = max(ZERO, round2(weighted))
        streak = clean_streak(clean, standing.department, standing.month)
        found[standing.department] = Settlement(own, claimed, bonus, weighted, total, streak)
    totals = {key: s.total for key, s in found.items() if s.total is not None}
    ranks = competition_ranks(totals)
    awards = award_grades(totals, grades)
    for key in totals:
        award = awards[key]
        found[key] = replace(found[key], rank=ranks[key], grade=award.grade, refused=award.refused)
    return found


def settle_month(
    departments: tuple[DepartmentMonth, ...],
    verdicts: Sequence[ClaimVerdict],
    grades: tuple[model.Grade, ...],
    clean: Mapping[tuple[str, str], bool],
) -> tuple[DepartmentMonth, ...]:
    """Add bonus, total, rank and grade (among the complete departments) and the streak."""
    found = settlements(departments, verdicts, grades, clean)
    return tuple(_settled(figures, found[figures.department]) for figures in departments)


def _settled(figures: DepartmentMonth, settlement: Settlement) -> DepartmentMonth:
    return replace(
        figures,
        claims=settlement.claims,
        claimed=settlement.claimed,
        bonus=settlement.bonus,
        weighted=settlement.weighted,
        total=settlement.total,
        streak=settlement.streak,
        rank=settlement.rank,
        grade=settlement.grade,
        refused=settlement.refused,
    )
