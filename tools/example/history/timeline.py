"""The year's pull requests, in the order they were merged.

Each pull request is one step of the process (DESIGN §1): who wrote it, the day and
the step it belongs to, its title, and the files it adds or changes, each file's text
as it stood after that step. ``process`` adds them in the order it derives them (each
record's versions oldest first); ``ordered`` sorts them by day and step and checks
that every record's versions still come in the order they were derived.

An appeal's subject is committed as published until the pull request that decides the
appeal, which commits the subject's current text: the only change after publication
is the one the decision makes, in the same pull request (what the closed-month lock
asks of an amendment).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum

from .versions import as_published


class Step(IntEnum):
    """What happens first on a day where several steps fall."""

    SETUP = 0  # setting up the year, changes taking effect next month
    OPEN = 1
    TARGETS = 2
    FIELD = 3  # inspections, service checks, rectifications
    CLAIM = 4
    ASSESSING = 5
    SIGN_OFF = 6
    ASSESS = 7
    RATE = 8
    DECIDE_CLAIMS = 9
    PUBLISH = 10
    APPEAL = 11
    DECIDE_APPEAL = 12
    CLOSE = 13


Key = tuple[dt.date, int, int]


@dataclass
class PullRequest:
    day: dt.date
    step: Step
    author: str  # the person id of whoever wrote the change
    title: str
    files: dict[str, bytes]  # path in the repository -> content after the change
    body: list[str] = field(default_factory=list)
    serial: int = 0  # the order it was derived in
    amends: tuple[str, ...] = ()  # appeal subjects whose current text it commits, amended
    seals: tuple[str, ...] = ()  # months whose seal.yaml the replay wrote into it

    @property
    def key(self) -> Key:
        return (self.day, int(self.step), self.serial)


@dataclass(frozen=True)
class Amendment:
    """An appeal's change of its subject: decided in ``key``, undone before it."""

    path: str
    key: Key
    changes: list[tuple[str, str]]


class Timeline:
    def __init__(self) -> None:
        self.pulls: list[PullRequest] = []
        self.amendments: dict[str, Amendment] = {}

    def add(self, pull: PullRequest) -> PullRequest:
        pull.serial = len(self.pulls)
        self.pulls.append(pull)
        return pull

    def amend(self, path: str, decision: PullRequest, changes: list[tuple[str, str]]) -> None:
        decision.amends = (*decision.amends, path)
        self.amendments[path] = Amendment(path, decision.key, changes)

    def ordered(self) -> list[PullRequest]:
        """The pull requests by day and step, each subject as published until its
        appeal is decided, and each decision carrying its subject's amended text."""
        pulls = sorted(self.pulls, key=lambda pull: pull.key)
        _check_versions_in_order(pulls)
        current: dict[str, bytes] = {}
        for pull in pulls:
            for path in pull.amends:
                assert path not in pull.files and path in current, path
                pull.files[path] = current[path]
            for path, content in list(pull.files.items()):
                current[path] = content
                amendment = self.amendments.get(path)
                if amendment is not None and pull.key < amendment.key:
                    text = as_published(content.decode("utf-8"), amendment.changes)
                    pull.files[path] = text.encode("utf-8")
        return pulls


def _check_versions_in_order(pulls: list[PullRequest]) -> None:
    """Every file's differing versions come in the order they were derived."""
    seen: dict[str, tuple[int, bytes]] = {}
    for pull in pulls:
        for path, content in pull.files.items():
            before = seen.get(path)
            if before is not None and before[1] != content:
                assert before[0] < pull.serial, f"{path}: versions out of order at {pull.title}"
            seen[path] = (pull.serial, content)
