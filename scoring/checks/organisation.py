"""Rules for org.yaml, indicators.yaml, bonus-rules.yaml and the routine targets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from scoring import model
from scoring.checks.context import Context
from scoring.checks.rule import SHARED, rule
from scoring.problems import Pos, Problem, error

HUNDRED = Decimal(100)
ONE = Decimal(1)


@rule(SHARED, "missing-file")
def required_files(context: Context) -> Iterator[Problem]:
    """org.yaml, indicators.yaml and bonus-rules.yaml must exist."""
    for name in ("org.yaml", "indicators.yaml", "bonus-rules.yaml"):
        if name not in context.records.present:
            yield error(Pos(name), "missing-file")


def _duplicates(items: Iterable[model.Located], attribute: str, what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for item in items:
        value = getattr(item, attribute)
        if value in seen:
            yield error(item.pos(attribute), "duplicate-id", id=value, what=what)
        seen.add(value)


def _period(item: model.Located, start: str | None, end: str | None) -> Iterator[Problem]:
    if start and end and start > end:
        yield error(item.pos("end"), "bad-period", start=start, end=end)


@rule(SHARED, "duplicate-id")
def unique_ids(context: Context) -> Iterator[Problem]:
    """People, departments, grades, indicators, rule categories and rules have unique ids."""
    org = context.org
    if org:
        yield from _duplicates(org.people, "id", "person")
        yield from _duplicates(org.departments, "id", "department")
        for version in org.grades.versions:
            yield from _duplicates(version.value, "id", "grade")
    indicators = context.records.indicators
    if indicators:
        for public in indicators.public.versions:
            yield from _duplicates(public.value, "id", "indicator")
        if indicators.boundaries:
            for boundaries in indicators.boundaries.versions:
                yield from _duplicates(boundaries.value, "kind", "boundary")
    rules = context.records.bonus_rules
    if rules:
        yield from _duplicates(rules.categories, "id", "category")
        yield from _duplicates(
            [rule for category in rules.categories for rule in category.rules], "id", "rule"
        )


@rule(SHARED, "bad-period", "head-without-role", "unknown-person")
def people_and_departments(context: Context) -> Iterator[Problem]:
    """Heads and members are people; periods run forward; heads have the role head."""
    org = context.org
    if not org:
        return
    for person in org.people:
        yield from _period(person, person.start, person.end)
    for department in org.departments:
        yield from _period(department, department.start, department.end)
        for version in department.head.versions:
            head, pos = version.value, version.where.get("value", department.pos("head"))
            problem = context.unknown_person(head, pos)
            if problem:
                yield problem
            elif not context.has_role(head, "head"):
                yield context.warn(pos, "head-without-role", person=head)
        for member in department.members:
            yield from _period(member, member.start, member.end)
            problem = context.unknown_person(member.id, member.pos("id"))
            if problem:
                yield problem


@rule(SHARED, "head-absent")
def heads_exist(context: Context) -> Iterator[Problem]:
    """A head exists (their own from/to) in the first month their version is in force
    for the department: the version's `from`, or the department's first month when later."""
    org = context.org
    if not org:
        return
    for department in org.departments:
        for version in department.head.versions:
            person = context.person(version.value)
            starts = [m for m in (version.start, department.start) if m is not None]
            if person is None or not starts:
                continue
            month = max(starts)
            if department.end is not None and month > department.end:
                continue
            if not person.active(month):
                pos = version.where.get("value", department.pos("head"))
                yield error(pos, "head-absent", person=version.value, month=month)


@rule(SHARED, "weights-sum")
def weights_sum(context: Context) -> Iterator[Problem]:
    """weights: business + public = 100 and indicator + leader = 1, in every version."""
    if not context.org:
        return
    for version in context.org.weights.versions:
        weights = version.value
        if weights.business + weights.public != HUNDRED:
            yield error(
                weights.at,
                "weights-sum",
                what="business + public",
                total=weights.business + weights.public,
                expected=HUNDRED,
            )
        if weights.indicator + weights.leader != ONE:
            yield error(
                weights.at,
                "weights-sum",
                what="indicator + leader",
                total=weights.indicator + weights.leader,
                expected=ONE,
            )


@rule(SHARED, "grades-lowest", "grades-order")
def grades_order(context: Context) -> Iterator[Problem]:
    """Grades run highest first with strictly falling minimums; the lowest has min 0."""
    if not context.org:
        return
    for version in context.org.grades.versions:
        grades = version.value
        for higher, lower in zip(grades, grades[1:], strict=False):
            if lower.min >= higher.min:
                yield error(lower.pos("min"), "grades-order", grade=lower.id, name=lower.name)
        if grades and grades[-1].min != 0:
            yield error(
                grades[-1].pos("min"), "grades-lowest", grade=grades[-1].id, name=grades[-1].name
            )


def _first_month(context: Context) -> str | None:
    return next(iter(context.all_month_names()), None)


@rule(SHARED, "versions-start")
def versions_start(context: Context) -> Iterator[Problem]:
    """The first version of a versioned setting starts no later than the first month."""
    first = _first_month(context)
    if first is None:
        return
    settings: list[model.Versioned[object]] = []
    if context.org:
        org = context.org
        settings += [org.weights, org.leader_rating, org.grades, org.bonus, org.appeals]  # type: ignore[list-item]
    if context.records.indicators:
        settings.append(context.records.indicators.public)  # type: ignore[arg-type]
        if context.records.indicators.boundaries:
            settings.append(context.records.indicators.boundaries)  # type: ignore[arg-type]
    for setting in settings:
        start = setting.versions[0].start
        if start is not None and start > first:
            yield error(setting.versions[0].at, "versions-start", start=start, first=first)


@rule(SHARED, "public-sum")
def public_sum(context: Context) -> Iterator[Problem]:
    """The public indicators' maxima sum to the weights.public in force."""
    if not context.org or not context.records.indicators:
        return
    months = set(context.all_month_names())
    for version in context.records.indicators.public.versions + context.org.weights.versions:
        if version.start:
            months.add(version.start)
    reported: set[tuple[int, int]] = set()
    for month in sorted(months):
        public = context.records.indicators.public.version_in_force(month)
        weights = context.org.weights.version_in_force(month)
        key = (id(public), id(weights))
        total = sum((indicator.max for indicator in public.value), Decimal(0))
        if key not in reported and total != weights.value.public:
            reported.add(key)
            yield error(
                public.at, "public-sum", total=total, expected=weights.value.public, month=month
            )


@rule(SHARED, "unknown-department")
def boundaries_resolve(context: Context) -> Iterator[Problem]:
    """Each responsibility boundary names a department."""
    indicators = context.records.indicators
    if not indicators or not indicators.boundaries or not context.org:
        return
    for version in indicators.boundaries.versions:
        for boundary in version.value:
            if context.org.department(boundary.department) is None:
                yield error(
                    boundary.pos("department"), "unknown-department", department=boundary.department
                )


@rule(SHARED, "bad-period", "streak-ranged")
def bonus_rules_shape(context: Context) -> Iterator[Problem]:
    """A rule's validity runs forward; a streak rule has fixed points."""
    rules = context.records.bonus_rules
    if not rules:
        return
    for category in rules.categories:
        for bonus_rule in category.rules:
            yield from _period(bonus_rule, bonus_rule.valid_from, bonus_rule.valid_to)
            if bonus_rule.streak is not None and bonus_rule.ranged:
                yield error(bonus_rule.pos("points"), "streak-ranged", rule=bonus_rule.id)


@rule(SHARED, "duplicate-id", "key-mismatch", "unknown-department", "unknown-person", "weights-sum")
def routine_targets(context: Context) -> Iterator[Problem]:
    """Routine targets belong to a department, name people, weigh at most weights.business."""
    org = context.org
    if not org:
        return
    for stem, sheet in context.records.routine.items():
        department = org.department(stem)
        if department is None:
            yield error(Pos(sheet.at.path), "unknown-department", department=stem)
            continue
        if sheet.department is not None and sheet.department != stem:
            yield error(sheet.pos("department"), "key-mismatch", key=sheet.department, stem=stem)
        yield from _duplicates(sheet.items, "id", "item")
        for item in sheet.items:
            problem = context.unknown_person(item.owner, item.pos("owner"))
            if problem:
                yield problem
        total = sum((item.weight for item in sheet.items), Decimal(0))
        business = max(version.value.business for version in org.weights.versions)
        if total > business:
            yield error(
                sheet.pos("items"), "weights-sum", what="routine", total=total, expected=business
            )


@rule(SHARED, "contract-id-clash")
def contract_ids(context: Context) -> Iterator[Problem]:
    """Contract ids differ from department ids."""
    if not context.org:
        return
    for contract_id, contract in context.records.contracts.items():
        if context.org.department(contract_id) is not None:
            yield error(Pos(contract.at.path), "contract-id-clash", contract=contract_id)


RULES = [
    required_files,
    unique_ids,
    people_and_departments,
    heads_exist,
    weights_sum,
    grades_order,
    versions_start,
    public_sum,
    boundaries_resolve,
    bonus_rules_shape,
    routine_targets,
    contract_ids,
]
