"""Scaffolding a new month (``kaoping new-month``): the files a month starts from.

A new month gets ``month.yaml`` (status ``open``, overseers from the rotation), a
targets file for each department that exists that month, pre-filled with its routine
targets from ``records/routine/DEPT.yaml`` (kind ``routine``, the deadline day turned
into that month's date), and, for each outsourced service contract active that month,
a checks file without ``assessed``. The folders the role guides send people to
(``FOLDERS``: leaders' ratings, the office's assessments, inspections and evidence, the
departments' bonus claims) are made too, each holding an empty ``.gitkeep`` while it
has no file of its own, so that git keeps it (the one dot-file allowed under
``records/``). Existing files are never touched: only what is missing is created, each
file opened in exclusive mode; ``create_missing`` says which record files it skipped.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from scoring import model
from scoring.rotation import flow_list, plan_rotation

# the folders a month's people open (the guides name them); services/ holds files already
FOLDERS = ("assessments", "inspections", "evidence", "ratings", "bonuses")
KEEP = ".gitkeep"


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to records/
    text: str

    @property
    def placeholder(self) -> bool:
        """An empty ``.gitkeep``: wanted only while its folder holds nothing else."""
        return self.path.endswith("/" + KEEP)


@dataclass(frozen=True)
class Scaffolded:
    created: tuple[str, ...]  # paths under records/, in order
    skipped: tuple[str, ...]  # record files that existed already (left as they were)


def deadline(month: str, day: int | str) -> dt.date:
    """A routine item's deadline in ``month``: day 1–28, or ``last`` for the month's last day."""
    year, number = int(month[:4]), int(month[5:7])
    if day == "last":
        return dt.date(year, number, calendar.monthrange(year, number)[1])
    return dt.date(year, number, int(day))


def _plain_number(value: Decimal) -> int | float:
    # two-decimal values round-trip through float's shortest repr exactly
    return int(value) if value == value.to_integral_value() else float(value)


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as people write them (``items:\n  - id: R1``)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def month_text(overseers: tuple[str, ...]) -> str:
    return f"status: open\noverseers: {flow_list(overseers)}\nabsent: []\n"


def targets_text(routine: model.RoutineSheet | None, month: str) -> str:
    """A targets file holding the department's routine targets for ``month``."""
    items = []
    for item in routine.items if routine else ():
        target: dict[str, Any] = {"id": item.id, "kind": "routine"}
        if item.source is not None:
            target["source"] = item.source
        target.update(
            title=item.title,
            standard=item.standard,
            deadline=deadline(month, item.deadline_day),
            owner=item.owner,
            weight=_plain_number(item.weight),
        )
        items.append(target)
    return _dump({"items": items})


def checks_text() -> str:
    return "checks: []\n"


def plan_month(records: model.Records, month: str) -> tuple[NewFile, ...]:
    """Every file a new ``month`` starts with (existing or not); requires org.yaml."""
    org = records.org
    assert org is not None
    overseers: tuple[str, ...] = ()
    scheduled = plan_rotation(records, int(month[:4])).month(month)
    if scheduled is not None:
        overseers = scheduled.overseers
    files = [NewFile(f"{month}/month.yaml", month_text(overseers))]
    for department in org.departments_in(month):
        files.append(
            NewFile(
                f"{month}/targets/{department.id}.yaml",
                targets_text(records.routine.get(department.id), month),
            )
        )
    for contract_id, contract in sorted(records.contracts.items()):
        if contract.active(month):
            files.append(NewFile(f"{month}/services/{contract_id}.yaml", checks_text()))
    files.extend(NewFile(f"{month}/{folder}/{KEEP}", "") for folder in FOLDERS)
    return tuple(files)


def _holds_files(folder: Path) -> bool:
    try:
        return any(True for _ in folder.iterdir())
    except FileNotFoundError:
        return False


def create_missing(root: Path, files: tuple[NewFile, ...]) -> Scaffolded:
    """Write the files that do not exist yet (a ``.gitkeep`` only into a folder holding
    nothing); what was created and which record files were skipped, in order."""
    created: list[str] = []
    skipped: list[str] = []
    for new in files:
        target = root / new.path
        if new.placeholder and _holds_files(target.parent):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("xb") as out:
                out.write(new.text.encode("utf-8"))
        except FileExistsError:
            skipped.append(new.path)
            continue
        created.append(new.path)
    return Scaffolded(tuple(created), tuple(skipped))


def months_between(earlier: str, later: str) -> tuple[str, ...]:
    """The calendar months strictly between two ``YYYY-MM`` months."""
    year, number = int(earlier[:4]), int(earlier[5:7])
    between: list[str] = []
    while True:
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
        current = f"{year:04d}-{number:02d}"
        if current >= later:
            return tuple(between)
        between.append(current)


def skipped_months(existing: tuple[str, ...], month: str) -> tuple[str, ...]:
    """The months between the latest existing month before ``month`` and ``month`` that
    have no folder: a new month that leaves them behind is said so."""
    before = [m for m in existing if m < month]
    return months_between(max(before), month) if before else ()
