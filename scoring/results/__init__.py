"""Scoring: the records model in, every figure of DESIGN.md §5 and §9 out, with its operands.

``score(records)`` is the one scoring path: the CLI, ``explain``, the site, the seals
and the exports all read the ``Results`` it returns. Each figure object carries what
it was computed from (marks, ratings, findings, claims and their verdicts, checks and
their factors, the weights and grade table in force), so anyone can retrace a total.
All arithmetic is ``Decimal``; only ``leader``, monthly and yearly totals, service
deductions, yearly service scores and payments are rounded, as §5 and §9 say.

Modules: ``figures`` (rounding, ranks, grades), ``departments`` (a department's
month), ``claims`` (claim validity, error-free streaks), ``services`` (contracts),
``years`` (calendar years).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from scoring import model
from scoring.results.claims import (
    REASONS,
    ClaimVerdict,
    DepartmentStreak,
    department_streaks,
    judge_claims,
)
from scoring.results.departments import (
    DepartmentMonth,
    FindingCharge,
    ItemScore,
    LeaderRating,
    assess_month,
    settle_month,
)
from scoring.results.figures import award_grades, competition_ranks, round2
from scoring.results.services import CheckWeight, ItemLoss, ServiceMonth, score_services
from scoring.results.years import (
    COUNTED,
    DepartmentYear,
    ServiceYear,
    YearResult,
    score_years,
)


@dataclass(frozen=True)
class MonthResult:
    """One month folder: its status, departments (org.yaml order) and contracts (by id)."""

    month: str
    status: str | None
    departments: tuple[DepartmentMonth, ...]
    services: tuple[ServiceMonth, ...]
    grades: tuple[model.Grade, ...]  # the grade table in force
    weights: model.Weights | None  # the weights in force

    @property
    def counted(self) -> bool:
        """Published or closed: the month counts toward its year."""
        return self.status in COUNTED

    def department(self, department: str) -> DepartmentMonth | None:
        return next((d for d in self.departments if d.department == department), None)

    def service(self, contract: str) -> ServiceMonth | None:
        return next((s for s in self.services if s.contract == contract), None)


@dataclass(frozen=True)
class Results:
    """Every month (ascending) and every calendar year, with the claims' verdicts."""

    unit: str
    language: str
    months: tuple[MonthResult, ...]
    years: tuple[YearResult, ...]
    claims: tuple[ClaimVerdict, ...]  # every claim, in the order they were judged
    streaks: tuple[DepartmentStreak, ...]  # per department, the error-free streak now

    def month(self, month: str) -> MonthResult | None:
        return next((m for m in self.months if m.month == month), None)

    def year(self, year: int) -> YearResult | None:
        return next((y for y in self.years if y.year == year), None)

    def only_month(self, month: str) -> Results:
        """Only ``month`` in ``months`` and no years (``score --month``)."""
        return replace(self, months=tuple(m for m in self.months if m.month == month), years=())

    def only_year(self, year: int) -> Results:
        """The months of ``year`` and that year alone (``score --year``)."""
        return replace(
            self,
            months=tuple(m for m in self.months if int(m.month[:4]) == year),
            years=tuple(y for y in self.years if y.year == year),
        )


Assessed = dict[str, tuple[DepartmentMonth, ...]]  # month -> its departments before claims


def assess_all(records: model.Records) -> Assessed:
    """Every month's departments before claims (``score`` and the claim check share one)."""
    return {m: assess_month(records, records.months[m]) for m in sorted(records.months)}


def clean_flags(assessed: Assessed) -> dict[tuple[str, str], bool]:
    """(department, month) -> whether the department was clean that month."""
    return _flags(assessed)[0]


def month_result(
    org: model.Org,
    month: model.MonthRecords,
    departments: tuple[DepartmentMonth, ...],
    verdicts: list[ClaimVerdict],
    services: tuple[ServiceMonth, ...],
    clean: Mapping[tuple[str, str], bool],
) -> MonthResult:
    """One month settled: ``verdicts`` are the claims filed in it, ``services`` its contracts."""
    grades = org.grades.in_force(month.month)
    return MonthResult(
        month=month.month,
        status=month.info.status if month.info else None,
        departments=settle_month(departments, verdicts, grades, clean),
        services=services,
        grades=grades,
        weights=org.weights.in_force(month.month),
    )


def _flags(
    assessed: dict[str, tuple[DepartmentMonth, ...]],
) -> tuple[dict[tuple[str, str], bool], dict[tuple[str, str], bool]]:
    clean = {(d.department, d.month): d.clean for month in assessed.values() for d in month}
    complete = {(d.department, d.month): d.complete for month in assessed.values() for d in month}
    return clean, complete


def claim_validity(records: model.Records) -> tuple[ClaimVerdict, ...]:
    """Every claim with whether it is valid and, when not, a reason code of ``REASONS``.

    Works on records with errors (missing files, dropped items): what cannot be
    judged clean is not clean, a rule that cannot be found is unknown.
    """
    return judge_claims(records, clean_flags(assess_all(records)))


def score(records: model.Records, assessed: Assessed | None = None) -> Results:
    """Compute every figure of every month and year (``assessed``: from ``assess_all``)."""
    from scoring.published import month_rows  # years are computed from the months' rows

    org = records.org
    if org is None:
        return Results("", "en", (), (), claim_validity(records), ())
    if assessed is None:
        assessed = assess_all(records)
    clean, complete = _flags(assessed)
    verdicts = judge_claims(records, clean)
    services = score_services(records)
    by_month: dict[str, list[ClaimVerdict]] = {}
    for verdict in verdicts:
        by_month.setdefault(verdict.claim_month, []).append(verdict)
    months = [
        month_result(
            org,
            records.months[month],
            departments,
            by_month.get(month, []),
            services.get(month, ()),
            clean,
        )
        for month, departments in assessed.items()
    ]
    return Results(
        unit=org.unit,
        language=org.language,
        months=tuple(months),
        years=score_years(org, [month_rows(m) for m in months]),
        claims=verdicts,
        streaks=department_streaks(records, clean, complete, verdicts),
    )


__all__ = [
    "REASONS",
    "CheckWeight",
    "ClaimVerdict",
    "DepartmentMonth",
    "DepartmentStreak",
    "DepartmentYear",
    "FindingCharge",
    "ItemLoss",
    "ItemScore",
    "LeaderRating",
    "MonthResult",
    "month_result",
    "Results",
    "ServiceMonth",
    "ServiceYear",
    "YearResult",
    "assess_all",
    "award_grades",
    "claim_validity",
    "clean_flags",
    "competition_ranks",
    "round2",
    "score",
]
