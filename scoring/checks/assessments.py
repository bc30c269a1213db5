"""Rules for assessments/DEPT.yaml: every item scored once, within bounds, with reasons."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from scoring import model
from scoring.checks.context import Context
from scoring.checks.rule import MONTH, rule
from scoring.problems import Pos, Problem, error
from scoring.suggestions import nearest


@rule(MONTH, "bad-assessor", "unknown-person")
def assessor(context: Context) -> Iterator[Problem]:
    """The assessor is a person with role office or inspector."""
    if context.org is None:
        return  # nobody's roles are known
    for month in context.months():
        for sheet in month.assessments.values():
            problem = context.unknown_person(sheet.assessor, sheet.pos("assessor"))
            if problem:
                yield problem
            elif not context.has_role(sheet.assessor, "office", "inspector"):
                yield error(sheet.pos("assessor"), "bad-assessor", person=sheet.assessor)


def _marks(
    marks: Mapping[str, model.Mark],
    bounds: dict[str, Decimal],
    names: dict[str, str],
    sheet: model.Assessment,
    field: str,
    complete: bool,
) -> Iterator[Problem]:
    for key, mark in marks.items():
        if key not in bounds:
            if not complete:
                continue  # the item may be one the reader could not read
            code = "unknown-item" if field == "items" else "unknown-indicator"
            yield error(mark.at, code, item=key, hint=nearest(key, names) or "")
            continue
        top = bounds[key]
        if mark.score > top:
            code = "score-above-weight" if field == "items" else "score-above-max"
            yield error(mark.pos("score"), code, item=key, score=mark.score, maximum=top)
        elif mark.score < top and not mark.reason:
            yield error(
                mark.pos("score"), "reason-required", item=key, score=mark.score, maximum=top
            )
    if complete:
        for key in bounds:
            if key not in marks:
                code = "unscored-item" if field == "items" else "unscored-indicator"
                yield error(sheet.pos(field), code, item=key)


@rule(
    MONTH,
    "assessment-without-targets",
    "reason-required",
    "score-above-max",
    "score-above-weight",
    "unknown-indicator",
    "unknown-item",
    "unscored-indicator",
    "unscored-item",
)
def scores(context: Context) -> Iterator[Problem]:
    """Each target item and public indicator is scored exactly once, 0..weight (or max)."""
    indicators = context.records.indicators
    for month in context.months():
        in_force = indicators.public.in_force(month.month) if indicators else ()
        public = {i.id: i.max for i in in_force}
        public_names = {i.id: i.name for i in in_force}
        for stem, sheet in month.assessments.items():
            targets = month.targets.get(stem)
            targets_path = f"{month.month}/targets/{stem}.yaml"
            if targets is None:
                if targets_path not in context.records.present:
                    yield error(Pos(sheet.at.path), "assessment-without-targets", department=stem)
                continue
            weights = {item.id: item.weight for item in targets.items}
            titles = {item.id: item.title for item in targets.items}
            # a key that did not read may be the one missing: what is unscored is judged
            # only from whole files
            whole = sheet.at.path not in context.records.damaged
            targets_whole = whole and targets_path not in context.records.damaged
            yield from _marks(sheet.items, weights, titles, sheet, "items", targets_whole)
            if indicators:
                yield from _marks(sheet.public, public, public_names, sheet, "public", whole)


RULES = [assessor, scores]
