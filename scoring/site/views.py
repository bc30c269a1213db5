"""Views: the results and records of one department or contract, shaped for a template.

The month, department and contract pages show the same things from different sides
(a finding on its month's page and on its department's page): each is built once
here, from the results (figures and their operands) and the records (what the
results do not carry: a target's standard, an inspection's location), with its
links. Texts that depend on a state (a rectification, a claim's verdict) are
rendered from the catalogue here; templates only lay them out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from scoring import i18n, model
from scoring.explain import Explanation, explain_contract, explain_department, line_text
from scoring.problems import Pos
from scoring.results import ClaimVerdict, DepartmentMonth, FindingCharge, ItemScore, MonthResult
from scoring.results import ServiceMonth as ServiceFigures
from scoring.results.services import CheckWeight
from scoring.site.data import SiteData
from scoring.site.links import Evidence, Links, RecordLink
from scoring.site.naming import Named, Naming


@dataclass(frozen=True)
class ExplainLine:
    text: str
    indent: int
    link: RecordLink | None


@dataclass(frozen=True)
class TargetRow:
    item: ItemScore
    target: model.Target | None
    owner: str
    link: RecordLink | None


@dataclass(frozen=True)
class FindingView:
    month: str
    department: str
    anchor: str  # on the month page
    charge: FindingCharge
    location: str
    inspectors: str
    boundary: str | None  # the boundary's name when the finding was routed by kind
    effect: str
    rectification: str
    open: bool  # a rectification asked and not done
    evidence: tuple[Evidence, ...]
    link: RecordLink | None


@dataclass(frozen=True)
class LossView:
    """A point a department lost or gained in a month, and why (its page's "lost points")."""

    month: str
    counted: bool  # the month is final (published or closed)
    source: str  # where the points went: a target, a public indicator, a finding, a bonus
    item: str
    change: Decimal | None  # −lost or +gained; None for a finding that costs no points itself
    reason: str
    rectification: str
    open: bool
    url: str  # the row on the month page


@dataclass(frozen=True)
class ClaimView:
    verdict: ClaimVerdict
    anchor: str
    rule: str
    category: str
    points: str
    decision: str
    counted: bool
    why: str  # why it does not count, when it does not
    evidence: tuple[Evidence, ...]
    link: RecordLink | None


@dataclass(frozen=True)
class CheckView:
    weight: CheckWeight
    anchor: str
    item: str
    level: str
    by: str
    rectification: str
    evidence: tuple[Evidence, ...]
    link: RecordLink | None


@dataclass(frozen=True)
class AppealView:
    key: str
    appeal: model.Appeal
    subject: str  # who: the department's or contract's name
    status: str
    in_time: bool | None
    link: RecordLink | None
    subject_link: RecordLink | None
    named: Named  # the subject in words, linked to where the site shows it


Kept = dict[tuple[str, ...], tuple[object, object, Any]]  # what a view was made from, and it


class Views:
    """Builds views for one site build (one language, one set of links).

    With ``kept`` (under ``mkdocs serve``, emptied whenever the records outside month
    folders, the history or the links change) a department's findings in a month and a
    claim are made once while their month's records stay the same object and their
    figures the same: department pages compare them on every rebuild.
    """

    def __init__(self, data: SiteData, links: Links, kept: Kept | None = None) -> None:
        self.data = data
        self.links = links
        self.kept = kept
        self.language = data.language
        self.org = data.org
        names = [contract.name for contract in data.records.contracts.values()]
        self._shared_names = {name for name in names if names.count(name) > 1}
        self.naming = Naming(self)

    def t(self, key: str, **params: object) -> str:
        return i18n.text(key, self.language, **params)

    def person(self, person: str) -> str:
        found = self.org.person(person)
        return found.name if found else person

    def people(self, people: tuple[str, ...]) -> str:
        return (
            "、".join(self.person(p) for p in people)
            if self.language == "zh"
            else ", ".join(self.person(p) for p in people)
        )

    def department_name(self, department: str) -> str:
        found = self.org.department(department)
        return found.name if found else department

    def contract_name(self, contract: str) -> str:
        found = self.data.records.contracts.get(contract)
        return found.name if found else contract

    def contract_label(self, contract: str) -> str:
        """A contract's name, with its provider (and period) when another has the same name."""
        found = self.data.records.contracts.get(contract)
        if found is None:
            return contract
        if found.name not in self._shared_names:
            return found.name
        same = [c for c in self.data.records.contracts.values() if c.name == found.name]
        if sum(1 for c in same if c.provider == found.provider) > 1:
            period = (
                f"{i18n.month(found.start, self.language)}–{i18n.month(found.end, self.language)}"
            )
            return self.t(
                "contract.label-period", name=found.name, provider=found.provider, period=period
            )
        return self.t("contract.label", name=found.name, provider=found.provider)

    def grade_name(self, grades: tuple[model.Grade, ...], grade: str | None) -> str:
        if grade is None:
            return "–"
        return next((g.name for g in grades if g.id == grade), grade)

    # ------------------------------------------------------------ states

    def rectification(self, by: dt.date | None, on: dt.date | None) -> tuple[str, bool]:
        """The rectification state as text, and whether it is still open."""
        when = i18n.date
        if on is not None:
            if by is not None and on > by:
                return self.t(
                    "rectify.late", date=when(on, self.language), by=when(by, self.language)
                ), False
            return self.t("rectify.done", date=when(on, self.language)), False
        if by is not None:
            return self.t("rectify.open", by=when(by, self.language)), True
        return self.t("rectify.none"), False

    def evidence(self, month: str, names: tuple[str, ...]) -> tuple[Evidence, ...]:
        return tuple(self.links.evidence(month, name) for name in names)

    # ------------------------------------------------------------ departments

    def targets(self, figures: DepartmentMonth) -> list[TargetRow]:
        month = self.data.records.months.get(figures.month)
        sheet = month.targets.get(figures.department) if month else None
        by_id = {item.id: item for item in sheet.items} if sheet else {}
        rows = []
        for item in figures.targets:
            target = by_id.get(item.id)
            owner = self.person(target.owner) if target else ""
            rows.append(TargetRow(item, target, owner, self.links.record(item.at)))
        return rows

    def finding(self, month: str, department: str, charge: FindingCharge) -> FindingView:
        records = self.data.records.months.get(month)
        inspection = records.inspections.get(charge.inspection) if records else None
        finding = charge.finding
        boundary = None
        indicators = self.data.records.indicators
        if charge.routed and indicators is not None and indicators.boundaries is not None:
            for rule in indicators.boundaries.in_force(month):
                if rule.kind == finding.kind:
                    boundary = rule.name
        if charge.deduction > 0:
            effect = self.t("effect.deduction", points=i18n.points(charge.deduction))
        elif finding.target:
            title = self.target_title(month, department, finding.target)
            effect = self.t("effect.target", target=finding.target, title=title)
        else:
            effect = self.t("effect.notice")
        state, still_open = self.rectification(finding.rectify_by, finding.rectified_on)
        return FindingView(
            month=month,
            department=department,
            anchor=f"{charge.inspection}_{finding.id}",
            charge=charge,
            location=inspection.location if inspection else charge.inspection,
            inspectors=self.people(inspection.inspectors) if inspection else "",
            boundary=boundary,
            effect=effect,
            rectification=state,
            open=still_open,
            evidence=self.evidence(month, finding.evidence),
            link=self.links.record(finding.at),
        )

    def findings(self, figures: DepartmentMonth) -> list[FindingView]:
        if not figures.findings:
            return []
        records = self.data.records.months.get(figures.month)
        key = ("findings", figures.month, figures.department)
        found = self.kept.get(key) if self.kept is not None else None
        if found is not None and found[0] is records and found[1] == figures.findings:
            return list(found[2])
        views = [self.finding(figures.month, figures.department, c) for c in figures.findings]
        if self.kept is not None:
            self.kept[key] = (records, figures.findings, tuple(views))
        return views

    def target_title(self, month: str, department: str, target: str) -> str:
        records = self.data.records.months.get(month)
        sheet = records.targets.get(department) if records else None
        found = next((t for t in sheet.items if t.id == target), None) if sheet else None
        return found.title if found else target

    def losses(self, result: MonthResult, figures: DepartmentMonth) -> list[LossView]:
        """Every point lost in the month (targets and public indicators below full marks,
        findings) and gained (counted claims, less what the monthly cap cuts), with why."""
        department = figures.department
        rows: list[LossView] = []

        def add(source: str, item: str, change: Decimal | None, reason: str, anchor: str) -> None:
            url = self.links.month(figures.month, anchor)
            rows.append(
                LossView(
                    figures.month, result.counted, source, item, change, reason, "", False, url
                )
            )

        for item in figures.targets:
            if item.score is not None and item.full is not None and item.score < item.full:
                anchor = f"{department}_target_{item.id}"
                source = self.t("loss.target", id=item.id)
                add(source, item.name, item.score - item.full, item.reason or "", anchor)
        for item in figures.public_items:
            if item.score is not None and item.full is not None and item.score < item.full:
                anchor = f"{department}_public_{item.id}"
                add(
                    self.t("loss.public"),
                    item.name,
                    item.score - item.full,
                    item.reason or "",
                    anchor,
                )
        for view in self.findings(figures):
            change = -view.charge.deduction if view.charge.deduction > 0 else None
            source = self.t("loss.finding", location=view.location)
            add(source, view.charge.finding.description, change, view.effect, view.anchor)
            rows[-1] = replace(rows[-1], rectification=view.rectification, open=view.open)
        for verdict in figures.claims:
            if verdict.counted and verdict.points is not None:
                claim = verdict.claim
                rule = verdict.rule.name if verdict.rule else claim.rule
                anchor = f"{department}_claim_{claim.id}"
                add(self.t("loss.bonus"), claim.description, verdict.points, rule, anchor)
        if figures.claimed > figures.cap:
            cut = self.t("loss.cap", cap=i18n.points(figures.cap))
            add(
                self.t("loss.bonus"), cut, figures.cap - figures.claimed, "", f"{department}_claims"
            )
        return rows

    def claim(self, verdict: ClaimVerdict) -> ClaimView:
        if self.kept is None:
            return self._claim(verdict)
        records = self.data.records.months.get(verdict.claim_month)
        key = ("claim", verdict.path, verdict.claim.id)
        found = self.kept.get(key)
        if found is not None and found[0] is records and found[1] == verdict:
            view: ClaimView = found[2]
            return view
        view = self._claim(verdict)
        self.kept[key] = (records, verdict, view)
        return view

    def _claim(self, verdict: ClaimVerdict) -> ClaimView:
        rules = self.data.records.bonus_rules
        category = rules.category_of(verdict.claim.rule) if rules else None
        why = ""
        if not verdict.counted:
            if verdict.claim.decision != "approved":
                why = self.t(f"why.{verdict.claim.decision}")
            else:
                why = self.t(
                    f"claim-reason.{verdict.reason}",
                    month=verdict.month or "",
                    used_by=verdict.used_by or "",
                )
        return ClaimView(
            verdict=verdict,
            anchor=f"{verdict.department}_claim_{verdict.claim.id}",
            rule=verdict.rule.name if verdict.rule else verdict.claim.rule,
            category=category.name if category else "",
            points=i18n.points(verdict.points) if verdict.points is not None else "–",
            decision=self.t(f"decision.{verdict.claim.decision}"),
            counted=verdict.counted,
            why=why,
            evidence=self.evidence(verdict.claim_month, verdict.claim.evidence),
            link=self.links.record(verdict.claim.at),
        )

    def explanation(self, explanation: Explanation) -> list[ExplainLine]:
        return [
            ExplainLine(line_text(line, self.language), line.indent, self.links.record(line.at))
            for line in explanation.lines
        ]

    def explain_department(self, month: MonthResult, figures: DepartmentMonth) -> list[ExplainLine]:
        records = self.data.records
        assert records.org is not None
        found = records.months.get(month.month)
        return self.explanation(explain_department(records.org, found, month, figures))

    # ------------------------------------------------------------ contracts

    def checks(self, figures: ServiceFigures) -> list[CheckView]:
        views = []
        for loss in figures.items:
            for weight in loss.checks:
                check = weight.check
                state, _ = self.rectification(check.rectify_by, check.rectified_on)
                views.append(
                    CheckView(
                        weight=weight,
                        anchor=f"{figures.contract}_{figures.month}_{check.id}",
                        item=loss.item.name,
                        level=self.t(f"level.{check.level}"),
                        by=self.people(check.by),
                        rectification=state,
                        evidence=self.evidence(figures.month, check.evidence),
                        link=self.links.record(check.at),
                    )
                )
        return sorted(views, key=lambda view: (view.weight.check.date, view.weight.check.id))

    def explain_contract(self, figures: ServiceFigures) -> list[ExplainLine]:
        return self.explanation(explain_contract(figures))

    # ------------------------------------------------------------ appeals

    def appeal(self, key: str, appeal: model.Appeal) -> AppealView:
        in_time = None
        month = self.data.records.months.get(appeal.month)
        published = month.info.published if month and month.info else None
        if published is not None:
            window = self.org.appeals.in_force(appeal.month).window_days
            in_time = 0 <= (appeal.filed - published).days <= window
        who = (
            self.department_name(appeal.department)
            if appeal.department
            else self.contract_label(appeal.contract or "")
        )
        subject = appeal.subject.split("#", 1)[0]
        return AppealView(
            key=key,
            appeal=appeal,
            subject=who,
            status=self.t(f"appeal.{appeal.status}"),
            in_time=in_time,
            link=self.links.record(appeal.at if appeal.at.path else None),
            subject_link=self.links.record(Pos(subject) if subject else None),
            named=self.naming.subject(appeal),
        )

    def appeals(self, subject: str, month: str | None = None) -> list[AppealView]:
        return [
            self.appeal(key, appeal)
            for key, appeal in sorted(self.data.records.appeals.items())
            if subject in (appeal.department, appeal.contract)
            and (month is None or appeal.month == month)
        ]
