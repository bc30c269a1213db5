"""The year as pull requests: who commits what, and when (DESIGN §1, §4).

Dates come from the records wherever they hold one (an inspection's and a check's
date, a rectification, the sign-off of a contract's month, the meeting, publication,
closing, an appeal's filing and decision); the rest fall on working days. The year is
set up in the December before (the rules, the site, the departments' routine targets,
the contracts; a routine file is amended before the first targets of a new head); what
takes effect from a later month (a person, a department, a new version of a setting, a
contract) is committed on the last working day on or before the 20th of the month
before; each month runs its course (``course``); appeals are filed and decided on their
dates, an upheld one's change to its subject in the pull request that decides it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

from scoring import model
from scoring.i18n import text as label
from scoring.model import add_months

from ..appeals import published_versions
from ..dates import chinese_date, chinese_month
from . import versions
from .course import Course
from .days import first_day, working_on_or_after, working_on_or_before
from .messages import TEXT, listed, text
from .people import People
from .timeline import PullRequest, Step, Timeline

RECORDS = "records/"
VERSIONED = ("org.yaml", "indicators.yaml")  # entries may start from a later month
SETUP_DAY = 15  # of the December before the first month


class Process:
    def __init__(self, records: model.Records, files: dict[str, bytes], site: dict[str, bytes]):
        assert records.org is not None
        self.records = records
        self.org = records.org
        self.files = files  # path under records/ -> final content
        self.site = site  # what the site build needs beside records/
        self.people = People(self.text("org.yaml"))
        self.language = self.org.language
        self.timeline = Timeline()
        self.months = sorted(records.months)
        self.routine_done: dict[str, str] = {}  # department -> its routine file committed

    # ------------------------------------------------------------ helpers

    def text(self, path: str) -> str:
        return self.files[path].decode("utf-8")

    @staticmethod
    def encoded(files: dict[str, str | bytes], prefix: str = RECORDS) -> dict[str, bytes]:
        """Paths in the repository (``prefix``: the folder they are in), contents as bytes."""
        return {
            prefix + path: content.encode("utf-8") if isinstance(content, str) else content
            for path, content in files.items()
        }

    def add(
        self,
        day: dt.date,
        step: Step,
        author: str,
        title: str,
        files: dict[str, str] | dict[str, str | bytes],
        body: list[str] | None = None,
    ) -> PullRequest:
        """A pull request changing ``files`` (paths under records/)."""
        pull = PullRequest(day, step, author, title, self.encoded(dict(files)), body or [])
        return self.timeline.add(pull)

    def evidence(self, month: str, names: tuple[str, ...]) -> dict[str, str | bytes]:
        return {f"{month}/evidence/{n}": self.files[f"{month}/evidence/{n}"] for n in names}

    def department(self, department: str) -> str:
        return self.people.department_name(department)

    def in_order(self, departments: Collection[str]) -> list[str]:
        """Department ids in org.yaml's order."""
        return [d.id for d in self.org.departments if d.id in departments]

    def routed(self, finding: model.Finding, month: str) -> str:
        """The finding's department, named or by the responsibility boundaries."""
        if finding.department:
            return finding.department
        assert self.records.indicators and self.records.indicators.boundaries
        boundaries = self.records.indicators.boundaries.in_force(month)
        return next(b.department for b in boundaries if b.kind == finding.kind)

    # ------------------------------------------------------------ the year

    def pull_requests(self) -> list[PullRequest]:
        self.setup()
        self.changes()
        for month in self.months:
            Course(self, month).run()
        self.appeals()
        covered = {path for pull in self.timeline.pulls for path in pull.files}
        missing = sorted(
            path
            for path in self.files
            if RECORDS + path not in covered and not path.endswith("/seal.yaml")
        )
        assert not missing, f"records no step of the process commits: {missing}"
        return self.timeline.ordered()

    def setup(self) -> None:
        """The December before the first month: the rules, the site, routine targets
        and the contracts in force at the start."""
        first = self.months[0]
        day = working_on_or_after(first_day(add_months(first, -1)).replace(day=SETUP_DAY))
        director = self.people.director
        rules = {p: versions.as_of(self.text(p), first) for p in VERSIONED if p in self.files}
        rules["bonus-rules.yaml"] = self.text("bonus-rules.yaml")
        title = text("setup", year=first[:4])
        self.add(day, Step.SETUP, director, title, rules, [text("setup.files")])
        site = PullRequest(day, Step.SETUP, director, text("site"), self.encoded(self.site, ""))
        self.timeline.add(site)
        for index, department in enumerate(self.org.departments_in(first)):
            self.routine(working_on_or_after(day, 2 + index % 3), department.id, first)
        for contract_id, contract in sorted(self.records.contracts.items()):
            if contract.start <= first:
                self.contract(working_on_or_after(day, 5), contract_id, contract)

    def routine(self, day: dt.date, department: str, month: str) -> None:
        """The department's routine file as ``month`` needs it: committed the first time,
        and again when a new head takes over the items the head owns."""
        path = f"routine/{department}.yaml"
        if path not in self.files:
            return
        head = self.people.head(department, month)
        latest = self.people.head(department, self.months[-1])
        wanted = versions.routine_as_of(self.text(path), latest, head)
        before = self.routine_done.get(department)
        if before == wanted:
            return
        self.routine_done[department] = wanted
        name = self.department(department)
        if before is None:
            title = text("routine", department=name)
        else:
            title = text("routine.owner", department=name, month=chinese_month(month))
        self.add(day, Step.SETUP, head, title, {path: wanted})

    def contract(self, day: dt.date, contract_id: str, contract: model.Contract) -> None:
        title = text(
            "contract",
            name=contract.name,
            provider=contract.provider,
            start=chinese_month(contract.start),
        )
        head = self.people.head(contract.department, contract.start)
        path = f"services/{contract_id}.yaml"
        self.add(day, Step.SETUP, head, title, {path: self.text(path)})

    def changes(self) -> None:
        """org.yaml and indicators.yaml as they stand each month, committed before the
        month they take effect in; contracts that start later, likewise."""
        first = self.months[0]
        month = first
        latest = {p: versions.as_of(self.text(p), first) for p in VERSIONED if p in self.files}
        while any(latest[p] != self.text(p) for p in latest):
            month = add_months(month, 1)
            assert month <= add_months(self.months[-1], 24), "org.yaml never reaches its final text"
            day = _before(month)
            for path in latest:
                now = versions.as_of(self.text(path), month)
                if now != latest[path]:
                    what = _what_changed(versions.added_entries(latest[path], now))
                    title = text("change", month=chinese_month(month), what=what)
                    self.add(day, Step.SETUP, self.people.director, title, {path: now})
                    latest[path] = now
        for contract_id, contract in sorted(self.records.contracts.items()):
            if contract.start > first:
                self.contract(_before(contract.start), contract_id, contract)

    # ------------------------------------------------------------ appeals

    def appeals(self) -> None:
        changes = published_versions()
        for stem, appeal in sorted(self.records.appeals.items()):
            path = f"appeals/{stem}.yaml"
            final = self.text(path)
            subject_path = appeal.subject.partition("#")[0]
            if appeal.contract:
                contract = self.records.contracts[appeal.contract]
                department = contract.department
                who = text(
                    "appeal.for", department=self.department(department), contract=contract.name
                )
            else:
                assert appeal.department
                department = appeal.department
                who = self.department(department)
            filer = self.people.head(department, model.month_of(appeal.filed))
            words = self.subject_words(appeal.subject, appeal.department)
            title = text("appeal", id=stem, who=who, subject=words)
            body = [text("appeal.grounds", grounds=appeal.grounds)]
            self.add(
                appeal.filed,
                Step.APPEAL,
                filer,
                title,
                {path: versions.appeal_as_filed(final)},
                body,
            )
            if appeal.status == "pending":
                continue
            assert appeal.decided and appeal.decision
            status = label(f"appeal.{appeal.status}", self.language)
            body = [text("appeal.record", id=stem, decided=chinese_date(appeal.decided))]
            if stem in changes:
                key = "appeal.amended"
                body.append(text("appeal.changed", paths=appeal.subject))
            else:
                key = "appeal.decided"
            title = text(
                key,
                id=stem,
                status=status,
                decision=appeal.decision,
                subject=self.subject_words(appeal.subject, None),
            )
            decision = self.add(
                appeal.decided, Step.DECIDE_APPEAL, self.people.director, title, {path: final}, body
            )
            if stem in changes:
                self.timeline.amend(RECORDS + subject_path, decision, changes[stem])

    def subject_words(self, subject: str, own: str | None) -> str:
        """An appeal's subject in words, its month included; ``own``: the department
        filing, not named again when the subject is its own record."""
        path, _, item = subject.partition("#")
        month, kind, name = path.split("/", 2)
        stem = Path(name).stem
        found = self.records.months[month]
        if kind in ("assessments", "bonuses"):
            department = "" if stem == own else self.department(stem)
            words = text(f"subject.{kind}", month=chinese_month(month), department=department)
        elif kind == "inspections":
            words = text("subject.inspections", date=chinese_date(found.inspections[stem].date))
        elif kind == "services":
            contract = self.records.contracts[stem].name
            words = text("subject.services", month=chinese_month(month), contract=contract)
        else:
            words = path
        return words + item


def _before(month: str) -> dt.date:
    """When something taking effect in ``month`` is committed: the 20th of the month before."""
    return working_on_or_before(first_day(add_months(month, -1)) + dt.timedelta(days=19))


def _what_changed(added: dict[str, list[object]]) -> str:
    parts = []
    for key, entries in added.items():
        names = [str(e.get("name") or e.get("id")) for e in entries if isinstance(e, dict)]
        if key == "people":
            parts.append(text("change.person", names=listed(names)))
        elif key == "departments":
            parts.append(text("change.department", names=listed(names)))
        elif f"setting.{key}" in TEXT:
            parts.append(text("change.setting", names=text(f"setting.{key}")))
        else:
            parts.append(text("change.other", names=key))
    return "；".join(parts) or text("change.other", names="org.yaml")
