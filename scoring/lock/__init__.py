"""The closed-month lock (DESIGN.md §4): what a change may do to closed months and appeals.

``check_lock(records, base)`` compares the base revision with the working tree and
returns every refusal as a located problem. A month closed in the base is frozen: a file
under it changes only as an appeal that this same change decides upheld or
partly-upheld unlocks it (``unlocking``), and its figures, the base's computed with the
base's own code (``figures``), move only with such an appeal. Around that the lock
holds decided appeals immutable and pending ones to their subject, month dates and
appeal windows as the base has them, git's tracking of the records (``tracking``),
contracts' terms, and a status that never moves backwards (``rules``). A change to the
code or the workflows CI runs is said, as a notice: it needs a maintainer's review.

- ``change``: the two sides of a change (``read_change``), read once;
- ``unlocking``: what the appeals decided in the change unlock;
- ``figures``: the closed months' figures, each side by its own code;
- ``rules``: the rules, listed in ``RULES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoring.lock.change import Change, read_change
from scoring.lock.rules import RULES
from scoring.problems import ERROR, WARNING, Problem, count, sorted_problems


@dataclass
class LockReport:
    """Every refusal (errors), warning and notice of a change, in the records' language."""

    root: Path
    language: str
    problems: list[Problem]

    @property
    def name(self) -> str:
        """The records folder's name, as problems' paths are shown."""
        return self.root.resolve().name if self.root.name in ("", ".", "..") else self.root.name

    @property
    def errors(self) -> int:
        return count(self.problems, ERROR)

    @property
    def warnings(self) -> int:
        return count(self.problems, WARNING)


def judge(change: Change) -> list[Problem]:
    """Every problem the rules find in ``change``, sorted."""
    return sorted_problems([problem for rule in RULES for problem in rule(change)])


def check_lock(records: Path, base: str, cache: bool = True) -> LockReport:
    """The lock between the git revision ``base`` and the working tree's ``records``
    (``cache``: the engine's store beside the records serves unchanged months).

    Raises ``revisions.RevisionError`` when the repository or the revision cannot be read.
    """
    change = read_change(records, base, cache)
    return LockReport(records, change.language, judge(change))
