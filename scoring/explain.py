"""Explain a score: the derivation of one department's total, one contract's payment or
one person's yearly reward.

``explain(org, month_records, month_result, subject)`` reads the figure objects of the one
scoring path (``scoring.results``) and writes their derivation out as ``Line`` values:
each line is a catalogue key (``scoring.i18n``, ``explain.*``), its operands as typed
values, and the record position it comes from (a mark, a rating, a finding, a claim,
the weights in force, a check, a payment band). ``kaoping explain`` prints the lines;
the site shows the same lines with links to the record and its last commit. Nothing
here computes a figure: every number is read from the results (a reward from the
allocation of ``results.rewards``).

Individual leader ratings are listed only when org.yaml has ``publish_ratings: true``;
otherwise the leader line gives the mean and the number of ratings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from scoring import i18n, model
from scoring.problems import Pos
from scoring.results import DepartmentMonth, MonthResult, ServiceMonth
from scoring.results.figures import quota_limit
from scoring.results.rewards import HEAD, Allocation


@dataclass(frozen=True)
class Money:
    """An amount in yuan (formatted with grouping and two decimals)."""

    value: Decimal


@dataclass(frozen=True)
class Month:
    """A month (YYYY-MM), written out in the language: 2026年11月, November 2026."""

    value: str


@dataclass(frozen=True)
class Months:
    """Months (ascending), written as runs: 2026年1月–2026年6月、2026年9月."""

    value: tuple[str, ...]


@dataclass(frozen=True)
class Label:
    """An operand that is itself catalogue text (a check level, a decision)."""

    key: str
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Line:
    """One step of a derivation: a catalogue key, its operands, where they were written."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)
    at: Pos | None = None
    indent: int = 0


@dataclass(frozen=True)
class Explanation:
    """The derivation of one subject (a department or a contract) in one month."""

    kind: str  # "department" | "contract"
    subject: str
    month: str
    title: Line
    lines: tuple[Line, ...]


def format_value(value: object, language: str) -> str:
    """An operand as text: points canonical, money grouped, dates per language, labels translated."""
    if isinstance(value, Money):
        return i18n.money(value.value, language)
    if isinstance(value, Month):
        return i18n.month(value.value, language)
    if isinstance(value, Months):
        return _runs(value.value, language)
    if isinstance(value, Label):
        return i18n.text(value.key, language, **dict(value.values))
    if isinstance(value, bool):
        return i18n.text("yes" if value else "no", language)
    if isinstance(value, (Decimal, int)):
        return i18n.points(value)
    if isinstance(value, dt.date):
        return i18n.date(value, language)
    if isinstance(value, tuple):
        return " + ".join(format_value(item, language) for item in value) or "0"
    return str(value)


def _runs(months: tuple[str, ...], language: str) -> str:
    runs: list[list[str]] = []
    for month in months:
        if runs and model.add_months(runs[-1][-1], 1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    shown = [
        i18n.month(run[0], language)
        + ("" if len(run) == 1 else "–" + i18n.month(run[-1], language))
        for run in runs
    ]
    return ("、" if language == "zh" else ", ").join(shown) or "–"


def line_text(line: Line, language: str) -> str:
    """The line in ``language``, its operands formatted."""
    values = {name: format_value(value, language) for name, value in line.values.items()}
    return i18n.text(f"explain.{line.key}", language, **values)


# ---------------------------------------------------------------- departments


def _person_name(org: model.Org, person: str) -> str:
    found = org.person(person)
    return found.name if found else person


def _items(figures: DepartmentMonth) -> Iterator[Line]:
    for item in figures.targets:
        values = {"id": item.id, "title": item.name, "score": item.score, "full": item.full}
        if item.score is None:
            yield Line("target-unscored", values, item.defined_at, 1)
        elif item.reason:
            yield Line("target-reason", {**values, "reason": item.reason}, item.at, 1)
        else:
            yield Line("target", values, item.at, 1)
    if figures.business is not None:
        terms = tuple(item.score for item in figures.targets if item.score is not None)
        yield Line("business", {"terms": terms, "business": figures.business})
    for item in figures.public_items:
        values = {"name": item.name, "score": item.score, "full": item.full}
        if item.score is None:
            yield Line("public-item-unscored", values, item.defined_at, 1)
        elif item.reason:
            yield Line("public-item-reason", {**values, "reason": item.reason}, item.at, 1)
        else:
            yield Line("public-item", values, item.at, 1)
    if figures.public is not None:
        terms = tuple(item.score for item in figures.public_items if item.score is not None)
        yield Line("public", {"terms": terms, "public": figures.public})
    if figures.indicator is not None:
        yield Line(
            "indicator",
            {
                "business": figures.business,
                "public": figures.public,
                "indicator": figures.indicator,
            },
        )


def _leader(org: model.Org, figures: DepartmentMonth) -> Iterator[Line]:
    if org.publish_ratings:
        for rating in figures.ratings:
            key = "rating-trimmed" if rating.trimmed else "rating"
            name = _person_name(org, rating.person)
            yield Line(key, {"leader": name, "score": rating.score}, rating.at, 1)
    if figures.leader is None:
        yield Line("leader-missing")
        return
    key = "leader-trimmed" if figures.trim else "leader"
    yield Line(key, {"count": len(figures.ratings), "leader": figures.leader})


def _findings(month: model.MonthRecords | None, figures: DepartmentMonth) -> Iterator[Line]:
    for charge in figures.findings:
        finding = charge.finding
        inspection = month.inspections.get(charge.inspection) if month else None
        values: dict[str, object] = {
            "id": finding.id,
            "date": charge.date,
            "location": inspection.location if inspection else charge.inspection,
            "description": finding.description,
        }
        if charge.deduction > 0:
            yield Line("finding", {**values, "deduction": charge.deduction}, finding.at, 1)
        elif finding.target:
            yield Line("finding-target", {**values, "target": finding.target}, finding.at, 1)
        else:
            yield Line("finding-notice", values, finding.at, 1)
    direct = tuple(c.deduction for c in figures.findings if c.deduction > 0)
    if direct:
        yield Line("deductions", {"terms": direct, "deductions": figures.deductions})
    else:
        yield Line("no-deductions")


def _claims(figures: DepartmentMonth) -> Iterator[Line]:
    for verdict in figures.claims:
        rule = verdict.rule.name if verdict.rule else verdict.claim.rule
        values: dict[str, object] = {"id": verdict.claim.id, "rule": rule}
        if verdict.counted:
            yield Line("claim", {**values, "points": verdict.points}, verdict.claim.at, 1)
            continue
        if verdict.claim.decision != "approved":
            why = Label(f"why.{verdict.claim.decision}")
        else:
            why = Label(
                f"claim-reason.{verdict.reason}",
                (("month", verdict.month or ""), ("used_by", verdict.used_by or "")),
            )
        yield Line("claim-not-counted", {**values, "why": why}, verdict.claim.at, 1)
    yield Line("bonus", {"cap": figures.cap, "claimed": figures.claimed, "bonus": figures.bonus})


def _grade_lines(month: MonthResult, figures: DepartmentMonth) -> Iterator[Line]:
    grades = {grade.id: grade for grade in month.grades}
    count = sum(1 for d in month.departments if d.total is not None)
    for refused in figures.refused:
        grade = grades.get(refused)
        if grade is not None and grade.quota is not None:
            yield Line(
                "grade-refused",
                {
                    "grade": grade.name,
                    "quota": grade.quota,
                    "count": count,
                    "limit": quota_limit(grade.quota, count),
                },
                grade.at,
            )
    awarded = grades.get(figures.grade or "")
    if awarded is not None:
        yield Line(
            "grade",
            {"grade": awarded.name, "total": figures.total, "min": awarded.min},
            awarded.at,
        )
    yield Line("rank", {"rank": figures.rank, "count": count})


def explain_department(
    org: model.Org,
    records: model.MonthRecords | None,
    month: MonthResult,
    figures: DepartmentMonth,
) -> Explanation:
    """A department's total, derived; ``records``: its month folder (for the findings)."""
    title = Line(
        "department",
        {"name": figures.name, "department": figures.department, "month": Month(figures.month)},
    )
    lines: list[Line] = [*_items(figures), *_leader(org, figures)]
    lines += [*_findings(records, figures), *_claims(figures)]
    if figures.complete and figures.total is not None and figures.weights is not None:
        weights = figures.weights
        lines.append(
            Line(
                "formula",
                {
                    "w_indicator": weights.indicator,
                    "indicator": figures.indicator,
                    "w_leader": weights.leader,
                    "leader": figures.leader,
                    "deductions": figures.deductions,
                    "bonus": figures.bonus,
                    "weighted": figures.weighted,
                    "total": figures.total,
                },
                weights.at,
            )
        )
        lines += _grade_lines(month, figures)
    else:
        lines += [Line("missing", {"path": path}, Pos(path), 1) for path in figures.missing]
        lines.append(Line("incomplete"))
    return Explanation("department", figures.department, figures.month, title, tuple(lines))


# ---------------------------------------------------------------- contracts


def explain_contract(figures: ServiceMonth) -> Explanation:
    terms = figures.terms
    title = Line(
        "contract",
        {
            "name": figures.name,
            "contract": figures.contract,
            "provider": figures.provider,
            "month": Month(figures.month),
        },
    )
    lines: list[Line] = []
    for loss in figures.items:
        for weight in loss.checks:
            check = weight.check
            values: dict[str, object] = {
                "id": check.id,
                "level": Label(f"level.{check.level}"),
                "date": check.date,
                "item": loss.item.name,
                "points": check.points,
                "factor": weight.factor,
                "weight": weight.weight,
            }
            if weight.late:
                values["by"] = check.rectify_by or "–"
            lines.append(Line("check-late" if weight.late else "check", values, check.at, 1))
        if loss.checks:
            lines.append(
                Line(
                    "item-loss",
                    {
                        "item": loss.item.name,
                        "max": loss.item.max,
                        "weighed": loss.weighed,
                        "lost": loss.lost,
                    },
                    loss.item.at,
                )
            )
    if not figures.complete or figures.deductions is None:
        lines += [
            Line("missing", {"path": path}, Pos(path.split("#")[0]), 1) for path in figures.missing
        ]
        lines.append(Line("service-incomplete"))
        return Explanation("contract", figures.contract, figures.month, title, tuple(lines))
    losses = tuple(loss.lost for loss in figures.items if loss.checks)
    if losses:
        lines.append(
            Line("service-deductions", {"terms": losses, "deductions": figures.deductions})
        )
    else:
        lines.append(Line("service-no-deductions"))
    lines.append(Line("service-score", {"deductions": figures.deductions, "score": figures.score}))
    if figures.band is not None:
        lines.append(
            Line(
                "band",
                {"score": figures.score, "min": figures.band.min, "share": figures.share},
                figures.band.at,
            )
        )
        lines.append(
            Line(
                "payable",
                {
                    "fee": Money(figures.fee),
                    "share": figures.share,
                    "payable": Money(figures.payable or Decimal(0)),
                    "withheld": Money(figures.withheld or Decimal(0)),
                },
                terms.pos("monthly_fee"),
            )
        )
    if figures.notice and terms.notice is not None:
        lines.append(
            Line(
                "notice",
                {
                    "months": terms.notice.months,
                    "below": terms.notice.below,
                    "window": ", ".join(figures.notice_months),
                },
                terms.notice.at,
            )
        )
    return Explanation("contract", figures.contract, figures.month, title, tuple(lines))


# ---------------------------------------------------------------- rewards (§11)


def explain_reward(org: model.Org, allocation: Allocation, person: str) -> Explanation | None:
    """How a person's rewards for the year were derived, a department at a time; None
    when the person has no row."""
    rows = allocation.of_person(person)
    if not rows:
        return None
    title = Line(
        "rewards-person", {"name": rows[0].name, "person": person, "year": allocation.year}
    )
    version = allocation.version
    lines: list[Line] = []
    for row in rows:
        department = org.department(row.department)
        role = Label("role.head" if row.role == HEAD else "role.member")
        at = department.at if department else None
        values = {"department": row.department_name, "id": row.department, "role": role}
        lines.append(Line("rewards-department", values, at))
        counted = {"months": Months(row.counted), "count": len(row.counted)}
        lines.append(Line("rewards-counted", counted, None, 1))
        served = {"months": Months(row.served), "count": row.months}
        lines.append(Line("rewards-served", served, _staff_at(department, person), 1))
        if department is not None:
            last = row.served[-1]
            head = {
                "role": role,
                "month": Month(last),
                "head": _person_name(org, department.head_in(last)),
            }
            lines.append(Line("rewards-role", head, department.pos("head"), 1))
        grade = allocation.grade_name(row.grade)
        year = {"total": row.total, "grade": grade, "rank": row.rank}
        lines.append(Line("rewards-year", year, None, 1))
        if row.coefficient is None or row.reward is None:
            lines.append(Line("rewards-no-coefficient", {"grade": grade}, version.at, 1))
            continue
        rule: dict[str, object] = {
            "last": Month(allocation.last),
            "base": version.value.base,
            "grade": grade,
            "coefficient": row.coefficient,
        }
        at = version.value.coefficient_at.get(row.grade or "", version.at)
        if version.start is None:
            lines.append(Line("rewards-version-flat", rule, at, 1))
        else:
            lines.append(Line("rewards-version", {**rule, "start": Month(version.start)}, at, 1))
        formula = {
            "base": version.value.base,
            "coefficient": row.coefficient,
            "months": row.months,
            "reward": Money(row.reward),
        }
        lines.append(Line("rewards-formula", formula, None, 1))
    rewards = tuple(row.reward for row in rows if row.reward is not None)
    if len(rows) > 1:
        total = sum(rewards, Decimal(0))
        lines.append(
            Line(
                "rewards-total", {"terms": tuple(Money(r) for r in rewards), "total": Money(total)}
            )
        )
    return Explanation("person", person, str(allocation.year), title, tuple(lines))


def _staff_at(department: model.Department | None, person: str) -> Pos | None:
    """Where the person is named on the department's staff: a member entry or the head."""
    if department is None:
        return None
    for member in department.members:
        if member.id == person:
            return member.at
    for version in department.head.versions:
        if version.value == person:
            return version.where.get("value", department.pos("head"))
    return None


# ---------------------------------------------------------------- entry points


def explain(
    org: model.Org, records: model.MonthRecords | None, month: MonthResult, subject: str
) -> Explanation | None:
    """The derivation for department or contract ``subject`` in ``month``, or None."""
    department = month.department(subject)
    if department is not None:
        return explain_department(org, records, month, department)
    contract = month.service(subject)
    if contract is not None:
        return explain_contract(contract)
    return None
