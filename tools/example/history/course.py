"""A month's course (DESIGN §1, §4) as pull requests, from its opening to its closing.

The office opens the month (month.yaml, each contract's empty checks); the departments
file their targets over its first working days (earlier when a visit finds something
on a target); inspectors commit each visit on its day with its photos, and the
department the finding concerns reports its rectification on the day it is done; each
service check is recorded on its day (a provider's own check by the supervising
department), a provider's rectification on its day, the office's sign-off on the
``assessed`` date; on the month's last day the departments claim bonus points, the
month moves to assessing and the office commits its assessments; at the meeting the
leaders rate (the office records who was absent) and the office decides the claims;
the office publishes and closes the month on the dates month.yaml gives.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from scoring import model
from scoring.i18n import text as label

from ..dates import chinese_date, chinese_month, last_day
from . import versions
from .days import first_day, working_on_or_after
from .messages import listed, text
from .timeline import Step

if TYPE_CHECKING:
    from .process import Process

TARGET_DAYS = 3  # the departments file their targets over the month's first working days
REACHED = versions.STATUSES.index


class Course:
    def __init__(self, process: Process, month: str) -> None:
        self.process = process
        self.people = process.people
        self.month = month
        self.name = chinese_month(month)
        self.found = process.records.months[month]
        info = self.found.info
        assert info is not None, month
        self.info = info
        self.last = dt.date.fromisoformat(f"{month}-{last_day(month):02d}")
        self.meeting = info.meeting or info.published or self.last
        visits = [i.date for i in self.found.inspections.values()]
        visits += [c.date for s in self.found.services.values() for c in s.checks]
        self.opening = min([working_on_or_after(first_day(month)), *visits])

    def run(self) -> None:
        info, reached = self.info, REACHED(self.info.status)
        self.open()
        self.targets()
        self.inspections()
        self.services()
        self.claims()
        if reached >= REACHED("assessing"):
            body = [text("assessing.meeting", date=chinese_date(self.meeting))]
            self.stage(self.last, Step.ASSESSING, "assessing", False, "assessing", body)
        self.assessments()
        self.ratings()
        if info.absent and reached >= REACHED("assessing"):
            absent = listed([self.people.name(p) for p in info.absent])
            body = [text("publish.absent", names=absent)]
            self.stage(self.meeting, Step.RATE, "assessing", True, "absent", body)
        if info.published and reached >= REACHED("published"):
            self.stage(info.published, Step.PUBLISH, "published", True, "publish")
        if info.closed and reached >= REACHED("closed"):
            self.stage(info.closed, Step.CLOSE, "closed", True, "close")
        final = self.process.text(f"{self.month}/month.yaml")
        assert self.month_file == final, f"{self.month}/month.yaml does not end as the record"

    def path(self, kind: str, stem: str) -> str:
        return f"{self.month}/{kind}/{stem}.yaml"

    def stage(
        self,
        day: dt.date,
        step: Step,
        status: str,
        absent: bool,
        message: str,
        body: list[str] | None = None,
    ) -> None:
        """month.yaml moving on: its status, the absent leaders, the dates."""
        path = f"{self.month}/month.yaml"
        self.month_file = versions.month_as(self.process.text(path), status, absent)
        author = self.people.clerk if step < Step.PUBLISH else self.people.director
        title = text(message, month=self.name)
        self.process.add(day, step, author, title, {path: self.month_file}, body)

    def open(self) -> None:
        """The office opens the month: month.yaml and each contract's empty checks."""
        self.stage(self.opening, Step.OPEN, "open", False, "open")
        pull = self.process.timeline.pulls[-1]
        for contract in self.found.services:
            path = self.path("services", contract)
            empty = versions.checks_as(self.process.text(path), (), (), signed=False)
            pull.files.update(self.process.encoded({path: empty}))
        overseers = listed([self.people.name(p) for p in self.info.overseers])
        pull.body.append(text("open.overseers", names=overseers))
        if self.found.services:
            names = [self.process.records.contracts[c].name for c in self.found.services]
            pull.body.append(text("open.services", names=listed(names)))

    def targets(self) -> None:
        needed: dict[str, dt.date] = {}  # a finding naming a target needs the targets filed
        for inspection in self.found.inspections.values():
            for finding in inspection.findings:
                if finding.target:
                    department = self.process.routed(finding, self.month)
                    needed[department] = min(
                        needed.get(department, inspection.date), inspection.date
                    )
        for index, department in enumerate(self.process.in_order(self.found.targets)):
            day = working_on_or_after(self.opening, 1 + index % TARGET_DAYS)
            day = min(day, needed.get(department, day))
            self.process.routine(day, department, self.month)
            path = self.path("targets", department)
            name = self.process.department(department)
            title = text("targets", department=name, month=self.name)
            head = self.people.head(department, self.month)
            self.process.add(day, Step.TARGETS, head, title, {path: self.process.text(path)})

    def inspections(self) -> None:
        for stem, inspection in sorted(self.found.inspections.items(), key=lambda i: i[1].date):
            path = self.path("inspections", stem)
            final = self.process.text(path)
            findings = inspection.findings
            done = {f.id for f in findings if f.rectified_on and f.rectified_on <= inspection.date}
            files = {path: versions.inspection_as(final, done)}
            for finding in findings:
                files.update(self.process.evidence(self.month, finding.evidence))
            title = text(
                "inspection", date=chinese_date(inspection.date), location=inspection.location
            )
            body = [self.finding_line(f) for f in findings]
            self.process.add(
                inspection.date, Step.FIELD, inspection.inspectors[0], title, files, body
            )
            later: dict[tuple[dt.date, str], list[str]] = {}
            for finding in findings:
                if finding.rectified_on and finding.rectified_on > inspection.date:
                    group = (finding.rectified_on, self.process.routed(finding, self.month))
                    later.setdefault(group, []).append(finding.id)
            for (day, department), ids in sorted(later.items()):
                done.update(ids)
                name = self.process.department(department)
                title = text(
                    "rectified",
                    department=name,
                    date=chinese_date(inspection.date),
                    ids=listed(ids),
                )
                head = self.people.head(department, self.month)
                self.process.add(
                    day, Step.FIELD, head, title, {path: versions.inspection_as(final, done)}
                )

    def finding_line(self, finding: model.Finding) -> str:
        if finding.deduction:
            effect = text("finding.deduction", points=f"{finding.deduction.normalize():f}")
        elif finding.target:
            effect = text("finding.target", target=finding.target)
        else:
            effect = text("finding.notice")
        department = self.process.department(self.process.routed(finding, self.month))
        return text(
            "finding",
            id=finding.id,
            department=department,
            description=finding.description,
            effect=effect,
        )

    def services(self) -> None:
        """Each contract's checks as they are made, rectified and signed off."""
        for contract_id, checks in self.found.services.items():
            path = self.path("services", contract_id)
            final = self.process.text(path)
            contract = self.process.records.contracts[contract_id]
            supervisor = self.people.head(contract.department, self.month)
            events: list[tuple[dt.date, int, model.ServiceCheck | None]] = []  # None: sign-off
            for check in checks.checks:
                events.append((check.date, 0, check))
                if check.rectified_on and check.rectified_on > check.date:
                    events.append((check.rectified_on, 1, check))
            if checks.assessed:
                events.append((checks.assessed, 2, None))
            recorded: set[str] = set()
            rectified: set[str] = set()
            signed = False
            for day, kind, check in sorted(events, key=lambda event: event[:2]):
                files: dict[str, str | bytes] = {}
                body = [check.description] if check else []
                if check is None:
                    signed = True
                    step, author = Step.SIGN_OFF, checks.assessor or self.people.director
                    title = text("signed", contract=contract.name, month=self.name)
                elif kind == 0:
                    step, author = Step.FIELD, check.by[0] if check.by else supervisor
                    recorded.add(check.id)
                    if check.rectified_on and check.rectified_on <= day:
                        rectified.add(check.id)
                    files.update(self.process.evidence(self.month, check.evidence))
                    level = label(f"level.{check.level}", self.process.language)
                    title = text(
                        "check",
                        contract=contract.name,
                        level=level,
                        ids=check.id,
                        date=chinese_date(day),
                    )
                else:
                    step, author = Step.FIELD, supervisor
                    rectified.add(check.id)
                    title = text("check.rectified", contract=contract.name, ids=check.id)
                files[path] = versions.checks_as(final, recorded, rectified, signed)
                self.process.add(day, step, author, title, files, body)
            ended = versions.checks_as(final, recorded, rectified, signed)
            assert ended == final, f"{path}: the replayed checks do not end as the record"

    def claims(self) -> None:
        """Claims filed on the month's last day, decided at the meeting."""
        for department, sheet in self.found.bonuses.items():
            path = self.path("bonuses", department)
            final = self.process.text(path)
            files: dict[str, str | bytes] = {path: versions.claims_as_filed(final)}
            for claim in sheet.claims:
                files.update(self.process.evidence(self.month, claim.evidence))
            name = self.process.department(department)
            title = text("claims", department=name, month=self.name)
            body = [f"{c.id}：{c.description}" for c in sheet.claims]
            head = self.people.head(department, self.month)
            self.process.add(self.last, Step.CLAIM, head, title, files, body)
            decided = [(i, d) for i, d in versions.decisions(final) if d != "pending"]
            if decided:
                words = listed(
                    [i + label(f"decision.{d}", self.process.language) for i, d in decided]
                )
                title = text("claims.decided", department=name, month=self.name, decisions=words)
                reasons = [f"{c.id}：{c.reason}" for c in sheet.claims if c.reason]
                director = self.people.director
                self.process.add(
                    self.meeting, Step.DECIDE_CLAIMS, director, title, {path: final}, reasons
                )

    def assessments(self) -> None:
        for department in self.process.in_order(self.found.assessments):
            assessment = self.found.assessments[department]
            path = self.path("assessments", department)
            name = self.process.department(department)
            title = text("assessment", department=name, month=self.name)
            marks = {**assessment.items, **assessment.public}
            reasons = [f"{item}：{mark.reason}" for item, mark in marks.items() if mark.reason]
            files = {path: self.process.text(path)}
            self.process.add(self.last, Step.ASSESS, assessment.assessor, title, files, reasons)

    def ratings(self) -> None:
        for leader in self.found.ratings:
            path = self.path("ratings", leader)
            name = self.people.name(leader)
            title = text("rating", leader=name, month=self.name, date=chinese_date(self.meeting))
            self.process.add(
                self.meeting, Step.RATE, leader, title, {path: self.process.text(path)}
            )
