"""A rule: one named check with its scope and the problem codes it can raise.

Each rule module declares its rules with ``@rule(SCOPE, "code", ...)`` above a small
function that takes the ``Context`` and yields problems; ``checks.REGISTRY`` lists
every module's rules in one place. The scope says what a rule reads, which is what
lets the engine keep a month's findings while only that month's inputs stay the same:

- ``shared``: the files outside month folders and the months' names;
- ``month``: the shared files and one month folder (run for each month on its own);
- ``cross``: what crosses months, from each month's summary (claims and their streaks,
  appeals and the items they name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scoring.problems import Problem

if TYPE_CHECKING:
    from scoring.checks.context import Context

SHARED = "shared"
MONTH = "month"
CROSS = "cross"
SCOPES = (SHARED, MONTH, CROSS)

Check = Callable[["Context"], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A check, its scope and the codes of the problems it yields."""

    check: Check
    scope: str
    codes: frozenset[str]

    @property
    def id(self) -> str:
        return self.check.__name__.replace("_", "-")

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()

    def __call__(self, context: Context) -> Iterable[Problem]:
        return self.check(context)


def rule(scope: str, *codes: str) -> Callable[[Check], Rule]:
    """Declare a rule: ``@rule(MONTH, "weights-sum")`` above its check."""
    assert scope in SCOPES and codes, (scope, codes)

    def declare(check: Check) -> Rule:
        return Rule(check, scope, frozenset(codes))

    return declare
