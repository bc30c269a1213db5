"""Suggestions: the id someone most likely meant when they typed a name or a near miss.

Office staff know people, departments and indicators by name (赵强, 办公室, 作风纪律);
records name them by id (``zhao``, ``office``, ``discipline``). ``nearest`` finds the
id meant: the same id in other letter case or width, then the exact name, then a name
holding what was typed (纪律 → 作风纪律), then the closest id or name.

The reader reports an id that is not one (``owner: 赵强``) as ``bad-id`` with what it
refers to (``Ident(refers=...)``); the organisation is known only once org.yaml,
indicators.yaml and bonus-rules.yaml are read, so ``suggest_ids`` turns those problems
into ``name-not-id`` problems naming the id meant, after reading. Only problems are
rewritten, never a parsed value, so files kept by content (the engine's cache) stay
what the reader gave.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping

from scoring import model
from scoring.problems import Problem, make

Choices = Mapping[str, str]  # id -> name
# What an ``Ident(refers=...)`` names -> the word for it in messages (a term).
WHAT = {
    "people": "person",
    "departments": "department",
    "public": "indicator",
    "bonus-rules": "rule",
}


def nearest(typed: str, choices: Choices) -> str | None:
    """The id of ``choices`` that ``typed`` most likely means, or None."""
    if not typed or not choices:
        return None
    folded = unicodedata.normalize("NFKC", typed).strip().strip("“”‘’\"'").lower()
    for choice in choices:
        if choice.lower() == folded:
            return choice
    for choice, name in choices.items():
        if name == typed.strip():
            return choice
    holding = [c for c, name in choices.items() if len(folded) >= 2 and folded in name]
    if holding:
        return max(holding, key=lambda c: _likeness(folded, choices[c]))
    close = difflib.get_close_matches(folded, list(choices), n=1, cutoff=0.6)
    if close:
        return close[0]
    by_name = {name: choice for choice, name in choices.items()}
    close = difflib.get_close_matches(typed.strip(), list(by_name), n=1, cutoff=0.5)
    return by_name[close[0]] if close else None


def _likeness(first: str, second: str) -> float:
    return difflib.SequenceMatcher(None, first, second).ratio()


def directory(records: model.Records) -> dict[str, dict[str, str]]:
    """What each kind of reference may name, id -> name, from the records read."""
    found: dict[str, dict[str, str]] = {}
    if records.org is not None:
        found["people"] = {person.id: person.name for person in records.org.people}
        found["departments"] = {d.id: d.name for d in records.org.departments}
    if records.indicators is not None:
        found["public"] = {
            indicator.id: indicator.name
            for version in records.indicators.public.versions
            for indicator in version.value
        }
    if records.bonus_rules is not None:
        found["bonus-rules"] = {
            rule.id: rule.name
            for category in records.bonus_rules.categories
            for rule in category.rules
        }
    return found


def suggest_ids(problems: Iterable[Problem], names: Mapping[str, Choices]) -> list[Problem]:
    """``problems`` with each ``bad-id`` of an organisation's id that names something
    known (by name, or nearly by id) replaced by a ``name-not-id`` suggesting it."""
    suggested = []
    for problem in problems:
        params = dict(problem.params)
        refers = params.get("refers", "")
        if problem.code == "bad-id" and refers in names:
            choices = names[refers]
            meant = nearest(params["id"], choices)
            if meant is not None:
                problem = make(
                    problem.pos,
                    problem.severity,
                    "name-not-id",
                    id=params["id"],
                    what=WHAT.get(refers, refers),
                    suggestion=meant,
                    name=choices[meant],
                )
        suggested.append(problem)
    return suggested
