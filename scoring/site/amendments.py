"""Amendments: the commits that changed an appeal's subject after it was filed.

For every appeal, the history of its subject file (``history``) gives the commits on
or after the filing date. For each such commit the records before it (its first
parent) and after it are read from git's object database (``revisions.engine_at``),
validated and scored by the engine (a month unchanged between commits is not read
twice), and ``diffing.figure_changes`` lists the figures of the appeal's
department or contract in the appeal's month that moved. Scored revisions are cached
by commit, so a commit shared by several appeals is scored once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scoring import model
from scoring.diffing import FigureChange, figure_changes
from scoring.engine import engine_at
from scoring.history import Change, History
from scoring.published import Figures
from scoring.revisions import RevisionError
from scoring.site.data import SiteData


@dataclass(frozen=True)
class Amendment:
    """One commit that changed the subject after filing, and the figures it moved."""

    change: Change
    figures: tuple[FigureChange, ...] | None  # None: a side could not be scored


def subject_path(appeal: model.Appeal) -> str:
    return appeal.subject.split("#", 1)[0]


def _changes_after(history: History, appeal: model.Appeal) -> list[Change]:
    found = []
    for change in history.of(subject_path(appeal)):
        try:
            day = dt.date.fromisoformat(change.commit.date[:10])
        except ValueError:
            continue
        if day >= appeal.filed:
            found.append(change)
    return list(reversed(found))  # oldest first


class _Scores:
    """Results of the records at a commit, computed once per commit."""

    def __init__(self, data: SiteData) -> None:
        self.data = data
        self.cache: dict[str, Figures | None] = {}

    def at(self, sha: str) -> Figures | None:
        if sha not in self.cache:
            self.cache[sha] = self._score(sha)
        return self.cache[sha]

    def _score(self, sha: str) -> Figures | None:
        try:
            with engine_at(self.data.root, sha) as engine:
                evaluation = engine.evaluation()
                if evaluation.errors or evaluation.org is None:
                    return None
                return engine.figures()
        except RevisionError:
            return None


def amendments(data: SiteData) -> dict[str, list[Amendment]]:
    """Appeal id -> the commits that amended its subject after filing, oldest first."""
    found: dict[str, list[Amendment]] = {}
    if not data.history.available or data.history.shallow:
        return found
    scores = _Scores(data)
    for key, appeal in sorted(data.records.appeals.items()):
        who = appeal.department or appeal.contract
        rows = []
        for change in _changes_after(data.history, appeal):
            parents = change.commit.parents
            before = scores.at(parents[0]) if parents else None
            after = scores.at(change.commit.sha)
            figures = None
            if before is not None and after is not None:
                figures = tuple(
                    row
                    for row in figure_changes(before, after)
                    if row.month == appeal.month and row.who == who
                )
            rows.append(Amendment(change, figures))
        found[key] = rows
    return found
