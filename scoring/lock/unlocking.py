"""What the appeals a change decides unlock in the months closed in its base (DESIGN.md §4).

An appeal unlocks a closed month only when this same change **decides** it as upheld
or partly-upheld: it is new with that status, or its status moves from pending to it
(a review, ``review_of``, unlocks as an appeal does). It must be in time as the base
holds the dates and rules (``filing_window``). It then unlocks only what its subject
names:

- a file of the appeal's month that holds one party's items (targets, assessments,
  bonuses, a contract's month of checks, month.yaml, an evidence file): that file,
  whether the subject names an item (``PATH#ITEM``) or not;
- a file holding several departments' items (``SHARED``: an inspection's findings, a
  leader's ratings): only the named item; without ``#item``, only the appellant
  department's items (its findings, its rating), never another department's;
- a finding with a ``target`` (before or after the change): also the assessment of
  that finding's department in that month;
- the seal.yaml of its month (and of later closed months whose figures move with it).

A subject outside the month's folder (org.yaml, a contract, the rules) unlocks nothing
in a closed month beyond its seal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from scoring import model
from scoring.formats import kind_of
from scoring.results.departments import routes

ALLOWING = ("upheld", "partly-upheld")
# What a pending appeal keeps while it is decided or withdrawn.
PENDING_KEEPS = ("department", "contract", "month", "subject", "filed", "grounds", "review_of")
SHARED = ("inspections", "ratings")  # files holding several departments' items


def closed_months(records: model.Records) -> list[str]:
    return [m.month for m in records.months.values() if m.status == "closed"]


def decided_in_change(base: model.Records, head: model.Records) -> dict[str, model.Appeal]:
    """Appeal id -> the appeals this change decides upheld or partly-upheld.

    An appeal pending in the base is taken with what it keeps as the base has it (its
    party, month, subject, filing date, grounds and ``review_of``): editing them is
    refused, and never widens what the decision unlocks.
    """
    found = {}
    for stem, appeal in head.appeals.items():
        before = base.appeals.get(stem)
        if appeal.status not in ALLOWING:
            continue
        if before is None:
            found[stem] = appeal
        elif before.status == "pending":
            kept = {name: getattr(before, name) for name in PENDING_KEEPS}
            found[stem] = dataclasses.replace(appeal, **kept)
    return found


@dataclass(frozen=True)
class Window:
    """An appeal's filing window as the base holds it."""

    start: dt.date  # the month's publication, or the reviewed appeal's decision
    days: int

    def holds(self, filed: dt.date) -> bool:
        return 0 <= (filed - self.start).days <= self.days


def filing_window(appeal: model.Appeal, base: model.Records, head: model.Records) -> Window | None:
    """The window judged from the base: its ``published`` date (for a review, the base's
    ``decided`` of the appeal reviewed) and, for a month closed in the base, the base's
    ``appeals`` rule. None when the base does not hold the start (validation judges)."""
    closed = appeal.month in closed_months(base)
    org = base.org if closed else head.org
    if org is None:
        return None
    days = org.appeals.in_force(appeal.month).window_days
    if appeal.review_of is not None:
        earlier = base.appeals.get(appeal.review_of) or head.appeals.get(appeal.review_of)
        if earlier is None or earlier.decided is None:
            return None
        return Window(earlier.decided, days)
    month = base.months.get(appeal.month)
    if month is None or month.info is None or month.info.published is None:
        return None
    return Window(month.info.published, days)


def finding_department(records: model.Records, month: str, finding: model.Finding) -> str | None:
    if finding.department:
        return finding.department
    return routes(records, month).get(finding.kind) if finding.kind else None


@dataclass
class Unlocked:
    """What the decided appeals unlock, each with the appeals that unlock it."""

    files: dict[str, set[str]] = field(default_factory=dict)  # path -> appeals (whole file)
    items: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # shared path -> item ->
    months: dict[str, set[str]] = field(default_factory=dict)  # month -> appeals (seal, figures)

    def file(self, path: str, stem: str) -> None:
        self.files.setdefault(path, set()).add(stem)

    def item(self, path: str, item: str, stem: str) -> None:
        self.items.setdefault(path, {}).setdefault(item, set()).add(stem)


def sheet_at(records: model.Records, path: str) -> object | None:
    """The parsed record at ``path`` (a sheet of a month folder), None when absent."""
    found = kind_of(path)
    if found is None or len(found[1]) < 2:
        return None
    kind, (month, stem) = found[0], found[1][:2]
    folder = records.months.get(month)
    sheets = getattr(folder, kind, None) if folder else None
    return sheets.get(stem) if isinstance(sheets, dict) else None


def _findings(records: model.Records, path: str) -> tuple[model.Finding, ...]:
    sheet = sheet_at(records, path)
    return sheet.findings if isinstance(sheet, model.Inspection) else ()


def _party_items(
    kind: str, path: str, appeal: model.Appeal, sides: tuple[model.Records, ...]
) -> set[str]:
    """Without ``#item``, a shared file's items that are the appellant department's."""
    if appeal.department is None:
        return set()
    if kind == "ratings":
        return {appeal.department}
    return {
        finding.id
        for records in sides
        for finding in _findings(records, path)
        if finding_department(records, appeal.month, finding) == appeal.department
    }


def _target_assessments(
    path: str, ids: set[str], month: str, sides: tuple[model.Records, ...]
) -> set[str]:
    """The assessments that the findings ``ids`` bear on through a ``target``."""
    found = set()
    for records in sides:
        for finding in _findings(records, path):
            if finding.target and finding.id in ids:
                department = finding_department(records, month, finding)
                if department:
                    found.add(f"{month}/assessments/{department}.yaml")
    return found


def unlocked_by(
    appeals: dict[str, model.Appeal], base: model.Records, head: model.Records
) -> Unlocked:
    """What ``appeals`` (decided in the change, in time) unlock in months closed in the base."""
    unlocked = Unlocked()
    closed = set(closed_months(base))
    for stem, appeal in sorted(appeals.items()):
        if appeal.month not in closed:
            continue
        unlocked.months.setdefault(appeal.month, set()).add(stem)
        path, _, item = appeal.subject.partition("#")
        found = kind_of(path)
        if found is None or not path.startswith(appeal.month + "/") or found[0] == "seal":
            continue  # outside the month's folder: nothing beyond the seal
        kind = found[0]
        if kind not in SHARED:
            unlocked.file(path, stem)
            continue
        ids = {item} if item else _party_items(kind, path, appeal, (base, head))
        for one in ids:
            unlocked.item(path, one, stem)
        for assessment in _target_assessments(path, ids, appeal.month, (base, head)):
            unlocked.file(assessment, stem)
    return unlocked
